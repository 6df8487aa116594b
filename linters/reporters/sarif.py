"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other CI dashboards.

The log validates against the OASIS schema (a copy is in tests/data). Paths under the current
folder are relative URIs against ``%SRCROOT%``, which is what code scanning resolves against the
repository; columns count characters, so the run says ``columnKind: unicodeCodePoints``
(SARIF's default would be UTF-16 code units).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .._version import __version__
from ..output import write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_HELP_SECTIONS = (("What it finds", "what"), ("Why it matters", "why"), ("Example", "example"), ("Fix", "fix"))


def _rule(rule) -> dict:
    doc = rule.doc
    sections = [(title, doc[key]) for title, key in _HELP_SECTIONS if doc.get(key)]
    help_text = "\n\n".join(f"{title}: {text}" for title, text in sections) or rule.summary
    help_markdown = "\n\n".join(f"**{title}**\n\n{text}" for title, text in sections) or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.get("what") or rule.summary},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
        "properties": {"linter": rule.linter, "fixable": rule.fixable},
    }


def artifact_location(path: str) -> dict:
    """A relative URI against the source root, or an absolute ``file:`` URI for a path outside it."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(os.fsencode(Path(path).as_posix()), safe="/"), "uriBaseId": SOURCE_ROOT}  # the bytes


def _region(d) -> dict:
    end_column = max(d.end_column, d.column) if d.end_line == d.line else d.end_column
    return {"startLine": d.line, "startColumn": d.column, "endLine": max(d.end_line, d.line),
            "endColumn": max(end_column, 1)}


def log(result) -> dict:
    """The SARIF log of a run: the rules that were reported, then one result per finding."""
    codes = sorted({d.code for d in result.diagnostics if d.code in result.rules})
    index = {code: position for position, code in enumerate(codes)}
    results = []
    for d in result.diagnostics:
        entry = {"ruleId": d.code, "level": _LEVEL[str(d.severity)], "message": {"text": d.message},
                 "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.path),
                                                     "region": _region(d)}}]}
        if d.code in index:
            entry["ruleIndex"] = index[d.code]
        results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "copydesk", "version": __version__,
                                "informationUri": "https://pypi.org/project/copydesk/",
                                "rules": [_rule(result.rules[code]) for code in codes]}},
            "invocations": [{"executionSuccessful": not result.internal_errors}],
            "originalUriBaseIds": {SOURCE_ROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def report(result, stream, options) -> None:
    write_json(stream, json.dumps(log(result), ensure_ascii=False, indent=2))
    stream.write("\n")
