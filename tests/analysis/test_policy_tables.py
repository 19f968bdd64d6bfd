"""docs/policies.md shows the policy tables exactly as docs/figures/make_policy_figures.sh
wrote them (docs/figures/policies/NAME/table.txt and cost_effectiveness.txt): the page's
blocks are copied from the files by docs/figures/policy_tables.py, and this test fails when
someone edits one without the other (the blocks went stale before: e-notation from an older
prosim compare)."""

import subprocess

from h5direct import REPO


def test_policy_tables_in_the_page_are_the_files():
    script = REPO / "docs" / "figures" / "policy_tables.py"
    r = subprocess.run(["/usr/bin/python3", str(script), "--check"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0, ("docs/policies.md differs from docs/figures/policies/*/*.txt; "
                               "run /usr/bin/python3 docs/figures/policy_tables.py "
                               + r.stdout + r.stderr)


def test_the_tables_are_the_current_tools_output():
    """No raw e-notation and the cost blocks come from prosim-analysis costs."""
    for name in ["minimum_wage_rise", "enclave", "relocation", "dibao_near_poor", "training",
                 "combined"]:
        folder = REPO / "docs" / "figures" / "policies" / name
        cost = (folder / "cost_effectiveness.txt").read_text(encoding="utf-8")
        assert cost.startswith("cost-effectiveness against baseline: mean of the scenario"), name
        assert "e+0" not in cost and "e-0" not in (folder / "table.txt").read_text(), name
