"""Running linters: the engine, file discovery, suppressions, fixes, parallel runs.

The ``Engine`` is built once per run from a ``Config``: it loads the linters, their rule packs
and the rule selection. ``lint_document`` runs every per-file linter on a ``Document``;
``run`` lints (and fixes) many files, in worker processes when there are many, and then runs
the cross-file linters on the groups they define.
"""
from __future__ import annotations

import gc
import os
import sys
from collections import namedtuple
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from . import config as config_module
from . import rulepacks, sources, suppressions
from .config import Config, ConfigError
from .diagnostics import Diagnostic, Edit, Fix, Rule, Severity
from .document import Document
from .registry import (CORE_LINTER, Linter, LinterError, PatternTimeout, core_rules, linter_classes, rules_of,
                       validate_settings)

MAX_FIX_PASSES = 10
# Findings that say a file (or part of it) was not checked or not written: reported whatever
# the selection, unless ignored by name, so that a narrow --select never hides them.
ALWAYS_REPORTED = ("CD001", "CD002", "CD003", "CD004", "CD005", "CD007")
PARALLEL_THRESHOLD = 32  # below this many files, worker start-up costs more than it saves


class FileResult:
    """What linting one file gave: its ``diagnostics``, the cross-file linters' ``summaries`` (by
    linter name, packed in large runs), its ``suppressions``, how many fixes were applied
    (``fixed``), with --diff what --fix would change (``diff``), whether a linter failed on it
    (``internal_error``), and the hash of the bytes linted, for the cache (``digest``: "" when
    nothing was read). A plain class: dataclasses cost start-up, and these are pickled by the
    thousand."""

    __slots__ = ("path", "diagnostics", "summaries", "suppressions", "fixed", "diff", "internal_error", "digest")

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, *, internal_error: bool = False):
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.summaries: dict = {}
        self.suppressions: list = []
        self.fixed = 0
        self.diff = ""
        self.internal_error = internal_error
        self.digest = ""

    def __reduce__(self):
        # Findings go as plain tuples (see ``Diagnostic.stored``): they come back at C speed.
        return _stored_result, (self.path, [d.stored() for d in self.diagnostics], self.summaries, self.suppressions,
                                self.fixed, self.diff, self.internal_error, self.digest)


def _stored_result(path, rows, summaries, suppressions, fixed, diff, internal_error, digest) -> FileResult:
    result = FileResult(path, list(map(Diagnostic.from_stored, rows)), internal_error=internal_error)
    result.summaries, result.suppressions, result.fixed, result.diff, result.digest = (
        summaries, suppressions, fixed, diff, digest)
    return result


class RunResult:
    """What a run gave: every finding, sorted, and what the reporters say about the run."""

    __slots__ = ("diagnostics", "files", "fixed", "diffs", "internal_errors", "rules")

    def __init__(self, diagnostics: list[Diagnostic], files: int, fixed: int = 0, diffs: list[str] | None = None,
                 internal_errors: int = 0, rules: dict[str, Rule] | None = None):
        self.diagnostics, self.files, self.fixed, self.internal_errors = diagnostics, files, fixed, internal_errors
        self.diffs = [] if diffs is None else diffs
        self.rules = {} if rules is None else rules


