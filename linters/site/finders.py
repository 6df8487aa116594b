"""Which files of a folder are a generator's configuration: the file names only, so that finding
the site imports the reader of its generator alone (a pre-commit run pays for one)."""
from __future__ import annotations

import os

from . import readers

_JS = ("js", "ts", "mjs", "mts", "cjs", "cts")
_HUGO = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json")
_HUGO_OLD = ("config.toml", "config.yaml", "config.yml", "config.json")
_HUGO_EXTENSIONS = (".toml", ".yaml", ".yml", ".json")
MAX_CONFIG_FILES = 12


def _named(*names: str):
    def configs(folder: str, listing: dict[str, bool]) -> list[str]:
        return [os.path.join(folder, name) for name in names if listing.get(name) is False][:1]
    return configs


def hugo(folder: str, listing: dict[str, bool]) -> list[str]:
    """``hugo.*``, else the older ``config.*``, and the files of ``config/_default/``."""
    found = [os.path.join(folder, name) for name in _HUGO if listing.get(name) is False]
    if not found:
        found = [os.path.join(folder, name) for name in _HUGO_OLD if listing.get(name) is False]
    if listing.get("config") is True:
        default = os.path.join(folder, "config", "_default")
        inner = readers.entries(default)
        found += sorted(os.path.join(default, name) for name in inner
                        if not inner[name] and os.path.splitext(name)[1] in _HUGO_EXTENSIONS)[:MAX_CONFIG_FILES]
    return found


def vitepress(folder: str, listing: dict[str, bool]) -> list[str]:
    """``.vitepress/config.*`` or the files of ``.vitepress/config/`` (and VuePress's ``.vuepress/``)."""
    for hidden in (".vitepress", ".vuepress"):
        if listing.get(hidden) is not True:
            continue
        inner_folder = os.path.join(folder, hidden)
        inner = readers.entries(inner_folder)
        found = [os.path.join(inner_folder, f"config.{extension}") for extension in _JS
                 if inner.get(f"config.{extension}") is False]
        if inner.get("config") is True:
            nested = os.path.join(inner_folder, "config")
            files = readers.entries(nested)
            found += sorted(os.path.join(nested, name) for name in files
                            if not files[name] and name.rsplit(".", 1)[-1] in _JS)[:MAX_CONFIG_FILES]
        if found:
            return found
    return []


# In one folder, the first generator whose configuration is there wins: (reader module, finder).
FINDERS = (
    ("docusaurus", _named(*(f"docusaurus.config.{extension}" for extension in _JS))),
    ("starlight", _named(*(f"astro.config.{extension}" for extension in _JS))),
    ("vitepress", vitepress),
    ("rspress", _named(*(f"rspress.config.{extension}" for extension in _JS))),
    ("hugo", hugo),
    ("mkdocs", _named("mkdocs.yml", "mkdocs.yaml")),
    ("eleventy", _named(".eleventy.js", *(f"eleventy.config.{extension}" for extension in _JS))),
    ("jekyll", _named("_config.yml", "_config.yaml", "_config.toml")),
)
