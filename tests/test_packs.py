"""Rule packs as a user extends them: declared sections checked by the core, one error format
(file, section, entry) for every linter, and a clean exit 2."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLUGIN_DEMO, copydesk, with_pythonpath, write

# One malformed user pack per built-in linter, and the message the user sees after the file.
MALFORMED = {
    "citations": ("chat-debris: ['(unclosed']\n",
                  "section 'chat-debris', entry [0]: invalid pattern '(unclosed': missing ) at position 9"),
    "frontmatter": ("schema: {keys: {title: {type: text}}}\n",
                    "section 'schema', entry 'keys'.title.type: must be a type (string, boolean, integer, number, "
                    "list, mapping, date), not 'text'"),
    "hallucinations": ("chatbot-leftovers:\n  fr: ['ok', 'fine', 'good', '(unclosed']\n",
                       "section 'chatbot-leftovers', entry 'fr'[3]: invalid pattern '(unclosed'"),
    "quotes": ("languages:\n  fr: {space: x}\n", "section 'languages', entry 'fr'.space: must be one space character, not 'x'"),
    "translations": ("number-multipliers: {dozen: -12}\n",
                     "section 'number-multipliers', entry 'dozen': must be a positive integer, not -12"),
}


def run_with_pack(folder, text: str):
    write(folder / "pack.yaml", text)
    write(folder / ".copydesk.yaml", "rule-packs: [pack.yaml]\n")
    write(folder / "2025-01-01-post-fr.md", "---\ntitle: T\nlang: fr\n---\n\nTexte.\n")
    return copydesk("check", "--no-cache", ".", cwd=folder)


@pytest.mark.parametrize("linter", sorted(MALFORMED))
def test_a_malformed_section_is_named_by_file_section_and_entry(tmp_path, linter):
    text, message = MALFORMED[linter]
    run = run_with_pack(tmp_path, f"linter: {linter}\n{text}")
    assert run.code == 2 and run.out == "", run
    assert run.err.startswith(f"copydesk: error: rule pack {tmp_path / 'pack.yaml'}: {message}"), run
    assert "Traceback" not in run.err and "rules/" not in run.err


def test_an_unknown_section_is_refused_not_ignored(tmp_path):
    run = run_with_pack(tmp_path, "linter: hallucinations\nchatbot-leftover:\n  en: ['let me know']\n")
    assert run.code == 2, run
    assert f"rule pack {tmp_path / 'pack.yaml'}: section 'chatbot-leftover': not a section of linter 'hallucinations'" \
        in run.err and "chatbot-leftovers" in run.err


def test_a_problem_of_the_merged_pack_names_the_file_that_brings_it(tmp_path):
    # Alone, `ro: {name: Romanian}` could complete a language of the built-in pack; merged, it has no styles.
    write(tmp_path / "first.yaml", "linter: quotes\nlanguages:\n  fr: {name: Français}\n")
    write(tmp_path / "second.yaml", "linter: quotes\nlanguages:\n  ro: {name: Romanian}\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [first.yaml, second.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "--no-cache", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert f"rule pack {tmp_path / 'second.yaml'}: section 'languages', entry 'ro'.primary: is required" in run.err


def test_a_users_pack_extends_a_per_language_section(tmp_path):
    write(tmp_path / "pack.yaml", "linter: hallucinations\nchatbot-leftovers:\n  fr: ['\\bmerci de votre attention\\b']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [pack.yaml]\n")
    write(tmp_path / "2025-01-01-post-fr.md", "---\ntitle: T\nlang: fr\n---\n\nMerci de votre attention.\n")
    run = copydesk("check", "--no-cache", "--select", "HAL", "--format", "json", ".", cwd=tmp_path)
    assert [item["code"] for item in run.json()] == ["HAL201"], run


# -- R10, R11 (issue 18): a pack cannot hang a run, exhaust its memory, or cost it gigabytes to compile --


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_pack_that_is_no_regular_file_or_huge_is_refused_at_once(tmp_path, kind):
    from linters.packs.loading import MAX_PACK_BYTES

    if kind == "fifo":
        os.mkfifo(tmp_path / "pack.yaml")  # no writer: reading it would wait forever
        where, problem = tmp_path / "pack.yaml", "not a regular file"
    elif kind == "device":
        where, problem = Path("/dev/zero"), "not a regular file"  # endless: reading it would fill the memory
    else:
        with open(tmp_path / "pack.yaml", "wb") as stream:
            stream.truncate(MAX_PACK_BYTES + 1)
        where, problem = tmp_path / "pack.yaml", "larger than the limit"
    write(tmp_path / ".copydesk.yaml", f"rule-packs: ['{where}']\n")
    write(tmp_path / "post.md", "Text.\n")
    started = time.monotonic()
    run = copydesk("check", "--no-cache", "post.md", cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 30
    assert run.code == 2 and f"{where}: cannot read rule pack: " in run.err and problem in run.err, run
    assert "Traceback" not in run.err and "MemoryError" not in run.err


def test_a_parsed_pack_kept_as_a_named_pipe_is_passed_over(tmp_path):
    pack = write(tmp_path / "demo.yaml", "phrases: [one]\n")
    (tmp_path / "__pycache__").mkdir()
    os.mkfifo(tmp_path / "__pycache__" / f"demo.{sys.implementation.cache_tag}.marshal")
    code = f"from linters.packs.loading import load_remembered; print(load_remembered(__import__('pathlib').Path({str(pack)!r})))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                          env={**os.environ, **with_pythonpath()})
    assert done.stdout.strip() == "{'phrases': ['one']}", done


@pytest.mark.parametrize("pattern, copies", [("(?:(?:a{1000}){1000}){1000}", "1,000,000,000"), ("a{65535}", "65,535")])
def test_a_pattern_too_costly_to_compile_is_refused_naming_its_place(tmp_path, pattern, copies):
    run = run_with_pack(tmp_path, f"linter: citations\nchat-debris: ['{pattern}']\n")
    assert run.code == 2, run
    assert run.err.startswith(f"copydesk: error: rule pack {tmp_path / 'pack.yaml'}: section 'chat-debris', entry [0]: "
                              f"invalid pattern '{pattern}': its repetitions nest to {copies} copies, more than"), run
    assert "MemoryError" not in run.err and "Traceback" not in run.err


def test_a_plugins_costly_pattern_is_refused_naming_linter_rule_and_field(tmp_path):
    write(tmp_path / "pack.yaml", "linter: patterns\npatterns:\n  - rule: PAT001\n    pattern: '(?:a{1000}){1000}'\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [pack.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "--no-cache", "post.md", cwd=tmp_path, env=with_pythonpath(PLUGIN_DEMO.parent / "plugin_patterns"))
    assert run.code == 2 and "pack.yaml" in run.err and "'patterns'" in run.err, run
    assert "rule PAT001: field 'pattern': invalid pattern '(?:a{1000}){1000}': its repetitions nest to 1,000,000" in run.err


@pytest.mark.parametrize("source, copies", [
    ("(?:(?:a{10}){10}){10}", 1000), ("a{65535}", 65535), ("[a-z]{1,300}", 300), ("(?:\\w+\\s*){1,50}", 50),
    ("x{10}(?:y{10}){10}", 100), ("a{,200}", 200), ("\\p{Han}{2,5}", 5), ("[{]{5}", 5), ("a*b+c?", 1), ("(a{5}", 5),
    ("\\\\{1000}", 1000), ("\\{1000}", 1), ("a{b}", 1),
])
def test_repetition_bound_multiplies_nested_counts(source, copies):
    from linters.patterns.syntax import repetition_bound

    assert repetition_bound(source) == copies


def test_a_built_in_pack_edited_after_a_run_is_checked_again(tmp_path):
    """A built-in pack's sections are checked once per install, not at every start; a newcomer
    who then edits ``rules/*.yaml`` (adding a phrase in a new language) still gets the mistake
    named, not a traceback or a silent pass."""
    import shutil

    from conftest import REPO

    source = tmp_path / "source"
    shutil.copytree(REPO / "linters", source / "linters", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "rules", source / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    post = write(tmp_path / "site" / "2025-01-01-post-fr.md", "---\ntitle: T\nlang: fr\n---\n\nTexte ().\n")
    environment = {"PYTHONDONTWRITEBYTECODE": "", **with_pythonpath(source)}  # empty: bytecode (and packs) kept
    for _ in range(2):  # the second run finds the packs checked and remembered
        run = copydesk("check", "--no-cache", post.name, cwd=post.parent, env=environment)
        assert run.code == 1 and "CIT001" in run.out, run
    assert list((source / "rules" / "__pycache__").glob("checked-packs.*.marshal"))
    pack = source / "rules" / "citations.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("chat-debris:\n", "chat-debris: 12\nold-chat-debris:\n"),
                    encoding="utf-8")
    run = copydesk("check", "--no-cache", post.name, cwd=post.parent, env=environment)
    assert run.code == 2 and "Traceback" not in run.err, run
    assert "citations.yaml" in run.err and "chat-debris" in run.err, run
