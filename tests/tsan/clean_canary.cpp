// The race-free counterpart of race_canary.cpp: each index writes its own slot, then a
// deterministic reduction. With an uninstrumented TBB, TSan reports false races here
// (it cannot see the pool's synchronisation); scripts/tsan.sh requires it to be clean.
#include <cstdio>
#include <vector>

#include "core/parallel.h"

int main() {
  std::vector<double> v(1 << 16);
  prosim::for_each_index(v.size(), [&](std::size_t i) { v[i] = static_cast<double>(i); });
  std::printf("%f\n", prosim::deterministic_sum(v.size(), [&](std::size_t i) { return v[i]; }));
}
