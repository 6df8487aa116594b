"""The hallucinations linter: reads its pack once per run into its rule groups, and checks each
post by building its ``Post`` context and running every group on it."""
from __future__ import annotations

from .. import languages
from ..packs.sections import ListOf, MappingOf, Section, Text
from ..patterns.literals import LiteralGate
from ..patterns.phrases import literals_of
from ..patterns.sections import PATTERN
from ..registry import Linter
from .chrome import PageChrome
from .group import lazy
from .leftovers import Leftovers
from .links import Links
from .machinery import Machinery
from .online import OnlineCitations
from .post import Post, post_date

TYPE_CHECKING = False
if TYPE_CHECKING:  # only annotations use them, and importing typing costs every run milliseconds
    from collections.abc import Iterator

    from ..diagnostics import Diagnostic
    from ..document import Document
    from .group import RuleGroup

GROUPS: tuple[type[RuleGroup], ...] = (Links, Leftovers, PageChrome, Machinery, OnlineCitations)


class HallucinationsLinter(Linter):
    name = "hallucinations"
    pack = "hallucinations"
    online_rules = OnlineCitations.codes  # reported by ``linters.online`` (``check --online``)
    # the post's context reads the first two; each rule group declares its own
    sections = (Section("language-scripts", MappingOf(PATTERN)), Section("date-keys", ListOf(Text())),
                *(section for group in GROUPS for section in group.sections))

    def setup(self) -> None:
        data = self.data
        self.groups = [group(self, data) for group in GROUPS]
        # the literals of the post's languages, found in one pass (see LiteralGate)
        self.gate = LiteralGate(lambda wanted: literals_of(
            [phrases for group in self.groups for phrases in group.gated()], wanted))
        self.date_keys = data["date-keys"]
        leftovers = data["chatbot-leftovers"]
        self.phrase_languages = set(leftovers) if isinstance(leftovers, dict) else set()
        scripts = data["language-scripts"]
        self.language_scripts = {language: lazy(script, f"language-scripts.{language}")
                                 for language, script in scripts.items()}
        self.any_script = lazy("|".join(f"(?:{script})" for script in scripts.values()) or "(?!)",
                               "language-scripts", trusted=True)  # each script was checked above

    def check(self, document: Document) -> Iterator[Diagnostic]:
        post = Post(document, self._languages(document), post_date(document, self.date_keys))
        for group in self.groups:
            yield from group.check(post)

    def _languages(self, document: Document) -> frozenset[str]:
        """The phrase-list languages to search (see ``languages.for_phrase_lists``)."""
        prose = document.prose

        def shows(language: str | None) -> bool:  # a letter of the language's script (None: any)
            script = self.any_script if language is None else self.language_scripts[language]
            return next(self.finditer(script.compiled, prose, rule="HAL201"), None) is not None

        return languages.for_phrase_lists(document, self.phrase_languages, self.language_scripts, shows)
