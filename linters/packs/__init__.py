"""Rule packs: the YAML data of each linter under ``rules/`` (phrases, patterns, conventions,
schemas) and its rules' documentation, users' overlays merged over them.

- ``loading``: built-in packs (parsed once per install, kept in ``__pycache__``), users' files,
  ``merge``, ``RulePackError``.
- ``rules``: the ``rules`` section as ``Rule`` records.
- ``sections``: declared sections. A linter lists what its pack holds, and the core checks it,
  users' overlays included, with one error format naming file, section and entry::

      sections = (Section("chatbot-leftovers", PerLanguage(PATTERNS)),   # or PATTERNS, per_language=True
                  Section("title-footer-separator", Text(), required=True))

  Kinds: ``Text``, ``Scalar``, ``Maybe``, ``ListOf``, ``MappingOf``, ``PerLanguage``, ``Record``
  (fields, required ones, a test of the whole record); patterns are
  ``linters.patterns.sections.PATTERN``/``PATTERNS``. ``setup`` then reads ``self.data[name]``
  without checking it (an absent optional section is empty); a value from elsewhere (an option)
  is checked with ``kind.check(value, Where.labelled("…"), whole=True)``. A section no linter
  declares is refused in a user's pack.
"""
