"""Output formats. Each reporter module has ``report(result, stream, options)``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class ReportOptions:
    statistics: bool = False
    quiet: bool = False
    fix: bool = False  # the run fixed files: say how many fixes were applied
    color: bool = False
    show_source: bool = False  # the offending line with carets under the span


def get(name: str):
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{name}")
