// Flying enclave (飞地抱团). Weak villages (operating or total income below the
// thresholds last year), or all villages of designated counties, pool collective funds
// with government grants into a project in an industrial park of a host county (often
// a richer one). Each January's cohort of projects builds one plant in the host park, a
// real firm: it sells, hires and can fail like any firm; the pooled money is spent on
// building it (local demand) and its demand is sized to that capital
// (`sales_per_investment`). The host county's platform
// owns it and pays the villages either a guaranteed return (Pinghu-Qingtian: a fixed
// 10 % a year, from the county budget) or a share of the firm's profits. Returns enter
// the villages' operating income, so the reserve share and dividends per member follow
// from the collectives system; `dividend_tilt` gives low-income members a larger share.
// A project can also fail outright (`failure_rate` a year): the villages' shares are lost.
#include <algorithm>
#include <cmath>
#include <memory>

#include "core/rng.h"
#include "policies/policy.h"
#include "model/firm_rules.h"

namespace prosim {
namespace detail {
extern const char kPolicySchema_enclave[];  // enclave.schema.json, embedded by CMake
}  // namespace detail
namespace {

struct Project {
  std::int32_t firm = -1;
  std::vector<std::int32_t> villages;
  std::vector<double> stakes;  // invested by (and for) each village, simulated yuan
  double investment = 0;
  bool failed = false;
};

struct EnclaveState final : PolicyState {
  bool started = false;
  std::vector<std::uint8_t> enrolled;  // per village
  std::vector<Project> projects;
  std::vector<double> shares;          // per village: invested in projects (book value), simulated yuan
  // Statistics (simulated units): projects paying returns, returns paid this month, and
  // cumulative investment, grants and guaranteed returns paid by host counties.
  int active_projects = 0;
  double returns = 0, investment = 0, grants = 0, guarantees = 0;

  void archive(StateArchive& a) override {
    a.scalar("started", started);
    a.io("shares", shares);
    a.scalar("active_projects", active_projects);
    a.scalar("returns", returns);
    a.scalar("investment", investment);
    a.scalar("grants", grants);
    a.scalar("guarantees", guarantees);
    a.io("enrolled", enrolled);
    // Projects as columns.
    std::vector<std::int32_t> firm;
    std::vector<std::vector<std::int32_t>> villages;
    std::vector<std::vector<double>> stakes;
    std::vector<double> invested;
    std::vector<std::uint8_t> failed;
    for (const auto& p : projects) {
      firm.push_back(p.firm);
      villages.push_back(p.villages);
      stakes.push_back(p.stakes);
      invested.push_back(p.investment);
      failed.push_back(p.failed ? 1 : 0);
    }
    a.io("project_firm", firm);
    a.ragged("project_villages", villages);
    a.ragged("project_stakes", stakes);
    a.io("project_investment", invested);
    a.io("project_failed", failed);
    if (!a.loading()) return;
    const auto n = firm.size();
    if (villages.size() != n || stakes.size() != n || invested.size() != n || failed.size() != n)
      a.fail("enclave projects: columns of different lengths");
    projects.assign(n, {});
    for (std::size_t k = 0; k < n; ++k)
      projects[k] = {firm[k], std::move(villages[k]), std::move(stakes[k]), invested[k], failed[k] != 0};
  }
};

class Enclave final : public Policy {
 public:
  Enclave(const JsonReads& b, const Params& p, PolicyContext context)
      : Policy(std::move(context)), block_(b.raw()) {
    per_village_ = b.at("investment_per_village").get<double>();
    grant_share_ = b.at("grant_share").get<double>();
    fixed_ = b.at("return_mode").get<std::string>() == "fixed";
    fixed_return_ = b.at("fixed_return").get<double>();
    profit_share_ = b.at("profit_share").get<double>();
    failure_rate_ = b.at("failure_rate").get<double>();
    sales_per_investment_ = b.at("sales_per_investment").get<double>();
    villages_per_project_ = int_of(b.at("villages_per_project"));
    max_per_year_ = int_of(b.at("max_villages_per_year"));
    tilt_ = b.at("dividend_tilt").get<double>();
    working_capital_ = b.at("working_capital_share").get<double>();
    plant_export_share_ = b.at("plant_export_share").get<double>();
    for (const auto& c : b.at("designated_counties").elements()) designated_.push_back(c.get<std::string>());
    host_ = b.at("host_county").get<std::string>();
    eligibility_ = b.at("eligibility").get<std::string>();
    (void)p;
  }

  void begin_month(const Params& p, World& w) override {
    auto& s = state<EnclaveState>(w);
    s.returns = 0;  // a month's returns
    if (!policy_active(block_, w.date)) return;
    w.dividend_tilt = tilt_;
    if (!s.started || w.date.month == 1) enrol(p, w, s);
    s.started = true;
    pay_returns(p, w, s);
  }

 private:
  int host_county(const World& w) const {
    for (std::size_t c = 0; c < w.counties.size(); ++c)
      if (w.counties[c].name == host_) return static_cast<int>(c);
    // Default host: the first county (the prefecture seat in the shipped scenarios).
    return 0;
  }

