"""Code compared as code: what a translation may change in a line of code, and what it may not.

Comments, string literals and the placeholders of a syntax line (``username``, ``/path/to/…``,
``file.txt``, ``<name>``) may be translated, and so may the words of a line that is a sentence
(the text of a Markdown example, a diagram's label); commands, options, real paths
(``~/Documents``), identifiers, keywords and the output of a real program may not. When a
string literal is translated, the program output shown beside it may be translated the same way.
What a placeholder is, which lines are a program's output and which command prefixes are a
rewording (``sudo``) is data: the pack's ``code`` section.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Tokens of a line: string literals, the text between two tags, words, numbers, punctuation.
_TOKEN = re.compile(r"\x00|</?[A-Za-z][\w-]*>|\"(?:[^\"\\\n]|\\.)*\"|(?<![\w])'(?:[^'\\\n]|\\.)*'(?![\w])|“[^”\n]*”|「[^」\n]*」"
                    r"|(?<=>)[^<>\n]*[^\W\d_][^<>\n]*(?=</)|(?<![\w-])--?[A-Za-z][\w-]*|[^\W\d_][^\W_]*|\d+|\S")
_LITERAL_OPENERS = ("\"", "'", "“", "「")
# Punctuation that is not code: what typography changes between languages (full-width forms,
# ``。``, ``።``, ``・``, a space before a colon) is any Unicode punctuation but these.
_CODE_PUNCTUATION = frozenset("/\\|~$=<>&;{}@^%+*#_`[]")
_BRACKETS = {"(": ")", "[": "]", "（": "）", "{": "}"}
_MARKUP = frozenset("#>*_|[]{}!-~`+\\")  # and a line continuation
# Comment syntax by the language of a block (its info string); a block of no known language
# takes every one of them (``#``, ``//``, ``;``, ``--``, ``%``, ``<!--``, ``/*``).
_COMMENTS = {
    "hash": ("bash", "sh", "shell", "zsh", "fish", "console", "python", "py", "ruby", "rb", "perl", "r", "yaml", "yml",
             "toml", "ini", "conf", "dockerfile", "makefile", "make", "powershell", "ps1", "elixir", "nim", "cmake",
             "properties", "tcl", "coffee", "julia", "crystal", "nginx", "apache", "gitignore"),
    "slash": ("c", "cpp", "c++", "h", "hpp", "java", "kotlin", "kt", "scala", "go", "rust", "rs", "swift", "js",
              "javascript", "ts", "typescript", "jsx", "tsx", "cs", "csharp", "dart", "php", "groovy", "gradle",
              "objective-c", "objc", "json5", "jsonc", "proto", "zig", "v", "solidity", "css", "scss", "less"),
    "dash": ("sql", "lua", "haskell", "hs", "elm", "ada", "vhdl", "plsql", "mysql", "postgresql"),
    "semicolon": ("lisp", "clojure", "clj", "scheme", "elisp", "emacs-lisp", "racket", "asm", "nasm", "ini"),
    "percent": ("tex", "latex", "matlab", "octave", "erlang", "prolog"),
    "markup": ("xml", "svg"),
    "web": ("html", "vue", "svelte", "astro"),
}
_COMMENT_LINE = {
    "hash": re.compile(r"#(?![!{])"), "slash": re.compile(r"//|/\*|\*/|\*(?![*/])"), "dash": re.compile(r"--(?!-)"),
    "semicolon": re.compile(r";"), "percent": re.compile(r"%"), "markup": re.compile(r"<!--|-->"),
    "web": re.compile(r"<!--|-->|//|/\*|\*/|\*(?![*/])|\{/\*"),
}
_ANY_COMMENT_LINE = re.compile(r"#(?![!#{]|include|define|if|else|end)|//|--(?!-)|;|%|<!--|/\*|\*/|\*(?![*/])")
_TRAILING_COMMENT = re.compile(r"\s+(?:#|//|;|--)(?:\s|(?=[^\x00-\x7f])).*$|\s*/\*.*?\*/\s*$")
_DIGITS = re.compile(r"\d+")
_LINK_TEXT = re.compile(r"(!?\[)[^\]\n]*(\]\()")
MAX_REMEMBERED = 20_000  # skeletons of lines kept for the run
COMMENT = "\0comment"
# Zero-width characters and soft hyphens go; digits of every script read as ASCII (``۲۷`` is ``27``).
_INVISIBLE: dict[int, int | None] = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_INVISIBLE.update({zero + digit: ord("0") + digit for zero in (0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
                                                               0xC66, 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0xFF10)
                   for digit in range(10)})
_PLACEHOLDER = "\0"  # a placeholder of a line, as its tokens have it
# In YAML, the value of a key is text: ``title: How to…`` may be translated as much as ``"…"``.
_YAML_VALUE = re.compile(r"^(\s*-?\s*[\w.-]+:\s+)(?![&*!\[{\"'])(.*\S)")
_YAML_KEY = re.compile(r"^\s*(?:-\s*)?[\w.-]+:(?:\s|$)|^\s*-\s*$|^\s*#|^---$")  # a comment line, as compared: its text may be translated, its marker may not go


class CodeRules:
    """The pack's ``code`` section, compiled: placeholders, output markers, rewording prefixes,
    and the languages whose blocks hold text (Markdown, diagrams)."""

    def __init__(self, section: dict):
        self.placeholder_words = frozenset(word.casefold() for word in section.get("placeholder-words", ()))
        patterns = section.get("placeholder-patterns", ())
        self.placeholder = re.compile("|".join(f"(?:{pattern})" for pattern in patterns)) if patterns else None
        markers = section.get("output-markers", ())
        self.output = re.compile("(?:" + "|".join(re.escape(marker) for marker in markers) + r")\s*[:：]") if markers else None
        self.ignorable = frozenset(section.get("rewording-prefixes", ()))
        self.text_languages = frozenset(section.get("text-languages", ()))
        tags = section.get("template-tags", ())
        self.template_tags = re.compile("|".join(f"(?:{pattern})" for pattern in tags)) if tags else None
        ignored = section.get("ignored-lines", ())
        self.ignored = re.compile("|".join(f"(?:{pattern})" for pattern in ignored)) if ignored else None
        separators = section.get("variant-separators", ())
        self.variants = re.compile("|".join(f"(?:{pattern})" for pattern in separators)) if separators else None
        self.comment_kind = {language: kind for kind, names in _COMMENTS.items() for language in names}
        self._skeletons: dict[tuple[str, str], str] = {}  # lines repeat across versions: each is read once

    # -- lines as compared -----------------------------------------------------------------------

    def comparable(self, line: str, info: str) -> str:
        """A line as versions must agree on it: a comment is ``COMMENT`` (its words may be
        translated), a trailing comment goes, spacing is collapsed. Empty: nothing to compare."""
        language = language_of(info)
        if self.ignored is not None and self.ignored.match(line):
            return ""  # a directive of the documentation's tooling, not code
        kind = self.comment_kind.get(language)
        if language in self.text_languages:
            return " ".join(line.split())
        pattern = _COMMENT_LINE[kind] if kind else (None if language else _ANY_COMMENT_LINE)
        if pattern is not None and pattern.match(line):
            return COMMENT
        if kind in (None, "hash", "slash", "semicolon", "dash", "web"):
            line = _TRAILING_COMMENT.sub("", line)
        return " ".join(line.split())

    def skeleton(self, line: str, language: str = "") -> str:
        """A compared line with its literals and placeholders emptied: versions whose skeletons
        are equal agree (the quick test before a line is compared token by token)."""
        if line == COMMENT:
            return line
        key = (line, language)
        shape = self._skeletons.get(key)
        if shape is None:
            shape = " ".join(map(self._shape, self._tokens(line, language)))
            if len(self._skeletons) < MAX_REMEMBERED:
                self._skeletons[key] = shape
        return shape

    # -- one line against the reference's -------------------------------------------------------

    def difference(self, mine: str, theirs: str, info: str, literals: dict[str, str], inline: bool = False) -> str | None:
        """What in ``mine`` a translation may not have changed from ``theirs``, the reference's
        line; None when every change is one a translation may make. ``literals`` maps the
        reference's translated literals to this version's (filled as lines are compared).
        ``inline``: inline code, which may say more or less of the same code."""
        if mine == theirs:
            return None
        if COMMENT in (mine, theirs):
            return "a comment there is code here" if theirs == COMMENT else "code there is a comment here"
        if "](" in theirs and _LINK_TEXT.sub(r"\1\2", mine) == _LINK_TEXT.sub(r"\1\2", theirs):
            return None  # the text of a Markdown link or image (its alt text) in an example, translated
        if self._template_content(mine, theirs):
            return None
        language = language_of(info)
        import difflib  # imported only when code differs

        ours, reference = self._tokens(mine, language), self._tokens(theirs, language)
        if inline and self._contained(ours, reference):
            return None
        matcher = difflib.SequenceMatcher(None, [self._shape(t) for t in ours], [self._shape(t) for t in reference],
                                          autojunk=False)
        output = self.output is not None and self.output.match(theirs) is not None
        text_line = "text" if language in self.text_languages else ("sentence" if self._is_sentence(reference) else "")
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                for mine_token, their_token in zip(ours[i1:i2], reference[j1:j2]):
                    if mine_token != their_token and mine_token.startswith(_LITERAL_OPENERS):
                        literals.setdefault(_inside(their_token), _inside(mine_token))
                continue
            changed, replaced = ours[i1:i2], reference[j1:j2]
            if self._allowed(changed, replaced, reference, j1, j2, "" if output else text_line):
                continue
            if self._same_translation(mine, theirs, literals):
                return None
            return " ".join(changed) or f"no {' '.join(replaced)}"
        return None

    def _template_content(self, mine: str, theirs: str) -> bool:
        """Whether two lines have the same template tags (Hugo's ``{{</* tab name="JSON" */>}}``)
        and the same figures: the text between the tags is the page's content, translated."""
        tags = self.template_tags
        if tags is None or tags.search(theirs) is None or tags.findall(mine) != tags.findall(theirs):
            return False
        return _DIGITS.findall(tags.sub(" ", mine)) == _DIGITS.findall(tags.sub(" ", theirs))

    def _allowed(self, changed: Sequence[str], replaced: Sequence[str], reference: Sequence[str], start: int, end: int,
                 text_line: str) -> bool:
        """Whether a translation may turn the reference's tokens ``replaced`` into ``changed``;
        ``text_line``: ``text`` in a block of text, ``sentence`` in a line that is one, else empty."""
        if not changed and not replaced:
            return True
        tokens = [*changed, *replaced]
        if all(token in self.ignorable or _typographic(token) for token in tokens):
            return True  # ``sudo``, a full-width colon, a space before a colon
        if all(token.startswith(_LITERAL_OPENERS) or _typographic(token) for token in tokens):
            return True  # a translated string
        if replaced and all(self._placeholder(token) or token in "/._-" for token in replaced) \
                and any(self._placeholder(token) for token in replaced):
            return True  # ``username`` → ``Benutzername``
        if text_line == "text" and not any(token.isdigit() for token in tokens):
            return True  # a block of text (Markdown, a diagram): anything but its figures may be translated
        words = all(_is_word(token) or _typographic(token) or text_line and token.isdigit() and
                    not any(other.isdigit() for other in replaced) for token in tokens)
        if not words:
            return False
        if text_line:
            return True  # a sentence: its words are translated, a number spelled out may be written
        return bool(replaced) and _bracketed(reference, start, end)  # a label: ``title([Modeling])``

    def wording(self, line: str, language: str) -> bool:
        """A line that is only words a translation may rewrap: a comment, string literals, a
        sentence of a text block (one more or one fewer is not a change of the code)."""
        if line == COMMENT:
            return True
        tokens = self._tokens(line, language)
        return all(token.startswith(_LITERAL_OPENERS) or _typographic(token) for token in tokens) \
            or language in self.text_languages and self._is_sentence(tokens)

    def _contained(self, ours: list[str], reference: list[str]) -> bool:
        """Inline code that says more or less of the same code (``temperature = 0.0`` for
        ``temperature``, ``sudo docker ps`` for ``docker ps``), when it is a whole line."""
        shorter, longer = sorted((ours, reference), key=len)
        if not shorter or len(shorter) == len(longer):
            return False
        size = len(shorter)
        return any(longer[start:start + size] == shorter for start in range(len(longer) - size + 1))

    def _placeholder(self, token: str) -> bool:
        if token == _PLACEHOLDER:
            return True
        return token.casefold() in self.placeholder_words

    def _same_translation(self, mine: str, theirs: str, literals: dict[str, str]) -> bool:
        """Output printed by a translated string literal, translated the same way."""
        for original, translated in literals.items():
            original, translated = original.strip(" :：").strip(), translated.strip(" :：").strip()
            if len(original) > 2 and original in theirs:
                theirs = theirs.replace(original, translated)
        return " ".join(theirs.replace("：", ":").split()) == " ".join(mine.replace("：", ":").split())

    @staticmethod
    def _is_sentence(tokens: Sequence[str]) -> bool:
        """A line of text, not of code: words, with sentence punctuation and Markdown markup
        (``## This is an H2``, ``1. First item``, ``| Left | Right |``), no other digits."""
        if len(tokens) > 1 and tokens[0].isdigit() and tokens[1] in ".)":
            tokens = tokens[2:]  # an ordered list's marker
        return any(_is_word(token) for token in tokens) and all(
            _is_word(token) or _typographic(token) or token in _MARKUP or token.startswith(_LITERAL_OPENERS)
            or token == _PLACEHOLDER or token.startswith("<") and token.endswith(">") for token in tokens)

    def _tokens(self, line: str, language: str = "") -> list[str]:
        if not line.isascii():
            line = line.translate(_INVISIBLE)
        if language in ("yaml", "yml"):
            value = _YAML_VALUE.match(line)
            if value is not None:
                line = f'{value.group(1)}"{value.group(2)}"'
            elif not _YAML_KEY.match(line):
                line = f'"{line}"'  # a line of a block scalar (``description: >-``): text
        if self.placeholder is not None:
            line = self.placeholder.sub(_PLACEHOLDER, line)
        return _TOKEN.findall(line)

    @staticmethod
    def _shape(token: str) -> str:
        """A token as lines are aligned: a literal is any literal."""
        return token[0] + token[-1] if token.startswith(_LITERAL_OPENERS) else token


def language_of(info: str) -> str:
    """The language of a code block's info string: ``ts twoslash``, ``js{1,3}``, ``vue:line-numbers``
    are ``ts``, ``js``, ``vue``."""
    match = _LANGUAGE.match(info.strip())
    return match.group().casefold() if match else ""


_LANGUAGE = re.compile(r"[\w+#.-]+")


def _inside(literal: str) -> str:
    return literal[1:-1]


def _typographic(token: str) -> bool:
    return len(token) == 1 and token not in _CODE_PUNCTUATION and unicodedata.category(token)[0] == "P"


def _is_word(token: str) -> bool:
    """A word of text (``H2`` included), not a number, an option or a literal."""
    return token[0].isalpha() and token.isalnum()


def _bracketed(tokens: Sequence[str], start: int, end: int) -> bool:
    """Whether ``tokens[start:end]`` is all that is between a pair of brackets."""
    if start == 0 or end >= len(tokens):
        return False
    before, after = tokens[start - 1], tokens[end]
    return _BRACKETS.get(before) == after


def compare_lines(rules: CodeRules, mine: Sequence[tuple[str, int, int]], theirs: Sequence[tuple[str, int, int]],
                  info: str, literals: dict[str, str]):
    """The first line of ``mine`` that a translation may not have changed from ``theirs``, as
    ``(my line or None, what differs, their line or None)``, lines as ``(text, start, end)``;
    None when the blocks agree. Lines are aligned by their skeletons; a block that shows its code
    in variants (TypeScript, then JavaScript after ``@@switch``) is compared by its first."""
    my_variant, their_variant = _first_variant(rules, mine), _first_variant(rules, theirs)
    ours = [(compared, start, end, line) for line, start, end in my_variant if (compared := rules.comparable(line, info))]
    reference = [(compared, start, end, line) for line, start, end in their_variant if (compared := rules.comparable(line, info))]
    # A version that shows the variants without their separator: as many of its lines as the other's first.
    if len(my_variant) < len(mine) and len(their_variant) == len(theirs):
        reference = reference[:len(ours)]
    elif len(their_variant) < len(theirs) and len(my_variant) == len(mine):
        ours = ours[:len(reference)]
    import difflib  # imported only when code differs

    language = language_of(info)
    matcher = difflib.SequenceMatcher(None, [rules.skeleton(line[0], language) for line in ours],
                                      [rules.skeleton(line[0], language) for line in reference], autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            for offset in range(i2 - i1):  # equal skeletons: their literals may differ, and teach ``literals``
                if ours[i1 + offset][0] != reference[j1 + offset][0]:
                    rules.difference(ours[i1 + offset][0], reference[j1 + offset][0], info, literals)
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            my_line = ours[i1 + offset] if i1 + offset < i2 else None
            their_line = reference[j1 + offset] if j1 + offset < j2 else None
            if my_line is not None and their_line is not None:
                detail = rules.difference(my_line[0], their_line[0], info, literals)
                if detail is not None:
                    return _shown(my_line), detail, _shown(their_line)
            elif my_line is not None and not rules.wording(my_line[0], language):
                return _shown(my_line), "not there", None
            elif their_line is not None and not rules.wording(their_line[0], language):
                return None, "missing here", _shown(their_line)
    return None


def _first_variant(rules: CodeRules, lines: Sequence[tuple[str, int, int]]) -> Sequence[tuple[str, int, int]]:
    if rules.variants is None:
        return lines
    cut = next((index for index, (line, _, _) in enumerate(lines) if rules.variants.match(line)), None)
    return lines if cut is None else lines[:cut]


def _shown(line: tuple[str, int, int, str]) -> tuple[str, int, int]:
    """A line as a finding shows it: as written, with its offsets."""
    return line[3], line[1], line[2]
