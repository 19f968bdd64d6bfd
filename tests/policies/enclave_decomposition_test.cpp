// The enclave's paired difference (issue 12), by income source of village residents and by
// channel: scenarios/enclave.json against scenarios/jinhua_baseline.json with the replicate
// seeds of `prosim run --replicates`, scale 0.01, 2021-2030; prints each year's mean
// difference and its standard error over the pairs (the tables of docs/policies.md, flying
// enclave). Long (about 15 s a pair), so it runs only when asked:
//   PROSIM_ENCLAVE_DECOMPOSITION=1 [DIAG_REPS=12] build/release/tests/test_policies -tc="enclave paired difference*"
// It checks what the mechanism must give in every pair and year from 2022: dividends raise
// village residents' property income, and the plant employs people.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/seeds.h"
#include "engine/simulation.h"
#include "io/scenario_loader.h"

using namespace prosim;

namespace {
Params load(const std::string& file, std::uint64_t seed, double scale, const char* end) {
  const std::string dir = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
  std::ifstream in(dir + "/" + file);
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(in);
  j["seed"] = seed;
  j["scale"] = scale;
  j["end"] = end;
  if (const char* extra = std::getenv("DIAG_PATCH")) j.merge_patch(nlohmann::ordered_json::parse(extra));
  return params_from_json(load_scenario_text(j.dump(), dir + "/" + file, dir).json);
}

constexpr int kS = kIncomeSourceCount;
struct DiagYear {
  double src[kS] = {};
  double person_months = 0;
  double pub = 0, cons = 0, se_pool = 0, vcash = 0, budgets = 0, transfer_in = 0, prog = 0, proj_emp = 0, proj_sales = 0,
         proj_vac = 0, invest = 0, firms_alive = 0, employed = 0, proj_firms = 0, proj_cash = 0, rural_pm = 0;
};

void add(const World& w, DiagYear& y) {
  const auto& hh = w.households;
  for (std::size_t h = 0; h < hh.size_(); ++h) {
    if (w.settlements.is_urban(hh.settlement[h])) continue;
    for (int s = 0; s < kS; ++s) y.src[s] += hh.income[s][h];
    y.person_months += hh.size[h];
  }
  y.pub += w.public_purchases;
  y.cons += w.consumption_pool;
  y.se_pool += w.self_employment_pool;
  double vc = 0;
  for (double c : w.villages.cash) vc += c;
  y.vcash = vc;  // end of year stock
  double b = 0, t = 0;
  for (const auto& c : w.counties) {
    b += c.budget;
    t += c.transfer_in;
  }
  y.budgets = b;
  y.transfer_in += t;
  y.prog += w.programme_spending;
  double e = 0, s = 0, v = 0, n = 0, cash = 0;
  for (std::size_t k = 0; k < w.firms.size(); ++k) {
    if (w.firms.owner[k] < 0 && w.firms.birth_month[k] >= 0) {
      n += w.firms.alive[k];
      e += w.firms.employees[k];
      s += w.firms.sales[k];
      v += w.firms.vacancies[k];
      cash += w.firms.cash[k];
    }
    y.firms_alive += w.firms.alive[k];
  }
  y.proj_emp += e;
  y.proj_sales += s;
  y.proj_vac += v;
  y.proj_firms += n;
  y.proj_cash = cash;
  double emp = 0;
  for (std::size_t i = 0; i < w.persons.size(); ++i) emp += w.persons.status[i] == LabourStatus::Employed;
  y.employed += emp;
}
}  // namespace

