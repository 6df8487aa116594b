"""Configuration: discovery of ``.copydesk.yaml`` / ``[tool.copydesk]``, and validation.

The configuration is found from the current folder upwards (the first folder with either file
wins), or named with ``--config``. Every key is checked: an unknown key, a wrong type or an
unknown rule code is an error that names the key and the file.
"""
from __future__ import annotations

import re
import os
import sys
from collections import namedtuple
from pathlib import Path

from . import files
from .diagnostics import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:  # what mypy reads, and Python never runs: importing typing costs every run start-up
    from typing import Any, NamedTuple

    from .online.settings import Settings
    from .site import Site

CONFIG_FILES = (".copydesk.yaml", ".copydesk.yml")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                   "_site", ".jekyll-cache", ".sass-cache", ".copydesk_cache", ".tox", ".nox")
DEFAULT_CACHE_DIR = ".copydesk_cache"


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _string_lists(value) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and _strings(v) for k, v in value.items())


def _mapping_of_mappings(value) -> bool:
    return isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())


def _positive_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def _positive_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# A worker per core is the default; more than a few per core only costs memory and start-up
# (``--jobs 1000`` once forked 530 processes before the system refused more).
MAX_JOBS = max(64, 4 * (os.cpu_count() or 1))
# The guard against a pattern that backtracks: never off (``.inf``), never a hang in disguise.
MAX_REGEX_TIMEOUT = 60.0
# A configuration file is read only when it is a regular file of at most this size: a pipe or
# /dev/zero named as one would block the run or fill its memory.
MAX_CONFIG_BYTES = 4_000_000


def _jobs(value) -> bool:
    return _positive_int(value) and value <= MAX_JOBS


def _timeout(value) -> bool:
    return _positive_number(value) and value <= MAX_REGEX_TIMEOUT  # NaN compares false: refused


def _docs_url(value) -> bool:
    """An http(s) URL whose only placeholders are ``{code}`` and ``{name}``."""
    if not isinstance(value, str):
        return False
    return re.fullmatch(r"https?://[^\s{}]+", re.sub(r"\{(?:code|name)\}", "", value)) is not None


# key -> (check, description of the expected type)
KEYS = {
    "select": (_strings, "a list of rule codes or prefixes"),
    "extend-select": (_strings, "a list of rule codes or prefixes"),
    "ignore": (_strings, "a list of rule codes or prefixes"),
    "fixable": (_strings, "a list of rule codes or prefixes"),
    "unfixable": (_strings, "a list of rule codes or prefixes"),
    "per-file-ignores": (_string_lists, "a mapping of glob patterns to lists of rule codes"),
    "severity": (lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values()),
                 "a mapping of rule codes to error, warning or info"),
    "fail-on": (lambda v: isinstance(v, str), "error, warning or info"),
    "include": (_strings, "a list of glob patterns"),
    "exclude": (_strings, "a list of glob patterns"),
    "extend-exclude": (_strings, "a list of glob patterns"),
    "language": (lambda v: isinstance(v, str), "a language code"),
    "linters": (_mapping_of_mappings, "a mapping of linter names to their options"),
    "rule-packs": (_strings, "a list of rule pack files"),
    "max-file-size": (_positive_int, "a positive number of bytes"),
    "regex-timeout": (_timeout, f"a number of seconds above 0, at most {MAX_REGEX_TIMEOUT:g}"),
    "jobs": (_jobs, f"a positive integer, at most {MAX_JOBS}"),
    "cache": (lambda v: isinstance(v, bool), "true or false"),
    "cache-dir": (lambda v: isinstance(v, str), "a folder path"),
    "unsafe-fixes": (lambda v: isinstance(v, bool), "true or false"),
    "docs-url": (_docs_url, "an http(s) URL of a rule's page, with {code} or {name} placeholders"),
    "site": (lambda v: v is False or isinstance(v, dict), "a mapping of site settings (see `copydesk site`), or false"),
    "online": (lambda v: isinstance(v, (bool, dict)), "true, false, or a mapping of online settings"),
}
CODE_LIST_KEYS = ("select", "extend-select", "ignore", "fixable", "unfixable")


