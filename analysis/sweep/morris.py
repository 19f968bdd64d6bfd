"""Morris elementary effects: mu, mu* (Campolongo et al. 2007) and sigma.

A trajectory t has k + 1 points (steps 0..k); step s changes one factor i = morris_factor[s]
by +-delta in design coordinates. Its elementary effect is

    EE_i(t) = (y[t, s] - y[t, s-1]) / (u_i[t, s] - u_i[t, s-1]),

the change of the outcome per unit of the factor's design coordinate, i.e. the change over the
factor's whole range if the response were linear (for a linear model y = sum c_i x_i with
x_i = lo_i + u_i (hi_i - lo_i), EE_i = c_i (hi_i - lo_i) exactly). Over the r trajectories:

* mu_i    = mean of EE_i (signed: effects of opposite sign cancel),
* mu*_i   = mean of |EE_i| (Campolongo et al. 2007: the importance measure),
* sigma_i = standard deviation of EE_i (ddof = 1): non-linearity or interactions.

y is the mean over the point's done replicates (same choice as for the Sobol indices); an
elementary effect with a failed end point is left out. The interval of mu* is a bootstrap over
the factor's elementary effects (``n_boot`` resamples, fixed seed, central ``level`` range).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..runs import AnalysisError
from .load import Sweep


def elementary_effects(sweep: Sweep, outcome: str) -> pd.DataFrame:
    """One row per elementary effect: trajectory, step, factor, delta_u, ee."""
    if sweep.design != "morris":
        raise AnalysisError(f"{sweep.path}: Morris measures need a morris design, not "
                            f"{sweep.design}")
    traj, step, fac = (sweep.extra[v] for v in ("morris_trajectory", "morris_step",
                                                "morris_factor"))
    Y = sweep.summary_by_point(outcome)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        y = np.nanmean(Y, axis=1)                      # replicate mean per point
    rows = sweep.point_rows()
    t, s, f, U = traj[rows], step[rows], fac[rows], sweep.U[rows]
    where = {(int(a), int(b)): p for p, (a, b) in enumerate(zip(t, s))}
    if len(where) != len(rows):
        raise AnalysisError(f"{sweep.path}: two design points share a (morris_trajectory, "
                            "morris_step)")
    k = len(sweep.factors)
    out = []
    for (tr, st), p in sorted(where.items()):
        if st == 0:
            continue
        q = where.get((tr, st - 1))
        i = int(f[p])
        if q is None or not 0 <= i < k:
            raise AnalysisError(f"{sweep.path}: trajectory {tr} step {st}: no previous step "
                                "or morris_factor out of range")
        du = U[p, i] - U[q, i]
        if du == 0:
            raise AnalysisError(f"{sweep.path}: trajectory {tr} step {st} does not change "
                                f"factor {sweep.factor_names[i]}")
        out.append({"trajectory": tr, "step": st, "factor": sweep.factor_names[i],
                    "delta_u": du, "ee": (y[p] - y[q]) / du})
    return pd.DataFrame(out, columns=["trajectory", "step", "factor", "delta_u", "ee"])


def morris_table(sweep: Sweep, outcome: str, n_boot: int = 1000, level: float = 0.9,
                 seed: int = 0) -> pd.DataFrame:
    ee = elementary_effects(sweep, outcome)
    rng = np.random.default_rng(seed)
    q = [100 * (1 - level) / 2, 100 * (1 + level) / 2]
    rows = []
    for f in sweep.factor_names:
        e = ee.loc[(ee["factor"] == f) & np.isfinite(ee["ee"]), "ee"].to_numpy()
        r = len(e)
        if r == 0:
            rows.append({"outcome": outcome, "factor": f, "mu_star": np.nan,
                         "mu_star_lo": np.nan, "mu_star_hi": np.nan, "mu": np.nan,
                         "sigma": np.nan, "effects": 0})
            continue
        boot = np.abs(e[rng.integers(0, r, (n_boot, r))]).mean(axis=1)
        lo, hi = np.percentile(boot, q)
        rows.append({"outcome": outcome, "factor": f, "mu_star": float(np.mean(np.abs(e))),
                     "mu_star_lo": float(lo), "mu_star_hi": float(hi),
                     "mu": float(np.mean(e)),
                     "sigma": float(np.std(e, ddof=1)) if r > 1 else np.nan, "effects": r})
    df = pd.DataFrame(rows)
    df["rank"] = df["mu_star"].rank(ascending=False, method="min")
    df["level"] = level
    return df
