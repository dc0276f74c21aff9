"""The time point a rate is reported at: "3-year PFS", "at 24 months", "at week 48" (pure).

A time point is printed as an adjective ("3-year", "24-month", "1-year and 2-year") or after
"at", "after", "by" or "within" ("at 24 months", "at week 48", "within 30 days", "At 3 years,
..."). The rate's time point is looked for in its clause (between semicolons), between the
previous percentage and the first value, and right after the last one ("... was 45.2% at 24
months"); a treatment's duration ("a 6-month run-in", "12-week induction") is not one:

- one time point there: every value of the group has it;
- as many time points as values, with "respectively" after the values ("the 1-year and 2-year
  OS rates were 87.5 per cent and 58.9 per cent, respectively") or printed as one list of
  adjectives for values that are not per arm ("30-day and 60-day mortality were 2% and 6%";
  not "at 6 and at 12 months, 40% with A and 30% with B"): one each, in order;
- otherwise none: the values' time point is not known, and none is guessed.

The time point is kept as printed ("3-year", "at week 48"); it is never converted ("36
months" stays apart from "3-year"). A median follow-up ("after a median follow-up of 25
months") is not a time point: a quantifier between the preposition and the number stops it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from evidence.extract.context import RESPECTIVELY_LATER, Context

_S = r"[ \u00a0]"
_COUNT = (
    r"(?:\d+(?:[.\u00b7]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|eighteen|twenty|thirty|sixty|ninety)"
)
_UNIT = r"(?:years?|months?|weeks?|days?)"
_LANDMARK = (
    rf"(?:at|after|by|within){_S}+(?:{_COUNT}{_S}+{_UNIT}|(?:week|month|day|year|cycle){_S}+\d+)\b"
)
_TIME = re.compile(
    rf"\b{_COUNT}[- \u00a0](?:year|month|week|day)(?=[- \u00a0,])(?![- \u00a0]olds?\b)"
    rf"(?!{_S}+(?:run-in|induction|treatment|course|regimen|cycles?|period|schedule|therapy"
    r"|maintenance|consolidation|course)\b)"
    rf"|\b(?P<landmark>{_LANDMARK})",
    re.IGNORECASE,
)
_AFTER = re.compile(rf"{_S}*{_LANDMARK}", re.IGNORECASE)
_LIST_JOIN = re.compile(rf"[- \u00a0]*(?:,{_S}*(?:and{_S}+)?|and{_S}+)")


def timepoints(
    ctx: Context, first: int, last_end: int, count: int, *, listed_ok: bool = True
) -> list[str | None]:
    """The time point of each of ``count`` values printed from ``first`` to ``last_end``;
    ``listed_ok`` False when the values are per arm (labelled, or a vs pair): then a list of
    adjectives without "respectively" pairs with nothing."""
    start, end = ctx.clause(first)
    earlier = [n for n in ctx.numbers_between(start, first) if n.percent]
    start = max(start, earlier[-1].end) if earlier else start  # "3-year OS 80%, and ORR 60%"
    matches = list(_TIME.finditer(ctx.text, start, first))
    found = [m.group() for m in matches]
    after = _AFTER.match(ctx.text, last_end, end)
    if after is not None:
        found.append(after.group().strip(" \u00a0"))
    if len(found) == 1:
        return [found[0]] * count
    if count > 1 and len(found) == count:
        listed = listed_ok and _listed(ctx.text, matches)
        if listed or RESPECTIVELY_LATER.match(ctx.text, last_end, end):
            return list(found)
    return [None] * count


def _listed(text: str, matches: list[re.Match[str]]) -> bool:
    """Time-point adjectives printed as one list before the endpoint ("30-day and 60-day
    mortality were 2% and 6%"): the values follow them in order."""
    return (
        len(matches) > 1
        and not any(m["landmark"] for m in matches)  # adjectives only, not "at 6 months"
        and all(_LIST_JOIN.fullmatch(text, a.end(), b.start()) for a, b in pairwise(matches))
    )
