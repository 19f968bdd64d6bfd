// Step 4a: wages and farm income. Employees are paid the firm's wage rate times
// their skill times the firm's hours (short time: firm_planning.cpp), never below their
// firm's county minimum wage when the firm complies, with a small spillover just above it
// (firm_rules.h). First the village land market lets the land of households that no
// longer farm to those that do (land_market.cpp); then farmers earn the county's farm
// income per worker, lower on hill and mountain land, with decreasing returns to the land
// each of them works; farm output is sold out of the region (rest of world): the rents
// farmers pay stay in the region (a cost of their farm business).
#include <cmath>

#include "core/parallel.h"
#include "model/firm_rules.h"
#include "model/person_rules.h"
#include "systems/systems.h"
#include "systems/taxes_and_pensions.h"

namespace prosim {

void pay_wages_and_farm_income(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& f = w.firms;
  auto& ps = w.persons;
  auto& hh = w.households;
  const double mean_wage_last_year = w.mean_wage_last_year;
  update_employee_index(w, ws);
  let_farm_land(p, w, ws);

  // Each employee's wage, firm by firm (the firm's rate, hours and wage floor read once for
  // its staff), with his contribution record, and the firm's wage bill summed in the same
  // loop in its list's order (by person id, as it was summed after the household pass). Every
  // employed person is on his firm's list (update_employee_index), and the pass over
  // households below reads the wages set here: the same values it set itself until issue 18's
  // wage17.
  const LabourStatus* status = ps.status.data();
  for_each_index(f.size(), [&](std::size_t k) {
    const double rate = f.wage_rate[k], hours = f.hours[k];
    const WorkerWage wage_rule(p, w.counties[f.county[k]].min_wage, f.compliant[k]);
    const double mean_wage = mean_wage_last_year;  // a local: the stores below would reload it
    const float* skill = ps.skill.data();
    float* wage_of = ps.wage.data();
    std::uint16_t* months_employed = ps.months_employed.data();
    float* contribution_index = ps.contribution_index.data();
    const std::int32_t* staff = ws.employees_of.data();
    double bill = 0;
    for (auto j = ws.employee_offset[k]; j < ws.employee_offset[k + 1]; ++j) {
      const auto i = static_cast<std::size_t>(staff[j]);
      if (status[i] == LabourStatus::Employed) {
        // On short time (firm_planning.cpp) the pay is pro rata to the hours, never below
        // the monthly minimum wage at a compliant firm (工资支付暂行规定 art. 12: pay for a
        // stoppage not caused by the worker is at least the minimum wage).
        wage_of[i] = static_cast<float>(wage_rule(rate * skill[i] * hours));
        if (months_employed[i] < 60000) {
          months_employed[i] += 1;
          // The record's contribution index: the running mean over its months of the month's
          // index (person_rules.h; read only by the own-wage pension).
          if (mean_wage > 0) {
            const float index = static_cast<float>(contribution_index_of(wage_of[i] / mean_wage));
            contribution_index[i] += (index - contribution_index[i]) / months_employed[i];
          }
        }
      }
      bill += wage_of[i];
    }
    f.wage_bill[k] = bill;
    f.labour_cost[k] = bill * (1 + e.employer_contribution_rate);
    f.cash[k] -= f.labour_cost[k];
  });

  // The members' income tax, contributions and pensions (the government's books, step 5) are
  // added up in the pass over households, on the wages set above (taxes_and_pensions.h).
  const TaxesAndPensions taxes_and_pensions(p, w);
  // The residents' medical insurance: each household's reimbursement this month, which
  // run_government (step 5) pays from the county budget into its deposits. The pass below
  // writes every household's (0 when none is insured), so the array is not cleared.
  const bool medical = taxes_and_pensions.medical();
  if (medical) ws.medical_reimbursement.resize(hh.size_());
  // Farm output sold out of the region: summed in the same pass (fixed split tree).
  w.row.farm_sales += deterministic_sum(hh.size_(), [&](std::size_t h) {
    double wages = 0, farm_income = 0;
    MemberBooks books;
    // Farmers work the land of their (origin) village, also after moving to town. They are
    // counted in the member loop (household_farmers' count: this loop changes no status)
    // and paid after it, per_farmer added once for each as before (the same bits).
    int farmers = 0;
    // In-migrant households from outside the region are insured where their hukou is (if
    // anywhere): not here.
    const bool insured_here = medical && !hh.nonlocal[h];
    // The size read once: a one-byte array, which the pension store (a float) could alias.
    const int size = hh.size[h];
    for (int k = 0; k < size; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      if (status[i] == LabourStatus::Employed) {
        wages += ps.wage[i];
        taxes_and_pensions.add_wage(i, books);
      } else if (status[i] == LabourStatus::Farming) {
        farmers += 1;
      }
      taxes_and_pensions.add_pension(i, status[i] == LabourStatus::Employed, books);
      if (insured_here) taxes_and_pensions.add_medical(i, status[i] == LabourStatus::Employed, books);
    }
    if (farmers > 0) {
      const double per_farmer = farm_income_per_farmer(p, w, h, farmers);
      for (int k = 0; k < farmers; ++k) farm_income += per_farmer;
    }
    hh.income[kWages][h] = wages;  // the month's first writer (simulation.cpp does not clear it)
    hh.wages_away[h] = 0;          // the same: the outside channel (step 5b) books this month's
    hh.income[kProfits][h] = 0;    // the same: settle_firms pays them to owners later
    hh.income[kFarm][h] += farm_income;
    // The same, for the four sources of the government's books: the members' sums (the
    // government adds the dividend tax), and social assistance zero (the dibao adds to it).
    hh.income[kIncomeTax][h] = books.tax;
    hh.income[kSocialContributions][h] = books.contributions;
    hh.income[kPensions][h] = books.pension;
    hh.income[kSocialAssistance][h] = 0;
    if (medical) ws.medical_reimbursement[h] = books.medical;  // the month's first writer
    // Other transfers were cleared at the start of the month (Simulation::run_month).
    if (insured_here) hh.income[kOtherTransfers][h] += books.medical;
    hh.savings[h] += wages + farm_income;
    return farm_income;
  });

  // Employer contributions go to the county where the firm is (sequential, id order).
  for (std::size_t k = 0; k < f.size(); ++k) {
    const double contributions = f.wage_bill[k] * e.employer_contribution_rate;
    w.counties[f.county[k]].budget += contributions;
    w.counties[f.county[k]].revenue += contributions;
  }
}

}  // namespace prosim
