#!/usr/bin/env python3
"""Checks that a prosim output file opens in xarray (engine="h5netcdf") and h5py.

Usage: check_xarray.py FILE
Run by tests/io/netcdf_compat_test.cpp with /usr/bin/python3 (the Debian python that has
python3-xarray, python3-h5netcdf and python3-h5py from scripts/setup.sh).
Exits 0 when every check passes, 1 with a message on the first failure, 2 when a module
is missing.
"""
import sys


def fail(msg):
    print("check_xarray: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def main():
    if len(sys.argv) != 2:
        print("usage: check_xarray.py FILE", file=sys.stderr)
        return 2
    path = sys.argv[1]
    try:
        import numpy as np
        import xarray as xr
        import h5netcdf  # noqa: F401  (the engine)
        import h5py
    except ImportError as e:
        print("check_xarray: missing Python module (%s); run scripts/setup.sh" % e, file=sys.stderr)
        return 2

    # Root group: region-level series.
    try:
        ds = xr.open_dataset(path, engine="h5netcdf")
    except Exception as e:  # noqa: BLE001
        fail("xr.open_dataset(%r, engine='h5netcdf') raised %s: %s" % (path, type(e).__name__, e))
    with ds:
        expect("time" in ds.dims, "no dimension 'time' in the root group: %s" % dict(ds.dims))
        expect(ds.dims["time"] == 24, "time has %d entries, expected 24" % ds.dims["time"])
        expect(np.issubdtype(ds["time"].dtype, np.datetime64),
               "time was not decoded to datetime64 (dtype %s, attrs %s)" % (ds["time"].dtype, ds["time"].attrs))
        first = np.datetime64(ds["time"].values[0], "D")
        expect(first == np.datetime64("2021-01-01"), "first time is %s, expected 2021-01-01" % first)
        last = np.datetime64(ds["time"].values[-1], "D")
        expect(last == np.datetime64("2022-12-01"), "last time is %s, expected 2022-12-01" % last)
        expect(ds["time"].encoding.get("units") == "days since 2021-01-01",
               "time units %r" % ds["time"].encoding.get("units"))
        for name in ("population", "mean_income", "gini"):
            expect(name in ds.data_vars, "variable %r missing from the root group (have %s)" % (name, list(ds.data_vars)))
            v = ds[name]
            expect(v.dims == ("time",), "%s has dims %s" % (name, v.dims))
            expect(v.dtype == np.float64, "%s has dtype %s" % (name, v.dtype))
            expect(isinstance(v.attrs.get("units"), str) and v.attrs["units"], "%s has no units: %s" % (name, v.attrs))
            expect(isinstance(v.attrs.get("long_name"), str) and v.attrs["long_name"],
                   "%s has no long_name: %s" % (name, v.attrs))
        expect(ds["population"].attrs["units"] == "persons", "population units %r" % ds["population"].attrs["units"])
        expect(float(ds["population"].values[0]) == 100000.0, "population[0] = %r" % ds["population"].values[0])
        expect(np.isnan(ds["gini"].values[5]), "gini[5] should be missing (NaN), got %r" % ds["gini"].values[5])
        expect(list(ds["month"].values[:2]) == ["2021-01", "2021-02"], "month labels %r" % ds["month"].values[:2])
        expect("scenario_json" not in ds.variables, "scenario_json is a root variable (format 2: /scenario)")
        expect("scenario_json" not in ds.to_dataframe().columns, "to_dataframe() repeats scenario_json")
        expect(ds.attrs.get("Conventions") == "CF-1.10", "Conventions = %r" % ds.attrs.get("Conventions"))
        for key in ("title", "source", "history", "scenario_sha256"):
            expect(isinstance(ds.attrs.get(key), str) and ds.attrs[key], "global attribute %s = %r" % (key, ds.attrs.get(key)))
        expect(ds.attrs.get("comment") == "", "empty attribute comment = %r" % ds.attrs.get("comment"))
        expect(int(ds.attrs.get("completed", 0)) == 1, "completed = %r" % ds.attrs.get("completed"))
        expect(int(ds.attrs.get("seed", -1)) == 12345678901234567890, "seed = %r" % ds.attrs.get("seed"))

    # /county: time x county, labelled.
    try:
        county = xr.open_dataset(path, engine="h5netcdf", group="county")
    except Exception as e:  # noqa: BLE001
        fail("xr.open_dataset(..., group='county') raised %s: %s" % (type(e).__name__, e))
    with county:
        expect(np.issubdtype(county["time"].dtype, np.datetime64), "county/time not decoded to datetime64")
        expect("county_name" in county.variables, "no county_name in group county: %s" % list(county.variables))
        names = [str(s) for s in county["county_name"].values]
        expect(names == ["Nordkreis", "Mittelkreis", "Südkreis"], "county_name = %r" % names)
        inc = county["income"]
        expect(inc.dims == ("time", "county"), "county/income dims %s" % (inc.dims,))
        expect(inc.attrs.get("units") == "EUR month-1", "county/income units %r" % inc.attrs.get("units"))
        expect(inc.attrs.get("long_name"), "county/income has no long_name")
        expect(float(inc.values[0, 2]) == 3000.0, "county/income[0, 2] = %r" % inc.values[0, 2])
        # county_name is a CF auxiliary coordinate of income, usable for selection.
        sel = inc.swap_dims({"county": "county_name"}).sel(county_name="Mittelkreis")
        expect(float(sel.values[23]) == 2023.0, "income of Mittelkreis in month 23 = %r" % sel.values[23])
        expect(inc.encoding.get("zlib") is True and inc.encoding.get("shuffle") is True,
               "county/income not deflate+shuffle compressed: %s" % inc.encoding)

    with xr.open_dataset(path, engine="h5netcdf", group="village") as village:
        expect(village["households"].dims == ("year", "village"), "village/households dims")
        expect([str(s) for s in village["village_name"].values][0] == "Altdorf", "village_name labels")
        expect(list(village["year"].values) == [2021, 2022], "year values %r" % village["year"].values)
        expect(np.issubdtype(village["year"].dtype, np.integer), "year dtype %s" % village["year"].dtype)

    # The resolved scenario: a group of its own with the run's replicate and seed.
    with xr.open_dataset(path, engine="h5netcdf", group="scenario") as scenario:
        sj = scenario["scenario_json"].item()
        expect(isinstance(sj, str) and sj.startswith('{"name":"sample"'), "scenario/scenario_json is %r" % (sj,))
        expect(int(scenario["seed"]) == 12345678901234567890, "scenario/seed = %r" % scenario["seed"].values)

    # Plain h5py sees the same file.
    with h5py.File(path, "r") as f:
        expect(f.attrs["completed"] == 1, "h5py: completed")
        expect(f["county/income"].shape == (24, 3), "h5py: county/income shape")
        expect(f["time"].maxshape == (None,), "h5py: time is not unlimited")

    print("check_xarray: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
