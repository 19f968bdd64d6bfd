// A deliberate data race through prosim's own parallel loop: scripts/tsan.sh builds this
// and requires ThreadSanitizer to report it, so a clean test run means "no races found"
// and not "TSan could not see into the thread pool". Not part of the test suite.
#include <cstdio>

#include "core/parallel.h"

int main() {
  double shared = 0;  // every index adds to one variable: a race
  prosim::for_each_index(1 << 16, [&](std::size_t i) { shared += static_cast<double>(i); });
  std::printf("%f\n", shared);
}
