"""Compiling a pack's pattern (naming its place on error), and how long a search may run."""
from __future__ import annotations

from ..packs.loading import RulePackError
from ..packs.remembered import builtin_strings
from .syntax import repetition_bound

UNTIMED_LENGTH = 100_000  # characters: a built-in pattern searches a text this long in milliseconds
# Copies of one piece a user's pattern may ask for (see ``repetition_bound``): compiling that many
# takes some 20 ms and a few MB; a thousand times more took seconds and gigabytes.
MAX_REPETITIONS = 10_000


# Patterns composed of built-in parts only (see ``phrases.compose``): trusted as the parts are.
_COMPOSED: set[str] = set()


def time_limit(pattern, text: str, timeout: float | None) -> float | None:
    """The ``timeout`` to search ``text`` with: none for a built-in pattern on a text of ordinary
    length (the clock that a time limit reads costs a search a quarter of its time). A user's
    pattern may backtrack without end on any text; so may anything on a huge one."""
    if len(text) <= UNTIMED_LENGTH and is_trusted(pattern.pattern):
        return None
    return timeout


def is_trusted(source: str) -> bool:
    """A pattern of the built-in packs, or composed of their parts only: known to compile,
    compiled when first needed."""
    return source in builtin_strings() or source in _COMPOSED


def trust_composed(source: str) -> None:
    """Trust a pattern composed of built-in parts only (a test compiles every one)."""
    _COMPOSED.add(source)


def compile_pattern(source, where: str, flags: int = 0):
    """Compile a pattern from a pack with the ``regex`` module, naming the place on error."""
    import regex

    if not isinstance(source, str) or not source:
        raise RulePackError(f"{where}: a pattern must be a non-empty string")
    if not is_trusted(source):
        copies = repetition_bound(source)
        if copies > MAX_REPETITIONS:
            raise RulePackError(f"{where}: invalid pattern {_shown(source)}: its repetitions nest to {copies:,} "
                                f"copies, more than the {MAX_REPETITIONS:,} that copydesk compiles")
    try:
        return regex.compile(source, flags | regex.V0)
    except (regex.error, ValueError, OverflowError) as error:
        raise RulePackError(f"{where}: invalid pattern {_shown(source)}: {error}") from None
    except RecursionError:
        raise RulePackError(f"{where}: invalid pattern {_shown(source)}: it nests too deeply") from None


def _shown(source: str) -> str:
    """A pattern as an error quotes it: whole, unless it is long."""
    return repr(source) if len(source) <= 200 else repr(source[:200]) + "…"
