#!/usr/bin/python3
"""The Jinhua baseline against Jinhua's 2022 statistical bulletin, and its 2021-2030 path.

Usage (Debian's python, which has h5py, numpy and matplotlib):

    /usr/bin/python3 docs/figures/validation.py build/release/prosim docs/figures

Runs scenarios/jinhua_baseline.json (scale 0.01, the scenario's own) once per seed (default
seeds 1-5) into a temporary directory, prints the comparison table of docs/validation.md
(model mean and seed range against the bulletin, shared/data/jinhua_2022_2023.md) as
Markdown on stdout, and writes `baseline_decade.png` (every headline indicator, 2021-2030,
mean and seed range) into the output directory. `--keep DIR` keeps the runs, `--reuse` (with
`--keep`) redraws from runs already there, `--seeds` picks other seeds, `--scenario` another
scenario (e.g. a variant of the baseline). Deterministic: same
binary, same seeds, same table and figure.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCENARIO = os.path.join(REPO, "scenarios", "jinhua_baseline.json")

# Jinhua 2022 bulletin (shared/data/jinhua_2022_2023.md, [J1]-[J3]): value, growth over 2021.
BULLETIN = {
    "income_per_capita": (58080, 0.039),
    "income_per_capita_urban": (69626, 0.033),
    "income_per_capita_rural": (35630, 0.057),
    "income_urban_wages": (37815, 0.026),
    "income_urban_business": (10859, 0.034),
    "income_urban_property": (10566, 0.025),
    "income_urban_net_transfers": (10386, 0.069),
    "income_rural_wages": (20437, 0.048),
    "income_rural_business": (9464, 0.067),
    "income_rural_property": (1486, 0.079),
    "income_rural_net_transfers": (4243, 0.071),
}


SOURCES = ["wages", "self_employment", "farm", "profits", "property", "pensions", "dibao", "other_transfers",
           "income_tax", "social_contributions"]


def run_seeds(prosim, seeds, workdir, reuse, base=SCENARIO):
    # The baseline with every household in the household sample (for the Gini by source):
    # the same run, the sample is only recorded.
    scenario = os.path.join(workdir, "baseline_with_sample.json")
    with open(scenario, "w") as f:
        json.dump({"extends": os.path.abspath(base), "output": {"household_sample_size": 1000000}}, f)
    paths = []
    for s in seeds:
        out = os.path.join(workdir, f"baseline_s{s}.h5")
        if not (reuse and os.path.exists(out)):
            subprocess.run([prosim, "run", scenario, "--seed", str(s), "-o", out, "--threads", "1"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        paths.append(out)
    return paths


def gini_by_source(path):
    """Gini of per-capita income (December x 12, persons as weights) in the first and last
    December of the household sample, and each source's contribution to it (its share of
    income times its concentration coefficient, Lerman and Yitzhaki 1985): the contributions
    add up to the Gini, so their changes say which incomes moved it."""
    out = []
    with h5py.File(path, "r") as f:
        g = f["household_sample"]
        for t in (0, g["size"].shape[0] - 1):
            size = g["size"][t].astype(float)
            keep = size > 0
            w = size[keep]
            y = g["disposable_income"][t][keep] / w
            order = np.argsort(y, kind="stable")
            w, y = w[order], y[order]
            rank = (np.cumsum(w) - w / 2) / w.sum()  # fractional rank, persons as weights
            mean = np.sum(w * y) / w.sum()
            contrib = {}
            for s in SOURCES:
                x = (g[s][t][keep] / size[keep])[order] * (-1 if s in ("income_tax", "social_contributions") else 1)
                contrib[s] = 2 * np.sum(w * x * (rank - 0.5)) / w.sum() / mean
            out.append((2 * np.sum(w * y * (rank - 0.5)) / w.sum() / mean, contrib))
    return out


def distribution(path):
    """The shape of the income distribution in the first December of the household sample
    (per-capita income of the month x 12, persons as weights): the median over the mean, and
    the middle-income share counted three ways: households whose income is in [100k, 500k)
    (the model's indicator, INDICATORS.md), and households and persons whose per-capita income
    x 3 is in that band (the NBS's "typical three-person household" convention of the middle-
    income group, 典型三口之家年收入10万-50万元; the sources found do not say which count the
    Zhejiang figures use); the same for [200k, 600k), and the mean household size."""
    with h5py.File(path, "r") as f:
        g = f["household_sample"]
        size = g["size"][0].astype(float)
        keep = size > 0
        n = size[keep]
        y = g["disposable_income"][0][keep]
    pc = y / n
    order = np.argsort(pc, kind="stable")
    cum = np.cumsum(n[order]) / n.sum()
    median = pc[order][np.searchsorted(cum, 0.5)]
    mean = y.sum() / n.sum()
    band3 = (3 * pc >= 1e5) & (3 * pc < 5e5)
    band3_b = (3 * pc >= 2e5) & (3 * pc < 6e5)
    return {"median_over_mean": median / mean,
            "households_100k_500k": np.mean((y >= 1e5) & (y < 5e5)),
            "households_per3": np.mean(band3),
            "persons_per3": np.sum(n * band3) / n.sum(),
            "households_200k_600k": np.mean((y >= 2e5) & (y < 6e5)),
            "persons_per3_200k_600k": np.sum(n * band3_b) / n.sum(),
            "mean_household_size": n.mean(),
            "persons_below_33k": np.sum(n * (pc < 1e5 / 3)) / n.sum()}


def load(path):
    with h5py.File(path, "r") as f:
        annual = {k: f["annual"][k][()] for k in f["annual"].keys()}
        root = {k: f[k][:] for k in ("gdp_per_capita", "dibao_recipients", "dibao_spending", "unemployment_rate",
                                      "urbanisation_rate", "income_per_capita")}
        converged = f.attrs.get("burn_in_converged", b"?")
        converged = converged.decode() if isinstance(converged, bytes) else str(converged)
        county_u = f["county"]["unemployment_rate"][:]
        county_pop = f["county"]["population"][:]
    years = annual["year"].astype(int)
    n = len(years)
    yearly = lambda x: x[: 12 * n].reshape(n, 12)  # noqa: E731
    derived = {
        "gdp_per_capita": yearly(root["gdp_per_capita"]).mean(1),
        "dibao_recipients": yearly(root["dibao_recipients"]).mean(1),
        "dibao_spending": yearly(root["dibao_spending"]).sum(1),
        "unemployment_rate": yearly(root["unemployment_rate"]).mean(1),
        "urbanisation_rate": yearly(root["urbanisation_rate"])[:, -1],
        "county_unemployment_max": county_u[: 12 * n].reshape(n, 12, -1).mean(1).max(1),
        "county_unemployment_min": county_u[: 12 * n].reshape(n, 12, -1).mean(1).min(1),
        "county_population_deviation": np.abs(county_pop[11::12] / county_pop[0] - 1).max(1)[:n],
    }
    return years, annual, derived, converged


def fmt(x, kind):
    if kind == "ratio":
        return f"{x:.3f}"
    if kind == "share":
        return f"{100 * x:.1f} %"
    if kind == "growth":
        return f"{100 * x:+.1f} %"
    return f"{x:,.0f}"


def cell(values, kind):
    v = np.asarray(values)
    return f"{fmt(v.mean(), kind)} [{fmt(v.min(), kind)}, {fmt(v.max(), kind)}]"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("prosim")
    ap.add_argument("outdir")
    ap.add_argument("--seeds", default="1,2,3,4,5")
    ap.add_argument("--keep")
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--scenario", default=SCENARIO, help="the scenario run (default: the baseline)")
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = a.keep or tmp
        os.makedirs(workdir, exist_ok=True)
        paths = run_seeds(a.prosim, seeds, workdir, a.reuse, a.scenario)
        runs = [load(p) for p in paths]
        ginis = [gini_by_source(p) for p in paths]
        shapes = [distribution(p) for p in paths]
    years = runs[0][0]
    i21, i22 = list(years).index(2021), list(years).index(2022)

    print(f"Seeds {a.seeds}; burn-in converged: {', '.join(r[3] for r in runs)}\n")
    print("| 2022 | bulletin | model | growth 2022, bulletin | growth 2022, model |")
    print("|---|---|---|---|---|")
    for key, (value, growth) in BULLETIN.items():
        level = [r[1][key][i22] for r in runs]
        g = [r[1][key][i22] / r[1][key][i21] - 1 for r in runs]
        print(f"| {key} | {value:,} | {cell(level, 'yuan')} | {fmt(growth, 'growth')} | {cell(g, 'growth')} |")
    ratio = [r[1]["urban_rural_ratio"][i22] for r in runs]
    ratio21 = [r[1]["urban_rural_ratio"][i21] for r in runs]
    print(f"| urban_rural_ratio | 1.954 (2021 ≈ 2.00) | {cell(ratio, 'ratio')} (2021: {cell(ratio21, 'ratio')}) | | |")
    gap = [(r[1]["income_per_capita_rural"][i22] / r[1]["income_per_capita_rural"][i21]) -
           (r[1]["income_per_capita_urban"][i22] / r[1]["income_per_capita_urban"][i21]) for r in runs]
    print(f"| rural − urban income growth | +2.4 points | "
          f"{np.mean(gap) * 100:+.1f} points [{np.min(gap) * 100:+.1f}, {np.max(gap) * 100:+.1f}] | | |")
    gdp = [r[2]["gdp_per_capita"][i22] for r in runs]
    gdp_g = [r[2]["gdp_per_capita"][i22] / r[2]["gdp_per_capita"][i21] - 1 for r in runs]
    print(f"| gdp_per_capita | 78,086 | {cell(gdp, 'yuan')} | +2.0 % real, about +3.8 % nominal | {cell(gdp_g, 'growth')} |")
    rec = [r[2]["dibao_recipients"][i22] for r in runs]
    spend = [r[2]["dibao_spending"][i22] / 1e6 for r in runs]
    print(f"| dibao recipients (mean of months) | 41,900 | {cell(rec, 'yuan')} | | |")
    print(f"| dibao paid in the year, million yuan | 393 | {cell(spend, 'yuan')} | | |")

    print("\nDecade (2021 → 2025 → 2030), mean [seed range]:\n")
    print("| indicator | 2021 | 2025 | 2030 |")
    print("|---|---|---|---|")
    i25, i30 = list(years).index(2025), list(years).index(2030)
    rows = [("income_per_capita", "annual", "yuan"), ("urban_rural_ratio", "annual", "ratio"),
            ("gini", "annual", "ratio"), ("middle_income_share_100k_500k", "annual", "share"),
            ("middle_income_share_100k_500k_per3", "annual", "share"), ("middle_income_share_200k_600k", "annual", "share"),
            ("middle_income_share_200k_600k_per3", "annual", "share"),
            ("unemployment_rate", "derived", "share"), ("county_unemployment_max", "derived", "share"),
            ("county_unemployment_min", "derived", "share"), ("urbanisation_rate", "derived", "share"),
            ("county_population_deviation", "derived", "share"), ("gdp_per_capita", "derived", "yuan")]
    for key, where, kind in rows:
        src = 1 if where == "annual" else 2
        print(f"| {key} | " + " | ".join(cell([r[src][key][i] for r in runs], kind) for i in (i21, i25, i30)) + " |")
    print("\nGini by source, December 2021 → December 2030 (household sample, per-capita income of the month ×"
          " 12): each source's contribution (share × concentration coefficient; they add up to the Gini) and its"
          " change, by seed:\n")
    print("| seed | Gini | " + " | ".join(SOURCES) + " |")
    print("|---|---|" + "---|" * len(SOURCES))
    for s, ((g0, c0), (g1, c1)) in zip(seeds, ginis):
        print(f"| {s} | {g0:.3f} → {g1:.3f} ({g1 - g0:+.3f}) | " +
              " | ".join(f"{c1[k]:.3f} ({c1[k] - c0[k]:+.3f})" for k in SOURCES) + " |")
    print("\nThe distribution's shape, December 2021 (household sample, per-capita income of the month × 12,"
          " persons as weights), mean [seed range]:\n")
    print("| measure | model | reference |")
    print("|---|---|---|")
    refs = {"median_over_mean": "China 2021: 0.853 (NBS 2021 statistical communiqué: median 29,975, mean 35,128)",
            "households_100k_500k": "Zhejiang 2021: over 70 % (Zhejiang statistics bureau, 2022); Jinhua's 73.5 % is"
                                    " its 2025 target (shared/seeds/001)",
            "households_per3": "the same, if counted per typical three-person household",
            "persons_per3": "same, as a share of persons (the recorded middle_income_share_100k_500k_per3)",
            "households_200k_600k": "Zhejiang 2021: 30.6 % (China Blue News, 2022-06-21)",
            "persons_per3_200k_600k": "the same, per three-person household, persons (_200k_600k_per3)",
            "mean_household_size": "Zhejiang 2020 census: 2.35 persons per family household",
            "persons_below_33k": ""}
    for key, ref in refs.items():
        kind = "share" if key not in ("median_over_mean", "mean_household_size") else "ratio"
        print(f"| {key} | {cell([d[key] for d in shapes], kind)} | {ref} |")
    u = np.array([r[2]["unemployment_rate"] for r in runs])
    print(f"\nRegional unemployment, yearly means over seeds: {', '.join(f'{100 * x:.1f}' for x in u.mean(0))} %"
          f" (lowest seed-year {100 * u.min():.1f} %, highest {100 * u.max():.1f} %)")

    panels = [("income_per_capita_urban", "annual", "urban income per head (yuan)"),
              ("income_per_capita_rural", "annual", "rural income per head (yuan)"),
              ("urban_rural_ratio", "annual", "urban ÷ rural income"),
              ("gini", "annual", "Gini (per-capita income)"),
              ("middle_income_share_100k_500k", "annual", "households 100k-500k"),
              ("unemployment_rate", "derived", "unemployment (yearly mean)"),
              ("urbanisation_rate", "derived", "urbanisation (December)"),
              ("gdp_per_capita", "derived", "GDP per head (yuan)"),
              ("dibao_recipients", "derived", "dibao recipients")]
    observed = {"income_per_capita_urban": {2022: 69626}, "income_per_capita_rural": {2022: 35630},
                "urban_rural_ratio": {2021: 2.0, 2022: 1.954}, "gdp_per_capita": {2021: 75200, 2022: 78086, 2023: 84133},
                "dibao_recipients": {2022: 41900}, "urbanisation_rate": {2021: 0.687}}
    fig, axes = plt.subplots(3, 3, figsize=(12, 9))
    for ax, (key, where, title) in zip(axes.flat, panels):
        src = 1 if where == "annual" else 2
        v = np.array([r[src][key] for r in runs])
        ax.fill_between(years, v.min(0), v.max(0), alpha=0.3, label=f"seed range ({len(seeds)} seeds)")
        ax.plot(years, v.mean(0), lw=2, label="model mean")
        if key in observed:
            ox = sorted(observed[key])
            ax.plot(ox, [observed[key][y] for y in ox], "ko", label="bulletin / input")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle("Jinhua baseline 2021-2030, scale 0.01 (docs/validation.md)")
    fig.tight_layout()
    os.makedirs(a.outdir, exist_ok=True)
    fig.savefig(os.path.join(a.outdir, "baseline_decade.png"), dpi=110)
    return 0


if __name__ == "__main__":
    sys.exit(main())
