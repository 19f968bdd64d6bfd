"""Analysis of parameter sweeps (``prosim sweep``'s DIR/sweep.h5): main effects, response
surfaces, Sobol and Morris sensitivity measures, and scenario discovery with PRIM.

Layers, each using only those above it: ``load`` (the index) -> ``effects``, ``sobol``,
``morris``, ``prim`` (estimators) -> ``tables`` (every number of the report) -> ``figures``,
``report`` (HTML) -> ``cli``. See docs/sweep-analysis.md.
"""

from .load import Sweep, load_sweep
from .morris import elementary_effects, morris_table
from .prim import Target, parse_target, prim
from .sobol import first_total, sobol_table
from .tables import Options, analyse, write_csvs

__all__ = ["Sweep", "load_sweep", "elementary_effects", "morris_table", "Target",
           "parse_target", "prim", "first_total", "sobol_table", "Options", "analyse",
           "write_csvs"]
