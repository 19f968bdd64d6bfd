#pragma once
// Distribution statistics over weighted observations (person-weighted per-capita
// incomes). Pure functions of their input, with their own tests.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/value_sort.h"

namespace prosim {

// Sorts `obs` by value (ties by weight) and returns the Gini coefficient (0..1).
double gini(std::vector<WeightedValue>& obs);
// Weighted quantile q in [0,1] of sorted observations (lower interpolation-free step).
double quantile_sorted(const std::vector<WeightedValue>& sorted, double q);
// Share of the total value held by the observations between quantiles lo and hi.
double share_between_sorted(const std::vector<WeightedValue>& sorted, double lo, double hi);
// Theil T index; zero values count (x ln x -> 0), negative values are left out.
double theil(const std::vector<WeightedValue>& obs);
// Between-group part of Theil T for groups given by `group[i]` in [0, n_groups).
double theil_between(const std::vector<WeightedValue>& obs, const std::vector<int>& group, int n_groups);


// What the recorder needs of sorted observations, in two passes instead of one or two per
// statistic: each value is the bits the single functions above give (the same sums, added
// in the same order). gini as gini() after its sort; q10, q90 as quantile_sorted;
// share_bottom, share_top as share_between_sorted over [0, 0.2] and [0.8, 1].
struct SortedSummary {
  double gini, q10, q90, share_bottom, share_top;
};
// weight_sum: the weights' sum where the caller has it with the bits of their sum in sorted
// order (whole-number weights: every order gives the exact sum); otherwise a first pass sums them.
SortedSummary summarise_sorted(std::span<const WeightedValue> sorted, std::optional<double> weight_sum = std::nullopt);

// theil(obs) and theil_between(obs, group_a, n_a), theil_between(obs, group_b, n_b), same bits,
// in one pass for the sums and a parallel pass for the logarithms (`terms` is scratch: a
// fixed chunk of the observations at a time, not one per observation).
struct TheilParts {
  double total, between_a, between_b;
};
TheilParts theil_parts(std::span<const WeightedValue> obs, std::span<const std::uint8_t> group_a, int n_a,
                       std::span<const int> group_b, int n_b, std::vector<double>& terms);

}  // namespace prosim
