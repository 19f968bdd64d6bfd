"""``python3 -m analysis sweep``: the report end to end on synthetic indexes, its CSV files,
and a one-line error (exit code 2, no traceback) for every bad index or argument."""

import os
import re
import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

import sweep_synth as S
from h5direct import REPO

FACTORS = {"mw_rise": {"lo": 1.0, "hi": 1.3, "distribution": "uniform"},
           "quit": {"lo": 0.005, "hi": 0.02, "distribution": "log-uniform"},
           "grant": {"lo": 0.0, "hi": 1.0, "distribution": "uniform"}}


def ratio(X, r):
    return (2.2 - 0.8 * (X[:, 0] - 1) + 10 * X[:, 1] - 0.05 * X[:, 2]
            + 0.01 * np.sin(r + 7 * X[:, 0]))


def urban_rural_ratio(X, r):
    return ratio(X, r)[:, None] - 0.05 * np.arange(4, -1, -1)[None, :]


def write_grid(folder, status=None, errors=None, **kw):
    U = S.grid([[0, 0.5, 1], [0, 0.25, 0.5, 0.75, 1], [0, 1]])
    X = S.scale(U, [1.0, 0.005, 0.0], [1.3, 0.02, 1.0])
    return S.write_index(str(folder), "grid", FACTORS, X, U, 3,
                         summaries={"ratio_2025": ratio,
                                    "gini_2025": lambda X, r: 0.4 + 0.1 * X[:, 2]},
                         series={"urban_rural_ratio": urban_rural_ratio},
                         status=status, errors=errors, **kw)


@pytest.fixture(scope="module")
def grid_report(tmp_path_factory):
    from analysis.__main__ import main
    d = tmp_path_factory.mktemp("sweep_grid")
    n = 30 * 3
    status, errors = ["done"] * n, [""] * n
    status[4], errors[4] = "failed", "scenario.json: /economy/quit_rate: value -1 < 0"
    write_grid(d / "sweep", status, errors)
    out = d / "report" / "sweep.html"
    assert main(["sweep", str(d / "sweep"), "--out", str(out), "--csv", str(d / "csv"),
                 "--target", "ratio_2025<2.25", "--bootstrap", "50"]) == 0
    return out.read_text(encoding="utf-8"), d / "csv"


def test_grid_report_sections_and_images(grid_report):
    page, _ = grid_report
    assert page.startswith("<!DOCTYPE html>")
    for anchor in ("summary", "effects", "surface", "series", "discovery", "method"):
        assert f'id="{anchor}"' in page, anchor
    for text in ("full-factorial grid", "30 × 3 = 90 runs", "/economy/quit_rate: value -1",
                 "main effects on ratio_2025", "Effect of each factor", "ratio_2025 &lt; 2.25",
                 "quasi-p", "sweep_prim_box.csv", "log-uniform"):
        assert text in page, text
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    # 2 main-effect figures, 2 surfaces, 1 series, 1 PRIM
    assert len(images) == 6 and all(len(i) > 2000 for i in images)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page and "<link" not in page
    assert "id=\"sobol\"" not in page and "id=\"morris\"" not in page


def test_grid_report_csv_files(grid_report):
    _, csv = grid_report
    names = sorted(os.listdir(csv))
    assert names == sorted(f"sweep_{n}.csv" for n in (
        "factors", "runs", "main_effects", "factor_effects", "surface", "prim_box",
        "prim_trajectory", "prim_points"))
    runs = pd.read_csv(csv / "sweep_runs.csv")
    assert len(runs) == 90 and (runs["status"] == "failed").sum() == 1
    assert runs.loc[runs["status"] == "failed", "ratio_2025"].isna().all()
    me = pd.read_csv(csv / "sweep_main_effects.csv")
    assert set(me["factor"]) == set(FACTORS) and set(me["outcome"]) == {"ratio_2025",
                                                                         "gini_2025"}
    # grant has two levels; its effect on gini is 0.1 exactly in every replicate
    fe = pd.read_csv(csv / "sweep_factor_effects.csv")
    g = fe[(fe["outcome"] == "gini_2025") & (fe["factor"] == "grant")].iloc[0]
    assert g["effect"] == pytest.approx(0.1, abs=1e-12) and g["n_pairs"] == 3
    box = pd.read_csv(csv / "sweep_prim_box.csv")
    assert set(box["target"]) == {"ratio_2025 < 2.25"}


