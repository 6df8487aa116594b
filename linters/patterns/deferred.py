"""The code's own patterns (not the packs'), compiled on first use: compiling is a large part of
what a one-post run (the pre-commit case) costs before it reads the post, and most of these
patterns serve what a post seldom holds (an HTML block, a reference definition, a transcript, a
quotation to compare), so a run pays only for those its posts need."""
from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from collections.abc import Callable


class _Deferred:
    """Stands for the pattern ``compile(source, flags)``; each of its attributes (``search``,
    ``finditer``, ``pattern``…) is taken from the compiled pattern when first asked for and kept
    here, so that a later use costs what the compiled pattern's would."""

    def __init__(self, compile: Callable, source: str, flags: int):
        self._compile, self._source, self._flags = compile, source, flags
        self._compiled = None

    def __getattr__(self, name: str):
        if name.startswith("_"):  # not a pattern's: a probe of copy or pickle, asked of no pattern
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = self._compile(self._source, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


def deferred(source: str, flags: int = 0, compile: Callable = re.compile) -> re.Pattern[str]:
    """``compile(source, flags)`` (``re.compile``, or ``regex.compile``), done when the pattern is
    first used: it has the pattern's methods and attributes, but is no ``re.Pattern`` (give it
    to no function of ``re``, such as ``re.sub``: call its own ``sub``)."""
    return _Deferred(compile, source, flags)  # type: ignore[return-value]
