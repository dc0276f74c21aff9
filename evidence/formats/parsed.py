"""What every format reader returns: CSL-JSON items with their line, and per-record problems.

Bad input is data, not an exception: a record that cannot be read becomes a
:class:`~evidence.errors.ParseError` (file, line, reason, what to do) in ``errors``, and its
neighbours are still returned in ``items``. A field the reader cannot map to a CSL variable is
never dropped: it is kept in ``unmapped`` (tag -> values, in file order), stored in the item's
``custom.unmapped`` and reported to the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidence.errors import ParseError


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One record of a file as a CSL-JSON item.

    ``csl`` is a CSL-JSON item without ``id`` (the store assigns keys). ``line`` is the
    1-based line where the record starts. ``unmapped`` maps a field's tag, prefixed by the
    format (``"ris:M3"``, ``"nbib:OWN"``, ``"bibtex:groups"``), to its values in file order.
    ``notes`` are quirks the reader worked around, in words, for the import report
    (``"SP/EP 'No'/'Specified' is an Ovid artefact: no pages kept"``).
    """

    csl: dict[str, Any]
    line: int
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Every readable record of one file, and one error per record (or line) that is not."""

    items: tuple[ParsedItem, ...]
    errors: tuple[ParseError, ...] = ()
