#include "metrics/inequality.h"

#include <algorithm>
#include <cmath>

#include <tbb/parallel_sort.h>

namespace prosim {

namespace {
// Parallel sort; the result is the same at any thread count because elements that
// compare equal have equal value and weight, so every valid order is the same sequence.
void sort_obs(std::vector<WeightedValue>& obs) {
  tbb::parallel_sort(obs.begin(), obs.end(), [](const WeightedValue& a, const WeightedValue& b) {
    return a.value != b.value ? a.value < b.value : a.weight < b.weight;
  });
}
}  // namespace

double gini(std::vector<WeightedValue>& obs) {
  sort_obs(obs);
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

}  // namespace prosim
