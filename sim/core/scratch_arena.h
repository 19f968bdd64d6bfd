#pragma once
// One block of scratch memory that the month's systems and the recorder borrow in turn, for
// the per-household buffers they fill and read within one call (sorts' copies and keys, ranks,
// per-tenant flows), instead of each keeping vectors of its own between months. The systems
// of a month run one after another, so their buffers are never needed at the same time: the
// block is sized to the largest need of any one borrower, not to their sum (issue 18's peak
// memory: the buffers kept between months were, together, more than the largest one).
//
// A borrower takes typed arrays from its Lease (a bump allocator: each array after the last,
// aligned); they are valid until the lease ends. The contents are undefined on taking (the
// memory of earlier borrowers, or never written): a borrower writes every element it reads,
// so no result depends on what was there. Only trivially copyable, trivially
// default-constructible types: `new std::byte[]` storage implicitly creates such objects
// (C++20, P0593), so a std::span over it is a valid array. One lease at a time (checked):
// a second borrow while one is out is a bug, which aborts. Taking is not thread-safe: a
// borrower takes its arrays before its parallel passes and partitions them among tasks.
//
// When a lease needs more than the block holds, the arrays that do not fit get blocks of
// their own for that lease (nothing already taken moves); when it ends, the arena frees them
// all and the next borrow allocates one block of the most any lease has taken, and a quarter
// more (room to grow). Fresh pages
// are touched (and counted in the resident size) only where a borrower writes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/check.h"

namespace prosim {

class ScratchArena {
 public:
  // Every array starts on its own cache line (no false sharing between two arrays).
  static constexpr std::size_t kAlign = 64;

  class Lease {
   public:
    Lease(Lease&& o) noexcept : arena_(std::exchange(o.arena_, nullptr)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (arena_) arena_->give_back();
    }
    // n elements of T, uninitialised, valid until the lease ends.
    template <class T>
    std::span<T> take(std::size_t n) {
      static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_default_constructible_v<T>,
                    "scratch holds only implicit-lifetime types");
      static_assert(alignof(T) <= kAlign);
      return {static_cast<T*>(arena_->take_bytes(n * sizeof(T))), n};
    }

   private:
    friend class ScratchArena;
    explicit Lease(ScratchArena* a) : arena_(a) {}
    ScratchArena* arena_;
  };

  ScratchArena() = default;
  ScratchArena(const ScratchArena&) = delete;
  ScratchArena& operator=(const ScratchArena&) = delete;
  // Moved only while not lent (a Simulation is movable; a lease points at its arena).
  ScratchArena(ScratchArena&& o) noexcept
      : block_(std::move(o.block_)), capacity_(std::exchange(o.capacity_, 0)), wanted_(std::exchange(o.wanted_, 0)) {
    PROSIM_CHECK(!o.lent_);
  }
  ScratchArena& operator=(ScratchArena&& o) noexcept {
    PROSIM_CHECK(!lent_ && !o.lent_);
    block_ = std::move(o.block_);
    capacity_ = std::exchange(o.capacity_, 0);
    wanted_ = std::exchange(o.wanted_, 0);
    return *this;
  }

  // The lease, or nothing while another is out (a borrower that meets one is a bug: borrow).
  [[nodiscard]] std::optional<Lease> try_borrow() {
    if (lent_) return std::nullopt;
    lent_ = true;
    used_ = 0;
    if (capacity_ < wanted_) {
      // A quarter more than the need: a need that grows a little each month (the burn-in's
      // tenants, before the recorder's larger need sizes the block) would otherwise free and
      // map a new block every month, its pages faulted in again (measured at full scale,
      // 2 threads: ~186,000 more page faults and migration's burn-in 2.7 -> 5.5 s). The pages
      // past what borrowers write are never touched, so they are not resident.
      const std::size_t bytes = round_up(wanted_ + wanted_ / 4);
      block_.reset();  // the old block first: never both held
      block_ = allocate(bytes);
      capacity_ = bytes;
    }
    return Lease(this);
  }
  [[nodiscard]] Lease borrow() {
    auto lease = try_borrow();
    PROSIM_CHECK(lease.has_value());  // one borrower at a time
    return std::move(*lease);
  }
  bool lent() const { return lent_; }
  std::size_t capacity() const { return capacity_; }  // bytes of the block (0 before the first need)
  std::size_t largest_need() const { return wanted_; }  // the most one lease has taken, in bytes

 private:
  // The blocks: aligned to kAlign, uninitialised (operator new[] creates the implicit-lifetime
  // objects a borrower's arrays need, C++20).
  struct AlignedDelete {
    void operator()(std::byte* p) const { ::operator delete[](p, std::align_val_t{kAlign}); }
  };
  using Block = std::unique_ptr<std::byte[], AlignedDelete>;
  static Block allocate(std::size_t bytes) {
    return Block(static_cast<std::byte*>(::operator new[](bytes, std::align_val_t{kAlign})));
  }
  static std::size_t round_up(std::size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

  void* take_bytes(std::size_t bytes) {
    PROSIM_CHECK(lent_);
    const std::size_t size = round_up(std::max<std::size_t>(bytes, 1));
    void* p;
    if (used_ + size <= capacity_) {
      p = block_.get() + used_;
    } else {  // does not fit: a block of its own for this lease
      overflow_.push_back(allocate(size));
      p = overflow_.back().get();
    }
    used_ += size;
    wanted_ = std::max(wanted_, used_);
    return p;
  }
  void give_back() {
    lent_ = false;
    if (!overflow_.empty()) {  // outgrown: the next borrow allocates one block of wanted_
      overflow_.clear();
      block_.reset();
      capacity_ = 0;
    }
  }

  Block block_;
  std::vector<Block> overflow_;
  std::size_t capacity_ = 0, used_ = 0, wanted_ = 0;
  bool lent_ = false;
};

}  // namespace prosim
