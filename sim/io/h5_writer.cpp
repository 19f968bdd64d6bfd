// HDF5 writer for RunRecord. The layout follows what netCDF-4 itself writes, so that
// xarray (h5netcdf), R (ncdf4) and ncdump read the files directly. docs/output-format.md.
#include "io/h5_writer.h"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <set>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/interrupt.h"
#include "io/h5_common.h"
#include "io/sha256.h"

namespace prosim {

namespace detail {

std::mutex& hdf5_mutex() {
  static std::mutex m;
  // Called before prosim's first HDF5 call, so this runs before the library initialises.
  // Without it HDF5 closes every open file in an atexit handler; a file whose flush failed
  // (disk full) cannot be closed, and Debian's HDF5 1.10 then crashes in H5F__close_cb at
  // exit (SIGSEGV instead of exit 4). prosim closes every file it opens explicitly (the
  // writer fsyncs before its rename), so there is nothing left for the handler to do.
  static const bool no_exit_handler = (H5dont_atexit(), true);
  (void)no_exit_handler;
  return m;
}

namespace {
H5E_auto2_t saved_func = nullptr;
void* saved_data = nullptr;
int quiet_depth = 0;

herr_t collect_error(unsigned, const H5E_error2_t* e, void* out) {
  std::string line = std::string(e->func_name ? e->func_name : "?") + "(): " + (e->desc ? e->desc : "");
  char minor[128] = {};
  if (H5Eget_msg(e->min_num, nullptr, minor, sizeof minor) > 0) line += std::string(" (") + minor + ")";
  std::replace(line.begin(), line.end(), '\n', ' ');
  static_cast<std::vector<std::string>*>(out)->push_back(std::move(line));
  return 0;
}
}  // namespace

// The API call that failed (outermost entry) and the root cause (innermost entry).
std::string hdf5_error_text() {
  std::vector<std::string> lines;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &lines);
  if (lines.empty()) return "";
  if (lines.size() == 1) return lines.front();
  return lines.front() + " ... " + lines.back();
}

void hdf5_quiet_begin() {
  if (quiet_depth++ == 0) {
    H5Eget_auto2(H5E_DEFAULT, &saved_func, &saved_data);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
}

void hdf5_quiet_end() {
  if (--quiet_depth == 0) H5Eset_auto2(H5E_DEFAULT, saved_func, saved_data);
}

}  // namespace detail

namespace {

using detail::Id;


// Chunking: whole dataset when it is at most kMaxChunkBytes, else split from the
// outermost dimension inward to about kTargetChunkBytes.
constexpr std::size_t kMaxChunkBytes = 1 << 20;     // 1 MiB
constexpr std::size_t kTargetChunkBytes = 1 << 19;  // 512 KiB
constexpr unsigned kDeflateLevel = 4;

// Names of root attributes that write_run sets itself.
const std::set<std::string>& reserved_root_attributes() {
  static const std::set<std::string> names = {"completed", "seed",      "scenario_sha256", "wall_seconds",
                                              "threads",   "replicate", "base_seed",       "scale",
                                              "prosim_format_version",  "_NCProperties"};
  return names;
}

[[noreturn]] void invalid(const std::string& what) {
  throw RuntimeFailure("invalid run record: " + what);
}

bool valid_name(const std::string& name) {
  return !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
}

// Checks everything that can be checked before a file is created.
void validate(const RunRecord& record) {
  std::set<std::string> paths;
  for (const Group& g : record.groups) {
    if (g.path.empty() || g.path[0] != '/') invalid("group path '" + g.path + "' must start with '/'");
    if (g.path != "/") {
      if (g.path.back() == '/') invalid("group path '" + g.path + "' must not end with '/'");
      std::size_t start = 1;
      while (start <= g.path.size()) {
        std::size_t end = g.path.find('/', start);
        if (end == std::string::npos) end = g.path.size();
        if (!valid_name(g.path.substr(start, end - start)))
          invalid("group path '" + g.path + "' has an empty or invalid component");
        start = end + 1;
      }
    }
    if (!paths.insert(g.path).second) invalid("group '" + g.path + "' appears twice");

    const std::string where = "group '" + g.path + "': ";
    std::set<std::string> names;  // datasets in this group
    auto claim = [&](const std::string& name, const std::string& kind) {
      if (!valid_name(name)) invalid(where + kind + " name '" + name + "' is empty or contains '/'");
      if (!names.insert(name).second)
        invalid(where + kind + " '" + name + "' clashes with another dataset of the same name");
    };
    if (g.path == kScenarioGroup || g.path.rfind(std::string(kScenarioGroup) + "/", 0) == 0)
      invalid("group path '" + g.path + "' is reserved for the resolved scenario");
    claim("replicate", "run coordinate");  // written into every group by the writer
    claim("seed", "run coordinate");
    for (const Axis& a : g.axes) {
      claim(a.name, "axis");
      if (!a.labels.empty() && a.labels.size() != a.values.size())
        invalid(where + "axis '" + a.name + "' has " + std::to_string(a.values.size()) +
                " values but " + std::to_string(a.labels.size()) + " labels");
    }
    for (const Axis& a : g.axes)
      if (!a.labels.empty()) claim(a.name + "_name", "axis label variable");
    for (const Variable& v : g.variables) {
      claim(v.name, "variable");
      std::size_t n = 1;
      std::set<std::string> seen;
      for (const std::string& d : v.dims) {
        const Axis* a = g.axis(d);
        if (!a) invalid(where + "variable '" + v.name + "' uses dimension '" + d + "' that is not an axis of the group");
        if (!seen.insert(d).second) invalid(where + "variable '" + v.name + "' uses dimension '" + d + "' twice");
        n *= a->values.size();
      }
      if (v.data.size() != n)
        invalid(where + "variable '" + v.name + "' has " + std::to_string(v.data.size()) +
                " values, its dimensions need " + std::to_string(n));
    }
    for (const StringVariable& s : g.strings) {
      claim(s.name, "string variable");
      for (const Axis& a : g.axes)
        if (s.name == a.name + "_name")
          invalid(where + "string variable name '" + s.name + "' is reserved for the labels of axis '" + a.name + "'");
      const Axis* a = g.axis(s.dim);
      if (!a) invalid(where + "string variable '" + s.name + "' uses dimension '" + s.dim + "' that is not an axis of the group");
      if (s.data.size() != a->values.size())
        invalid(where + "string variable '" + s.name + "' has " + std::to_string(s.data.size()) +
                " values, dimension '" + s.dim + "' has " + std::to_string(a->values.size()));
    }
    for (const auto& [key, value] : g.attributes) {
      if (key.empty()) invalid(where + "attribute with an empty name");
      if (g.path == "/" && (reserved_root_attributes().count(key) || record.attributes.count(key)))
        invalid("root attribute '" + key + "' is reserved or set twice");
    }
  }
  for (const auto& [key, value] : record.attributes) {
    if (key.empty()) invalid("global attribute with an empty name");
    if (reserved_root_attributes().count(key))
      invalid("global attribute '" + key + "' is reserved (write_run sets it from the record fields)");
  }
}

class Writer : public detail::H5Errors {
 public:
  Writer(std::string file, const RunRecord& record) : H5Errors("write", std::move(file)), record_(record) {}

