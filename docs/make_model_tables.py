#!/usr/bin/env python3
"""Writes the generated tables of docs/model.md from their single declarations:

- section 9.1, the `economy` parameters, from scenarios/scenario.schema.json (each key's
  default, `x-unit`, description and `x-source`: the schema is where a parameter is declared);
- section 9.3, the behavioural constants of the code, from sim/model/constants.h (its
  PROSIM_MODEL_CONSTANTS rows: name, value, unit, meaning, source);
- section 9.4, the behavioural tables of the code (one value per terrain, age band, tax
  bracket), from sim/model/tables.h (its PROSIM_MODEL_TABLES rows: name, values, unit,
  entries, meaning, source).

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
TABLES = ROOT / "sim" / "model" / "tables.h"
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
STRING = r'"((?:[^"\\]|\\.)*)"'
ROW = re.compile(r'^\s*X\(\s*(\w+),\s*(\w+),\s*([^,]+?),\s*' + STRING + r',\s*' + STRING + r',\s*'
                 + STRING + r'\s*\)\s*\\?\s*$')
# One row of PROSIM_MODEL_TABLES: X(type, name, (v0, v1, ...), "unit", "entries", "meaning", "source").
TABLE_ROW = re.compile(r'^\s*X\(\s*(\w+),\s*(\w+),\s*\(([^()]*)\),\s*' + STRING + r',\s*' + STRING + r',\s*'
                       + STRING + r',\s*' + STRING + r'\s*\)\s*\\?\s*$')
GROUP = re.compile(r"^\s*/\*\s*(.+?)\s*\*/\s*\\\s*$")


def macro_rows(path, macro, row, columns, render):
    """The rows of the X-macro `macro` in `path`, in header order, under its group comments."""
    rows = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"#define {macro}(X)"):
            inside = True
            continue
        if not inside:
            continue
        if not line.rstrip().endswith("\\") and not row.match(line):
            break  # the end of the macro
        if g := GROUP.match(line):
            rows.append(f"| **{cell(g.group(1))}** |" + " |" * (len(columns) - 1))
            continue
        m = row.match(line)
        if not m:
            if line.strip() in ("", "\\"):
                continue
            sys.exit(f"{path.relative_to(ROOT)}: cannot read the row {line.strip()!r}")
        rows.append(render(m.groups()))
    if len(rows) == 2:
        sys.exit(f"{path.relative_to(ROOT)}: no {macro} rows found")
    return rows


def constants_table():
    """The constants in header order, under the group comments of the header."""
    def render(g):
        _, name, value, unit, meaning, source = g
        return f"| `{name}` | {cell(value.strip())} | {cell(unit)} | {cell(meaning)} | {cell(source)} |"
    return macro_rows(CONSTANTS, "PROSIM_MODEL_CONSTANTS", ROW,
                      ["constant", "value", "unit", "meaning", "source"], render)


def tables_table():
    """The tables in header order, their values joined by " / ", under the header's groups."""
    def render(g):
        _, name, values, unit, entries, meaning, source = g
        joined = " / ".join(v.strip() for v in values.split(","))
        return (f"| `{name}` | {cell(joined)} | {cell(entries)} | {cell(unit)} | {cell(meaning)} | "
                f"{cell(source)} |")
    return macro_rows(TABLES, "PROSIM_MODEL_TABLES", TABLE_ROW,
                      ["table", "values", "entries", "unit", "meaning", "source"], render)


GENERATED = {"economy parameters": economy_table, "model constants": constants_table,
             "model tables": tables_table}


def render(page):
    for name, make in GENERATED.items():
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
