#pragma once
// Rare per-entity events drawn by skipping instead of by a draw per entity.
//
// A monthly event of probability q for every entity (a quit, a death) was drawn as one
// uniform per entity: a Philox block per person per month, whether anything happened or not.
// The same Bernoulli(q) trials can be drawn by their successes alone: the gaps between
// successive successes are geometric, G = floor(log(u) / log(1 - q)), so a pass costs about
// q x n draws instead of n.
//
// Keying: the ids [0, n) are cut into fixed blocks of kSkipBlock ids (boundaries depend on
// nothing but the id), and block b draws its gaps from RandomStream(seed, purpose, month, b),
// walking its ids in increasing order. So
//  - the successes do not depend on the thread count (blocks run in parallel, each from its
//    own stream),
//  - an id's trial does not depend on n or on other entities' states: two scenarios with the
//    same seed see the same successes on the same ids (common random numbers, as with the
//    per-entity streams), and
//  - the successes are independent of the entities' states, so applying an event only to the
//    entities eligible for it (employed, old enough, ...) gives each of them probability q.
// An event whose probability varies by entity (mortality by age) is drawn at a rate q that
// bounds it and thinned: a success on entity i is kept with probability p_i / q (the caller
// draws that uniform from the same stream, passed to it), so P = q x p_i / q = p_i. The bound
// q must not depend on the state (take the rule's highest rate, not this month's highest):
// every gap is drawn with q, so a bound that moved between two scenarios would change every
// success in both, and common random numbers would be lost.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"

namespace prosim {

inline constexpr std::size_t kSkipBlock = std::size_t{1} << 14;

// Calls hit(id, rng) for each id in [0, n) whose Bernoulli(q) trial succeeds; q outside
// (0, 1) means no trial succeeds (q <= 0) or every one does (q >= 1). Within a block hit is
// called in increasing id order and may draw more from rng (thinning); blocks run in
// parallel, so hit must write only the slots of its id.
template <class Hit>
void for_each_success(std::uint64_t seed, Purpose purpose, std::uint32_t month, std::size_t n, double q, Hit&& hit) {
  if (!(q > 0) || n == 0) return;
  const std::size_t blocks = (n + kSkipBlock - 1) / kSkipBlock;
  const double inv_log_fail = q < 1 ? 1.0 / std::log1p(-q) : 0.0;  // 1 / log(1 - q) < 0
  const ParallelRegion region(blocks > 1);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    RandomStream rng(seed, purpose, month, b);
    const std::size_t end = std::min(n, (b + 1) * kSkipBlock);
    for (std::size_t i = b * kSkipBlock;; ++i) {
      if (q < 1) {
        // log(u) / log(1 - q) >= 0; compared as a double first so that a huge gap cannot
        // overflow the conversion.
        const double gap = std::floor(std::log(rng.uniform()) * inv_log_fail);
        if (gap >= static_cast<double>(end - i)) return;
        i += static_cast<std::size_t>(gap);
      }
      if (i >= end) return;
      hit(i, rng);
    }
  });
}

// Marks on the ids whose trials succeeded (for_each_success), for the pass that applies them,
// which reads them only for some ids (those eligible for the event). Every mark is 0 between
// uses without clearing every id: each id marked is also listed, by its skipping block, and
// reset() sets back the listed ones, a step per success instead of a byte per id. Listing and
// setting back a success costs some 25 instructions, a clear about one per id (cachegrind,
// issue 18): it pays where fewer than ~3 % of the ids succeed (demography's birth trials, not
// migration's returns and departures, 4 % of the persons a month).
class SuccessMarks {
 public:
  // For n ids, all unmarked; the buffers are kept while n is the same.
  void fit(std::size_t n) {
    if (marks_.size() == n) return;
    marks_.assign(n, 0);
    listed_.assign((n + kSkipBlock - 1) / kSkipBlock, {});
  }
  // Adds `bits` (not 0) to id i's mark; called in a hit of for_each_success, where the ids of
  // one skipping block are marked by one task, in order.
  void mark(std::size_t i, std::uint8_t bits) {
    if (marks_[i] == 0) listed_[i / kSkipBlock].push_back(static_cast<std::int32_t>(i));
    marks_[i] = static_cast<std::uint8_t>(marks_[i] | bits);
  }
  const std::uint8_t* data() const { return marks_.data(); }
  // Every mark back to 0, in parallel over the skipping blocks.
  void reset() {
    const ParallelRegion region(listed_.size() > 1);
    tbb::parallel_for(std::size_t{0}, listed_.size(), [&](std::size_t b) {
      for (const auto i : listed_[b]) marks_[static_cast<std::size_t>(i)] = 0;
      listed_[b].clear();
    });
  }

 private:
  std::vector<std::uint8_t> marks_;
  std::vector<std::vector<std::int32_t>> listed_;  // per skipping block, the ids marked
};

}  // namespace prosim
