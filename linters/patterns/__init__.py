"""The pattern machinery every linter calls, one module per concern.

- ``search``: ``compile_pattern(source, where, flags)`` (a pack's pattern, its place named on
  error) and ``time_limit`` (built-in patterns run untimed on ordinary texts; search with
  ``Linter.finditer``, which applies it and names the rule on a timeout).
- ``alternation``: ``Alternation``/``compile_alternation``: a list of patterns matched as one
  leftmost-first alternation, each alternative searched alone and gated by its opening text.
- ``phrases``: ``PhraseList`` (a section's patterns per language, compiled on first use,
  ``select(wanted)`` for the post's languages), ``lazy_pattern``, and ``scan``/``first_match``,
  which skip a pattern whose literals the text lacks, asking a ``LiteralGate``.
- ``literals``: the literal prefilter: ``required_literals(source)``, ``haystack(text)``,
  ``LiteralIndex`` (one Aho-Corasick pass for all literals), ``LiteralGate``, ``contains_any``.
- ``characters``: ``required_characters(source)`` and ``contains_all``: a cheaper gate for a
  pattern searched in short joined texts (the quotes' code-like lines).
- ``syntax``: readers of a regex source (``read_escape``, ``class_end``, ``group_end``,
  ``top_level_alternatives``; ``UnsureSource`` where they are not sure).
- ``sections``: the section kinds ``PATTERN`` and ``PATTERNS`` for ``linters.packs.sections``.
"""
