// ScratchArena (core/scratch_arena.h): the one block of scratch memory that the month's
// systems and the recorder borrow in turn. One lease at a time; a lease's arrays never
// overlap and stay where they are while it lasts, even when it outgrows the block; the next
// lease gets one block of the most any lease took, so the borrowers share it.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/scratch_arena.h"

namespace {

template <class A, class B>
bool overlap(std::span<A> a, std::span<B> b) {
  const auto* a0 = reinterpret_cast<const std::byte*>(a.data());
  const auto* b0 = reinterpret_cast<const std::byte*>(b.data());
  return a0 < b0 + b.size_bytes() && b0 < a0 + a.size_bytes();
}
bool aligned(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % prosim::ScratchArena::kAlign == 0; }

}  // namespace

TEST_CASE("scratch arena: one lease at a time") {
  prosim::ScratchArena arena;
  {
    auto lease = arena.try_borrow();
    REQUIRE(lease.has_value());
    CHECK(arena.lent());
    CHECK_FALSE(arena.try_borrow().has_value());  // a second borrower while the first holds it
    auto moved = std::move(*lease);               // moving the lease does not give it back
    CHECK_FALSE(arena.try_borrow().has_value());
  }
  CHECK_FALSE(arena.lent());
  CHECK(arena.try_borrow().has_value());  // given back at the end of the lease
}

TEST_CASE("scratch arena: a lease's arrays are aligned, apart, and keep their contents as it grows") {
  prosim::ScratchArena arena;
  const std::size_t n = 1000;
  {
    auto lease = arena.borrow();
    const auto a = lease.take<double>(n);
    const auto b = lease.take<std::uint8_t>(n + 3);
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<double>(i);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i);
    const auto c = lease.take<std::int32_t>(5 * n);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] = -1;
    CHECK_FALSE(overlap(a, b));
    CHECK_FALSE(overlap(a, c));
    CHECK_FALSE(overlap(b, c));
    CHECK((aligned(a.data()) && aligned(b.data()) && aligned(c.data())));
    bool kept = true;
    for (std::size_t i = 0; i < n; ++i) kept = kept && a[i] == static_cast<double>(i);
    for (std::size_t i = 0; i < b.size(); ++i) kept = kept && b[i] == static_cast<std::uint8_t>(i);
    CHECK(kept);
  }
  // The first lease outgrew the empty block: the next gets one block of all it took and a
  // quarter more, and the same takes lie in it, in the same places.
  const std::size_t need = arena.largest_need();
  CHECK(need >= n * sizeof(double) + (n + 3) + 5 * n * sizeof(std::int32_t));
  const std::byte* first = nullptr;
  {
    auto lease = arena.borrow();
    CHECK(arena.capacity() >= need + need / 4);
    CHECK(arena.capacity() < need + need / 4 + prosim::ScratchArena::kAlign);
    const auto a = lease.take<double>(n);
    const auto b = lease.take<std::uint8_t>(n + 3);
    const auto c = lease.take<std::int32_t>(5 * n);
    CHECK((!overlap(a, b) && !overlap(a, c) && !overlap(b, c)));
    first = reinterpret_cast<const std::byte*>(a.data());
    CHECK(reinterpret_cast<const std::byte*>(c.data()) + c.size_bytes() <= first + need);
  }
  // Another borrower (smaller, other types) gets the same memory: the block is shared.
  {
    auto lease = arena.borrow();
    const auto d = lease.take<std::uint64_t>(100);
    CHECK(reinterpret_cast<const std::byte*>(d.data()) == first);
    CHECK(arena.capacity() >= need + need / 4);
  }
  CHECK(arena.largest_need() == need);
}
