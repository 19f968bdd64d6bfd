"""``export``: tidy long-format CSV files for spreadsheet and R users.

One CSV per group of the output files (``root.csv``, ``county.csv``, ``annual.csv``,
``village.csv``, ``distribution.csv``, ``household_sample.csv``), one row per value:

    scenario, replicate, seed, <the variable's dimensions>, variable, value, units

Dimensions are written as readers expect them: months as ``YYYY-MM``, counties and villages by
name (the group's ``<axis>_name`` labels), years, deciles and bins as numbers. A variable
that lacks one of the group's dimensions has an empty cell there; missing (NaN) values have no
row. Runs are read with
``open_runs`` (analysis/dataset.py), so several scenarios and replicates go into one file.
"""

from __future__ import annotations

import argparse
import os
from typing import List

import numpy as np

from .runs import AnalysisError

GROUPS = ("root", "county", "annual", "village", "distribution", "household_sample")


def _group_names(path: str) -> List[str]:
    import h5py
    with h5py.File(path, "r") as f:
        return ["root"] + [g for g in GROUPS[1:] if g in f and isinstance(f[g], h5py.Group)]


def _label(ds, dim: str, values: np.ndarray):
    """Readable values of a dimension: YYYY-MM for times, names for labelled indices."""
    if np.issubdtype(values.dtype, np.datetime64):
        return np.datetime_as_string(values.astype("datetime64[M]"), unit="M")
    name = f"{dim}_name"
    if name in ds.coords and ds[name].dims == (dim,):
        lookup = dict(zip(ds[dim].values.tolist(), [str(x) for x in ds[name].values]))
        return np.array([lookup.get(v, "") for v in values.tolist()], dtype=object)
    return values


def tidy(ds):
    """The numeric data variables of a stacked group Dataset as one long DataFrame."""
    import pandas as pd

    run_dims = ("scenario", "replicate")
    own_dims: List[str] = []
    for name, var in ds.data_vars.items():
        for d in var.dims:
            if d not in run_dims and d not in own_dims:
                own_dims.append(d)
    frames = []
    for name, var in ds.data_vars.items():
        if var.dtype.kind not in "fiu":
            continue  # month labels and other strings are not values
        da = var.reset_coords(drop=True)
        df = da.to_dataframe(name="value").reset_index()
        # Missing values are left out: they include the padding where runs differ (a
        # scenario with fewer replicates, households sampled in another replicate only).
        df = df[np.isfinite(df["value"].to_numpy(dtype=float))]
        for d in own_dims:
            df[d] = _label(ds, d, df[d].to_numpy()) if d in df else ""
        seeds = ds["seed"].to_pandas()
        df["seed"] = [int(seeds.loc[s, r]) for s, r in zip(df["scenario"], df["replicate"])]
        df["variable"] = name
        df["units"] = var.attrs.get("units", "")
        frames.append(df[["scenario", "replicate", "seed", *own_dims, "variable", "value",
                          "units"]])
    if not frames:
        return pd.DataFrame(columns=["scenario", "replicate", "seed", "variable", "value",
                                     "units"])
    return pd.concat(frames, ignore_index=True)


def export(specs: List[str], out_dir: str, groups: List[str]) -> List[str]:
    from .dataset import open_runs
    from .runs import expand_patterns, parse_run_spec

    first = expand_patterns(parse_run_spec(specs[0])[1])[0]
    available = _group_names(first)
    if groups:
        unknown = [g for g in groups if g not in available]
        if unknown:
            raise AnalysisError(f"--groups: {', '.join(unknown)} not in {first} "
                                f"(it has {', '.join(available)})")
    else:
        groups = available
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for g in groups:
        ds = open_runs(specs, group=None if g == "root" else g)
        path = os.path.join(out_dir, f"{g}.csv")
        tidy(ds).to_csv(path, index=False, float_format="%.10g")
        written.append(path)
    return written


def register(sub) -> None:
    from .cli_common import add_command
    p = add_command(
        sub, "export", "tidy long-format CSV per group (for spreadsheets and R)",
        "Write one long-format CSV per group of the output files: scenario, replicate, "
        "seed, the variable's dimensions (months as YYYY-MM, counties and villages by name), "
        "variable, value, units. See docs/analysis.md.")
    p.add_argument("files", nargs="*", help="output files (grouped by their scenario_name)")
    p.add_argument("--run", action="append", default=[], metavar="NAME=FILES",
                   help="a scenario and its run files: NAME=GLOB[,GLOB...] (repeatable)")
    p.add_argument("--csv", "--out", dest="out", required=True, metavar="DIR",
                   help="folder for the CSV files (created)")
    p.add_argument("--groups", default="",
                   help=f"comma-separated subset of {', '.join(GROUPS)} (default: all present)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    specs = list(args.run) + list(args.files)
    if not specs:
        raise AnalysisError("no runs given (files or --run NAME=FILES)")
    from .cli_common import comma_list
    groups = comma_list(args.groups)
    for path in export(specs, args.out, groups):
        print(f"wrote {path}")
    return 0
