"""Copies the tables that docs/figures/make_policy_figures.sh writes (table.txt and
cost_effectiveness.txt under docs/figures/policies/NAME/) into the "Measured effects" blocks
of docs/policies.md, so the page shows exactly what the commands printed.
tests/analysis/test_policy_tables.py checks that the page and the files agree.
Usage: /usr/bin/python3 docs/figures/policy_tables.py [--check]"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "policies.md"
FIGURES = REPO / "docs" / "figures" / "policies"
SCENARIOS = ["minimum_wage_rise", "enclave", "relocation", "dibao_near_poor", "training",
             "combined"]


def table_text(name: str) -> str:
    """The compare table as printed, without its last line (the list of files written)."""
    lines = (FIGURES / name / "table.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    return "\n".join(x.rstrip() for x in lines if not x.startswith("wrote ")).rstrip("\n")


def cost_text(name: str) -> str:
    return (FIGURES / name / "cost_effectiveness.txt").read_text(encoding="utf-8").rstrip("\n")


def section(name: str) -> str:
    return (f"```text\n{table_text(name)}\n```\n\n"
            f"Cost-effectiveness against the baseline (`prosim-analysis costs`, "
            f"`docs/figures/policies/{name}/cost_effectiveness.txt`):\n\n"
            f"```text\n{cost_text(name)}\n```\n")


def pattern(name: str) -> re.Pattern:
    """From the first fence after the scenario's heading to the end of its cost block."""
    return re.compile(r"(^### [^\n]*`scenarios/" + re.escape(name) + r"\.json`\)\n\n)"
                      r"```[\w]*\n.*?^```\n\nCost-effectiveness against the baseline[^\n]*\n\n"
                      r"```[\w]*\n.*?^```\n", re.S | re.M)


def render(page: str) -> str:
    for name in SCENARIOS:
        page, n = pattern(name).subn(lambda m: m.group(1) + section(name), page)
        if n != 1:
            raise SystemExit(f"docs/policies.md: no table block found for {name}")
    return page


def main(argv) -> int:
    page = PAGE.read_text(encoding="utf-8")
    new = render(page)
    if "--check" in argv:
        return 0 if new == page else 1
    PAGE.write_text(new, encoding="utf-8")
    print(f"updated {PAGE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