class Engine:
    """Linters, rules and selection for one configuration."""

    def __init__(self, config: Config):
        self.config = config
        self.core_rules = core_rules()
        self.linters: list[Linter] = []
        self.rules: dict[str, Rule] = dict(self.core_rules)
        overlays = _load_overlays(config)
        for name, cls in linter_classes().items():
            pack = cls.load_pack()
            layers = overlays.pop(name, [])
            for _, overlay in layers:
                pack = rulepacks.merge(pack, overlay)
            rules = rules_of(cls, pack)
            clash = set(rules) & set(self.rules)
            if clash:
                raise LinterError(f"linter {name!r} redefines rule {sorted(clash)[0]} of another linter")
            settings = validate_settings(cls, config.linters.get(name, {}), config.where)
            self.rules.update(rules)
            self.linters.append((cls, pack, rules, settings, layers))
        unknown = set(config.linters) - {cls.name for cls, *_ in self.linters}
        if unknown:
            raise ConfigError(f"{config.where}: 'linters': unknown linter {sorted(unknown)[0]!r}")
        if overlays:
            name = sorted(overlays)[0]
            raise ConfigError(f"{config.where}: 'rule-packs': {overlays[name][0][0]}: no linter named {name!r}")
        config_module.check_codes(config, set(self.rules))
        self.enabled = config_module.enabled_codes(config, self.rules)
        self.enabled |= {code for code in ALWAYS_REPORTED if not any(code.startswith(p) for p in config.ignore)}
        self.fixable = config_module.fixable_codes(config, self.rules)
        for code, severity in config.severity:
            for rule_code in self.rules:
                if rule_code.startswith(code):
                    self.rules[rule_code] = self.rules[rule_code]._replace(severity=severity)
        self.linters = [self._instantiate(*entry) for entry in self.linters]
        self.linters = [linter for linter in self.linters if self.enabled & set(linter.rules)]

    def _instantiate(self, cls, pack, rules, settings, layers) -> Linter:
        rules = {code: self.rules[code] for code in rules}
        try:
            linter = cls(pack, rules, settings)
        except rulepacks.RulePackError as error:
            culprit = _culprit_layer(cls, rules, settings, layers)
            if culprit is None:
                raise
            raise rulepacks.RulePackError(f"{culprit}: in the rule pack for linter {cls.name!r}: {error}") from None
        linter.timeout = self.config.regex_timeout
        return linter

    @property
    def cross_file_linters(self) -> list[Linter]:
        return [linter for linter in self.linters if linter.cross_file]

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
                if linter.cross_file:
                    result.summaries[linter.name] = None if linter.name in unsummarized else linter.summarize(document)
                else:
                    found.extend(linter.check(document))
            except rulepacks.RulePackError:
                raise  # a malformed pack (compiled lazily) stops the run like any configuration error
            except PatternTimeout as timeout:
                found.append(self.core_diagnostic(document, "CD005", str(timeout)))
            except RecursionError:
                found.append(self.core_diagnostic(
                    document, "CD006", f"linter {linter.name!r} gave up: the document nests too deeply"))
            except Exception as error:  # a linter bug must not end the run
                result.internal_error = True
                found.append(self.core_diagnostic(
                    document, "CD006", f"internal error in linter {linter.name!r}: {type(error).__name__}: {error}"))
        result.suppressions = suppressions.parse(document)
        found.extend(self._suppression_findings(document, result.suppressions))
        result.diagnostics = self.filter(found, result.suppressions, document.path)
        return result

    def filter(self, found, file_suppressions, path) -> list[Diagnostic]:
        ignored = self.config.ignored_codes_for(path) if self.config.per_file_ignores else ()
        selected = [d for d in found
                    if d.code in self.enabled and not any(d.code.startswith(prefix) for prefix in ignored)]
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

        A suppression is judged only when every rule it names ran on the file: under a narrow
        ``--select`` (or a per-file ignore) it suppresses nothing because its rules did not run,
        and deleting it would be wrong.
        """
        if "CD100" not in self.enabled:
            return []
        rule = self.rules["CD100"]
        ignored = self.config.ignored_codes_for(result.path) if self.config.per_file_ignores else ()
        found = []
        for suppression in result.suppressions:
            if suppression.used or not self._all_rules_ran(suppression.codes, ignored):
                continue
            spans = [suppression.removal] + ([suppression.closer_removal] if suppression.closer_removal else [])
            directive = " ".join((f"copydesk-{suppression.kind}",) + suppression.codes)
            found.append(Diagnostic(
                result.path, *suppression.position, "CD100", rule.name, CORE_LINTER, rule.severity,
                f"unused suppression: '{directive}' suppresses nothing",
                Fix(tuple(Edit(start, end, "") for start, end in spans)), suppression.start, suppression.end))
        return found

    def _all_rules_ran(self, codes: tuple[str, ...], ignored) -> bool:
        def ran(code: str) -> bool:
            return code in self.enabled and not any(code.startswith(prefix) for prefix in ignored)

        if not codes:  # every rule: those that are on by default must all have run
            return all(ran(code) for code, rule in self.rules.items() if rule.enabled)
        for prefix in codes:
            matching = [code for code in self.rules if code.startswith(prefix)]
            if not matching or not all(ran(code) for code in matching):
                return False
        return True

    def core_diagnostic(self, document_or_path, code: str, message: str, start: int = 0, end: int = 0,
                        line: int = 1, column: int = 1) -> Diagnostic:
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
        candidates = sorted(
            (d for d in diagnostics if d.fix is not None and d.code in self.fixable
             and (d.fix.safe or self.config.unsafe_fixes)),
            key=lambda d: (d.fix.start, d.fix.end))
        chosen, last_end = [], -1
        front = document.front_matter
        for diagnostic in candidates:
            fix = diagnostic.fix
            if fix.start < last_end:
                continue  # overlaps a fix already chosen: the next pass takes it
            if any(_touches_code(document, edit) for edit in fix.edits):
                continue
            if front is not None and not fix.touches_front_matter and any(
                    edit.start < front.end for edit in fix.edits):
                continue
            chosen.append(diagnostic)
            last_end = max(fix.end, last_end)
        return chosen

    def lint_and_fix(self, document: Document, unsummarized: frozenset[str] = frozenset()) -> tuple[FileResult, str, int]:
        """Lint, apply fixes, re-lint until nothing more is fixed; return the final raw text."""
        applied_total = 0
        result = self.lint_document(document, unsummarized=unsummarized)
        for _ in range(MAX_FIX_PASSES):
            chosen = self.fixes_to_apply(document, result.diagnostics)
            if not chosen:
                break
            raw = apply_edits(document, [edit for d in chosen for edit in d.fix.edits])
            applied_total += len(chosen)
            document = document.revised(raw)
            result = self.lint_document(document, unsummarized=unsummarized)
        result.fixed = applied_total
        return result, document.raw, applied_total


def _touches_code(document: Document, edit: Edit) -> bool:
    for span in document.code_spans:
        if span.start >= edit.end and span.start > edit.start:
            break
        if edit.start < span.end and span.start < edit.end:
            return True
        if edit.start == edit.end and span.start < edit.start < span.end:
            return True
    return False


def apply_edits(document: Document, edits: list[Edit]) -> str:
    """Apply non-overlapping edits to the raw text, keeping its line endings."""
    raw = document.raw
    newline = document.newline
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        replacement = edit.replacement.replace("\n", newline) if newline != "\n" else edit.replacement
        raw = raw[:document.raw_offset(edit.start)] + replacement + raw[document.raw_offset(edit.end):]
    return raw


def _culprit_layer(cls, rules, settings, layers) -> str | None:
    """Which user rule pack makes a linter's setup fail: the file to name in the error.

    The linter sees the merged pack, so its message cannot name the file the bad value came
    from; set the pack up again one layer at a time to find it.
    """
    pack = cls.load_pack()
    for path, overlay in [("", {})] + list(layers):
        pack = rulepacks.merge(pack, overlay)
        try:
            cls(pack, rules, settings)
        except rulepacks.RulePackError:
            return path or None
    return None


def _load_overlays(config: Config) -> dict[str, list[tuple[str, dict]]]:
    """User rule packs by linter name; each names its linter with a top-level ``linter`` key."""
    overlays: dict[str, list[tuple[str, dict]]] = {}
    for path in config.rule_packs:
        pack = rulepacks.load_file(Path(path))
        name = pack.pop("linter", None)
        if not isinstance(name, str):
            raise rulepacks.RulePackError(f"{path}: a user rule pack needs a top-level 'linter' key naming its linter")
        if "rules" in pack:
            raise rulepacks.RulePackError(
                f"{path}: 'rules' cannot be changed by a user pack; use 'severity', 'select' and 'ignore'")
        overlays.setdefault(name, []).append((path, pack))
    return overlays


def engine_for(config: Config) -> Engine:
    """The engine of a configuration, built once."""
    return _engine_for(config)


_engine_for = lru_cache(maxsize=8)(Engine)
engine_for.cache_clear = _engine_for.cache_clear


# --- files ------------------------------------------------------------------------------------


def discover(paths: list[str], config: Config) -> list[str]:
    """Files to lint: files named as given, folders searched for the include globs. Paths are
    strings, not ``Path`` objects: a tree of 10,000 posts would spend more building them than
    walking the tree."""
    found: list[str] = []
    seen: set[str] = set()
    for name in paths:
        path = Path(name)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(name)
        if path.is_dir():
            for root, folders, files in os.walk(path, followlinks=False):
                folders[:] = sorted(f for f in folders if not config.excluded_in(root, f))
                for file_name in sorted(files):
                    if config.is_included(file_name) and not config.excluded_in(root, file_name):
                        _add(found, seen, os.path.join(root, file_name))
        else:
            _add(found, seen, str(path))
    return found


def _add(found: list[str], seen: set[str], path: str) -> None:
    key = display_path(path)  # a file named twice (`a.md`, `/site/a.md`) would be reported twice
    if key not in seen:
        seen.add(key)
        found.append(path)


def display_path(path: str | Path) -> str:
    text = os.path.normpath(path)
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
            if not relative.startswith(".."):
                return relative
        except ValueError:
            pass
    return text


# --- whole runs -------------------------------------------------------------------------------


RunOptions = namedtuple("RunOptions", "fix diff", defaults=(False, False))


def _lint_path(engine: Engine, path: str, options: RunOptions, cache=None, alone=None) -> FileResult:
    """Lint (and fix) one file; an unexpected error is reported on the file, and the run goes on.
    ``alone``: for each cross-file linter, the files alone in their group (see ``_plan_groups``)."""
    try:
        result = _lint_one(engine, path, options, cache, alone or {})
        result.diagnostics.sort(key=Diagnostic.sort_key)  # in the worker: the run only orders files
        return result
    except rulepacks.RulePackError:
        raise
    except Exception as error:  # a bug here must cost one file, not the run
        shown = display_path(path)
        result = FileResult(shown, internal_error=True)
        result.diagnostics.append(engine.core_diagnostic(
            shown, "CD006", f"internal error while checking this file: {type(error).__name__}: {error}"))
        return result


def _lint_one(engine: Engine, path: str, options: RunOptions, cache, alone: dict) -> FileResult:
    shown = display_path(path)
    try:
        source = sources.read(path, engine.config.max_file_size)
    except sources.SourceError as error:
        if error.code not in engine.enabled:
            return FileResult(shown)
        return FileResult(shown, [engine.core_diagnostic(shown, error.code, error.message,
                                                         line=error.line, column=error.column)])
    digest = _cache_module().content_hash(source.data) if cache is not None else ""
    if cache is not None:
        cached = _reusable(cache.by_content(shown, digest), options)
        if cached is not None:
            return cached
    unsummarized = frozenset(name for name, paths in alone.items() if shown in paths)
    result = _lint_source(engine, path, shown, source, options, unsummarized)
    result.digest = digest
    return result


def _reusable(cached: bytes | None, options: RunOptions) -> FileResult | None:
    """A cached result, unless the run fixes files and this one has something to fix."""
    if cached is None:
        return None
    import pickle

    result = pickle.loads(cached)
    if (options.fix or options.diff) and any(d.fix is not None for d in result.diagnostics):
        return None
    return result


def _lint_source(engine: Engine, path: str, shown: str, source: sources.Source, options: RunOptions,
                 unsummarized: frozenset[str]) -> FileResult:
    document = Document(source.text, shown, default_language=engine.config.language)
    if not (options.fix or options.diff):
        return engine.lint_document(document, unsummarized=unsummarized)
    result, fixed_raw, applied = engine.lint_and_fix(document, unsummarized)
    if not applied:
        return result
    if options.diff:
        result.diff = _unified_diff(shown, source.text, fixed_raw)
        result.fixed = 0
        return result
    try:
        current = Path(path).read_bytes()
        if current != source.data:
            return _unwritten(engine, document, "CD007", "file changed on disk while it was being fixed; not written",
                              unsummarized)
        sources.write_atomic(path, source.encode(fixed_raw))
    except OSError as error:
        return _unwritten(engine, document, "CD001", f"cannot write fixed file: {error}", unsummarized)
    return result


def _unwritten(engine: Engine, document: Document, code: str, message: str, unsummarized: frozenset[str]) -> FileResult:
    """The findings of the file as it still is on disk, and why the fixes were not written."""
    result = engine.lint_document(document, unsummarized=unsummarized)
    result.diagnostics.append(engine.core_diagnostic(document.path, code, message))
    return result


_worker_engine: Engine | None = None
_worker_alone: dict = {}
_worker_cache = None  # inherited from the parent when workers are forked


def _worker_init(config: Config, alone: dict) -> None:
    global _worker_engine, _worker_alone
    _worker_engine = engine_for(config)  # a forked worker finds the parent's, rules compiled
    _worker_alone = alone


def _worker_lint(job) -> bytes:
    """One file's result, pickled here: the parent keeps these very bytes in the cache."""
    path, options = job
    return _cache_module().dumps(_packed(_lint_path(_worker_engine, path, options, _worker_cache, _worker_alone)))


