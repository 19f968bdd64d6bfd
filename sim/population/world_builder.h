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
void build_collectives(const Params& params, World& world); // village collective assets

}  // namespace prosim
