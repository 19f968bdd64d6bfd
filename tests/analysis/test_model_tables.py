"""docs/model.md's parameter table (9.1) is generated from scenarios/scenario.schema.json, its
constants table (9.3) from sim/model/constants.h and its tables table (9.4) from
sim/model/tables.h, by docs/make_model_tables.py; the page
must be what the generator writes now, so the tables never drift from what the code uses.
The two commands of docs/architecture.md's "Adding a parameter" (this generator and
docs/make_scenario_reference.py) run here with --check."""
import importlib.util
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def generator():
    spec = importlib.util.spec_from_file_location("make_model_tables", ROOT / "docs" / "make_model_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_model_tables_are_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "make_model_tables.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_scenario_key_reference_is_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "make_scenario_reference.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_constant_row_is_in_the_table():
    # A row the generator's pattern misses would silently drop out of the docs: count the
    # X( rows of the macro independently and compare.
    text = (ROOT / "sim" / "model" / "constants.h").read_text(encoding="utf-8")
    macro = text.split("#define PROSIM_MODEL_CONSTANTS(X)")[1].split("// clang-format on")[0]
    names = re.findall(r"^\s*X\(\s*\w+,\s*(\w+),", macro, re.M)
    rows = generator().constants_table()
    assert len(names) > 30
    for name in names:
        assert any(row.startswith(f"| `{name}` |") for row in rows), name
    for row in rows[2:]:
        if not row.startswith("| **"):
            assert row.rstrip(" |").split(" | ")[-1].strip(), f"no source: {row}"


def test_every_table_row_is_in_the_table():
    # The same for the tables of sim/model/tables.h, and each row's values in full.
    text = (ROOT / "sim" / "model" / "tables.h").read_text(encoding="utf-8")
    macro = text.split("#define PROSIM_MODEL_TABLES(X)")[1].split("// clang-format on")[0]
    found = re.findall(r"^\s*X\(\s*\w+,\s*(\w+),\s*\(([^()]*)\)", macro, re.M)
    rows = generator().tables_table()
    assert len(found) >= 10
    for name, values in found:
        joined = " / ".join(v.strip() for v in values.split(","))
        assert any(row.startswith(f"| `{name}` | {joined} |") for row in rows), name
    for row in rows[2:]:
        if not row.startswith("| **"):
            assert row.rstrip(" |").split(" | ")[-1].strip(), f"no source: {row}"


def test_no_table_of_numbers_outside_sim_model():
    # A behavioural table written where it is used (e.g. `static constexpr double kX[3] =
    # {...}`) would bypass tables.h and the generated docs: none may stand anywhere else
    # in sim/.
    pattern = re.compile(r"constexpr\s+(?:double|float|int)\s+\w+\s*\[\s*\d*\s*\]\s*=\s*\{")
    found = []
    for path in sorted((ROOT / "sim").rglob("*")):
        if path.suffix not in (".h", ".cpp") or path == ROOT / "sim" / "model" / "tables.h":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "tables of numbers outside sim/model/tables.h:\n" + "\n".join(found)
