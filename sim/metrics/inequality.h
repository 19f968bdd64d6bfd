#pragma once
// Distribution statistics over weighted observations (person-weighted per-capita
// incomes). Pure functions of their input, with their own tests.
#include <vector>

namespace prosim {

struct WeightedValue {
  double value;
  double weight;
};

// Sorts by value, ties by weight (a parallel radix sort; same result at any thread count).
void sort_by_value(std::vector<WeightedValue>& obs);
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

}  // namespace prosim
