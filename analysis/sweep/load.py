"""Reading a sweep index (``DIR/sweep.h5`` written by ``prosim sweep``).

The index is a netCDF-4 file with dimensions ``run``, ``time`` and ``factor`` (format version
1, see docs/sweep-analysis.md). Everything the user can get wrong -- no file, a file that is not
HDF5, a file of another program, a partial or damaged index, a newer format -- is an
``AnalysisError`` with one line naming the file and what is wrong, never a traceback.

The attributes are checked with h5py first (cheap and precise messages); the data are then
read with xarray (engine h5netcdf), as the format promises, and held in memory.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Dict, List

import h5py
import numpy as np

from ..runs import AnalysisError, _text

FORMAT_VERSION = 1
DESIGNS = ("grid", "oat", "lhs", "sobol", "morris")
DISTRIBUTIONS = ("uniform", "log-uniform", "integer", "categorical")
PER_RUN = ("point", "replicate", "seed", "status")
DESIGN_VARIABLES = {
    "sobol": ("sobol_block", "sobol_sample"),
    "morris": ("morris_trajectory", "morris_step", "morris_factor"),
}
DESIGN_ATTRIBUTES = {"sobol": ("sobol_n",), "morris": ("morris_levels", "morris_delta")}
REQUIRED_ATTRIBUTES = ("design", "factors")


@dataclass
class Factor:
    name: str
    distribution: str
    lo: float
    hi: float
    apply: str
    pointers: str
    levels: np.ndarray          # distinct values over the design points, sorted


@dataclass
class Outcome:
    name: str
    kind: str                   # "summary" (run) or "series" (run, time)
    units: str
    long_name: str
    definition: str

    @property
    def label(self) -> str:
        return self.long_name or self.definition or self.name


@dataclass
class Sweep:
    """A sweep index in memory. Arrays along ``run`` keep the file's order."""

    path: str
    attrs: Dict[str, object]
    design: str
    factors: List[Factor]
    point: np.ndarray           # (run,) int
    replicate: np.ndarray       # (run,) int
    seed: np.ndarray            # (run,) uint64
    status: np.ndarray          # (run,) str
    error: np.ndarray           # (run,) str
    wall_s: np.ndarray          # (run,) float
    file: np.ndarray            # (run,) str
    X: np.ndarray               # (run, factor) real factor values
    U: np.ndarray               # (run, factor) design coordinates in [0, 1]
    time: np.ndarray            # (time,) calendar years
    outcomes: Dict[str, Outcome]
    data: Dict[str, np.ndarray]  # outcome name -> (run,) or (run, time)
    extra: Dict[str, np.ndarray] = field(default_factory=dict)  # design-specific variables

    # ---- shape of the design
    @property
    def n_runs(self) -> int:
        return len(self.point)

    @property
    def factor_names(self) -> List[str]:
        return [f.name for f in self.factors]

    @property
    def done(self) -> np.ndarray:
        return self.status == "done"

    @property
    def points(self) -> np.ndarray:
        return np.unique(self.point)

    @property
    def replicates(self) -> np.ndarray:
        return np.unique(self.replicate)

    @property
    def summaries(self) -> List[str]:
        return [n for n, o in self.outcomes.items() if o.kind == "summary"]

    @property
    def series(self) -> List[str]:
        return [n for n, o in self.outcomes.items() if o.kind == "series"]

    @property
    def name(self) -> str:
        try:
            return str(json.loads(str(self.attrs.get("sweep_json", ""))).get("name", ""))
        except (ValueError, AttributeError):
            return ""

    def point_rows(self) -> np.ndarray:
        """Index of one run per design point (points in ascending order)."""
        _, first = np.unique(self.point, return_index=True)
        return first

    def point_values(self) -> np.ndarray:
        """(P, k) factor values of the design points (ascending point number)."""
        return self.X[self.point_rows()]

    def point_units(self) -> np.ndarray:
        return self.U[self.point_rows()]

    def by_point(self, values: np.ndarray) -> np.ndarray:
        """(P, R) matrix of a per-run array: row = design point, column = replicate; NaN for
        failed runs. Runs of the same replicate share their seed (common random numbers), so a
        column holds paired values."""
        pts, p_idx = np.unique(self.point, return_inverse=True)
        reps, r_idx = np.unique(self.replicate, return_inverse=True)
        out = np.full((len(pts), len(reps)), np.nan)
        v = np.where(self.done, np.asarray(values, dtype=float), np.nan)
        out[p_idx, r_idx] = v
        return out

    def summary_by_point(self, name: str) -> np.ndarray:
        return self.by_point(self.values(name))

    def values(self, name: str) -> np.ndarray:
        """Per-run values of a summary outcome, or of ``SERIES@YEAR`` (one year of a series)."""
        if name in self.data and self.data[name].ndim == 1:
            return self.data[name]
        series, year = split_series_year(name)
        if series in self.data and self.data[series].ndim == 2 and year is not None:
            hit = np.nonzero(self.time == year)[0]
            if hit.size:
                return self.data[series][:, hit[0]]
            raise AnalysisError(f"{self.path}: series {series!r} has no year {year} "
                                f"(years {self.time[0]}–{self.time[-1]})")
        raise AnalysisError(
            f"{self.path}: no summary outcome {name!r}; summaries: "
            + (", ".join(self.summaries) or "none")
            + (f"; or SERIES@YEAR with a series of {', '.join(self.series)}"
               if self.series else ""))

    def units_of(self, name: str) -> str:
        series, _ = split_series_year(name)
        o = self.outcomes.get(name) or self.outcomes.get(series)
        return o.units if o else ""


