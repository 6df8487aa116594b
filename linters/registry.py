"""The Linter interface, the built-in linters, and third-party linters from entry points.

A linter is a class with a ``name``, a rule pack (its rules' documentation and its data) and a
``check`` method: document in, diagnostics out. A third-party linter is the same kind of class,
published under the entry-point group ``copydesk.linters``; it is an equal of the built-ins.
"""
from __future__ import annotations

import importlib
import os
import re
import sys
from collections import namedtuple
from collections.abc import Hashable, Iterable
from pathlib import Path

from .diagnostics import Diagnostic, Fix, Rule
from .document import Document
from .packs import loading, rules as pack_rules
from .packs import sections as pack_sections
from .packs.remembered import Remembered
from .packs.sections import Section, read_layers, with_empty_sections
from .patterns import sections as pattern_sections
from .patterns.search import time_limit

TYPE_CHECKING = False
if TYPE_CHECKING:  # only mypy reads these, and importing typing costs every run milliseconds
    from typing import Any, ClassVar, NamedTuple

    class _Option(NamedTuple):
        type: type | tuple[type, ...]
        default: Any
        help: str
        choices: tuple = ()

    class _Location(NamedTuple):
        line: int
        column: int
        end_line: int
        end_column: int
        start: int
        end: int
else:  # typed records, free at start-up: see linters/diagnostics.py
    _Option = namedtuple("Option", "type default help choices", defaults=((),))
    _Location = namedtuple("Location", "line column end_line end_column start end")

ENTRY_POINT_GROUP = "copydesk.linters"
# Built-in linter modules, each exposing ``LINTER``; imported only when a run needs them.
BUILTIN_MODULES = ("linters.citations", "linters.frontmatter", "linters.hallucinations",
                   "linters.quotes", "linters.translations")
CORE_LINTER = "copydesk"


class LinterError(Exception):
    """A linter that cannot be loaded or configured; the message says which and why."""


class PatternTimeout(Exception):
    """A rule's pattern ran longer than ``regex-timeout``: stopped, and reported by name."""

    def __init__(self, linter: str, rule: str, detail: str = ""):
        super().__init__(f"linter {linter!r}: the pattern of {rule} exceeded the time limit"
                         f"{': ' + detail if detail else ''}; the rest of the file was not checked by it")
        self.linter, self.rule, self.detail = linter, rule, detail


class Option(_Option):
    """A setting a linter accepts under ``linters.<name>`` in the configuration: its ``type`` (a
    type or a tuple of types), ``default``, ``help`` and, if it is one of a few, ``choices``."""

    __slots__ = ()


class Linter:
    """Base class of every linter, built-in or plugin.

    Subclasses set ``name``, and either ``pack`` (a built-in pack in ``rules/``) or
    ``pack_path`` (a YAML file of their own), and implement ``check``. A linter that declares
    its pack's ``sections`` (``linters.packs.sections``) gets them checked by the core, users'
    overlays included, and absent ones empty; one that does not (None) checks its own data.
    """

    name: ClassVar[str] = ""
    pack: ClassVar[str | None] = None
    pack_path: ClassVar[str | Path | None] = None
    sections: ClassVar[tuple[Section, ...] | None] = None
    options: ClassVar[dict[str, Option]] = {}
    cross_file: ClassVar[bool] = False
    # Codes of rules that only ``check --online`` reports (``linters.online`` judges them): the
    # engine turns them off in any other run.
    online_rules: ClassVar[frozenset[str]] = frozenset()
    timeout: float = 1.0  # seconds a user-supplied pattern may run on one document
    # The site the run is in (a ``linters.site.Site``: generator, languages, translation layout),
    # set by the engine once the linter is made; None when none was detected (``lint_text``).
    site: Any = None  # a ``linters.site.Site`` (the core imports nothing of the site part), or None

    def __init__(self, data: dict, rules: dict[str, Rule], settings: dict):
        self.data = data
        self.rules = rules
        self.settings = settings
        self.setup()

    def setup(self) -> None:
        """Compile patterns and prepare data once per run; override as needed."""

    @classmethod
    def load_pack(cls) -> dict:
        if cls.pack_path is not None:
            return loading.load_file(Path(cls.pack_path))
        if cls.pack is not None:
            return loading.load_builtin(cls.pack)
        raise LinterError(f"linter {cls.name!r} names no rule pack (set 'pack' or 'pack_path')")

    @classmethod
    def pack_file(cls) -> str:
        """The pack's file as errors name it."""
        return str(cls.pack_path) if cls.pack_path else f"rules/{cls.pack}.yaml"

    def check(self, document: Document) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def finditer(self, pattern, text: str, rule: str):
        """Matches of a ``regex`` pattern from a rule pack, stopped after ``timeout`` seconds.

        Patterns that users supply may backtrack catastrophically; the time limit turns that
        into a ``PatternTimeout`` the engine reports with the rule's name (built-in patterns
        run untimed on texts of ordinary length: see ``patterns.search.time_limit``).
        """
        try:
            yield from pattern.finditer(text, timeout=time_limit(pattern, text, self.timeout))
        except TimeoutError:
            raise PatternTimeout(self.name, rule, pattern.pattern[:80]) from None

    def diagnostic(self, document: Document, code: str, start: int, end: int,
                   message: str | None = None, fix: Fix | None = None) -> Diagnostic:
        """A diagnostic for ``document.text[start:end]`` under one of this linter's rules."""
        rule = self.rules[code]
        end = max(end, start)
        line, column, end_line, end_column = document.span_position(start, end)
        # A post gets some twenty findings: each is made from its fields in order, at C speed
        # (path, line, column, end_line, end_column, code, name, linter, severity, message, fix,
        # start, end), not by the named tuple's constructor, which cost a third of its making.
        return Diagnostic.from_stored((document.path, line, column, end_line, end_column, code, rule.name,
                                       rule.linter, rule.severity, message or rule.summary, fix, start, end))


