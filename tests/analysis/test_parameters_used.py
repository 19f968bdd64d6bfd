"""Every scalar parameter of the scenario schema (the `economy`, county and `output` keys) is
read into a field of the same name by generated code (cmake/schema_fields.cmake), so the
reader can no longer tell a key that no code uses; this does: each key must be used as a
member (`.key`) somewhere under sim/ other than the struct's declaration (model/params.h).
A key declared in the schema and used nowhere fails here, naming its JSON path."""
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_every_schema_parameter_is_used_by_the_code():
    schema = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8"))
    blocks = {
        "/economy": schema["properties"]["economy"]["properties"],
        "/region/counties/<name>": schema["$defs"]["county"]["properties"],
        "/output": schema["properties"]["output"]["properties"],
    }
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sim").rglob("*"))
                     if p.suffix in (".h", ".cpp") and p.relative_to(ROOT).as_posix() != "sim/model/params.h")
    unused = [f"{where}/{key}" for where, props in blocks.items() for key in props
              if not re.search(r"\." + re.escape(key) + r"\b", code)]
    assert not unused, f"declared in the schema, used by no code: {unused}"
