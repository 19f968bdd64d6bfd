#!/usr/bin/python3
"""Checks that two sweep indexes (DIR/sweep.h5) hold the same data, timing aside.

Usage: /usr/bin/python3 tests/app/compare_sweep_index.py A/sweep.h5 B/sweep.h5 [--all-done]

Every variable but wall_s must be identical (same dtype, same values, NaN equal to NaN, same
attributes), and so must every global attribute. --all-done also requires status == "done"
for every run. Exits 1 with the differences listed.
"""
import sys

import numpy as np
import xarray as xr

TIMING = {"wall_s"}


def load(path):
    return xr.open_dataset(path, engine="h5netcdf", decode_times=False).load()


def main(argv):
    a_path, b_path = argv[1], argv[2]
    a, b = load(a_path), load(b_path)
    problems = []
    if a.attrs != b.attrs:
        keys = sorted(set(a.attrs) | set(b.attrs))
        problems += [f"global attribute {k}: {a.attrs.get(k)!r} != {b.attrs.get(k)!r}"
                     for k in keys if str(a.attrs.get(k)) != str(b.attrs.get(k))]
    names_a, names_b = set(a.variables), set(b.variables)
    if names_a != names_b:
        problems.append(f"variables differ: {sorted(names_a ^ names_b)}")
    for name in sorted(names_a & names_b):
        if name in TIMING:
            continue
        va, vb = a[name], b[name]
        if va.dims != vb.dims or va.dtype != vb.dtype:
            problems.append(f"{name}: dims/dtype {va.dims} {va.dtype} != {vb.dims} {vb.dtype}")
            continue
        if va.attrs != vb.attrs:
            problems.append(f"{name}: attributes differ")
        x, y = va.values, vb.values
        if x.dtype.kind == "f":
            same = np.array_equal(x, y, equal_nan=True) and np.array_equal(x.view(np.uint64), y.view(np.uint64))
        else:
            same = np.array_equal(x, y)
        if not same:
            problems.append(f"{name}: values differ: {x!r} != {y!r}")
    if "--all-done" in argv:
        for path, ds in ((a_path, a), (b_path, b)):
            bad = [str(s) for s in ds["status"].values if s != "done"]
            if bad or ds.sizes["run"] == 0:
                problems.append(f"{path}: not every run is done: {list(ds['error'].values)}")
    if problems:
        print("sweep indexes differ:\n  " + "\n  ".join(problems))
        return 1
    print(f"same index (timing aside): {a_path} == {b_path} ({a.sizes['run']} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
