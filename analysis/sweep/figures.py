"""Figures of the sweep report (matplotlib, Agg backend via analysis.plotting)."""

from __future__ import annotations

import math
import warnings
from typing import Optional

import numpy as np
import pandas as pd

from .. import plotting as P
from .effects import Surface
from .prim import PrimResult, Target


def _grid(n: int):
    cols = min(n, 3)
    return int(math.ceil(n / cols)), cols


def _axis_scale(ax, factor) -> None:
    if factor.distribution == "log-uniform" and factor.lo > 0:
        ax.set_xscale("log")


def plot_main_effects(me: pd.DataFrame, sweep, outcome: str, band_text: str,
                      target: Optional[Target] = None):
    """One panel per factor: mean over replicates of the group means, band across replicates,
    shared y axis."""
    factors = [f for f in sweep.factors if f.name in set(me["factor"])]
    rows, cols = _grid(len(factors))
    fig, axes = P.plt.subplots(rows, cols, figsize=(3.6 * cols + 0.6, 2.9 * rows + 1.2),
                               sharey=True, squeeze=False)
    o = sweep.outcomes.get(outcome)
    label = o.label if o else outcome
    for ax, f in zip(axes.flat, factors):
        d = me[me["factor"] == f.name].sort_values("value")
        x = d["value"].to_numpy()
        ax.plot(x, d["mean"], color=P.colour(1), marker="o", ms=4, lw=1.8,
                label="mean of replicates")
        if np.isfinite(d["lo"]).any():
            ax.fill_between(x, d["lo"], d["hi"], color=P.colour(1), alpha=0.2, lw=0,
                            label=band_text)
        if target is not None and target.outcome == outcome:
            ax.axhline(target.threshold, color=P.colour(2), lw=1, ls="--",
                       label=f"target {target.op} {target.threshold:g}")
        _axis_scale(ax, f)
        ax.set_xlabel(f.name)
    for ax in list(axes.flat)[len(factors):]:
        ax.set_visible(False)
    for r in range(rows):
        axes[r, 0].set_ylabel(outcome)
    P.grid_layout(fig, axes, f"Main effects on {label} [{outcome}]",
                  "each panel: the outcome against one factor, averaged over the other "
                  f"factors' values; {d['grouping'].iloc[0] if len(d) else ''}",
                  legend_from=axes.flat[0])
    return fig


def plot_surface(s: Surface, sweep, target: Optional[Target] = None):
    if not np.isfinite(s.mean).any():
        return None
    fig, ax = P.plt.subplots(figsize=(7.2, 5.4))
    data = np.ma.masked_invalid(s.mean)
    ax.grid(False)
    mesh = ax.pcolormesh(s.x_edges, s.y_edges, data, cmap="viridis", shading="flat")
    cb = fig.colorbar(mesh, ax=ax)
    cb.set_label(s.outcome)
    ny, nx = s.mean.shape
    if nx <= 10 and ny <= 10:
        lo, hi = np.nanmin(s.mean), np.nanmax(s.mean)
        for a in range(ny):
            for b in range(nx):
                v = s.mean[a, b]
                if np.isfinite(v):
                    light = (v - lo) / (hi - lo) > 0.6 if hi > lo else False
                    ax.text(s.x_centres[b], s.y_centres[a], P.format_number(v, 3),
                            ha="center", va="center", fontsize=7.5,
                            color="black" if light else "white")
    if (target is not None and target.outcome == s.outcome and nx >= 2 and ny >= 2
            and np.isfinite(s.mean).all()
            and np.min(s.mean) < target.threshold < np.max(s.mean)):
        xs, ys = np.meshgrid(s.x_centres, s.y_centres)
        try:
            cs = ax.contour(xs, ys, s.mean, levels=[target.threshold], colors="#D55E00",
                            linewidths=2)
            ax.clabel(cs, fmt=f"{target.op} {target.threshold:g}", fontsize=8)
        except (ValueError, TypeError):
            pass
    fx = sweep.factors[sweep.factor_names.index(s.fx)]
    fy = sweep.factors[sweep.factor_names.index(s.fy)]
    ax.set_xlabel(s.fx)
    ax.set_ylabel(s.fy)
    if fx.distribution == "log-uniform" and fx.lo > 0:
        ax.set_xscale("log")
    if fy.distribution == "log-uniform" and fy.lo > 0:
        ax.set_yscale("log")
    ax.grid(False)
    how = "cells: equal-width bins of the design coordinates" if s.binned else \
        "cells: factor levels"
    P.set_titles(fig, ax, f"Response surface of {s.outcome}",
                 f"mean over replicates and the other factors; {how}")
    return fig


