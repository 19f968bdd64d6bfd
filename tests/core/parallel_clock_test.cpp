// Tests of sim/core/parallel_clock.h and the sequential column of core/profile.h: the CPU time
// the profiling thread spends outside parallel regions. Only invariants, never speeds: a section
// with no parallel region is sequential through and through, one with a region is not, nested
// regions count once, and nothing is timed without a Profile or on another thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "core/parallel.h"
#include "core/parallel_clock.h"
#include "core/profile.h"
#include "core/rare_events.h"

using namespace prosim;

namespace {

const Profile::Section& find(const Profile& p, const char* name) {
  for (const auto& s : p.sections())
    if (s.name == name) return s;
  FAIL("no section " << name);
  return p.sections().front();
}

// Work that the compiler cannot drop, outside any region.
double busy(std::size_t n) {
  volatile double x = 0;
  for (std::size_t i = 0; i < n; ++i) x = x + 1e-9 * static_cast<double>(i);
  return x;
}

}  // namespace

TEST_CASE("parallel clock: regions are timed only on a profiling thread, once when nested") {
  REQUIRE(parallel_clock.timers == 0);
  const double before = parallel_clock.inside_s;
  std::vector<double> v(100000, 1.0);
  for_each_index(v.size(), [&](std::size_t i) { v[i] *= 2; });
  CHECK(deterministic_sum(v.size(), [&](std::size_t i) { return v[i]; }) == 200000.0);
  CHECK(parallel_clock.inside_s == before);  // no Profile: nothing timed
  CHECK(parallel_clock.depth == 0);

  Profile profile;
  CHECK(parallel_clock.timers == 1);
  busy(200000);
  profile.lap("sequential");
  // Regions nested in a region's body, on this thread or a worker: part of the outer one, so
  // the time inside regions cannot exceed the section's wall time.
  const double inside_before = parallel_clock.inside_s;
  std::vector<double> sums(v.size(), 0.0);
  for_each_index(sums.size(), [&](std::size_t k) {
    if (k % 1000 == 0)
      sums[k] = deterministic_sum(v.size(), [&](std::size_t i) { return v[i] * static_cast<double>(k); });
  });
  CHECK(parallel_clock.depth == 0);
  CHECK(parallel_clock.inside_s > inside_before);
  std::vector<std::int32_t> hits;
  collect_if(v.size(), [&](std::size_t i) { return i % 3 == 0; }, hits);
  CHECK(hits.size() == 33334);
  std::vector<int> keys = {5, 3, 9, 1};
  sort_in_parallel(keys.begin(), keys.end());
  CHECK(keys == std::vector<int>{1, 3, 5, 9});
  std::vector<char> hit(1000, 0);
  for_each_success(1, Purpose::Demography, 0, hit.size(), 1.0, [&](std::size_t i, RandomStream&) { hit[i] = 1; });
  CHECK(std::count(hit.begin(), hit.end(), 1) == 1000);
  profile.lap("parallel");
  CHECK(parallel_clock.inside_s - inside_before <= find(profile, "parallel").thread_cpu_s[Profile::kOutside]);
  // A loop too short to be cut into pieces runs as one task on this thread: sequential.
  const double inside_short = parallel_clock.inside_s;
  for_each_index(kGrain, [&](std::size_t i) { v[i] += 1; });
  collect_if(v.size(), [&](std::size_t i) { return i % 3 == 0; }, hits);  // one block of words
  CHECK(parallel_clock.inside_s == inside_short);
  profile.lap("short loops");

  // Another thread's regions are its own: its clock has no Profile, this one does not move.
  const double inside = parallel_clock.inside_s;
  double other_inside = -1;
  int other_timers = -1;
  std::thread other([&] {
    for_each_index(v.size(), [&](std::size_t i) { v[i] += 1; });
    other_inside = parallel_clock.inside_s;
    other_timers = parallel_clock.timers;
  });
  other.join();
  CHECK(other_inside == 0);
  CHECK(other_timers == 0);
  CHECK(parallel_clock.inside_s == inside);
  profile.lap("other thread");

  const auto& seq = find(profile, "sequential");
  const auto& par = find(profile, "parallel");
  const auto p = Profile::kOutside;
  CHECK(seq.thread_cpu_s[p] > 0);
  CHECK(seq.sequential_s[p] == seq.thread_cpu_s[p]);  // no region: all of it
  CHECK(par.sequential_s[p] >= 0);
  CHECK(par.sequential_s[p] < par.thread_cpu_s[p]);  // the regions are not sequential
  for (const char* name : {"other thread", "short loops"})
    CHECK(find(profile, name).sequential_s[p] == find(profile, name).thread_cpu_s[p]);
}

TEST_CASE("parallel clock: a Profile's life bounds the timing") {
  {
    Profile a;
    {
      Profile b;
      CHECK(parallel_clock.timers == 2);
    }
    CHECK(parallel_clock.timers == 1);
  }
  CHECK(parallel_clock.timers == 0);
}
