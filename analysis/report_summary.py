"""The report's summary table: one row per scenario with targets met, end-of-run values of a few
key indicators (difference to the baseline and its interval below) and the fiscal cost."""

from __future__ import annotations

from . import plotting as P
from .costs import COST_INDICATOR
from .html_page import Raw, esc, swatch, table_html


SUMMARY_INDICATORS = ["income_per_capita", "urban_rural_ratio", "gini",
                      "middle_income_share_100k_500k"]
SUMMARY_LABELS = {"income_per_capita": "income per capita (yuan/yr)",
                  "urban_rural_ratio": "urban-rural income ratio",
                  "gini": "Gini index",
                  "middle_income_share_100k_500k": "households 100k–500k yuan (%)"}


def summary_html(scenarios, base, cols, final, tdf, tyear, tot, level) -> str:
    """One row per scenario: targets met, end-of-run values and differences, extra cost."""
    headers = ["scenario", "runs"]
    if tdf is not None:
        headers.append(f"targets met in {tyear}")
    shown = [i for i in SUMMARY_INDICATORS if i in set(final["indicator"])]
    for ind in shown:
        units = final[final["indicator"] == ind]["units"].iloc[0]
        headers.append(SUMMARY_LABELS.get(ind, f"{ind} ({units})"))
    if tot and COST_INDICATOR in tot:
        headers.append("fiscal cost over the run (yuan)")
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
