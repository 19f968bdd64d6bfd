#pragma once
// The government's books of a household's members (step 5, systems/government.cpp): each
// employed member's income tax and social contributions on the month's wage, and the
// pensions in payment, an urban-employee pension being fixed or raised on the way.
//
// They are added up in the wage pass (pay_wages_and_farm_income, systems/production.cpp),
// which visits the same members earlier in the month, after it sets the month's wages,
// and stored in the household's income tax, contributions and pensions (the month's first
// writer of the three; social assistance is set to zero there too). Nothing between the two
// steps (collectives, consumption, firms' accounts) changes a member's status, wage or
// pension, or reads those four sources, so the government finds the same sums that it would
// have added itself, and adds the household's own part (the dividend tax, interest). Until
// issue 18's speed15 the government walked every member a second time.
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "model/params.h"
#include "model/person_rules.h"
#include "model/tables.h"
#include "world/world.h"

namespace prosim {

// Chinese individual income tax on a month's taxable wage (after the allowance),
// the 2019 monthly brackets.
inline double monthly_income_tax(double taxable) {
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

// A household's members' sums, in member order.
struct MemberBooks {
  double tax = 0, contributions = 0, pension = 0;
  double medical = 0;  // medical expenses reimbursed by the residents' medical insurance
};

// The month's rules, made once a month. Each member is added in member order: add_wage for an
// employed member (his wage set), then add_pension for every member (the three sums
// are separate, so the order between the two parts changes no bit).
class TaxesAndPensions {
 public:
  TaxesAndPensions(const Params& p, World& w) {
    const auto& e = p.economy;
    auto& ps = w.persons;
    // Urban-employee pensions are set as in China: a new pension from the wage level of the
    // year before retirement (persons.pension_amount, set by systems/demography.cpp), and
    // every pension in payment raised each January by the year's national adjustment (+5 %
    // in 2018-20 falling to +2 % in 2025; pension_adjustment), which applies to those retired
    // by the end of the year before. Until issue 12 every pension followed last year's mean
    // wage, so that in 2022 pensions per head grew about 10 % in towns and villages
    // (docs/model.md 5.2).
    raise_ = w.date.month == 1 ? 1 + pension_adjustment(e, w.date.year) : 1.0;
    january_raise_ = raise_ != 1.0;
    // The resident (rural) pension is raised each January with the nominal level (person_rules.h).
    rural_pension_ = resident_pension(e.rural_pension_monthly, w.nominal_level_january, e.resident_pension_indexation);
    burn_in_ = w.month_index < 0;
    contribution_rate_ = e.social_contribution_rate;
    allowance_ = e.income_tax_allowance;
    own_wage_ = e.employee_pension_own_wage;
    mean_wage_ = w.mean_wage_last_year;
    account_rate_ = e.employee_pension_account_rate;
    replacement_ = e.urban_pension_replacement;
    // The residents' medical insurance (economy.resident_medical_insurance; model.md 4.8,
    // "Residents' medical insurance"): the premium and the reimbursement per insured member this month, growing with the
    // nominal level from the first year's (raised each January, as the resident pension).
    medical_ = e.resident_medical_insurance;
    medical_premium_ = e.resident_medical_premium / 12 * w.nominal_level_january;
    medical_reimbursement_ = e.resident_medical_reimbursement / 12 * w.nominal_level_january;
    // The person arrays as pointers: the pension store (a float) would otherwise make the
    // compiler reload them for every member.
    pension_kind_ = ps.pension.data();
    wage_ = ps.wage.data();
    pension_amount_ = ps.pension_amount.data();
    contribution_index_ = ps.contribution_index.data();
    months_employed_ = ps.months_employed.data();
  }

  // An employed member's tax and contributions on his wage this month (wage_[i]).
  void add_wage(std::size_t i, MemberBooks& b) const {
    // An employee on the resident pension (past retirement_age, model.md 4.11) draws it and,
    // past the statutory age, contributes no more (his contract is a 劳务 one).
    const double c = pension_kind_[i] == PensionKind::RuralResident ? 0.0 : contribution_rate_ * wage_[i];
    b.contributions += c;
    b.tax += monthly_income_tax(wage_[i] - c - allowance_);
  }

  // Any member's pension (`employed`: his status is Employed).
  void add_pension(std::size_t i, bool employed, MemberBooks& b) const {
    const PensionKind kind = pension_kind_[i];
    if (kind == PensionKind::None) return;
    if (kind == PensionKind::UrbanEmployee) {
      // In the burn-in every pension is a new retiree's: the burn-in calibrates the input
      // year, its wage path is no history (wages first fall from the build's level), and
      // pensions fixed on it would carry that into the recorded run. From the first recorded
      // month pensions in payment are only raised (a pension without an amount, with no
      // burn-in, gets a new retiree's). With employee_pension_own_wage the new pension is his
      // own (2005 formula).
      float& amount = pension_amount_[i];
      if (amount == 0 || burn_in_)
        amount = new_employee_pension(own_wage_, replacement_, account_rate_, mean_wage_, contribution_index_[i],
                                      months_employed_[i]);
      else if (january_raise_) amount = static_cast<float>(amount * raise_);  // January only: no store otherwise
      // the retired (an urban-employee pensioner at work draws it only once retired)
      if (!employed) b.pension += amount;
    } else {
      b.pension += rural_pension_;  // farmers and workers on the resident pension too
    }
  }

  // Whether the residents' medical insurance is on (economy.resident_medical_insurance).
  bool medical() const { return medical_; }

  // Any member of a local household, when medical(): a member who is neither an employee
  // contributing to the employee scheme (employed, not on the resident pension: add_wage
  // charges him the employee contributions, which include the medical 2 %) nor an
  // urban-employee pensioner is insured in the residents' scheme (城乡居民基本医疗保险):
  // children, farmers, the self-employed, the unemployed, members working away and residents
  // on the resident pension. He pays the premium (a contribution, 社会保障支出) and is
  // reimbursed the scheme's expenditure per insured (报销医疗费, an other transfer).
  void add_medical(std::size_t i, bool employed, MemberBooks& b) const {
    const PensionKind kind = pension_kind_[i];
    if (kind == PensionKind::UrbanEmployee || (employed && kind != PensionKind::RuralResident)) return;
    b.contributions += medical_premium_;
    b.medical += medical_reimbursement_;
  }

 private:
  double raise_, rural_pension_, contribution_rate_, allowance_, mean_wage_, account_rate_, replacement_;
  double medical_premium_, medical_reimbursement_;
  bool january_raise_, burn_in_, own_wage_, medical_;
  const PensionKind* pension_kind_;
  const float* wage_;
  float* pension_amount_;
  const float* contribution_index_;
  const std::uint16_t* months_employed_;
};

}  // namespace prosim
