"""A translation request's leftovers (HAL404, HAL405), as a user sees them: findings and fixes.

Fixture posts here are invented."""
from __future__ import annotations

import pytest

from conftest import copydesk, write
from hal_support import FRONT, findings


def test_a_title_framed_as_a_translation_request():
    title = "---\ntitle: 'Bit Tricks का अनुवाद: बिट ट्रिक्स'\nlang: hi\n---\n\nपाठ।\n"
    assert findings(title, path="_posts/hi/2024-03-05-bit-hi.md") == {(2, "HAL404")}


def test_a_prompt_block_is_one_finding():
    text = FRONT + ("Translate the following Markdown into Korean.\nKeep code blocks unchanged.\n"
                    "Do not translate the front matter.\n\n# 제목\n")
    assert findings(text, path="_posts/ko/2024-03-05-a-ko.md") == {(7, "HAL404")}


@pytest.mark.parametrize("path, line", [
    ("_posts/en/2024-03-05-a-en.md", "Here is the translation of your text:"),
    ("_posts/de/2024-03-05-a-de.md", "Sure! Here's the German version, with the Markdown left as it was:"),
    ("_posts/de/2024-03-05-a-de.md", "Gerne! Hier ist die deutsche Übersetzung:"),
    ("_posts/zh/2024-03-05-a-zh.md", "以下是翻译内容："),
    ("_posts/zh/2024-03-05-a-zh.md", "当然！以下是翻译后的内容："),
    ("_posts/ja/2024-03-05-a-ja.md", "以下は日本語の翻訳です。"),
    ("_posts/ko/2024-03-05-a-ko.md", "다음은 한국어 번역입니다:"),
    ("_posts/ru/2024-03-05-a-ru.md", "Вот перевод на русский язык:"),
    ("_posts/en/2024-03-05-a-en.md", "Which language should I translate this into?"),
])
def test_translation_preambles(path, line):
    assert findings(FRONT + line + "\n\nLe texte.\n", path=path) == {(7, "HAL405")}


def test_a_translation_preamble_in_the_front_matter_is_reported():
    text = "---\ntitle: Migrating\ndescription: '以下是翻译内容：React Query 的早期版本'\n---\n\n正文。\n"
    assert findings(text, path="_posts/zh/2024-03-05-a-zh.md") == {(3, "HAL405")}


@pytest.mark.parametrize("text", [
    "**Translation:** \"Because they were found inside me.\"\n",
    "> 以下是翻译内容, 具体内容见原文。\n",  # an author pointing to the original
    "The model answered “Here is the translation:” and stopped.\n",
    "```\nHere is the translation of the text provided, preserving the markdown format:\n```\n",
])
def test_translation_talk_that_is_not_a_preamble(text):
    assert findings(FRONT + text, path="_posts/zh/2024-03-05-a-zh.md") == set()


def test_the_fix_deletes_the_preamble_line(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "以下是翻译内容：\n\n迁移到 v3\n")
    copydesk("check", "--no-cache", "--select", "HAL405", "--fix", str(post))
    assert post.read_text(encoding="utf-8") == FRONT + "迁移到 v3\n"


def test_the_fix_keeps_what_shares_the_line(tmp_path):
    post = write(tmp_path / "post.md", FRONT + "**Abstract (ZH)**: 无需生成标题，以下是翻译内容：无模型强化学习。\n")
    copydesk("check", "--no-cache", "--select", "HAL405", "--fix", str(post))
    assert post.read_text(encoding="utf-8") == FRONT + "**Abstract (ZH)**: 无模型强化学习。\n"


def test_a_published_chat_keeps_its_translator(tmp_path):
    text = FRONT + "Me: translate it.\n\nChatGPT: Of course! Here's the Chinese translation of the two parts:\n"
    assert findings(text) == set()


@pytest.mark.parametrize("path, line", [
    ("_posts/nl/2024-03-05-a-nl.md", "Hier is de vertaling en uitleg van de pagina over Hashcat."),  # a line of its own
    ("_posts/he/2024-03-05-a-he.md", "בטח, הנה התרגום של הפוסט לעברית:"),
    ("_posts/fa/2024-03-05-a-fa.md", "بله، در اینجا ترجمه فارسی متن شما آمده است:"),
    ("_posts/id/2024-03-05-a-id.md", "Untuk menerjemahkan konten teknis ini, berikut adalah terjemahannya:"),
])
def test_translation_preambles_after_an_interjection_or_a_clause(path, line):
    assert findings(FRONT + line + "\n\nLe texte.\n", path=path) == {(7, "HAL405")}


def test_a_translation_in_running_text_is_no_preamble():
    text = FRONT + "Het rapport legt niets uit. Hier is de vertaling in begrijpelijk Nederlands voor tien bevindingen:\n"
    assert findings(text, path="_posts/nl/2024-03-05-a-nl.md") == set()


def test_a_preamble_in_a_table_cell_is_deleted_from_its_cell(tmp_path):
    table = ("| Name | Description |\n|---|---|\n"
             "| `-Text` | Berikut adalah terjemahan teks bantuan ke dalam Bahasa Indonesia: |\n")
    assert findings(FRONT + table, path="_posts/id/2024-03-05-a-id.md") == {(9, "HAL405")}
    post = write(tmp_path / "_posts" / "id" / "2024-03-05-a-id.md", FRONT + table)
    copydesk("check", "--no-cache", "--select", "HAL405", "--fix", str(post))
    assert post.read_text(encoding="utf-8") == FRONT + "| Name | Description |\n|---|---|\n| `-Text` | |\n"
