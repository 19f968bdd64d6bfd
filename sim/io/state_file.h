#pragma once
// State files: the whole state of a run at the start of a month, in one HDF5 file
// (docs/output-format.md, "State files"). Written crash-safely like outputs (PATH.part, then
// fsync and rename); read back only into a run of a scenario that agrees with the saved one
// (engine/fork_check.h).
#include <cstdint>
#include <string>

#include "engine/simulation.h"

namespace prosim {

// Version of the state layout (/header/format_version). A state of another version is refused.
inline constexpr int kStateFormatVersion = 1;

// /header of a state file: what it is, whose it is, when in the run.
struct StateHeader {
  std::int64_t format_version = kStateFormatVersion;
  std::string code_version;   // PROSIM_VERSION of the prosim that wrote it
  std::string scenario_json;  // the resolved scenario of the run (seed included)
  std::string scenario_sha256;
  std::string scenario_name;
  std::int64_t month_index = 0;  // of the month that starts: negative in the burn-in
  std::string date;              // that month, YYYY-MM
  std::uint8_t calibrated = 0;   // 1 once the burn-in is over
  std::uint64_t seed = 0;
  double scale = 0;
  std::uint64_t persons = 0, households = 0, firms = 0, villages = 0;
};

// Writes the state of `sim` (between two months) to `path`: `path`.part first (a stale one is
// removed, never written through), completed = 1 last, fsync, rename. Byte-stable: the same
// state gives the same bytes (no times or addresses in the file). On failure nothing is left
// at `path` or `path`.part and RuntimeFailure is thrown. `compress`: large fields are deflated
// (a state to keep: about half the bytes, several times the time); checkpoints and the state
// cache, written during runs, are not (docs/performance.md, "Forking from saved states").
void save_state(Simulation& sim, const std::string& scenario_json, const std::string& path, bool compress = true);

// Reads /header, refusing (RuntimeFailure naming the file and what is wrong) a file that is
// not HDF5, not a prosim state, of another format version, written by another prosim version,
// or incomplete.
StateHeader read_state_header(const std::string& path);

// Whether `path` is an HDF5 file with a /header group (a state, complete or not, of any
// version): `prosim inspect` tells states from outputs by it.
bool is_state_file(const std::string& path);

// Loads the state into `sim` (built from a scenario the caller has checked against the
// header's). Refuses a damaged file: a missing, extra or mistyped dataset, arrays of
// inconsistent lengths.
void load_state(Simulation& sim, const std::string& path);

}  // namespace prosim
