#pragma once
// The policy seam. A policy is one file in sim/policies/ (plus its scenario-block schema,
// <name>.schema.json beside it) and one line in registry.cpp. Its file defines:
//  - a Policy: the hooks called at fixed points of the month (engine/simulation.cpp);
//  - its state block (derived from PolicyState), kept in World::policy_states;
//  - its indicators (rows of the indicator table, metrics/indicator.h);
//  - checks of its block that the schema cannot express;
// and gets its random-number purposes from the registry (PolicyContext). A policy that
// moves money moves it between accounts (or to/from the rest of the world, recorded in
// World::row), and adds what the government spends to World::programme_spending.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rng.h"
#include "model/params.h"
#include "metrics/indicator.h"
#include "world/world.h"

namespace prosim {

// What the registry hands a policy: its state block's slot and its random-number purposes.
struct PolicyContext {
  std::size_t slot = 0;
  std::vector<std::uint32_t> purposes;
};

class Policy {
 public:
  explicit Policy(PolicyContext context) : context_(std::move(context)) {}
  virtual ~Policy() = default;
  // Step 1: calendar and policy updates (before firms plan).
  virtual void begin_month(const Params&, World&) {}
  // After taxes and pensions: transfers that depend on the month's income.
  virtual void transfers(const Params&, World&) {}

 protected:
  // A random stream of the policy's k-th purpose (the registry's codes: adding a policy
  // never shifts another's draws).
  RandomStream random(const Params& p, std::size_t k, std::uint32_t month, std::uint64_t entity) const {
    return RandomStream(p.seed, static_cast<Purpose>(context_.purposes.at(k)), month, entity);
  }
  // The policy's state block in the world.
  template <class State>
  State& state(World& w) const {
    return static_cast<State&>(*w.policy_states.at(context_.slot));
  }

 private:
  PolicyContext context_;
};


// A problem found in a scenario: JSON pointer and what was expected (io/scenario_loader).
struct PolicyIssue {
  std::string pointer, message;
};

// A policy's declaration: everything the rest of the program needs to know about it.
struct PolicyType {
  // The schema of the scenario block policies.<name> (the embedded <name>.schema.json).
  const char* schema = nullptr;
  std::function<std::unique_ptr<PolicyState>()> make_state;
  // Reads its block through `block`, which records the reads: a key of its schema that the
  // policy does not read is refused (make_policies).
  std::function<std::unique_ptr<Policy>(const JsonReads& block, const Params&, PolicyContext)> make;
  // Its indicators; their reducers read the world (its state block: state_of below).
  std::vector<Indicator> indicators;
  // Checks on the resolved scenario `doc` (defaults filled; the block may be absent) that the
  // schema cannot express. `add(pointer, expected)` reports "found <value>, expected ...".
  std::function<void(const nlohmann::ordered_json& doc, const std::function<void(const std::string&, const std::string&)>& add)>
      check;
  // Warnings and errors about its dates beyond the start/end of the run (a schedule, ...):
  // `given` is the resolved document before defaults, `warn(pointer, text)`.
  std::function<void(const nlohmann::ordered_json& given, const nlohmann::ordered_json& doc,
                      const std::function<void(const std::string&, const std::string&)>& warn)>
      check_dates;
  // Saved states (engine/fork_check.cpp, app/run_states.cpp). `acts_from`: the first month a
  // difference in key `key` of its block (switched on in both scenarios, blocks a and b, both
  // starting no later than `start`) acts, if it acts later than the block's start; empty
  // means from `start`, `run_start` (the run's first month) means from the beginning.
  std::function<std::optional<YearMonth>(const std::string& key, const nlohmann::ordered_json& a,
                                         const nlohmann::ordered_json& b, YearMonth start, YearMonth run_start)>
      acts_from;
  // Dates other than its start at which its settings first act (a schedule's entries, ...).
  std::function<void(const nlohmann::ordered_json& block, const std::function<void(const nlohmann::ordered_json& date)>& add)>
      action_dates;
};

// A registered policy's state block in a world (for its indicators and tests).
template <class State>
const State& state_of(const World& w, std::size_t slot) {
  return static_cast<const State&>(*w.policy_states.at(slot));
}

// Whether a block is switched on at `date`: enabled and on or after its start.
bool policy_active(const nlohmann::ordered_json& block, const YearMonth& date);

}  // namespace prosim
