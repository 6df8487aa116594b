"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::warning file=PATH,line=L,col=C,title=CODE::CODE message

Properties escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF, as the
Actions toolkit does (``escapeProperty``/``escapeData``). A file name's bytes that are not UTF-8
are written ``\\xe9``, as the text format writes them.
"""
from __future__ import annotations

from ..output import printable

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result, stream, options) -> None:
    for d in result.diagnostics:
        stream.write(
            f"::{_LEVEL[str(d.severity)]} file={_escape_property(printable(d.path))},line={d.line},col={d.column},"
            f"title={_escape_property(d.code)}"
            f"::{_escape_data(f'{d.code} {d.message}')}\n")
