"""Safe YAML loading: no tag constructs a Python object, aliases cannot blow up memory or time."""
from __future__ import annotations

import re

import yaml

try:  # libyaml's parser is about ten times faster; PyYAML falls back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_ALIASES = 100
MAX_EXPANDED = 100_000  # values a document may hold once its aliases are expanded
MAX_DEPTH = 100  # nesting; deeper data would make any recursive reader hit RecursionError
MAX_SOURCE = 1_000_000
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]+")


class UnsafeYAML(yaml.YAMLError):
    """YAML refused before parsing: too large, or too many aliases (a 'billion laughs')."""


def check_source(source: str) -> None:
    if len(source) > MAX_SOURCE:
        raise UnsafeYAML(f"YAML is {len(source):,} characters, more than the {MAX_SOURCE:,} allowed")
    if "*" in source and len(_ALIAS.findall(source)) > MAX_ALIASES:
        raise UnsafeYAML(f"YAML uses more than {MAX_ALIASES} aliases; refused to expand it")


def load(source: str):
    """Parse YAML safely. Raises ``yaml.YAMLError`` (or ``UnsafeYAML``) on bad input: a value its
    tag cannot build (``!!timestamp 'garbage'``, ``!!int x``, ``2025-02-30``) is a
    ``ConstructorError`` at its place."""
    check_source(source)
    try:
        data = yaml.load(source, Loader=_Loader)  # noqa: S506 - the loader is a SafeLoader
    except (yaml.YAMLError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 - a constructor that fails on a hostile value
        raise _unbuildable(source) or (error if isinstance(error, ValueError) else
                                       UnsafeYAML(f"a value cannot be read ({type(error).__name__})")) from None
    check_shape(data)
    return data


def _unbuildable(source: str):
    """The error naming the first value its tag cannot build, at its place: PyYAML's constructors
    fail on such values with a ValueError, an AttributeError or a TypeError, and no place."""
    constructor = yaml.SafeLoader("")
    pending, seen = [compose(source)], set()
    while pending:
        node = pending.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except Exception:  # noqa: BLE001 - the very failure looked for
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                return yaml.constructor.ConstructorError(None, None, f"{node.value!r:.60} cannot be read as {tag}",
                                                         node.start_mark)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(reversed(node.value))
    return None


def compose(source: str):
    """The node tree of YAML (marks: line and column of each node); None when empty. Raises as ``load``."""
    check_source(source)
    return yaml.compose(source, Loader=_Loader)


def check_shape(data) -> None:
    """Refuse data too deep, or whose aliases expand to a huge (self-referencing: infinite) tree.

    PyYAML shares aliased values, so a "billion laughs" loads small; but any code that walks it
    (a schema check, a message quoting a value) would expand it. Walk it once, within a budget.
    """
    pending, seen = [(data, 0)], 0
    while pending:
        value, depth = pending.pop()
        seen += 1
        if seen > MAX_EXPANDED:
            raise UnsafeYAML(f"YAML expands to more than {MAX_EXPANDED:,} values (an alias bomb?); refused")
        if depth > MAX_DEPTH:
            raise UnsafeYAML(f"YAML nests more than {MAX_DEPTH} levels deep; refused")
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, (list, tuple, set)):
            pending.extend((item, depth + 1) for item in value)


def load_mapping(source: str) -> dict:
    """Parse YAML expected to be a mapping; ``{}`` when it is not valid or not a mapping."""
    try:
        data = load(source)
    except (yaml.YAMLError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}
