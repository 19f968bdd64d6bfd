"""``report``: one self-contained HTML page comparing a set of scenarios.

Figures are embedded as base64 PNG, the CSS is inline and nothing is fetched from the
network, so the file can be mailed or opened offline.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
from typing import Dict, List, Optional, Sequence

import numpy as np

from . import __version__
from . import compare as C
from . import distribution as D
from . import plotting as P
from . import targets as T
from .costs import (COST_INDICATOR, Estimate, cost_effectiveness, cumulative,  # noqa: F401 (re-exported)
                    fiscal_totals, plot_cumulative, ratio_text, spending_indicators)
from .cli_common import add_command, comma_list, write_page
from .report_summary import summary_html
from .html_page import CSS, Raw, esc, img, met_html, swatch, table_html  # noqa: F401
from .runs import AnalysisError, Scenario, find_scenario, load_scenarios
from .stats import band_label

KEY_INDICATORS = [
    "income_per_capita", "income_per_capita_rural", "urban_rural_ratio", "gini",
    "middle_income_share_100k_500k", "middle_income_share_200k_600k", "low_income_share_50k",
    "poverty_headcount", "county_income_per_capita_max_min_ratio",
    "county_gdp_per_capita_max_min_ratio", "weak_villages", "unemployment_rate",
]


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
    if isinstance(v, (dict, list, bool)) or v is None:
        s = json.dumps(v, ensure_ascii=False)      # true/false/null as in the scenario file
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
    height = 0.6 * len(rows) + 1.4
    fig, ax = P.plt.subplots(figsize=(10, height))
    labels = []
    starts = []
    ends = []
    for i, (sc, b) in enumerate(reversed(rows)):
        y = i
        labels.append(f"{sc}: {b['policy']} policy")
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
                ax.annotate(date, (d, y), xytext=(0, 10), textcoords="offset points",
                            ha="center", va="bottom", fontsize=9, color="#222222")
        if b["start"] != b["run_start"]:
            ax.annotate(b["start"], (s, y), xytext=(0, -10), textcoords="offset points",
                        ha="center", va="top", fontsize=9, color="#222222")
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


def build(scenarios: Sequence[Scenario], baseline: Optional[str] = None,
          indicators: Optional[Sequence[str]] = None, band: str = "percentile",
          level: float = 0.9, pairing: str = "auto", year: Optional[int] = None,
          targets_path: Optional[str] = None, title: Optional[str] = None,
          warn=None, discount: float = 0.0) -> str:
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
    ce = cost_effectiveness(scenarios, base.name, level, pairing, warn, discount)
    if ce:
        rows = []
        money = lambda x: ("+" if x > 0 else "") + P.format_number(x)  # noqa: E731
        for r in ce:
            if "extra_cost" not in r:
                rows.append([r["scenario"]] + ["n/a"] * 7)
                continue
            rel = r.get("relocated")
            years = f"<br><span class='meta'>{esc(r['b40_years'])}</span>" if r["b40_years"] else ""
            rows.append([
                swatch(cols[r["scenario"]], r["scenario"]),
                est_html(r["extra_cost"], money),
                Raw(est_html(r["b40_gain"], money) + years),
                ratio_text(r["cost_per_b40"], r["b40_gain"], "yuan", "gain"),
                est_html(r["village_years"], lambda x: f"{x:+,.1f}"),
                ratio_text(r["cost_per_village_year"], r["village_years"], "yuan", "outcome"),
                "n/a (not recorded)" if rel is None else est_html(rel, lambda x: f"{x:+,.0f}"),
                "n/a" if rel is None else ratio_text(r["cost_per_relocated"], rel, "yuan",
                                                      "outcome"),
            ])
        body = ("<p class='note'>All figures relative to <b>" + esc(base.name) + "</b>, mean "
                f"with the {esc(P._pct_text(level))} confidence interval below it, cumulated "
                "over the run. <b>Extra fiscal cost</b>: difference of cumulative "
                "<code>fiscal_cost_total</code>. <b>Bottom-40 % income gain</b>: difference, "
                "summed over the calendar years with a December (last) distribution snapshot, "
                "of 0.4 × population × mean of decile means 1–4 (<code>decile_mean_all</code>), "
                "i.e. the annual income of the poorest 40 % of persons (re-ranked in each "
                "scenario); <b>cost per yuan gained</b>: extra cost in those same years ÷ that "
                "gain. <b>Weak village-years lifted</b>: baseline minus scenario "
                "<code>weak_villages</code>, summed over the months of the run ÷ 12 (a village "
                "lifted for a year counts 1), so villages lifted early and caught up by the "
                "baseline later still count; <b>cost per village-year</b>: extra cost ÷ that. "
                "<b>Relocated households</b>: difference of the cumulative "
                "<code>relocated_households</code> in the last month. Each ratio charges the "
                "whole extra cost to one outcome. "
                + (f"Costs, gains and village-years are discounted at {discount:.1%} a year "
                   "to the first month. " if discount else "")
                + "A ratio is shown only when its outcome "
                "improved and the outcome's confidence interval excludes 0; otherwise it says "
                "so instead of printing a number.</p>")
        body += table_html(["scenario", "extra fiscal cost (yuan)",
                            "bottom-40 % income gain (yuan)", "cost per yuan gained (yuan)",
                            "weak village-years lifted", "cost per village-year (yuan)",
                            "extra relocated households", "cost per household (yuan)"], rows,
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


def est_html(e: Estimate, fmt) -> Raw:
    """A mean with its interval on a second line (keeps table columns narrow)."""
    if not math.isfinite(e.mean):
        return Raw("n/a")
    text = esc(fmt(e.mean))
    if math.isfinite(e.lo) and math.isfinite(e.hi):
        text += f"<br><span class='meta'>[{esc(fmt(e.lo))}, {esc(fmt(e.hi))}]</span>"
    return Raw(text)


# --------------------------------------------------------------------------------------------
# command line


def register(sub) -> None:
    p = add_command(
        sub, "report", "one self-contained HTML page comparing scenarios",
        "Write one self-contained HTML file (figures embedded as PNG, inline CSS, no "
        "network) comparing scenarios: descriptions and settings, policy timeline, key "
        "indicators with bands and differences to the baseline, targets, fiscal cost, "
        "cost-effectiveness and income distribution.",
        "example:\n  python3 -m analysis report --run baseline='results/base_r*.h5' "
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
    p.add_argument("--discount", type=float, default=0.0, metavar="RATE",
                   help="yearly discount rate for the cost-effectiveness sums, e.g. 0.03 "
                        "(default 0: undiscounted)")
    p.add_argument("--out", required=True, metavar="FILE.html", help="output HTML file")
    p.set_defaults(func=main)


def main(args) -> int:
    from .runs import _stderr_warn
    scenarios = load_scenarios(C.run_specs(args), _stderr_warn)
    indicators = comma_list(args.indicators) or None
    page = build(scenarios, args.baseline, indicators, args.band, args.level, args.pairing,
                 args.year, args.targets, args.title, _stderr_warn, args.discount)
    out = write_page(args.out, "report.html", page)
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)")
    return 0
