#pragma once
// The io tests' shared fixtures, defined in h5_writer_test.cpp: a small record that uses every
// feature of the layout, and a scratch path under the build tree.
#include <string>

#include "record/run_record.h"

namespace prosim::io_test {
RunRecord make_sample_record();
std::string scratch(const std::string& name);  // any leftover from an earlier run is removed
}  // namespace prosim::io_test
