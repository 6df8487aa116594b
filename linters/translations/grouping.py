"""Which files are versions of one page, and where a page's other versions are on disk (issue 20).

A path's *key* names its page: paths with one key are versions of one another. Keys come from the
site's path patterns (see ``templates``), then the rule pack's, then — on a site whose generator
has no layout of its own for translations (Jekyll, Eleventy, none) — the general rule: paths that
differ only in one folder named by a language (``fr/``, ``zh-hans/``, ``english/``) or in a
language suffix (``post.fr.md``) are versions of one page, and the path with neither is the
version in the default language.

``key`` is asked of every file of a run and ``siblings`` of one file per group, so both work from
folder listings made once per run: a pre-commit run on one post lists a few folders.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from .. import files, languages
from . import templates
from .templates import EXT, EXTENSIONS, LANG

_STEM_AND_EXTENSION = {f".{extension}": extension for extension in EXTENSIONS}
_UNKNOWN = object()  # a path not matched yet (None: matched, and in no group)


class Grouping:
    """Translation groups under a set of patterns. ``site_patterns`` are relative to ``root`` (the
    site's folder); ``pack_patterns`` match at the end of any path; ``general``: use the general
    rule for paths under ``root`` that no pattern matches; ``site_languages``: the texts that
    name a language on this site (None: any code or language name); ``index_pages``: ``x/index.md``
    is page ``x`` (Hugo's bundles, Starlight's slugs)."""

    def __init__(self, site_patterns=(), pack_patterns=(), *, root: str | None = None, general: bool = False,
                 site_languages=None, default_language: str | None = None, index_pages: bool = False):
        # A run's files are named from the current folder, which the system gives without
        # symbolic links, or as the user wrote them: the site's folder is anchored both ways.
        self.roots = sorted({_posix(os.path.abspath(root)).rstrip("/"), _posix(os.path.realpath(root)).rstrip("/")}) \
            if root else []
        self.site_languages = frozenset(site_languages) if site_languages else None
        self.patterns = [templates.compile_pattern(p, anchor=self.roots, languages=site_languages,
                                                   default_language=default_language) for p in site_patterns]
        self.patterns += [templates.compile_pattern(p, anchor=None) for p in pack_patterns]
        self.general = general and bool(self.roots)
        self.default_language = default_language
        self.index_pages = index_pages
        self.start_run()

    def start_run(self) -> None:
        """Forget what was read of the disk: each run lists folders afresh."""
        self._cwd = os.getcwd()
        self._folders: dict[str, str] = {}
        self._matches: dict[str, tuple | None] = {}
        self._other_languages: dict[tuple[str, str | None], list[tuple[str, str]]] = {}
        self.listings = Listings(self._accepts)

    # -- keys ------------------------------------------------------------------------------------

    def key(self, path: str):
        found = self.match(path)
        return None if found is None else found[0]

    def match(self, path: str):
        """``(key, language or None, where the language was read, absolute path)`` for a path, or None."""
        found = self._matches.get(path, _UNKNOWN)
        if found is _UNKNOWN:
            folder, name = os.path.split(path)
            found = self._matches[path] = self._match_absolute(self._absolute_folder(folder) + name)
        return found

    def _match_absolute(self, posix: str):
        found = templates.match(self.patterns, posix, self._accepts)
        if found is not None:
            page = self._page(found.key[2])
            source = "path" if found.template.has_language else "site default"
            return (("pattern", found.key[0], found.key[1], page), found.language, source, posix)
        if self.general:
            return self._general_match(posix)
        return None

    def _accepts(self, text: str) -> bool:
        if self.site_languages is not None:
            return text in self.site_languages
        return languages.code_of(text) is not None

    def _page(self, page: str) -> str:
        if self.index_pages:
            if page.endswith("/index"):
                return page[:-6]
            if page == "index":
                return ""
        return page

    def _general_match(self, posix: str):
        root = next((root for root in self.roots if posix.startswith(root + "/")), None)
        if root is None:
            return None
        relative = posix[len(root) + 1:]
        stem, extension = os.path.splitext(relative)
        if extension.lower() not in _STEM_AND_EXTENSION:
            return None
        parts = stem.split("/")
        for index in range(len(parts) - 2, -1, -1):  # the deepest folder named by a language
            if self._names_language(root, parts, index):
                page = "/".join(parts[:index] + parts[index + 1:])
                return (("general", root, page), parts[index], "path", posix)
        base, dot, suffix = parts[-1].rpartition(".")
        if dot and base and self._suffix_names_language(posix, suffix, base, extension):
            page = "/".join(parts[:-1] + [base])
            return (("general", root, page), suffix, "path", posix)
        if len(parts) > 1 and self._stem_names_language(posix, parts[-1]):  # ``docs/Intro/fr.md``
            return (("general", root, "/".join(parts[:-1])), parts[-1], "path", posix)
        return (("general", root, stem), None, "", posix)

    def _names_language(self, root: str, parts: list[str], index: int) -> bool:
        """Whether folder ``parts[index]`` names a language: a code that is also a word (``it``,
        ``ml``) only when its parent holds another language folder or the site lists it."""
        text = parts[index]
        if not self._accepts(text):
            return False
        if self.site_languages is not None or not languages.is_word_like(text):
            return True
        parent = root + "/" + "/".join(parts[:index]) if index else root
        return any(is_folder and entry != text and self._accepts(entry)
                   for entry, is_folder in self.listings.entries_of(parent.rstrip("/")).items())

    def _stem_names_language(self, posix: str, stem: str) -> bool:
        """Whether a file named by a language is one version of its folder's page: another file
        of the folder is named by a language too."""
        if not self._accepts(stem):
            return False
        return bool(self._language_files(posix.rsplit("/", 1)[0], exclude=stem))

    def _language_files(self, folder: str, exclude: str = "") -> list[str]:
        return [f"{folder}/{entry}" for stem, entries in self.listings.by_stem(folder).items()
                if stem != exclude and self._accepts(stem) for entry in entries]

    def _suffix_names_language(self, posix: str, suffix: str, base: str, extension: str) -> bool:
        if not self._accepts(suffix):
            return False
        if self.site_languages is not None or not languages.is_word_like(suffix):
            return True
        folder = posix.rsplit("/", 1)[0]
        return any(base + other in self.listings.entries_of(folder) for other in _STEM_AND_EXTENSION)

    # -- versions on disk ------------------------------------------------------------------------

    def siblings(self, path: str):
        """The other versions of ``path``'s page that exist on disk (absolute POSIX paths)."""
        found = self.match(path)
        if found is None:
            return
        key, own, _, posix = found
        if key[0] == "general":
            candidates = self._general_candidates(key[1], key[2])
        else:
            prefix, page = key[2], key[3]
            candidates = (candidate for template in self.patterns[key[1]]
                          for candidate in self._template_candidates(template, prefix, page, own))
        seen = {posix}
        for candidate in candidates:
            if candidate in seen:
                continue
            seen.add(candidate)
            matched = self._match_absolute(candidate)
            if matched is not None and matched[0] == key:
                yield candidate

    def _template_candidates(self, template, prefix: str, page: str, own: str | None):
        pages = [page]
        if self.index_pages:
            pages.append(f"{page}/index" if page else "index")
        for each in pages:
            pieces = templates.rebuild(template, prefix, each)
            if pieces is not None:
                yield from self._files_of(pieces, own)

    def _files_of(self, pieces: list[str], own: str | None):
        """The files on disk whose path is ``pieces`` with a language and an extension filled in;
        the folder of the path's own language (``own``) holds no other version of its page."""
        text = "".join(pieces)
        folder, _, name = text.rpartition("/")
        if LANG in folder:
            for other, language in self._language_folders(folder, own):
                yield from self.listings.named_files(other, name.replace(LANG, language))
        elif LANG in name:
            yield from self.listings.suffixed_files(folder, name)
        else:
            yield from self.listings.named_files(folder, name)

    def _language_folders(self, folder: str, own: str | None) -> list[tuple[str, str]]:
        """The folders ``folder`` names with a language in place of ``LANG``, other than ``own``,
        with their language: worked out once per folder shape, not once per page."""
        found = self._other_languages.get((folder, own))
        if found is None:
            before, _, after = folder.partition(LANG)
            parent, _, start = before.rpartition("/")
            end = after.split("/", 1)[0]
            found = self._other_languages[folder, own] = [
                (folder.replace(LANG, language), language)
                for _, language in self.listings.language_entries(parent, start, end) if language != own]
        return found

    def _general_candidates(self, root: str, page: str):
        folder_parts, _, base = page.rpartition("/")
        parts = folder_parts.split("/") if folder_parts else []
        page_folder = root + ("/" + folder_parts if folder_parts else "")
        yield from self.listings.named_files(page_folder, base + EXT)
        yield from self.listings.suffix_index(page_folder, "").get(base + ".", ())
        yield from self._language_files(f"{page_folder}/{base}" if base else page_folder)
        for depth in range(len(parts) + 1):
            parent = root + "".join("/" + part for part in parts[:depth])
            rest = "".join("/" + part for part in parts[depth:])
            for entry, is_folder in self.listings.entries_of(parent).items():
                if is_folder and self._accepts(entry):
                    yield from self.listings.named_files(f"{parent}/{entry}{rest}", base + EXT)

    def _absolute_folder(self, folder: str) -> str:
        """A folder as an absolute POSIX path ending in ``/``, worked out once per folder."""
        absolute = self._folders.get(folder)
        if absolute is None:
            absolute = _posix(os.path.normpath(os.path.join(self._cwd, folder)))
            absolute = self._folders[folder] = absolute if absolute.endswith("/") else absolute + "/"
        return absolute


class Listings:
    """The folders of a run as grouping reads them, each listed once: their entries, their
    Markdown files by name without the extension or without the language, their folders named
    by a language. ``accepts``: whether a text names a language on this site."""

    def __init__(self, accepts: Callable[[str], bool]):
        self.accepts = accepts
        self._entries: dict[str, dict[str, bool]] = {}
        self._indexes: dict[tuple[str, str], dict[str, list[str]]] = {}
        self._folder_languages: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
        self._stems: dict[str, dict[str, list[str]]] = {}

    def named_files(self, folder: str, name: str) -> list[str]:
        """The files of ``folder`` named ``name``, whose ``EXT`` is any Markdown extension."""
        if EXT not in name:
            return [f"{folder}/{name}"] if self.entries_of(folder).get(name) is False else []
        entries = self.by_stem(folder).get(name.replace(EXT, ""))
        return [f"{folder}/{entry}" for entry in entries] if entries else []  # most pages: no such file

    def by_stem(self, folder: str) -> dict[str, list[str]]:
        """The Markdown files of a folder by their name without the extension, once per folder."""
        stems = self._stems.get(folder)
        if stems is None:
            stems = self._stems[folder] = {}
            for entry, is_folder in self.entries_of(folder).items():
                stem, dot, extension = entry.rpartition(".")
                # ``os.path.splitext``'s reading, at a tenth of its cost: leading dots are no extension
                if not is_folder and dot and extension.lower() in EXTENSIONS and stem.strip("."):
                    stems.setdefault(stem, []).append(entry)
        return stems

    def suffixed_files(self, folder: str, name: str):
        """Files of ``folder`` named ``name`` with some language: from an index of the folder by
        the name without its language, made once per folder and name shape."""
        before, _, after = name.partition(LANG)
        yield from self.suffix_index(folder, after.replace(EXT, "")).get(before, ())

    def suffix_index(self, folder: str, tail: str) -> dict[str, list[str]]:
        """The files of ``folder`` whose name ends in a language, ``tail`` and an extension, by
        the text before the language (with its separator): made once per folder and tail."""
        index = self._indexes.get((folder, tail))
        if index is not None:
            return index
        index = {}
        self._indexes[folder, tail] = index
        for stem, entries in self.by_stem(folder).items():
            if tail and not stem.endswith(tail):
                continue
            stem = stem[:len(stem) - len(tail)] if tail else stem
            for separator in ".-_":
                base, found, language = stem.rpartition(separator)
                if found and self.accepts(language):
                    index.setdefault(base + separator, []).extend(f"{folder}/{entry}" for entry in entries)
        return index

    def language_entries(self, parent: str, start: str, end: str) -> list[tuple[str, str]]:
        """The folders of ``parent`` named ``start`` + a language + ``end``, with the language:
        worked out once per folder and shape, not once per post."""
        found = self._folder_languages.get((parent, start, end))
        if found is None:
            found = self._folder_languages[parent, start, end] = [
                (entry, entry[len(start):len(entry) - len(end)]) for entry, is_folder in self.entries_of(parent).items()
                if is_folder and entry.startswith(start) and entry.endswith(end) and len(entry) > len(start) + len(end)
                and self.accepts(entry[len(start):len(entry) - len(end)])]
        return found

    def entries_of(self, folder: str) -> dict[str, bool]:
        entries = self._entries.get(folder)
        if entries is None:
            entries = self._entries[folder] = files.listing(folder or "/")
        return entries


def _posix(path: str) -> str:
    return path.replace("\\", "/")


def for_site(site, pack_patterns, *, replace: bool = False) -> Grouping:
    """The grouping of a run: the site's patterns (relative to its folder), then — on a site with
    no translation layout of its own — the rule pack's templates and the general rule. With
    ``replace`` (the user's own ``path-patterns``) or no site, only ``pack_patterns``."""
    if replace or site is None:
        return Grouping(pack_patterns=pack_patterns)
    general = site.general_rule
    return Grouping(site.translation_patterns, pack_patterns if general else (), root=site.root, general=general,
                    site_languages=None if general else site.languages, default_language=site.default_language,
                    index_pages=site.index_pages)
