"""Many runs as one xarray Dataset: ``open_runs``.

Every group of a prosim output file carries the run's ``replicate`` and ``seed`` as scalar
coordinates (docs/output-format.md), so datasets opened from several files can be stacked
without losing which slice is which. ``open_runs`` does that stacking for a set of scenarios:

    >>> from analysis import open_runs
    >>> ds = open_runs({"baseline": "results/base_r*.h5", "policy": "results/pol_r*.h5"})
    >>> ds["gini"].sel(scenario="policy").mean("replicate")

The result has the dimensions ``scenario`` and ``replicate`` in front of the group's own
dimensions, and the coordinate ``seed(scenario, replicate)`` (uint64; 0 where a scenario has
fewer replicates than another, whose slots are NaN). Runs are grouped and checked exactly as
the command line tools group them (``load_scenarios``): two scenarios with the same name but
different settings are refused there, not silently pooled.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Union

import numpy as np

from .runs import AnalysisError, Scenario, load_scenarios

RunsArg = Union[Dict[str, Union[str, Sequence[str]]], Sequence[str], str]


def _specs(runs: RunsArg) -> List[str]:
    """The ``--run`` specs for ``runs``: a mapping name -> pattern(s), a list of specs
    (``NAME=PATTERN`` or plain paths/patterns), or one such string."""
    if isinstance(runs, str):
        return [runs]
    if isinstance(runs, dict):
        out = []
        for name, patterns in runs.items():
            if isinstance(patterns, str):
                patterns = [patterns]
            out.append(f"{name}=" + ",".join(str(p) for p in patterns))
        return out
    return [str(r) for r in runs]


def replicate_numbers(sc: Scenario) -> List[int]:
    """The replicate label of each run of a scenario: the files' own ``replicate`` numbers
    (``prosim run --replicates``) when every run has a distinct one, else 1..n in the order
    of the seeds (runs made with ``--seed``), so that runs with the same seed in two
    scenarios get the same label when both were numbered this way."""
    own = [r.replicate for r in sc.runs]
    if all(x is not None and x > 0 for x in own) and len(set(own)) == len(own):
        return [int(x) for x in own]
    order = sorted(range(len(sc.runs)), key=lambda i: (sc.runs[i].seed or 0, i))
    numbers = [0] * len(sc.runs)
    for k, i in enumerate(order, start=1):
        numbers[i] = k
    return numbers


def open_runs(runs: RunsArg, group: Optional[str] = None, warn=None):
    """Open a set of runs as one ``xarray.Dataset`` with ``scenario`` and ``replicate``
    dimensions and a ``seed(scenario, replicate)`` coordinate.

    ``runs``: ``{"name": "glob", ...}`` (or lists of globs/paths), or ``--run`` specs as for
    the command line. ``group``: ``None`` for the root (region series), or ``"county"``,
    ``"annual"``, ``"village"``, ``"distribution"``, ``"household_sample"``. The resolved
    scenario is per run (``Run.scenario``): files of format version 1 kept it at the root as
    ``scenario_json``, which is left out here."""
    import xarray as xr

    scenarios = load_scenarios(_specs(runs), warn=warn)
    per_scenario = []
    seeds: Dict[str, Dict[int, int]] = {}
    for sc in scenarios:
        numbers = replicate_numbers(sc)
        parts = []
        for run, number in zip(sc.runs, numbers):
            try:
                ds = xr.open_dataset(run.path, engine="h5netcdf", group=group)
            except OSError as exc:
                raise AnalysisError(f"{run.path}: cannot open group {group!r} ({exc})") from None
            ds = ds.drop_vars(["scenario_json"], errors="ignore").load()
            ds.close()
            # The files' own scalar coordinates; older files without them get them here.
            ds = ds.drop_vars(["replicate", "seed"], errors="ignore")
            parts.append(ds.expand_dims(replicate=[number]))
        seeds[sc.name] = {n: (r.seed or 0) for r, n in zip(sc.runs, numbers)}
        stacked = xr.concat(parts, dim="replicate", join="outer",
                            data_vars="minimal", coords="minimal", compat="override")
        per_scenario.append(stacked.sortby("replicate").expand_dims(scenario=[sc.name]))
    ds = xr.concat(per_scenario, dim="scenario", join="outer",
                   data_vars="minimal", coords="minimal", compat="override")
    reps = [int(x) for x in ds["replicate"].values]
    seed = np.zeros((len(scenarios), len(reps)), dtype=np.uint64)
    for i, sc in enumerate(scenarios):
        for j, rep in enumerate(reps):
            seed[i, j] = seeds[sc.name].get(rep, 0)
    ds = ds.assign_coords(seed=(("scenario", "replicate"), seed))
    ds["seed"].attrs.update(long_name="master seed of the run (0: no such replicate)")
    ds["replicate"].attrs.update(long_name="replicate number")
    return ds
