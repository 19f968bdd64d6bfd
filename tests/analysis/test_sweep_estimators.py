"""Sweep estimators against functions with known answers, through synthetic indexes in the
contract format (sweep_synth.py): Sobol indices of the Ishigami function, Morris measures of a
linear function, main effects and paired factor effects of a grid."""

import numpy as np
import pytest
import xarray as xr

import sweep_synth as S
from analysis.sweep import load_sweep, morris_table, sobol_table
from analysis.sweep import effects as E
from analysis.sweep.sobol import first_total

PI = np.pi
ISHIGAMI_FACTORS = {f"x{i + 1}": {"lo": -PI, "hi": PI, "distribution": "uniform"}
                    for i in range(3)}
# Tolerance: with N = 4096 scrambled-Sobol base rows (scipy 1.10, seed 1) the estimators are
# within 0.0011 of the analytic indices (measured: largest error 0.00104, on S1 of x2; 0.00084
# for ST); 0.02 leaves room for another scipy's scrambling, while swapping f_B for f_A in the
# first-order sum fails this test.
TOL = 0.02
N = 4096


def ishigami_index(tmp_path, n=N, replicates=1, shift=None, failed=(), shuffle=None):
    U, block, row = S.saltelli(n, 3)
    X = S.scale(U, -PI, PI)
    shift = shift or (lambda r: 0.0)
    status = None
    if failed:
        status = ["done"] * (len(U) * replicates)
        for k in failed:
            status[k] = "failed"
    return S.write_index(str(tmp_path), "sobol", ISHIGAMI_FACTORS, X, U, replicates,
                         summaries={"y": lambda X, r: S.ishigami(X) + shift(r)},
                         extra={"sobol_block": block, "sobol_sample": row},
                         attrs={"sobol_n": np.int32(n)}, status=status, shuffle=shuffle)


@pytest.fixture(scope="module")
def ishigami(tmp_path_factory):
    path = ishigami_index(tmp_path_factory.mktemp("ishigami"), shuffle=5)
    return sobol_table(load_sweep(path), "y", n_boot=500, level=0.9)


def test_sobol_ishigami_first_and_total_order(ishigami):
    df = ishigami
    np.testing.assert_allclose(df["S1"], S.ISHIGAMI_S1, atol=TOL)
    np.testing.assert_allclose(df["ST"], S.ISHIGAMI_ST, atol=TOL)
    assert list(df["factor"]) == ["x1", "x2", "x3"]
    assert (df["rows"] == N).all() and (df["rows_dropped"] == 0).all()


def test_sobol_bootstrap_intervals_bracket_the_estimates(ishigami):
    df = ishigami
    for est in ("S1", "ST"):
        assert (df[f"{est}_lo"] <= df[est]).all() and (df[est] <= df[f"{est}_hi"]).all()
        width = df[f"{est}_hi"] - df[f"{est}_lo"]
        # row bootstrap at N = 4096: a few hundredths, neither zero nor useless
        assert (width > 0.005).all() and (width < 0.15).all(), width


def test_sobol_estimator_formulas_on_plain_arrays():
    """first_total is Saltelli 2010 (b) and Jansen 1999 as written in the docs."""
    rng = np.random.default_rng(3)
    fA, fB = rng.normal(size=50), rng.normal(size=50)
    fAB = rng.normal(size=(2, 50))
    s1, st = first_total(fA, fB, fAB)
    allv = np.concatenate([fA, fB])
    var = np.var(allv)
    np.testing.assert_allclose(s1, [np.mean((fB - allv.mean()) * (fAB[i] - fA)) / var
                                    for i in range(2)])
    np.testing.assert_allclose(st, [np.mean((fA - fAB[i]) ** 2) / (2 * var) for i in range(2)])


def test_sobol_replicates_are_averaged_and_a_common_shift_cancels(tmp_path):
    """Three replicates whose seed shifts every point alike (common random numbers), runs in
    shuffled order: the same indices as one replicate, and no noise left."""
    one = sobol_table(load_sweep(ishigami_index(tmp_path / "one", n=512)), "y", n_boot=50)
    three = sobol_table(load_sweep(ishigami_index(tmp_path / "three", n=512, replicates=3,
                                                  shift=lambda r: 10.0 * r, shuffle=2)),
                        "y", n_boot=50)
    np.testing.assert_allclose(three["S1"], one["S1"], atol=1e-9)
    np.testing.assert_allclose(three["ST"], one["ST"], atol=1e-9)
    assert three["replicates"].iloc[0] == 3
    assert three["noise_share"].iloc[0] == pytest.approx(0.0, abs=1e-12)
    assert np.isnan(one["noise_share"].iloc[0])


