"""Scenario discovery: PRIM finds a known box; targets parse or fail with a clear message."""

import numpy as np
import pytest

import sweep_synth as S
from analysis.runs import AnalysisError
from analysis.sweep import load_sweep, parse_target, prim
from analysis.sweep.tables import Options, analyse


def test_prim_finds_a_known_box():
    """y = 1 inside x0 > 0.6 and x1 < 0.3 (x2 irrelevant): the box has those bounds."""
    rng = np.random.default_rng(11)
    X = rng.random((3000, 3))
    y = (X[:, 0] > 0.6) & (X[:, 1] < 0.3)
    res = prim(X, y, ["a", "b", "c"], alpha=0.05, min_mass=0.02, min_coverage=0.5)
    b = res.box
    assert b.density == pytest.approx(1.0)
    assert b.coverage >= 0.8
    assert b.lo[0] == pytest.approx(0.6, abs=0.03) and b.hi[0] == pytest.approx(1.0, abs=0.01)
    assert b.lo[1] == pytest.approx(0.0, abs=0.01) and b.hi[1] == pytest.approx(0.3, abs=0.03)
    assert res.restricted() == [0, 1]
    assert res.base_density == pytest.approx(y.mean())
    # the trajectory starts with every point and density never falls along the chosen path
    t = res.trajectory
    assert t[0].mass == 1.0 and t[0].coverage == 1.0
    assert all(t[i + 1].mass < t[i].mass for i in range(len(t) - 1))
    assert t[-1].mass >= 0.02


def test_prim_coverage_threshold_picks_a_larger_box():
    """Noisy membership: a higher coverage threshold keeps a larger, less pure box."""
    rng = np.random.default_rng(5)
    X = rng.random((2000, 2))
    p = np.where(X[:, 0] > 0.5, 0.9, 0.1)
    y = rng.random(2000) < p
    small = prim(X, y, ["a", "b"], min_coverage=0.3).box
    large = prim(X, y, ["a", "b"], min_coverage=0.9).box
    assert large.coverage >= 0.9 > small.coverage or large.mass > small.mass
    assert small.density >= large.density
    assert small.lo[0] > 0.45


def test_prim_on_a_grid_with_ties_peels_whole_levels():
    """On a grid every quantile falls on a level: PRIM peels the extreme level instead."""
    U = S.grid([np.linspace(0, 1, 5), np.linspace(0, 1, 5)])
    y = (U[:, 0] >= 0.5) & (U[:, 1] <= 0.25)
    res = prim(U, y, ["a", "b"], alpha=0.05, min_mass=0.04, min_coverage=1.0)
    b = res.box
    assert (b.density, b.coverage) == (1.0, 1.0)
    assert (b.lo[0], b.hi[0], b.lo[1], b.hi[1]) == (0.5, 1.0, 0.0, 0.25)


@pytest.mark.parametrize("text,expect", [
    ("ratio_2025<1.9", ("ratio_2025", "<", 1.9)),
    (" urban_rural_ratio@2025 <= 1.9 ", ("urban_rural_ratio@2025", "<=", 1.9)),
    ("gini>=-0.5e-1", ("gini", ">=", -0.05)),
])
def test_parse_target(text, expect):
    t = parse_target(text)
    assert (t.outcome, t.op, t.threshold) == expect


@pytest.mark.parametrize("text", ["ratio", "ratio=1.9", "ratio<abc", "<1.9", "a<1<2"])
def test_parse_target_rejects(text):
    with pytest.raises(AnalysisError, match="expected OUTCOME OP NUMBER"):
        parse_target(text)


def _lhs_index(tmp_path, replicates=3):
    rng = np.random.default_rng(4)
    n = 200
    U = np.stack([(rng.permutation(n) + rng.random(n)) / n for _ in range(3)], axis=1)
    X = S.scale(U, [1.0, 0.0, 0.0], [1.3, 0.4, 1.0])
    factors = {"rise": {"lo": 1.0, "hi": 1.3}, "grant": {"lo": 0.0, "hi": 0.4},
               "quit": {"lo": 0.0, "hi": 1.0}}

    def ratio(X, r):
        return 2.2 - (X[:, 0] - 1.0) - 0.5 * X[:, 1] + 0.01 * (r - 1)

    def series(X, r):
        return ratio(X, r)[:, None] + 0.01 * np.arange(5)[None, ::-1]
    return S.write_index(str(tmp_path), "lhs", factors, X, U, replicates,
                         summaries={"ratio_end": ratio},
                         series={"urban_rural_ratio": series})


