"""prosim analysis: compare runs of scenarios, check policy targets, income distributions and
an HTML report. Run ``python3 -m analysis --help`` (see docs/analysis.md)."""

__version__ = "0.1.0"

from .runs import AnalysisError, Run, Scenario, load_scenarios  # noqa: E402
from .dataset import open_runs  # noqa: E402

__all__ = ["AnalysisError", "Run", "Scenario", "load_scenarios", "open_runs", "__version__"]