class Location(_Location):
    """Where a finding goes, kept in a summary: 1-based lines and character columns, and offsets."""

    __slots__ = ()


class CrossFileLinter(Linter):
    """A linter that compares several documents: map each to a summary, then check groups.

    ``summarize`` runs once per document (in worker processes, cached with the file's result),
    but not for a document alone in its group (no other member in the run, no sibling on disk:
    the groups are planned before the files are linted), and must return small, picklable plain
    data with where a finding may point: a ``Location`` (``location()``), or offsets and the
    document's ``line_starts``, to be located only for the few that become findings
    (``translations`` does so: most items never do). ``check_group`` sees only the summaries of
    one group, as ``(path, summary)`` pairs, and builds its diagnostics with ``diagnostic_at``.
    Siblings that were not named on the command line are found with ``sibling_paths`` and read
    from disk, but only the documents of the run get diagnostics.
    """

    cross_file: ClassVar[bool] = True

    def check(self, document: Document) -> Iterable[Diagnostic]:
        return ()

    def group_key(self, path: str) -> Hashable | None:
        raise NotImplementedError

    def start_run(self) -> None:
        """Called before each run's grouping: forget anything cached about the disk."""

    def sibling_paths(self, path: str) -> Iterable[str | Path]:
        """The other members of ``path``'s group that exist on disk; called once per group.
        Paths are strings, as the run names its files (building ``Path`` objects for a tree of
        10,000 posts costs more than walking it).

        Any member of a group must give the same answer, and the answer must be cheap: a
        pre-commit run names one file, and this finds its siblings.
        """
        return ()

    def summarize(self, document: Document) -> Any:
        raise NotImplementedError

    def check_group(self, members: list[tuple[str, Any]]) -> Iterable[Diagnostic]:
        raise NotImplementedError

    @staticmethod
    def location(document: Document, start: int, end: int) -> Location:
        """The ``Location`` of ``document.text[start:end]``, to keep in a summary."""
        end = max(end, start)
        return Location(*document.span_position(start, end), start, end)

    def diagnostic_at(self, path: str, code: str, location: Location, message: str | None = None) -> Diagnostic:
        """A diagnostic on ``path`` at a ``Location`` kept in its summary."""
        rule = self.rules[code]
        return Diagnostic(
            path=path, line=location.line, column=location.column, end_line=location.end_line,
            end_column=location.end_column, code=code, name=rule.name, linter=rule.linter,
            severity=rule.severity, message=message or rule.summary, fix=None,
            start=location.start, end=location.end,
        )


def linter_classes() -> dict[str, type[Linter]]:
    """Every available linter class by name: the built-ins, then installed plugins."""
    classes: dict[str, type[Linter]] = {}
    for module_name in BUILTIN_MODULES:
        cls = importlib.import_module(module_name).LINTER
        classes[cls.name] = cls
    for entry_point in plugin_entry_points():
        try:
            cls = entry_point.load()
        except Exception as error:  # a broken plugin must not crash the run with a traceback
            raise LinterError(f"plugin {entry_point.name!r} ({entry_point.value}) failed to load: "
                              f"{type(error).__name__}: {error}") from None
        if not (isinstance(cls, type) and issubclass(cls, Linter)) or not cls.name:
            raise LinterError(f"plugin {entry_point.name!r} ({entry_point.value}) is not a copydesk Linter class with a name")
        if cls.name in classes or cls.name == CORE_LINTER:
            raise LinterError(f"plugin {entry_point.name!r}: a linter named {cls.name!r} already exists")
        classes[cls.name] = cls
    return classes


