"""``--format json``: one JSON array of diagnostics, exactly the keys of the contract."""
from __future__ import annotations

import json


def report(result, stream, options) -> None:
    json.dump([diagnostic.to_json() for diagnostic in result.diagnostics], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
