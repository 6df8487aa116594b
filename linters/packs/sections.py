"""Declared sections: what each section of a linter's pack must hold, checked by the core.

A linter lists its sections (``sections = (Section("chatbot-leftovers", PHRASES,
per_language=True), …)``); ``read_layers`` merges the built-in pack and the users' overlays and
checks every declared section, with one error format that names the file, the section and the
entry: ``rule pack bad.yaml: section 'chatbot-leftovers', entry 'fr'[3]: invalid pattern …``.
A section that no linter declares is refused in a user's pack (a typo would be ignored).
The kinds here are plain data; ``linters.patterns.sections`` adds patterns.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable

from .loading import RulePackError, merge

TYPE_CHECKING = False
if TYPE_CHECKING:  # only mypy reads these, and importing typing costs every run milliseconds
    from typing import Any, NamedTuple


class Where:
    """A place in a pack: its file, section and entry (keys and indexes, outermost first)."""

    __slots__ = ("file", "section", "entry", "label")

    def __init__(self, file: str, section: str, entry: tuple = (), label: str | None = None):
        self.file, self.section, self.entry, self.label = file, section, entry, label

    @classmethod
    def labelled(cls, label: str) -> "Where":
        """A place that is not in a pack, such as a linter's option: ``label`` names it."""
        return cls("", "", (), label)

    def __getitem__(self, key) -> "Where":
        return Where(self.file, self.section, self.entry + (key,), self.label)

    def __str__(self) -> str:
        text = self.label or f"rule pack {self.file}: section {self.section!r}"
        if not self.entry:
            return text
        parts = [f"[{key}]" if isinstance(key, int) else (repr(key) if index == 0 else f".{key}")
                 for index, key in enumerate(self.entry)]
        return f"{text}, entry {''.join(parts)}"

    def error(self, problem: str) -> RulePackError:
        return RulePackError(f"{self}: {problem}")


class Kind:
    """What a value must be. ``check`` raises ``where.error(…)`` if it is not; ``whole`` is
    False for a user's overlay read on its own, whose records may set only some fields."""

    wanted = "a value"

    def check(self, value: Any, where: Where, whole: bool) -> None:
        raise NotImplementedError

    def empty(self) -> Any:
        """The value of an absent section."""
        return None


class Text(Kind):
    """A non-empty string; ``test``, if given, must accept it (``wanted`` says what it must be)."""

    def __init__(self, wanted: str = "a non-empty string", test: Callable[[str], bool] | None = None):
        self.wanted, self.test = wanted, test

    def check(self, value, where, whole):
        if not isinstance(value, str) or not value or (self.test is not None and not self.test(value)):
            raise where.error(f"must be {self.wanted}, not {value!r}")


class Scalar(Kind):
    """A value of one of ``types`` (``bool`` is not an integer here) that ``test`` accepts."""

    def __init__(self, types: tuple[type, ...], wanted: str, test: Callable[[Any], bool] | None = None):
        self.types, self.wanted, self.test = types, wanted, test

    def check(self, value, where, whole):
        if (not isinstance(value, self.types) or (isinstance(value, bool) and bool not in self.types)
                or (self.test is not None and not self.test(value))):
            raise where.error(f"must be {self.wanted}, not {value!r}")


class Maybe(Kind):
    """Nothing (``null``), or a value of ``kind``."""

    def __init__(self, kind: Kind):
        self.kind, self.wanted = kind, f"{kind.wanted} or null"

    def check(self, value, where, whole):
        if value is not None:
            self.kind.check(value, where, whole)


class ListOf(Kind):
    """A list of values of one kind (at least ``minimum`` in the merged pack); ``single``: one
    such value may stand for a list of it."""

    def __init__(self, item: Kind, minimum: int = 0, wanted: str | None = None, single: bool = False):
        self.item, self.minimum, self.single = item, minimum, single
        self.wanted = wanted or f"a list of {item.wanted.removeprefix('a ').removeprefix('an ')}s"

    def check(self, value, where, whole):
        if self.single and not isinstance(value, list):
            self.item.check(value, where, whole)
            return
        if not isinstance(value, list):
            raise where.error(f"must be {self.wanted}")
        if whole and len(value) < self.minimum:
            raise where.error(f"must be {self.wanted}, at least {self.minimum}")
        for index, item in enumerate(value):
            self.item.check(item, where[index], whole)

    def empty(self):
        return []