def _bars(ax, names, est, lo, hi, offset, colour, label):
    x = np.arange(len(names)) + offset
    err = np.vstack([np.clip(est - lo, 0, None), np.clip(hi - est, 0, None)])
    ax.bar(x, est, width=0.38, color=colour, alpha=0.85, label=label)
    ax.errorbar(x, est, yerr=np.nan_to_num(err), fmt="none", ecolor="#222222", capsize=3,
                lw=1)


def plot_sobol(df: pd.DataFrame, level_text: str):
    names = list(df["factor"])
    fig, ax = P.plt.subplots(figsize=(max(5.5, 1.1 * len(names) + 2.5), 4.2))
    _bars(ax, names, df["S1"].to_numpy(), df["S1_lo"].to_numpy(), df["S1_hi"].to_numpy(),
          -0.2, P.colour(1), "first order S1 (Saltelli 2010)")
    _bars(ax, names, df["ST"].to_numpy(), df["ST_lo"].to_numpy(), df["ST_hi"].to_numpy(),
          0.2, P.colour(2), "total order ST (Jansen 1999)")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=20 if len(names) > 5 else 0, ha="right"
                       if len(names) > 5 else "center")
    ax.axhline(0, color="#333333", lw=0.8)
    ax.set_ylabel("share of the outcome's variance")
    ax.legend(loc="upper right")
    P.set_titles(fig, ax, f"Sobol indices of {df['outcome'].iloc[0]}",
                 f"whiskers: {level_text} bootstrap interval")
    return fig


def plot_morris(df: pd.DataFrame, level_text: str):
    fig, (a1, a2) = P.plt.subplots(1, 2, figsize=(11, 4.2))
    d = df.sort_values("mu_star", ascending=True)
    y = np.arange(len(d))
    err = np.vstack([np.clip(d["mu_star"] - d["mu_star_lo"], 0, None),
                     np.clip(d["mu_star_hi"] - d["mu_star"], 0, None)])
    a1.barh(y, d["mu_star"], color=P.colour(1), alpha=0.85)
    a1.errorbar(d["mu_star"], y, xerr=np.nan_to_num(err.to_numpy() if hasattr(err, "to_numpy")
                                                    else err), fmt="none", ecolor="#222222",
                capsize=3, lw=1)
    a1.set_yticks(y)
    a1.set_yticklabels(d["factor"])
    a1.set_xlabel("mu* (mean |elementary effect|)")
    P.set_titles(fig, a1, "Morris mu* (importance)", f"whiskers: {level_text} bootstrap "
                 "interval")
    a2.scatter(df["mu_star"], df["sigma"], color=P.colour(2), zorder=3)
    for _, r in df.iterrows():
        a2.annotate(r["factor"], (r["mu_star"], r["sigma"]), xytext=(4, 3),
                    textcoords="offset points", fontsize=8)
    top = np.nanmax(np.concatenate([df["mu_star"], df["sigma"]])) if len(df) else 1
    top = top if np.isfinite(top) and top > 0 else 1
    for ratio, ls in ((1.0, "-"), (0.5, "--"), (0.1, ":")):
        a2.plot([0, top * 1.1], [0, ratio * top * 1.1], color="#999999", lw=0.8, ls=ls,
                label=f"sigma/mu* = {ratio:g}")
    a2.set_xlim(left=0)
    a2.set_ylim(bottom=0)
    a2.set_xlabel("mu*")
    a2.set_ylabel("sigma")
    a2.legend(loc="upper left", fontsize=7.5)
    P.set_titles(fig, a2, "mu* against sigma", "high sigma: non-linear or interacting")
    fig.suptitle(f"Morris elementary effects of {df['outcome'].iloc[0]}", x=0.01, ha="left",
                 fontweight="bold")
    fig.tight_layout()
    return fig


