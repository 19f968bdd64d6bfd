#include "metrics/inequality.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "core/parallel.h"

namespace prosim {

namespace {

// Order-preserving map of a double to an unsigned key (negative values flipped, -0 as +0).
std::uint64_t sort_key(double v) {
  if (v == 0) v = 0.0;
  const auto bits = std::bit_cast<std::uint64_t>(v);
  return (bits >> 63) ? ~bits : bits | (std::uint64_t{1} << 63);
}

// Orders (key, weight) pairs: the order every sort below gives.
bool before(std::uint64_t ka, const WeightedValue& a, std::uint64_t kb, const WeightedValue& b) {
  return ka != kb ? ka < kb : a.weight < b.weight;
}

// Sorts v[0, n) and its keys k[0, n) by (key, weight); a and ak are scratch of n elements.
// Small runs by insertion; larger ones by one more bucket pass over their own key range
// (fine buckets where the values crowd), each bucket again by this function.
void sort_bucket(WeightedValue* v, std::uint64_t* k, WeightedValue* a, std::uint64_t* ak, std::size_t n) {
  if (n <= 32) {
    for (std::size_t i = 1; i < n; ++i) {
      const std::uint64_t kk = k[i];
      const WeightedValue vv = v[i];
      std::size_t j = i;
      for (; j > 0 && before(kk, vv, k[j - 1], v[j - 1]); --j) {
        k[j] = k[j - 1];
        v[j] = v[j - 1];
      }
      k[j] = kk;
      v[j] = vv;
    }
    return;
  }
  std::uint64_t lo = k[0], hi = k[0];
  for (std::size_t i = 1; i < n; ++i) {
    lo = std::min(lo, k[i]);
    hi = std::max(hi, k[i]);
  }
  if (lo == hi) {  // one value: by weight
    std::sort(v, v + n, [](const WeightedValue& x, const WeightedValue& y) { return x.weight < y.weight; });
    return;
  }
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 12);
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - bits);
  const std::size_t D = static_cast<std::size_t>((hi - lo) >> shift) + 1;
  std::vector<std::size_t> start(D + 1, 0);
  for (std::size_t i = 0; i < n; ++i) ++start[((k[i] - lo) >> shift) + 1];
  for (std::size_t d = 0; d < D; ++d) start[d + 1] += start[d];
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = start[(k[i] - lo) >> shift]++;
    a[j] = v[i];
    ak[j] = k[i];
  }
  for (std::size_t d = 0, s = 0; d < D; ++d) {  // start[d] is now bucket d's end
    sort_bucket(a + s, ak + s, v + s, k + s, start[d] - s);
    s = start[d];
  }
  std::copy(a, a + n, v);
  std::copy(ak, ak + n, k);
}

}  // namespace

// A most-significant-digit bucket sort on the value's 64-bit key: one counting pass and one
// scatter in parallel over fixed blocks, into about n/2 buckets (at most 2^16) over the range
// of the positive values' keys (the zero and negative values, few, share bucket 0), then
// every bucket sorted on its own (in parallel; insertion for small ones, another bucket pass
// for crowded ones), by value and, for equal values, by weight. Elements that compare equal
// are identical, so the result is the one sequence any correct sort gives, at any thread
// count. It replaced an LSD radix sort (six counting passes of 11 bits), which had itself
// replaced a comparison sort that took ~11 % of a run: the monthly Gini sorts every household.
void sort_by_value(std::vector<WeightedValue>& obs) {
  SortScratch scratch;
  sort_by_value(obs, scratch);
}

void sort_by_value(std::vector<WeightedValue>& obs, SortScratch& scratch) {
  sort_by_value(obs, scratch.out, scratch);
  obs.swap(scratch.out);  // both stay allocated: the next call reuses them
}

