"""The translations linter (TRN): versions of one post that disagree on what is not translated.

The one cross-file linter. Posts are versions of one another when their paths differ only by
language (``_posts/fr/2024-11-11-talent-fr.md`` and ``_posts/en/2024-11-11-talent-en.md``,
``notes/2024-11-11-talent-fr.md`` beside ``…-en.md``, ``docs/intro.md`` and Docusaurus's
``i18n/fr/docusaurus-plugin-content-docs/current/intro.md``): by the site's layout, as its
generator pairs them (``linters.site``), else the path templates of ``rules/translations.yaml``
and the general rule (a folder or suffix named by a language); the ``path-patterns`` option
replaces them all. Each post is summarised once; a
group's summaries are then compared, and the version that disagrees is reported at its line:
disagrees with the original when one version's front matter says ``translated: false``, else
with the majority, else with the version in ``original-language``.

- ``templates``: path templates and patterns (``{lang}``, ``{date}``, ``{ext}``, ``*``, ``**/``, `` | ``).
- ``grouping``: which files are versions of one page, and their siblings on disk.
- ``summaries``: what a version is reduced to (items with their offsets, plain data).
- ``values``: numbers and timestamps read however a language writes them; list markers.
- ``urls``: a URL as every version must have it (language, tracking and ``www.`` set aside).
- ``comparison``: a group's versions compared, rule group by rule group, on one ``Group``.
- ``messages``: the findings of each rule group, worded.
- ``linter``: ``TranslationsLinter``, the ``CrossFileLinter`` hooks over the above.
"""
from __future__ import annotations

from .linter import TranslationsLinter

LINTER = TranslationsLinter

__all__ = ["LINTER", "TranslationsLinter"]
