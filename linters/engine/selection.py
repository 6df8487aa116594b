"""Which rules a run reports and fixes: ``select``/``extend-select``/``ignore``, ``fixable``/
``unfixable`` and ``per-file-ignores``, as ruff does: codes or prefixes, the more specific
selector wins (``select = ["CIT"]`` with ``ignore = ["CIT001"]`` runs every CIT rule but CIT001).
"""
from __future__ import annotations

import fnmatch
from pathlib import Path

from ..config import CODE_LIST_KEYS, Config, ConfigError

# Findings that say a file (or part of it) was not checked or not written: reported whatever
# the selection, unless ignored by name, so that a narrow --select never hides them.
ALWAYS_REPORTED = ("CD001", "CD002", "CD003", "CD004", "CD005", "CD007")


def _best_match(code: str, selectors) -> int:
    """Length of the longest selector that matches a code (``ALL`` counts as 0), or -1."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def check_codes(config: Config, known: set[str]) -> None:
    """Every code or prefix the configuration names must match a known rule."""
    def check(selectors, key):
        for selector in selectors:
            if selector != "ALL" and not any(code.startswith(selector) for code in known):
                raise ConfigError(f"{config.where}: {key!r}: unknown rule code or prefix {selector!r}")

    for key in CODE_LIST_KEYS:
        check(getattr(config, key.replace("-", "_")) or (), key)
    for glob, codes in config.per_file_ignores:
        check(codes, f"per-file-ignores.{glob}")
    check([code for code, _ in config.severity], "severity")


def enabled_codes(config: Config, rules) -> set[str]:
    """The codes a run reports: default-on rules, or those selected, minus those ignored, and
    the findings of files not checked (``ALWAYS_REPORTED``) unless they are ignored by name."""
    enabled = set()
    for code, rule in rules.items():
        chosen = (0 if rule.enabled else -1) if config.select is None else _best_match(code, config.select)
        chosen = max(chosen, _best_match(code, config.extend_select))
        ignored = _best_match(code, config.ignore)
        if chosen >= 0 and ignored < chosen:
            enabled.add(code)
    enabled |= {code for code in ALWAYS_REPORTED if not any(code.startswith(p) for p in config.ignore)}
    return enabled


def fixable_codes(config: Config, rules) -> set[str]:
    selectors = config.fixable if config.fixable is not None else ("ALL",)
    return {code for code in rules
            if _best_match(code, selectors) > _best_match(code, config.unfixable)}


def ignored_codes_for(config: Config, path: str) -> tuple[str, ...]:
    """Codes that ``per-file-ignores`` turns off for a path (matched relative to the root, or by
    the file's name)."""
    if not config.per_file_ignores:
        return ()
    try:
        relative = Path(path).resolve().relative_to(config.root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        relative = Path(path).as_posix()
    codes: list[str] = []
    for pattern, ignored in config.per_file_ignores:
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            codes.extend(ignored)
    return tuple(codes)


def all_rules_ran(codes: tuple[str, ...], rules, enabled, ignored) -> bool:
    """Whether every rule a suppression names (``codes``: prefixes; none: every rule that is on
    by default) ran on a file, given the ``enabled`` codes and the file's ``ignored`` prefixes."""
    def ran(code: str) -> bool:
        return code in enabled and not any(code.startswith(prefix) for prefix in ignored)

    if not codes:
        return all(ran(code) for code, rule in rules.items() if rule.enabled)
    for prefix in codes:
        matching = [code for code in rules if code.startswith(prefix)]
        if not matching or not all(ran(code) for code in matching):
            return False
    return True
