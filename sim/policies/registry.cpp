// The list of policy modules. A new policy is one new file in sim/policies/ defining a
// `PolicyType describe_<name>(std::size_t slot)` (and its <name>.schema.json beside it),
// plus one line in kRegistry below.
//
// Random-number purposes: each line lists its policy's purpose codes. They are part of the
// results (a stream is keyed by its code), so a code is never changed or reused. The first
// five policies kept the codes they had when core/rng.h listed them; a new policy takes the
// next free block of 16 from 1000 (1000-1015, 1016-1031, ...). The registry checks that no
// code is used twice or collides with a core purpose (core/rng.h kCorePurposes).
#include "policies/registry.h"

#include "core/error.h"
#include "metrics/month_sums.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace prosim {

PolicyType describe_minimum_wage(std::size_t slot);
PolicyType describe_dibao(std::size_t slot);
PolicyType describe_enclave(std::size_t slot);
PolicyType describe_relocation(std::size_t slot);
PolicyType describe_training(std::size_t slot);

namespace {

struct Entry {
  const char* name;
  PolicyType (*describe)(std::size_t slot);
  std::vector<std::uint32_t> purposes;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> kRegistry = {
      {"minimum_wage", describe_minimum_wage, {203}},
      {"dibao", describe_dibao, {202}},
      {"enclave", describe_enclave, {200}},
      {"relocation", describe_relocation, {201}},
      {"training", describe_training, {112}},
  };
  return kRegistry;
}

std::vector<RegisteredPolicy> build() {
  std::vector<RegisteredPolicy> out;
  std::vector<std::uint32_t> used(std::begin(kCorePurposes), std::end(kCorePurposes));
  for (const auto& e : entries()) {
    for (auto code : e.purposes) {
      if (std::find(used.begin(), used.end(), code) != used.end())
        throw std::logic_error(std::string("policy registry: purpose code ") + std::to_string(code) + " of " + e.name +
                               " is already used");
      used.push_back(code);
    }
    out.push_back({e.name, e.describe(out.size()), e.purposes});
  }
  return out;
}

}  // namespace

const std::vector<RegisteredPolicy>& policy_registry() {
  static const std::vector<RegisteredPolicy> registry = build();
  return registry;
}

std::vector<std::unique_ptr<Policy>> make_policies(const Params& params) {
  std::vector<std::unique_ptr<Policy>> out;
  const auto& all = policy_registry();
  for (std::size_t slot = 0; slot < all.size(); ++slot) {
    const auto& entry = all[slot];
    if (!params.policies.contains(entry.name) || !params.policies.at(entry.name).at("enabled").get<bool>()) continue;
    const JsonReads block(params.policies.at(entry.name), "/policies/" + entry.name,
                          std::make_shared<std::set<std::string>>());
    out.push_back(entry.type.make(block, params, PolicyContext{slot, entry.purposes}));
    block.at("enabled").mark();  // read every month by policy_active
    block.at("start").mark();
    if (const auto unread = block.unread(); !unread.empty())
      throw ScenarioError(unread.front(), "no code of the " + entry.name + " policy reads this value");
  }
  return out;
}

PolicyStates make_policy_states() {
  PolicyStates states;
  for (const auto& entry : policy_registry()) states.push_back(entry.type.make_state());
  return states;
}

std::vector<Indicator> policy_indicators() {
  std::vector<Indicator> out;
  for (const auto& entry : policy_registry())
    out.insert(out.end(), entry.type.indicators.begin(), entry.type.indicators.end());
  return out;
}

nlohmann::ordered_json scenario_schema_with_policies(nlohmann::ordered_json base) {
  auto& blocks = base.at("properties").at("policies")["properties"];
  for (const auto& entry : policy_registry()) blocks[entry.name] = nlohmann::ordered_json::parse(entry.type.schema);
  return base;
}

void check_policy_blocks(const nlohmann::ordered_json& doc, const std::function<void(const std::string&, const std::string&)>& add) {
  for (const auto& entry : policy_registry())
    if (entry.type.check) entry.type.check(doc, add);
}

void check_policy_block_dates(const nlohmann::ordered_json& given, const nlohmann::ordered_json& doc,
                              const std::function<void(const std::string&, const std::string&)>& warn) {
  for (const auto& entry : policy_registry())
    if (entry.type.check_dates) entry.type.check_dates(given, doc, warn);
}

double policy_indicator(const Params& params, const World& w, const std::string& name, std::size_t index) {
  static const MonthSums no_sums;
  for (const auto& entry : policy_registry())
    for (const auto& row : entry.type.indicators)
      if (row.name == name) return row.reducer(MonthView{params, w, no_sums}, index);
  throw std::out_of_range("no policy declares an indicator named " + name);
}

bool policy_recipient(const World& w, const std::string& policy, std::size_t h) {
  const auto& all = policy_registry();
  for (std::size_t slot = 0; slot < all.size(); ++slot)
    if (all[slot].name == policy) return w.policy_states.at(slot)->recipient(w, h);
  return false;
}

bool policy_active(const nlohmann::ordered_json& block, const YearMonth& date) {
  return block.at("enabled").get<bool>() && date >= year_month_of(block.at("start"));
}

}  // namespace prosim
