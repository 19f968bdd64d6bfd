// prosim_format_version: version 2 keeps the resolved scenario in /scenario (not at the root,
// where xarray's to_dataframe() repeated it in every row); files of version 1 are still read,
// newer ones are refused with a message that names the file and both versions.
#include <doctest/doctest.h>
#include <hdf5.h>

#include <string>

#include "core/error.h"
#include "io/h5_reader.h"
#include "io/h5_writer.h"
#include "record/run_record.h"
#include "sample_record.h"


using namespace prosim;

namespace {

void set_version(hid_t f, int version) {
  hid_t a = H5Aopen_by_name(f, "/", "prosim_format_version", H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(a >= 0);
  CHECK(H5Awrite(a, H5T_NATIVE_INT, &version) >= 0);
  H5Aclose(a);
}

// Rewrites a version-2 file into the version-1 layout: /scenario/scenario_json moved to the
// root, the /scenario group removed, prosim_format_version = 1.
void downgrade_to_version_1(const std::string& path) {
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  CHECK(H5Lmove(f, "/scenario/scenario_json", f, "/scenario_json", H5P_DEFAULT, H5P_DEFAULT) >= 0);
  CHECK(H5Ldelete(f, "/scenario", H5P_DEFAULT) >= 0);
  set_version(f, 1);
  CHECK(H5Fclose(f) >= 0);
}

}  // namespace

TEST_CASE("format version 2: the scenario is in /scenario, the root has no scenario_json") {
  const std::string path = io_test::scratch("format_v2.h5");
  const RunRecord in = io_test::make_sample_record();
  write_run(in, path);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  int version = 0;
  hid_t a = H5Aopen_by_name(f, "/", "prosim_format_version", H5P_DEFAULT, H5P_DEFAULT);
  REQUIRE(a >= 0);
  CHECK(H5Aread(a, H5T_NATIVE_INT, &version) >= 0);
  H5Aclose(a);
  CHECK(version == 2);
  CHECK(H5Lexists(f, "/scenario_json", H5P_DEFAULT) == 0);
  CHECK(H5Lexists(f, "/scenario/scenario_json", H5P_DEFAULT) > 0);
  // The run coordinates, as in every other group.
  CHECK(H5Lexists(f, "/scenario/replicate", H5P_DEFAULT) > 0);
  CHECK(H5Lexists(f, "/scenario/seed", H5P_DEFAULT) > 0);
  CHECK(H5Fclose(f) >= 0);
  const RunRecord out = read_run(path);
  CHECK(out.scenario_json == in.scenario_json);
  CHECK(out.find_group("/scenario") == nullptr);  // not a data group of the record
}

TEST_CASE("a version 1 file (scenario_json at the root) is still read") {
  const std::string path = io_test::scratch("format_v1.h5");
  const RunRecord in = io_test::make_sample_record();
  write_run(in, path);
  downgrade_to_version_1(path);
  const RunRecord out = read_run(path);
  CHECK(out.scenario_json == in.scenario_json);
  CHECK(out.find_group("/scenario") == nullptr);
  REQUIRE(out.find_group("/") != nullptr);
  CHECK(out.find_group("/")->variable("gini") != nullptr);
}

TEST_CASE("a file of a newer format version is refused, naming the file and both versions") {
  const std::string path = io_test::scratch("format_v3.h5");
  write_run(io_test::make_sample_record(), path);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  set_version(f, kOutputFormatVersion + 1);
  CHECK(H5Fclose(f) >= 0);
  std::string message;
  try {
    (void)read_run(path);
  } catch (const RuntimeFailure& e) {
    message = e.what();
  }
  INFO("message: " << message);
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("format version " + std::to_string(kOutputFormatVersion + 1)) != std::string::npos);
  CHECK(message.find("reads up to " + std::to_string(kOutputFormatVersion)) != std::string::npos);
}

TEST_CASE("a record may not use the /scenario group for data") {
  RunRecord r = io_test::make_sample_record();
  r.group("/scenario");
  CHECK_THROWS_AS(write_run(r, io_test::scratch("reserved_scenario.h5")), RuntimeFailure);
}
