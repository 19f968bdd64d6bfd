"""The sweep report: one self-contained HTML page (same look as ``python3 -m analysis report``:
inline CSS, figures embedded as base64 PNG, nothing fetched from the network)."""

from __future__ import annotations

import datetime as _dt
import os
from typing import List, Optional

import numpy as np

from .. import __version__
from .. import plotting as P
from ..html_page import CSS, Raw, esc, img, table_html
from ..stats import band_label
from . import figures as F
from .tables import Analysis, EFFECT_DESIGNS

DESIGN_TEXT = {
    "grid": "full-factorial grid",
    "oat": "one-at-a-time (each factor varied alone from the base values)",
    "lhs": "Latin hypercube sample",
    "sobol": "Sobol/Saltelli sample (matrices A, B and A_B^i)",
    "morris": "Morris trajectories (elementary effects)",
}


def _num(x, digits: int = 4) -> str:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return str(x)
    return P.format_number(x, digits) if np.isfinite(x) else "n/a"


def _interval(m, lo, hi, digits: int = 3) -> str:
    if not np.isfinite(m):
        return "n/a"
    s = _num(m, digits)
    if np.isfinite(lo) and np.isfinite(hi):
        s += f" [{_num(lo, digits)}, {_num(hi, digits)}]"
    return s


def summary_html(a: Analysis) -> str:
    s = a.sweep
    done, failed = int(s.done.sum()), int((~s.done).sum())
    wall = np.nansum(s.wall_s)
    rows = [["design", DESIGN_TEXT.get(s.design, s.design)],
            ["sweep", s.name or "—"],
            ["base scenario", s.attrs.get("base_scenario", "—")],
            ["design points × replicates", f"{len(s.points)} × {len(s.replicates)} = "
                                           f"{s.n_runs} runs"],
            ["runs done / failed", Raw(f"<span class='yes'>{done}</span> / "
                                       f"<span class='{'no' if failed else 'na'}'>{failed}"
                                       "</span>")],
            ["sweep seed", s.attrs.get("seed", "—")],
            ["run time (sum over runs)", f"{wall / 3600:.2f} h" if wall >= 3600 else
             f"{wall:.0f} s"],
            ["index", Raw(f"<code>{esc(s.path)}</code> (sha256 of the sweep file "
                          f"<code>{esc(str(s.attrs.get('sweep_sha256', '—'))[:16])}…</code>)")]]
    if s.design == "sobol":
        rows.append(["Saltelli base rows N", s.attrs.get("sobol_n")])
    if s.design == "morris":
        rows.append(["Morris levels / step Δ", f"{s.attrs.get('morris_levels')} / "
                                               f"{_num(s.attrs.get('morris_delta'))}"])
    body = table_html(["", ""], rows)
    f = a.tables["factors"]
    frows = [[r["factor"], r["distribution"], _num(r["lo"]), _num(r["hi"]), r["levels"],
              r["apply"], Raw("<code>" + esc(r["pointers"]) + "</code>")]
             for _, r in f.iterrows()]
    body += "<h3>Factors</h3>" + table_html(
        ["factor", "distribution", "lo", "hi", "distinct values", "apply", "JSON pointers"],
        frows, num_cols=(2, 3, 4))
    if failed:
        errs = {}
        for k in np.nonzero(~s.done)[0]:
            errs.setdefault(str(s.error[k]) or "(no error text)", []).append(k)
        erows = [[len(v), ", ".join(f"{s.point[k]}/{s.replicate[k]}" for k in v[:12])
                  + (" …" if len(v) > 12 else ""), Raw(f"<code>{esc(e)}</code>")]
                 for e, v in sorted(errs.items(), key=lambda kv: -len(kv[1]))]
        body += ("<h3>Failed runs</h3><p class='note'>Failed runs have no outcomes (NaN) and "
                 "are left out of every estimate below (see Method).</p>"
                 + table_html(["runs", "point/replicate", "error"], erows, num_cols=(0,)))
    orows = [[n, o.kind, o.units or "—", o.definition or o.long_name or "—"]
             for n, o in s.outcomes.items()]
    body += "<h3>Outcomes</h3>" + table_html(["outcome", "kind", "units", "definition"],
                                             orows)
    body += ("<p class='note'>Analysed: " + esc(", ".join(a.summaries) or "none")
             + (". <code>SERIES@YEAR</code> is one year of a series." if any(
                 "@" in x for x in a.summaries) else ".") + "</p>")
    return body


