#pragma once
// Runs a scenario: builds the world, calibrates it in a burn-in, then steps month by
// month through the monthly systems and policies in a fixed order, recording indicators.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/profile.h"
#include "core/state_archive.h"
#include "model/params.h"
#include "metrics/recorder.h"
#include "policies/registry.h"
#include "systems/systems.h"
#include "world/world.h"

namespace prosim {

class Simulation {
 public:
  explicit Simulation(Params params);
  // Without building the world: for a Simulation whose state is loaded next (archive_state),
  // which replaces the world and everything derived from it. Building the world is a tenth
  // of a short run's time; a forked run does not need it.
  struct EmptyWorld {};
  Simulation(Params params, EmptyWorld);

  // Calibration burn-in (economy.burn_in_months, before `start`, not recorded; in
  // engine/calibration.cpp): county wage levels are tuned to a 3 % county unemployment rate,
  // firms' county demand weights and the external demand to the counties' GDP, and the
  // outside-income rates to the counties' urban and rural incomes. After it, nothing is tuned.
  void calibrate();
  // Whether every county ended the burn-in within the calibration bands (calibration.cpp).
  bool burn_in_converged() const { return calibration_.converged; }
  // One month of the recorded run.
  void step();
  bool done() const { return calibrated_ && world_.month_index >= params_.months(); }
  // The next month, wherever the run stands: a burn-in month (calibrate's, one at a time) or
  // a recorded month (step). Between two calls the simulation is at the start of a month
  // and its state can be saved or loaded (archive_state).
  void advance();
  // Starts the burn-in (month_index = -burn_in_months) unless it has begun; advance() does
  // this itself, run_simulation calls it first so that every month starts at its own index.
  void begin() {
    if (!burn_in_begun_) begin_burn_in();
  }
  bool calibrated() const { return calibrated_; }

  // Saves or loads (StateArchive::loading) the whole state of the run at the start of a month:
  // the world, the burn-in's record, what the recorder has recorded and accumulates, every
  // policy's own state and the carried scratch (engine/snapshot.cpp). The random streams are
  // counter-based (core/rng.h): they need no state. Loading replaces the state of a
  // Simulation built from a scenario that agrees with the saved one (io/state_file.h checks).
  void archive_state(StateArchive& a);
  // After loading: the arrays of each struct-of-arrays have one length, and the ids that
  // link them are in range; throws RuntimeFailure naming the first problem.
  void check_state() const;

  const World& world() const { return world_; }
  // The systems' scratch between steps of a month (tests read what one step left for the next,
  // e.g. the residents' medical reimbursements of the month).
  const Workspace& workspace() const { return ws_; }
  World& world() { return world_; }
  const Params& params() const { return params_; }
  // The recorded indicators and the burn-in's convergence record (/calibration).
  RunRecord finish();

  // Money held in the region before the last month, and that month's rest-of-world flows:
  // for the stock-flow consistency check.
  double money_before_last_month() const { return money_before_; }

  // Times each monthly system from now on (`prosim run --profile`); null: no timing.
  void set_profile(Profile* profile) { profile_ = profile; }

 private:
  void lap(const char* section) {
    if (profile_) profile_->lap(section);
  }
  Simulation(Params params, bool build);
  void run_month(bool recorded);
  void begin_burn_in();
  void burn_in_month();
  void end_burn_in();

  // Per burn-in month and county: unemployment, urban / rural income gap, GDP gap, outside
  // rates urban / rural (calibration.cpp).
  struct CalibrationLog {
    static constexpr int kVariables = 6;
    int months = 0, counties = 0;
    std::vector<double> values;  // [month][county][variable]
    // Per county: its firms' summed demand weight per unit of demand_weight when the demand
    // lever last set it (engine/calibration.cpp).
    std::vector<double> weight_basis;
    bool converged = false;
    std::string first_failure;
    double at(int m, std::size_t c, int k) const { return values[(static_cast<std::size_t>(m) * counties + c) * kVariables + k]; }
  };

  Params params_;
  World world_;
  Workspace ws_;
  std::vector<std::unique_ptr<Policy>> policies_;
  Recorder recorder_;
  std::vector<double> nominal_path_;  // nominal level, burn-in start .. December of the first year
  double first_year_level_ = 1;       // mean nominal level of the first simulated year
  CalibrationLog calibration_;
  double money_before_ = 0;
  bool burn_in_begun_ = false, calibrated_ = false;
  Profile* profile_ = nullptr;  // not state: timing only
};

using ProgressFn = std::function<void(int month_done, int months_total)>;

// What a run does with states (cmd_run.cpp fills them with io/state_file.h's functions).
struct StateHooks {
  // Called once before the first month on a simulation built without a world (Simulation::
  // EmptyWorld): loads a state into it. Unset: the world is built and the run starts afresh.
  std::function<void(Simulation&)> load;
  // Called at the start of every month (burn-in months included) and once after the last:
  // may save a state (checkpoints, --save-state).
  std::function<void(Simulation&)> month_start;
};

// Whole run with `threads` worker threads (0 = all cores). Same seed, same bits,
// whatever the thread count, and whether or not the run went through a saved state.
// A `profile` is charged with the time of each step (core/profile.h); it changes no result.
RunRecord run_simulation(const Params& params, int threads, const ProgressFn& progress = {},
                         const StateHooks& hooks = {}, Profile* profile = nullptr);

}  // namespace prosim
