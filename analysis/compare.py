"""``compare``: indicator curves of several scenarios, with bands, and differences to a baseline."""

from __future__ import annotations

import argparse
import math
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from . import plotting as P
from .cli_common import add_command, comma_list
from .runs import AnalysisError, Scenario, find_scenario, load_scenarios
from .stats import band_code, band_label, difference, summarize

DEFAULT_INDICATORS = [
    "income_per_capita", "urban_rural_ratio", "gini", "middle_income_share_100k_500k",
    "low_income_share_50k", "county_income_per_capita_max_min_ratio", "weak_villages",
    "fiscal_cost_total",
]

CSV_COLUMNS = ["scenario", "indicator", "county", "date", "mean", "lo", "hi", "diff",
               "diff_lo", "diff_hi", "paired", "n", "n_diff", "band", "units"]


@dataclass
class IndicatorInfo:
    name: str
    units: str
    long_name: str
    group: Optional[str] = None
    counties: List[str] = field(default_factory=list)


@dataclass
class CompareResult:
    table: pd.DataFrame
    info: Dict[str, IndicatorInfo]
    scenarios: List[str]
    baseline: str
    band: str
    level: float
    group: Optional[str]
    methods: Dict[str, str] = field(default_factory=dict)   # scenario -> pairing method

    def rows(self, indicator: str, scenario: Optional[str] = None,
             county: Optional[str] = None) -> pd.DataFrame:
        t = self.table[self.table["indicator"] == indicator]
        if scenario is not None:
            t = t[t["scenario"] == scenario]
        if county is not None:
            t = t[t["county"] == county]
        return t


def compute(scenarios: Sequence[Scenario], baseline: str, indicators: Sequence[str],
            group: Optional[str] = None, band: str = "percentile", level: float = 0.9,
            pairing: str = "auto", counties: Optional[Sequence[str]] = None,
            warn=None) -> CompareResult:
    """Mean and band of every scenario and its difference to the baseline, per date."""
    warn = warn or (lambda m: None)
    base = find_scenario(scenarios, baseline)
    frames = []
    info: Dict[str, IndicatorInfo] = {}
    methods: Dict[str, str] = {}
    for ind in indicators:
        for sc in scenarios:
            for run in sc.runs:
                if not run.has(ind, group):
                    # raises with a helpful message
                    run.series(ind, group)
        b_months, b_values, b_series = base.matrix(ind, group)
        col_names = b_series.columns
        sel = None
        if group == "county":
            sel = _select_counties(col_names, counties)
            col_names = [col_names[i] for i in sel]
            b_values = b_values[:, :, sel]
        info[ind] = IndicatorInfo(ind, b_series.units, b_series.long_name, group,
                                  list(col_names or []))
        for sc in scenarios:
            months, values, series = sc.matrix(ind, group)
            if group == "county":
                if series.columns != b_series.columns:
                    raise AnalysisError(
                        f"scenario {sc.name} has other counties than {base.name}: "
                        f"{series.columns} vs {b_series.columns}")
                values = values[:, :, sel]
            mean, lo, hi, n = summarize(values, band, level)
            d = dlo = dhi = None
            paired = ""
            n_diff = None
            if sc is not base:
                common = [m for m in months if m in set(b_months)]
                if not common:
                    warn(f"{sc.name} and {base.name} share no dates for {ind}")
                ia = _indices(months, common)
                ib = _indices(b_months, common)
                res = difference(values[:, ia], sc.seeds, b_values[:, ib], base.seeds,
                                 level, pairing)
                methods[sc.name] = res.method
                if res.dropped and ind == indicators[0]:
                    warn(f"{sc.name} vs {base.name}: {res.dropped} run(s) have no partner "
                         "with the same seed and are left out of the paired difference")
                full = lambda arr: _expand(arr, months, common)  # noqa: E731
                d, dlo, dhi = full(res.diff), full(res.lo), full(res.hi)
                paired = "yes" if res.paired else "no"
                n_diff = res.n
            frames.append(_frame(sc.name, ind, months, col_names, mean, lo, hi, n, d, dlo,
                                 dhi, paired, n_diff, band_code(band, level),
                                 b_series.units))
    table = pd.concat(frames, ignore_index=True)
    if group != "county":
        table["county"] = ""
    table = table[CSV_COLUMNS]
    return CompareResult(table, info, [s.name for s in scenarios], base.name, band, level,
                         group, methods)


