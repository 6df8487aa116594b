"""The online checks' parts, each on its own: the configuration section and --remap, what a
post cites, how titles are compared, what each endpoint's answer means, politeness, the cache."""
from __future__ import annotations

import asyncio
import time

import pytest
from conftest import copydesk, write

from linters.config import Config
from linters.document import Document
from linters.engine import engine_for
from linters.online import endpoints
from linters.online.cache import UrlCache
from linters.online.endpoints import EXISTS, MISSING, UNKNOWN, Failure, Reply, Verdict
from linters.online.politeness import HostGate, parse_retry_after, retry_delay
from linters.online.settings import Remap
from linters.online.titles import same_work

# -- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize("section, message", [
    ("online: yes please", "'online' must be true, false, or a mapping of online settings"),
    ("online: {timeuot: 3}", "'online': unknown key 'timeuot' (did you mean 'timeout'?)"),
    ("online: {per-host: 0}", "'online.per-host' must be a positive integer, not 0"),
    ("online: {remap: [['(', 'x']]}", "'online.remap[0]': '(' is not a regular expression"),
    ("online: {remap: [['^https://', '\\2']]}", "'online.remap[0]': replacement '\\\\2': invalid group reference 2"),
    ("online: {remap: ['^https://']}", "'online.remap' must be a list of [REGEX, REPLACEMENT] pairs"),
])
def test_a_wrong_online_section_is_a_configuration_error_naming_the_key(tmp_path, section, message):
    write(tmp_path / ".copydesk.yaml", section + "\n")
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nText.\n")
    run = copydesk("check", "post.md", cwd=tmp_path)
    assert run.code == 2 and message in run.err, run


@pytest.mark.parametrize("argument, message", [
    ("^https://only-a-pattern", "expected 'REGEX REPLACEMENT'"),
    ("^https://( x", "is not a regular expression"),
])
def test_a_wrong_remap_argument_exits_2(tmp_path, argument, message):
    write(tmp_path / "post.md", "---\ntitle: T\n---\n\nText.\n")
    run = copydesk("check", "--remap", argument, "post.md", cwd=tmp_path)
    assert run.code == 2 and message in run.err and "Traceback" not in run.err, run


def test_remap_rules_apply_in_turn_as_re_sub_does():
    remap = Remap([(r"^https://(www\.)?youtube\.com/", r"http://mirror.internal/yt/"), (r"^http://mirror", "http://m")])
    assert remap("https://www.youtube.com/oembed?url=x") == "http://m.internal/yt/oembed?url=x"
    assert remap("https://arxiv.org/abs/1") == "https://arxiv.org/abs/1"


def test_online_rules_are_off_unless_the_run_is_online():
    assert "HAL501" not in engine_for(Config()).enabled
    assert {"HAL501", "HAL502", "HAL503", "HAL504"} <= engine_for(Config(online=True)).enabled
    ignored = engine_for(Config(online=True, ignore=("HAL503",))).enabled
    assert "HAL503" not in ignored and "HAL501" in ignored


# -- what a post cites --------------------------------------------------------------------------

def targets(text: str, language: str | None = None):
    engine = engine_for(Config(online=True))
    group = next(group for linter in engine.linters for group in getattr(linter, "groups", ())
                 if type(group).__name__ == "OnlineCitations")
    document = Document("---\ntitle: T\n---\n\n" + text, "post.md", default_language=language)
    return [(target.kind, target.key, group.title_of(target, language)) for target in group.targets(document)], \
        group.targets(document), document


