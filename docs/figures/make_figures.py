#!/usr/bin/python3
"""Figures and calibration numbers for docs/model.md and docs/calibration.md.

Usage (Debian's python, which has xarray, h5netcdf, numpy and matplotlib):

    /usr/bin/python3 docs/figures/make_figures.py build/docs/prosim docs/figures

Runs the Jinhua baseline (scenarios/jinhua_baseline.json, scale 0.01) once per seed
(default seeds 1-5) into a temporary directory, with a household microdata sample of every
household in December 2021, then writes these PNGs into the output directory:

    firm_size.png            firm-size distribution (log2 bins and CCDF, Zipf reference)
    income_distribution.png  per-capita income: lognormal body, Pareto top tail
    beveridge.png            vacancy rate against unemployment rate, monthly, 2021-2030
    calibration.png          calibration targets vs simulated (2021)
    county_income.png        county inputs vs simulated income and GDP per capita, and
                             county unemployment (2021)

and prints the numbers quoted in docs/calibration.md and docs/model.md (mean, min and max
over seeds) as Markdown tables on stdout. Everything is deterministic: same binary, same
seeds, same figures and numbers. `--keep DIR` keeps the runs in DIR, `--reuse` (with
`--keep`) redraws from runs already there, `--seeds` picks other seeds.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import xarray as xr

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import BoundaryNorm  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BASELINE = os.path.join(REPO, "scenarios", "jinhua_baseline.json")

plt.rcParams.update({
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
})


# --------------------------------------------------------------------------- runs
def run_seeds(prosim, seeds, workdir, threads, reuse=False):
    """Runs the baseline once per seed (unless `reuse` and the file exists); returns the paths."""
    scenario = os.path.join(workdir, "baseline_with_sample.json")
    with open(scenario, "w") as f:
        json.dump({
            "extends": BASELINE,
            "name": "jinhua_baseline_docs",
            # Every household (the sample share is capped at 1) in December 2021 only.
            "output": {"household_sample_size": 1000000, "household_sample_dates": ["2021-12"]},
        }, f)
    paths = []
    for s in seeds:
        out = os.path.join(workdir, f"seed{s}.h5")
        if reuse and os.path.exists(out):
            paths.append(out)
            continue
        cmd = [prosim, "run", scenario, "-o", out, "--seed", str(s), "--threads", str(threads), "--overwrite"]
        print("running:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        paths.append(out)
    return paths


def open_run(path):
    g = {"root": xr.open_dataset(path, engine="h5netcdf")}
    for name in ("annual", "county", "village", "distribution", "household_sample"):
        try:
            g[name] = xr.open_dataset(path, engine="h5netcdf", group=name)
        except OSError:  # no household sample in the file
            g[name] = None
    with xr.open_dataset(path, engine="h5netcdf", group="scenario") as s:
        g["scenario"] = json.loads(str(s["scenario_json"].values))
    return g


# --------------------------------------------------------------------------- numbers
def first_year_mean(da):
    return float(da.isel(time=slice(0, 12)).mean())


def measure(run):
    """The 2021 values compared with MODEL.md §6 (and a few more), for one run."""
    r, a, v = run["root"], run["annual"], run["village"]
    m = {}
    m["income_per_capita"] = float(a.income_per_capita[0])
    m["income_per_capita_urban"] = float(a.income_per_capita_urban[0])
    m["income_per_capita_rural"] = float(a.income_per_capita_rural[0])
    m["urban_rural_ratio"] = float(a.urban_rural_ratio[0])
    m["gini"] = float(a.gini[0])
    m["urbanisation_rate"] = float(r.urbanisation_rate[0])
    m["registered_unemployment_rate"] = first_year_mean(r.registered_unemployment_rate)
    m["unemployment_rate"] = first_year_mean(r.unemployment_rate)
    m["labour_share"] = first_year_mean(r.labour_share)
    m["gdp_per_capita"] = first_year_mean(r.gdp_per_capita)
    m["weak_village_share"] = float(a.weak_villages[0]) / v.sizes["village"]
    m["village_operating_500k_share"] = float(a.village_operating_500k_share[0])
    m["middle_income_share_100k_500k"] = float(a.middle_income_share_100k_500k[0])
    m["middle_income_share_200k_600k"] = float(a.middle_income_share_200k_600k[0])
    m["low_income_share_50k"] = float(a.low_income_share_50k[0])
    for k in ("wage_share_of_income", "business_share_of_income", "property_share_of_income",
              "transfer_share_of_income", "mean_wage", "median_wage", "min_wage_workers_share",
              "quintile_share_top", "quintile_share_bottom", "p90_p10", "theil",
              "theil_between_urban_rural", "theil_between_counties", "poverty_headcount",
              "county_gdp_per_capita_max_min_ratio", "county_income_per_capita_max_min_ratio",
              "village_dividends_per_member", "firm_exits", "firm_entries", "firms"):
        m[k] = first_year_mean(r[k])
    # Tier-2 minimum wage from 2021-08 (Jinhua's urban districts) / mean and median wage.
    mw = float(run["county"].min_wage.isel(time=7).max())
    m["min_wage_over_mean_wage"] = mw / float(r.mean_wage.isel(time=slice(7, 12)).mean())
    m["min_wage_over_median_wage"] = mw / float(r.median_wage.isel(time=slice(7, 12)).mean())
    # The region in 2030.
    a_last = a.isel(year=-1)
    m["income_per_capita_2030"] = float(a_last.income_per_capita)
    m["urban_rural_ratio_2030"] = float(a_last.urban_rural_ratio)
    m["gini_2030"] = float(a_last.gini)
    m["unemployment_rate_2030"] = float(r.unemployment_rate.isel(time=slice(-12, None)).mean())
    m["urbanisation_rate_2030"] = float(r.urbanisation_rate[-1])
    m["weak_villages_2030"] = float(a_last.weak_villages)
    m["income_growth_2021_2030_pct"] = 100 * ((m["income_per_capita_2030"] / m["income_per_capita"]) ** (1 / 9) - 1)
    # Weak-village shares by county class and terrain (calendar year 2021).
    weak = v.weak.isel(year=0).values
    ci = v.county_index.values.astype(int)
    ter = v.terrain.values.astype(int)
    mountain = np.array([run["scenario"]["region"]["counties"][n].get("mountain_county", False)
                         for n in county_names(run)])
    m["weak_share_mountain_counties"] = float(weak[mountain[ci]].mean())
    m["weak_share_other_counties"] = float(weak[~mountain[ci]].mean())
    for t, name in enumerate(("plain", "hill", "mountain")):
        m[f"weak_share_{name}_villages"] = float(weak[ter == t].mean())
    return m


def county_names(run):
    return [str(x) for x in run["county"].county_name.values]


def county_table(run):
    """Per county: inputs from the resolved scenario and simulated 2021 values."""
    c = run["county"]
    counties = run["scenario"]["region"]["counties"]
    v = run["village"]
    weak = v.weak.isel(year=0).values
    ci = v.county_index.values.astype(int)
    rows = {}
    for i, name in enumerate(county_names(run)):
        cin = counties[name]
        rows[name] = {
            "income_in": cin["income_per_capita"],
            "gdp_pc_in": cin["gdp"] / cin["population"],
            "urbanisation_in": cin["urbanisation"],
            "income_sim": first_year_mean(c.income_per_capita.isel(county=i)),
            "gdp_pc_sim": first_year_mean(c.gdp_per_capita.isel(county=i)),
            "urr_sim": first_year_mean(c.urban_rural_ratio.isel(county=i)),
            "unemployment_sim": first_year_mean(c.unemployment_rate.isel(county=i)),
            "urbanisation_sim": float(c.urbanisation_rate.isel(county=i, time=0)),
            "weak_share_sim": float(weak[ci == i].mean()),
        }
    return rows


def stats(values):
    a = np.asarray(values, dtype=float)
    return a.mean(), a.min(), a.max()


def num(x):
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


def print_tables(runs, seeds):
    ms = [measure(r) for r in runs]
    print(f"## Region, seeds {seeds}, scale 0.01 (mean [min, max])\n")
    print("| quantity | mean | min | max |\n|---|---|---|---|")
    for k in ms[0]:
        mean, lo, hi = stats([m[k] for m in ms])
        print(f"| {k} | {num(mean)} | {num(lo)} | {num(hi)} |")
    cts = [county_table(r) for r in runs]
    print(f"\n## Counties, 2021 (mean [min, max] over seeds {seeds})\n")
    keys = list(next(iter(cts[0].values())).keys())
    print("| county | " + " | ".join(keys) + " |\n|---|" + "---|" * len(keys))
    for name in cts[0]:
        cells = []
        for k in keys:
            mean, lo, hi = stats([ct[name][k] for ct in cts])
            cells.append(num(mean) if lo == hi else f"{num(mean)} [{num(lo)}, {num(hi)}]")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return ms, cts


# --------------------------------------------------------------------------- figures
def fig_firm_size(runs, out):
    d0 = runs[0]["distribution"]
    edges = d0.firm_size_bin.values.astype(float)
    snaps = [0, d0.sizes["snapshot"] - 1]
    labels = [str(d0.snapshot.values[i])[:7] for i in snaps]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.4))
    slopes = []
    for j, (i, lab) in enumerate(zip(snaps, labels)):
        counts = np.mean([r["distribution"].firm_size_count.isel(snapshot=i).values for r in runs], axis=0)
        keep = counts > 0
        ax1.plot(edges[keep], counts[keep], "o-", color=f"C{j}", label=f"simulated, {lab}")
        ccdf = counts[::-1].cumsum()[::-1] / counts.sum()  # share of firms with >= edge employees
        ax2.plot(edges[keep], ccdf[keep], "o-", color=f"C{j}", label=f"simulated, {lab}")
        tail = keep & (edges >= 16)
        slope = np.polyfit(np.log(edges[tail]), np.log(ccdf[tail]), 1)[0]
        slopes.append(slope)
    # Zipf references: per log2 bin counts fall by half per bin (density ~ s^-2);
    # CCDF ~ s^-1. Anchored at the 16-31 bin of the first snapshot.
    counts0 = np.mean([r["distribution"].firm_size_count.isel(snapshot=0).values for r in runs], axis=0)
    ccdf0 = counts0[::-1].cumsum()[::-1] / counts0.sum()
    b16 = int(np.where(edges == 16)[0][0])
    x = np.array([4.0, 4096.0])
    ax1.plot(x, counts0[b16] * (x / 16) ** -1, "k--", lw=1, label="Zipf (CCDF slope $-1$)")
    ax2.plot(x, ccdf0[b16] * (x / 16) ** -1, "k--", lw=1, label="Zipf, slope $-1$")
    for ax in (ax1, ax2):
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks([1, 4, 16, 64, 256, 1024, 4096])
        ax.set_xticklabels(["1", "4", "16", "64", "256", "1024", "4096"])
        ax.set_xlabel("employees (lower edge of the bin $[2^b, 2^{b+1})$), log scale")
        ax.legend(fontsize=9)
    ax1.set_ylabel("firms per bin (real units)")
    ax1.set_title("Firms by size, log2 bins")
    ax2.set_ylabel("share of firms with at least this many employees")
    ax2.set_title("CCDF; fitted tail slope (>= 16 employees): "
                  + ", ".join(f"{s:.2f}" for s in slopes))
    fig.suptitle(f"Firm-size distribution, Jinhua baseline (mean of {len(runs)} seeds, scale 0.01)")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "firm_size.png"))
    plt.close(fig)
    return slopes


def hill(x, k):
    x = np.sort(x)[::-1]
    return k / np.sum(np.log(x[:k] / x[k]))


def fig_income(runs, out):
    pcs, lines = [], []
    for r in runs:
        hs = r["household_sample"].isel(sample_date=0)
        pcs.append(hs.disposable_income.values / hs["size"].values)
        # Each household's dibao line (its county's standard in that month), yuan/yr.
        std = r["county"].dibao_standard.sel(time=hs.sample_date.values).values
        lines.append(12 * std[hs.county_index.values.astype(int)])
    pc, line = np.concatenate(pcs), np.concatenate(lines)
    at_floor = np.mean(np.abs(pc - line) <= 1e-6 * line)
    keep = pc > 0
    pc, line = pc[keep], line[keep]
    logs = np.log(pc)
    # Lognormal body from quantiles: the median and the upper quartile, so that the mass
    # at the dibao line (about an eighth of households) does not distort the fit.
    mu = np.median(logs)
    sigma = (np.percentile(logs, 75) - mu) / 0.6745
    k = len(pc) // 50
    alpha = hill(pc, k)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.4))
    bins = np.linspace(np.log10(3000), np.log10(pc.max() * 1.05), 60)
    ax1.hist(np.log10(pc), bins=bins, density=True, color="C0", alpha=0.7, label="simulated households")
    xs = np.linspace(bins[0], bins[-1], 400)
    # density of log10(x) when ln(x) ~ N(mu, sigma)
    dens = np.log(10) / (sigma * np.sqrt(2 * np.pi)) * np.exp(-0.5 * ((xs * np.log(10) - mu) / sigma) ** 2)
    ax1.plot(xs, dens, "k-", lw=1.5,
             label=f"lognormal: median {np.exp(mu) / 1000:.1f}k, $\\sigma$ = {sigma:.2f}")
    dibao = float(np.median(line))
    ax1.axvline(np.log10(dibao), color="C3", ls=":",
                label=f"dibao line, {dibao / 1000:.1f}k yuan/yr ({100 * at_floor:.0f} % of households on it)")
    ticks = [5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6]
    ax1.set_xticks(np.log10(ticks))
    ax1.set_xticklabels([f"{t / 1000:g}k" if t < 1e6 else "1M" for t in ticks])
    ax1.set_xlim(bins[0], bins[-1])
    ax1.set_xlabel("per-capita disposable income, yuan/yr (log scale)")
    ax1.set_ylabel("density of log10 income")
    ax1.set_title("Body: histogram and lognormal fit")
    ax1.legend(fontsize=8.5)

    x = np.sort(pc)[::-1]
    ccdf = np.arange(1, len(x) + 1) / len(x)
    ax2.loglog(x, ccdf, ".", ms=2, color="C0", label="simulated households")
    from math import erf
    grid = np.logspace(np.log10(np.percentile(pc, 10)), np.log10(x[0]), 200)
    ln_ccdf = np.array([0.5 * (1 - erf((np.log(g) - mu) / (sigma * np.sqrt(2)))) for g in grid])
    ax2.loglog(grid, ln_ccdf, "k-", lw=1.2, label="lognormal body fit")
    xk = x[k]
    tail = np.logspace(np.log10(xk), np.log10(x[0]), 50)
    ax2.loglog(tail, (k / len(x)) * (tail / xk) ** -alpha, "C3--", lw=1.5,
               label=f"Pareto, Hill index on top 2 % = {alpha:.2f}")
    ax2.set_ylim(0.5 / len(x), 1.2)
    ax2.set_xlabel("per-capita disposable income, yuan/yr")
    ax2.set_ylabel("share of households with at least this income")
    ax2.set_title("Top tail: CCDF on log-log axes")
    ax2.legend(fontsize=8.5, loc="lower left")
    fig.suptitle(f"Per-capita household disposable income, December 2021 (x 12), "
                 f"{len(pc)} households, {len(runs)} seeds")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "income_distribution.png"))
    plt.close(fig)
    return mu, sigma, alpha, at_floor


def fig_beveridge(runs, out, seeds):
    n = min(3, len(runs))
    fig, axes = plt.subplots(1, n, figsize=(4.2 * n + 1.2, 4.3), sharey=True, squeeze=False)
    years = None
    corrs = []
    for j in range(n):
        r = runs[j]["root"]
        u = r.unemployment_rate.values
        lf = r.employment.values / (1 - u)
        v = r.vacancies.values / lf
        years = np.array([int(str(t)[:4]) for t in r.time.values])
        cmap = plt.get_cmap("viridis", len(np.unique(years)))
        norm = BoundaryNorm(np.arange(years.min() - 0.5, years.max() + 1.5), cmap.N)
        ax = axes[0, j]
        ax.plot(100 * u, 100 * v, "-", color="0.75", lw=0.7, zorder=1)
        sc = ax.scatter(100 * u, 100 * v, c=years, cmap=cmap, norm=norm, s=16, zorder=2)
        c = np.corrcoef(u[12:], v[12:])[0, 1]
        dc = np.corrcoef(np.diff(u[12:]), np.diff(v[12:]))[0, 1]
        corrs.append((c, dc))
        ax.set_title(f"seed {seeds[j]}: corr(u, v) = {c:.2f}, of changes {dc:.2f}", fontsize=9.5)
        ax.set_xlabel("unemployment rate, % of labour force")
    axes[0, 0].set_ylabel("vacancy rate, vacancies as % of labour force")
    cb = fig.colorbar(sc, ax=axes[0, :].tolist(), ticks=np.unique(years), pad=0.02)
    cb.set_label("year")
    fig.suptitle("Beveridge curve: monthly unemployment and vacancy rates, 2021-2030 "
                 "(correlations from 2022 on)")
    fig.savefig(os.path.join(out, "beveridge.png"), bbox_inches="tight")
    plt.close(fig)
    return corrs


# Targets of MODEL.md §6 (2021). (label, key, reference, band low, band high, unit, source)
TARGETS = [
    ("income per capita", "income_per_capita", 55880, None, None, "yuan/yr", "Jinhua 2021 [S3]"),
    ("urban-rural income ratio", "urban_rural_ratio", 2.0, 1.94, 2.03, "", "~2.0 (SEEDS; Zhejiang 1.94)"),
    ("urbanisation", "urbanisation_rate", 0.687, None, None, "share", "Jinhua 2021 [S20]"),
    ("registered unemployment", "registered_unemployment_rate", 0.0225, 0.015, 0.03, "share",
     "1.5-3 % (Jinhua 1.56 %)"),
    ("Gini (household, per capita)", "gini", 0.375, 0.30, 0.45, "", "range 0.30-0.45"),
    ("labour share of GDP", "labour_share", 0.475, 0.45, 0.50, "share", "45-50 % (Zhejiang 2020: 49.7 %)"),
    ("GDP per capita", "gdp_per_capita", 75200, None, None, "yuan/yr", "Jinhua 2021 (d9)"),
    ("wage share of disposable income", "wage_share_of_income", 0.57, None, None, "share", "Zhejiang 2021"),
    ("weak villages (share)", "weak_village_share", 0.25, 0.0, 0.5, "share", "a minority, < 50 %"),
    ("households 100k-500k", "middle_income_share_100k_500k", 0.70, None, None, "share", "Zhejiang 2021: > 70 %"),
    ("households 200k-600k", "middle_income_share_200k_600k", 0.306, None, None, "share", "Zhejiang 2021: 30.6 %"),
]


def fmt(v, unit):
    if unit == "yuan/yr":
        return f"{v / 1000:.1f}k"
    if unit == "share":
        return f"{100 * v:.1f} %"
    return f"{v:.2f}"


def fig_calibration(ms, out, seeds):
    fig, ax = plt.subplots(figsize=(9, 5.6))
    n = len(TARGETS)
    for i, (label, key, ref, lo, hi, unit, src) in enumerate(TARGETS):
        y = n - 1 - i
        vals = np.array([m[key] for m in ms]) / ref
        if lo is not None:
            ax.add_patch(plt.Rectangle((lo / ref, y - 0.3), (hi - lo) / ref, 0.6, color="C2", alpha=0.25, lw=0))
        ax.plot([1], [y], "D", color="C2", ms=7, zorder=3)
        ax.plot([vals.min(), vals.max()], [y, y], "-", color="C0", lw=2.5, zorder=2)
        ax.plot(vals.mean(), y, "o", color="C0", ms=7, zorder=4)
        sim = np.mean([m[key] for m in ms])
        target_txt = f"{fmt(lo, unit)}-{fmt(hi, unit)}" if lo is not None else fmt(ref, unit)
        ax.text(2.45, y, f"sim {fmt(sim, unit)}  |  target {target_txt}  ({src})", va="center", fontsize=8.5,
                clip_on=False)
    ax.set_yticks(range(n))
    ax.set_yticklabels([t[0] for t in TARGETS][::-1])
    ax.set_xlim(0, 2.4)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axvline(1, color="0.5", lw=0.8)
    ax.set_xlabel("simulated value / target (1 = on target; shaded: target range)")
    h = [plt.Line2D([], [], marker="D", color="C2", ls="", label="target (midpoint of a range)"),
         plt.Rectangle((0, 0), 1, 1, color="C2", alpha=0.25, label="target range"),
         plt.Line2D([], [], marker="o", color="C0", lw=2.5, label=f"simulated 2021: mean and range, seeds {seeds}")]
    ax.legend(handles=h, loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=3, fontsize=8.5)
    ax.set_title("Jinhua baseline, 2021: calibration targets (MODEL.md §6) vs simulated, scale 0.01")
    fig.savefig(os.path.join(out, "calibration.png"), bbox_inches="tight")
    plt.close(fig)


MARKERS = "osD^vP*Xh"


def fig_county(cts, out, seeds):
    names = list(cts[0].keys())
    colours = [f"C{i % 10}" for i in range(len(names))]
    fig, axes = plt.subplots(1, 3, figsize=(16, 6.0), gridspec_kw={"width_ratios": [1, 1, 1.05]})
    for ax, key_in, key_sim, title in (
            (axes[0], "income_in", "income_sim", "Per-capita disposable income (an outcome)"),
            (axes[1], "gdp_pc_in", "gdp_pc_sim", "GDP per capita (calibrated in the burn-in)")):
        xin = np.array([cts[0][n][key_in] for n in names]) / 1000
        sim = np.array([[ct[n][key_sim] for n in names] for ct in cts]) / 1000
        mean = sim.mean(axis=0)
        top = max(xin.max(), sim.max()) * 1.06
        low = 10 * np.floor(0.9 * min(xin.min(), sim.min()) / 10)
        ax.plot([low, top], [low, top], "k--", lw=0.8, label="simulated = input")
        for i, n in enumerate(names):
            ax.errorbar([xin[i]], [mean[i]], yerr=[[mean[i] - sim[:, i].min()], [sim[:, i].max() - mean[i]]],
                        fmt=MARKERS[i % len(MARKERS)], color=colours[i], ms=7, capsize=3, label=n)
        ax.set_xlim(low, top)
        ax.set_ylim(low, top)
        ax.set_aspect("equal")
        ax.set_xlabel("county input (2021), thousand yuan/yr")
        ax.set_ylabel("simulated, mean of 2021, thousand yuan/yr")
        ax.set_title(title)
    ax = axes[2]
    u = 100 * np.array([[ct[n]["unemployment_sim"] for n in names] for ct in cts])
    pos = np.arange(len(names))
    ax.bar(pos, u.mean(axis=0), color=colours, alpha=0.75)
    ax.errorbar(pos, u.mean(axis=0), yerr=np.vstack([u.mean(axis=0) - u.min(axis=0), u.max(axis=0) - u.mean(axis=0)]),
                fmt="none", ecolor="k", capsize=3, lw=1)
    ax.axhline(3, color="C3", ls="--", lw=1, label="burn-in target of the wage lever, 3 %")
    ax.set_xticks(pos)
    ax.set_xticklabels(names, rotation=35, ha="right")
    ax.set_ylabel("unemployment rate, % of labour force (residents)")
    ax.set_title("County unemployment, 2021 (the wage lever's target)")
    ax.legend(fontsize=8.5, loc="upper right")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9, frameon=False,
               bbox_to_anchor=(0.5, 0.0))
    fig.suptitle(f"Counties: inputs vs simulated 2021, Jinhua baseline, scale 0.01; "
                 f"points and bars: mean, whiskers: min-max over seeds {seeds}")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    fig.savefig(os.path.join(out, "county_income.png"))
    plt.close(fig)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("prosim", help="path of the prosim binary")
    p.add_argument("outdir", help="directory for the PNG files")
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    p.add_argument("--threads", type=int, default=0, help="prosim --threads (results do not depend on it)")
    p.add_argument("--keep", metavar="DIR", help="run into DIR and keep the .h5 files (default: a temp dir)")
    p.add_argument("--reuse", action="store_true", help="with --keep: use the runs already in DIR")
    args = p.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    prosim = os.path.abspath(args.prosim)
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        work, tmp = args.keep, None
    else:
        tmp = tempfile.TemporaryDirectory(prefix="prosim_figs_")
        work = tmp.name
    try:
        paths = run_seeds(prosim, args.seeds, work, args.threads, reuse=args.reuse and bool(args.keep))
        runs = [open_run(pth) for pth in paths]
        ms, cts = print_tables(runs, args.seeds)
        slopes = fig_firm_size(runs, args.outdir)
        mu, sigma, alpha, floor = fig_income(runs, args.outdir)
        corrs = fig_beveridge(runs, args.outdir, args.seeds)
        fig_calibration(ms, args.outdir, args.seeds)
        fig_county(cts, args.outdir, args.seeds)
        print("\n## Stylised facts\n")
        print("firm-size CCDF tail slope (>= 16 employees), first and last snapshot: "
              + ", ".join(f"{s:.3f}" for s in slopes))
        print(f"income Dec 2021: lognormal body median {np.exp(mu):.0f} yuan, sigma {sigma:.3f}; "
              f"Hill index top 2 % {alpha:.3f}; share of households at the dibao line {floor:.3f}")
        for s, (c, dc) in zip(args.seeds, corrs):
            print(f"Beveridge seed {s}: corr(u, v) levels {c:.3f}, monthly changes {dc:.3f}")
        for r in runs:
            for g in r.values():
                if hasattr(g, "close"):
                    g.close()
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
