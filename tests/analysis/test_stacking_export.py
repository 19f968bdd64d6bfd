"""Issue 17, points 7-9, 11, 14 on real runs: replicate/seed coordinates in every group, stacking
with xarray and analysis.open_runs, the tidy CSV export, typed root attributes, the exact
household sample, poverty after transfers, and the installed command from another directory."""

import json
import os
import subprocess

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from h5direct import REPO, find_binary, read

GROUPS = [None, "county", "annual", "village", "distribution"]


def test_every_group_carries_replicate_and_seed(runs):
    path = runs.files["base"][1]
    with h5py.File(path, "r") as f:
        seed = int(f.attrs["seed"])
    assert seed == 2
    for group in GROUPS:
        ds = xr.open_dataset(path, engine="h5netcdf", group=group)
        assert "replicate" in ds.coords and "seed" in ds.coords, group
        assert int(ds["seed"]) == seed and int(ds["replicate"]) == 0, group
        assert ds["seed"].dtype == np.uint64


def test_xarray_stacking_labels_itself(runs):
    """The recipe of docs/output-format.md: open_mfdataset along 'replicate' keeps the seeds."""
    ds = xr.open_mfdataset(runs.files["base"], engine="h5netcdf", group="county",
                           combine="nested", concat_dim="replicate")
    assert [int(s) for s in ds["seed"].values] == [1, 2, 3]
    assert ds["income_per_capita"].dims == ("replicate", "time", "county")
    np.testing.assert_array_equal(ds["income_per_capita"].values[2],
                                  read(runs.files["base"][2], "income_per_capita", "county"))


def test_open_runs_pairs_by_seed(runs):
    from analysis import open_runs
    ds = open_runs({"base": runs.glob("base"), "dibao": runs.glob("dibao"),
                    "other": runs.glob("other")})
    assert ds["gini"].dims == ("scenario", "replicate", "time")
    assert list(ds["scenario"].values) == ["base", "dibao", "other"]
    seeds = ds["seed"].values
    assert seeds.dtype == np.uint64
    assert seeds.tolist() == [[1, 2, 3], [1, 2, 3], [11, 12, 0]]
    # replicate k of base and dibao are the same seed: the paired difference is a subtraction
    for k, (b, d) in enumerate(zip(runs.files["base"], runs.files["dibao"])):
        want = read(d, "gini") - read(b, "gini")
        got = (ds["gini"].sel(scenario="dibao") - ds["gini"].sel(scenario="base")).values[k]
        np.testing.assert_array_equal(got, want)
    assert np.isnan(ds["gini"].sel(scenario="other").values[2]).all()  # no third replicate


def test_export_tidy_csv(runs, cli, tmp_path):
    assert cli("export", "--run", "base=" + runs.glob("base"), "--run", "dibao=" + runs.glob("dibao"),
               "--csv", tmp_path) == 0
    county = pd.read_csv(tmp_path / "county.csv")
    assert list(county.columns) == ["scenario", "replicate", "seed", "time", "county", "variable",
                                    "value", "units"]
    rows = county[(county.scenario == "dibao") & (county.seed == 2)
                  & (county.variable == "income_per_capita") & (county.county == "Yiwu")]
    with h5py.File(runs.files["dibao"][1], "r") as f:
        names = list(f["county/county_name"].asstr()[...])
    want = read(runs.files["dibao"][1], "income_per_capita", "county")[:, names.index("Yiwu")]
    assert rows["time"].iloc[0] == "2021-01" and len(rows) == len(want)
    np.testing.assert_allclose(rows["value"].to_numpy(), want, rtol=1e-9)
    assert set(rows["units"]) == {"yuan/yr"}
    root = pd.read_csv(tmp_path / "root.csv")
    assert "scenario_json" not in set(root.variable) and "gini" in set(root.variable)
    for name in ("annual", "village", "distribution"):
        assert (tmp_path / f"{name}.csv").is_file()