def test_sobol_failed_runs_drop_their_rows(tmp_path):
    n = 512
    # runs are point-major with one replicate: run k is point k; points 3 and 600 are rows
    # 3 (block A) and 600 - 512 = 88 (block B)
    sw = load_sweep(ishigami_index(tmp_path, n=n, failed=(3, 600)))
    df = sobol_table(sw, "y", n_boot=20)
    assert df["rows"].iloc[0] == n - 2 and df["rows_dropped"].iloc[0] == 2


def test_sobol_needs_a_sobol_design(tmp_path):
    from analysis.runs import AnalysisError
    path = S.write_index(str(tmp_path), "lhs", {"a": {"lo": 0, "hi": 1}},
                         np.array([[0.1], [0.5]]), np.array([[0.1], [0.5]]),
                         summaries={"y": lambda X, r: X[:, 0]})
    with pytest.raises(AnalysisError, match="sobol design"):
        sobol_table(load_sweep(path), "y")


# --------------------------------------------------------------------------------------------
# Morris

LO = np.array([0.0, 1.0, 2.0, 3.0, -1.0])
HI = np.array([1.0, 3.0, 5.0, 10.0, 1.0])
COEF = np.array([2.0, -1.0, 0.5, 0.0, 0.25])


def morris_index(tmp_path, fn, r=20, replicates=2):
    U, T, St, F, delta = S.morris(r, len(LO), levels=4, seed=3)
    X = S.scale(U, LO, HI)
    factors = {f"x{i}": {"lo": LO[i], "hi": HI[i], "distribution": "uniform"}
               for i in range(len(LO))}
    return S.write_index(str(tmp_path), "morris", factors, X, U, replicates,
                         summaries={"y": fn},
                         extra={"morris_trajectory": T, "morris_step": St, "morris_factor": F},
                         attrs={"morris_levels": np.int32(4), "morris_delta": delta},
                         shuffle=1)


