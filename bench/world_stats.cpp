// bench/world_stats: builds the world of a scenario (no simulation) and prints, as JSON,
// the entity counts and the heap bytes the built world holds. run_bench.sh uses it for
// the persons/households of a case and for "measured state bytes" (heap in use after the
// build minus heap in use before it, from glibc's mallinfo2; large vectors are mmap'd,
// so both the arena and the mmap'd bytes are counted).
//
//   world_stats SCENARIO.json [SCALE]
//
// Built by bench/run_bench.sh against build/release/libprosim_lib.a (not part of CMake).
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "population/world_builder.h"
#include "model/params.h"
#include "io/scenario_loader.h"

namespace {
std::size_t heap_in_use() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SCENARIO.json [SCALE]\n", argv[0]);
    return 2;
  }
  try {
    auto loaded = prosim::load_scenario(argv[1]);
    if (argc > 2) loaded.json["scale"] = std::stod(argv[2]);
    const auto params = prosim::params_from_json(loaded.json);
    const std::size_t before = heap_in_use();
    const auto t0 = std::chrono::steady_clock::now();
    const prosim::World w = prosim::build_world(params);
    const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::size_t after = heap_in_use();
    std::size_t alive_firms = 0;
    for (auto a : w.firms.alive) alive_firms += a;
    std::printf(
        "{\"scale\": %.9g, \"persons\": %zu, \"households\": %zu, \"firms\": %zu, \"firms_alive\": %zu, "
        "\"villages\": %zu, \"settlements\": %zu, \"counties\": %zu, \"world_heap_bytes\": %zu, "
        "\"build_seconds\": %.3f}\n",
        params.scale, w.persons.size(), w.households.size_(), w.firms.size(), alive_firms, w.villages.size(),
        w.settlements.size(), w.counties.size(), after - before, build_s);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "world_stats: %s\n", e.what());
    return 1;
  }
  return 0;
}
