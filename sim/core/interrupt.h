#pragma once
// SIGINT and SIGTERM stop a run at a safe point instead of killing it mid-write: the handler
// only records the signal; the simulation loop checks it between months and the writer checks
// it before the final rename, so an interrupted run leaves no .part and no output file
// (docs/cli.md, exit codes 130 and 143).
#include <stdexcept>
#include <string>

namespace prosim {

// Thrown at the next safe point after SIGINT or SIGTERM.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal);
  int signal() const { return signal_; }
  int exit_code() const { return 128 + signal_; }

 private:
  int signal_;
};

// Installs the handlers (once; later calls do nothing).
void install_interrupt_handlers();
// The signal received so far, or 0.
int pending_interrupt();
// Throws Interrupted if a signal was received.
void throw_if_interrupted();

}  // namespace prosim