class MappingOf(Kind):
    """A mapping of names (``keys``, any by default) to values of one kind."""

    def __init__(self, item: Kind, keys: Kind | None = None, wanted: str = "a mapping"):
        self.item, self.keys, self.wanted = item, keys, wanted

    def check(self, value, where, whole):
        if not isinstance(value, dict):
            raise where.error(f"must be {self.wanted}")
        for key, item in value.items():
            if self.keys is not None:
                self.keys.check(key, where[key], whole)
            self.item.check(item, where[key], whole)

    def empty(self):
        return {}


class PerLanguage(Kind):
    """A value of ``kind`` for every language, or a mapping of language codes to such values."""

    def __init__(self, kind: Kind):
        self.kind, self.wanted = kind, kind.wanted

    def check(self, value, where, whole):
        if isinstance(value, dict):
            for language, item in value.items():
                self.kind.check(item, where[language], whole)
        else:
            self.kind.check(value, where, whole)

    def empty(self):
        return self.kind.empty()


def every_language(value) -> list:
    """The items of a per-language list, or of all its languages' lists, in order."""
    if isinstance(value, dict):
        return [item for items in value.values() for item in items]
    return list(value or ())


class Record(Kind):
    """A mapping of named fields, each of its own kind; ``required`` fields must be there (in the
    merged pack), and ``test``, given the whole record, returns a problem or None."""

    def __init__(self, fields: dict[str, Kind], required: tuple[str, ...] = (),
                 test: Callable[[dict], tuple[str, str] | None] | None = None, wanted: str = ""):
        self.fields, self.required, self.test = fields, required, test
        self.wanted = wanted or f"a mapping with {', '.join(fields)}"

    def check(self, value, where, whole):
        if not isinstance(value, dict):
            raise where.error(f"must be {self.wanted}")
        for field, item in value.items():
            kind = self.fields.get(field)
            if kind is None:
                raise where.error(f"unknown field {field!r} (known: {', '.join(self.fields)})")
            kind.check(item, where[field], whole)
        if whole:
            for field in self.required:
                if field not in value:
                    raise where[field].error("is required")
            problem = self.test(value) if self.test is not None else None
            if problem is not None:
                field, message = problem
                raise where[field].error(message)

    def empty(self):
        return {}


if TYPE_CHECKING:
    class _Section(NamedTuple):
        name: str
        kind: Kind
        per_language: bool = False
        required: bool = False
else:  # typed records, free at start-up: see linters/diagnostics.py
    _Section = namedtuple("Section", "name kind per_language required", defaults=(False, False))


class Section(_Section):
    """A section of a linter's pack: its ``name``, the ``kind`` of its value and, if
    ``per_language``, either that or a mapping of language codes to such values."""

    __slots__ = ()

    def check(self, value, file: str, whole: bool) -> None:
        (PerLanguage(self.kind) if self.per_language else self.kind).check(value, Where(file, self.name), whole)


NOT_SECTIONS = ("rules", "linter")  # a pack's rule docs, and the name a user's pack gives its linter


def read_layers(linter: str, sections: tuple[Section, ...], layers: list[tuple[str, dict]]) -> dict:
    """The pack of ``layers`` (``(file, data)``: the linter's own pack, then users' overlays)
    merged, each declared section checked, absent ones empty. A user's overlay is checked on its
    own first (its entries named as in its file), then the merged pack; a problem of the merged
    pack is reported in the first file with which it appears."""
    declared = {section.name: section for section in sections}
    for file, data in layers[1:]:
        for name, value in data.items():
            section = declared.get(name)
            if section is None:
                if name not in NOT_SECTIONS:
                    raise Where(file, name).error(f"not a section of linter {linter!r} "
                                                  f"(its sections: {', '.join(declared)})")
                continue
            section.check(value, file, whole=False)
    pack = layers[0][1]
    for _, data in layers[1:]:
        pack = merge(pack, data)
    try:
        _check_whole(sections, pack, layers[0][0])
    except RulePackError:
        if len(layers) == 1:
            raise
        prefix: dict = {}
        for file, data in layers:
            prefix = merge(prefix, data)
            _check_whole(sections, prefix, file)
        raise
    return with_empty_sections(sections, pack)


def with_empty_sections(sections: tuple[Section, ...], pack: dict) -> dict:
    """``pack`` with each declared section it lacks, empty."""
    return {**{section.name: section.kind.empty() for section in sections if section.name not in pack}, **pack}


def _check_whole(sections: tuple[Section, ...], pack: dict, file: str) -> None:
    for section in sections:
        if section.name in pack:
            section.check(pack[section.name], file, whole=True)
        elif section.required:
            raise Where(file, section.name).error("is required")
