#!/usr/bin/python3
"""How the burn-in's controllers move (docs/calibration.md section 00c).

Usage:
  /usr/bin/python3 scripts/calibration_paths.py --summary RUN1.h5 RUN2.h5 ...
      over all counties of all runs: how close unemployment ends to the 3 % reference and
      GDP to its target (means of the last 6 burn-in months), and how much both still move
      month to month over the last 12 burn-in months;
  /usr/bin/python3 scripts/calibration_paths.py --path BEFORE.h5 AFTER.h5 COUNTY
      one county's monthly unemployment and GDP gap in the /calibration group of two runs,
      every third burn-in month and the last.
"""
import sys

import h5py
import numpy as np


def calibration(fn):
    with h5py.File(fn, "r") as f:
        g = f["calibration"]
        names = list(f["county/county_name"].asstr()[...])
        return names, g["unemployment_rate"][...], g["gdp_gap"][...]


def summary(files):
    end_u, end_gdp, move_u, move_gdp, late_gdp = [], [], [], [], []
    for fn in files:
        _, u, gap = calibration(fn)
        end_u.append(u[-6:].mean(axis=0))
        end_gdp.append(gap[-6:].mean(axis=0))
        move_u.append(np.abs(np.diff(u[-12:], axis=0)).mean(axis=0))
        move_gdp.append(np.abs(np.diff(gap[-12:], axis=0)).mean(axis=0))
        late_gdp.append(np.abs(gap[-12:]).max(axis=0))
    u, g = np.array(end_u), np.array(end_gdp)
    dev = np.abs(u - 0.03)
    print(f"county-runs: {u.size}")
    print(f"end unemployment: {100 * u.min():.1f}-{100 * u.max():.1f} %, mean |u - 3 %| {100 * dev.mean():.2f} points, "
          f"largest {100 * dev.max():.2f}, within 2.5-3.5 %: {int((dev <= 0.005).sum())}")
    print(f"end GDP gap: mean |gap| {100 * np.abs(g).mean():.2f} %, largest {100 * np.abs(g).max():.2f} %")
    print(f"last 12 burn-in months: mean |monthly change| of unemployment {100 * np.mean(move_u):.2f} points, "
          f"of the GDP gap {100 * np.mean(move_gdp):.2f} points; largest |GDP gap| {100 * np.max(late_gdp):.1f} %")


def path(before, after, county):
    names, ub, gb = calibration(before)
    c = names.index(county)
    _, ua, ga = calibration(after)
    months = ub.shape[0]
    print("| burn-in month | unemployment % before | after | GDP gap % before | after |")
    print("|---|---|---|---|---|")
    for m in list(range(0, months, 3)) + [months - 1]:
        print(f"| {m - months} | {100 * ub[m, c]:.1f} | {100 * ua[m, c]:.1f} | {100 * gb[m, c]:+.1f} | {100 * ga[m, c]:+.1f} |")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--summary":
        summary(sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "--path":
        path(*sys.argv[2:])
    else:
        sys.exit(__doc__)
