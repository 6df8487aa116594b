"""The pattern machinery every linter calls, one module per concern.

- ``search``: ``compile_pattern(source, where, flags)`` (a pack's pattern, its place named on
  error) and ``time_limit`` (built-in patterns run untimed on ordinary texts; search with
  ``Linter.finditer``, which applies it and names the rule on a timeout).
- ``alternation``: ``Alternation``/``compile_alternation``: a list of patterns matched as one
  leftmost-first alternation, each alternative searched alone and gated by its opening text.
- ``phrases``: ``PhraseList`` (a section's patterns per language, compiled on first use,
  ``select(wanted)`` for the post's languages), ``lazy_pattern``, and ``scan``/``first_match``,
  which skip a pattern whose literals the text lacks (``scan`` asks the post's ``LiteralIndex``).
- ``literals``: the literal prefilter: ``required_literals(source)``, ``haystack(text)``,
  ``LiteralIndex`` (one Aho-Corasick pass for all literals), ``LiteralGate``, ``contains_any``.
- ``characters``: ``required_characters(source)`` and ``contains_all``: a cheaper gate for a
  pattern searched in short joined texts (the quotes' code-like lines).
- ``syntax``: readers of a regex source (``read_escape``, ``class_end``, ``group_end``,
  ``top_level_alternatives``; ``UnsureSource`` where they are not sure), and ``repetition_bound``
  (what compiling a pattern costs: ``compile_pattern`` refuses a user's beyond ``MAX_REPETITIONS``).
- ``sections``: the section kinds ``PATTERN`` and ``PATTERNS`` for ``linters.packs.sections``.
- ``deferred``: ``deferred(source, flags)``, a pattern of the code (not of a pack) compiled on first
  use: for the module-level patterns of what a post seldom holds.

In a linter: declare the pack's sections (``linters.packs.sections``; ``PATTERN``, ``PATTERNS``,
``PerLanguage(PATTERNS)`` for phrase lists), then in ``setup`` build what each check searches from
``self.data``: ``compile_pattern`` for one pattern, ``compile_alternation`` for a list matched as
one, ``PhraseList(value, place, flags)`` for per-language phrases, with one ``LiteralGate`` per
linter (``LiteralGate(lambda wanted: literals_of(lists, wanted))``). In ``check``, pick the
languages with ``linters.languages.for_phrase_lists``, take their index (``gate.index(wanted)``)
and search a post's long texts with ``scan(phrases, text, search, index, wanted)`` (short ones
with ``first_match(phrases, text, search, wanted)``), where ``search`` is
``lambda pattern, text: self.finditer(pattern, text, rule=CODE)``: built-in patterns run untimed,
users' under ``regex-timeout``, and a timeout is reported under the rule. Identifier hosts and
shapes are ``linters.identifiers``; a post's language is ``linters.languages``.
"""
