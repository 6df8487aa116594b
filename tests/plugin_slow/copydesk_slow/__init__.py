"""A third-party linter used by the tests: it takes four seconds on a post that says SLOW,
a stand-in for a pathological post (the language server and streamed reports are tested with it)."""
import time
from pathlib import Path

from linters.registry import Linter


class SlowLinter(Linter):
    name = "slow"
    pack_path = Path(__file__).with_name("slow.yaml")

    def check(self, document):
        if "SLOW" in document.text:
            time.sleep(4)
        return iter(())
