"""The quotes linter (QUO): unbalanced quotes, the wrong or mixed quote styles, French guillemet
spacing, and quotations repeated with different wording (drift).

One module per rule group, each reading one ``Post`` (``records``):
- ``pairing``: the scan that finds the quotations of each paragraph, and QUO001;
- ``conventions``: the language's style (QUO002), guillemet spacing (QUO003, QUO004), mixed
  styles (QUO006), and the pack's per-language conventions;
- ``drift``: a quotation repeated with other words (QUO005), over ``words``;
- ``linter``: ``QuotesLinter``, which runs them.
The conventions of each language live in ``rules/quotes.yaml``.
"""
from .linter import LINTER, QuotesLinter

__all__ = ["LINTER", "QuotesLinter"]
