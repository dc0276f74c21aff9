"""CSL-JSON files: read every item with the line it starts on, write items deterministically.

An item is kept exactly as the file gives it (every variable, ``custom`` included), so a
CSL-JSON file imported and exported again comes back without loss.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from evidence.errors import ParseError
from evidence.formats.parsed import ParsedFile, ParsedItem

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


def read_csl(text: str, *, path: str) -> ParsedFile:
    """Every item of a CSL-JSON file (an array of items, or one item), with its line."""
    text = text.removeprefix("\ufeff")
    start = _skip(text, 0)
    if text.startswith("{", start):
        return _items_of([(start, text)], text, path, single=True)
    if not text.startswith("[", start):
        return ParsedFile((), (_error("not CSL-JSON (expected [ or {)", text, start, path),))
    position = _skip(text, start + 1)
    found: list[tuple[int, Any]] = []
    errors: list[ParseError] = []
    while position < len(text) and text[position] != "]":
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            errors.append(_error(f"not valid JSON: {exc.msg}", text, exc.pos, path))
            break  # the rest of the array cannot be located reliably
        found.append((position, value))
        position = _skip(text, end)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
    result = _items_of(found, text, path, single=False)
    return ParsedFile(result.items, (*result.errors, *errors))


def write_csl(items: Sequence[Mapping[str, Any]]) -> str:
    """A CSL-JSON array: keys sorted, UTF-8 kept, two-space indent, trailing newline."""
    return json.dumps(list(items), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _items_of(
    found: Sequence[tuple[int, Any]], text: str, path: str, *, single: bool
) -> ParsedFile:
    items: list[ParsedItem] = []
    errors: list[ParseError] = []
    if single:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return ParsedFile((), (_error(f"not valid JSON: {exc.msg}", text, exc.pos, path),))
        found = [(found[0][0], value)]
    for offset, value in found:
        line = text.count("\n", 0, offset) + 1
        if not isinstance(value, dict):
            errors.append(ParseError("a CSL-JSON item must be an object", item=path, line=line))
            continue
        items.append(ParsedItem(csl=value, line=line))
    return ParsedFile(tuple(items), tuple(errors))


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _error(message: str, text: str, offset: int, path: str) -> ParseError:
    return ParseError(message, item=path, line=text.count("\n", 0, offset) + 1)
