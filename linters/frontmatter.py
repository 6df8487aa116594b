"""The frontmatter linter (FM): presence, syntax and schema of a post's YAML front matter.

The schema (keys, types, required keys, whether unknown keys are allowed) is data in
``rules/frontmatter.yaml``; users extend or replace it with the ``schema`` option.
"""
from __future__ import annotations

import datetime
import re

import yaml

from . import languages, yamlsafe
from .diagnostics import Fix
from .packs.loading import merge
from .packs.sections import ListOf, MappingOf, Record, Scalar, Section, Text, Where
from .patterns.search import compile_pattern
from .patterns.sections import PATTERN
from .registry import Linter, Option

PACK = "rules/frontmatter.yaml"
TYPES = {
    "string": (str,), "boolean": (bool,), "integer": (int,), "number": (int, float),
    "list": (list,), "mapping": (dict,), "date": (datetime.date,),
}
_DISPLACED = re.compile(r"\A(?:[ \t]*\n)+(---)[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n)+(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_LINE = re.compile(r"(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|[ \t]*#.*)")
_FILE_DATE = re.compile(r"(?:^|/)(\d{4})-(\d{2})-(\d{2})-[^/]+$")
_TYPE = Text(f"a type ({', '.join(TYPES)})", TYPES.__contains__)
SCHEMA = Record({"closed": Scalar((bool,), "true or false"),
                 "keys": MappingOf(Record({"type": ListOf(_TYPE, single=True), "required": Scalar((bool,), "true or false")}))})


class FrontMatterLinter(Linter):
    name = "frontmatter"
    pack = "frontmatter"
    options = {"schema": Option(dict, {}, "extends the default schema (keys, closed); "
                                          "set 'replace: true' to replace it")}
    sections = (Section("not-post-name", PATTERN, required=True), Section("schema", SCHEMA))

    def setup(self) -> None:
        self.not_post = compile_pattern(self.data["not-post-name"], f"{PACK}: not-post-name")
        schema = self.data["schema"]
        user = dict(self.settings["schema"])
        if user.pop("replace", False):
            schema = user
        elif user:
            schema = merge(schema, user)
        if user:
            SCHEMA.check(schema, Where.labelled("the frontmatter schema (with 'linters.frontmatter.schema')"), whole=True)
        self.closed = schema.get("closed", False)
        self.keys = {}
        for key, spec in (schema.get("keys") or {}).items():
            kinds = spec.get("type", [])
            self.keys[key] = (tuple([kinds] if isinstance(kinds, str) else kinds), spec.get("required", False))

    def check(self, document):
        path_name = document.path.replace("\\", "/").rsplit("/", 1)[-1]
        yield from self._file_date(document)
        front = document.front_matter
        if front is None:
            if self.not_post.match(path_name):
                return
            displaced = _DISPLACED.match(document.text)
            if displaced:
                yield self.diagnostic(document, "FM002", displaced.start(1), displaced.end(1),
                                      "front matter must start on the first line; Jekyll reads this block as text")
            else:
                yield self.diagnostic(document, "FM001", 0, 0, "the post has no front matter (a `---` block on line 1)")
            return
        if not front.closed:
            yield self._unterminated(document, front)
        try:
            node, data = _parsed(document, front)
        except yaml.MarkedYAMLError as error:
            yield self._yaml_error(document, front, error)
            return
        except (yaml.YAMLError, ValueError, RecursionError) as error:
            yield self.diagnostic(document, "FM004", front.start, front.content_start, f"front matter refused: {error}")
            return
        if node is None:
            data = {}
        elif not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
            yield self.diagnostic(document, "FM004", front.content_start, front.content_end,
                                  "front matter must be a mapping of `key: value` lines")
            return
        positions = _Positions(document, front)
        for key_node, value_node in (node.value if node is not None else []):
            key = key_node.value
            if key in positions.nodes:
                start = positions.offset(key_node.start_mark)
                yield self.diagnostic(document, "FM005", start, start + len(key),
                                      f"duplicate key {key!r}: the value on line "
                                      f"{document.position(positions.of(key)[0])[0]} is silently lost")
            positions.nodes[key] = (key_node, value_node)
        yield from self._schema(document, front, data, positions)
        yield from self._language(document, data, positions)

    # -- structure -------------------------------------------------------------------------------

    def _unterminated(self, document, front):
        lines = front.source.splitlines()
        certain = bool(lines) and all(_KEY_LINE.fullmatch(line) for line in lines)
        fix = Fix.replace(front.content_end, front.content_end, "---\n", touches_front_matter=True) if certain else None
        return self.diagnostic(document, "FM003", front.start, front.start + 3,
                               "front matter opened by `---` is never closed", fix)

    def _yaml_error(self, document, front, error):
        mark = error.problem_mark or error.context_mark
        start = _Positions(document, front).offset(mark) if mark else front.content_start
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        return self.diagnostic(document, "FM004", start, start, f"invalid YAML: {message}")

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

    def _schema(self, document, front, data: dict, positions: _Positions):
        for key, (kinds, required) in self.keys.items():
            value = data.get(key)
            if required and (value is None or value == "" or value == []):
                present = key in positions.nodes
                where = positions.of(key) if present else (front.start, front.start, front.start + 3)
                yield self.diagnostic(document, "FM006", where[0], where[0] + (len(key) if present else 3),
                                      f"required key {key!r} is {'empty' if present else 'missing'}")
            elif key in data and value is not None and kinds and not _has_type(value, kinds):
                _, start, end = positions.of(key)
                yield self.diagnostic(document, "FM007", start, end,
                                      f"{key!r} must be {' or '.join(kinds)}, not {_type_name(value)} ({value!r:.40})")
        known = list(self.keys)
        for key in positions.nodes:
            if not isinstance(key, str) or key in self.keys:
                continue
            start = positions.of(key)[0]
            import difflib  # imported by the few posts with an unknown key, not by every run
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if close:
                yield self.diagnostic(document, "FM008", start, start + len(key),
                                      f"unknown key {key!r}: did you mean {close[0]!r}?")
            elif self.closed:
                yield self.diagnostic(document, "FM008", start, start + len(key),
                                      f"unknown key {key!r} (the schema is closed)")

    def _language(self, document, data: dict, positions: _Positions):
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


def _parsed(document, front):
    """The front matter's node tree and data.

    Valid front matter is already loaded as ``document.metadata`` (by the same ``yamlsafe.load``):
    only its node tree, with the marks of its keys, is still parsed. Anything else is loaded again,
    to raise the error that ``metadata`` swallowed. (Not from the node tree: constructing the data
    rewrites its merge keys, ``<<``.)
    """
    node = yamlsafe.compose(front.source)
    return node, document.metadata or yamlsafe.load(front.source)


class _Positions:
    """The nodes of the top-level keys and their values, by key (the last of a duplicate key);
    their offsets are worked out only for the few keys a finding is about."""

    def __init__(self, document, front):
        self.document, self.nodes = document, {}
        self.first_line = document.position(front.content_start)[0]

    def of(self, key) -> tuple[int, int, int]:
        key_node, value_node = self.nodes[key]
        return self.offset(key_node.start_mark), self.offset(value_node.start_mark), self.offset(value_node.end_mark)

    def offset(self, mark) -> int:
        # A mark at the end of the YAML may point one line past the end of the file.
        document = self.document
        line = min(self.first_line + mark.line, document.line_count)
        return min(document.offset(line) + mark.column, len(document.text))


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
