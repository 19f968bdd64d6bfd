"""Band and pairing arithmetic on synthetic arrays (no simulator needed)."""

import math

import numpy as np
import pytest
from scipy import stats as st

from analysis import stats as S
from analysis.distribution import gini_from_lorenz, lorenz_from_deciles
from analysis.plotting import display_for, format_value
from analysis.report import cumulative, scenario_differences
from analysis.targets import annual_value

RNG = np.random.default_rng(42)


def test_percentile_band_matches_numpy():
    x = RNG.normal(size=(7, 5))
    mean, lo, hi, n = S.percentile_band(x, 0.9)
    np.testing.assert_allclose(mean, x.mean(axis=0))
    np.testing.assert_allclose(lo, np.percentile(x, 5, axis=0))
    np.testing.assert_allclose(hi, np.percentile(x, 95, axis=0))
    assert list(n) == [7] * 5


def test_t_interval_matches_scipy():
    x = RNG.normal(3.0, 2.0, size=(6, 4))
    mean, lo, hi, n = S.t_interval(x, 0.9)
    for j in range(4):
        col = x[:, j]
        ref = st.t.interval(0.9, len(col) - 1, loc=col.mean(), scale=st.sem(col))
        assert lo[j] == pytest.approx(ref[0])
        assert hi[j] == pytest.approx(ref[1])
        assert mean[j] == pytest.approx(col.mean())


def test_nan_replicates_are_ignored():
    x = np.array([[1.0, 2.0], [3.0, np.nan], [5.0, 4.0]])
    mean, lo, hi, n = S.t_interval(x, 0.9)
    assert list(n) == [3, 2]
    assert mean[1] == pytest.approx(3.0)
    ref = st.t.interval(0.9, 1, loc=3.0, scale=st.sem([2.0, 4.0]))
    assert (lo[1], hi[1]) == pytest.approx(ref)


def test_single_replicate_has_no_ci_and_collapsed_percentiles():
    x = np.array([[1.5, 2.5]])
    _, lo, hi, n = S.t_interval(x)
    assert np.all(np.isnan(lo)) and np.all(np.isnan(hi))
    mean, lo, hi, _ = S.percentile_band(x)
    np.testing.assert_allclose(lo, mean)
    np.testing.assert_allclose(hi, mean)


def test_identical_replicates_give_zero_width():
    x = np.full((3, 2), 7.0)
    mean, lo, hi, _ = S.t_interval(x)
    np.testing.assert_allclose(lo, 7.0)
    np.testing.assert_allclose(hi, 7.0)
    d, dlo, dhi, _ = S.welch_difference(x, x - 1.0)
    np.testing.assert_allclose([d, dlo, dhi], [[1, 1]] * 3)


def test_paired_difference_matches_ttest_rel():
    b = RNG.normal(10, 3, size=(5, 3))
    a = b + 0.7 + RNG.normal(0, 0.2, size=(5, 3))       # strongly correlated: CRN
    d, lo, hi, n = S.paired_difference(a, b, 0.9)
    for j in range(3):
        ci = st.ttest_rel(a[:, j], b[:, j]).confidence_interval(confidence_level=0.9)
        assert lo[j] == pytest.approx(ci.low)
        assert hi[j] == pytest.approx(ci.high)
        assert d[j] == pytest.approx(np.mean(a[:, j] - b[:, j]))


def test_welch_interval_boundaries_have_p_equal_alpha():
    a = RNG.normal(5, 1, size=(6, 2))
    b = RNG.normal(4, 3, size=(4, 2))
    d, lo, hi, df = S.welch_difference(a, b, 0.9)
    for j in range(2):
        assert d[j] == pytest.approx(a[:, j].mean() - b[:, j].mean())
        # at either end of the interval the two-sided Welch test has p = 0.10
        for bound in (lo[j], hi[j]):
            p = st.ttest_ind(a[:, j] - bound, b[:, j], equal_var=False).pvalue
            assert p == pytest.approx(0.10, abs=1e-9)


def test_pairing_is_narrower_than_welch_under_common_random_numbers():
    noise = RNG.normal(0, 5, size=(4, 10))
    b = 100 + noise
    a = 101 + noise + RNG.normal(0, 0.1, size=(4, 10))
    seeds = [1, 2, 3, 4]
    paired = S.difference(a, seeds, b, seeds)
    welch = S.difference(a, seeds, b, [5, 6, 7, 8])
    assert paired.paired and not welch.paired
    assert np.all(paired.hi - paired.lo < welch.hi - welch.lo)
    np.testing.assert_allclose(paired.diff, welch.diff)


