#include "sweep/factors.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "io/schema_validator.h"

namespace prosim {

namespace {
using Json = nlohmann::ordered_json;

// The deepest existing prefix of `pointer` in `doc` and the keys found there, for a hint.
std::string pointer_hint(const Json& doc, const std::string& pointer) {
  const Json* at = &doc;
  std::string prefix;
  for (const auto& token : json_pointer_tokens(pointer)) {
    if (at->is_object() && at->contains(token)) {
      at = &(*at)[token];
    } else if (at->is_array() && !token.empty() && token.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(token) < at->size()) {
      at = &(*at)[std::stoul(token)];
    } else {
      std::string hint = "; " + display_pointer(prefix) + " exists";
      if (at->is_object()) {
        std::vector<std::string> keys;
        for (const auto& [k, v] : at->items()) keys.push_back(k);
        const std::string near = nearest_key(token, keys);
        if (!near.empty()) hint += ", did you mean \"" + near + "\"?";
        else if (!keys.empty()) hint += " (keys: " + short_dump(Json(keys), 120) + ")";
      } else if (at->is_array()) {
        hint += " and is an array of " + std::to_string(at->size()) + " items";
      } else {
        hint += " and holds " + short_dump(*at);
      }
      return hint;
    }
    prefix = json_pointer_append(prefix, token);
  }
  return "";
}
}  // namespace

FactorValue factor_value(const FactorSpec& f, double u, bool lattice) {
  u = std::clamp(u, 0.0, 1.0);
  FactorValue v;
  if (f.has_levels()) {
    const int m = static_cast<int>(f.levels.size());
    const int l = lattice ? static_cast<int>(std::lround(u * (m - 1))) : std::min(m - 1, static_cast<int>(u * m));
    v.json = f.levels[l];
    v.real = v.json.is_boolean() ? (v.json.get<bool>() ? 1.0 : 0.0) : v.json.get<double>();
    return v;
  }
  switch (f.distribution) {
    case Distribution::LogUniform:
      v.real = std::exp(std::log(f.lo) + u * (std::log(f.hi) - std::log(f.lo)));
      if (u == 0.0) v.real = f.lo;  // exact ends
      if (u == 1.0) v.real = f.hi;
      v.json = v.real;
      break;
    case Distribution::Integer: {
      const double x = lattice ? f.lo + std::round(u * (f.hi - f.lo)) : std::min(f.hi, std::floor(f.lo + u * (f.hi - f.lo + 1)));
      v.real = x;
      v.json = static_cast<std::int64_t>(x);
      break;
    }
    default:
      v.real = f.lo + u * (f.hi - f.lo);
      v.json = v.real;
      break;
  }
  return v;
}

void check_factor_pointers(const std::vector<FactorSpec>& factors, const Json& scenario, const std::string& base_name) {
  for (const auto& f : factors) {
    for (std::size_t i = 0; i < f.pointers.size(); ++i) {
      const std::string& p = f.pointers[i];
      const std::string where = f.where + (f.pointers.size() == 1 ? "/pointer" : "/pointers/" + std::to_string(i));
      Json::json_pointer jp;
      try {
        jp = Json::json_pointer(p);
      } catch (const std::exception&) {
        throw ScenarioError(where, "factor " + f.name + ": \"" + p + "\" is not a valid JSON Pointer");
      }
      if (!scenario.contains(jp))
        throw ScenarioError(where, "factor " + f.name + ": pointer " + p +
                                       " does not exist in the resolved base scenario " + base_name +
                                       pointer_hint(scenario, p));
      const Json& at = scenario.at(jp);
      if (f.apply == Apply::Scale && !at.is_number())
        throw ScenarioError(where, "factor " + f.name + ": \"apply\": \"scale\" needs a number at " + p + ", found " +
                                       short_dump(at));
      if (at.is_object() || at.is_array())
        throw ScenarioError(where, "factor " + f.name + ": pointer " + p + " holds " + short_dump(at) +
                                       ", not a single value; point at a number inside it");
    }
  }
}

void apply_factor(const FactorSpec& f, const FactorValue& v, Json& scenario) {
  for (const auto& p : f.pointers) {
    Json& at = scenario.at(Json::json_pointer(p));
    if (f.apply == Apply::Set) {
      at = v.json;
    } else if (at.is_number_integer()) {
      at = static_cast<std::int64_t>(std::llround(at.get<double>() * v.real));
    } else {
      at = at.get<double>() * v.real;
    }
  }
}

}  // namespace prosim
