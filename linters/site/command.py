"""``copydesk site [PATH] [--format json] [--groups]``: what copydesk detected of a site, and why.

With ``--groups``, the translation groups of the Markdown files under PATH (found as ``check``
finds them), each version with its language and where that language was read: its path, its
front matter, or its script.
"""
from __future__ import annotations

import json
import os
import sys

from .model import Site

_LABELS = (("generator", "generator"), ("default_language", "default language"), ("languages", "languages"),
           ("content_roots", "content roots"), ("translation_patterns", "translations"),
           ("front_matter_required", "front matter"), ("smart_quotes", "smart quotes"))


def show(args, config, files: list[str] | None) -> int:
    """Print the site of ``config`` (attached by the command, see ``linters.cli``) and, given the
    Markdown files under its PATH (``--groups``), their translation groups."""
    site = config.site
    groups = _groups(config, files) if files is not None else None
    if args.format == "json":
        data = site.as_json(os.getcwd())
        if groups is not None:
            data["groups"] = groups
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(site, groups)
    return 0


def _print_text(site: Site, groups) -> None:
    data = site.as_json(os.getcwd())
    print(f"site: {_shown(site.root)}")
    for field, label in _LABELS:
        value = data[field]
        reasons = data["evidence"].get(field, [])
        if field == "front_matter_required":
            value = "required" if value else "optional"
        elif field == "smart_quotes":
            value = (", ".join(f"{code}: {_quotes(on)}" for code, on in value.items())
                     if isinstance(value, dict) else "yes" if value else "no")
        elif isinstance(value, list):
            value = ", ".join(value) if field != "translation_patterns" else ("\n" + " " * 20).join(value)
        print(f"  {label:<18}{value or '-'}")
        for reason in reasons:
            mark = " (set by the configuration)" if field in site.overridden and "set in" not in reason else ""
            print(f"  {'':<18}  because {reason}{mark}")
    if groups is not None:
        print(f"\ntranslation groups: {len(groups)}")
        for group in groups:
            print("  " + "\n    ".join(f"{version['path']}  [{version['language'] or '?'}: {version['source'] or 'unknown'}]"
                                        for version in group))


def _quotes(setting: bool | str) -> str:
    return setting if isinstance(setting, str) else "yes" if setting else "no"


def _groups(config, files: list[str]) -> list[list[dict]]:
    """The groups of ``files`` (as a run shows their paths): every member with its versions on disk."""
    from ..packs.loading import load_builtin
    from ..translations.grouping import for_site

    user = (config.linters.get("translations") or {}).get("path-patterns")
    grouping = for_site(config.site, user or load_builtin("translations").get("path-patterns") or [], replace=bool(user))
    by_key: dict = {}
    for file in files:
        key = grouping.key(file)
        if key is not None:
            by_key.setdefault(key, set()).add(os.path.abspath(file))
    groups = []
    for key, members in by_key.items():
        for member in list(members):
            members.update(grouping.siblings(member))
        if len(members) > 1:
            groups.append([_version(grouping, config.site, member) for member in sorted(members)])
    return sorted(groups, key=lambda group: group[0]["path"])


def _version(grouping, site: Site, path: str) -> dict:
    found = grouping.match(path)
    language, source = (found[1], found[2]) if found else (None, "")
    if source == "site default" and language is not None and language != site.default_language:
        source = "site layout"  # a place the layout names the language of (``en=content/…``), not the default's
    if language is None:
        language, source = _language_of_text(path, site)
    if language is None and found and found[0][0] == "general" and site.default_language:
        language, source = site.default_language, "site default"
    return {"path": display(path), "language": language, "source": source}


def _language_of_text(path: str, site: Site) -> tuple[str | None, str]:
    from .. import languages
    from ..document import Document
    from . import readers

    text = readers.read_text(path)
    if text is None:
        return None, ""
    document = Document(text, path, front_matter_after_blank_lines=site.front_matter_after_blank_lines)  # as a run reads it
    declared = document.metadata.get("lang") if isinstance(document.metadata, dict) else None
    if isinstance(declared, str) and languages.normalize(declared):
        return declared, "front matter"
    guessed = languages.guess_from_script(document.prose[:20000])
    return (guessed, "script") if guessed else (None, "")


def display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _shown(path: str) -> str:
    shown = display(path)
    return shown if shown != "." else f". ({path})"
