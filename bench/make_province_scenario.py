#!/usr/bin/env python3
"""Writes scenarios/zhejiang_province.json: Zhejiang's 11 cities as county-level units.

Every figure comes from /work/shared/data/jinhua_counties.md (table B1 for 2021, table B2
for the cities' relative income positions, section C for minimum-wage tiers); missing
values are filled as described below and in the scenario's "description". Run it again
after changing a figure:  python3 bench/make_province_scenario.py
"""
import json
import re
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Table B1 (2021). None = n/f in the table.
#          name        pop (万)  urbanisation  GDP (亿元)  all-resident income (yuan)
B1 = [
    ("Hangzhou", 1220.4, 0.836, 18109.0, None),
    ("Ningbo", 954.4, 0.784, 14594.9, None),
    ("Wenzhou", 964.5, 0.728, None, None),
    ("Jiaxing", 551.60, 0.719, 6355.28, 60048),
    ("Huzhou", 340.7, 0.660, 3644.9, None),
    ("Shaoxing", None, None, 6795.0, None),
    ("Jinhua", 712.0, 0.687, 5355.44, 55880),
    ("Quzhou", 228.7, 0.581, None, None),
    ("Zhoushan", 116.5, 0.722, 1704.0, None),
    ("Taizhou", 666.1, None, None, None),
    ("Lishui", 251.4, 0.625, 1710.0, 37744),
]
PROVINCE_POP = 6540.0          # 万, end-2021 [S28]
PROVINCE_URBANISATION = 0.727  # [S28]
PROVINCE_INCOME = 57541        # all-resident disposable income 2021 [S26][S27]
JINHUA_GDP_PER_HEAD = 5355.44e8 / 712.0e4  # (d9), ~75,200 yuan
JINHUA_AREA_KM2 = 10942.0      # A1, zh-wiki [S7]

# Table B2 (Jan-Sep 2020): all-resident, urban, rural income; used for the cities'
# relative income positions (income missing in B1) and urban/rural ratios.
B2 = {
    "Zhejiang": (40121, 47545, 25505),
    "Hangzhou": (48735, 54754, 29439), "Ningbo": (46519, 52402, 31816),
    "Wenzhou": (41412, 48689, 25008), "Jiaxing": (42230, 48442, 32532),
    "Huzhou": (39102, 46096, 28922), "Shaoxing": (44687, 52121, 31684),
    "Jinhua": (38828, 46827, 24177), "Quzhou": (28978, 37663, 20093),
    "Zhoushan": (42264, 49216, 27898), "Taizhou": (39089, 48255, 25006),
    "Lishui": (28778, 37195, 17860),
}
# Section C: urban districts of Hangzhou, Ningbo, Wenzhou took tier 1 (2,280) in 2021;
# Huzhou, Shaoxing, Taizhou tier 2 (2,070). Not found: Jiaxing, Jinhua, Zhoushan (tier 2
# assumed, as for most Jinhua counties in the baseline); Quzhou and Lishui (tier 3 assumed,
# as for Jinhua's mountain counties).
MIN_WAGE_TIER = {"Hangzhou": 1, "Ningbo": 1, "Wenzhou": 1, "Jiaxing": 2, "Huzhou": 2, "Shaoxing": 2,
                 "Jinhua": 2, "Quzhou": 3, "Zhoushan": 2, "Taizhou": 2, "Lishui": 3}
MOUNTAIN = {"Quzhou", "Lishui"}


def jinhua_terrain(counties, only=None):
    """Area-weighted terrain shares of the baseline's Jinhua counties."""
    tot = {"plain": 0.0, "hill": 0.0, "mountain": 0.0}
    area = 0.0
    for name, c in counties.items():
        if only and name not in only:
            continue
        for k in tot:
            tot[k] += c["terrain"][k] * c["area_km2"]
        area += c["area_km2"]
    shares = {k: round(v / area, 2) for k, v in tot.items()}
    shares["hill"] = round(1.0 - shares["plain"] - shares["mountain"], 2)
    return shares


