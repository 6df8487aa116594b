"""The fast paths find exactly what the slow ones would, and a one-post run stays lean.

The timings themselves are measured by ``bench/bench.py``, outside the test run: a shared
machine makes wall-clock assertions flaky. These tests pin the equivalences the speed relies on.
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from linters.packs.loading import load_builtin
from linters.patterns.alternation import compile_alternation

DEBRIS = load_builtin("citations")["chat-debris"]
# Alternatives that overlap, nest and share prefixes, so that the leftmost-first order matters.
OVERLAPPING = ["citeturn\\d+", "turn\\d+", "ab", "abc", "b+c", "\\bc\\w*", "[\ue200-\ue204]"]
PIECES = ["cite", "turn", "0", "1", "search", "view", "a", "b", "c", "abc", " ", "\n", "【", "†", "】",
          "\ue200", "\ue202", "\ue201", "[oai_citation:", "‡", "]", "(", ")", ":contentReference[oaicite:",
          "{index=", "}", "[web:", "x", "é"]
# Openings that may be absent or repeated, classes, escapes, bars in and out of groups: the texts
# an alternative must start with (see ``patterns.alternation.openings``) must never skip a match.
GATED = ["ab?c", "xw|yz", "colou?r", "[ab]c", "a{0,2}b", "(?:ab)+", "\\bturn\\d", "[^a]b", "é", "\\(x",
         "[\ue200-\ue201]x?", "cit(e|a)", "\\x61bc", "[|]b", "[]a]c", "b+c"]
PIECES += ["colour", "color", "yz", "xw", "(x", "ba", "cita", "aab", "|b", "]c"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def spans(matches):
    return [(match.start(), match.end(), match.group()) for match in matches]


@settings(max_examples=600, deadline=None, derandomize=True)
@given(texts, st.sampled_from([DEBRIS, OVERLAPPING, GATED]))
def test_an_alternation_searched_one_by_one_finds_what_the_joined_pattern_finds(text, sources):
    alternation = compile_alternation(sources, "test")
    joined = regex.compile("|".join(f"(?:{source})" for source in sources), regex.V0)
    assert spans(alternation.finditer(text, timeout=1.0)) == spans(joined.finditer(text))


def test_alternatives_with_inline_flags_or_groups_are_searched_joined():
    # `(?i)` in one alternative applies to the whole joined V0 pattern; group numbers shift.
    for sources in (["abc", "(?i)x"], ["(a)\\1", "b"]):
        alternation = compile_alternation(sources, "test")
        joined = regex.compile("|".join(f"(?:{source})" for source in sources), regex.V0)
        assert spans(alternation.finditer("ABC aa X b")) == spans(joined.finditer("ABC aa X b"))


def test_an_alternative_that_matches_empty_text_falls_back_to_the_joined_pattern():
    alternation = compile_alternation(["x*", "ab"], "test")
    joined = regex.compile("(?:x*)|(?:ab)", regex.V0)
    assert spans(alternation.finditer("abxxab")) == spans(joined.finditer("abxxab"))


def test_plugins_are_found_as_importlib_metadata_finds_them(monkeypatch, tmp_path):
    from importlib.metadata import entry_points

    from conftest import PLUGIN_DEMO
    from linters import registry

    egg = tmp_path / "Other_Plugin-2.0.egg-info"  # an egg-info, a second group, options with spaces
    egg.mkdir()
    (egg / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[copydesk.linters]\n"
                                          "other = other_plugin.linters : OtherLinter [extra]\n")
    for folder in (PLUGIN_DEMO, PLUGIN_DEMO.parent / "plugin_patterns", tmp_path):
        monkeypatch.syspath_prepend(str(folder))
    expected = {(point.name, point.value) for point in entry_points(group=registry.ENTRY_POINT_GROUP)}
    assert {(point.name, point.value) for point in registry.plugin_entry_points()} == expected
    assert {name for name, _ in expected} >= {"demo", "patterns", "other"}
    demo = next(point for point in registry.plugin_entry_points() if point.name == "demo")
    assert demo.load().name == "demo"


def test_parsed_packs_are_remembered_until_the_pack_changes(monkeypatch, tmp_path):
    import os

    from linters.packs import loading

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    pack = tmp_path / "demo.yaml"
    pack.write_text("phrases: [one]\n", encoding="utf-8")
    assert loading.load_remembered(pack) == {"phrases": ["one"]}
    [remembered] = (tmp_path / "__pycache__").iterdir()
    monkeypatch.setattr(loading, "load_file", lambda path: {"parsed": "again"})
    assert loading.load_remembered(pack) == {"phrases": ["one"]}  # not parsed again
    pack.write_text("phrases: [two]\n", encoding="utf-8")
    os.utime(pack, ns=(1, 1))
    assert loading.load_remembered(pack) == {"parsed": "again"}  # changed: parsed again
    remembered.write_bytes(b"garbage")
    assert loading.load_remembered(pack) == {"parsed": "again"}


def test_derived_values_are_remembered_until_the_packs_or_the_code_change(monkeypatch, tmp_path):
    import os

    from linters.packs import loading, remembered

    monkeypatch.setattr("sys.dont_write_bytecode", False)
    monkeypatch.setattr(remembered, "rules_dir", lambda: tmp_path)
    pack, code = tmp_path / "demo.yaml", tmp_path / "derive.py"
    pack.write_text("phrases: [one]\n", encoding="utf-8")
    code.write_text("# the deriving code\n", encoding="utf-8")
    calls = []

    def derive(text):
        calls.append(text)
        return (text.upper().encode(),)

    def fresh_run():
        return remembered.Remembered("demo-literals", (str(code),))

    store = fresh_run()
    assert store.get("one", derive) == (b"ONE",) and calls == ["one"]
    store.save()
    store = fresh_run()
    assert store.get("one", derive) == (b"ONE",) and calls == ["one"]  # remembered by the next run
    for changed in (pack, code):
        os.utime(changed, ns=(1, 1))
        store = fresh_run()
        assert store.get("one", derive) == (b"ONE",) and calls == ["one", "one"]  # derived again
        store.save()
        calls.pop()
    [kept] = (tmp_path / "__pycache__").glob("demo-literals.*.marshal")
    kept.write_bytes(b"garbage")
    assert fresh_run().get("one", derive) == (b"ONE",) and calls == ["one", "one"]
    assert loading.MAX_PACK_BYTES == 4 * __import__("linters.yamlsafe").yamlsafe.MAX_SOURCE


def test_a_one_post_run_imports_only_what_it_needs(tmp_path):
    """The pre-commit case: no plugin metadata machinery, no workers, no cache, no writing."""
    import os
    import subprocess
    import sys

    from conftest import with_pythonpath, write

    write(tmp_path / "2025-01-01-post-fr.md", "---\nlang: fr\ntitle: Un billet\n---\n\nDu texte (). Voir [](https://example.org).\n")
    script = ("import contextlib, io, sys\nfrom linters.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              "    status = main(['check', '2025-01-01-post-fr.md', '--no-cache'])\n"
              "print(status, ' '.join(sorted(sys.modules)))\n")
    # as a user's second run: the first one after an install (or an edit of a pack) parses the
    # packs with PyYAML and remembers them beside the packs (see packs.loading)
    environment = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, **with_pythonpath()}
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True,
                             env=environment).stdout.split()
    status, modules = out[0], set(out[1:])
    assert status == "1"  # it did lint: CIT001 and CIT002 are there
    unwanted = {"importlib.metadata", "multiprocessing", "concurrent.futures", "tempfile", "pickle", "hashlib",
                "typing", "email", "difflib", "dataclasses", "inspect",
                "yaml"}  # its front matter is simple: read without PyYAML (see document.frontmatter_plain)
    assert modules & unwanted == set()


def test_findings_come_back_equal_from_a_pickle():
    """Workers and the cache send findings (named tuples) as pickles; nothing may be lost."""
    import pickle

    from linters import lint_text

    found = lint_text("---\nlang: fr\ntitle: x\n---\n\nDu texte (). Voir [](https://example.org/a?utm_source=openai).\n",
                      path="_posts/fr/2025-01-01-x-fr.md")
    assert any(d.fix is not None for d in found)
    restored = pickle.loads(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    assert restored == found and [d.fix for d in restored] == [d.fix for d in found]
    assert [type(d.severity) for d in restored] == [type(d.severity) for d in found]
    assert {type(d).__name__ for d in restored} == {"Diagnostic"} and restored[0].fixable


def test_built_in_patterns_are_searched_untimed_but_users_patterns_and_huge_texts_are_not():
    """The clock a time limit reads costs a search a quarter of its time: built-in patterns (ours,
    written to run in linear time) skip it on texts of ordinary length."""
    from linters.packs.remembered import builtin_strings
    from linters.patterns.search import UNTIMED_LENGTH, compile_pattern, time_limit

    source = load_builtin("citations")["empty-citation"][0]
    assert source in builtin_strings()
    built_in = compile_pattern(source, "here")
    users = compile_pattern(r"(a+)+$", "a user's pack")
    assert time_limit(built_in, "text (,) " * 1000, 1.0) is None
    assert time_limit(built_in, "x" * (UNTIMED_LENGTH + 1), 1.0) == 1.0
    assert time_limit(users, "aaa", 0.5) == 0.5
