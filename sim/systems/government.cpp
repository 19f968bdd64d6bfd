// Step 5 (run after firms' accounts so that transfers see the month's whole income):
// income tax and social contributions, pensions, interest on deposits, and provincial pooling of the
// pension deficit. Policy transfers (dibao, ...) are applied by the policy modules
// right after this system, from the county budgets.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/parallel.h"
#include "model/person_rules.h"
#include "model/tables.h"
#include "systems/systems.h"

namespace prosim {

double monthly_income_tax(double taxable) {
  // 2019 IIT schedule, monthly equivalents: bracket upper bounds and rates (model/tables.h).
  static_assert(std::size(kIncomeTaxBracketTop) == std::size(kIncomeTaxRate));
  constexpr int kBrackets = static_cast<int>(std::size(kIncomeTaxRate));
  double tax = 0, lower = 0;
  for (int b = 0; b < kBrackets && taxable > lower; ++b) {
    tax += kIncomeTaxRate[b] * (std::min(taxable, kIncomeTaxBracketTop[b]) - lower);
    lower = kIncomeTaxBracketTop[b];
  }
  return tax;
}

void run_government(const Params& p, World& w, Workspace&) {
  const auto& e = p.economy;
  auto& hh = w.households;
  auto& ps = w.persons;
  // Urban-employee pensions are set as in China: a new pension from the wage level of the
  // year before retirement (persons.pension_amount, set by systems/demography.cpp), and every
  // pension in payment raised each January by the year's national adjustment (+5 % in 2018-20
  // falling to +2 % in 2025; pension_adjustment), which applies to those retired by the end
  // of the year before. Until issue 12 every pension followed last year's mean wage, so that
  // in 2022 pensions per head grew about 10 % in towns and villages (docs/model.md 5.2).
  const double raise = w.date.month == 1 ? 1 + pension_adjustment(e, w.date.year) : 1.0;
  // The resident (rural) pension is raised each January with the nominal level (person_rules.h).
  const double rural_pension = resident_pension(e.rural_pension_monthly, w.nominal_level_january, e.resident_pension_indexation);

  // The rate on the deposit stock moves with the observed cuts (economy.deposit_rate_path) as
  // deposits mature; until issue 12 it was deposit_rate in every month.
  const double monthly_interest = deposit_rate_at(e, w.date) / 12.0;
  // The rules' parameters and the person arrays as locals: the pension store (a float) would
  // otherwise make the compiler reload them for every member.
  const bool burn_in = w.month_index < 0;
  const bool january_raise = raise != 1.0;
  const double contribution_rate = e.social_contribution_rate, allowance = e.income_tax_allowance;
  const PensionKind* const pension_kind = ps.pension.data();
  const LabourStatus* const status = ps.status.data();
  const float* const wage = ps.wage.data();
  float* const pension_amount = ps.pension_amount.data();
  const bool own_wage = e.employee_pension_own_wage;
  const double mean_wage = w.mean_wage_last_year, account_rate = e.employee_pension_account_rate;
  const double replacement = e.urban_pension_replacement;
  const float* const contribution_index = ps.contribution_index.data();
  const std::uint16_t* const months_employed = ps.months_employed.data();
  // One parallel pass: each household's own books, and by reduction the interest paid by
  // the banks and each county's net receipts (taxes and contributions less pensions).
  struct Sums {
    double interest = 0;
    std::vector<double> net;
  } zero{0.0, std::vector<double>(w.counties.size(), 0.0)};
  const auto sums = deterministic_reduce(
      hh.size_(), zero,
      [&](std::size_t h, Sums& a) {
        double tax = 0, contributions = 0, pension = 0;
        const std::size_t first = hh.first_member[h], last = first + hh.size[h];
        for (std::size_t i = first; i < last; ++i) {
          const PensionKind kind = pension_kind[i];
          if (kind == PensionKind::UrbanEmployee) {
            // In the burn-in every pension is a new retiree's: the burn-in calibrates the
            // input year, its wage path is no history (wages first fall from the build's
            // level), and pensions fixed on it would carry that into the recorded run. From
            // the first recorded month pensions in payment are only raised (a pension without
            // an amount, with no burn-in, gets a new retiree's).
            // With employee_pension_own_wage the new pension is his own (2005 formula).
            float& amount = pension_amount[i];
            if (amount == 0 || burn_in)
              amount = new_employee_pension(own_wage, replacement, account_rate, mean_wage, contribution_index[i],
                                            months_employed[i]);
            else if (january_raise) amount = static_cast<float>(amount * raise);  // January only: no store otherwise
          }
          // An employee on the resident pension (past retirement_age, model.md 4.11) draws it
          // and, past the statutory age, contributes no more (his contract is a 劳务 one).
          const bool resident_pensioner = kind == PensionKind::RuralResident;
          if (status[i] == LabourStatus::Employed) {
            const double c = resident_pensioner ? 0.0 : contribution_rate * wage[i];
            contributions += c;
            tax += monthly_income_tax(wage[i] - c - allowance);
          }
          if (kind != PensionKind::None && (status[i] != LabourStatus::Employed || resident_pensioner)) {
            // the retired, and farmers and workers on the resident pension
            pension += kind == PensionKind::UrbanEmployee ? pension_amount[i] : rural_pension;
          }
        }
        tax += e.dividend_tax_rate * hh.income[kProfits][h];
        // The month's first writer of these four sources (simulation.cpp does not clear
        // them): assigned, not added.
        hh.income[kIncomeTax][h] = tax;
        hh.income[kSocialContributions][h] = contributions;
        hh.income[kPensions][h] = pension;
        hh.income[kSocialAssistance][h] = 0;  // the dibao (a policy, after this) adds to it
        // Interest on deposits (property income), paid by the national banking system.
        const double interest = monthly_interest * std::max(0.0, hh.savings[h]);
        hh.income[kProperty][h] += interest;
        hh.savings[h] += pension + interest - tax - contributions;
        a.interest += interest;
        a.net[hh.county[h]] += tax + contributions - pension;
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
