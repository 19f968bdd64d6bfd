// Severe disability (model/disability.h, model.md 3.2): its share by age follows the survey's
// rates, and persons of working age with it stay out of the labour force (the build, labour-
// market entry and the added-worker rule), where others mostly work or look for work.
#include <doctest/doctest.h>

#include "engine/simulation.h"
#include "model/disability.h"
#include "small_world.h"

using namespace prosim;

TEST_CASE("severely disabled persons: shares by age as the rates, and out of the labour force at working age") {
  const Simulation sim = testing::run_small_world({}, 0.003, "2022-12");
  const auto& w = sim.world();
  const auto& e = sim.params().economy;
  const auto& ps = w.persons;
  double young = 0, young_d = 0, old = 0, old_d = 0;
  double adults = 0, adults_lf = 0, adults_d = 0, adults_d_lf = 0;  // aged 25-49, local households
  for (std::size_t h = 0; h < w.households.size_(); ++h)
    for (int k = 0; k < w.households.size[h]; ++k) {
      const std::size_t i = w.households.first_member[h] + k;
      const bool d = severely_disabled(e, sim.params().seed, i, ps.occupant[i], ps.age_months[i]);
      const int years = ps.age_months[i] / 12;
      (years < 60 ? young : old) += 1;
      (years < 60 ? young_d : old_d) += d;
      if (years < 25 || years >= 50 || w.households.nonlocal[h] || ps.status[i] == LabourStatus::Migrant) continue;
      const bool lf = in_labour_force(ps.status[i]);
      (d ? adults_d : adults) += 1;
      (d ? adults_d_lf : adults_lf) += lf;
    }
  MESSAGE("severely disabled: under 60 " << young_d / young << " (rate " << e.severe_disability_rate_under_60
                                         << "), 60+ " << old_d / old << " (rate " << e.severe_disability_rate_60_plus
                                         << "), all " << (young_d + old_d) / (young + old) << "; in the labour force at 25-49: "
                                         << adults_d_lf / adults_d << " of " << adults_d << " disabled, "
                                         << adults_lf / adults << " of the others");
  CHECK(young_d / young == doctest::Approx(e.severe_disability_rate_under_60).epsilon(0.3));
  CHECK(old_d / old == doctest::Approx(e.severe_disability_rate_60_plus).epsilon(0.2));
  CHECK(adults_d > 20);
  CHECK(adults_lf / adults > 0.8);
  // A member moved down a slot after a death gets a new draw (model.md 3.2): a few of them work.
  CHECK(adults_d_lf / adults_d < 0.1);
}
