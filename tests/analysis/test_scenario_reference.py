"""docs/scenario-keys.md is generated from scenarios/scenario.schema.json; it must be what the
generator writes now, so the key reference never drifts from what prosim accepts."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_scenario_key_reference_matches_the_schema():
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "make_scenario_reference.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_schema_property_appears_in_the_reference():
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_scenario_reference", ROOT / "docs" / "make_scenario_reference.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    schema = generator.load_schema()  # the base schema with the policies' block schemas in it
    # Every block schema beside a policy is registered (and so in the reference).
    fragments = {p.name[: -len(".schema.json")] for p in (ROOT / "sim" / "policies").glob("*.schema.json")}
    assert fragments and set(schema["properties"]["policies"]["properties"]) == fragments
    text = (ROOT / "docs" / "scenario-keys.md").read_text(encoding="utf-8")
    missing = []

    def walk(node):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if f"| `{key}` |" not in text:
                    missing.append(key)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(schema)
    assert not missing, missing
