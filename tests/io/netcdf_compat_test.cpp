// The output file opens in xarray (engine="h5netcdf") and ncdump: netCDF-4 compatibility.
// Needs /usr/bin/python3 with python3-xarray/python3-h5netcdf/python3-h5py and ncdump
// (netcdf-bin); scripts/setup.sh installs them. Missing tools fail the test, they do not skip it.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "io/h5_writer.h"
#include "record/run_record.h"
#include "sample_record.h"

namespace {

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr
};

Result run(const std::string& command) {
  Result r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  const int st = ::pclose(pipe);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const char* kSetupHint = "install the tools with scripts/setup.sh (python3-xarray, python3-h5netcdf, python3-h5py, netcdf-bin)";

}  // namespace

TEST_CASE("xarray (h5netcdf engine) and h5py open the output and decode time") {
  const Result probe = run("/usr/bin/python3 -c 'import xarray, h5netcdf, h5py'");
  if (probe.status != 0)
    FAIL("/usr/bin/python3 cannot import xarray, h5netcdf and h5py: " << probe.output << "\n" << kSetupHint);

  const std::string path = prosim::io_test::scratch("xarray.h5");
  prosim::write_run(prosim::io_test::make_sample_record(), path);
  const std::string script = std::string(PROSIM_SOURCE_DIR) + "/tests/io/check_xarray.py";
  REQUIRE(std::filesystem::exists(script));
  const Result r = run("/usr/bin/python3 " + quote(script) + " " + quote(path));
  INFO("check_xarray.py output:\n" << r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("check_xarray: OK") != std::string::npos);
}

TEST_CASE("ncdump reads the header and the data") {
  const Result probe = run("command -v ncdump");
  if (probe.status != 0) FAIL("ncdump not found on PATH; " << kSetupHint);

  const std::string path = prosim::io_test::scratch("ncdump.h5");
  prosim::write_run(prosim::io_test::make_sample_record(), path);

  const Result h = run("ncdump -h " + quote(path));
  INFO("ncdump -h output:\n" << h.output);
  REQUIRE(h.status == 0);
  for (const char* needle : {
           "time = UNLIMITED ; // (24 currently)",
           "double time(time) ;",
           "time:units = \"days since 2021-01-01\" ;",
           "time:calendar = \"standard\" ;",
           "double population(time) ;",
           "population:units = \"persons\" ;",
           "population:long_name = \"resident population\" ;",
           "population:_FillValue = NaN ;",
           "double mean_income(time) ;",
           "double gini(time) ;",
           "string month(time) ;",
           "group: scenario {",
           "string scenario_json ;",
           ":Conventions = \"CF-1.10\" ;",
           ":completed = 1 ;",
           ":seed = 12345678901234567890ULL ;",
           "group: county {",
           "county = 3 ;",
           "string county_name(county) ;",
           "double income(time, county) ;",
           "group: village {",
           "int year(year) ;",
           "double households(year, village) ;",
           ":comment = \"\" ;",
       }) {
    INFO("looking for: " << needle);
    CHECK(h.output.find(needle) != std::string::npos);
  }
  CHECK(h.output.find("WARNING") == std::string::npos);

  // Reading the data too (not only the header): labels, NaN, the scenario string.
  const Result d = run("ncdump " + quote(path));
  INFO("ncdump output:\n" << d.output);
  REQUIRE(d.status == 0);
  CHECK(d.output.find("\"Südkreis\"") != std::string::npos);
  CHECK(d.output.find("gini = ") != std::string::npos);
  CHECK(d.output.find("_, ") != std::string::npos);  // the NaN in gini shows as missing
  CHECK(d.output.find("\"{\\\"name\\\":\\\"sample\\\"") != std::string::npos);  // "{\"name\":\"sample\"
}
