#include "app/sweep_runner.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.h"
#include "sweep/sweep_index.h"

extern char** environ;

namespace prosim {

namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string self_exe() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw RuntimeFailure("cannot find the prosim executable (/proc/self/exe): " + ec.message());
  return p.string();
}

// Writes `text` to `path` atomically (a unique .tmp, then rename).
void write_atomically(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw RuntimeFailure("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw RuntimeFailure("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
}

// The error a failed child reported: its last "prosim run: ..." line, else the last line of
// its log, else how it ended.
std::string child_error(const std::string& log, int status) {
  std::ifstream in(log);
  std::string line, last, prosim_line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \r\t") == std::string::npos) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    last = line;
    if (line.rfind("prosim run: ", 0) == 0) {
      prosim_line = line.substr(12);
      if (prosim_line.rfind("failed: ", 0) == 0) prosim_line = prosim_line.substr(8);
    }
  }
  std::string how;
  if (WIFSIGNALED(status)) how = std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
  else if (WIFEXITED(status)) how = "exit status " + std::to_string(WEXITSTATUS(status));
  if (!prosim_line.empty()) return prosim_line;
  if (!last.empty() && !how.empty()) return how + ": " + last;
  return how.empty() ? "failed" : how;
}

bool policy_only(const Plan& plan) {
  for (const auto& f : plan.spec.factors)
    for (const auto& p : f.pointers)
      if (p.rfind("/policies/", 0) != 0) return false;
  return !plan.spec.factors.empty();
}

pid_t spawn_run(const Plan& plan, std::size_t index, const std::string& dir, int threads) {
  const PlannedRun& run = plan.runs[index];
  const std::string scenario = (fs::path(dir) / run.scenario_file()).string();
  const std::string out = (fs::path(dir) / run.output()).string();
  const std::string log = (fs::path(dir) / run.log_file()).string();
  write_atomically(scenario, run.scenario_text);
  std::remove(run_error_path(run, dir).c_str());

  static const std::string exe = self_exe();
  // --overwrite: the runner reruns exactly the runs whose file is not a usable complete output.
  std::vector<std::string> args = {exe, "run", scenario, "-o", out, "--threads", std::to_string(threads), "--overwrite"};
  // A sweep of policy settings only: its runs share the past before the policies act, per
  // seed; each run forks from the latest fitting state in DIR/states and leaves its own
  // there (docs/cli.md, "States"). Other sweeps change the past: no states.
  if (policy_only(plan)) {
    args.push_back("--state-cache");
    args.push_back((fs::path(dir) / "states").string());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int err = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) throw RuntimeFailure("cannot start " + exe + ": " + std::strerror(err));
  return pid;
}

RunResult finish_run(const Plan& plan, std::size_t index, const std::string& dir, int status, double seconds) {
  const PlannedRun& run = plan.runs[index];
  RunResult r;
  r.seconds = seconds;
  std::string why;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && run_complete(run, dir, &why)) {
    r.ok = true;
    return r;
  }
  r.error = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "run ended but its output is not usable: " + why
                                                          : child_error((fs::path(dir) / run.log_file()).string(), status);
  write_atomically(run_error_path(run, dir), r.error + "\n");
  return r;
}

std::string duration_text(double s) {
  char buf[32];
  if (s < 120) std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%.0fm%02.0fs", std::floor(s / 60), std::fmod(s, 60));
  else std::snprintf(buf, sizeof buf, "%.0fh%02.0fm", std::floor(s / 3600), std::floor(std::fmod(s, 3600) / 60));
  return buf;
}

}  // namespace

RunResult run_one_blocking(const Plan& plan, std::size_t run, const std::string& dir, int threads) {
  const auto t0 = Clock::now();
  const pid_t pid = spawn_run(plan, run, dir, threads);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return finish_run(plan, run, dir, status, std::chrono::duration<double>(Clock::now() - t0).count());
}

LocalSummary run_local(const Plan& plan, const std::vector<std::size_t>& todo, const std::string& dir, int jobs,
                       int threads, bool fail_fast) {
  LocalSummary sum;
  const bool tty = isatty(STDERR_FILENO) == 1;
  const auto t0 = Clock::now();
  std::map<pid_t, std::pair<std::size_t, Clock::time_point>> running;
  std::size_t next = 0;
  bool estimated = false;
  auto progress = [&] {
    if (!tty) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    const int finished = sum.computed + sum.failed;
    std::string eta = "ETA --";
    if (finished > 0) eta = "ETA " + duration_text(elapsed / finished * (static_cast<double>(todo.size()) - finished));
    std::fprintf(stderr, "\r%d/%zu runs done, %d failed, %zu running, %s elapsed, %s   ", sum.computed, todo.size(),
                 sum.failed, running.size(), duration_text(elapsed).c_str(), eta.c_str());
    std::fflush(stderr);
  };
  while (next < todo.size() || !running.empty()) {
    while (!sum.stopped && next < todo.size() && static_cast<int>(running.size()) < jobs) {
      const std::size_t i = todo[next++];
      running[spawn_run(plan, i, dir, threads)] = {i, Clock::now()};
    }
    if (sum.stopped && next < todo.size()) next = todo.size();
    progress();
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw RuntimeFailure(std::string("waitpid: ") + std::strerror(errno));
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const auto [index, start] = it->second;
    running.erase(it);
    const RunResult r = finish_run(plan, index, dir, status, std::chrono::duration<double>(Clock::now() - start).count());
    const int finished = sum.computed + sum.failed + 1;
    if (!estimated && static_cast<std::size_t>(finished) < todo.size() && finished >= std::min<int>(jobs, todo.size())) {
      // Once the first wave is back, say how long the rest should take (logs get this too).
      estimated = true;
      const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
      std::fprintf(stderr, "%sestimated time left: %s (from the first %d runs)\n", tty ? "\n" : "",
                   duration_text(elapsed / finished * (static_cast<double>(todo.size()) - finished)).c_str(), finished);
    }
    if (!tty && todo.size() >= 20 && finished * 10 / todo.size() != (finished - 1) * 10 / todo.size())
      std::fprintf(stderr, "%d/%zu runs finished (%d failed), %s elapsed\n", finished, todo.size(),
                   sum.failed + (r.ok ? 0 : 1),
                   duration_text(std::chrono::duration<double>(Clock::now() - t0).count()).c_str());
    if (r.ok) {
      ++sum.computed;
    } else {
      ++sum.failed;
      if (tty) std::fprintf(stderr, "\n");
      std::fprintf(stderr, "run %s failed: %s\n", plan.runs[index].stem.c_str(), r.error.c_str());
      if (fail_fast && !sum.stopped) {
        sum.stopped = true;
        for (const auto& [p, unused] : running) ::kill(p, SIGTERM);
      }
    }
  }
  if (tty) std::fprintf(stderr, "\n");
  return sum;
}

}  // namespace prosim
