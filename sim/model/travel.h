#pragma once
// The travel-time rule: who can commute where (the world builder's commuting reach).
#include <cstdint>
#include <vector>

#include "world/settlements.h"

namespace prosim {

// Door-to-door travel time in minutes from `from` to `to`. Roads out of hill and
// mountain settlements are slower, and mountain villages add an access leg.
double travel_minutes(const Settlements& s, std::int32_t from, std::int32_t to);

// Relative weight of a workplace `minutes` away in job search: exp(-minutes / decay_minutes),
// the commute-time decay (model.md 4.3, economy.commute_decay_minutes). 1 at zero minutes.
double commute_weight(double minutes, double decay_minutes);

// The commute weights of every workplace settlement in `home`'s reach, in reach order
// (settlements.reachable_work[home]), into `out`: what job search and the build's first job
// assignment draw workplaces by, computed here once for both.
void reach_commute_weights(const Settlements& s, std::int32_t home, double decay_minutes, std::vector<double>& out);

}  // namespace prosim
