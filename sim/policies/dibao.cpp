// Minimum living guarantee (最低生活保障, dibao). A household whose per-capita income
// this month (before dibao) is below its county's standard receives the difference,
// paid from the county budget. Optionally, near-poor households (below
// `near_poor_multiple` x the standard) receive `near_poor_topup_share` of their gap to
// that line. With indexation "income_growth" the standard rises each January by the
// growth of mean per-capita disposable income over the previous year (the documents:
// dibao growth >= income growth). Means test (the real dibao's rules on household
// economic status): local hukou only, an asset test on savings, and the support owed by
// legally obliged relatives counted as income (paid before this step, every month whatever
// the policy: systems/family_support.cpp). Persons with a severe disability (model/disability.h)
// are covered although out of work, and in a low-income household (below `low_income_multiple`
// x the standard per member) such a person may be covered alone, as a single-person household
// (单人保, `disabled_single_person`), on his or her own income. Income is counted as the real
// means test counts it (`counted_income`): the centrally set basic part of the residents'
// pension is disregarded (`pension_disregard_monthly`) and a working member's necessary
// employment costs are deducted from earnings (`work_cost_deduction`). Recipients in special
// categories (the elderly, minors, the severely disabled) receive a share of the standard on
// top of the gap (分类施保, the `classified_*` keys), the highest of their categories only.
// A recipient household whose member takes up work keeps the earnings this adds out of the
// count for a while (浙江省社会救助条例 art. 50, `employment_disregard_months`).
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"
#include "policies/policy.h"
#include "model/disability.h"
#include "model/household_income.h"
#include "model/person_rules.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_dibao[];  // dibao.schema.json, embedded by CMake
}  // namespace detail
namespace {

struct DibaoState final : PolicyState {
  double last_mean = 0;   // mean per-capita disposable income of the year before last (indexation)
  double spending = 0;    // paid this month, simulated yuan
  // Per household: the members dibao covered this month (0 = not a recipient), and the slot's
  // occupant number then (a new household in the slot has not received it).
  std::vector<std::uint8_t> received;
  std::vector<std::uint16_t> occupant;
  // Per household: consecutive months (up to this one, capped at 255) in which it has been
  // below the line, for the review (`application_months`).
  std::vector<std::uint8_t> months_below;
  // Per household, for the employment disregard (`employment_disregard_months`): the members at
  // work and the earnings in the last month paid, the months of the disregard left after this
  // one, and the earnings it counts (those of the month before the member took up work).
  std::vector<std::uint8_t> working_paid;
  std::vector<float> earnings_paid;
  std::vector<std::uint8_t> disregard_left;
  std::vector<float> earnings_base;
  bool recipient(const World& w, std::size_t h) const override {
    return h < received.size() && received[h] && occupant[h] == w.households.occupant[h];
  }
  // `spending` is reset at the start of every month: not state.
  void archive(StateArchive& a) override {
    a.scalar("last_mean", last_mean);
    a.io("received", received);
    a.io("occupant", occupant);
    a.io("months_below", months_below);
    a.io("working_paid", working_paid);
    a.io("earnings_paid", earnings_paid);
    a.io("disregard_left", disregard_left);
    a.io("earnings_base", earnings_base);
  }
};

class Dibao final : public Policy {
 public:
  Dibao(const JsonReads& block, const Params&, PolicyContext context)
      : Policy(std::move(context)), block_(block.raw()) {
    near_poor_multiple_ = block.at("near_poor_multiple").get<double>();
    near_poor_share_ = block.at("near_poor_topup_share").get<double>();
    indexed_ = block.at("indexation").get<std::string>() == "income_growth";
    asset_limit_months_ = block.at("asset_limit_months").get<double>();
    local_hukou_only_ = block.at("local_hukou_only").get<bool>();
    application_months_ = block.at("application_months").get<int>();
    disabled_single_person_ = block.at("disabled_single_person").get<bool>();
    low_income_multiple_ = block.at("low_income_multiple").get<double>();
    pension_disregard_ = block.at("pension_disregard_monthly").get<double>();
    work_cost_share_ = block.at("work_cost_deduction").get<double>();
    classified_elderly_ = block.at("classified_share_elderly").get<double>();
    classified_minor_ = block.at("classified_share_minor").get<double>();
    classified_disabled_ = block.at("classified_share_disabled").get<double>();
    classified_elderly_months_ = 12 * block.at("classified_elderly_age").get<int>();
    classified_minor_months_ = 12 * block.at("classified_minor_age").get<int>();
    disregard_months_ = block.at("employment_disregard_months").get<int>();
    disregard_cap_ = block.at("employment_disregard_cap").get<double>();
  }

