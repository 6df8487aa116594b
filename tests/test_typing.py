"""Typed records, free at start-up (see linters/diagnostics.py): the ``typing.NamedTuple`` mypy
reads and the ``collections.namedtuple`` Python runs have the same fields, in the same order, with
the same number of defaults."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import linters

PACKAGE = Path(linters.__file__).resolve().parent


def typed_records(tree: ast.Module):
    """``{name: (typed fields, typed defaults, run-time fields, run-time defaults)}`` of the
    records defined both ways in one module."""
    typed, runtime = {}, {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(getattr(base, "id", "") == "NamedTuple" for base in node.bases):
            fields = [item for item in node.body if isinstance(item, ast.AnnAssign)]
            typed[node.name] = ([item.target.id for item in fields], sum(item.value is not None for item in fields))
        elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
              and getattr(node.value.func, "id", "") == "namedtuple"):
            if not isinstance(node.value.args[1], ast.Constant):
                continue  # fields not written out: not a typed record's
            defaults = next((len(keyword.value.elts) if isinstance(keyword.value, ast.Tuple) else None
                             for keyword in node.value.keywords if keyword.arg == "defaults"), 0)
            runtime[node.targets[0].id] = (node.value.args[1].value.split(), defaults)
    return {name: (*typed[name], *runtime[name]) for name in typed if name in runtime}


RECORDS = {f"{path.relative_to(PACKAGE)}:{name}": record for path in sorted(PACKAGE.rglob("*.py"))
           for name, record in typed_records(ast.parse(path.read_text(encoding="utf-8"))).items()}


def test_the_package_has_typed_records():
    assert {"diagnostics.py:_Diagnostic", "diagnostics.py:_Fix", "registry.py:_Location"} <= set(RECORDS)


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_a_typed_record_has_the_fields_of_its_runtime_record(record):
    typed_fields, typed_defaults, runtime_fields, runtime_defaults = RECORDS[record]
    assert typed_fields == runtime_fields
    assert runtime_defaults is None or typed_defaults == runtime_defaults
