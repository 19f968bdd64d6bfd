// `prosim run`'s state files (app/run_states.h).
#include "app/run_states.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/error.h"
#include "engine/fork_check.h"
#include "policies/registry.h"
#include "io/sha256.h"
#include "io/state_file.h"

namespace prosim {
namespace {

// The header of a state to be read, refused (StateRefused) unless it fits `scenario`.
// `exact`: every difference counts (a checkpoint must be of this very scenario).
StateHeader checked(const std::string& path, const char* what, const nlohmann::ordered_json& scenario, bool exact) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw StateRefused(std::string(what) + " " + path + " does not exist");
  StateHeader h;
  try {
    h = read_state_header(path);
  } catch (const RuntimeFailure& e) {
    throw StateRefused(std::string(what) + ": " + e.what());
  }
  nlohmann::ordered_json saved;
  try {
    saved = nlohmann::ordered_json::parse(h.scenario_json);
  } catch (const std::exception&) {
    throw StateRefused(std::string(what) + " " + path + ": its scenario is not valid JSON (damaged)");
  }
  const auto at = parse_year_month(h.date);
  if (!at) throw StateRefused(std::string(what) + " " + path + ": its month '" + h.date + "' is not YYYY-MM (damaged)");
  const std::string diff = fork_difference(saved, scenario, exact ? YearMonth{99999, 12} : *at);
  if (!diff.empty())
    throw StateRefused(std::string(what) + " " + path + " (scenario \"" + h.scenario_name + "\", month " + h.date +
                       ") does not fit this run: " + diff);
  return h;
}

}  // namespace

RunStates::RunStates(const RunArgs& args, const nlohmann::ordered_json& scenario, const Params& params,
                     const std::string& out)
    : args_(args), scenario_json_(scenario.dump(2)), out_(out), checkpoint_every_(args.checkpoint_every),
      burn_in_(params.economy.burn_in_months) {
  if (args.resume && !args.from_state.empty()) {
    usage_error = "--resume and --from-state exclude each other";
    return;
  }
  const YearMonth first = params.start.plus(-burn_in_);
  for (const auto& spec : args.save_states) {
    const auto eq = spec.find('=');
    const auto date = eq == std::string::npos ? std::nullopt : parse_year_month(spec.substr(0, eq));
    if (!date || eq + 1 >= spec.size()) {
      usage_error = "--save-state " + printable(spec, 80) + ": expected YYYY-MM=STATE.h5";
      return;
    }
    if (*date < first || *date > params.end) {
      usage_error = "--save-state " + printable(spec, 80) + ": " + date->str() + " is not a month of this run (" +
                    first.str() + " with the burn-in .. " + params.end.str() + ")";
      return;
    }
    save_at_[date->serial()] = spec.substr(eq + 1);
  }
  if (args.resume) {
    read_from_ = checkpoint_path(out);
    std::error_code ec;
    if (!std::filesystem::exists(read_from_, ec))
      throw StateRefused("--resume: no checkpoint " + read_from_ + " (a run writes one with --checkpoint-every N)");
    const auto h = checked(read_from_, "checkpoint", scenario, true);
    std::fprintf(stderr, "resuming from %s (month %s)\n", read_from_.c_str(), h.date.c_str());
    origin_ = " (resumed from " + read_from_ + " at " + h.date + ")";
  } else if (!args.state_cache.empty() && !args.from_state.empty()) {
    usage_error = "--state-cache and --from-state exclude each other";
    return;
  } else if (!args.state_cache.empty()) {
    use_cache(scenario, params);
  } else if (!args.from_state.empty()) {
    read_from_ = args.from_state;
    const auto h = checked(read_from_, "state", scenario, false);
    std::fprintf(stderr, "starting from %s (scenario \"%s\", month %s)\n", read_from_.c_str(), h.scenario_name.c_str(),
                 h.date.c_str());
    origin_ = " (from state " + read_from_ + " of scenario " + h.scenario_name + " at " + h.date + ")";
  }
}

// The months at which a setting of this scenario's policies first acts after the run's start:
// a block's start, a minimum-wage schedule entry's date, a Dosi rule's start. A run of
// another scenario that differs from this one only from such a month on can fork there.
static std::set<int> policy_months(const nlohmann::ordered_json& scenario, const Params& params) {
  std::set<int> months{params.start.serial()};
  auto add = [&](const nlohmann::ordered_json& date) {
    const auto d = year_month_of(date);
    if (d > params.start && d <= params.end) months.insert(d.serial());
  };
  if (!scenario.contains("policies")) return months;
  for (const auto& [name, block] : scenario.at("policies").items()) {
    if (!block.value("enabled", false)) continue;
    add(block.at("start"));
    for (const auto& r : policy_registry())
      if (r.name == name && r.type.action_dates) r.type.action_dates(block, add);
  }
  return months;
}