def _select_counties(names, wanted):
    if not wanted:
        return list(range(len(names)))
    out = []
    lower = {n.lower(): i for i, n in enumerate(names)}
    for w in wanted:
        i = lower.get(w.lower())
        if i is None:
            raise AnalysisError(f"county {w!r} not found; counties: {', '.join(names)}")
        out.append(i)
    return out


def _indices(months, wanted):
    index = {m: i for i, m in enumerate(months)}
    return [index[m] for m in wanted]


def _expand(arr, months, common):
    """Place values known on ``common`` months onto ``months`` (NaN elsewhere)."""
    arr = np.asarray(arr, dtype=float)
    out = np.full((len(months),) + arr.shape[1:], np.nan)
    pos = _indices(months, common)
    out[pos] = arr
    return out


def _frame(scenario, ind, months, columns, mean, lo, hi, n, d, dlo, dhi, paired, n_diff,
           band, units) -> pd.DataFrame:
    nan = np.full(np.shape(mean), np.nan)
    d = nan if d is None else d
    dlo = nan if dlo is None else dlo
    dhi = nan if dhi is None else dhi
    if np.ndim(mean) == 1:
        return pd.DataFrame({
            "scenario": scenario, "indicator": ind, "date": months, "mean": mean, "lo": lo,
            "hi": hi, "diff": d, "diff_lo": dlo, "diff_hi": dhi, "paired": paired,
            "n": n, "n_diff": n_diff if n_diff is not None else pd.NA, "band": band,
            "units": units, "county": ""})
    parts = []
    for c, name in enumerate(columns):
        parts.append(pd.DataFrame({
            "scenario": scenario, "indicator": ind, "county": name, "date": months,
            "mean": mean[:, c], "lo": lo[:, c], "hi": hi[:, c], "diff": d[:, c],
            "diff_lo": dlo[:, c], "diff_hi": dhi[:, c], "paired": paired, "n": n[:, c],
            "n_diff": n_diff if n_diff is not None else pd.NA, "band": band,
            "units": units}))
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------------------------
# figures


def _dates(months):
    return np.array([np.datetime64(m + "-01", "D") for m in months])


def _band_legend(result: CompareResult) -> str:
    return f"line: mean of replicates; shaded: {band_label(result.band, result.level)}"


def _diff_legend(result: CompareResult) -> str:
    methods = sorted(set(result.methods.values()))
    how = " / ".join(methods) if methods else ""
    return (f"line: mean difference; shaded: {P._pct_text(result.level)} confidence interval"
            + (f" ({how})" if how else ""))


def plot_levels(result: CompareResult, indicator: str, path: Optional[str] = None,
                county: Optional[str] = None, ax=None):
    """Mean curve and band of every scenario. Returns the figure (saved when ``path``)."""
    info = result.info[indicator]
    rows = result.rows(indicator, county=county if result.group == "county" else None)
    if result.group == "county" and county is None:
        return plot_levels_grid(result, indicator, path)
    disp = P.display_for(indicator, info.units, P.magnitude_of(rows["lo"], rows["hi"],
                                                              rows["mean"]))
    cols = P.scenario_colours(result.scenarios, result.baseline)
    own = ax is None
    if own:
        fig, ax = P.plt.subplots(figsize=(9, 4.6))
    else:
        fig = ax.figure
    _draw_levels(ax, result, rows, disp, cols)
    ax.set_ylabel(disp.axis_label())
    ax.set_xlabel("month")
    title = P.title_for(indicator, info.long_name)
    if county:
        title = f"{county}: " + title
    P.set_titles(fig, ax, title, _band_legend(result))
    P.legend_below(ax)
    if own and path:
        P.save(fig, path)
    return fig