def test_match_seeds():
    assert S.match_seeds([1, 2, 3], [3, 1, 2]) == [(0, 1), (1, 2), (2, 0)]
    assert S.match_seeds([1, 2, 3, 9], [3, 1, 2]) == [(0, 1), (1, 2), (2, 0)]
    assert S.match_seeds([5], [5]) == [(0, 0)]
    assert S.match_seeds([1, 2], [2, 3]) is None          # one shared seed only
    assert S.match_seeds([1, 1, 2], [1, 2]) is None       # duplicates
    assert S.match_seeds([1, None], [1, 2]) is None       # unknown seed
    assert S.match_seeds([1, 2], [3, 4]) is None


def test_difference_pairs_by_seed_not_by_position():
    b = np.array([[10.0], [20.0], [30.0]])
    a = np.array([[31.0], [11.0], [21.0]])                # seeds 3, 1, 2
    res = S.difference(a, [3, 1, 2], b, [1, 2, 3])
    assert res.paired and res.n == 3
    assert res.diff[0] == pytest.approx(1.0)
    assert res.lo[0] == pytest.approx(1.0) and res.hi[0] == pytest.approx(1.0)


def test_difference_forced_modes():
    a = RNG.normal(size=(3, 2))
    b = RNG.normal(size=(3, 2))
    assert not S.difference(a, [1, 2, 3], b, [1, 2, 3], pairing="unpaired").paired
    with pytest.raises(ValueError):
        S.difference(a, [1, 2, 3], b, [4, 5, 6], pairing="paired")


def test_band_labels():
    assert S.band_code("percentile", 0.9) == "p5-p95"
    assert S.band_code("ci", 0.9) == "ci90"
    assert "5th–95th" in S.band_label("percentile", 0.9)


def test_lorenz_and_gini_from_deciles():
    equal = np.full(10, 5.0)
    np.testing.assert_allclose(lorenz_from_deciles(equal), np.linspace(0, 1, 11))
    assert gini_from_lorenz(lorenz_from_deciles(equal)) == pytest.approx(0.0)
    top = np.zeros(10)
    top[-1] = 1.0
    assert gini_from_lorenz(lorenz_from_deciles(top)) == pytest.approx(0.9)
    d = np.arange(1, 11, dtype=float)
    L = lorenz_from_deciles(d)
    assert L[4] == pytest.approx(d[:4].sum() / d.sum())
    # Gini of the step distribution of decile means (mean absolute difference / 2 mean)
    mad = np.abs(d[:, None] - d[None, :]).mean()
    assert gini_from_lorenz(L) == pytest.approx(mad / (2 * d.mean()))


def test_cumulative_units():
    v = np.array([[1.0, 2.0, np.nan, 3.0]])
    np.testing.assert_allclose(cumulative(v, "yuan/month"), [[1, 3, 3, 6]])
    np.testing.assert_allclose(cumulative(v * 12, "yuan/yr"), [[1, 3, 3, 6]])
    np.testing.assert_allclose(cumulative(v, "yuan"), v)


def test_annual_value():
    months = [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01", "2025-02"]
    values = np.arange(14, dtype=float)
    assert annual_value(months, values, 2024) == (pytest.approx(5.5), 12)
    assert annual_value(months, values, 2024, "december") == (11.0, 1)
    assert annual_value(months, values, 2025) == (pytest.approx(12.5), 2)
    v, n = annual_value(months, values, 2023)
    assert math.isnan(v) and n == 0
    values[3] = np.nan
    v, n = annual_value(months, values, 2024)
    assert n == 11 and v == pytest.approx(np.nanmean(values[:12]))


def test_scenario_differences():
    a = {"name": "a", "seed": 1, "policies": {"dibao": {"near_poor_multiple": 1.0}}}
    b = {"name": "b", "seed": 2, "policies": {"dibao": {"near_poor_multiple": 2.0},
                                              "enclave": {"start": "2023-01"}}}
    diffs = scenario_differences(a, b)
    assert ("policies.dibao.near_poor_multiple", 1.0, 2.0) in diffs
    assert ("policies.enclave.start", "—", "2023-01") in diffs
    assert all(k not in ("name", "seed") for k, _, _ in diffs)


def test_display_and_formats():
    assert display_for("gini", "1").unit.startswith("index")
    d = display_for("middle_income_share_100k_500k", "1")
    assert d.scale == 100 and d.diff_unit == "percentage points"
    assert display_for("fiscal_cost_total", "yuan/month", 2e9).unit == "billion yuan/month"
    assert format_value(0.5736, "middle_income_share_100k_500k", "1") == "57.36 %"
    assert format_value(0.01, "low_income_share_50k", "1", diff=True) == "+1.00 pp"
    assert format_value(70421.3, "income_per_capita", "yuan/yr") == "70,421"
    assert format_value(float("nan"), "gini", "1") == "n/a"
