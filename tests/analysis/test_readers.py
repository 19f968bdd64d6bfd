"""The analysis tools never trace back on a broken input file (issue 16, point 10): a partial
file left by a kill, a file whose /time was deleted, a variable shorter than its dimension,
bit flips, a foreign file carrying prosim_format_version, an unsupported format version.
Each gives exit 2 and one line naming the file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import h5py
import numpy as np
import pytest

from analysis import runs as runs_module
from h5direct import REPO


def test_format_version_matches_the_writer():
    header = (REPO / "sim" / "io" / "h5_writer.h").read_text()
    match = re.search(r"kOutputFormatVersion\s*=\s*(\d+)", header)
    assert match and int(match.group(1)) == runs_module.FORMAT_VERSION


def _copy(runs, tmp_path, name):
    dst = tmp_path / name
    shutil.copy(runs.files["base"][0], dst)
    return dst


def _damage_delete_time(path):
    with h5py.File(path, "r+") as f:
        # The dimension scale is attached to every time series; detach before deleting.
        for ds in list(f.values()):
            if isinstance(ds, h5py.Dataset) and ds.name != "/time" and len(ds.dims) and \
                    len(ds.dims[0]) and ds.dims[0][0].name == "/time":
                ds.dims[0].detach_scale(f["time"])
        del f["time"]


def _damage_short_variable(path):
    """/gini rewritten 5 values shorter than /time, still attached to it."""
    with h5py.File(path, "r+") as f:
        data = f["gini"][...]
        attrs = {k: v for k, v in f["gini"].attrs.items() if k != "DIMENSION_LIST"}
        f["gini"].dims[0].detach_scale(f["time"])
        del f["gini"]
        f.create_dataset("gini", data=data[:-5])
        f["gini"].attrs.update(attrs)
        f["gini"].dims[0].attach_scale(f["time"])


def _damage_bit_flips(path):
    data = bytearray(Path(path).read_bytes())
    rng = np.random.default_rng(5)
    for offset in rng.integers(0, min(len(data), 4096), size=200):
        data[offset] ^= 0xFF
    Path(path).write_bytes(bytes(data))


def _damage_truncate(path):
    data = Path(path).read_bytes()
    Path(path).write_bytes(data[: len(data) // 3])


def _foreign(path):
    with h5py.File(path, "w") as f:
        f.attrs["prosim_format_version"] = np.int32(1)
        f.attrs["completed"] = np.int32(1)
        f.create_dataset("gini", data=np.zeros(3))


def _version_99(path):
    with h5py.File(path, "r+") as f:
        f.attrs["prosim_format_version"] = np.int32(99)


CASES = {
    "deleted_time": (_damage_delete_time, "no /time axis"),
    "short_variable": (_damage_short_variable, "/gini has shape (55,) but its dimension /time has 60"),
    "bit_flips": (_damage_bit_flips, ""),
    "truncated": (_damage_truncate, ""),
    "foreign": (_foreign, "no /time axis"),
    "version_99": (_version_99, "format version 99 is not supported"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_file_gives_one_line(runs, cli, capsys, tmp_path, case):
    damage, expected = CASES[case]
    path = _copy(runs, tmp_path, f"{case}.h5")
    damage(path)
    for command in (["compare", "--run", f"x={path}", "--out", tmp_path / "out"],
                    ["report", "--run", f"x={path}", "--out", tmp_path / "r.html"]):
        code = cli(*command)
        err = capsys.readouterr().err.strip()
        assert code == 2, (case, command[0], err)
        assert err.startswith("error: ") and str(path) in err, err
        assert "Traceback" not in err
        assert expected in err, err


def test_partial_file_is_refused(runs, cli, capsys, tmp_path):
    part = tmp_path / "run.h5.part"
    shutil.copy(runs.files["base"][0], part)
    assert cli("compare", "--run", f"x={part}", "--out", tmp_path / "out") == 2
    assert "a partial file" in capsys.readouterr().err


def test_different_scenarios_are_never_pooled(runs, cli, capsys, tmp_path):
    """Same rule as `prosim compare`: runs of different resolved scenarios (beyond the seed)
    in one group are refused, naming both files; replicates of one scenario still pool."""
    base, dibao = runs.files["base"][0], runs.files["dibao"][0]
    assert cli("compare", "--run", f"x={base},{dibao}", "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert f"{dibao} and {base} are both in scenario 'x' but were run from different scenarios" in err
    assert cli("compare", "--run", f"x={base},{runs.files['base'][1]}", "--out", tmp_path / "ok") == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_prosim_inspect_and_compare_refuse_broken_files(runs, tmp_path, case):
    """The C++ readers apply the same rules: exit 4, one line naming the file, no HDF5 noise."""
    import subprocess
    from h5direct import find_binary
    damage, _ = CASES[case]
    path = _copy(runs, tmp_path, f"{case}.h5")
    damage(path)
    good = runs.files["base"][1]
    for args in (["inspect", str(path)], ["compare", good, str(path)]):
        r = subprocess.run([str(find_binary()), *args], capture_output=True, text=True, timeout=60)
        assert r.returncode == 4, (case, args[0], r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], r.stderr
        assert "infinite loop" not in r.stderr
        assert r.stdout.strip() == "", r.stdout  # refused before printing any table


def _as_version_1(path):
    """The format version 1 layout: the resolved scenario at the root, no /scenario group."""
    with h5py.File(path, "r+") as f:
        f.move("scenario/scenario_json", "scenario_json")
        del f["scenario"]
        f.attrs["prosim_format_version"] = np.int32(1)


def test_version_1_files_are_still_read(runs, cli, capsys, tmp_path):
    """Format version 2 moved scenario_json into /scenario; files written before still open,
    with their scenario, in the analysis package and in prosim compare."""
    import subprocess
    from h5direct import find_binary
    old = _copy(runs, tmp_path, "v1.h5")
    _as_version_1(old)
    run = runs_module.Run.open(str(old))
    new = runs_module.Run.open(runs.files["base"][0])
    assert run.scenario == new.scenario and run.scenario["name"] == "tiny_base"
    assert cli("compare", str(old), runs.files["dibao"][0], "--indicators", "gini",
               "--out", tmp_path / "out") == 0
    r = subprocess.run([str(find_binary()), "compare", "--indicators", "gini", str(old),
                        runs.files["base"][1]], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "tiny_base                  2" in r.stdout, r.stdout + r.stderr


def test_root_table_has_no_scenario_column(runs):
    """Issue 17, point 9: the root's monthly table is the indicators, not the scenario text
    repeated in every row; the scenario opens from its own group."""
    import xarray as xr
    with xr.open_dataset(runs.files["base"][0], engine="h5netcdf") as root:
        table = root.to_dataframe()
        assert "scenario_json" not in table.columns and "gini" in table.columns
        assert len(table) == root.sizes["time"]
    with xr.open_dataset(runs.files["base"][0], engine="h5netcdf", group="scenario") as s:
        assert json.loads(s["scenario_json"].item())["name"] == "tiny_base"
