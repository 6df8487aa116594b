"""``python -m linters``: the same as the ``copydesk`` command."""
import sys

from .cli import main

sys.exit(main())
