"""The model's machinery (HAL401-HAL403, HAL406), as a user sees it: findings and fixes.

Fixture posts here are invented."""
from __future__ import annotations

import pytest

from conftest import copydesk, write
from hal_support import FRONT, findings


# -- HAL401-HAL403: the model's machinery -----------------------------------------------------

REASONING = ("Fix it with the flag below.\n\n<details type=\"reasoning\" done=\"true\" duration=\"4\">\n"
             "<summary>Thought for 4 seconds</summary>\n> Okay, so the user wants a flag.\n>\n"
             "> I should answer briefly.\n</details>\nUse `--legacy`.\n")


def test_leaked_reasoning_block_is_one_finding_and_fixable(tmp_path):
    assert findings(FRONT + REASONING) == {(9, "HAL401")}
    post = write(tmp_path / "_posts" / "2024-03-05-flag.md", FRONT + REASONING)
    copydesk("check", "--no-cache", "--select", "HAL401", "--fix", post)
    assert post.read_text(encoding="utf-8") == FRONT + "Fix it with the flag below.\n\nUse `--legacy`.\n"


def test_reasoning_fix_keeps_text_around_an_inline_block(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "Answer: <details type=\"reasoning\">hmm</details> use `-f`.\n")
    copydesk("check", "--no-cache", "--select", "HAL401", "--fix", post)
    assert post.read_text(encoding="utf-8") == FRONT + "Answer:  use `-f`.\n"


def test_reasoning_lines_without_a_block():
    text = FRONT + "Thought for 12 seconds\n\n> Okay, so the user is asking about flags.\n\nAnswer.\n"
    assert findings(text) == {(7, "HAL401"), (9, "HAL401")}


def test_reasoning_in_a_code_block_is_documentation():
    text = FRONT + "```html\n<details type=\"reasoning\">\n<summary>Thought for 4 seconds</summary>\n</details>\n```\n"
    assert findings(text) == set()


def test_generation_moment():
    stated = FRONT + "Given the current time is 09:12 AM UTC on Monday, March 3, 2025, we check the logs.\n"
    assert findings(stated) == {(7, "HAL402")}
    as_of = FRONT + "The project has 40k stars (as of early 2025).\n"
    assert findings(as_of, path="_posts/en/2017-12-15-pm2-en.md") == {(7, "HAL402")}
    assert findings(as_of, path="_posts/en/2025-06-01-pm2-en.md") == set()
    assert findings(as_of, path="notes/undated.md") == set()
    front_dated = "---\ndate: 2016-01-02 10:00:00\n---\n\nIt had 40k stars as of 2025.\n"
    assert findings(front_dated, path="notes/undated.md") == {(5, "HAL402")}
    updated = "---\ndate: 2016-01-02\nlast_modified_at: 2025-03-01\n---\n\nIt had 40k stars as of 2025.\n"
    assert findings(updated, path="notes/undated.md") == set()
    update_note = FRONT + "**Update:** as of 2025 the project is archived.\n"
    assert findings(update_note, path="_posts/en/2017-12-15-pm2-en.md") == set()


def test_the_moment_of_generation_quoted_is_a_mention():
    table = FRONT + ('| Phrase | Kind |\n|---|---|\n| "As of my last knowledge update" | cutoff disclaimer |\n\n'
                     'The bot wrote “as of my last update, the API was free” and stopped.\n')
    assert findings(table) == set()


@pytest.mark.parametrize("heading", ["### Key Citations", "#### Citations clés", "## 关键引用", "**Key Citations**"])
def test_unchecked_citation_sections(heading):
    assert findings(FRONT + f"Answer.\n\n{heading}\n- [Docs](https://docs.test/)\n") == {(9, "HAL403")}


def test_citations_mentioned_in_a_sentence_are_fine():
    assert findings(FRONT + "Key citations are listed at the end of the chapter.\n\n## Sources\n") == set()


# -- HAL406: a page wrapped whole in a code fence ----------------------------------------------

WRAPPED = ("```markdown\n---\ntitle: A Test Post\n---\n\n# Setup\n\nRun it ().\n\n```bash\nmake\n```\n\n"
           "Let me know if you'd like more examples.\n```\n")


def test_a_page_wrapped_in_a_fence_is_reported_and_its_content_checked():
    found = hal_json_of(WRAPPED)
    assert found == {("HAL406", 1), ("HAL201", 14)}  # the leftover inside is found too


def test_unwrapping_is_an_unsafe_fix(tmp_path):
    post = write(tmp_path / "post.md", WRAPPED)
    copydesk("check", "--no-cache", "--select", "HAL406", "--fix", str(post))
    assert post.read_text(encoding="utf-8") == WRAPPED  # not with --fix alone
    copydesk("check", "--no-cache", "--select", "HAL406", "--fix", "--unsafe-fixes", str(post))
    assert post.read_text(encoding="utf-8") == WRAPPED[len("```markdown\n"):-len("```\n")]


def hal_json_of(text: str) -> set[tuple[str, int]]:
    return {(code, line) for line, code in findings(text, path="notes/wrapped.md")}
