"""Simple front matter read without PyYAML (``document.frontmatter_plain``) reads as PyYAML reads
it: the same data, the same places of keys and values, the same duplicate keys; and what it is
not sure of is left to PyYAML."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import copydesk, write
from linters.document import Document, frontmatter_plain
from linters.document.frontmatter import read as read_front_matter
from linters.document.frontmatter_yaml import read_yaml

KEYS = ["title", "lang", "date", "tags_x", "_hidden", "sidebar-label", "on", "Yes", "null", "y", "NO", "a1"]
VALUES = ["Hello world", "Été à Paris", "标题 一", "yes", "No", "TRUE", "off", "On", "null", "Null", "~", "0", "-0",
          "+12", "007", "0x1F", "1_000", "1.5", ".inf", "1:20", "2025-01-31", "2025-02-30", "2025-1-1",
          "2025-01-31 10:00:00", '"quoted: # yes"', "'single ''escaped'''", "'back\\slash'", '"esc\\n"',
          "C# and F#", "a: b", "a #comment", "*alias", "&anchor x", "- item", "[1, 2]", "{a: 1}", "tab\there",
          "it's \"fine\"", "ends with colon:", "| block", "> folded", "!tag x", "%x", "@at", "`tick`",
          "a, b [c] {d}", "x*y", "trailing   ", "\u00a0nbsp", "zero\u200bwidth", "e\u0301"]


def both(text: str):
    """What the plain reading and PyYAML's reading give for ``text``'s front matter."""
    document = Document(text, "post.md")
    front = document.front_matter
    yaml_reading = read_yaml(document, front)
    reading = read_front_matter(document)
    return reading, yaml_reading


def summary(reading):
    return (reading.data, [(key, reading.keys.of(key)) for key in reading.keys], reading.duplicates, reading.problem)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES), st.sampled_from([" ", "  "]),
                          st.booleans()), min_size=1, max_size=6))
def test_what_the_plain_reading_reads_is_what_pyyaml_reads(lines):
    source = "".join(f"{key}:{space}{value}\n" + ("\n" if blank else "") for key, value, space, blank in lines)
    text = f"---\n{source}---\n\nBody.\n"
    if frontmatter_plain.read(source) is None:
        return  # left to PyYAML: nothing to compare
    reading, yaml_reading = both(text)
    assert summary(reading) == summary(yaml_reading)
    assert Document(text, "post.md").metadata == yaml_reading.data


@pytest.mark.parametrize("source", [
    "title: a: b\n", "title: a #c\n", "key:\n", " title: indented\n", "title: x\n  continued\n", "on: x\n",
    "n: 0x1F\n", "n: 1.5\n", "d: 2025-02-30\n", "t: 'it''s'\n", "t: \"a\\n\"\n", "t: x\r\n", "t:\tx\n",
    "- a\n", "t: *a\n", "# comment\nt: x\n", "t: x # c\n",
])
def test_what_it_is_not_sure_of_is_left_to_pyyaml(source):
    assert frontmatter_plain.read(source) is None


def test_values_are_typed_as_pyyaml_types_them():
    entries = frontmatter_plain.read("a: yes\nb: Off\nc: NULL\nd: -12\ne: 2024-02-29\nf: \"No\"\ng: 'x: #y'\nh: Hello\n")
    assert [value for *_, value in entries] == [True, False, None, -12, datetime.date(2024, 2, 29), "No", "x: #y",
                                                "Hello"]


def test_a_duplicate_key_is_reported_where_it_is_written_again(tmp_path):
    post = write(tmp_path / "_posts/en/2025-01-01-a-en.md",
                 "---\ntitle: One\nlayout: post\ntitle: Two\nlang: en\n---\n\nText.\n")
    run = copydesk("check", post, "--select", "FM", "--format", "json", "--no-cache", cwd=tmp_path)
    duplicate = [d for d in run.json() if "duplicate key" in d["message"]]
    assert [(d["line"], d["column"], d["message"]) for d in duplicate] == [
        (4, 1, "duplicate key 'title': the value on line 2 is silently lost")]


def front_matters(root: Path, limit: int = 4000):
    for path in sorted(root.rglob("*.md"))[:limit]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---\n"):
            yield path, text


@pytest.mark.parametrize("root_name", ["corpus", "sites"])
def test_real_front_matter_reads_alike(root_name, request):
    """Every real front matter the plain reading takes gives what PyYAML gives; and it takes
    most of a blog's (where the time of a one-post run goes)."""
    root = request.getfixturevalue(root_name)
    taken = total = 0
    for path, text in front_matters(root):
        document = Document(text, str(path))
        front = document.front_matter
        if front is None or front.syntax != "yaml":
            continue
        total += 1
        if frontmatter_plain.read(front.source) is None:
            continue
        taken += 1
        reading, yaml_reading = both(text)
        assert summary(reading) == summary(yaml_reading), path
    assert total > 100
    if root_name == "corpus":
        assert taken > 0.9 * total