  // Scalar string attribute as netCDF-4 writes NC_CHAR text: fixed length, NULLTERM,
  // scalar dataspace; an empty string gets a null dataspace.
  void string_attribute(hid_t loc, const std::string& name, const std::string& value) const {
    Id type(check(H5Tcopy(H5T_C_S1), "H5Tcopy"), H5Tclose);
    check_status(H5Tset_size(type, std::max<std::size_t>(value.size(), 1)), "H5Tset_size");
    check_status(H5Tset_strpad(type, H5T_STR_NULLTERM), "H5Tset_strpad");
    const bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    check_status(H5Tset_cset(type, ascii ? H5T_CSET_ASCII : H5T_CSET_UTF8), "H5Tset_cset");
    Id space(check(H5Screate(value.empty() ? H5S_NULL : H5S_SCALAR), "H5Screate"), H5Sclose);
    Id attr(check(H5Acreate2(loc, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                  "creating attribute '" + name + "'"),
            H5Aclose);
    if (!value.empty()) check_status(H5Awrite(attr, type, value.data()), "writing attribute '" + name + "'");
  }

  template <class T>
  void scalar_attribute(hid_t loc, const std::string& name, hid_t file_type, hid_t mem_type, T value) const {
    Id space(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
    Id attr(check(H5Acreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT),
                  "creating attribute '" + name + "'"),
            H5Aclose);
    check_status(H5Awrite(attr, mem_type, &value), "writing attribute '" + name + "'");
  }

  Id group_creation_plist() const {
    Id gcpl(check(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate"), H5Pclose);
    track_creation_order(gcpl);
    return gcpl;
  }

  // Opens the group at `path`, creating it (and its parents) as needed.
  Id open_group(hid_t file, const std::string& path) const {
    if (path == "/") return Id(check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);
    std::size_t pos = 1;
    while (true) {
      const std::size_t end = path.find('/', pos);
      const std::string prefix = path.substr(0, end);
      const htri_t exists = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
      if (exists < 0) fail("checking group " + prefix);
      if (!exists) {
        Id gcpl = group_creation_plist();
        Id g(check(H5Gcreate2(file, prefix.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), "creating group " + prefix),
             H5Gclose);
        if (end == std::string::npos) return g;
      } else if (end == std::string::npos) {
        return Id(check(H5Gopen2(file, prefix.c_str(), H5P_DEFAULT), "opening group " + prefix), H5Gclose);
      }
      pos = end + 1;
    }
  }

  Id dataset_creation_plist() const {
    Id dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"), H5Pclose);
    check_status(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                 "H5Pset_attr_creation_order");
    // No modification times in the file: the same run gives the same bytes.
    check_status(H5Pset_obj_track_times(dcpl, false), "H5Pset_obj_track_times");
    return dcpl;
  }

  // Chunk shape for `dims` of elements of `elem` bytes (all dims > 0).
  static std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& dims, std::size_t elem) {
    std::vector<hsize_t> chunk = dims;
    double total = static_cast<double>(elem);
    for (hsize_t d : dims) total *= static_cast<double>(d);
    if (total <= kMaxChunkBytes) return chunk;
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      double inner = static_cast<double>(elem);
      for (std::size_t j = i + 1; j < chunk.size(); ++j) inner *= static_cast<double>(chunk[j]);
      if (inner >= kTargetChunkBytes) {
        chunk[i] = 1;
        continue;
      }
      const auto rows = static_cast<hsize_t>(std::max(1.0, std::floor(kTargetChunkBytes / inner)));
      chunk[i] = std::min(dims[i], rows);
      break;
    }
    return chunk;
  }

  // Dataspace and layout for a dataset over `dims` (unlimited where flagged). Chunked
  // (with deflate + shuffle when `compress`) whenever possible; contiguous when a
  // fixed-size dimension is empty or the dataset is a scalar.
  Id make_space_and_layout(const std::vector<hsize_t>& dims, const std::vector<bool>& unlimited,
                           hid_t dcpl, std::size_t elem, bool compress) const {
    if (dims.empty()) return Id(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
    std::vector<hsize_t> maxdims = dims;
    bool any_unlimited = false;
    bool any_empty = false;
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (unlimited[i]) {
        maxdims[i] = H5S_UNLIMITED;
        any_unlimited = true;
      }
      if (dims[i] == 0) any_empty = true;
    }
    bool chunked = true;
    std::vector<hsize_t> chunk;
    if (any_empty) {
      if (!any_unlimited) {
        chunked = false;  // an empty fixed-size dataset: nothing to chunk
      } else {
        std::vector<hsize_t> nonzero = dims;
        for (std::size_t i = 0; i < dims.size(); ++i) {
          if (dims[i] > 0) continue;
          nonzero[i] = 1;
          if (!unlimited[i]) maxdims[i] = 1;  // a chunk dim may not exceed a fixed maxdim
        }
        chunk = chunk_shape(nonzero, elem);
      }
    } else {
      chunk = chunk_shape(dims, elem);
    }
    if (chunked) {
      check_status(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "H5Pset_chunk");
      if (compress) {
        check_status(H5Pset_shuffle(dcpl), "H5Pset_shuffle");
        check_status(H5Pset_deflate(dcpl, kDeflateLevel), "H5Pset_deflate");
      }
    }
    return Id(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxdims.data()),
                    "H5Screate_simple"),
              H5Sclose);
  }

