// The fork rule of engine/fork_check.h: which differences between two resolved scenarios act
// from which month.
#include "engine/fork_check.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "model/params.h"
#include "policies/registry.h"

namespace prosim {
namespace {

using Json = nlohmann::ordered_json;

// A difference and the first month it acts in.
struct Difference {
  std::string pointer;
  std::string saved, scenario;  // the values (JSON text, "(absent)")
  YearMonth acts;
};

std::string text(const Json* v) {
  if (!v) return "(absent)";
  std::string s = v->dump();
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

const Json* member(const Json& o, const std::string& key) {
  if (!o.is_object()) return nullptr;
  auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

// Keys of both objects: a's in order, then b's not in a.
std::vector<std::string> keys(const Json* a, const Json* b) {
  std::vector<std::string> out;
  for (const Json* o : {a, b})
    if (o && o->is_object())
      for (auto it = o->begin(); it != o->end(); ++it)
        if (std::find(out.begin(), out.end(), it.key()) == out.end()) out.push_back(it.key());
  return out;
}

// The pointer of the first place a and b differ (a and b differ).
std::string first_pointer(const Json* a, const Json* b, const std::string& at) {
  if (a && b && a->is_object() && b->is_object()) {
    for (const auto& k : keys(a, b)) {
      const Json *x = member(*a, k), *y = member(*b, k);
      if (!x || !y || *x != *y) return first_pointer(x, y, at + "/" + k);
    }
  }
  if (a && b && a->is_array() && b->is_array()) {
    for (std::size_t i = 0; i < std::max(a->size(), b->size()); ++i) {
      const Json* x = i < a->size() ? &(*a)[i] : nullptr;
      const Json* y = i < b->size() ? &(*b)[i] : nullptr;
      if (!x || !y || *x != *y) return first_pointer(x, y, at + "/" + std::to_string(i));
    }
  }
  return at;
}

const Json* at_pointer(const Json& root, const std::string& pointer) {
  const Json::json_pointer p(pointer);
  return root.contains(p) ? &root.at(p) : nullptr;
}

bool enabled(const Json* block) { return block && block->value("enabled", false); }
YearMonth start_of(const Json& block) { return year_month_of(block.at("start")); }

// The month a difference inside the block of policy `name` (on in both versions) first acts:
// from the block's start unless the policy says later (PolicyType::acts_from).
YearMonth acts_from(const std::string& name, const std::string& key, const Json& a, const Json& b, YearMonth run_start) {
  const YearMonth start = std::min(start_of(a), start_of(b));
  if (key == "start") return start;
  for (const auto& r : policy_registry())
    if (r.name == name && r.type.acts_from)
      if (const auto when = r.type.acts_from(key, a, b, start, run_start)) return *when;
  return start;
}

// Every difference between the two scenarios, in key order, with the month it acts from.
std::vector<Difference> differences(const Json& saved, const Json& scenario) {
  static const std::vector<std::string> inert = {"name", "description", "$schema", "extends"};
  std::vector<Difference> out;
  const YearMonth run_start = year_month_of(scenario.at("start"));
  const int burn_in = scenario.contains("economy") ? scenario.at("economy").value("burn_in_months", 0) : 0;
  const YearMonth first = run_start.plus(-burn_in);
  auto add = [&](const std::string& pointer, YearMonth acts) {
    out.push_back({pointer, text(at_pointer(saved, pointer)), text(at_pointer(scenario, pointer)), acts});
  };
  for (const auto& key : keys(&saved, &scenario)) {
    if (std::find(inert.begin(), inert.end(), key) != inert.end()) continue;
    const Json *a = member(saved, key), *b = member(scenario, key);
    if (a && b && *a == *b) continue;
    if (key != "policies" || !a || !b) {
      add(first_pointer(a, b, "/" + key), std::min(first, year_month_of(saved.at("start")).plus(-burn_in)));
      continue;
    }
    for (const auto& name : keys(a, b)) {
      const Json *x = member(*a, name), *y = member(*b, name);
      if (x && y && *x == *y) continue;
      const std::string base = "/policies/" + name;
      if (!enabled(x) && !enabled(y)) continue;  // off in both: acts never
      if (!enabled(x) || !enabled(y)) {           // switched on in one: from its start
        add(first_pointer(x, y, base), start_of(enabled(x) ? *x : *y));
        continue;
      }
      for (const auto& k : keys(x, y)) {
        const Json *u = member(*x, k), *v = member(*y, k);
        if (u && v && *u == *v) continue;
        add(first_pointer(u, v, base + "/" + k), acts_from(name, k, *x, *y, run_start));
      }
    }
  }
  return out;
}

}  // namespace

std::string fork_difference(const Json& saved, const Json& scenario, YearMonth at) {
  for (const auto& d : differences(saved, scenario))
    if (d.acts < at)
      return d.pointer + " differs (state: " + d.saved + ", scenario: " + d.scenario + "); it acts from " + d.acts.str() +
             ", before the state's month " + at.str();
  return "";
}

YearMonth first_acting_difference(const Json& base, const Json& scenario) {
  YearMonth first = year_month_of(scenario.at("end")).plus(1);
  for (const auto& d : differences(base, scenario)) first = std::min(first, d.acts);
  return first;
}

}  // namespace prosim
