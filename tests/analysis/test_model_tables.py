"""docs/model.md's parameter table (9.1) is generated from scenarios/scenario.schema.json and
its constants table (9.3) from sim/model/constants.h, by docs/make_model_tables.py; the page
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
