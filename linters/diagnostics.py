"""Diagnostics, fixes and severities: what a linter reports about a document."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


def _as_constructor_call(self):
    """Pickle as a call of the constructor: workers and the cache pickle thousands of these, and
    the default state of a slotted dataclass, rebuilt field by field, is twice as slow."""
    return type(self), tuple([getattr(self, name) for name in self.__slots__])


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``; offsets are in the document's text."""

    start: int
    end: int
    replacement: str

    __reduce__ = _as_constructor_call


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together repair one finding.

    ``safe`` fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``.
    ``touches_front_matter`` must be set by a fix that edits the front matter block: the
    runner refuses any other edit there.
    """

    edits: tuple[Edit, ...]
    safe: bool = True
    touches_front_matter: bool = False

    __reduce__ = _as_constructor_call

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, **flags) -> "Fix":
        return cls((Edit(start, end, replacement),), **flags)

    @classmethod
    def delete(cls, start: int, end: int, **flags) -> "Fix":
        return cls((Edit(start, end, ""),), **flags)

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and defaults; its documentation lives in its rule pack."""

    code: str
    name: str
    linter: str
    severity: Severity
    fixable: bool
    summary: str
    enabled: bool = True
    doc: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding. Positions are 1-based; columns count characters, not bytes."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    linter: str
    severity: Severity
    message: str
    fix: Fix | None = None
    # Character offsets in the document text; used for suppressions, fixes and baselines.
    start: int = 0
    end: int = 0

    __reduce__ = _as_constructor_call

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)

    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict:
        """The JSON contract of the brief, exactly these keys."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "linter": self.linter,
            "severity": str(self.severity),
            "message": self.message,
            "fixable": self.fixable,
        }