def effects_html(a: Analysis, band_text: str) -> str:
    me, fe = a.tables.get("main_effects"), a.tables.get("factor_effects")
    level = P._pct_text(a.options.level)
    body = (f"<p class='note'>Each curve is the outcome against one factor, averaged over "
            "the other factors (grid), with the other factors at their base values (OAT), or "
            "in bins of the factor (LHS). Each replicate gives one curve (replicates share "
            "their seed across points, so a replicate's curve is a paired comparison); line: "
            f"mean of these curves; band: {esc(band_text)}, taken over the curves. The band includes the part of the "
            "noise that a seed gives every point alike, which cancels in differences: a band "
            "wider than the slope does not make the effect noise — the table below tests it "
            "on paired differences.</p>")
    for s in a.summaries:
        d = me[me["outcome"] == s]
        if d.empty:
            continue
        target = next((t for t in a.targets if t.outcome == s), None)
        fig = F.plot_main_effects(d, a.sweep, s, band_text, target)
        body += f"<div class='fig'>{img(fig, f'main effects on {s}')}</div>"
    if fe is not None and len(fe):
        rows = [[r["outcome"], r["factor"], f"{_num(r['from'])} → {_num(r['to'])}",
                 _interval(r["effect"], r["lo"], r["hi"]), _num(r["swing"], 3),
                 r["n_pairs"]] for _, r in fe.iterrows()]
        body += ("<h3>Effect of each factor, lowest to highest value</h3><p class='note'>"
                 "Mean over replicates of (outcome at the factor's highest level or bin − "
                 f"at its lowest), with the {esc(level)} t-interval of these paired "
                 "differences; <i>swing</i>: largest minus smallest mean along the factor. "
                 "Sorted by the size of the effect within each outcome.</p>")
        body += table_html(["outcome", "factor", "from → to", f"effect [{level} CI]",
                            "swing", "pairs"], rows, num_cols=(3, 4, 5))
    return body


def surface_html(a: Analysis) -> str:
    body = ("<p class='note'>The outcome over two factors (the two with the largest main-"
            "effect swing, or <code>--surface A,B</code>), averaged over replicates and the "
            "other factors in each cell; the orange line marks a target's threshold.</p>")
    for s, surf in a.surfaces.items():
        target = next((t for t in a.targets if t.outcome == s), None)
        fig = F.plot_surface(surf, a.sweep, target)
        body += f"<div class='fig'>{img(fig, f'surface of {s}')}</div>"
    return body


def sobol_html(a: Analysis) -> str:
    df = a.tables["sobol"]
    level = P._pct_text(a.options.level)
    body = ("<p class='note'><b>S1</b> (first order, Saltelli et al. 2010): the share of the "
            "outcome's variance explained by the factor alone. <b>ST</b> (total order, Jansen "
            "1999): the share explained by the factor including all its interactions; ST ≈ 0 "
            "means the factor can be fixed anywhere in its range. ST − S1: interactions. "
            f"In brackets: {esc(level)} bootstrap intervals ({a.options.n_boot} resamples of "
            "the Saltelli rows). Indices are those of the replicate mean (see Method); "
            "<i>noise</i> is the replicate noise left in that mean as a share of its "
            "variance — when it is not small, indices near 0 are not distinguishable from "
            "noise.</p>")
    for s in a.summaries:
        d = df[df["outcome"] == s]
        first = d.iloc[0]
        rows = [[r["factor"], _interval(r["S1"], r["S1_lo"], r["S1_hi"]),
                 _interval(r["ST"], r["ST_lo"], r["ST_hi"])] for _, r in d.iterrows()]
        noise = first["noise_share"]
        body += (f"<h3><code>{esc(s)}</code></h3><p class='note'>{first['rows']} Saltelli rows"
                 + (f" ({first['rows_dropped']} left out: a block without a done run)"
                    if first["rows_dropped"] else "")
                 + f", {first['replicates']} replicate(s); sum of S1 = "
                 f"{d['S1'].sum():.3f}; noise = "
                 + (f"{noise:.3f}" if np.isfinite(noise) else
                    "n/a (one replicate: the run-to-run noise is inside the indices)") + ".")
        est = d[["S1", "ST"]].to_numpy()
        if np.any(est < -0.05) or np.any(est > 1.05):
            body += (" <b>Some indices lie outside [0, 1]</b>: estimation error of too few "
                     "rows; more base samples (<code>design.samples</code>) narrow it.")
        body += "</p>"
        body += "<div class='figs'>" + img(F.plot_sobol(d, level), f"Sobol indices of {s}")
        body += "<div>" + table_html(["factor", f"S1 [{level}]", f"ST [{level}]"], rows,
                                     num_cols=(1, 2)) + "</div></div>"
    return body