def run(paths: list[str], config: Config, options: RunOptions = RunOptions(), jobs: int | None = None,
        progress=None) -> RunResult:
    """Lint (and with ``options.fix`` fix) the files under ``paths``."""
    # The results of a large tree are millions of small objects that all live to the end of the
    # run and form no cycles: the cyclic collector would walk them again and again (half the
    # time of a run served from the cache). Workers forked during the run inherit the setting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, config, options, jobs, progress)
    finally:
        if collecting:
            gc.enable()


def _run(paths: list[str], config: Config, options: RunOptions, jobs: int | None, progress) -> RunResult:
    global _worker_cache
    engine = engine_for(config)
    files = discover(paths, config)
    jobs = jobs or config.jobs or config_module.default_jobs()
    cache = _open_cache(engine) if config.cache else None
    results: list[FileResult | None] = [None] * len(files)
    signatures: list = [None] * len(files)
    pending = list(range(len(files))) if cache is None else _from_cache(cache, files, signatures, results, options)
    plan = _plan_groups(engine, files)
    alone = _alone(plan)
    if jobs > 1 and len(pending) >= PARALLEL_THRESHOLD:
        _worker_cache = cache
        try:
            linted = _run_parallel([files[i] for i in pending], config, options, jobs, progress, cache is not None,
                                   alone)
        finally:
            _worker_cache = None
    else:
        linted = []
        for count, index in enumerate(pending):
            result = _lint_path(engine, files[index], options, cache, alone)
            linted.append((_packed(result) if len(pending) >= PARALLEL_THRESHOLD else result, None))
            if progress:
                progress(count + 1, len(pending))
    for index, (result, pickled) in zip(pending, linted):
        results[index] = result
        # A fixed post's (or, with --diff, the would-be-fixed post's) findings are not those of its bytes.
        if cache is not None and result.digest and not result.fixed and not result.diff:
            cache.put(result.path, signatures[index], result.digest, pickled or _cache_module().dumps(result))
    if cache is not None:
        cache.save()
    across = list(_cross_file(engine, results, plan))
    stale = [engine.unused_suppressions(result) for result in results]
    if (options.fix or options.diff) and "CD100" in engine.fixable:
        removed = sum(_remove_stale_suppressions(engine, path, result, found, options)
                      for path, result, found in zip(files, results, stale) if found)
        if removed and options.fix:  # lines moved: report what is left as a plain run sees it
            final = run(paths, config, RunOptions(), jobs=jobs)
            final.fixed = sum(result.fixed for result in results)
            return final
    across.extend(d for found in stale for d in found)
    diagnostics = _in_report_order(results, across)
    return RunResult(
        diagnostics=diagnostics,
        files=len(files),
        fixed=sum(result.fixed for result in results),
        diffs=[result.diff for result in results if result.diff],
        internal_errors=sum(result.internal_error for result in results),
        rules=engine.rules,
    )


