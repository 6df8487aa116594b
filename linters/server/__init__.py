"""``copydesk server``: copydesk as a language server (LSP over stdio), for editors.

pygls comes with the ``lsp`` extra (``pip install 'copydesk[lsp]'``); nothing here is imported
by ``copydesk check``. ``app`` speaks the protocol; ``linting`` lints in the worker process;
``positions`` turns offsets into LSP positions; ``suppress`` writes suppression comments.
"""
from __future__ import annotations

import sys

INSTALL_HINT = "copydesk: error: the language server needs pygls: pip install 'copydesk[lsp]'"


def main() -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from .app import serve

    return serve()
