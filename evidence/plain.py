"""Plain-language sentences for findings, one builder per kind (pure).

Wording follows DOMAIN.md §7.3 and §8:

* every number printed is a finding's verbatim string (``value_verbatim``, the CI limits as
  printed, ``25.0`` stays ``25.0``) or a declared derivation of it: only ``1 - ratio`` as a
  percentage, which :mod:`evidence.numbercheck` knows as a transform, and always printed
  beside the ratio it comes from;
* "lowered" / "raised" / "higher" only when the ratio's interval excludes 1
  (:attr:`~evidence.findings.Finding.excludes_null`); otherwise the sentence says the
  difference was not clear;
* no hedged verbs (a single trial carries no GRADE certainty), and no "significantly";
* the analysis (interim, updated, final) is named from ``finding.analysis``; the comparator is
  always named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from evidence.errors import InputError
from evidence.findings import Finding, FindingKind

_ONE = Decimal(1)
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """How an endpoint reads in plain words."""

    median: str
    """After "Half of the people on X ...": ``lived without their disease getting worse``."""
    risk: str
    """The event a ratio compares: ``the risk of the disease getting worse or of death``."""
    rate: str
    """After "44.1% of people on X ...": ``had no sign of their cancer on standard tests``."""


ENDPOINTS: dict[str, Endpoint] = {
    "progression-free survival": Endpoint(
        median="lived without their disease getting worse",
        risk="the risk of the disease getting worse or of death",
        rate="were alive without their disease getting worse",
    ),
    "overall survival": Endpoint(median="lived", risk="the risk of death", rate="were alive"),
    "stringent complete response or complete response": Endpoint(
        median="kept a complete response",
        risk="the chance of a complete response",
        rate="had no sign of their cancer on standard tests (a complete response)",
    ),
    "MRD negativity": Endpoint(
        median="stayed free of detectable cancer cells",
        risk="the chance of having no detectable cancer cells",
        rate="had no cancer cells found even by the most sensitive tests (MRD negativity)",
    ),
    "MRD negativity with complete response": Endpoint(
        median="stayed free of detectable cancer cells",
        risk="the chance of a complete response with no detectable cancer cells",
        rate=("had both a complete response and no cancer cells found by the most sensitive tests"),
    ),
}
"""Plain wording for endpoints the shipped findings use; others fall back to their name."""

_RATIO_NAMES = {
    FindingKind.HAZARD_RATIO: "hazard ratio",
    FindingKind.ODDS_RATIO: "odds ratio",
    FindingKind.RISK_RATIO: "risk ratio",
}


def endpoint_words(endpoint: str) -> Endpoint:
    """Plain wording for an endpoint, or a generic form built from its name."""
    known = ENDPOINTS.get(endpoint)
    if known is not None:
        return known
    return Endpoint(
        median=f"reached {endpoint}",
        risk=f"the chance of {endpoint}",
        rate=f"had {endpoint}",
    )


def value_text(finding: Finding) -> str:
    """The value as printed by the source: ``0.58``, ``44.1%`` or ``not reached``."""
    if finding.not_reached:
        return "not reached"
    text = finding.value_verbatim
    return f"{text}%" if finding.percent and not text.endswith("%") else text


def ci_text(finding: Finding) -> str:
    """``95.4% confidence interval 0.42 to 0.79`` (limits as printed); InputError if none."""
    if finding.ci_low_verbatim is None or finding.ci_high_verbatim is None:
        raise InputError("has no confidence interval to print", item=finding.id)
    level = f"{_plain_decimal(finding.ci_level)}% " if finding.ci_level is not None else ""
    return f"{level}confidence interval {finding.ci_low_verbatim} to {finding.ci_high_verbatim}"


def reduction_text(finding: Finding) -> str:
    """The declared transform ``(1 - ratio) x 100`` as a percentage: HR 0.58 -> ``42%``.

    Only for a hazard or risk ratio below 1 whose interval excludes 1 (an odds ratio is not a
    change in risk, and a reduction the interval does not support must not be printed).
    """
    reducible = finding.kind in (FindingKind.HAZARD_RATIO, FindingKind.RISK_RATIO)
    if not reducible or finding.value is None or finding.value >= _ONE:
        raise InputError(
            "a reduction is (1 - ratio) as a percentage, for a hazard or risk ratio below 1",
            item=finding.id,
        )
    if finding.excludes_null is not True:
        raise InputError(
            "its confidence interval does not exclude 1, so no reduction can be stated",
            item=finding.id,
            hint="print the ratio and its interval instead",
        )
    return f"{_plain_decimal((_ONE - finding.value) * _HUNDRED)}%"


def analysis_name(finding: Finding) -> str | None:
    """``updated`` from ``updated (prespecified follow-up analysis)``; None when unknown."""
    if not finding.analysis:
        return None
    name = finding.analysis.split("(", 1)[0].strip()
    return name.removesuffix(" analysis").strip() or None


def analysis_opening(finding: Finding) -> str:
    """``In the updated analysis, `` (or nothing when the analysis is not recorded)."""
    name = analysis_name(finding)
    return f"In the {name} analysis, " if name else ""


def ratio_sentence(finding: Finding) -> str:
    """One ratio (hazard, odds or risk ratio) with its interval, in neutral words.

    "lowered ... by 42%" only when the interval excludes 1 and the ratio is below 1 (the
    percentage is the declared ``1 - ratio`` transform, printed beside the ratio).
    """
    if not finding.kind.is_ratio or finding.value is None:
        raise InputError("is not a ratio with a value", item=finding.id)
    treatment, control = _comparison(finding)
    words = endpoint_words(finding.endpoint).risk
    numbers = f"{_RATIO_NAMES[finding.kind]} {finding.value_verbatim}"
    if finding.ci_low_verbatim is not None and finding.ci_high_verbatim is not None:
        numbers = f"{numbers}; {ci_text(finding)}"
    if finding.p_verbatim is not None:
        side = "one-sided " if finding.sidedness == 1 else ""
        numbers = f"{numbers}; {side}p {finding.p_comparator or '='} {finding.p_verbatim}"
    opening = analysis_opening(finding)
    lead = f"{opening}compared with {control}" if opening else f"Compared with {control}"
    if finding.excludes_null is None:
        return f"{lead}, the {_RATIO_NAMES[finding.kind]} for {words} was {numbers}."
    if finding.excludes_null and finding.value < _ONE:
        if finding.kind is FindingKind.ODDS_RATIO:
            return f"{lead}, {words} was less likely with {treatment} ({numbers})."
        verb = "lowered" if finding.kind is FindingKind.HAZARD_RATIO else "reduced"
        return f"{lead}, {treatment} {verb} {words} by {reduction_text(finding)} ({numbers})."
    if finding.excludes_null:
        return f"{lead}, {words} was higher with {treatment} ({numbers})."
    return (
        f"{lead}, {treatment} made no clear difference to {words} ({numbers}); the range of "
        "likely results includes no difference at all."
    )


def median_sentence(treatment: Finding, control: Finding | None = None) -> str:
    """Half of the people on one arm reached the endpoint's time, beside the comparator's."""
    _require(treatment, FindingKind.MEDIAN)
    words = endpoint_words(treatment.endpoint).median
    unit = f" {treatment.unit}" if treatment.unit else ""
    if treatment.not_reached:
        text = (
            f"More than half of the people on {treatment.arm} {words} for as long as they "
            "were followed (the median was not reached)"
        )
    else:
        value = f"{value_text(treatment)}{unit}"
        text = f"Half of the people on {treatment.arm} {words} for {value} or more"
    if control is not None:
        _require(control, FindingKind.MEDIAN)
        if control.not_reached:
            text = f"{text}, while on {control.arm} the median was not reached"
        else:
            other_unit = f" {control.unit}" if control.unit else ""
            text = f"{text}, compared with {value_text(control)}{other_unit} on {control.arm}"
    return f"{text}."


def rate_sentence(treatment: Finding, control: Finding | None = None) -> str:
    """``44.1% of people on Isa-Kd had ..., compared with 28.5% of people on Kd.``"""
    _require(treatment, FindingKind.RATE)
    words = endpoint_words(treatment.endpoint).rate
    text = f"{_rate_of(treatment)} of people on {treatment.arm} {words}"
    if control is not None:
        _require(control, FindingKind.RATE)
        text = f"{text}, compared with {_rate_of(control)} of people on {control.arm}"
    return f"{_capital(text)}."


def count_sentence(arms: Sequence[Finding], study: str | None = None) -> str:
    """``In one study (IKEMA), 302 people took part: 179 on Isa-Kd and 123 on Kd.``

    The total is the declared sum of the arms' counts.
    """
    for finding in arms:
        _require(finding, FindingKind.COUNT)
    if not arms:
        raise InputError("a count sentence needs at least one arm's count")
    name = f" ({study})" if study else ""
    verb = "received treatment" if _is_safety(arms[0]) else "took part"
    if len(arms) == 1:
        only = arms[0]
        return f"In one study{name}, {only.value_verbatim} people on {only.arm} {verb}."
    values = [f.value for f in arms]
    if any(v is None for v in values):
        raise InputError("a count without a value cannot be summed", item=arms[0].id)
    total = sum((v for v in values if v is not None), Decimal(0))
    parts = [f"{f.value_verbatim} on {f.arm}" for f in arms]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
    return f"In one study{name}, {_plain_decimal(total)} people {verb}: {listed}."


def sentence(finding: Finding) -> str:
    """A sentence for one finding on its own, whatever its kind."""
    if finding.kind.is_ratio:
        return ratio_sentence(finding)
    if finding.kind is FindingKind.MEDIAN:
        return median_sentence(finding)
    if finding.kind is FindingKind.RATE:
        return rate_sentence(finding)
    if finding.kind is FindingKind.COUNT:
        return count_sentence([finding], finding.study)
    unit = f" {finding.unit}" if finding.unit else ""
    arm = f" on {finding.arm}" if finding.arm else ""
    return f"The {finding.kind.value} for {finding.endpoint}{arm} was {value_text(finding)}{unit}."


def summary_paragraphs(findings: Sequence[Finding]) -> list[list[str]]:
    """A short plain-language summary of one source's findings: 2-3 paragraphs of sentences.

    1. who took part (intention-to-treat counts per arm);
    2. the ratio of each time-to-event endpoint, then its medians (absolute numbers beside the
       relative one);
    3. the rates of responses, arm against comparator.

    Findings are taken in their stored order; odds ratios of rates are left to the rates.
    """
    counts = _arm_counts(findings)
    paragraphs: list[list[str]] = []
    first: list[str] = []
    if counts:
        first.append(count_sentence(counts, counts[0].study))
    for hazard in (f for f in findings if f.kind is FindingKind.HAZARD_RATIO):
        first.append(ratio_sentence(hazard))
        medians = [
            f for f in findings if f.kind is FindingKind.MEDIAN and f.endpoint == hazard.endpoint
        ]
        first.extend(_pairs(medians, median_sentence))
    if first:
        paragraphs.append(first)
    hazard_endpoints = {f.endpoint for f in findings if f.kind is FindingKind.HAZARD_RATIO}
    other_medians = [
        f for f in findings if f.kind is FindingKind.MEDIAN and f.endpoint not in hazard_endpoints
    ]
    rates = [f for f in findings if f.kind is FindingKind.RATE]
    second = _pairs(other_medians, median_sentence) + _pairs(rates, rate_sentence)
    if second:
        paragraphs.append(second)
    return paragraphs


def _arm_counts(findings: Sequence[Finding]) -> list[Finding]:
    """Per-arm counts of one analysis set (intention-to-treat first), never a total beside them."""
    groups: dict[tuple[str | None, str], list[Finding]] = {}
    for f in findings:
        if f.kind is FindingKind.COUNT and f.arm and not _is_safety(f):
            groups.setdefault((f.population, f.endpoint), []).append(f)
    if not groups:
        return []
    preferred = sorted(groups, key=lambda key: "intention" not in (key[0] or ""))
    return groups[preferred[0]]


def _pairs(
    findings: Sequence[Finding], build: Callable[[Finding, Finding | None], str]
) -> list[str]:
    """Group by endpoint (first-seen order): first arm against the next, one sentence each."""
    by_endpoint: dict[str, list[Finding]] = {}
    for finding in findings:
        by_endpoint.setdefault(finding.endpoint, []).append(finding)
    sentences = []
    for group in by_endpoint.values():
        first, *rest = group
        sentences.append(build(first, rest[0] if rest else None))
    return sentences


def _rate_of(finding: Finding) -> str:
    text = value_text(finding)
    if finding.numerator is not None and finding.denominator is not None:
        text = f"{text} ({finding.numerator} of {finding.denominator})"
    return text


def _comparison(finding: Finding) -> tuple[str, str]:
    if not finding.comparison or " vs " not in finding.comparison:
        raise InputError(
            "a ratio needs its comparison ('Isa-Kd vs Kd') to be put in words", item=finding.id
        )
    treatment, control = finding.comparison.split(" vs ", 1)
    return treatment.strip(), control.strip()


def _is_safety(finding: Finding) -> bool:
    return (finding.population or "").startswith("safety")


def _require(finding: Finding, kind: FindingKind) -> None:
    if finding.kind is not kind:
        raise InputError(f"is a {finding.kind.value}, not a {kind.value}", item=finding.id)
    if kind is not FindingKind.COUNT and not finding.arm:
        raise InputError("names no arm, so the sentence cannot say whose it is", item=finding.id)


def _plain_decimal(value: Decimal | None) -> str:
    """``42`` for ``42.00``, ``95.4`` stays ``95.4`` (no exponent)."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
