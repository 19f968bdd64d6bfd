// Same seed, same bits, whatever the thread count (the Box2D test_determinism idea):
// the whole recorded output is hashed and must be identical for 1, 2, 3 and 8 threads
// and across repeated runs; a different seed must change it.
#include <doctest/doctest.h>

#include "engine/simulation.h"
#include "record_hash.h"
#include "small_world.h"

using namespace prosim;

using testing::record_hash;

TEST_CASE("identical output for 1, 2, 3 and 8 threads and repeated runs") {
  const auto params = testing::small_world({}, 0.002, "2021-12");
  const std::string reference = record_hash(run_simulation(params, 1));
  for (int threads : {2, 3, 8, 1}) {
    INFO("threads = " << threads);
    CHECK(record_hash(run_simulation(params, threads)) == reference);
  }
  auto other = params;
  other.seed += 1;
  CHECK(record_hash(run_simulation(other, 2)) != reference);
}