def plot_prim(res: PrimResult, X: np.ndarray, met: np.ndarray, target: Target):
    fig, (a1, a2) = P.plt.subplots(1, 2, figsize=(11, 4.4))
    cov = [b.coverage for b in res.trajectory]
    den = [b.density for b in res.trajectory]
    sc = a1.scatter(cov, den, c=[b.mass for b in res.trajectory], cmap="viridis", s=18,
                    zorder=3)
    fig.colorbar(sc, ax=a1, label="mass (share of points in the box)")
    a1.plot(cov, den, color="#999999", lw=0.8)
    b = res.box
    peeled = res.trajectory[res.chosen]
    a1.scatter([peeled.coverage], [peeled.density], s=140, facecolors="none",
               edgecolors="#D55E00", lw=2, zorder=4, label="box chosen")
    if b.coverage != peeled.coverage or b.density != peeled.density:
        a1.scatter([b.coverage], [b.density], s=90, marker="*", color="#D55E00", zorder=4,
                   label="after lifting insignificant cuts")
    a1.set_xlabel("coverage")
    a1.set_ylabel("density")
    a1.legend(loc="lower left")
    P.set_titles(fig, a1, "PRIM peeling trajectory", f"target: {target.text}")
    restricted = res.restricted()
    pair = (restricted + [i for i in range(len(res.names)) if i not in restricted])[:2]
    if len(pair) == 2:
        i, j = pair
        a2.scatter(X[~met, i], X[~met, j], s=14, color="#bbbbbb", label="misses the target")
        a2.scatter(X[met, i], X[met, j], s=14, color=P.colour(3), label="meets the target")
        a2.add_patch(P.plt.Rectangle((b.lo[i], b.lo[j]), b.hi[i] - b.lo[i],
                                     b.hi[j] - b.lo[j], fill=False, ec="#D55E00", lw=2,
                                     label="PRIM box"))
        a2.set_xlabel(res.names[i])
        a2.set_ylabel(res.names[j])
        a2.legend(loc="best", fontsize=7.5)
        P.set_titles(fig, a2, "Design points and the box", "the two most restricted factors")
    else:
        i = pair[0]
        a2.scatter(X[:, i], met.astype(float), s=14, color=P.colour(3))
        a2.axvspan(b.lo[i], b.hi[i], color="#D55E00", alpha=0.15, label="PRIM box")
        a2.set_xlabel(res.names[i])
        a2.set_ylabel("meets the target (1 = yes)")
        P.set_titles(fig, a2, "Design points and the box", "")
    fig.tight_layout()
    return fig


MAX_LINES = 300     # more design points: draw every k-th (thousands of lines say no more)


def plot_series(sweep, name: str, factor: str) -> Optional[object]:
    """Each design point's mean series, coloured by one factor's value."""
    if name not in sweep.data or len(sweep.time) == 0:
        return None
    k = sweep.factor_names.index(factor)
    rows = sweep.point_rows()
    pts, p_idx = np.unique(sweep.point, return_inverse=True)
    data = np.where(sweep.done[:, None], sweep.data[name], np.nan)
    o = sweep.outcomes[name]
    disp = P.display_for(name, o.units, P.magnitude_of(data))
    fig, ax = P.plt.subplots(figsize=(8, 4.3))
    vals = sweep.X[rows, k]
    lo, hi = np.nanmin(vals), np.nanmax(vals)
    cmap = P.plt.get_cmap("viridis")
    step = int(np.ceil(len(pts) / MAX_LINES))
    for p in range(0, len(pts), step):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            m = np.nanmean(data[p_idx == p], axis=0)
        c = cmap((vals[p] - lo) / (hi - lo) if hi > lo else 0.5)
        ax.plot(sweep.time, m * disp.scale, color=c, lw=1, alpha=0.8)
    sm = P.plt.cm.ScalarMappable(cmap=cmap, norm=P.plt.Normalize(lo, hi))
    fig.colorbar(sm, ax=ax, label=factor)
    ax.xaxis.set_major_locator(P.mticker.MaxNLocator(integer=True))
    P.format_value_axis(ax, disp)
    ax.set_xlabel("year")
    ax.set_ylabel(disp.unit)
    which = "design point" if step == 1 else f"{step}th design point ({len(pts)} in all)"
    P.set_titles(fig, ax, P.title_for(name, o.long_name),
                 f"one line per {which}, mean of its replicates, coloured by {factor}")
    return fig
