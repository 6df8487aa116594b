"""YAML front matter read for checking: PyYAML's node tree gives where each key is."""
from __future__ import annotations

import yaml

from .. import yamlsafe
from .records import KeyPositions, Reading

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them
    from .model import Document
    from .records import FrontMatter


def read_yaml(document, front) -> Reading:
    """Valid front matter is already loaded as ``document.metadata`` (by the same
    ``yamlsafe.load``): only its node tree, with the marks of its keys, is still parsed. Anything
    else is loaded again, to raise the error that ``metadata`` swallowed. (Not from the node tree:
    constructing the data rewrites its merge keys, ``<<``.)"""
    positions = _YamlKeyPositions(document, front)
    try:
        node = yamlsafe.compose(front.source)
        data = document.metadata or yamlsafe.load(front.source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        start = positions.offset(mark) if mark else front.content_start
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        return Reading.failed(start, start, f"invalid YAML: {message}")
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        return Reading.failed(front.start, front.content_start, f"front matter refused: {error}")
    if node is None:
        return Reading({}, positions)
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return Reading.failed(front.content_start, front.content_end, "front matter must be a mapping of `key: value` lines")
    duplicates = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue  # a key that is itself a list or a mapping: nothing a schema names
        key = key_node.value
        if key in positions.nodes:
            start = positions.offset(key_node.start_mark)
            earlier = document.position(positions.of(key)[0])[0]
            duplicates.append((key, start, start + len(key), f"duplicate key {key!r}: the value on line {earlier} is silently lost"))
        positions.nodes[key] = (key_node, value_node)
    return Reading(data, positions, duplicates)


class _YamlKeyPositions(KeyPositions):
    """Positions from the nodes of the top-level keys and their values; their offsets are worked
    out only for the few keys a finding is about."""

    def __init__(self, document: Document, front: FrontMatter) -> None:
        super().__init__(fallback=front.content_start)
        self.document = document
        self.nodes: dict = {}
        self.places = self.nodes  # membership and order: the keys
        self.first_line = document.position(front.content_start)[0]

    def of(self, key) -> tuple[int, int, int]:
        nodes = self.nodes.get(key) or self.nodes.get("<<")  # a key from a merge: the merge's place
        if nodes is None:
            return self.fallback
        key_node, value_node = nodes
        return self.offset(key_node.start_mark), self.offset(value_node.start_mark), self.offset(value_node.end_mark)

    def offset(self, mark) -> int:
        # A mark at the end of the YAML may point one line past the end of the file.
        document = self.document
        line = min(self.first_line + mark.line, document.line_count)
        return min(document.offset(line) + mark.column, len(document.text))