void sort_by_value(const std::vector<WeightedValue>& obs, std::vector<WeightedValue>& sorted, SortScratch& scratch) {
  const std::size_t n = obs.size();
  sorted.resize(n);
  if (n < 2) {
    std::copy(obs.begin(), obs.end(), sorted.begin());
    return;
  }
  // Block counts are 32-bit: n < 2^32 (16 bytes an element: 64 GiB).
  const std::size_t B = std::clamp<std::size_t>(n / 65536, 1, 16);
  // Every element of key, key_tmp and tmp is written before it is read; pos is cleared.
  auto& key = scratch.key;
  auto& key_tmp = scratch.key_tmp;
  auto& tmp = scratch.tmp;
  auto& pos = scratch.pos;
  key.resize(n);
  key_tmp.resize(n);
  tmp.resize(n);
  // The keys and the range of the positive values' keys (integers: the same whatever the
  // blocks' order). Keys up to that of +0 go to bucket 0.
  constexpr std::uint64_t kZero = std::uint64_t{1} << 63;  // sort_key(0.0)
  std::uint64_t block_lo[16], block_hi[16];
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint64_t lo = ~std::uint64_t{0}, hi = kZero;
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint64_t k = sort_key(obs[i].value);
      key[i] = k;
      if (k > kZero) lo = std::min(lo, k);
      hi = std::max(hi, k);
    }
    block_lo[b] = lo;
    block_hi[b] = hi;
  });
  std::uint64_t lo = block_lo[0], hi = block_hi[0];
  for (std::size_t b = 1; b < B; ++b) {
    lo = std::min(lo, block_lo[b]);
    hi = std::max(hi, block_hi[b]);
  }
  if (hi == kZero) lo = hi;  // no positive value: everything in bucket 0
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 4, 16);
  const int shift = std::max(0, static_cast<int>(std::bit_width(hi - lo)) - bits);
  const std::size_t D = static_cast<std::size_t>((hi - lo) >> shift) + 2;
  const auto bucket = [&](std::uint64_t k) -> std::size_t { return k <= kZero ? 0 : ((k - lo) >> shift) + 1; };
  pos.assign(B * D, 0);
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint32_t* count = pos.data() + b * D;
    for (std::size_t i = begin; i < end; ++i) ++count[bucket(key[i])];
  });
  std::uint32_t start = 0;  // bucket-major, then block
  for (std::size_t d = 0; d < D; ++d)
    for (std::size_t b = 0; b < B; ++b) {
      const std::uint32_t c = pos[b * D + d];
      pos[b * D + d] = start;
      start += c;
    }
  for_each_block(n, B, [&](std::size_t b, std::size_t begin, std::size_t end) {
    std::uint32_t* slot = pos.data() + b * D;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t j = slot[bucket(key[i])]++;
      sorted[j] = obs[i];
      key_tmp[j] = key[i];
    }
  });
  // Bucket d ends where the last block's slice of it ends.
  for_each_index(D, [&](std::size_t d) {
    const std::size_t end = pos[(B - 1) * D + d], begin = d == 0 ? 0 : pos[(B - 1) * D + d - 1];
    if (end - begin > 1) sort_bucket(sorted.data() + begin, key_tmp.data() + begin, tmp.data() + begin, key.data() + begin, end - begin);
  });
}

double gini(std::vector<WeightedValue>& obs) {
  sort_by_value(obs);
  // G = 1 - sum_i w_i (2 C_{i-1} + w_i x_i) / (W X): area under the Lorenz curve.
  double W = 0, X = 0;
  for (const auto& o : obs) {
    W += o.weight;
    X += o.weight * o.value;
  }
  if (W <= 0 || X == 0) return 0.0;
  double cum = 0, area = 0;
  for (const auto& o : obs) {
    const double y = o.weight * o.value;
    area += o.weight * (2 * cum + y);
    cum += y;
  }
  return 1.0 - area / (W * X);
}

double quantile_sorted(const std::vector<WeightedValue>& s, double q) {
  double W = 0;
  for (const auto& o : s) W += o.weight;
  if (s.empty() || W <= 0) return std::nan("");
  const double target = q * W;
  double cum = 0;
  for (const auto& o : s) {
    cum += o.weight;
    if (cum >= target) return o.value;
  }
  return s.back().value;
}

double share_between_sorted(const std::vector<WeightedValue>& s, double lo, double hi) {
  double W = 0, X = 0;
  for (const auto& o : s) {
    W += o.weight;
    X += o.weight * o.value;
  }
  if (W <= 0 || X == 0) return std::nan("");
  // Person-weighted: split an observation that straddles a boundary.
  double cum = 0, held = 0;
  for (const auto& o : s) {
    const double a = std::max(cum, lo * W), b = std::min(cum + o.weight, hi * W);
    if (b > a) held += (b - a) * o.value;
    cum += o.weight;
  }
  return held / X;
}

double theil(const std::vector<WeightedValue>& obs) {
  // Zero incomes count (x ln x -> 0); negative incomes are left out (log undefined).
  double W = 0, X = 0;
  for (const auto& o : obs)
    if (o.value >= 0) {
      W += o.weight;
      X += o.weight * o.value;
    }
  if (W <= 0) return std::nan("");
  if (X <= 0) return std::nan("");
  const double mean = X / W;
  double t = 0;
  for (const auto& o : obs)
    if (o.value > 0) t += o.weight * (o.value / mean) * std::log(o.value / mean);
  return t / W;
}

