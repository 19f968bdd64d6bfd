// Bounded input (issue 16, docs/reliability.md): whatever a scenario file holds, the loader
// answers with a located error (exit 3) and never crashes, hangs or exhausts memory. Each test
// names the class of input it guards.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "core/error.h"
#include "io/scenario_loader.h"

using prosim::load_scenario;
using prosim::load_scenario_text;
using prosim::ScenarioError;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

const std::string kScenarios = std::string(PROSIM_SOURCE_DIR) + "/scenarios";
const fs::path kTmp = fs::path(PROSIM_TEST_TMP) / "input_bounds";

std::string baseline_with(const std::string& patch) {
  return R"({"extends": "jinhua_baseline.json", "name": "t", )" + patch + "}";
}

std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string error_of_text(const std::string& text) {
  return error_of([&] { load_scenario_text(text, "t.json", kScenarios); });
}

std::string write(const std::string& name, const std::string& text) {
  fs::create_directories(kTmp);
  const fs::path p = kTmp / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

}  // namespace

TEST_CASE("bounds: every number in the scenario schema has a lower and an upper bound") {
  // The guard that keeps counts and sizes bounded: a new parameter without bounds fails here.
  // Only the seed is exempt (any unsigned 64-bit value is a valid seed).
  std::vector<std::string> unbounded;
  std::function<void(const Json&, const std::string&)> walk = [&](const Json& node, const std::string& path) {
    if (!node.is_object()) return;
    const std::string type = node.contains("type") && node["type"].is_string() ? node["type"].get<std::string>() : "";
    if ((type == "number" || type == "integer") && path != "/properties/seed") {
      const bool lower = node.contains("minimum") || node.contains("exclusiveMinimum");
      const bool upper = node.contains("maximum") || node.contains("exclusiveMaximum");
      if (!lower || !upper) unbounded.push_back(path);
    }
    for (const auto& [key, value] : node.items()) walk(value, path + "/" + key);
  };
  walk(Json::parse(prosim::scenario_schema_text()), "");
  INFO("unbounded: " << [&] { std::string s; for (auto& u : unbounded) s += u + " "; return s; }());
  CHECK(unbounded.empty());
}

TEST_CASE("bounds: integers beyond int and huge counts are located errors, not a crash") {
  CHECK(error_of_text(baseline_with(R"("region": {"counties": {"Wuyi": {"villages": 2147483648}}})")) ==
        "t.json: /region/counties/Wuyi/villages: found 2147483648, expected an integer <= 100000 "
        "(number of administrative villages)");
  CHECK(error_of_text(baseline_with(R"("region": {"counties": {"Wuyi": {"villages": 4294967297}}})")).find(
            "<= 100000") != std::string::npos);
  CHECK(error_of_text(baseline_with(R"("region": {"counties": {"Wuyi": {"population": 1e308}}})")).find(
            "/region/counties/Wuyi/population: found 1e+308, expected a number <= 100000000") != std::string::npos);
  CHECK(error_of_text(baseline_with(R"("economy": {"applications_per_month": 2147483647})")).find(
            "/economy/applications_per_month: found 2147483647, expected an integer <= 100") != std::string::npos);
}

TEST_CASE("bounds: too many simulated persons is refused with the memory it would need") {
  std::string counties;
  for (int i = 0; i < 6; ++i)
    counties += std::string(i ? "," : "") + "\"C" + std::to_string(i) +
                R"(": {"population": 1e8, "urbanisation": 0.5, "income_per_capita": 5e4, "gdp": 1e11,
                        "villages": 10, "area_km2": 100, "terrain": {"plain": 1, "hill": 0, "mountain": 0}})";
  const std::string text = R"({"name": "t", "scale": 1, "region": {"name": "R", "counties": {)" + counties + "}}}";
  CHECK(error_of_text(text) ==
        "t.json: /scale: found 1, expected a scale at which the region has at most 5e+08 simulated persons "
        "(this one has 6e+08, which would need about 89.407 GiB of memory)");
}

TEST_CASE("bounds: nesting deeper than 64 levels is refused before any recursion") {
  const std::string arrays = std::string(100000, '[') + std::string(100000, ']');
  const std::string message = error_of_text(arrays);
  CHECK(message.find("nested deeper than 64 levels of objects and arrays") != std::string::npos);
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  CHECK(error_of_text(objects).find("nested deeper than 64 levels") != std::string::npos);
  // 64 levels are fine for the parser (the schema then rejects the key).
  std::string ok = R"({"name": "t", "description": )";
  for (int i = 0; i < 62; ++i) ok += "[";
  ok += std::string(62, ']') + "}";
  CHECK(error_of_text(ok).find("nested deeper") == std::string::npos);
}

TEST_CASE("bounds: NUL bytes and out-of-range number literals are located") {
  CHECK(error_of_text(std::string("{\"name\": \"x\"}\0{\"more\": 1}", 26)) ==
        "t.json:1:14: NUL byte in the file (a scenario is UTF-8 text; is this a binary file?)");
  CHECK(error_of_text("{\"name\": \"x\",\n \"scale\": 1e999}") ==
        "t.json:2:11: number out of range (larger in magnitude than about 1.8e308)");
  CHECK(error_of_text("{\"name\": \"1e999\", \"scale\": -2e400}") ==
        "t.json:1:28: number out of range (larger in magnitude than about 1.8e308)");
  CHECK(error_of_text(R"({"name": "t", "extends": "jinhua_baseline.json\u0000.x"})") ==
        "t.json: /extends: the path contains a NUL byte");
}

TEST_CASE("bounds: devices, FIFOs and oversized files are not read") {
  CHECK(error_of_text(R"({"extends": "/dev/zero", "name": "t"})") ==
        "t.json: /extends: cannot read the parent scenario \"/dev/zero\" (looked for /dev/zero): "
        "not a regular file (a device, FIFO or socket)");
  fs::create_directories(kTmp);
  const fs::path fifo = kTmp / "fifo.json";
  fs::remove(fifo);
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(error_of([&] { load_scenario(fifo.string()); }) ==
        fifo.string() + ": cannot read the scenario file: not a regular file (a device, FIFO or socket)");
  const std::string big = write("big.json", "{\"name\": \"" + std::string(17u << 20, 'x') + "\"}");
  CHECK(error_of([&] { load_scenario(big); }) ==
        big + ": cannot read the scenario file: larger than the limit of 16 MiB for a scenario file");
  fs::remove(big);
}

TEST_CASE("bounds: echoed keys have control bytes escaped and long text cut") {
  const std::string message = error_of_text(baseline_with(R"("economy": {"k\u001b[31m": 1})"));
  CHECK(message.find("/economy/k\\x1b[31m: unknown key \"k\\x1b[31m\"") != std::string::npos);
  CHECK(message.find('\x1b') == std::string::npos);
  const std::string long_key = error_of_text(baseline_with("\"" + std::string(5000, 'q') + "\": 1"));
  for (std::size_t start = 0, end; start < long_key.size(); start = end + 1) {
    end = long_key.find('\n', start);
    if (end == std::string::npos) end = long_key.size();
    CHECK(end - start <= 2 * 403 + 2);  // where and what are cut separately
  }
}
