// A whole run written to HDF5 and read back: dimensions, values, attributes and the
// completed flag are what the recorder produced.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "engine/simulation.h"
#include "io/h5_reader.h"
#include "io/h5_writer.h"
#include "small_world.h"

using namespace prosim;

TEST_CASE("a small run writes a complete file whose indicators read back exactly") {
  const auto params = testing::small_world({}, 0.002, "2022-12");
  RunRecord record = run_simulation(params, 2);
  record.seed = params.seed;
  record.scenario_json = "{}";
  record.attributes["title"] = "end-to-end test";
  std::filesystem::create_directories(PROSIM_TEST_TMP);
  const std::string path = std::string(PROSIM_TEST_TMP) + "/end_to_end.h5";
  write_run(record, path);
  CHECK(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(path + ".part"));

  const RunRecord back = read_run(path);
  const auto* root = back.find_group("/");
  REQUIRE(root != nullptr);
  const auto* time = root->axis("time");
  REQUIRE(time != nullptr);
  CHECK(time->values.size() == 24);
  CHECK(time->values[0] == 0.0);
  CHECK(time->values[12] == 365.0);  // 2022-01-01 is 365 days after 2021-01-01
  for (const auto& v : record.groups[0].variables) {
    INFO(v.name);
    const auto* read = root->variable(v.name);
    REQUIRE(read != nullptr);
    CHECK(read->units == v.units);
    CHECK(read->long_name == v.long_name);
    REQUIRE(read->data.size() == v.data.size());
    for (std::size_t i = 0; i < v.data.size(); ++i)
      CHECK((read->data[i] == v.data[i] || (std::isnan(read->data[i]) && std::isnan(v.data[i]))));
  }
  // Real indicators, not placeholders: plausible ranges for the Jinhua-like world.
  const auto& income = root->variable("income_per_capita")->data;
  CHECK(income.front() > 20000);
  CHECK(income.front() < 120000);
  const auto& gini = root->variable("gini")->data;
  CHECK(gini.back() > 0.2);
  CHECK(gini.back() < 0.7);
  const auto* county = back.find_group("/county");
  REQUIRE(county != nullptr);
  CHECK(county->axis("county")->labels.size() == 9);
  CHECK(county->axis("county")->labels[8] == "Pan'an");
  const auto* village = back.find_group("/village");
  REQUIRE(village != nullptr);
  CHECK(village->axis("year")->values.size() == 2);
  CHECK(back.seed == params.seed);
}
