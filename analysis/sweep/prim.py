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

The box shown is the one of highest density among those with coverage >= ``min_coverage``
(the largest such box on a tie). Pasting (growing the box back) is not done. Bounds are the
smallest and largest factor values of the box's points; a factor is *restricted* when the box
excludes some of its values.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import pandas as pd

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
    chosen: int
    base_density: float
    n: int
    n_met: int

    @property
    def box(self) -> Box:
        return self.trajectory[self.chosen]

    def restricted(self) -> List[int]:
        b = self.box
        return [i for i in range(len(self.names))
                if b.lo[i] > self.full_lo[i] or b.hi[i] < self.full_hi[i]]

    def box_table(self) -> pd.DataFrame:
        b = self.box
        return pd.DataFrame({
            "factor": self.names, "full_lo": self.full_lo, "full_hi": self.full_hi,
            "box_lo": b.lo, "box_hi": b.hi,
            "restricted": [i in self.restricted() for i in range(len(self.names))]})

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


def _box(X, y, inside, n_met) -> Box:
    sub = X[inside]
    hits = int(np.sum(y & inside))
    return Box(sub.min(axis=0), sub.max(axis=0), inside.copy(),
               hits / n_met if n_met else float("nan"),
               hits / int(inside.sum()), inside.sum() / len(y))


def prim(X: np.ndarray, y: np.ndarray, names: List[str], alpha: float = 0.05,
         min_mass: float = 0.05, min_coverage: float = 0.5) -> PrimResult:
    """Peeling trajectory of PRIM for points ``X`` (n, k) and outcome ``y`` (n,) bool."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    n, k = X.shape
    n_met = int(y.sum())
    if n < 2:
        raise AnalysisError("scenario discovery needs at least two design points")
    inside = np.ones(n, dtype=bool)
    traj = [_box(X, y, inside, n_met)]
    min_points = max(1, int(np.ceil(min_mass * n)))
    while True:
        best = None
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
                    best = (cand, keep)
        if best is None:
            break
        inside = best[1]
        traj.append(_box(X, y, inside, n_met))
    eligible = [i for i, b in enumerate(traj) if b.coverage >= min_coverage]
    if not eligible:
        eligible = [0]
    chosen = max(eligible, key=lambda i: (traj[i].density, traj[i].mass))
    return PrimResult(list(names), X.min(axis=0), X.max(axis=0), traj, chosen,
                      n_met / n, n, n_met)