  bool eligible(const World& w, const EnclaveState& s, std::size_t v) const {
    if (s.enrolled.size() > v && s.enrolled[v]) return false;
    const auto& county = w.counties[w.villages.county[v]].name;
    const bool designated = std::find(designated_.begin(), designated_.end(), county) != designated_.end();
    if (eligibility_ == "designated") return designated;
    if (eligibility_ == "weak_or_designated") return designated || w.villages.weak[v];
    return w.villages.weak[v];
  }

  // New cohort: eligible villages join (up to the yearly cap), grouped into projects of
  // `villages_per_project` villages each, in village order.
  void enrol(const Params& p, World& w, EnclaveState& s) {
    auto& v = w.villages;
    s.enrolled.resize(v.size(), 0);
    s.shares.resize(v.size(), 0.0);
    const int host = host_county(w);
    const auto& parks = w.counties[host].parks;
    const auto& towns = w.counties[host].towns;
    std::vector<std::int32_t> joining;
    for (std::size_t i = 0; i < v.size() && static_cast<int>(joining.size()) < max_per_year_; ++i)
      if (eligible(w, s, i)) joining.push_back(static_cast<std::int32_t>(i));
    const double stake_total = per_village_ * p.scale;  // simulated yuan per village
    // Size the project firm's demand against today's market.
    double total_weight = 0, total_sales = 0;
    for (std::size_t k = 0; k < w.firms.size(); ++k)
      if (w.firms.alive[k]) {
        total_weight += demand_weight(p, w, k);
        total_sales += w.firms.sales[k];
      }
    // The cohort's projects build one plant in the host park, a firm sized to their pooled
    // capital: in the simulation a firm's head count is a real firm's (the number of firms
    // is what scales), while the pooled money is scaled, so one firm per project of
    // `villages_per_project` villages was a firm of 1-2 workers at scale 0.01 (the same
    // investment as 100 real firms of that size): its overhead, a geometric mean of its
    // scale and its county's median firm (firm_accounts.cpp), and its integer staff above
    // what it needed made it lose money every month until it exited, within about 15 months
    // (issue 12, seed 1 at scale 0.01: 23 firms in January 2022, none from April 2023). Pooled, the cohort's plant is
    // a firm of ordinary size (about 40 workers at scale 0.01 for the 22 projects of 2022),
    // as the Pinghu-Qingtian enclave pools 156 villages in one park project. The projects
    // stay separate for their stakes, returns and failures.
    const std::size_t first_project = s.projects.size();
    double cohort_investment = 0;
    for (std::size_t first = 0; first < joining.size(); first += villages_per_project_) {
      Project project;
      for (std::size_t j = first; j < std::min(joining.size(), first + villages_per_project_); ++j) {
        const auto vi = joining[j];
        s.enrolled[vi] = 1;
        // The village puts in what it can of its share; grants cover the rest of the stake.
        const double own = std::min(std::max(0.0, v.cash[vi]), (1 - grant_share_) * stake_total);
        const double grant = stake_total - own;
        v.cash[vi] -= own;
        w.counties[v.county[vi]].budget -= grant;
        w.counties[v.county[vi]].revenue -= grant;
        w.programme_spending += grant;
        s.grants += grant;
        s.shares[vi] += stake_total;
        project.villages.push_back(vi);
        project.stakes.push_back(stake_total);
        project.investment += stake_total;
      }
      cohort_investment += project.investment;
      s.investment += project.investment;
      s.projects.push_back(std::move(project));
    }
    if (cohort_investment <= 0) return;
    const auto id = w.firms.add();
    RandomStream rng = random(p, 0, static_cast<std::uint32_t>(w.month_index + 100000), id);
    init_firm(p, w, id, host, rng, /*entrant=*/true);
    w.firms.sector[id] = Sector::Manufacturing;
    w.firms.settlement[id] = parks.empty() ? towns[0] : parks[w.date.year % parks.size()];
    price_new_firm(p, w, id);
    auto& county = w.counties[host];
    const double target_sales = sales_per_investment_ * cohort_investment / 12.0;
    const double unit_weight = county.demand_weight * std::pow(w.firms.price[id] / county_price_level(county), -p.economy.demand_elasticity);
    w.firms.appeal[id] = total_sales > 0 ? target_sales / total_sales * total_weight / unit_weight : 1.0;
    w.firms.appeal_anchor[id] = std::log(w.firms.appeal[id]);  // the plant's size is set by its investment, not drawn
    w.firms.expected_sales[id] = w.firms.demand[id] = target_sales;
    // The plant makes goods for markets outside the region (a manufacturing plant in a
    // developed park, brought in by investment promotion, 飞地招商): `plant_export_share` of its
    // sales is new demand from outside, growing like the region's other exports; the rest
    // is a share of the region's own demand, taken from its other firms. With the whole
    // plant's sales taken from the region's demand (issue 12), the plant's 1.2-1.7 billion
    // yuan of sales a year were lost by other firms, many in the villages' counties: village
    // residents' wages were 168 yuan per head lower in 2030 (s.e. 18, 5 paired replicates).
    w.export_demand += plant_export_share_ * target_sales;
    // The pooled money builds the plant (buildings, equipment): it is spent on local
    // construction and equipment next month, except a share kept as working capital.
    // The firm owns the plant and pays the returns out of what it earns.
    w.firms.cash[id] = working_capital_ * cohort_investment;
    w.investment_fund += (1 - working_capital_) * cohort_investment;
    w.firms.owner[id] = -1;  // the host county's investment platform runs it
    for (std::size_t j = first_project; j < s.projects.size(); ++j) s.projects[j].firm = static_cast<std::int32_t>(id);
  }

