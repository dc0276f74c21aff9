"""Page ranges in the two forms the vendored CSL styles ask for (pure).

``page-range-format="expanded"`` (AMA) writes every digit of the second number:
``2361-71`` becomes ``2361-2371``. ``page-range-format="minimal"`` (NLM, Citing Medicine)
leaves out every leading digit the second number repeats: ``2361-2371`` becomes ``2361-71``,
``155-164`` becomes ``155-64`` and ``1001-1009`` becomes ``1001-9`` (CSL 1.0.2, "Appendix V:
Page Range Formats"). Only ranges of plain digits are touched: e-locators (``e157-e161``),
supplement pages (``S224-S225``) and anything else with a letter stay as given. A list of
ranges (``1-5, 7-9``) is formatted range by range.
"""

from __future__ import annotations

import re

_RANGE = re.compile(r"^(\d+)\s*[-\u2013\u2014]\s*(\d+)$")
_PIECES = re.compile(r"(\s*[,;]\s*)")


def expand_pages(pages: str, *, delimiter: str = "-") -> str:
    """Every range with all its digits: ``expand_pages("2361-71") == "2361-2371"``."""
    return _each_range(pages, delimiter, minimal=False)


def minimal_pages(pages: str, *, delimiter: str = "-") -> str:
    """Every range without repeated leading digits: ``minimal_pages("2361-2371") == "2361-71"``."""
    return _each_range(pages, delimiter, minimal=True)


def _each_range(pages: str, delimiter: str, *, minimal: bool) -> str:
    return "".join(
        piece if index % 2 else _one_range(piece, delimiter, minimal=minimal)
        for index, piece in enumerate(_PIECES.split(pages))
    )


def _one_range(text: str, delimiter: str, *, minimal: bool) -> str:
    match = _RANGE.match(text.strip())
    if match is None:
        return text
    first, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) < int(first):
        return text
    if first == last:
        return first
    if minimal and len(last) == len(first):
        same = 0
        while first[same] == last[same]:
            same += 1
        last = last[same:]
    return f"{first}{delimiter}{last}"
