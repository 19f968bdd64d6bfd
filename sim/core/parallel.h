#pragma once
// Parallel loops whose results do not depend on the number of threads.
//  - for_each_index: each index writes only its own slots, so order is irrelevant.
//  - deterministic_sum: tbb::parallel_deterministic_reduce with a fixed grain and the
//    simple partitioner splits the range the same way on every run, so the floating-
//    point association (and hence the bits) are the same whatever the thread count.
#include <cstddef>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

namespace prosim {

inline constexpr std::size_t kGrain = 4096;

template <class F>
void for_each_index(std::size_t n, F&& f) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) f(i);
                    });
}

template <class F>
double deterministic_sum(std::size_t n, F&& f) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, kGrain), 0.0,
      [&](const tbb::blocked_range<std::size_t>& r, double acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) acc += f(i);
        return acc;
      },
      [](double a, double b) { return a + b; }, tbb::simple_partitioner());
}

}  // namespace prosim