  void begin_month(const Params&, World& w) override {
    auto& s = state<DibaoState>(w);
    s.spending = 0;  // a month's payments
    // Index from the first January of the recorded run on (not during the calibration
    // burn-in), while the policy is in force: the scenario's standards are those of `start`.
    if (!indexed_ || w.date.month != 1 || w.month_index < 0 || !policy_active(block_, w.date)) return;
    // Mean per-capita disposable income of the last complete year.
    double income = 0, persons = 0;
    for (std::size_t h = 0; h < w.households.size_(); ++h) {
      if (std::isnan(w.households.disposable_last_year[h])) return;  // no complete year yet
      income += w.households.disposable_last_year[h];
      persons += w.households.size[h];
    }
    const double mean = income / persons;
    if (s.last_mean > 0 && mean > s.last_mean)
      for (auto& c : w.counties) c.dibao_standard *= mean / s.last_mean;
    s.last_mean = mean;
  }

  // Members the standard covers: all but
  //  - those of working age who stay out of the labour force although able to work: the State
  //    Council's Interim Measures on Social Assistance (社会救助暂行办法, 2014, art. 42) stop
  //    the dibao of a member able to work who turns down work without good reason; an inactive
  //    member with a severe disability cannot work and stays covered (unemployed members are
  //    looking for work and stay covered);
  //  - members working outside the region (Migrant): they earn their living there; what
  //    they send home counts as the household's income.
  // Until this version every member was covered: in December 2021 (scale 0.01, seed 1)
  // households with an inactive member of working age were half of the recipients.
  static bool member_covered(const Params& p, const World& w, std::size_t i) {
    const auto& ps = w.persons;
    const auto s = ps.status[i];
    return !(s == LabourStatus::Migrant ||
             (s == LabourStatus::Inactive && !severely_disabled(p.economy, p.seed, i, ps.occupant[i], ps.age_months[i])));
  }

  // The members a low-income household's dibao may cover alone (单人保): adults with a severe
  // disability who do not work (成年无业重度残疾人), whose own income, a pension, is below the
  // standard. Returns how many, and adds each one's gap to the standard, and his or her classified
  // supplement (分类施保), to `topup`.
  int single_person_members(const Params& p, const World& w, std::size_t h, double standard, double& topup) const {
    const auto& hh = w.households;
    const auto& ps = w.persons;
    const auto& e = p.economy;
    int n = 0;
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      const auto s = ps.status[i];
      if (s != LabourStatus::Inactive && s != LabourStatus::Unemployed && s != LabourStatus::Retired) continue;
      if (!severely_disabled(e, p.seed, i, ps.occupant[i], ps.age_months[i])) continue;
      const double own = ps.pension[i] == PensionKind::UrbanEmployee ? ps.pension_amount[i]
                         : ps.pension[i] == PensionKind::RuralResident
                             ? resident_pension(e.rural_pension_monthly, w.nominal_level_january,
                                                e.resident_pension_indexation) - disregarded_pension(p, w)
                             : 0.0;
      if (own >= standard) continue;
      topup += standard - own + classified_share(ps.age_months[i], true) * standard;
      ++n;
    }
    return n;
  }

  // The part of a resident pension the means test does not count: pension_disregard_monthly,
  // at most the pension itself (one rule for the household's count and the single-person cover).
  double disregarded_pension(const Params& p, const World& w) const {
    const auto& e = p.economy;
    return std::min(pension_disregard_,
                    resident_pension(e.rural_pension_monthly, w.nominal_level_january, e.resident_pension_indexation));
  }

  // 分类施保: the share of the standard added to the dibao of a covered person in a special
  // category (社会救助暂行办法 art. 13: the elderly, minors, the severely disabled and the
  // seriously ill "who still live in difficulty" after the dibao; the shares are a local rule),
  // the highest of the person's categories only (就高不重复). Serious illness is not modelled.
  double classified_share(std::uint16_t age_months, bool disabled) const {
    double share = 0;
    if (age_months >= classified_elderly_months_) share = std::max(share, classified_elderly_);
    if (age_months < classified_minor_months_) share = std::max(share, classified_minor_);
    if (disabled) share = std::max(share, classified_disabled_);
    return share;
  }

  // The classified supplements of a household paid as a whole: over the members the standard
  // covers (member_covered), in multiples of the standard.
  double classified_shares(const Params& p, const World& w, std::size_t h) const {
    const auto& hh = w.households;
    const auto& ps = w.persons;
    double shares = 0;
    for (int k = 0; k < hh.size[h]; ++k) {
      const std::size_t i = hh.first_member[h] + k;
      if (!member_covered(p, w, i)) continue;
      shares += classified_share(ps.age_months[i],
                                 severely_disabled(p.economy, p.seed, i, ps.occupant[i], ps.age_months[i]));
    }
    return shares;
  }

