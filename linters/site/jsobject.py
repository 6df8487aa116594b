"""The literal data of a JavaScript or TypeScript configuration file, read without running it.

Docusaurus, VitePress, Astro, Eleventy and Rspress configure a site in code. copydesk never
executes it: this module reads the object literals the file writes (strings, numbers, booleans,
``null``, arrays, nested objects) and leaves everything else out — a computed value, a function,
an imported name or a spread of one is ``UNKNOWN``. Top-level ``const``/``let``/``var`` values are
remembered, so ``locales`` written beside the config and named inside it (Starlight's docs) is read.

``read(text)`` never raises and never takes more than linear time: unterminated strings, comments
and brackets end at the end of the text; nesting deeper than ``MAX_DEPTH`` is skipped.
"""
from __future__ import annotations

import re
from collections import deque, namedtuple

from .jstokens import CLOSERS, DECLARATIONS, ENDS_VALUE, KEYWORDS, Cursor, tokens

MAX_TEXT = 200_000  # characters read of a config file: real ones are a few kilobytes
MAX_DEPTH = 60  # object nesting read; deeper values are skipped as UNKNOWN
MAX_RESOLVE = 8  # how many names a value may go through (``a = b``, ``b = {…}``)
MAX_VALUES = 50_000  # values made while resolving names: names used many times cannot blow up


class _Unknown:
    """A value that is not a literal (a call, an expression, an imported name)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN = _Unknown()


class Call(namedtuple("Call", "name args")):
    """``name(args…)``: a call of a plain or dotted name (``defineConfig({…})``, ``starlight({…})``)."""

    __slots__ = ()


class Ref(namedtuple("Ref", "name")):
    """A name, resolved against the file's top-level values once it is read."""

    __slots__ = ()


class Spread(namedtuple("Spread", "value")):
    """``...value`` inside an object: merged when it resolves to an object."""

    __slots__ = ()


# ``consts``: name -> value of the file's declarations; ``exported``: the values it exports, returns
# or passes to a call (``eleventyConfig.addPlugin(I18nPlugin, { defaultLanguage: "es" })``).
Program = namedtuple("Program", "consts exported")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)", re.DOTALL)
_LITERAL_NAMES = {"true": True, "false": False, "null": None, "undefined": None}


def read(text: str) -> Program:
    """The top-level values and the exported (or returned) values of a config file's text."""
    reader = _Reader(tokens(text[:MAX_TEXT]))
    reader.scan()
    budget = [MAX_VALUES]
    consts = {name: _resolve(value, reader.consts, MAX_RESOLVE, budget) for name, value in reader.consts.items()}
    exported = [_resolve(value, reader.consts, MAX_RESOLVE, budget) for value in reader.exported]
    return Program(consts, exported)


