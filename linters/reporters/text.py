"""``--format text``: ``path:line:col: CODE message`` lines and a one-line summary."""
from __future__ import annotations

from collections import Counter


def report(result, stream, options) -> None:
    if not options.quiet:
        for d in result.diagnostics:
            stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n")
    if options.statistics:
        _statistics(result, stream)
    stream.write(summary(result, options) + "\n")


def _statistics(result, stream) -> None:
    counts = Counter(d.code for d in result.diagnostics)
    fixable = {d.code for d in result.diagnostics if d.fixable}
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = result.rules.get(code)
        name = rule.name if rule else ""
        mark = "[*]" if code in fixable else "   "
        stream.write(f"{count:6d}  {code:<7} {mark} {name}\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(result, options) -> str:
    files = _plural(result.files, "file")
    fixed = f" Fixed {_plural(result.fixed, 'problem')}." if options.fix else ""
    if not result.diagnostics:
        return f"All checks passed ({files} checked).{fixed}"
    severities = Counter(str(d.severity) for d in result.diagnostics)
    parts = ", ".join(_plural(severities[name], name) for name in ("error", "warning", "info") if severities[name])
    affected = len({d.path for d in result.diagnostics})
    fixable = sum(d.fixable for d in result.diagnostics)
    hint = f" {fixable} fixable with --fix." if fixable and not options.fix else ""
    return (f"Found {_plural(len(result.diagnostics), 'problem')} ({parts}) in {affected} of {files}."
            f"{fixed}{hint}")
