"""``prosim sweep`` end to end, then ``python3 -m analysis sweep`` on its index: the real
writer against this reader. Skipped when there is no simulator binary or it has no ``sweep``
subcommand ($PROSIM_BINARY, else the builds h5direct.CANDIDATES names)."""

import json
import os
import subprocess

import numpy as np
import pytest

from h5direct import CANDIDATES, REPO


def sweep_binary():
    env = os.environ.get("PROSIM_BINARY")
    paths = [env] if env else [str(REPO / c) for c in CANDIDATES]
    for p in paths:
        if p and os.path.isfile(p) and os.access(p, os.X_OK):
            res = subprocess.run([p, "sweep", "--help"], capture_output=True, text=True,
                                 timeout=60)
            if res.returncode == 0:
                return p
            pytest.skip(f"{p} has no sweep subcommand")
    pytest.skip("no prosim binary")


@pytest.fixture(scope="module")
def real_sweep(tmp_path_factory):
    binary = sweep_binary()
    d = tmp_path_factory.mktemp("prosim_sweep")
    (d / "tiny.json").write_text(json.dumps({
        "extends": str(REPO / "scenarios" / "jinhua_baseline.json"), "name": "tiny",
        "scale": 0.001, "end": "2025-12", "economy": {"burn_in_months": 6}}))
    (d / "grid.json").write_text(json.dumps({
        "base": "tiny.json", "name": "tiny_grid", "seed": 7, "replicates": 2,
        "design": {"type": "grid"},
        "factors": {"quit": {"pointer": "/economy/quit_rate", "levels": [0.005, 0.02]},
                    "topup": {"pointer": "/policies/dibao/near_poor_topup_share",
                              "levels": [0.0, 0.5]}}}))
    res = subprocess.run([binary, "sweep", str(d / "grid.json"), "-o", str(d / "out"),
                          "--jobs", "2"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    return d


def test_loader_reads_the_real_index(real_sweep):
    import xarray as xr
    from analysis.sweep import load_sweep
    sw = load_sweep(str(real_sweep / "out"))
    assert sw.design == "grid" and sw.factor_names == ["quit", "topup"]
    assert sw.n_runs == 8 and sw.done.all()
    assert len(sw.points) == 4 and len(sw.replicates) == 2
    # common random numbers: replicate k of every point has the same seed
    seeds = sw.by_point(sw.seed.astype(float))
    assert (seeds == seeds[0]).all() and seeds[0, 0] != seeds[0, 1]
    assert sw.summaries and sw.series and len(sw.time) == 5
    with xr.open_dataset(real_sweep / "out" / "sweep.h5", engine="h5netcdf") as ds:
        for name in sw.summaries:
            np.testing.assert_array_equal(sw.values(name), ds[name].values)
    for f in sw.file:
        assert (real_sweep / "out" / f).is_file(), f


def test_report_on_the_real_index(real_sweep, cli):
    out = real_sweep / "report.html"
    assert cli("sweep", real_sweep / "out", "--out", out, "--csv", real_sweep / "csv",
               "--bootstrap", "50") == 0
    page = out.read_text(encoding="utf-8")
    for anchor in ("summary", "effects", "surface", "series", "discovery"):
        assert f'id="{anchor}"' in page, anchor
    assert (real_sweep / "csv" / "sweep_factor_effects.csv").is_file()
