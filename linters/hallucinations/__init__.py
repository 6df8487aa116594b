"""The hallucinations linter (HAL): what a model invents or leaves behind in a post.

One module per rule group, each reading its own sections of ``rules/hallucinations.yaml``:

- ``links``: identifiers and URLs that cannot exist (HAL001-HAL006; shapes checked in
  ``linters.identifiers``) and placeholder links (HAL101);
- ``leftovers``: a chat assistant's words to its user (HAL201) and its reply's openings (HAL202);
- ``chrome``: page chrome copied with a scraped article (HAL301-HAL304);
- ``machinery``: the model's own machinery: reasoning, the moment of generation, its citation
  lists, translation prompts (HAL401-HAL404).

``linter`` holds the class that reads the pack into the groups and runs them on each post's
context (``post.Post``); ``group`` what a rule group is. Phrases, hosts and patterns are data.
"""
from .linter import HallucinationsLinter

LINTER = HallucinationsLinter

__all__ = ["HallucinationsLinter", "LINTER"]