def test_discovery_on_an_lhs_sweep(tmp_path):
    """ratio = 2.2 - (rise - 1) - 0.5 grant < 2.0 needs high rise and grant: the box restricts
    both from below and leaves quit free; a point meets the target when its replicate mean
    does, and the share of replicates that do is reported."""
    sw = load_sweep(_lhs_index(tmp_path))
    a = analyse(sw, Options(targets=[parse_target("ratio_end<2.0")], n_boot=20))
    d = a.prim["ratio_end < 2"]
    mean = 2.2 - (d.X[:, 0] - 1.0) - 0.5 * d.X[:, 1]
    np.testing.assert_array_equal(d.met, mean < 2.0)
    assert d.result.restricted() == [0, 1]
    assert d.result.box.lo[0] > 1.1 and d.result.box.lo[1] > 0.05
    reps = np.stack([mean + 0.01 * (r - 1) < 2.0 for r in range(3)], axis=1)
    np.testing.assert_allclose(d.share, reps.mean(axis=1))
    assert 0 < np.sum((d.share > 0) & (d.share < 1))       # some points are borderline
    box = a.tables["prim_box"]
    assert list(box["factor"]) == ["rise", "grant", "quit"]
    assert list(box["restricted"]) == [True, True, False]


def test_default_target_from_targets_json(tmp_path):
    """Without --target, the Jinhua plan's 'urban_rural_ratio < 1.9 in 2025' applies to the
    index's urban_rural_ratio series (years 2021-2025)."""
    sw = load_sweep(_lhs_index(tmp_path))
    a = analyse(sw, Options(n_boot=20))
    texts = [t.text for t in a.targets]
    assert texts == ["urban_rural_ratio@2025 < 1.9"]
    assert "targets.json" in a.targets[0].source


def test_unknown_target_outcome_is_a_clear_error(tmp_path):
    sw = load_sweep(_lhs_index(tmp_path))
    with pytest.raises(AnalysisError, match="no summary outcome 'nope'.*ratio_end"):
        analyse(sw, Options(targets=[parse_target("nope<1")]))
    with pytest.raises(AnalysisError, match="has no year 2030"):
        analyse(sw, Options(targets=[parse_target("urban_rural_ratio@2030<1")]))


def test_insignificant_restrictions_are_lifted():
    """A box cut on an irrelevant factor: its quasi-p-value is large and the cut is lifted;
    the relevant cut has a tiny p-value and stays."""
    from analysis.sweep.prim import Box, _box, lift_restrictions
    rng = np.random.default_rng(8)
    X = rng.random((1000, 2))
    y = X[:, 0] > 0.5
    full_lo, full_hi = X.min(axis=0), X.max(axis=0)
    box = _box(X, y, np.array([0.5, 0.1]), full_hi, int(y.sum()))
    assert isinstance(box, Box) and box.density == 1.0
    lifted, p = lift_restrictions(X, y, box, full_lo, full_hi, int(y.sum()))
    assert p[0] < 1e-6 and p[1] > 0.05
    assert lifted.lo[1] == full_lo[1] and lifted.lo[0] == 0.5
    assert lifted.coverage > box.coverage and lifted.density == 1.0


def test_prim_max_p_one_keeps_every_cut():
    from analysis.sweep.prim import _box, lift_restrictions
    rng = np.random.default_rng(8)
    X = rng.random((1000, 2))
    y = X[:, 0] > 0.5
    full_lo, full_hi = X.min(axis=0), X.max(axis=0)
    box = _box(X, y, np.array([0.5, 0.1]), full_hi, int(y.sum()))
    kept, p = lift_restrictions(X, y, box, full_lo, full_hi, int(y.sum()), max_p=1.0)
    assert kept is box and p[1] > 0.05
