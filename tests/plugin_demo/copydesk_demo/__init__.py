"""A third-party linter used by the tests: flags the word TODO in prose, fixes it to DONE.

With ``COPYDESK_DEMO_LOG`` set, it appends each checked path to that file, so tests can see
which files were really linted (and which came from the cache).
"""
import os
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
        log = os.environ.get("COPYDESK_DEMO_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as stream:
                stream.write(document.path + "\n")
        for match in _TODO.finditer(document.prose):
            yield self.diagnostic(document, "DEMO001", match.start(), match.end(),
                                  fix=Fix.replace(match.start(), match.end(), "DONE"))
