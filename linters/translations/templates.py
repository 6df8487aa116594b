"""Path templates of translation groups: which files are versions of one page.

A template names where the versions of a page are, relative to the site (or, for the rule pack's
templates, at the end of any path): ``{lang}`` is a language (the same at every place it appears),
``{date}`` is ``YYYY-MM-DD``, ``{ext}`` is ``md``, ``markdown`` or ``mdx``, ``*`` is any name within a
folder and ``**/`` any folders. A *pattern* joins templates with `` | ``: files that match any of them
with the same text in their wildcards are versions of one page, so the default language can live
without a folder (``docs/**/*.{ext} | i18n/{lang}/docusaurus-plugin-content-docs/current/**/*.{ext}``)
and one page can be ``.md`` in one language and ``.mdx`` in another. A template without ``{lang}``
holds the default language, or the one it names before ``=`` (``en=content/**/*.{ext}``).
"""
from __future__ import annotations

import re
from collections import namedtuple

from ..packs.loading import RulePackError
from ..patterns.deferred import deferred

EXTENSIONS = ("md", "markdown", "mdx")
_TOKEN = re.compile(r"\{lang\}|\{date\}|\{ext\}|\*\*/|\*|[^{*]+|\{")
_ANY_LANGUAGE = r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{2,8})?"
_FIXED_LANGUAGE = re.compile(r"^([A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{2,8})?)=(.+)$")
_WILDCARDS = {"{date}": r"\d{4}-\d{2}-\d{2}", "**/": r"(?:[^/]+/)*", "*": r"[^/]*"}
_EXTENSION = r"\.(?:" + "|".join(EXTENSIONS) + ")"

# One template of a pattern, compiled. ``regex`` matches a path (absolute, POSIX); ``language`` is
# the fixed language of a template without ``{lang}`` (None: the site's default is not known);
# ``page`` matches a page path and gives back the wildcards' values; ``items`` rebuild a path:
# ("lit", text), ("w", group name), ("lang", separator before, separator after), ("ext",);
# ``anchored``: the template is relative to a folder (group ``root`` of ``regex``), not matched at
# the end of any path.
Template = namedtuple("Template", "text regex has_language language page items anchored wildcards removed")
Match = namedtuple("Match", "key language template prefix")  # key: (pattern index, prefix, page path)


def split_pattern(pattern: str) -> list[str]:
    return [part.strip() for part in pattern.split(" | ") if part.strip()]


def compile_pattern(pattern: str, *, anchor, languages=None, default_language=None) -> list[Template]:
    """The templates of a pattern, those with ``{lang}`` first. ``anchor``: the absolute folder the
    templates are relative to, or the ways of writing it (a path through a symbolic link and its
    real path); None: they match at the end of any path, as the rule pack's do.
    ``languages``: the texts ``{lang}`` may be (None: any language code)."""
    templates = []
    for text in split_pattern(pattern):
        fixed = _FIXED_LANGUAGE.match(text)
        language, body = (fixed.group(1), fixed.group(2)) if fixed else (default_language, text)
        templates.append(_compile(body, anchor, languages, language, text))
    if not any(t.has_language for t in templates) and len(templates) < 2:
        raise RulePackError(f"translations: path pattern {pattern!r} has no {{lang}}")
    return sorted(templates, key=lambda t: not t.has_language)


def _items(body: str) -> list[list]:
    items: list[list] = []
    for token in _TOKEN.findall(body):
        if token == "{lang}":
            separator = ""
            if items and items[-1][0] == "lit" and items[-1][1][-1] in ".-_":  # ``post.{lang}.md``
                separator, items[-1][1] = items[-1][1][-1], items[-1][1][:-1]
                if not items[-1][1]:
                    items.pop()
            items.append(["lang", separator, ""])
        elif token == "{ext}":
            if items and items[-1][0] == "lit" and items[-1][1].endswith("."):
                items[-1][1] = items[-1][1][:-1]
                if not items[-1][1]:
                    items.pop()
            items.append(["ext"])
        elif token in _WILDCARDS:
            items.append(["w", token])
        else:
            if items and items[-1][0] == "lang" and not items[-1][1] and token.startswith("/"):
                items[-1][2], token = "/", token[1:]  # a folder named by the language: the slash goes with it
            if token:
                items.append(["lit", token])
    return items


