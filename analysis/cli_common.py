"""What the prosim-analysis subcommands' command lines share: how a subcommand's parser is
made (the description wrapped to 79 columns, the examples kept as written), comma-separated
lists, and writing an HTML page so that no half-written file ever has the final name."""

from __future__ import annotations

import argparse
import os
import textwrap
from typing import Iterable, List, Optional, Union

from .runs import AnalysisError


def add_command(sub, name: str, help: str, description: str,
                example: Optional[str] = None) -> argparse.ArgumentParser:
    """The parser of subcommand ``name``: ``help`` in the command list, ``description``
    (one paragraph, wrapped) on top of its --help, ``example`` (lines, as written) below."""
    return sub.add_parser(name, help=help, description=textwrap.fill(description, 79),
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog=example)


def comma_list(values: Union[None, str, Iterable[str]]) -> List[str]:
    """'a, b' or ['a,b', 'c'] (a repeated option) -> ['a', 'b', 'c']; blanks and None dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [s.strip() for v in values for s in v.split(",") if s.strip()]


def write_page(out: str, default_name: str, page: str) -> str:
    """Writes ``page`` to ``out`` (a folder: ``out/default_name``) through ``out.part`` and a
    rename, so a failed or interrupted write leaves no half-written page under the final
    name. Returns the path written; AnalysisError names the file when it cannot be written."""
    if os.path.isdir(out) or out.endswith(os.sep):
        out = os.path.join(out, default_name)
    tmp = out + ".part"
    try:
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(page)
        os.replace(tmp, out)
    except OSError as exc:
        raise AnalysisError(f"{out}: cannot write the page ({exc.strerror})") from None
    return out
