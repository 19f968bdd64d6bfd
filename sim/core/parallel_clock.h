#pragma once
// The wall time a run's own thread spends inside parallel regions, for `prosim run --profile`
// (core/profile.h, docs/cli.md "Profile").
//
// A parallel region is one call of a parallel primitive (core/parallel.h's loops, reductions
// and sort_in_parallel, core/rare_events.h's for_each_success) whose range is cut into more
// than one piece: work that more threads can share. Everything else the run's thread does is
// sequential, including a loop too short to be cut (fewer indexes than its grain) and a
// tbb::parallel_invoke of two sequential passes (it can use two threads, never more, so the
// longer pass is a serial one; counting both is the conservative side). With one
// thread the time outside the regions is the run's Amdahl serial fraction, measured, not
// guessed from which functions the samples fall in; and since both parts are timed on the same
// wall clock, a machine loaded by other jobs stretches both alike.
//
// Only the thread that holds a Profile times anything (`timers` counts its Profiles), and only
// its outermost region: a region nested in another (a reduce inside a parallel loop's body, on
// whichever thread runs it) is part of the outer one. Without a Profile a region costs one
// thread-local test; with one, two clock readings. Timing never touches the simulation's state.
#include <chrono>

namespace prosim {

struct ParallelClock {
  int timers = 0;        // Profiles alive on this thread: >0 times the regions
  int depth = 0;         // regions open on this thread
  double inside_s = 0;   // wall seconds inside this thread's outermost regions so far
};
inline thread_local constinit ParallelClock parallel_clock{};

inline double parallel_clock_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Marks the scope of one parallel region (a local at the top of a parallel primitive).
// `splits`: whether the primitive's range is cut into more than one piece (a loop over fewer
// indexes than its grain runs as one task, on the calling thread: sequential, and regions in
// its body are then the outermost ones).
class ParallelRegion {
 public:
  explicit ParallelRegion(bool splits) : timed_(splits && parallel_clock.timers > 0) {
    if (timed_ && parallel_clock.depth++ == 0) start_ = parallel_clock_now();
  }
  ~ParallelRegion() {
    if (timed_ && --parallel_clock.depth == 0) parallel_clock.inside_s += parallel_clock_now() - start_;
  }
  ParallelRegion(const ParallelRegion&) = delete;
  ParallelRegion& operator=(const ParallelRegion&) = delete;

 private:
  bool timed_;
  double start_ = 0;
};

}  // namespace prosim
