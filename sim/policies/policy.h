#pragma once
// A policy module. Each policy lives in one file in sim/policies/ and is registered by
// name in registry.cpp; its parameters are the scenario's `policies.<name>` block.
// Hooks are called at fixed points of the month (engine/simulation.cpp); a policy that
// moves money moves it between accounts (or to/from the rest of the world, recorded in
// World::row), and adds what the government spends to World::programme_spending.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/state_archive.h"
#include "engine/params.h"
#include "world/world.h"

namespace prosim {

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string name() const = 0;
  // Step 1: calendar and policy updates (before firms plan).
  virtual void begin_month(const Params&, World&) {}
  // After taxes and pensions: transfers that depend on the month's income.
  virtual void transfers(const Params&, World&) {}
  // Saves or loads what the policy carries from one month to the next outside World (state
  // files, engine/snapshot.cpp): every such member must be listed here. Parameters read from
  // the block are not state.
  virtual void archive_state(StateArchive&) {}
};

using PolicyFactory = std::unique_ptr<Policy> (*)(const nlohmann::ordered_json& block, const Params& params);

// The policies switched on by the scenario, in registry order (a fixed order, so runs
// are reproducible whatever the order of keys in the file).
std::vector<std::unique_ptr<Policy>> make_policies(const Params& params);

// Whether a block is switched on at `date`: enabled and on or after its start.
bool policy_active(const nlohmann::ordered_json& block, const YearMonth& date);

}  // namespace prosim
