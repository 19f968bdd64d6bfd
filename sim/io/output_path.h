#pragma once
// Where a run's output goes, checked before any simulation so that a bad path costs nothing
// and harms nothing (docs/cli.md "Output files"):
//  - the default name results/<name>.h5 comes from the scenario's `name`, made a safe file name;
//  - the output must be (or become) a regular file: not a directory, device, FIFO or socket,
//    and not one of the scenario files it is computed from;
//  - its directory is created if missing, and must take a new file (checked by creating and
//    removing a probe `.part`, which also catches read-only file systems and over-long names).
#include <string>
#include <vector>

namespace prosim {

// `name` as a file name: bytes other than letters, digits, '-', '_', '.' and UTF-8 text become
// '_', a leading '.' is prefixed with '_', at most 200 bytes (cut at a UTF-8 boundary).
std::string safe_file_stem(const std::string& name);

// Throws RuntimeFailure naming the path and the problem. `inputs` are the scenario files read.
// An existing file at `out` is refused unless `overwrite` (a finished run is never replaced
// by accident, e.g. by a scenario that shares another's name).
void check_output_path(const std::string& out, const std::vector<std::string>& inputs, bool overwrite);

}  // namespace prosim
