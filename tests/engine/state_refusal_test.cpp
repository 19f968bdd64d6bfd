// A state is refused, with a message saying what differs, for a changed economy parameter,
// another seed, another scale, a policy acting before the state's month, and for a
// truncated, incomplete or foreign file.
#include <doctest/doctest.h>

#include <hdf5.h>

#include "core/error.h"
#include "engine/fork_check.h"
#include "state_helpers.h"

using namespace prosim;
using namespace prosim::testing;

namespace {

std::string refusal(const std::string& path) {
  try {
    read_state_header(path);
  } catch (const RuntimeFailure& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("fork rule: what differs before the state's month is named") {
  const auto base = small_scenario("jinhua_baseline.json");
  const YearMonth at{2021, 6};
  auto changed = base.json;
  changed["economy"]["wage_phillips"] = changed["economy"]["wage_phillips"].get<double>() + 0.01;
  CHECK(fork_difference(base.json, changed, at).find("/economy/wage_phillips differs") == 0);
  changed = base.json;
  changed["seed"] = 7;
  CHECK(fork_difference(base.json, changed, at).find("/seed differs (state: 20210101, scenario: 7)") == 0);
  changed = base.json;
  changed["scale"] = 0.003;
  CHECK(fork_difference(base.json, changed, at).find("/scale differs") == 0);
  // The name and description act on nothing.
  changed = base.json;
  changed["name"] = "other";
  changed["description"] = "other";
  CHECK(fork_difference(base.json, changed, at).empty());
  // A policy switched on from 2022-01: fine at or before, refused after.
  const auto enclave = small_scenario("enclave.json");
  CHECK(fork_difference(base.json, enclave.json, YearMonth{2022, 1}).empty());
  const auto late = fork_difference(base.json, enclave.json, YearMonth{2022, 2});
  CHECK(late.find("/policies/enclave") == 0);
  CHECK(late.find("acts from 2022-01, before the state's month 2022-02") != std::string::npos);
  // A minimum-wage schedule entry acts from its date; the policy itself is in force from 2021-01.
  const auto rise = small_scenario("minimum_wage_rise.json");
  CHECK(fork_difference(base.json, rise.json, YearMonth{2022, 1}).empty());
  CHECK(fork_difference(base.json, rise.json, YearMonth{2022, 2}).find("/policies/minimum_wage/schedule/1") == 0);
  // A setting of a policy in force from the start (dibao) acts from the start.
  const auto dibao = small_scenario("dibao_near_poor.json");
  CHECK(fork_difference(base.json, dibao.json, YearMonth{2021, 2}).find("/policies/dibao/near_poor_multiple") == 0);
  // The Dosi rule from 2025-01: its indicators are recorded in every run, so any earlier month fits.
  const auto dosi = small_scenario("minimum_wage_dosi.json");
  CHECK(fork_difference(base.json, dosi.json, YearMonth{2022, 6}).empty());
}

TEST_CASE("state file: truncated, incomplete, foreign and missing files are refused") {
  const auto dir = state_dir("refusal");
  const auto s = small_scenario("jinhua_baseline.json", "2021-03");
  const auto good = (dir / "good.h5").string();
  run_saving(s, 1, good);
  CHECK(refusal(good).empty());

  const std::string bytes = file_bytes(good);
  const auto truncated = (dir / "truncated.h5").string();
  {
    std::ofstream out(truncated, std::ios::binary);
    out << bytes.substr(0, bytes.size() / 2);
  }
  CHECK(!refusal(truncated).empty());
  Simulation sim(s.params);
  CHECK_THROWS_AS(load_state(sim, truncated), RuntimeFailure);

  // No /completed (what a write killed before its last step would leave, were it renamed).
  const auto incomplete = (dir / "incomplete.h5").string();
  fs::copy_file(good, incomplete);
  {
    const hid_t f = H5Fopen(incomplete.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    CHECK(H5Ldelete(f, "completed", H5P_DEFAULT) >= 0);
    H5Fclose(f);
  }
  CHECK(refusal(incomplete).find("incomplete") != std::string::npos);

  // An HDF5 file that is not a state; a text file.
  const auto foreign = (dir / "foreign.h5").string();
  H5Fclose(H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  CHECK(refusal(foreign).find("not a prosim state file") != std::string::npos);
  const auto text = (dir / "text.h5").string();
  std::ofstream(text) << "{}";
  CHECK(refusal(text).find("not an HDF5 file") != std::string::npos);
  CHECK(refusal((dir / "missing.h5").string()).find("no such file") != std::string::npos);
}

TEST_CASE("state file: a state of another layout is refused (an extra dataset)") {
  const auto dir = state_dir("layout");
  const auto s = small_scenario("jinhua_baseline.json", "2021-03");
  const auto path = (dir / "extra.h5").string();
  run_saving(s, 1, path);
  {
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hsize_t n = 1;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const hid_t ds = H5Dcreate2(f, "/world/persons/new_field", H5T_STD_U8LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(ds);
    H5Sclose(space);
    H5Fclose(f);
  }
  Simulation sim(s.params);
  try {
    load_state(sim, path);
    FAIL("an extra dataset was accepted");
  } catch (const RuntimeFailure& e) {
    CHECK(std::string(e.what()).find("another layout") != std::string::npos);
  }
}