class EntryPoint:
    """``name = module:attribute`` from a distribution's ``entry_points.txt``: the ``name``,
    ``value`` and ``load()`` of an ``importlib.metadata.EntryPoint``."""

    def __init__(self, name: str, value: str):
        self.name, self.value = name, value

    def load(self) -> Any:
        module, _, attributes = self.value.partition("[")[0].strip().partition(":")
        loaded = importlib.import_module(module.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            loaded = getattr(loaded, attribute)
        return loaded


def plugin_entry_points() -> list[EntryPoint]:
    """The plugins' entry points (group ``copydesk.linters``), read from each distribution's
    ``entry_points.txt`` on ``sys.path``, not loaded.

    This is what ``importlib.metadata.entry_points(group=...)`` finds (the first distribution
    of a name wins), but importing that module costs more than linting a post: a pre-commit
    run pays it on every commit. A zip archive on the path falls back to it.
    """
    points: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder):
            from importlib.metadata import entry_points

            return [EntryPoint(point.name, point.value) for point in entry_points(group=ENTRY_POINT_GROUP)]
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            if not dot or suffix.lower() not in ("dist-info", "egg-info"):
                continue
            distribution = re.sub(r"[-_.]+", "_", stem.split("-")[0]).lower()
            if distribution in seen:
                continue
            seen.add(distribution)
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as stream:
                    points.extend(_group_entries(stream.read()))
            except (OSError, UnicodeDecodeError):
                continue
    return points


def _group_entries(text: str) -> list[EntryPoint]:
    entries, in_group = [], False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            in_group = line[1:-1].strip() == ENTRY_POINT_GROUP
        elif in_group and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            entries.append(EntryPoint(name.strip(), value.strip()))
    return entries


def core_rules() -> dict[str, Rule]:
    """Rules reported by the engine itself: unreadable files, stale suppressions, timeouts."""
    return pack_rules.parse_rules(loading.load_builtin(CORE_LINTER), CORE_LINTER, "rules/copydesk.yaml")


# The built-in packs whose sections an earlier run checked, by the declarations they were
# checked against (see ``packs.remembered``: a change of a pack checks them all again)
_CHECKED_PACKS = Remembered("checked-packs", (pack_sections.__file__, pattern_sections.__file__))


def _declarations(cls: type[Linter]) -> str:
    """The linter and the file that declares its sections, as it is now."""
    file = sys.modules[cls.__module__].__file__ or ""
    try:
        return f"{cls.name} {file}:{loading.stamp(Path(file))}"
    except OSError:
        return f"{cls.name} {file}"


def linter_pack(cls: type[Linter], overlays: list[tuple[str, dict]]) -> dict:
    """A linter's pack with users' ``overlays`` (``(file, data)``) merged over it, in order; its
    declared sections checked (see ``linters.packs.sections``)."""
    pack = cls.load_pack()
    if cls.sections is not None:
        layers = [(cls.pack_file(), pack)] + overlays
        if not overlays and cls.pack is not None and cls.pack_path is None:
            # a built-in pack is checked once per install and per change of it or of its
            # declarations, not at every start (it cost a one-post run 5 %)
            _CHECKED_PACKS.get(_declarations(cls), lambda _: bool(read_layers(cls.name, cls.sections, layers)))
            return with_empty_sections(cls.sections, pack)
        return read_layers(cls.name, cls.sections, layers)
    for _, overlay in overlays:
        pack = loading.merge(pack, overlay)
    return pack


def rules_of(cls: type[Linter], pack: dict) -> dict[str, Rule]:
    where = cls.pack_file()
    rules = pack_rules.parse_rules(pack, cls.name, where)
    if not rules:
        raise LinterError(f"linter {cls.name!r}: its rule pack {where} defines no rules")
    return rules


def validate_settings(cls: type[Linter], given: dict, where: str) -> dict:
    """Merge a linter's configured options over its defaults, checking names and types."""
    settings = {name: option.default for name, option in cls.options.items()}
    for key, value in given.items():
        option = cls.options.get(key)
        if option is None:
            known = ", ".join(sorted(cls.options)) or "none"
            raise LinterError(f"{where}: unknown option 'linters.{cls.name}.{key}' (known: {known})")
        if not isinstance(value, option.type) or (isinstance(value, bool) and option.type in (int, float)):
            raise LinterError(f"{where}: 'linters.{cls.name}.{key}' must be {_type_name(option.type)}, "
                              f"not {type(value).__name__}")
        if option.choices and value not in option.choices:
            raise LinterError(f"{where}: 'linters.{cls.name}.{key}' must be one of "
                              f"{', '.join(map(str, option.choices))}, not {value!r}")
        settings[key] = value
    return settings


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", bool: "true or false", int: "an integer", float: "a number",
             list: "a list", dict: "a mapping"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)
