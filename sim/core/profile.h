#pragma once
// Wall and CPU time per section of a run, for `prosim run --profile` (docs/cli.md).
//
// Lap timing: lap(name) charges the time since the previous lap to section `name` of the
// current phase, so a sequence of steps needs one clock read between two steps and no
// scope around each. A run's laps cover it without gaps, so the sections add up to the
// whole. Timing reads clocks only; it never touches the simulation's state, so results are
// the same bits with or without a profile.
//
// CPU time is the process's (CLOCK_PROCESS_CPUTIME_ID): every thread's user and system time
// together. With more than one thread it can exceed the wall time of a parallel section, and
// TBB's workers spinning briefly after a parallel loop are charged to whatever runs next.
//
// Sequential time is the CPU time the run's own thread spent outside parallel regions
// (core/parallel_clock.h): work no other thread could help with. With one thread its share of
// the section's CPU time is the section's Amdahl serial fraction, whatever the machine's load.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/parallel_clock.h"

namespace prosim {

class Profile {
 public:
  // Phases of a run: outside the months (building the world, writing the output), the
  // burn-in months, the recorded months.
  enum Phase { kOutside = 0, kBurnIn = 1, kRecorded = 2, kPhases = 3 };
  struct Section {
    std::string name;
    double wall_s[kPhases] = {}, cpu_s[kPhases] = {};
    double thread_cpu_s[kPhases] = {};  // the run's own thread's CPU time (part of cpu_s)
    double sequential_s[kPhases] = {};  // of thread_cpu_s: outside parallel regions
    long laps[kPhases] = {};
  };

  // The constructing thread, which must be the one that runs the simulation, times its
  // parallel regions while the profile lives.
  Profile() : last_((++parallel_clock.timers, now())) {}
  ~Profile() { --parallel_clock.timers; }
  Profile(const Profile&) = delete;
  Profile& operator=(const Profile&) = delete;
  void set_phase(Phase p) { phase_ = p; }
  // Charges the time since the previous lap (or since construction) to `name`.
  void lap(const char* name) {
    const Stamp t = now();
    Section& s = section(name);
    s.wall_s[phase_] += t.wall - last_.wall;
    s.cpu_s[phase_] += t.cpu - last_.cpu;
    s.thread_cpu_s[phase_] += t.thread - last_.thread;
    s.sequential_s[phase_] += std::max(0.0, (t.thread - last_.thread) - (t.inside - last_.inside));
    s.laps[phase_] += 1;
    last_ = t;
  }
  // Sections in the order of their first lap.
  const std::vector<Section>& sections() const { return sections_; }

  // The table `prosim run --profile` prints: one row per section, its wall and CPU seconds in
  // the burn-in and in the recorded months, its total and its share of the total wall time,
  // then its sequential seconds and their share of its CPU time; and a last line with the
  // sequential share of the months' CPU time and of the whole run's.
  void print(std::FILE* out, int threads) const {
    double total_wall[kPhases] = {}, total_cpu[kPhases] = {}, total_seq[kPhases] = {}, all_wall = 0, all_cpu = 0;
    long months[kPhases] = {};
    for (const auto& s : sections_)
      for (int p = 0; p < kPhases; ++p) {
        total_wall[p] += s.wall_s[p];
        total_cpu[p] += s.cpu_s[p];
        total_seq[p] += s.sequential_s[p];
        all_wall += s.wall_s[p];
        all_cpu += s.cpu_s[p];
        if (s.laps[p] > months[p]) months[p] = s.laps[p];
      }
    std::fprintf(out, "profile: seconds per section, %d thread%s (CPU: user + system time of all threads; "
                 "seq: CPU time of the run's thread outside parallel loops)\n", threads, threads == 1 ? "" : "s");
    std::fprintf(out, "%-26s %10s %10s %10s %10s %10s %10s %7s %10s %6s\n", "section", "burn-in", "CPU", "recorded", "CPU",
                 "total", "CPU", "% wall", "seq", "% seq");
    std::fprintf(out, "%-26s %21s %21s\n", "", ("(" + std::to_string(months[kBurnIn]) + " months)").c_str(),
                 ("(" + std::to_string(months[kRecorded]) + " months)").c_str());
    const auto cell = [&](double v, long laps) {
      if (laps == 0) std::fprintf(out, " %10s", "-");
      else std::fprintf(out, " %10.3f", v);
    };
    const auto share = [](double part, double whole) { return whole > 0 ? 100 * part / whole : 0.0; };
    const auto row = [&](const std::string& name, const double* wall, const double* cpu, const double* seq,
                         const long* laps) {
      double w = 0, c = 0, q = 0;
      for (int p = 0; p < kPhases; ++p) w += wall[p], c += cpu[p], q += seq[p];
      std::fprintf(out, "%-26s", name.c_str());
      cell(wall[kBurnIn], laps[kBurnIn]);
      cell(cpu[kBurnIn], laps[kBurnIn]);
      cell(wall[kRecorded], laps[kRecorded]);
      cell(cpu[kRecorded], laps[kRecorded]);
      std::fprintf(out, " %10.3f %10.3f %7.1f %10.3f %6.1f\n", w, c, share(w, all_wall), q, std::min(100.0, share(q, c)));
    };
    for (const auto& s : sections_) row(s.name, s.wall_s, s.cpu_s, s.sequential_s, s.laps);
    const long any[kPhases] = {1, months[kBurnIn], months[kRecorded]};
    row("total", total_wall, total_cpu, total_seq, any);
    const double month_cpu = total_cpu[kBurnIn] + total_cpu[kRecorded];
    const double month_seq = total_seq[kBurnIn] + total_seq[kRecorded];
    double run_seq = 0;
    for (int p = 0; p < kPhases; ++p) run_seq += total_seq[p];
    std::fprintf(out, "sequential share: %.1f %% of the months' CPU time (%.3f of %.3f s), %.1f %% of the run's\n",
                 share(month_seq, month_cpu), month_seq, month_cpu, share(run_seq, all_cpu));
  }

 private:
  struct Stamp {
    double wall = 0, cpu = 0, thread = 0, inside = 0;
  };
  static Stamp now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    return {wall, static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec), thread_cpu_now(),
            parallel_clock.inside_s};
  }
  Section& section(const char* name) {
    for (auto& s : sections_)
      if (s.name == name) return s;
    sections_.push_back(Section{name});
    return sections_.back();
  }

  Stamp last_;
  Phase phase_ = kOutside;
  std::vector<Section> sections_;
};

}  // namespace prosim