def _draw_levels(ax, result, rows, disp, cols, legend=True):
    # Bands below all lines, and the baseline's line (dashed) and band edges on top, so that
    # a policy's band never hides the baseline.
    for sc in result.scenarios:
        r = rows[rows["scenario"] == sc]
        if r.empty:
            continue
        x = _dates(r["date"])
        n = int(np.nanmax(r["n"])) if len(r) else 0
        label = f"{sc} (n={n})" if legend else None
        is_base = sc == result.baseline
        ax.plot(x, r["mean"] * disp.scale, color=cols[sc], lw=1.8, label=label,
                ls="--" if is_base else "-", zorder=4 if is_base else 3)
        lo, hi = r["lo"].to_numpy(float), r["hi"].to_numpy(float)
        if np.any(np.isfinite(lo)):
            ax.fill_between(x, lo * disp.scale, hi * disp.scale, color=cols[sc], alpha=0.18,
                            lw=0, zorder=1)
            if is_base:
                for edge in (lo, hi):
                    ax.plot(x, edge * disp.scale, color=cols[sc], lw=0.7, ls=":", zorder=4)
    P.format_date_axis(ax)
    P.format_value_axis(ax, disp)


def _draw_diffs(ax, result, rows, disp, cols, legend=True):
    ax.axhline(0, color="#333333", lw=0.9)
    for sc in result.scenarios:
        if sc == result.baseline:
            continue
        r = rows[rows["scenario"] == sc]
        if r.empty:
            continue
        x = _dates(r["date"])
        nd = r["n_diff"].dropna()
        n = int(nd.iloc[0]) if len(nd) else 0
        method = result.methods.get(sc, "")
        label = f"{sc} − {result.baseline} ({method}, n={n})" if legend else None
        ax.plot(x, r["diff"] * disp.scale, color=cols[sc], lw=1.8, label=label)
        lo, hi = r["diff_lo"].to_numpy(float), r["diff_hi"].to_numpy(float)
        if np.any(np.isfinite(lo)):
            ax.fill_between(x, lo * disp.scale, hi * disp.scale, color=cols[sc], alpha=0.2,
                            lw=0)
    P.format_date_axis(ax)
    P.format_value_axis(ax, disp)


def plot_diffs(result: CompareResult, indicator: str, path: Optional[str] = None,
               county: Optional[str] = None, ax=None):
    """Difference of every scenario to the baseline with its confidence band."""
    info = result.info[indicator]
    if result.group == "county" and county is None:
        return plot_diffs_grid(result, indicator, path)
    rows = result.rows(indicator, county=county if result.group == "county" else None)
    rows = rows[rows["scenario"] != result.baseline]
    disp = P.display_for(indicator, info.units,
                         P.magnitude_of(rows["diff_lo"], rows["diff_hi"], rows["diff"]))
    cols = P.scenario_colours(result.scenarios, result.baseline)
    own = ax is None
    if own:
        fig, ax = P.plt.subplots(figsize=(9, 4.6))
    else:
        fig = ax.figure
    _draw_diffs(ax, result, rows, disp, cols)
    ax.set_ylabel(f"difference, {disp.axis_label(diff=True)}")
    ax.set_xlabel("month")
    title = "Difference to " + result.baseline + ": " + (info.long_name or indicator)
    title = P.wrap(title + f" [{indicator}]", 70)
    if county:
        title = f"{county}: " + title
    P.set_titles(fig, ax, title, _diff_legend(result))
    P.legend_below(ax, max_cols=2)
    if own and path:
        P.save(fig, path)
    return fig


