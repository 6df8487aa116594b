"""``--format text``: ``path:line:col: CODE message`` lines, a count by rule and a one-line summary.

On a terminal (or with ``--show-source``) each finding is followed by its line with carets under
the span, as ruff shows it; colours only on a terminal, never with ``NO_COLOR`` set. A post's
control characters never reach the terminal: in a line shown or a message they are shown as
their Unicode pictures (ESC as ␛, BEL as ␇), one column each, so a post cannot retitle, clear or
recolour the terminal; a file name's control characters and bytes that are not UTF-8 are escaped
(``caf\\xe9.md``, see ``output.printable``).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import compress
from operator import attrgetter, itemgetter

from ..diagnostics import Diagnostic
from ..output import printable
from ..patterns.deferred import deferred

_RESET, _BOLD, _RED, _YELLOW, _CYAN, _DIM = "\033[0m", "\033[1m", "\033[31m", "\033[33m", "\033[36m", "\033[2m"
_SEVERITY_COLOUR = {"error": _RED, "warning": _YELLOW, "info": _CYAN}
_MAX_SOURCE = 160
# C0 controls and DEL as their pictures (U+2400…), C1 controls (some terminals obey them) as U+FFFD.
_VISIBLE = {**{code: 0x2400 + code for code in range(0x20)}, 0x7F: 0x2421, **dict.fromkeys(range(0x80, 0xA0), 0xFFFD)}
_UNSAFE = deferred("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def report(result, stream, options) -> None:
    paint = _painter(options.color)
    if not options.quiet:
        if options.color or options.show_source:
            _findings_shown(result.diagnostics, stream, options, paint, result.texts)
        else:  # the common case, a large run piped to a file or a CI log: one write per thousand
            terminal = _is_terminal(stream)
            for start in range(0, len(result.diagnostics), _BATCH):
                batch = result.diagnostics[start:start + _BATCH]
                text = "".join([f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in batch])
                # Names and messages are escaped when a line holds a line break or an odd name, and
                # on a terminal; a pipe or a file gets a message's other control characters as they
                # are (scanning every report for them cost a fifth of a warm run's report).
                if terminal or text.count("\n") != len(batch) or not _printable_paths(batch):
                    text = "".join([f"{printable(d.path)}:{d.line}:{d.column}: {d.code} {_visible(d.message)}\n"
                                    for d in batch])
                stream.write(text)
    if options.statistics:
        _statistics(result, stream, paint)
    stream.write(summary(result, options) + "\n")
    online = getattr(result, "online", None)
    if online is not None and online.targets and not options.quiet:
        stream.write(online.summary() + "\n")


_BATCH = 1000


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _printable_paths(diagnostics) -> bool:
    """Whether every file name is printable as it is (a file's findings share its name: each
    name is looked at once)."""
    last = None
    for d in diagnostics:
        if d.path is not last:
            if not d.path.isprintable():
                return False
            last = d.path
    return True


def _findings_shown(diagnostics, stream, options, paint, texts: dict[str, str]) -> None:
    """The findings as a terminal shows them: coloured, with the source lines under them
    (``texts``: posts not read from their path, ``RunResult.texts``)."""
    from ..engine import sources

    lines_of: dict[str, list[str]] = {}
    for d in diagnostics:
        code = paint(d.code, _BOLD + _SEVERITY_COLOUR[str(d.severity)])
        stream.write(f"{paint(printable(d.path), _BOLD)}:{d.line}:{d.column}: {code} {_visible(d.message)}\n")
        if options.show_source:
            if d.path not in lines_of:
                lines_of[d.path] = sources.line_texts(d.path, texts)
            stream.write(_source_excerpt(d, lines_of[d.path], paint))


def _painter(color: bool):
    if not color:
        return lambda text, style: text
    return lambda text, style: f"{style}{text}{_RESET}"



def _visible(text: str) -> str:
    """``text`` with its control characters shown as pictures, one column each."""
    return text.translate(_VISIBLE) if _UNSAFE.search(text) or "\n" in text else text


def _width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _source_excerpt(d, lines: list[str], paint) -> str:
    if not (1 <= d.line <= len(lines)):
        return ""
    line = _visible(lines[d.line - 1].expandtabs(1))
    start = d.column - 1
    end = d.end_column - 1 if d.end_line == d.line else len(line)
    offset = max(0, start - _MAX_SOURCE // 2)
    shown = line[offset:offset + _MAX_SOURCE]
    prefix = "…" if offset else ""
    gutter = f"{d.line:>5} | "
    carets = "^" * max(1, _width(line[start:max(end, start + 1)][:_MAX_SOURCE]))
    pad = " " * (_width(prefix) + _width(line[offset:start]))
    return (f"{paint(gutter, _DIM)}{prefix}{shown}\n"
            f"{paint(' ' * 6 + '| ', _DIM)}{pad}{paint(carets, _BOLD + _SEVERITY_COLOUR[str(d.severity)])}\n")


def _statistics(result, stream, paint) -> None:
    """The findings counted by rule, most frequent first; ``[*]``: some are fixable."""
    diagnostics = result.diagnostics
    counts = Counter(map(_code, diagnostics))
    fixable = set(compress(map(_code, diagnostics), map(_fix, diagnostics)))  # a Fix is a non-empty tuple
    severity = dict(zip(map(_code, diagnostics), map(_severity, diagnostics)))  # the last one's, as shown
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = result.rules.get(code)
        name = rule.name if rule else ""
        mark = "[*]" if code in fixable else "   "
        shown = paint(f"{code:<7}", _BOLD + _SEVERITY_COLOUR[str(severity[code])])
        stream.write(f"{count:6d}  {shown} {mark} {name}\n")


_code, _severity, _path = attrgetter("code"), attrgetter("severity"), attrgetter("path")
_fix = Diagnostic.stored_fix  # None or not, without making the fix
_safe = itemgetter(1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result, options) -> str:
    files = _plural(result.files, "file")
    fixed = f" Fixed {_plural(result.fixed, 'problem')}." if options.fix else ""
    if not result.diagnostics:
        return f"All checks passed ({files} checked).{fixed}"
    severities = {str(severity): count for severity, count in Counter(map(_severity, result.diagnostics)).items()}
    parts = ", ".join(_plural(severities[name], name) for name in ("error", "warning", "info") if name in severities)
    affected = len(set(map(_path, result.diagnostics)))
    fixes = list(filter(None, map(_fix, result.diagnostics)))  # a fix is never empty: (edits, safe, …)
    safe = len(list(filter(None, map(_safe, fixes))))  # a Fix, or its plain tuple
    hint = f" {safe} fixable with --fix." if safe and not options.fix else ""
    if len(fixes) > safe:  # unsafe fixes (a dead link pointed at its archived copy)
        hint += f" {len(fixes) - safe} {'more ' if hint else ''}fixable with --fix --unsafe-fixes."
    return (f"Found {_plural(len(result.diagnostics), 'problem')} ({parts}) in {affected} of {files}."
            f"{fixed}{hint}")
