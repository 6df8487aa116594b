"""The hallucinations linter (HAL), as a user sees it: CLI findings, fixes, configuration.

Fixture posts here are invented; the seeds and the real corpus are read from ../shared when present.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import copydesk, seed_path, write
from linters import lint_text
from linters.identifiers import arxiv_id_problem, doi_problem, isbn_problem, status_id_problem, youtube_id_problem

FRONT = "---\nlayout: post\ntitle: A Test Post\ntype: note\n---\n\n"


def findings(text: str, path: str = "_posts/en/2024-03-05-test-en.md", config=None) -> set[tuple[int, str]]:
    return {(d.line, d.code) for d in lint_text(text, path=path, config=config) if d.code.startswith("HAL")}


def codes(text: str, **kwargs) -> set[str]:
    return {code for _, code in findings(text, **kwargs)}


def hal_json(*paths, cwd=None) -> set[tuple[int, str]]:
    run = copydesk("check", "--select", "HAL", "--format", "json", *paths, cwd=cwd)
    assert run.code in (0, 1), run
    return {(item["line"], item["code"]) for item in run.json()}


# -- seeds: every leftover, fabricated URL and scrape artefact; the valid URLs next to them are clean --

SEED_FINDINGS = {
    # French: offers of more help at the end of two sections; an invented YouTube id.
    "000": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    # A scraped news page: logo text, navigation, timestamp, page title as last line.
    "001": {(1, "HAL302"), (2, "HAL301"), (6, "HAL304"), (10, "HAL301"), (12, "HAL303")},
    "002": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    "003": {(65, "HAL201"), (118, "HAL001"), (118, "HAL201")},
    # An undated scraped article: "plus tôt ce mois-ci" has no month to refer to.
    "004": {(3, "HAL304")},
}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings_are_exact(seed):
    assert hal_json(seed_path(seed)) == SEED_FINDINGS[seed]


def test_seed_valid_youtube_link_is_not_flagged():
    run = copydesk("check", "--select", "HAL001", "--format", "json", seed_path("000"))
    flagged = [item for item in run.json() if item["code"] == "HAL001"]
    assert [item["line"] for item in flagged] == [118]
    assert "lexfridman" in flagged[0]["message"]
    assert all("ugvHCXCOmm4" not in item["message"] for item in run.json())


def test_seed_messages_name_the_leftover_phrase():
    run = copydesk("check", "--select", "HAL201", "--format", "json", seed_path("003"))
    assert {item["message"] for item in run.json()} == {
        "chatbot leftover addressed to its user: 'lassen Sie es mich wissen'"}


# -- HAL001-HAL006: identifiers and URL shapes --------------------------------------------------

def test_identifier_validators():
    assert youtube_id_problem("ugvHCXCOmm4") is None
    assert youtube_id_problem("dQw4w9WgXcQ") is None
    assert "11" in youtube_id_problem("lexfridman")
    assert "cannot end" in youtube_id_problem("dQw4w9WgXcB")
    assert arxiv_id_problem("1706.03762") is None
    assert arxiv_id_problem("hep-th/9711200") is None
    assert arxiv_id_problem("0704.0001") is None
    assert "month 13" in arxiv_id_problem("2313.01234")
    assert "5-digit" in arxiv_id_problem("2101.1234")
    assert "April 2007" in arxiv_id_problem("0612.1234")
    assert "future" in arxiv_id_problem("9912.12345")
    assert status_id_problem("1795187011138793504") is None
    assert status_id_problem("leaving-openai")
    assert doi_problem("10.1038/nature14539") is None
    assert "no suffix" in doi_problem("10.1038/")
    assert isbn_problem("978-0-13-468599-1") is None
    assert isbn_problem("0-306-40615-2") is None
    assert isbn_problem("080442957X") is None
    assert "check digit" in isbn_problem("978-0-13-468599-2")
    assert "check digit" in isbn_problem("0-306-40615-3")
    assert "digits" in isbn_problem("978-0-13-46859")


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/watch?v=lexfridman",
    "https://youtu.be/abc",
    "https://www.youtube.com/shorts/too-long-to-be-an-id",
    "https://www.youtube.com/embed/dQw4w9WgXc",
    "https://m.youtube.com/watch?v=dQw4w9WgXcB",
])
def test_impossible_youtube_ids(url):
    assert findings(FRONT + f"Watch it [here]({url}).\n") == {(7, "HAL001")}


@pytest.mark.parametrize("url", [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
    "https://www.youtube.com/channel/UC-jqwnFwWOS4ydgTsQR-9ZQ",
    "https://www.youtube.com/@someone",
    "https://arxiv.org/abs/1706.03762v5",
    "https://arxiv.org/pdf/hep-th/9711200.pdf",
    "https://x.com/someone/status/1795187011138793504",
    "https://twitter.com/someone",
    "https://doi.org/10.1038/nature14539",
    "https://en.wikipedia.org/wiki/Large_language_model",
    "https://github.com/some-owner/some.repo/issues/12",
    "https://github.com/some-owner/repo/issues/new",
    "https://stackoverflow.com/questions/11227809/why-is-it-faster",
    "https://stackoverflow.com/questions/tagged/python",
    "https://en.wikipedia.org/wiki/Large%20language%20model",
    "https://www.youtube.com/watch?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
])
def test_possible_urls_are_clean(url):
    assert findings(FRONT + f"See <{url}> and [this]({url}).\n") == set()


@pytest.mark.parametrize("url, code", [
    ("https://arxiv.org/abs/2313.01234", "HAL002"),
    ("https://arxiv.org/pdf/2101.1234.pdf", "HAL002"),
    ("https://x.com/janleike/status/leaving-openai", "HAL003"),
    ("https://mobile.twitter.com/someone/status/12ab", "HAL003"),
    ("https://doi.org/10.1038/", "HAL004"),
    ("https://openlibrary.org/isbn/9780134685992", "HAL005"),
    ("https://en.wikipedia.org/wiki/", "HAL006"),
    ("https://github.com/some.owner/repo", "HAL006"),
    ("https://github.com/owner/repo/pull/latest", "HAL006"),
    ("https://github.com/owner/repo/blob/", "HAL006"),
    ("https://www.youtube.com/watch?v=", "HAL001"),
    ("https://www.youtube.com/channel/lexfridman", "HAL006"),
    ("https://stackoverflow.com/questions/how-to-exit-vim", "HAL006"),
])
def test_impossible_urls(url, code):
    assert findings(FRONT + f"Source: {url}\n") == {(7, code)}


def test_identifiers_in_prose():
    text = FRONT + ("Attention is described in arXiv:1706.03762 and arXiv:2313.01234.\n\n"
                    "The DOI is doi:10.1038 in the paper, doi:10.1038/nature14539 in the book.\n\n"
                    "ISBN 978-0-13-468599-2 is the new edition; ISBN 978-0-13-468599-1 the old.\n")
    assert findings(text) == {(7, "HAL002"), (9, "HAL004"), (11, "HAL005")}


def test_identifiers_in_code_are_not_checked():
    text = FRONT + "```\ncurl https://www.youtube.com/watch?v=placeholder\nISBN 978-0-13-468599-2\n```\n"
    assert findings(text) == set()


# -- HAL101: placeholders -----------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "According to [the report](https://example.com/report), sales doubled.",
    "Read it at https://blog.example.org/post.",
    "Details: [source](link-to-source).",
    "Details: [source](URL_HERE).",
    "Sign up on https://your-site.com/signup today.",
    "The original paper [link] explains it.",
    "Download it from <url> and unpack it.",
])
def test_placeholder_links_in_prose(line):
    assert findings(FRONT + line + "\n") == {(7, "HAL101")}


def test_placeholders_in_code_are_fine():
    text = FRONT + ("Run `curl http://example.com` first:\n\n```bash\ncurl -L -O <URL>\n"
                    "curl https://api.example.com/v1\n```\n\n    wget http://example.net/file\n")
    assert findings(text) == set()


def test_defined_reference_named_link_is_not_a_placeholder():
    text = FRONT + "The paper [link] explains it.\n\n[link]: https://arxiv.org/abs/1706.03762\n"
    assert findings(text) == set()


# -- HAL201, HAL202: chatbot leftovers ----------------------------------------------------------

@pytest.mark.parametrize("path, sentence", [
    ("_posts/en/2024-03-05-a-en.md", "Let me know if you'd like more examples."),
    ("_posts/en/2024-03-05-a-en.md", "I hope this helps!"),
    ("_posts/en/2024-03-05-a-en.md", "As an AI language model, I cannot browse the web."),
    ("_posts/fr/2024-03-05-a-fr.md", "Si vous voulez d'autres exemples, faites-le moi savoir !"),
    ("_posts/fr/2024-03-05-a-fr.md", "N'hésitez pas à demander si quelque chose n'est pas clair."),
    ("_posts/de/2024-03-05-a-de.md", "Wenn Sie mehr Beispiele brauchen, lassen Sie es mich wissen!"),
    ("_posts/es/2024-03-05-a-es.md", "Si necesitas más ejemplos, ¡avísame!"),
    ("_posts/ja/2024-03-05-a-ja.md", "さらに例が必要な場合は、お知らせください。"),
    ("_posts/zh/2024-03-05-a-zh.md", "如果你需要更多示例，请告诉我。"),
    ("_posts/hant/2024-03-05-a-hant.md", "如果你需要更多範例，請告訴我。"),
    ("_posts/hi/2024-03-05-a-hi.md", "अगर आपको और उदाहरण चाहिए तो मुझे बताएं।"),
    ("_posts/ar/2024-03-05-a-ar.md", "دعني أعلم إذا كنت تريد المزيد من الأمثلة."),
    ("_posts/en/2024-03-05-a-en.md", "Based on your question, I'll assume you use Linux."),
    ("_posts/en/2024-03-05-a-en.md", "Given the user's emphasis on speed, the cache stays."),
    ("_posts/fr/2024-03-05-a-fr.md", "Sur la base de votre question, je suppose que vous utilisez Linux."),
    ("_posts/zh/2024-03-05-a-zh.md", "根据你的问题，我假设你使用 Linux。"),
])
def test_chatbot_leftovers_in_every_language(path, sentence):
    assert findings(FRONT + "Some real content here.\n\n" + sentence + "\n", path=path) == {(9, "HAL201")}


@pytest.mark.parametrize("language, sentence", [
    ("en", "Let me know what you think in the comments!"),
    ("en", "Let me know in the comments below if you tried it."),
    ("en", "I hope that those who read this will give some advice. Thank you!"),
    ("en", "She said: let me know when you land."),
    ("en", "As requested by many readers, here is part two."),
    ("en", "The tool bumps the version as requested (`patch`, `minor` or `major`)."),
    ("en", "The server parses the user's request before routing it."),
    ("en", "Let me know if you spot a mistake."),
    ("en", "I hope this helps someone who hits the same bug."),
    ("fr", "Dites-moi ce que vous en pensez dans les commentaires !"),
    ("fr", "Faites-moi savoir ce que vous en pensez !"),
    ("de", "Lassen Sie mich wissen, was Sie davon halten."),
    ("ja", "ご意見やご感想をお知らせください。"),
    ("zh", "请告诉我你的想法。"),
    ("zh", "如有错误，请告诉我，欢迎指正。"),
    ("en", "If you have any other questions, drop me a line."),
])
def test_human_sign_offs_are_not_leftovers(language, sentence):
    assert findings(FRONT + sentence + "\n", path=f"_posts/{language}/2024-03-05-a-{language}.md") == set()


@pytest.mark.parametrize("text", [
    "> The bot answered: I hope this helps! Let me know if you need more.\n",
    "The reply ended with “Let me know if you'd like more examples”, as they all do.\n",
    'Every answer ends with "I hope this helps", which says nothing.\n',
    "> Certainly! Here is the summary you asked for.\n",
])
def test_quoted_chatbot_words_are_not_leftovers(text):
    assert findings(FRONT + text) == set()


@pytest.mark.parametrize("text", [
    "The tell is the closing line, *Let me know if you'd like more examples*, which nobody writes.\n",
    "Its answers all end in **I hope this helps** and a smiley.\n",
])
def test_chatbot_words_in_emphasis_within_a_sentence_are_mentions(text):
    assert findings(FRONT + text) == set()


@pytest.mark.parametrize("emphasis", ["*", "_", "**", "__"])
def test_a_leftover_sentence_in_emphasis_is_still_a_leftover(emphasis):
    text = f"Done.\n\n{emphasis}Let me know if you'd like more examples!{emphasis}\n\nI hope this helps!\n"
    assert findings(FRONT + text) == {(9, "HAL201"), (11, "HAL201")}


def test_placeholders_and_reasoning_in_html_comments_are_hidden():
    text = FRONT + ("<!-- TODO: replace <url> and https://example.com/draft -->\n\n"
                    "<!--\n<details type=\"reasoning\">\n</details>\n-->\n\nText.\n")
    assert findings(text) == set()


def test_leftover_span_is_the_sentence():
    text = FRONT + "The tool works. If it fails, let me know and I can dig deeper. Bye.\n"
    [diagnostic] = [d for d in lint_text(text, path="post.md") if d.code == "HAL201"]
    assert text[diagnostic.start:diagnostic.end] == "If it fails, let me know and I can dig deeper."


def test_published_chat_transcript_is_not_a_leftover():
    text = FRONT + ("Me: can you split this sentence?\n\nChatGPT: Certainly! Here's the split sentence:\n\n"
                    "Part 1 and part 2. If you need any more help, feel free to ask!\n")
    assert findings(text) == set()


@pytest.mark.parametrize("text, transcript", [
    ("**Claude**: Sure. If you need any more help, feel free to ask!\n", True),
    ("  _ChatGPT_ ： Part 1. If you need any more help, feel free to ask!\n", True),
    ("I asked Claude: if you need any more help, feel free to ask!\n", False),  # a name in a sentence
    ("Claude said so. If you need any more help, feel free to ask!\n", False),  # a name without a colon
])
def test_transcript_lines_start_with_a_speaker_and_a_colon(text, transcript):
    assert findings(FRONT + text) == (set() if transcript else {(7, "HAL201")})


@pytest.mark.parametrize("path, line", [
    ("_posts/en/2024-03-05-a-en.md", "Certainly! Here's a summary of the episode:"),
    ("_posts/fr/2024-03-05-a-fr.md", "Bien sûr ! Voici un résumé de l'épisode :"),
    ("_posts/zh/2024-03-05-a-zh.md", "当然！以下是本集的摘要："),
])
def test_chatbot_openings(path, line):
    assert findings(FRONT + line + "\n", path=path) == {(7, "HAL202")}


def test_certainly_inside_a_sentence_is_not_an_opening():
    assert findings(FRONT + "It is certainly! here is not how you start.\n\nHe said sure, here is the key.\n") == set()


# -- HAL301-HAL304: scraped page chrome --------------------------------------------------------

SCRAPED = ("NewsBotNewsBot\nBack to Headlines\n\nRobots learn to fold laundry\n\n2 days ago\n\n"
           "A lab showed a robot folding shirts.\n\nRelated Links\n\n"
           "Robots learn to fold laundry | Headlines | NewsBot\n")


def test_scraped_page_chrome():
    assert findings(SCRAPED, path="scraped.md") == {
        (1, "HAL302"), (2, "HAL301"), (6, "HAL304"), (10, "HAL301"), (12, "HAL303")}


def test_fix_deletes_scraped_chrome_lines(tmp_path):
    post = write(tmp_path / "scraped.md", SCRAPED)
    run = copydesk("check", "--select", "HAL30", "--fix", post)
    assert run.code == 1, run  # the timestamp needs a human: it stays reported
    assert post.read_text(encoding="utf-8") == (
        "Robots learn to fold laundry\n\n2 days ago\n\nA lab showed a robot folding shirts.\n")


def test_fix_keeps_paragraphs_apart(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "Para one.\nRead more\n\nPara two.\n\nRelated Links\n\nPara three.\n")
    copydesk("check", "--select", "HAL301", "--fix", post)
    assert post.read_text(encoding="utf-8") == FRONT + "Para one.\n\nPara two.\n\nPara three.\n"


def test_chrome_near_misses():
    text = FRONT + ("## Related Links\n\n- [Back to Headlines](https://news.test/)\n\n"
                    "Ha Ha is not a brand. BlogBlog appears mid-sentence.\n\n"
                    "| Name | Role | Team |\n|---|---|---|\n| A Test Post | lead | core |\n")
    assert findings(text) == set()


def test_last_line_with_pipes_that_is_not_the_title():
    assert findings(FRONT + "Intro.\n\nCPU | GPU | TPU\n") == set()


def test_relative_dates_need_an_undated_post():
    undated = "Robots\n\nThe lab announced it yesterday, two days ago it was a rumour.\n"
    assert findings(undated, path="notes/robots.md") == {(3, "HAL304")}
    assert findings(undated, path="_posts/en/2024-03-05-robots-en.md") == set()
    dated = "---\ndate: 2024-03-05\n---\n" + undated
    assert findings(dated, path="notes/robots.md") == set()


def test_diaries_may_say_yesterday():
    diary = "---\ntype: diary\n---\n\n3 days ago\n\nYesterday I went hiking.\n"
    assert findings(diary, path="notes/hike.md") == set()


def test_section_named_yesterday_is_not_a_timestamp():
    assert findings(FRONT + "Yesterday\n\nThe city in 1860.\n\nToday\n\nThe city now.\n") == set()


# -- HAL401-HAL404: the model's machinery -----------------------------------------------------

REASONING = ("Fix it with the flag below.\n\n<details type=\"reasoning\" done=\"true\" duration=\"4\">\n"
             "<summary>Thought for 4 seconds</summary>\n> Okay, so the user wants a flag.\n>\n"
             "> I should answer briefly.\n</details>\nUse `--legacy`.\n")


def test_leaked_reasoning_block_is_one_finding_and_fixable(tmp_path):
    assert findings(FRONT + REASONING) == {(9, "HAL401")}
    post = write(tmp_path / "_posts" / "2024-03-05-flag.md", FRONT + REASONING)
    copydesk("check", "--select", "HAL401", "--fix", post)
    assert post.read_text(encoding="utf-8") == FRONT + "Fix it with the flag below.\n\nUse `--legacy`.\n"


def test_reasoning_fix_keeps_text_around_an_inline_block(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "Answer: <details type=\"reasoning\">hmm</details> use `-f`.\n")
    copydesk("check", "--select", "HAL401", "--fix", post)
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


@pytest.mark.parametrize("heading", ["### Key Citations", "#### Citations clés", "## 关键引用", "**Key Citations**"])
def test_unchecked_citation_sections(heading):
    assert findings(FRONT + f"Answer.\n\n{heading}\n- [Docs](https://docs.test/)\n") == {(9, "HAL403")}


def test_citations_mentioned_in_a_sentence_are_fine():
    assert findings(FRONT + "Key citations are listed at the end of the chapter.\n\n## Sources\n") == set()


def test_translation_prompts():
    title = "---\ntitle: 'Bit Tricks का अनुवाद: बिट ट्रिक्स'\nlang: hi\n---\n\nपाठ।\n"
    assert findings(title, path="_posts/hi/2024-03-05-bit-hi.md") == {(2, "HAL404")}
    body = FRONT + "Here is the translation of your text:\n\nLe texte traduit.\n"
    assert findings(body) == {(7, "HAL404")}
    assert findings(FRONT + "**Translation:** \"Because they were found inside me.\"\n") == set()


# -- robustness: any text, any front matter ---------------------------------------------------

_PIECES = list("ab #>*_-|[]()<>:/.?=!\n`\"“」0123456789") + [
    "https://", "youtu.be/", "watch?v=", "ISBN ", "doi:", "arXiv:", "let me know if ", "Back to Headlines",
    "<details type=reasoning>", "</details>", "2 days ago", "---\n", "title: ", "date: ", "<!--", "-->"]


@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_lints_without_error(text):
    for diagnostic in lint_text(text, path="_posts/en/2024-03-05-fuzz-en.md"):
        assert diagnostic.code != "CD006", diagnostic.message


@pytest.mark.parametrize("front", ["title: 42\ndate: not a date", "title: [a, b]\ndate: 2024-13-45",
                                   "date: 2024-02-30 10:00", "tags: [diary, 3]\ntype: {a: 1}", "title:"])
def test_odd_front_matter_values(front):
    text = f"---\n{front}\n---\n\nIt had 40k stars as of 2025. Let me know if it helps.\n"
    assert "CD006" not in {d.code for d in lint_text(text, path="notes/odd.md")}


# -- configuration: user phrases, bad patterns, bad data ------------------------------------------

def test_user_rule_pack_extends_phrases(tmp_path):
    write(tmp_path / "extra.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['\\bgive me a shout\\b']\n"
                                   "placeholder-hosts: [placeholder.test]\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [extra.yaml]\n")
    write(tmp_path / "post.md", "Intro.\n\nIf it breaks, give me a shout.\n\nSee https://placeholder.test/a.\n")
    assert hal_json("post.md", cwd=tmp_path) == {(3, "HAL201"), (5, "HAL101")}


def test_catastrophic_user_pattern_is_stopped(tmp_path):
    write(tmp_path / "slow.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['(a|aa)+$']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [slow.yaml]\nregex-timeout: 0.2\n")
    write(tmp_path / "post.md", "a" * 40 + "!\n")
    run = copydesk("check", "--format", "json", "post.md", cwd=tmp_path, timeout=60)
    assert run.code == 1, run
    [item] = [item for item in run.json() if item["code"] == "CD005"]
    assert "HAL201" in item["message"]


def test_malformed_user_data_is_an_error_not_a_traceback(tmp_path):
    write(tmp_path / "bad.yaml", "linter: hallucinations\nplaceholder-hosts: {not: a list}\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [bad.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert "placeholder-hosts" in run.err and "Traceback" not in run.err


def test_invalid_user_pattern_names_its_place(tmp_path):
    write(tmp_path / "bad.yaml", "linter: hallucinations\nchatbot-leftovers:\n  en: ['(unclosed']\n")
    write(tmp_path / ".copydesk.yaml", "rule-packs: [bad.yaml]\n")
    write(tmp_path / "post.md", "Text.\n")
    run = copydesk("check", "post.md", cwd=tmp_path)
    assert run.code == 2, run
    assert "chatbot-leftovers" in run.err and "Traceback" not in run.err


def test_every_rule_is_documented():
    run = copydesk("rules", "--format", "json")
    rules = {rule["code"]: rule for rule in run.json() if rule["code"].startswith("HAL")}
    assert len(rules) == 17
    explained = copydesk("explain", "HAL401")
    assert explained.code == 0 and "reasoning" in explained.out


# -- the real corpus: every finding is a real defect, and each family's instances are found ------

# (path, line, code): number of findings. Every one was read and is a real defect.
CORPUS_FINDINGS = {
    # offers of more help, check-ins, requests for clarification and references to the prompt, in eight languages
    ('_posts/ar/2025-02-27-bit-ar.md', 66, 'HAL201'): 1,
    ('_posts/de/2025-02-24-vscode-java-issue-de.md', 121, 'HAL201'): 1,
    ('_posts/de/2025-02-24-vscode-ls-de.md', 82, 'HAL201'): 1,
    ('_posts/de/2025-02-25-ps-options-de.md', 43, 'HAL201'): 1,
    ('_posts/de/2025-02-27-fsevents-de.md', 14, 'HAL201'): 2,
    ('_posts/de/2025-02-27-fsevents-de.md', 138, 'HAL201'): 1,
    ('_posts/de/2025-02-27-fsevents-de.md', 140, 'HAL201'): 1,
    ('_posts/en/2025-02-20-node-openssl-en.md', 206, 'HAL201'): 1,
    ('_posts/en/2025-02-24-vscode-java-issue-en.md', 121, 'HAL201'): 1,
    ('_posts/en/2025-02-24-vscode-ls-en.md', 84, 'HAL201'): 2,
    ('_posts/en/2025-02-25-ps-options-en.md', 44, 'HAL201'): 1,
    ('_posts/en/2025-02-27-bit-en.md', 66, 'HAL201'): 1,
    ('_posts/en/2025-02-27-deepsearch-en.md', 95, 'HAL201'): 1,
    ('_posts/en/2025-02-27-fsevents-en.md', 13, 'HAL201'): 2,
    ('_posts/en/2025-02-27-fsevents-en.md', 137, 'HAL201'): 1,
    ('_posts/en/2025-02-27-fsevents-en.md', 139, 'HAL201'): 1,
    ('_posts/es/2025-02-24-vscode-java-issue-es.md', 121, 'HAL201'): 1,
    ('_posts/es/2025-02-24-vscode-ls-es.md', 84, 'HAL201'): 2,
    ('_posts/es/2025-02-25-ps-options-es.md', 42, 'HAL201'): 1,
    ('_posts/es/2025-02-27-fsevents-es.md', 14, 'HAL201'): 2,
    ('_posts/es/2025-02-27-fsevents-es.md', 138, 'HAL201'): 1,
    ('_posts/es/2025-02-27-fsevents-es.md', 140, 'HAL201'): 1,
    ('_posts/fr/2025-02-24-vscode-java-issue-fr.md', 121, 'HAL201'): 1,
    ('_posts/fr/2025-02-24-vscode-ls-fr.md', 83, 'HAL201'): 2,
    ('_posts/fr/2025-02-25-ps-options-fr.md', 42, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-bit-fr.md', 65, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-deepsearch-fr.md', 95, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 13, 'HAL201'): 2,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 137, 'HAL201'): 1,
    ('_posts/fr/2025-02-27-fsevents-fr.md', 139, 'HAL201'): 1,
    ('_posts/hi/2025-02-27-bit-hi.md', 64, 'HAL201'): 1,
    ('_posts/ja/2025-02-24-vscode-java-issue-ja.md', 122, 'HAL201'): 1,
    ('_posts/ja/2025-02-24-vscode-ls-ja.md', 84, 'HAL201'): 2,
    ('_posts/ja/2025-02-25-ps-options-ja.md', 42, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-bit-ja.md', 64, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 13, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 137, 'HAL201'): 1,
    ('_posts/ja/2025-02-27-fsevents-ja.md', 139, 'HAL201'): 1,
    ('_posts/zh/2025-02-24-vscode-java-issue-zh.md', 122, 'HAL201'): 1,
    ('_posts/zh/2025-02-24-vscode-ls-zh.md', 83, 'HAL201'): 2,
    ('_posts/zh/2025-02-25-ps-options-zh.md', 42, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-bit-zh.md', 64, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 13, 'HAL201'): 2,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 137, 'HAL201'): 1,
    ('_posts/zh/2025-02-27-fsevents-zh.md', 139, 'HAL201'): 1,
    ('notes/2025-01-16-always-en.md', 113, 'HAL201'): 2,
    # the model's machinery
    ('_posts/en/2017-12-15-pm2-en.md', 14, 'HAL402'): 1,
    ('_posts/en/2025-02-20-node-openssl-en.md', 109, 'HAL401'): 1,
    ('_posts/en/2025-02-27-deepsearch-en.md', 102, 'HAL403'): 1,
    ('_posts/en/2025-02-27-docker-daemon-en.md', 32, 'HAL402'): 1,
    ('_posts/en/2025-02-27-docker-daemon-en.md', 74, 'HAL403'): 1,
    ('_posts/fr/2017-12-15-pm2-fr.md', 13, 'HAL402'): 1,
    ('_posts/fr/2025-02-27-deepsearch-fr.md', 102, 'HAL403'): 1,
    ('_posts/fr/2025-02-27-docker-daemon-fr.md', 32, 'HAL402'): 1,
    ('_posts/fr/2025-02-27-docker-daemon-fr.md', 74, 'HAL403'): 1,
    ('_posts/hi/2025-02-27-bit-hi.md', 5, 'HAL404'): 1,
    ('_posts/ja/2017-12-15-pm2-ja.md', 14, 'HAL402'): 1,
    ('_posts/ja/2025-02-27-deepsearch-ja.md', 102, 'HAL403'): 1,
    ('_posts/ja/2025-02-27-docker-daemon-ja.md', 32, 'HAL402'): 1,
    ('_posts/ja/2025-02-27-docker-daemon-ja.md', 74, 'HAL403'): 1,
    ('_posts/zh/2025-02-27-deepsearch-zh.md', 102, 'HAL403'): 1,
    ('_posts/zh/2025-02-27-docker-daemon-zh.md', 32, 'HAL402'): 1,
    ('_posts/zh/2025-02-27-docker-daemon-zh.md', 74, 'HAL403'): 1,
}


def test_corpus_findings_are_exactly_the_reviewed_defects(corpus):
    run = copydesk("check", "--select", "HAL", "--format", "json", corpus)
    found = Counter((Path(item["path"]).resolve().relative_to(corpus.resolve()).as_posix(), item["line"], item["code"])
                    for item in run.json())
    assert found == CORPUS_FINDINGS


@pytest.mark.parametrize("relative, code, excerpt", [
    ("_posts/en/2025-02-20-node-openssl-en.md", "HAL401", '<details type="reasoning"'),
    ("_posts/en/2025-02-27-docker-daemon-en.md", "HAL402", "Given the current time is"),
    ("_posts/en/2017-12-15-pm2-en.md", "HAL402", "as of early 2025"),
    ("_posts/fr/2025-02-27-docker-daemon-fr.md", "HAL403", "### Citations Clés"),
    ("_posts/en/2025-02-27-deepsearch-en.md", "HAL403", "#### Key Citations"),
    ("_posts/hi/2025-02-27-bit-hi.md", "HAL404", "का अनुवाद:"),
    ("_posts/fr/2025-02-24-vscode-ls-fr.md", "HAL201", "faites-le moi savoir"),
    ("_posts/ja/2025-02-24-vscode-ls-ja.md", "HAL201", "お知らせください"),
    ("_posts/de/2025-02-24-vscode-ls-de.md", "HAL201", "lassen Sie es mich wissen"),
    ("_posts/en/2025-02-27-fsevents-en.md", "HAL201", "Based on your question"),
    ("_posts/en/2025-02-27-deepsearch-en.md", "HAL201", "the user's emphasis"),
])
def test_corpus_machinery_instances(corpus, relative, code, excerpt):
    path = corpus / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in this corpus")
    text = path.read_text(encoding="utf-8")
    diagnostics = [d for d in lint_text(text, path=str(path)) if d.code == code]
    assert any(excerpt in text[d.start:d.end] for d in diagnostics), diagnostics


def test_corpus_transcript_and_code_examples_stay_clean(corpus):
    # A published ChatGPT transcript and curl examples on example.com are not defects.
    for relative in ("notes/2023-07-30-captions-en.md", "_posts/en/2025-02-20-curl-en.md",
                     "_posts/en/2025-02-26-curl-downloads-en.md", "_posts/en/2011-01-26-hello-beijing-en.md"):
        path = corpus / relative
        if path.exists():
            assert not [d for d in lint_text(path.read_text(encoding="utf-8"), path=str(path))
                        if d.code.startswith("HAL")], relative


def test_leftover_with_a_long_s_is_found():
    # ſ matches s when case is ignored: the haystack of such a text is casefolded
    assert findings(FRONT + "The setup is done. Feel free to aſk!\n") == {(7, "HAL201")}
