"""Values derived from the built-in packs by pure functions (a pattern's prefilter literals), kept
across runs as the parsed packs are: in ``__pycache__`` beside the packs, under the sizes and
mtimes of the packs and of the code that derives them. A one-post run (the pre-commit case)
would otherwise spend more time deriving them than linting its post."""
from __future__ import annotations

import marshal
import sys
from pathlib import Path

from .. import files
from ..files import replace_atomically
from .loading import MAX_REMEMBERED_BYTES, rules_dir

_STORES: list[Remembered] = []


class Remembered:
    """A mapping of built-in strings to what ``derive`` makes of them, read from the previous
    run's file on first use and written back by ``save_all`` when a run derived new values.
    ``code``: the files of the deriving functions (a change of them invalidates the values)."""

    def __init__(self, name: str, code: tuple[str, ...]):
        self.name, self.code = name, code
        self._values: dict | None = None
        self._key = ""
        self._added = False
        _STORES.append(self)

    def get(self, text: str, derive):
        values = self._values if self._values is not None else self._load()
        value = values.get(text)
        if value is None:
            value = values[text] = derive(text)
            self._added = True
        return value

    def _path(self) -> Path:
        return rules_dir() / "__pycache__" / f"{self.name}.{sys.implementation.cache_tag}.marshal"

    def _load(self) -> dict:
        self._key = self._fingerprint()
        self._values = {}
        try:
            stored_key, values = marshal.loads(files.read_bytes(self._path(), MAX_REMEMBERED_BYTES))
            if stored_key == self._key and isinstance(values, dict):
                self._values = values
        except (OSError, files.RefusedFile, ValueError, EOFError, TypeError):
            pass
        return self._values

    def _fingerprint(self) -> str:
        sources = [*sorted(rules_dir().glob("*.yaml")), *map(Path, self.code)]
        try:
            return ";".join(f"{path.name}:{(info := path.stat()).st_size}:{info.st_mtime_ns}" for path in sources)
        except OSError:
            return ""

    def save(self) -> None:
        if not self._added or self._values is None or not self._key or sys.dont_write_bytecode:
            return
        self._added = False
        try:
            content = marshal.dumps((self._key, self._values))
            if len(content) <= MAX_REMEMBERED_BYTES:
                self._path().parent.mkdir(exist_ok=True)
                replace_atomically(self._path(), content, mode=0o644)
        except (OSError, ValueError):  # a read-only install: derive again next time
            pass


def save_all() -> None:
    """Keep what this run derived for the next one (called once, at the end of a run)."""
    for store in _STORES:
        store.save()
