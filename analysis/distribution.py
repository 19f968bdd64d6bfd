"""``distribution``: income distribution snapshots (deciles, histograms, Lorenz curves) across
scenarios and years, for all / urban / rural residents and per county.

Lorenz curves are computed from the decile means: decile k holds a tenth of the persons, so
the curve passes through (k/10, sum of the k lowest decile means / sum of all ten). The Gini
index of that curve (``gini_from_deciles``) ignores inequality within deciles and is therefore
a little lower than the run's ``gini`` indicator.
"""

from __future__ import annotations

import math
import os
from typing import List, Optional, Sequence

import numpy as np
import pandas as pd

from . import plotting as P
from .runs import AnalysisError, Scenario, find_scenario, load_scenarios
from .stats import band_code, band_label, difference, summarize

POPULATIONS = ("all", "urban", "rural")
LINESTYLES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D"]

CSV_COLUMNS = ["scenario", "population", "snapshot", "year", "measure", "x", "mean", "lo",
               "hi", "n", "diff", "diff_lo", "diff_hi", "paired", "band"]


def lorenz_from_deciles(deciles) -> np.ndarray:
    """(..., 10) decile means -> (..., 11) cumulative income shares at 0, 0.1, ..., 1."""
    d = np.asarray(deciles, dtype=float)
    total = np.sum(d, axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        cum = np.cumsum(d, axis=-1) / total
    zeros = np.zeros(d.shape[:-1] + (1,))
    return np.concatenate([zeros, cum], axis=-1)


def gini_from_lorenz(lorenz) -> np.ndarray:
    """Gini of a Lorenz curve given at equally spaced population shares (trapezoid rule)."""
    L = np.asarray(lorenz, dtype=float)
    k = L.shape[-1] - 1
    area = np.sum((L[..., 1:] + L[..., :-1]) / 2.0, axis=-1) / k
    return 1.0 - 2.0 * area


def _snapshot_for_year(months: Sequence[str], year: int) -> Optional[str]:
    inside = [m for m in months if m.startswith(f"{year:04d}-")]
    return inside[-1] if inside else None


def _common_snapshots(dists) -> List[str]:
    common = None
    for d in dists:
        s = list(d.snapshots)
        common = s if common is None else [m for m in common if m in set(s)]
    return common or []


def compute(scenarios: Sequence[Scenario], baseline: Optional[str] = None,
            years: Optional[Sequence[int]] = None, populations: Sequence[str] = POPULATIONS,
            counties: Optional[Sequence[str]] = None, include_counties: bool = True,
            band: str = "percentile", level: float = 0.9, pairing: str = "auto",
            warn=None):
    """Long table of decile means, histogram shares, Lorenz points and Gini from deciles.

    Returns (table, info) where info holds years, snapshot months, bins and county names.
    """
    warn = warn or (lambda m: None)
    base = find_scenario(scenarios, baseline)
    dists = {sc.name: [r.distribution() for r in sc.runs] for sc in scenarios}
    snaps = {name: _common_snapshots(ds) for name, ds in dists.items()}
    all_years = sorted({int(m[:4]) for s in snaps.values() for m in s})
    if not all_years:
        raise AnalysisError("the runs have no distribution snapshots")
    if not years:
        years = sorted({all_years[0], all_years[-1]})
    for y in years:
        if not any(_snapshot_for_year(s, y) for s in snaps.values()):
            raise AnalysisError(f"no distribution snapshot in {y}; snapshots exist for "
                                + ", ".join(str(v) for v in all_years))
    county_names = dists[base.name][0].county_names or []
    if counties:
        lower = {c.lower(): c for c in county_names}
        missing = [c for c in counties if c.lower() not in lower]
        if missing:
            raise AnalysisError(f"county {missing[0]!r} not found; counties: "
                                + ", ".join(county_names))
        county_sel = [lower[c.lower()] for c in counties]
    else:
        county_sel = list(county_names) if include_counties else []
    bins = dists[base.name][0].income_bins
    code = band_code(band, level)

    def arrays(sc_name, snap, pop):
        """(measure -> (R, K) array) for one scenario, snapshot and population."""
        out = {}
        ds = dists[sc_name]
        idx = [list(d.snapshots).index(snap) for d in ds]
        if pop.startswith("county:"):
            cname = pop.split(":", 1)[1]
            if any(d.county_deciles is None for d in ds):
                return out
            ci = ds[0].county_names.index(cname)
            dec = np.stack([d.county_deciles[i, ci, :] for d, i in zip(ds, idx)])
        else:
            if any(pop not in d.deciles for d in ds):
                return out
            dec = np.stack([d.deciles[pop][i] for d, i in zip(ds, idx)])
            if all(pop in d.histograms for d in ds):
                out["histogram_share"] = np.stack([d.histograms[pop][i]
                                                   for d, i in zip(ds, idx)])
        lor = lorenz_from_deciles(dec)
        out["decile_mean"] = dec
        out["lorenz"] = lor
        out["gini_from_deciles"] = gini_from_lorenz(lor)[:, None]
        return out

    xs = {"decile_mean": np.arange(1, 11, dtype=float),
          "lorenz": np.linspace(0, 1, 11),
          "gini_from_deciles": np.array([np.nan])}
    if bins is not None:
        xs["histogram_share"] = np.asarray(bins, dtype=float)
    pops = list(populations) + [f"county:{c}" for c in county_sel]
    frames = []
    used = {}
    for y in years:
        for sc in scenarios:
            snap = _snapshot_for_year(snaps[sc.name], y)
            if snap is None:
                warn(f"{sc.name}: no distribution snapshot in {y}")
                continue
            used[(sc.name, y)] = snap
            b_snap = _snapshot_for_year(snaps[base.name], y)
            for pop in pops:
                mine = arrays(sc.name, snap, pop)
                theirs = arrays(base.name, b_snap, pop) if (b_snap and sc is not base) else {}
                for measure, arr in mine.items():
                    mean, lo, hi, n = summarize(arr, band, level)
                    d = dlo = dhi = np.full(arr.shape[1], np.nan)
                    paired = ""
                    if measure in theirs:
                        res = difference(arr, sc.seeds, theirs[measure], base.seeds, level,
                                         pairing)
                        d, dlo, dhi = res.diff, res.lo, res.hi
                        paired = "yes" if res.paired else "no"
                    frames.append(pd.DataFrame({
                        "scenario": sc.name, "population": pop, "snapshot": snap, "year": y,
                        "measure": measure, "x": xs[measure][:arr.shape[1]], "mean": mean,
                        "lo": lo, "hi": hi, "n": n, "diff": d, "diff_lo": dlo,
                        "diff_hi": dhi, "paired": paired, "band": code}))
    table = pd.concat(frames, ignore_index=True)[CSV_COLUMNS]
    info = {"years": list(years), "snapshots": used, "counties": county_sel,
            "populations": list(populations), "baseline": base.name,
            "scenarios": [s.name for s in scenarios], "band": band, "level": level,
            "bins": bins}
    return table, info


# --------------------------------------------------------------------------------------------
# figures


def _style(info, sc, y):
    cols = P.scenario_colours(info["scenarios"], info["baseline"])
    k = info["years"].index(y)
    last = len(info["years"]) - 1
    # latest year solid, earlier years dashed/dotted
    ls = LINESTYLES[(last - k) % len(LINESTYLES)]
    return cols[sc], ls, MARKERS[(last - k) % len(MARKERS)]


def _pop_title(pop):
    if pop.startswith("county:"):
        return pop.split(":", 1)[1]
    return {"all": "All residents", "urban": "Urban (town) residents",
            "rural": "Rural (village) residents"}.get(pop, pop)


def _subset(table, measure, pop, sc=None, y=None):
    t = table[(table["measure"] == measure) & (table["population"] == pop)]
    if sc is not None:
        t = t[t["scenario"] == sc]
    if y is not None:
        t = t[t["year"] == y]
    return t


def _panels(n, width=4.6, height=3.8, ncols=3):
    ncols = min(ncols, n)
    nrows = int(math.ceil(n / ncols))
    fig, axes = P.plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows + 1.1),
                               squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes


