"""The cache's files: what one shard holds, and how a result is stored in it.

A shard file is a header line, ``copydesk-cache FORMAT sha256=HEX``, then JSON: ``{"strings":
[...], "entries": {key: [stat signature, content hash, result]}}``. JSON's loader can only build
lists, strings and numbers (never objects, unlike pickle); the checksum catches a damaged file;
each result is checked against the schema below before it is used. A shard that fails any of
these is read as empty, an entry that fails as absent.

A result is ``[numbers, texts, suppressions, internal error, incomplete linters, summary by
linter]``. ``numbers`` and ``texts`` are lists of integers, each stored as one string: ``2`` or
``4``, then the base64 of 16-bit unsigned (when all fit) or 32-bit signed little-endian integers,
which a warm run turns into numbers at C speed (JSON's parser took twice as long over millions
of small numbers, and each list had to be checked for what it held). ``numbers`` holds eight
per finding (line, column, end line, end column, start, end, the number of edits of its fix (0:
no fix), the fix's flags: 1 safe, 2 touches the front matter), then two per edit (start, end);
``texts`` two per finding (its code, its message), then one per edit (its replacement), each the
index of a string of the shard's ``strings``, where a message found in a thousand posts is stored
once. A warm run of a large tree makes a hundred thousand findings from these lists with a few
slices and one ``zip``, where a list per finding cost twice the time, to check, to convert and
to free. A finding's path is its entry's; its rule's name, linter and severity are those of its
code (a finding that says otherwise keeps its file out of the cache). A suppression is its
fields. A cross-file linter's summary is JSON text (tuples tagged), read only when the file's
group is checked, or null (none was made: the file was alone in its group, or the summary held
what JSON cannot say; the file is summarized again if needed).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from array import array
from binascii import a2b_base64, b2a_base64
from itertools import islice, repeat

from ..diagnostics import Diagnostic
from ..suppressions import Suppression
from .groups import TUPLE_TAG, StoredSummary, unpack_summary
from .results import FileResult

FORMAT = 9  # 9: integers packed, 16 or 32 bits; 8: 32 bits; 7: JSON lists; 6 and before: pickles, never read again
_HEADER = re.compile(rb"copydesk-cache (\d+) sha256=([0-9a-f]{64})\n")
_INT, _STR = frozenset((int,)), frozenset((str,))
_TEXT_OR_NONE = frozenset((str, type(None)))
_PLAIN = (str, int, float, bool, type(None))
_FLAGS = ((False, False), (True, False), (False, True), (True, True))
_SUPPRESSION_KINDS = frozenset(("disable", "disable-line", "disable-next-line", "disable-file"))
_new = tuple.__new__
_BIG_ENDIAN = sys.byteorder == "big"
_WIDTHS = {"2": "H", "4": "i"}  # the first character of packed integers: 16 bits unsigned (most posts), or 32


class Shard:
    """The entries of one cache file and the strings their results share."""

    __slots__ = ("entries", "strings", "_index")

    def __init__(self, entries: dict[str, list] | None = None, strings: list[str] | None = None):
        self.entries = {} if entries is None else entries
        self.strings = [] if strings is None else strings
        self._index: dict[str, int] | None = None

    @classmethod
    def from_bytes(cls, data: bytes) -> Shard:
        """The shard a file holds; an empty one when it is damaged or of another format."""
        header = _HEADER.match(data)
        if header is None or int(header[1]) != FORMAT:
            return cls()
        if hashlib.sha256(memoryview(data)[header.end():]).hexdigest().encode() != header[2]:
            return cls()
        try:
            payload = json.loads(data[header.end():].decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            return cls()
        if type(payload) is not dict or type(payload.get("entries")) is not dict or not _strings(payload.get("strings")):
            return cls()
        return cls(payload["entries"], payload["strings"])

    def to_bytes(self, keep) -> bytes:
        """The file of the entries whose key ``keep`` keeps, with only the strings they use."""
        kept, used = {}, set()
        size = len(self.strings)
        for key, entry in self.entries.items():
            texts = _texts(entry)
            if texts is not None and (not texts or min(texts) >= 0 and max(texts) < size) and keep(key):
                kept[key] = entry, texts
                used.update(texts)
        order = sorted(used)
        renumbered = {old: new for new, old in enumerate(order)}
        for entry, texts in kept.values():
            entry[2][1] = _packed(list(map(renumbered.__getitem__, texts)))
        payload = json.dumps({"strings": [self.strings[index] for index in order],
                              "entries": {key: entry for key, (entry, _) in kept.items()}},
                             ensure_ascii=False, separators=(",", ":"), check_circular=False)
        data = payload.encode("utf-8", "surrogatepass")
        return f"copydesk-cache {FORMAT} sha256={hashlib.sha256(data).hexdigest()}\n".encode() + data

    def put(self, key: str, signature, content_digest: str, result: FileResult, rules) -> bool:
        """Keep a result (False when it cannot be stored: a finding unlike its rule)."""
        stored = self._encode(result, rules)
        if stored is None:
            return False
        self.entries[key] = [signature, content_digest, stored]
        return True

    def result(self, key: str, entry: list, fields: RuleFields) -> FileResult | None:
        """The result an entry holds for the file ``key`` names; None when it is not of the schema."""
        try:
            return self._decode(key.split("\0", 1)[0], entry[2], fields)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
            return None

    def _intern(self, text: str) -> int:
        index = self._index
        if index is None:
            index = self._index = {string: number for number, string in enumerate(self.strings)}
        number = index.get(text)
        if number is None:
            number = index[text] = len(self.strings)
            self.strings.append(text)
        return number

    def _encode(self, result: FileResult, rules) -> list | None:
        numbers: list[int] = []
        texts: list[int] = []
        edit_numbers: list[int] = []
        replacements: list[int] = []
        intern = self._intern
        for diagnostic in result.diagnostics:
            _, line, column, end_line, end_column, code, name, linter, severity, message, fix, start, end = \
                diagnostic.stored()
            rule = rules.get(code)
            if rule is None or (rule.name, rule.linter, rule.severity) != (name, linter, severity):
                return None
            texts += (intern(code), intern(message))
            if fix is None:
                numbers += (line, column, end_line, end_column, start, end, 0, 0)
                continue
            edits, safe, touches = fix
            numbers += (line, column, end_line, end_column, start, end, len(edits),
                        _FLAGS.index((bool(safe), bool(touches))))
            for edit_start, edit_end, replacement in edits:
                edit_numbers += (edit_start, edit_end)
                replacements.append(intern(replacement))
        suppressions = [[s.kind, list(s.codes), s.first_line, s.last_line, s.start, s.end, list(s.removal),
                         None if s.closer_removal is None else list(s.closer_removal), list(s.position), s.used]
                        for s in result.suppressions]
        summaries = {name: _summary_text(summary) for name, summary in result.summaries.items()}
        packed_numbers, packed_texts = _packed(numbers + edit_numbers), _packed(texts + replacements)
        if packed_numbers is None or packed_texts is None:
            return None  # an offset beyond 32 bits: the file is not cached
        return [packed_numbers, packed_texts, suppressions, result.internal_error, sorted(result.incomplete),
                summaries]

    def _decode(self, path: str, stored: list, fields: RuleFields) -> FileResult | None:
        numbers, texts, suppressions, internal_error, incomplete, summaries = stored
        if (type(internal_error) is not bool or not _strings(incomplete) or type(summaries) is not dict
                or not _TEXT_OR_NONE.issuperset(map(type, summaries.values()))):
            return None
        numbers, texts = _integers(numbers), _integers(texts)
        if texts and min(texts) < 0:
            return None
        # findings: 8 numbers and 2 texts each; edits: 2 numbers and 1 text each
        count, remainder = divmod(len(numbers) - 2 * len(texts), 4)
        if count < 0 or remainder or len(texts) < 2 * count:
            return None
        strings = list(map(self.strings.__getitem__, texts))
        result = FileResult(path, _findings(path, count, numbers, strings, fields), internal_error=internal_error)
        result.suppressions = [_suppression(row) for row in suppressions]
        result.incomplete = set(incomplete)
        result.summaries = {name: None if text is None else StoredSummary(text) for name, text in summaries.items()}
        return result


def _summary_text(summary) -> str | None:
    """A cross-file summary as JSON text (see ``groups.StoredSummary``), or None when it holds
    something JSON cannot say exactly (the post is then summarized again when needed)."""
    if summary is None:
        return None
    if isinstance(summary, StoredSummary):
        return str(summary)
    try:
        return json.dumps(_plain(unpack_summary(summary)), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return None


def _plain(value):
    """``value`` for JSON, tuples tagged; TypeError for anything that would not come back equal."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return {TUPLE_TAG: [_plain(item) for item in value]}
    if kind is list:
        return [_plain(item) for item in value]
    if kind is dict and TUPLE_TAG not in value and _STR.issuperset(map(type, value)):
        return {key: _plain(item) for key, item in value.items()}
    raise TypeError(f"{kind.__name__} in a summary")


