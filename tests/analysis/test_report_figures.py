"""The report's figures as drawn (issue 17, point 13), checked on the matplotlib objects before
they become PNGs: every band, line, whisker and bar lies inside its axes (none runs off the top
or bottom of the chart), no legend lies over a chart (with six scenarios the legend inside the
axes hid the tops of the bands and spikes), tick labels are at least 10 pt, and the
baseline's line is drawn above the policies' bands."""

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PolyCollection


def _outside(values, lo, hi):
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    span = hi - lo
    return v.size > 0 and (v.max() > hi + 1e-9 * span or v.min() < lo - 1e-9 * span)


def problems_of(fig):
    """What lies outside its axes' y-range, is hidden under a legend, or is too small to read,
    in one figure."""
    fig.canvas.draw()
    out = []
    axes_boxes = [ax.get_window_extent() for ax in fig.axes if ax.get_visible()]
    for legend in fig.legends:
        if any(legend.get_window_extent().overlaps(box) for box in axes_boxes):
            out.append("a figure legend lies over a chart")
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        lo, hi = ax.get_ylim()
        if ax.get_yscale() == "log":
            lo, hi = np.log10(lo), np.log10(hi)
            tf = lambda v: np.log10(np.where(np.asarray(v, float) > 0, v, np.nan))  # noqa: E731
        else:
            tf = lambda v: v  # noqa: E731
        name = ax.get_title(loc="left") or ax.get_title() or ax.get_ylabel()
        for c in ax.collections:
            if isinstance(c, PolyCollection):
                for path in c.get_paths():
                    if _outside(tf(path.vertices[:, 1]), lo, hi):
                        out.append(f"{name}: a band leaves the axes ({lo:.4g}..{hi:.4g})")
            elif isinstance(c, LineCollection):
                for seg in c.get_segments():
                    if _outside(tf(np.asarray(seg)[:, 1]), lo, hi):
                        out.append(f"{name}: a whisker leaves the axes ({lo:.4g}..{hi:.4g})")
        for line in ax.get_lines():
            if len(line.get_ydata()) > 1 and _outside(tf(line.get_ydata()), lo, hi):
                out.append(f"{name}: line {line.get_label()!r} leaves the axes")
        for bar in ax.patches:
            if hasattr(bar, "get_height") and _outside(tf([bar.get_y(), bar.get_y() + bar.get_height()]), lo, hi):
                out.append(f"{name}: a bar leaves the axes")
        legend = ax.get_legend()
        if legend is not None and legend.get_window_extent().overlaps(ax.get_window_extent()):
            out.append(f"{name}: the legend lies over the chart and hides what is under it")
        for label in ax.get_xticklabels() + ax.get_yticklabels():
            if label.get_text() and label.get_fontsize() < 10:
                out.append(f"{name}: tick label {label.get_text()!r} at {label.get_fontsize()} pt")
    return out


@pytest.fixture(scope="module")
def figures(runs, tmp_path_factory):
    """Every figure of a report on three scenarios (3 paired replicates, 2 unpaired)."""
    import analysis.html_page as page
    from analysis.__main__ import main
    drawn = []
    original = page.P.to_base64

    def keep(fig):
        drawn.append((fig, problems_of(fig)))
        return original(fig)
    page.P.to_base64 = keep
    try:
        out = tmp_path_factory.mktemp("figures") / "report.html"
        assert main(["report", "--run", f"baseline={runs.glob('base')}", "--run",
                     f"near-poor top-up={runs.glob('dibao')}", "--run", f"other seeds={runs.glob('other')}",
                     "--out", str(out)]) == 0
    finally:
        page.P.to_base64 = original
    return drawn, out.read_text(encoding="utf-8")


def test_every_band_line_and_bar_stays_inside_its_chart(figures):
    figures, _ = figures
    assert len(figures) >= 20
    found = [p for _, problems in figures for p in problems]
    assert not found, "\n".join(found)


def test_the_baseline_line_is_drawn_above_the_policy_bands(figures):
    figures, _ = figures
    checked = 0
    for fig, _ in figures:
        for ax in fig.axes:
            bands = [c.get_zorder() for c in ax.collections if isinstance(c, PolyCollection)]
            base = [line.get_zorder() for line in ax.get_lines() if str(line.get_label()).startswith("baseline")]
            if bands and base:
                assert min(base) > max(bands), ax.get_title()
                checked += 1
    assert checked >= 5


def test_report_text_details(figures):
    """The other small things of point 13: settings as in the scenario file (true, not Python's
    True), targets cite documents, not internal paths, no e-notation, timeline rows that do not
    repeat one word ("enclave: enclave")."""
    import re
    figures, html = figures
    text = re.sub(r'src="data:image/png;base64,[^"]*"', "", html)
    assert not re.search(r">\s*(True|False)\s*<", text)
    assert "shared/seeds" not in text and "shared/data" not in text
    assert not re.search(r"\d[eE][+-]\d\d", text)
    # the summary's column headers are words with units, not variable names
    summary = text[text.index('id="summary"'):]
    summary = summary[:summary.index("</table>")]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", summary)
    assert any("(yuan/yr)" in h for h in headers), headers
    assert not [h for h in headers if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", h)], headers
    timeline = figures[0][0].axes[0]
    labels = [t.get_text() for t in timeline.get_yticklabels()]
    assert labels and not [x for x in labels if re.fullmatch(r"(.+): \1", x)], labels


def test_the_check_sees_a_band_that_runs_off_the_top():
    """The check itself: a y-range cut below the band's top is reported."""
    from analysis import plotting as P
    fig, ax = P.plt.subplots()
    x = np.arange(10)
    ax.fill_between(x, x, x + 5)
    ax.plot(x, x + 2, label="mean")
    ax.set_ylim(0, 10)
    assert any("band leaves" in p for p in problems_of(fig))
    ax.set_ylim(0, 15)
    assert not problems_of(fig)
    ax.legend(loc="upper left")
    assert any("legend lies over" in p for p in problems_of(fig))
    P.legend_below(ax)
    assert not problems_of(fig)
    P.plt.close(fig)
