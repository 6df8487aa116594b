"""Chat leftovers (HAL201, HAL202), as a user sees them.

Fixture posts here are invented."""
from __future__ import annotations

import pytest

from hal_support import FRONT, findings
from linters import lint_text


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


def test_leftover_with_a_long_s_is_found():
    # ſ matches s when case is ignored: the haystack of such a text is casefolded
    assert findings(FRONT + "The setup is done. Feel free to aſk!\n") == {(7, "HAL201")}
