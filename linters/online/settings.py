"""The configuration's ``online:`` section: how ``copydesk check --online`` asks the network.

```yaml
online: true                      # check online on every `copydesk check` (never in the editor)
# or, to set how it asks:
online:
  enabled: false                  # true: as `online: true`; false: only with --online
  remap:                          # every URL copydesk requests, endpoints included (re.sub)
    - ['^https://export\\.arxiv\\.org/', 'https://arxiv-mirror.internal/']
  exclude: ['^https?://intranet\\.']   # URLs of posts never requested
  cache-days: 7                   # how long a URL that exists is trusted (missing: 1 day)
  timeout: 10                     # seconds for one request
  per-host: 2                     # requests at once to one host
  interval: 0.2                   # seconds between two requests to one host (arXiv: 3 at least)
  concurrency: 16                 # requests at once in all
  retries: 2                      # more tries after a 429 or 5xx answer
  max-retry-wait: 30              # the longest Retry-After honoured, in seconds
```

This module is read only when a configuration has an ``online`` key; it imports no HTTP client.
"""
from __future__ import annotations

import re
from collections import namedtuple


def _positive_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _positive_int(value) -> bool:
    return _count(value) and value > 0


def _pairs(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(item, str) for item in pair) for pair in value)


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


# key -> (check, description of the expected value, field of Settings)
KEYS = {
    "enabled": (lambda v: isinstance(v, bool), "true or false", "enabled"),
    "remap": (_pairs, "a list of [REGEX, REPLACEMENT] pairs", "remap"),
    "exclude": (_strings, "a list of regular expressions", "exclude"),
    "cache-days": (_positive_number, "a positive number of days", "cache_days"),
    "timeout": (_positive_number, "a positive number of seconds", "timeout"),
    "per-host": (_positive_int, "a positive integer", "per_host"),
    "interval": (lambda v: _positive_number(v) or v == 0, "a number of seconds, 0 or more", "interval"),
    "concurrency": (_positive_int, "a positive integer", "concurrency"),
    "retries": (_count, "a number of retries, 0 or more", "retries"),
    "max-retry-wait": (_positive_number, "a positive number of seconds", "max_retry_wait"),
}


class Settings(namedtuple("Settings", "enabled remap exclude cache_days timeout per_host interval concurrency "
                                      "retries max_retry_wait",
                          defaults=(False, (), (), 7.0, 10.0, 2, 0.2, 16, 2, 30.0))):
    """The ``online:`` section, frozen (a ``Config`` is hashed): ``remap`` and ``exclude`` hold
    the patterns as written (``remap``: ``(regex, replacement)`` pairs), compiled by ``Remap``."""

    __slots__ = ()


DEFAULT = Settings()


def validate(value, where: str) -> Settings:
    """The ``online:`` section as ``Settings``; ``ValueError`` naming the key when it is wrong."""
    if isinstance(value, bool):
        return DEFAULT._replace(enabled=value)
    if not isinstance(value, dict):
        raise ValueError("'online' must be true, false, or a mapping of online settings")
    fields = {}
    for key, setting in value.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), list(KEYS), n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"'online': unknown key {key!r}{hint}")
        check, expected, field = KEYS[key]
        if not check(setting):
            raise ValueError(f"'online.{key}' must be {expected}, not {setting!r}")
        fields[field] = setting
    remap = tuple((pattern, replacement) for pattern, replacement in fields.get("remap", ()))
    for index, (pattern, replacement) in enumerate(remap):
        problem = remap_problem(pattern, replacement)
        if problem:
            raise ValueError(f"'online.remap[{index}]': {problem}")
    exclude = tuple(fields.get("exclude", ()))
    for index, pattern in enumerate(exclude):
        problem = _pattern_problem(pattern)
        if problem:
            raise ValueError(f"'online.exclude[{index}]': {problem}")
    fields.update(remap=remap, exclude=exclude)
    for field in ("cache_days", "timeout", "interval", "max_retry_wait"):
        if field in fields:
            fields[field] = float(fields[field])
    return DEFAULT._replace(**fields)


def parse_remap(argument: str) -> tuple[str, str]:
    """``--remap 'REGEX REPLACEMENT'``: the two parts, split at the first run of spaces (a
    pattern with a space writes it ``\\s`` or ``[ ]``); ``ValueError`` saying what is wrong."""
    parts = argument.strip().split(None, 1)
    if len(parts) != 2:
        raise ValueError(f"--remap {argument!r}: expected 'REGEX REPLACEMENT', two parts separated by a space")
    problem = remap_problem(*parts)
    if problem:
        raise ValueError(f"--remap {argument!r}: {problem}")
    return parts[0], parts[1]


def remap_problem(pattern: str, replacement: str) -> str | None:
    """Why a remapping rule cannot be used, or None: the pattern must compile, and the
    replacement may name only groups the pattern has (found now, not at the first request)."""
    problem = _pattern_problem(pattern)
    if problem:
        return problem
    compiled = re.compile(pattern)
    # a pattern of empty groups with the same names and count: its match expands the template
    named = "".join(f"(?P<{name}>)" for name in compiled.groupindex)
    probe = re.compile(named + "()" * (compiled.groups - len(compiled.groupindex)))
    try:
        probe.match("").expand(replacement)  # type: ignore[union-attr]
    except (re.error, IndexError) as error:
        return f"replacement {replacement!r}: {error}"
    return None


def _pattern_problem(pattern: str) -> str | None:
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"{pattern!r} is not a regular expression: {error}"
    return None


class Remap:
    """The ``remap`` rules, compiled: each applied in turn to a URL, as ``re.sub`` does."""

    def __init__(self, rules):
        self.rules = tuple((re.compile(pattern), replacement) for pattern, replacement in rules)

    def __call__(self, url: str) -> str:
        for pattern, replacement in self.rules:
            url = pattern.sub(replacement, url)
        return url
