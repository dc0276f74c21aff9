"""Trace every number of a summary to a finding of the sources its sentence cites (pure).

The caller splits the summary into cited stretches (:class:`CitedText`: a sentence, or the
paragraph a run of markers closes) and names the source keys each one cites. Every number in
a stretch is then looked up among the findings of *those* sources only:

- ``supported``: a finding's value, CI limit, CI level, p-value, numerator or denominator
  equals it (same value; a percent only matches a percent; units must agree where both
  have one);
- ``supported-by-rounding``: a finding's number, printed with one decimal more than the
  summary's, rounds half-up to it (19.15 supports 19.2; 35.65 supports 35.7 but not 36:
  dropping more precision than one place changes what the source said);
- ``derived``: it follows from anchored findings by a declared transform, shown in the
  report: ``1 - ratio`` as a percentage ("47% lower risk" from HR 0.53), the difference of
  two arms' rates, ``n/N`` as a percentage, the sum of per-arm counts;
- ``unsupported``: none of the above. When the number is found among the findings of a
  source the stretch does not cite, the report names it: "appears in pmid:..., which this
  sentence does not cite".

Two kinds of context are held to the source too. When the sentence names an arm in the same
clause as a number ("35.7 months on Kd"), only findings of that arm (or of no arm) can support
it, so swapped arms are caught and the report says whose value it is. A printed confidence
interval is judged whole: limits that are a finding's must come with that finding's level
("95% CI 0.42 to 0.79" is not the 95.4% CI of the IKEMA hazard ratio).

Numbers that belong to identifiers and citations (:func:`evidence.noise.is_reference_noise`)
and the citation markers themselves are not checked.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from evidence.findings import Finding, FindingKind
from evidence.intervals import Interval, find_intervals
from evidence.noise import is_reference_noise
from evidence.numbers import Number, find_numbers
from evidence.rounding import rounds_to

_HUNDRED = Decimal(100)


class Verdict(StrEnum):
    """How a number of the summary relates to the cited findings."""

    SUPPORTED = "supported"
    ROUNDED = "supported-by-rounding"
    DERIVED = "derived"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class CitedText:
    """A stretch of the summary and the source keys cited for it."""

    text: str
    cited: tuple[str, ...]
    start: int = 0
    """Offset of the stretch in the whole document (for reporting)."""


@dataclass(frozen=True, slots=True)
class NumberCheck:
    """The verdict on one printed number, with the evidence for it."""

    number: Number
    verdict: Verdict
    finding: str | None = None
    source: str | None = None
    transform: str | None = None
    searched: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StretchCheck:
    """All numbers of one cited stretch; it passes when none is unsupported."""

    stretch: CitedText
    numbers: tuple[NumberCheck, ...]

    @property
    def ok(self) -> bool:
        """True when every number is supported, rounded or derived."""
        return all(n.verdict is not Verdict.UNSUPPORTED for n in self.numbers)


def check_numbers(
    stretches: Iterable[CitedText], findings: Mapping[str, Sequence[Finding]]
) -> list[StretchCheck]:
    """Check every number of every stretch against the findings of its cited sources."""
    return [_check_stretch(stretch, findings) for stretch in stretches]


def _check_stretch(stretch: CitedText, findings: Mapping[str, Sequence[Finding]]) -> StretchCheck:
    cited = [f for key in stretch.cited for f in findings.get(key, ())]
    others = [f for key, found in findings.items() if key not in stretch.cited for f in found]
    numbers = [n for n in find_numbers(stretch.text) if not is_reference_noise(stretch.text, n)]
    by_interval = _interval_checks(stretch.text, cited)
    arms = _arm_pattern(cited)
    checks = []
    for index, number in enumerate(numbers):
        if number.start in by_interval:
            result: NumberCheck | None = by_interval[number.start]
        elif number.not_reached:
            result = _not_reached(number, cited) or NumberCheck(
                number, Verdict.UNSUPPORTED, note="no cited finding is 'not reached'"
            )
        else:
            result = _check_value(stretch.text, numbers, index, cited, arms)
        if result is None:
            where = _trace(number, others) or _derive(
                number, others, _percentish(stretch.text, number)
            )
            note = (
                f"appears in {where.source}, which this sentence does not cite"
                if where is not None
                else None
            )
            result = NumberCheck(number, Verdict.UNSUPPORTED, note=note)
        checks.append(_searched(result, stretch.cited))
    return StretchCheck(stretch, tuple(checks))


def _check_value(
    text: str,
    numbers: Sequence[Number],
    index: int,
    cited: Sequence[Finding],
    arms: re.Pattern[str] | None,
) -> NumberCheck | None:
    """Trace one number, holding it to the arm the sentence names beside it (if any)."""
    number = numbers[index]
    arm = _arm_of(text, numbers, index, arms)
    percentish = _percentish(text, number)
    people = bool(_PEOPLE.match(text, number.end))
    if arm is None:
        return _trace(number, cited, people) or _derive(number, cited, percentish)
    pool = [f for f in cited if f.arm is None or _same_arm(f.arm, arm)]
    # Derivations combine arms (a sum of arms, a difference of rates): they use every finding.
    found = _trace(number, pool, people) or _derive(number, cited, percentish)
    if found is not None:
        return found
    elsewhere = _trace(number, cited)
    if elsewhere is not None:
        other = next(f for f in cited if f.id == elsewhere.finding)
        return NumberCheck(
            number,
            Verdict.UNSUPPORTED,
            note=f"{number.verbatim} is the {other.arm} value ({other.id}), not {arm}'s",
        )
    return None


_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]]|[.!?](?:\s|$)|\b(?:vs|versus|compared with|than)\b", re.IGNORECASE
)


_POINTS = re.compile(r"\s*(?:percentage|per cent|percent)\s+points?\b", re.IGNORECASE)


def _percentish(text: str, number: Number) -> bool:
    """A percentage, or a difference of percentages ("18.1 percentage points")."""
    return number.percent or bool(_POINTS.match(text, number.end))


def _same_arm(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _arm_pattern(findings: Sequence[Finding]) -> re.Pattern[str] | None:
    """One pattern for every arm the findings name, longest first ("Isa-Kd" before "Kd")."""
    names = sorted({f.arm for f in findings if f.arm}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _arm_of(
    text: str, numbers: Sequence[Number], index: int, arms: re.Pattern[str] | None
) -> str | None:
    """The arm named nearest to a number in the same clause (no , ; : bracket, sentence end,
    "vs", "versus", "compared with" or "than" between), within the numbers on either side."""
    if arms is None:
        return None
    number = numbers[index]
    low = numbers[index - 1].end if index else 0
    high = numbers[index + 1].start if index + 1 < len(numbers) else len(text)
    best: tuple[int, str] | None = None
    for match in arms.finditer(text, low, high):
        if match.start() >= number.end:
            between = text[number.end : match.start()]
        elif match.end() <= number.start:
            between = text[match.end() : number.start]
        else:
            continue
        if _CLAUSE_BREAK.search(between):
            continue
        distance = len(between)
        if best is None or distance < best[0]:
            best = (distance, match.group(0))
    return best[1] if best else None


def _interval_checks(text: str, cited: Sequence[Finding]) -> dict[int, NumberCheck]:
    """Verdicts for the limits and level of each printed CI, judged together.

    A CI whose limits are a finding's must also carry that finding's level: "95% CI 0.42 to
    0.79" does not stand for the 95.4% CI of the IKEMA hazard ratio.
    """
    verdicts: dict[int, NumberCheck] = {}
    for interval in find_intervals(text):
        if interval.kind != "ci" or interval.low.value is None or interval.high.value is None:
            continue
        owner = next(
            (
                f
                for f in cited
                if f.ci_low is not None
                and f.ci_high is not None
                and _agrees(f.ci_low, interval.low)
                and _agrees(f.ci_high, interval.high)
            ),
            None,
        )
        if owner is None:
            continue
        for limit in (interval.low, interval.high):
            verdicts[limit.start] = NumberCheck(
                limit, Verdict.SUPPORTED, owner.id, owner.anchor.source
            )
        level = _level_number(text, interval)
        if level is not None:
            verdicts[level.start] = (
                NumberCheck(level, Verdict.SUPPORTED, owner.id, owner.anchor.source)
                if owner.ci_level == interval.level
                else NumberCheck(
                    level,
                    Verdict.UNSUPPORTED,
                    note=f"the CI of {owner.id} is a {owner.ci_level or 'unstated'}% CI, "
                    f"not {interval.level}%",
                )
            )
    return verdicts


def _agrees(value: Decimal, shown: Number) -> bool:
    return value == shown.value or (_one_place_fewer(value, shown) and rounds_to(value, shown))


def _level_number(text: str, interval: Interval) -> Number | None:
    """The printed CI level ("95.4" of "95.4% CI"), with offsets into ``text``."""
    if interval.level is None:
        return None
    for number in find_numbers(text[interval.start : interval.low.start]):
        if number.value == interval.level:
            shift = interval.start
            return dataclasses.replace(number, start=number.start + shift, end=number.end + shift)
    return None


def _not_reached(number: Number, findings: Sequence[Finding]) -> NumberCheck | None:
    for finding in findings:
        if finding.not_reached:
            return NumberCheck(number, Verdict.SUPPORTED, finding.id, finding.anchor.source)
    return None


def _searched(check: NumberCheck, cited: tuple[str, ...]) -> NumberCheck:
    return NumberCheck(
        check.number,
        check.verdict,
        check.finding,
        check.source,
        check.transform,
        cited,
        check.note,
    )


def _values(finding: Finding) -> list[tuple[Decimal, bool, str | None, bool]]:
    """(value, is-percent, unit, is-a-count-of-people) of every number a finding holds."""
    counted = finding.kind is FindingKind.COUNT
    values: list[tuple[Decimal, bool, str | None, bool]] = []
    if finding.value is not None:
        values.append((finding.value, finding.percent, finding.unit, counted))
    for limit in (finding.ci_low, finding.ci_high):
        if limit is not None:
            values.append((limit, finding.percent, finding.unit, False))
    if finding.ci_level is not None:
        values.append((finding.ci_level, True, None, False))
    if finding.p_value is not None:
        values.append((finding.p_value, False, None, False))
    for count in (finding.numerator, finding.denominator):
        if count is not None:
            values.append((Decimal(count), False, None, True))
    return values


_PEOPLE = re.compile(
    r"\s+(?:\w+\s+)?(?:people|patients|participants|subjects|persons|men|women|children)\b",
    re.IGNORECASE,
)


def _compatible(number: Number, percent: bool, unit: str | None) -> bool:
    if number.percent != percent:
        return False  # a percentage is never a count, a median or a ratio, and back
    return number.unit is None or unit is None or number.unit == unit


def _trace(number: Number, findings: Sequence[Finding], people: bool = False) -> NumberCheck | None:
    """A finding's number equal to it, else one that rounds to it; a count of people
    ("302 people") is only ever a count."""
    rounded: NumberCheck | None = None
    for finding in findings:
        for value, percent, unit, counted in _values(finding):
            if not _compatible(number, percent, unit) or (people and not counted):
                continue
            if value == number.value:
                return NumberCheck(number, Verdict.SUPPORTED, finding.id, finding.anchor.source)
            if rounded is None and _one_place_fewer(value, number) and rounds_to(value, number):
                rounded = NumberCheck(
                    number,
                    Verdict.ROUNDED,
                    finding.id,
                    finding.anchor.source,
                    transform=f"{value} rounded half-up to {number.verbatim}",
                )
    return rounded


def _one_place_fewer(value: Decimal, number: Number) -> bool:
    exponent = value.as_tuple().exponent
    printed = -exponent if isinstance(exponent, int) else 0
    return printed - number.decimals == 1


def _derive(number: Number, findings: Sequence[Finding], percentish: bool) -> NumberCheck | None:
    for derived, finding, transform, percent in _derivations(findings):
        if percent == percentish and (derived == number.value or rounds_to(derived, number)):
            return NumberCheck(
                number, Verdict.DERIVED, finding.id, finding.anchor.source, transform=transform
            )
    return None


def _derivations(findings: Sequence[Finding]) -> Iterable[tuple[Decimal, Finding, str, bool]]:
    """Every number the declared transforms make from these findings, and whether it is a
    percentage (a reduction, a share, a difference in percentage points) or a count."""
    for finding in findings:
        reducible = finding.kind in (FindingKind.HAZARD_RATIO, FindingKind.RISK_RATIO)
        if reducible and finding.value is not None and finding.value < 1 and finding.excludes_null:
            reduction = (1 - finding.value) * _HUNDRED
            yield reduction, finding, f"(1 - {finding.value_verbatim}) x 100 = {reduction}%", True
        if finding.numerator is not None and finding.denominator:
            share = Decimal(finding.numerator) * _HUNDRED / Decimal(finding.denominator)
            yield share, finding, f"{finding.numerator}/{finding.denominator} = {share:.4f}%", True
    rates = [(f, f.value) for f in findings if f.kind is FindingKind.RATE and f.value is not None]
    for (a, a_value), (b, b_value) in combinations(rates, 2):
        if a.endpoint == b.endpoint and a.anchor.source == b.anchor.source and a.arm != b.arm:
            gap = abs(a_value - b_value)
            yield (
                gap,
                a,
                f"{a.value_verbatim}% - {b.value_verbatim}% = {gap} percentage points",
                True,
            )
    counts: dict[tuple[str, str, str | None], list[Finding]] = {}
    for f in findings:
        if f.kind is FindingKind.COUNT and f.arm and f.value is not None:
            counts.setdefault((f.anchor.source, f.endpoint, f.population), []).append(f)
    for group in counts.values():
        if len(group) >= 2:
            total = sum((f.value for f in group if f.value is not None), Decimal(0))
            parts = " + ".join(f.value_verbatim for f in group)
            yield total, group[0], f"{parts} = {total} (sum of arms)", False