// --state-cache DIR: start from the latest state in DIR that fits this run (engine/fork_check.h),
// and save states at this scenario's policy months that DIR has no fitting state for yet.
void RunStates::use_cache(const nlohmann::ordered_json& scenario, const Params& params) {
  cache_ = args_.state_cache;
  std::error_code ec;
  std::filesystem::create_directories(cache_, ec);
  std::set<int> fitting;
  int best = -1;
  for (const auto& entry : std::filesystem::directory_iterator(cache_, ec)) {
    const auto path = entry.path().string();
    if (entry.path().extension() != ".h5") continue;
    try {
      const auto h = read_state_header(path);
      const auto at = parse_year_month(h.date);
      if (h.seed != params.seed || !at || !h.calibrated || *at > params.end) continue;
      if (!fork_difference(nlohmann::ordered_json::parse(h.scenario_json), scenario, *at).empty()) continue;
      fitting.insert(at->serial());
      if (at->serial() > best) {
        best = at->serial();
        read_from_ = path;
      }
    } catch (const std::exception&) {
      continue;  // another version's, or damaged: not used
    }
  }
  const std::string stem = sha256_hex(scenario_json_).substr(0, 16);
  for (const int m : policy_months(scenario, params))
    if (!fitting.count(m) && m > best) cache_at_[m] = stem + "-" + YearMonth::from_serial(m).str() + ".h5";
  if (!read_from_.empty()) {
    std::fprintf(stderr, "starting from %s (month %s)\n", read_from_.c_str(), YearMonth::from_serial(best).str().c_str());
    origin_ = " (from cached state " + read_from_ + " at " + YearMonth::from_serial(best).str() + ")";
  }
}

StateHooks RunStates::hooks() {
  StateHooks h;
  if (!read_from_.empty())
    h.load = [this](Simulation& sim) {
      try {
        load_state(sim, read_from_);
      } catch (const RuntimeFailure& e) {
        throw StateRefused(e.what());
      }
      last_saved_ = sim.world().month_index;  // no checkpoint of the month just loaded
    };
  h.month_start = [this](Simulation& sim) {
    const auto& w = sim.world();
    if (auto it = save_at_.find(w.date.serial()); it != save_at_.end() && (sim.calibrated() || w.month_index < 0)) {
      const auto t0 = std::chrono::steady_clock::now();
      save_state(sim, scenario_json_, it->second);
      std::fprintf(stderr, "state at the start of %s: %s (%.2f s)\n", w.date.str().c_str(), it->second.c_str(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    if (auto it = cache_at_.find(w.date.serial()); it != cache_at_.end() && sim.calibrated()) {
      // Written under a name of its own, then renamed: runs sharing the cache never see a
      // partial file, and two runs saving the same state write the same bytes. Best effort:
      // a failed save costs later runs time, not this run its output.
      const auto final_path = (std::filesystem::path(cache_) / it->second).string();
      const auto tmp = final_path + ".tmp" + std::to_string(::getpid());
      try {
        const auto t0 = std::chrono::steady_clock::now();
        save_state(sim, scenario_json_, tmp, /*compress=*/false);
        if (std::rename(tmp.c_str(), final_path.c_str()) != 0) std::remove(tmp.c_str());
        std::fprintf(stderr, "state cache: %s (%.2f s)\n", final_path.c_str(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      } catch (const RuntimeFailure& e) {
        std::fprintf(stderr, "warning: state cache: %s\n", e.what());
      }
    }
    const int done = w.month_index + burn_in_;  // months done, burn-in included
    if (checkpoint_every_ > 0 && done > 0 && done % checkpoint_every_ == 0 && !sim.done() && w.month_index != last_saved_) {
      save_state(sim, scenario_json_, checkpoint_path(out_), /*compress=*/false);
      last_saved_ = w.month_index;
    }
  };
  return h;
}

void RunStates::finished() {
  if (checkpoint_every_ > 0 || args_.resume) {
    std::remove(checkpoint_path(out_).c_str());
    std::remove((checkpoint_path(out_) + ".part").c_str());  // left by a kill during a checkpoint's write
  }
}

}  // namespace prosim
