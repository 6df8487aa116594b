"""Translations: versions aligned block by block."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from linters.translations.alignment import Blocks, Columns, align
from linters.translations.summaries import Unit


def unit(kind: str, size: int = 100, urls: tuple = (), numbers: tuple = ()) -> Unit:
    return Unit(kind, 0, 0, size, size, tuple(((url, url), url, 0, 0) for url in urls),
                tuple((n, n, 0, 0, None) for n in numbers), (), (), ("", ()) if kind == "code" else (), None, None)


def test_the_same_kinds_are_aligned_one_to_one():
    units = [unit("h2"), unit("p"), unit("li"), unit("code")]
    assert align(Blocks(units), Blocks(units)) == [((i,), (i,)) for i in range(4)]


def test_a_missing_block_an_extra_one_and_anchors():
    first = [unit("h2"), unit("p", urls=("a.org",)), unit("p", 300), unit("p", urls=("b.org",)), unit("p")]
    second = [unit("h2"), unit("p", urls=("a.org",)), unit("p", urls=("b.org",)), unit("p"), unit("li", 40)]
    assert align(Blocks(first), Blocks(second)) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((), (4,))]


def test_a_paragraph_split_in_two_and_two_merged():
    first = [unit("h2"), unit("p", 400, urls=("a.org", "b.org")), unit("h2")]
    second = [unit("h2"), unit("p", 200, urls=("a.org",)), unit("p", 200, urls=("b.org",)), unit("h2")]
    assert align(Blocks(first), Blocks(second)) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert align(Blocks(second), Blocks(first)) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["h2", "p", "li", "code", "table"]), max_size=40),
       st.lists(st.sampled_from(["h2", "p", "li", "code", "table"]), max_size=40))
def test_every_block_is_in_one_pair_in_order(first_kinds, second_kinds):
    first, second = Blocks([unit(kind) for kind in first_kinds]), Blocks([unit(kind) for kind in second_kinds])
    pairs = align(first, second)
    assert [i for mine, _ in pairs for i in mine] == list(range(len(first_kinds)))
    assert [j for _, theirs in pairs for j in theirs] == list(range(len(second_kinds)))


def test_columns_hold_every_block_of_every_version_once():
    versions = [[unit("h2"), unit("p"), unit("p")], [unit("h2"), unit("p")], [unit("h2"), unit("p"), unit("p"), unit("li")]]
    columns = Columns(versions, 0).members
    for v, units in enumerate(versions):
        assert sorted(i for members in columns for i in members[v]) == list(range(len(units)))
