#pragma once
// Builds the synthetic world from the county aggregates of a scenario. Deterministic:
// every draw is keyed by (seed, purpose, entity id), so the same scenario and seed
// give the same world, and two scenarios that differ only in their policies get the
// same world (common random numbers).
#include "model/params.h"
#include "world/world.h"

namespace prosim {

World build_world(const Params& params);

// The pieces, in the order build_world calls them (each in its own file).
void build_geography(const Params& params, World& world);   // counties, towns, parks, villages
void build_population(const Params& params, World& world);  // households and persons
void build_firms(const Params& params, World& world);       // firms and initial jobs
// County c's share of firm value added that is the return to capital owned outside the region.
double outside_capital_share(const Params& params, std::size_t c);
void build_collectives(const Params& params, World& world); // village collective assets

}  // namespace prosim
