#include "io/output_path.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.h"

namespace prosim {

namespace fs = std::filesystem;

std::string safe_file_stem(const std::string& name) {
  constexpr std::size_t kMaxBytes = 200;  // leaves room for "_r001.h5.part" under NAME_MAX (255)
  std::string out;
  for (const char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool keep = std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80;
    out += keep ? ch : '_';
  }
  if (out.empty()) out = "scenario";
  if (out[0] == '.') out.insert(out.begin(), '_');
  if (out.size() > kMaxBytes) {
    std::size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

void check_output_path(const std::string& out, const std::vector<std::string>& inputs, bool overwrite) {
  auto fail = [&](const std::string& why) { throw RuntimeFailure("output " + printable(out) + ": " + why); };
  if (out.empty()) fail("empty path");
  if (out.find('\0') != std::string::npos) fail("the path contains a NUL byte");
  const fs::path path(out);
  if (out.back() == '/' || path.filename() == "." || path.filename() == "..")
    fail("names a directory; give a file name such as " + (path / "run.h5").lexically_normal().string());

  std::error_code ec;
  const auto status = fs::status(path, ec);  // follows a symlink to what it names
  if (fs::exists(status)) {
    if (fs::is_directory(status))
      fail("is a directory; give a file name such as " + (path / "run.h5").string());
    if (!fs::is_regular_file(status)) fail("exists and is not a regular file (a device, FIFO or socket)");
    for (const auto& input : inputs)
      if (fs::equivalent(path, input, ec) && !ec) fail("is the scenario file " + printable(input) + " itself");
    if (!overwrite) fail("exists; give --overwrite to replace it, or another -o");
  }

  // Create the directory, then prove a new file can be made there (read-only file systems,
  // permissions, names too long); directories this call made are removed again on failure.
  fs::path parent = path.parent_path();
  std::vector<fs::path> made;
  for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) made.push_back(p);
  auto undo = [&] {
    for (const auto& p : made) fs::remove(p, ec);  // innermost first; only empty ones go
  };
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) {
      undo();
      fail("cannot create directory " + parent.string() + ": " + ec.message());
    }
  }
  const std::string probe = out + ".part";
  // A stale .part (from a killed run, or planted as a symlink) is removed, never followed.
  struct stat st {};
  if (::lstat(probe.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) ::unlink(probe.c_str());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    undo();
    fail("cannot create a file there: " + std::string(std::strerror(err)));
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace prosim
