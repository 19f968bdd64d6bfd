"""``targets``: the policy documents' targets against a run's annual values.

The target list is a JSON file (default ``analysis/targets.json``)::

    {"year": 2025,
     "targets": [{"label": "...", "indicator": "urban_rural_ratio", "operator": "<",
                  "threshold": 1.9, "source": "...", "note": "...",
                  "aggregate": "auto" | "annual" | "annual_mean" | "december",  (optional)
                  "transform": "annual_growth_percent" |
                               "average_annual_growth_percent",      (optional)
                  "base_year": 2021,                                  (optional)
                  "year": 2025,                                       (optional)
                  "enabled": true}]}                                  (optional)

The annual value of an indicator is, by default (``auto``), the calendar-year indicator of the
file's ``/annual`` group when the file has one for it (computed by the simulator from each
household's / village's income over the calendar year), else the mean over the months of the
calendar year. ``annual`` insists on the ``/annual`` group, ``annual_mean`` always averages the
monthly series, ``december`` takes the December value.
"""

from __future__ import annotations

import json
import math
import operator
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from . import plotting as P
from .runs import AnalysisError, Run, Scenario, load_scenarios

DEFAULT_TARGETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "targets.json")

OPERATORS = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne,
}
AGGREGATES = ("auto", "annual", "annual_mean", "december")
BASIS = {"annual": "calendar year", "annual_mean": "mean of months", "december": "December"}
TRANSFORMS = ("", "annual_growth_percent", "average_annual_growth_percent")


@dataclass
class Target:
    label: str
    indicator: str
    operator: str
    threshold: float
    source: str = ""
    note: str = ""
    quote: str = ""
    aggregate: Optional[str] = None
    transform: str = ""
    base_year: Optional[int] = None
    year: Optional[int] = None

    def check(self, value: float) -> Optional[bool]:
        if value is None or not math.isfinite(value):
            return None
        return bool(OPERATORS[self.operator](value, self.threshold))

    @property
    def value_name(self) -> str:
        """Indicator name used to pick the number format (growth is in percent)."""
        return self.indicator

    @property
    def units_override(self) -> Optional[str]:
        return "percent/yr" if self.transform else None


def load_targets(path: Optional[str] = None) -> (List[Target], Optional[int]):
    path = path or DEFAULT_TARGETS
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        raise AnalysisError(f"{path}: targets file not found") from None
    except json.JSONDecodeError as exc:
        raise AnalysisError(f"{path}: not valid JSON ({exc})") from None
    items = doc.get("targets") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise AnalysisError(f"{path}: expected an object with a 'targets' list")
    out = []
    for k, item in enumerate(items):
        where = f"{path}: targets[{k}]"
        if not isinstance(item, dict):
            raise AnalysisError(f"{where}: expected an object")
        if item.get("enabled", True) is False:
            continue
        for key in ("indicator", "threshold"):
            if key not in item:
                raise AnalysisError(f"{where}: '{key}' is missing")
        op = item.get("operator", item.get("op"))
        if op not in OPERATORS:
            raise AnalysisError(f"{where}: operator {op!r} is not one of "
                                + ", ".join(OPERATORS))
        try:
            threshold = float(item["threshold"])
        except (TypeError, ValueError):
            raise AnalysisError(f"{where}: threshold {item['threshold']!r} is not a number") \
                from None
        agg = item.get("aggregate")
        if agg is not None and agg not in AGGREGATES:
            raise AnalysisError(f"{where}: aggregate {agg!r} is not one of "
                                + ", ".join(AGGREGATES))
        transform = item.get("transform", "") or ""
        if transform not in TRANSFORMS:
            raise AnalysisError(f"{where}: transform {transform!r} is not one of "
                                + ", ".join(t for t in TRANSFORMS if t))
        out.append(Target(label=item.get("label") or item["indicator"],
                          indicator=item["indicator"], operator=op, threshold=threshold,
                          source=item.get("source", ""), note=item.get("note", ""),
                          quote=item.get("quote", ""), aggregate=agg, transform=transform,
                          base_year=item.get("base_year"), year=item.get("year")))
    year = doc.get("year") if isinstance(doc, dict) else None
    return out, year


