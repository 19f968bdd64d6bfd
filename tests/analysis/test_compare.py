"""``compare`` against values read directly from the HDF5 files."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats as st

import h5direct as H

INDICATORS = ["urban_rural_ratio", "gini", "income_per_capita"]


@pytest.fixture(scope="module")
def compared(runs, tmp_path_factory):
    from analysis.__main__ import main
    out = tmp_path_factory.mktemp("cmp")
    code = main(["compare", "--run", f"baseline={runs.glob('base')}",
                 "--run", f"dibao={runs.glob('dibao')}",
                 "--run", f"other={runs.glob('other')}",
                 "--indicators", ",".join(INDICATORS), "--baseline", "baseline",
                 "--out", str(out)])
    assert code == 0
    return out, pd.read_csv(out / "compare.csv", keep_default_na=True)


def test_csv_columns(compared):
    _, df = compared
    for col in ["scenario", "indicator", "date", "mean", "lo", "hi", "diff", "diff_lo",
                "diff_hi", "paired"]:
        assert col in df.columns
    assert set(df["scenario"]) == {"baseline", "dibao", "other"}
    assert set(df["indicator"]) == set(INDICATORS)


@pytest.mark.parametrize("indicator", INDICATORS)
def test_means_and_percentile_band(runs, compared, indicator):
    _, df = compared
    months = H.months(runs.files["base"][0])
    for key, name in (("base", "baseline"), ("dibao", "dibao"), ("other", "other")):
        x = H.stack(runs.files[key], indicator)
        rows = df[(df["scenario"] == name) & (df["indicator"] == indicator)]
        assert list(rows["date"]) == months
        np.testing.assert_allclose(rows["mean"], x.mean(axis=0), rtol=1e-9)
        np.testing.assert_allclose(rows["lo"], np.percentile(x, 5, axis=0), rtol=1e-9)
        np.testing.assert_allclose(rows["hi"], np.percentile(x, 95, axis=0), rtol=1e-9)
        assert (rows["n"] == len(runs.files[key])).all()


@pytest.mark.parametrize("indicator", INDICATORS)
def test_paired_difference_by_seed(runs, compared, indicator):
    _, df = compared
    base = {H.seed(p): H.read(p, indicator) for p in runs.files["base"]}
    dib = {H.seed(p): H.read(p, indicator) for p in runs.files["dibao"]}
    assert set(base) == set(dib)
    d = np.stack([dib[s] - base[s] for s in sorted(base)])
    rows = df[(df["scenario"] == "dibao") & (df["indicator"] == indicator)]
    assert (rows["paired"] == "yes").all()
    np.testing.assert_allclose(rows["diff"], d.mean(axis=0), rtol=1e-9, atol=1e-12)
    n = d.shape[0]
    half = st.t.ppf(0.95, n - 1) * d.std(axis=0, ddof=1) / np.sqrt(n)
    np.testing.assert_allclose(rows["diff_lo"], d.mean(axis=0) - half, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(rows["diff_hi"], d.mean(axis=0) + half, rtol=1e-7, atol=1e-9)


def test_unpaired_difference_is_welch(runs, compared):
    _, df = compared
    ind = "gini"
    a = H.stack(runs.files["other"], ind)
    b = H.stack(runs.files["base"], ind)
    rows = df[(df["scenario"] == "other") & (df["indicator"] == ind)]
    assert (rows["paired"] == "no").all()
    np.testing.assert_allclose(rows["diff"], a.mean(axis=0) - b.mean(axis=0), rtol=1e-9)
    k = len(rows) - 1
    p = st.ttest_ind(a[:, k] - rows["diff_lo"].iloc[k], b[:, k], equal_var=False).pvalue
    assert p == pytest.approx(0.10, abs=1e-6)


def test_baseline_rows_have_no_difference(compared):
    _, df = compared
    rows = df[df["scenario"] == "baseline"]
    assert rows["diff"].isna().all()


def test_figures_written(compared):
    out, _ = compared
    for ind in INDICATORS:
        assert H.is_png(out / f"{ind}.png")
        assert H.is_png(out / f"{ind}_diff.png")


def test_terminal_table(runs, cli, capsys, tmp_path):
    assert cli("compare", "--run", f"baseline={runs.glob('base')}",
               "--run", f"dibao={runs.glob('dibao')}", "--indicators", "gini",
               "--band", "ci", "--out", tmp_path) == 0
    text = capsys.readouterr().out
    assert "gini" in text and "baseline" in text and "dibao" in text
    assert "paired" in text
    assert "2025-12" in text
    df = pd.read_csv(tmp_path / "compare.csv")
    x = H.stack(runs.files["base"], "gini")
    rows = df[df["scenario"] == "baseline"]
    half = st.t.ppf(0.95, 2) * x.std(axis=0, ddof=1) / np.sqrt(3)
    np.testing.assert_allclose(rows["hi"], x.mean(axis=0) + half, rtol=1e-7)
    assert (rows["band"] == "ci90").all()


def test_county_group(runs, cli, tmp_path):
    assert cli("compare", "--run", f"baseline={runs.glob('base')}",
               "--run", f"dibao={runs.glob('dibao')}", "--group", "county",
               "--indicators", "income_per_capita", "--out", tmp_path) == 0
    df = pd.read_csv(tmp_path / "compare_county.csv")
    names = H.county_names(runs.files["base"][0])
    assert set(df["county"]) == set(names)
    x = H.stack(runs.files["dibao"], "income_per_capita", "county")   # (R, T, C)
    b = H.stack(runs.files["base"], "income_per_capita", "county")
    for c, name in enumerate(names):
        rows = df[(df["scenario"] == "dibao") & (df["county"] == name)]
        np.testing.assert_allclose(rows["mean"], x[:, :, c].mean(axis=0), rtol=1e-9)
        np.testing.assert_allclose(rows["diff"], (x - b)[:, :, c].mean(axis=0), rtol=1e-9,
                                   atol=1e-9)
    assert H.is_png(tmp_path / "county_income_per_capita.png")
    assert H.is_png(tmp_path / "county_income_per_capita_diff.png")


def test_single_county(runs, cli, tmp_path):
    names = H.county_names(runs.files["base"][0])
    assert cli("compare", "--run", f"baseline={runs.glob('base')}",
               "--run", f"dibao={runs.glob('dibao')}", "--group", "county",
               "--indicators", "urban_rural_ratio", "--county", names[-1],
               "--out", tmp_path) == 0
    df = pd.read_csv(tmp_path / "compare_county.csv")
    assert set(df["county"]) == {names[-1]}
    assert H.is_png(tmp_path / "county_urban_rural_ratio_diff.png")


def test_unknown_indicator_is_a_clear_error(runs, cli, capsys, tmp_path):
    assert cli("compare", "--run", f"b={runs.glob('base')}", "--indicators", "ginni",
               "--out", tmp_path) == 2
    err = capsys.readouterr().err
    assert "ginni" in err and "gini" in err


def test_no_matching_files_is_a_clear_error(cli, capsys, tmp_path):
    assert cli("compare", "--run", f"b={tmp_path}/nothing_*.h5", "--out", tmp_path) == 2
    assert "no file matches" in capsys.readouterr().err


def test_files_grouped_by_scenario_name(runs, cli, capsys, tmp_path):
    files = runs.files["base"] + runs.files["dibao"]
    assert cli("compare", *files, "--indicators", "gini", "--out", tmp_path) == 0
    df = pd.read_csv(tmp_path / "compare.csv")
    assert set(df["scenario"]) == {"tiny_base", "tiny_dibao"}


def test_prosim_replicates_are_paired(runs, cli, tmp_path):
    """Files from ``prosim run --replicates R`` of two scenarios pair by their seeds."""
    import subprocess
    binary = str(H.find_binary())
    help_text = subprocess.run([binary, "run", "--help"], capture_output=True, text=True).stdout
    if "--replicates" not in help_text:
        pytest.skip("this prosim has no --replicates option")
    for key, name in (("base", "b"), ("dibao", "d")):
        res = subprocess.run([binary, "run", str(runs.scenarios[key]), "-o",
                              str(tmp_path / f"{name}.h5"), "--replicates", "2", "--threads",
                              "1"], capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stdout + res.stderr
    files = sorted(tmp_path.glob("d_r*.h5"))
    assert [f.name for f in files] == ["d_r001.h5", "d_r002.h5"]
    assert cli("compare", "--run", f"b={tmp_path}/b_r*.h5", "--run", f"d={tmp_path}/d_r*.h5",
               "--indicators", "gini", "--out", tmp_path / "cmp") == 0
    df = pd.read_csv(tmp_path / "cmp" / "compare.csv")
    rows = df[df["scenario"] == "d"]
    assert (rows["paired"] == "yes").all()
    base = {H.seed(p): H.read(p, "gini") for p in tmp_path.glob("b_r*.h5")}
    d = np.mean([H.read(p, "gini") - base[H.seed(p)] for p in files], axis=0)
    np.testing.assert_allclose(rows["diff"], d, rtol=1e-9, atol=1e-12)
