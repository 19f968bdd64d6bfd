"""Bands across replicates and differences between scenarios.

All functions work along axis 0 (the replicate axis) of arrays shaped (R, ...) and ignore
NaN values (a replicate with a missing value at one date does not count at that date).

* ``percentile_band``: mean, and the (1-level)/2 and (1+level)/2 percentiles of the
  replicates (5th and 95th for level 0.9) -- the spread of single runs.
* ``t_interval``: mean and the Student-t confidence interval of the mean,
  mean +- t(level, n-1) * sd / sqrt(n) -- the uncertainty of the mean.
* ``paired_difference``: differences of runs that share a seed (common random numbers),
  then a t-interval of the mean difference.
* ``welch_difference``: difference of the two means with Welch's unequal-variance
  t-interval (Welch-Satterthwaite degrees of freedom).
* ``difference``: picks paired or Welch from the seeds (see ``match_seeds``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy import stats as _st

BAND_METHODS = ("percentile", "ci")


def band_label(method: str, level: float = 0.9) -> str:
    pct = _pct(level)
    if method == "percentile":
        lo, hi = _pct((1 - level) / 2), _pct((1 + level) / 2)
        return f"{lo}th–{hi}th percentile of replicates"
    return f"{pct} % t-confidence interval of the mean"


def band_code(method: str, level: float = 0.9) -> str:
    """Short label used in CSV files: p5-p95 or ci90."""
    if method == "percentile":
        return f"p{_pct((1 - level) / 2)}-p{_pct((1 + level) / 2)}"
    return f"ci{_pct(level)}"


def _pct(x: float) -> str:
    v = round(100 * x, 3)
    return f"{v:g}"


def _count(x: np.ndarray) -> np.ndarray:
    return np.sum(~np.isnan(x), axis=0)


def _nanmean(x: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        return np.nanmean(x, axis=0)


def _nanstd(x: np.ndarray) -> np.ndarray:
    """Sample standard deviation (ddof=1); NaN where fewer than two values."""
    n = _count(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        sd = np.nanstd(x, axis=0, ddof=1)
    return np.where(n >= 2, sd, np.nan)


def percentile_band(x, level: float = 0.9):
    """(mean, lo, hi, n): mean and the central ``level`` percentile range of the replicates."""
    x = np.asarray(x, dtype=float)
    q_lo, q_hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        lo = np.nanpercentile(x, q_lo, axis=0)
        hi = np.nanpercentile(x, q_hi, axis=0)
    return _nanmean(x), lo, hi, _count(x)


def t_quantile(level: float, df) -> np.ndarray:
    df = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore"):
        q = _st.t.ppf(0.5 + level / 2, np.where(df > 0, df, np.nan))
    return q


def t_interval(x, level: float = 0.9):
    """(mean, lo, hi, n): mean +- t(level, n-1) sd/sqrt(n); NaN bounds where n < 2."""
    x = np.asarray(x, dtype=float)
    n = _count(x)
    mean = _nanmean(x)
    sd = _nanstd(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = t_quantile(level, n - 1) * sd / np.sqrt(n)
    # identical replicates: no uncertainty rather than NaN
    half = np.where((n >= 2) & (sd == 0), 0.0, half)
    return mean, mean - half, mean + half, n


def summarize(x, method: str = "percentile", level: float = 0.9):
    if method == "percentile":
        return percentile_band(x, level)
    if method == "ci":
        return t_interval(x, level)
    raise ValueError(f"unknown band method {method!r}; use one of {BAND_METHODS}")


def welch_difference(a, b, level: float = 0.9):
    """(diff, lo, hi, df) for mean(a) - mean(b) with Welch's t-interval."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    na, nb = _count(a), _count(b)
    va, vb = _nanstd(a) ** 2, _nanstd(b) ** 2
    diff = _nanmean(a) - _nanmean(b)
    with np.errstate(invalid="ignore", divide="ignore"):
        sa, sb = va / na, vb / nb
        se2 = sa + sb
        df = se2 ** 2 / (sa ** 2 / (na - 1) + sb ** 2 / (nb - 1))
        half = t_quantile(level, df) * np.sqrt(se2)
    half = np.where((na >= 2) & (nb >= 2) & (se2 == 0), 0.0, half)
    return diff, diff - half, diff + half, df


def paired_difference(a, b, level: float = 0.9):
    """(diff, lo, hi, n) for the mean of a[i] - b[i] (rows already matched by seed)."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    return t_interval(d, level)


def match_seeds(seeds_a: Sequence[Optional[int]], seeds_b: Sequence[Optional[int]]
                ) -> Optional[List[Tuple[int, int]]]:
    """Index pairs (i, j) of runs with equal seeds, or None when the runs cannot be paired.

    Runs are paired when every seed is known and unique within its group and at least two
    seeds are shared (or all runs of both groups share their seeds, e.g. one run each with
    the same seed). Runs whose seed has no partner are left out of a paired comparison.
    """
    if any(s is None for s in seeds_a) or any(s is None for s in seeds_b):
        return None
    if len(set(seeds_a)) != len(seeds_a) or len(set(seeds_b)) != len(seeds_b):
        return None
    index_b = {s: j for j, s in enumerate(seeds_b)}
    pairs = [(i, index_b[s]) for i, s in enumerate(seeds_a) if s in index_b]
    if len(pairs) >= 2 or (pairs and len(pairs) == len(seeds_a) == len(seeds_b)):
        return pairs
    return None


@dataclass
class Difference:
    diff: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    paired: bool
    n: int                 # pairs (paired) or min(n_a, n_b) (Welch)
    dropped: int = 0       # runs left out because their seed had no partner

    @property
    def method(self) -> str:
        return "paired by seed" if self.paired else "unpaired (Welch)"


def difference(a, seeds_a, b, seeds_b, level: float = 0.9, pairing: str = "auto"
               ) -> Difference:
    """mean(a) - mean(b) with a ``level`` confidence band.

    ``pairing``: "auto" (paired when the seeds match, see ``match_seeds``), "paired"
    (error when they do not) or "unpaired" (always Welch).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    pairs = None if pairing == "unpaired" else match_seeds(list(seeds_a), list(seeds_b))
    if pairing == "paired" and pairs is None:
        raise ValueError("the runs cannot be paired: their seeds do not match "
                         f"({sorted(s for s in seeds_a if s is not None)} vs "
                         f"{sorted(s for s in seeds_b if s is not None)})")
    if pairs is not None:
        ia = [i for i, _ in pairs]
        ib = [j for _, j in pairs]
        d, lo, hi, _ = paired_difference(a[ia], b[ib], level)
        dropped = len(a) + len(b) - 2 * len(pairs)
        return Difference(d, lo, hi, True, len(pairs), dropped)
    d, lo, hi, _ = welch_difference(a, b, level)
    return Difference(d, lo, hi, False, int(min(len(a), len(b))))