# --------------------------------------------------------------------------------------------
# annual values


def annual_value(months: Sequence[str], values: np.ndarray, year: int,
                 aggregate: str = "annual_mean"):
    """(value, number of months used) for one calendar year of a monthly series."""
    months = np.asarray(months)
    in_year = np.array([m.startswith(f"{year:04d}-") for m in months])
    if not in_year.any():
        return float("nan"), 0
    v = np.asarray(values, dtype=float)[in_year]
    m = months[in_year]
    if aggregate == "december":
        dec = m == f"{year:04d}-12"
        if not dec.any():
            return float("nan"), 0
        return float(v[dec][0]), 1
    ok = np.isfinite(v)
    if not ok.any():
        return float("nan"), 0
    return float(np.mean(v[ok])), int(ok.sum())


def years_of(months: Sequence[str]) -> List[int]:
    return sorted({int(m[:4]) for m in months})


def full_years(months: Sequence[str]) -> List[int]:
    counts: Dict[int, int] = {}
    for m in months:
        counts[int(m[:4])] = counts.get(int(m[:4]), 0) + 1
    return sorted(y for y, c in counts.items() if c == 12)


def year_value(run: Run, indicator: str, year: int, aggregate: str):
    """(value, months, basis) of an indicator in one calendar year of one run.

    basis is "annual" (the /annual group), "annual_mean" or "december"."""
    months_in_year = 0
    if run.has(indicator):
        s = run.series(indicator)
        months_in_year = sum(1 for m in s.months if m.startswith(f"{year:04d}-"))
    if aggregate in ("auto", "annual") and indicator in run.annual_variables:
        years, values = run.annual(indicator)
        hit = np.nonzero(years == year)[0]
        if hit.size == 0:
            return float("nan"), 0, "annual"
        return float(values[hit[0]]), months_in_year or 12, "annual"
    if aggregate == "annual" or not run.has(indicator):
        return float("nan"), 0, "annual" if aggregate == "annual" else "annual_mean"
    basis = "annual_mean" if aggregate == "auto" else aggregate
    value, n = annual_value(s.months, s.values, year, basis)
    return value, n, basis


def run_years(run: Run, indicator: str) -> List[int]:
    if indicator in run.annual_variables:
        return sorted(int(y) for y in run.annual(indicator)[0])
    if run.has(indicator):
        months = run.series(indicator).months
        return full_years(months) or years_of(months)
    return []


def target_value(run: Run, t: Target, year: int, aggregate: str):
    """(value, months used, note, basis) of a target's quantity in one run."""
    agg = t.aggregate or aggregate
    if not run.has(t.indicator) and t.indicator not in run.annual_variables:
        return float("nan"), 0, "indicator not in file", ""
    value, n, basis = year_value(run, t.indicator, year, agg)
    if not t.transform:
        return value, n, "", basis
    if t.transform == "annual_growth_percent":
        prev, n_prev, _ = year_value(run, t.indicator, year - 1, agg)
        if n_prev == 0 or not math.isfinite(prev):
            return float("nan"), n, f"no data for {year - 1}", basis
        return 100.0 * (value / prev - 1.0), n, f"vs {year - 1}", basis
    # average_annual_growth_percent
    years = run_years(run, t.indicator)
    base = t.base_year if t.base_year is not None else (years[0] if years else None)
    if base is None or base >= year:
        return float("nan"), n, "no earlier year to grow from", basis
    start, n0, _ = year_value(run, t.indicator, base, agg)
    if n0 == 0 or not (start > 0) or not (value > 0):
        return float("nan"), n, f"no data for {base}", basis
    return (100.0 * ((value / start) ** (1.0 / (year - base)) - 1.0), n, f"{base}–{year}",
            basis)


