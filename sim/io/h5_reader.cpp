// Reads files written by write_run back into a RunRecord (docs/output-format.md).
#include "io/h5_reader.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <cstdio>
#include <filesystem>
#include <utility>
#include <vector>

#include "core/error.h"
#include "io/h5_common.h"
#include "io/h5_writer.h"

namespace prosim {
namespace {

using detail::Id;


herr_t close_object(hid_t id) { return H5Oclose(id); }

class Reader : public detail::H5Errors {
 public:
  explicit Reader(std::string file, bool groups = true) : H5Errors("read", std::move(file)), groups_(groups) {}

  bool has_attribute(hid_t loc, const std::string& name) const {
    const htri_t e = H5Aexists(loc, name.c_str());
    if (e < 0) fail("checking attribute '" + name + "'");
    return e > 0;
  }

  // Reads a string attribute (fixed or variable length; a null dataspace is "").
  std::string attribute_text(hid_t attr, const std::string& name) const {
    Id type(check(H5Aget_type(attr), "H5Aget_type"), H5Tclose);
    Id space(check(H5Aget_space(attr), "H5Aget_space"), H5Sclose);
    if (H5Sget_simple_extent_type(space) == H5S_NULL) return "";
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 1) return "";
    const htri_t vlen = H5Tis_variable_str(type);
    if (vlen < 0) fail("H5Tis_variable_str on attribute '" + name + "'");
    if (vlen) {
      Id mem(check(H5Tcopy(type), "H5Tcopy"), H5Tclose);
      std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
      check_status(H5Aread(attr, mem, ptrs.data()), "reading attribute '" + name + "'");
      std::string out = ptrs[0] ? ptrs[0] : "";
      for (char* p : ptrs) H5free_memory(p);
      return out;
    }
    const std::size_t size = H5Tget_size(type);
    std::vector<char> buf(size * static_cast<std::size_t>(n) + 1, '\0');
    Id mem(check(H5Tcopy(type), "H5Tcopy"), H5Tclose);
    check_status(H5Aread(attr, mem, buf.data()), "reading attribute '" + name + "'");
    std::string out(buf.data(), size);
    if (const auto nul = out.find('\0'); nul != std::string::npos) out.resize(nul);
    // Space-padded strings lose their padding.
    if (H5Tget_strpad(type) == H5T_STR_SPACEPAD)
      while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  std::string string_attribute(hid_t loc, const char* name) const {
    if (!has_attribute(loc, name)) return "";
    Id attr(check(H5Aopen(loc, name, H5P_DEFAULT), std::string("opening attribute '") + name + "'"), H5Aclose);
    return attribute_text(attr, name);
  }

  template <class T>
  T numeric_attribute(hid_t loc, const char* name, hid_t mem_type) const {
    Id attr(check(H5Aopen(loc, name, H5P_DEFAULT), std::string("opening attribute '") + name + "'"), H5Aclose);
    Id space(check(H5Aget_space(attr), "H5Aget_space"), H5Sclose);
    if (H5Sget_simple_extent_npoints(space) != 1) fail(std::string("attribute '") + name + "' is not a single value");
    T value{};
    check_status(H5Aread(attr, mem_type, &value), std::string("reading attribute '") + name + "'");
    return value;
  }

  // All string-valued attributes of `loc` in creation order (name order when the file does
  // not track creation order). Numeric attributes come back as text.
  std::vector<std::pair<std::string, std::string>> attributes(hid_t loc) const {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
      static_cast<std::vector<std::string>*>(out)->push_back(name);
      return 0;
    };
    hsize_t idx = 0;
    if (H5Aiterate2(loc, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect, &names) < 0) {
      names.clear();
      idx = 0;
      check_status(H5Aiterate2(loc, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names), "listing attributes");
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& name : names) {
      Id attr(check(H5Aopen(loc, name.c_str(), H5P_DEFAULT), "opening attribute '" + name + "'"), H5Aclose);
      Id type(check(H5Aget_type(attr), "H5Aget_type"), H5Tclose);
      const H5T_class_t cls = H5Tget_class(type);
      if (cls == H5T_STRING) {
        out.emplace_back(name, attribute_text(attr, name));
      } else if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
        Id space(check(H5Aget_space(attr), "H5Aget_space"), H5Sclose);
        if (H5Sget_simple_extent_npoints(space) != 1) continue;
        char text[64];
        if (cls == H5T_FLOAT) {
          double v = 0;
          check_status(H5Aread(attr, H5T_NATIVE_DOUBLE, &v), "reading attribute '" + name + "'");
          std::snprintf(text, sizeof text, "%.17g", v);
        } else if (H5Tget_sign(type) == H5T_SGN_NONE) {
          unsigned long long v = 0;
          check_status(H5Aread(attr, H5T_NATIVE_ULLONG, &v), "reading attribute '" + name + "'");
          std::snprintf(text, sizeof text, "%llu", v);
        } else {
          long long v = 0;
          check_status(H5Aread(attr, H5T_NATIVE_LLONG, &v), "reading attribute '" + name + "'");
          std::snprintf(text, sizeof text, "%lld", v);
        }
        out.emplace_back(name, text);
      }
    }
    return out;
  }

