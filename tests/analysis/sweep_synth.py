"""Test support: synthetic sweep indexes in the contract format of ``prosim sweep`` (format
version 1, docs/sweep-analysis.md), written with xarray/h5netcdf, and the designs the tests
need (Saltelli sample, Morris trajectories, grid).

The writer is deliberately independent of the analysis package's reader."""

from __future__ import annotations

import itertools
import json
import os

import numpy as np
import xarray as xr

ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1
# analytic indices of the Ishigami function for a = 7, b = 0.1 (Saltelli et al. 2008, p. 179)
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]


def ishigami(x):
    return (np.sin(x[:, 0]) + ISHIGAMI_A * np.sin(x[:, 1]) ** 2
            + ISHIGAMI_B * x[:, 2] ** 4 * np.sin(x[:, 0]))


def scale(u, lo, hi):
    return np.asarray(lo) + u * (np.asarray(hi) - np.asarray(lo))


def saltelli(n: int, k: int, seed: int = 1):
    """(unit sample (n (k + 2), k), block, row): A, B, then A_B^i, i = 0..k-1."""
    from scipy.stats import qmc
    base = qmc.Sobol(d=2 * k, scramble=True, seed=seed).random(n)
    A, B = base[:, :k], base[:, k:]
    mats, blocks = [A, B], [0, 1]
    for i in range(k):
        ab = A.copy()
        ab[:, i] = B[:, i]
        mats.append(ab)
        blocks.append(2 + i)
    U = np.concatenate(mats)
    block = np.repeat(blocks, n)
    row = np.tile(np.arange(n), k + 2)
    return U, block, row


def morris(r: int, k: int, levels: int = 4, seed: int = 1):
    """r trajectories of k + 1 points: (unit sample, trajectory, step, factor changed)."""
    rng = np.random.default_rng(seed)
    delta = levels / (2.0 * (levels - 1))
    grid = np.arange(levels) / (levels - 1)
    U, T, S, F = [], [], [], []
    for t in range(r):
        x = rng.choice(grid, size=k)
        U.append(x.copy()); T.append(t); S.append(0); F.append(-1)
        for s, i in enumerate(rng.permutation(k), start=1):
            x[i] = x[i] + delta if x[i] + delta <= 1 + 1e-12 else x[i] - delta
            U.append(x.copy()); T.append(t); S.append(s); F.append(int(i))
    return np.array(U), np.array(T), np.array(S), np.array(F), delta


def grid(levels):
    """Full-factorial unit sample: every combination of the given unit levels."""
    return np.array(list(itertools.product(*levels)), dtype=float)


def write_index(path, design, factors, X, U, replicates=1, summaries=None, series=None,
                time=None, status=None, errors=None, extra=None, attrs=None, shuffle=None,
                seed=7):
    """Write DIR/sweep.h5 (``path`` a folder) for design points X (P, k) / U (P, k).

    ``factors``: {name: {"lo": .., "hi": .., "distribution": ..}} in sweep order.
    ``summaries``: {name: function(points (P, k), replicate) -> (P,)};
    ``series``: {name: function(points, replicate) -> (P, T)}. Runs are point-major
    (point p, replicate r -> run p * R + r) unless ``shuffle`` (a seed) permutes them.
    ``extra``: per-point design variables (e.g. sobol_block); ``status``/``errors``: per run.
    """
    os.makedirs(path, exist_ok=True)
    P, k = X.shape
    names = list(factors)
    R = replicates
    point = np.repeat(np.arange(P), R).astype("int32")
    rep = np.tile(np.arange(R), P).astype("int32")
    n = P * R
    time = np.arange(2021, 2026, dtype="int32") if time is None else np.asarray(time, "int32")
    status = np.array(["done"] * n, dtype=object) if status is None else np.array(status,
                                                                                  object)
    errors = np.array([""] * n, dtype=object) if errors is None else np.array(errors, object)
    data = {
        "point": ("run", point), "replicate": ("run", rep),
        "seed": ("run", (1000 + rep).astype("uint64")),
        "status": ("run", status), "error": ("run", errors),
        "wall_s": ("run", np.full(n, 1.5)),
        "file": ("run", np.array([f"runs/p{p:04d}_r{r:03d}.h5" for p, r in zip(point, rep)],
                                 dtype=object)),
        "unit_sample": (("run", "factor"), U[point]),
    }
    for j, name in enumerate(names):
        data[name] = ("run", X[point, j], {"pointers": f"/x/{name}", "apply": "set",
                                           **factors[name]})
    for v, vals in (extra or {}).items():
        data[v] = ("run", np.asarray(vals, dtype="int32")[point])
    failed = status != "done"
    for name, fn in (summaries or {}).items():
        y = np.empty(n)
        for r in range(R):
            y[rep == r] = fn(X, r)
        y[failed] = np.nan
        data[name] = ("run", y, {"kind": "summary", "units": "1",
                                 "definition": f"{name} (synthetic)"})
    for name, fn in (series or {}).items():
        y = np.empty((n, len(time)))
        for r in range(R):
            y[rep == r] = fn(X, r)
        y[failed] = np.nan
        data[name] = (("run", "time"), y, {"kind": "series", "units": "1",
                                           "long_name": f"{name} (synthetic)"})
    ds = xr.Dataset(data, coords={"time": time, "factor": np.array(names, dtype=object)})
    if shuffle is not None:
        ds = ds.isel(run=np.random.default_rng(shuffle).permutation(n))
    sweep = {"name": "synthetic", "base": "base.json", "seed": seed, "replicates": R,
             "design": {"type": design}, "factors": factors}
    ds.attrs = {"sweep_format_version": np.int32(1), "sweep_json": json.dumps(sweep),
                "sweep_sha256": "0" * 64, "design": design, "factors": ",".join(names),
                "base_scenario": "base.json", "seed": np.uint64(seed),
                "replicates": np.int32(R), **(attrs or {})}
    out = os.path.join(path, "sweep.h5")
    ds.to_netcdf(out, engine="h5netcdf")
    return out