class _Values(Cursor):
    """A forgiving reader of values: literals where they are, ``UNKNOWN`` for the rest."""

    def value(self, depth: int):
        """The value at the cursor; the cursor ends after the whole expression."""
        if depth > MAX_DEPTH:
            self.skip_expression()
            return UNKNOWN
        primary = self._primary(depth)
        return self._rest_of_expression(primary)

    def _primary(self, depth: int):
        kind, text = self.peek()
        if text == "{":
            return self._object(depth)
        if text == "[":
            return self._array(depth)
        if text == "(":
            if self.arrow_ahead():
                self.skip_balanced()
                return self._arrow_value()
            self.index += 1
            inner = self.value(depth + 1)
            self.skip_to_closer(")")
            return inner
        if kind == "string":
            self.index += 1
            return _string(text)
        if kind == "template":
            self.index += 1
            return _string(text) if "${" not in text else UNKNOWN
        if kind == "number":
            self.index += 1
            return _number(text)
        if text == "-" and self.peek(1)[0] == "number":
            self.index += 2
            number = _number(self.tokens[self.index - 1][1])
            return -number if isinstance(number, (int, float)) else UNKNOWN
        if kind == "name":
            return self._named(depth)
        if text in ENDS_VALUE or kind == "end":
            return UNKNOWN
        self.index += 1
        return UNKNOWN

    def _named(self, depth: int):
        kind, text = self.peek()
        if text in _LITERAL_NAMES:
            self.index += 1
            return _LITERAL_NAMES[text]
        if text in ("function", "async", "class", "new"):
            self.skip_expression()
            return UNKNOWN
        if self.peek(1)[1] == "=>":
            self.index += 2
            return self._arrow_value()
        name = text
        self.index += 1
        while self.peek()[1] in (".", "?.") and self.peek(1)[0] == "name":
            name += "." + self.peek(1)[1]
            self.index += 2
        if self.peek()[1] == "<" and name in ("defineConfig",):  # defineConfig<Theme>({…})
            self.skip_type_arguments()
        if self.peek()[1] == "(":
            return Call(name, self._arguments(depth))
        return Ref(name)

    def _arrow_value(self):
        if self.peek()[1] == "{":
            self.skip_balanced()
        else:
            self.skip_expression()
        return UNKNOWN

    def _arguments(self, depth: int) -> tuple:
        self.index += 1  # (
        arguments = []
        while self.peek()[0] != "end" and self.peek()[1] != ")":
            arguments.append(self.value(depth + 1))
            if self.peek()[1] == ",":
                self.index += 1
            elif self.peek()[1] != ")":
                self.skip_expression()
                if self.peek()[1] not in (",", ")"):
                    break
        self.skip_to_closer(")")
        return tuple(arguments)

    def _object(self, depth: int) -> dict:
        self.index += 1  # {
        found: dict = {}
        spreads = 0
        while self.peek()[0] != "end" and self.peek()[1] != "}":
            kind, text = self.peek()
            if text == "...":
                self.index += 1
                found[f"\0spread{spreads}"] = Spread(self.value(depth + 1))
                spreads += 1
            elif kind in ("name", "string", "number"):
                key = _string(text) if kind == "string" else text
                self.index += 1
                if kind == "name" and text in ("get", "set", "async", "static") and self.peek()[0] in ("name", "string"):
                    key = self.peek()[1]
                    self.index += 1
                following = self.peek()[1]
                if following == ":":
                    self.index += 1
                    found[key] = self.value(depth + 1)
                elif following == "(":  # a method
                    self.skip_balanced()
                    if self.peek()[1] == ":":  # its return type
                        self.skip_expression()
                    if self.peek()[1] == "{":
                        self.skip_balanced()
                    found[key] = UNKNOWN
                elif following in (",", "}") and kind == "name":
                    found[key] = Ref(key)  # shorthand: { locales }
                else:
                    self.skip_expression()
            elif text == "[":  # a computed key
                self.skip_balanced()
                if self.peek()[1] == ":":
                    self.index += 1
                self.skip_expression()
            else:
                self.skip_expression()
            if self.peek()[1] == ",":
                self.index += 1
            elif self.peek()[1] != "}":
                self.skip_expression()
                if self.peek()[1] == ",":
                    self.index += 1
                elif self.peek()[1] != "}":
                    self.index += 1  # never stall on a token nothing above consumes
        self.skip_to_closer("}")
        return found

    def _array(self, depth: int) -> list:
        self.index += 1  # [
        found = []
        while self.peek()[0] != "end" and self.peek()[1] != "]":
            if self.peek()[1] == ",":
                self.index += 1
                continue
            if self.peek()[1] == "...":
                self.index += 1
                spread = self.value(depth + 1)
                found.append(Spread(spread))
            else:
                found.append(self.value(depth + 1))
            if self.peek()[1] == ",":
                self.index += 1
            elif self.peek()[1] != "]":
                self.skip_expression()
                if self.peek()[1] not in (",", "]"):
                    self.index += 1
        self.skip_to_closer("]")
        return found

    def _rest_of_expression(self, value):
        """What follows a value: a type assertion keeps it, any operator makes it UNKNOWN."""
        while True:
            text = self.peek()[1]
            if text in ("as", "satisfies") and self.peek()[0] == "name":
                self.index += 1
                self.skip_type()
            elif text == "!" and self.peek(1)[1] in ENDS_VALUE:
                self.index += 1
            elif text in ENDS_VALUE or self.peek()[0] == "end":
                return value
            elif self.starts_line() and self.peek()[0] in ("name", "string", "template"):
                return value  # a new statement on the next line (no semicolon)
            else:
                self.skip_expression()
                return UNKNOWN


