"""Shared figure helpers: Agg backend, colours, units on axes, date axes, number formats."""

from __future__ import annotations

import base64
import io
import math
import re
import sys
import textwrap
from dataclasses import dataclass
from typing import Optional, Sequence

import matplotlib

if "matplotlib.pyplot" not in sys.modules:
    matplotlib.use("Agg")  # no display needed; leaves an interactive session's backend alone

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import numpy as np  # noqa: E402

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11.5,
    "axes.titleweight": "bold",
    "axes.labelsize": 10.5,
    "legend.fontsize": 9.5,
    "legend.framealpha": 0.85,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
}


def apply_style() -> None:
    """The figure style of the command line tool (called by ``python3 -m analysis``)."""
    plt.rcParams.update(STYLE)


# baseline first (dark grey), then colour-blind friendly colours (Okabe-Ito)
PALETTE = ["#4d4d4d", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
           "#56B4E9", "#F0E442", "#000000"]


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def scenario_colours(names: Sequence[str], baseline: Optional[str]) -> dict:
    """Baseline gets the grey, the others the colours in order."""
    out = {}
    i = 1
    for n in names:
        if n == baseline:
            out[n] = PALETTE[0]
        else:
            out[n] = PALETTE[i % len(PALETTE)] if i < len(PALETTE) else PALETTE[i % 8 + 1]
            i += 1
    return out


# --------------------------------------------------------------------------------------------
# units


@dataclass
class Display:
    """How an indicator is shown: values * scale, in ``unit`` (``diff_unit`` for differences)."""

    kind: str          # share, ratio, index, money, percent, count, number
    scale: float
    unit: str
    diff_unit: str
    raw_units: str

    def axis_label(self, diff: bool = False) -> str:
        return self.diff_unit if diff else self.unit


_SHARE = re.compile(r"(share|rate|headcount)")
_RATIO = re.compile(r"(ratio|p90_p10)")


def indicator_kind(name: str, units: str) -> str:
    u = (units or "").strip().lower()
    if u in ("1", "", "share", "fraction", "-"):
        if _RATIO.search(name):
            return "ratio"
        if _SHARE.search(name):
            return "share"
        return "index"
    if u.startswith("yuan"):
        return "money"
    if u.startswith("percent") or u.startswith("%"):
        return "percent"
    if u.startswith("count") or u in ("persons", "jobs", "households"):
        return "count"
    return "number"


def display_for(name: str, units: str, magnitude: float = float("nan")) -> Display:
    """Display settings; ``magnitude`` (largest absolute value) picks million/billion."""
    kind = indicator_kind(name, units)
    if kind == "share":
        return Display(kind, 100.0, "percent (%)", "percentage points", units)
    if kind == "ratio":
        return Display(kind, 1.0, "ratio", "difference of the ratio", units)
    if kind == "index":
        label = "index (0–1)" if name.startswith("gini") else "index"
        return Display(kind, 1.0, label, "difference of the " + label.split(" ")[0], units)
    if kind == "money":
        if math.isfinite(magnitude) and magnitude >= 1e9:
            unit = "billion " + units
            return Display(kind, 1e-9, unit, unit, units)
        if math.isfinite(magnitude) and magnitude >= 1e6:
            unit = "million " + units
            return Display(kind, 1e-6, unit, unit, units)
        return Display(kind, 1.0, units, units, units)
    if kind == "count" and math.isfinite(magnitude) and magnitude >= 1e6:
        unit = "million " + units
        return Display(kind, 1e-6, unit, unit, units)
    return Display(kind, 1.0, units, units, units)


def magnitude_of(*arrays) -> float:
    best = float("nan")
    for a in arrays:
        a = np.asarray(a, dtype=float)
        a = a[np.isfinite(a)]
        if a.size:
            m = float(np.max(np.abs(a)))
            best = m if not math.isfinite(best) else max(best, m)
    return best


def format_value(x, name: str, units: str, diff: bool = False, digits: int = 4) -> str:
    """A number for tables: 56.5 %, 69,060, 2.212, 2.34 bn."""
    if x is None:
        return "n/a"
    try:
        x = float(x)
    except (TypeError, ValueError):
        return str(x)
    if not math.isfinite(x):
        return "n/a"
    kind = indicator_kind(name, units)
    sign = "+" if diff and x > 0 else ""
    if kind == "share":
        v = 100 * x
        return f"{sign}{v:.2f} pp" if diff else f"{v:.2f} %"
    if kind in ("ratio", "index"):
        # fixed decimals, never e-notation: 3 (ratio) or 4 (index), more for tiny values so
        # that they keep two significant digits (a Gini difference of +0.00046)
        decimals = 3 if kind == "ratio" else 4
        if x != 0 and abs(x) < 10 ** -(decimals - 1):
            decimals = max(decimals, 1 - int(math.floor(math.log10(abs(x)))))
        return f"{sign}{x:.{decimals}f}"
    return sign + format_number(x, digits)


