"""``python3 -m analysis sweep DIR --out REPORT.html``: the sweep report and its CSV tables."""

from __future__ import annotations

import os

from ..cli_common import add_command, comma_list, write_page
from ..runs import AnalysisError
from .load import load_sweep
from .prim import parse_target
from .tables import Options, analyse, write_csvs


def register(sub) -> None:
    p = add_command(
        sub, "sweep", "report on a parameter sweep (prosim sweep's DIR/sweep.h5)",
        "Analyse the index of a parameter sweep written by `prosim sweep` (DIR/sweep.h5) and "
        "write one self-contained HTML report: the sweep and its failed runs, main effects "
        "with replicate bands (grid, oat, lhs), a response surface for two factors, Sobol "
        "first- and total-order indices with bootstrap intervals (sobol), Morris mu*, mu and "
        "sigma (morris) and scenario discovery with PRIM (which factor ranges meet a "
        "target). See docs/sweep-analysis.md.",
        "example:\n  python3 -m analysis sweep results/mw_enclave --out "
               "reports/mw_enclave.html --csv reports/mw_enclave \\\n"
               "      --target 'urban_rural_ratio@2025<1.9'")
    p.add_argument("dir", metavar="DIR", help="the sweep's output folder (or its sweep.h5)")
    p.add_argument("--out", required=True, metavar="FILE.html", help="output HTML file")
    p.add_argument("--csv", metavar="DIR2", default=None,
                   help="also write every table as sweep_*.csv into this folder")
    p.add_argument("--outcome", action="append", metavar="NAME", default=None,
                   help="outcomes to analyse (repeat or comma-separate): summary outcomes, "
                        "SERIES@YEAR, or series to draw (default: every summary and series)")
    p.add_argument("--target", action="append", metavar="'OUTCOME<NUMBER'", default=None,
                   help="scenario discovery target, OUTCOME OP NUMBER with OP one of <, <=, "
                        ">, >= (repeatable; default: the targets of analysis/targets.json "
                        "whose indicator is a series of the index, e.g. "
                        "urban_rural_ratio@2025<1.9)")
    p.add_argument("--surface", metavar="A,B", default=None,
                   help="the two factors of the response surface (default: the two with the "
                        "largest main-effect swing)")
    p.add_argument("--band", choices=["percentile", "ci"], default="percentile",
                   help="band of the main-effect curves across replicates: 'percentile' "
                        "(5th-95th percentile, default) or 'ci' (t-interval of the mean)")
    p.add_argument("--level", type=float, default=0.9,
                   help="coverage of bands, confidence and bootstrap intervals (default 0.9)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="bootstrap resamples for Sobol and Morris intervals (default 1000)")
    p.add_argument("--prim-alpha", type=float, default=0.05,
                   help="PRIM: share of the box's points peeled per step (default 0.05)")
    p.add_argument("--prim-coverage", type=float, default=0.5,
                   help="PRIM: the box shown keeps at least this share of the points that "
                        "meet the target (default 0.5)")
    p.add_argument("--prim-min-mass", type=float, default=0.05,
                   help="PRIM: stop peeling below this share of all points (default 0.05)")
    p.add_argument("--prim-max-p", type=float, default=0.05,
                   help="PRIM: lift a cut of the chosen box whose quasi-p-value exceeds this "
                        "(default 0.05; 1 keeps every cut)")
    p.add_argument("--title", default=None, help="page title")
    p.set_defaults(func=main)


def options_from(args, factor_names) -> Options:
    if not 0 < args.level < 1:
        raise AnalysisError(f"--level {args.level}: must be between 0 and 1")
    if args.bootstrap < 10:
        raise AnalysisError(f"--bootstrap {args.bootstrap}: use at least 10 resamples")
    for name in ("prim_alpha", "prim_coverage", "prim_min_mass", "prim_max_p"):
        v = getattr(args, name)
        if not 0 < v < 1 and not (name == "prim_max_p" and v == 1):
            raise AnalysisError(f"--{name.replace('_', '-')} {v}: must be between 0 and 1")
    surface = comma_list(args.surface) if args.surface else None
    if surface is not None:
        bad = [f for f in surface if f not in factor_names]
        if len(surface) != 2 or surface[0] == surface[1] or bad:
            raise AnalysisError(f"--surface {args.surface}: give two different factors of "
                                f"the sweep ({', '.join(factor_names)})")
    targets = None if args.target is None else [parse_target(t) for t in args.target]
    return Options(outcomes=comma_list(args.outcome) or None, targets=targets, band=args.band,
                   level=args.level, n_boot=args.bootstrap, surface=surface,
                   prim_alpha=args.prim_alpha, prim_min_mass=args.prim_min_mass,
                   prim_coverage=args.prim_coverage, prim_max_p=args.prim_max_p)


def main(args) -> int:
    from . import report
    from ..runs import _stderr_warn
    sweep = load_sweep(args.dir)
    opt = options_from(args, sweep.factor_names)
    a = analyse(sweep, opt, _stderr_warn)
    try:
        csv_files = write_csvs(a, args.csv) if args.csv else []
    except OSError as exc:
        raise AnalysisError(f"{args.csv}: cannot write the CSV files ({exc.strerror})") \
            from None
    out = write_page(args.out, "sweep_report.html", report.build(a, args.title, csv_files))
    print(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB)"
          + (f" and {len(csv_files)} CSV files in {args.csv}" if csv_files else ""))
    return 0
