"""Test support: the simulator binary, and direct reads of run files with h5py (independent
of the analysis package's reader)."""

import os
from pathlib import Path

import h5py
import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = ["build/release/prosim", "build/dev/prosim", "build/analysis/prosim"]


def find_binary() -> Path:
    """$PROSIM_BINARY, else the first existing candidate build; fails the test otherwise."""
    env = os.environ.get("PROSIM_BINARY")
    if env:
        p = Path(env)
        if not p.is_file():
            pytest.fail(f"PROSIM_BINARY={env} does not exist", pytrace=False)
        return p
    for c in CANDIDATES:
        p = REPO / c
        if p.is_file() and os.access(p, os.X_OK):
            return p
    pytest.fail(
        "no prosim binary found for the analysis tests: set PROSIM_BINARY or build one of "
        + ", ".join(CANDIDATES)
        + " (e.g. cmake -S . -B build/analysis -G Ninja -DCMAKE_BUILD_TYPE=Release "
          "-DPROSIM_TESTS=OFF && cmake --build build/analysis --target prosim)",
        pytrace=False)


def read(path, name, group=None):
    with h5py.File(path, "r") as f:
        g = f[group] if group else f
        return np.asarray(g[name][...], dtype=float)


def months(path):
    with h5py.File(path, "r") as f:
        return [m for m in f["month"].asstr()[...]]


def seed(path):
    with h5py.File(path, "r") as f:
        return int(f.attrs["seed"])


def county_names(path, group="county"):
    with h5py.File(path, "r") as f:
        return [c for c in f[group]["county_name"].asstr()[...]]


def stack(paths, name, group=None):
    return np.stack([read(p, name, group) for p in paths])


def is_png(path, min_bytes=2000):
    with open(path, "rb") as fh:
        data = fh.read()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= min_bytes
