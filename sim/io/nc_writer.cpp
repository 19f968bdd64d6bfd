#include "io/nc_writer.h"

#include <fcntl.h>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "core/error.h"
#include "io/h5_common.h"

namespace prosim {

namespace {

using detail::Id;


std::size_t length(const NcVariable& v) {
  switch (v.type) {
    case NcVariable::Type::F64: return v.f64.size();
    case NcVariable::Type::I32: return v.i32.size();
    case NcVariable::Type::U64: return v.u64.size();
    case NcVariable::Type::Str: return v.str.size();
  }
  return 0;
}

class Writer : public detail::H5Errors {
 public:
  explicit Writer(std::string file) : H5Errors("write", std::move(file)) {}
  void ok(herr_t status, const std::string& what) const { check_status(status, what); }

  void attribute(hid_t loc, const NcAttribute& a) const {
    if (const auto* text = std::get_if<std::string>(&a.value)) {
      Id type(check(H5Tcopy(H5T_C_S1), "H5Tcopy"), H5Tclose);
      ok(H5Tset_size(type, std::max<std::size_t>(text->size(), 1)), "H5Tset_size");
      ok(H5Tset_strpad(type, H5T_STR_NULLTERM), "H5Tset_strpad");
      bool ascii = true;
      for (char c : *text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
      ok(H5Tset_cset(type, ascii ? H5T_CSET_ASCII : H5T_CSET_UTF8), "H5Tset_cset");
      Id space(check(H5Screate(text->empty() ? H5S_NULL : H5S_SCALAR), "H5Screate"), H5Sclose);
      Id attr(check(H5Acreate2(loc, a.name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + a.name),
              H5Aclose);
      if (!text->empty()) ok(H5Awrite(attr, type, text->data()), "writing attribute " + a.name);
      return;
    }
    Id space(check(H5Screate(H5S_SCALAR), "H5Screate"), H5Sclose);
    auto scalar = [&](hid_t file_type, hid_t mem_type, const void* data) {
      Id attr(check(H5Acreate2(loc, a.name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT), "attribute " + a.name),
              H5Aclose);
      ok(H5Awrite(attr, mem_type, data), "writing attribute " + a.name);
    };
    if (const auto* i = std::get_if<std::int32_t>(&a.value)) scalar(H5T_STD_I32LE, H5T_NATIVE_INT32, i);
    else if (const auto* u = std::get_if<std::uint64_t>(&a.value)) scalar(H5T_STD_U64LE, H5T_NATIVE_UINT64, u);
    else scalar(H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &std::get<double>(a.value));
  }

  Id dataset(hid_t loc, const NcVariable& v, const std::map<std::string, std::size_t>& dim_len) const {
    std::vector<hsize_t> dims;
    for (const auto& d : v.dims) dims.push_back(dim_len.at(d));
    Id dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"), H5Pclose);
    ok(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "creation order");
    ok(H5Pset_obj_track_times(dcpl, false), "H5Pset_obj_track_times");  // same data, same bytes
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (v.type == NcVariable::Type::F64) ok(H5Pset_fill_value(dcpl, H5T_NATIVE_DOUBLE, &nan), "H5Pset_fill_value");
    Id space(check(dims.empty() ? H5Screate(H5S_SCALAR)
                                : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                   "H5Screate"),
             H5Sclose);
    Id str_type(check(H5Tcopy(H5T_C_S1), "H5Tcopy"), H5Tclose);
    ok(H5Tset_size(str_type, H5T_VARIABLE), "H5Tset_size");
    ok(H5Tset_cset(str_type, H5T_CSET_UTF8), "H5Tset_cset");
    hid_t file_type = H5T_IEEE_F64LE, mem_type = H5T_NATIVE_DOUBLE;
    const void* data = v.f64.data();
    std::vector<const char*> ptrs;
    switch (v.type) {
      case NcVariable::Type::F64: break;
      case NcVariable::Type::I32: file_type = H5T_STD_I32LE, mem_type = H5T_NATIVE_INT32, data = v.i32.data(); break;
      case NcVariable::Type::U64: file_type = H5T_STD_U64LE, mem_type = H5T_NATIVE_UINT64, data = v.u64.data(); break;
      case NcVariable::Type::Str:
        for (const auto& s : v.str) ptrs.push_back(s.c_str());
        file_type = mem_type = str_type;
        data = ptrs.data();
        break;
    }
    Id ds(check(H5Dcreate2(loc, v.name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating variable " + v.name),
          H5Dclose);
    if (length(v) > 0) ok(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "writing variable " + v.name);
    if (v.type == NcVariable::Type::F64) attribute(ds, {"_FillValue", nan});
    for (const auto& a : v.attributes) attribute(ds, a);
    return ds;
  }

  void write(const NcFile& f) const {
    Id file = create_exclusive();
    created_ = true;
    {
      Id root(check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);
      for (const auto& a : f.attributes) attribute(root, a);
      std::map<std::string, std::size_t> dim_len;
      for (const auto& d : f.dimensions) dim_len[d.coordinate.name] = length(d.coordinate);
      std::vector<std::pair<std::string, Id>> scales;
      for (const auto& d : f.dimensions) {
        Id ds = dataset(root, d.coordinate, dim_len);
        ok(H5DSset_scale(ds, d.coordinate.name.c_str()), "dimension scale " + d.coordinate.name);
        scales.emplace_back(d.coordinate.name, std::move(ds));
      }
      for (const auto& v : f.variables) {
        Id ds = dataset(root, v, dim_len);
        for (std::size_t i = 0; i < v.dims.size(); ++i)
          for (auto& [name, scale] : scales)
            if (name == v.dims[i])
              ok(H5DSattach_scale(ds, scale, static_cast<unsigned>(i)), "attaching " + name + " to " + v.name);
      }
    }
    ok(H5Fclose(file.release()), "closing the file");
  }

  bool created() const { return created_; }

 private:
  mutable bool created_ = false;
};

void validate(const NcFile& f) {
  std::set<std::string> names;
  std::map<std::string, std::size_t> dim_len;
  auto bad = [](const std::string& what) { throw RuntimeFailure("invalid netCDF table: " + what); };
  for (const auto& d : f.dimensions) {
    if (d.coordinate.dims != std::vector<std::string>{d.coordinate.name})
      bad("coordinate " + d.coordinate.name + " must have the dimension of its own name");
    if (!names.insert(d.coordinate.name).second) bad("name " + d.coordinate.name + " used twice");
    dim_len[d.coordinate.name] = length(d.coordinate);
  }
  for (const auto& v : f.variables) {
    if (v.name.empty() || v.name.find('/') != std::string::npos) bad("variable name '" + v.name + "'");
    if (!names.insert(v.name).second) bad("name " + v.name + " used twice");
    std::size_t n = 1;
    for (const auto& d : v.dims) {
      if (!dim_len.count(d)) bad("variable " + v.name + " uses unknown dimension " + d);
      n *= dim_len[d];
    }
    if (length(v) != n) bad("variable " + v.name + " has " + std::to_string(length(v)) + " values, needs " + std::to_string(n));
  }
}

using detail::sync_path;

}  // namespace

void write_nc_file(const NcFile& file, const std::string& path) {
  validate(file);
  const std::string part = path + ".part";
  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  detail::remove_stale_part(part);  // never written through a symlink (h5_common.h)
  Writer writer(part);
  try {
    writer.write(file);
    if (const int err = sync_path(part, false))
      throw RuntimeFailure("cannot write " + part + ": fsync failed: " + std::strerror(err));
    if (std::rename(part.c_str(), path.c_str()) != 0)
      throw RuntimeFailure("cannot rename " + part + " to " + path + ": " + std::strerror(errno));
  } catch (...) {
    if (writer.created()) std::remove(part.c_str());
    throw;
  }
  const auto dir = std::filesystem::path(path).parent_path();
  sync_path(dir.empty() ? std::string(".") : dir.string(), true);
}

}  // namespace prosim
