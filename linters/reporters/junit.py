"""``--format junit``: a JUnit XML report, for CI systems that show test results (GitLab's
``artifacts:reports:junit``, Jenkins, Azure Pipelines, CircleCI…).

One test case per file checked, named by its path: a clean file passes, and each finding of a
file is a ``<failure>`` of its test case (an internal error, CD006, an ``<error>``). The report
validates against the JUnit schema of Jenkins' xUnit plugin (a copy is in tests/data). XML 1.0
cannot hold control characters nor a file name's undecodable bytes: the former are written as
``\\xNN``, the latter as U+FFFD.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INTERNAL_ERROR = "CD006"


def _replacement(match: re.Match) -> str:
    char = match.group()
    return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\x{ord(char):02x}"


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold."""
    return _NOT_XML.sub(_replacement, text)


def _case(path: str, findings: list) -> ElementTree.Element:
    case = ElementTree.Element("testcase", name=xml_text(path.replace(os.sep, "/")), classname="copydesk")
    for d in findings:
        where = f"{d.path}:{d.line}:{d.column}"
        kind = "error" if d.code == _INTERNAL_ERROR else "failure"
        element = ElementTree.SubElement(case, kind, type=d.code, message=xml_text(f"{d.code} {d.message}"))
        element.text = xml_text(f"{where}: {d.code} {d.message} ({d.name}, {d.severity})")
    return case


def document(result) -> ElementTree.Element:
    by_path: dict[str, list] = {path: [] for path in result.paths}
    for d in result.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    cases = [_case(path, findings) for path, findings in by_path.items()]
    errors = sum(1 for case in cases if case.find("error") is not None)
    failures = sum(1 for case in cases if case.find("error") is None and case.find("failure") is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors)}
    root = ElementTree.Element("testsuites", {"name": "copydesk", **counts})
    suite = ElementTree.SubElement(root, "testsuite", {"name": "copydesk", "skipped": "0", **counts})
    suite.extend(cases)
    return root


def report(result, stream, options) -> None:
    root = document(result)
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode") + "\n")
