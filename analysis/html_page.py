"""HTML building blocks shared by the report pages (analysis/report.py, analysis/sweep/):
the inline style sheet, escaping, tables and embedded figures."""

from __future__ import annotations

import html

from . import plotting as P


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
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.88em;max-width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;vertical-align:top;
overflow-wrap:break-word}
th{background:#f3f5f8;font-weight:600} tr:nth-child(even) td{background:#fbfbfc}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.yes{color:#1a7f37;font-weight:600} .no{color:#b42318;font-weight:600} .na{color:#888}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.4em;
vertical-align:-.1em}
.figs{display:grid;grid-template-columns:1fr;gap:10px 18px;margin:.4em 0 1em;max-width:980px}
.figs img,.fig img{width:100%;height:auto;border:1px solid #eee}
.fig{margin:.6em 0 1.2em} code{background:#f3f3f3;padding:0 3px;border-radius:3px}
@media (max-width:900px){main{padding:16px 12px 40px}}
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


