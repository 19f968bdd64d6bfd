#pragma once
// Writes a RunRecord as an HDF5 file that netCDF-4 readers understand (xarray with
// engine="h5netcdf", R ncdf4, ncdump). Layout: docs/output-format.md.
#include <mutex>
#include <string>

#include "metrics/run_record.h"

namespace prosim {

// Version of the file layout, written as the root attribute `prosim_format_version`.
// read_run accepts files with this version or older.
inline constexpr int kOutputFormatVersion = 1;

// Writes `record` to `path` crash-safely: writes `path + ".part"`, sets the root attribute
// completed = 1 as the last step, closes, fsyncs, then renames to `path`. On any failure the
// .part file is removed and prosim::RuntimeFailure is thrown with the HDF5 error explained.
// Never leaves a file at `path` that is not complete. Overwrites an existing `path` only at
// the final rename. The record is validated first (axis lengths, data sizes, unique names);
// an invalid record throws RuntimeFailure before anything is created.
// Thread-safe: HDF5 calls of write_run and read_run are serialized by one process-wide mutex.
void write_run(const RunRecord& record, const std::string& path);

// The consistency write_run requires of a record (unique names, every variable's size equal to
// the product of its axes' lengths, labels matching axes); throws RuntimeFailure naming the
// first problem. read_run applies it too, so a damaged file is refused, not half-read.
void check_run_record(const RunRecord& record);

namespace detail {
// Shared by h5_writer.cpp and h5_reader.cpp; not for other callers.
// The mutex serializing every HDF5 call made by prosim's io (the Debian HDF5 build is not
// guaranteed thread-safe).
std::mutex& hdf5_mutex();
// The current HDF5 error stack of this thread as one line ("" when empty).
std::string hdf5_error_text();
// While alive (and hdf5_mutex() is held): HDF5 does not print its error stack to stderr;
// errors are reported through RuntimeFailure instead.
void hdf5_quiet_begin();
void hdf5_quiet_end();
struct Hdf5Quiet {
  Hdf5Quiet() { hdf5_quiet_begin(); }
  ~Hdf5Quiet() { hdf5_quiet_end(); }
  Hdf5Quiet(const Hdf5Quiet&) = delete;
  Hdf5Quiet& operator=(const Hdf5Quiet&) = delete;
};
}  // namespace detail

}  // namespace prosim