class _Reader(_Values):
    """The statements of a file: its top-level declarations (``consts``), and what it exports,
    returns or passes to a call (``exported``); everything else skipped."""

    def __init__(self, tokens: list[tuple[str, str, bool]]):
        super().__init__(tokens)
        self.consts: dict[str, object] = {}
        self.exported: list[object] = []

    def scan(self) -> None:
        while self.index < len(self.tokens):
            kind, text = self.peek()
            if kind == "name" and text in DECLARATIONS and self.peek(1)[0] == "name":
                self.index += 1
                self._declaration()
            elif kind == "name" and text == "export" and self.peek(1)[1] == "default":
                self.index += 2
                self._exported_value()
            elif kind == "name" and text in ("exports", "module") and self._assignment_to_exports():
                self._exported_value()
            elif kind == "name" and text == "return":
                self.index += 1
                if self.peek()[1] not in ENDS_VALUE:
                    self.exported.append(self.value(0))
            elif kind == "name" and text not in KEYWORDS and self._call_ahead():
                self.exported.append(self.value(0))  # ``config.addPlugin(plugin, { … })``
            else:
                self.index += 1

    def _call_ahead(self) -> bool:
        """Whether a (dotted) name at the cursor is called: ``a.b.c(``."""
        index = self.index + 1
        while index + 1 < len(self.tokens) and self.tokens[index][1] in (".", "?.") and self.tokens[index + 1][0] == "name":
            index += 2
        return index < len(self.tokens) and self.tokens[index][1] == "("

    def _declaration(self) -> None:
        name = self.peek()[1]
        self.index += 1
        while self.peek()[1] not in ("=", ";", "end") and self.peek()[0] != "end":  # a type annotation
            if self.peek()[1] in CLOSERS:
                self.skip_balanced()
            elif self.peek()[1] in (")", "]", "}") or self.peek()[1] in DECLARATIONS:
                return  # ``for (const x of y)``: no value
            else:
                self.index += 1
        if self.peek()[1] == "=":
            self.index += 1
            self.consts[name] = self.value(0)

    def _assignment_to_exports(self) -> bool:
        """``module.exports =`` or ``exports.default =``: moves past it when it is one."""
        words = [self.peek(i)[1] for i in range(4)]
        if words[:4] == ["module", ".", "exports", "="]:
            self.index += 4
            return True
        if words[:4] == ["exports", ".", "default", "="]:
            self.index += 4
            return True
        return False

    def _exported_value(self) -> None:
        kind, text = self.peek()
        if kind == "name" and text in ("async", "function"):  # a function building the config: read its body
            while self.peek()[1] not in ("{", "") and self.peek()[0] != "end":
                self.index += 1
            self.index += 1  # into the body: its ``return`` is found by ``scan``
            return
        if kind == "name" and self.peek(1)[1] == "=>":
            self.index += 2
            self._arrow_body()
            return
        if text == "(" and self.arrow_ahead():
            self.skip_balanced()
            self.index += 1
            self._arrow_body()
            return
        self.exported.append(self.value(0))

    def _arrow_body(self) -> None:
        """After ``=>``: an object body is a value; a block is read on by ``scan``."""
        if self.peek()[1] == "{":
            self.index += 1
        else:
            self.exported.append(self.value(0))


