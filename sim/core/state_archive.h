#pragma once
// The one walk over a run's state (docs/output-format.md, "State files"). Every piece of state
// is listed once, in a function that takes a StateArchive (world/world_state.cpp,
// engine/snapshot.cpp, metrics/recorder_state.cpp, each policy's archive_state): the same walk
// writes a state file when the archive is saving and fills the objects when it is loading, so
// the writer and the reader cannot disagree on what a state holds. The HDF5 archives are in
// io/state_file.cpp; tests/engine/state_coverage_test.cpp checks that every field of the world's
// structs is walked.
#include <array>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace prosim {

class StateArchive {
 public:
  virtual ~StateArchive() = default;
  virtual bool loading() const = 0;
  // Fields between enter(name) and leave() belong to the group `name` (nested).
  virtual void enter(const std::string& name) = 0;
  virtual void leave() = 0;
  // Whether the current group holds a group `name` (loading; always true when saving).
  virtual bool has_group(const std::string& name) const = 0;
  // Refuses the state: throws with `what` and the file's name.
  [[noreturn]] virtual void fail(const std::string& what) const = 0;

  // The element types a state is made of; every other field is converted to one of them.
  virtual void io(const char* name, std::vector<double>& v) = 0;
  virtual void io(const char* name, std::vector<float>& v) = 0;
  virtual void io(const char* name, std::vector<std::int64_t>& v) = 0;
  virtual void io(const char* name, std::vector<std::uint64_t>& v) = 0;
  virtual void io(const char* name, std::vector<std::int32_t>& v) = 0;
  virtual void io(const char* name, std::vector<std::int16_t>& v) = 0;
  virtual void io(const char* name, std::vector<std::uint16_t>& v) = 0;
  virtual void io(const char* name, std::vector<std::uint8_t>& v) = 0;

  // A scalar: a dataset of one element.
  template <class T>
  void scalar(const char* name, T& x) {
    if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t b = x ? 1 : 0;
      scalar(name, b);
      x = b != 0;
    } else if constexpr (std::is_enum_v<T>) {
      auto u = static_cast<std::underlying_type_t<T>>(x);
      scalar(name, u);
      x = static_cast<T>(u);
    } else {
      std::vector<T> v{x};
      io(name, v);
      if (v.size() != 1) fail(std::string(name) + " has " + std::to_string(v.size()) + " elements, expected 1");
      x = v[0];
    }
  }
  // A vector of an enum (stored as its underlying type).
  template <class E>
  void enums(const char* name, std::vector<E>& v) {
    static_assert(std::is_enum_v<E>);
    std::vector<std::underlying_type_t<E>> u(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) u[i] = static_cast<std::underlying_type_t<E>>(v[i]);
    io(name, u);
    if (loading()) {
      v.resize(u.size());
      for (std::size_t i = 0; i < u.size(); ++i) v[i] = static_cast<E>(u[i]);
    }
  }
  // Text, as its bytes.
  void text(const char* name, std::string& s) {
    std::vector<std::uint8_t> b(s.begin(), s.end());
    io(name, b);
    s.assign(b.begin(), b.end());
  }
  // A list of vectors (CSR: <name>_offset, <name>_value).
  template <class T>
  void ragged(const std::string& name, std::vector<std::vector<T>>& v) {
    std::vector<std::int64_t> offset{0};
    std::vector<T> value;
    for (const auto& row : v) {
      value.insert(value.end(), row.begin(), row.end());
      offset.push_back(static_cast<std::int64_t>(value.size()));
    }
    io((name + "_offset").c_str(), offset);
    io((name + "_value").c_str(), value);
    if (!loading()) return;
    if (offset.empty() || offset.front() != 0 || offset.back() != static_cast<std::int64_t>(value.size()))
      fail(name + "_offset does not match " + name + "_value");
    v.assign(offset.size() - 1, {});
    for (std::size_t r = 0; r + 1 < offset.size(); ++r) {
      if (offset[r + 1] < offset[r]) fail(name + "_offset is not increasing");
      v[r].assign(value.begin() + offset[r], value.begin() + offset[r + 1]);
    }
  }
  // A list of strings (CSR of their bytes).
  void texts(const std::string& name, std::vector<std::string>& v) {
    std::vector<std::vector<std::uint8_t>> bytes;
    for (const auto& s : v) bytes.emplace_back(s.begin(), s.end());
    ragged(name, bytes);
    if (!loading()) return;
    v.clear();
    for (const auto& b : bytes) v.emplace_back(b.begin(), b.end());
  }
};

// enter/leave as a scope.
class StateGroup {
 public:
  StateGroup(StateArchive& a, const std::string& name) : a_(a) { a_.enter(name); }
  ~StateGroup() { a_.leave(); }
  StateGroup(const StateGroup&) = delete;
  StateGroup& operator=(const StateGroup&) = delete;

 private:
  StateArchive& a_;
};

template <class T>
struct is_std_vector : std::false_type {};
template <class T>
struct is_std_vector<std::vector<T>> : std::true_type {};

// What the field lists (`walk(A&, S&)` for each state struct S) call: field(name, member) for
// a member of a supported type, nested(name, member) for a struct member with its own walk,
// list(name, member) for a vector of such structs. Over a StateArchive it reads or writes;
// tests/engine/state_coverage_test.cpp has another A that records which bytes were walked.
struct StateFields {
  StateArchive& a;

  template <class T>
  void field(const char* name, std::vector<T>& v) {
    if constexpr (std::is_enum_v<T>) a.enums(name, v);
    else if constexpr (is_std_vector<T>::value) a.ragged(name, v);
    else if constexpr (std::is_same_v<T, std::string>) a.texts(name, v);
    else a.io(name, v);
  }
  template <class T, std::size_t N>
  void field(const char* name, std::array<std::vector<T>, N>& v) {
    for (std::size_t k = 0; k < N; ++k) field((std::string(name) + "_" + std::to_string(k)).c_str(), v[k]);
  }
  void field(const char* name, std::string& s) { a.text(name, s); }
  template <class T>
  void field(const char* name, T& x) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) a.scalar(name, x);
    else nested(name, x);
  }
  template <class S>
  void nested(const char* name, S& s) {
    StateGroup g(a, name);
    walk(*this, s);
  }
  template <class S>
  void list(const char* name, std::vector<S>& v) {
    StateGroup g(a, name);
    std::uint64_t n = v.size();
    a.scalar("count", n);
    if (a.loading() && n > (1u << 20)) a.fail(std::string(name) + "/count is " + std::to_string(n) + " (damaged)");
    if (a.loading()) v.resize(n);
    for (std::size_t i = 0; i < v.size(); ++i) nested(std::to_string(i).c_str(), v[i]);
  }
  // A member saved by another walk (the World's policy state blocks: engine/snapshot.cpp);
  // listed so that the coverage test sees it.
  template <class T>
  void elsewhere(const char*, T&) {}
};

}  // namespace prosim
