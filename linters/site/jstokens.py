"""The tokens of a JavaScript or TypeScript file, and a cursor over them that knows how to skip
what ``jsobject`` does not read: a bracketed group, an expression, a type. Linear in the text:
every loop moves the cursor on, and an unclosed group ends at the end of the text."""
from __future__ import annotations

import re

MAX_PARAMETERS = 400  # tokens looked at for the ``=>`` that makes a parenthesis an arrow function

_TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?)
  | (?P<string>'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)
  | (?P<template>`(?:[^`\\]|\\.)*`?)
  | (?P<number>0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?n?)
  | (?P<name>(?:[^\W\d]|\$)[\w$]*)
  | (?P<punct>\.\.\.|=>|\?\?|\?\.|&&|\|\||===?|!==?|[{}\[\](),:;=?.<>!&|+\-*/%~^@#])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\]?)*/?[a-z]*")
# After these a ``/`` starts a regular expression, not a division.
_BEFORE_REGEX = {"(", ",", "=", ":", "[", "!", "&&", "||", "??", "?", "{", "}", ";", "return", "=>"}
CLOSERS = {"(": ")", "[": "]", "{": "}"}
ENDS_VALUE = {",", "}", "]", ")", ";"}
DECLARATIONS = {"const", "let", "var"}
STATEMENTS = DECLARATIONS | {"return", "export", "import", "function", "module", "exports", "if", "for", "while"}
KEYWORDS = STATEMENTS | {"switch", "catch", "typeof", "await", "new", "else", "do", "try", "in", "of", "instanceof",
                         "delete", "void", "yield", "async", "class", "super", "this", "case", "throw"}


def tokens(text: str) -> list[tuple[str, str, bool]]:
    """(kind, text, whether a line break comes before it) of each token, comments and spaces left
    out; the line breaks end statements that have no semicolon."""
    found: list[tuple[str, str, bool]] = []
    position, previous, broken = 0, "", False
    while position < len(text):
        pattern = _REGEX if text[position] == "/" and (previous in _BEFORE_REGEX or not found) \
            and text[position:position + 2] not in ("//", "/*") else _TOKEN
        match = pattern.match(text, position)
        if match is None:  # neither pattern fails on any character; this keeps the loop finite regardless
            break
        kind = "regex" if pattern is _REGEX else str(match.lastgroup)
        position, value = match.end(), match.group()
        if kind == "space":
            broken = broken or "\n" in value
            continue
        found.append((kind, value, broken))
        previous, broken = value if kind in ("punct", "name") else kind, False
    return found


class Cursor:
    """A position in the tokens, and the ways to move past what is not read."""

    def __init__(self, tokens: list[tuple[str, str, bool]]):
        self.tokens = tokens
        self.index = 0

    def peek(self, ahead: int = 0) -> tuple[str, str]:
        index = self.index + ahead
        return self.tokens[index][:2] if index < len(self.tokens) else ("end", "")

    def starts_line(self) -> bool:
        return self.index < len(self.tokens) and self.tokens[self.index][2]

    def arrow_ahead(self) -> bool:
        """Whether the parenthesis at the cursor is an arrow function's parameters."""
        depth, index = 0, self.index
        while index < min(len(self.tokens), self.index + MAX_PARAMETERS):
            text = self.tokens[index][1]
            if text in CLOSERS:
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
                if depth == 0:
                    return index + 1 < len(self.tokens) and self.tokens[index + 1][1] == "=>"
            index += 1
        return False

    def skip_balanced(self) -> None:
        """Past the bracketed group at the cursor (to the end of the text when it is unclosed)."""
        depth = 0
        while self.index < len(self.tokens):
            text = self.tokens[self.index][1]
            self.index += 1
            if text in CLOSERS:
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
                if depth <= 0:
                    return

    def skip_expression(self) -> None:
        """To the next ``,`` ``;`` or closing bracket at this depth, or a statement on a new line."""
        start = self.index
        while self.index < len(self.tokens):
            kind, text, broken = self.tokens[self.index]
            if broken and self.index > start and kind == "name" and text in STATEMENTS:
                return
            if text in CLOSERS:
                self.skip_balanced()
            elif text in ENDS_VALUE:
                return
            else:
                self.index += 1

    def skip_to_closer(self, closer: str) -> None:
        while self.index < len(self.tokens):
            text = self.tokens[self.index][1]
            if text == closer:
                self.index += 1
                return
            if text in CLOSERS:
                self.skip_balanced()
            elif text in (")", "]", "}"):
                return  # a closer of an enclosing group: leave it to that group
            else:
                self.index += 1

    def skip_type(self) -> None:
        """A type after ``as``/``satisfies``/``:``: names, dots, generics, brackets."""
        while self.index < len(self.tokens):
            kind, text, _ = self.tokens[self.index]
            if text in ("<", "(", "[", "{"):
                if text == "<":
                    self.skip_type_arguments()
                else:
                    self.skip_balanced()
            elif kind == "name" or text in (".", "|", "&"):
                self.index += 1
            else:
                return

    def skip_type_arguments(self) -> None:
        depth = 0
        while self.index < len(self.tokens):
            text = self.tokens[self.index][1]
            self.index += 1
            if text == "<":
                depth += 1
            elif text == ">":
                depth -= 1
                if depth <= 0:
                    return
            elif text in (";", "{", "}"):
                return
