// A real `prosim run` output opens in xarray (h5netcdf engine) with dates decoded, in every
// group, and `ncdump -h` reads it (Debian python3-xarray, python3-h5netcdf, netcdf-bin).
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {
struct Result {
  int status;
  std::string output;
};
Result run(const std::string& command) {
  Result r{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) r.output += buf.data();
  r.status = pclose(pipe);
  return r;
}
}  // namespace

TEST_CASE("real output: xarray decodes every group and ncdump reads the header") {
  const auto dir = std::filesystem::path(PROSIM_TEST_TMP) / "real_output";
  std::filesystem::create_directories(dir);
  const auto scenario = dir / "tiny.json";
  std::ofstream(scenario) << R"({"extends": ")" << PROSIM_SOURCE_DIR
                          << R"(/scenarios/jinhua_baseline.json", "name": "tiny", "scale": 0.001, "end": "2022-12",
                              "economy": {"burn_in_months": 6}})";
  const auto out = dir / "tiny.h5";
  std::filesystem::remove(out);  // from an earlier run of this test (prosim run does not overwrite)
  const auto r = run(std::string(PROSIM_BINARY) + " run " + scenario.string() + " -o " + out.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  const auto py = run("/usr/bin/python3 " + std::string(PROSIM_SOURCE_DIR) + "/tests/app/check_real_output.py " +
                      out.string() + " 2021-01 24");
  INFO("python: " << py.output << " (run scripts/setup.sh if python3-xarray is missing)");
  CHECK(py.status == 0);
  CHECK(py.output.find("OK") != std::string::npos);
  const auto nc = run("ncdump -h " + out.string());
  INFO("ncdump: " << nc.output.substr(0, 2000));
  CHECK(nc.status == 0);
  CHECK(nc.output.find("income_per_capita") != std::string::npos);
  CHECK(nc.output.find("group: county") != std::string::npos);
}
