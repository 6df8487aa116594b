"""``python -m linters``: the same as the ``copydesk`` command."""
import sys

from .cli import console_main

sys.exit(console_main())
