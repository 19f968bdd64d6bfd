// The deposit rate follows the observed cuts (issue 12; docs/model.md 4.8, 5.2): a scenario's
// economy.deposit_rate_path moves deposit_rate from each change's month on, and a change reaches
// the interest on the deposit stock over deposit_repricing_months (12: one-year time deposits
// keep their rate until they mature). The Jinhua baseline gives the large state banks' cuts of
// the one-year rate, September 2022 to October 2024 (-65 basis points in all).
// Small scale (0.004), several seeds, no timing.
#include <doctest/doctest.h>

#include <cstdint>

#include "engine/simulation.h"
#include "small_world.h"

using namespace prosim;

// The rule: the baseline's path phased in over twelve months.
TEST_CASE("the deposit rate follows the baseline's path of cuts, phased in as deposits mature") {
  const Params p = testing::small_world();
  const auto& e = p.economy;
  REQUIRE(e.deposit_rate_path.size() == 5);
  CHECK(deposit_rate_at(e, YearMonth{2022, 8}) == doctest::Approx(0.015).epsilon(1e-12));
  CHECK(deposit_rate_at(e, YearMonth{2022, 9}) == doctest::Approx(0.015 - 0.001 / 12).epsilon(1e-12));
  CHECK(deposit_rate_at(e, YearMonth{2023, 8}) == doctest::Approx(0.014).epsilon(1e-12));
  // December 2024: the cuts of 2022-09, 2023-09 and 2023-12 in full, 6/12 of July's, 3/12 of October's.
  CHECK(deposit_rate_at(e, YearMonth{2024, 12}) == doctest::Approx(0.015 - 0.003 - 0.0005 - 0.000625).epsilon(1e-12));
  CHECK(deposit_rate_at(e, YearMonth{2026, 1}) == doctest::Approx(0.0085).epsilon(1e-12));
  // Without a path the rate is deposit_rate in every month (scenarios of other regions).
  EconomyParams none = e;
  none.deposit_rate_path.clear();
  CHECK(deposit_rate_at(none, YearMonth{2026, 1}) == e.deposit_rate);
}

// The mechanism: interest paid on households' deposits in December 2023 (World::row.interest,
// systems/government.cpp) with the baseline's path over the same run without it (path []),
// seeds 1-2. The rate is 1.5 % - 0.10 - 0.10 x 4/12 - 0.10 x 1/12 points = 1.358 % against 1.5 %
// (0.906); deposits differ by the interest lost since September 2022, a few tenths of a per
// cent. With government.cpp paying deposit_rate in every month (the rule before issue 12) the
// ratio was 1 and this test failed.
TEST_CASE("the deposit-rate cuts lower the interest households receive (mechanism: deposit_rate_path)") {
  for (std::uint64_t seed : {1, 2}) {
    INFO("seed " << seed);
    auto december_2023_interest = [&](nlohmann::ordered_json patch) {
      patch["seed"] = seed;
      Simulation sim(testing::small_world(patch, 0.004, "2023-12"));
      sim.begin();
      while (!sim.done()) sim.advance();
      return sim.world().row.interest;
    };
    const double with_path = december_2023_interest(nlohmann::ordered_json::object());
    const double without = december_2023_interest({{"economy", {{"deposit_rate_path", nlohmann::ordered_json::array()}}}});
    CAPTURE(with_path);
    CAPTURE(without);
    REQUIRE(without > 0);
    CHECK(with_path / without == doctest::Approx((0.015 - 0.001 - 0.001 * 4 / 12 - 0.001 / 12) / 0.015).epsilon(0.01));
  }
}
