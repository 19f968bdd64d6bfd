"""Reading prosim output files and grouping them into scenarios.

A *run* is one HDF5 file written by ``prosim run``. A *scenario* here is a named group of runs
(replicates) of the same scenario that differ only in their seed. Everything is read with
h5py, so no netCDF library is needed; times are decoded from their CF ``units`` attribute
("days since YYYY-MM-DD") to calendar months ("YYYY-MM").
"""

from __future__ import annotations

import copy
import glob
import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import h5py
import numpy as np


class AnalysisError(Exception):
    """An error the user can fix (bad argument, missing file or indicator)."""


# The output layout this package reads: the same number as kOutputFormatVersion in
# sim/io/h5_writer.h (tests/analysis/test_readers.py checks that they agree). Like prosim,
# refuse versions outside 1..FORMAT_VERSION instead of guessing at a newer layout.
FORMAT_VERSION = 2


def scenario_json_path(version: int) -> str:
    """Where a file of this format version keeps the resolved scenario: a group of its own
    from version 2 on (so the root's monthly table does not repeat it), the root before."""
    return "scenario/scenario_json" if version >= 2 else "scenario_json"


# --------------------------------------------------------------------------------------------
# small helpers


def _text(value) -> str:
    """An HDF5 attribute or string value as str (h5py gives bytes for fixed-length text)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.ndarray):
        if value.shape == ():
            return _text(value[()])
        if value.size == 1:
            return _text(value.reshape(-1)[0])
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def _int_or_none(value) -> Optional[int]:
    try:
        if isinstance(value, np.ndarray):
            value = value.reshape(-1)[0]
        return int(value)
    except (TypeError, ValueError, IndexError):
        return None


_CF_TIME = re.compile(r"^\s*days\s+since\s+(\d{4})-(\d{1,2})-(\d{1,2})")


def decode_months(dataset: h5py.Dataset) -> np.ndarray:
    """Decode a CF time coordinate ("days since YYYY-MM-DD") to an array of "YYYY-MM" str."""
    units = _text(dataset.attrs.get("units", ""))
    match = _CF_TIME.match(units)
    if not match:
        raise AnalysisError(
            f"{dataset.file.filename}: {dataset.name} has units {units!r}; "
            "expected 'days since YYYY-MM-DD'")
    year, month, day = (int(g) for g in match.groups())
    base = np.datetime64(f"{year:04d}-{month:02d}-{day:02d}", "D")
    days = np.asarray(dataset[...], dtype=float)
    dates = base + np.round(days).astype("int64").astype("timedelta64[D]")
    return np.datetime_as_string(dates.astype("datetime64[M]"), unit="M")


def month_to_datetime(months: Sequence[str]) -> np.ndarray:
    """"YYYY-MM" labels to datetime64[D] (first day of the month), for plotting."""
    return np.array([np.datetime64(m + "-01", "D") for m in months])


def natural_key(text: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


# --------------------------------------------------------------------------------------------
# one run


@dataclass
class Series:
    """One indicator of one run: values over months (and possibly counties)."""

    months: np.ndarray          # "YYYY-MM" labels, length T
    values: np.ndarray          # shape (T,) or (T, C)
    units: str
    long_name: str
    columns: Optional[List[str]] = None   # county names for 2-D series


@dataclass
class Run:
    path: str
    seed: Optional[int]
    replicate: Optional[int]
    scenario_name: str
    description: str
    scenario: dict
    attrs: Dict[str, object]
    root_variables: List[str]
    county_variables: List[str]
    has_distribution: bool
    annual_variables: List[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: str) -> "Run":
        if not os.path.exists(path):
            raise AnalysisError(f"{path}: no such file")
        if path.endswith(".part"):
            raise AnalysisError(f"{path}: a partial file (prosim writes OUT.part and renames it "
                                "when complete); the run was interrupted")
        try:
            f = h5py.File(path, "r")
        except OSError as exc:
            raise AnalysisError(f"{path}: not an HDF5 file ({exc})") from None
        # A damaged file (bit flips, truncation, missing objects) makes h5py raise OSError,
        # KeyError or ValueError anywhere: one message, never a traceback.
        try:
            with f:
                return cls._open(path, f)
        except (OSError, KeyError, ValueError, TypeError, RuntimeError) as exc:
            raise AnalysisError(f"{path}: damaged or not a prosim output ({exc})") from None

    @classmethod
    def _open(cls, path: str, f: h5py.File) -> "Run":
        attrs = {k: f.attrs[k] for k in f.attrs}
        if "prosim_format_version" not in attrs:
            raise AnalysisError(f"{path}: not a prosim output file (no prosim_format_version)")
        version = _int_or_none(attrs.get("prosim_format_version"))
        if version is None or not 1 <= version <= FORMAT_VERSION:
            raise AnalysisError(
                f"{path}: prosim output format version {_text(attrs['prosim_format_version'])} "
                f"is not supported (this analysis reads 1 to {FORMAT_VERSION})")
        if _int_or_none(attrs.get("completed")) != 1:
            raise AnalysisError(
                f"{path}: the run is not complete (attribute completed != 1); "
                "it was probably interrupted while writing")
        _check_layout(path, f)
        scenario = {}
        where = scenario_json_path(version)
        if where in f:
            try:
                scenario = json.loads(_text(f[where].asstr()[()]))
            except (ValueError, TypeError):
                scenario = {}
        root_vars = [k for k, v in f.items()
                     if isinstance(v, h5py.Dataset) and v.ndim == 1
                     and v.dtype.kind == "f" and k != "time"
                     and "CLASS" not in v.attrs]
        county_vars = []
        if "county" in f and isinstance(f["county"], h5py.Group):
            county_vars = [k for k, v in f["county"].items()
                           if isinstance(v, h5py.Dataset) and v.ndim == 2
                           and v.dtype.kind == "f"]
        has_dist = "distribution" in f and "decile_mean_all" in f["distribution"]
        annual_vars = []
        if "annual" in f and isinstance(f["annual"], h5py.Group) and "year" in f["annual"]:
            annual_vars = [k for k, v in f["annual"].items()
                           if isinstance(v, h5py.Dataset) and v.ndim == 1
                           and v.dtype.kind == "f" and k != "year"]
        name = _text(attrs.get("scenario_name", "")) or scenario.get("name", "") \
            or os.path.splitext(os.path.basename(path))[0]
        description = _text(attrs.get("scenario_description", "")) or scenario.get(
            "description", "")
        return cls(path=path, seed=_int_or_none(attrs.get("seed")),
                   replicate=_int_or_none(attrs.get("replicate")),
                   scenario_name=name, description=description, scenario=scenario,
                   attrs={k: (_text(v) if not isinstance(v, (np.integer, np.floating))
                              else v.item()) for k, v in attrs.items()},
                   root_variables=root_vars, county_variables=county_vars,
                   has_distribution=has_dist, annual_variables=annual_vars)

    # ---- reading -------------------------------------------------------------------------

    def has(self, indicator: str, group: Optional[str] = None) -> bool:
        if group in (None, "", "root"):
            return indicator in self.root_variables
        if group == "county":
            return indicator in self.county_variables
        raise AnalysisError(f"unknown group {group!r} (use root or county)")

    def series(self, indicator: str, group: Optional[str] = None) -> Series:
        if not self.has(indicator, group):
            available = self.county_variables if group == "county" else self.root_variables
            raise AnalysisError(_missing_message(self.path, indicator, available, group))
        with h5py.File(self.path, "r") as f:
            g = f["county"] if group == "county" else f
            ds = g[indicator]
            values = np.asarray(ds[...], dtype=float)
            months = decode_months(g["time"])
            columns = None
            if group == "county":
                if "county_name" in g:
                    columns = [_text(x) for x in g["county_name"].asstr()[...]]
                else:
                    columns = [str(i) for i in range(values.shape[1])]
            return Series(months=months, values=values,
                          units=_text(ds.attrs.get("units", "")),
                          long_name=_text(ds.attrs.get("long_name", indicator)),
                          columns=columns)

    def annual(self, indicator: str) -> Tuple[np.ndarray, np.ndarray]:
        """(years, values) of a calendar-year indicator from the /annual group."""
        if indicator not in self.annual_variables:
            raise AnalysisError(f"{self.path}: no /annual/{indicator}")
        with h5py.File(self.path, "r") as f:
            g = f["annual"]
            return (np.asarray(g["year"][...]).astype(int),
                    np.asarray(g[indicator][...], dtype=float))

    def distribution(self) -> "Distribution":
        if not self.has_distribution:
            raise AnalysisError(f"{self.path}: no /distribution group (income snapshots)")
        with h5py.File(self.path, "r") as f:
            g = f["distribution"]
            snap = decode_months(g["snapshot"])
            out = Distribution(snapshots=snap,
                               income_bins=np.asarray(g["income_bin"][...], dtype=float)
                               if "income_bin" in g else None)
            for pop in ("all", "urban", "rural"):
                key = f"decile_mean_{pop}"
                if key in g:
                    out.deciles[pop] = np.asarray(g[key][...], dtype=float)
                key = f"histogram_{pop}"
                if key in g:
                    out.histograms[pop] = np.asarray(g[key][...], dtype=float)
            if "decile_mean_county" in g:
                out.county_deciles = np.asarray(g["decile_mean_county"][...], dtype=float)
                if "county_name" in g:
                    out.county_names = [_text(x) for x in g["county_name"].asstr()[...]]
                else:
                    out.county_names = [str(i) for i in range(out.county_deciles.shape[1])]
            return out

    def scenario_without_seed(self) -> dict:
        s = copy.deepcopy(self.scenario)
        s.pop("seed", None)
        return s

    @property
    def label(self) -> str:
        seed = "?" if self.seed is None else str(self.seed)
        return f"{os.path.basename(self.path)} (seed {seed})"


@dataclass
class Distribution:
    snapshots: np.ndarray                     # "YYYY-MM" labels
    income_bins: Optional[np.ndarray]         # lower bin edges, yuan/yr
    deciles: Dict[str, np.ndarray] = field(default_factory=dict)     # pop -> (S, 10)
    histograms: Dict[str, np.ndarray] = field(default_factory=dict)  # pop -> (S, B)
    county_deciles: Optional[np.ndarray] = None                      # (S, C, 10)
    county_names: Optional[List[str]] = None


def _check_layout(path: str, f: h5py.File) -> None:
    """The checks prosim's own reader makes: a decodable /time axis, and every variable's
    shape equal to the lengths of the dimensions it names (netCDF's DIMENSION_LIST)."""
    if "time" not in f or not isinstance(f["time"], h5py.Dataset) or f["time"].ndim != 1:
        raise AnalysisError(f"{path}: no /time axis; not a complete prosim output")
    decode_months(f["time"])

    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset) or "DIMENSION_LIST" not in obj.attrs:
            return
        for axis, dim in enumerate(obj.dims):
            if len(dim) == 0:
                continue
            expected = dim[0].shape[0] if dim[0].ndim == 1 else None
            if axis >= obj.ndim or expected is None or obj.shape[axis] != expected:
                raise AnalysisError(
                    f"{path}: /{name} has shape {obj.shape} but its dimension "
                    f"{dim[0].name} has {expected} values; the file is damaged")
    f.visititems(visit)


