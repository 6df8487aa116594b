"""What a run gives: one ``FileResult`` per file, one ``RunResult`` for the run, its exit status."""
from __future__ import annotations

from ..diagnostics import Diagnostic, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from ..suppressions import Suppression


class FileResult:
    """What linting one file gave: its ``diagnostics``, the cross-file linters' ``summaries`` (by
    linter name, packed in large runs), its ``suppressions``, how many fixes were applied
    (``fixed``), with --diff what --fix would change (``diff``), whether a linter failed on it
    (``internal_error``), the linters whose checks did not all run on it (``incomplete``: a
    linter that failed, a translation that could not be read; its suppressions are not judged),
    the hash of the bytes linted and their ``stat`` after the read, for the cache (``digest``,
    ``signature``: "" and None when nothing was read), and, in a run that fixes, the new text
    to write or show (``rewrite``). A plain class: dataclasses cost start-up, and these are
    pickled by the thousand."""

    __slots__ = ("path", "diagnostics", "summaries", "suppressions", "fixed", "diff", "internal_error", "digest",
                 "incomplete", "signature", "rewrite")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, *, internal_error: bool = False):
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.summaries: dict = {}
        self.suppressions: list[Suppression] = []
        self.fixed = 0
        self.diff = ""
        self.internal_error = internal_error
        self.digest = ""
        self.incomplete: set[str] = set()
        self.signature = None
        self.rewrite: Rewrite | None = None

    def __reduce__(self):
        # Findings go as plain tuples (see ``Diagnostic.stored``): they come back at C speed.
        return _stored_result, (self.path, [d.stored() for d in self.diagnostics], self.summaries, self.suppressions,
                                self.fixed, self.diff, self.internal_error, self.digest, self.incomplete,
                                self.signature, self.rewrite)


def _stored_result(path, rows, summaries, suppressions, fixed, diff, internal_error, digest, incomplete=(),
                   signature=None, rewrite=None) -> FileResult:
    result = FileResult(path, list(map(Diagnostic.from_stored, rows)), internal_error=internal_error)
    result.summaries, result.suppressions, result.fixed, result.diff, result.digest = (
        summaries, suppressions, fixed, diff, digest)
    result.incomplete, result.signature, result.rewrite = set(incomplete), signature, rewrite
    return result


class Rewrite:
    """A post's text after its fixes, kept until the run has judged its suppressions (after the
    cross-file checks) and writes it, once: where it is (``path``), its ``text`` now and as it
    was read (``original``: kept for --diff only), how to encode it back (``encoding``, ``bom``),
    the hash of the bytes read (``digest``: the post must still hold them when it is replaced),
    and its findings as read (``unfixed``: reported if the post cannot be written)."""

    __slots__ = ("path", "text", "original", "encoding", "bom", "digest", "unfixed")

    def __init__(self, path: str, text: str, original: str | None, encoding: str, bom: bytes, digest: str,
                 unfixed: list[Diagnostic]):
        self.path, self.text, self.original, self.encoding, self.bom = path, text, original, encoding, bom
        self.digest, self.unfixed = digest, unfixed

    def __reduce__(self):
        return _stored_rewrite, (self.path, self.text, self.original, self.encoding, self.bom, self.digest,
                                 [d.stored() for d in self.unfixed])

    def encoded(self) -> bytes:
        return self.bom + self.text.encode(self.encoding)


def _stored_rewrite(path, text, original, encoding, bom, digest, unfixed) -> Rewrite:
    return Rewrite(path, text, original, encoding, bom, digest, list(map(Diagnostic.from_stored, unfixed)))


class RunResult:
    """What a run gave: every finding, sorted, and what the reporters say about the run
    (``paths``: the files checked, as shown, in report order; ``online``: with ``--online``,
    what the network said, a ``linters.engine.online.OnlineReport``, else None; ``texts``: the posts
    not read from their path, standard input's, by path as shown: their lines are quoted from
    here, not from the file on disk)."""

    __slots__ = ("diagnostics", "files", "fixed", "diffs", "internal_errors", "rules", "paths", "online", "texts")

    def __init__(self, diagnostics: list[Diagnostic], files: int, fixed: int = 0, diffs: list[str] | None = None,
                 internal_errors: int = 0, rules: dict[str, Rule] | None = None, paths: list[str] | None = None,
                 online=None, texts: dict[str, str] | None = None):
        self.diagnostics, self.files, self.fixed, self.internal_errors = diagnostics, files, fixed, internal_errors
        self.diffs = [] if diffs is None else diffs
        self.rules = {} if rules is None else rules
        self.paths = [] if paths is None else paths
        self.online = online
        self.texts = {} if texts is None else texts


def exit_status(result: RunResult, config) -> int:
    """0: nothing at or above ``fail-on``; 1: something was; 2: a linter failed on some file."""
    if result.internal_errors:
        return 2
    failing = config.fail_on
    return 1 if any(d.severity >= failing for d in result.diagnostics) else 0
