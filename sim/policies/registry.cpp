// The list of policy modules. A new policy is one new file in sim/policies/ defining a
// factory, plus one line here.
#include "policies/policy.h"

namespace prosim {

std::unique_ptr<Policy> make_minimum_wage(const nlohmann::ordered_json&, const Params&);
std::unique_ptr<Policy> make_dibao(const nlohmann::ordered_json&, const Params&);
std::unique_ptr<Policy> make_enclave(const nlohmann::ordered_json&, const Params&);
std::unique_ptr<Policy> make_relocation(const nlohmann::ordered_json&, const Params&);
std::unique_ptr<Policy> make_training(const nlohmann::ordered_json&, const Params&);

namespace {
struct Entry {
  const char* name;
  PolicyFactory make;
};
constexpr Entry kRegistry[] = {
    {"minimum_wage", make_minimum_wage},
    {"dibao", make_dibao},
    {"enclave", make_enclave},
    {"relocation", make_relocation},
    {"training", make_training},
};
}  // namespace

std::vector<std::unique_ptr<Policy>> make_policies(const Params& params) {
  std::vector<std::unique_ptr<Policy>> out;
  for (const auto& entry : kRegistry)
    if (params.policies.contains(entry.name) && params.policies.at(entry.name).at("enabled").get<bool>())
      out.push_back(entry.make(params.policies.at(entry.name), params));
  return out;
}

bool policy_active(const nlohmann::ordered_json& block, const YearMonth& date) {
  return block.at("enabled").get<bool>() && date >= year_month_of(block.at("start"));
}

}  // namespace prosim