_CONFIG_DEFAULTS = {
    "root": None,  # the folder paths in the configuration are relative to (None: the current one)
    "source": None,
    "select": None,
    "extend_select": (),
    "ignore": (),
    "fixable": None,
    "unfixable": (),
    "per_file_ignores": (),  # ((glob, codes), ...)
    "severity": (),  # ((code, Severity), ...)
    "fail_on": Severity.WARNING,
    "include": DEFAULT_INCLUDE,
    "exclude": DEFAULT_EXCLUDE,
    "extend_exclude": (),
    "language": None,
    "linters": None,  # linter name -> its options (None: none)
    "rule_packs": (),
    "max_file_size": 10_000_000,
    "regex_timeout": 1.0,
    "jobs": None,
    "cache": True,
    "cache_dir": DEFAULT_CACHE_DIR,
    "unsafe_fixes": False,
    "docs_url": None,  # a rule's documentation page, with {code} and {name} placeholders (editors link to it)
    "site_settings": None,  # the ``site:`` section, frozen (``linters.site.settings``); False: no detection
    "site": None,  # the detected ``linters.site.Site`` of a run (``linters.site.attach``); None: not detected
    "online": False,  # check links and identifiers on the network (``check --online``, ``online: true``)
    "online_settings": None,  # the ``online:`` section (``linters.online.settings.Settings``); None: defaults
}
_LINTERS = list(_CONFIG_DEFAULTS).index("linters")

if TYPE_CHECKING:
    class _Config(NamedTuple):
        """The fields above as a made ``Config`` holds them (``Config.__new__`` fills in ``root``
        and ``linters``): a typed record, free at start-up (see linters/diagnostics.py)."""
        root: Path
        source: str | None
        select: tuple[str, ...] | None
        extend_select: tuple[str, ...]
        ignore: tuple[str, ...]
        fixable: tuple[str, ...] | None
        unfixable: tuple[str, ...]
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
        severity: tuple[tuple[str, Severity], ...]
        fail_on: Severity
        include: tuple[str, ...]
        exclude: tuple[str, ...]
        extend_exclude: tuple[str, ...]
        language: str | None
        linters: dict[str, dict[str, Any]]
        rule_packs: tuple[str, ...]
        max_file_size: int
        regex_timeout: float
        jobs: int | None
        cache: bool
        cache_dir: str
        unsafe_fixes: bool
        docs_url: str | None
        site_settings: Any  # the ``site:`` section frozen (``linters.site.settings``), False, or None
        site: Site | None
        online: bool
        online_settings: Settings | None
else:
    _Config = namedtuple("Config", _CONFIG_DEFAULTS, defaults=_CONFIG_DEFAULTS.values())


class Config(_Config):
    """A validated configuration: a named tuple of the fields above (a dataclass costs start-up).
    ``root`` is the folder paths in the configuration are relative to."""

    __slots__ = ()

    def __new__(cls, *args, **fields):
        config = super().__new__(cls, *args, **fields)
        if config.root is None or config.linters is None:
            config = config._replace(root=Path.cwd() if config.root is None else config.root,
                                     linters={} if config.linters is None else config.linters)
        return config

    def __hash__(self) -> int:  # the linters' options are a mapping, compared but not hashed
        return hash(self[:_LINTERS] + self[_LINTERS + 1:])

    @property
    def where(self) -> str:
        return self.source or "command line"

    def with_overrides(self, **changes) -> "Config":
        return self._replace(**{key: value for key, value in changes.items() if value is not None})


# --- discovery and loading ----------------------------------------------------------------


