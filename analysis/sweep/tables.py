"""Every number of the sweep report, as tables (the CSV files hold exactly these).

``analyse`` picks what a design supports: main effects and factor effects for grid, oat and
lhs; response surfaces for two factors unless the design is one-at-a-time; Sobol indices for
sobol; Morris measures for morris; scenario discovery (PRIM) for every design with targets.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import pandas as pd

from .. import targets as T
from ..runs import AnalysisError
from . import effects as E
from .load import Sweep, split_series_year
from .morris import morris_table
from .prim import PrimResult, Target, prim
from .sobol import sobol_table

EFFECT_DESIGNS = ("grid", "oat", "lhs")


@dataclass
class Options:
    outcomes: Optional[List[str]] = None     # summaries or SERIES@YEAR; series for figures
    targets: Optional[List[Target]] = None   # None: defaults from analysis/targets.json
    band: str = "percentile"
    level: float = 0.9
    n_boot: int = 1000
    surface: Optional[List[str]] = None      # two factor names
    prim_alpha: float = 0.05
    prim_min_mass: float = 0.05
    prim_coverage: float = 0.5
    prim_max_p: float = 0.05                 # 1: keep every cut of the peeled box
    seed: int = 0                            # bootstrap


@dataclass
class Analysis:
    sweep: Sweep
    options: Options
    summaries: List[str]
    series: List[str]
    targets: List[Target]
    tables: Dict[str, pd.DataFrame] = field(default_factory=dict)
    prim: Dict[str, "Discovery"] = field(default_factory=dict)    # target text -> result
    surfaces: Dict[str, E.Surface] = field(default_factory=dict)  # outcome -> surface
    notes: List[str] = field(default_factory=list)


def choose_outcomes(sweep: Sweep, wanted: Optional[List[str]]):
    """(summaries, series): the summary outcomes analysed and the series drawn."""
    if not wanted:
        summaries = list(sweep.summaries)
        if not summaries and len(sweep.time):
            last = int(sweep.time[-1])
            summaries = [f"{s}@{last}" for s in sweep.series]
        return summaries, list(sweep.series)
    summaries, series = [], []
    for name in wanted:
        if name in sweep.outcomes and sweep.outcomes[name].kind == "series":
            series.append(name)
        else:
            sweep.values(name)            # raises a clear error for an unknown name
            summaries.append(name)
    return summaries, series


def default_targets(sweep: Sweep) -> List[Target]:
    """The policy targets of analysis/targets.json that the index can evaluate: a series of
    the indicator with the target year (no growth transforms)."""
    try:
        targets, year = T.load_targets(None)
    except AnalysisError:
        return []
    out = []
    for t in targets:
        y = t.year or year
        if (t.transform or t.operator not in ("<", "<=", ">", ">=") or y is None
                or t.indicator not in sweep.series or int(y) not in set(sweep.time.tolist())):
            continue
        out.append(Target(f"{t.indicator}@{int(y)}", t.operator, t.threshold,
                          f"{t.label} ({os.path.relpath(T.DEFAULT_TARGETS)})"))
    return out


def runs_table(sweep: Sweep, summaries: List[str]) -> pd.DataFrame:
    df = pd.DataFrame({"run": np.arange(sweep.n_runs), "point": sweep.point,
                       "replicate": sweep.replicate, "seed": sweep.seed.astype(str)})
    for k, f in enumerate(sweep.factor_names):
        df[f] = sweep.X[:, k]
    df["status"] = sweep.status
    df["error"] = sweep.error
    df["wall_s"] = sweep.wall_s
    df["file"] = sweep.file
    for s in summaries:
        df[s] = sweep.values(s)
    return df


def factors_table(sweep: Sweep) -> pd.DataFrame:
    return pd.DataFrame([{"factor": f.name, "distribution": f.distribution, "lo": f.lo,
                          "hi": f.hi, "levels": len(f.levels), "apply": f.apply,
                          "pointers": f.pointers} for f in sweep.factors])


@dataclass
class Discovery:
    result: PrimResult
    X: np.ndarray             # (points, k) factor values of the points with a done run
    met: np.ndarray           # (points,) the replicate mean meets the target
    share: np.ndarray         # (points,) share of done replicates meeting it


def discovery(sweep: Sweep, target: Target, opt: Options) -> Discovery:
    """PRIM on the design points."""
    Y = sweep.by_point(sweep.values(target.outcome))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)
        mean = np.nanmean(Y, axis=1)
    ok = np.isfinite(mean)
    X = sweep.point_values()[ok]
    met = target.met(mean[ok])
    fin = np.isfinite(Y[ok])
    share = np.where(fin.sum(1) > 0, (target.met(Y[ok]) & fin).sum(1) / np.maximum(
        fin.sum(1), 1), np.nan)
    res = prim(X, met, sweep.factor_names, opt.prim_alpha, opt.prim_min_mass,
               opt.prim_coverage, opt.prim_max_p)
    return Discovery(res, X, met, share)


def analyse(sweep: Sweep, opt: Options, warn=None) -> Analysis:
    warn = warn or (lambda m: None)
    if not sweep.done.any():
        raise AnalysisError(f"{sweep.path}: no run of the sweep is done (all "
                            f"{sweep.n_runs} failed); nothing to analyse")
    summaries, series = choose_outcomes(sweep, opt.outcomes)
    targets = opt.targets if opt.targets is not None else default_targets(sweep)
    for t in targets:
        sweep.values(t.outcome)           # unknown outcome: a clear error before any work
    a = Analysis(sweep, opt, summaries, series, targets)
    a.tables["factors"] = factors_table(sweep)
    a.tables["runs"] = runs_table(sweep, summaries)
    if not summaries:
        a.notes.append("No summary outcome selected: effects, surfaces and sensitivity "
                       "indices need one (a summary, or SERIES@YEAR).")

    def stack(fn):
        return pd.concat([fn(s) for s in summaries], ignore_index=True)

    if summaries and sweep.design in EFFECT_DESIGNS:
        a.tables["main_effects"] = stack(lambda s: E.main_effects(sweep, s, opt.band,
                                                                  opt.level))
        a.tables["factor_effects"] = stack(lambda s: E.factor_effects(sweep, s, opt.level))
    if summaries and len(sweep.factors) >= 2 and sweep.design != "oat":
        rows = []
        for s in summaries:
            fx, fy = E.surface_pair(sweep, s, opt.surface)
            surf = E.surface(sweep, s, fx, fy)
            a.surfaces[s] = surf
            for i, yv in enumerate(surf.y_centres):
                for j, xv in enumerate(surf.x_centres):
                    rows.append({"outcome": s, "factor_x": fx, "x": xv, "factor_y": fy,
                                 "y": yv, "mean": surf.mean[i, j],
                                 "points": surf.points[i, j]})
        a.tables["surface"] = pd.DataFrame(rows)
    if summaries and sweep.design == "sobol":
        a.tables["sobol"] = stack(lambda s: sobol_table(sweep, s, opt.n_boot, opt.level,
                                                        opt.seed))
    if summaries and sweep.design == "morris":
        a.tables["morris"] = stack(lambda s: morris_table(sweep, s, opt.n_boot, opt.level,
                                                          opt.seed))
    boxes, trajs, points = [], [], []
    for t in targets:
        try:
            d = discovery(sweep, t, opt)
        except AnalysisError as exc:      # e.g. the outcome is NaN at every point
            a.notes.append(f"{t.text}: not analysed ({exc})")
            warn(f"scenario discovery for {t.text} skipped: {exc}")
            continue
        a.prim[t.text] = d
        res, X, met, share = d.result, d.X, d.met, d.share
        b = res.box_table()
        b.insert(0, "target", t.text)
        b["coverage"], b["density"], b["mass"] = res.box.coverage, res.box.density, \
            res.box.mass
        b["base_density"] = res.base_density
        boxes.append(b)
        tr = res.trajectory_table()
        tr.insert(0, "target", t.text)
        trajs.append(tr)
        pts = pd.DataFrame(X, columns=sweep.factor_names)
        pts.insert(0, "target", t.text)
        pts["meets"] = met
        pts["share_of_replicates_meeting"] = share
        pts["in_box"] = res.box.inside
        points.append(pts)
    if boxes:
        a.tables["prim_box"] = pd.concat(boxes, ignore_index=True)
        a.tables["prim_trajectory"] = pd.concat(trajs, ignore_index=True)
        a.tables["prim_points"] = pd.concat(points, ignore_index=True)
    return a


def outcome_name(name: str) -> str:
    return split_series_year(name)[0]


def write_csvs(a: Analysis, folder: str) -> List[str]:
    os.makedirs(folder, exist_ok=True)
    written = []
    for name, df in a.tables.items():
        path = os.path.join(folder, f"sweep_{name}.csv")
        df.to_csv(path, index=False, float_format="%.10g")
        written.append(path)
    return written
