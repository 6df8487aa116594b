"""The frontmatter linter: presence, syntax (YAML, TOML, JSON), duplicates, schema, language and file date."""
from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copydesk, seed_path, write
from linters import config, lint_text, yamlsafe
from linters.document.frontmatter import read as read_front_matter
from linters.document import Document

POST = "_posts/en/2025-01-01-hello-en.md"


def found(text: str, path: str = POST, **options) -> list[tuple[int, int, str]]:
    settings = config.from_mapping({"select": ["FM"], **({"linters": {"frontmatter": options}} if options else {})})
    return [(d.line, d.column, d.code) for d in lint_text(text, path=path, config=settings)]


@pytest.mark.parametrize("seed, expected", [
    ("000", []), ("001", [(1, "FM001")]), ("002", []), ("003", []), ("004", [(1, "FM001")]),
])
def test_seeds(seed, expected):
    run = copydesk("check", seed_path(seed), "--select", "FM", "--format", "json", "--no-cache")
    assert [(d["line"], d["code"]) for d in run.json()] == expected


def test_the_corpus_is_clean(corpus):
    run = copydesk("check", corpus, "--select", "FM", "--format", "json", "--no-cache")
    assert run.json() == []


def messages(text: str, path: str = POST) -> list[tuple[int, int, str, str]]:
    settings = config.from_mapping({"select": ["FM"]})
    return [(d.line, d.column, d.code, d.message) for d in lint_text(text, path=path, config=settings)]


@pytest.fixture(params=["libyaml", "pure Python"])
def loader(request, monkeypatch):
    """Each YAML loader users may have: PyPI's wheels bundle libyaml, a source build may lack it."""
    if request.param == "pure Python":
        monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml")
    return request.param


RULE_CASES = [
    ("Just text.\n", POST, [(1, 1, "FM001")]),
    ("\n---\ntitle: Hi\n---\nText\n", POST, [(2, 1, "FM002")]),
    ("---\ntitle: Hi\n\nText\n", POST, [(1, 1, "FM003")]),
    ("---\ntitle: [Draft\n---\nText\n", POST, [(3, 1, "FM004")]),
    ("---\ntitle: A\nlang: en\ntitle: B\n---\n", POST, [(4, 1, "FM005")]),
    ("---\nlang: en\n---\n", POST, [(1, 1, "FM006")]),
    ("---\ntitle:\n---\n", POST, [(2, 1, "FM006")]),
    ("---\ntitle: Hi\ngenerated: \"yes\"\naudio: 1\n---\n", POST, [(3, 12, "FM007"), (4, 8, "FM007")]),
    ("---\ntittle: Hi\ntitle: Hi\nlyout: post\n---\n", POST, [(2, 1, "FM008"), (4, 1, "FM008")]),
    ("---\ntitle: Hi\nlang: fr\n---\n", POST, [(3, 7, "FM009")]),
    ("---\ntitle: Hi\nlang: klingon\n---\n", POST, [(3, 7, "FM009")]),
    ("---\ntitle: Hi\nlang: en\n---\nHello.\n", "_posts/2025-01-01-hello-fr.md", [(3, 7, "FM009")]),
    ("---\ntitle: Hi\nlang: en\n---\nWorth it.\n", "_posts/2025-01-01-is-it-worth-it.md", []),
    ("---\ntitle: Kumusta\nlang: fil\n---\n", "_posts/2025-01-01-kumusta-fil.md", []),  # ISO 639-2
    ("---\ntitle: Kumusta\nlang: fil\n---\n", "_posts/2025-01-01-kumusta-en.md", [(3, 7, "FM009")]),
    ("---\ntitle: Hi\nlang: en\n---\nCiao, il gatto è qui e questo è tutto.\n", "_posts/2025-01-01-ciao-it.md",
     [(3, 7, "FM009")]),
    ("---\ntitle: Hi\n---\n", "_posts/2025-02-30-hello-en.md", [(1, 1, "FM010")]),
]


@pytest.mark.parametrize("text, path, expected", RULE_CASES)
def test_each_rule(text, path, expected):
    assert found(text, path) == expected


@pytest.mark.parametrize("text, path, expected", RULE_CASES)
def test_each_rule_with_either_loader(loader, text, path, expected):
    assert found(text, path) == expected


