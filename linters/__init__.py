"""copydesk: an editorial linter for Markdown posts.

The public API::

    from linters import lint_text, lint_paths, Diagnostic
    for diagnostic in lint_text(post, path="_posts/fr/2025-01-01-hello-fr.md"):
        print(diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)
"""
from __future__ import annotations

from ._version import __version__
__all__ = ["Diagnostic", "Document", "Fix", "Severity", "lint_paths", "lint_text", "load_config", "__version__"]


def lint_text(text, path="<string>", config=None):
    """Lint a post held in memory; return its diagnostics, sorted. ``config``: a ``Config`` or None."""
    from .engine import lint_text as _lint_text

    return _lint_text(text, path=path, config=config)


def lint_paths(paths, config=None, *, fix=False):
    """Lint (and with ``fix`` fix) files and folders; returns a ``RunResult``."""
    from .engine import lint_paths as _lint_paths

    return _lint_paths(paths, config=config, fix=fix)


def load_config(path=None):
    """Load a configuration file (or discover one from the current folder); see ``linters.config``."""
    from .config import load

    return load(path)


def __getattr__(name):
    # Imported lazily: a pre-commit run on one post should pay only for what it uses.
    if name in ("Diagnostic", "Fix", "Severity"):
        from . import diagnostics

        return getattr(diagnostics, name)
    if name == "Document":
        from .document import Document

        return Document
    raise AttributeError(f"module 'linters' has no attribute {name!r}")
