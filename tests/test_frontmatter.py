"""The frontmatter linter: presence, YAML syntax, duplicates, schema, language and file date."""
from __future__ import annotations

import pytest
import yaml

from conftest import copydesk, seed_path, write
from linters import config, frontmatter, lint_text, yamlsafe
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
    node, data = frontmatter._parsed(document, document.front_matter)
    assert data == yamlsafe.load(source) and data is document.metadata
    assert _marks(node) == _marks(yaml.compose(source, Loader=yamlsafe._Loader))


def _marks(node) -> list:
    return [[(n.start_mark.line, n.start_mark.column, n.end_mark.line, n.end_mark.column) for n in pair] for pair in node.value]


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
