// The layers of sim/ (docs/architecture.md, "Folders and what each may include"): every
// #include "folder/file" under sim/ must be allowed by the table below, which is the doc's
// table. A new include that points up a layer fails here; change the design (or, with a
// reason, the table and the doc together).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Folder -> what it may include: "folder/" (any file of it) or "folder/file.h" (that file).
const std::map<std::string, std::vector<std::string>> kAllowed = {
    {"core", {}},
    {"model", {}},
    {"world", {"core/"}},
    {"systems", {"core/", "engine/params.h", "model/", "world/"}},
    {"metrics", {"core/", "engine/params.h", "model/", "world/"}},
    {"population", {"core/", "engine/params.h", "model/", "systems/", "world/"}},
    {"policies",
     {"core/", "engine/params.h", "metrics/indicator.h", "metrics/month_sums.h", "model/", "systems/", "world/"}},
    {"engine", {"population/", "core/", "engine/", "metrics/", "model/", "policies/", "prosim/scenario_fields.h", "systems/", "world/"}},
    {"io", {"core/", "metrics/", "policies/registry.h", "engine/simulation.h", "prosim/version.h"}},
    {"sweep", {"core/", "io/", "metrics/", "policies/registry.h"}},
    {"app", {"core/", "engine/", "io/", "metrics/", "model/", "policies/", "population/", "prosim/", "sweep/", "systems/", "world/"}},
};

bool allowed(const std::string& folder, const std::string& target) {
  if (target.rfind(folder + "/", 0) == 0) return true;  // its own folder
  for (const auto& a : kAllowed.at(folder))
    if (a.back() == '/' ? target.rfind(a, 0) == 0 : target == a) return true;
  return false;
}

}  // namespace

TEST_CASE("every include under sim/ points down the layers of docs/architecture.md") {
  const fs::path root = fs::path(PROSIM_SOURCE_DIR) / "sim";
  const std::regex include(R"(#include\s+"([a-z_0-9]+/[^"]+)\")");
  std::set<std::string> folders_seen, problems;
  int includes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp" && ext != ".in") continue;
    const std::string file = fs::relative(entry.path(), root).generic_string();
    const std::string folder = file.substr(0, file.find('/'));
    folders_seen.insert(folder);
    if (!kAllowed.count(folder)) {
      problems.insert(file + ": folder " + folder + " is not in the layer table");
      continue;
    }
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
      if (std::regex_search(line, m, include)) {
        ++includes;
        if (!allowed(folder, m[1].str())) problems.insert(file + " includes " + m[1].str());
      }
  }
  CHECK(includes > 100);
  CHECK(folders_seen.size() == kAllowed.size());
  for (const auto& p : problems) {
    INFO(p);
    CHECK(false);
  }
}

TEST_CASE("the layer check refuses an include that points up") {
  CHECK(allowed("systems", "world/world.h"));
  CHECK(allowed("systems", "engine/params.h"));
  CHECK(!allowed("systems", "engine/simulation.h"));
  CHECK(!allowed("systems", "policies/policy.h"));
  CHECK(!allowed("world", "metrics/recorder.h"));
  CHECK(!allowed("io", "policies/policy.h"));
}
