"""Recording a finding by hand: locate its printed text in the source, parse it, anchor it.

The writer says what the source printed (``--text "HR 0.58, 95.4% CI: 0.42-0.79"``); the
text must occur exactly once in the source's canonical text. Value, interval and p-value are
read from that text by :mod:`evidence.numbers` and :mod:`evidence.intervals`, never typed
twice, so the stored numbers cannot drift from what the source printed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from evidence.errors import InputError, NotFoundError
from evidence.findings import Anchor, Finding, FindingKind, FindingStatus, id_problem
from evidence.imports import source_text
from evidence.intervals import Interval, find_intervals
from evidence.numbers import Number, find_numbers
from evidence.sourcetext import locate
from evidence.store import Store

_P_LABEL = re.compile(r"\bp(?:[\s-]*value)?\s*[=<>≤≥:]*\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """What a number measures: everything about a finding that is not in the printed text."""

    endpoint: str
    study: str | None = None
    arm: str | None = None
    comparison: str | None = None
    population: str | None = None
    timepoint: str | None = None
    analysis: str | None = None
    data_cutoff: str | None = None
    unit: str | None = None
    sidedness: int | None = None


def record_finding(
    store: Store,
    *,
    finding_id: str,
    source: str,
    kind: FindingKind,
    text: str,
    context: Context,
    value: str | None = None,
    reviewer: str | None = None,
    when: str | None = None,
    replace: bool = False,
) -> Finding:
    """Anchor and store a finding from the printed ``text``; confirmed if a reviewer is named.

    An existing finding with the same id is never replaced unless ``replace`` is set.
    """
    if (problem := id_problem(finding_id)) is not None:
        raise InputError(problem, item=finding_id, hint="pick an id such as ikema-pfs-hr")
    if not text.strip():
        raise InputError("the text is empty", item=finding_id, hint="quote the estimate as printed")
    if not replace and store.get_finding(finding_id) is not None:
        raise InputError(
            "a finding with this id exists",
            item=finding_id,
            hint="pick another id, use `findings edit`, or pass --replace",
        )
    canonical = source_text(store, source)
    if canonical is None:
        raise NotFoundError(
            "no text to anchor in",
            item=source,
            hint="add the reference (its abstract is used) or capture a snapshot with "
            "`evidence sources add`",
        )
    span = locate(canonical, text)
    numbers = find_numbers(text)
    interval = next(iter(find_intervals(text)), None)
    p_found = _p_value(text, numbers)
    p_value, p_verbatim = p_found if p_found else (None, None)
    main = _main_number(text, numbers, interval, p_value, value)
    finding = Finding(
        id=finding_id,
        kind=kind,
        anchor=Anchor(source, canonical.sha256, span),
        verbatim=text,
        value=main.value,
        value_verbatim=main.verbatim,
        not_reached=main.not_reached,
        percent=main.percent,
        unit=context.unit or main.unit,
        ci_low=interval.low.value if interval else None,
        ci_high=interval.high.value if interval else None,
        ci_low_verbatim=interval.low.verbatim if interval else None,
        ci_high_verbatim=interval.high.verbatim if interval else None,
        ci_level=interval.level if interval else None,
        p_value=p_value.value if p_value else None,
        p_comparator=p_value.comparator if p_value else None,
        p_verbatim=p_verbatim,
        status=FindingStatus.CONFIRMED if reviewer else FindingStatus.CANDIDATE,
        reviewed_by=reviewer,
        reviewed_at=(when or datetime.now(UTC).date().isoformat()) if reviewer else None,
        **{k: v for k, v in asdict(context).items() if k != "unit"},
    )
    store.put_finding(finding)
    return finding


def _p_value(text: str, numbers: list[Number]) -> tuple[Number, str] | None:
    """The number printed after a ``p`` label, and the label-and-number text."""
    for number in numbers:
        label = _P_LABEL.search(text, 0, number.start)
        if label is not None:
            return number, text[label.start() : number.end]
    return None


def _main_number(
    text: str,
    numbers: list[Number],
    interval: Interval | None,
    p_value: Number | None,
    wanted: str | None,
) -> Number:
    taken = {id(p_value)} if p_value else set()
    inside = (interval.start, interval.end) if interval else None
    candidates = [
        n
        for n in numbers
        if id(n) not in taken and not (inside and inside[0] <= n.start < inside[1])
    ]
    if wanted is not None:
        bare = wanted.strip().rstrip("%").strip()
        chosen = [n for n in candidates if n.verbatim in (wanted, bare)]
        if len(chosen) != 1:
            raise InputError(
                f"{wanted!r} is not one value of {text!r} (CI limits and p are not values)",
                item=text,
                hint="give --value exactly as printed in the text",
            )
        return chosen[0]
    if not candidates:
        raise InputError(
            "no value found outside the interval and p-value",
            item=text,
            hint="quote the estimate itself, e.g. 'HR 0.58, 95.4% CI: 0.42-0.79'",
        )
    if len(candidates) > 1 and len({n.value for n in candidates}) > 1:
        shown = ", ".join(n.verbatim for n in candidates)
        raise InputError(
            f"the text holds several values ({shown})",
            item=text,
            hint="say which one with --value, or quote less text",
        )
    return candidates[0]