def test_targets_are_links_autolinks_bare_urls_definitions_and_identifier_mentions():
    found, raw, document = targets(
        "A [Neural Machine Translation](https://arxiv.org/abs/1706.03762v3) and <https://www.acme-news.org/a#part>, "
        "www.acme-news.org/b, ![a chart](https://cdn.acme-news.org/chart.png), [ref][1], arXiv:1512.03385v2, "
        "doi:10.1038/nature14539. and https://youtu.be/dQw4w9WgXcQ?t=42\n\n"
        "[1]: <https://www.acme-news.org/c> \"A title\"\n")
    assert [(kind, key) for kind, key, _ in found] == [
        ("arxiv", "1706.03762"), ("page", "https://www.acme-news.org/a"), ("page", "http://www.acme-news.org/b"),
        ("page", "https://cdn.acme-news.org/chart.png"), ("arxiv", "1512.03385"), ("doi", "10.1038/nature14539"),
        ("youtube", "dQw4w9WgXcQ"), ("page", "https://www.acme-news.org/c")]
    assert found[0][2] == "Neural Machine Translation"
    definition = raw[-1]
    assert document.text[definition.start:definition.end] == "https://www.acme-news.org/c"


def test_what_is_not_asked_about():
    found, _, _ = targets(
        "`https://www.acme-news.org/code` http://localhost:4000/x http://192.168.1.10/admin "
        "https://intranet.corp.internal/wiki https://example.com/report https://www.youtube.com/watch?v=lexfridman "
        "arXiv:2313.01234 mailto:someone@acme-news.org /relative/link.md https://[::1]:8080/x\n\n"
        "```\nhttps://www.acme-news.org/fenced\n```\n")
    assert found == []  # code, private hosts, placeholders (HAL101), impossible ids (HAL001, HAL002)


@pytest.mark.parametrize("text, title", [
    ("[Attention Is All You Need](https://arxiv.org/abs/1706.03762)", "Attention Is All You Need"),
    ("[“Attention is all you need”](https://arxiv.org/abs/1706.03762)", "Attention is all you need"),
    ("[here](https://arxiv.org/abs/1706.03762)", None),
    ("[this paper](https://arxiv.org/abs/1706.03762)", None),
    ("[the original transformer paper](https://arxiv.org/abs/1706.03762)", None),
    ("[Google's Transformer Paper](https://arxiv.org/abs/1706.03762)", None),
    ("[Vaswani et al. (2017)](https://arxiv.org/abs/1706.03762)", None),
    ("[arXiv:1706.03762](https://arxiv.org/abs/1706.03762)", None),
    ("[Attention is all you need](https://arxiv.org/abs/1706.03762)", None),  # sentence case: a phrase
    ("[Transformers](https://arxiv.org/abs/1706.03762)", None),  # one word
])
def test_a_links_text_is_compared_only_when_it_reads_as_a_title(text, title):
    found, _, _ = targets(text)
    assert found[0][2] == title


def test_a_title_translated_with_the_post_is_not_compared():
    found, _, _ = targets("[L'Attention Est Tout Ce Dont Vous Avez Besoin](https://arxiv.org/abs/1706.03762)", "fr")
    assert found[0][2] is None
    found, _, _ = targets("[Attention Is All You Need](https://arxiv.org/abs/1706.03762)", "fr")
    assert found[0][2] == "Attention Is All You Need"  # the original title in a French post


# -- titles -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("attention is all you need", "Attention Is All You Need"),
    ("Attention Is All You Need!", "Attention is all you need."),
    ("BERT", "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"),
    ("Pre-training of Deep Bidirectional Transformers", "BERT: Pre-training of Deep Bidirectional Transformers for "
                                                         "Language Understanding"),
    ("Let's build GPT: from scratch, in code", "Let's build GPT: from scratch, in code, spelled out."),
    ("Deep Residual Learning", "Deep Residual Learning for Image Recognition"),
    ("Les Misérables", "Les Miserables"),
    ("注意力就是你所需要的", "Attention Is All You Need"),  # another script: a translation, not judged
])
def test_titles_that_name_the_same_work(text, title):
    assert same_work(text, title)


@pytest.mark.parametrize("text, title", [
    ("Deep Residual Learning for Image Recognition", "Attention Is All You Need"),
    ("Language Models are Few-Shot Learners", "Deep learning"),
    ("Generative Adversarial Networks", "Mastering the game of Go with deep neural networks and tree search"),
])
def test_titles_of_other_works(text, title):
    assert not same_work(text, title)