double theil_between(const std::vector<WeightedValue>& obs, const std::vector<int>& group, int n) {
  std::vector<double> W(n, 0.0), X(n, 0.0);
  double w_all = 0, x_all = 0;
  for (std::size_t i = 0; i < obs.size(); ++i)
    if (obs[i].value >= 0) {
      W[group[i]] += obs[i].weight;
      X[group[i]] += obs[i].weight * obs[i].value;
      w_all += obs[i].weight;
      x_all += obs[i].weight * obs[i].value;
    }
  if (w_all <= 0) return std::nan("");
  const double mean = x_all / w_all;
  double t = 0;
  for (int g = 0; g < n; ++g)
    if (W[g] > 0 && X[g] > 0) {
      const double mg = X[g] / W[g];
      t += (W[g] / w_all) * (mg / mean) * std::log(mg / mean);
    }
  return t;
}

SortedSummary summarise_sorted(const std::vector<WeightedValue>& s) {
  const double nan = std::nan("");
  // The first pass sums only the weights: the single functions' sum of the values,
  // X = sum of weight x value in sorted order, is gcum at the end of the second pass (the
  // same products added in the same order from +0).
  double W = 0;
  for (const auto& o : s) W += o.weight;
  // gini(): the area under the Lorenz curve; quantile_sorted and share_between_sorted: the
  // persons' cumulative weight (the same additions in the same order as in each of them).
  double gcum = 0, area = 0, cum = 0, held_bottom = 0, held_top = 0;
  double q10 = nan, q90 = nan;
  bool found10 = false, found90 = false;
  const double target10 = 0.1 * W, target90 = 0.9 * W;
  for (const auto& o : s) {
    const double y = o.weight * o.value;
    area += o.weight * (2 * gcum + y);
    gcum += y;
    {
      const double a = std::max(cum, 0.0 * W), b = std::min(cum + o.weight, 0.2 * W);
      if (b > a) held_bottom += (b - a) * o.value;
    }
    {
      const double a = std::max(cum, 0.8 * W), b = std::min(cum + o.weight, 1.0 * W);
      if (b > a) held_top += (b - a) * o.value;
    }
    cum += o.weight;
    if (!found10 && cum >= target10) found10 = true, q10 = o.value;
    if (!found90 && cum >= target90) found90 = true, q90 = o.value;
  }
  const double X = gcum;
  SortedSummary r{};
  r.gini = W <= 0 || X == 0 ? 0.0 : 1.0 - area / (W * X);
  if (s.empty() || W <= 0) {
    r.q10 = r.q90 = nan;
  } else {
    r.q10 = found10 ? q10 : s.back().value;
    r.q90 = found90 ? q90 : s.back().value;
  }
  const bool shares = !(W <= 0 || X == 0);
  r.share_bottom = shares ? held_bottom / X : nan;
  r.share_top = shares ? held_top / X : nan;
  return r;
}

TheilParts theil_parts(const std::vector<WeightedValue>& obs, const std::vector<int>& group_a, int n_a,
                       const std::vector<int>& group_b, int n_b, std::vector<double>& terms) {
  const double nan = std::nan("");
  // One pass for the sums of theil() and of both theil_between() (the same additions, in
  // the same order; theil's W and X are theil_between's w_all and x_all).
  std::vector<double> Wa(n_a, 0.0), Xa(n_a, 0.0), Wb(n_b, 0.0), Xb(n_b, 0.0);
  double W = 0, X = 0;
  for (std::size_t i = 0; i < obs.size(); ++i)
    if (obs[i].value >= 0) {
      W += obs[i].weight;
      X += obs[i].weight * obs[i].value;
      Wa[group_a[i]] += obs[i].weight;
      Xa[group_a[i]] += obs[i].weight * obs[i].value;
      Wb[group_b[i]] += obs[i].weight;
      Xb[group_b[i]] += obs[i].weight * obs[i].value;
    }
  TheilParts r{nan, nan, nan};
  if (W <= 0) return r;
  const double mean = X / W;
  const auto between = [&](const std::vector<double>& Wg, const std::vector<double>& Xg) {
    double t = 0;
    for (std::size_t g = 0; g < Wg.size(); ++g)
      if (Wg[g] > 0 && Xg[g] > 0) {
        const double mg = Xg[g] / Wg[g];
        t += (Wg[g] / W) * (mg / mean) * std::log(mg / mean);
      }
    return t;
  };
  r.between_a = between(Wa, Xa);
  r.between_b = between(Wb, Xb);
  if (X <= 0) return r;
  // The terms (a logarithm each) in parallel, their sum in order on one thread.
  terms.resize(obs.size());
  for_each_index(obs.size(), [&](std::size_t i) {
    const auto& o = obs[i];
    terms[i] = o.value > 0 ? o.weight * (o.value / mean) * std::log(o.value / mean) : 0.0;
  });
  // Every term is added, in order: a value <= 0 has the term +0.0, and adding +0.0 leaves
  // the sum's bits (t starts at +0.0, and a sum in round-to-nearest is never -0.0 unless
  // both terms are), so this is the sum over positive values without reading them again.
  double t = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) t += terms[i];
  r.total = t / W;
  return r;
}

}  // namespace prosim
