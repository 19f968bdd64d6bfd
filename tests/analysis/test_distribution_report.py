"""``distribution`` and ``report``: numbers from the files, figures and the HTML page."""

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import h5direct as H
from h5direct import REPO


@pytest.fixture(scope="module")
def dist(runs, tmp_path_factory):
    from analysis.__main__ import main
    out = tmp_path_factory.mktemp("dist")
    assert main(["distribution", "--run", f"baseline={runs.glob('base')}",
                 "--run", f"dibao={runs.glob('dibao')}", "--years", "2022,2025",
                 "--out", str(out)]) == 0
    return out, pd.read_csv(out / "distribution.csv")


def test_distribution_deciles_and_lorenz(runs, dist):
    _, df = dist
    snaps = None
    import h5py
    with h5py.File(runs.files["base"][0], "r") as f:
        days = f["distribution/snapshot"][...]
    # 2025-12 is the last snapshot of a run ending in 2025-12
    k = len(days) - 1
    dec = np.stack([H.read(p, "decile_mean_all", "distribution")[k]
                    for p in runs.files["dibao"]])
    rows = df[(df["scenario"] == "dibao") & (df["population"] == "all")
              & (df["year"] == 2025) & (df["measure"] == "decile_mean")]
    assert list(rows["snapshot"].unique()) == ["2025-12"]
    np.testing.assert_allclose(rows["mean"], dec.mean(axis=0), rtol=1e-9)
    lor = np.cumsum(dec, axis=1) / dec.sum(axis=1, keepdims=True)
    rows = df[(df["scenario"] == "dibao") & (df["population"] == "all")
              & (df["year"] == 2025) & (df["measure"] == "lorenz")]
    np.testing.assert_allclose(rows["mean"].to_numpy()[1:], lor.mean(axis=0), rtol=1e-9)
    base = np.stack([H.read(p, "decile_mean_all", "distribution")[k]
                     for p in runs.files["base"]])
    rows = df[(df["scenario"] == "dibao") & (df["population"] == "all")
              & (df["year"] == 2025) & (df["measure"] == "decile_mean")]
    np.testing.assert_allclose(rows["diff"], (dec - base).mean(axis=0), rtol=1e-9)
    assert (rows["paired"] == "yes").all()
    del snaps


def test_distribution_histogram_and_counties(runs, dist):
    _, df = dist
    h = np.stack([H.read(p, "histogram_rural", "distribution")[-1]
                  for p in runs.files["base"]])
    rows = df[(df["scenario"] == "baseline") & (df["population"] == "rural")
              & (df["year"] == 2025) & (df["measure"] == "histogram_share")]
    np.testing.assert_allclose(rows["mean"], h.mean(axis=0), rtol=1e-9)
    names = H.county_names(runs.files["base"][0], "distribution")
    c = np.stack([H.read(p, "decile_mean_county", "distribution")[-1]
                  for p in runs.files["base"]])      # (R, county, decile)
    rows = df[(df["scenario"] == "baseline") & (df["population"] == f"county:{names[2]}")
              & (df["year"] == 2025) & (df["measure"] == "decile_mean")]
    np.testing.assert_allclose(rows["mean"], c[:, 2, :].mean(axis=0), rtol=1e-9)


def test_distribution_figures(dist):
    out, _ = dist
    for name in ["deciles.png", "decile_change.png", "histograms.png", "lorenz.png",
                 "deciles_county.png", "lorenz_county.png"]:
        assert H.is_png(out / name), name


@pytest.fixture(scope="module")
def report(runs, tmp_path_factory):
    from analysis.__main__ import main
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--run", f"baseline={runs.glob('base')}",
                 "--run", f"near-poor top-up={runs.glob('dibao')}",
                 "--indicators", "urban_rural_ratio,gini,income_per_capita,weak_villages",
                 "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_report_is_self_contained(report):
    assert report.startswith("<!DOCTYPE html>")
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]+)"', report)
    # timeline + 4 x (levels, diff) + 2 cumulative cost + 3 distribution figures
    assert len(images) >= 12
    assert all(len(i) > 2000 for i in images)
    assert not re.search(r'(src|href)="(https?:)?//', report)
    assert "<script" not in report and "<link" not in report


def test_report_content(report):
    for text in ["baseline", "near-poor top-up", "Tiny baseline for the analysis tests",
                 "Tiny baseline with a near-poor top-up", "policies.dibao.near_poor_multiple",
                 "minimum_wage", "dibao", "Policy targets", "Urban-rural income ratio",
                 "fiscal_cost_total", "dibao_spending", "Cost-effectiveness",
                 "paired by seed", "relocated_households"]:
        assert text in report, text


