"""``report``: one self-contained HTML page comparing a set of scenarios.

Figures are embedded as base64 PNG, the CSS is inline and nothing is fetched from the
network, so the file can be mailed or opened offline.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html
import json
import math
import os
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

from . import __version__
from . import compare as C
from . import distribution as D
from . import plotting as P
from . import targets as T
from .runs import AnalysisError, Scenario, find_scenario, load_scenarios
from .stats import band_label, difference, summarize

KEY_INDICATORS = [
    "income_per_capita", "income_per_capita_rural", "urban_rural_ratio", "gini",
    "middle_income_share_100k_500k", "middle_income_share_200k_600k", "low_income_share_50k",
    "poverty_headcount", "county_income_per_capita_max_min_ratio",
    "county_gdp_per_capita_max_min_ratio", "weak_villages", "unemployment_rate",
]
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


def cost_effectiveness(scenarios, baseline, level, pairing, warn=None):
    """Rows of cost-effectiveness measures for every scenario against the baseline."""
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
        cost = cumulative(vals[:, ia], ser.units)[:, -1]
        bcost = cumulative(bvals[:, ib], ser.units)[:, -1]
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
                g = np.array([bottom40_income(r, use).sum() for r in sc.runs])
                bg = np.array([bottom40_income(r, use).sum() for r in base.runs])
                dg = _estimate_diff(g, sc.seeds, bg, base.seeds, level, pairing)
                in_years = [k for k, m in enumerate(common) if int(m[:4]) in set(years)]
                c_y = cumulative(vals[:, ia][:, in_years], ser.units)[:, -1]
                bc_y = cumulative(bvals[:, ib][:, in_years], ser.units)[:, -1]
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


# --------------------------------------------------------------------------------------------
# scenario settings and policy timeline


def flatten(obj, prefix="") -> Dict[str, object]:
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    else:
        out[prefix] = obj
    return out


def scenario_differences(base: dict, other: dict) -> List[tuple]:
    """(key, baseline value, scenario value) for settings that differ (name/seed ignored)."""
    ignore = {"name", "description", "seed"}
    fa, fb = flatten(base), flatten(other)
    keys = list(fa) + [k for k in fb if k not in fa]
    out = []
    for k in keys:
        if k in ignore:
            continue
        a, b = fa.get(k, "—"), fb.get(k, "—")
        if a != b:
            out.append((k, a, b))
    return out


def _seed_text(sc: Scenario) -> str:
    """'1, 2, 3', or 'replicates 1–3 of base seed 20210101' for prosim run --replicates."""
    bases = {r.attrs.get("base_seed") for r in sc.runs}
    reps = sorted(r.replicate for r in sc.runs if r.replicate is not None)
    if len(bases) == 1 and None not in bases and len(reps) == len(sc.runs):
        span = (f"{reps[0]}–{reps[-1]}" if reps == list(range(reps[0], reps[-1] + 1))
                and len(reps) > 2 else ", ".join(str(x) for x in reps))
        return f"replicates {span} of base seed {bases.pop()}"
    seeds = sorted(x for x in sc.seeds if x is not None)
    return ", ".join(str(x) for x in seeds[:8]) + (" …" if len(seeds) > 8 else "")


def _short(v, limit=90) -> str:
    if isinstance(v, (dict, list)):
        s = json.dumps(v, ensure_ascii=False)
    else:
        s = str(v)
    return s if len(s) <= limit else s[:limit - 1] + "…"


def policy_blocks(scenario: dict) -> List[dict]:
    """Policy blocks with start, end, enabled, schedule dates and other settings."""
    out = []
    start = scenario.get("start", "")
    end = scenario.get("end", "")
    for name, block in (scenario.get("policies") or {}).items():
        if not isinstance(block, dict):
            continue
        sched = []
        for entry in block.get("schedule") or []:
            if isinstance(entry, dict) and "date" in entry:
                rest = {k: v for k, v in entry.items() if k != "date"}
                sched.append((entry["date"], ", ".join(f"{k} {_short(v, 60)}"
                                                       for k, v in rest.items())))
        settings = {k: v for k, v in block.items()
                    if k not in ("start", "enabled", "schedule", "end")}
        out.append({"policy": name, "enabled": block.get("enabled", True) is not False,
                    "start": block.get("start", start), "end": block.get("end", end),
                    "schedule": sched, "settings": settings, "run_start": start,
                    "run_end": end})
    return out


def _month_num(m: str) -> np.datetime64:
    return np.datetime64(m + "-01", "D")


def plot_timeline(scenarios: Sequence[Scenario], baseline: str):
    rows = []
    for sc in scenarios:
        for b in policy_blocks(sc.scenario):
            rows.append((sc.name, b))
    if not rows:
        return None
    cols = P.scenario_colours([s.name for s in scenarios], baseline)
    height = 0.5 * len(rows) + 1.3
    fig, ax = P.plt.subplots(figsize=(10, height))
    labels = []
    starts = []
    ends = []
    for i, (sc, b) in enumerate(reversed(rows)):
        y = i
        labels.append(f"{sc}: {b['policy']}")
        try:
            s, e = _month_num(b["start"]), _month_num(b["end"])
            rs = _month_num(b["run_start"])
        except ValueError:
            continue
        e = e + np.timedelta64(27, "D")
        starts.append(rs)
        ends.append(e)
        if b["enabled"]:
            ax.barh(y, (e - s).astype(float), left=s, height=0.45, color=cols[sc], alpha=0.75)
        else:
            ax.barh(y, (e - s).astype(float), left=s, height=0.45, color="white",
                    edgecolor="#999999", hatch="///")
            ax.text(s, y, "  switched off", va="center", fontsize=8, color="#555555")
        for date, _ in b["schedule"]:
            try:
                d = _month_num(date)
            except ValueError:
                continue
            ax.plot([d], [y], marker="D", color="black", ms=5, zorder=5)
            if len(b["schedule"]) <= 6:
                ax.annotate(date, (d, y), xytext=(0, 7), textcoords="offset points",
                            ha="center", va="bottom", fontsize=7, color="#222222")
        if b["start"] != b["run_start"]:
            ax.annotate(b["start"], (s, y), xytext=(0, -8), textcoords="offset points",
                        ha="center", va="top", fontsize=7, color="#222222")
        ax.plot([s], [y], marker="|", color="black", ms=12, zorder=5)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    if starts:
        ax.set_xlim(min(starts) - np.timedelta64(60, "D"), max(ends) + np.timedelta64(60, "D"))
    P.format_date_axis(ax)
    ax.grid(axis="y", alpha=0)
    ax.set_xlabel("month")
    P.set_titles(fig, ax, "Policy timeline",
                 "bar: policy in force, from its start (tick) to the end of the run; "
                 "diamonds: scheduled changes (dates above)")
    return fig


# --------------------------------------------------------------------------------------------
# HTML


CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Helvetica,Arial,sans-serif;
color:#222;background:#fafafa;margin:0;line-height:1.45}
main{max-width:1180px;margin:0 auto;padding:24px 32px 60px;background:#fff;
box-shadow:0 0 12px rgba(0,0,0,.06)}
h1{font-size:1.7em;margin:.2em 0 .1em} h2{font-size:1.3em;margin-top:2.2em;
border-bottom:2px solid #e3e3e3;padding-bottom:.2em} h3{font-size:1.05em;margin:1.6em 0 .4em}
.meta{color:#666;font-size:.9em} .note{color:#555;font-size:.88em;max-width:60em}
nav{margin:1em 0;padding:.6em 1em;background:#f3f5f8;border-radius:6px;font-size:.92em}
nav a{margin-right:1.1em;color:#0b5394;text-decoration:none} nav a:hover{text-decoration:underline}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.88em}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600} tr:nth-child(even) td{background:#fbfbfc}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.yes{color:#1a7f37;font-weight:600} .no{color:#b42318;font-weight:600} .na{color:#888}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.4em;
vertical-align:-.1em}
.figs{display:grid;grid-template-columns:1fr 1fr;gap:10px 18px;margin:.4em 0 1em}
.figs img,.fig img{width:100%;height:auto;border:1px solid #eee}
.fig{margin:.6em 0 1.2em} code{background:#f3f3f3;padding:0 3px;border-radius:3px}
@media (max-width:900px){.figs{grid-template-columns:1fr}}
"""


