#include "metrics/inequality.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/parallel.h"

namespace prosim {

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

SortedSummary summarise_sorted(std::span<const WeightedValue> s, std::optional<double> weight_sum) {
  const double nan = std::nan("");
  // The first pass sums only the weights (unless the caller has their sum): the single
  // functions' sum of the values, X = sum of weight x value in sorted order, is gcum at the end
  // of the second pass (the same products added in the same order from +0).
  double W = 0;
  if (weight_sum) W = *weight_sum;
  else
    for (const auto& o : s) W += o.weight;
  // gini(): the area under the Lorenz curve; quantile_sorted and share_between_sorted: the
  // persons' cumulative weight (the same additions in the same order as in each of them).
  double gcum = 0, area = 0, cum = 0, held_bottom = 0, held_top = 0;
  double q10 = nan, q90 = nan;
  bool found10 = false, found90 = false;
  const double target10 = 0.1 * W, target90 = 0.9 * W;
  const double bottom_end = 0.2 * W, top_begin = 0.8 * W;
  for (const auto& o : s) {
    const double y = o.weight * o.value;
    area += o.weight * (2 * gcum + y);
    gcum += y;
    // An observation from the bottom fifth's end (cum >= 0.2 W) to the top fifth's start
    // (cum + weight <= 0.8 W) adds to neither share (b <= a in both tests below): the middle
    // three fifths, most of a sequential pass, skip the tests.
    if (!(cum >= bottom_end && cum + o.weight <= top_begin)) {
      {
        const double a = std::max(cum, 0.0 * W), b = std::min(cum + o.weight, bottom_end);
        if (b > a) held_bottom += (b - a) * o.value;
      }
      {
        const double a = std::max(cum, top_begin), b = std::min(cum + o.weight, 1.0 * W);
        if (b > a) held_top += (b - a) * o.value;
      }
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

namespace {

// theil_parts' sums: W and X over the observations with a value >= 0, and by group a and b,
// in observation order. The pass is sequential (its bits). The observation is read once into
// locals, and a group's two sums are held in locals through a run of observations in the same
// groups (households are mostly listed county by county, towns before villages), loaded where
// the run starts and stored where it ends: each group's sums get the same additions in the
// same order, without a store and a reload between two of them. A function of its own, not
// inlined: inlined, the compiler kept W in memory through the loop (theil_parts keeps it across
// calls of std::log), a store and a reload between two additions.
[[gnu::noinline]] void theil_sums(std::span<const WeightedValue> obs, std::span<const std::uint8_t> group_a,
                                  std::span<const int> group_b, std::vector<double>& Wa, std::vector<double>& Xa,
                                  std::vector<double>& Wb, std::vector<double>& Xb, double& W, double& X) {
  const WeightedValue* o = obs.data();
  const std::uint8_t* ga = group_a.data();
  const int* gb = group_b.data();
  double *wa_of = Wa.data(), *xa_of = Xa.data(), *wb_of = Wb.data(), *xb_of = Xb.data();
  const std::size_t n = obs.size();
  double w_all = 0, x_all = 0;
  for (std::size_t i = 0; i < n;) {
    const int a = ga[i], b = gb[i];
    double wa = wa_of[a], xa = xa_of[a], wb = wb_of[b], xb = xb_of[b];
    for (; i < n && ga[i] == a && gb[i] == b; ++i) {
      const double weight = o[i].weight, value = o[i].value;
      if (!(value >= 0)) continue;
      const double y = weight * value;
      w_all += weight;
      x_all += y;
      wa += weight;
      xa += y;
      wb += weight;
      xb += y;
    }
    wa_of[a] = wa, xa_of[a] = xa, wb_of[b] = wb, xb_of[b] = xb;  // a run with nothing added stores what it loaded
  }
  W = w_all;
  X = x_all;
}

}  // namespace

TheilParts theil_parts(std::span<const WeightedValue> obs, std::span<const std::uint8_t> group_a, int n_a,
                       std::span<const int> group_b, int n_b, std::vector<double>& terms) {
  const double nan = std::nan("");
  // One pass for the sums of theil() and of both theil_between() (the same additions, in
  // the same order; theil's W and X are theil_between's w_all and x_all).
  std::vector<double> Wa(n_a, 0.0), Xa(n_a, 0.0), Wb(n_b, 0.0), Xb(n_b, 0.0);
  double W = 0, X = 0;
  theil_sums(obs, group_a, group_b, Wa, Xa, Wb, Xb, W, X);
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
  // The terms (a logarithm each) in parallel, their sum in order on one thread, a fixed chunk
  // of observations at a time: the same additions in the same order as over one array of all
  // the terms, which was 8 bytes a household more at the peak (issue 18).
  // Every term is added, in order: a value <= 0 has the term +0.0, and adding +0.0 leaves
  // the sum's bits (t starts at +0.0, and a sum in round-to-nearest is never -0.0 unless
  // both terms are), so this is the sum over positive values without reading them again.
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  const std::size_t n = obs.size();
  terms.resize(std::min(n, kChunk));
  double t = 0;
  for (std::size_t first = 0; first < n; first += kChunk) {
    const std::size_t m = std::min(kChunk, n - first);
    const WeightedValue* const chunk = obs.data() + first;
    for_each_index(m, [&](std::size_t i) {
      const auto& o = chunk[i];
      terms[i] = o.value > 0 ? o.weight * (o.value / mean) * std::log(o.value / mean) : 0.0;
    });
    for (std::size_t i = 0; i < m; ++i) t += terms[i];
  }
  r.total = t / W;
  return r;
}

}  // namespace prosim