def _in_report_order(results: list[FileResult], added: list[Diagnostic]) -> list[Diagnostic]:
    """Every finding, in the order of ``Diagnostic.sort_key``. Each file's own findings were
    sorted when it was linted (in the worker; the cache keeps them so), so only the files are
    ordered here, and the few findings ``added`` since (cross-file, unused suppressions) sorted
    into their file's: a warm run of a large tree would spend more making sort keys than reading."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in added:
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    ordered: list[Diagnostic] = []
    for result in sorted(results, key=attrgetter("path")):  # one result per path: see ``discover``
        more = by_path.pop(result.path, None)
        ordered.extend(sorted([*result.diagnostics, *more], key=Diagnostic.sort_key) if more else result.diagnostics)
    if by_path:  # findings on a file the run did not lint
        ordered = sorted([*ordered, *(d for found in by_path.values() for d in found)], key=Diagnostic.sort_key)
    return ordered


def _from_cache(cache, files: list[str], signatures: list, results: list, options: RunOptions) -> list[int]:
    """Fill ``results`` with what the cache holds for files untouched since; return the indices
    of the others. Shards are visited one at a time and let go when nothing of theirs is to be
    linted again, so a large tree's results are not held twice, as results and as cached bytes."""
    stat_signature = _cache_module().stat_signature
    pending: list[int] = []
    for shard, indices in cache.by_shard([display_path(path) for path in files]):
        changed = False
        for index, shown in indices:
            signatures[index] = stat_signature(files[index])
            results[index] = _reusable(cache.by_stat(shown, signatures[index]), options)
            if results[index] is None:
                pending.append(index)
                changed = True
        if not changed:
            cache.release(shard)
    pending.sort()
    return pending