TEST_CASE("enclave paired difference by income source and channel" *
          doctest::skip(std::getenv("PROSIM_ENCLAVE_DECOMPOSITION") == nullptr)) {
  const double scale = std::getenv("DIAG_SCALE") ? std::atof(std::getenv("DIAG_SCALE")) : 0.01;
  const int reps = std::getenv("DIAG_REPS") ? std::atoi(std::getenv("DIAG_REPS")) : 5;
  const char* names[kS] = {"wages", "selfemp", "farm", "profits", "property", "pensions", "assist", "othertr", "tax", "contrib"};
  const int Y = 10;
  std::vector<std::vector<double>> diff(Y, std::vector<double>(kS + 1 + 16, 0.0));
  std::vector<std::vector<double>> diff2(Y, std::vector<double>(kS + 1 + 16, 0.0));
  for (int r = 1; r <= reps; ++r) {
    const auto seed = replicate_seed(20210101, r);
    Simulation base(load("jinhua_baseline.json", seed, scale, "2030-12"));
    Simulation pol(load(std::getenv("DIAG_SCEN") ? std::getenv("DIAG_SCEN") : "enclave.json", seed, scale, "2030-12"));
    base.calibrate();
    pol.calibrate();
    std::vector<DiagYear> yb(Y), yp(Y);
    int month = 0;
    while (!base.done()) {
      base.step();
      pol.step();
      const int y = month / 12;
      add(base.world(), yb[y]);
      add(pol.world(), yp[y]);
      ++month;
    }
    const double w = base.world().weight;
    for (int y = 0; y < Y; ++y) {
      std::vector<double> d(kS + 1 + 16, 0.0);
      double dispb = 0, dispp = 0;
      for (int s = 0; s < kS; ++s) {
        const double sign = s >= kIncomeTax ? -1 : 1;
        const double b = 12 * yb[y].src[s] / yb[y].person_months, p = 12 * yp[y].src[s] / yp[y].person_months;
        d[s] = sign * (p - b);
        dispb += sign * b;
        dispp += sign * p;
      }
      d[kS] = dispp - dispb;
      const auto& B = yb[y];
      const auto& P = yp[y];
      double ch[16] = {(P.pub - B.pub) * w,
                       (P.cons - B.cons) * w,
                       (P.se_pool - B.se_pool) * w,
                       (P.vcash - B.vcash) * w,
                       (P.budgets - B.budgets) * w,
                       (P.transfer_in - B.transfer_in) * w,
                       (P.prog - B.prog) * w,
                       P.proj_emp / 12,
                       P.proj_sales * w,
                       P.proj_vac / 12,
                       (P.firms_alive - B.firms_alive) / 12,
                       (P.employed - B.employed) / 12,
                       P.proj_firms / 12,
                       P.proj_cash * w,
                       (P.person_months - B.person_months) / 12,
                       0};
      for (int c = 0; c < 16; ++c) d[kS + 1 + c] = ch[c];
      for (std::size_t k = 0; k < d.size(); ++k) {
        diff[y][k] += d[k] / reps;
        diff2[y][k] += d[k] * d[k] / reps;
      }
      if (y >= 1) {  // from 2022, the first year of the projects
        CHECK(d[kProperty] > 0);
        CHECK(yp[y].proj_emp > 0);
      }
      if (std::getenv("DIAG_EACH"))
        std::printf("seed r%d year %d disposable %+.1f wages %+.1f selfemp %+.1f farm %+.1f profits %+.1f property %+.1f pens %+.1f\n", r,
                    2021 + y, d[kS], d[0], d[1], d[2], d[3], d[4], d[5]);
    }
  }
  const char* chn[16] = {"public_purchases", "consumption_pool", "se_pool", "village_cash(stock)", "budgets(stock)", "transfer_in",
                         "programme_spending", "proj_employees(avg)", "proj_sales", "proj_vacancies(avg)", "firms_alive(diff)",
                         "employed(diff, sim persons)", "proj_firms_alive", "proj_cash(stock)", "rural persons(diff, sim)", "-"};
  for (int y = 0; y < Y; ++y) {
    std::printf("== %d: rural disposable per head diff %+.1f (s.e. %.1f)\n", 2021 + y, diff[y][kS],
                std::sqrt(std::max(0.0, diff2[y][kS] - diff[y][kS] * diff[y][kS]) / std::max(1, reps - 1)));
    for (int s = 0; s < kS; ++s)
      std::printf("   %-10s %+9.1f (s.e. %.1f)\n", names[s], diff[y][s],
                  std::sqrt(std::max(0.0, diff2[y][s] - diff[y][s] * diff[y][s]) / std::max(1, reps - 1)));
    for (int c = 0; c < 15; ++c)
      std::printf("   %-28s %+14.4g (s.e. %.3g)\n", chn[c], diff[y][kS + 1 + c],
                  std::sqrt(std::max(0.0, diff2[y][kS + 1 + c] - diff[y][kS + 1 + c] * diff[y][kS + 1 + c]) / std::max(1, reps - 1)));
  }
}
