"""Rule packs as a user extends them: declared sections checked by the core, one error format
(file, section, entry) for every linter, and a clean exit 2."""
from __future__ import annotations

import pytest
from conftest import copydesk, write

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
    # Alone, `pl: {name: Polish}` could complete a language of the built-in pack; merged, it has no styles.
    write(tmp_path / "first.yaml", "linter: quotes\nlanguages:\n  fr: {name: Français}\n")
    write(tmp_path / "second.yaml", "linter: quotes\nlanguages:\n  pl: {name: Polish}\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [first.yaml, second.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "--no-cache", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert f"rule pack {tmp_path / 'second.yaml'}: section 'languages', entry 'pl'.primary: is required" in run.err


def test_a_users_pack_extends_a_per_language_section(tmp_path):
    write(tmp_path / "pack.yaml", "linter: hallucinations\nchatbot-leftovers:\n  fr: ['\\bmerci de votre attention\\b']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [pack.yaml]\n")
    write(tmp_path / "2025-01-01-post-fr.md", "---\ntitle: T\nlang: fr\n---\n\nMerci de votre attention.\n")
    run = copydesk("check", "--no-cache", "--select", "HAL", "--format", "json", ".", cwd=tmp_path)
    assert [item["code"] for item in run.json()] == ["HAL201"], run
