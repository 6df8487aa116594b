"""YAML rule packs: the data linters use (phrases, patterns, schemas) and every rule's docs.

A pack is a mapping. Its ``rules`` section documents each rule::

    rules:
      CIT001:
        name: empty-citation
        severity: warning        # error, warning or info
        fixable: true
        enabled: true            # false: off unless selected explicitly
        summary: One line.
        what: What the rule finds.
        why: Why it matters.
        example: A defective line.
        fix: How to fix it (and what --fix does).

Every other section is the linter's own data. Users extend a pack with overlays from their
configuration: lists are extended, mappings merged, scalars replaced.
"""
from __future__ import annotations

import marshal
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

import yaml

from . import yamlsafe
from .diagnostics import Rule, Severity
from .files import replace_atomically

RULE_FIELDS = {"name", "severity", "fixable", "enabled", "summary", "what", "why", "example", "fix"}
REQUIRED_RULE_FIELDS = ("name", "severity", "summary", "what", "why", "example", "fix")
CODE = re.compile(r"[A-Z]{1,4}[0-9]{3}")


class RulePackError(ValueError):
    """A malformed rule pack; the message names the file, the rule and the field."""


def rules_dir() -> Path:
    """Where the built-in packs are: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "rules"
    return installed if installed.is_dir() else package.parent / "rules"


@lru_cache(maxsize=None)
def load_builtin(name: str) -> dict:
    return _load_remembered(rules_dir() / f"{name}.yaml")


@lru_cache(maxsize=1)
def builtin_strings() -> frozenset[str]:
    """Every string of the built-in packs. Their patterns are the project's own: each compiles
    (a test compiles every one) and is written to run in linear time (no nested quantifier
    without a separator), so they may be compiled when first needed and searched untimed."""
    strings, pending = set(), [load_builtin(path.stem) for path in sorted(rules_dir().glob("*.yaml"))]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return frozenset(strings)


UNTIMED_LENGTH = 100_000  # characters: a built-in pattern searches a text this long in milliseconds


def time_limit(pattern, text: str, timeout: float | None) -> float | None:
    """The ``timeout`` to search ``text`` with: none for a built-in pattern on a text of ordinary
    length (the clock that a time limit reads costs a search a quarter of its time). A user's
    pattern may backtrack without end on any text; so may anything on a huge one."""
    if len(text) <= UNTIMED_LENGTH and pattern.pattern in builtin_strings():
        return None
    return timeout


def _load_remembered(path: Path) -> dict:
    """A built-in pack, parsed once per install and kept, as Python keeps bytecode, in
    ``__pycache__`` beside it (when writable) under the YAML file's size and mtime: parsing the
    packs would otherwise cost a one-post run more than linting the post."""
    try:
        info = path.stat()
    except OSError:
        return load_file(path)
    key = f"{info.st_size}:{info.st_mtime_ns}"
    remembered = path.parent / "__pycache__" / f"{path.stem}.{sys.implementation.cache_tag}.marshal"
    try:
        stored_key, data = marshal.loads(remembered.read_bytes())
        if stored_key == key and isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = load_file(path)
    if not sys.dont_write_bytecode:
        try:
            content = marshal.dumps((key, data))
            remembered.parent.mkdir(exist_ok=True)
            replace_atomically(remembered, content, mode=0o644)  # readable by every user of the install
        except (OSError, ValueError):  # read-only install, or data marshal cannot hold (dates)
            pass
    return data


def load_file(path: Path) -> dict:
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulePackError(f"{path}: cannot read rule pack: {error}") from None
    try:
        data = yamlsafe.load(source)
    except yaml.YAMLError as error:
        raise RulePackError(f"{path}: invalid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule pack must be a mapping, not {type(data).__name__}")
    return data


def merge(base, overlay):
    """Overlay user data on a pack: lists extend, mappings merge, scalars replace."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(overlay, list):
        return base + [item for item in overlay if item not in base]
    return overlay