# -- endpoints ----------------------------------------------------------------------------------

def reply(status: int, body: bytes = b"", redirects=()) -> Reply:
    return Reply(status, {}, body, tuple(redirects))


@pytest.mark.parametrize("answer, state", [
    (reply(200), EXISTS), (reply(404), MISSING), (reply(410), MISSING), (reply(401), UNKNOWN),
    (reply(403), UNKNOWN), (reply(429), UNKNOWN), (reply(500), UNKNOWN), (reply(503), UNKNOWN),
    (reply(400), UNKNOWN), (Failure("no answer within 10 s", False), UNKNOWN),
    (Failure("TLS error: certificate verify failed", False), UNKNOWN), (Failure("the host does not resolve", True), MISSING),
])
def test_three_outcomes_never_a_guess(answer, state):
    assert endpoints.page(answer).state == state


def test_the_endpoints_asked():
    assert endpoints.url_of("youtube", "dQw4w9WgXcQ") == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    assert endpoints.url_of("youtube-title", "dQw4w9WgXcQ") == \
        "https://www.youtube.com/oembed?url=https://www.youtube.com/watch?v=dQw4w9WgXcQ&format=json"
    assert endpoints.url_of("arxiv", "hep-th/9711200") == "https://export.arxiv.org/api/query?id_list=hep-th/9711200"
    assert endpoints.url_of("doi", "10.1000/182") == "https://doi.org/api/handles/10.1000/182"
    assert endpoints.url_of("doi-title", "10.1000/182") == "https://doi.org/10.1000/182"
    assert endpoints.url_of("wayback", "https://a.org/x?y=1") == \
        "https://archive.org/wayback/available?url=https%3A%2F%2Fa.org%2Fx%3Fy%3D1"


def test_the_arxiv_feed():
    feed = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/hep-th/9711200v3</id>'
            b'<title>The Large N Limit\n  of Superconformal Field Theories</title></entry></feed>')
    assert endpoints.arxiv_paper(reply(200, feed), "hep-th/9711200") == \
        Verdict(EXISTS, "in the arXiv API", "The Large N Limit of Superconformal Field Theories")
    assert endpoints.arxiv_paper(reply(200, feed), "hep-th/9711201").state == MISSING
    empty = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv Query</title></feed>'
    assert endpoints.arxiv_paper(reply(200, empty), "2301.00001").state == MISSING
    assert endpoints.arxiv_paper(reply(200, b"<html>maintenance</html>"), "2301.00001").state == UNKNOWN
    assert endpoints.arxiv_paper(reply(503), "2301.00001").state == UNKNOWN


def test_the_doi_answers():
    assert endpoints.doi_exists(reply(200, b'{"responseCode": 1, "handle": "10.1000/182"}')).state == EXISTS
    assert endpoints.doi_exists(reply(404, b'{"responseCode": 100, "handle": "10.1/x"}')).state == MISSING
    assert endpoints.doi_exists(reply(500, b'{"responseCode": 2}')).state == UNKNOWN
    assert endpoints.doi_exists(reply(200, b"not json")).state == UNKNOWN
    assert endpoints.doi_title(reply(200, b'{"title": ["Deep  learning"]}')) == "Deep learning"


def test_the_wayback_answers():
    held = (b'{"archived_snapshots": {"closest": {"available": true, "status": "200", '
            b'"url": "http://web.archive.org/web/2019/https://a.org/x"}}}')
    assert endpoints.archived_copy(reply(200, held)) == Verdict(EXISTS, "archived",
                                                                "http://web.archive.org/web/2019/https://a.org/x")
    assert endpoints.archived_copy(reply(200, b'{"archived_snapshots": {}}')).state == MISSING
    archived_404 = held.replace(b'"200"', b'"404"')
    assert endpoints.archived_copy(reply(200, archived_404)).state == MISSING
    assert endpoints.archived_copy(Failure("the host does not resolve", True)).state == UNKNOWN


