"""Diagnostics, fixes and severities: what a linter reports about a document."""
from __future__ import annotations

import enum
from collections import namedtuple
from functools import partial
from operator import itemgetter
from types import MappingProxyType

TYPE_CHECKING = False
if TYPE_CHECKING:  # what mypy reads, and Python never runs: importing typing costs every run start-up
    from collections.abc import Callable, Mapping
    from typing import ClassVar, NamedTuple


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
#
# Typed records, free at start-up: the pattern for every record of the package. A record class
# derives from a ``collections.namedtuple`` at run time and, for mypy only (``TYPE_CHECKING``),
# from a ``typing.NamedTuple`` of the same fields, typed, in the same order, with the same
# defaults (tests/test_typing.py checks that the two agree):
#
#     if TYPE_CHECKING:
#         class _Edit(NamedTuple):
#             start: int
#             ...
#     else:
#         _Edit = namedtuple("Edit", "start end replacement")
#
#     class Edit(_Edit):
#         __slots__ = ()

if TYPE_CHECKING:
    class _Edit(NamedTuple):
        start: int
        end: int
        replacement: str

    class _Fix(NamedTuple):
        edits: tuple[Edit, ...]
        safe: bool = True
        touches_front_matter: bool = False

    class _Rule(NamedTuple):
        code: str
        name: str
        linter: str
        severity: Severity
        fixable: bool
        summary: str
        enabled: bool = True
        doc: Mapping[str, str] = MappingProxyType({})

    class _Diagnostic(NamedTuple):
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
        fix: Fix | tuple | None = None  # a fix read back from the cache is plain tuples (see Diagnostic.fix)
        start: int = 0
        end: int = 0
else:
    _Edit = namedtuple("Edit", "start end replacement")
    _Fix = namedtuple("Fix", "edits safe touches_front_matter", defaults=(True, False))
    _Rule = namedtuple("Rule", "code name linter severity fixable summary enabled doc",
                       defaults=(True, MappingProxyType({})))
    _Diagnostic = namedtuple("Diagnostic", "path line column end_line end_column code name linter severity message "
                                           "fix start end", defaults=(None, 0, 0))


class Edit(_Edit):
    """Replace ``text[start:end]`` by ``replacement``; offsets are in the document's text."""

    __slots__ = ()


class Fix(_Fix):
    """A set of edits (a tuple of ``Edit``) that together repair one finding.

    ``safe`` fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``.
    ``touches_front_matter`` must be set by a fix that edits the front matter block: the
    engine refuses any other edit there.
    """

    __slots__ = ()

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, **flags) -> "Fix":
        return cls((Edit(start, end, replacement),), **flags)

    @classmethod
    def delete(cls, start: int, end: int, **flags) -> "Fix":
        return cls((Edit(start, end, ""),), **flags)

    def plain(self) -> tuple:
        """The fix as plain tuples, as the cache keeps it (see ``Diagnostic.stored``)."""
        return tuple(map(tuple, self.edits)), self.safe, self.touches_front_matter

    @classmethod
    def from_plain(cls, plain: tuple) -> "Fix":
        edits, safe, touches_front_matter = plain
        return cls(tuple(Edit(*edit) for edit in edits), safe, touches_front_matter)

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


class Rule(_Rule):
    """A rule's identity and defaults; its documentation (``doc``: what, why, example, fix) lives
    in its rule pack. A named tuple, like the findings: a dataclass costs start-up."""

    __slots__ = ()

    def explanation(self, enabled: bool) -> str:
        """What ``copydesk explain`` prints about the rule (Markdown: the editor's hover shows it too)."""
        fixable = "yes (--fix)" if self.fixable else "no"
        state = "yes" if enabled else "no (select it to enable)"
        sections = [f"{self.code} ({self.name})\n",
                    f"Linter: {self.linter}    Severity: {self.severity}    Fixable: {fixable}    Enabled: {state}\n",
                    self.summary + "\n"]
        for title, key in (("What it finds", "what"), ("Why it matters", "why"), ("Example", "example"), ("Fix", "fix")):
            sections.append(f"## {title}\n{self.doc[key]}\n")
        return "\n".join(sections) + "\n"


class Diagnostic(_Diagnostic):
    """One finding. Positions are 1-based; columns count characters, not bytes.

    Fields: ``path``, ``line``, ``column``, ``end_line``, ``end_column``, ``code``, ``name``,
    ``linter``, ``severity``, ``message``, ``fix`` (a ``Fix`` or None), and ``start``/``end``,
    the character offsets in the document text used for suppressions, fixes and baselines.
    """

    __slots__ = ()
    if TYPE_CHECKING:
        from_stored: ClassVar[Callable[[tuple], Diagnostic]]

    # A finding read back from the cache holds its fix as plain tuples (``Fix.plain``), made a
    # Fix only when asked for: a warm run of a large tree never asks, and building a hundred
    # thousand fixes was half of its time.
    @property
    def fix(self) -> Fix | None:
        fix = _stored_fix(self)
        return fix if fix is None or type(fix) is not tuple else Fix.from_plain(fix)

    @property
    def fixable(self) -> bool:
        return _stored_fix(self) is not None

    def stored(self) -> tuple:
        """The finding as plain data, for the cache: ``Diagnostic.from_stored`` makes it a finding
        again without running Python code for it (its fix is made when asked for)."""
        fix = _stored_fix(self)
        if fix is None or type(fix) is tuple:
            return tuple(self)
        return (*self[:10], fix.plain(), *self[11:])

    def _asdict(self) -> dict:
        return {**dict(zip(self._fields, self)), "fix": self.fix}

    def __repr__(self) -> str:
        return "Diagnostic(" + ", ".join(f"{name}={value!r}" for name, value in self._asdict().items()) + ")"

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return self._replace(severity=severity)

    def with_message(self, message: str) -> "Diagnostic":
        return self._replace(message=message)

    # The order of a report: (path, line, column, code, message). Taken from the tuple at C speed,
    # for a run sorts hundreds of thousands; call it on the class: ``Diagnostic.sort_key(d)``.
    sort_key = staticmethod(itemgetter(0, 1, 2, 5, 9))

    # Whether a finding has a fix, without making it one: ``Diagnostic.stored_fix(d) is not None``.
    stored_fix = staticmethod(itemgetter(10))

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


_stored_fix = Diagnostic.stored_fix
Diagnostic.from_stored = partial(tuple.__new__, Diagnostic)  # C speed: a warm run makes 100,000s
