"""``prosim-analysis costs``: each scenario's cost-effectiveness against the baseline as a
terminal table (and, with --csv, a CSV): the numbers of the report's "Cost-effectiveness"
section, computed by analysis/costs.py. ``prosim compare`` prints this command for its files
instead of computing the numbers a second time."""

from __future__ import annotations

import math
import os
from typing import List

import pandas as pd

from . import plotting as P
from .cli_common import add_command
from .compare import add_band_args, add_common_run_args, run_specs
from .costs import Estimate, cost_effectiveness, ratio_text
from .runs import AnalysisError, find_scenario, load_scenarios


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + P.format_number(x)


# (key in the cost_effectiveness row, label, how the number is shown or which outcome a
# ratio divides by): the rows of the report's cost-effectiveness table, in its order.
MEASURES = [
    ("extra_cost", "extra fiscal cost (yuan)", _signed),
    ("b40_gain", "bottom-40 % income gain (yuan)", _signed),
    ("cost_per_b40", "cost per yuan gained", ("b40_gain", "gain")),
    ("village_years", "weak village-years lifted", lambda x: f"{x:+,.1f}"),
    ("cost_per_village_year", "cost per village-year", ("village_years", "outcome")),
    ("relocated", "extra relocated households", lambda x: f"{x:+,.0f}"),
    ("cost_per_relocated", "cost per household relocated", ("relocated", "outcome")),
]


def table_text(rows: List[dict], baseline: str, level: float, discount: float) -> str:
    """The terminal table: one block per scenario, a line per measure."""
    lines = [f"cost-effectiveness against {baseline}: mean of the scenario - baseline "
             f"differences [{P._pct_text(level)} confidence interval]"
             + (f"; discounted at {discount:.1%} a year" if discount else "")]
    for r in rows:
        lines.append("")
        if "extra_cost" not in r:
            lines.append(f"{r['scenario']}: n/a (no fiscal_cost_total)")
            continue
        e: Estimate = r["extra_cost"]
        pairing = (f"paired by seed ({e.n} pairs)" if e.paired
                   else "unpaired (Welch)" if e.n else "unpaired")
        lines.append(f"{r['scenario']} ({r['period']}; {pairing})")
        for key, label, how in MEASURES:
            if callable(how):
                v = r.get(key)
                text = "n/a (not recorded)" if v is None else v.text(how)
                if key == "b40_gain" and r.get("b40_years"):
                    text += f"  (years {r['b40_years']})"
            else:
                outcome = r.get(how[0])
                text = ("n/a (not recorded)" if outcome is None
                        else ratio_text(r[key], outcome, "yuan", how[1]))
            lines.append(f"  {label:<32} {text}")
    return "\n".join(lines)


def table_frame(rows: List[dict]) -> pd.DataFrame:
    """Long table: scenario, measure, value, lo, hi (NaN where none), paired, n."""
    out = []
    for r in rows:
        for key, _, how in MEASURES:
            v = r.get(key)
            if isinstance(v, Estimate):
                out.append((r["scenario"], key, v.mean, v.lo, v.hi, v.paired, v.n))
            elif v is not None:
                out.append((r["scenario"], key, float(v), math.nan, math.nan, None, 0))
    return pd.DataFrame(out, columns=["scenario", "measure", "value", "lo", "hi", "paired",
                                      "n"])


def register(sub) -> None:
    p = add_command(
        sub, "costs", "cost-effectiveness of scenarios against a baseline (terminal table)",
        "Print each scenario's cost-effectiveness against the baseline: extra fiscal cost, "
        "bottom-40 % income gain and cost per yuan gained, weak village-years lifted and "
        "cost per village-year, extra relocated households and cost per household; each "
        "with its confidence interval (paired by seed when the seeds match). A ratio is "
        "shown only when its outcome improved and the outcome's interval excludes 0. The "
        "numbers of the report's cost-effectiveness section (docs/policies.md, 'Fiscal cost "
        "and cost-effectiveness').",
        "example:\n  prosim-analysis costs results/base_r*.h5 results/pol_r*.h5\n"
        "  prosim-analysis costs --run baseline='base_r*.h5' --run enclave='enc_r*.h5' "
        "--csv costs.csv")
    add_common_run_args(p)
    add_band_args(p)
    p.add_argument("--discount", type=float, default=0.0, metavar="RATE",
                   help="yearly discount rate for the sums, e.g. 0.03 (default 0)")
    p.add_argument("--csv", metavar="FILE", default=None,
                   help="also write the numbers (scenario, measure, value, lo, hi) as CSV")
    p.set_defaults(func=main)


def main(args) -> int:
    from .runs import _stderr_warn
    scenarios = load_scenarios(run_specs(args), _stderr_warn)
    if len(scenarios) < 2:
        raise AnalysisError("costs needs a baseline and at least one other scenario")
    base = find_scenario(scenarios, args.baseline)
    if not base.has("fiscal_cost_total"):
        raise AnalysisError(f"the baseline {base.name} has no fiscal_cost_total")
    rows = cost_effectiveness(scenarios, base.name, args.level, args.pairing, _stderr_warn,
                              args.discount)
    print(table_text(rows, base.name, args.level, args.discount))
    if args.csv:
        os.makedirs(os.path.dirname(args.csv) or ".", exist_ok=True)
        table_frame(rows).to_csv(args.csv, index=False, float_format="%.10g")
        print(f"\nwrote {args.csv}")
    return 0