@pytest.mark.parametrize("url, last, home", [
    ("https://www.a.org/products/x", "https://www.a.org/", True),
    ("https://a.org/products/x", "https://www.a.org/en/", True),
    ("http://a.org/2019/story", "https://a.org/index.html", True),
    ("https://www.a.org/", "https://www.a.org/en/", False),  # a home page itself
    ("https://www.a.org/products/x", "https://www.a.org/products/y", False),
    ("https://www.a.org/products/x", "https://login.b.org/", False),  # another site
    ("https://www.a.org/products/x", "https://www.a.org/?next=/products/x", False),
])
def test_a_soft_404_is_a_deep_link_redirected_to_its_sites_home(url, last, home):
    assert (endpoints.home_page_of(url, (last,)) is not None) == home


# -- politeness ---------------------------------------------------------------------------------

def test_retry_after_is_honoured_and_capped():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # past
    assert parse_retry_after("soon") is None
    assert retry_delay(0, "120", cap=30) == 30
    assert 1.0 <= retry_delay(0, None, cap=30) <= 1.25 and 4.0 <= retry_delay(2, None, cap=30) <= 5.0


def test_a_hosts_gate_keeps_its_interval_and_its_slots():
    async def main():
        gate, starts, running, most = HostGate(2, 0.2), [], [0], [0]

        async def one():
            async with gate:
                starts.append(time.monotonic())
                running[0] += 1
                most[0] = max(most[0], running[0])
                await asyncio.sleep(0.5)
                running[0] -= 1

        await asyncio.gather(*(one() for _ in range(4)))
        return starts, most[0]

    starts, most = asyncio.run(main())
    assert most == 2
    assert all(later - earlier >= 0.19 for earlier, later in zip(starts, starts[1:]))


# -- the cache ----------------------------------------------------------------------------------

def test_the_cache_keeps_what_exists_a_week_what_is_missing_a_day_and_no_unknown(tmp_path):
    now = 1_000_000.0
    cache = UrlCache(str(tmp_path), (), 7, now=now)
    cache.put("page https://a.org/", Verdict(EXISTS, "200 OK", None, ("https://a.org/x",)))
    cache.put("page https://a.org/gone", Verdict(MISSING, "404 Not Found"))
    cache.put("page https://a.org/busy", Verdict(UNKNOWN, "429 Too Many Requests"))
    cache.save()
    later = UrlCache(str(tmp_path), (), 7, now=now + 2 * 86_400)
    assert later.get("page https://a.org/") == Verdict(EXISTS, "200 OK", None, ("https://a.org/x",))
    assert later.get("page https://a.org/gone") is None and later.get("page https://a.org/busy") is None
    assert UrlCache(str(tmp_path), (), 7, now=now + 8 * 86_400).get("page https://a.org/") is None
    assert UrlCache(str(tmp_path), (("a", "b"),), 7, now=now).get("page https://a.org/") is None  # remapped


@pytest.mark.parametrize("damage", [
    lambda data: data[:-3], lambda data: data.replace(b"200 OK", b"200 KO"), lambda data: b"",
    lambda data: data.replace(b"copydesk-urls 1", b"copydesk-urls 9"),
])
def test_a_damaged_cache_file_is_read_as_empty(tmp_path, damage):
    cache = UrlCache(str(tmp_path), (), 7)
    cache.put("page https://a.org/", Verdict(EXISTS, "200 OK"))
    cache.save()
    (path,) = tmp_path.glob("urls*.json")
    path.write_bytes(damage(path.read_bytes()))
    assert UrlCache(str(tmp_path), (), 7).entries == {}


def test_a_cache_file_that_is_not_a_regular_file_is_ignored(tmp_path):
    import os

    os.mkfifo(tmp_path / "urls.json")
    assert UrlCache(str(tmp_path), (), 7).entries == {}
