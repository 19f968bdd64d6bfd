#pragma once
// The CPU time a run's own thread spends inside parallel regions, for `prosim run --profile`
// (core/profile.h, docs/cli.md "Profile").
//
// A parallel region is one call of a parallel primitive (core/parallel.h's loops, reductions
// and sort_in_parallel, core/rare_events.h's for_each_success) whose range is cut into more
// than one piece: work that more threads can share. Everything else the run's thread does is
// sequential, including a loop too short to be cut (fewer indexes than its grain) and a
// tbb::parallel_invoke of two sequential passes (it can use two threads, never more, so the
// longer pass is a serial one; counting both is the conservative side). With one thread the
// time outside the regions is the run's Amdahl serial fraction, measured, not guessed from
// which functions the samples fall in.
//
// The clock is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not the wall clock: on a
// machine loaded by other jobs a thread waits for a core, or for memory the kernel reclaims,
// for as long again as it computes, and those waits fell unevenly (at scale 0.01, load ~12, the
// labour market's wall time outside its loops was 6x its whole CPU time).
//
// Only the thread that holds a Profile times anything (`timers` counts its Profiles), and only
// its outermost region: a region nested in another (a reduce inside a parallel loop's body, on
// whichever thread runs it) is part of the outer one. Without a Profile a region costs one
// thread-local test; with one, two clock readings. Timing never touches the simulation's state.
#include <time.h>

namespace prosim {

struct ParallelClock {
  int timers = 0;        // Profiles alive on this thread: >0 times the regions
  int depth = 0;         // regions open on this thread
  double inside_s = 0;   // CPU seconds inside this thread's outermost regions so far
};
inline thread_local constinit ParallelClock parallel_clock{};

// The calling thread's CPU time, in seconds.
inline double thread_cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Marks the scope of one parallel region (a local at the top of a parallel primitive).
// `splits`: whether the primitive's range is cut into more than one piece (a loop over fewer
// indexes than its grain runs as one task, on the calling thread: sequential, and regions in
// its body are then the outermost ones).
class ParallelRegion {
 public:
  explicit ParallelRegion(bool splits) : timed_(splits && parallel_clock.timers > 0) {
    if (timed_ && parallel_clock.depth++ == 0) start_ = thread_cpu_now();
  }
  ~ParallelRegion() {
    if (timed_ && --parallel_clock.depth == 0) parallel_clock.inside_s += thread_cpu_now() - start_;
  }
  ParallelRegion(const ParallelRegion&) = delete;
  ParallelRegion& operator=(const ParallelRegion&) = delete;

 private:
  bool timed_;
  double start_ = 0;
};

}  // namespace prosim
