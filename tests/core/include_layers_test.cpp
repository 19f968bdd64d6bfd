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
    {"record", {}},
    {"world", {"core/"}},
    {"model", {"core/", "prosim/scenario_fields.h", "world/"}},
    {"systems", {"core/", "model/", "world/"}},
    {"metrics", {"core/", "model/", "record/", "world/"}},
    {"population", {"core/", "model/", "world/"}},
    {"policies", {"core/", "metrics/indicator.h", "metrics/month_sums.h", "model/", "world/"}},
    {"engine", {"core/", "metrics/", "model/", "policies/", "population/", "record/", "systems/", "world/"}},
    {"io", {"core/", "engine/simulation.h", "policies/registry.h", "prosim/version.h", "record/"}},
    {"sweep", {"core/", "io/", "metrics/", "policies/registry.h"}},
    {"app", {"core/", "engine/", "io/", "metrics/", "model/", "policies/", "population/", "prosim/", "record/", "sweep/", "systems/", "world/"}},
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
  CHECK(allowed("systems", "model/params.h"));
  CHECK(!allowed("systems", "engine/simulation.h"));
  CHECK(!allowed("systems", "engine/params.h"));
  CHECK(!allowed("population", "systems/systems.h"));
  CHECK(!allowed("policies", "systems/systems.h"));
  CHECK(!allowed("world", "model/params.h"));
  CHECK(!allowed("model", "systems/systems.h"));
  CHECK(!allowed("systems", "policies/policy.h"));
  CHECK(!allowed("world", "metrics/recorder.h"));
  CHECK(!allowed("io", "policies/policy.h"));
  CHECK(!allowed("io", "metrics/recorder.h"));
  CHECK(allowed("io", "record/run_record.h"));
}

// The table itself is one-way: no folder reaches itself through what it may include (a
// file-level entry such as "engine/simulation.h" counts as its folder).
TEST_CASE("the layer table has no cycle") {
  const auto folder_of = [](const std::string& a) { return a.substr(0, a.find('/')); };
  for (const auto& [start, _] : kAllowed) {
    std::set<std::string> seen;
    std::vector<std::string> todo{start};
    while (!todo.empty()) {
      const std::string f = todo.back();
      todo.pop_back();
      if (!kAllowed.count(f)) continue;  // the build's prosim/ headers
      for (const auto& a : kAllowed.at(f)) {
        const std::string g = folder_of(a);
        INFO(start << " reaches itself through " << f << " -> " << a);
        CHECK(g != start);
        if (g != start && seen.insert(g).second) todo.push_back(g);
      }
    }
  }
}
