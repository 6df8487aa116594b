"""Values derived from the built-in packs by pure functions (a pattern's prefilter literals), kept
across runs as the parsed packs are: in ``__pycache__`` beside the packs, under the sizes and
mtimes of the packs and of the code that derives them. A one-post run (the pre-commit case)
would otherwise spend more time deriving them than linting its post."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .loading import keep, kept_path, load_builtin, read_kept, rules_dir, stamp

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
        # the packs listed by name, not globbed with pathlib: each store of a run fingerprints them
        folder = rules_dir()
        try:
            packs = [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if name.endswith(".yaml")]
            return ";".join(f"{os.path.basename(path)}:{stamp(path)}" for path in [*packs, *self.code])
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


# Every string of the built-in packs, derived once per change of a pack (walking them all cost a
# one-post run 2 %)
_BUILTIN_STRINGS = Remembered("builtin-strings", (__file__,))


@lru_cache(maxsize=1)
def builtin_strings() -> frozenset[str]:
    """Every string of the built-in packs. Their patterns are the project's own: each compiles
    (a test compiles every one) and is written to run in linear time (no nested quantifier
    without a separator), so they may be compiled when first needed and searched untimed."""
    return _BUILTIN_STRINGS.get("all", _strings_of_the_packs)


def _strings_of_the_packs(_: str) -> frozenset[str]:
    strings: set[str] = set()
    pending: list = [load_builtin(path.stem) for path in sorted(rules_dir().glob("*.yaml"))]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            strings.add(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return frozenset(strings)
