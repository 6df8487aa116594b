"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of Code Climate issues, the subset GitLab reads: ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (``path``, ``lines.begin``/``end``). GitLab
matches the findings of two pipelines by fingerprint to say what a merge request fixed or
introduced, so a fingerprint must not change when lines move: it hashes the path, the rule
code and the text of the finding's line (spaces normalised), with the count of earlier equal
findings, never the line number. Severities map error, warning, info to critical, major, info.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter

from ..engine import sources

SEVERITY = {"error": "critical", "warning": "major", "info": "info"}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """Text that can be written as UTF-8: a file name's undecodable bytes (which Python keeps as
    lone surrogates) become U+FFFD, as a UTF-8 consumer would show them."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def report_path(path: str) -> str:
    """The path as GitLab wants it: relative to the project folder, with forward slashes."""
    posix = path.replace(os.sep, "/")
    return posix[2:] if posix.startswith("./") else posix


def fingerprints(diagnostics, held: dict[str, str] | None = None) -> list[str]:
    """One fingerprint per finding, stable across runs and line moves (see the module docstring);
    ``held``: posts not read from their path (``RunResult.texts``)."""
    lines: dict[str, list[str]] = {}
    seen: Counter = Counter()
    found = []
    for d in diagnostics:
        if d.path not in lines:
            lines[d.path] = sources.line_texts(d.path, held)
        texts = lines[d.path]
        text = " ".join(texts[d.line - 1].split()) if 1 <= d.line <= len(texts) else ""
        key = (d.path, d.code, text)
        seen[key] += 1
        material = "\0".join((report_path(d.path), d.code, text, str(seen[key])))
        found.append(hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest())
    return found


def issues(result) -> list[dict]:
    return [{
        "type": "issue",
        "check_name": d.code,
        "description": f"{d.code} {d.message}",
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": SEVERITY[str(d.severity)],
        "location": {"path": report_path(d.path),
                     "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
    } for d, fingerprint in zip(result.diagnostics, fingerprints(result.diagnostics, result.texts))]


def report(result, stream, options) -> None:
    stream.write(readable(json.dumps(issues(result), ensure_ascii=False, indent=2)) + "\n")
