"""A third-party linter used by the tests: flags the word TODO in prose, fixes it to DONE."""
import re
from pathlib import Path

from linters.diagnostics import Fix
from linters.registry import Linter, Option

_TODO = re.compile(r"\bTODO\b")


class TodoLinter(Linter):
    name = "demo"
    pack_path = Path(__file__).with_name("demo.yaml")
    options = {"word": Option(str, "TODO", "the word to flag")}

    def check(self, document):
        for match in _TODO.finditer(document.prose):
            yield self.diagnostic(document, "DEMO001", match.start(), match.end(),
                                  fix=Fix.replace(match.start(), match.end(), "DONE"))
