"""Direct reads of run files with h5py, independent of the analysis package's reader."""

import h5py
import numpy as np


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
