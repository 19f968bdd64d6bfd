#pragma once
// A SHA-256 over everything a run records: every group's path, its axes (values and labels),
// every numeric variable (name, units, dims and the bytes of its data) and every string
// variable. Attributes are left out on purpose: they hold timing and thread counts.
// Used by the determinism test (same bits at any thread count) and the pinned-output test.
#include <string>

#include "io/sha256.h"
#include "record/run_record.h"

namespace prosim::testing {

inline void append_doubles(std::string& bytes, const std::vector<double>& v) {
  bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

inline std::string group_bytes(const Group& g) {
  std::string bytes = g.path + '\0';
  for (const auto& a : g.axes) {
    bytes += a.name + '\0';
    append_doubles(bytes, a.values);
    for (const auto& l : a.labels) bytes += l + '\0';
  }
  for (const auto& v : g.variables) {
    bytes += v.name + '\0' + v.units + '\0';
    for (const auto& d : v.dims) bytes += d + '\0';
    append_doubles(bytes, v.data);
  }
  for (const auto& s : g.strings) {
    bytes += s.name + '\0' + s.dim + '\0';
    for (const auto& x : s.data) bytes += x + '\0';
  }
  return bytes;
}

inline std::string group_hash(const Group& g) { return sha256_hex(group_bytes(g)); }

inline std::string record_hash(const RunRecord& r) {
  std::string bytes;
  for (const auto& g : r.groups) bytes += group_bytes(g);
  return sha256_hex(bytes);
}

}  // namespace prosim::testing
