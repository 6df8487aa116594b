"""``--format json``: one JSON array of diagnostics, exactly the keys of the contract.

The array is laid out as ``json.dump(..., ensure_ascii=False, indent=2)`` lays it out, byte for
byte, but written a thousand findings at a time from strings quoted by the C encoder: with an
indent, ``json.dump`` runs the pure-Python encoder, twenty times slower (a post with 285,000
findings took 27 s to report and 8 s to lint). A file name that is not UTF-8 is written with
``\\udcXX`` escapes, as ``--format jsonl`` writes it.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring

from ..output import write_json

_BATCH = 1000


def report(result, stream, options) -> None:
    diagnostics = result.diagnostics
    if not diagnostics:
        stream.write("[]\n")
        return
    stream.write("[\n")
    for start in range(0, len(diagnostics), _BATCH):
        batch = ",\n".join(_entry(diagnostic.to_json()) for diagnostic in diagnostics[start:start + _BATCH])
        write_json(stream, batch if start + _BATCH >= len(diagnostics) else batch + ",\n")
    stream.write("\n]\n")


def _entry(mapping: dict) -> str:
    return "  {\n" + ",\n".join(f"    {encode_basestring(key)}: {_value(value)}"
                                for key, value in mapping.items()) + "\n  }"


def _value(value) -> str:
    if type(value) is str:
        return encode_basestring(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)
