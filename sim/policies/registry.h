#pragma once
// The registered policies (registry.cpp): what the engine, the recorder and the scenario
// loader know of policies, without naming any of them.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "policies/policy.h"

namespace prosim {

struct RegisteredPolicy {
  std::string name;                     // its scenario block: policies.<name>
  PolicyType type;                      // from its file
  std::vector<std::uint32_t> purposes;  // its random-number purposes (codes of core/rng.h's Purpose space)
};

// Every policy, in registry order (the order of hooks, state blocks and added indicators:
// fixed, so runs do not depend on the order of keys in a scenario).
const std::vector<RegisteredPolicy>& policy_registry();

// The policies switched on by the scenario, in registry order.
std::vector<std::unique_ptr<Policy>> make_policies(const Params& params);

// One fresh state block per registered policy, in registry order (World::policy_states).
PolicyStates make_policy_states();

// Every policy's indicator rows, in registry order.
std::vector<Indicator> policy_indicators();

// The scenario schema: `base` (scenarios/scenario.schema.json) with each policy's block
// schema put under /properties/policies/properties/<name>, in registry order.
nlohmann::ordered_json scenario_schema_with_policies(nlohmann::ordered_json base);

// Each policy's checks of a resolved scenario (PolicyType::check, check_dates).
void check_policy_blocks(const nlohmann::ordered_json& doc, const std::function<void(const std::string&, const std::string&)>& add);
void check_policy_block_dates(const nlohmann::ordered_json& given, const nlohmann::ordered_json& doc,
                              const std::function<void(const std::string&, const std::string&)>& warn);

// The value of a policy's indicator row `name` in this world (county or village `index`), for
// tests and tools; policy rows read the world and their state block, not the month's sums.
// Throws std::out_of_range for a name no policy declares.
double policy_indicator(const Params& params, const World& w, const std::string& name, std::size_t index = 0);

// Whether the named policy counts household `h` among its recipients this month
// (PolicyState::recipient; false for a name not registered).
bool policy_recipient(const World& w, const std::string& policy, std::size_t h);

}  // namespace prosim
