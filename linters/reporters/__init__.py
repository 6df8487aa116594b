"""Output formats. Each reporter module has ``report(result, stream, options)``."""
from __future__ import annotations

import importlib
from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:  # a typed record, free at start-up: see linters/diagnostics.py
    from typing import NamedTuple

    class _ReportOptions(NamedTuple):
        statistics: bool = False
        quiet: bool = False
        fix: bool = False
        color: bool = False
        show_source: bool = False
else:
    _ReportOptions = namedtuple("ReportOptions", "statistics quiet fix color show_source",
                                defaults=(False, False, False, False, False))

FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit", "jsonl")


class ReportOptions(_ReportOptions):
    """How to report: ``statistics`` (count the findings of each rule), ``quiet`` (the summary
    only), ``fix`` (the run fixed files: say how many fixes were applied), ``color``, and
    ``show_source`` (the offending line with carets under the span)."""

    __slots__ = ()


def get(name: str):
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{name}")