class Raw(str):
    """Text that is already HTML."""


def esc(x) -> str:
    if isinstance(x, Raw):
        return str(x)
    return html.escape("" if x is None else str(x))


def table_html(headers, rows, num_cols=()) -> str:
    out = ["<table><thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in headers]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for k, cell in enumerate(r):
            cls = ' class="num"' if k in num_cols else ""
            out.append(f"<td{cls}>{esc(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def img(fig, alt: str) -> str:
    if fig is None:
        return ""
    data = P.to_base64(fig)
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def met_html(met: str) -> Raw:
    cls = {"yes": "yes", "no": "no"}.get(met, "na")
    return Raw(f'<span class="{cls}">{esc(met)}</span>')


def swatch(colour: str, name: str) -> Raw:
    return Raw(f'<span class="swatch" style="background:{colour}"></span>{esc(name)}')


def build(scenarios: Sequence[Scenario], baseline: Optional[str] = None,
          indicators: Optional[Sequence[str]] = None, band: str = "percentile",
          level: float = 0.9, pairing: str = "auto", year: Optional[int] = None,
          targets_path: Optional[str] = None, title: Optional[str] = None,
          warn=None) -> str:
    warn = warn or (lambda m: None)
    base = find_scenario(scenarios, baseline)
    names = [s.name for s in scenarios]
    cols = P.scenario_colours(names, base.name)
    others = [s for s in scenarios if s is not base]
    title = title or ("Scenario comparison: " + " vs ".join(names))
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts: List[str] = []
    sections: List[tuple] = []

    def section(anchor, heading, body):
        sections.append((anchor, heading))
        parts.append(f'<h2 id="{anchor}">{esc(heading)}</h2>\n{body}')

    # ---- scenarios
    rows = []
    for sc in scenarios:
        s = sc.scenario
        seed_text = _seed_text(sc)
        region = (s.get("region") or {}).get("name", "")
        rows.append([swatch(cols[sc.name], sc.name),
                     sc.description or "—", len(sc.runs), seed_text,
                     f"{s.get('start', '?')} – {s.get('end', '?')}", region,
                     s.get("scale", ""), sc.runs[0].attrs.get("source", "")])
    body = table_html(["scenario", "description", "runs", "seeds", "period", "region",
                       "scale", "model"], rows, num_cols=(2,))
    body += "<h3>Settings that differ from the baseline</h3>"
    for sc in others:
        diffs = scenario_differences(base.runs[0].scenario_without_seed(),
                                     sc.runs[0].scenario_without_seed())
        if diffs:
            body += f"<p><b>{esc(sc.name)}</b> (baseline: {esc(base.name)})</p>"
            body += table_html(["setting", base.name, sc.name],
                               [(k, _short(a), _short(b)) for k, a, b in diffs])
        else:
            body += (f"<p><b>{esc(sc.name)}</b>: same resolved settings as "
                     f"{esc(base.name)} (apart from name, description and seed).</p>")
    if not others:
        body += "<p class='note'>Only one scenario.</p>"
    section("scenarios", "Scenarios", body)

    # ---- policy timeline
    fig = plot_timeline(scenarios, base.name)
    body = f'<div class="fig">{img(fig, "policy timeline")}</div>' if fig else ""
    trows = []
    for sc in scenarios:
        for b in policy_blocks(sc.scenario):
            sched = "; ".join(f"{d}: {what}" for d, what in b["schedule"]) or "—"
            settings = ", ".join(f"{k} = {_short(v, 50)}" for k, v in b["settings"].items())
            trows.append([swatch(cols[sc.name], sc.name), b["policy"],
                          "on" if b["enabled"] else "off", b["start"], sched,
                          settings or "—"])
    if trows:
        body += table_html(["scenario", "policy", "status", "start", "scheduled changes",
                            "settings"], trows)
    else:
        body += "<p class='note'>No policy blocks in the scenarios.</p>"
    section("policies", "Policy timeline", body)

    # ---- key indicators
    if indicators:
        key = list(indicators)
    else:
        key = [i for i in KEY_INDICATORS if all(sc.has(i) for sc in scenarios)]
    missing = [i for i in key if not all(sc.has(i) for sc in scenarios)]
    if missing:
        raise AnalysisError("indicator(s) missing from some runs: " + ", ".join(missing))
    result = C.compute(scenarios, base.name, key, None, band, level, pairing, None, warn)
    body = (f"<p class='note'>Curves are the mean over replicates; the shaded band is the "
            f"{esc(band_label(band, level))}. Differences to <b>{esc(base.name)}</b> are shown "
            f"with their {esc(P._pct_text(level))} confidence interval: "
            + esc("; ".join(f"{k}: {v}" for k, v in result.methods.items()) or "—")
            + ".</p>")
    final = C.final_table(result)
    frows = []
    for _, r in final.iterrows():
        ind, units = r["indicator"], r["units"]
        val = Raw(esc(P.format_value(r["mean"], ind, units)) +
                  f"<br><span class='meta'>[{esc(P.format_value(r['lo'], ind, units))}, "
                  f"{esc(P.format_value(r['hi'], ind, units))}]</span>")
        if r["scenario"] == base.name:
            dif = "—"
        else:
            dif = Raw(esc(P.format_value(r["diff"], ind, units, diff=True)) +
                      f"<br><span class='meta'>[{esc(P.format_value(r['diff_lo'], ind, units, True))}"
                      f", {esc(P.format_value(r['diff_hi'], ind, units, True))}]</span>")
        frows.append([ind, swatch(cols[r["scenario"]], r["scenario"]), r["date"], val, dif])
    body += "<h3>Values at the end of the run</h3>"
    body += table_html(["indicator", "scenario", "month", "mean [band]",
                        f"difference to {base.name} [CI]"], frows, num_cols=(3, 4))
    for ind in key:
        info = result.info[ind]
        body += f"<h3>{esc(info.long_name[:1].upper() + info.long_name[1:])} " \
                f"<code>{esc(ind)}</code></h3><div class='figs'>"
        f1 = C.plot_levels(result, ind)
        body += img(f1, f"{ind} by scenario")
        if others:
            f2 = C.plot_diffs(result, ind)
            body += img(f2, f"{ind} difference to {base.name}")
        body += "</div>"
    section("indicators", "Key indicators", body)

    # ---- targets
    tdf, tyear = None, None
    try:
        targets, file_year = T.load_targets(targets_path)
        tyear = T.resolve_year(scenarios, year or file_year)
        tdf = T.evaluate(scenarios, targets, tyear, "auto", level)
        headers = ["target", "source"]
        for sc in scenarios:
            headers += [f"{sc.name}: value", "met"]
        trows = []
        for label, g in tdf.groupby("label", sort=False):
            first = g.iloc[0]
            basis = "/".join(T.BASIS.get(b, b) for b in str(first["aggregate"]).split("/"))
            row = [Raw(f"{esc(label)}<br><span class='meta'>{esc(T.target_text(first))}"
                       f" · <code>{esc(first['indicator'])}</code> · {esc(basis)}</span>"),
                   Raw(f"{esc(first['source'])}" + (f"<br><span class='meta'>"
                                                     f"{esc(first['quote'])}</span>"
                                                     if first['quote'] else ""))]
            for sc in scenarios:
                r = g[g["scenario"] == sc.name]
                if r.empty:
                    row += ["n/a", met_html("n/a")]
                    continue
                r = r.iloc[0]
                v = T.value_text(r)
                if r["n"] > 1:
                    v = Raw(esc(v) + f"<br><span class='meta'>[{esc(T.value_text(r, 'lo'))}, "
                                     f"{esc(T.value_text(r, 'hi'))}]</span>")
                share = ("" if not math.isfinite(r["share_met"]) or r["n"] <= 1 else
                         f"<br><span class='meta'>{round(r['share_met'] * r['n'])}/{r['n']} "
                         "runs</span>")
                row += [v, Raw(str(met_html(r["met"])) + share)]
            trows.append(row)
        num = tuple(2 + 2 * k for k in range(len(scenarios)))
        body = (f"<p class='note'>Targets from <code>{esc(os.path.relpath(targets_path or T.DEFAULT_TARGETS))}"
                f"</code> for {tyear}. Value in {tyear}, averaged over replicates, with the "
                "5th–95th percentile of replicates in brackets; <i>met</i>: whether the mean "
                "meets the target, and how many replicates do. Basis of the annual value: "
                + esc(T.basis_note()) + ".</p>")
        body += table_html(headers, trows, num_cols=num)
    except AnalysisError as exc:
        body = f"<p class='note'>Targets not evaluated: {esc(exc)}</p>"
    section("targets", "Policy targets", body)

    # ---- fiscal cost
    body = ""
    spend = spending_indicators(scenarios)
    tot = None
    if spend:
        tot = fiscal_totals(scenarios, base.name, band, level, pairing)
        s0 = scenarios[0].scenario
        body += (f"<p class='note'>Cumulative spending over the run "
                 f"({esc(s0.get('start', '?'))} – {esc(s0.get('end', '?'))}), nominal yuan; "
                 f"level: mean [{esc(band_label(band, level))}]; difference: mean "
                 f"[{esc(P._pct_text(level))} confidence interval].</p>")
        frows = []
        for ind in spend:
            for sc in scenarios:
                lvl, dif, units = tot[ind][sc.name]
                frows.append([ind, swatch(cols[sc.name], sc.name),
                              lvl.text(lambda x: P.format_number(x)),
                              "—" if dif is None else dif.text(
                                  lambda x: ("+" if x > 0 else "") + P.format_number(x))])
        body += table_html(["spending", "scenario", "cumulative, yuan",
                            f"difference to {base.name}, yuan"], frows, num_cols=(2, 3))
        body += "<div class='figs'>"
        body += img(plot_cumulative(scenarios, base.name, COST_INDICATOR if COST_INDICATOR in
                                    spend else spend[0], band, level), "cumulative cost")
        if others:
            body += img(plot_cumulative(scenarios, base.name, COST_INDICATOR if COST_INDICATOR
                                        in spend else spend[0], band, level, pairing,
                                        diff=True), "extra cumulative cost")
        body += "</div>"
    else:
        body += "<p class='note'>No spending indicators in the runs.</p>"
    section("fiscal", "Fiscal cost", body)

    # ---- cost-effectiveness
    ce = cost_effectiveness(scenarios, base.name, level, pairing, warn)
    if ce:
        rows = []
        money = lambda x: ("+" if x > 0 else "") + P.format_number(x)  # noqa: E731
        for r in ce:
            if "extra_cost" not in r:
                rows.append([r["scenario"]] + ["n/a"] * 7)
                continue
            rel = r.get("relocated")
            rows.append([
                swatch(cols[r["scenario"]], r["scenario"]),
                r["extra_cost"].text(money),
                r["b40_gain"].text(money) + (f" ({r['b40_years']})" if r["b40_years"] else ""),
                _ratio_text(r["cost_per_b40"], r["b40_gain"].mean, "yuan"),
                r["villages_lifted"].text(lambda x: f"{x:+,.1f}"),
                _ratio_text(r["cost_per_village"], r["villages_lifted"].mean, "yuan"),
                "n/a (no relocated_households)" if rel is None else rel.text(
                    lambda x: f"{x:+,.0f}"),
                "n/a" if rel is None else _ratio_text(r["cost_per_relocated"], rel.mean,
                                                       "yuan"),
            ])
        body = ("<p class='note'>All figures relative to <b>" + esc(base.name) + "</b>, mean "
                f"[{esc(P._pct_text(level))} confidence interval]. "
                "<b>Extra fiscal cost</b>: difference of cumulative <code>fiscal_cost_total</code>"
                " over the run. <b>Bottom-40 % income gain</b>: difference, summed over the "
                "calendar years with a December (last) distribution snapshot, of 0.4 × "
                "population × mean of decile means 1–4 (<code>decile_mean_all</code>), i.e. "
                "the annual income of the poorest 40 % of persons (re-ranked in each "
                "scenario). <b>Cost per yuan gained</b>: extra cost in those same years ÷ that gain. "
                "<b>Weak villages lifted</b>: baseline minus scenario <code>weak_villages</code>"
                " in the last month; <b>cost per village lifted</b>: extra cost over the run ÷ "
                "villages lifted. <b>Relocated households</b>: difference of the cumulative "
                "<code>relocated_households</code> in the last month. Each ratio charges the "
                "whole extra cost to one outcome; n/a when the outcome did not improve.</p>")
        body += table_html(["scenario", "extra fiscal cost, yuan",
                            "bottom-40 % income gain, yuan", "cost per yuan gained",
                            "weak villages lifted", "cost per village lifted",
                            "extra relocated households", "cost per household"], rows,
                           num_cols=(1, 2, 3, 4, 5, 6, 7))
    else:
        body = "<p class='note'>Needs at least two scenarios and fiscal_cost_total.</p>"
    section("cost", "Cost-effectiveness", body)

    # ---- distribution
    if all(r.has_distribution for sc in scenarios for r in sc.runs):
        try:
            dtable, dinfo = D.compute(scenarios, base.name, None, D.POPULATIONS, None, False,
                                      band, level, pairing, warn)
            y = dinfo["years"][-1]
            body = (f"<p class='note'>Snapshots of per-capita disposable income "
                    f"({', '.join(sorted(set(dinfo['snapshots'].values())))}). Lorenz curves "
                    "and Gini are computed from the decile means.</p>")
            if others:
                body += f"<div class='fig'>{img(D.plot_decile_change(dtable, dinfo, year=y), 'decile change')}</div>"
            body += f"<div class='fig'>{img(D.plot_deciles(dtable, dinfo), 'deciles')}</div>"
            body += f"<div class='fig'>{img(D.plot_lorenz(dtable, dinfo), 'lorenz')}</div>"
        except AnalysisError as exc:
            body = f"<p class='note'>Distribution not shown: {esc(exc)}</p>"
        section("distribution", "Income distribution", body)

    # ---- method and files
    files = "".join(f"<li><b>{esc(sc.name)}</b>: " + ", ".join(
        f"<code>{esc(r.path)}</code> (seed {esc(r.seed)})" for r in sc.runs) + "</li>"
        for sc in scenarios)
    body = f"""
<ul class="note">
<li><b>Bands</b>: {esc(band_label(band, level))} at each date. With few replicates the
percentile band is close to the range of the runs.</li>
<li><b>Differences</b> to the baseline: when the scenarios' runs share their seeds (common
random numbers), runs with the same seed are paired and the interval is a t-interval of the
mean paired difference; otherwise Welch's unequal-variance t-interval of the difference of
means. The interval covers {esc(P._pct_text(level))} (two-sided).</li>
<li><b>Annual values</b> for targets: the file's calendar-year indicator (<code>/annual</code>)
where it exists, else the mean over the months of the calendar year.</li>
<li><b>Cumulative spending</b>: monthly flows (<code>yuan/month</code>) summed over months.</li>
</ul>
<h3>Files</h3><ul class="note">{files}</ul>"""
    section("method", "Method and files", body)

    # ---- summary first
    summary = summary_html(scenarios, base, cols, final, tdf, tyear, tot, level)
    parts.insert(0, f'<h2 id="summary">Summary</h2>\n{summary}')
    sections.insert(0, ("summary", "Summary"))

    nav = "".join(f'<a href="#{a}">{esc(h)}</a>' for a, h in sections)
    head = (f"<h1>{esc(title)}</h1><div class='meta'>Generated {esc(now)} by "
            f"prosim analysis {esc(__version__)} · baseline: <b>{esc(base.name)}</b> · "
            f"{sum(len(s.runs) for s in scenarios)} run files</div><nav>{nav}</nav>")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
            + head + "\n".join(parts) + "</main></body></html>\n")


SUMMARY_INDICATORS = ["income_per_capita", "urban_rural_ratio", "gini",
                      "middle_income_share_100k_500k"]


def summary_html(scenarios, base, cols, final, tdf, tyear, tot, level) -> str:
    """One row per scenario: targets met, end-of-run values and differences, extra cost."""
    headers = ["scenario", "runs"]
    if tdf is not None:
        headers.append(f"targets met in {tyear}")
    shown = [i for i in SUMMARY_INDICATORS if i in set(final["indicator"])]
    for ind in shown:
        headers.append(ind)
    if tot and COST_INDICATOR in tot:
        headers.append("fiscal cost over the run")
    rows = []
    for sc in scenarios:
        row = [swatch(cols[sc.name], sc.name), len(sc.runs)]
        if tdf is not None:
            g = tdf[tdf["scenario"] == sc.name]
            known = g[g["met"] != "n/a"]
            row.append(f"{int((known['met'] == 'yes').sum())} of {len(g)}")
        for ind in shown:
            r = final[(final["indicator"] == ind) & (final["scenario"] == sc.name)]
            if r.empty:
                row.append("n/a")
                continue
            r = r.iloc[0]
            text = esc(P.format_value(r["mean"], ind, r["units"]))
            if sc is not base:
                text += (f"<br><span class='meta'>"
                         f"{esc(P.format_value(r['diff'], ind, r['units'], diff=True))} "
                         f"[{esc(P.format_value(r['diff_lo'], ind, r['units'], True))}, "
                         f"{esc(P.format_value(r['diff_hi'], ind, r['units'], True))}]</span>")
            row.append(Raw(text))
        if tot and COST_INDICATOR in tot:
            lvl, dif, _ = tot[COST_INDICATOR][sc.name]
            text = esc(P.format_number(lvl.mean)) + " yuan"
            if dif is not None:
                text += (f"<br><span class='meta'>{esc(dif.text(lambda x: ('+' if x > 0 else '') + P.format_number(x)))}"
                         "</span>")
            row.append(Raw(text))
        rows.append(row)
    month = final["date"].max() if len(final) else ""
    note = (f"<p class='note'>Indicator values: mean over replicates in the last month "
            f"({esc(month)}); under each non-baseline scenario, its difference to "
            f"<b>{esc(base.name)}</b> with the {esc(P._pct_text(level))} confidence "
            "interval. Details in the sections below.</p>")
    return note + table_html(headers, rows, num_cols=tuple(range(1, len(headers))))


def _ratio_text(ratio: float, denominator: float, unit: str) -> str:
    if not math.isfinite(denominator):
        return "n/a"
    if not (denominator > 0):
        return "n/a (no gain)"
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
    ax.legend(loc="upper left")
    return fig


# --------------------------------------------------------------------------------------------
# command line


def _wrap(text: str) -> str:
    import textwrap
    return textwrap.fill(text, 79)


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="one self-contained HTML page comparing scenarios",
        description=_wrap("Write one self-contained HTML file (figures embedded as PNG, inline CSS, "
                    "no network) comparing scenarios: descriptions and settings, policy "
                    "timeline, key indicators with bands and differences to the baseline, "
                    "targets, fiscal cost, cost-effectiveness and income distribution."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example:\n  python3 -m analysis report --run baseline='results/base_r*.h5' "
               "--run policy='results/pol_r*.h5' --out reports/report.html")
    C.add_common_run_args(p)
    p.add_argument("--indicators", metavar="LIST",
                   help="comma-separated key indicators (default: "
                        + ", ".join(KEY_INDICATORS) + ", those present)")
    C.add_band_args(p)
    p.add_argument("--year", type=int, default=None,
                   help="target year (default: the targets file's year, else 2025)")
    p.add_argument("--targets", metavar="FILE", default=None,
                   help="targets file (default: analysis/targets.json)")
    p.add_argument("--title", default=None, help="page title")
    p.add_argument("--out", required=True, metavar="FILE.html", help="output HTML file")
    p.set_defaults(func=main)


def main(args) -> int:
    from .runs import _stderr_warn
    scenarios = load_scenarios(C.run_specs(args), _stderr_warn)
    indicators = ([s.strip() for s in args.indicators.split(",") if s.strip()]
                  if args.indicators else None)
    page = build(scenarios, args.baseline, indicators, args.band, args.level, args.pairing,
                 args.year, args.targets, args.title, _stderr_warn)
    out = args.out
    if os.path.isdir(out) or out.endswith(os.sep):
        out = os.path.join(out, "report.html")
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page)
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)")
    return 0
