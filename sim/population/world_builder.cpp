#include "population/world_builder.h"

namespace prosim {

World build_world(const Params& params) {
  World world;
  world.weight = 1.0 / params.scale;
  world.date = params.start;
  build_geography(params, world);
  build_population(params, world);
  build_collectives(params, world);
  build_firms(params, world);
  return world;
}

}  // namespace prosim
