#!/usr/bin/python3
"""Runs the walk-through of docs/sweeps.md: writes every block marked <!-- file: PATH -->,
runs every block marked <!-- tested: tests/app/check_sweep_docs.py --> with bash (set -e), in a scratch directory that mirrors
the repository root (scenarios/ and scripts/ linked), with prosim's directory first on PATH.
Also checks that the sbatch script quoted in the docs is the shipped one (its commands) and
that the shipped one passes `bash -n`.

Usage: /usr/bin/python3 tests/app/check_sweep_docs.py PROSIM WORKDIR
"""
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BLOCK = re.compile(r"<!-- (file: (?P<path>\S+)|tested: tests/app/check_sweep_docs.py) -->\s*\n```\w*\n(?P<body>.*?)\n```", re.S)


def main(prosim, work):
    doc = open(os.path.join(ROOT, "docs", "sweeps.md"), encoding="utf-8").read()
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for name in ("scenarios", "scripts"):
        os.symlink(os.path.join(ROOT, name), os.path.join(work, name))
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(prosim), os.path.join(bindir, "prosim"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])

    blocks = list(BLOCK.finditer(doc))
    assert any(b.group("path") for b in blocks) and any(not b.group("path") for b in blocks), "no walk-through found"
    for b in blocks:
        if b.group("path"):
            path = os.path.join(work, b.group("path"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(b.group("body") + "\n")
        else:
            print("$ " + b.group("body").replace("\n", "\n$ "), flush=True)
            subprocess.run(["bash", "-e", "-c", b.group("body")], cwd=work, env=env, check=True)

    # The quoted sbatch script: every command line of it is in the shipped script.
    sbatch = os.path.join(ROOT, "scripts", "slurm", "sweep_array.sbatch")
    subprocess.run(["bash", "-n", sbatch], check=True)
    shipped = open(sbatch, encoding="utf-8").read()
    quoted = re.search(r"```bash\n(#!/bin/bash\n.*?)\n```", doc, re.S).group(1)
    for line in quoted.splitlines():
        assert line in shipped, f"docs/sweeps.md quotes a line the shipped sbatch script lacks: {line}"
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "app", "compare_sweep_index.py"),
                    os.path.join(work, "walk/out/sweep.h5"), os.path.join(work, "walk/slurm/sweep.h5"), "--all-done"],
                   check=True)
    print("docs/sweeps.md walk-through: ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
