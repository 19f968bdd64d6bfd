// Simulation::archive_state: what a state file holds besides the world's structs
// (world/world_state.h), the recorder's (metrics/recorder_state.cpp) and the policies' own
// (PolicyState::archive, in each policy's file). Listed once; the same walk saves and loads (core/state_archive.h).
#include "engine/simulation.h"
#include "policies/registry.h"

#include <type_traits>

#include "core/error.h"
#include "world/world_state.h"

namespace prosim {
namespace {

// Walks one struct-of-arrays and checks that every array has the same length.
struct LengthCheck {
  const char* what;
  std::size_t n = 0;
  bool first = true;
  template <class T>
  void field(const char* name, const std::vector<T>& v) {
    if (first) n = v.size();
    first = false;
    if (v.size() != n)
      throw RuntimeFailure(std::string("state: ") + what + "." + name + " has " + std::to_string(v.size()) +
                           " elements, " + what + " has " + std::to_string(n));
  }
  template <class T, std::size_t N>
  void field(const char* name, const std::array<std::vector<T>, N>& v) {
    for (const auto& x : v) field(name, x);
  }
  template <class T>
  void field(const char*, const T&) {}
};

template <class S>
std::size_t common_length(const char* what, const S& s) {
  LengthCheck c{what};
  walk(c, const_cast<S&>(s));
  return c.n;
}

}  // namespace

void Simulation::check_state() const {
  const auto& w = world_;
  const std::size_t P = common_length("persons", w.persons), H = common_length("households", w.households);
  const std::size_t F = common_length("firms", w.firms), V = common_length("villages", w.villages);
  const std::size_t S = w.settlements.size(), C = w.counties.size();
  auto range = [](const char* what, std::int64_t x, std::int64_t lo, std::size_t n) {
    if (x < lo || x >= static_cast<std::int64_t>(n))
      throw RuntimeFailure(std::string("state: ") + what + " " + std::to_string(x) + " out of range");
  };
  for (std::size_t i = 0; i < P; ++i) {
    range("persons.household", w.persons.household[i], 0, H);
    range("persons.employer", w.persons.employer[i], -1, F);
  }
  for (std::size_t h = 0; h < H; ++h) {
    range("households.county", w.households.county[h], 0, C);
    range("households.settlement", w.households.settlement[h], 0, S);
    range("households.first_member", w.households.first_member[h] + w.households.size[h], 0, P + 1);
  }
  for (std::size_t k = 0; k < F; ++k) {
    range("firms.county", w.firms.county[k], 0, C);
    range("firms.settlement", w.firms.settlement[k], 0, S);
  }
  for (std::size_t v = 0; v < V; ++v) range("villages.county", w.villages.county[v], 0, C);
  if (C != params_.counties.size()) throw RuntimeFailure("state: " + std::to_string(C) + " counties, the scenario has " +
                                                         std::to_string(params_.counties.size()));
}

void Simulation::archive_state(StateArchive& a) {
  StateFields f{a};
  f.nested("world", world_);
  if (a.loading()) ws_.index_world(world_);  // the workspace is no state: rebuilt from the World
  {
    StateGroup g(a, "engine");
    f.field("burn_in_begun", burn_in_begun_);
    f.field("calibrated", calibrated_);
    f.field("nominal_path", nominal_path_);
    f.field("first_year_level", first_year_level_);
    f.field("money_before", money_before_);
    f.field("calibration_months", calibration_.months);
    f.field("calibration_counties", calibration_.counties);
    f.field("calibration_values", calibration_.values);
    f.field("calibration_weight_basis", calibration_.weight_basis);
    f.field("calibration_converged", calibration_.converged);
    f.field("calibration_first_failure", calibration_.first_failure);
  }
  {
    StateGroup g(a, "recorder");
    recorder_.archive_state(a);
  }
  StateGroup g(a, "policies");
  // Every registered policy's state block (World::policy_states, registry order), switched
  // on or not: a block of a policy that is off keeps its initial values, so a fork whose
  // scenario switches a policy on later starts it fresh. A state without a policy's group
  // (a policy registered after the state was saved) leaves the block fresh too.
  const auto& registry = policy_registry();
  for (std::size_t k = 0; k < registry.size() && k < world_.policy_states.size(); ++k) {
    if (a.loading() && !a.has_group(registry[k].name)) continue;
    StateGroup pg(a, registry[k].name);
    world_.policy_states[k]->archive(a);
  }
}

}  // namespace prosim