def main():
    base = json.loads((ROOT / "scenarios/jinhua_baseline.json").read_text())
    jc = base["region"]["counties"]
    terrain_plain = jinhua_terrain(jc)
    terrain_mountain = jinhua_terrain(jc, only={"Wuyi", "Pan'an"})
    known_pop = sum(p for _, p, *_ in B1 if p is not None)
    counties = {}
    for name, pop, urb, gdp, income in B1:
        if pop is None:  # Shaoxing: the province total less the other ten cities
            pop = PROVINCE_POP - known_pop
        if urb is None:
            urb = PROVINCE_URBANISATION
        persons = round(pop * 1e4)
        if gdp is None:
            gdp_yuan = JINHUA_GDP_PER_HEAD * persons
        else:
            gdp_yuan = gdp * 1e8
        if income is None:
            income = PROVINCE_INCOME * B2[name][0] / B2["Zhejiang"][0]
        rural = persons * (1 - urb)
        counties[name] = {
            "population": persons,
            "urbanisation": urb,
            "income_per_capita": round(income),
            "urban_rural_ratio": round(B2[name][1] / B2[name][2], 2),
            "gdp": float(f"{gdp_yuan:.6g}"),
            "area_km2": round(JINHUA_AREA_KM2 * persons / 712.0e4),
            "villages": max(1, round(rural / 650)),
            "towns": max(3, round(persons / 230e3)),
            "parks": max(1, round(persons / 650e3)),
            "terrain": terrain_mountain if name in MOUNTAIN else terrain_plain,
            "min_wage_tier": MIN_WAGE_TIER[name],
        }
        if name in MOUNTAIN:
            counties[name]["mountain_county"] = True
    total = sum(c["population"] for c in counties.values())
    scenario = {
        "$schema": "scenario.schema.json",
        "name": "zhejiang_province",
        "description": (
            "Zhejiang province as 11 city-level units (treated as counties), 2021-01 to 2030-12, "
            f"{total / 1e6:.2f} million residents at scale 1 (bench/run_bench.sh --province runs it at scale 1; "
            "the default scale here is 0.01). Same policies as jinhua_baseline. Figures from "
            "/work/shared/data/jinhua_counties.md table B1 (end-2021 residents, urbanisation, GDP, income); "
            "missing values are filled from provincial averages and Jinhua's figures: Shaoxing's population = "
            "province total less the other cities; missing urbanisation = the provincial 72.7 %; missing GDP = "
            "Jinhua's GDP per head x population; missing all-resident income = the provincial 57,541 yuan x the "
            "city's relative position in table B2 (Jan-Sep 2020); urban/rural income ratios from table B2; "
            "land area = Jinhua's persons per km2 x population (no city areas in the data); terrain = Jinhua's "
            "area-weighted shares (Quzhou and Lishui: those of Wuyi and Pan'an); villages = rural residents / 650; "
            "towns = one per 230,000 residents, parks one per 650,000 (Jinhua's density in the baseline); "
            "minimum-wage tiers from section C where found, else tier 2 (tier 3 for Quzhou and Lishui). "
            "County capital shares are taken against Jinhua's ratio of GDP to residents' income (1.346), not "
            "the province's own 1.83 (economy.capital_share_reference_ratio, docs/calibration.md 00d). "
            "Generated by bench/make_province_scenario.py."),
        "seed": base["seed"],
        "start": base["start"],
        "end": base["end"],
        "scale": 0.01,
        "region": {"name": "Zhejiang", "counties": counties},
        # The ratio at which the model's households reproduce a region's GDP without capital
        # shares (Jinhua 2021, B1): with the province's own the burn-in cannot converge.
        "economy": {"capital_share_reference_ratio": round(JINHUA_GDP_PER_HEAD / 55880, 3)},
        "policies": base["policies"],
    }
    out = ROOT / "scenarios/zhejiang_province.json"
    # One line per county, like the baseline.
    text = json.dumps({k: v for k, v in scenario.items() if k != "region"}, indent=2, ensure_ascii=False)
    region = ",\n".join(f"      {json.dumps(n, ensure_ascii=False)}: {json.dumps(c, ensure_ascii=False)}"
                        for n, c in counties.items())
    region_text = ('"region": {\n    "name": "Zhejiang",\n    "counties": {\n' + region + "\n    }\n  },\n  \"policies\"")
    text = text.replace('"policies"', region_text, 1)
    # Short number lists on one line.
    text = re.sub(r"\[\s*([-0-9.,\s]+?)\s*\]", lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)
    json.loads(text)  # still valid JSON
    out.write_text(text + "\n")
    print(f"wrote {out}: {len(counties)} units, {total:,} persons, "
          f"{sum(c['villages'] for c in counties.values()):,} villages")


if __name__ == "__main__":
    main()
