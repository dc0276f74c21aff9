"""Find confidence intervals and ranges in source and summary text (pure: no I/O).

Built on :func:`evidence.numbers.scan_numbers`, so an interval's ends are the very
:class:`~evidence.numbers.Number` objects :func:`~evidence.numbers.find_numbers` reports,
with their verbatim text and offsets in the original text.

================================================  ==========================================
printed (examples)                                interval
================================================  ==========================================
95% CI 0.32-0.89; (95% CI: 25.8-44.0);            kind "ci", ``level`` 95 (99, 95.4, 90 ...)
[95% CI, 0.44 to 0.85]; 99% CI 0(U+00B7)32-0.89
95 per cent c.i. 1.2 to 3.4; 95% confidence       kind "ci", level 95; the label may end in
interval [CI] 59% to 94%; two-sided 90% CI        "[CI]", ":", ",", "=", "from"
CI 0.42-0.79                                      kind "ci", level None
OR (95% CI) 2.09 (1.26 to 3.48)                   kind "ci", level 95 (header form: the
                                                  verbatim runs from the label)
(IQR 3-7); (range 18-84); interquartile range     kind "range", level None
[IQR] 6-37 weeks; ranged from .85-.97
25.8-44.0; 1-3 prior lines; 25.8-NR (bare dash)   kind "range", level None, if low <= high
================================================  ==========================================

A dash between two numbers (hyphen, en or em dash, or a minus sign glued to the first number)
is a separator, never a minus. "to" joins an interval only after a CI or range label, since
"from 19 to 35" is a change; "vs", "versus" and "and" never do. Chains such as dates, ORCIDs
and DOIs ("2021-03-15", "s41408-023-00797-8") are not intervals. Not supported: a comma as the
separator ("1.05 (1.03, 1.07)", ambiguous with lists), a label after the interval
("0.42-0.79 (95% CI)") and "between 3 and 7".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from evidence.numbers import DASHES, SP, Number, NumberScan, parse_decimal, scan_numbers

__all__ = ["CI_LABEL", "Interval", "find_intervals"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A confidence interval or range: two numbers, the stated level and the printed text."""

    low: Number
    high: Number
    level: Decimal | None
    verbatim: str
    start: int
    end: int
    kind: str


_LEVEL = rf"(?P<level>[0-9]{{1,2}}(?:[.\u00b7][0-9]{{1,2}})?){SP}*(?:%|per(?:{SP}|-)?cent|percent)"
_CI_WORD = r"(?:CIs?|c\.[ ]?i\.|confidence[ ]+(?:intervals?|limits?)|CrIs?|credible[ ]+intervals?)"
_SIDED = rf"(?:(?:one|two|1|2)[ -]sided{SP}+)?"
CI_LABEL = rf"{_LEVEL}{SP}*{_CI_WORD}\b"
"""A CI label with its level ("95% CI", "95.4 per cent confidence interval", "90% CrI"), the
level in the group ``level``: the one pattern the extraction rules read levels with."""
_CI_CORE = (
    rf"(?:{_SIDED}{_LEVEL}{SP}*{_SIDED}|(?<![A-Za-z])){_CI_WORD}"
    rf"(?:{SP}*[\[(]{SP}*CIs?{SP}*[\])])?"
)
_LEAD = rf"{SP}*[:,=]?{SP}*"
_CI_LABEL = re.compile(rf"(?P<label>{_CI_CORE}){_LEAD}(?:(?:from|of){SP}+)?$", re.IGNORECASE)
_CI_HEADER = re.compile(
    rf"(?P<label>{_CI_CORE}){SP}*\)?{_LEAD}"
    rf"[{DASHES}+]?(?:[0-9]+(?:[.\u00b7][0-9]+)?|\.[0-9]+){SP}*%?{SP}*[(\[]{SP}*$",
    re.IGNORECASE,
)
_RANGE_LABEL = re.compile(
    rf"(?<![A-Za-z])(?P<label>(?:interquartile{SP}+range|IQR|range[sd]?|ranging)"
    rf"(?:{SP}*[\[(]{SP}*IQR{SP}*[\])])?){_LEAD}(?:(?:from|between){SP}+)?$",
    re.IGNORECASE,
)
_DASH_GAP = re.compile(rf"{SP}*[{DASHES}]{SP}*")
_TO_GAP = re.compile(rf"{SP}+to{SP}+")
_WINDOW = 120


def _label(view: str, vstart: int) -> tuple[str, int, Decimal | None] | None:
    """The label ending right before an interval's low end: (kind, view start, level)."""
    window_start = max(0, vstart - _WINDOW)
    for pattern, kind in ((_CI_LABEL, "ci"), (_CI_HEADER, "ci"), (_RANGE_LABEL, "range")):
        m = pattern.search(view, window_start, vstart)
        if m:
            level = m.groupdict().get("level")
            return kind, m.start("label"), parse_decimal(level) if level else None
    return None


def _gaps(scan: NumberScan) -> list[str | None]:
    """For each pair of neighbouring numbers: "dash", "to" or None."""
    gaps: list[str | None] = []
    for low, high in zip(scan.numbers, scan.numbers[1:], strict=False):
        a, b = low.vend_suffix, high.vstart
        gap = "dash" if _DASH_GAP.fullmatch(scan.view, a, b) else None
        gaps.append(gap or ("to" if _TO_GAP.fullmatch(scan.view, a, b) else None))
    return gaps


def find_intervals(text: str) -> list[Interval]:
    """Every confidence interval and range in ``text``, in reading order.

    ``verbatim`` runs from the label ("95.4% CI: 0.42-0.79", "IQR 6-37 weeks") or, for a bare
    range, from the low end, to the end of the high end's percent sign or unit.
    """
    scan = scan_numbers(text)
    gaps = _gaps(scan)
    found: list[Interval] = []
    for i, gap in enumerate(gaps):
        chained = (i > 0 and gaps[i - 1] == "dash") or (i + 1 < len(gaps) and gaps[i + 1] == "dash")
        if gap is None or (gap == "dash" and chained):
            continue
        low, high = scan.numbers[i], scan.numbers[i + 1]
        label = _label(scan.view, low.vstart)
        if label is None:
            a, b = low.number.value, high.number.value
            if gap == "to" or (a is not None and b is not None and a > b):
                continue
            label = ("range", low.vstart, None)
        kind, vstart, level = label
        start, end = scan.original(vstart, high.vend_suffix)
        interval = Interval(low.number, high.number, level, text[start:end], start, end, kind)
        found.append(interval)
    return found
