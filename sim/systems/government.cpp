// Step 5 (run after firms' accounts so that transfers see the month's whole income):
// income tax and social contributions, pensions, interest on deposits, and provincial pooling of the
// pension deficit. The members' part (taxes on wages, contributions, pensions) is added up by
// the wage pass (taxes_and_pensions.h); this step books each household's whole. Policy
// transfers (dibao, ...) are applied by the policy modules right after this system, from the
// county budgets.
#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "systems/systems.h"

namespace prosim {

void run_government(const Params& p, World& w, Workspace& ws) {
  const auto& e = p.economy;
  auto& hh = w.households;
  // The rate on the deposit stock moves with the observed cuts (economy.deposit_rate_path) as
  // deposits mature; until issue 12 it was deposit_rate in every month.
  const double monthly_interest = deposit_rate_at(e, w.date) / 12.0;
  const bool medical = e.resident_medical_insurance;
  // One parallel pass: each household's own books, and by reduction the interest paid by
  // the banks and each county's net receipts (taxes and contributions less pensions).
  struct Sums {
    double interest = 0;
    std::vector<double> net;
  } zero{0.0, std::vector<double>(w.counties.size(), 0.0)};
  const auto sums = deterministic_reduce(
      hh.size_(), zero,
      [&](std::size_t h, Sums& a) {
        // The members' taxes, contributions and pensions are this month's sums of the wage
        // pass (taxes_and_pensions.h), which set these sources and social assistance (zero:
        // the dibao, a policy, after this, adds to it); the household adds its dividend tax.
        const double tax = hh.income[kIncomeTax][h] + e.dividend_tax_rate * hh.income[kProfits][h];
        const double contributions = hh.income[kSocialContributions][h], pension = hh.income[kPensions][h];
        hh.income[kIncomeTax][h] = tax;
        // Interest on deposits (property income), paid by the national banking system.
        const double interest = monthly_interest * std::max(0.0, hh.savings[h]);
        hh.income[kProperty][h] += interest;
        hh.savings[h] += pension + interest - tax - contributions;
        a.interest += interest;
        a.net[hh.county[h]] += tax + contributions - pension;
        if (medical) {
          // The residents' medical insurance reimbursed this month (booked as an other
          // transfer by the wage pass; its premium is in the contributions above), paid from
          // the budget of the household's county, which pools the scheme's fund and its
          // subsidies (a deficit is topped up by the province below).
          const double reimbursed = ws.medical_reimbursement[h];
          hh.savings[h] += reimbursed;
          a.net[hh.county[h]] -= reimbursed;
        }
      },
      [](Sums& a, const Sums& b) {
        a.interest += b.interest;
        for (std::size_t c = 0; c < a.net.size(); ++c) a.net[c] += b.net[c];
      });
  w.row.interest += sums.interest;
  const auto& net = sums.net;
  for (std::size_t c = 0; c < w.counties.size(); ++c) {
    auto& county = w.counties[c];
    county.budget += net[c];
    w.counties[c].revenue += net[c];
    // Provincial pooling: a county whose budget runs into deficit is topped up by the
    // province (rest of world), as pension pooling and equalisation transfers do.
    county.transfer_in = std::max(0.0, -county.budget);
    county.budget += county.transfer_in;
    w.counties[c].revenue += county.transfer_in;
    w.row.transfers_in += county.transfer_in;
  }
}

}  // namespace prosim