def _remove_stale_suppressions(engine: Engine, path: str, result: FileResult, stale: list[Diagnostic],
                               options: RunOptions) -> int:
    """The second pass of ``--fix``/``--diff``: delete the suppressions that suppressed nothing.

    Whether a suppression is used is known only once the cross-file checks ran, after the
    per-file fixes, so the deletion is a pass of its own over the post as those fixes left it.
    Returns how many suppressions it removed.
    """
    if any(d.code in ("CD001", "CD007") for d in result.diagnostics):
        return 0  # the per-file fixes were not written: leave the post alone
    try:
        source = sources.read(path, engine.config.max_file_size)
    except sources.SourceError:
        return 0
    original = Document(source.text, result.path, default_language=engine.config.language)
    # With --diff the file is still the original, with --fix it is already fixed (a no-op here).
    fixed, fixed_raw, _ = engine.lint_and_fix(original)
    if [(s.start, s.end) for s in fixed.suppressions] != [(s.start, s.end) for s in result.suppressions]:
        return 0  # not the text the run judged
    edits = _merged_deletions([edit for d in stale for edit in d.fix.edits])
    raw = apply_edits(original.revised(fixed_raw), edits)
    _, raw, _ = engine.lint_and_fix(original.revised(raw))
    if options.diff:
        result.diff = _unified_diff(result.path, source.text, raw)
        return len(stale)
    try:
        if Path(path).read_bytes() != source.data:
            return 0
        sources.write_atomic(path, source.encode(raw))
    except OSError:
        return 0
    result.fixed += len(stale)
    return len(stale)


