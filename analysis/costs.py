"""Fiscal cost and cost-effectiveness of scenarios against a baseline: the numbers and the
cumulative-cost figure of the report's "Fiscal cost" and "Cost-effectiveness" sections, also
printed by ``prosim-analysis costs`` (cost_table.py). The only implementation: ``prosim
compare`` points to that command instead of computing them again."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

from . import compare as C
from . import distribution as D
from . import plotting as P
from .runs import Scenario, find_scenario
from .stats import band_label, difference, summarize

COST_INDICATOR = "fiscal_cost_total"


# --------------------------------------------------------------------------------------------
# numbers


def cumulative(values: np.ndarray, units: str) -> np.ndarray:
    """Running total of a spending series along axis 1 (time) of a (R, T) array.

    ``yuan/month`` flows are summed, ``yuan/yr`` flows (annualised months) are summed and
    divided by 12, and anything else (e.g. ``yuan``, already cumulative) is returned as is.
    Missing months count as zero.
    """
    v = np.asarray(values, dtype=float)
    u = (units or "").replace(" ", "").lower()
    if u.endswith("/month") or u.endswith("/mo"):
        return np.cumsum(np.nan_to_num(v), axis=1)
    if u.endswith("/yr") or u.endswith("/year") or u.endswith("/a"):
        return np.cumsum(np.nan_to_num(v), axis=1) / 12.0
    return v


def spending_indicators(scenarios: Sequence[Scenario]) -> List[str]:
    names = []
    first = scenarios[0].runs[0]
    for cand in [COST_INDICATOR, "dibao_spending"] + sorted(
            v for v in first.root_variables if v.endswith("_spending")
            or v.endswith("_grants")):
        if cand not in names and all(sc.has(cand) for sc in scenarios):
            names.append(cand)
    return names


@dataclass
class Estimate:
    mean: float
    lo: float
    hi: float
    paired: Optional[bool] = None
    n: int = 0

    def text(self, fmt) -> str:
        if not math.isfinite(self.mean):
            return "n/a"
        s = fmt(self.mean)
        if math.isfinite(self.lo) and math.isfinite(self.hi):
            s += f" [{fmt(self.lo)}, {fmt(self.hi)}]"
        return s


def _estimate_level(x: np.ndarray, band: str, level: float) -> Estimate:
    m, lo, hi, n = summarize(np.asarray(x, dtype=float)[:, None], band, level)
    return Estimate(float(m[0]), float(lo[0]), float(hi[0]), None, int(n[0]))


def _estimate_diff(a, sa, b, sb, level, pairing) -> Estimate:
    res = difference(np.asarray(a, float)[:, None], sa, np.asarray(b, float)[:, None], sb,
                     level, pairing)
    return Estimate(float(res.diff[0]), float(res.lo[0]), float(res.hi[0]), res.paired,
                    res.n)


def _final(sc: Scenario, indicator: str) -> np.ndarray:
    months, values, _ = sc.matrix(indicator)
    return values[:, -1]


def fiscal_totals(scenarios, baseline, band, level, pairing):
    """{indicator: {scenario: (level Estimate, diff Estimate or None, units)}} over the run."""
    base = find_scenario(scenarios, baseline)
    out = {}
    for ind in spending_indicators(scenarios):
        out[ind] = {}
        _, bvals, bser = base.matrix(ind)
        btot = cumulative(bvals, bser.units)[:, -1]
        for sc in scenarios:
            _, vals, ser = sc.matrix(ind)
            tot = cumulative(vals, ser.units)[:, -1]
            lvl = _estimate_level(tot, band, level)
            dif = None if sc is base else _estimate_diff(tot, sc.seeds, btot, base.seeds,
                                                         level, pairing)
            out[ind][sc.name] = (lvl, dif, ser.units)
    return out


def bottom40_income(run, snapshots: Sequence[str]) -> np.ndarray:
    """Annual income of the poorest 40 % of persons (yuan/yr) at each snapshot month.

    = 0.4 x resident population x mean of decile means 1-4 (decile_mean_all)."""
    dist = run.distribution()
    pop = run.series("population")
    index = {m: i for i, m in enumerate(pop.months)}
    out = []
    for snap in snapshots:
        s = list(dist.snapshots).index(snap)
        d = dist.deciles["all"][s, :4]
        p = pop.values[index[snap]] if snap in index else np.nan
        out.append(0.4 * p * float(np.mean(d)))
    return np.array(out)


def discount_weights(months: Sequence[str], rate: float) -> np.ndarray:
    """Present-value weight of each month, (1 + rate) ** -(years since the first month)."""
    if not months:
        return np.zeros(0)
    y0, m0 = int(months[0][:4]), int(months[0][5:7])
    t = np.array([(int(m[:4]) - y0) * 12 + int(m[5:7]) - m0 for m in months], dtype=float)
    return (1.0 + rate) ** (-t / 12.0)


def _total(values: np.ndarray, units: str, weights: np.ndarray) -> np.ndarray:
    """Discounted total over axis 1 of a (R, T) flow (``cumulative``'s unit rules)."""
    u = (units or "").replace(" ", "").lower()
    v = np.nan_to_num(np.asarray(values, dtype=float)) * weights[None, :]
    if u.endswith("/yr") or u.endswith("/year") or u.endswith("/a"):
        return v.sum(axis=1) / 12.0
    if u.endswith("/month") or u.endswith("/mo"):
        return v.sum(axis=1)
    return cumulative(values, units)[:, -1]   # already cumulative: cannot be discounted


def cost_effectiveness(scenarios, baseline, level, pairing, warn=None, discount=0.0):
    """Rows of cost-effectiveness measures for every scenario against the baseline.

    ``discount``: yearly rate; costs, bottom-40 % gains and village-years are weighted by
    (1 + rate) ** -(years since the first shared month) (0: plain sums)."""
    warn = warn or (lambda m: None)
    base = find_scenario(scenarios, baseline)
    rows = []
    if not base.has(COST_INDICATOR):
        return rows
    for sc in scenarios:
        if sc is base:
            continue
        row = {"scenario": sc.name}
        if not sc.has(COST_INDICATOR):
            rows.append(row)
            continue
        # extra cost over the whole run
        months, vals, ser = sc.matrix(COST_INDICATOR)
        bmonths, bvals, _ = base.matrix(COST_INDICATOR)
        common = [m for m in months if m in set(bmonths)]
        ia = [list(months).index(m) for m in common]
        ib = [list(bmonths).index(m) for m in common]
        weights = discount_weights(common, discount)
        cost = _total(vals[:, ia], ser.units, weights)
        bcost = _total(bvals[:, ib], ser.units, weights)
        dcost = _estimate_diff(cost, sc.seeds, bcost, base.seeds, level, pairing)
        row["extra_cost"] = dcost
        row["period"] = f"{common[0]} – {common[-1]}" if common else ""
        # bottom-40 % income over the snapshot years
        row["b40_gain"] = Estimate(float("nan"), float("nan"), float("nan"))
        row["cost_per_b40"] = float("nan")
        row["b40_years"] = ""
        if all(r.has_distribution for r in sc.runs + base.runs) and sc.has("population") \
                and base.has("population"):
            snaps = D._common_snapshots([r.distribution() for r in sc.runs + base.runs])
            by_year: Dict[int, str] = {}
            for m in snaps:
                by_year[int(m[:4])] = m          # last snapshot of each year
            years = [y for y in sorted(by_year)
                     if sum(1 for m in common if m.startswith(f"{y:04d}-")) == 12]
            if years:
                use = [by_year[y] for y in years]
                yw = discount_weights(common, discount)[[common.index(m) for m in use]] \
                    if all(m in common for m in use) else np.ones(len(use))
                g = np.array([(bottom40_income(r, use) * yw).sum() for r in sc.runs])
                bg = np.array([(bottom40_income(r, use) * yw).sum() for r in base.runs])
                dg = _estimate_diff(g, sc.seeds, bg, base.seeds, level, pairing)
                in_years = [k for k, m in enumerate(common) if int(m[:4]) in set(years)]
                c_y = _total(vals[:, ia][:, in_years], ser.units, weights[in_years])
                bc_y = _total(bvals[:, ib][:, in_years], ser.units, weights[in_years])
                dc_y = _estimate_diff(c_y, sc.seeds, bc_y, base.seeds, level, pairing)
                row["b40_gain"] = dg
                row["b40_cost"] = dc_y
                row["b40_years"] = (f"{years[0]}–{years[-1]}" if len(years) > 1
                                    else str(years[0]))
                row["cost_per_b40"] = (dc_y.mean / dg.mean if dg.mean > 0 else float("nan"))
        # weak villages lifted by the end of the run
        row["villages_lifted"] = Estimate(float("nan"), float("nan"), float("nan"))
        row["cost_per_village"] = float("nan")
        if sc.has("weak_villages") and base.has("weak_villages"):
            w = _final(sc, "weak_villages")
            bw = _final(base, "weak_villages")
            # lifted = baseline weak - scenario weak
            lifted = _estimate_diff(-w, sc.seeds, -bw, base.seeds, level, pairing)
            row["villages_lifted"] = lifted
            row["cost_per_village"] = (dcost.mean / lifted.mean if lifted.mean > 0
                                       else float("nan"))
        # weak villages lifted, cumulated over the run: village-years (one village lifted
        # for twelve months counts 1), the effect the end-of-run difference hides when
        # villages are lifted early and the baseline catches up later
        row["village_years"] = Estimate(float("nan"), float("nan"), float("nan"))
        row["cost_per_village_year"] = float("nan")
        if sc.has("weak_villages") and base.has("weak_villages"):
            wm, wv, _ = sc.matrix("weak_villages")
            bm, bv, _ = base.matrix("weak_villages")
            shared = [m for m in wm if m in set(bm)]
            wa = wv[:, [list(wm).index(m) for m in shared]]
            wb = bv[:, [list(bm).index(m) for m in shared]]
            vw = discount_weights(shared, discount)[None, :]
            years = _estimate_diff(-np.nansum(wa * vw, axis=1) / 12, sc.seeds,
                                   -np.nansum(wb * vw, axis=1) / 12, base.seeds, level, pairing)
            row["village_years"] = years
            row["cost_per_village_year"] = (dcost.mean / years.mean if years.mean > 0
                                            else float("nan"))
        # relocated households
        row["relocated"] = None
        row["cost_per_relocated"] = float("nan")
        if sc.has("relocated_households") and base.has("relocated_households"):
            rel = _estimate_diff(_final(sc, "relocated_households"), sc.seeds,
                                 _final(base, "relocated_households"), base.seeds, level,
                                 pairing)
            row["relocated"] = rel
            row["cost_per_relocated"] = (dcost.mean / rel.mean if rel.mean > 0
                                         else float("nan"))
        rows.append(row)
    return rows


def ratio_text(ratio: float, denominator: Estimate, unit: str, what: str) -> str:
    """Cost per unit of an outcome, or why there is no number: the outcome did not improve,
    or its interval includes 0 (the ratio would divide by noise)."""
    if not math.isfinite(denominator.mean):
        return "n/a"
    if not (denominator.mean > 0):
        return f"n/a (no {what})"
    if math.isfinite(denominator.lo) and math.isfinite(denominator.hi) \
            and denominator.lo <= 0 <= denominator.hi:
        return f"not distinguishable from 0 (the {what}'s interval includes 0)"
    if not math.isfinite(ratio):
        return "n/a"
    if ratio < 0:
        return f"{P.format_number(ratio)} {unit} (saves money)"
    return f"{P.format_number(ratio)} {unit}"


def plot_cumulative(scenarios, baseline, indicator, band, level, pairing="auto", diff=False):
    base = find_scenario(scenarios, baseline)
    cols = P.scenario_colours([s.name for s in scenarios], base.name)
    fig, ax = P.plt.subplots(figsize=(9, 4.6))
    bm, bv, bser = base.matrix(indicator)
    bcum = cumulative(bv, bser.units)
    curves = []
    for sc in scenarios:
        m, v, ser = sc.matrix(indicator)
        cum = cumulative(v, ser.units)
        if diff:
            if sc is base:
                continue
            common = [x for x in m if x in set(bm)]
            ia = [list(m).index(x) for x in common]
            ib = [list(bm).index(x) for x in common]
            res = difference(cum[:, ia], sc.seeds, bcum[:, ib], base.seeds, level, pairing)
            curves.append((sc.name, common, res.diff, res.lo, res.hi,
                           f"{sc.name} − {base.name} ({res.method}, n={res.n})"))
        else:
            mean, lo, hi, n = summarize(cum, band, level)
            curves.append((sc.name, m, mean, lo, hi, f"{sc.name} (n={len(sc.runs)})"))
    mag = P.magnitude_of(*[c[2] for c in curves], *[c[4] for c in curves])
    disp = P.display_for(indicator, "yuan", mag)
    for name, months, mean, lo, hi, label in curves:
        x = C._dates(months)
        ax.plot(x, mean * disp.scale, color=cols[name], lw=1.8, label=label)
        if np.isfinite(lo).any():
            ax.fill_between(x, lo * disp.scale, hi * disp.scale, color=cols[name], alpha=0.2,
                            lw=0)
    if diff:
        ax.axhline(0, color="#333333", lw=0.9)
    P.format_date_axis(ax)
    P.format_value_axis(ax, disp)
    ax.set_xlabel("month")
    ax.set_ylabel(("difference, " if diff else "") + disp.unit + " (cumulative)")
    if diff:
        P.set_titles(fig, ax, f"Extra cumulative spending vs {base.name} [{indicator}]",
                     f"line: mean difference; shaded: {P._pct_text(level)} confidence interval")
    else:
        P.set_titles(fig, ax, f"Cumulative spending [{indicator}]",
                     f"line: mean of replicates; shaded: {band_label(band, level)}")
    P.legend_below(ax, max_cols=2 if diff else 3)
    return fig
