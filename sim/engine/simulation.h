#pragma once
// Runs a scenario: builds the world, calibrates it in a burn-in, then steps month by
// month through the monthly systems and policies in a fixed order, recording indicators.
#include <functional>
#include <memory>
#include <vector>

#include "engine/params.h"
#include "metrics/recorder.h"
#include "policies/policy.h"
#include "systems/systems.h"
#include "world/world.h"

namespace prosim {

class Simulation {
 public:
  explicit Simulation(Params params);

  // Calibration burn-in (economy.burn_in_months, before `start`, not recorded): county
  // wage levels are tuned to a 3 % county unemployment rate, and firms' county demand
  // weights and the external demand to the counties' GDP. After it, nothing is tuned.
  void calibrate();
  // One month of the recorded run.
  void step();
  bool done() const { return world_.month_index >= params_.months(); }

  const World& world() const { return world_; }
  World& world() { return world_; }
  const Params& params() const { return params_; }
  RunRecord finish() { return recorder_.finish(world_); }

  // Money held in the region before the last month, and that month's rest-of-world flows:
  // for the stock-flow consistency check.
  double money_before_last_month() const { return money_before_; }

 private:
  void run_month(bool grow);

  Params params_;
  World world_;
  Workspace ws_;
  std::vector<std::unique_ptr<Policy>> policies_;
  Recorder recorder_;
  std::vector<double> unemployment_reference_;
  double money_before_ = 0;
};

using ProgressFn = std::function<void(int month_done, int months_total)>;

// Whole run with `threads` worker threads (0 = all cores). Same seed, same bits,
// whatever the thread count.
RunRecord run_simulation(const Params& params, int threads, const ProgressFn& progress = {});

}  // namespace prosim