def _unified_diff(shown: str, before: str, after: str) -> str:
    """What ``--diff`` prints for one post."""
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile=f"a/{shown}", tofile=f"b/{shown}"))


def _merged_deletions(edits: list[Edit]) -> list[Edit]:
    """Deletions with overlapping ranges joined (two comments on one line share a space)."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start <= merged[-1].end:
            merged[-1] = Edit(merged[-1].start, max(merged[-1].end, edit.end), "")
        else:
            merged.append(edit)
    return merged


def _cache_module():
    """The cache module, imported only by runs that use it: hashing and pickling cost start-up."""
    global _cache
    if _cache is None:
        from . import cache as _cache
    return _cache


_cache = None


def _open_cache(engine: Engine):
    cache = _cache_module()
    return cache.Cache(Path(engine.config.cache_dir), cache.fingerprint(engine.config, engine.linters))


def _run_parallel(files, config, options, jobs, progress, keep_pickled: bool,
                  alone: dict) -> list[tuple[FileResult, bytes | None]]:
    """Results, with the bytes they came in when the cache is to keep them (see ``_worker_lint``)."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    results = []
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(config, alone)) as pool:
        for index, pickled in enumerate(pool.map(_worker_lint, [(path, options) for path in files], chunksize=chunk)):
            results.append((pickle.loads(pickled), pickled if keep_pickled else None))
            if progress:
                progress(index + 1, len(files))
    return results


def _plan_groups(engine: Engine, files: list[str]) -> dict[str, dict]:
    """For each cross-file linter, its groups in this run: key -> (members of the run, shown path ->
    path; siblings found on disk, the same). Made before the files are linted, so that a file
    alone in its group is not summarized (see ``Engine.lint_document``)."""
    plan: dict[str, dict] = {}
    shown_paths = [display_path(path) for path in files] if engine.cross_file_linters else []
    for linter in engine.cross_file_linters:
        linter.start_run()
        groups: dict = {}
        for path, shown in zip(files, shown_paths):
            key = linter.group_key(shown)
            if key is not None:
                groups.setdefault(key, {})[shown] = path
        plan[linter.name] = {key: (members, _siblings(linter, key, members)) for key, members in groups.items()}
    return plan


def _siblings(linter: Linter, key, members: dict[str, str]) -> dict[str, str | Path]:
    """The group's other files on disk. The same file may be named two ways (``a.md``,
    ``../x/a.md``): absolute paths are compared (without a system call per file, unlike ``realpath``)."""
    siblings: dict[str, str | Path] = {}
    known = None
    for sibling in linter.sibling_paths(members[min(members)]):
        if known is None:
            known = {os.path.abspath(path) for path in members}
        absolute = os.path.abspath(sibling)
        shown = display_path(sibling)
        if absolute in known or shown in members or linter.group_key(shown) != key:
            continue
        siblings[shown] = sibling
        known.add(absolute)
    return siblings