def discover(start: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (default: the current folder) upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = files.read_text(pyproject, MAX_CONFIG_BYTES)
    except (OSError, UnicodeDecodeError, files.RefusedFile):
        return False
    return "[tool.copydesk" in text


def load(path: Path | None = None, *, discover_from: Path | None = None) -> Config:
    """Load and validate a configuration file; with no path, discover one (or use defaults)."""
    if path is None:
        path = discover(discover_from)
        if path is None:
            return Config()
    path = Path(path)
    raw = _read(path)
    return from_mapping(raw, root=path.resolve().parent, source=str(path))


def _read(path: Path) -> dict:
    try:
        text = files.read_text(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError, files.RefusedFile) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    if path.name == "pyproject.toml" or path.suffix == ".toml":
        if sys.version_info >= (3, 11):  # a test mypy reads too (it checks for the oldest Python supported)
            import tomllib
        else:
            import tomli as tomllib
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        section = data.get("tool", {}).get("copydesk", {}) if path.name == "pyproject.toml" else data
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.copydesk] must be a table")
        return section
    import yaml

    from . import yamlsafe

    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: invalid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys")
    return data


def from_mapping(raw: dict, *, root: Path | None = None, source: str | None = None) -> Config:
    """Validate a configuration mapping (keys as in the files, kebab-case)."""
    where = source or "configuration"
    for key, value in raw.items():
        if key not in KEYS:
            suggestion = _closest(key, KEYS)
            hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
            raise ConfigError(f"{where}: unknown key {key!r}{hint}")
        check, expected = KEYS[key]
        if not check(value):
            raise ConfigError(f"{where}: {key!r} must be {expected}, not {value!r}")
    severity = []
    for code, name in (raw.get("severity") or {}).items():
        try:
            severity.append((code, Severity.parse(name)))
        except ValueError as error:
            raise ConfigError(f"{where}: 'severity.{code}': {error}") from None
    try:
        fail_on = Severity.parse(raw.get("fail-on", "warning"))
    except ValueError as error:
        raise ConfigError(f"{where}: 'fail-on': {error}") from None
    root = Path(root) if root else Path.cwd()
    site_settings = _section("site", raw["site"], where) if "site" in raw else None
    online_settings = _section("online", raw["online"], where) if "online" in raw else None
    config = Config(
        root=root,
        source=source,
        select=tuple(raw["select"]) if "select" in raw else None,
        extend_select=tuple(raw.get("extend-select", ())),
        ignore=tuple(raw.get("ignore", ())),
        fixable=tuple(raw["fixable"]) if "fixable" in raw else None,
        unfixable=tuple(raw.get("unfixable", ())),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in (raw.get("per-file-ignores") or {}).items()),
        severity=tuple(severity),
        fail_on=fail_on,
        include=tuple(raw.get("include", DEFAULT_INCLUDE)),
        exclude=tuple(raw.get("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(raw.get("extend-exclude", ())),
        language=raw.get("language"),
        linters=raw.get("linters", {}),
        rule_packs=tuple(str((root / pack)) for pack in raw.get("rule-packs", ())),
        max_file_size=raw.get("max-file-size", 10_000_000),
        regex_timeout=float(raw.get("regex-timeout", 1.0)),
        jobs=raw.get("jobs"),
        cache=raw.get("cache", True),
        cache_dir=str(root / raw["cache-dir"]) if "cache-dir" in raw else str(root / DEFAULT_CACHE_DIR),
        unsafe_fixes=raw.get("unsafe-fixes", False),
        docs_url=raw.get("docs-url"),
        site_settings=site_settings,
        online=bool(online_settings and online_settings.enabled),
        online_settings=online_settings,
    )
    if config.language is not None:
        from . import languages

        if languages.normalize(config.language) is None:
            raise ConfigError(f"{where}: 'language': {config.language!r} is not a language code")
    return config


def _section(key: str, value, where: str):
    """The ``site:`` or ``online:`` section, validated by the part that uses it (imported only
    when the configuration has the section)."""
    if key == "site":
        from .site.settings import validate
    else:
        from .online.settings import validate
    try:
        return validate(value, where)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def _closest(word: str, candidates) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None
