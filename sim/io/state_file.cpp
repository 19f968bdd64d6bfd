// State files (io/state_file.h): HDF5 archives for the one state walk (core/state_archive.h).
// Layout: a group per struct, a one-dimensional dataset per field (little-endian, chunked
// and deflated when large), /header (StateHeader) and, written last, /completed = 1.
// Byte-stable: object modification times are off and nothing else varies between writes.
#include "io/state_file.h"

#include <hdf5.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/interrupt.h"
#include "io/h5_common.h"
#include "io/sha256.h"
#include "prosim/version.h"

namespace prosim {
namespace {

using detail::Id;

constexpr std::size_t kChunkBytes = 1 << 18;  // 256 KiB chunks for large fields
constexpr std::size_t kCompressAbove = 4096;  // bytes; smaller fields are stored contiguous
constexpr unsigned kDeflateLevel = 1;         // fast: checkpoints are written during a run

template <class T>
hid_t file_type() {
  if constexpr (std::is_same_v<T, double>) return H5T_IEEE_F64LE;
  else if constexpr (std::is_same_v<T, float>) return H5T_IEEE_F32LE;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5T_STD_I64LE;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_STD_U64LE;
  else if constexpr (std::is_same_v<T, std::int32_t>) return H5T_STD_I32LE;
  else if constexpr (std::is_same_v<T, std::int16_t>) return H5T_STD_I16LE;
  else if constexpr (std::is_same_v<T, std::uint16_t>) return H5T_STD_U16LE;
  else return H5T_STD_U8LE;
}
template <class T>
hid_t mem_type() {
  if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  else if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int16_t>) return H5T_NATIVE_INT16;
  else if constexpr (std::is_same_v<T, std::uint16_t>) return H5T_NATIVE_UINT16;
  else return H5T_NATIVE_UINT8;
}

// The path of the current group, for messages.
std::string joined(const std::vector<std::string>& names, const char* leaf) {
  std::string p;
  for (const auto& n : names) p += "/" + n;
  return p + "/" + leaf;
}

class Writer final : public StateArchive, public detail::H5Errors {
 public:
  Writer(const std::string& file, hid_t root, bool compress) : H5Errors("write", file), compress_(compress) {
    groups_.emplace_back(root, nullptr);
  }
  bool loading() const override { return false; }
  bool has_group(const std::string&) const override { return true; }
  [[noreturn]] void fail(const std::string& what) const override { H5Errors::fail(what); }
  void enter(const std::string& name) override {
    Id gcpl(check(H5Pcreate(H5P_GROUP_CREATE), "H5Pcreate"), H5Pclose);
    check_status(H5Pset_obj_track_times(gcpl, false), "H5Pset_obj_track_times");
    names_.push_back(name);
    groups_.emplace_back(check(H5Gcreate2(groups_.back(), name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT),
                               "creating group " + joined(names_, "")),
                         H5Gclose);
  }
  void leave() override {
    groups_.pop_back();
    names_.pop_back();
  }
  void io(const char* n, std::vector<double>& v) override { put(n, v); }
  void io(const char* n, std::vector<float>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::int64_t>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::uint64_t>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::int32_t>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::int16_t>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::uint16_t>& v) override { put(n, v); }
  void io(const char* n, std::vector<std::uint8_t>& v) override { put(n, v); }

