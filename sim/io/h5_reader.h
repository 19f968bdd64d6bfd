#pragma once
// Reads back a file written by write_run (for `prosim inspect`, `prosim compare` and tests).
#include <string>

#include "record/run_record.h"

namespace prosim {

// Reads back a file written by write_run. Throws RuntimeFailure naming the file if it does
// not exist, is not HDF5, is not a prosim output (no `prosim_format_version` root attribute
// or a newer version), or if the root attribute `completed` is missing or not 1.
// Groups come back root first, then the other groups in creation order; axes, variables
// and strings in creation order; the labels variable "<axis>_name" goes back into
// Axis::labels. record.attributes holds the root string attributes (Conventions, title,
// source, history, ...) except the reserved ones stored in RunRecord fields.
RunRecord read_run(const std::string& path);

// The same checks, but only the root attributes (seed, scenario_sha256, wall_seconds, ...)
// come back, no groups: a cheap test of whether an output is complete and whose it is.
RunRecord read_run_header(const std::string& path);

}  // namespace prosim
