#pragma once
// A seeded generator of mutated scenario files, for the fuzz tests (tests/io/scenario_fuzz_test.cpp,
// tests/app/fuzz_cli_test.cpp). Each case starts from a shipped scenario and applies one to three
// mutations an adversary (or a careless edit) would make: type swaps, deletions, unknown keys,
// boundary and huge numbers, deep nesting, bad dates, `extends` to special files and cycles, and
// bad bytes (NUL, invalid UTF-8, truncation, out-of-range literals). The same seed gives the same
// cases on every machine (raw mt19937_64 words, no std distributions).
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace prosim::testing {

class ScenarioMutator {
 public:
  using Json = nlohmann::ordered_json;

  // `dir` receives the case files; `sources` are the scenario files mutated (read once).
  ScenarioMutator(std::filesystem::path dir, const std::vector<std::string>& sources, std::uint64_t seed)
      : dir_(std::move(dir)), rng_(seed) {
    std::filesystem::create_directories(dir_);
    for (const auto& s : sources) {
      std::ifstream in(s);
      docs_.push_back(Json::parse(in));
    }
    fifo_ = (dir_ / "fifo.json").string();
    ::mkfifo(fifo_.c_str(), 0600);
    std::filesystem::create_directories(dir_ / "a_directory.json");
  }

  struct Case {
    std::string path;         // the file to load
    std::string description;  // the mutations, for the failure message
  };

  // Writes case number `n` and returns it.
  Case next(int n) {
    Case c;
    c.path = (dir_ / ("case_" + std::to_string(n) + ".json")).string();
    Json doc = docs_[pick(docs_.size())];
    if (doc.contains("extends")) doc["extends"] = std::string(PROSIM_SOURCE_DIR) + "/scenarios/" + doc["extends"].get<std::string>();
    std::string text;
    const int mutations = 1 + static_cast<int>(pick(3));
    bool text_level = false;
    for (int m = 0; m < mutations; ++m) {
      const auto kind = pick(10);
      if (kind < 6) {
        mutate_value(doc, c.description);
      } else if (kind < 7) {
        mutate_extends(doc, c.path, c.description);
      } else if (kind < 8) {
        nest_deeply(doc, c.description);
      } else {
        text_level = true;
      }
    }
    text = doc.dump(1);
    if (deep_text_ > 0) {  // built as text: a Json value that deep would itself recurse
      text = "{\"name\": \"deep\", \"description\": " + std::string(deep_text_, '[') + std::string(deep_text_, ']') + "}";
      deep_text_ = 0;
    }
    if (text_level) mutate_bytes(text, c.description);
    std::ofstream(c.path, std::ios::binary) << text;
    return c;
  }

 private:
  std::uint64_t pick(std::uint64_t n) { return rng_() % n; }

  static void pointers(const Json& j, const std::string& at, std::vector<std::string>& out) {
    out.push_back(at);
    if (j.is_object())
      for (const auto& [k, v] : j.items()) pointers(v, at + "/" + escape(k), out);
    else if (j.is_array())
      for (std::size_t i = 0; i < j.size(); ++i) pointers(j[i], at + "/" + std::to_string(i), out);
  }
  static std::string escape(const std::string& key) {
    std::string s;
    for (char c : key) s += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return s;
  }

  Json odd_value() {
    static const char* numbers[] = {"0", "-1", "0.5", "2147483647", "2147483648", "4294967297",
                                    "9223372036854775807", "18446744073709551615", "-9223372036854775808",
                                    "1e308", "-1e308", "1e-320", "1.7976931348623157e308", "1e15", "-0"};
    switch (pick(9)) {
      case 0: return nullptr;
      case 1: return pick(2) == 1;
      case 2: return "str";
      case 3: return Json::array();
      case 4: return Json::object();
      case 5: return std::string(100000, 'x');
      case 6: return std::string("\x01\x1b[31m\x7f");
      case 7: {
        static const char* dates[] = {"2021-13", "0000-00", "9999-12", "2021-1", "1899-12", "2201-01", ""};
        return dates[pick(7)];
      }
      default: return Json::parse(numbers[pick(15)]);
    }
  }

  void mutate_value(Json& doc, std::string& what) {
    std::vector<std::string> all;
    pointers(doc, "", all);
    const std::string at = all[pick(all.size())];
    const Json::json_pointer ptr(at);
    const auto action = pick(4);
    if (action == 0 && !at.empty()) {
      Json& parent = doc.at(ptr.parent_pointer());
      if (parent.is_object())
        parent.erase(ptr.back());
      else
        parent.erase(std::stoul(ptr.back()));
      what += "delete " + at + "; ";
    } else if (action == 1 && doc.at(ptr).is_object()) {
      doc.at(ptr)["unknown_" + std::to_string(pick(100))] = odd_value();
      what += "unknown key under " + at + "; ";
    } else {
      doc.at(ptr) = odd_value();
      what += "replace " + at + " by " + doc.at(ptr).dump().substr(0, 40) + "; ";
    }
  }

  void mutate_extends(Json& doc, const std::string& self, std::string& what) {
    const std::string targets[] = {"/dev/zero", "/dev/urandom", fifo_, self, (dir_ / "missing.json").string(),
                                   (dir_ / "a_directory.json").string(), "", std::string("x\0y", 3)};
    if (!doc.is_object()) doc = Json::object();
    doc["extends"] = targets[pick(8)];
    what += "extends " + doc["extends"].dump().substr(0, 60) + "; ";
  }

  void nest_deeply(Json& doc, std::string& what) {
    const std::size_t depth = pick(2) ? 20 + pick(60) : 1000 + pick(100000);
    Json v = 1;
    for (std::size_t i = 0; i < depth && i < 200; ++i) v = pick(2) ? Json::array({v}) : Json{{"k", v}};
    if (!doc.is_object()) doc = Json::object();
    doc["description"] = v;  // deeper than 200 levels: replaced by text in next()
    what += "nesting " + std::to_string(depth) + "; ";
    if (depth > 200) deep_text_ = depth;
  }

  void mutate_bytes(std::string& text, std::string& what) {
    const std::size_t at = text.empty() ? 0 : pick(text.size());
    switch (pick(5)) {
      case 0: text.insert(at, 1, '\0'); what += "NUL at " + std::to_string(at) + "; "; break;
      case 1: text.resize(at); what += "truncated at " + std::to_string(at) + "; "; break;
      case 2: if (!text.empty()) text[at] = static_cast<char>(rng_()); what += "byte flipped at " + std::to_string(at) + "; "; break;
      case 3: text.insert(at, "\xff\xfe"); what += "invalid UTF-8 at " + std::to_string(at) + "; "; break;
      default: {
        const auto colon = text.find(": 0", at);
        if (colon != std::string::npos) text.replace(colon + 2, 1, "1e999");
        what += "1e999 literal; ";
      }
    }
  }

  std::filesystem::path dir_;
  std::mt19937_64 rng_;
  std::vector<Json> docs_;
  std::string fifo_;
  std::size_t deep_text_ = 0;
};

}  // namespace prosim::testing
