"""Translations: code compared as code (TRN007 code blocks, TRN005 inline code)."""
from __future__ import annotations

import pytest
from linters.translations.code import compare_lines
from trn_support import ENGLISH, FRENCH, GERMAN, check, group, paragraph_post, translations_linter


def rules():
    return translations_linter().code_rules


@pytest.mark.parametrize("mine, theirs, info", [
    ('echo "Einfache GET-Anfrage:"', 'echo "Basic GET request:"', "bash"),  # a string literal
    ('printf("Changement détecté : %s\\n", path);', 'printf("Change detected: %s\\n", path);', "c"),
    ('Write-Host "🚀 **Proxy-Einstellungen erkannt:**"', 'Write-Host "🚀 **Proxy Settings Detected:**"', "powershell"),
    ("fswatch /pfad/zur/überwachung", "fswatch /path/to/watch", "bash"),  # a placeholder path
    ("command: /chemin/complet/vers/mcp-proxy", "command: /full/path/to/mcp-proxy", "yaml"),
    ("ps -u Benutzername", "ps -u username", ""),  # a placeholder word
    ("cat /Users/yourusername/Documents/archivo.txt", "cat /Users/yourusername/Documents/file.txt", "bash"),
    ("docker run <nom>", "docker run <name>", "bash"),
    ("sudo docker ps", "docker ps", "bash"),  # a rewording
    ("## Esto es un H2", "## This is an H2", ""),  # the text of a Markdown example
    ("- [x] Terminer mes modifications", "- [x] Finish my changes", ""),
    ("1. Premier élément de liste", "1. First list item", ""),
    ("የመጀመሪያ ዓረፍተ ነገር።", "First sentence.", ""),
    ("- ジョージ・ワシントン(George Washington)", "- George Washington", ""),
    ("title([Modellierung])", "title([Modeling])", "mermaid"),
    ("...(gekürzt)", "...(omitted)", ""),  # a label in brackets
    ('title: "Wie man Beiträge übersetzt"', "title: How to translate posts", "yaml"),
    ("x = 1  # eins", "x = 1  # one", "python"),  # a trailing comment
    ("| باب   | ۲۷  |", "| Bob   | 27  |", "markdown"),  # a table of a Markdown example, in Persian digits
    ("// 这是可行的", "// this works", "vue"),  # a script's comment in a Vue block
    ("const a = 1 // 一", "const a = 1 // one", "ts twoslash"),
    ("x = 1 #注释", "x = 1 # comment", "python"),  # a trailing comment without a space after its marker
    ("int x = 1; /* eins */", "int x = 1;", "c"),  # a trailing block comment
    ("![Logo de GitHub](/images/logo.png){: .align-center}", "![GitHub Logo](/images/logo.png){: .align-center}", ""),
    # the content between a template's tags (a Hugo shortcode, a Liquid tag) in an example
    ('{{</* tab name="JSON" */>}}**JSON**: un format texte.{{</* /tab */>}}',
     '{{</* tab name="JSON" */>}}**JSON**: a text format.{{</* /tab */>}}', ""),
    ("{% include note.html %} Attention, ceci efface tout.", "{% include note.html %} Careful, this erases everything.", "liquid"),
])
def test_what_a_translation_may_change_in_a_line_of_code(mine, theirs, info):
    code = rules()
    assert code.difference(code.comparable(mine, info), code.comparable(theirs, info), info, {}) is None


@pytest.mark.parametrize("mine, theirs, info", [
    ("fswatch ~/Dokumente", "fswatch ~/Documents", "bash"),  # a real path
    ("cd ~/Dokumente  # in den Ordner", "cd ~/Documents", "bash"),
    ("Option non reconnue : -d64", "Unrecognized option: -d64", ""),  # a program's output
    ("Erreur : impossible de créer la machine virtuelle Java.", "Error: Could not create the Java Virtual Machine.", ""),
    ("docker container ls -a", "docker ps -a", "bash"),
    ("git push --force origin main", "git push origin main", "bash"),
    ("Java-Version: 21.0.1", "Java version: 21.0.1", ""),
    ("![Logo](/images/logo-de.png)", "![Logo](/images/logo.png)", ""),  # a link's text may change, not its target
    ('{{</* tab */>}}Version 3{{</* /tab */>}}', '{{</* tab */>}}Version 2{{</* /tab */>}}', ""),  # a figure
])
def test_what_a_translation_may_not_change(mine, theirs, info):
    code = rules()
    assert code.difference(code.comparable(mine, info), code.comparable(theirs, info), info, {}) is not None


def test_a_documentation_tools_directive_is_not_code():
    code = rules()
    assert code.comparable("@@filename(app.module)", "typescript") == ""
    assert code.comparable("@@switch", "ts") == ""
    assert code.comparable("@Module({})", "ts") != ""


def test_a_comment_marker_dropped_makes_the_line_code():
    code = rules()
    found = compare_lines(code, [("(defun f (x) x)", 0, 15), ("(f 1)", 16, 21)],
                          [("(defun f (x) x)", 0, 15), (";(f 1)", 16, 22)], "lisp", {})
    assert found == (("(f 1)", 16, 21), "a comment there is code here", (";(f 1)", 16, 22))


