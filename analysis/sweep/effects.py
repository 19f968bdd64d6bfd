"""Main effects, lowest-to-highest effects and response surfaces of a sweep.

Replicates at different design points share their seeds (common random numbers), so every
number here is first computed *per replicate* (one column of ``Sweep.by_point``) and only then
summarised across replicates: the band of a main-effect curve is the spread of the replicates'
curves, and the effect of a factor is a paired difference.

Which points a factor's main effect uses depends on the design:

* ``grid``: all points, grouped by the factor's level (the other factors averaged over their
  levels: the classical main effect of a full factorial);
* ``oat``: the points where every other factor is at its base value (the value most points
  share), grouped by the factor's level;
* ``lhs`` (and any other design): the points grouped into equal-width bins of the factor's
  design coordinate (Latin hypercube strata hold equally many points per bin).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import pandas as pd

from ..stats import summarize, t_interval
from .load import Sweep

MAX_LEVELS = 12      # more distinct values than this: bin instead of one group per level


@dataclass
class Groups:
    """Design points grouped along one factor."""
    factor: str
    labels: np.ndarray        # representative factor value of each group
    lo: np.ndarray            # smallest factor value in the group
    hi: np.ndarray            # largest
    members: List[np.ndarray]  # point indices (rows of by_point) of each group
    how: str                  # "levels", "levels, others at base" or "bins"


def _nanmean(a, axis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        return np.nanmean(a, axis=axis)


def base_mask(sweep: Sweep, k: int) -> np.ndarray:
    """Points where every factor except number ``k`` is at its most common value (OAT)."""
    V = sweep.point_values()
    keep = np.ones(len(V), dtype=bool)
    for j in range(V.shape[1]):
        if j == k:
            continue
        vals, counts = np.unique(V[:, j], return_counts=True)
        keep &= V[:, j] == vals[np.argmax(counts)]
    return keep


def groups(sweep: Sweep, factor: str, bins: Optional[int] = None) -> Groups:
    k = sweep.factor_names.index(factor)
    V = sweep.point_values()[:, k]
    U = sweep.point_units()[:, k]
    eligible = np.ones(len(V), dtype=bool)
    how = "levels"
    if sweep.design == "oat":
        eligible = base_mask(sweep, k)
        how = "levels, other factors at base"
    levels = np.unique(V[eligible])
    if sweep.design in ("grid", "oat") or (len(levels) <= MAX_LEVELS and bins is None):
        members = [np.nonzero(eligible & (V == v))[0] for v in levels]
        return Groups(factor, levels, levels, levels, members, how)
    n = int(eligible.sum())
    b = bins or int(np.clip(n // 5, 3, 10))
    edges = np.linspace(0.0, 1.0, b + 1)
    idx = np.clip(np.searchsorted(edges, U, side="right") - 1, 0, b - 1)
    members, labels, lo, hi = [], [], [], []
    for g in range(b):
        m = np.nonzero(eligible & (idx == g))[0]
        if m.size == 0:
            continue
        members.append(m)
        labels.append(float(np.mean(V[m])))
        lo.append(float(np.min(V[m])))
        hi.append(float(np.max(V[m])))
    return Groups(factor, np.array(labels), np.array(lo), np.array(hi), members,
                  f"{b} equal-width bins of the design coordinate")


def replicate_curves(Y: np.ndarray, g: Groups) -> np.ndarray:
    """(R, G): each replicate's mean outcome in each group (NaN-aware)."""
    return np.stack([_nanmean(Y[m, :], axis=0) for m in g.members], axis=1)


def main_effects(sweep: Sweep, outcome: str, band: str = "percentile", level: float = 0.9,
                 bins: Optional[int] = None) -> pd.DataFrame:
    """One row per outcome, factor and group: mean over replicates of the group mean and the
    band across replicates."""
    Y = sweep.summary_by_point(outcome)
    rows = []
    for f in sweep.factor_names:
        g = groups(sweep, f, bins)
        C = replicate_curves(Y, g)
        mean, lo, hi, n = summarize(C, band, level)
        for i in range(len(g.labels)):
            rows.append({"outcome": outcome, "factor": f, "value": g.labels[i],
                         "value_lo": g.lo[i], "value_hi": g.hi[i],
                         "points": len(g.members[i]), "mean": mean[i], "lo": lo[i],
                         "hi": hi[i], "n_replicates": int(n[i]), "grouping": g.how})
    return pd.DataFrame(rows)


