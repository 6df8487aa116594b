"""Values derived from the built-in packs by pure functions (a pattern's prefilter literals), kept
across runs as the parsed packs are: in ``__pycache__`` beside the packs, under the sizes and
mtimes of the packs and of the code that derives them. A one-post run (the pre-commit case)
would otherwise spend more time deriving them than linting its post."""
from __future__ import annotations

from pathlib import Path

from .loading import keep, kept_path, read_kept, rules_dir, stamp

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
        return kept_path(rules_dir(), self.name)

    def _load(self) -> dict:
        self._key = self._fingerprint()
        self._values = read_kept(self._path(), self._key) or {}
        return self._values

    def _fingerprint(self) -> str:
        sources = [*sorted(rules_dir().glob("*.yaml")), *map(Path, self.code)]
        try:
            return ";".join(f"{path.name}:{stamp(path)}" for path in sources)
        except OSError:
            return ""

    def save(self) -> None:
        if self._added and self._values is not None and self._key:
            self._added = False
            keep(self._path(), self._key, self._values)


def save_all() -> None:
    """Keep what this run derived for the next one (called once, at the end of a run)."""
    for store in _STORES:
        store.save()
