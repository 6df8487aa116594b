"""What the reader sees: how the two families of renderers make straight quotes curly, and the
site's answer used when the configuration says nothing."""
from __future__ import annotations

from collections import namedtuple

import pytest

from linters import config
from linters.document import Document
from linters.engine.linting import engine_for
from linters.quotes.records import STRAIGHT, Quotation
from linters.quotes.rendering import FLANKING, SMARTYPANTS, Renderer
from quotes_support import post


def seen(family: str, text: str) -> str:
    """What a renderer of ``family`` makes of the first straight quotation of ``text``."""
    first = text.index('"')
    return Renderer(family, "“”").seen(text, Quotation(first, text.index('"', first + 1), STRAIGHT, True))


@pytest.mark.parametrize("text, kramdown, goldmark", [
    ('She said "yes" and left.', "“”", "“”"),
    ('"Yes," she said.', "“”", "“”"),
    ('Press **"Save"** now.', "“”", "“”"),
    ('的"机器人"。', "””", '""'),           # glued on both sides: reversed, or left alone
    ('说："你好"。', "””", "“”"),             # after punctuation: SmartyPants closes, CommonMark opens
    ('、"ブルー"と"グリーン"', "””", '“"'),    # Goldmark opens after 、 but cannot close before と
    ('(see "this")', "“”", "“”"),
])
def test_the_two_families(text, kramdown, goldmark):
    assert seen(SMARTYPANTS, text) == kramdown
    assert seen(FLANKING, text) == goldmark


Site = namedtuple("Site", "generator smart_quotes")


class FakeSite(Site):
    """The site detection's answer, as the site's ``Site`` gives it."""

    def smart_quotes_for(self, language):
        return self.smart_quotes if isinstance(self.smart_quotes, bool) else dict(self.smart_quotes).get(language, False)


def site_findings(text: str, site, settings=None) -> list[tuple[str, str]]:
    raw = {"select": ["QUO"], **({"linters": {"quotes": settings}} if settings else {})}
    [linter] = [linter for linter in engine_for(config.from_mapping(raw)).linters if linter.name == "quotes"]
    linter.site = site
    return [(d.code, d.message) for d in linter.check(Document(text, "post.md"))]


def test_the_sites_smart_quotes_are_the_default_and_the_configuration_wins():
    chinese = post("zh", '他说这是一个"机器人"。\n')
    assert site_findings(chinese, None)[0][0] == "QUO002"                       # straight or ”机器人”: wrong either way
    assert site_findings(chinese, FakeSite("jekyll", False))[0][0] == "QUO002"  # published straight
    assert site_findings(chinese, FakeSite("jekyll", True))[0][0] == "QUO007"   # kramdown: ”机器人”
    [(code, message)] = site_findings(chinese, FakeSite("hugo", True))         # Goldmark leaves it straight
    assert code == "QUO002" and "glued to the text on both sides" in message
    assert site_findings(post("es", 'Dijo "sí".\n'), FakeSite("hugo", (("es", True),))) == []
    assert site_findings(chinese, FakeSite("jekyll", True), {"smart-quotes": False})[0][0] == "QUO002"