  bool classified() const { return classified_elderly_ > 0 || classified_minor_ > 0 || classified_disabled_ > 0; }

  // The household's income as the means test counts it (民发〔2021〕57号, 最低生活保障审核确认办法,
  // on family income): income before assistance less
  //  - the centrally set basic pension of the residents' pension scheme, not counted as income
  //    during the 14th five-year plan: `pension_disregard_monthly` for each member drawing the
  //    resident pension (at most the pension itself);
  //  - necessary employment costs (必要的就业成本), which may be deducted: `work_cost_deduction`
  //    x the standard for each member at work (employed, self-employed or farming), at most
  //    the household's earnings.
  // `before` is income_before_assistance(hh, h), `pensioners` the members drawing the resident
  // pension, `working` and `earned` the members at work and earnings(hh, h), and `disregarded`
  // disregarded_pension(p, w): the caller has them already (one member pass, MemberCounts), and
  // also needs `working` and `earned` for the employment disregard.
  double counted_income(double before, double standard, int pensioners, int working, double earned,
                        double disregarded) const {
    double income = before;
    if (pensioners > 0 && pension_disregard_ > 0)
      income -= pensioners * disregarded;
    if (working > 0 && work_cost_share_ > 0) income -= std::min(earned, working * work_cost_share_ * standard);
    return income;
  }

  // One pass over a household's members for the three counts the means test needs: members at
  // work (employed, self-employed or farming), members drawing the resident pension
  // (counted_income), and members the standard covers (member_covered). Until issue 18's
  // fourteenth round each count had its own member loop: the same counts (integers).
  struct MemberCounts {
    int working = 0, pensioners = 0, covered = 0;
  };
  static MemberCounts member_counts(const Params& p, const World& w, std::size_t h) {
    const auto& hh = w.households;
    const auto& ps = w.persons;
    MemberCounts c;
    const std::size_t first = static_cast<std::size_t>(hh.first_member[h]), last = first + hh.size[h];
    for (std::size_t i = first; i < last; ++i) {
      const auto st = ps.status[i];
      c.working += st == LabourStatus::Employed || st == LabourStatus::SelfEmployed || st == LabourStatus::Farming;
      c.pensioners += ps.pension[i] == PensionKind::RuralResident;
      c.covered += member_covered(p, w, i);
    }
    return c;
  }

  // The household's earnings from work (wages, own-account and farm income, at least 0): what
  // the work-cost deduction and the employment disregard act on, with the members at work
  // (employed, self-employed or farming; MemberCounts::working). Wages include those earned
  // away by resident members (Households::wages_away, the village outside channel, model.md
  // 4.8b): earnings from work, which the rules do not tell apart by where the work is; the
  // channel pays them in proportion to the household's own earnings, so they come with the
  // members counted here. In a county whose rural rate is negative they are negative (the
  // outflow taken from local wages, outside_income_outflow_from_wages_rural): earnings net of it.
  static double earnings(const Households& hh, std::size_t h) {
    return std::max(0.0, hh.income[kWages][h] + hh.income[kSelfEmployment][h] + hh.income[kFarm][h]);
  }

  // Most households' income is far above every line the means test compares it with: for
  // them the pass below needs no member loop, disability draw or counted income. A household
  // is skipped when its income before assistance is at least its size x its county's
  // `skip_bounds` value, a bound that no test below can reach: the highest line is at most
  // `line_multiple` x the standard per member (the standard itself; the near-poor line and the
  // single-person cover's low-income line when in force), and the counted income is at most
  // pension_disregard_monthly + work_cost_deduction x the standard per member below income
  // before assistance. Every product and difference the tests compute is monotone in these
  // bounds (covered members <= size, the disregard <= its maximum), so the margin of 1e-6
  // need only cover the rounding of a few operations (a few 1e-16): a skipped household is
  // one the full test returns early for, without a payment, so the pass gives the same bits.
  void skip_bounds(const World& w, bool active) {
    double line_multiple = 1, disregard = 0, work_cost = 0;  // before the start: the standard only
    if (active) {
      if (near_poor_share_ > 0) line_multiple = std::max(line_multiple, near_poor_multiple_);
      if (disabled_single_person_) line_multiple = std::max(line_multiple, low_income_multiple_);
      disregard = std::max(0.0, pension_disregard_);
      work_cost = std::max(0.0, work_cost_share_);
    }
    skip_bound_.resize(w.counties.size());
    for (std::size_t c = 0; c < w.counties.size(); ++c) {
      const double standard = w.counties[c].dibao_standard;
      skip_bound_[c] = (line_multiple * standard + disregard + work_cost * standard) * (1 + 1e-6);
    }
  }

