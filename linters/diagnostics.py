"""Diagnostics, fixes and severities: what a linter reports about a document."""
from __future__ import annotations

import enum
from collections import namedtuple
from operator import itemgetter
from types import MappingProxyType


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


# Findings, fixes and edits are named tuples, not dataclasses: a run over a large tree builds,
# pickles (to and from the workers and the cache) and sorts hundreds of thousands of them, and a
# tuple is built fifteen times faster than a frozen dataclass. They are immutable all the same.


class Edit(namedtuple("Edit", "start end replacement")):
    """Replace ``text[start:end]`` by ``replacement``; offsets are in the document's text."""

    __slots__ = ()


class Fix(namedtuple("Fix", "edits safe touches_front_matter", defaults=(True, False))):
    """A set of edits (a tuple of ``Edit``) that together repair one finding.

    ``safe`` fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``.
    ``touches_front_matter`` must be set by a fix that edits the front matter block: the
    runner refuses any other edit there.
    """

    __slots__ = ()

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


_NO_DOC = MappingProxyType({})


class Rule(namedtuple("Rule", "code name linter severity fixable summary enabled doc", defaults=(True, _NO_DOC))):
    """A rule's identity and defaults; its documentation (``doc``: what, why, example, fix) lives
    in its rule pack. A named tuple, like the findings: a dataclass costs start-up."""

    __slots__ = ()


_DIAGNOSTIC_FIELDS = "path line column end_line end_column code name linter severity message fix start end"


class Diagnostic(namedtuple("Diagnostic", _DIAGNOSTIC_FIELDS, defaults=(None, 0, 0))):
    """One finding. Positions are 1-based; columns count characters, not bytes.

    Fields: ``path``, ``line``, ``column``, ``end_line``, ``end_column``, ``code``, ``name``,
    ``linter``, ``severity``, ``message``, ``fix`` (a ``Fix`` or None), and ``start``/``end``,
    the character offsets in the document text used for suppressions, fixes and baselines.
    """

    __slots__ = ()

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return self._replace(severity=severity)

    def with_message(self, message: str) -> "Diagnostic":
        return self._replace(message=message)

    # The order of a report: (path, line, column, code, message). Taken from the tuple at C speed,
    # for a run sorts hundreds of thousands; call it on the class: ``Diagnostic.sort_key(d)``.
    sort_key = staticmethod(itemgetter(0, 1, 2, 5, 9))

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
