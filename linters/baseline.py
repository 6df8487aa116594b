"""Baselines: record today's findings so that only new ones are reported.

For a site with thousands of legacy posts, ``--write-baseline FILE`` records every current
finding and ``--baseline FILE`` reports only findings that are not in it. A finding is matched
by its file, its rule code and the text of its line (whitespace-normalised), not by its line
number, so editing a post above an old finding does not bring it back. When a line holds the
same finding several times, the count is recorded and only the extra ones are new.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path

from . import files
from .output import json_escaped
from .engine import sources

FORMAT = 1
MAX_BYTES = 256_000_000  # about two million findings; a pipe or /dev/zero is refused at once


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file."""


def _keys(diagnostics, root: Path, held: dict[str, str] | None) -> list[tuple[str, str, str]]:
    """One key per diagnostic, in order: (path relative to the baseline, code, line hash);
    ``held``: posts not read from their path (standard input's), by path as shown."""
    lines: dict[str, list[str]] = {}
    keys = []
    for diagnostic in diagnostics:
        if diagnostic.path not in lines:
            lines[diagnostic.path] = sources.line_texts(diagnostic.path, held)
        texts = lines[diagnostic.path]
        text = " ".join(texts[diagnostic.line - 1].split()) if diagnostic.line <= len(texts) else ""
        digest = hashlib.sha1(f"{diagnostic.code}\0{text}".encode()).hexdigest()[:16]
        relative = os.path.relpath(os.path.abspath(diagnostic.path), root).replace(os.sep, "/")
        keys.append((relative, diagnostic.code, digest))
    return keys


def write(path: Path, diagnostics, texts: dict[str, str] | None = None) -> int:
    """Record the findings in a baseline file; returns how many were recorded."""
    path = Path(path)
    counts = Counter(_keys(diagnostics, path.resolve().parent, texts))
    entries = [{"path": p, "code": c, "line_hash": h, "count": n} for (p, c, h), n in sorted(counts.items())]
    text = json.dumps({"copydesk_baseline": FORMAT, "findings": entries}, indent=1, ensure_ascii=False) + "\n"
    files.replace_atomically(path.resolve(), json_escaped(text).encode())  # a name's odd bytes as \udcXX
    return sum(counts.values())


def read(path: Path) -> Counter:
    try:
        data = json.loads(files.read_text(path, MAX_BYTES))
        if data.get("copydesk_baseline") != FORMAT:
            raise ValueError("not a copydesk baseline (format 1)")
        return Counter({(e["path"], e["code"], e["line_hash"]): int(e["count"]) for e in data["findings"]})
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, files.RefusedFile) as error:
        raise BaselineError(f"{path}: not a valid baseline: {error}") from None


def new_findings(path: Path, diagnostics, texts: dict[str, str] | None = None) -> list:
    """The diagnostics not covered by the baseline at ``path``."""
    remaining = read(path)
    kept = []
    for diagnostic, key in zip(diagnostics, _keys(diagnostics, Path(path).resolve().parent, texts)):
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(diagnostic)
    return kept
