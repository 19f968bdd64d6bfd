// Every member of every world struct is in the state (world/world_state.h). The field lists
// are walked with a recorder of the bytes each walked member occupies; the members must tile
// the struct with nothing between them but alignment padding. A member added to a struct
// and not to its walk leaves a gap, and this test names the struct.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "world/world_state.h"

using namespace prosim;

namespace {

struct Layout {
  const char* base;
  struct Range {
    std::size_t offset, size, align;
  };
  std::vector<Range> ranges;
  void add(const void* p, std::size_t size, std::size_t align) {
    ranges.push_back({static_cast<std::size_t>(static_cast<const char*>(p) - base), size, align});
  }
  template <class T>
  void field(const char*, T& x) {
    add(&x, sizeof(T), alignof(T));
  }
  template <class S>
  void nested(const char*, S& s) {
    add(&s, sizeof(S), alignof(S));
  }
  template <class S>
  void list(const char*, std::vector<S>& v) {
    add(&v, sizeof(v), alignof(std::vector<S>));
  }
  template <class T>
  void elsewhere(const char*, T& x) {
    add(&x, sizeof(T), alignof(T));
  }
};

// "" when the walked members tile S; else where the first gap is.
template <class S>
std::string gaps() {
  S s{};
  Layout l{reinterpret_cast<const char*>(&s), {}};
  walk(l, s);
  std::sort(l.ranges.begin(), l.ranges.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
  std::size_t end = 0;
  auto round_up = [](std::size_t x, std::size_t a) { return (x + a - 1) / a * a; };
  for (const auto& r : l.ranges) {
    if (r.offset < end) return "members overlap at byte " + std::to_string(r.offset);
    if (r.offset != round_up(end, r.align))
      return "bytes " + std::to_string(end) + ".." + std::to_string(r.offset) + " are not walked";
    end = r.offset + r.size;
  }
  if (round_up(end, alignof(S)) != sizeof(S))
    return "bytes " + std::to_string(end) + ".." + std::to_string(sizeof(S)) + " (the end) are not walked";
  return "";
}

}  // namespace

TEST_CASE("state coverage: the field lists cover every member of the world's structs") {
  CHECK(gaps<World>() == "");
  CHECK(gaps<Settlements>() == "");
  CHECK(gaps<Persons>() == "");
  CHECK(gaps<Households>() == "");
  CHECK(gaps<Firms>() == "");
  CHECK(gaps<Villages>() == "");
  CHECK(gaps<County>() == "");
  CHECK(gaps<RestOfWorld>() == "");
  CHECK(gaps<LabourForce>() == "");
  CHECK(gaps<YearMonth>() == "");
}

// The check can fail: a struct with a member its walk leaves out.
struct Partial {
  std::vector<int> a;
  double left_out = 0;
  std::vector<int> b;
};
template <class A>
void walk(A& a, Partial& p) {
  a.field("a", p.a);
  a.field("b", p.b);
}

TEST_CASE("state coverage: a member left out of a walk is found") { CHECK(gaps<Partial>() == "bytes 24..32 are not walked"); }
