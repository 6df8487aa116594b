"""The frontmatter linter (FM): presence, syntax and schema of a post's front matter (YAML,
TOML or JSON: ``linters.document.frontmatter`` reads all three alike).

The schema (keys, types, required keys, whether unknown keys are allowed) is data in
``rules/frontmatter.yaml``, with what each generator adds to it (``generator-schemas``: the site
a run is in, ``linters.site``, says which applies); users extend or replace it with the
``schema`` option. A post needs front matter (FM001) only where its generator does: a Jekyll page
or a Starlight doc, not a Docusaurus, MkDocs, VitePress or Hugo page.
"""
from __future__ import annotations

import datetime
import re

from . import languages
from .diagnostics import Fix
from .document.frontmatter import KeyPositions
from .document.frontmatter import read as read_front_matter
from .packs.loading import merge
from .packs.sections import ListOf, MappingOf, Record, Scalar, Section, Text, Where
from .patterns.deferred import deferred
from .patterns.phrases import lazy_pattern
from .patterns.search import compile_pattern
from .patterns.sections import PATTERN
from .registry import Linter, Option

TYPE_CHECKING = False
if TYPE_CHECKING:  # for mypy only: importing typing costs every run
    from typing import Any

PACK = "rules/frontmatter.yaml"
TYPES = {
    "string": (str,), "boolean": (bool,), "integer": (int,), "number": (int, float),
    "list": (list,), "mapping": (dict,), "date": (datetime.date,),
}
# Deferred: a displaced or unclosed block is rare
_DISPLACED = deferred(r"\A(?:[ \t]*\n)+(---)[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n)+(?:---|\.\.\.)[ \t]*$", re.M)
_FENCES = {"yaml": "---", "toml": "+++"}
# The lines of a block that obviously holds only keys (FM003's fix closes it after them).
_KEY_LINES = {"yaml": deferred(r"(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|[ \t]*#.*)"),
              "toml": deferred(r"(?:[A-Za-z_][\w.-]*[ \t]*=[ \t]*\S.*|\[[^\]\n]+\][ \t]*|[ \t]*#.*)")}
_FILE_DATE = re.compile(r"(?:^|/)(\d{4})-(\d{2})-(\d{2})-[^/]+$")
_TYPE = Text(f"a type ({', '.join(TYPES)})", TYPES.__contains__)
SCHEMA = Record({"closed": Scalar((bool,), "true or false"),
                 "keys": MappingOf(Record({"type": ListOf(_TYPE, single=True), "required": Scalar((bool,), "true or false")}))})
_CASE_INSENSITIVE = ("hugo",)  # generators whose front matter keys are compared without case