def snap(values: np.ndarray) -> np.ndarray:
    """Values with round-off twins merged (0.1 + 0.2 and 0.3 become one level): values closer
    than 1e-9 of the value range to the previous distinct value take that value. Designs that
    step by +-delta in floating point produce such twins."""
    v = np.asarray(values, dtype=float)
    fin = np.isfinite(v)
    if not fin.any():
        return v
    u = np.unique(v[fin])
    tol = 1e-9 * max(float(u[-1] - u[0]), float(np.max(np.abs(u))), 1e-300)
    reps = u.copy()
    for i in range(1, len(u)):
        reps[i] = reps[i - 1] if u[i] - reps[i - 1] <= tol else u[i]
    out = v.copy()
    out[fin] = reps[np.searchsorted(u, v[fin])]
    return out


def split_series_year(name: str):
    """``urban_rural_ratio@2025`` -> ("urban_rural_ratio", 2025); otherwise (name, None)."""
    if "@" in name:
        base, _, year = name.rpartition("@")
        if year.isdigit():
            return base, int(year)
    return name, None


# --------------------------------------------------------------------------------------------


def index_path(path: str) -> str:
    """The index file of a sweep folder (or the file itself)."""
    if os.path.isdir(path):
        return os.path.join(path, "sweep.h5")
    return path


def _attr(attrs, key):
    value = attrs[key]
    if isinstance(value, (bytes, str)) or (isinstance(value, np.ndarray) and value.dtype.kind
                                           in "SOU"):
        return _text(value)
    if isinstance(value, np.ndarray) and value.size == 1:
        return value.reshape(-1)[0].item()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _check_attributes(path: str) -> Dict[str, object]:
    if not os.path.exists(path):
        hint = (" (the folder has no sweep.h5: run `prosim sweep SWEEP.json -o DIR` first, or "
                "finish it: an unfinished sweep has no index)")
        raise AnalysisError(f"{path}: no sweep index{hint if path.endswith('sweep.h5') else ''}")
    if not os.path.isfile(path):
        raise AnalysisError(f"{path}: not a file")
    if not h5py.is_hdf5(path):
        raise AnalysisError(f"{path}: not an HDF5/netCDF-4 file (truncated, or not a sweep "
                            "index)")
    try:
        with h5py.File(path, "r") as f:
            attrs = {k: _attr(f.attrs, k) for k in f.attrs.keys()}
            names = set(f.keys())
    except OSError as exc:
        raise AnalysisError(f"{path}: cannot be opened as HDF5 ({exc}); partial or damaged "
                            "index?") from None
    if "sweep_format_version" not in attrs:
        raise AnalysisError(f"{path}: not a prosim sweep index (no sweep_format_version "
                            "attribute)")
    version = attrs["sweep_format_version"]
    try:
        version_ok = int(version) == FORMAT_VERSION
    except (TypeError, ValueError):
        version_ok = False
    if not version_ok:
        raise AnalysisError(f"{path}: sweep_format_version is {version!r}; this analysis "
                            f"reads version {FORMAT_VERSION} (update prosim's analysis package)")
    for key in REQUIRED_ATTRIBUTES:
        if key not in attrs:
            raise AnalysisError(f"{path}: attribute {key!r} missing (partial or damaged index)")
    design = str(attrs["design"])
    if design not in DESIGNS:
        raise AnalysisError(f"{path}: design {design!r} is not one of {', '.join(DESIGNS)}")
    for key in DESIGN_ATTRIBUTES.get(design, ()):
        if key not in attrs:
            raise AnalysisError(f"{path}: attribute {key!r} missing for a {design} design")
    factors = [s.strip() for s in str(attrs["factors"]).split(",") if s.strip()]
    if not factors:
        raise AnalysisError(f"{path}: attribute 'factors' is empty")
    wanted = list(PER_RUN) + ["unit_sample"] + factors + list(DESIGN_VARIABLES.get(design, ()))
    missing = [v for v in wanted if v not in names]
    if missing:
        raise AnalysisError(f"{path}: variable(s) {', '.join(missing)} missing (partial or "
                            "damaged index)")
    return attrs


