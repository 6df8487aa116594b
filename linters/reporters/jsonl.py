"""``--format jsonl``: JSON Lines, one finding per line with the keys of ``--format json``.

For pipelines and very large runs: a consumer reads a finding as soon as its line is written,
and never holds the whole report. A file name that is not valid UTF-8 (Python keeps its bytes
as lone surrogates) is written with ``\\udcXX`` escapes, so every line is valid UTF-8 and a
Python reader gets the very name back (``os.fsencode``).
"""
from __future__ import annotations

import json

from ..output import json_escaped

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use it
    from typing import TextIO


def line(diagnostic) -> str:
    """One finding as a line of JSON (with its newline)."""
    text = json.dumps(diagnostic.to_json(), ensure_ascii=False)
    return json_escaped(text) + "\n"  # a lone surrogate can only sit in a string


def report(result, stream, options) -> None:
    for diagnostic in result.diagnostics:
        stream.write(line(diagnostic))


class Streaming:
    """The report written as the run goes: each file's findings as soon as the file is checked
    (``file_done``, given to the run as ``on_file``), the cross-file ones when it ends (``finish``)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.written: set[int] = set()  # the findings already out, by identity (they live to the end)

    def file_done(self, file_result) -> None:
        if file_result.diagnostics:
            self.stream.write("".join(map(line, file_result.diagnostics)))
            self.stream.flush()
            self.written.update(map(id, file_result.diagnostics))

    def finish(self, result) -> None:
        self.stream.write("".join(line(d) for d in result.diagnostics if id(d) not in self.written))
