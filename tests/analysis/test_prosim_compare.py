"""`prosim compare` (C++) gives the same final values and differences as
`python3 -m analysis compare` on the same runs."""
import math
import subprocess

import pandas as pd

from conftest import find_binary

INDICATORS = ["income_per_capita", "gini", "urban_rural_ratio"]


def parse(text):
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] in INDICATORS:
            diff = float("nan") if parts[4] == "-" else float(parts[4])
            rows[(parts[0], parts[1])] = (float(parts[3]), diff)
    return rows


def test_prosim_compare_matches_python(runs, cli, tmp_path):
    files = runs.files["base"] + runs.files["dibao"]
    out = subprocess.run([str(find_binary()), "compare", "--indicators", ",".join(INDICATORS), *files],
                         capture_output=True, text=True, check=True).stdout
    cpp = parse(out)
    assert cli("compare", "--run", "tiny_base=" + runs.glob("base"), "--run", "tiny_dibao=" + runs.glob("dibao"),
               "--indicators", ",".join(INDICATORS), "--out", tmp_path) == 0
    table = pd.read_csv(tmp_path / "compare.csv")
    for ind in INDICATORS:
        for scen in ["tiny_base", "tiny_dibao"]:
            rows = table[(table.indicator == ind) & (table.scenario == scen)]
            last = rows.iloc[-1]
            value, diff = cpp[(ind, scen)]
            assert abs(value - last["mean"]) <= 1e-5 * max(1.0, abs(last["mean"])), (ind, scen, value, last["mean"])
            if scen == "tiny_dibao":
                assert abs(diff - last["diff"]) <= 1e-5 * max(1.0, abs(last["diff"])), (ind, diff, last["diff"])
    assert "paired by seed" in out


def parse_cost(text):
    """{key: value} of the cost-effectiveness block `prosim compare` prints."""
    keys = {"extra_cost", "b40_income_gain", "b40_extra_cost", "cost_per_b40_yuan", "weak_villages_lifted",
            "cost_per_village", "extra_relocated", "cost_per_relocated"}
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in keys:
            out[parts[0]] = float(parts[1])
    return out


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= 1e-5 * max(1.0, abs(b))


def test_prosim_compare_cost_effectiveness_matches_python(runs):
    """The cost-effectiveness block of `prosim compare` has the numbers of
    analysis.report.cost_effectiveness on the same files (same definitions)."""
    from analysis.report import cost_effectiveness
    from analysis.runs import load_scenarios
    for key in ["dibao", "other"]:  # paired by seed, and not
        files = runs.files["base"] + runs.files[key]
        out = subprocess.run([str(find_binary()), "compare", "--indicators", "gini", *files],
                             capture_output=True, text=True, check=True).stdout
        cpp = parse_cost(out)
        assert len(cpp) == 8, out
        sc = load_scenarios([f"tiny_base={runs.glob('base')}", f"tiny_dibao={runs.glob(key)}"])
        row = cost_effectiveness(sc, "tiny_base", 0.9, "auto")[0]
        assert ("paired by seed" in out.split("cost-effectiveness")[1]) == bool(row["extra_cost"].paired)
        python = {"extra_cost": row["extra_cost"].mean, "b40_income_gain": row["b40_gain"].mean,
                  "b40_extra_cost": row["b40_cost"].mean, "cost_per_b40_yuan": row["cost_per_b40"],
                  "weak_villages_lifted": row["villages_lifted"].mean, "cost_per_village": row["cost_per_village"],
                  "extra_relocated": row["relocated"].mean, "cost_per_relocated": row["cost_per_relocated"]}
        for k, v in python.items():
            assert close(cpp[k], float(v)), (key, k, cpp[k], v)
        assert cpp["extra_cost"] > 0 and cpp["b40_income_gain"] > 0  # the near-poor top-up costs and helps