def _compile(body: str, anchor, languages, language: str | None, text: str) -> Template:
    body = body.replace("\\", "/")
    items = _items(body.strip("/") if anchor is not None else body)
    language_text = "|".join(map(re.escape, sorted(languages, key=len, reverse=True))) if languages else _ANY_LANGUAGE
    regex: list[str] = []
    page: list[str] = []
    rebuilt: list[tuple] = []
    languages_seen = wildcards = 0
    for item in items:
        kind = item[0]
        if kind == "lit":
            regex.append(re.escape(item[1]))
            if page:
                page.append(re.escape(item[1]))
            rebuilt.append(("lit", item[1]))
        elif kind == "w":
            name = f"w{wildcards}"
            wildcards += 1
            regex.append(f"(?P<{name}>{_WILDCARDS[item[1]]})")
            page.append(f"(?P<{name}>{_WILDCARDS[item[1]]})")
            rebuilt.append(("w", name))
        elif kind == "lang":
            inner = f"(?P<lang>{language_text})" if not languages_seen else "(?P=lang)"
            regex.append(f"(?P<unit{languages_seen}>{re.escape(item[1])}{inner}{re.escape(item[2])})")
            rebuilt.append(("lang", item[1], item[2]))
            languages_seen += 1
        else:
            regex.append(f"(?P<ext>{_EXTENSION})")
            rebuilt.append(("ext",))
    if anchor is not None:
        roots = sorted({folder.rstrip("/") + "/" for folder in ([anchor] if isinstance(anchor, str) else anchor)})
        start = "^(?P<root>" + "|".join(map(re.escape, roots)) + ")"
    else:
        start = "(?:^|(?<=/))"
    compiled = re.compile(start + "".join(regex) + "$")
    return Template(text, compiled, bool(languages_seen), language,
                    deferred("".join(page) + r"\Z") if page else None, tuple(rebuilt), anchor is not None,
                    tuple(name for name in compiled.groupindex if name[0] == "w"),
                    tuple(name for name in compiled.groupindex if name.startswith("unit") or name == "ext"))


def match(patterns, path: str, accept_language) -> Match | None:
    """The first template (patterns in order) that matches ``path`` with an accepted language."""
    for index, templates in enumerate(patterns):
        for template in templates:
            found = template.regex.search(path)
            if found is None:
                continue
            language = found.group("lang") if template.has_language else template.language
            if template.has_language and not accept_language(language):
                continue
            prefix = found.group("root") if template.anchored else path[:found.start()]
            return Match((index, prefix, page_path(found, template)), language, template, prefix)
    return None


def page_path(found, template: Template) -> str:
    """The page a match names: its text from the first wildcard on, without language and extension."""
    if not template.wildcards:
        return ""
    # Every group takes part in a match (the templates' regexes have no optional group), and the
    # groups are in the order of the path: the page starts at the first wildcard, and the spans
    # removed come in order.
    position = found.start(template.wildcards[0])
    text, page = found.string, []
    for start, end in map(found.span, template.removed):
        if end <= position:
            continue
        page.append(text[position:max(start, position)])
        position = end
    page.append(text[position:found.end()])
    return "".join(page)


def rebuild(template: Template, prefix: str, page: str):
    """The path of ``page`` under ``template``, split for the search of its files on disk:
    ``(folder before the language folder or None, folder after it, file name pieces)``, where the
    file name pieces hold ``LANG`` and ``EXT`` placeholders; None when the page does not fit."""
    values = {}
    if template.page is not None:
        found = template.page.match(page)
        if found is None:
            return None
        values = found.groupdict()
    elif page:
        return None
    pieces: list[str] = [prefix]
    for item in template.items:
        if item[0] == "lit":
            pieces.append(item[1])
        elif item[0] == "w":
            pieces.append(values[item[1]])
        elif item[0] == "lang":
            pieces.extend([item[1], LANG, item[2]])
        else:
            pieces.append(EXT)
    return pieces


LANG, EXT = "\0lang\0", "\0ext\0"
