// Same seed, same bits, whatever the thread count (the Box2D test_determinism idea):
// the whole recorded output is hashed and must be identical for 1, 2, 3 and 8 threads
// and across repeated runs; a different seed must change it.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "engine/simulation.h"
#include "io/sha256.h"
#include "small_world.h"

using namespace prosim;

namespace {
std::string hash_of(const RunRecord& r) {
  std::string bytes;
  for (const auto& g : r.groups) {
    bytes += g.path;
    for (const auto& a : g.axes) bytes.append(reinterpret_cast<const char*>(a.values.data()), a.values.size() * sizeof(double));
    for (const auto& v : g.variables) {
      bytes += v.name;
      bytes.append(reinterpret_cast<const char*>(v.data.data()), v.data.size() * sizeof(double));
    }
  }
  return sha256_hex(bytes);
}
}  // namespace

TEST_CASE("identical output for 1, 2, 3 and 8 threads and repeated runs") {
  const auto params = testing::small_world({}, 0.002, "2021-12");
  const std::string reference = hash_of(run_simulation(params, 1));
  for (int threads : {2, 3, 8, 1}) {
    INFO("threads = " << threads);
    CHECK(hash_of(run_simulation(params, threads)) == reference);
  }
  auto other = params;
  other.seed += 1;
  CHECK(hash_of(run_simulation(other, 2)) != reference);
}