def _grid(n):
    ncols = min(3, n)
    nrows = int(math.ceil(n / ncols))
    fig, axes = P.plt.subplots(nrows, ncols, figsize=(4.3 * ncols, 2.9 * nrows + 1.0),
                               sharex=True, squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes


def plot_levels_grid(result: CompareResult, indicator: str, path: Optional[str] = None):
    info = result.info[indicator]
    rows = result.rows(indicator)
    disp = P.display_for(indicator, info.units,
                         P.magnitude_of(rows["lo"], rows["hi"], rows["mean"]))
    cols = P.scenario_colours(result.scenarios, result.baseline)
    fig, axes = _grid(len(info.counties))
    for k, county in enumerate(info.counties):
        ax = axes.flat[k]
        _draw_levels(ax, result, rows[rows["county"] == county], disp, cols, legend=(k == 0))
        ax.set_title(county, fontsize=10)
        if k % axes.shape[1] == 0:
            ax.set_ylabel(disp.axis_label())
    _grid_titles(fig, axes, P.title_for(indicator, info.long_name, 1000) + ", by county",
                 _band_legend(result))
    if path:
        P.save(fig, path)
    return fig


def plot_diffs_grid(result: CompareResult, indicator: str, path: Optional[str] = None):
    info = result.info[indicator]
    rows = result.rows(indicator)
    rows = rows[rows["scenario"] != result.baseline]
    disp = P.display_for(indicator, info.units,
                         P.magnitude_of(rows["diff_lo"], rows["diff_hi"], rows["diff"]))
    cols = P.scenario_colours(result.scenarios, result.baseline)
    fig, axes = _grid(len(info.counties))
    for k, county in enumerate(info.counties):
        ax = axes.flat[k]
        _draw_diffs(ax, result, rows[rows["county"] == county], disp, cols, legend=(k == 0))
        ax.set_title(county, fontsize=10)
        if k % axes.shape[1] == 0:
            ax.set_ylabel(f"difference,\n{disp.axis_label(diff=True)}")
    title = (f"Difference to {result.baseline}: {info.long_name or indicator} "
             f"[{indicator}], by county")
    _grid_titles(fig, axes, title, _diff_legend(result))
    if path:
        P.save(fig, path)
    return fig


def _grid_titles(fig, axes, title, subtitle):
    P.grid_layout(fig, axes, title, subtitle, legend_cols=3)


# --------------------------------------------------------------------------------------------
# terminal table


def final_table(result: CompareResult) -> pd.DataFrame:
    """Values at the last date each scenario has (one row per scenario, indicator, county)."""
    rows = []
    for (ind, sc, county), r in result.table.groupby(["indicator", "scenario", "county"],
                                                     sort=False):
        r = r.dropna(subset=["mean"])
        if r.empty:
            continue
        last = r.iloc[-1]
        rows.append(last)
    return pd.DataFrame(rows).reset_index(drop=True)


def format_terminal_table(result: CompareResult) -> str:
    t = final_table(result)
    band = band_code(result.band, result.level)
    lines = []
    headers = ["indicator", "county", "scenario", "date", f"mean [{band}]",
               f"diff to {result.baseline} [ci{P._pct_text(result.level).rstrip(' %')}]",
               "pairing"]
    body = []
    for _, r in t.iterrows():
        name, units = r["indicator"], r["units"]
        val = (f"{P.format_value(r['mean'], name, units)} "
               f"[{P.format_value(r['lo'], name, units)}, "
               f"{P.format_value(r['hi'], name, units)}]")
        if r["scenario"] == result.baseline:
            diff, how = "—", ""
        else:
            diff = (f"{P.format_value(r['diff'], name, units, diff=True)} "
                    f"[{P.format_value(r['diff_lo'], name, units, diff=True)}, "
                    f"{P.format_value(r['diff_hi'], name, units, diff=True)}]")
            how = "paired" if r["paired"] == "yes" else "Welch"
        body.append([name, r["county"], r["scenario"], r["date"], val, diff, how])
    if result.group != "county":
        headers.pop(1)
        body = [b[:1] + b[2:] for b in body]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body)]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    lines.append(fmt.format(*headers))
    lines.append("  ".join("-" * w for w in widths))
    prev = None
    for b in body:
        if prev is not None and b[0] != prev:
            lines.append("")
        prev = b[0]
        lines.append(fmt.format(*b))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# command line


def add_common_run_args(p: argparse.ArgumentParser, baseline: bool = True) -> None:
    p.add_argument("--run", action="append", default=[], metavar="NAME=FILES",
                   help="a scenario and its run files (replicates): NAME=GLOB[,GLOB...]; "
                        "repeat for every scenario. The tool expands the glob patterns itself "
                        "(quote them to be safe). Without NAME=, the files are grouped by "
                        "their scenario_name attribute.")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="more run files, grouped by their scenario_name attribute")
    if baseline:
        p.add_argument("--baseline", metavar="NAME",
                       help="scenario the others are compared with (default: the first)")


