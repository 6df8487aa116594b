"""Chat leftovers (HAL201, HAL202), as a user sees them.

Fixture posts here are invented."""
from __future__ import annotations

import pytest

from hal_support import FRONT, findings
from linters import lint_text


# -- HAL201, HAL202: chatbot leftovers ----------------------------------------------------------

@pytest.mark.parametrize("path, sentence", [
    ("_posts/en/2024-03-05-a-en.md", "Let me know if you'd like more examples."),
    ("_posts/en/2024-03-05-a-en.md", "I'd be happy to help with anything else."),
    ("_posts/en/2024-03-05-a-en.md", "As an AI language model, I cannot browse the web."),
    ("_posts/fr/2024-03-05-a-fr.md", "Si vous voulez d'autres exemples, faites-le moi savoir !"),
    ("_posts/fr/2024-03-05-a-fr.md", "Souhaitez-vous que je vous montre un autre exemple ?"),
    ("_posts/fr/2024-03-05-a-fr.md", "Dites-le-moi si vous souhaitez une version plus courte."),
    ("_posts/de/2024-03-05-a-de.md", "Lass es mich wissen, wenn du weitere Beispiele brauchst."),
    ("_posts/de/2024-03-05-a-de.md", "Möchten Sie, dass ich die Tabelle erweitere?"),
    ("_posts/it/2024-03-05-a-it.md", "Fammi sapere se hai bisogno di altri esempi."),
    ("_posts/pt/2024-03-05-a-pt.md", "Me avise se precisar de mais exemplos."),
    ("_posts/nl/2024-03-05-a-nl.md", "Laat het me weten als je meer voorbeelden wilt."),
    ("_posts/ru/2024-03-05-a-ru.md", "Дайте знать, если вам нужны ещё примеры."),
    ("_posts/uk/2024-03-05-a-uk.md", "Дайте знати, якщо вам потрібні інші приклади."),
    ("_posts/pl/2024-03-05-a-pl.md", "Daj mi znać, jeśli potrzebujesz więcej przykładów."),
    ("_posts/tr/2024-03-05-a-tr.md", "Başka örnekler vermemi ister misiniz?"),
    ("_posts/he/2024-03-05-a-he.md", "תודיע לי אם תרצה דוגמאות נוספות."),
    ("_posts/fa/2024-03-05-a-fa.md", "خوشحال می‌شوم به شما کمک کنم."),
    ("_posts/ko/2024-03-05-a-ko.md", "더 많은 예시가 필요하시면 알려 주세요."),
    ("_posts/ko/2024-03-05-a-ko.md", "더 많은 예시가 필요하시면 알려주세요."),
    ("_posts/ja/2024-03-05-a-ja.md", "さらに詳しい説明が必要な場合は、お気軽にお申し付けください。"),
    ("_posts/ja/2024-03-05-a-ja.md", "他に質問があれば教えて下さい。"),
    ("_posts/zh/2024-03-05-a-zh.md", "如果您需要更多示例，请随时告诉我！"),
    ("_posts/zh/2024-03-05-a-zh.md", "作为 AI 语言模型，我无法访问互联网。"),
    ("_posts/zh/2024-03-05-a-zh.md", "作为AI语言模型，我无法访问互联网。"),
    ("_posts/vi/2024-03-05-a-vi.md", "Hãy cho tôi biết nếu bạn cần thêm ví dụ."),
    ("_posts/id/2024-03-05-a-id.md", "Beri tahu saya jika Anda membutuhkan bantuan lebih lanjut."),
    ("_posts/th/2024-03-05-a-th.md", "หากคุณต้องการตัวอย่างเพิ่มเติม แจ้งให้ผมทราบได้เลย"),
    ("_posts/fr/2024-03-05-a-fr.md", "Let me know if you'd like a French glossary too."),  # English in a French page
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
    assert findings(FRONT + "The setup is done. Juſt let me know!\n") == {(7, "HAL201")}


@pytest.mark.parametrize("text, expected", [
    ("Done.\n\nI hope this helps!\n", set()),  # a human sign-off as much as an assistant's
    ("Done.\n\nFeel free to ask if anything is unclear.\n", set()),
    ("Done.\n\nI hope this helps! Feel free to ask if anything is unclear.\n", {(9, "HAL201")}),  # both, one paragraph
    ("Done.\n\nI hope this helps!\n\nLet me know if you'd like more examples.\n", {(9, "HAL201"), (11, "HAL201")}),
    ("Certainly! Here is the fix:\n\nDone.\n\nHope this helps!\n", {(7, "HAL202"), (11, "HAL201")}),
])
def test_hoping_it_helped_and_inviting_questions_count_where_the_assistant_is_heard(text, expected):
    assert findings(FRONT + text) == expected


@pytest.mark.parametrize("path, text", [
    ("_posts/zh/2024-03-05-a-zh.md", "希望对你有帮助！如果你还有任何问题，请随时提出。"),
    ("_posts/zh/2024-03-05-a-zh.md", "希望这些步骤能够帮到您。如果您有其他疑问，欢迎随时提问。"),
    ("_posts/zh/2024-03-05-a-zh.md", "希望这能帮助你配好 Spring！如果你有任何其他问题，请随时提问。"),  # `PR` is no word of `Spring`
    ("_posts/zh-hant/2024-03-05-a-hant.md", "希望這篇說明對你有幫助！如果你有任何問題，請隨時發問。"),
    ("_posts/pt/2024-03-05-a-pt.md", "Espero que isso ajude! Se tiver mais alguma dúvida, estou à disposição."),
    ("_posts/pt/2024-03-05-a-pt.md", "Deixe-me saber se você quiser outro exemplo."),
])
def test_hopes_and_invitations_as_the_assistant_words_them(path, text):
    assert findings(FRONT + "Done.\n\n" + text + "\n", path=path) == {(9, "HAL201")}


@pytest.mark.parametrize("language, text", [
    ("zh", "希望对大家有帮助，有问题欢迎留言。"),  # readers, and the comments
    ("zh", "希望对你有帮助！如果您有任何其他问题，请随时联系我：jane@blog.test。"),  # an author's address
    ("pt", "Espero que isso ajude! Dúvidas? Deixe nos comentários."),
])
def test_an_author_hoping_it_helped_is_not_a_leftover(language, text):
    assert findings(FRONT + text + "\n", path=f"_posts/{language}/2024-03-05-a-{language}.md") == set()


def test_a_chat_copied_from_its_page_names_the_asker_by_e_mail():
    chat = ("jane@mail.test\nhow do I list files?\n\nUse `ls`. If you have any other questions, feel free to ask!\n\n"
            "jane@mail.test\nthanks\n\nYou're welcome! Let me know if you need anything else.\n")
    assert findings(FRONT + chat) == set()
    one_address = "Write to:\n\njane@mail.test\n\nLet me know if you'd like more examples.\n"
    assert findings(FRONT + one_address) == {(11, "HAL201")}


@pytest.mark.parametrize("text", [
    "If anything is unclear, please let us know through our support page.",  # a company, plural
    "Feel free to ask your questions on the project forum, the community is here to help.",
    "If you have any questions, let me know in the comments!",
    "Questions? Feel free to reach out by email.",
])
def test_a_company_or_an_author_speaking_to_readers_is_not_a_leftover(text):
    assert findings(FRONT + "Intro.\n\nI hope this helps!\n\n" + text + "\n") == set()


@pytest.mark.parametrize("language, text", [
    ("ja", "何か問題がありましたら課題追跡システムにてお知らせください。"),  # a release note naming the tracker
    ("zh", "如果你有任何问题，请在 Slack 频道与我们联系。"),  # plural, and a channel
    ("zh", "有任何发现请告诉我们！"),
    ("zh", "程序会在重启之前根据你的要求调整分区。"),  # "your requirements", not a request
    ("ko", "궁금한 점이 있으시다면, 부담없이 메일을 보내 주세요."),
    ("ja", "必要であれば、ユーザーを除外することで、明示的にポリシーの対象外にすることもできます。"),  # "you can also"
])
def test_human_notes_in_other_languages_are_not_leftovers(language, text):
    assert findings(FRONT + text + "\n", path=f"_posts/{language}/2024-03-05-a-{language}.md") == set()


@pytest.mark.parametrize("text, line", [
    ("<details><summary>More</summary>Body.</details>Let me know if you'd like more examples.\n", 7),
    ("<div>\n<p>Body.</p>\n</div>I hope this helps! Let me know if you need any further help.\n", 9),
    ("| Name | Note |\n|---|---|\n| \"a | b |Let me know if you'd like more rows.\n", 9),
])
def test_a_leftover_glued_to_markup_is_found(text, line):
    assert findings(FRONT + text) == {(line, "HAL201")}


def test_a_leftover_in_code_in_html_is_not_prose():
    assert findings(FRONT + "<pre>Let me know if you'd like more examples.</pre>\n\n<!-- I hope this helps! -->\n") == set()


def test_an_exhibit_of_an_assistants_output_is_not_a_leftover():
    text = FRONT + ("I asked the bot to explain closures. Here is what ChatGPT answered:\n\n"
                    "Certainly! Here is an explanation of closures.\n\nA closure keeps its scope.\n\n"
                    "I hope this helps! Let me know if you'd like more examples.\n\n## What I learned\n\n"
                    "Let me know if you'd like more examples.\n")
    assert findings(text) == {(17, "HAL201")}  # after the next heading the author speaks again


@pytest.mark.parametrize("path, text", [
    ("_posts/en/2024-03-05-a-en.md", "It sounds like you're facing two related issues with the build."),
    ("_posts/en/2024-03-05-a-en.md", "Hey! The `cache` setting controls where files go."),
    ("_posts/en/2024-03-05-a-en.md", "Let me break down the command and its options."),
    ("_posts/en/2024-03-05-a-en.md", "Here are the lyrics of the song, line by line:"),
    ("_posts/zh/2024-03-05-a-zh.md", "看起来你在使用旧版本的 JDK。"),
    ("_posts/ru/2024-03-05-a-ru.md", "Похоже, вы используете старую версию JDK."),
])
def test_a_post_opening_by_answering_a_person(path, text):
    assert findings(FRONT + "# Title\n\n" + text + "\n\nMore text.\n", path=path) == {(9, "HAL202")}


def test_answering_a_person_counts_only_in_the_first_paragraph():
    assert findings(FRONT + "Intro.\n\nIt sounds like you're ready for part two.\n") == set()


@pytest.mark.parametrize("path, text", [
    ("_posts/ru/2024-03-05-a-ru.md", "Надеюсь, что это объяснение помогает! Если у вас есть еще вопросы, не стесняйтесь задавать."),
    ("_posts/zh-hant/2024-03-05-a-hant.md", "希望這個紀錄對你有幫助！如果你有任何其他問題，隨時可以再問我。"),
    ("_posts/he/2024-03-05-a-he.md", "אני מקווה שזה עוזר! שים לב שזה רק דוגמה ואתה תצטרך להתאים את הקוד לצרכים שלך."),
    ("_posts/en/2024-03-05-a-en.md", "Feel free to modify this README to suit your project. I hope this helps!"),
    ("_posts/es/2024-03-05-a-es.md", "Puedes adaptar el código a tus necesidades. Espero que esto te ayude."),
])
def test_two_weak_acts_in_one_paragraph_whatever_their_inflection(path, text):
    assert findings(FRONT + "Done.\n\n" + text + "\n", path=path) == {(9, "HAL201")}


@pytest.mark.parametrize("path, text", [
    ("_posts/en/2024-03-05-a-en.md", "Feel free to adjust the examples to suit your audience."),
    ("_posts/zh/2024-03-05-a-zh.md", "你可以根据自己的需要修改配置。"),
])
def test_handing_an_example_over_alone_is_an_authors_advice(path, text):
    assert findings(FRONT + "Done.\n\n" + text + "\n", path=path) == set()


@pytest.mark.parametrize("path, text", [
    ("_posts/uk/2024-03-05-a-uk.md", "Дайте знати, якщо потрібен інший варіант!"),
    ("_posts/nl/2024-03-05-a-nl.md", "Laat het me weten als je wilt:"),
    ("_posts/fr/2024-03-05-a-fr.md", "N'hésitez pas à me demander si vous avez besoin de plus de détails sur un point !"),
    ("_posts/zh/2024-03-05-a-zh.md", "如果你有具体的需求，也可以告诉我，我可以提供更详细的命令。"),
    ("_posts/th/2024-03-05-a-th.md", "เมื่อทดสอบเสร็จ ให้แจ้งให้ผมทราบ แล้วผมจะช่วยเขียนขั้นตอนถัดไปให้คุณครับ"),
    ("_posts/th/2024-03-05-a-th.md", "หลังจากนั้น ให้แจ้งให้ผมทราบ แล้วผมจะช่วยตั้งค่า GitHub Actions ให้คุณครับ"),  # a product, not a channel
])
def test_offers_of_more_help_in_their_inflections(path, text):
    assert findings(FRONT + "Done.\n\n" + text + "\n", path=path) == {(9, "HAL201")}


@pytest.mark.parametrize("language, text", [
    ("uk", "Дайте знати, якщо у вас інший досвід або ви пробували інші модулі."),  # readers' experience
    ("th", "หากพบข้อผิดพลาด โปรดแจ้งให้ผมทราบ"),  # "if you find a mistake, tell me"
])
def test_authors_asking_readers_are_not_leftovers(language, text):
    assert findings(FRONT + text + "\n", path=f"_posts/{language}/2024-03-05-a-{language}.md") == set()


def test_a_blockquote_right_under_a_heading_is_the_sections_content():
    text = FRONT + ("### 摘要\n> 你好！以下是您要求的研究论文摘要的简体中文翻译：\n>\n> 密钥置换经常迭代简单的轮函数。\n>\n"
                    "> 希望对您有所帮助！如果您有任何其他问题，请随时告诉我。\n")
    assert findings(text, path="_posts/zh/2024-03-05-a-zh.md") == {(8, "HAL201"), (8, "HAL405"), (12, "HAL201")}


def test_a_blockquote_the_text_introduces_is_a_quotation():
    text = FRONT + ("## 回答\n\n它是这样回答的。\n\n> 希望对您有所帮助！如果您有任何其他问题，请随时告诉我。\n")
    assert findings(text, path="_posts/zh/2024-03-05-a-zh.md") == set()


def test_turns_marked_as_a_copied_chat_marks_them_make_a_transcript():
    chat = ("•• It still locks up. I am debugging further.\nI see. Let me know if you need any further assistance.\n\n"
            "•• is this valid?\nYes, it is.\n")
    assert findings(FRONT + chat) == set()
    assert findings(FRONT + chat.replace("•• is", "Is")) == {(8, "HAL201")}  # one mark is no transcript


@pytest.mark.parametrize("text, expected", [
    ("This is only an example: you will need to adapt it to your setup.\n\nI hope this helps!\n", {(9, "HAL201"), (11, "HAL201")}),
    ("I hope this helps!\n\nMore about caches.\n\nFeel free to adjust the examples to suit your needs.\n", set()),
])
def test_weak_acts_pair_in_paragraphs_next_to_each_other(text, expected):
    assert findings(FRONT + "Done.\n\n" + text) == expected


@pytest.mark.parametrize("path, text", [
    ("_posts/uk/2024-03-05-a-uk.md", "Якщо хочете, я можу підготувати добірку задач із розв’язками."),
    ("_posts/ru/2024-03-05-a-ru.md", "Если хотите, я могу подготовить подборку задач."),
    ("_posts/nl/2024-03-05-a-nl.md", "Als je wilt, kan ik de regex verder aanpassen."),
    ("_posts/nl/2024-03-05-a-nl.md", "Als je meer specifieke vragen hebt over deze eis, laat het me dan weten."),
    ("_posts/de/2024-03-05-a-de.md", "Wenn Sie möchten, kann ich die Tabelle erweitern."),
    ("_posts/es/2024-03-05-a-es.md", "Si quieres, puedo preparar otro ejemplo."),
    ("_posts/pt/2024-03-05-a-pt.md", "Se quiser, posso preparar outro exemplo."),
    ("_posts/it/2024-03-05-a-it.md", "Se vuoi, posso preparare un altro esempio."),
    ("_posts/pl/2024-03-05-a-pl.md", "Jeśli chcesz, mogę przygotować kolejny przykład."),
    ("_posts/th/2024-03-05-a-th.md", "หากต้องการให้ผมสร้างตัวอย่างสำหรับทดสอบ บอกได้เลย"),
    ("_posts/zh/2024-03-05-a-zh.md", "如果你愿意，我可以继续深挖这个话题。"),
    ("_posts/zh-hant/2024-03-05-a-hant.md", "如果你願意，我可以再生成一個版本。"),
    ("_posts/vi/2024-03-05-a-vi.md", "Nếu bạn muốn, tôi có thể tạo thêm tệp cấu hình."),
    ("_posts/id/2024-03-05-a-id.md", "Jika Anda mau, saya bisa membuat contoh lain."),
    ("_posts/ar/2024-03-05-a-ar.md", "إذا أردت، يمكنني تخصيص هذا لإعداداتك (GitHub مقابل GitLab)."),  # GitHub named, not as a channel
    ("_posts/tr/2024-03-05-a-tr.md", "İsterseniz, bir sonraki adımda testleri ekleyebilirim."),
    ("_posts/fa/2024-03-05-a-fa.md", "اگر بخواهید، می‌توانم نمونه دیگری بنویسم."),
    ("_posts/he/2024-03-05-a-he.md", "אם תרצה, אוכל להוסיף דוגמה נוספת."),
    ("_posts/hi/2024-03-05-a-hi.md", "यदि आप चाहें, तो मैं एक और उदाहरण लिख सकता हूँ।"),
    ("_posts/fr/2024-03-05-a-fr.md", "Si tu veux, je peux livrer directement le squelette du projet."),
    ("_posts/ru/2024-03-05-a-ru.md", "Если нужно, могу дополнить этот раздел примерами кода."),
    ("_posts/ja/2024-03-05-a-ja.md", "必要であれば、各モジュールの使い方や拡張ガイドを別途作成できます。"),
    ("_posts/ko/2024-03-05-a-ko.md", "더 구체적인 내부 데이터 형태(텐서 크기, 마스크 비트맵 예시)가 필요하시면 말씀해 주세요."),
])
def test_if_you_want_i_can(path, text):
    assert findings(FRONT + "Done.\n\n" + text + "\n", path=path) == {(9, "HAL201")}


def test_a_quotation_of_several_sentences_is_quoted_throughout():
    text = FRONT + 'It then asks "I found 11 reminders. Would you like me to create them all?" and waits.\n'
    assert findings(text) == set()


def test_headings_naming_both_sides_make_a_transcript():
    chat = ("## 🧑 User\n\nCan NL Design System do this?\n\n## 🤖 Assistant\n\n"
            "Yes. Would you like me to implement one of these steps?\n")
    assert findings(FRONT + chat) == set()
    assert findings(FRONT + chat.replace("## 🧑 User", "## Question time")) == {(13, "HAL201")}


def test_a_leftover_in_an_alert_is_the_pages_own():
    text = FRONT + "The routes are ready.\n\n> [!NOTE]\n> Let me know if you'd like me to add the tests too.\n"
    assert findings(text) == {(10, "HAL201")}
    assert findings(text.replace("> [!NOTE]\n", "")) == set()  # a plain blockquote after a paragraph is a quotation