def _missing_message(path, indicator, available, group) -> str:
    import difflib
    where = "/county" if group == "county" else "the root group"
    close = difflib.get_close_matches(indicator, available, n=3, cutoff=0.5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    listing = ", ".join(sorted(available))
    return (f"{path}: indicator {indicator!r} not found in {where}.{hint}\n"
            f"  available: {listing}")


# --------------------------------------------------------------------------------------------
# a scenario: a group of replicate runs


@dataclass
class Scenario:
    name: str
    runs: List[Run]

    @property
    def seeds(self) -> List[Optional[int]]:
        return [r.seed for r in self.runs]

    @property
    def description(self) -> str:
        return self.runs[0].description if self.runs else ""

    @property
    def scenario(self) -> dict:
        return self.runs[0].scenario if self.runs else {}

    def has(self, indicator: str, group: Optional[str] = None) -> bool:
        return all(r.has(indicator, group) for r in self.runs)

    def matrix(self, indicator: str, group: Optional[str] = None
               ) -> Tuple[np.ndarray, np.ndarray, Series]:
        """Values of all replicates on their common months.

        Returns (months, values, first_series) with values of shape (R, T) or (R, T, C).
        """
        series = [r.series(indicator, group) for r in self.runs]
        months = series[0].months
        for s in series[1:]:
            if len(s.months) != len(months) or np.any(s.months != months):
                months = np.array(sorted(set(months) & set(s.months)))
        if len(months) == 0:
            raise AnalysisError(f"scenario {self.name}: the replicates share no months")
        stacked = []
        for s in series:
            index = {m: i for i, m in enumerate(s.months)}
            stacked.append(s.values[[index[m] for m in months]])
        return months, np.stack(stacked), series[0]


def parse_run_spec(spec: str) -> Tuple[Optional[str], List[str]]:
    """``NAME=PATTERN[,PATTERN...]`` or ``PATTERN``: (name or None, patterns)."""
    name = None
    rest = spec
    if "=" in spec:
        head, tail = spec.split("=", 1)
        # a '=' inside a path (rare) is only a separator when the head looks like a name
        if head and "/" not in head and not head.endswith(".h5"):
            name, rest = head.strip(), tail
    patterns = [p.strip() for p in rest.split(",") if p.strip()]
    if not patterns:
        raise AnalysisError(f"--run {spec!r}: no files given")
    return name, patterns


def expand_patterns(patterns: Sequence[str]) -> List[str]:
    files: List[str] = []
    for pattern in patterns:
        pattern = os.path.expanduser(pattern)
        if glob.has_magic(pattern):
            matches = sorted(glob.glob(pattern), key=natural_key)
            if not matches:
                raise AnalysisError(f"no file matches {pattern!r}")
            files.extend(matches)
        else:
            if not os.path.exists(pattern):
                raise AnalysisError(f"{pattern}: no such file")
            files.append(pattern)
    seen = set()
    unique = []
    for p in files:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def load_scenarios(specs: Sequence[str], warn=None) -> List[Scenario]:
    """Load ``--run`` specs into scenarios, keeping the order given.

    A spec without ``NAME=`` is grouped by the files' ``scenario_name`` attribute.
    """
    warn = warn or _stderr_warn
    named: Dict[str, List[Run]] = {}
    order: List[str] = []
    for spec in specs:
        name, patterns = parse_run_spec(spec)
        for path in expand_patterns(patterns):
            run = Run.open(path)
            key = name or run.scenario_name
            if key not in named:
                named[key] = []
                order.append(key)
            named[key].append(run)
    if not order:
        raise AnalysisError("no runs given (use --run NAME=FILES)")
    scenarios = [Scenario(name=k, runs=named[k]) for k in order]
    for sc in scenarios:
        _check_scenario(sc, warn)
    return scenarios


def _check_scenario(sc: Scenario, warn) -> None:
    seeds = [s for s in sc.seeds if s is not None]
    if len(set(seeds)) != len(seeds):
        dup = sorted({s for s in seeds if seeds.count(s) > 1})
        warn(f"scenario {sc.name}: several runs have the same seed {dup}; they are not "
             "independent replicates and pairing by seed is disabled for this scenario")
    base = sc.runs[0].scenario_without_seed()
    for r in sc.runs[1:]:
        if base and r.scenario and r.scenario_without_seed() != base:
            # Same rule as `prosim compare`: pooling them would average a policy into its
            # baseline (or runs of different lengths into one curve).
            raise AnalysisError(
                f"{r.path} and {sc.runs[0].path} are both in scenario {sc.name!r} but were run "
                "from different scenarios (their resolved scenarios differ beyond the seed); "
                "give one of them its own name (or --run NAME=FILES) and run it again")


def find_scenario(scenarios: Sequence[Scenario], name: Optional[str]) -> Scenario:
    if name is None:
        return scenarios[0]
    for sc in scenarios:
        if sc.name == name:
            return sc
    raise AnalysisError(f"--baseline {name!r} is not one of the scenarios: "
                        + ", ".join(s.name for s in scenarios))


def _stderr_warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)
