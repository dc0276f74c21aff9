"""Consistency checks run on every finding (pure).

Each check returns problems in words a reviewer can act on; none changes a finding. The
rules follow DOMAIN.md §7.2:

- a ratio lies inside its confidence interval;
- a ratio is close to the geometric mean of its CI limits (flag beyond a factor of 1.5);
- the p-value agrees with the CI: the CI excludes 1 exactly when p < alpha, with alpha taken
  from the CI level and halved for a one-sided p-value;
- a rate with numerator and denominator agrees with n/N at the printed precision;
- per-arm counts of one endpoint add up to the total given for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from evidence.findings import Finding, FindingKind

LOG_SYMMETRY_FACTOR = Decimal("1.5")
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Problem:
    """One inconsistency: which finding, which check, and what is wrong."""

    finding: str
    check: str
    message: str


def check_finding(finding: Finding) -> list[Problem]:
    """Every single-finding check."""
    problems: list[Problem] = []
    for check in (_inside_ci, _log_symmetry, _p_agrees_with_ci, _rate_agrees_with_counts):
        message = check(finding)
        if message:
            problems.append(
                Problem(finding.id, check.__name__.strip("_").replace("_", "-"), message)
            )
    return problems


def check_all(findings: Sequence[Finding]) -> list[Problem]:
    """Single-finding checks on each finding, then the checks across arms."""
    problems = [p for finding in findings for p in check_finding(finding)]
    problems.extend(_arms_sum_to_total(findings))
    return problems


def _inside_ci(f: Finding) -> str | None:
    if f.value is None or f.ci_low is None or f.ci_high is None:
        return None
    if f.ci_low > f.ci_high:
        return f"CI limits are reversed ({f.ci_low_verbatim} > {f.ci_high_verbatim})"
    if not f.ci_low <= f.value <= f.ci_high:
        return f"{f.value_verbatim} lies outside its CI {f.ci_low_verbatim}-{f.ci_high_verbatim}"
    return None


def _log_symmetry(f: Finding) -> str | None:
    if not f.kind.is_ratio or f.value is None or f.ci_low is None or f.ci_high is None:
        return None
    if f.value <= 0 or f.ci_low <= 0 or f.ci_high <= 0:
        return f"a ratio and its CI limits must be positive ({f.verbatim})"
    centre = (f.ci_low * f.ci_high).sqrt()
    factor = max(f.value / centre, centre / f.value)
    if factor > LOG_SYMMETRY_FACTOR:
        return (
            f"{f.value_verbatim} is {factor:.2f}x from the geometric mean {centre:.3f} of its CI "
            f"(more than {LOG_SYMMETRY_FACTOR}x): check the estimate and its interval"
        )
    return None


def _p_agrees_with_ci(f: Finding) -> str | None:
    excludes = f.excludes_null
    if excludes is None or f.p_value is None or f.ci_level is None:
        return None
    alpha = (_HUNDRED - f.ci_level) / _HUNDRED
    if f.sidedness == 1:
        alpha /= 2
    if f.p_comparator in ("<", "<="):
        if f.p_value > alpha:
            return None  # an upper bound above alpha says nothing either way
        below = True
    elif f.p_comparator in (">", ">="):
        below = False
    else:
        below = f.p_value < alpha
    if excludes and not below:
        return f"the {f.ci_level}% CI excludes 1 but p {f.p_verbatim} is not below {alpha}"
    if not excludes and below:
        return f"p {f.p_verbatim} is below {alpha} but the {f.ci_level}% CI includes 1"
    return None


def _rate_agrees_with_counts(f: Finding) -> str | None:
    if f.kind is not FindingKind.RATE or f.value is None:
        return None
    if f.numerator is None or not f.denominator:
        return None
    exact = Decimal(f.numerator) * _HUNDRED / Decimal(f.denominator)
    places = Decimal(1).scaleb(f.value.as_tuple().exponent)  # type: ignore[arg-type]
    if exact.quantize(places, rounding=ROUND_HALF_UP) != f.value:
        return (
            f"{f.value_verbatim}% does not match {f.numerator}/{f.denominator} = "
            f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"
        )
    return None


def _arms_sum_to_total(findings: Iterable[Finding]) -> list[Problem]:
    groups: dict[tuple[str, str | None, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind is FindingKind.COUNT and f.value is not None:
            groups[(f.anchor.source, f.population, f.endpoint)].append(f)
    problems = []
    for members in groups.values():
        totals = [f for f in members if f.arm is None]
        arms = [f for f in members if f.arm is not None]
        if len(totals) != 1 or len(arms) < 2:
            continue
        total = totals[0]
        summed = sum((f.value for f in arms if f.value is not None), Decimal(0))
        if summed != total.value:
            names = " + ".join(f"{f.value_verbatim} ({f.arm})" for f in arms)
            problems.append(
                Problem(
                    total.id, "arms-sum-to-total", f"{names} = {summed}, not {total.value_verbatim}"
                )
            )
    return problems
