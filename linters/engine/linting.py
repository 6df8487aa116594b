"""The ``Engine`` of one configuration: its linters, rules and selection, and the linting of one
document (per-file linters, cross-file summaries, selection, suppressions)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import suppressions
from ..config import Config, ConfigError
from ..diagnostics import Diagnostic, Edit, Fix, Rule
from ..document import Document
from ..packs.loading import RulePackError, load_file, merge
from ..registry import (CORE_LINTER, CrossFileLinter, Linter, LinterError, PatternTimeout, core_rules, linter_classes,
                        linter_pack, rules_of, validate_settings)
from . import fixing, selection
from .results import FileResult

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: importing typing costs every run milliseconds
    from typing import TypeGuard

    from ..site import Pages


class Engine:
    """Linters, rules and selection for one configuration."""

    def __init__(self, config: Config):
        self.config = config
        self._pages: Pages | None = None  # made when a post is first read
        self.core_rules = core_rules()
        self.rules: dict[str, Rule] = dict(self.core_rules)
        overlays = _load_overlays(config)
        online_rules: set[str] = set()
        entries: list[tuple[type[Linter], dict, dict[str, Rule], dict, list[tuple[str, dict]]]] = []
        for name, cls in linter_classes().items():
            layers = overlays.pop(name, [])
            pack = linter_pack(cls, layers)
            rules = rules_of(cls, pack)
            clash = set(rules) & set(self.rules)
            if clash:
                raise LinterError(f"linter {name!r} redefines rule {sorted(clash)[0]} of another linter")
            settings = validate_settings(cls, config.linters.get(name, {}), config.where)
            self.rules.update(rules)
            online_rules.update(code for code in cls.online_rules if code in rules)
            entries.append((cls, pack, rules, settings, layers))
        unknown = set(config.linters) - {cls.name for cls, *_ in entries}
        if unknown:
            raise ConfigError(f"{config.where}: 'linters': unknown linter {sorted(unknown)[0]!r}")
        if overlays:
            name = sorted(overlays)[0]
            raise ConfigError(f"{config.where}: 'rule-packs': {overlays[name][0][0]}: no linter named {name!r}")
        selection.check_codes(config, set(self.rules))
        self.enabled = selection.enabled_codes(config, self.rules)
        # Rules only the network can judge (``check --online``, ``linters.online``): off in any
        # other run; their suppressions are never judged unused (a link's answer changes).
        self.online_rules = frozenset(online_rules)
        if not config.online:
            self.enabled -= self.online_rules
        self._judged_rules = {code: rule for code, rule in self.rules.items() if code not in self.online_rules}
        self.fixable = selection.fixable_codes(config, self.rules)
        for code, severity in config.severity:
            for rule_code in self.rules:
                if rule_code.startswith(code):
                    self.rules[rule_code] = self.rules[rule_code]._replace(severity=severity)
        linters = [self._instantiate(*entry) for entry in entries]
        self.linters: list[Linter] = [linter for linter in linters if self.enabled & set(linter.rules)]

    def _instantiate(self, cls: type[Linter], pack: dict, pack_rules: dict[str, Rule], settings: dict,
                     layers: list[tuple[str, dict]]) -> Linter:
        rules = {code: self.rules[code] for code in pack_rules}
        try:
            linter = cls(pack, rules, settings)
        except RulePackError as error:
            culprit = _culprit_layer(cls, rules, settings, layers)
            if culprit is None:
                raise
            raise RulePackError(f"{culprit}: in the rule pack for linter {cls.name!r}: {error}") from None
        linter.timeout = self.config.regex_timeout
        linter.site = self.config.site
        return linter

    def document(self, text: str, path: str) -> Document:
        """A post to lint, read as its site reads it (``linters.site.Pages``): its language
        when it does not say its own, where its front matter may start."""
        if self._pages is None:
            from ..site import Pages

            self._pages = Pages(self.config)
        language, source = self._pages.default_language(path)
        return Document(text, path, default_language=language, default_source=source,
                        front_matter_after_blank_lines=self._pages.front_matter_after_blank_lines)

    @property
    def cross_file_linters(self) -> list[CrossFileLinter]:
        return [linter for linter in self.linters if is_cross_file(linter)]

    def ignored_codes_for(self, path: str) -> tuple[str, ...]:
        """The prefixes ``per-file-ignores`` turns off for a path."""
        return selection.ignored_codes_for(self.config, path) if self.config.per_file_ignores else ()

    # -- one document --------------------------------------------------------------------------

    def lint_document(self, document: Document, result: FileResult | None = None,
                      unsummarized: frozenset[str] = frozenset()) -> FileResult:
        """Run the per-file linters on a document; apply selection and suppressions. The
        cross-file linters named in ``unsummarized`` keep None for its summary: the run found the
        document alone in their group, so the summary would never be compared."""
        result = result or FileResult(document.path)
        found: list[Diagnostic] = []
        for linter in self.linters:
            try:
                if is_cross_file(linter):
                    result.summaries[linter.name] = None if linter.name in unsummarized else linter.summarize(document)
                else:
                    found.extend(linter.check(document))
            except RulePackError:
                raise  # a malformed pack (compiled lazily) stops the run like any configuration error
            except PatternTimeout as timeout:
                result.incomplete.add(linter.name)
                found.append(self.core_diagnostic(document, "CD005", str(timeout)))
            except RecursionError:
                result.incomplete.add(linter.name)
                found.append(self.core_diagnostic(
                    document, "CD006", f"linter {linter.name!r} gave up: the document nests too deeply"))
            except Exception as error:  # a linter bug must not end the run
                result.incomplete.add(linter.name)
                result.internal_error = True
                found.append(self.core_diagnostic(
                    document, "CD006", f"internal error in linter {linter.name!r}: {type(error).__name__}: {error}"))
        result.suppressions = suppressions.parse(document)
        found.extend(self._suppression_findings(document, result.suppressions))
        result.diagnostics = self.filter(found, result.suppressions, document.path)
        return result

    def filter(self, found, file_suppressions, path) -> list[Diagnostic]:
        """The findings the selection reports and no suppression hides, at the configured severity."""
        ignored, enabled = self.ignored_codes_for(path), self.enabled
        selected = [d for d in found if d.code in enabled]
        if ignored:
            selected = [d for d in selected if not d.code.startswith(ignored)]
        if file_suppressions:
            flags = suppressions.suppressed(file_suppressions, [(d.code, d.line) for d in selected])
            selected = [d for d, suppressed in zip(selected, flags) if not suppressed]
        kept = []
        for diagnostic in selected:
            severity = self.rules[diagnostic.code].severity
            if severity != diagnostic.severity:
                diagnostic = diagnostic.with_severity(severity)
            kept.append(diagnostic)
        return kept

    def _suppression_findings(self, document: Document, file_suppressions) -> list[Diagnostic]:
        """CD101: suppressions naming codes that match no rule."""
        if "CD101" not in self.enabled:
            return []
        found = []
        for suppression in file_suppressions:
            for code in suppression.codes:
                if not any(rule.startswith(code) for rule in self.rules):
                    found.append(self.core_diagnostic(
                        document, "CD101", f"suppression names unknown rule code {code!r}",
                        suppression.start, suppression.end))
        return found

    def unused_suppressions(self, result: FileResult) -> list[Diagnostic]:
        """CD100: suppressions that suppressed nothing (known only once cross-file checks ran).

        A suppression is judged only when every rule it names ran on the file, completely: under
        a narrow ``--select`` (or a per-file ignore) it suppresses nothing because its rules did
        not run, and when their linter failed on the file (or, for a cross-file rule, a version
        of the post could not be read) it may hide what they would have found; deleting it then
        would be wrong.
        """
        if "CD100" not in self.enabled or not result.suppressions:
            return []
        rule = self.rules["CD100"]
        ignored = self.ignored_codes_for(result.path)
        if result.incomplete:
            ignored = (*ignored, *(code for code, known in self.rules.items() if known.linter in result.incomplete))
        found = []
        for suppression in result.suppressions:
            if suppression.used or not selection.all_rules_ran(suppression.codes, self._judged_rules, self.enabled,
                                                               ignored):
                continue
            spans = [suppression.removal] + ([suppression.closer_removal] if suppression.closer_removal else [])
            directive = " ".join((f"copydesk-{suppression.kind}",) + suppression.codes)
            found.append(Diagnostic(
                result.path, *suppression.position, "CD100", rule.name, CORE_LINTER, rule.severity,
                f"unused suppression: '{directive}' suppresses nothing",
                Fix(tuple(Edit(start, end, "") for start, end in spans)), suppression.start, suppression.end))
        return found

    def core_diagnostic(self, document_or_path, code: str, message: str, start: int = 0, end: int = 0,
                        line: int = 1, column: int = 1) -> Diagnostic:
        """A finding of copydesk itself (CD…), on a document's span or at a path's line and column."""
        rule = self.rules[code]
        if isinstance(document_or_path, Document):
            line, column = document_or_path.position(start)
            end_line, end_column = document_or_path.position(end)
            path = document_or_path.path
        else:
            path, end_line, end_column = document_or_path, line, column
        return Diagnostic(path, line, column, end_line, end_column, code, rule.name, CORE_LINTER,
                          rule.severity, message, None, start, end)

    # -- fixes ---------------------------------------------------------------------------------

    def fixes_to_apply(self, document: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """Fixable findings whose edits do not overlap each other, code, or the front matter."""
        return fixing.fixes_to_apply(document, diagnostics, self.fixable, self.config.unsafe_fixes)

    def lint_and_fix(self, document: Document,
                     unsummarized: frozenset[str] = frozenset()) -> tuple[FileResult, str, int]:
        """Lint, apply fixes, re-lint until nothing more is fixed; return the final raw text."""
        return fixing.lint_and_fix(self, document, unsummarized)


def is_cross_file(linter: Linter) -> TypeGuard[CrossFileLinter]:
    """Whether a linter compares documents (a ``CrossFileLinter``): its class says so."""
    return linter.cross_file


def _culprit_layer(cls, rules, settings, layers) -> str | None:
    """Which user rule pack makes a linter's setup fail: the file to name in the error.

    The linter sees the merged pack, so its message cannot name the file the bad value came
    from; set the pack up again one layer at a time to find it.
    """
    pack = cls.load_pack()
    for path, overlay in [("", {})] + list(layers):
        pack = merge(pack, overlay)
        try:
            cls(pack, rules, settings)
        except RulePackError:
            return path or None
    return None


def _load_overlays(config: Config) -> dict[str, list[tuple[str, dict]]]:
    """User rule packs by linter name; each names its linter with a top-level ``linter`` key."""
    overlays: dict[str, list[tuple[str, dict]]] = {}
    for path in config.rule_packs:
        pack = load_file(Path(path))
        name = pack.pop("linter", None)
        if not isinstance(name, str):
            raise RulePackError(f"{path}: a user rule pack needs a top-level 'linter' key naming its linter")
        if "rules" in pack:
            raise RulePackError(
                f"{path}: 'rules' cannot be changed by a user pack; use 'severity', 'select' and 'ignore'")
        overlays.setdefault(name, []).append((path, pack))
    return overlays


def engine_for(config: Config) -> Engine:
    """The engine of a configuration, built once."""
    return _engine_for(config)


_engine_for = lru_cache(maxsize=8)(Engine)
engine_for.cache_clear = _engine_for.cache_clear  # type: ignore[attr-defined]
