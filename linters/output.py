"""Where the command's report goes, and how it looks there: standard output (closed, full, a
reader that went away) or a file (``-o``); colours; the progress counter on a terminal.

A problem with the output is the environment's, not copydesk's: one line that names it and exit
status 2, never "internal error" and never a traceback.
"""
from __future__ import annotations

import os
import re
import sys

EXIT_ERROR = 2


class Closed:
    """Standard output or error when the process was started with it closed (``>&-``): Python
    leaves None there. Writing to it fails as writing to a closed file does."""

    def __init__(self, name: str, quiet: bool = False):
        self.name, self.quiet = name, quiet

    def write(self, text: str) -> int:
        if self.quiet:
            return len(text)
        raise OSError(9, f"{self.name} is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(9, f"{self.name} is closed")


def output_error(where: str, error: BaseException) -> int:
    """One line naming what the report could not be written to, and why; exit status 2."""
    reason = getattr(error, "strerror", None) or str(error)
    print(f"copydesk: error: cannot write the report to {printable(where)}: {reason}", file=sys.stderr)
    return EXIT_ERROR


class OutputError(Exception):
    """The report could not be written to ``where``."""

    def __init__(self, where: str, error: OSError):
        super().__init__(where)
        self.where, self.error = where, error


def writing_to(where: str, write):
    """``write``, whose failure to write (a full disk) is named as the report's: ``OutputError``."""
    def written(*args):
        try:
            return write(*args)
        except BrokenPipeError:  # the reader went away: handled as such by the command
            raise
        except OSError as error:
            raise OutputError(where, error) from None
    return written


def write_patch(stream, diffs: list[str]) -> None:
    """The diffs as a patch: a file name that is not UTF-8 keeps its very bytes, so that
    ``patch -p1`` finds the file (a text stream would write the escape ``\\udce9``)."""
    text = "".join(diffs)
    binary = getattr(stream, "buffer", None)
    if binary is None or text.isascii():
        stream.write(text)
        return
    stream.flush()
    binary.write(text.encode("utf-8", "surrogateescape"))


def open_output(path: str):
    return open(path, "w", encoding="utf-8", errors="backslashreplace")


def unwritable(args) -> str | None:
    """Why the report could not be written where it is to go, found before the run: a closed
    standard output, an output file that is a folder or in a folder that does not exist."""
    if args.output_file is None:
        if isinstance(sys.stdout, Closed) and not args.write_baseline:
            return "standard output is closed: give -o FILE for the report"
        return None
    if args.output_file == "":
        return "-o: an empty file name"
    if os.path.isdir(args.output_file):
        return f"-o {printable(args.output_file)}: is a folder, not a file"
    folder = os.path.dirname(os.path.abspath(args.output_file))
    if not os.path.isdir(folder):
        return f"-o {printable(args.output_file)}: no such folder {printable(folder)}"
    return None


def use_color(choice: str, terminal: bool, environment=None) -> bool:
    """``--color`` decides; in ``auto``, colours on a terminal that shows them (not
    ``TERM=dumb``), NO_COLOR turns them off and FORCE_COLOR on (no-color.org: a command-line flag
    overrides both)."""
    environment = os.environ if environment is None else environment
    if choice != "auto":
        return choice == "always"
    if environment.get("NO_COLOR"):
        return False
    if environment.get("FORCE_COLOR"):
        return True
    return terminal and environment.get("TERM") != "dumb"


class Progress:
    """A one-line counter on stderr (``copydesk: 12/340 files checked``), shown once a run has
    taken ``delay`` seconds, and cleared with spaces (no escape sequence: a dumb terminal,
    NO_COLOR and ``--color never`` see none)."""

    def __init__(self, what: str = "files checked", delay: float = 0.5):
        import time

        self._clock = time.monotonic
        self._start = self._clock()
        self._what, self._delay = what, delay
        self._shown = 0  # the width of the line shown
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        if now - self._start < self._delay or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        line = f"copydesk: {done}/{total} {self._what}"
        self._shown = len(line)
        sys.stderr.write(f"\r{line}")
        sys.stderr.flush()

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r" + " " * self._shown + "\r")
            sys.stderr.flush()


_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """A file name as a line of text shows it: a byte that is not UTF-8 (Python holds it as a
    surrogate, U+DC80 to U+DCFF) is written ``\\xe9``, as Python writes bytes; a control
    character ``\\n``, ``\\t``, ``\\r`` or ``\\x1b``. Everything else is kept, so the name reads
    as the user sees it in a file manager."""
    if text.isprintable():
        return text
    pieces = []
    for character in text:
        code = ord(character)
        if 0xDC80 <= code <= 0xDCFF:
            pieces.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            pieces.append(_CONTROL_ESCAPES.get(character) or f"\\x{code:02x}")
        elif 0xD800 <= code < 0xE000:
            pieces.append(f"\\u{code:04x}")
        else:
            pieces.append(character)
    return "".join(pieces)


def write_json(stream, text: str) -> None:
    """Write JSON text (``ensure_ascii=False``) at no extra cost: a lone surrogate, the byte of a
    file name that is not UTF-8, cannot be encoded, and only then is the text escaped
    (``json_escaped``). Standard output and ``-o`` files are opened with the error handler
    ``backslashreplace``, which writes such a character as that same escape."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(json_escaped(text))


def json_escaped(text: str) -> str:
    """JSON text (``ensure_ascii=False``) whose lone surrogates, the bytes of a file name that is
    not UTF-8, are written as ``\\udcXX`` escapes: valid UTF-8, and a Python reader gets the very
    name back (``os.fsencode``)."""
    # compiled (and cached by `re`) when first needed: few runs have a file name to escape
    return re.sub("[\ud800-\udfff]", lambda match: f"\\u{ord(match.group()):04x}", text)