def parse_rules(pack: dict, linter: str, where: str) -> dict[str, Rule]:
    """The ``rules`` section of a pack as ``Rule`` objects, validated field by field."""
    section = pack.get("rules") or {}
    if not isinstance(section, dict):
        raise RulePackError(f"{where}: 'rules' must be a mapping of rule codes")
    rules = {}
    for code, spec in section.items():
        if not isinstance(code, str) or not CODE.fullmatch(code):
            raise RulePackError(f"{where}: rule {code!r}: a code is 1-4 capital letters and 3 digits")
        if not isinstance(spec, dict):
            raise RulePackError(f"{where}: rule {code}: must be a mapping")
        unknown = set(spec) - RULE_FIELDS
        if unknown:
            raise RulePackError(f"{where}: rule {code}: unknown field {sorted(unknown)[0]!r}")
        for field in REQUIRED_RULE_FIELDS:
            if not isinstance(spec.get(field), str) or not spec[field].strip():
                raise RulePackError(f"{where}: rule {code}: field {field!r} is required (a non-empty string)")
        for field in ("fixable", "enabled"):
            if field in spec and not isinstance(spec[field], bool):
                raise RulePackError(f"{where}: rule {code}: field {field!r} must be true or false")
        try:
            severity = Severity.parse(spec["severity"])
        except ValueError as error:
            raise RulePackError(f"{where}: rule {code}: field 'severity': {error}") from None
        rules[code] = Rule(
            code=code, name=spec["name"], linter=linter, severity=severity,
            fixable=spec.get("fixable", False), summary=spec["summary"].strip(),
            enabled=spec.get("enabled", True),
            doc={field: spec[field].strip() for field in ("what", "why", "example", "fix")},
        )
    return rules


def compile_pattern(source, where: str, flags: int = 0):
    """Compile a pattern from a pack with the ``regex`` module, naming the place on error."""
    import regex

    if not isinstance(source, str) or not source:
        raise RulePackError(f"{where}: a pattern must be a non-empty string")
    try:
        return regex.compile(source, flags | regex.V0)
    except (regex.error, ValueError) as error:
        raise RulePackError(f"{where}: invalid pattern {source!r}: {error}") from None


# What an alternative must not use to be searched on its own (non-capturing groups and lookarounds
# are fine): inline flags apply to a whole V0 pattern, and group numbers and backreferences
# shift when alternatives are joined, so sources using them are searched joined.
_JOINED_ONLY = re.compile(r"\(\?(?![:=!]|<[=!])|\\[1-9g]")


