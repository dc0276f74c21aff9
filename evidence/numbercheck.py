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

Numbers that belong to identifiers and citations (:func:`evidence.noise.is_reference_noise`)
and the citation markers themselves are not checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from evidence.findings import Finding, FindingKind
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
    checks = []
    for number in find_numbers(stretch.text):
        if is_reference_noise(stretch.text, number):
            continue
        if number.not_reached:
            result = _not_reached(number, cited)
        else:
            result = _trace(number, cited) or _derive(number, cited)
        if result is None and not number.not_reached:
            where = _trace(number, others) or _derive(number, others)
            note = (
                f"appears in {where.source}, which this sentence does not cite"
                if where is not None
                else None
            )
            result = NumberCheck(number, Verdict.UNSUPPORTED, note=note)
        elif result is None:
            result = NumberCheck(
                number, Verdict.UNSUPPORTED, note="no cited finding is 'not reached'"
            )
        checks.append(_searched(result, stretch.cited))
    return StretchCheck(stretch, tuple(checks))


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


def _values(finding: Finding) -> list[tuple[Decimal, bool, str | None]]:
    """(value, is-percent, unit) of every number a finding holds."""
    values: list[tuple[Decimal, bool, str | None]] = []
    if finding.value is not None:
        values.append((finding.value, finding.percent, finding.unit))
    for limit in (finding.ci_low, finding.ci_high):
        if limit is not None:
            values.append((limit, finding.percent, finding.unit))
    if finding.ci_level is not None:
        values.append((finding.ci_level, True, None))
    if finding.p_value is not None:
        values.append((finding.p_value, False, None))
    for count in (finding.numerator, finding.denominator):
        if count is not None:
            values.append((Decimal(count), False, None))
    return values


def _compatible(number: Number, percent: bool, unit: str | None) -> bool:
    if number.percent and not percent:
        return False
    return number.unit is None or unit is None or number.unit == unit


def _trace(number: Number, findings: Sequence[Finding]) -> NumberCheck | None:
    rounded: NumberCheck | None = None
    for finding in findings:
        for value, percent, unit in _values(finding):
            if not _compatible(number, percent, unit):
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


def _derive(number: Number, findings: Sequence[Finding]) -> NumberCheck | None:
    for derived, finding, transform in _derivations(findings):
        if (number.percent or not transform.endswith("%")) and (
            derived == number.value or rounds_to(derived, number)
        ):
            return NumberCheck(
                number, Verdict.DERIVED, finding.id, finding.anchor.source, transform=transform
            )
    return None


def _derivations(findings: Sequence[Finding]) -> Iterable[tuple[Decimal, Finding, str]]:
    """Every number the declared transforms make from these findings."""
    for finding in findings:
        if finding.kind.is_ratio and finding.value is not None and finding.value < 1:
            reduction = (1 - finding.value) * _HUNDRED
            yield reduction, finding, f"(1 - {finding.value_verbatim}) x 100 = {reduction}%"
        if finding.numerator is not None and finding.denominator:
            share = Decimal(finding.numerator) * _HUNDRED / Decimal(finding.denominator)
            yield share, finding, f"{finding.numerator}/{finding.denominator} = {share:.4f}%"
    rates = [(f, f.value) for f in findings if f.kind is FindingKind.RATE and f.value is not None]
    for (a, a_value), (b, b_value) in combinations(rates, 2):
        if a.endpoint == b.endpoint and a.anchor.source == b.anchor.source and a.arm != b.arm:
            gap = abs(a_value - b_value)
            yield gap, a, f"{a.value_verbatim}% - {b.value_verbatim}% = {gap} percentage points"
    counts: dict[tuple[str, str, str | None], list[Finding]] = {}
    for f in findings:
        if f.kind is FindingKind.COUNT and f.arm and f.value is not None:
            counts.setdefault((f.anchor.source, f.endpoint, f.population), []).append(f)
    for group in counts.values():
        if len(group) >= 2:
            total = sum((f.value for f in group if f.value is not None), Decimal(0))
            parts = " + ".join(f.value_verbatim for f in group)
            yield total, group[0], f"{parts} = {total} (sum of arms)"
