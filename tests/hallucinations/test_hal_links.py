"""Links and identifiers (HAL001-HAL006, HAL101), as a user sees them.

Fixture posts here are invented."""
from __future__ import annotations

import pytest

from hal_support import FRONT, findings
from linters.identifiers import arxiv_id_problem, doi_problem, isbn_problem, status_id_problem, youtube_id_problem


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


# -- HAL102: placeholder identifiers ------------------------------------------------------------

@pytest.mark.parametrize("link", [
    "[call us](tel:+10000000000)",
    "[WhatsApp](https://wa.me/12345678900)",
    "[chat](https://api.whatsapp.com/send?phone=15550123456)",  # 555-01XX, kept for fiction
    "[buy](https://shop.test/item?ean=4006381333932)",  # wrong check digit
    "[order](https://shop.test/orders/12345678-1234-1234-1234-123456789012)",
    "[file](https://files.test/d/abcdef12abcdef12abcdef12abcdef12)",
])
def test_placeholder_identifiers_in_links(link):
    assert findings(FRONT + f"Contact: {link}.\n") == {(7, "HAL102")}


@pytest.mark.parametrize("text", [
    "Call [+1 415 867 5309](tel:+14158675309).",
    "[WhatsApp](https://wa.me/4917623984512)",
    "[buy](https://shop.test/item?ean=4006381333931)",
    "[order](https://shop.test/orders/3f2b8c1e-9d4a-4e7b-a1c2-7e5f9b0d6a13)",
    "[commit](https://github.com/owner/repo/commit/9fceb02d0ae598e95dc970b74767f19372d61af8)",
])
def test_real_identifiers_are_clean(text):
    assert findings(FRONT + text + "\n") == set()


def test_a_book_on_amazon_has_its_isbn_checked():
    assert findings(FRONT + "Get it on [Amazon](https://www.amazon.com/dp/0306406153).\n") == {(7, "HAL005")}
    assert findings(FRONT + "Get it on [Amazon](https://www.amazon.com/dp/0306406152).\n") == set()


@pytest.mark.parametrize("destination", ["LINK_GOES_HERE", "https://SOURCE_GOES_HERE", "VIDEO_HERE"])
def test_placeholder_tokens_as_destinations(destination):
    assert findings(FRONT + f"As shown in [the study]({destination}).\n") == {(7, "HAL101")}
