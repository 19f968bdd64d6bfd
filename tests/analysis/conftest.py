"""Fixtures for the analysis package tests.

The session fixture ``runs`` builds tiny scenarios (extending scenarios/jinhua_baseline.json)
in a temporary folder and runs the simulator on them:

* ``base``   : the tiny baseline, seeds 1, 2, 3
* ``dibao``  : the same with policies.dibao.near_poor_multiple 2.0 and near_poor_topup_share
               0.5, seeds 1, 2, 3 (paired with base by seed)
* ``other``  : the dibao scenario with seeds 11, 12 (not paired with base: Welch)

The simulator is taken from $PROSIM_BINARY, else build/release/prosim, build/dev/prosim,
build/analysis/prosim (relative to the repository root).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from h5direct import REPO, find_binary  # noqa: E402  (support module next to this file)

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SEEDS = {"base": [1, 2, 3], "dibao": [1, 2, 3], "other": [11, 12]}


class Runs:
    def __init__(self, folder: Path, files: dict, scenarios: dict):
        self.folder = folder
        self.files = files          # key -> list of paths (str)
        self.scenarios = scenarios  # key -> scenario json path

    def glob(self, key: str) -> str:
        return str(self.folder / f"{key}_r*.h5")


@pytest.fixture(scope="session")
def runs(tmp_path_factory) -> Runs:
    binary = find_binary()
    folder = tmp_path_factory.mktemp("prosim_runs")
    baseline_path = REPO / "scenarios" / "jinhua_baseline.json"
    tiny = {
        "extends": str(baseline_path),
        "name": "tiny_base",
        "description": "Tiny baseline for the analysis tests",
        "scale": 0.001,
        "end": "2025-12",
        "economy": {"burn_in_months": 6},
    }
    dibao = {
        "extends": str(folder / "tiny_base.json"),
        "name": "tiny_dibao",
        "description": "Tiny baseline with a near-poor top-up",
        "policies": {"dibao": {"near_poor_multiple": 2.0, "near_poor_topup_share": 0.5}},
    }
    (folder / "tiny_base.json").write_text(json.dumps(tiny, indent=1))
    (folder / "tiny_dibao.json").write_text(json.dumps(dibao, indent=1))
    scen = {"base": folder / "tiny_base.json", "dibao": folder / "tiny_dibao.json",
            "other": folder / "tiny_dibao.json"}
    files = {}
    procs = []
    for key, seeds in SEEDS.items():
        files[key] = []
        for k, seed in enumerate(seeds, start=1):
            out = folder / f"{key}_r{k:03d}.h5"
            files[key].append(str(out))
            cmd = [str(binary), "run", str(scen[key]), "-o", str(out), "--seed", str(seed),
                   "--threads", "1"]
            procs.append((cmd, subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                                stderr=subprocess.STDOUT, text=True)))
            if len(procs) >= 2:
                _wait(procs.pop(0))
    for p in procs:
        _wait(p)
    return Runs(folder, files, scen)


def _wait(item):
    cmd, proc = item
    out, _ = proc.communicate(timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"simulator failed ({proc.returncode}): {' '.join(cmd)}\n{out}",
                    pytrace=False)


@pytest.fixture
def cli():
    """Run ``python3 -m analysis ARGS`` in this process; returns the exit code (read the
    printed output with capsys)."""
    from analysis.__main__ import main

    def call(*args):
        return main([str(a) for a in args])
    return call
