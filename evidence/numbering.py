"""Citation numbers for one document, and the collapsed in-text markers (pure).

Numbers go by first citation in the text (citation-sequence): the first key cited is 1, and a
key cited again keeps its number. The reference list is then printed in number order,
whatever order the records were stored or listed in.

:func:`collapse` follows CSL ``collapse="citation-number"`` as citeproc-js applies it: numbers
are sorted and de-duplicated, runs of three or more become one range, and two consecutive
numbers stay apart (``1, 2``). The delimiters depend on the output:

* readable text (the default): ``", "`` between items and an en dash (U+2013, the en-US
  locale's ``citation-range-delimiter``) in ranges: ``1-3, 5`` written with an en dash,
  typically shown in brackets;
* AMA superscripts: ``collapse(numbers, delimiter=",", range_delimiter="-")`` gives
  ``1-3,5`` (the AMA style's layout delimiter is ``","`` and the AMA Manual writes
  superscript ranges with a hyphen);
* NLM: ``delimiter=","`` inside parentheses, ``(1-3,5)`` with an en dash, as its citation
  layout gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from evidence.errors import InputError

T = TypeVar("T")

_ITEM = re.compile(r"^\s*(\d+)\s*(?:[-\u2013\u2014]\s*(\d+)\s*)?$")


class Numbering:
    """Citation numbers in order of first appearance; one key always has one number."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def cite(self, keys: Sequence[str]) -> tuple[int, ...]:
        """Number the keys of one citation (new keys get the next numbers, in order)."""
        for key in keys:
            self._numbers.setdefault(key, len(self._numbers) + 1)
        return tuple(self._numbers[key] for key in keys)

    def number(self, key: str) -> int | None:
        """The number of a cited key, ``None`` for a key not cited yet."""
        return self._numbers.get(key)

    @property
    def order(self) -> tuple[str, ...]:
        """The cited keys by number: ``order[0]`` is reference 1."""
        return tuple(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)

    def arrange(self, references: Mapping[str, T]) -> tuple[tuple[int, str, T], ...]:
        """The reference list in number order: ``(number, key, record)`` for each cited key.

        Records that were never cited are left out. Raises
        :class:`~evidence.errors.InputError` for a cited key ``references`` lacks.
        """
        missing = [key for key in self._numbers if key not in references]
        if missing:
            raise InputError(
                f"cited but not in the reference list: {', '.join(missing)}",
                hint="add the records (evidence add …) or fix the citation keys",
            )
        return tuple((number, key, references[key]) for key, number in self._numbers.items())


def collapse(
    numbers: Iterable[int], *, delimiter: str = ", ", range_delimiter: str = "\u2013"
) -> str:
    """Sorted, de-duplicated numbers, runs of 3+ collapsed: ``[3, 1, 2, 5]`` -> ``1-3, 5``.

    The default range delimiter is an en dash; see the module docstring for the AMA form.
    """
    ordered = sorted(set(numbers))
    items: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            items.append(f"{ordered[start]}{range_delimiter}{ordered[end]}")
        else:
            items.extend(str(n) for n in ordered[start : end + 1])
        start = end + 1
    return delimiter.join(items)


def expand_collapsed(marker: str) -> tuple[int, ...]:
    """The numbers a collapsed marker stands for: ``"1-3, 5"`` -> ``(1, 2, 3, 5)``.

    Accepts hyphens, en dashes and em dashes in ranges, with or without spaces; raises
    :class:`~evidence.errors.InputError` for anything else.
    """
    found: set[int] = set()
    for item in marker.split(","):
        match = _ITEM.match(item)
        if match is None:
            raise InputError("is not a citation marker like 1-3, 5", item=repr(marker))
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first:
            raise InputError("has a range that runs backwards", item=repr(marker))
        found.update(range(first, last + 1))
    return tuple(sorted(found))
