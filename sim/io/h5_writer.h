#pragma once
// Writes a RunRecord as an HDF5 file that netCDF-4 readers understand (xarray with
// engine="h5netcdf", R ncdf4, ncdump). Layout: docs/output-format.md.
#include <string>

#include "record/run_record.h"

namespace prosim {

// Version of the file layout, written as the root attribute `prosim_format_version`.
// read_run accepts files with this version or older. 2: the resolved scenario moved from the
// root variable /scenario_json to /scenario/scenario_json (the root's time table no longer
// repeats it in every row); version 1 files are still read.
inline constexpr int kOutputFormatVersion = 2;

// The group that holds the resolved scenario (`scenario_json`) apart from the data groups.
inline constexpr const char* kScenarioGroup = "/scenario";

// Writes `record` to `path` crash-safely: writes `path + ".part"`, sets the root attribute
// completed = 1 as the last step, closes, fsyncs, then renames to `path`. On any failure the
// .part file is removed and prosim::RuntimeFailure is thrown with the HDF5 error explained.
// Never leaves a file at `path` that is not complete. Overwrites an existing `path` only at
// the final rename. The record is validated first (axis lengths, data sizes, unique names);
// an invalid record throws RuntimeFailure before anything is created.
// Thread-safe: HDF5 calls of write_run and read_run are serialized by one process-wide mutex
// (io/h5_common.h).
void write_run(const RunRecord& record, const std::string& path);

// The consistency write_run requires of a record (unique names, every variable's size equal to
// the product of its axes' lengths, labels matching axes); throws RuntimeFailure naming the
// first problem. read_run applies it too, so a damaged file is refused, not half-read.
void check_run_record(const RunRecord& record);


}  // namespace prosim
