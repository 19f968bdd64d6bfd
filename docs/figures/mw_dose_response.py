#!/usr/bin/env python3
"""Minimum-wage dose-response: how firm exits, above all those of low-productivity firms,
answer rises of 10 to 100 % (docs/policies.md, "Cleansing").

Runs the sweep scenarios/sweeps/mw_dose_response.json (every tier in force from 2022-01 on
multiplied by 1, 1.1, 1.3, 1.6, 2; replicates paired by common random numbers) with
`prosim sweep` (resumable: a second call reuses the runs), reads its index DIR/sweep.h5 and the
run files it lists, and prints a Markdown table of exits summed over 2022-01 .. the end: all
firms and the bottom productivity quartile (`firm_exits_low_productivity`), the paired
difference to the factor-1 point with a 90 % t-interval, and the minimum-wage workers' share
and employment in the last month.

Usage: python3 docs/figures/mw_dose_response.py [PROSIM] [DIR] [SWEEP]
  DIR defaults to results/mw_dose_response, SWEEP to the shipped sweep (copy it to change the
  replicates or the base scenario's end).
"""
import os
import subprocess
import sys

import numpy as np
import xarray as xr

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
from analysis.runs import Run  # noqa: E402
from analysis.stats import paired_difference  # noqa: E402

RISE_DATE = "2022-01"
SWEEP = os.path.join(ROOT, "scenarios", "sweeps", "mw_dose_response.json")


def measures(files):
    rows = []
    for path in files:
        run = Run.open(path)
        exits, low = run.series("firm_exits"), run.series("firm_exits_low_productivity")
        after = exits.months >= RISE_DATE
        rows.append((exits.values[after].sum(), low.values[after].sum(),
                     run.series("min_wage_workers_share").values[-1], run.series("employment").values[-1]))
    return np.array(rows)


def main():
    prosim = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build/release/prosim")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "results", "mw_dose_response")
    sweep = sys.argv[3] if len(sys.argv) > 3 else SWEEP
    subprocess.run([prosim, "sweep", sweep, "-o", out], check=True, stdout=subprocess.DEVNULL)
    ds = xr.open_dataset(os.path.join(out, "sweep.h5"), engine="h5netcdf")
    if not (ds.status == "done").all():
        sys.exit(f"some runs of {out} failed: {set(ds.error.values) - {''}}")

    def files_at(factor):
        sel = (ds.mw_factor == factor).values
        order = np.argsort(ds.replicate.values[sel], kind="stable")  # replicate k pairs with k
        return [os.path.join(out, f) for f in ds.file.values[sel][order]]

    factors = sorted(set(ds.mw_factor.values.tolist()))
    base = measures(files_at(1.0))
    end = Run.open(files_at(1.0)[0]).series("firm_exits").months[-1]
    print(f"Exits summed over {RISE_DATE} .. {end}, {ds.attrs['replicates']} paired replicates (scale of the "
          f"baseline scenario); differences to the baseline with 90 % t-intervals.\n")
    print("| rise | exits, baseline | exits, rise | difference | bottom-quartile exits, baseline "
          "| bottom-quartile exits, rise | difference | min-wage workers' share (end) | employment (end) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for factor in factors:
        if factor == 1.0:
            continue
        pol = measures(files_at(factor))
        d_all = paired_difference(pol[:, 0], base[:, 0])
        d_low = paired_difference(pol[:, 1], base[:, 1])
        emp = pol[:, 3].mean() / base[:, 3].mean() - 1
        print(f"| +{round(100 * (factor - 1))} % | {base[:, 0].mean():.0f} | {pol[:, 0].mean():.0f} "
              f"| {d_all[0]:+.0f} [{d_all[1]:+.0f}, {d_all[2]:+.0f}] | {base[:, 1].mean():.0f} "
              f"| {pol[:, 1].mean():.0f} | {d_low[0]:+.0f} [{d_low[1]:+.0f}, {d_low[2]:+.0f}] "
              f"| {100 * base[:, 2].mean():.1f} → {100 * pol[:, 2].mean():.1f} % | {100 * emp:+.2f} % |")


if __name__ == "__main__":
    main()