def test_morris_linear_function_mu_star_is_coefficient_times_range(tmp_path):
    # replicate r adds 0.3 r to every point (common random numbers): cancels in each effect
    df = morris_table(load_sweep(morris_index(tmp_path, lambda X, r: X @ COEF + 0.3 * r)),
                      "y", n_boot=100)
    expect = COEF * (HI - LO)
    np.testing.assert_allclose(df["mu_star"], np.abs(expect), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["mu"], expect, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(df["sigma"], 0.0, atol=1e-9)
    assert (df["effects"] == 20).all()
    assert list(df.sort_values("rank")["factor"][:3]) in (["x0", "x1", "x2"],
                                                          ["x1", "x0", "x2"])


def test_morris_interaction_shows_in_sigma(tmp_path):
    def fn(X, r):
        return X @ COEF + 3.0 * X[:, 0] * X[:, 4]
    df = morris_table(load_sweep(morris_index(tmp_path, fn, replicates=1)), "y",
                      n_boot=100).set_index("factor")
    # x0 and x4 interact: their effects vary from trajectory to trajectory
    assert df.loc["x0", "sigma"] > 0.5 and df.loc["x4", "sigma"] > 0.5
    for f in ("x1", "x2", "x3"):
        assert df.loc[f, "sigma"] == pytest.approx(0.0, abs=1e-9)
    assert df.loc["x3", "mu_star"] == pytest.approx(0.0, abs=1e-12)
    assert (df["mu_star_lo"] <= df["mu_star"] + 1e-12).all()
    assert (df["mu_star"] <= df["mu_star_hi"] + 1e-12).all()


# --------------------------------------------------------------------------------------------
# grid: main effects and paired factor effects


def grid_index(tmp_path, noise=True):
    U = S.grid([[0, 0.5, 1], [0, 1 / 3, 2 / 3, 1]])
    LOg, HIg = np.array([1.0, 0.0]), np.array([1.3, 0.3])
    X = S.scale(U, LOg, HIg)
    factors = {"rise": {"lo": 1.0, "hi": 1.3}, "share": {"lo": 0.0, "hi": 0.3}}

    def fn(X, r):
        # replicate noise common to all points (cancels in paired differences) plus a small
        # point-specific part
        common = [0.05, -0.03, 0.01, 0.04][r] if noise else 0.0
        return 2.0 - 1.0 * (X[:, 0] - 1) + 0.5 * X[:, 1] ** 2 + common
    return S.write_index(str(tmp_path), "grid", factors, X, U, 4,
                         summaries={"ratio": fn}, shuffle=4)


def test_by_point_columns_are_replicates_sharing_a_seed(tmp_path):
    """Runs stored in shuffled order: column r of by_point holds replicate r of every point,
    i.e. the runs with one seed (the pairing every effect interval relies on)."""
    sw = load_sweep(grid_index(tmp_path))
    seeds = sw.by_point(sw.seed.astype(float))
    assert seeds.shape == (12, 4)
    assert (seeds == seeds[0]).all() and len(set(seeds[0])) == 4
    reps = sw.by_point(sw.replicate)
    assert (reps == np.arange(4)).all()


def test_grid_main_effects_equal_direct_group_means(tmp_path):
    path = grid_index(tmp_path)
    sw = load_sweep(path)
    me = E.main_effects(sw, "ratio", band="ci", level=0.9)
    ds = xr.open_dataset(path, engine="h5netcdf")
    df = ds[["rise", "share", "ratio", "replicate"]].to_dataframe()
    for f in ("rise", "share"):
        direct = df.groupby([f, "replicate"])["ratio"].mean().groupby(f).mean()
        got = me[me["factor"] == f].set_index("value")["mean"]
        np.testing.assert_allclose(got.to_numpy(), direct.to_numpy(), rtol=1e-12)
        assert (me[me["factor"] == f]["n_replicates"] == 4).all()


def test_grid_factor_effect_is_paired_by_replicate(tmp_path):
    """The replicate shift is common to every point: the paired interval is exact (width 0),
    where an unpaired comparison of the 4 replicates would have a width of ~0.1."""
    fe = E.factor_effects(load_sweep(grid_index(tmp_path)), "ratio").set_index("factor")
    assert fe.loc["rise", "effect"] == pytest.approx(-0.3, abs=1e-12)
    assert fe.loc["share", "effect"] == pytest.approx(0.5 * 0.09, abs=1e-12)
    assert fe.loc["rise", "hi"] - fe.loc["rise", "lo"] < 1e-9
    assert fe.loc["rise", "n_pairs"] == 4
    assert list(fe.index) == ["rise", "share"]          # sorted by size of the effect


def test_oat_uses_only_points_at_the_other_factors_base(tmp_path):
    base = np.array([0.5, 0.5])
    pts = [base.copy()]
    for k in range(2):
        for u in (0.0, 0.25, 0.75, 1.0):
            p = base.copy()
            p[k] = u
            pts.append(p)
    U = np.array(pts)
    X = S.scale(U, [0, 0], [1, 10])
    path = S.write_index(str(tmp_path), "oat", {"a": {"lo": 0, "hi": 1}, "b": {"lo": 0,
                                                                            "hi": 10}},
                         X, U, 2, summaries={"y": lambda X, r: X[:, 0] * X[:, 1]})
    me = E.main_effects(load_sweep(path), "y")
    a = me[me["factor"] == "a"]
    # along a, b stays at its base 5: y = 5 a at a = 0, .25, .5, .75, 1
    np.testing.assert_allclose(a["value"], [0, 0.25, 0.5, 0.75, 1])
    np.testing.assert_allclose(a["mean"], 5 * a["value"], atol=1e-12)
    assert (a["points"] == 1).all()


def test_lhs_main_effects_use_bins_of_the_design_coordinate(tmp_path):
    rng = np.random.default_rng(2)
    n = 50
    U = np.stack([(rng.permutation(n) + rng.random(n)) / n for _ in range(2)], axis=1)
    X = S.scale(U, [0, 0], [2, 1])
    path = S.write_index(str(tmp_path), "lhs", {"a": {"lo": 0, "hi": 2}, "b": {"lo": 0,
                                                                             "hi": 1}},
                         X, U, 1, summaries={"y": lambda X, r: 3 * X[:, 0]})
    me = E.main_effects(load_sweep(path), "y")
    a = me[me["factor"] == "a"]
    assert len(a) == 10 and (a["points"] == 5).all()      # 10 bins of 5 LHS strata each
    np.testing.assert_allclose(a["mean"], 3 * a["value"], rtol=1e-12)


def test_surface_cells_average_replicates_and_other_factors(tmp_path):
    sw = load_sweep(grid_index(tmp_path, noise=False))
    s = E.surface(sw, "ratio", "rise", "share")
    assert s.mean.shape == (4, 3) and (s.points == 1).all()
    expect = 2.0 - (s.x_centres[None, :] - 1) + 0.5 * s.y_centres[:, None] ** 2
    np.testing.assert_allclose(s.mean, expect, rtol=1e-12)
