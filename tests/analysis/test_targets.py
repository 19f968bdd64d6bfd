"""``targets`` against annual values computed directly from the files."""

import json
import operator

import numpy as np
import pandas as pd
import pytest

import h5direct as H

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def annual_mean(path, indicator, year):
    v = H.read(path, indicator)
    m = np.array([x.startswith(f"{year}-") for x in H.months(path)])
    return float(np.nanmean(v[m]))


def has_annual(path, indicator):
    import h5py
    with h5py.File(path, "r") as f:
        return "annual" in f and indicator in f["annual"]


def annual_auto(path, indicator, year):
    """What --aggregate auto should give: /annual when present, else the monthly mean."""
    if has_annual(path, indicator):
        years = list(H.read(path, "year", "annual").astype(int))
        return float(H.read(path, indicator, "annual")[years.index(year)])
    return annual_mean(path, indicator, year)


def test_default_targets_file_is_valid():
    from analysis.targets import DEFAULT_TARGETS, load_targets
    targets, year = load_targets()
    assert year == 2025
    names = {t.indicator for t in targets}
    for needed in ["urban_rural_ratio", "middle_income_share_100k_500k",
                   "middle_income_share_200k_600k", "county_gdp_per_capita_max_min_ratio",
                   "county_income_per_capita_max_min_ratio", "village_income_threshold_share",
                   "village_operating_500k_share", "labour_share", "urbanisation_rate",
                   "income_per_capita", "registered_unemployment_rate"]:
        assert needed in names
    with open(DEFAULT_TARGETS, encoding="utf-8") as fh:
        doc = json.load(fh)
    for t in doc["targets"]:
        assert {"indicator", "operator", "threshold", "source", "note"} <= set(t)


def test_targets_single_run(runs, cli, capsys, tmp_path):
    path = runs.files["base"][0]
    csv = tmp_path / "t.csv"
    assert cli("targets", path, "--year", "2025", "--csv", csv) == 0
    out = capsys.readouterr().out
    assert "Urban-rural income ratio" in out and "met" in out
    df = pd.read_csv(csv)
    plain = df[df["transform"].isna()]
    assert len(plain) >= 10
    for _, r in plain.iterrows():
        expected = annual_auto(path, r["indicator"], 2025)
        assert r["aggregate"] == ("annual" if has_annual(path, r["indicator"])
                                  else "annual_mean")
        assert r["value"] == pytest.approx(expected, rel=1e-9)
        assert r["months"] == 12
        met = OPS[r["operator"]](expected, r["threshold"])
        assert r["met"] == ("yes" if met else "no")


def test_targets_replicates(runs, cli, tmp_path):
    csv = tmp_path / "t.csv"
    assert cli("targets", runs.glob("dibao"), "--csv", csv) == 0
    df = pd.read_csv(csv)
    r = df[df["indicator"] == "urban_rural_ratio"].iloc[0]
    vals = [annual_auto(p, "urban_rural_ratio", 2025) for p in runs.files["dibao"]]
    assert r["value"] == pytest.approx(np.mean(vals), rel=1e-9)
    assert r["n"] == 3
    assert r["share_met"] == pytest.approx(np.mean([v < 1.9 for v in vals]))


def test_growth_transform(runs, cli, tmp_path):
    csv = tmp_path / "t.csv"
    path = runs.files["base"][1]
    assert cli("targets", path, "--csv", csv) == 0
    df = pd.read_csv(csv)
    g = df[df["transform"] == "average_annual_growth_percent"].iloc[0]
    a21 = annual_auto(path, "income_per_capita", 2021)
    a25 = annual_auto(path, "income_per_capita", 2025)
    assert g["value"] == pytest.approx(100 * ((a25 / a21) ** 0.25 - 1), rel=1e-9)


def test_monthly_mean_aggregate(runs, cli, tmp_path):
    path = runs.files["dibao"][2]
    csv = tmp_path / "t.csv"
    assert cli("targets", path, "--aggregate", "annual_mean", "--year", "2024", "--csv",
               csv) == 0
    df = pd.read_csv(csv)
    plain = df[df["transform"].isna()]
    assert (plain["aggregate"] == "annual_mean").all()
    for _, r in plain.iterrows():
        assert r["value"] == pytest.approx(annual_mean(path, r["indicator"], 2024), rel=1e-9)


def test_december_and_custom_targets(runs, cli, tmp_path):
    path = runs.files["base"][0]
    custom = tmp_path / "targets.json"
    custom.write_text(json.dumps({"targets": [
        {"indicator": "gini", "operator": "<", "threshold": 10, "source": "test",
         "note": ""},
        {"indicator": "gini", "operator": ">", "threshold": 10, "source": "test",
         "note": "", "label": "never"},
        {"indicator": "not_an_indicator", "operator": ">", "threshold": 1},
        {"indicator": "gini", "operator": ">", "threshold": 1, "enabled": False}]}))
    csv = tmp_path / "t.csv"
    assert cli("targets", path, "--targets", custom, "--year", "2024", "--aggregate",
               "december", "--csv", csv) == 0
    df = pd.read_csv(csv, keep_default_na=False, na_values=[""])
    assert len(df) == 3
    dec = H.read(path, "gini")[H.months(path).index("2024-12")]
    assert df["value"].iloc[0] == pytest.approx(dec)
    assert list(df["met"]) == ["yes", "no", "n/a"]


def test_bad_targets_file(runs, cli, capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"targets": [{"indicator": "gini", "operator": "=<",
                                            "threshold": 1}]}))
    assert cli("targets", runs.files["base"][0], "--targets", bad, "--csv",
               tmp_path / "x.csv") == 2
    assert "operator" in capsys.readouterr().err


def test_year_outside_run(runs, cli, capsys, tmp_path):
    assert cli("targets", runs.files["base"][0], "--year", "2030", "--csv",
               tmp_path / "x.csv") == 2
    assert "2030" in capsys.readouterr().err