def add_band_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--band", choices=["percentile", "ci"], default="percentile",
                   help="band around each scenario's mean curve: 'percentile' = 5th–95th "
                        "percentile of the replicates (spread of single runs, default), "
                        "'ci' = t-confidence interval of the mean")
    p.add_argument("--level", type=float, default=0.9,
                   help="coverage of bands and confidence intervals (default 0.9)")
    p.add_argument("--pairing", choices=["auto", "paired", "unpaired"], default="auto",
                   help="differences: 'auto' pairs runs with equal seeds (common random "
                        "numbers) when the seeds match, else Welch; 'paired' requires "
                        "matching seeds; 'unpaired' always uses Welch")


def run_specs(args) -> List[str]:
    specs = list(args.run)
    if getattr(args, "files", None):
        specs.extend(args.files)
    return specs


def register(sub) -> None:
    p = add_command(
        sub, "compare", "indicator curves with bands and differences to a baseline",
        "Compare indicators of several scenarios (each a group of replicate runs): mean "
        "curves with bands, differences to the baseline with confidence bands (paired by "
        "seed when the seeds match), a CSV of the numbers and a table of final values.",
        "example:\n  python3 -m analysis compare --run baseline='results/base_r*.h5' "
               "--run enclave='results/enc_r*.h5' \\\n      --indicators urban_rural_ratio,gini "
               "--baseline baseline --out reports/cmp\n"
               "  python3 -m analysis compare --run b='base_*.h5' --run p='pol_*.h5' "
               "--group county --indicators income_per_capita --county Wuyi,Pan\\'an "
               "--out reports/cmp")
    add_common_run_args(p)
    p.add_argument("--indicators", metavar="LIST",
                   help="comma-separated indicator names (default: a key set: "
                        + ", ".join(DEFAULT_INDICATORS) + ")")
    p.add_argument("--group", choices=["root", "county"], default="root",
                   help="'root' = region-level series (default), 'county' = per-county "
                        "series from /county (one panel per county)")
    p.add_argument("--county", metavar="NAMES",
                   help="with --group county: only these counties (comma-separated); with "
                        "one county the figures have a single panel")
    add_band_args(p)
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder for compare.csv and the PNG figures")
    p.set_defaults(func=main)


def main(args) -> int:
    from .runs import _stderr_warn
    scenarios = load_scenarios(run_specs(args), _stderr_warn)
    group = None if args.group == "root" else "county"
    if args.indicators:
        indicators = comma_list(args.indicators)
    else:
        indicators = [i for i in DEFAULT_INDICATORS
                      if all(sc.has(i, group) for sc in scenarios)]
        if group == "county":
            indicators = [i for i in ["income_per_capita", "gdp_per_capita",
                                      "urban_rural_ratio"] if all(sc.has(i, group)
                                                                  for sc in scenarios)]
    counties = comma_list(args.county) or None
    if counties and group != "county":
        raise AnalysisError("--county needs --group county")
    if len(scenarios) < 2:
        _stderr_warn("only one scenario given: no differences to a baseline are computed")
    result = compute(scenarios, args.baseline, indicators, group, args.band, args.level,
                     args.pairing, counties, _stderr_warn)
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "compare.csv" if group is None else "compare_county.csv")
    write_csv(result.table, csv_path)
    written = [csv_path]
    single = counties[0] if counties and len(counties) == 1 else None
    prefix = "county_" if group == "county" else ""
    for ind in indicators:
        path = os.path.join(args.out, f"{prefix}{P.safe_filename(ind)}.png")
        plot_levels(result, ind, path, county=single)
        written.append(path)
        if len(scenarios) > 1:
            path = os.path.join(args.out, f"{prefix}{P.safe_filename(ind)}_diff.png")
            plot_diffs(result, ind, path, county=single)
            written.append(path)
    print(format_terminal_table(result))
    print()
    line = f"bands: {band_label(args.band, args.level)}"
    if result.methods:
        line += (f"; differences: {P._pct_text(args.level)} confidence interval, "
                 + ", ".join(f"{k}: {v}" for k, v in result.methods.items()))
    print(line)
    print("wrote " + ", ".join(written))
    return 0


def write_csv(df: pd.DataFrame, path: str) -> None:
    df.to_csv(path, index=False, float_format="%.10g")
