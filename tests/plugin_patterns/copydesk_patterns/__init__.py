"""A test plugin whose patterns come from its rule pack, as user-extendable linters' do.

Each entry of the pack's ``patterns`` list has a ``rule``, a ``pattern`` and optionally a
``replacement``; users add entries with a ``rule-packs:`` overlay (the tests' way of handing
copydesk an untrusted pattern). It searches the whole text rather than ``prose`` on purpose: its
fixes then propose edits inside code and front matter, which the engine must refuse.
"""
from pathlib import Path

from linters.diagnostics import Fix
from linters.registry import Linter
from linters.packs.loading import RulePackError
from linters.patterns.search import compile_pattern


class PatternLinter(Linter):
    name = "patterns"
    pack_path = Path(__file__).with_name("patterns.yaml")

    def setup(self):
        self.entries = []
        for index, entry in enumerate(self.data.get("patterns") or []):
            if not isinstance(entry, dict):
                raise RulePackError(f"patterns[{index}]: must be a mapping with 'rule' and 'pattern'")
            rule = entry.get("rule")
            if rule not in self.rules:
                raise RulePackError(f"patterns[{index}]: field 'rule': {rule!r} is not a rule of this linter")
            pattern = compile_pattern(entry.get("pattern"), f"rule {rule}: field 'pattern'")
            replacement = entry.get("replacement")
            if replacement is not None and not isinstance(replacement, str):
                raise RulePackError(f"rule {rule}: field 'replacement': must be a string")
            self.entries.append((rule, pattern, replacement))

    def check(self, document):
        for rule, pattern, replacement in self.entries:
            for match in self.finditer(pattern, document.text, rule=rule):
                fix = None if replacement is None else Fix.replace(match.start(), match.end(), replacement)
                yield self.diagnostic(document, rule, match.start(), match.end(), fix=fix)
