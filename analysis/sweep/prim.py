"""Scenario discovery: which factor ranges meet a target? PRIM (Friedman & Fisher 1999).

A *target* is ``OUTCOME OP NUMBER`` (``ratio_2025<1.9``, ``urban_rural_ratio@2025 < 1.9``):
OUTCOME is a summary outcome of the index or ``SERIES@YEAR``. A design point *meets* it when
the mean of its done replicates does (the expected outcome, as for the sensitivity indices);
the share of replicates that meet it is reported too.

PRIM's peeling: start from the box holding all points; at each step, for every factor and each
side, consider removing the ``alpha`` share of the box's points with the lowest (highest)
values of that factor (all points at the extreme value when ties leave nothing to remove at
the quantile); take the peel that leaves the box with the highest share of points meeting the
target (*density*), the smaller peel on a tie; stop when the box would hold fewer than
``min_mass`` of all points. Each step's box is one point of the *peeling trajectory*:

* coverage = points in the box meeting the target / all points meeting it,
* density  = points in the box meeting the target / points in the box,
* mass     = points in the box / all points.

The peeled box is the one of highest density among those with coverage >= ``min_coverage``
(the largest such box on a tie). Peeling also cuts factors that do not matter when a peel
happens to remove a few more misses than hits; so each restriction of that box is then tested
(Bryant & Lempert 2010's quasi-p-value): with n points and h hits in the box, and n' points
and h' hits once that restriction is lifted, p = P(X >= h) for X ~ Binomial(n, h'/n'). A
restriction with p > ``max_p`` (0.05) is lifted. Pasting (growing the box back) is not done.
A peel moves one limit to the smallest (largest) value among the points it keeps; a factor
is *restricted* when a peel moved one of its limits.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import List

import numpy as np
import pandas as pd

from scipy.stats import binom

from ..runs import AnalysisError

OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_TARGET = re.compile(r"^\s*([A-Za-z_][\w.]*(?:@\d{4})?)\s*(<=|>=|<|>)\s*"
                     r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")


@dataclass
class Target:
    outcome: str
    op: str
    threshold: float
    source: str = "--target"

    @property
    def text(self) -> str:
        return f"{self.outcome} {self.op} {self.threshold:g}"

    def met(self, values: np.ndarray) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        out = OPERATORS[self.op](v, self.threshold)
        return np.where(np.isfinite(v), out, False)


def parse_target(text: str) -> Target:
    m = _TARGET.match(text)
    if not m:
        raise AnalysisError(f"target {text!r}: expected OUTCOME OP NUMBER with OP one of "
                            "<, <=, >, >= (e.g. 'ratio_2025<1.9' or "
                            "'urban_rural_ratio@2025<1.9')")
    return Target(m.group(1), m.group(2), float(m.group(3)))


@dataclass
class Box:
    lo: np.ndarray
    hi: np.ndarray
    inside: np.ndarray        # bool, points in the box
    coverage: float
    density: float
    mass: float


@dataclass
class PrimResult:
    names: List[str]
    full_lo: np.ndarray
    full_hi: np.ndarray
    trajectory: List[Box]
    chosen: int               # the peeled box in the trajectory
    box: Box                  # that box, restrictions with p > max_p lifted
    p_values: np.ndarray      # quasi-p-value of each restriction of the peeled box (NaN: none)
    base_density: float
    n: int
    n_met: int

    def restricted(self) -> List[int]:
        b = self.box
        return [i for i in range(len(self.names))
                if b.lo[i] > self.full_lo[i] or b.hi[i] < self.full_hi[i]]

    def box_table(self) -> pd.DataFrame:
        b = self.box
        return pd.DataFrame({
            "factor": self.names, "full_lo": self.full_lo, "full_hi": self.full_hi,
            "box_lo": b.lo, "box_hi": b.hi,
            "restricted": [i in self.restricted() for i in range(len(self.names))],
            "quasi_p": self.p_values})

    def trajectory_table(self) -> pd.DataFrame:
        rows = []
        for s, b in enumerate(self.trajectory):
            row = {"step": s, "coverage": b.coverage, "density": b.density, "mass": b.mass,
                   "chosen": s == self.chosen}
            for i, n in enumerate(self.names):
                row[f"{n}_lo"] = b.lo[i]
                row[f"{n}_hi"] = b.hi[i]
            rows.append(row)
        return pd.DataFrame(rows)


def _box(X, y, lo, hi, n_met) -> Box:
    """The box with limits lo, hi (inclusive) and its statistics."""
    inside = _within(X, lo, hi)
    hits = int(np.sum(y & inside))
    return Box(np.array(lo, dtype=float), np.array(hi, dtype=float), inside,
               hits / n_met if n_met else float("nan"),
               hits / int(inside.sum()), inside.sum() / len(y))


def _within(X, lo, hi, skip=-1) -> np.ndarray:
    inside = np.ones(len(X), dtype=bool)
    for d in range(X.shape[1]):
        if d != skip:
            inside &= (X[:, d] >= lo[d]) & (X[:, d] <= hi[d])
    return inside


def lift_restrictions(X, y, box: Box, full_lo, full_hi, n_met, max_p: float = 0.05):
    """(box with insignificant restrictions lifted, quasi-p-value of each restriction)."""
    k = X.shape[1]
    p = np.full(k, np.nan)
    n, h = int(box.inside.sum()), int(np.sum(y & box.inside))
    for d in range(k):
        if box.lo[d] <= full_lo[d] and box.hi[d] >= full_hi[d]:
            continue
        wo = _within(X, box.lo, box.hi, skip=d)
        p[d] = float(binom.sf(h - 1, n, np.sum(y & wo) / wo.sum()))
    lo, hi = box.lo.copy(), box.hi.copy()
    lift = np.nonzero(p > max_p)[0]
    if lift.size == 0:
        return box, p
    lo[lift], hi[lift] = full_lo[lift], full_hi[lift]
    return _box(X, y, lo, hi, n_met), p


def prim(X: np.ndarray, y: np.ndarray, names: List[str], alpha: float = 0.05,
         min_mass: float = 0.05, min_coverage: float = 0.5, max_p: float = 0.05
         ) -> PrimResult:
    """Peeling trajectory of PRIM for points ``X`` (n, k) and outcome ``y`` (n,) bool."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    n, k = X.shape
    n_met = int(y.sum())
    if n < 2:
        raise AnalysisError("scenario discovery needs at least two design points")
    full_lo, full_hi = X.min(axis=0), X.max(axis=0)
    traj = [_box(X, y, full_lo, full_hi, n_met)]
    min_points = max(1, int(np.ceil(min_mass * n)))
    while True:
        best = None
        inside = traj[-1].inside
        cur = inside.sum()
        for d in range(k):
            x = X[inside, d]
            for side in (0, 1):
                q = np.quantile(x, alpha if side == 0 else 1 - alpha)
                drop = (X[:, d] < q) if side == 0 else (X[:, d] > q)
                drop &= inside
                if not drop.any():   # ties at the quantile: peel the extreme value itself
                    ext = x.min() if side == 0 else x.max()
                    drop = inside & (X[:, d] == ext)
                keep = inside & ~drop
                m = keep.sum()
                if m < min_points or m == cur:
                    continue
                dens = np.sum(y & keep) / m
                cand = (dens, m)
                if best is None or cand > best[0]:
                    lo, hi = traj[-1].lo.copy(), traj[-1].hi.copy()
                    if side == 0:
                        lo[d] = X[keep, d].min()
                    else:
                        hi[d] = X[keep, d].max()
                    best = (cand, lo, hi)
        if best is None:
            break
        traj.append(_box(X, y, best[1], best[2], n_met))
    eligible = [i for i, b in enumerate(traj) if b.coverage >= min_coverage]
    if not eligible:
        eligible = [0]
    chosen = max(eligible, key=lambda i: (traj[i].density, traj[i].mass))
    box, p = lift_restrictions(X, y, traj[chosen], full_lo, full_hi, n_met, max_p)
    return PrimResult(list(names), full_lo, full_hi, traj, chosen, box, p, n_met / n, n,
                      n_met)