def morris_html(a: Analysis) -> str:
    df = a.tables["morris"]
    level = P._pct_text(a.options.level)
    body = ("<p class='note'><b>mu*</b> (Campolongo et al. 2007): mean absolute elementary "
            "effect, the change of the outcome per full range of the factor (in design "
            "coordinates); rank factors by it. <b>mu</b>: the signed mean (|mu| ≪ mu*: "
            "effects change sign). <b>sigma</b>: standard deviation of the effects "
            "(non-linearity or interactions). "
            f"mu* interval: {esc(level)} bootstrap over the elementary effects.</p>")
    for s in a.summaries:
        d = df[df["outcome"] == s].sort_values("mu_star", ascending=False)
        rows = [[int(r["rank"]) if np.isfinite(r["rank"]) else "—", r["factor"],
                 _interval(r["mu_star"], r["mu_star_lo"], r["mu_star_hi"]), _num(r["mu"], 3),
                 _num(r["sigma"], 3), r["effects"]] for _, r in d.iterrows()]
        body += f"<h3><code>{esc(s)}</code></h3>"
        fig = F.plot_morris(d, level)
        body += f"<div class='fig'>{img(fig, f'Morris measures of {s}')}</div>"
        body += table_html(["rank", "factor", f"mu* [{level}]", "mu", "sigma", "effects"],
                           rows, num_cols=(0, 2, 3, 4, 5))
    return body


def discovery_html(a: Analysis) -> str:
    o = a.options
    body = ("<p class='note'>Which factor ranges meet a target? PRIM (Friedman &amp; Fisher "
            "1999) peels the box of all design points, "
            f"{esc(P._pct_text(o.prim_alpha))} of its points at a time from one side of "
            "one factor, keeping the peel that most raises the share of points in the box that "
            "meet the target (<i>density</i>). The box shown has the highest density among "
            f"those that keep at least {esc(P._pct_text(o.prim_coverage))} of all points "
            "meeting the target (<i>coverage</i>); a cut whose quasi-p-value (Bryant &amp; "
            f"Lempert 2010) exceeds {o.prim_max_p:g} is then lifted as a gain that chance "
            "explains as well (<code>--prim-max-p 1</code> keeps every cut). A point meets "
            "the target when the mean of its replicates does.</p>")
    if not a.targets:
        return body + ("<p class='note'>No target: give one with <code>--target "
                       "'OUTCOME&lt;NUMBER'</code> (e.g. <code>urban_rural_ratio@2025&lt;1.9"
                       "</code>). Without <code>--target</code> the targets of "
                       "<code>analysis/targets.json</code> whose indicator is a series of "
                       "the index are used; none is.</p>")
    for note in a.notes:
        if not note.startswith("No summary"):
            body += f"<p class='note'>{esc(note)}</p>"
    for t in a.targets:
        if t.text not in a.prim:
            continue
        d = a.prim[t.text]
        res, X, met = d.result, d.X, d.met
        b = res.box
        head = (f"<h3>{esc(t.text)}</h3><p class='note'>Source: {esc(t.source)}. "
                f"{res.n_met} of {res.n} design points meet the target "
                f"({100 * res.base_density:.0f} %).")
        if res.n_met == 0 or res.n_met == res.n:
            body += head + (" No box to find: " + ("no point meets it."
                                                   if res.n_met == 0 else
                                                   "every point meets it.") + "</p>")
            continue
        restricted = res.restricted()
        body += head + (f" Box: coverage {b.coverage:.2f}, density {b.density:.2f}, mass "
                        f"{b.mass:.2f} (step {res.chosen} of {len(res.trajectory) - 1}).</p>")
        rows = [[Raw(f"<b>{esc(n)}</b>") if i in restricted else n,
                 f"{_num(res.full_lo[i])} – {_num(res.full_hi[i])}",
                 f"{_num(b.lo[i])} – {_num(b.hi[i])}" if i in restricted else "any",
                 "—" if not np.isfinite(res.p_values[i]) else
                 f"{res.p_values[i]:.2g}" + ("" if i in restricted else " (lifted)")]
                for i, n in enumerate(res.names)]
        body += "<div class='figs'>" + img(F.plot_prim(res, X, met, t), f"PRIM {t.text}")
        body += "<div>" + table_html(["factor", "range in the sweep", "range in the box",
                                      "quasi-p"], rows, num_cols=(1, 2, 3)) + "</div></div>"
    return body