def _finish(fig, axes, title, subtitle, path, legend_ax=None, extra_bottom=0.0):
    P.grid_layout(fig, axes, title, subtitle, legend_from=legend_ax,
                  extra_bottom=extra_bottom)
    if path:
        P.save(fig, path)
    return fig


def _value_scale(ax, table, measure, pops) -> str:
    """Log y axis when every value (and band) of ``pops`` is positive, else linear.

    Called with all populations of a figure, so that its panels share one kind of axis."""
    t = table[(table["measure"] == measure) & (table["population"].isin(pops))]
    vals = t[["mean", "lo", "hi"]].to_numpy(float)
    vals = vals[np.isfinite(vals)]
    if vals.size and np.all(vals > 0):
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(P.mticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        return "log"
    ax.axhline(0, color="#333333", lw=0.8)
    return "linear"


def _thousands_axis(ax, axis="y"):
    def label(v, _p=None):
        if abs(v) >= 1e6:
            return f"{v / 1e6:,.3g}m"
        if abs(v) >= 1000:
            return f"{v / 1000:,.0f}k"
        return f"{v:,.0f}"
    fmt = P.mticker.FuncFormatter(label)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    (ax.yaxis if axis == "y" else ax.xaxis).set_minor_formatter(P.mticker.NullFormatter())


def plot_deciles(table, info, path=None, pops=None):
    pops = pops or info["populations"]
    fig, axes = _panels(len(pops))
    scales = []
    for k, pop in enumerate(pops):
        ax = axes.flat[k]
        for y in info["years"]:
            for sc in info["scenarios"]:
                r = _subset(table, "decile_mean", pop, sc, y)
                if r.empty:
                    continue
                c, ls, mk = _style(info, sc, y)
                ax.plot(r["x"], r["mean"], color=c, ls=ls, marker=mk, ms=3.5, lw=1.5,
                        label=f"{sc}, {info['snapshots'][(sc, y)]}")
                if np.isfinite(r["lo"]).any():
                    ax.fill_between(r["x"], r["lo"], r["hi"], color=c, alpha=0.15, lw=0)
        scale = _value_scale(ax, table, "decile_mean", pops)
        _thousands_axis(ax)
        ax.set_xticks(range(1, 11))
        ax.set_xlabel("decile (1 = poorest tenth of persons)")
        if k == 0 or scale != scales[0]:
            ax.set_ylabel(f"mean per-capita disposable income,\nyuan/yr ({scale} scale)")
        scales.append(scale)
        ax.set_title(_pop_title(pop), fontsize=10.5)
    return _finish(fig, axes, "Income by decile",
                   f"line: mean of replicates; shaded: {band_label(info['band'], info['level'])}",
                   path)


def plot_decile_change(table, info, path=None, pops=None, year=None):
    """Percent difference of each decile's mean income to the baseline (bars with CI)."""
    pops = pops or info["populations"]
    year = year or info["years"][-1]
    others = [s for s in info["scenarios"] if s != info["baseline"]]
    if not others:
        return None
    cols = P.scenario_colours(info["scenarios"], info["baseline"])
    fig, axes = _panels(len(pops))
    width = 0.8 / len(others)
    methods = set()
    for k, pop in enumerate(pops):
        ax = axes.flat[k]
        base = _subset(table, "decile_mean", pop, info["baseline"], year)
        if base.empty:
            continue
        bmean = base["mean"].to_numpy(float)
        for j, sc in enumerate(others):
            r = _subset(table, "decile_mean", pop, sc, year)
            if r.empty:
                continue
            pct = 100 * r["diff"].to_numpy(float) / bmean
            lo = 100 * r["diff_lo"].to_numpy(float) / bmean
            hi = 100 * r["diff_hi"].to_numpy(float) / bmean
            err = np.vstack([pct - lo, hi - pct])
            err = np.where(np.isfinite(err), err, 0)
            x = r["x"].to_numpy(float) + (j - (len(others) - 1) / 2) * width
            paired = r["paired"].iloc[0] == "yes"
            methods.add("paired by seed" if paired else "unpaired (Welch)")
            ax.bar(x, pct, width=width, color=cols[sc], alpha=0.85,
                   label=f"{sc} − {info['baseline']}")
            ax.errorbar(x, pct, yerr=err, fmt="none", ecolor="#222222", lw=0.8, capsize=2)
        ax.axhline(0, color="#333333", lw=0.8)
        ax.set_xticks(range(1, 11))
        ax.set_xlabel("decile (1 = poorest tenth of persons)")
        if k % axes.shape[1] == 0:
            ax.set_ylabel("difference of decile mean income,\n% of baseline")
        ax.set_title(_pop_title(pop), fontsize=10.5)
    snap = info["snapshots"].get((info["baseline"], year), str(year))
    return _finish(fig, axes, f"Change in income by decile relative to {info['baseline']}, "
                              f"{snap}",
                   f"bars: mean difference; whiskers: {P._pct_text(info['level'])} confidence "
                   f"interval ({' / '.join(sorted(methods))})", path)


def plot_histograms(table, info, path=None, pops=None):
    pops = [p for p in (pops or info["populations"]) if not p.startswith("county:")]
    if info["bins"] is None or not pops:
        return None
    fig, axes = _panels(len(pops))
    bins = np.asarray(info["bins"], dtype=float)
    step = np.median(np.diff(bins)) if len(bins) > 1 else 10000.0
    # cut the x axis after the last (closed) bin that holds >= 0.2 % of persons in some curve
    h = table[(table["measure"] == "histogram_share") & (table["population"].isin(pops))]
    cut = bins[-1] + step
    above = 0.0
    if not h.empty:
        last = 0.0
        for _, g in h.groupby(["scenario", "population", "year"]):
            share = g["mean"].to_numpy(float)[:-1]
            big = np.nonzero(share >= 0.002)[0]
            if big.size:
                last = max(last, bins[big[-1]] + step)
        cut = min(cut, max(step * 5, math.ceil(last / 50000.0) * 50000.0))
        if cut < bins[-1] + step:
            for _, g in h.groupby(["scenario", "population", "year"]):
                share = g["mean"].to_numpy(float)
                above = max(above, float(np.nansum(share[g["x"].to_numpy(float) >= cut])))
    for k, pop in enumerate(pops):
        ax = axes.flat[k]
        for y in info["years"]:
            for sc in info["scenarios"]:
                r = _subset(table, "histogram_share", pop, sc, y)
                if r.empty:
                    continue
                c, ls, _ = _style(info, sc, y)
                edges = np.append(r["x"].to_numpy(float), r["x"].iloc[-1] + step) / 1000
                ax.stairs(100 * r["mean"].to_numpy(float), edges, color=c, ls=ls, lw=1.4,
                          label=f"{sc}, {info['snapshots'][(sc, y)]}")
        ax.set_xlabel("per-capita disposable income, thousand yuan/yr")
        if k % axes.shape[1] == 0:
            ax.set_ylabel(f"share of persons, % per {step / 1000:g}k-yuan bin")
        ax.set_title(_pop_title(pop), fontsize=10.5)
        ax.set_xlim(0, cut / 1000)
    note = ""
    if cut < bins[-1] + step:
        note = (f"; x axis cut at {cut / 1000:,.0f}k yuan: at most {100 * above:.1f} % of "
                "persons lie above it")
    else:
        note = f"; the last bin ({bins[-1] / 1000:,.0f}k and more) is open-ended"
    return _finish(fig, axes, "Distribution of per-capita income",
                   "mean share of persons across replicates in each "
                   f"{step / 1000:g}k-yuan income bin" + note, path)


def plot_lorenz(table, info, path=None, pops=None, title="Lorenz curves (from decile means)"):
    pops = pops or info["populations"]
    county_grid = all(p.startswith("county:") for p in pops)
    fig, axes = _panels(len(pops), width=3.9 if county_grid else 4.4,
                        height=3.5 if county_grid else 4.1)
    for k, pop in enumerate(pops):
        ax = axes.flat[k]
        ax.plot([0, 1], [0, 1], color="#999999", lw=0.8,
                label="equality" if k == 0 else None)
        for y in info["years"]:
            for sc in info["scenarios"]:
                r = _subset(table, "lorenz", pop, sc, y)
                if r.empty:
                    continue
                c, ls, _ = _style(info, sc, y)
                label = f"{sc}, {info['snapshots'][(sc, y)]}"
                ax.plot(r["x"], r["mean"], color=c, ls=ls, lw=1.4, label=label)
                if np.isfinite(r["lo"]).any():
                    ax.fill_between(r["x"], r["lo"], r["hi"], color=c, alpha=0.12, lw=0)
        ginis = []
        for y in info["years"]:
            for sc in info["scenarios"]:
                g = _subset(table, "gini_from_deciles", pop, sc, y)["mean"]
                if len(g):
                    ginis.append(f"{sc} {y}: {g.iloc[0]:.3f}")
        ax.text(0.03, 0.97, "Gini (deciles)\n" + "\n".join(ginis), transform=ax.transAxes,
                fontsize=7, va="top", ha="left", color="#333333",
                bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="#cccccc", alpha=0.9))
        low = _subset(table, "lorenz", pop)[["mean", "lo"]].to_numpy(float)
        low = np.nanmin(low) if np.isfinite(low).any() else 0.0
        ax.set_xlim(0, 1)
        ax.set_ylim(min(0.0, low - 0.02), 1)
        if low < 0:
            ax.axhline(0, color="#333333", lw=0.8)
        ax.set_aspect("equal", adjustable="box")
        ax.xaxis.set_major_formatter(P.mticker.PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(P.mticker.PercentFormatter(1.0, decimals=0))
        if not county_grid or k >= len(pops) - axes.shape[1]:
            ax.set_xlabel("cumulative share of persons")
        if k % axes.shape[1] == 0:
            ax.set_ylabel("cumulative share of income")
        ax.set_title(_pop_title(pop), fontsize=10.5)
    return _finish(fig, axes, title,
                   "persons ranked by per-capita income; points at each decile; "
                   "Gini from the decile curve (within-decile inequality ignored)", path,
                   extra_bottom=0.2)


def plot_county_deciles(table, info, path=None, year=None):
    counties = info["counties"]
    if not counties:
        return None
    years = [year] if year else info["years"]
    fig, axes = _panels(len(counties), width=4.0, height=3.0)
    for k, cname in enumerate(counties):
        ax = axes.flat[k]
        pop = f"county:{cname}"
        for y in years:
            for sc in info["scenarios"]:
                r = _subset(table, "decile_mean", pop, sc, y)
                if r.empty:
                    continue
                c, ls, mk = _style(info, sc, y)
                ax.plot(r["x"], r["mean"], color=c, ls=ls, marker=mk, ms=3, lw=1.3,
                        label=f"{sc}, {info['snapshots'][(sc, y)]}")
                if np.isfinite(r["lo"]).any():
                    ax.fill_between(r["x"], r["lo"], r["hi"], color=c, alpha=0.13, lw=0)
        scale = _value_scale(ax, table, "decile_mean", [f"county:{c}" for c in counties])
        _thousands_axis(ax)
        ax.set_xticks(range(1, 11))
        ax.set_title(cname, fontsize=10)
        if k % axes.shape[1] == 0:
            ax.set_ylabel(f"yuan/yr ({scale})")
        if k >= len(counties) - axes.shape[1]:
            ax.set_xlabel("decile (1 = poorest)")
    return _finish(fig, axes, "Income by decile and county",
                   "mean per-capita disposable income of each decile; line: mean of "
                   f"replicates; shaded: {band_label(info['band'], info['level'])}", path)


# --------------------------------------------------------------------------------------------
# command line


def register(sub) -> None:
    from .cli_common import add_command
    from .compare import add_band_args, add_common_run_args
    p = add_command(
        sub, "distribution", "income deciles, histograms and Lorenz curves across scenarios",
        "Compare income-distribution snapshots (/distribution) across scenarios and years: "
        "decile means, change of each decile relative to the baseline, histograms, Lorenz "
        "curves (from decile means) for all, urban and rural residents and per county. "
        "Writes PNG figures and distribution.csv.",
        "example:\n  python3 -m analysis distribution --run baseline='base_r*.h5' "
               "--run dibao='dibao_r*.h5' --years 2021,2025 --out reports/dist")
    add_common_run_args(p)
    p.add_argument("--years", metavar="LIST",
                   help="comma-separated years (the last snapshot of each year is used; "
                        "default: first and last year with snapshots)")
    p.add_argument("--population", metavar="LIST", default="all,urban,rural",
                   help="populations among all,urban,rural (default: all three)")
    p.add_argument("--county", metavar="NAMES",
                   help="counties for the per-county figures (default: all; 'none' = skip)")
    add_band_args(p)
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.set_defaults(func=main)


def main(args) -> int:
    from .cli_common import comma_list
    from .compare import run_specs
    from .runs import _stderr_warn
    scenarios = load_scenarios(run_specs(args), _stderr_warn)
    years = [int(y) for y in args.years.split(",")] if args.years else None
    pops = comma_list(args.population)
    bad = [p for p in pops if p not in POPULATIONS]
    if bad:
        raise AnalysisError(f"--population {bad[0]!r}: use all, urban, rural")
    counties = None
    include = True
    if args.county:
        if args.county.lower() == "none":
            include = False
        else:
            counties = comma_list(args.county)
    table, info = compute(scenarios, args.baseline, years, pops, counties, include,
                          args.band, args.level, args.pairing, _stderr_warn)
    os.makedirs(args.out, exist_ok=True)
    written = []
    path = os.path.join(args.out, "distribution.csv")
    table.to_csv(path, index=False, float_format="%.10g")
    written.append(path)
    for name, fn in (("deciles.png", plot_deciles), ("decile_change.png", plot_decile_change),
                     ("histograms.png", plot_histograms), ("lorenz.png", plot_lorenz)):
        fig = fn(table, info, os.path.join(args.out, name))
        if fig is not None:
            written.append(os.path.join(args.out, name))
    if info["counties"]:
        path = os.path.join(args.out, "deciles_county.png")
        plot_county_deciles(table, info, path)
        written.append(path)
        path = os.path.join(args.out, "lorenz_county.png")
        plot_lorenz(table, info, path, pops=[f"county:{c}" for c in info["counties"]],
                    title="Lorenz curves by county (from decile means)")
        written.append(path)
    print(format_terminal_table(table, info))
    print("wrote " + ", ".join(written))
    return 0


def format_terminal_table(table, info) -> str:
    """Gini from deciles and bottom-40 % income share per scenario, year and population."""
    lines = []
    headers = ["population", "scenario", "snapshot", "gini (deciles)", "bottom 40 % share",
               "decile 1 mean", "decile 10 mean"]
    body = []
    for pop in info["populations"]:
        for y in info["years"]:
            for sc in info["scenarios"]:
                g = _subset(table, "gini_from_deciles", pop, sc, y)
                lor = _subset(table, "lorenz", pop, sc, y)
                dec = _subset(table, "decile_mean", pop, sc, y)
                if g.empty:
                    continue
                b40 = lor[np.isclose(lor["x"], 0.4)]["mean"]
                body.append([pop, sc, info["snapshots"][(sc, y)], f"{g['mean'].iloc[0]:.4f}",
                             f"{100 * b40.iloc[0]:.2f} %" if len(b40) else "n/a",
                             P.format_number(dec["mean"].iloc[0]),
                             P.format_number(dec["mean"].iloc[-1])])
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body)]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    lines.append(fmt.format(*headers))
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        lines.append(fmt.format(*b))
    return "\n".join(lines)
