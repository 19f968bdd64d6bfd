"""Every runnable snippet of README.md and docs/*.md runs, as written, against real output files.

A fenced block tagged ``sh``, ``python`` or ``r`` is run here unless the HTML comment right
above it says ``<!-- not run: REASON -->`` (installs packages, runs for hours, ...) or
``<!-- tested: TEST_FILE ... -->`` (run by that test, which must exist and name the page). A
``json`` block under ``<!-- file: NAME -->`` is written to NAME first (a scenario the page's
commands use). An untagged block that starts like a command (``prosim``, ``python3``, ...)
is an error: tag it ``sh`` (and run it), or ``text`` when it is a synopsis.

Each page runs in its own folder, its blocks in order (a block may use what an earlier one
wrote), with:

* ``prosim``, ``build/release/prosim``: the simulator under test;
* ``python3``: Debian's /usr/bin/python3; ``prosim-analysis`` and ``import analysis`` come from
  ``scripts/install-analysis.sh`` run into the folder (PYTHONUSERBASE), not from PYTHONPATH:
  this also checks that the installed tools work outside the repository;
* ``scenarios/``: the shipped scenarios, plus ``my_policy.json`` (a tiny run);
* ``run.h5``, ``results/base.h5``, ``results/{base,enc,pol,dibao}_r00k.h5``: tiny runs from the
  conftest fixture (base: seeds 1-3; the others: the near-poor dibao scenario, seeds 1-3). The
  README page starts without ``results/``: its own commands make them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from h5direct import REPO, find_binary

PAGES = [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md"))
RUNNABLE = {"sh", "python", "r"}
FENCE = re.compile(r"(?:<!--(?P<note>(?:(?!-->).)*)-->[ \t]*\n[ \t]*\n?)?^```(?P<lang>[\w-]*)[ \t]*\n"
                   r"(?P<code>.*?)^```[ \t]*$", re.S | re.M)
COMMAND_START = re.compile(r"^\s*(\./build/|prosim[ -]|python3 |/usr/bin/python3 |bash |perf |cmake )")


def blocks(page: Path):
    """(lang, code, note) of each fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    return [(m["lang"], m["code"], (m["note"] or "").strip()) for m in FENCE.finditer(text)]


def _rel(page: Path) -> str:
    return str(page.relative_to(REPO))


def test_every_command_block_is_run_or_says_why_not():
    problems = []
    for page in PAGES:
        for k, (lang, code, note) in enumerate(blocks(page)):
            where = f"{_rel(page)} block {k + 1}"
            if not lang and COMMAND_START.match(code):
                problems.append(f"{where}: untagged block starting with a command; tag it sh "
                                "(it will be run) or text (a synopsis)")
            if note.startswith("not run:") and len(note) < len("not run: ") + 10:
                problems.append(f"{where}: 'not run' without a reason")
            if note.startswith("tested:"):
                test = note.split()[1]
                path = REPO / test
                if not path.is_file() or page.name not in path.read_text(encoding="utf-8"):
                    problems.append(f"{where}: says tested by {test}, which does not exist or "
                                    f"does not mention {page.name}")
    assert not problems, "\n".join(problems)


def test_the_pages_have_runnable_snippets():
    """The runner finds what it should (a regex that matched nothing would pass silently)."""
    counts = {_rel(p): sum(1 for lang, _, note in blocks(p) if lang in RUNNABLE
                           and not note.startswith(("not run:", "tested:"))) for p in PAGES}
    assert counts["README.md"] >= 3
    assert counts["docs/output-format.md"] >= 5
    assert counts["docs/analysis.md"] >= 5
    assert counts["docs/cli.md"] >= 1
    assert any(lang == "r" for lang, _, _ in blocks(REPO / "docs" / "output-format.md"))


def _tiny_policy() -> dict:
    return {"extends": "jinhua_baseline.json", "name": "my_policy", "scale": 0.001,
            "end": "2021-06", "economy": {"burn_in_months": 2},
            "policies": {"dibao": {"near_poor_multiple": 1.5, "near_poor_topup_share": 0.5}}}


def _folder(tmp: Path, runs, with_results: bool) -> dict:
    binary = find_binary()
    (tmp / "bin").mkdir()
    os.symlink(binary, tmp / "bin" / "prosim")
    os.symlink("/usr/bin/python3", tmp / "bin" / "python3")
    (tmp / "build" / "release").mkdir(parents=True)
    os.symlink(binary, tmp / "build" / "release" / "prosim")
    scen = tmp / "scenarios"
    scen.mkdir()
    for f in (REPO / "scenarios").glob("*.json"):
        shutil.copy(f, scen / f.name)
    (scen / "my_policy.json").write_text(json.dumps(_tiny_policy(), indent=1))
    if with_results:
        res = tmp / "results"
        res.mkdir()
        shutil.copy(runs.files["base"][0], tmp / "run.h5")
        shutil.copy(runs.files["base"][0], res / "base.h5")
        for k, path in enumerate(runs.files["base"], start=1):
            shutil.copy(path, res / f"base_r{k:03d}.h5")
        for prefix in ("enc", "pol", "dibao"):
            for k, path in enumerate(runs.files["dibao"], start=1):
                shutil.copy(path, res / f"{prefix}_r{k:03d}.h5")
    userbase = tmp / "userbase"
    site = subprocess.run(["/usr/bin/python3", "-c", "import site; print(site.getusersitepackages())"],
                          env=dict(os.environ, PYTHONUSERBASE=str(userbase)),
                          capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run(["bash", str(REPO / "scripts" / "install-analysis.sh"), "--prefix", str(tmp),
                    "--site", site], check=True, capture_output=True, text=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PATH=f"{tmp / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHONUSERBASE=str(userbase), MPLBACKEND="Agg", HOME=str(tmp))
    return env


def _run_block(lang: str, code: str, cwd: Path, env: dict, k: int):
    if lang == "sh":
        cmd = ["bash", "-euo", "pipefail", "-c", code]
    elif lang == "python":
        cmd = ["/usr/bin/python3", "-c", code]
    else:
        script = cwd / f"snippet_{k}.R"
        script.write_text(code)
        cmd = ["Rscript", "--vanilla", str(script)]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_page_snippets_run(page, runs, tmp_path):
    todo = [(k, lang, code, note) for k, (lang, code, note) in enumerate(blocks(page))]
    runnable = [t for t in todo if (t[1] in RUNNABLE or t[3].startswith("file:"))
                and not t[3].startswith(("not run:", "tested:"))]
    if not any(t[1] in RUNNABLE for t in runnable):
        pytest.skip(f"{_rel(page)} has no runnable snippet")
    env = _folder(tmp_path, runs, with_results=page.name != "README.md")
    skipped = []
    for k, lang, code, note in runnable:
        if note.startswith("file:"):
            (tmp_path / note.split(":", 1)[1].strip()).write_text(code)
            continue
        if lang == "r" and shutil.which("Rscript") is None:
            skipped.append(k + 1)
            continue
        res = _run_block(lang, code, tmp_path, env, k)
        assert res.returncode == 0, (f"{_rel(page)} block {k + 1} ({lang}) failed with exit "
                                     f"{res.returncode}:\n{code}\n--- output ---\n"
                                     f"{res.stdout[-3000:]}\n{res.stderr[-3000:]}")
    if skipped:
        pytest.skip(f"{_rel(page)}: R blocks {skipped} not run: Rscript is not installed "
                    "(scripts/setup.sh installs r-base-core and r-cran-ncdf4)")
