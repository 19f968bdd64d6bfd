"""`prosim compare` (C++) gives the same final values and differences as
`python3 -m analysis compare` on the same runs."""
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
