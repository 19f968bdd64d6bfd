#!/usr/bin/env python3
"""Minimum-wage dose-response: how firm exits, above all those of low-productivity firms,
answer rises of 10 to 100 % (docs/policies.md, "Cleansing").

For each rise x it writes a scenario that extends the shipped baseline with every tier of
the provincial schedule multiplied by 1 + x from 2022-01, runs it and the baseline with the
same R seeds (paired: common random numbers), and prints a Markdown table of exits summed
over 2022-01 .. END: all firms and the bottom productivity quartile
(`firm_exits_low_productivity`), the paired difference with a 90 % t-interval, and the
minimum-wage workers' share and employment in the last month.

Usage: python3 docs/figures/mw_dose_response.py [PROSIM] [REPLICATES] [END]
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
from analysis.runs import Run  # noqa: E402
from analysis.stats import paired_difference  # noqa: E402

RISES = [0.1, 0.3, 0.6, 1.0]
RISE_DATE = "2022-01"
BASELINE = os.path.join(ROOT, "scenarios", "jinhua_baseline.json")


def scenario(rise, end):
    """The baseline, with every tier in force from RISE_DATE on multiplied by 1 + rise."""
    with open(BASELINE) as f:
        schedule = json.load(f)["policies"]["minimum_wage"]["schedule"]
    before = [s for s in schedule if s["date"] < RISE_DATE]
    after = [s for s in schedule if s["date"] > RISE_DATE]
    in_force = {"date": RISE_DATE, "tiers": before[-1]["tiers"]}
    raised = [{"date": s["date"], "tiers": [round(t * (1 + rise)) for t in s["tiers"]]} for s in [in_force] + after]
    spec = {"extends": BASELINE, "name": f"minimum_wage_plus_{round(100 * rise)}", "end": end}
    if rise:
        spec["policies"] = {"minimum_wage": {"schedule": before + raised}}
    return spec


def run(prosim, spec, replicates, out):
    path = out + ".json"
    with open(path, "w") as f:
        json.dump(spec, f)
    subprocess.run([prosim, "run", path, "--replicates", str(replicates), "-o", out + ".h5", "--overwrite"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [f"{out}_r{r:03d}.h5" for r in range(1, replicates + 1)]


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
    replicates = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    end = sys.argv[3] if len(sys.argv) > 3 else "2023-12"
    with tempfile.TemporaryDirectory() as tmp:
        base_spec = scenario(0.0, end)
        base_spec["name"] = "baseline"
        base = measures(run(prosim, base_spec, replicates, os.path.join(tmp, "base")))
        print(f"Exits summed over {RISE_DATE} .. {end}, {replicates} paired replicates (scale of the "
              f"baseline scenario); differences to the baseline with 90 % t-intervals.\n")
        print("| rise | exits, baseline | exits, rise | difference | bottom-quartile exits, baseline "
              "| bottom-quartile exits, rise | difference | min-wage workers' share (end) | employment (end) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for rise in RISES:
            pol = measures(run(prosim, scenario(rise, end), replicates, os.path.join(tmp, f"r{rise}")))
            d_all = paired_difference(pol[:, 0], base[:, 0])
            d_low = paired_difference(pol[:, 1], base[:, 1])
            emp = pol[:, 3].mean() / base[:, 3].mean() - 1
            print(f"| +{round(100 * rise)} % | {base[:, 0].mean():.0f} | {pol[:, 0].mean():.0f} "
                  f"| {d_all[0]:+.0f} [{d_all[1]:+.0f}, {d_all[2]:+.0f}] | {base[:, 1].mean():.0f} "
                  f"| {pol[:, 1].mean():.0f} | {d_low[0]:+.0f} [{d_low[1]:+.0f}, {d_low[2]:+.0f}] "
                  f"| {100 * base[:, 2].mean():.1f} → {100 * pol[:, 2].mean():.1f} % | {100 * emp:+.2f} % |")


if __name__ == "__main__":
    main()
