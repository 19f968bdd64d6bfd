"""`prosim compare` (C++) gives the same final values and differences as
`python3 -m analysis compare` on the same runs."""
import math
import re
import subprocess

import pandas as pd

from conftest import find_binary

INDICATORS = ["income_per_capita", "gini", "urban_rural_ratio"]


NUMBER = re.compile(r"([+-]?[\d,]*\.?\d+(?:e[+-]?\d+)?|nan|n/a)( bn| m| %| pp)?")


def number(token):
    """A number as prosim compare prints it: 12,345 / 2.34 bn / 56.50 % / +1.2 pp / n/a."""
    m = NUMBER.fullmatch(token.strip())
    assert m, token
    if m.group(1) in ("nan", "n/a"):
        return float("nan")
    x = float(m.group(1).replace(",", ""))
    return x * {" bn": 1e9, " m": 1e6, " %": 0.01, " pp": 0.01, None: 1}[m.group(2)]


def parse(text):
    """{(indicator, scenario): (final value, diff, lo, hi)} of the table."""
    rows = {}
    for line in text.splitlines():
        cells = line.split(None, 3)
        if len(cells) == 4 and cells[0] in INDICATORS:
            rows[cells[0], cells[2]] = _cells(line)
    return rows


def _cells(line):
    # indicator, units, scenario, runs at fixed widths, then value, diff [lo, hi], pairing
    rest = line[32 + 1 + 20 + 1 + 22 + 1 + 5:]
    value = number(rest[:15])
    diff_text = rest[15 + 2:15 + 2 + 36].strip()
    if diff_text == "-":
        return value, float("nan"), float("nan"), float("nan")
    m = re.fullmatch(r"(.+?)(?: \[(.+), (.+)\])?", diff_text)
    lo = number(m.group(2)) if m.group(2) else float("nan")
    hi = number(m.group(3)) if m.group(3) else float("nan")
    return value, number(m.group(1)), lo, hi


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
            value, diff, lo, hi = cpp[(ind, scen)]
            # printed with 4 significant digits: within half a unit of the last one
            assert rounded_equal(value, last["mean"]), (ind, scen, value, last["mean"])
            if scen == "tiny_dibao":
                assert rounded_equal(diff, last["diff"]), (ind, diff, last["diff"])
                assert rounded_equal(lo, last["diff_lo"]) and rounded_equal(hi, last["diff_hi"]), \
                    (ind, lo, hi, last["diff_lo"], last["diff_hi"])
    assert "paired by seed (3 pairs)" in out and "e+0" not in out


def rounded_equal(printed, exact):
    return abs(printed - exact) <= 2e-3 * abs(exact) + 1e-9


def test_prosim_compare_single_pair_has_no_interval(runs):
    out = subprocess.run([str(find_binary()), "compare", "--indicators", "gini",
                          runs.files["base"][0], runs.files["dibao"][0]],
                         capture_output=True, text=True, check=True).stdout
    assert "same seed (1 pair: no interval)" in out and "paired by seed" not in out.split("cost-eff")[0]
    value, diff, lo, hi = parse(out)["gini", "tiny_dibao"]
    assert math.isfinite(diff) and math.isnan(lo) and math.isnan(hi)


def parse_cost(text):
    """{key: value} of the cost-effectiveness block `prosim compare` prints."""
    keys = {"extra_cost", "b40_income_gain", "b40_extra_cost", "cost_per_b40_yuan", "weak_villages_lifted",
            "cost_per_village", "extra_relocated", "cost_per_relocated", "village_years_lifted",
            "cost_per_village_year"}
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in keys:
            token = " ".join(parts[1:3]) if len(parts) > 2 and parts[2] in ("m", "bn") else parts[1]
            out[parts[0]] = number(token)
    return out


def close(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return rounded_equal(a, b) or abs(a - b) <= 1e-9


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
        assert len(cpp) == 10, out
        sc = load_scenarios([f"tiny_base={runs.glob('base')}", f"tiny_dibao={runs.glob(key)}"])
        row = cost_effectiveness(sc, "tiny_base", 0.9, "auto")[0]
        assert ("paired by seed" in out.split("cost-effectiveness")[1]) == bool(row["extra_cost"].paired)
        python = {"extra_cost": row["extra_cost"].mean, "b40_income_gain": row["b40_gain"].mean,
                  "b40_extra_cost": row["b40_cost"].mean, "cost_per_b40_yuan": row["cost_per_b40"],
                  "weak_villages_lifted": row["villages_lifted"].mean, "cost_per_village": row["cost_per_village"],
                  "extra_relocated": row["relocated"].mean, "cost_per_relocated": row["cost_per_relocated"],
                  "village_years_lifted": row["village_years"].mean,
                  "cost_per_village_year": row["cost_per_village_year"]}
        for k, v in python.items():
            assert close(cpp[k], float(v)), (key, k, cpp[k], v)
        assert cpp["extra_cost"] > 0 and cpp["b40_income_gain"] > 0  # the near-poor top-up costs and helps