def _texts(entry) -> list | None:
    """The string indices an entry uses, or None when it is not an entry of the schema."""
    if type(entry) is not list or len(entry) != 3 or type(entry[2]) is not list or len(entry[2]) != 6:
        return None
    try:
        return _integers(entry[2][1])
    except (TypeError, ValueError):
        return None


def _packed(integers: list[int]) -> str | None:
    """Integers as the cache stores them (see the module's docstring); None when one does not fit."""
    for width, typecode in _WIDTHS.items():
        try:
            packed = array(typecode, integers)
        except OverflowError:
            continue
        if _BIG_ENDIAN:
            packed.byteswap()
        return width + b2a_base64(packed.tobytes(), newline=False).decode("ascii")
    return None


def _integers(packed) -> list[int]:
    """The integers of a ``_packed`` string; TypeError or ValueError when it is not one."""
    if type(packed) is not str:
        raise TypeError("packed integers are a string")
    typecode = _WIDTHS.get(packed[:1])
    if typecode is None:
        raise ValueError("packed integers of no known width")
    integers = array(typecode)
    data = a2b_base64(packed[1:])
    if len(data) % integers.itemsize:
        raise ValueError("packed integers of another size")
    integers.frombytes(data)
    if _BIG_ENDIAN:
        integers.byteswap()
    return integers.tolist()