  void transfers(const Params& p, World& w) override {
    auto& hh = w.households;
    auto& s = state<DibaoState>(w);
    s.received.resize(hh.size_(), 0);
    s.occupant.resize(hh.size_(), 0);
    s.months_below.resize(hh.size_(), 0);
    s.working_paid.resize(hh.size_(), 0);
    s.earnings_paid.resize(hh.size_(), 0);
    s.disregard_left.resize(hh.size_(), 0);
    s.earnings_base.resize(hh.size_(), 0);
    // The households paid this month with their payments, per fixed block of households in
    // id order (the pass appends each one it pays to its block's list): the books below read
    // them in id order, as a pass over every household's payment did, without a payment kept
    // per household (8 bytes a household between months).
    const std::size_t H = hh.size_(), B = fixed_blocks(H, 16384, 64);
    auto& paid_runs = paid_runs_;
    paid_runs.resize(B);
    const bool active = policy_active(block_, w.date);
    skip_bounds(w, active);
    // The same for every household this month (a power of the nominal level): computed once.
    const double disregarded = disregarded_pension(p, w);
    const auto pass = [&](std::size_t h, std::vector<std::pair<std::int32_t, double>>& paid) {
      // The review: a household receives from the month after it has been below the line
      // for `application_months` months in a row, and keeps receiving while it stays below.
      // A new household in the slot starts its own count.
      const bool same = s.occupant[h] == hh.occupant[h];
      std::uint8_t below = same ? s.months_below[h] : 0;
      const bool was_paid = same && s.received[h] > 0;  // a recipient last month
      const std::uint8_t left = was_paid ? s.disregard_left[h] : 0;
      s.months_below[h] = 0;
      s.received[h] = 0;
      s.disregard_left[h] = 0;
      s.occupant[h] = hh.occupant[h];
      // The count runs before the policy's start too (the calibration burn-in, where it is
      // off): the dibao stands already, so households poor for a while receive from its
      // first month instead of all of them waiting for a review then.
      if (local_hukou_only_ && hh.nonlocal[h]) return;  // dibao needs local hukou
      // Far above every line (a recipient last month may keep earnings out of the count: not skipped).
      const double before = income_before_assistance(hh, h);
      if (!was_paid && before >= hh.size[h] * skip_bound_[hh.county[h]]) return;
      const double per_person = w.counties[hh.county[h]].dibao_standard;
      // Before the start the burn-in's count uses income before assistance as it stands: a
      // scenario's disregards must not change the state it forks from (engine/fork_check.h).
      const MemberCounts counts = member_counts(p, w, h);
      const int working = counts.working;
      const double earned = earnings(hh, h);
      double income = active ? counted_income(before, per_person, counts.pensioners, working, earned, disregarded) : before;
      // Employment disregard (浙江省社会救助条例 art. 50): when a member of a recipient household
      // takes up work (more members at work than in the last month paid), what the household
      // earns above that month's earnings is not counted for `employment_disregard_months`
      // months (this one the first), at most `employment_disregard_cap` x the standard a month.
      // Only a recipient has been paid, so this acts from the policy's start only.
      std::uint8_t disregard = left;
      if (was_paid && disregard == 0 && disregard_months_ > 0 && working > s.working_paid[h]) {
        disregard = static_cast<std::uint8_t>(disregard_months_);
        s.earnings_base[h] = s.earnings_paid[h];
      }
      if (disregard > 0)
        income -= std::min(disregard_cap_ * per_person, std::max(0.0, earned - s.earnings_base[h]));
      const int covered = counts.covered;
      const double standard = per_person * covered;
      // Asset test: savings at most asset_limit_months of a monthly line (the household's
      // standard for its covered members; for the single-person cover, the standard for all).
      const auto assets_within = [&](double line) { return !(asset_limit_months_ > 0 && hh.savings[h] > asset_limit_months_ * line); };
      const bool assets_pass = assets_within(standard);
      const double near_line = near_poor_multiple_ * standard;
      // Before the start only the dibao's own line counts: a scenario's near-poor and
      // single-person settings must not change the state it forks from (engine/fork_check.h).
      const bool household_below =
          covered > 0 && assets_pass && income < (active && near_poor_share_ > 0 ? near_line : standard);
      // Single-person cover (单人保): a household not below its own line, with income per member
      // below the low-income line and savings within the asset limit for all its members.
      double single_topup = 0;
      int single = 0;
      if (active && disabled_single_person_ && !(covered > 0 && income < standard) &&
          income < low_income_multiple_ * per_person * hh.size[h] && assets_within(per_person * hh.size[h]))
        single = single_person_members(p, w, h, per_person, single_topup);
      if (!household_below && single == 0) return;
      s.months_below[h] = below = static_cast<std::uint8_t>(std::min(255, below + 1));
      if (!active || below <= application_months_) return;  // applied, under review
      double topup = 0;
      const bool whole = covered > 0 && assets_pass && income < standard;  // paid as a household
      if (whole) {
        topup = standard - income;
        s.received[h] = static_cast<std::uint8_t>(covered);
      } else if (single > 0) {
        topup = single_topup;
        s.received[h] = static_cast<std::uint8_t>(single);
      }
      if (household_below && near_poor_share_ > 0 && income + topup < near_line)
        topup += near_poor_share_ * (near_line - income - topup);
      // 分类施保 on top of the household's gap (a single-person cover's is in single_topup).
      if (whole && classified())
        topup += classified_shares(p, w, h) * per_person;
      if (topup != 0) paid.push_back({static_cast<std::int32_t>(h), topup});
      s.working_paid[h] = static_cast<std::uint8_t>(working);
      s.earnings_paid[h] = static_cast<float>(earned);
      s.disregard_left[h] = disregard > 0 ? disregard - 1 : 0;
      hh.income[kSocialAssistance][h] += topup;
      hh.savings[h] += topup;
    };
    for_each_block(H, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
      auto& paid = paid_runs[b];
      paid.clear();
      for (std::size_t h = begin; h < end; ++h) pass(h, paid);
    });
    // A household was paid where its count of months below passed the review while the
    // policy is in force (the pass's last step), with a payment not 0: those are listed.
    if (!active) return;
    for (const auto& paid : paid_runs)
      for (const auto& [h, amount] : paid) {
        auto& county = w.counties[hh.county[static_cast<std::size_t>(h)]];
        county.budget -= amount;
        county.revenue -= amount;
        s.spending += amount;
        w.programme_spending += amount;
      }
  }

 private:
  nlohmann::ordered_json block_;
  double near_poor_multiple_ = 1, near_poor_share_ = 0;
  bool indexed_ = true;
  double asset_limit_months_ = 24;
  bool local_hukou_only_ = true;
  int application_months_ = 1;
  bool disabled_single_person_ = true;
  double low_income_multiple_ = 2;
  double pension_disregard_ = 0;  // yuan/month per resident pensioner
  double work_cost_share_ = 0;    // of the standard, per member at work
  // 分类施保: shares of the standard added per covered person, and the categories' ages (months)
  double classified_elderly_ = 0, classified_minor_ = 0, classified_disabled_ = 0;
  int classified_elderly_months_ = 70 * 12, classified_minor_months_ = 18 * 12;
  // employment disregard: months (0 = none) and the most disregarded a month, in standards
  int disregard_months_ = 6;
  double disregard_cap_ = 3;
  // Scratch: per fixed block of households, the households paid this month and their payments.
  std::vector<std::vector<std::pair<std::int32_t, double>>> paid_runs_;
  std::vector<double> skip_bound_;  // scratch: per county, per member (skip_bounds)
};

}  // namespace

PolicyType describe_dibao(std::size_t slot) {
  PolicyType t;
  t.schema = detail::kPolicySchema_dibao;
  t.make_state = [] { return std::make_unique<DibaoState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<Dibao>(block, params, std::move(context));
  };
  auto s = [slot](const MonthView& m) -> const DibaoState& { return state_of<DibaoState>(m.world, slot); };
  t.indicators = {
      {"dibao_recipients", "persons", "persons covered by dibao this month (members of receiving households, less those it does not cover)", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) {
         const auto& state = s(m);
         // A sum of small integers: exact in any order, so summed in parallel.
         const double persons = deterministic_sum(state.received.size(), [&](std::size_t h) {
           return state.recipient(m.world, h) ? static_cast<double>(state.received[h]) : 0.0;
         });
         return persons * m.world.weight;
       },
       "near_poor_share"},
      {"dibao_spending", "yuan/month", "dibao paid this month", IndicatorGroup::Region,
       [s](const MonthView& m, std::size_t) { return s(m).spending * m.world.weight; }, "near_poor_share"},
  };
  return t;
}

}  // namespace prosim