class Alternation:
    """Patterns that match as the leftmost-first alternation ``(?:a)|(?:b)|…``, searched one by one.

    ``regex`` skips ahead to a pattern's literal at C speed, but must try an alternation of
    different literals at every position, twenty times slower on a long post. Searching each
    alternative from where the last match ended and taking the leftmost (the first listed on a
    tie) gives the same matches. A match is the alternative's own: use its text and span.
    """

    def __init__(self, sources: list[str], where: str, flags: int = 0):
        self.pattern = "|".join(f"(?:{source})" for source in sources)
        self.where, self.flags = where, flags
        self.alternatives = [compile_pattern(source, f"{where}[{index}]", flags)
                             for index, source in enumerate(sources)]
        # Texts one of which each alternative's every match starts with: a text lacking them all
        # is not searched with it (a substring test costs half a search). None: no such texts.
        self.openings = [None if flags & re.IGNORECASE else _openings(source) for source in sources]
        self._joined = compile_pattern(self.pattern, where, flags) if any(
            _JOINED_ONLY.search(source) for source in sources) else None

    @property
    def joined(self):
        if self._joined is None:
            self._joined = compile_pattern(self.pattern, self.where, self.flags)
        return self._joined

    def finditer(self, text: str, timeout: float | None = None):
        if self._joined is not None:
            return self._joined.finditer(text, timeout=timeout)
        found = self._search_each(text, timeout)
        return iter(found) if found is not None else self.joined.finditer(text, timeout=timeout)

    def _search_each(self, text: str, timeout: float | None):
        """The matches, or None when one is empty (the engine's rules for those are subtle)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        found, position = [], 0
        # each one's next match; False: none left
        pending: list = [None if openings is None or any(opening in text for opening in openings) else False
                         for openings in self.openings]
        while True:
            best = None
            for index, pattern in enumerate(self.alternatives):
                match = pending[index]
                if match is None or (match is not False and match.start() < position):
                    left = None if deadline is None else max(deadline - time.monotonic(), 0.0)
                    match = pending[index] = pattern.search(text, position, timeout=time_limit(pattern, text, left)) or False
                if match is not False and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return found
            if best.end() == best.start():
                return None
            found.append(best)
            position = best.end()


_MAX_CLASS_MEMBERS = 8


def _openings(source: str) -> tuple[str, ...] | None:
    """Texts one of which every match of ``source`` starts with (after a leading ``\\b``): its
    leading literal characters, or the members of a small leading class; None when the source
    opens otherwise, has an alternation outside groups, or its first character may be absent."""
    body = source[2:] if source.startswith("\\b") else source
    try:
        if not body or len(top_level_alternatives(body)) > 1:
            return None
        if body[0] == "[":
            end = class_end(body, 0)
            members = _class_members(body[1:end - 1])
            return None if members is None or body[end:end + 1] in ("?", "*", "{") else members
        literal, position = [], 0
        while position < len(body) and body[position] not in ".^$*+?{}[]()|":
            plain, next_position = (_read_escape_or_code(body, position) if body[position] == "\\"
                                    else (body[position], position + 1))
            if plain is None:
                break
            literal.append(plain)
            position = next_position
    except UnsureSource:
        return None
    if body[position:position + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # the last character may be absent or repeated zero times
    text = "".join(literal)
    return (text,) if len(text) >= 2 or (text and not text.isascii()) else None


_CODE_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")


def _read_escape_or_code(source: str, position: int) -> tuple[str | None, int]:
    """``read_escape``, reading ``\\u00e9`` and ``\\xe9`` as the character they name too."""
    code = _CODE_ESCAPE.match(source, position)
    if code:
        return chr(int(code.group(1) or code.group(2), 16)), code.end()
    return read_escape(source, position)


def _class_members(inner: str) -> tuple[str, ...] | None:
    """The characters of a class's ``inner`` text, such as ``\\ue200-\\ue204`` or ``ab``, if a few
    plain ones; None for a negated class, an escape of a class, or too many."""
    characters, position = [], 0
    try:
        while position < len(inner):
            if inner[position] == "\\":
                plain, position = _read_escape_or_code(inner, position)
                if plain is None:
                    return None
            elif inner[position] == "^" and position == 0:
                return None
            else:
                plain, position = inner[position], position + 1
            characters.append(plain)
    except UnsureSource:
        return None
    members, index = [], 0
    while index < len(characters):
        if index + 2 < len(characters) and characters[index + 1] == "-":
            members.extend(map(chr, range(ord(characters[index]), ord(characters[index + 2]) + 1)))
            index += 3
        else:
            members.append(characters[index])
            index += 1
        if len(members) > _MAX_CLASS_MEMBERS:
            return None
    return tuple(members) if members else None


# -- reading pattern sources: which texts every match must contain ------------------------------
# Linters gate a costly search with a cheap substring test; these read a pattern's source as far
# as they can be sure of it, and raise UnsureSource for syntax they do not read.


class UnsureSource(Exception):
    """A pattern uses syntax that the source readers do not read."""


QUANTIFIER = re.compile(r"[*+?]|\{(\d*)(?:,\d*)?\}")  # the group: the minimum of a {m,n}
# escapes of a class or a position: they stand for no one character (\p and \P name a property next)
_CLASS_ESCAPES = frozenset("bBdDsSwWAZzGmMXntrfvapP")
GROUP_OPENING = re.compile(r"\((?:\?(?::|=|!|<=|<!|>|P?<\w+>))?")


def read_escape(source: str, position: int) -> tuple[str | None, int]:
    """The escape at ``position``: the one character it stands for (``\\[``), or None for a class
    or an anchor; and the offset after it."""
    escaped = source[position + 1:position + 2]
    if not escaped.isalnum():
        if not escaped:
            raise UnsureSource
        return escaped, position + 2
    if escaped not in _CLASS_ESCAPES:
        raise UnsureSource  # \x41, \1, \L<list>, \N{…}: not read here
    position += 2
    if escaped in "pP":  # \pL or \p{Han}
        position = source.find("}", position) + 1 if source.startswith("{", position) else position + 1
        if not position:
            raise UnsureSource  # not closed: the pattern does not compile, and says so when compiled
    return None, position


def class_end(source: str, start: int) -> int:
    """The offset after the class opened at ``start``."""
    position = start + 1
    position += source.startswith("^", position)
    position += source.startswith("]", position)  # a leading ] is a member
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            raise UnsureSource  # a POSIX class or a nested set
        elif character == "]":
            return position + 1
        else:
            position += 1
    raise UnsureSource


def group_end(source: str, start: int) -> int:
    """The offset after the group opened at ``start``; inline flags (which could change how
    the whole pattern reads) and other special groups are not read."""
    depth, position = 0, start
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            position = class_end(source, position)
        elif character == "(":
            opening = GROUP_OPENING.match(source, position)
            if source.startswith("(?", position) and opening.end() == position + 1:
                raise UnsureSource
            depth += 1
            position = opening.end()
        elif character == ")":
            depth -= 1
            position += 1
            if depth == 0:
                return position
        else:
            position += 1
    raise UnsureSource


def top_level_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|``."""
    alternatives, start, position = [], 0, 0
    while position < len(source):
        character = source[position]
        if character == "\\":
            position += 2
        elif character == "[":
            position = class_end(source, position)
        elif character == "(":
            position = group_end(source, position)
        elif character == "|":
            alternatives.append(source[start:position])
            start = position = position + 1
        else:
            position += 1
    return alternatives + [source[start:]]


def compile_alternation(sources, where: str, flags: int = 0) -> Alternation:
    """A list of patterns from a pack, matched as one alternation (see ``Alternation``)."""
    if not isinstance(sources, list) or not all(isinstance(source, str) and source for source in sources):
        raise RulePackError(f"{where}: must be a list of patterns")
    return Alternation(sources, where, flags)