  // Capital of the plant a project shares with the other projects of its cohort.
  static double plant_investment(const EnclaveState& s, std::int32_t firm) {
    double sum = 0;
    for (const auto& q : s.projects)
      if (q.firm == firm) sum += q.investment;
    return sum;
  }

  void pay_returns(const Params& p, World& w, EnclaveState& s) {
    auto& f = w.firms;
    int active = 0;
    for (std::size_t j = 0; j < s.projects.size(); ++j) {
      auto& project = s.projects[j];
      if (project.failed) continue;
      RandomStream rng = random(p, 0, static_cast<std::uint32_t>(w.month_index + 100000), (1ULL << 40) + j);
      // A project ends when its platform defaults (failure_rate a year), or, with a profit
      // share, when its firm exits. A guaranteed (fixed) return is the host county's promise,
      // not the firm's: it outlives the firm (the platform keeps the premises; issue 12 found
      // returns stopping by 2029 because project firms that could not hire in the host park
      // exited).
      const bool firm_gone = !f.alive[project.firm];
      if ((firm_gone && !fixed_) || rng.bernoulli(1 - std::pow(1 - failure_rate_, 1.0 / 12.0))) {
        project.failed = true;
        for (auto vi : project.villages) s.shares[vi] = 0;
        continue;
      }
      ++active;
      const double due = fixed_ ? fixed_return_ / 12.0 * project.investment
                                : profit_share_ * std::max(0.0, f.profit[project.firm]) * project.investment /
                                      plant_investment(s, project.firm);
      // The host county's investment platform owns the project firm (its profits go to
      // the county) and guarantees the fixed return, paying it from the county budget, as
      // the Pinghu-Qingtian and Jin-Pan arrangements do; a profit share comes out of the
      // firm's own cash.
      const bool guaranteed = fixed_;
      auto& host = w.counties[f.county[project.firm]];
      for (std::size_t k = 0; k < project.villages.size(); ++k) {
        const double r = due * project.stakes[k] / project.investment;
        w.villages.investment_returns[project.villages[k]] += r;
        s.returns += r;
        if (guaranteed) {
          host.budget -= r;
          host.revenue -= r;
          w.programme_spending += r;
          s.guarantees += r;
        } else {
          f.cash[project.firm] -= r;
        }
      }
    }
    s.active_projects = active;
  }

  nlohmann::ordered_json block_;
  double per_village_, grant_share_, working_capital_, plant_export_share_, fixed_return_, profit_share_, failure_rate_, sales_per_investment_, tilt_;
  bool fixed_;
  int villages_per_project_, max_per_year_;
  std::vector<std::string> designated_;
  std::string host_, eligibility_;
};

}  // namespace

PolicyType describe_enclave(std::size_t slot) {
  PolicyType t;
  t.schema = detail::kPolicySchema_enclave;
  t.make_state = [] { return std::make_unique<EnclaveState>(); };
  t.make = [](const JsonReads& block, const Params& params, PolicyContext context) {
    return std::make_unique<Enclave>(block, params, std::move(context));
  };
  auto s = [slot](const MonthView& m) -> const EnclaveState& { return state_of<EnclaveState>(m.world, slot); };
  const std::string after = "village_dividends_per_member";
  const auto region = IndicatorGroup::Region;
  t.indicators = {
      {"enclave_projects", "count", "flying-enclave projects paying returns", region,
       [s](const MonthView& m, std::size_t) { return static_cast<double>(s(m).active_projects); }, after},
      {"enclave_returns", "yuan/month", "enclave returns paid to village collectives this month", region,
       [s](const MonthView& m, std::size_t) { return s(m).returns * m.world.weight; }, after},
      {"enclave_investment", "yuan", "cumulative investment in enclave projects (village funds + grants)", region,
       [s](const MonthView& m, std::size_t) { return s(m).investment * m.world.weight; }, after},
      {"enclave_grants", "yuan", "cumulative government grants to enclave projects", region,
       [s](const MonthView& m, std::size_t) { return s(m).grants * m.world.weight; }, after},
      {"enclave_guarantees", "yuan", "cumulative guaranteed returns paid by host counties when projects could not",
       region, [s](const MonthView& m, std::size_t) { return s(m).guarantees * m.world.weight; }, after},
      {"enclave_shares", "yuan", "book value of enclave project shares at the end of the year", IndicatorGroup::Village,
       [s](const MonthView& m, std::size_t v) {
         const auto& shares = s(m).shares;
         return (v < shares.size() ? shares[v] : 0.0) * m.world.weight;
       },
       "dividends"},
  };
  return t;
}

}  // namespace prosim
