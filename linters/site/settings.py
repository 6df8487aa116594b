"""The configuration's ``site:`` section: what detection would find, set by hand.

```yaml
site:
  generator: hugo                  # jekyll, hugo, docusaurus, mkdocs, vitepress, vuepress, starlight,
                                   # eleventy, rspress, none
  root: docs                       # the site's folder, relative to the configuration
  default-language: en
  languages: [en, fr, ja]
  translation-patterns: ["content/**/*.{ext} | content/**/*.{lang}.{ext}"]
  content-roots: [content]
  front-matter-required: false
  smart-quotes: {en: true, fr: false, de: „“}   # or true / false; „“: the marks the renderer writes
```

``site: false`` turns detection off: copydesk then groups translations by the rule pack's
templates only and treats every post as a Jekyll post, as before sites were detected.
"""
from __future__ import annotations

from .model import GENERATORS


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _marks(value) -> bool:
    """Two quote marks, the opening and the closing one a renderer writes (``„“``, ``«»``)."""
    return isinstance(value, str) and len(value) == 2 and '"' not in value


KEYS = {
    "generator": (lambda v: v in GENERATORS, f"one of {', '.join(GENERATORS)}"),
    "root": (lambda v: isinstance(v, str) and bool(v), "a folder path"),
    "default-language": (lambda v: isinstance(v, str) and bool(v), "a language code"),
    "languages": (_strings, "a list of language codes"),
    "translation-patterns": (_strings, "a list of path patterns ({lang}, {date}, {ext}, *, **/, ' | ')"),
    "content-roots": (_strings, "a list of folder paths"),
    "front-matter-required": (lambda v: isinstance(v, bool), "true or false"),
    "smart-quotes": (lambda v: isinstance(v, bool) or isinstance(v, dict) and all(
        isinstance(k, str) and (isinstance(b, bool) or _marks(b)) for k, b in v.items()),
                     "true, false, or a mapping of languages to true, false or the two marks written (\u201e\u201c)"),
}


def validate(value, where: str):
    """The ``site:`` section frozen for a ``Config`` (hashable), or False; raises ``ValueError``
    with a message naming the key."""
    if value is False:
        return False
    if not isinstance(value, dict):
        raise ValueError("'site' must be a mapping of site settings, or false")
    frozen = []
    for key, setting in value.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(str(key), list(KEYS), n=1, cutoff=0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"'site': unknown key {key!r}{hint}")
        check, expected = KEYS[key]
        if not check(setting):
            raise ValueError(f"'site.{key}' must be {expected}, not {setting!r}")
        if key == "translation-patterns":
            _check_patterns(setting)
        frozen.append((key, _frozen(setting)))
    return tuple(sorted(frozen))


def _check_patterns(patterns: list[str]) -> None:
    from ..packs.loading import RulePackError
    from ..translations.templates import compile_pattern

    for pattern in patterns:
        try:
            compile_pattern(pattern, anchor="/", default_language="xx")
        except RulePackError as error:
            raise ValueError(f"'site.translation-patterns': {error}") from None


def _frozen(value):
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return tuple(sorted(value.items()))
    return value


def thawed(frozen) -> dict:
    """The settings as ``detect`` takes them."""
    settings = {}
    for key, value in frozen or ():
        settings[key] = dict(value) if key == "smart-quotes" and isinstance(value, tuple) else value
    return settings
