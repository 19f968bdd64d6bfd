// Stock-flow consistency (MODEL.md §3): every month the money held in the region
// (household deposits, firm cash, village funds, county budgets) changes by exactly the
// month's flows with the rest of the world, to 1e-9 relative.
#include <doctest/doctest.h>

#include <cmath>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

namespace {
void check_month(const Simulation& sim, int month) {
  const auto& w = sim.world();
  const double before = sim.money_before_last_month();
  const double after = w.total_money();
  const double expected = before + w.row.inflow() - w.row.outflow();
  const double scale = std::max({std::abs(before), w.row.inflow(), w.row.outflow()});
  INFO("month " << month << ": before " << before << ", after " << after << ", inflow " << w.row.inflow()
                << ", outflow " << w.row.outflow());
  CHECK(std::abs(after - expected) <= 1e-9 * scale);
}
}  // namespace

TEST_CASE("money changes only by rest-of-world flows, every recorded month") {
  Simulation sim(testing::small_world());
  sim.calibrate();
  int month = 0;
  while (!sim.done()) {
    sim.step();
    check_month(sim, month++);
  }
  CHECK(month == 24);
}

TEST_CASE("stock-flow consistency holds with every flow active: firm exits, entry, dibao near-poor band, in-migration") {
  nlohmann::ordered_json patch = {{"economy", {{"exit_loss_months", 1}, {"entry_rate", 0.03}, {"inmigrant_share", 0.25}}},
                                  {"policies", {{"dibao", {{"near_poor_multiple", 2.0}, {"near_poor_topup_share", 0.5}}}}}};
  Simulation sim(testing::small_world(patch));
  sim.calibrate();
  int exits = 0, entries = 0, month = 0, arrivals = 0, departures = 0, remitted = 0;
  while (!sim.done()) {
    sim.step();
    exits += sim.world().firm_exits;
    entries += sim.world().firm_entries;
    arrivals += sim.world().row.migrant_savings_in > 0;
    departures += sim.world().row.migrant_savings_out > 0;
    remitted += sim.world().row.remittances_out > 0;
    check_month(sim, month++);
  }
  CHECK(exits > 0);
  CHECK(entries > 0);
  CHECK(arrivals > 0);    // in-migrant households arrived (and left) in some months
  CHECK(departures > 0);
  CHECK(remitted > 0);
}

TEST_CASE("stock-flow consistency holds with the flying enclave: grants, the plant and its exports, guarantees") {
  // Both return modes: the guaranteed return from the host county's budget, and a share of
  // the plant's profits from its cash (policies/enclave.cpp).
  for (const char* mode : {"fixed", "profit_share"}) {
    INFO("return_mode " << mode);
    const nlohmann::ordered_json patch = {
        {"policies", {{"enclave", {{"start", "2021-03"}, {"host_county", "Wucheng"}, {"return_mode", mode}}}}}};
    Simulation sim(testing::small_world(patch));
    sim.calibrate();
    int month = 0;
    double plant_sales = 0;
    while (!sim.done()) {
      sim.step();
      const auto& f = sim.world().firms;
      for (std::size_t k = 0; k < f.size(); ++k)
        if (f.alive[k] && f.owner[k] < 0) plant_sales += f.sales[k];
      check_month(sim, month++);
    }
    CHECK(plant_sales > 0);  // the plant existed and sold
  }
}
