#pragma once
// A progress bar with ETA on stderr, drawn only when stderr is a terminal.
#include <chrono>
#include <cstdio>
#include <unistd.h>

namespace prosim {

class ProgressBar {
 public:
  ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}
  void update(int done, int total) {
    if (!enabled_ || total <= 0) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = done > 0 ? elapsed * (total - done) / done : 0.0;
    const int width = 30, filled = width * done / total;
    std::fprintf(stderr, "\r[%.*s%*s] %3d/%d months  ETA %5.1fs ", filled, "##############################",
                 width - filled, "", done, total, eta);
    if (done == total) std::fprintf(stderr, "\r%*s\r", 70, "");
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace prosim