def test_valid_front_matter_has_the_same_messages_with_either_loader(monkeypatch):
    texts = ["---\ntitle: A\nlang: en\ntitle: B\n---\n", "---\ntitle:\ngenerated: \"yes\"\naudio: [1]\n---\n",
             "---\ntittle: Hi\nlang: fr\n---\n", "---\ntitle: Hi\n---\n"]
    with_libyaml = [messages(text) for text in texts]
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    assert [messages(text) for text in texts] == with_libyaml


@pytest.mark.parametrize("source", [
    "title: A\nlang: en\ntitle: B\n", "title: 'x'\ntags:\n  - a\n  - b\ndate: 2025-01-01\n",
    "a: &a [1, 2]\nb: *a\n", "base: &b {x: 1}\nc:\n  <<: *b\n", "title: |\n  two\n  lines\nlang: fr\n",
])
def test_front_matter_parsed_with_metadata_is_parsed_as_on_its_own(loader, source):
    """Valid front matter reuses ``Document.metadata``: the same data and key marks as parsing it all again."""
    document = Document(f"---\n{source}---\nText\n", POST)
    reading = read_front_matter(document)
    assert reading.data == yamlsafe.load(source) and reading.data is document.metadata
    assert [reading.keys.of(key) for key in reading.keys] == _places(document, yaml.compose(source, Loader=yamlsafe._Loader))


def _places(document, node) -> list:
    """(key start, value start, value end) of each top-level key, the last of a key written twice."""
    last = {key.value: (key, value) for key, value in node.value}
    return [tuple(document.offset(mark.line + 2, mark.column + 1) for mark in (key.start_mark, value.start_mark, value.end_mark))
            for key, value in last.values()]


def test_a_merge_key_that_loads_nothing_is_still_a_key(loader):
    assert found("---\n<<: {}\n---\n", schema={"closed": True}) == [(1, 1, "FM006"), (2, 1, "FM008")]


@pytest.mark.parametrize("text", [
    "---\na: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n",
    "---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
    "---\n\ttitle: tabbed\n---\n",
])
def test_hostile_front_matter_is_a_finding_not_a_crash(loader, text):
    assert [code for _, _, code in found(text)] == ["FM004"]


def test_a_yaml_error_at_the_very_end_of_the_file():
    assert found("---\n[") == [(1, 1, "FM003"), (2, 1, "FM004")]


def test_unterminated_front_matter_fix(tmp_path):
    post = write(tmp_path / "_posts" / "2025-01-01-hello-en.md", "---\ntitle: Hi\nlang: en\n\nThe text.\n")
    copydesk("check", ".", "--select", "FM", "--fix", cwd=tmp_path)
    assert post.read_text() == "---\ntitle: Hi\nlang: en\n---\n\nThe text.\n"
    again = copydesk("check", ".", "--select", "FM", "--fix", cwd=tmp_path)
    assert again.code == 0 and post.read_text() == "---\ntitle: Hi\nlang: en\n---\n\nThe text.\n"


# -- FM003's fix keeps the data (issue 18, R1) ----------------------------------------------------


def test_unterminated_front_matter_without_a_final_newline_is_closed_on_a_line_of_its_own(tmp_path):
    post = write(tmp_path / "2025-01-01-a-en.md", "---\ntitle: x")
    run = copydesk("check", "--fix", "--no-cache", post.name, cwd=tmp_path)
    assert post.read_text(encoding="utf-8") == "---\ntitle: x\n---\n"
    assert Document(post.read_text(encoding="utf-8")).metadata == {"title": "x"}
    assert "Fixed 1 problem" in run.out, run


FRONT_MATTER_LINES = st.one_of(
    st.builds("{}: {}".format, st.sampled_from(["title", "lang", "tags", "date", "x-y", "a_b"]),
              st.sampled_from(["", "x", "fr", "'quoted: yes'", "[a, b]", "2025-01-01", "---", "...", "# no", "{a: 1}"])),
    st.sampled_from(["  - item", "  nested: 1", "# comment", "", "  ", "---", "...", "key", "title:", "- a"]),
    st.text(alphabet="ab :-#\t'\"[]{}", max_size=8),
)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRONT_MATTER_LINES, max_size=6), st.sampled_from(["", "\n", "\n\nThe text () here.\n"]),
       st.sampled_from(["---", "+++"]))