def _alone(plan: dict[str, dict]) -> dict[str, frozenset[str]]:
    """For each cross-file linter, the files of the run with no other member in their group."""
    return {name: frozenset(shown for members, siblings in groups.values() if len(members) == 1 and not siblings
                            for shown in members)
            for name, groups in plan.items()}


def _cross_file(engine: Engine, results: list[FileResult], plan: dict[str, dict]) -> list[Diagnostic]:
    """Run the cross-file linters on the groups of the plan, reading the siblings on disk."""
    found: list[Diagnostic] = []
    by_path = {result.path: result for result in results}
    for linter in engine.cross_file_linters:
        for members, siblings in plan[linter.name].values():
            if len(members) + len(siblings) < 2:
                continue
            summaries = {}
            for shown, path in members.items():
                result = by_path.get(shown)
                if result is None or linter.name not in result.summaries:
                    continue  # not read, or the linter failed on it
                summary = result.summaries[linter.name]
                if summary is None:  # alone in its group when it was linted (a cached result)
                    summary = _summarize_sibling(engine, linter, path, shown)
                if summary is not None:
                    summaries[shown] = summary
            for shown, path in siblings.items():
                summary = _summarize_sibling(engine, linter, path, shown)
                if summary is not None:
                    summaries[shown] = summary
            if len(summaries) < 2:
                continue
            try:
                group_found = list(linter.check_group([(path, unpack_summary(summary))
                                                       for path, summary in sorted(summaries.items())]))
            except Exception as error:
                first = min(p for p in summaries if p in by_path)
                by_path[first].internal_error = True
                group_found = [engine.core_diagnostic(
                    first, "CD006", f"internal error in linter {linter.name!r}: {type(error).__name__}: {error}")]
            for diagnostic in group_found:
                result = by_path.get(diagnostic.path)
                if result is not None:
                    found.extend(engine.filter([diagnostic], result.suppressions, diagnostic.path))
    return found


class PackedSummary(bytes):
    """A cross-file summary pickled and compressed: what a large run keeps of every file until its
    group is checked, a few hundred bytes instead of tens of kilobytes of small objects. A run of
    a few files (the pre-commit case) keeps summaries as they are and never imports pickle."""


def pack_summary(summary) -> PackedSummary:
    import pickle
    import zlib

    return PackedSummary(zlib.compress(pickle.dumps(summary, pickle.HIGHEST_PROTOCOL), 1))


def unpack_summary(summary):
    if not isinstance(summary, PackedSummary):
        return summary
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(summary))


def _packed(result: FileResult) -> FileResult:
    result.summaries = {name: summary if summary is None or isinstance(summary, PackedSummary) else pack_summary(summary)
                        for name, summary in result.summaries.items()}
    return result


def _summarize_sibling(engine: Engine, linter: Linter, path: str | Path, shown: str):
    try:
        source = sources.read(path, engine.config.max_file_size)
        return linter.summarize(Document(source.text, shown, default_language=engine.config.language))
    except Exception:  # a sibling we cannot read is simply not compared
        return None


# --- the Python API ---------------------------------------------------------------------------


def lint_text(text: str, path: str = "<string>", config: Config | None = None) -> list[Diagnostic]:
    """Lint a post held in memory; no file is read or written (but the rule packs)."""
    engine = engine_for(config or Config())
    if text.startswith("\ufeff"):
        text = text[1:]
    result = engine.lint_document(Document(text, path, default_language=engine.config.language))
    diagnostics = result.diagnostics + engine.unused_suppressions(result)
    return sorted(diagnostics, key=Diagnostic.sort_key)


def lint_paths(paths, config: Config | None = None, *, fix: bool = False) -> RunResult:
    """Lint files and folders, as ``copydesk check`` does; with ``fix``, fix them."""
    return run([str(p) for p in paths], config or config_module.load(), RunOptions(fix=fix))


def exit_status(result: RunResult, config: Config) -> int:
    if result.internal_errors:
        return 2
    failing = config.fail_on
    return 1 if any(d.severity >= failing for d in result.diagnostics) else 0


__all__ = ["Engine", "FileResult", "RunOptions", "RunResult", "lint_paths", "lint_text", "run",
           "exit_status", "PatternTimeout", "Severity"]
