#pragma once
// A small writer of flat netCDF-4 files (one group, typed variables) from HDF5, laid out as
// h5_writer does (dimension scales, creation order, NC_CHAR text attributes, NaN fill), for
// tables such as a sweep's index (docs/sweeps.md). Readable by xarray (engine="h5netcdf").
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace prosim {

struct NcAttribute {
  std::string name;
  std::variant<std::string, std::int32_t, std::uint64_t, double> value;
};

struct NcVariable {
  enum class Type { F64, I32, U64, Str };
  std::string name;
  Type type = Type::F64;
  std::vector<std::string> dims;  // outermost first; all must be dimensions of the file
  std::vector<double> f64;        // the one matching `type` holds the data, row-major
  std::vector<std::int32_t> i32;
  std::vector<std::uint64_t> u64;
  std::vector<std::string> str;
  std::vector<NcAttribute> attributes;  // F64 variables also get _FillValue = NaN first
};

// A dimension and its coordinate variable (whose dims are {name}; its data gives the length).
struct NcDimension {
  NcVariable coordinate;
};

struct NcFile {
  std::vector<NcDimension> dimensions;
  std::vector<NcVariable> variables;
  std::vector<NcAttribute> attributes;  // global, in this order
};

// Writes `file` to path + ".part", fsyncs, renames to `path` (an existing file is replaced
// only then). Throws RuntimeFailure (naming the file and the HDF5 error) and removes the
// .part on any failure; checks sizes and names first. Takes io's process-wide HDF5 mutex.
void write_nc_file(const NcFile& file, const std::string& path);

}  // namespace prosim