def test_typed_root_attributes(runs):
    with h5py.File(runs.files["base"][0], "r") as f:
        assert f.attrs["scale"].dtype == np.float64 and float(f.attrs["scale"]) == 0.001
        assert f.attrs["seed"].dtype == np.uint64
    # the month labels say what they are (issue 17, point 9); a text label has no units
    with xr.open_dataset(runs.files["base"][0], engine="h5netcdf") as root:
        assert root["month"].attrs["long_name"] == "calendar month (YYYY-MM)"
        assert root["time"].attrs["long_name"] and root["time"].encoding["units"].startswith("days since")


def _run(tmp_path, name, extra, seed=4):
    scen = {"extends": str(REPO / "scenarios" / "jinhua_baseline.json"), "name": name,
            "scale": 0.001, "end": "2021-12", "economy": {"burn_in_months": 6}, **extra}
    (tmp_path / f"{name}.json").write_text(json.dumps(scen))
    out = tmp_path / f"{name}.h5"
    subprocess.run([str(find_binary()), "run", str(tmp_path / f"{name}.json"), "-o", str(out),
                    "--seed", str(seed), "--threads", "1"], check=True, capture_output=True)
    return out


def test_household_sample_has_the_requested_size(tmp_path):
    out = _run(tmp_path, "sample", {"output": {"household_sample_size": 200}})
    ds = xr.open_dataset(out, engine="h5netcdf", group="household_sample")
    assert ds.sizes["household"] == 200
    assert "county" in ds["county_index"].attrs["long_name"]
    assert ds["urban"].attrs["long_name"] != "urban"


def test_poverty_after_transfers_shows_the_dibao(tmp_path):
    """After transfers is below before transfers when the dibao pays, and equal to it when the
    dibao is switched off (the mechanism behind the difference)."""
    on = _run(tmp_path, "dibao_on", {})
    off = _run(tmp_path, "dibao_off", {"policies": {"dibao": {"enabled": False}}})
    for group in (None, "county"):
        before_on = read(on, "poverty_headcount", group)
        after_on = read(on, "poverty_headcount_after_transfers", group)
        assert np.all(after_on <= before_on) and np.mean(after_on) < np.mean(before_on), group
        np.testing.assert_array_equal(read(off, "poverty_headcount_after_transfers", group),
                                      read(off, "poverty_headcount", group))
        near = read(on, "near_poor_share", group)
        assert np.all((near >= 0) & (near <= 1) & (near + after_on <= 1 + 1e-12))
    # the county values add up to the region's (population-weighted)
    pop = read(on, "population", "county")
    np.testing.assert_allclose((read(on, "poverty_headcount_after_transfers", "county") * pop).sum(1)
                               / pop.sum(1), read(on, "poverty_headcount_after_transfers"),
                               rtol=1e-9)


def test_installed_command_works_from_another_directory(runs, tmp_path):
    """scripts/install-analysis.sh: prosim-analysis and 'import analysis' outside the repository,
    with Debian's interpreter and no PYTHONPATH."""
    userbase = tmp_path / "userbase"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONUSERBASE"] = str(userbase)
    site = subprocess.run(["/usr/bin/python3", "-c", "import site; print(site.getusersitepackages())"],
                          env=env, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["bash", str(REPO / "scripts" / "install-analysis.sh"), "--prefix",
                    str(tmp_path), "--site", site], check=True, capture_output=True)
    elsewhere = tmp_path / "notebooks"
    elsewhere.mkdir()
    res = subprocess.run([str(tmp_path / "bin" / "prosim-analysis"), "targets", runs.files["base"][0]],
                         cwd=elsewhere, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "Urban-rural income ratio" in res.stdout
    code = ("import analysis, sys; from analysis import open_runs; "
            f"print(analysis.__file__); print(open_runs({runs.files['base'][0]!r}).sizes['replicate'])")
    res = subprocess.run(["/usr/bin/python3", "-c", code], cwd=elsewhere, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split()[0] == str(REPO / "analysis" / "__init__.py")
    assert open(os.path.join(site, "prosim-analysis.pth")).read().strip() == str(REPO)