def test_sobol_and_morris_reports(tmp_path, cli, capsys):
    U, block, row = S.saltelli(128, 3)
    X = S.scale(U, -np.pi, np.pi)
    f3 = {f"x{i}": {"lo": -np.pi, "hi": np.pi} for i in range(3)}
    S.write_index(str(tmp_path / "sobol"), "sobol", f3, X, U, 2,
                  summaries={"y": lambda X, r: S.ishigami(X) + r},
                  extra={"sobol_block": block, "sobol_sample": row},
                  attrs={"sobol_n": np.int32(128)})
    assert cli("sweep", tmp_path / "sobol", "--out", tmp_path / "s.html", "--target", "y>4",
               "--bootstrap", "30", "--csv", tmp_path / "scsv") == 0
    page = (tmp_path / "s.html").read_text()
    assert 'id="sobol"' in page and "total order" in page and 'id="effects"' not in page
    sob = pd.read_csv(tmp_path / "scsv" / "sweep_sobol.csv")
    assert list(sob["factor"]) == ["x0", "x1", "x2"] and (sob["replicates"] == 2).all()
    U, T, St, F, delta = S.morris(6, 3)
    X = S.scale(U, [0, 0, 0], [1, 2, 3])
    S.write_index(str(tmp_path / "morris"), "morris", {k: {"lo": 0, "hi": 1} for k in "abc"},
                  X, U, 1, summaries={"y": lambda X, r: X @ [1.0, 2.0, 0.0]},
                  extra={"morris_trajectory": T, "morris_step": St, "morris_factor": F},
                  attrs={"morris_levels": np.int32(4), "morris_delta": delta})
    assert cli("sweep", tmp_path / "morris", "--out", tmp_path / "m.html") == 0
    page = (tmp_path / "m.html").read_text()
    assert 'id="morris"' in page and "mu*" in page
    assert "No target" in page          # no series, so no default target applies


def test_outcome_selection_and_surface_choice(tmp_path, cli):
    write_grid(tmp_path / "sw")
    assert cli("sweep", tmp_path / "sw", "--out", tmp_path / "r.html", "--outcome",
               "gini_2025,urban_rural_ratio@2023", "--surface", "grant,quit",
               "--csv", tmp_path / "csv", "--bootstrap", "20") == 0
    me = pd.read_csv(tmp_path / "csv" / "sweep_main_effects.csv")
    assert set(me["outcome"]) == {"gini_2025", "urban_rural_ratio@2023"}
    surf = pd.read_csv(tmp_path / "csv" / "sweep_surface.csv")
    assert set(surf["factor_x"]) == {"grant"} and set(surf["factor_y"]) == {"quit"}
    # default target from analysis/targets.json: the urban_rural_ratio series in 2025
    box = pd.read_csv(tmp_path / "csv" / "sweep_prim_box.csv")
    assert set(box["target"]) == {"urban_rural_ratio@2025 < 1.9"}


# --------------------------------------------------------------------------------------------
# errors: one line on stderr, exit code 2


def _error(cli, capsys, *args):
    code = cli("sweep", *args)
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def test_error_missing_folder_and_index(tmp_path, cli, capsys):
    out = tmp_path / "r.html"
    assert "no sweep index" in _error(cli, capsys, tmp_path / "nope", "--out", out)
    (tmp_path / "empty").mkdir()
    err = _error(cli, capsys, tmp_path / "empty", "--out", out)
    assert "empty/sweep.h5: no sweep index" in err and "prosim sweep" in err
    assert not out.exists()


