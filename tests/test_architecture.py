"""The house: imports run one way through the package (no import runs upward, no cycle between
its parts), read from the source with ``ast``.

A *part* is a subpackage of ``linters/`` or one of its top-level modules. The layers, from the
bottom: the leaves (``yamlsafe``, ``files``, ``_version``: they import nothing of the package);
the core (rule packs, patterns, the document model, diagnostics, the registry, languages,
identifiers: it knows no linter); the linter families (``registry.BUILTIN_MODULES``: they know
the core, and neither the engine nor what runs it, nor each other); then the engine,
the reporters, the CLI and the language server.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import linters
from conftest import REPO
from linters import registry

PACKAGE = Path(linters.__file__).resolve().parent
LEAVES = {"yamlsafe", "files", "_version"}
CORE = {"packs", "patterns", "document", "diagnostics", "registry", "files", "languages", "identifiers"}
FAMILIES = {module.split(".")[1] for module in registry.BUILTIN_MODULES}
# What runs the linters, or serves them; ``online`` (network checks) is not a linter's business either.
ABOVE_THE_LINTERS = {"engine", "cli", "server", "reporters", "online"}
FACE = "linters"  # the package itself: its __init__ imports the engine for the Python API

# Cycles between parts: none. (``config`` reads its ``site:`` and ``online:`` sections with
# ``site.settings`` and ``online.settings``, so neither ``site`` nor ``online`` imports the
# configuration or the engine: ``copydesk site`` is given its configuration and files by the CLI,
# and the run's online step is ``engine.online``.)
KNOWN_CYCLES: set[frozenset[str]] = set()
# And within a part: none (translations.checks runs the rule groups, which import comparison).
KNOWN_MODULE_CYCLES: set[frozenset[str]] = set()


def module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


MODULES = module_names()


def imports(module: str, path: Path) -> list[tuple[str, bool]]:
    """``(imported module, only for type checking)`` for each name ``module`` imports from the
    package, at its top or inside a function (a lazy import is an import all the same)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) and child.test.id == "TYPE_CHECKING":
                for statement in child.body:
                    visit_statement(statement, True)
                for statement in child.orelse:
                    visit_statement(statement, typing_only)
            else:
                visit_statement(child, typing_only)

    def visit_statement(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend((alias.name, typing_only) for alias in node.names if alias.name.split(".")[0] == FACE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == FACE:
                for alias in node.names:  # `from . import languages` imports a module, not the face
                    submodule = f"{target}.{alias.name}"
                    found.append((submodule if submodule in MODULES else target, typing_only))
        else:
            visit(node, typing_only)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def part(module: str) -> str:
    return module.split(".")[1] if "." in module else FACE


EDGES = [(module, imported, typing_only) for module, path in MODULES.items()
         for imported, typing_only in imports(module, path)]


def imports_of_parts(parts: set[str]) -> list[tuple[str, str]]:
    """(importing module, imported module) for every import made by a module of ``parts``."""
    return [(module, imported) for module, imported, _ in EDGES if part(module) in parts]


def test_the_graph_is_read():
    assert ("linters.hallucinations.linter", "linters.registry") in imports_of_parts({"hallucinations"})
    assert ("linters.cli", "linters.reporters") in imports_of_parts({"cli"})  # a lazy import counts
    assert {"citations", "frontmatter", "hallucinations", "quotes", "translations"} <= FAMILIES  # a new one may join


def test_the_leaves_import_nothing_of_the_package():
    assert imports_of_parts(LEAVES) == []


def test_the_core_imports_only_the_core_and_the_leaves():
    upward = [(module, imported) for module, imported in imports_of_parts(CORE)
              if part(imported) not in CORE | LEAVES]
    assert upward == []


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_a_linter_imports_neither_what_runs_it_nor_another_linter(family):
    wrong = [(module, imported) for module, imported in imports_of_parts({family})
             if part(imported) in ABOVE_THE_LINTERS | (FAMILIES - {family}) | {FACE}]
    assert wrong == []


def test_no_module_imports_the_package_face():
    assert [(module, imported) for module, imported, _ in EDGES if imported == FACE] == []


def cycles(edges: set[tuple[str, str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_cycles_are_found():
    assert cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == {frozenset("abc")}
    assert cycles({("a", "b"), ("b", "c")}) == set()


def test_no_cycle_between_the_parts_of_the_package():
    """Imports made only for type checking do not count: they never run."""
    between_parts = {(part(module), part(imported)) for module, imported, typing_only in EDGES
                     if not typing_only and part(module) != part(imported)}
    assert cycles(between_parts) == KNOWN_CYCLES


def test_no_cycle_between_the_modules_of_a_part():
    """Within a subpackage, a module that imports its package's ``__init__`` (which imports the
    others) is not a cycle of the modules themselves."""
    between_modules = {(module, imported) for module, imported, typing_only in EDGES
                       if not typing_only and part(module) == part(imported) and imported != f"{FACE}.{part(module)}"}
    assert cycles(between_modules) == KNOWN_MODULE_CYCLES


MAX_MODULE_LINES = 500
MAX_CLASS_LINES = 250
# Classes above the limit that their room's owner is splitting (remove a name once it is split).
KNOWN_LARGE_CLASSES: set[str] = set()


def class_sizes() -> dict[str, int]:
    """``module.Class`` -> its lines, from ``class`` to its last statement (nested classes too)."""
    sizes = {}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                sizes[f"{module}.{node.name}"] = node.end_lineno - node.lineno + 1  # type: ignore[operator]
    return sizes


def test_class_sizes_are_measured():
    sizes = class_sizes()
    assert 150 < sizes["linters.document.blocks._BlockScanner"] <= MAX_CLASS_LINES
    assert sizes["linters.document.containers.Container"] == 8


def test_no_module_is_over_the_limit():
    large = {module: len(path.read_text(encoding="utf-8").splitlines()) for module, path in MODULES.items()}
    assert {module: lines for module, lines in large.items() if lines > MAX_MODULE_LINES} == {}, \
        f"split the module by concern: no module over {MAX_MODULE_LINES} lines"


def test_no_class_is_over_the_limit():
    large = {name: lines for name, lines in class_sizes().items()
             if lines > MAX_CLASS_LINES and name not in KNOWN_LARGE_CLASSES}
    assert large == {}, f"split the class by concern: no class over {MAX_CLASS_LINES} lines"


def readme_architecture_rows() -> list[set[str]]:
    """The parts each row of the README's architecture table names (``cli.py``, ``engine/``)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")  # the checkout's, where the package may be installed elsewhere
    section = readme.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return [{name.rstrip("/").removesuffix(".py") for name in re.findall(r"`([^`]+)`", row)} for row in rows]


def test_the_readme_architecture_lists_every_part_of_the_package():
    listed = [name for row in readme_architecture_rows() for name in row]
    parts = {part(module) for module in MODULES} - {FACE, "__main__"}
    assert sorted(listed) == sorted(parts), "add the new module or subpackage to the README's Architecture table"


def test_each_row_of_the_readme_architecture_imports_only_rows_above_it_or_itself():
    rank = {name: index for index, row in enumerate(readme_architecture_rows()) for name in row}
    upward = {(part(module), part(imported)) for module, imported, typing_only in EDGES
              if not typing_only and part(module) in rank and part(imported) in rank
              and rank[part(imported)] > rank[part(module)]}
    assert upward == set()
