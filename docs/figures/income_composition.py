#!/usr/bin/python3
"""Income composition and pensioners in the December 2021 microdata (docs/calibration.md §0, §5).

Usage (Debian's python), on runs kept by make_figures.py:

    /usr/bin/python3 docs/figures/make_figures.py build/release/prosim /tmp/fig --keep /tmp/runs
    /usr/bin/python3 docs/figures/income_composition.py /tmp/runs

For every seed*.h5 in the directory (household_sample of every household, month x 12) it
prints, as means over the seeds, each income component as a share of disposable income for
all, town ("urban") and village ("rural") households, net transfers (pensions + dibao + other
transfers - income tax - social contributions), the households below 50k a year, and the
retirees recovered from the households' pensions: a household's pension is a sum of whole
urban-employee pensions U and rural-resident pensions R (one value each per month), so
a U + b R is solved for small integers a, b.
"""
import glob
import os
import sys

import numpy as np
import xarray as xr

COMPONENTS = ("wages", "self_employment", "farm", "profits", "property", "pensions", "dibao",
              "other_transfers", "income_tax", "social_contributions")


def one_run(path):
    d = xr.open_dataset(path, engine="h5netcdf", group="household_sample").isel(sample_date=0)
    g = {k: d[k].values for k in d.data_vars}
    disp, size, urban = g["disposable_income"], g["size"], g["urban"] > 0.5
    out = {}
    for name, m in (("all", np.ones_like(urban)), ("urban", urban), ("rural", ~urban)):
        total = disp[m].sum()
        r = {k: g[k][m].sum() / total for k in COMPONENTS}
        r["net_transfers"] = (r["pensions"] + r["dibao"] + r["other_transfers"] - r["income_tax"]
                              - r["social_contributions"])
        r["pensions_per_capita"] = g["pensions"][m].sum() / size[m].sum()
        out[name] = r
    low = disp < 50000
    out["below_50k"] = {"share_of_households": low.mean(), "mean_size": size[low].mean(),
                        "wages": g["wages"][low].sum() / disp[low].sum(),
                        "pensions": g["pensions"][low].sum() / disp[low].sum()}
    # Retirees by pension kind.
    p = g["pensions"] / 12
    vals, cnt = np.unique(np.round(p[p > 0]), return_counts=True)
    R = vals[np.argmax(cnt * (vals < 1000))]
    U = vals[np.argmax(cnt * (vals > 1000))]
    a = np.zeros(len(p))
    b = np.zeros(len(p))
    unmatched = 0
    for h in np.nonzero(p > 0)[0]:
        err, a[h], b[h] = min((abs(i * U + j * R - p[h]), i, j) for i in range(7) for j in range(7))
        unmatched += err > 3
    ret = {"U": U, "R": R, "unmatched_households": unmatched}
    for name, m in (("all", np.ones_like(urban)), ("urban", urban), ("rural", ~urban)):
        ret[f"retirees_share_{name}"] = (a[m] + b[m]).sum() / size[m].sum()
        ret[f"employee_share_of_retirees_{name}"] = a[m].sum() / (a[m] + b[m]).sum()
    out["retirees"] = ret
    return out


def main(argv):
    paths = sorted(glob.glob(os.path.join(argv[1], "seed*.h5")))
    runs = [one_run(p) for p in paths]
    print(f"{len(paths)} runs in {argv[1]} (December 2021, means over runs; [min, max])")
    for group in runs[0]:
        print(f"\n{group}:")
        for k in runs[0][group]:
            v = [r[group][k] for r in runs]
            print(f"  {k:36s} {np.mean(v):12.4f} [{min(v):.4f}, {max(v):.4f}]")


if __name__ == "__main__":
    main(sys.argv)