def evaluate(scenarios: Sequence[Scenario], targets: Sequence[Target], year: Optional[int],
             aggregate: str = "auto", level: float = 0.9) -> pd.DataFrame:
    """One row per scenario and target: mean over replicates, spread, met, share met."""
    rows = []
    for sc in scenarios:
        for t in targets:
            y = t.year or year
            vals, months_used, notes, bases = [], [], set(), []
            units = next((r.series(t.indicator).units for r in sc.runs
                          if r.has(t.indicator)), "")
            for run in sc.runs:
                v, n, note, basis = target_value(run, t, y, aggregate)
                bases.append(basis)
                vals.append(v)
                months_used.append(n)
                if note:
                    notes.add(note)
            arr = np.array(vals, dtype=float)
            ok = np.isfinite(arr)
            mean = float(arr[ok].mean()) if ok.any() else float("nan")
            if ok.sum() >= 1:
                lo = float(np.percentile(arr[ok], 100 * (1 - level) / 2))
                hi = float(np.percentile(arr[ok], 100 * (1 + level) / 2))
            else:
                lo = hi = float("nan")
            met_runs = [t.check(v) for v in arr[ok]]
            met = t.check(mean)
            rows.append({
                "scenario": sc.name, "label": t.label, "indicator": t.indicator,
                "transform": t.transform, "year": y,
                "aggregate": "/".join(sorted(set(b for b in bases if b))) or
                (t.aggregate or aggregate), "months": min(months_used) if
                months_used else 0,
                "value": mean, "lo": lo, "hi": hi, "n": int(ok.sum()),
                "operator": t.operator, "threshold": t.threshold,
                "met": "n/a" if met is None else ("yes" if met else "no"),
                "share_met": (sum(bool(m) for m in met_runs) / len(met_runs)
                              if met_runs else float("nan")),
                "source": t.source, "note": "; ".join(sorted(notes)) or t.note,
                "quote": t.quote, "units": "percent/yr" if t.transform else units,
            })
    return pd.DataFrame(rows)


def resolve_year(scenarios: Sequence[Scenario], year: Optional[int]) -> int:
    months = None
    for sc in scenarios:
        for r in sc.runs:
            var = next((v for v in ("income_per_capita", "gini") if r.has(v)),
                       r.root_variables[0] if r.root_variables else None)
            if var is None:
                continue
            months = r.series(var).months
            break
        if months is not None:
            break
    if months is None:
        raise AnalysisError("the runs have no region-level series")
    years = years_of(months)
    if year is None:
        return 2025 if 2025 in years else (full_years(months) or years)[-1]
    if year not in years:
        raise AnalysisError(f"the runs cover {years[0]}–{years[-1]}; year {year} has no data "
                            "(use --year)")
    return year


# --------------------------------------------------------------------------------------------
# presentation


def value_text(row, which: str = "value") -> str:
    if row["transform"]:
        v = row[which]
        unit = " %/yr" if which == "value" else ""
        return f"{v:+.2f}{unit}" if isinstance(v, float) and math.isfinite(v) else "n/a"
    return P.format_value(row[which], row["indicator"], row.get("units", "") or "")


def target_text(row) -> str:
    """The target as written: '< 1.9', '>= 73.5 %', '>= 75,000', '>= 8.2 %/yr'."""
    thr = float(row["threshold"])
    if row["transform"]:
        return f"{row['operator']} {thr:g} %/yr"
    kind = P.indicator_kind(row["indicator"], row.get("units", "") or "")
    if kind == "share":
        text = f"{100 * thr:.6g} %"
    elif abs(thr) >= 1000:
        text = f"{thr:,.6g}" if thr != int(thr) else f"{int(thr):,}"
    else:
        text = f"{thr:.6g}"
    return f"{row['operator']} {text}"