def test_cost_effectiveness_numbers(runs):
    """Extra cost and bottom-40 % gain equal direct computations from the files."""
    from analysis.report import cost_effectiveness
    from analysis.runs import load_scenarios
    sc = load_scenarios([f"b={runs.glob('base')}", f"d={runs.glob('dibao')}"])
    row = cost_effectiveness(sc, "b", 0.9, "auto")[0]

    def total_cost(p):
        return np.nansum(H.read(p, "fiscal_cost_total"))
    base = {H.seed(p): p for p in runs.files["base"]}
    d = [total_cost(p) - total_cost(base[H.seed(p)]) for p in runs.files["dibao"]]
    assert row["extra_cost"].mean == pytest.approx(np.mean(d), rel=1e-9)

    def b40(p):
        dec = H.read(p, "decile_mean_all", "distribution")        # (snapshot, 10)
        pop = H.read(p, "population")
        months = H.months(p)
        dec_idx = [months.index(f"{y}-12") for y in range(2021, 2026)]
        return sum(0.4 * pop[i] * dec[k, :4].mean() for k, i in enumerate(dec_idx))
    g = [b40(p) - b40(base[H.seed(p)]) for p in runs.files["dibao"]]
    assert row["b40_gain"].mean == pytest.approx(np.mean(g), rel=1e-9)
    assert row["cost_per_b40"] == pytest.approx(np.mean(d) / np.mean(g), rel=1e-9) \
        if np.mean(g) > 0 else np.isnan(row["cost_per_b40"])
    # weak village-years lifted: the cumulative difference, not the last month's
    vy = [(np.nansum(H.read(base[H.seed(p)], "weak_villages")) - np.nansum(H.read(p, "weak_villages"))) / 12
          for p in runs.files["dibao"]]
    assert row["village_years"].mean == pytest.approx(np.mean(vy), rel=1e-9, abs=1e-9)
    import h5py
    with h5py.File(runs.files["base"][0], "r") as f:
        has_relocation = "relocated_households" in f
    if not has_relocation:
        assert row["relocated"] is None
    else:
        r = [H.read(p, "relocated_households")[-1]
             - H.read(base[H.seed(p)], "relocated_households")[-1] for p in runs.files["dibao"]]
        assert row["relocated"].mean == pytest.approx(np.mean(r), abs=1e-9)
        if np.mean(r) > 0:
            assert row["cost_per_relocated"] == pytest.approx(np.mean(d) / np.mean(r))
        else:
            assert np.isnan(row["cost_per_relocated"])


def test_module_help():
    """``python3 -m analysis SUBCOMMAND --help`` works for every subcommand."""
    for sub in ["compare", "targets", "distribution", "report"]:
        res = subprocess.run([sys.executable, "-m", "analysis", sub, "--help"], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
        assert "usage:" in res.stdout


def test_ratio_with_an_indistinguishable_denominator_is_not_a_number():
    """A cost ratio is printed only when its outcome's interval excludes 0 (issue 17, 12)."""
    from analysis.costs import Estimate, ratio_text
    assert ratio_text(5e6, Estimate(20.0, 5.0, 35.0), "yuan", "outcome") == "5 m yuan"
    text = ratio_text(5e6, Estimate(20.0, -3.0, 43.0), "yuan", "gain")
    assert "not distinguishable from 0" in text and "5" not in text
    assert ratio_text(float("nan"), Estimate(-2.0, -5.0, 1.0), "yuan", "gain") == "n/a (no gain)"


def test_discounted_cost_effectiveness(runs):
    """--discount RATE weights each month by (1 + RATE) ** -(years since the first month)."""
    from analysis.report import cost_effectiveness
    from analysis.runs import load_scenarios
    sc = load_scenarios([f"b={runs.glob('base')}", f"d={runs.glob('dibao')}"])
    plain = cost_effectiveness(sc, "b", 0.9, "auto")[0]
    disc = cost_effectiveness(sc, "b", 0.9, "auto", discount=0.05)[0]
    base = {H.seed(p): p for p in runs.files["base"]}
    w = 1.05 ** (-np.arange(len(H.months(runs.files["base"][0]))) / 12)

    def total(p):
        return np.nansum(H.read(p, "fiscal_cost_total") * w)
    d = [total(p) - total(base[H.seed(p)]) for p in runs.files["dibao"]]
    assert disc["extra_cost"].mean == pytest.approx(np.mean(d), rel=1e-9)
    assert 0 < disc["extra_cost"].mean < plain["extra_cost"].mean
    assert 0 < disc["b40_gain"].mean < plain["b40_gain"].mean