def test_fix_never_changes_front_matter_data(lines, ending, fence):
    from linters.engine import engine_for

    text = fence + "\n" + "\n".join(lines) + ending
    if fence == "+++":
        text = text.replace(": ", " = ")
    engine = engine_for(config.from_mapping({}))
    _, fixed, _ = engine.lint_and_fix(Document(text, "_posts/2025-01-01-post-en.md"))
    assert Document(fixed).metadata == Document(text).metadata
    assert Document(fixed).front_matter.syntax == Document(text).front_matter.syntax


# -- hostile values (issue 18, R12) ------------------------------------------------------------


@pytest.mark.parametrize("value, column", [("!!timestamp 'garbage'", 7), ("!!int 'zz'", 7), ("2025-02-30", 7),
                                           ("!!bool 'maybe'", 7), ("[1, !!float 'x']", 11)])
def test_a_value_its_tag_cannot_build_is_fm004_at_its_place(tmp_path, value, column):
    post = write(tmp_path / "2025-01-01-a-en.md", f"---\ntitle: x\ndate: {value}\n---\n\nLet me know if you would like more.\n")
    run = copydesk("check", "--no-cache", "--format", "json", post.name, cwd=tmp_path)
    assert run.code == 1, run
    codes = [(finding["code"], finding["line"], finding["column"]) for finding in run.json()]
    assert ("FM004", 3, column) in codes and "CD006" not in {code for code, _, _ in codes}
    assert "HAL201" in {code for code, _, _ in codes}  # the other linters read the post as usual


# -- TOML and JSON front matter (issue 20) ------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("+++\ntitle = \"Hello\"\nlang = \"en\"\ntags = [\"a\"]\n[params]\nauthor = \"x\"\n+++\n\nText.\n", []),
    ("+++\ntitle = \"Hallo\"\ntitle = \"Zwei\"\n+++\n\nText.\n", [(3, 1, "FM005")]),
    ("+++\ntitle = \nlang = \"de\"\n+++\n\nText.\n", [(2, 9, "FM004")]),
    ("+++\ntitle = \"x\"\ngenerated = \"yes\"\n+++\n", [(3, 13, "FM007")]),
    ("+++\ntittle = \"x\"\n+++\n", [(1, 1, "FM006"), (2, 1, "FM008")]),
    ("+++\ntitle = \"x\"\nlang = \"fr\"\n+++\n", [(3, 8, "FM009")]),
    ("+++\ntitle = \"\"\"\nfoo = 1\ntitle = 2\n\"\"\"\n+++\n", []),  # keys inside a multi-line string are text
    ("+++\ntitle = \"x\"\n\nText.\n", [(1, 1, "FM003")]),
    ("{\n  \"title\": \"Hi\",\n  \"lang\": \"en\"\n}\n\nText.\n", []),
    ("{\n  \"title\": \"Hi\",\n  \"title\": \"Again\",\n  \"tittle\": 3\n}\n", [(3, 4, "FM005"), (4, 4, "FM008")]),
    ("{\n  \"title\": \"Hi\",\n  \"lang\": fr\n}\n", [(3, 11, "FM004")]),
    ("{\n  \"title\": \"Hi {braces} in a string\"\n}\n", []),
    ("{\n  \"title\": \"Hi\"\n\nText.\n", [(1, 1, "FM003")]),
    ("{\"title\": " + "[" * 150 + "1" + "]" * 150 + "}\n",
     [(1, 1, "FM004")]),
])
def test_toml_and_json_front_matter_are_checked_as_yaml_is(text, expected):
    assert found(text, "_posts/en/2025-01-01-hello-en.md") == expected


@pytest.mark.parametrize("text, syntax, metadata", [
    ("+++\ntitle = \"T\"\ndate = 2025-01-01\n+++\nBody\n", "toml", {"title": "T", "date": datetime.date(2025, 1, 1)}),
    ("{\"title\": \"T\", \"n\": 1}\nBody\n", "json", {"title": "T", "n": 1}),
    ("---\ntitle: T\n---\nBody\n", "yaml", {"title": "T"}),
])
def test_metadata_in_every_syntax(text, syntax, metadata):
    document = Document(text)
    assert document.front_matter.syntax == syntax and document.metadata == metadata
    assert document.text[document.body_start:] == "Body\n" and "title" not in document.prose


@pytest.mark.parametrize("text", ["{{< figure src=\"x.png\" >}}\n\nText.\n", "{% include note.html %}\n", "{ not json\n"])
def test_a_template_tag_on_the_first_line_is_not_json_front_matter(text):
    assert Document(text).front_matter is None