class FrontMatterLinter(Linter):
    name = "frontmatter"
    pack = "frontmatter"
    options = {"schema": Option(dict, {}, "extends the default schema (keys, closed); "
                                          "set 'replace: true' to replace it")}
    sections = (Section("not-post-name", PATTERN, required=True), Section("schema", SCHEMA),
                Section("generator-schemas", MappingOf(SCHEMA)), Section("partial-names", MappingOf(PATTERN)))

    def setup(self) -> None:
        self.not_post = lazy_pattern(self.data["not-post-name"], f"{PACK}: not-post-name")  # for a post without front matter
        self._schemas: dict[str, tuple[dict, bool]] = {}  # by generator, made when first needed
        self._partials: dict[str, Any] = {}  # by generator: its pattern of partials' names, compiled when needed
        self._schema_for("none")  # a wrong user schema stops the run here, not at the first post

    def _schema_for(self, generator: str) -> tuple[dict, bool]:
        """The keys (key -> (types, required)) and closedness of the schema for a generator's
        pages: the pack's, the generator's over it, the user's over both (or instead)."""
        found = self._schemas.get(generator)
        if found is not None:
            return found
        schema = self.data["schema"]
        if generator in self.data.get("generator-schemas", {}):
            schema = merge(schema, self.data["generator-schemas"][generator])
        user = dict(self.settings["schema"])
        if user.pop("replace", False):
            schema = user
        elif user:
            schema = merge(schema, user)
        if user:
            SCHEMA.check(schema, Where.labelled("the frontmatter schema (with 'linters.frontmatter.schema')"), whole=True)
        keys = {}
        for key, spec in (schema.get("keys") or {}).items():
            kinds = spec.get("type", [])
            keys[key] = (tuple([kinds] if isinstance(kinds, str) else kinds), spec.get("required", False))
        found = self._schemas[generator] = (keys, schema.get("closed", False))
        return found

    def _generator(self) -> str:
        return self.site.generator if self.site is not None else "none"

    def _needs_front_matter(self, document) -> bool:
        """Whether the post is a page its generator makes only with front matter (without a
        site, as the pack's Jekyll-like schema has it: yes)."""
        site = self.site
        if site is None:
            return True
        if not site.front_matter_required or self._is_partial(document):
            return False
        return _under(document.path, site.root, site.content_roots)

    def _is_partial(self, document) -> bool:
        """Whether the post is a file its generator does not make a page of, only includes in
        pages (Docusaurus' and Starlight's ``_v4-in-progress.mdx``): it needs no front matter,
        and no key a page requires."""
        generator = self._generator()
        if generator not in self._partials:
            source = self.data.get("partial-names", {}).get(generator)
            self._partials[generator] = compile_pattern(source, f"{PACK}: partial-names.{generator}") if source else None
        pattern = self._partials[generator]
        return pattern is not None and pattern.search(document.path.replace("\\", "/").rsplit("/", 1)[-1]) is not None

    def check(self, document):
        path_name = document.path.replace("\\", "/").rsplit("/", 1)[-1]
        yield from self._file_date(document)
        front = document.front_matter
        if front is None:
            if self.not_post.compiled.match(path_name):
                return
            displaced = _DISPLACED.match(document.text)
            generator = self._generator()
            if displaced and not (self.site is not None and self.site.front_matter_after_blank_lines):
                reader = "Jekyll" if generator == "none" else generator.capitalize()
                yield self.diagnostic(document, "FM002", displaced.start(1), displaced.end(1),
                                      f"front matter must start on the first line; {reader} reads this block as text")
            elif not displaced and self._needs_front_matter(document):
                yield self.diagnostic(document, "FM001", 0, 0, "the post has no front matter (a `---` block on line 1)")
            return
        if not front.closed:
            yield self._unterminated(document, front)
        reading = read_front_matter(document)
        if reading.problem is not None:
            yield self.diagnostic(document, "FM004", *reading.problem)
        for _, start, end, message in reading.duplicates:
            yield self.diagnostic(document, "FM005", start, end, message)
        if reading.readable:
            yield from self._schema(document, front, reading.data, reading.keys)
            yield from self._language(document, reading.data, reading.keys)

    # -- structure -------------------------------------------------------------------------------

    def _unterminated(self, document, front):
        """FM003; fixed where the block obviously ends (its lines are all keys, of YAML or TOML),
        with the closing fence on a line of its own even when the post has no final newline."""
        fence = _FENCES.get(front.syntax)
        lines = front.source.splitlines()
        certain = fence is not None and bool(lines) and all(_KEY_LINES[front.syntax].fullmatch(line) for line in lines)
        fix = None
        if certain:
            at_line_start = front.content_end == 0 or document.text[front.content_end - 1] == "\n"
            closing = f"{fence}\n" if at_line_start else f"\n{fence}\n"
            fix = Fix.replace(front.content_end, front.content_end, closing, touches_front_matter=True)
        opened = fence or "{"
        return self.diagnostic(document, "FM003", front.start, front.start + len(opened),
                               f"front matter opened by `{opened}` is never closed", fix)

    def _file_date(self, document):
        match = _FILE_DATE.search(document.path.replace("\\", "/"))
        if not match:
            return
        year, month, day = map(int, match.groups())
        try:
            datetime.date(year, month, day)
        except ValueError:
            yield self.diagnostic(document, "FM010", 0, 0,
                                  f"the file name's date {match.group(1)}-{match.group(2)}-{match.group(3)} does not exist")

    # -- schema ----------------------------------------------------------------------------------

    def _schema(self, document, front, data: dict, positions: KeyPositions):
        generator = self._generator()
        keys, closed = self._schema_for(generator)
        # Hugo's keys are case-insensitive: ``linkTitle`` and ``linktitle`` are one key.
        fold = str.lower if generator in _CASE_INSENSITIVE else _same
        written = {fold(key): key for key in positions if isinstance(key, str)}
        values = {fold(key): value for key, value in data.items() if isinstance(key, str)}
        for key, (kinds, required) in keys.items():
            value = values.get(fold(key))
            present = written.get(fold(key))
            if required and (value is None or value == "" or value == []) and not self._is_partial(document):
                where = positions.of(present) if present is not None else (front.start, front.start, front.start + 3)
                yield self.diagnostic(document, "FM006", where[0], where[0] + (len(key) if present is not None else 3),
                                      f"required key {key!r} is {'empty' if present is not None else 'missing'}")
            elif present is not None and value is not None and kinds and not _has_type(value, kinds):
                _, start, end = positions.of(present)
                yield self.diagnostic(document, "FM007", start, end,
                                      f"{key!r} must be {' or '.join(kinds)}, not {_type_name(value)} ({value!r:.40})")
        known = {fold(key): key for key in keys}
        for folded, key in written.items():
            if folded in known:
                continue
            start = positions.of(key)[0]
            import difflib  # imported by the few posts with an unknown key, not by every run
            close = difflib.get_close_matches(folded, list(known), n=1, cutoff=0.8)
            if close:
                yield self.diagnostic(document, "FM008", start, start + len(key),
                                      f"unknown key {key!r}: did you mean {known[close[0]]!r}?")
            elif closed:
                yield self.diagnostic(document, "FM008", start, start + len(key),
                                      f"unknown key {key!r} (the schema is closed)")

    def _language(self, document, data: dict, positions: KeyPositions):
        value = data.get("lang")
        if not isinstance(value, str) or not value.strip():
            return
        _, start, end = positions.of("lang")
        code = languages.normalize(value)
        if code is None:
            yield self.diagnostic(document, "FM009", start, end, f"lang {value!r} is not a language code")
            return
        from_path = document.language_from_path
        if from_path and from_path[0] != code:
            yield self.diagnostic(document, "FM009", start, end,
                                  f"lang {value!r} disagrees with the {from_path[1]}, which says {from_path[0]!r}")


def _same(key: str) -> str:
    return key


def _under(path: str, root: str, folders) -> bool:
    """Whether ``path`` is in one of the site's content folders (relative to its ``root``)."""
    import os

    absolute = os.path.abspath(path)
    return any(absolute.startswith(os.path.join(os.path.abspath(os.path.join(root, folder)), "")) or folder in (".", "")
               for folder in folders or (".",))


def _has_type(value, kinds) -> bool:
    for kind in kinds:
        expected = TYPES[kind]
        if isinstance(value, bool) and bool not in expected:
            continue  # YAML's true is not an integer here
        if isinstance(value, expected):
            return True
    return False


def _type_name(value) -> str:
    for name, kinds in TYPES.items():
        if _has_type(value, (name,)):
            return name
    return type(value).__name__


LINTER = FrontMatterLinter
