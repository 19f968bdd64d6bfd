"""Command line: prosim-analysis (or python3 -m analysis) {compare,targets,distribution,report,costs,
export,sweep} ..."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .runs import AnalysisError


def build_parser() -> argparse.ArgumentParser:
    from . import compare, cost_table, distribution, export, report, targets
    from .sweep import cli as sweep_cli

    parser = argparse.ArgumentParser(
        prog="prosim-analysis",
        description="Analyse prosim runs: compare scenarios (with bands across replicates and "
                    "differences to a baseline), check the policy documents' targets, compare "
                    "income distributions, write a self-contained HTML report, and analyse "
                    "parameter sweeps (sensitivity indices, scenario discovery). "
                    "See docs/analysis.md.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    compare.register(sub)
    targets.register(sub)
    distribution.register(sub)
    report.register(sub)
    cost_table.register(sub)
    export.register(sub)
    sweep_cli.register(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .plotting import apply_style
    apply_style()
    try:
        return args.func(args) or 0
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # Reading or writing a file failed after it was opened (a damaged HDF5 block, a full
        # disk): the message names the file; a traceback would not help the user.
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
