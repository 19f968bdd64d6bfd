#!/usr/bin/python3
"""Do two builds give the same distribution of headline indicators over seeds?

For a change that draws the same random events in a different way (issue 18: rare events
by skipping), outputs differ run by run but should not differ in law. Given the replicate
files of two builds (e.g. `prosim run S.json --replicates 10 -o A.h5` with each binary),
this prints, per headline indicator, the mean over seeds of (a) the mean over the recorded
months and (b) the last month, for each build, with the p-values of Welch's t-test (means),
Levene's test (spreads) and the two-sample Kolmogorov-Smirnov test (distributions).

    /usr/bin/python3 bench/seed_distributions.py 'A_r*.h5' 'B_r*.h5'
"""
import glob
import sys

import h5py
import numpy as np
from scipy import stats

INDICATORS = ["unemployment_rate", "gini", "urban_rural_ratio", "population", "income_per_capita",
              "urbanisation_rate"]


def load(pattern):
    files = sorted(glob.glob(pattern))
    if not files:
        sys.exit(f"seed_distributions.py: no file matches {pattern}")
    runs = []
    for f in files:
        with h5py.File(f, "r") as h:
            runs.append({k: np.asarray(h[k][...], dtype=float) for k in INDICATORS})
    return files, runs


def main(a_pattern, b_pattern):
    a_files, a = load(a_pattern)
    b_files, b = load(b_pattern)
    print(f"A: {len(a_files)} runs ({a_pattern}); B: {len(b_files)} runs ({b_pattern})")
    print(f"{'indicator':<22} {'statistic':<10} {'mean A':>12} {'mean B':>12} {'sd A':>10} {'sd B':>10} "
          f"{'t p':>7} {'Lev p':>7} {'KS p':>7}")
    worst = 1.0
    for k in INDICATORS:
        for label, f in (("run mean", np.mean), ("last month", lambda x: x[-1])):
            xa = np.array([f(r[k]) for r in a])
            xb = np.array([f(r[k]) for r in b])
            t = stats.ttest_ind(xa, xb, equal_var=False).pvalue
            lev = stats.levene(xa, xb).pvalue
            ks = stats.ks_2samp(xa, xb).pvalue
            worst = min(worst, t, lev, ks)
            print(f"{k:<22} {label:<10} {xa.mean():>12.6g} {xb.mean():>12.6g} {xa.std(ddof=1):>10.3g} "
                  f"{xb.std(ddof=1):>10.3g} {t:>7.3f} {lev:>7.3f} {ks:>7.3f}")
    print(f"smallest p-value: {worst:.3f} (of {2 * 3 * len(INDICATORS)} tests)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