def format_number(x: float, digits: int = 4) -> str:
    if not math.isfinite(x):
        return "n/a"
    a = abs(x)
    if a >= 1e9:
        return f"{x / 1e9:.{max(digits - 1, 1)}g} bn"
    if a >= 1e6:
        return f"{x / 1e6:.{max(digits - 1, 1)}g} m"
    if a >= 1000:
        return f"{x:,.0f}"
    if a == 0:
        return "0"
    if a >= 1:
        return f"{x:.{digits}g}"
    return f"{x:.{digits - 1}g}"


# --------------------------------------------------------------------------------------------
# axes


def format_date_axis(ax) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def format_value_axis(ax, display: Display) -> None:
    if display.kind in ("money", "count", "number"):
        ax.yaxis.set_major_formatter(mticker.FuncFormatter(_thousands))


def _thousands(v, _pos=None) -> str:
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:g}"


def wrap(text: str, width: int = 70) -> str:
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def title_for(name: str, long_name: str, width: int = 70) -> str:
    text = long_name[0].upper() + long_name[1:] if long_name else name
    if long_name and long_name != name:
        text = f"{text} [{name}]"
    return wrap(text, width)


def set_titles(fig, ax, title: str, subtitle: str = "") -> None:
    """Bold title on the axes and a smaller grey explanation under it."""
    ax.set_title(title, loc="left", pad=18 if subtitle else 6)
    if subtitle:
        ax.text(0.0, 1.01, subtitle, transform=ax.transAxes, fontsize=8.5, color="#555555",
                ha="left", va="bottom")


def legend_below(ax, max_cols: int = 3) -> None:
    """The legend under the axes (below the x label), never over the data: inside the chart
    (loc="best") it hid the tops of bands and spikes once several scenarios filled the plot
    (issue 17, point 13). The figures are saved with bbox_inches="tight", so it is kept."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    axes_height = ax.get_position().height * ax.figure.get_size_inches()[1]  # inches
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.62 / axes_height),
              ncol=min(max_cols, len(labels)), frameon=False)


def save(fig, path: str) -> str:
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def to_base64(fig, dpi: float = 110) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", dpi=dpi)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def file_to_base64(path: str) -> str:
    with open(path, "rb") as fh:
        return base64.b64encode(fh.read()).decode("ascii")


def safe_filename(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "x"


def _pct_text(level: float) -> str:
    return f"{round(100 * level, 3):g} %"


def grid_layout(fig, axes, title: str, subtitle: str = "", legend_from=None,
                legend_cols: int = 5, extra_bottom: float = 0.0) -> None:
    """Title, grey subtitle and a shared legend (bottom) around a grid of panels.

    Positions are computed in inches so that nothing overlaps whatever the figure size."""
    width, height = fig.get_size_inches()
    chars = max(int(width * 8.5), 40)          # ~ characters per line at 12 pt bold
    title = "\n".join(textwrap.wrap(title, chars))
    n_title = title.count("\n") + 1
    top = 0.12
    fig.text(0.01, 1 - top / height, title, fontsize=12, fontweight="bold", ha="left",
             va="top")
    used = top + n_title * 0.22 + 0.04
    if subtitle:
        sub = "\n".join(textwrap.wrap(subtitle, int(width * 13)))
        fig.text(0.01, 1 - used / height, sub, fontsize=9, color="#555555", ha="left",
                 va="top")
        used += 0.17 * (sub.count("\n") + 1)
    used += 0.1
    ax0 = legend_from if legend_from is not None else np.asarray(axes).flat[0]
    handles, labels = ax0.get_legend_handles_labels()
    bottom = 0.0
    if handles:
        ncol = min(len(labels), legend_cols)
        rows = int(math.ceil(len(labels) / ncol))
        bottom = 0.3 + 0.24 * rows + extra_bottom
        fig.legend(handles, labels, loc="lower center", ncol=ncol, frameon=False,
                   bbox_to_anchor=(0.5, 0.02 / height))
    fig.tight_layout(rect=(0, bottom / height, 1, 1 - used / height))
