"""Section kinds for patterns (see ``linters.packs.sections``): a pattern of a user's pack is
compiled when its pack is read, so a mistake in it is reported at once, naming its place; a
built-in one is trusted (a test compiles each) and compiled when first needed."""
from __future__ import annotations

from ..packs.loading import RulePackError
from ..packs.sections import Kind, ListOf
from .search import compile_pattern, is_trusted


class Pattern(Kind):
    """A ``regex`` pattern (V0), compiled with ``flags``."""

    wanted = "a pattern"

    def __init__(self, flags: int = 0):
        self.flags = flags

    def check(self, value, where, whole):
        if not isinstance(value, str) or not value:
            raise where.error(f"must be a non-empty pattern, not {value!r}")
        if not is_trusted(value):
            try:
                compile_pattern(value, "", self.flags)
            except RulePackError as error:
                raise where.error(str(error).removeprefix(": ")) from None


PATTERN = Pattern()
PATTERNS = ListOf(PATTERN)  # as a section: Section(name, PATTERNS, per_language=True) for phrase lists
