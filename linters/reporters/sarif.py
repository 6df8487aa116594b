"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other CI dashboards."""
from __future__ import annotations

import json
from pathlib import PurePath

from .. import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule) -> dict:
    doc = rule.doc
    help_text = "\n\n".join(part for part in (doc.get("what"), doc.get("why"), doc.get("fix")) if part)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc.get("what") or rule.summary},
        "help": {"text": help_text or rule.summary},
        "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
        "properties": {"linter": rule.linter, "fixable": rule.fixable},
    }


def _uri(path: str) -> str:
    return PurePath(path).as_posix()


def log(result) -> dict:
    """The SARIF log of a run: the rules that were reported, then one result per finding."""
    codes = sorted({d.code for d in result.diagnostics})
    index = {code: position for position, code in enumerate(codes)}
    rules = [_rule(result.rules[code]) for code in codes if code in result.rules]
    results = [{
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[str(d.severity)],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.path)},
            "region": {"startLine": d.line, "startColumn": d.column,
                       "endLine": d.end_line, "endColumn": max(d.end_column, d.column)},
        }}],
    } for d in result.diagnostics]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "copydesk", "version": __version__,
                                "informationUri": "https://pypi.org/project/copydesk/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def report(result, stream, options) -> None:
    json.dump(log(result), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
