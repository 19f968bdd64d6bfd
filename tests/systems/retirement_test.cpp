// Retirement and pension kinds (docs/model.md 3.2 and 4.11): persons with an urban-employee
// pension record (180 months of contributions, or an urban hukou) retire at
// employee_retirement_age with the employee pension; the others at retirement_age with the
// rural-resident pension. At the build, a record is drawn with probability
// employee_pension_share_{urban,rural}_hukou, and working-age holders carry it as months of
// contributions since labour-market entry.
#include <doctest/doctest.h>

#include "../model/small_world.h"
#include "population/world_builder.h"
#include "systems/systems.h"

using namespace prosim;

TEST_CASE("build: retirement ages and employee-pension shares by hukou") {
  const auto p = testing::small_world({}, 0.005);
  REQUIRE(p.economy.employee_retirement_age < p.economy.retirement_age);
  const World w = build_world(p);
  const auto& ps = w.persons;
  const auto& e = p.economy;
  double retired[2] = {0, 0}, employee[2] = {0, 0};  // age >= retirement_age, by hukou
  int young_employee_retirees = 0, young_resident_retirees = 0, young_non_retired = 0, record_without_months = 0;
  int resident_workers = 0;  // employed on the resident pension, aged retirement_age .. resident_work_age
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const double age = ps.age_months[i] / 12.0;
    const bool urban = ps.urban_hukou[i];
    if (age >= e.retirement_age) {
      // Retired, or (until farm_retirement_age) farming on the resident pension, or (until
      // resident_work_age) drawn as the working ages on the resident pension.
      const bool resident = ps.pension[i] == PensionKind::RuralResident;
      const bool farming = ps.status[i] == LabourStatus::Farming && resident && age < e.farm_retirement_age;
      const bool working_age = resident && age < e.resident_work_age;
      REQUIRE((ps.status[i] == LabourStatus::Retired || farming || working_age));
      resident_workers += working_age && ps.status[i] == LabourStatus::Employed;
      retired[urban] += 1;
      employee[urban] += ps.pension[i] == PensionKind::UrbanEmployee;
    } else if (age >= e.employee_retirement_age) {
      // Between the two ages: retired only with an employee pension.
      if (ps.status[i] == LabourStatus::Retired) {
        young_employee_retirees += ps.pension[i] == PensionKind::UrbanEmployee;
        young_resident_retirees += ps.pension[i] == PensionKind::RuralResident;
      } else {
        young_non_retired += 1;
        // Not retired at this age means no record: no contribution months either.
        record_without_months += ps.months_employed[i] > 0;
      }
    } else if (ps.status[i] != LabourStatus::Child && ps.months_employed[i] > 0) {
      // A working-age record holder carries the months since labour-market entry.
      CHECK(ps.months_employed[i] == ps.age_months[i] - ps.entry_age_months[i]);
    }
  }
  CHECK(resident_workers > 0);
  CHECK(young_employee_retirees > 0);
  CHECK(young_resident_retirees == 0);
  CHECK(young_non_retired > 0);
  CHECK(record_without_months == 0);
  CHECK(employee[1] / retired[1] == doctest::Approx(e.employee_pension_share_urban_hukou).epsilon(0.05));
  CHECK(employee[0] / retired[0] == doctest::Approx(e.employee_pension_share_rural_hukou).epsilon(0.1));
}

TEST_CASE("demography: a contribution record retires at employee_retirement_age, none at retirement_age") {
  const auto p = testing::small_world({}, 0.002);
  World w = build_world(p);
  auto& ps = w.persons;
  const auto& e = p.economy;
  // Four working rural-hukou persons aged one month short of each age, with and without 180
  // months of contributions.
  std::vector<std::size_t> picks;
  for (std::size_t i = 0; i < ps.size() && picks.size() < 4; ++i)
    if (!ps.urban_hukou[i] && ps.status[i] != LabourStatus::Child && ps.status[i] != LabourStatus::Retired &&
        ps.status[i] != LabourStatus::Migrant && ps.age_months[i] > 30 * 12 && ps.age_months[i] < 45 * 12)
      picks.push_back(i);  // below 45: the Gompertz death hazard is negligible in one month
  REQUIRE(picks.size() == 4);
  const int ages[4] = {e.employee_retirement_age, e.employee_retirement_age, e.retirement_age, e.retirement_age};
  const int months[4] = {180, 179, 179, 180};
  for (int k = 0; k < 4; ++k) {
    ps.age_months[picks[k]] = static_cast<std::uint16_t>(ages[k] * 12 - 1);
    ps.months_employed[picks[k]] = static_cast<std::uint16_t>(months[k]);
    ps.status[picks[k]] = LabourStatus::Unemployed;
  }
  Workspace ws;
  run_demography(p, w, ws);
  // Deaths are possible above 30 in principle; skip a person replaced by a newborn.
  auto check = [&](int k, bool retired, PensionKind kind) {
    if (ps.age_months[picks[k]] == 0) return;
    INFO("person " << k);
    CHECK((ps.status[picks[k]] == LabourStatus::Retired) == retired);
    CHECK(ps.pension[picks[k]] == kind);
  };
  check(0, true, PensionKind::UrbanEmployee);   // employee age, 180 months
  check(1, false, PensionKind::None);           // employee age, 179 months: keeps working
  check(2, true, PensionKind::RuralResident);   // retirement age, 179 months
  check(3, true, PensionKind::UrbanEmployee);   // retirement age, 180 months
}