 private:
  template <class T>
  void put(const char* name, const std::vector<T>& v) {
    const std::string where = joined(names_, name);
    const hsize_t n = v.size();
    Id space(check(H5Screate_simple(1, &n, nullptr), "H5Screate_simple"), H5Sclose);
    Id dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate"), H5Pclose);
    check_status(H5Pset_obj_track_times(dcpl, false), "H5Pset_obj_track_times");
    if (compress_ && n * sizeof(T) > kCompressAbove) {
      const hsize_t chunk = std::min<hsize_t>(n, std::max<hsize_t>(1, kChunkBytes / sizeof(T)));
      check_status(H5Pset_chunk(dcpl, 1, &chunk), "H5Pset_chunk");
      if (sizeof(T) > 1) check_status(H5Pset_shuffle(dcpl), "H5Pset_shuffle");
      check_status(H5Pset_deflate(dcpl, kDeflateLevel), "H5Pset_deflate");
    }
    Id ds(check(H5Dcreate2(groups_.back(), name, file_type<T>(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                "creating " + where),
          H5Dclose);
    if (n > 0) check_status(H5Dwrite(ds, mem_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "writing " + where);
  }

  std::vector<Id> groups_;
  std::vector<std::string> names_;
  bool compress_;
};

#if H5_VERSION_GE(1, 12, 0)
herr_t list_dataset(hid_t, const char* name, const H5O_info2_t* info, void* out) {
#else
herr_t list_dataset(hid_t, const char* name, const H5O_info_t* info, void* out) {
#endif
  if (info->type == H5O_TYPE_DATASET) static_cast<std::vector<std::string>*>(out)->push_back(name);
  return 0;
}

class Reader final : public StateArchive, public detail::H5Errors {
 public:
  Reader(const std::string& file, hid_t root) : H5Errors("read state", file) { groups_.emplace_back(root, nullptr); }
  bool loading() const override { return true; }
  bool has_group(const std::string& name) const override {
    const htri_t e = H5Lexists(groups_.back(), name.c_str(), H5P_DEFAULT);
    return e > 0;
  }
  [[noreturn]] void fail(const std::string& what) const override { H5Errors::fail(what); }
  void enter(const std::string& name) override {
    names_.push_back(name);
    if (!has_group(name)) fail("no group " + joined(names_, "") + " (a damaged file, or one of another layout)");
    groups_.emplace_back(check(H5Gopen2(groups_.back(), name.c_str(), H5P_DEFAULT), "opening " + joined(names_, "")),
                         H5Gclose);
  }
  void leave() override {
    groups_.pop_back();
    names_.pop_back();
  }
  void io(const char* n, std::vector<double>& v) override { get(n, v); }
  void io(const char* n, std::vector<float>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::int64_t>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::uint64_t>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::int32_t>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::int16_t>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::uint16_t>& v) override { get(n, v); }
  void io(const char* n, std::vector<std::uint8_t>& v) override { get(n, v); }
  // Paths ("world/persons/skill") of the datasets read.
  const std::set<std::string>& read() const { return read_; }

 private:
  template <class T>
  void get(const char* name, std::vector<T>& v) {
    const std::string where = joined(names_, name);
    if (H5Lexists(groups_.back(), name, H5P_DEFAULT) <= 0) fail("no dataset " + where + " (a damaged file, or one of another layout)");
    Id ds(check(H5Dopen2(groups_.back(), name, H5P_DEFAULT), "opening " + where), H5Dclose);
    Id type(check(H5Dget_type(ds), "H5Dget_type"), H5Tclose);
    if (H5Tequal(type, file_type<T>()) <= 0) fail(where + " has another element type than this prosim stores");
    Id space(check(H5Dget_space(ds), "H5Dget_space"), H5Sclose);
    if (H5Sget_simple_extent_ndims(space) != 1) fail(where + " is not one-dimensional");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space, &n, nullptr);
    v.resize(n);
    if (n > 0) check_status(H5Dread(ds, mem_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "reading " + where);
    read_.insert(joined(names_, name).substr(1));
  }

  std::vector<Id> groups_;
  std::vector<std::string> names_;
  std::set<std::string> read_;
};

void walk_header(StateArchive& a, StateHeader& h) {
  StateGroup g(a, "header");
  a.scalar("format_version", h.format_version);
  a.text("code_version", h.code_version);
  a.text("scenario_json", h.scenario_json);
  a.text("scenario_sha256", h.scenario_sha256);
  a.text("scenario_name", h.scenario_name);
  a.scalar("month_index", h.month_index);
  a.text("date", h.date);
  a.scalar("calibrated", h.calibrated);
  a.scalar("seed", h.seed);
  a.scalar("scale", h.scale);
  a.scalar("persons", h.persons);
  a.scalar("households", h.households);
  a.scalar("firms", h.firms);
  a.scalar("villages", h.villages);
}

Id open_for_reading(const detail::H5Errors& e) {
  std::error_code ec;
  if (!std::filesystem::exists(e.file(), ec)) throw RuntimeFailure("cannot read state " + e.file() + ": no such file");
  if (H5Fis_hdf5(e.file().c_str()) <= 0)
    throw RuntimeFailure("cannot read state " + e.file() + ": not an HDF5 file (truncated, or not a prosim state)");
  Id fapl(e.check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"), H5Pclose);
#if H5_VERSION_GE(1, 12, 1) || (H5_VERSION_GE(1, 10, 7) && !H5_VERSION_GE(1, 12, 0))
  e.check_status(H5Pset_file_locking(fapl, false, true), "H5Pset_file_locking");
#endif
  return Id(e.check(H5Fopen(e.file().c_str(), H5F_ACC_RDONLY, fapl), "opening the file (truncated or damaged?)"),
            H5Fclose);
}

// Header checks shared by read_state_header and load_state (the caller holds the lock).
StateHeader checked_header(const std::string& path, hid_t file) {
  Id root(H5Gopen2(file, "/", H5P_DEFAULT), H5Gclose);
  Reader r(path, root);
  if (!r.has_group("header")) throw RuntimeFailure("cannot read state " + path + ": not a prosim state file (no /header)");
  StateHeader h;
  r.enter("header");
  std::vector<std::int64_t> version;
  r.io("format_version", version);
  r.leave();
  if (version.size() != 1 || version[0] != kStateFormatVersion)
    throw RuntimeFailure("cannot read state " + path + ": state format version " +
                         (version.size() == 1 ? std::to_string(version[0]) : "?") + ", this prosim reads version " +
                         std::to_string(kStateFormatVersion));
  walk_header(r, h);
  if (h.code_version != PROSIM_VERSION)
    throw RuntimeFailure("cannot read state " + path + ": written by prosim " + h.code_version + ", this is prosim " +
                         PROSIM_VERSION + " (a state only resumes in the version that wrote it)");
  std::vector<std::uint8_t> completed;
  if (H5Lexists(root, "completed", H5P_DEFAULT) > 0) r.io("completed", completed);
  if (completed.size() != 1 || completed[0] != 1)
    throw RuntimeFailure("cannot read state " + path + ": incomplete (no /completed = 1; the writing run was killed)");
  return h;
}

}  // namespace

void save_state(Simulation& sim, const std::string& scenario_json, const std::string& path, bool compress) {
  if (path.empty()) throw RuntimeFailure("save_state: empty path");
  const std::string part = path + ".part";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    throw RuntimeFailure("cannot write " + path + ": it exists and is not a regular file");
  detail::remove_stale_part(part);

  StateHeader h;
  h.code_version = PROSIM_VERSION;
  h.scenario_json = scenario_json;
  h.scenario_sha256 = sha256_hex(scenario_json);
  h.scenario_name = sim.params().name;
  h.month_index = sim.world().month_index;
  h.date = sim.world().date.str();
  h.calibrated = sim.calibrated() ? 1 : 0;
  h.seed = sim.params().seed;
  h.scale = sim.params().scale;
  // Living persons (households' members), not person slots: a household owns empty slots for
  // births (world/households.h).
  h.persons = 0;
  for (const auto n : sim.world().households.size) h.persons += n;
  h.households = sim.world().households.size_();
  h.firms = sim.world().firms.size();
  h.villages = sim.world().villages.size();

  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  detail::H5Errors e("write", part);
  bool created = false;
  try {
    {
      Id fcpl(e.check(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate"), H5Pclose);
      Id fapl(e.check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"), H5Pclose);
#if H5_VERSION_GE(1, 12, 1) || (H5_VERSION_GE(1, 10, 7) && !H5_VERSION_GE(1, 12, 0))
      e.check_status(H5Pset_file_locking(fapl, false, true), "H5Pset_file_locking");
#endif
      Id file(e.check(H5Fcreate(part.c_str(), H5F_ACC_EXCL, fcpl, fapl), "creating the file"), H5Fclose);
      created = true;
      {
        Id root(e.check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);
        Writer w(part, root, compress);
        walk_header(w, h);
        sim.archive_state(w);
        e.check_status(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the file");
        std::vector<std::uint8_t> one{1};
        w.io("completed", one);  // the last step
      }
      e.check_status(H5Fclose(file.release()), "closing the file");
    }
    if (const int err = detail::sync_path(part, false))
      throw RuntimeFailure("cannot write " + part + ": fsync failed: " + std::strerror(err));
    if (std::rename(part.c_str(), path.c_str()) != 0)
      throw RuntimeFailure("cannot rename " + part + " to " + path + ": " + std::strerror(errno));
  } catch (...) {
    if (created) std::remove(part.c_str());
    throw;
  }
  const auto dir = std::filesystem::path(path).parent_path();
  detail::sync_path(dir.empty() ? std::string(".") : dir.string(), true);
}

bool is_state_file(const std::string& path) {
  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) return false;
  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  return file >= 0 && H5Lexists(file, "header", H5P_DEFAULT) > 0;
}

StateHeader read_state_header(const std::string& path) {
  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  detail::H5Errors e("read state", path);
  Id file = open_for_reading(e);
  return checked_header(path, file);
}

void load_state(Simulation& sim, const std::string& path) {
  std::lock_guard<std::mutex> lock(detail::hdf5_mutex());
  detail::Hdf5Quiet quiet;
  detail::H5Errors e("read state", path);
  Id file = open_for_reading(e);
  checked_header(path, file);
  Id root(e.check(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group"), H5Gclose);
  Reader r(path, root);
  StateHeader h;
  walk_header(r, h);
  sim.archive_state(r);
  std::vector<std::uint8_t> completed;
  r.io("completed", completed);
  // Every dataset of the file must have been read: a state of another layout is refused. The
  // exception: the state of a policy this run does not have (a fork of a scenario without it).
  std::vector<std::string> in_file;
#if H5_VERSION_GE(1, 12, 0)
  e.check_status(H5Ovisit3(file, H5_INDEX_NAME, H5_ITER_NATIVE, list_dataset, &in_file, H5O_INFO_BASIC), "H5Ovisit");
#else
  e.check_status(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_NATIVE, list_dataset, &in_file, H5O_INFO_BASIC), "H5Ovisit");
#endif
  std::set<std::string> policies_read;
  for (const auto& d : r.read())
    if (d.rfind("policies/", 0) == 0) policies_read.insert(d.substr(0, d.find('/', 9)));
  for (const auto& d : in_file) {
    if (r.read().count(d)) continue;
    if (d.rfind("policies/", 0) == 0 && d.find('/', 9) != std::string::npos && !policies_read.count(d.substr(0, d.find('/', 9))))
      continue;
    throw RuntimeFailure("cannot read state " + path + ": it holds /" + d + ", which this prosim does not read (another layout)");
  }
  sim.check_state();
}

}  // namespace prosim