def load_sweep(path: str) -> Sweep:
    """Read a sweep index: ``path`` is the sweep's output folder or its ``sweep.h5``."""
    path = index_path(path)
    attrs = _check_attributes(path)
    import xarray as xr
    try:
        with xr.open_dataset(path, engine="h5netcdf") as ds:
            ds = ds.load()
    except Exception as exc:  # noqa: BLE001 -- any reader failure is a damaged file
        raise AnalysisError(f"{path}: cannot be read as netCDF-4 ({type(exc).__name__}: "
                            f"{exc})") from None
    return _from_dataset(path, attrs, ds)


def _strings(ds, name: str, n: int) -> np.ndarray:
    if name not in ds:
        return np.array([""] * n, dtype=object)
    return np.array([_text(v) for v in ds[name].values], dtype=object)


def _from_dataset(path: str, attrs, ds) -> Sweep:
    design = str(attrs["design"])
    names = [s.strip() for s in str(attrs["factors"]).split(",") if s.strip()]
    if "run" not in ds.dims:
        raise AnalysisError(f"{path}: no 'run' dimension")
    n = int(ds.sizes["run"])
    if n == 0:
        raise AnalysisError(f"{path}: the index has no runs")
    for v in list(PER_RUN) + names + list(DESIGN_VARIABLES.get(design, ())):
        if ds[v].dims != ("run",):
            raise AnalysisError(f"{path}: variable {v!r} has dimensions {ds[v].dims}; "
                                "expected (run,)")
    if ds["unit_sample"].dims != ("run", "factor") or ds.sizes.get("factor") != len(names):
        raise AnalysisError(f"{path}: unit_sample must be (run, factor) with one column per "
                            f"factor ({len(names)})")
    if "factor" in ds.coords:
        coord = [_text(v) for v in ds["factor"].values]
        if coord != names:
            raise AnalysisError(f"{path}: factor coordinate {coord} differs from the "
                                f"'factors' attribute {names}")
    factors = []
    X = np.stack([snap(ds[f].values) for f in names], axis=1)
    for k, f in enumerate(names):
        a = ds[f].attrs
        dist = _text(a.get("distribution", "")) or "uniform"
        if dist not in DISTRIBUTIONS:
            raise AnalysisError(f"{path}: factor {f!r} has distribution {dist!r}; expected "
                                + ", ".join(DISTRIBUTIONS))
        col = X[:, k]
        lo = float(a["lo"]) if "lo" in a else float(np.nanmin(col))
        hi = float(a["hi"]) if "hi" in a else float(np.nanmax(col))
        factors.append(Factor(f, dist, lo, hi, _text(a.get("apply", "set")),
                              _text(a.get("pointers", "")), np.unique(col[np.isfinite(col)])))
    status = _strings(ds, "status", n)
    bad = sorted(set(status) - {"done", "failed"})
    if bad:
        raise AnalysisError(f"{path}: status values {bad} (expected done or failed)")
    point = np.asarray(ds["point"].values, dtype=np.int64)
    replicate = np.asarray(ds["replicate"].values, dtype=np.int64)
    key = point * (int(replicate.max()) + 1) + replicate
    if len(np.unique(key)) != n:
        raise AnalysisError(f"{path}: two runs share a (point, replicate) pair")
    time = (np.asarray(ds["time"].values, dtype=np.int64) if "time" in ds.coords
            else np.zeros(0, dtype=np.int64))
    outcomes, data = {}, {}
    for v in ds.data_vars:
        a = ds[v].attrs
        kind = _text(a.get("kind", ""))
        if kind not in ("series", "summary"):
            continue
        want = ("run", "time") if kind == "series" else ("run",)
        if ds[v].dims != want:
            raise AnalysisError(f"{path}: outcome {v!r} (kind {kind}) has dimensions "
                                f"{ds[v].dims}; expected {want}")
        outcomes[v] = Outcome(v, kind, _text(a.get("units", "")),
                              _text(a.get("long_name", "")), _text(a.get("definition", "")))
        data[v] = np.asarray(ds[v].values, dtype=float)
    extra = {v: np.asarray(ds[v].values, dtype=np.int64)
             for v in DESIGN_VARIABLES.get(design, ())}
    return Sweep(path=path, attrs=dict(attrs), design=design, factors=factors, point=point,
                 replicate=replicate,
                 seed=np.asarray(ds["seed"].values).astype(np.uint64),
                 status=status, error=_strings(ds, "error", n),
                 wall_s=(np.asarray(ds["wall_s"].values, dtype=float) if "wall_s" in ds
                         else np.full(n, np.nan)),
                 file=_strings(ds, "file", n), X=X,
                 U=np.stack([snap(c) for c in np.asarray(ds["unit_sample"].values,
                                                         dtype=float).T], axis=1),
                 time=time,
                 outcomes=outcomes, data=data, extra=extra)