  // A numeric dataset: float64, or int32 when `as_int` (coordinates whose values are all
  // whole numbers). `fill`: set _FillValue = NaN (data variables, not coordinates).
  Id numeric_dataset(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims,
                     const std::vector<bool>& unlimited, const std::vector<double>& data, bool fill,
                     bool as_int = false) const {
    Id dcpl = dataset_creation_plist();
    Id space = make_space_and_layout(dims, unlimited, dcpl, as_int ? 4 : sizeof(double), true);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (fill) check_status(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "H5Pset_fill_value");
    const hid_t file_type = as_int ? H5T_STD_I32LE : H5T_IEEE_F64LE;
    Id ds(check(H5Dcreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating dataset '" + name + "'"),
          H5Dclose);
    if (!data.empty())
      check_status(H5Dwrite(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
                   "writing dataset '" + name + "'");
    if (fill) scalar_attribute(ds, "_FillValue", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, nan);
    return ds;
  }

  // A scalar integer dataset (no filters, no fill value).
  template <class T>
  Id numeric_scalar(hid_t loc, const std::string& name, hid_t file_type, hid_t mem_type, T value) const {
    Id dcpl = dataset_creation_plist();
    Id space(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
    Id ds(check(H5Dcreate2(loc, name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating dataset '" + name + "'"),
          H5Dclose);
    check_status(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value), "writing dataset '" + name + "'");
    return ds;
  }

  static Id vlen_string_type(const Writer& w) {
    Id type(w.check(H5Tcopy(H5T_C_S1), "H5Tcopy"), H5Tclose);
    w.check_status(H5Tset_size(type, H5T_VARIABLE), "H5Tset_size");
    w.check_status(H5Tset_cset(type, H5T_CSET_UTF8), "H5Tset_cset");
    return type;
  }

  // A variable-length UTF-8 string dataset (netCDF-4 NC_STRING) over one axis, or a scalar.
  Id string_dataset(hid_t loc, const std::string& name, const std::vector<std::string>& data,
                    const Axis* axis) const {
    Id type = vlen_string_type(*this);
    Id dcpl = dataset_creation_plist();
    std::vector<hsize_t> dims;
    std::vector<bool> unlimited;
    if (axis) {
      dims.push_back(data.size());
      unlimited.push_back(axis->unlimited);
    }
    // Variable-length data does not compress (the strings live in the global heap).
    Id space = make_space_and_layout(dims, unlimited, dcpl, 16, false);
    Id ds(check(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating dataset '" + name + "'"),
          H5Dclose);
    std::vector<const char*> ptrs;
    ptrs.reserve(data.size());
    for (const std::string& s : data) ptrs.push_back(s.c_str());
    if (!ptrs.empty())
      check_status(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
                   "writing dataset '" + name + "'");
    return ds;
  }

  void text_attributes(hid_t ds, const std::string& units, const std::string& long_name) const {
    if (!units.empty()) string_attribute(ds, "units", units);
    if (!long_name.empty()) string_attribute(ds, "long_name", long_name);
  }

  // The run's replicate and seed as scalar coordinates of every group (listed in each data
  // variable's `coordinates`), so that xarray keeps them when files are concatenated.
  void run_coordinates(hid_t loc) const {
    Id rep = numeric_scalar(loc, "replicate", H5T_STD_I32LE, H5T_NATIVE_INT, record_.replicate);
    text_attributes(rep, "1", "replicate number of prosim run --replicates (0: a single run)");
    Id seed = numeric_scalar(loc, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, record_.seed);
    text_attributes(seed, "1", "master seed of the run");
  }

  // The resolved scenario in a group of its own: as a root variable without dimensions it
  // was repeated in every row of xarray's to_dataframe() of the monthly series.
  void write_scenario(hid_t file, const RunRecord& record) const {
    Id loc = open_group(file, kScenarioGroup);
    run_coordinates(loc);
    Id ds = string_dataset(loc, "scenario_json", {record.scenario_json}, nullptr);
    string_attribute(ds, "long_name", "resolved scenario (JSON)");
    string_attribute(ds, "coordinates", "replicate seed");
  }

  void write_group(hid_t file, const Group& g, bool root) const {
    Id loc = open_group(file, g.path);
    const std::string prefix = g.path == "/" ? "/" : g.path + "/";

    // Coordinate variables first (netCDF-4 order), each made a dimension scale.
    std::vector<std::pair<std::string, Id>> scales;
    std::vector<std::string> label_vars;  // "<axis>_name" of labelled axes
    for (const Axis& a : g.axes) {
      // Index and year axes come out as integers (int32); time axes stay float64.
      const bool as_int = !a.unlimited && std::all_of(a.values.begin(), a.values.end(), [](double x) {
        return std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 2147483647.0;
      });
      Id ds = numeric_dataset(loc, a.name, {a.values.size()}, {a.unlimited}, a.values, false, as_int);
      check_status(H5DSset_scale(ds, a.name.c_str()), "making '" + prefix + a.name + "' a dimension scale");
      text_attributes(ds, a.units, a.long_name);
      if (a.units.find(" since ") != std::string::npos) {
        string_attribute(ds, "standard_name", "time");
        string_attribute(ds, "axis", "T");
      }
      if (!a.calendar.empty()) string_attribute(ds, "calendar", a.calendar);
      scales.emplace_back(a.name, std::move(ds));
    }
    auto scale_of = [&](const std::string& dim) -> hid_t {
      for (auto& [name, id] : scales)
        if (name == dim) return id;
      fail("no dimension scale '" + dim + "' in " + g.path);
    };
    auto attach = [&](hid_t ds, const std::string& name, const std::vector<std::string>& dims) {
      for (std::size_t i = 0; i < dims.size(); ++i)
        check_status(H5DSattach_scale(ds, scale_of(dims[i]), static_cast<unsigned>(i)),
                     "attaching dimension scale '" + dims[i] + "' to '" + prefix + name + "'");
    };
    run_coordinates(loc);
    for (const Axis& a : g.axes) {
      if (a.labels.empty()) continue;
      const std::string name = a.name + "_name";
      Id ds = string_dataset(loc, name, a.labels, &a);
      attach(ds, name, {a.name});
      string_attribute(ds, "long_name", (a.long_name.empty() ? a.name : a.long_name) + " name");
      label_vars.push_back(name);
    }

    for (const Variable& v : g.variables) {
      std::vector<hsize_t> dims;
      std::vector<bool> unlimited;
      std::string coordinates;  // CF auxiliary coordinates: labels of labelled axes, replicate, seed
      for (const std::string& d : v.dims) {
        const Axis* a = g.axis(d);
        dims.push_back(a->values.size());
        unlimited.push_back(a->unlimited);
        if (!a->labels.empty()) coordinates += (coordinates.empty() ? "" : " ") + d + "_name";
      }
      coordinates += (coordinates.empty() ? "" : " ") + std::string("replicate seed");
      Id ds = numeric_dataset(loc, v.name, dims, unlimited, v.data, true);
      attach(ds, v.name, v.dims);
      text_attributes(ds, v.units, v.long_name);
      string_attribute(ds, "coordinates", coordinates);
    }

    for (const StringVariable& s : g.strings) {
      const Axis* a = g.axis(s.dim);
      Id ds = string_dataset(loc, s.name, s.data, a);
      attach(ds, s.name, {s.dim});
      if (!s.long_name.empty()) string_attribute(ds, "long_name", s.long_name);
    }

    if (!root)
      for (const auto& [key, value] : g.attributes) string_attribute(loc, key, value);
  }

  void write(const RunRecord& record) const {
    Id file = create_exclusive();
    created_ = true;
    {
      Id root(check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);

      // Global attributes (in this order; `completed` comes last, below).
      auto conventions = record.attributes.find("Conventions");
      string_attribute(root, "Conventions",
                       conventions != record.attributes.end() ? conventions->second : "CF-1.10");
      for (const auto& [key, value] : record.attributes)
        if (key != "Conventions") string_attribute(root, key, value);
      if (const Group* g = record.find_group("/"))
        for (const auto& [key, value] : g->attributes) string_attribute(root, key, value);
      scalar_attribute<std::uint64_t>(root, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, record.seed);
      if (record.scale > 0) scalar_attribute<double>(root, "scale", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, record.scale);
      if (record.replicate > 0) {
        scalar_attribute<int>(root, "replicate", H5T_STD_I32LE, H5T_NATIVE_INT, record.replicate);
        scalar_attribute<std::uint64_t>(root, "base_seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, record.base_seed);
      }
      string_attribute(root, "scenario_sha256",
                       record.scenario_sha256.empty() ? sha256_hex(record.scenario_json) : record.scenario_sha256);
      scalar_attribute<double>(root, "wall_seconds", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, record.wall_seconds);
      scalar_attribute<int>(root, "threads", H5T_STD_I32LE, H5T_NATIVE_INT, record.threads);
      scalar_attribute<int>(root, "prosim_format_version", H5T_STD_I32LE, H5T_NATIVE_INT, kOutputFormatVersion);

      // Root group first, whatever its position in record.groups.
      if (const Group* g = record.find_group("/")) write_group(file, *g, true);
      write_scenario(file, record);
      for (const Group& g : record.groups)
        if (g.path != "/") write_group(file, g, false);

      check_status(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the file");
      // The last step: mark the file complete.
      scalar_attribute<int>(root, "completed", H5T_STD_I32LE, H5T_NATIVE_INT, 1);
    }
    check_status(H5Fclose(file.release()), "closing the file");
  }

  bool created() const { return created_; }

 private:
  const RunRecord& record_;
  mutable bool created_ = false;
};

std::string errno_text(int err) { return std::strerror(err); }

using detail::sync_path;

}  // namespace

void check_run_record(const RunRecord& record) { validate(record); }

void write_run(const RunRecord& record, const std::string& path) {
  if (path.empty()) throw RuntimeFailure("write_run: empty output path");
  validate(record);
  const std::string part = path + ".part";

  // The rename below must not replace a device or a directory (prosim run checks this before
  // simulating; this guards every other caller).
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw RuntimeFailure("cannot write " + path + ": it exists and is not a regular file");
  // A stale .part (a killed run's, or a planted symlink) is removed, never written through.
  detail::remove_stale_part(part);

  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  Writer writer(part, record);
  try {
    writer.write(record);
    if (const int err = sync_path(part, false))
      throw RuntimeFailure("cannot write " + part + ": fsync failed: " + errno_text(err));
    throw_if_interrupted();  // SIGINT/SIGTERM during the write: no output, no .part
    if (std::rename(part.c_str(), path.c_str()) != 0)
      throw RuntimeFailure("cannot rename " + part + " to " + path + ": " + errno_text(errno));
  } catch (...) {
    if (writer.created()) std::remove(part.c_str());
    throw;
  }
  // Make the rename durable. Some file systems refuse fsync on directories; the file
  // itself is complete either way, so this is best effort.
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  sync_path(dir.empty() ? std::string(".") : dir.string(), true);
}

}  // namespace prosim
