#pragma once
// Whether a run of one scenario may continue from a state saved by a run of another (or the
// same) scenario at the start of month `at`: bit-identical to the full run exactly when
// nothing that acts before `at` differs. The resolved scenarios may differ only in
//  - name, description, $schema, extends (they act on nothing);
//  - policy settings that first act at or after `at`: a policy block that starts then (or
//    later) in both versions, or is switched on from then; a minimum-wage schedule entry dated
//    then or later; a Dosi indexation starting then or later.
// Anything else (the economy, the region, the seed, the scale, the dates, the outputs, a
// setting of a policy already in force) acts from the first month.
#include <string>

#include <nlohmann/json.hpp>

#include "core/calendar.h"

namespace prosim {

// "" when `scenario` may continue from a state of `saved` at `at`; otherwise the first
// difference that acts before `at`: its JSON pointer, both values and the month it acts from.
std::string fork_difference(const nlohmann::ordered_json& saved, const nlohmann::ordered_json& scenario, YearMonth at);

// The earliest month from which `scenario` differs from `base` (by the rules above), or
// `end + 1` of `scenario` when nothing acting differs: the latest month at which a run of
// `scenario` can fork from `base`'s states. The start of the burn-in when they differ in
// anything outside the policies.
YearMonth first_acting_difference(const nlohmann::ordered_json& base, const nlohmann::ordered_json& scenario);

}  // namespace prosim
