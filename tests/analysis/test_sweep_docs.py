"""The runnable snippets of docs/sweep-analysis.md (blocks after a ``<!-- tested: ... -->``
comment) run as written: the shell block with ``python3`` resolving to this interpreter, the
Python block with the repository on the path, both in a folder holding synthetic indexes at the
paths the snippets use."""

import os
import re
import subprocess
import sys

import numpy as np
import pytest

import sweep_synth as S
from h5direct import REPO

DOC = REPO / "docs" / "sweep-analysis.md"


def snippets():
    text = DOC.read_text(encoding="utf-8")
    return re.findall(r"<!-- tested:.*?-->\s*```(\w+)\n(.*?)```", text, flags=re.S)


def urr(X, r):
    """An urban-rural ratio series 2021-2025 that falls with the first factor."""
    end = 2.1 - 0.8 * (X[:, 0] - 1.0) - 0.3 * X[:, 1] + 0.01 * r
    return end[:, None] + 0.04 * np.arange(4, -1, -1)[None, :]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("docs")
    U = S.grid([[0, 0.5, 1], [0, 0.5, 1], [0, 1]])
    factors = {"mw_rise": {"lo": 1.0, "hi": 1.3}, "enclave_return": {"lo": 0.0, "hi": 0.5},
               "grant_share": {"lo": 0.0, "hi": 1.0}}
    S.write_index(str(d / "results" / "mw_enclave"), "grid", factors,
                  S.scale(U, [1.0, 0.0, 0.0], [1.3, 0.5, 1.0]), U, 2,
                  series={"urban_rural_ratio": urr})
    U, block, row = S.saltelli(64, 3)
    S.write_index(str(d / "results" / "gsa"), "sobol", factors,
                  S.scale(U, [1.0, 0.0, 0.0], [1.3, 0.5, 1.0]), U, 2,
                  series={"urban_rural_ratio": urr},
                  extra={"sobol_block": block, "sobol_sample": row},
                  attrs={"sobol_n": np.int32(64)})
    shim = d / "bin"
    shim.mkdir()
    os.symlink(sys.executable, shim / "python3")
    return d


def test_doc_has_the_tested_snippets():
    kinds = [k for k, _ in snippets()]
    assert kinds == ["sh", "python"]


@pytest.mark.parametrize("index", [0, 1])
def test_doc_snippet_runs(folder, index):
    kind, code = snippets()[index]
    env = dict(os.environ, PYTHONPATH=str(REPO),
               PATH=f"{folder / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = ["bash", "-euo", "pipefail", "-c", code] if kind == "sh" else \
        [sys.executable, "-c", code]
    res = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True,
                         timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    if kind == "sh":
        page = (folder / "reports" / "mw_enclave.html").read_text(encoding="utf-8")
        assert "urban_rural_ratio@2025 &lt; 1.9" in page
        assert (folder / "reports" / "mw_enclave" / "sweep_prim_box.csv").is_file()
    else:
        assert "S1" in res.stdout and "mw_rise" in res.stdout and "box_lo" in res.stdout