def method_html(a: Analysis, csv_files: List[str]) -> str:
    o = a.options
    files = "".join(f"<li><code>{esc(p)}</code></li>" for p in csv_files)
    return f"""
<ul class="note">
<li><b>Replicates</b> share their seeds across design points (common random numbers):
replicate r of every point uses the same seed, so a difference between points within one
replicate is a paired comparison. Bands and effect intervals are computed from each
replicate's numbers.</li>
<li><b>Sensitivity indices</b> (Sobol, Morris) and scenario discovery use the <b>mean over a
point's done replicates</b>: they describe the expected outcome, not single runs. The Sobol
section states how much replicate noise is left in that mean.</li>
<li><b>Failed runs</b> are left out: a point's mean uses its done replicates; a Saltelli
row is used only when all its blocks have a done run; an elementary effect only when both
of its points do.</li>
<li>Bootstrap intervals: {o.n_boot} resamples, seed {o.seed}, central
{esc(P._pct_text(o.level))}. Bands: {esc(band_label(o.band, o.level))}.</li>
<li>Formulas and references: <code>docs/sweep-analysis.md</code>.</li>
</ul>
<h3>CSV files</h3><ul class="note">{files or '<li>none (use --csv DIR)</li>'}</ul>"""


def build(a: Analysis, title: Optional[str] = None, csv_files: Optional[List[str]] = None
          ) -> str:
    s = a.sweep
    band_text = band_label(a.options.band, a.options.level)
    title = title or f"Parameter sweep: {s.name or os.path.basename(os.path.dirname(s.path))}"
    parts, nav = [], []

    def section(anchor, heading, body):
        nav.append((anchor, heading))
        parts.append(f'<h2 id="{anchor}">{esc(heading)}</h2>\n{body}')

    section("summary", "Sweep", summary_html(a) + "".join(
        f"<p class='note'>{esc(n)}</p>" for n in a.notes if n.startswith("No summary")))
    if s.design in EFFECT_DESIGNS and a.summaries:
        section("effects", "Main effects", effects_html(a, band_text))
    if a.surfaces:
        section("surface", "Response surface", surface_html(a))
    elif len(s.factors) >= 2 and s.design == "oat":
        section("surface", "Response surface",
                "<p class='note'>Not drawn: a one-at-a-time design has no points off the "
                "factors' axes.</p>")
    if "sobol" in a.tables:
        section("sobol", "Sobol indices", sobol_html(a))
    if "morris" in a.tables:
        section("morris", "Morris elementary effects", morris_html(a))
    if a.series and len(s.time):
        body = "".join(
            f"<div class='fig'>{img(F.plot_series(s, n, _top_factor(a)), n)}</div>"
            for n in a.series)
        section("series", "Outcome series", body)
    section("discovery", "Scenario discovery", discovery_html(a))
    section("method", "Method and files", method_html(a, csv_files or []))
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    links = "".join(f'<a href="#{x}">{esc(h)}</a>' for x, h in nav)
    head = (f"<h1>{esc(title)}</h1><div class='meta'>Generated {esc(now)} by prosim analysis "
            f"{esc(__version__)} · design: <b>{esc(s.design)}</b> · {len(s.factors)} factors · "
            f"{s.n_runs} runs</div><nav>{links}</nav>")
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
            + head + "\n".join(parts) + "</main></body></html>\n")


def _top_factor(a: Analysis) -> str:
    """The factor that colours the series figures: the most influential one on the first
    summary outcome, by the design's own measure."""
    if not a.summaries:
        return a.sweep.factor_names[0]
    s = a.summaries[0]
    for key, col in (("sobol", "ST"), ("morris", "mu_star")):
        if key in a.tables:
            d = a.tables[key]
            d = d[d["outcome"] == s]
            if d[col].notna().any():
                return str(d.loc[d[col].idxmax(), "factor"])
    fe = a.tables.get("factor_effects")
    if fe is not None and len(fe) and (fe["outcome"] == s).any():
        return str(fe[fe["outcome"] == s].iloc[0]["factor"])
    if s in a.surfaces:
        return a.surfaces[s].fx
    return a.sweep.factor_names[0]
