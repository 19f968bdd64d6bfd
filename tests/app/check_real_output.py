#!/usr/bin/env python3
"""Checks a real `prosim run` output with xarray (engine="h5netcdf"): every group opens,
time axes decode to dates, every data variable has units and long_name.
Usage: check_real_output.py FILE FIRST_MONTH MONTHS. Prints "OK" on success."""
import sys

import numpy as np
import xarray as xr

path, first, months = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = xr.open_dataset(path, engine="h5netcdf")
assert np.issubdtype(root["time"].dtype, np.datetime64), root["time"].dtype
assert str(root["time"].values[0])[:7] == first, root["time"].values[0]
assert root.sizes["time"] == months, root.sizes
assert "income_per_capita" in root and "urban_rural_ratio" in root
for group in ["county", "annual", "village", "distribution"]:
    ds = xr.open_dataset(path, engine="h5netcdf", group=group)
    for name, var in ds.data_vars.items():
        if name.endswith("_name"):
            continue
        assert "units" in var.attrs and "long_name" in var.attrs, (group, name, var.attrs)
    if group == "county":
        assert np.issubdtype(ds["time"].dtype, np.datetime64)
        assert list(ds["county_name"].values)[-1] == "Pan'an", ds["county_name"].values
for name, var in root.data_vars.items():
    if name == "month":
        continue
    assert "units" in var.attrs and "long_name" in var.attrs, (name, var.attrs)
# The resolved scenario lives in /scenario (format version 2), not in the root's time table.
assert "scenario_json" not in root.variables and "scenario_json" not in root.to_dataframe().columns
with xr.open_dataset(path, engine="h5netcdf", group="scenario") as scenario:
    assert scenario["scenario_json"].item().startswith("{"), scenario
    assert int(scenario["seed"]) == int(root.attrs["seed"]), (scenario["seed"], root.attrs["seed"])
print("OK")
