"""The ``rules`` section of a pack: each rule's code, defaults and documentation."""
from __future__ import annotations

import re

from ..diagnostics import Rule, Severity
from .loading import RulePackError

RULE_FIELDS = {"name", "severity", "fixable", "enabled", "summary", "what", "why", "example", "fix"}
REQUIRED_RULE_FIELDS = ("name", "severity", "summary", "what", "why", "example", "fix")
CODE = re.compile(r"[A-Z]{1,4}[0-9]{3}")


def parse_rules(pack: dict, linter: str, where: str) -> dict[str, Rule]:
    """The ``rules`` section of a pack as ``Rule`` objects, validated field by field."""
    section = pack.get("rules") or {}
    if not isinstance(section, dict):
        raise RulePackError(f"{where}: 'rules' must be a mapping of rule codes")
    rules = {}
    for code, spec in section.items():
        if not isinstance(code, str) or not CODE.fullmatch(code):
            raise RulePackError(f"{where}: rule {code!r}: a code is 1-4 capital letters and 3 digits")
        if not isinstance(spec, dict):
            raise RulePackError(f"{where}: rule {code}: must be a mapping")
        unknown = set(spec) - RULE_FIELDS
        if unknown:
            raise RulePackError(f"{where}: rule {code}: unknown field {sorted(unknown)[0]!r}")
        for field in REQUIRED_RULE_FIELDS:
            if not isinstance(spec.get(field), str) or not spec[field].strip():
                raise RulePackError(f"{where}: rule {code}: field {field!r} is required (a non-empty string)")
        for field in ("fixable", "enabled"):
            if field in spec and not isinstance(spec[field], bool):
                raise RulePackError(f"{where}: rule {code}: field {field!r} must be true or false")
        try:
            severity = Severity.parse(spec["severity"])
        except ValueError as error:
            raise RulePackError(f"{where}: rule {code}: field 'severity': {error}") from None
        rules[code] = Rule(
            code=code, name=spec["name"], linter=linter, severity=severity,
            fixable=spec.get("fixable", False), summary=spec["summary"].strip(),
            enabled=spec.get("enabled", True),
            doc={field: spec[field].strip() for field in ("what", "why", "example", "fix")},
        )
    return rules
