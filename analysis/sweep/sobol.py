"""Sobol first- and total-order indices from a Saltelli sample, with bootstrap intervals.

The design has N base rows j and, for k factors, k + 2 blocks: A (block 0), B (block 1) and
A_B^i (block 2 + i: matrix A with column i taken from B). With f_A, f_B, f_ABi the outcomes:

* first order, Saltelli et al. (2010), Table 2 (b):
  V_i = 1/N sum_j f_B[j] (f_ABi[j] - f_A[j]),               S_i = V_i / V(Y)
* total order, Jansen (1999) (Saltelli et al. 2010, Table 2 (f)):
  V_Ti = 1/(2N) sum_j (f_A[j] - f_ABi[j])^2,                 S_Ti = V_Ti / V(Y)
* V(Y): the variance of the 2N values of f_A and f_B.

Outcomes are centred by the mean of f_A and f_B before the first-order sum (this leaves its
expectation unchanged and removes the round-off of a large mean).

Replicates: the indices describe the *expected* outcome. The outcome of a design point is the
mean over its done replicates before the estimators are applied (replicates share seeds across
points, so the common part of the noise cancels in f_ABi - f_A). The remaining stochastic noise
is reported as ``noise_share``: the residual variance of a two-way (point x replicate) layout,
sigma^2 = sum (y_pr - y_p. - y_.r + y_..)^2 / ((P - 1)(R - 1)) over the points with every
replicate done, divided by R (the variance of a point's mean) and by V(Y). A shift that a
replicate's seed gives every point alike is not noise here: it cancels in every estimator.
Rows j where any block has no done run are left out.

Bootstrap: the N rows are resampled with replacement (``n_boot`` times, fixed seed) and the
indices recomputed; the interval is the central ``level`` percentile range.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Tuple

import numpy as np
import pandas as pd

from ..runs import AnalysisError
from .load import Sweep


def first_total(fA: np.ndarray, fB: np.ndarray, fAB: np.ndarray) -> Tuple[np.ndarray,
                                                                           np.ndarray]:
    """(S1, ST) arrays of length k from f_A, f_B (N,) and f_AB (k, N)."""
    allv = np.concatenate([fA, fB])
    var = np.var(allv)
    if not var > 0:
        k = fAB.shape[0]
        return np.full(k, np.nan), np.full(k, np.nan)
    c = np.mean(allv)
    s1 = np.mean((fB - c)[None, :] * (fAB - fA[None, :]), axis=1) / var
    st = 0.5 * np.mean((fA[None, :] - fAB) ** 2, axis=1) / var
    return s1, st


def bootstrap(fA, fB, fAB, n_boot: int = 1000, level: float = 0.9, seed: int = 0):
    """(S1_lo, S1_hi, ST_lo, ST_hi): percentile intervals over resampled rows."""
    n = len(fA)
    rng = np.random.default_rng(seed)
    k = fAB.shape[0]
    s1b = np.empty((n_boot, k))
    stb = np.empty((n_boot, k))
    for b in range(n_boot):
        j = rng.integers(0, n, n)
        s1b[b], stb[b] = first_total(fA[j], fB[j], fAB[:, j])
    q = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        a = np.nanpercentile(s1b, q, axis=0)
        t = np.nanpercentile(stb, q, axis=0)
    return a[0], a[1], t[0], t[1]


@dataclass
class SobolBlocks:
    fA: np.ndarray
    fB: np.ndarray
    fAB: np.ndarray          # (k, N)
    rows_used: int
    rows_dropped: int
    noise_share: float
    replicates: int


def blocks(sweep: Sweep, outcome: str) -> SobolBlocks:
    """The replicate-mean outcome of every (block, row) of a sobol design."""
    if sweep.design != "sobol":
        raise AnalysisError(f"{sweep.path}: Sobol indices need a sobol design, not "
                            f"{sweep.design}")
    k = len(sweep.factors)
    n = int(sweep.attrs.get("sobol_n", 0))
    blk, row = sweep.extra["sobol_block"], sweep.extra["sobol_sample"]
    if n <= 0 or blk.min() < 0 or blk.max() > k + 1 or row.min() < 0 or row.max() >= n:
        raise AnalysisError(f"{sweep.path}: sobol_block/sobol_sample out of range for "
                            f"sobol_n = {n} and {k} factors")
    reps, r_idx = np.unique(sweep.replicate, return_inverse=True)
    v = np.where(sweep.done, sweep.values(outcome), np.nan)
    cube = np.full((k + 2, n, len(reps)), np.nan)
    cube[blk, row, r_idx] = v
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        mean = np.nanmean(cube, axis=2)                     # (k + 2, n)
    ok = np.all(np.isfinite(mean), axis=0)
    if ok.sum() < 2:
        raise AnalysisError(f"{sweep.path}: fewer than two complete Saltelli rows for "
                            f"{outcome!r}")
    fA, fB, fAB = mean[0, ok], mean[1, ok], mean[2:, ok]
    var = np.var(np.concatenate([fA, fB]))
    noise = residual_variance(cube.reshape(-1, len(reps))) / len(reps) / var \
        if var > 0 else float("nan")
    return SobolBlocks(fA, fB, fAB, int(ok.sum()), int(n - ok.sum()), noise, len(reps))


def residual_variance(Y: np.ndarray) -> float:
    """Residual variance of a two-way layout Y (points, replicates) without interaction
    replicates: the part of the replicate noise that differs between points. Uses the points
    with every replicate done; NaN with one replicate or fewer than two such points."""
    Y = Y[np.all(np.isfinite(Y), axis=1)]
    p, r = Y.shape
    if r < 2 or p < 2:
        return float("nan")
    e = Y - Y.mean(axis=1, keepdims=True) - Y.mean(axis=0, keepdims=True) + Y.mean()
    return float(np.sum(e ** 2) / ((p - 1) * (r - 1)))


def sobol_table(sweep: Sweep, outcome: str, n_boot: int = 1000, level: float = 0.9,
                seed: int = 0) -> pd.DataFrame:
    """One row per factor: S1 and ST with their bootstrap intervals."""
    b = blocks(sweep, outcome)
    s1, st = first_total(b.fA, b.fB, b.fAB)
    s1lo, s1hi, stlo, sthi = bootstrap(b.fA, b.fB, b.fAB, n_boot, level, seed)
    return pd.DataFrame({
        "outcome": outcome, "factor": sweep.factor_names, "S1": s1, "S1_lo": s1lo,
        "S1_hi": s1hi, "ST": st, "ST_lo": stlo, "ST_hi": sthi, "rows": b.rows_used,
        "rows_dropped": b.rows_dropped, "replicates": b.replicates,
        "noise_share": b.noise_share, "level": level, "bootstrap": n_boot})