def format_terminal_table(df: pd.DataFrame, year: int, aggregate: str) -> str:
    headers = ["scenario", "target", "indicator", "value", "target value", "met",
               "runs met", "basis"]
    body = []
    multi = df["scenario"].nunique() > 1
    for _, r in df.iterrows():
        val = value_text(r)
        if r["n"] > 1:
            val += f" [{value_text(r, 'lo')}, {value_text(r, 'hi')}]"
        share = ("n/a" if not math.isfinite(r["share_met"])
                 else f"{round(r['share_met'] * r['n'])}/{r['n']}")
        basis = "/".join(BASIS.get(b, b) for b in str(r["aggregate"]).split("/"))
        body.append([r["scenario"], r["label"], r["indicator"], val, target_text(r),
                     r["met"], share, basis])
    if not multi:
        headers = headers[1:]
        body = [b[1:] for b in body]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body)]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    lines = [fmt.format(*headers), "  ".join("-" * w for w in widths)]
    prev = None
    for b in body:
        if multi and prev is not None and b[0] != prev:
            lines.append("")
        prev = b[0]
        lines.append(fmt.format(*b))
    n = int(df["n"].max()) if len(df) else 0
    lines.append("")
    lines.append(f"value in {year}; basis: " + basis_note())
    if n > 1:
        lines.append(f"value: mean of {n} replicates [5th–95th percentile of replicates]; "
                     "met: the mean meets the target; runs met: replicates meeting it")
    partial = df[(df["months"] > 0) & (df["months"] < 12)]
    if len(partial):
        lines.append(f"note: {year} is incomplete in the run (fewer than 12 months)")
    return "\n".join(lines)


def basis_note() -> str:
    return ("'calendar year' = the file's /annual indicator (computed from incomes over the "
            "calendar year), 'mean of months' = mean of the monthly values of the year, "
            "'December' = the December value")


def register(sub) -> None:
    from .cli_common import add_command
    p = add_command(
        sub, "targets", "the policy documents' targets against a run's annual values",
        "Compare a run's annual values with the targets of the policy documents "
        "(analysis/targets.json, editable). With several files of one scenario (replicates) "
        "the value is their mean and 'runs met' the share of replicates that meet the "
        "target.",
        "examples:\n  python3 -m analysis targets results/base.h5\n"
               "  python3 -m analysis targets 'results/base_r*.h5' --year 2025 "
               "--csv reports/targets.csv\n"
               "  python3 -m analysis targets --run baseline='base_r*.h5' "
               "--run policy='pol_r*.h5'")
    p.add_argument("files", nargs="*", metavar="RUN.h5",
                   help="run files (globs allowed); files of one scenario are replicates")
    p.add_argument("--run", action="append", default=[], metavar="NAME=FILES",
                   help="a named scenario and its run files (repeatable)")
    p.add_argument("--year", type=int, default=None,
                   help="target year (default: the targets file's year, else 2025)")
    p.add_argument("--targets", metavar="FILE", default=None,
                   help=f"targets file (default: {os.path.relpath(DEFAULT_TARGETS)})")
    p.add_argument("--aggregate", choices=AGGREGATES, default="auto",
                   help="annual value: 'auto' (default) = the file's /annual calendar-year "
                        "indicator where it exists, else the mean over the year's months; "
                        "'annual' = /annual only; 'annual_mean' = mean over the months; "
                        "'december' = December value")
    p.add_argument("--csv", metavar="FILE", default=None,
                   help="CSV output (default: targets.csv in --out, else in the current "
                        "folder)")
    p.add_argument("--out", metavar="DIR", default=None, help="folder for targets.csv")
    p.set_defaults(func=main)


def main(args) -> int:
    from .runs import _stderr_warn
    specs = list(args.run)
    if args.files:
        # bare files: all one scenario unless their scenario names differ
        specs.extend(args.files)
    if not specs:
        raise AnalysisError("no run files given")
    scenarios = load_scenarios(specs, _stderr_warn)
    targets, file_year = load_targets(args.targets)
    year = resolve_year(scenarios, args.year or file_year)
    df = evaluate(scenarios, targets, year, args.aggregate)
    print(format_terminal_table(df, year, args.aggregate))
    if args.csv:
        path = args.csv
    else:
        path = os.path.join(args.out or ".", "targets.csv")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    df.to_csv(path, index=False, float_format="%.10g")
    print(f"wrote {path}")
    return 0