def factor_effects(sweep: Sweep, outcome: str, level: float = 0.9,
                   bins: Optional[int] = None) -> pd.DataFrame:
    """Effect of moving each factor from its lowest to its highest group: the replicates'
    paired differences (same seed at both ends) and their t-interval."""
    Y = sweep.summary_by_point(outcome)
    rows = []
    for f in sweep.factor_names:
        g = groups(sweep, f, bins)
        if len(g.members) < 2:
            continue
        C = replicate_curves(Y, g)
        d = C[:, -1] - C[:, 0]
        mean, lo, hi, n = t_interval(d[:, None], level)
        swing = np.nanmax(_nanmean(C, 0)) - np.nanmin(_nanmean(C, 0))
        rows.append({"outcome": outcome, "factor": f, "from": g.labels[0],
                     "to": g.labels[-1], "effect": float(mean[0]), "lo": float(lo[0]),
                     "hi": float(hi[0]), "n_pairs": int(n[0]), "swing": float(swing),
                     "grouping": g.how})
    df = pd.DataFrame(rows)
    if len(df):
        df = df.reindex(df["effect"].abs().sort_values(ascending=False).index)
    return df.reset_index(drop=True)


@dataclass
class Surface:
    outcome: str
    fx: str
    fy: str
    x_edges: np.ndarray       # cell edges in factor units (len nx + 1)
    y_edges: np.ndarray
    x_centres: np.ndarray
    y_centres: np.ndarray
    mean: np.ndarray          # (ny, nx) mean over replicates and points in the cell
    points: np.ndarray        # (ny, nx) design points in the cell
    binned: bool


def _axis(values: np.ndarray, units: np.ndarray, nbins: int):
    """Cells along one factor: one per level when few levels, else equal-width unit bins."""
    levels = np.unique(values)
    if len(levels) <= MAX_LEVELS:
        idx = np.searchsorted(levels, values)
        if len(levels) == 1:
            edges = np.array([levels[0] - 0.5, levels[0] + 0.5])
        else:
            mids = (levels[1:] + levels[:-1]) / 2
            edges = np.concatenate([[levels[0] - (mids[0] - levels[0])], mids,
                                    [levels[-1] + (levels[-1] - mids[-1])]])
        return idx, levels, edges, False
    e = np.linspace(0.0, 1.0, nbins + 1)
    idx = np.clip(np.searchsorted(e, units, side="right") - 1, 0, nbins - 1)
    centres = np.array([np.mean(values[idx == i]) if np.any(idx == i) else np.nan
                        for i in range(nbins)])
    # factor-unit edges: interpolate between the cells' value ranges
    lo = [np.min(values[idx == i]) if np.any(idx == i) else np.nan for i in range(nbins)]
    hi = [np.max(values[idx == i]) if np.any(idx == i) else np.nan for i in range(nbins)]
    edges = np.array([lo[0]] + [(hi[i] + lo[i + 1]) / 2 for i in range(nbins - 1)] + [hi[-1]])
    return idx, centres, edges, True


def surface(sweep: Sweep, outcome: str, fx: str, fy: str,
            nbins: Optional[int] = None) -> Surface:
    """Mean outcome over a grid of (fx, fy) cells: the replicate mean of each point, averaged
    over the points in the cell (i.e. over the other factors)."""
    Y = _nanmean(sweep.summary_by_point(outcome), axis=1)
    kx, ky = sweep.factor_names.index(fx), sweep.factor_names.index(fy)
    V, U = sweep.point_values(), sweep.point_units()
    nb = nbins or int(np.clip(np.sqrt(len(Y) / 4), 3, 10))
    ix, xc, xe, bx = _axis(V[:, kx], U[:, kx], nb)
    iy, yc, ye, by = _axis(V[:, ky], U[:, ky], nb)
    mean = np.full((len(yc), len(xc)), np.nan)
    count = np.zeros((len(yc), len(xc)), dtype=int)
    for a in range(len(yc)):
        for b in range(len(xc)):
            m = (iy == a) & (ix == b) & np.isfinite(Y)
            count[a, b] = int(m.sum())
            if m.any():
                mean[a, b] = float(np.mean(Y[m]))
    return Surface(outcome, fx, fy, xe, ye, xc, yc, mean, count, bx or by)


def surface_pair(sweep: Sweep, outcome: str, wanted: Optional[List[str]] = None) -> List[str]:
    """The two factors of the response surface: ``wanted``, else the two with the largest
    main-effect swing on ``outcome``."""
    if wanted:
        return list(wanted)
    swings = []
    Y = sweep.summary_by_point(outcome)
    for f in sweep.factor_names:
        g = groups(sweep, f)
        c = _nanmean(replicate_curves(Y, g), 0)
        s = np.nanmax(c) - np.nanmin(c) if np.isfinite(c).any() else -np.inf
        swings.append(s)
    order = np.argsort(-np.asarray(swings), kind="stable")
    return [sweep.factor_names[i] for i in sorted(order[:2])]
