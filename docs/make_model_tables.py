#!/usr/bin/env python3
"""Writes the generated tables of docs/model.md from their single declarations:

- section 9.1, the `economy` parameters, from scenarios/scenario.schema.json (each key's
  default, `x-unit`, description and `x-source`: the schema is where a parameter is declared);
- section 9.3, the behavioural constants of the code, from sim/model/constants.h (its
  PROSIM_MODEL_CONSTANTS rows: name, value, unit, meaning, source).

Each table sits between a `<!-- BEGIN generated: NAME -->` and an `<!-- END generated: NAME -->`
line of model.md; the rest of the page is hand-written and left as it is.
tests/analysis/test_model_tables.py fails when the committed page is not what this writes.

Usage: /usr/bin/python3 docs/make_model_tables.py [--check]
Standard library only, so it runs with any python3.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "scenarios" / "scenario.schema.json"
CONSTANTS = ROOT / "sim" / "model" / "constants.h"
PAGE = ROOT / "docs" / "model.md"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def economy_table():
    """The `economy` block's keys in schema order."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    rows = ["| parameter | default | unit | meaning | source |", "|---|---|---|---|---|"]
    for name, node in schema["properties"]["economy"]["properties"].items():
        missing = [k for k in ("default", "description", "x-source") if k not in node]
        if missing:
            sys.exit(f"{SCHEMA.relative_to(ROOT)}: economy.{name} has no {', '.join(missing)}")
        default = json.dumps(node["default"], ensure_ascii=False)
        rows.append(f"| `{name}` | {cell(default)} | {cell(node.get('x-unit', ''))} | "
                    f"{cell(node['description'])} | {cell(node['x-source'])} |")
    return rows


# One row of PROSIM_MODEL_CONSTANTS: X(type, name, value, "unit", "meaning", "source").
ROW = re.compile(r'^\s*X\(\s*(\w+),\s*(\w+),\s*([^,]+?),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",\s*'
                 r'"((?:[^"\\]|\\.)*)"\s*\)\s*\\?\s*$')
GROUP = re.compile(r"^\s*/\*\s*(.+?)\s*\*/\s*\\\s*$")


def constants_table():
    """The constants in header order, under the group comments of the header."""
    rows = ["| constant | value | unit | meaning | source |", "|---|---|---|---|---|"]
    inside = False
    for line in CONSTANTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#define PROSIM_MODEL_CONSTANTS(X)"):
            inside = True
            continue
        if not inside:
            continue
        if not line.rstrip().endswith("\\") and not ROW.match(line):
            break  # the end of the macro
        if g := GROUP.match(line):
            rows.append(f"| **{cell(g.group(1))}** | | | | |")
            continue
        m = ROW.match(line)
        if not m:
            if line.strip() in ("", "\\"):
                continue
            sys.exit(f"{CONSTANTS.relative_to(ROOT)}: cannot read the row {line.strip()!r}")
        _, name, value, unit, meaning, source = m.groups()
        rows.append(f"| `{name}` | {cell(value.strip())} | {cell(unit)} | {cell(meaning)} | {cell(source)} |")
    if len(rows) == 2:
        sys.exit(f"{CONSTANTS.relative_to(ROOT)}: no PROSIM_MODEL_CONSTANTS rows found")
    return rows


TABLES = {"economy parameters": economy_table, "model constants": constants_table}


def render(page):
    for name, make in TABLES.items():
        begin = f"<!-- BEGIN generated: {name} (docs/make_model_tables.py; do not edit) -->"
        end = f"<!-- END generated: {name} -->"
        if page.count(begin) != 1 or page.count(end) != 1:
            sys.exit(f"{PAGE.relative_to(ROOT)}: needs one line {begin!r} and one {end!r}")
        head, rest = page.split(begin)
        _, tail = rest.split(end)
        page = head + begin + "\n" + "\n".join(make()) + "\n" + end + tail
    return page


def main():
    old = PAGE.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in sys.argv[1:]:
        if new != old:
            sys.exit(f"{PAGE.relative_to(ROOT)} is out of date: run /usr/bin/python3 docs/make_model_tables.py")
        return
    PAGE.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
