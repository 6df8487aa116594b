"""A URL as every version must have it: no scheme, ``www.``, trailing slash, fragment, tracking
or language parameters; the post's own language set aside in the host (``fr.wikipedia.org``), any
language left out of the path (``/fr/``), a relative link without its ``../``; a video, paper,
post or DOI as its identifier (``linters.identifiers``)."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from .. import identifiers, languages

_FILE = re.compile(r"\.(?!html?$|php$|aspx?$)[A-Za-z0-9]{2,5}$")  # a file, not a page
_LANGUAGE_SUFFIX = re.compile(r"[-_.]([a-z]{2}(?:[-_][A-Za-z]{2,4})?)\.[A-Za-z0-9]{2,5}$")
LANGUAGE_DEPTH = 2  # leading parts of another site's URL path that may name the language of its page
MAX_PARSED_URLS = 10_000  # URLs whose language-free parse is kept for the other posts that link them

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only
    from typing import Tuple, Union

    # The key itself, or (host, its first label's language, ((path part, its language), …), query).
    Parsed = Union[str, Tuple[str, "str | None", Tuple[Tuple[str, "str | None"], ...], str]]


class UrlKeys:
    """The keys of URLs, each URL parsed once per run whatever the language of the post."""

    def __init__(self, tracking: tuple[str, ...], language_parameters: set[str], host_languages: dict[str, str] | None = None):
        self.tracking = tracking
        self.language_parameters = language_parameters
        self.host_languages = host_languages or {}  # first labels of hosts that name a language: cn.vuejs.org
        self._parsed: dict[str, Parsed] = {}

    def start_run(self) -> None:
        self._parsed = {}

    def keys(self, url: str, language: str | None) -> tuple[str, str, str]:
        """A URL's keys: as written (``key(url, None)``), with the post's language set aside, and
        with the language of its host left out but its path kept (``cn.vuejs.org/guide/`` is
        ``vuejs.org/guide/``): two URLs are one when a key of one is a key of the other."""
        exact, local = self.key(url, None), self.key(url, language)
        stripped = self.key(url, language, keep_path=True) if local.endswith("/<localised page>") else exact
        return exact, local, stripped

    def key(self, url: str, language: str | None, keep_path: bool = False) -> str:
        """What must be equal in every version: no scheme, ``www.``, tracking or language parameters."""
        parsed = self._parsed.get(url)
        if parsed is None:
            parsed = self._parse(url)
            if len(self._parsed) < MAX_PARSED_URLS:
                self._parsed[url] = parsed
        if isinstance(parsed, str):
            return parsed
        host, host_language, path_parts, query = parsed
        own = languages.primary(language) if language else None
        if own is not None and host_language == own:
            host = host.partition(".")[2]
            if not keep_path:
                return f"{host}/<localised page>"  # fr.wikipedia.org/wiki/Chat ≈ en…/Cat
        elif own is None and host_language is not None:
            host = host.partition(".")[2]  # a site's localised mirror: cn.vuejs.org/guide/ is vuejs.org/guide/
        # Another site may name the language after a part of its own (``/book/ja/``); a page of this
        # site only first, where its folders name the language (``/docs/en/features/``).
        leading = [part_language for part, part_language in path_parts if part][:LANGUAGE_DEPTH if host else 1]
        if own is not None and own in leading and not keep_path:
            # A page of the site in the post's language: its slug and date are the translation's
            # (``/de/news/2009/06/13/dos-schwachstelle/`` is ``/en/news/2009/06/09/dos-vulnerability/``),
            # and a book or a spec in the reader's language (``git-scm.com/book/ja/v2/…``, ``semver.org/lang/ja/``).
            return f"{host}/<localised page>"
        # Languages left out of the path, not stood in for: a site that serves its default language
        # without a folder links ``/about/`` where a translation links ``/fr/about/``, and a
        # translation may link the English page (``/en/news/…``) of a page not translated.
        path = "/".join(part for part, part_language in path_parts if part_language is None)
        return f"{host}/{path.strip('/')}{query}" if path.strip("/") else f"{host}{query}"

    def _parse(self, url: str) -> Parsed:
        """What ``key`` reads from a URL whatever the post's language, once per run: the key
        itself, or ``(host, its first label's language, ((path part, its language), …), query)``."""
        if url.startswith("#") or url.startswith("mailto:"):
            return ""  # an anchor is the slug of a translated heading
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").lower()
        except ValueError:
            return url
        host = host[4:] if host.startswith("www.") else host
        identifier = identifiers.in_url(host, parts.path, parts.query)
        if identifier:
            return f"{identifier[0]}:{identifier[1]}"
        labels = host.split(".")
        host_language = None
        for index, label in enumerate(labels[:-2]):
            host_language = (languages.of_url_part(label) if index == 0 or len(label) == 2 else None) or self.host_languages.get(label)
            if host_language:
                # The language's label first, where ``key`` sets it aside: v2.cn.vuejs.org is v2.vuejs.org in Chinese.
                host = ".".join([label] + labels[:index] + labels[index + 1:])
                break
        path = unquote(parts.path)
        if not parts.scheme and not host and not path.startswith("/"):
            # A relative link climbs out of its page's folder, and the versions' folders are not
            # as deep (``blog/`` and ``i18n/fr/docusaurus-plugin-content-blog/``): where it climbs
            # from says nothing about what it links.
            while path.startswith(("./", "../")):
                path = path.partition("/")[2]
        path_parts = _localised_file(tuple((part, languages.of_url_part(part)) for part in _page(path).split("/")))
        query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                 if not name.lower().startswith(self.tracking) and name.lower() not in self.language_parameters]
        return host, host_language, path_parts, "?" + urlencode(query) if query else ""


def _page(path: str) -> str:
    """A link to a Markdown file or an HTML page as the page: ``intro.md`` and ``intro.html`` are
    ``intro``, ``guide/index.md`` is ``guide/`` (generators link either, and serve clean URLs)."""
    folder, _, name = path.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in ("md", "mdx", "markdown", "html", "htm"):
        name = "" if stem.lower() in ("index", "_index", "readme") else stem
        return f"{folder}/{name}" if folder or path.startswith("/") else name
    return path


def _localised_file(parts: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, str | None], ...]:
    """A file of one language as the same file of any: a picture in a language's folder is named
    in that language (``img/fr/lancement/ecran.png`` is ``img/en/launch/screen.png``), and one
    whose name ends in a language (``setup-fr.png``) is ``setup-en.png`` in English."""
    if len(parts) < 2 or not _FILE.search(parts[-1][0]):
        return parts
    for index, (_, part_language) in enumerate(parts[:-1]):
        if part_language is not None:
            return parts[:index + 1] + (("<localised file>", None),)
    suffixed = _LANGUAGE_SUFFIX.search(parts[-1][0])
    if suffixed and languages.of_url_part(suffixed.group(1)):
        name = parts[-1][0]
        return parts[:-1] + ((name[:suffixed.start()] + name[suffixed.end(1):], None),)
    return parts


def split_identifier(key: str) -> tuple[str, str] | None:
    """An identifier key (``YouTube video:dQw4w9WgXcA``) as its kind and value; None for a URL."""
    for kind in dict.fromkeys(identifiers.LABELS.values()):
        if key.startswith(kind + ":"):
            return kind, key[len(kind) + 1:]
    return None
