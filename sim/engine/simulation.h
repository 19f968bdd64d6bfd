#pragma once
// Runs a scenario: builds the world, calibrates it in a burn-in, then steps month by
// month through the monthly systems and policies in a fixed order, recording indicators.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/params.h"
#include "metrics/recorder.h"
#include "policies/registry.h"
#include "systems/systems.h"
#include "world/world.h"

namespace prosim {

class Simulation {
 public:
  explicit Simulation(Params params);

  // Calibration burn-in (economy.burn_in_months, before `start`, not recorded; in
  // engine/calibration.cpp): county wage levels are tuned to a 3 % county unemployment rate,
  // firms' county demand weights and the external demand to the counties' GDP, and the
  // outside-income rates to the counties' urban and rural incomes. After it, nothing is tuned.
  void calibrate();
  // Whether every county ended the burn-in within the calibration bands (calibration.cpp).
  bool burn_in_converged() const { return calibration_.converged; }
  // One month of the recorded run.
  void step();
  bool done() const { return world_.month_index >= params_.months(); }

  const World& world() const { return world_; }
  World& world() { return world_; }
  const Params& params() const { return params_; }
  // The recorded indicators and the burn-in's convergence record (/calibration).
  RunRecord finish();

  // Money held in the region before the last month, and that month's rest-of-world flows:
  // for the stock-flow consistency check.
  double money_before_last_month() const { return money_before_; }

 private:
  void run_month(bool recorded);

  // Per burn-in month and county: unemployment, urban / rural income gap, GDP gap, outside
  // rates urban / rural (calibration.cpp).
  struct CalibrationLog {
    static constexpr int kVariables = 6;
    int months = 0, counties = 0;
    std::vector<double> values;  // [month][county][variable]
    bool converged = false;
    std::string first_failure;
    double at(int m, std::size_t c, int k) const { return values[(static_cast<std::size_t>(m) * counties + c) * kVariables + k]; }
  };

  Params params_;
  World world_;
  Workspace ws_;
  std::vector<std::unique_ptr<Policy>> policies_;
  Recorder recorder_;
  std::vector<double> unemployment_reference_;
  std::vector<double> nominal_path_;  // nominal level, burn-in start .. December of the first year
  double first_year_level_ = 1;       // mean nominal level of the first simulated year
  CalibrationLog calibration_;
  double money_before_ = 0;
};

using ProgressFn = std::function<void(int month_done, int months_total)>;

// Whole run with `threads` worker threads (0 = all cores). Same seed, same bits,
// whatever the thread count.
RunRecord run_simulation(const Params& params, int threads, const ProgressFn& progress = {});

}  // namespace prosim