  // Link names of `loc` in creation order (name order as a fallback).
  std::vector<std::string> links(hid_t loc) const {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
      static_cast<std::vector<std::string>*>(out)->push_back(name);
      return 0;
    };
    hsize_t idx = 0;
    if (H5Literate(loc, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect, &names) < 0) {
      names.clear();
      idx = 0;
      check_status(H5Literate(loc, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &names), "listing group members");
    }
    return names;
  }

  std::vector<hsize_t> extent(hid_t ds, std::vector<hsize_t>* maxdims = nullptr) const {
    Id space(check(H5Dget_space(ds), "H5Dget_space"), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space);
    if (rank < 0) fail("H5Sget_simple_extent_ndims");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank)), maxd(static_cast<std::size_t>(rank));
    if (rank > 0) check_status(H5Sget_simple_extent_dims(space, dims.data(), maxd.data()), "H5Sget_simple_extent_dims");
    if (maxdims) *maxdims = maxd;
    return dims;
  }

  static std::size_t count(const std::vector<hsize_t>& dims) {
    std::size_t n = 1;
    for (hsize_t d : dims) n *= static_cast<std::size_t>(d);
    return n;
  }

  std::vector<double> numeric_data(hid_t ds, const std::string& name) const {
    std::vector<double> data(count(extent(ds)));
    if (!data.empty())
      check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data()),
                   "reading dataset '" + name + "'");
    return data;
  }

  std::vector<std::string> string_data(hid_t ds, const std::string& name) const {
    Id type(check(H5Dget_type(ds), "H5Dget_type"), H5Tclose);
    Id space(check(H5Dget_space(ds), "H5Dget_space"), H5Sclose);
    const std::size_t n = count(extent(ds));
    std::vector<std::string> out;
    out.reserve(n);
    if (n == 0) return out;
    const htri_t vlen = H5Tis_variable_str(type);
    if (vlen < 0) fail("H5Tis_variable_str on '" + name + "'");
    Id mem(check(H5Tcopy(type), "H5Tcopy"), H5Tclose);
    if (vlen) {
      std::vector<char*> ptrs(n, nullptr);
      check_status(H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "reading dataset '" + name + "'");
      for (char* p : ptrs) out.emplace_back(p ? p : "");
      H5Dvlen_reclaim(mem, space, H5P_DEFAULT, ptrs.data());
    } else {
      const std::size_t size = H5Tget_size(type);
      std::vector<char> buf(size * n);
      check_status(H5Dread(ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "reading dataset '" + name + "'");
      for (std::size_t i = 0; i < n; ++i) {
        std::string s(buf.data() + i * size, size);
        if (const auto nul = s.find('\0'); nul != std::string::npos) s.resize(nul);
        out.push_back(std::move(s));
      }
    }
    return out;
  }

  // Names of the dimension scales attached to each dimension of `ds`.
  std::vector<std::string> dimension_names(hid_t ds, std::size_t rank) const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < rank; ++i) {
      std::string name;
      auto visit = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
        char buf[1024] = {};
        const ssize_t len = H5Iget_name(scale, buf, sizeof buf);
        if (len < 0) return -1;
        std::string path(buf);
        *static_cast<std::string*>(out) = path.substr(path.rfind('/') + 1);
        return 1;  // the first scale is enough
      };
      const int n = H5DSget_num_scales(ds, static_cast<unsigned>(i));
      if (n > 0) check_status(H5DSiterate_scales(ds, static_cast<unsigned>(i), nullptr, visit, &name), "H5DSiterate_scales");
      if (name.empty()) name = "dim_" + std::to_string(i);
      names.push_back(name);
    }
    return names;
  }

  // /scenario/scenario_json, the resolved scenario ("" when the group lacks it).
  std::string scenario_text(hid_t group) const {
    const htri_t exists = H5Lexists(group, "scenario_json", H5P_DEFAULT);
    if (exists < 0) fail("checking /scenario/scenario_json");
    if (!exists) return "";
    Id ds(check(H5Dopen2(group, "scenario_json", H5P_DEFAULT), "opening /scenario/scenario_json"), H5Dclose);
    const auto s = string_data(ds, "scenario_json");
    return s.empty() ? "" : s[0];
  }

  void read_group(hid_t loc, const std::string& path, RunRecord& record) const {
    Group g;
    g.path = path;
    const bool root = path == "/";
    if (!root)
      for (auto& [key, value] : attributes(loc)) g.attributes[key] = value;

    std::vector<std::pair<hid_t, std::string>> subgroups;
    std::vector<Id> subgroup_ids;
    for (const std::string& name : links(loc)) {
      Id obj(check(H5Oopen(loc, name.c_str(), H5P_DEFAULT), "opening '" + name + "'"), close_object);
      const H5I_type_t kind = H5Iget_type(obj);
      if (kind == H5I_GROUP && root && "/" + name == kScenarioGroup) {  // format version 2 on
        record.scenario_json = scenario_text(obj);
        continue;
      }
      if (kind == H5I_GROUP) {
        subgroup_ids.push_back(std::move(obj));
        subgroups.emplace_back(subgroup_ids.back(), name);
        continue;
      }
      if (kind != H5I_DATASET) continue;
      // The writer's run coordinates (one scalar per group): they are RunRecord::seed/replicate.
      if ((name == "replicate" || name == "seed") && extent(obj, nullptr).empty()) continue;
      if (root && name == "scenario_json") {  // format version 1
        const auto s = string_data(obj, name);
        record.scenario_json = s.empty() ? "" : s[0];
        continue;
      }
      Id type(check(H5Dget_type(obj), "H5Dget_type"), H5Tclose);
      const H5T_class_t cls = H5Tget_class(type);
      std::vector<hsize_t> maxdims;
      const std::vector<hsize_t> dims = extent(obj, &maxdims);
      const htri_t is_scale = H5DSis_scale(obj);
      if (is_scale < 0) fail("H5DSis_scale on '" + name + "'");
      if (is_scale && dims.size() == 1 && cls != H5T_STRING) {
        Axis a;
        a.name = name;
        a.units = string_attribute(obj, "units");
        a.long_name = string_attribute(obj, "long_name");
        a.calendar = string_attribute(obj, "calendar");
        a.unlimited = maxdims[0] == H5S_UNLIMITED;
        a.values = numeric_data(obj, name);
        g.axes.push_back(std::move(a));
      } else if (cls == H5T_STRING) {
        StringVariable s;
        s.name = name;
        s.long_name = string_attribute(obj, "long_name");
        const auto d = dimension_names(obj, dims.size());
        s.dim = d.empty() ? "" : d[0];
        s.data = string_data(obj, name);
        g.strings.push_back(std::move(s));
      } else if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
        Variable v;
        v.name = name;
        v.units = string_attribute(obj, "units");
        v.long_name = string_attribute(obj, "long_name");
        v.dims = dimension_names(obj, dims.size());
        v.data = numeric_data(obj, name);
        g.variables.push_back(std::move(v));
      }
    }

    // "<axis>_name(<axis>)" holds the labels of that axis.
    for (auto it = g.strings.begin(); it != g.strings.end();) {
      Axis* axis = nullptr;
      for (Axis& a : g.axes)
        if (it->name == a.name + "_name" && it->dim == a.name && it->data.size() == a.values.size()) axis = &a;
      if (axis) {
        axis->labels = std::move(it->data);
        it = g.strings.erase(it);
      } else {
        ++it;
      }
    }

    record.groups.push_back(std::move(g));
    for (const auto& [id, name] : subgroups) read_group(id, root ? "/" + name : path + "/" + name, record);
  }

  RunRecord read() const {
    std::error_code ec;
    if (!std::filesystem::exists(this->file(), ec)) throw RuntimeFailure("cannot read " + this->file() + ": no such file");
    const htri_t is_hdf5 = H5Fis_hdf5(this->file().c_str());
    if (is_hdf5 <= 0)
      throw RuntimeFailure("cannot read " + this->file() + ": not an HDF5 file (not a prosim output)");
    Id fapl(check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"), H5Pclose);
#if H5_VERSION_GE(1, 12, 1) || (H5_VERSION_GE(1, 10, 7) && !H5_VERSION_GE(1, 12, 0))
    // Finished outputs are never written again (write_run renames a complete .part into
    // place), so no lock is needed; locks fail on file systems without them (NFS).
    check_status(H5Pset_file_locking(fapl, false, true), "H5Pset_file_locking");
#endif
    Id file(check(H5Fopen(this->file().c_str(), H5F_ACC_RDONLY, fapl), "opening the file"), H5Fclose);
    Id root(check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);

    if (!has_attribute(root, "prosim_format_version"))
      throw RuntimeFailure("cannot read " + this->file() + ": not a prosim output (no prosim_format_version attribute)");
    const int version = numeric_attribute<int>(root, "prosim_format_version", H5T_NATIVE_INT);
    if (version < 1 || version > kOutputFormatVersion)
      throw RuntimeFailure("cannot read " + this->file() + ": prosim output format version " + std::to_string(version) +
                           " is not supported (this build reads up to " + std::to_string(kOutputFormatVersion) + ")");
    const int completed = has_attribute(root, "completed") ? numeric_attribute<int>(root, "completed", H5T_NATIVE_INT) : 0;
    if (completed != 1)
      throw RuntimeFailure("cannot read " + this->file() + ": incomplete prosim output (root attribute completed = " +
                           std::to_string(completed) + ", expected 1); the run did not finish writing it");

    RunRecord record;
    for (auto& [key, value] : attributes(root)) {
      if (key == "completed" || key == "prosim_format_version" || key == "seed" || key == "wall_seconds" ||
          key == "threads" || key == "_NCProperties")
        continue;
      if (key == "scenario_sha256")
        record.scenario_sha256 = value;
      else if (key == "replicate" || key == "base_seed" || key == "scale")
        continue;  // typed fields below (older files wrote them as text: both are read)
      else
        record.attributes[key] = value;
    }
    if (has_attribute(root, "seed")) record.seed = numeric_attribute<unsigned long long>(root, "seed", H5T_NATIVE_ULLONG);
    if (has_attribute(root, "wall_seconds"))
      record.wall_seconds = numeric_attribute<double>(root, "wall_seconds", H5T_NATIVE_DOUBLE);
    for (const auto& [key, value] : attributes(root)) {
      try {
        if (key == "replicate") record.replicate = std::stoi(value);
        if (key == "base_seed") record.base_seed = std::stoull(value);
        if (key == "scale") record.scale = std::stod(value);
      } catch (const std::exception&) {
        throw RuntimeFailure("cannot read " + this->file() + ": root attribute '" + key + "' = '" + value +
                             "' is not a number");
      }
    }
    if (has_attribute(root, "threads")) record.threads = numeric_attribute<int>(root, "threads", H5T_NATIVE_INT);
    if (groups_) read_group(root, "/", record);
    return record;
  }

 private:
  bool groups_;  // false: root attributes only (read_run_header)
};

}  // namespace

RunRecord read_run(const std::string& path) {
  RunRecord record;
  {
    std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
    detail::Hdf5Quiet quiet;
    record = Reader(path).read();
  }
  // What the writer guarantees, checked on what was read: a file that carries the attributes
  // but not the layout (spoofed, or damaged) is refused with one message.
  const Group* root = record.find_group("/");
  if (!root || !root->axis("time"))
    throw RuntimeFailure("cannot read " + path + ": not a complete prosim output (no /time axis)");
  try {
    check_run_record(record);
  } catch (const RuntimeFailure& e) {
    throw RuntimeFailure("cannot read " + path + ": damaged prosim output (" + e.what() + ")");
  }
  return record;
}

RunRecord read_run_header(const std::string& path) {
  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  return Reader(path, false).read();
}

}  // namespace prosim
