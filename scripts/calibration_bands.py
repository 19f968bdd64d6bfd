#!/usr/bin/python3
"""Per-county burn-in convergence over several runs (docs/calibration.md section 00a).

Usage: /usr/bin/python3 scripts/calibration_bands.py RUN1.h5 RUN2.h5 ...
(e.g. `prosim run scenarios/jinhua_baseline.json --seed N -o /tmp/b_N.h5` for N = 1..5).

For each county and run: the mean of the last 6 burn-in months of the /calibration group
(unemployment, urban and rural income gaps, GDP gap; the convergence bands of model.md
section 5), the range of the county's yearly mean unemployment over the recorded years,
then the count of county-years below 1 % and the range of regional yearly unemployment.
"""
import sys

import h5py
import numpy as np


def main(files):
    runs = []
    for fn in files:
        with h5py.File(fn, "r") as f:
            g = f["calibration"]
            names = list(f["county/county_name"].asstr()[...])
            last = {k: g[k][-6:, :].mean(axis=0)
                    for k in ("unemployment_rate", "income_urban_gap", "income_rural_gap", "gdp_gap")}
            u = f["county/unemployment_rate"][...]
            if u.shape[0] == len(names):
                u = u.T
            years = u.shape[0] // 12
            county_years = u[: 12 * years].reshape(years, 12, -1).mean(axis=1)
            region = f["unemployment_rate"][: 12 * years].reshape(years, 12).mean(axis=1)
            conv = f.attrs.get("burn_in_converged")
            runs.append((names, last, county_years, region, conv.decode() if isinstance(conv, bytes) else conv))
    names = runs[0][0]
    print("converged:", " ".join(r[4] for r in runs))
    pct = lambda xs: "/".join(f"{100 * x:.1f}" for x in xs)
    print("| county | burn-in unemployment % | urban income gap % | rural income gap % | GDP gap % "
          "| yearly unemployment, min-max % |")
    print("|---|---|---|---|---|---|")
    for c, n in enumerate(names):
        cols = [pct([r[1][k][c] for r in runs])
                for k in ("unemployment_rate", "income_urban_gap", "income_rural_gap", "gdp_gap")]
        lo = min(r[2][:, c].min() for r in runs)
        hi = max(r[2][:, c].max() for r in runs)
        print(f"| {n} | " + " | ".join(cols) + f" | {100 * lo:.1f}-{100 * hi:.1f} |")
    below = sum(int((r[2] < 0.01).sum()) for r in runs)
    total = sum(r[2].size for r in runs)
    print(f"county-years below 1 %: {below} of {total}")
    print("regional yearly unemployment: %.1f-%.1f %%" % (100 * min(r[3].min() for r in runs),
                                                        100 * max(r[3].max() for r in runs)))


if __name__ == "__main__":
    main(sys.argv[1:])