def _resolve(value, consts: dict, depth: int, budget: list[int], seen: frozenset = frozenset()):
    """``value`` with names replaced by the values they name and spreads merged; at most
    ``depth`` names deep, and ``budget[0]`` values made in all."""
    budget[0] -= 1
    if budget[0] < 0:
        return UNKNOWN
    if isinstance(value, Ref):
        if value.name not in consts:
            return value  # an imported or global name: kept, as what it names may tell (a plugin)
        if depth <= 0 or value.name in seen:
            return UNKNOWN
        return _resolve(consts[value.name], consts, depth - 1, budget, seen | {value.name})
    if isinstance(value, dict):
        merged: dict = {}
        for key, item in value.items():
            if isinstance(item, Spread):
                spread = _resolve(item.value, consts, depth, budget, seen)
                if isinstance(spread, dict):
                    merged.update(spread)
            else:
                merged[key] = _resolve(item, consts, depth, budget, seen)
        return merged
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, Spread):
                spread = _resolve(item.value, consts, depth, budget, seen)
                items.extend(spread if isinstance(spread, list) else [])
            else:
                items.append(_resolve(item, consts, depth, budget, seen))
        return items
    if isinstance(value, Call):
        return Call(value.name, tuple(_resolve(item, consts, depth, budget, seen) for item in value.args))
    return value


def _string(token: str) -> str:
    body = token[1:-1] if len(token) > 1 and token[-1] == token[0] else token[1:]
    if "\\" not in body:
        return body
    return _ESCAPE.sub(_unescape, body)


def _unescape(match) -> str:
    escaped = match.group(1)
    if escaped.startswith("u{"):
        return _character(int(escaped[2:-1], 16))
    if escaped[0] in "ux" and len(escaped) > 1:
        return _character(int(escaped[1:], 16))
    if escaped == "\n":
        return ""
    return _ESCAPES.get(escaped, escaped)


def _character(code: int) -> str:
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def _number(token: str):
    text = token.replace("_", "").rstrip("n")
    try:
        return int(text, 16) if text[:2] in ("0x", "0X") else int(text) if text.isdigit() else float(text)
    except ValueError:
        return UNKNOWN


# -- looking things up in what was read ----------------------------------------------------------


def walk(value, limit: int = 10_000):
    """Every value inside ``value`` (itself first), into objects, arrays and call arguments."""
    pending, seen = deque([value]), 0
    while pending and seen < limit:
        current = pending.popleft()
        seen += 1
        yield current
        if isinstance(current, dict):
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, Call):
            pending.extend(current.args)


def objects_with(program: Program, key: str) -> list[dict]:
    """The objects, exported ones first, that have ``key``."""
    found, ids = [], set()
    for root in [*program.exported, *program.consts.values()]:
        for value in walk(root):
            if isinstance(value, dict) and key in value and id(value) not in ids:
                ids.add(id(value))
                found.append(value)
    return found


def calls_named(program: Program, name: str) -> list[Call]:
    """The calls of ``name`` (or of a dotted name ending in it) anywhere in what was read."""
    found = []
    for root in [*program.exported, *program.consts.values()]:
        for value in walk(root):
            if isinstance(value, Call) and (value.name == name or value.name.endswith("." + name)):
                found.append(value)
    return found


def mentions(program: Program, word: str) -> bool:
    """Whether a name used in what was read (a call, an imported plugin) contains ``word``."""
    word = word.lower()
    for root in [*program.exported, *program.consts.values()]:
        for value in walk(root):
            if isinstance(value, (Call, Ref)) and word in value.name.lower():
                return True
    return False


def path_value(value):
    """A path written as a string or as ``path.join(__dirname, 'docs')``/``resolve(…)``: the string."""
    if isinstance(value, str):
        return value
    if isinstance(value, Call) and value.name.rsplit(".", 1)[-1] in ("join", "resolve"):
        parts = [part for part in value.args if isinstance(part, str)]
        return "/".join(parts) if parts else None
    return None