class RuleFields:
    """What a stored finding takes from its rule, by code: its name, linter and severity (a code
    no rule has is a KeyError, and the entry is dropped)."""

    __slots__ = ("names", "linters", "severities")

    def __init__(self, rules):
        self.names = {code: rule.name for code, rule in rules.items()}
        self.linters = {code: rule.linter for code, rule in rules.items()}
        self.severities = {code: rule.severity for code, rule in rules.items()}


def _findings(path: str, count: int, numbers: list[int], strings: list[str], fields: RuleFields) -> list[Diagnostic]:
    if not count:
        return []
    numbers_of_findings = numbers[:8 * count]
    codes, messages = strings[0:2 * count:2], strings[1:2 * count:2]
    fixes = _fixes(numbers_of_findings[6::8], numbers_of_findings[7::8], numbers[8 * count:], strings[2 * count:])
    return list(map(_new, repeat(Diagnostic), zip(
        repeat(path), numbers_of_findings[0::8], numbers_of_findings[1::8], numbers_of_findings[2::8],
        numbers_of_findings[3::8], codes, map(fields.names.__getitem__, codes), map(fields.linters.__getitem__, codes),
        map(fields.severities.__getitem__, codes), messages, fixes, numbers_of_findings[4::8],
        numbers_of_findings[5::8])))


def _fixes(sizes: list[int], flags: list[int], edit_numbers: list[int], replacements: list[str]):
    """Each finding's fix as the plain tuples a finding holds (``Fix.plain``), or None."""
    if not replacements:
        if any(sizes):
            raise ValueError("fixes without edits")
        return repeat(None)
    if (min(sizes) < 0 or min(flags) < 0 or sum(sizes) != len(replacements)
            or len(edit_numbers) != 2 * len(replacements)):
        raise ValueError("fixes of another shape")
    edits = iter(zip(edit_numbers[0::2], edit_numbers[1::2], replacements))
    edit = edits.__next__  # most fixes have one or two edits: taken one by one, not sliced
    return [((edit(), edit()) if size == 2 else (edit(),) if size == 1 else tuple(islice(edits, size)),)
            + _FLAGS[flag] if size else None for size, flag in zip(sizes, flags)]


def _suppression(row: list) -> Suppression:
    kind, codes, first_line, last_line, start, end, removal, closer, position, used = row
    numbers = [first_line, last_line, start, end, *removal, *(closer or ()), *position]
    if (kind not in _SUPPRESSION_KINDS or not _strings(codes) or type(used) is not bool or len(removal) != 2
            or (closer is not None and len(closer) != 2) or len(position) != 4
            or not _INT.issuperset(map(type, numbers))):
        raise ValueError("a suppression of another shape")
    suppression = Suppression(kind, tuple(codes), first_line, last_line, start, end, tuple(removal),
                              None if closer is None else tuple(closer), tuple(position))
    suppression.used = used
    return suppression


def _strings(value) -> bool:
    return type(value) is list and _STR.issuperset(map(type, value))
