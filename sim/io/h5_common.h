#pragma once
// What prosim's three HDF5 files (h5_writer.cpp, h5_reader.cpp, nc_writer.cpp) share: the
// process-wide lock and error capture, an owning handle, and the "cannot read/write FILE: what
// [HDF5: stack]" error helpers, the exclusive creation of a .part file. Internal to io/.
#include <fcntl.h>
#include <sys/stat.h>
#include <hdf5.h>
#include <unistd.h>

#include <cerrno>

#include <mutex>
#include <string>
#include <utility>

#include "core/error.h"

namespace prosim::detail {

// The mutex serializing every HDF5 call made by prosim's io (the Debian HDF5 build is not
// guaranteed thread-safe). Its first use also turns off HDF5's atexit handler (h5_writer.cpp).
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

// Owns an HDF5 identifier and closes it with the matching H5?close.
class Id {
 public:
  Id() = default;
  Id(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Id(Id&& o) noexcept : id_(std::exchange(o.id_, -1)), close_(o.close_) {}
  Id& operator=(Id&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, -1);
      close_ = o.close_;
    }
    return *this;
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { reset(); }
  operator hid_t() const { return id_; }
  hid_t release() { return std::exchange(id_, -1); }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  herr_t (*close_)(hid_t) = nullptr;
};

// Base of the readers and writers: every failed HDF5 call becomes one RuntimeFailure that names
// the file, what was being done and HDF5's own error stack.
class H5Errors {
 public:
  H5Errors(const char* verb, std::string file) : verb_(verb), file_(std::move(file)) {}
  [[noreturn]] void fail(const std::string& what) const {
    const std::string hdf5 = hdf5_error_text();
    throw RuntimeFailure(std::string("cannot ") + verb_ + " " + file_ + ": " + what +
                         (hdf5.empty() ? "" : " [HDF5: " + hdf5 + "]"));
  }
  hid_t check(hid_t id, const std::string& what) const {
    if (id < 0) fail(what);
    return id;
  }
  void check_status(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
  }
  const std::string& file() const { return file_; }

  // Links and attributes listed in the order they were written, as netCDF-4 does (a file
  // creation list is also a group creation list: the root group gets it too).
  void track_creation_order(hid_t group_create_plist) const {
    check_status(H5Pset_link_creation_order(group_create_plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                 "H5Pset_link_creation_order");
    check_status(H5Pset_attr_creation_order(group_create_plist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                 "H5Pset_attr_creation_order");
  }

  // Creates file() (a .part of the caller's, whose stale copy remove_stale_part removed just
  // before) with H5F_ACC_EXCL, so never through a symlink or over a file someone else made;
  // link and attribute creation order tracked and indexed on the root, as netCDF-4 does; no
  // file locking (the .part is ours alone, and locks only fail on file systems without them,
  // e.g. NFS).
  Id create_exclusive() const {
    Id fcpl(check(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate"), H5Pclose);
    track_creation_order(fcpl);
    Id fapl(check(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate"), H5Pclose);
#if H5_VERSION_GE(1, 12, 1) || (H5_VERSION_GE(1, 10, 7) && !H5_VERSION_GE(1, 12, 0))
    check_status(H5Pset_file_locking(fapl, false, true), "H5Pset_file_locking");
#endif
    return Id(check(H5Fcreate(file_.c_str(), H5F_ACC_EXCL, fcpl, fapl), "creating the file"), H5Fclose);
  }

 private:
  const char* verb_;
  std::string file_;
};

// fsync a file (or, with `directory`, a directory) by path; returns errno or 0. Both writers
// make their .part durable before the rename, and the rename durable after it.
inline int sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return errno;
  int err = 0;
  if (::fsync(fd) != 0) err = errno;
  ::close(fd);
  return err;
}

// Both writers create PATH.part exclusively (H5F_ACC_EXCL) and rename it over PATH. A stale
// .part (a killed run's, or a planted symlink) is removed first, never written through.
inline void remove_stale_part(const std::string& part) {
  struct stat st {};
  if (::lstat(part.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) ::unlink(part.c_str());
}

}  // namespace prosim::detail