def test_output_printed_by_a_translated_string_may_be_translated_the_same_way():
    code = rules()
    literals: dict[str, str] = {}
    program = compare_lines(code, [('System.out.println(n + " は2のべき乗: " + ok(n));', 0, 1)],
                            [('System.out.println(n + " is power of 2: " + ok(n));', 0, 1)], "java", literals)
    assert program is None and literals == {" is power of 2: ": " は2のべき乗: "}
    assert compare_lines(code, [("16 は2のべき乗: true", 0, 1)], [("16 is power of 2: true", 0, 1)], "", literals) is None
    assert compare_lines(code, [("16 は2のべき乗: false", 0, 1)], [("16 is power of 2: true", 0, 1)], "", literals) is not None


def test_a_dropped_code_block_and_changed_code(tmp_path):
    without_code = FRENCH[:FRENCH.index("```bash")]
    localised = GERMAN.replace("cd ~/Documents", "cd ~/Dokumente  # in den Ordner")
    group(tmp_path, {"en": ENGLISH, "fr": without_code, "de": localised})
    found = check("_posts", cwd=tmp_path)
    assert [(d["path"], d["line"], d["code"]) for d in found] == [
        ("_posts/de/2024-11-11-talent-de.md", 14, "TRN007"),
        ("_posts/fr/2024-11-11-talent-fr.md", 11, "TRN006"),  # missing at the end: after the last paragraph
    ]
    assert found[0]["message"] == ("code block changed: `cd ~/Dokumente  # in den Ordner` here but `cd ~/Documents` in "
                                   "_posts/en/2024-11-11-talent-en.md line 14")
    assert found[1]["message"] == ("the post ends early: a code block of _posts/en/2024-11-11-talent-en.md (lines 13-16 "
                                   "there; and 1 other version) are missing after this")


def test_translated_comments_strings_and_placeholders_are_not_changes(tmp_path):
    def post(language: str, comment: str, message: str, placeholder: str) -> str:
        return (f"---\nlang: {language}\ntitle: T\n---\n\nRun it:\n\n```bash\n# {comment}\nmkdir -p /path/to/{placeholder}\n"
                f'echo "{message}"\n```\n\nThe output is `{message}`.\n')

    group(tmp_path, {"en": post("en", "make the folder", "Done", "folder"),
                     "fr": post("fr", "créer le dossier", "Terminé", "dossier"),
                     "de": post("de", "den Ordner anlegen", "Fertig", "ordner")})
    assert check("_posts", cwd=tmp_path) == []


def test_inline_code_translated_is_reported_but_not_interface_labels_or_key_names(tmp_path):
    def post(language: str, menu: str, keys: str, command: str) -> str:
        return (f"---\nlang: {language}\ntitle: T\n---\n\nOpen `{menu}`, press `{keys}`.\n\n"
                f"Then run `{command}` and wait.\n")

    group(tmp_path, {"en": post("en", "File > Preferences", "Ctrl + Shift + P", "ls ~/Documents"),
                     "de": post("de", "Datei > Einstellungen", "Strg + Umschalt + P", "ls ~/Dokumente")})
    found = check("_posts", cwd=tmp_path)
    assert [(d["line"], d["code"], d["message"]) for d in found] == [
        (8, "TRN005", "inline code `ls ~/Dokumente` here but `ls ~/Documents` in _posts/en/2024-11-11-talent-en.md line 8: "
                      "the two versions disagree")]


def test_a_block_in_variants_is_compared_by_its_first():
    # NestJS shows TypeScript, then JavaScript after `@@switch`; a translation may drop the
    # JavaScript, or keep it without the separator.
    code = rules()
    typescript = [("@@filename(cats.controller)", 0, 1), ("import { Get } from '@nestjs/common';", 2, 3),
                  ("@Controller('cats')", 4, 5)]
    variants = typescript + [("@@switch", 6, 7), ("import { Bind } from '@nestjs/common';", 8, 9), ("@Controller('cats')", 10, 11)]
    assert compare_lines(code, typescript[1:], variants, "typescript", {}) is None
    assert compare_lines(code, typescript[1:] + [("@Controller('cats')", 12, 13)], variants, "typescript", {}) is None
    assert compare_lines(code, [("import { Get, Post } from '@nestjs/common';", 2, 3), ("@Controller('cats')", 4, 5)],
                         variants, "typescript", {}) is not None


def test_a_file_named_in_each_versions_language_is_the_same_file(tmp_path):
    group(tmp_path, {"en": paragraph_post("en", "Create `content/glossary/_index.en.md` first."),
                     "fa": paragraph_post("fa", "ابتدا `content/glossary/_index.fa.md` را بسازید."),
                     "zh": paragraph_post("zh", "首先创建 `content/glossary/_index.zh-cn.md`。")})
    assert check("_posts", cwd=tmp_path) == []
    group(tmp_path, {"en": paragraph_post("en", "Create `content/glossary/_index.en.md` first."),
                     "fa": paragraph_post("fa", "ابتدا `content/glossary/index.fa.md` را بسازید.")})
    assert [d["code"] for d in check("_posts", cwd=tmp_path)] == ["TRN005"]