def test_error_not_hdf5_or_truncated(tmp_path, cli, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "sweep.h5").write_text("not a netCDF file")
    assert "not an HDF5/netCDF-4 file" in _error(cli, capsys, tmp_path / "a", "--out",
                                                 tmp_path / "r.html")
    path = write_grid(tmp_path / "b")
    data = open(path, "rb").read()
    with open(path, "wb") as fh:                 # a copy cut short
        fh.write(data[: len(data) // 2])
    err = _error(cli, capsys, tmp_path / "b", "--out", tmp_path / "r.html")
    assert "sweep.h5" in err


def test_error_foreign_file_and_version(tmp_path, cli, capsys):
    (tmp_path / "f").mkdir()
    with h5py.File(tmp_path / "f" / "sweep.h5", "w") as f:
        f.attrs["scenario_name"] = "a prosim run, not a sweep"
    assert "not a prosim sweep index" in _error(cli, capsys, tmp_path / "f", "--out",
                                                tmp_path / "r.html")
    path = write_grid(tmp_path / "v")
    with h5py.File(path, "a") as f:
        f.attrs["sweep_format_version"] = np.int32(2)
    err = _error(cli, capsys, path, "--out", tmp_path / "r.html")
    assert "sweep_format_version is 2; this analysis reads version 1" in err


def test_error_partial_index(tmp_path, cli, capsys):
    path = write_grid(tmp_path / "p")
    with h5py.File(path, "a") as f:
        del f["status"]
    err = _error(cli, capsys, tmp_path / "p", "--out", tmp_path / "r.html")
    assert "variable(s) status missing (partial or damaged index)" in err
    path = write_grid(tmp_path / "q", attrs={"design": "sobol"})
    err = _error(cli, capsys, tmp_path / "q", "--out", tmp_path / "r.html")
    assert "attribute 'sobol_n' missing for a sobol design" in err


def test_error_all_runs_failed(tmp_path, cli, capsys):
    write_grid(tmp_path / "x", status=["failed"] * 90)
    assert "no run of the sweep is done" in _error(cli, capsys, tmp_path / "x", "--out",
                                                   tmp_path / "r.html")


def test_error_bad_arguments(tmp_path, cli, capsys):
    write_grid(tmp_path / "s")
    r = tmp_path / "r.html"
    assert "expected OUTCOME OP NUMBER" in _error(cli, capsys, tmp_path / "s", "--out", r,
                                                 "--target", "ratio=2")
    assert "no summary outcome 'ratio'" in _error(cli, capsys, tmp_path / "s", "--out", r,
                                                 "--target", "ratio<2")
    assert "--surface grant: give two different factors" in _error(
        cli, capsys, tmp_path / "s", "--out", r, "--surface", "grant")
    assert "no summary outcome 'nothing'" in _error(cli, capsys, tmp_path / "s", "--out", r,
                                                   "--outcome", "nothing")
    assert not r.exists()


def test_error_is_one_line_from_the_command_line(tmp_path):
    """The real entry point, with Debian's interpreter: exit code 2 and no traceback."""
    res = subprocess.run([sys.executable, "-m", "analysis", "sweep", str(tmp_path),
                          "--out", str(tmp_path / "r.html")], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "no sweep index" in lines[0]


def test_sweep_help():
    res = subprocess.run([sys.executable, "-m", "analysis", "sweep", "--help"], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0 and "--target" in res.stdout and "PRIM" in res.stdout


def test_only_series_selected(tmp_path, cli):
    """--outcome with only a series: the series figure and the run table, no effects."""
    write_grid(tmp_path / "sw")
    assert cli("sweep", tmp_path / "sw", "--out", tmp_path / "r.html", "--outcome",
               "urban_rural_ratio", "--target", "urban_rural_ratio@2025<2.2") == 0
    page = (tmp_path / "r.html").read_text()
    assert 'id="series"' in page and 'id="effects"' not in page
    assert "No summary outcome selected" in page and 'id="discovery"' in page


@pytest.mark.parametrize("n", [4, 512])
def test_sobol_out_of_range_warning(tmp_path, cli, n):
    """The report flags indices outside [0, 1] (too few rows) exactly when there are some."""
    from analysis.sweep import load_sweep, sobol_table
    U, block, row = S.saltelli(n, 3, seed=1)
    S.write_index(str(tmp_path / "s"), "sobol", {f"x{i}": {"lo": -np.pi, "hi": np.pi}
                                                for i in range(3)},
                  S.scale(U, -np.pi, np.pi), U, 1, summaries={"y": lambda X, r: S.ishigami(X)},
                  extra={"sobol_block": block, "sobol_sample": row},
                  attrs={"sobol_n": np.int32(n)})
    est = sobol_table(load_sweep(str(tmp_path / "s")), "y", n_boot=10)[["S1", "ST"]].to_numpy()
    outside = bool(np.any(est < -0.05) or np.any(est > 1.05))
    assert outside == (n == 4)    # measured: N = 4 gives S1 = -0.20 for x2; N = 512 in range
    assert cli("sweep", tmp_path / "s", "--out", tmp_path / "r.html", "--bootstrap", "10",
               "--target", "y>3") == 0
    assert ("Some indices lie outside [0, 1]" in (tmp_path / "r.html").read_text()) == outside
