"""Plain-language sentences per finding kind: wording rules and traceable numbers."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from evidence.errors import InputError
from evidence.findings import Finding
from evidence.findings_yaml import load_findings
from evidence.numbercheck import CitedText, Verdict, check_numbers
from evidence.plain import (
    ci_text,
    count_sentence,
    median_sentence,
    rate_sentence,
    ratio_sentence,
    reduction_text,
    sentence,
    summary_paragraphs,
    value_text,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "pmid:37156782"


def _findings() -> dict[str, Finding]:
    found, errors = load_findings(ROOT / "references" / "findings" / "ikema.yaml")
    assert not errors
    return {f.id: f for f in found}


F = _findings()
HR = F["ikema-2023-pfs-hr"]
NULL_HR = dataclasses.replace(
    HR,
    value=Decimal("0.91"),
    value_verbatim="0.91",
    ci_high=Decimal("1.12"),
    ci_high_verbatim="1.12",
    analysis="interim",
)
HIGH_HR = dataclasses.replace(
    HR,
    value=Decimal("1.35"),
    value_verbatim="1.35",
    ci_low=Decimal("1.05"),
    ci_low_verbatim="1.05",
    ci_high=Decimal("1.74"),
    ci_high_verbatim="1.74",
    analysis=None,
)
NOT_REACHED = dataclasses.replace(
    F["ikema-2023-pfs-median-isakd"], value=None, value_verbatim="not reached", not_reached=True
)

CASES = [
    (
        "hazard ratio, CI excludes 1",
        lambda: ratio_sentence(HR),
        "In the updated analysis, compared with Kd, Isa-Kd lowered the risk of the disease "
        "getting worse or of death by 42% (hazard ratio 0.58; 95.4% confidence interval 0.42 "
        "to 0.79).",
    ),
    (
        "hazard ratio, CI includes 1: no 'lowered', interim named",
        lambda: ratio_sentence(NULL_HR),
        "In the interim analysis, compared with Kd, Isa-Kd made no clear difference to the risk "
        "of the disease getting worse or of death (hazard ratio 0.91; 95.4% confidence interval "
        "0.42 to 1.12); the range of likely results includes no difference at all.",
    ),
    (
        "hazard ratio above 1, CI excludes 1",
        lambda: ratio_sentence(HIGH_HR),
        "Compared with Kd, the risk of the disease getting worse or of death was higher with "
        "Isa-Kd (hazard ratio 1.35; 95.4% confidence interval 1.05 to 1.74).",
    ),
    (
        "odds ratio",
        lambda: sentence(F["ikema-2023-cr-or"]),
        "In the updated analysis, compared with Kd, the chance of a complete response was higher "
        "with Isa-Kd (odds ratio 2.09; 95% confidence interval 1.26 to 3.48).",
    ),
    (
        "median pair",
        lambda: median_sentence(F["ikema-2023-pfs-median-isakd"], F["ikema-2023-pfs-median-kd"]),
        "Half of the people on Isa-Kd lived without their disease getting worse for 35.7 months "
        "or more, compared with 19.2 months on Kd.",
    ),
    (
        "median not reached",
        lambda: median_sentence(NOT_REACHED, F["ikema-2023-pfs-median-kd"]),
        "More than half of the people on Isa-Kd lived without their disease getting worse for "
        "as long as they were followed (the median was not reached), compared with 19.2 months "
        "on Kd.",
    ),
    (
        "rate pair",
        lambda: rate_sentence(F["ikema-2023-cr-rate-isakd"], F["ikema-2023-cr-rate-kd"]),
        "44.1% of people on Isa-Kd had no sign of their cancer on standard tests (a complete "
        "response), compared with 28.5% of people on Kd.",
    ),
    (
        "counts, total as the declared sum",
        lambda: count_sentence([F["ikema-2023-itt-n-isakd"], F["ikema-2023-itt-n-kd"]], "IKEMA"),
        "In one study (IKEMA), 302 people took part: 179 on Isa-Kd and 123 on Kd.",
    ),
    (
        "safety counts",
        lambda: count_sentence([F["ikema-2023-safety-n-isakd"], F["ikema-2023-safety-n-kd"]]),
        "In one study, 299 people received treatment: 177 on Isa-Kd and 122 on Kd.",
    ),
]


@pytest.mark.parametrize(("name", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sentences(name: str, build: object, expected: str) -> None:
    assert callable(build)
    assert build() == expected


@pytest.mark.parametrize(
    "text",
    [c[2] for c in CASES if "CI includes" not in c[0] and "above 1" not in c[0]],
)
def test_sentences_of_shipped_findings_pass_the_number_check(text: str) -> None:
    findings = [*F.values(), NOT_REACHED]
    (result,) = check_numbers([CitedText(text, (SOURCE,))], {SOURCE: findings})
    assert result.ok, [(n.number.verbatim, n.note) for n in result.numbers]


def test_only_declared_derivations_appear() -> None:
    (result,) = check_numbers([CitedText(ratio_sentence(HR), (SOURCE,))], {SOURCE: [HR]})
    derived = [n for n in result.numbers if n.verdict is Verdict.DERIVED]
    assert [(n.number.verbatim, n.transform) for n in derived] == [
        ("42", "(1 - 0.58) x 100 = 42.00%")
    ]


def test_significance_words_only_when_the_interval_excludes_1() -> None:
    for finding in (NULL_HR, HIGH_HR):
        text = ratio_sentence(finding)
        assert "lowered" not in text and "reduced" not in text
    assert "significantly" not in " ".join(c[2] for c in CASES)


def test_verbatim_values_are_kept() -> None:
    kd = F["ikema-2023-pfs-median-kd"]
    assert kd.ci_high_verbatim == "25.0"
    assert ci_text(kd) == "95% confidence interval 15.8 to 25.0"
    assert value_text(F["ikema-2023-cr-rate-kd"]) == "28.5%"
    assert value_text(NOT_REACHED) == "not reached"
    assert reduction_text(HR) == "42%"


def test_refusals() -> None:
    with pytest.raises(InputError, match="for a hazard or risk ratio below 1"):
        reduction_text(HIGH_HR)
    with pytest.raises(InputError, match="not a median"):
        median_sentence(HR)
    with pytest.raises(InputError, match="comparison"):
        ratio_sentence(dataclasses.replace(HR, comparison=None))


def test_summary_of_the_updated_analysis() -> None:
    paragraphs = summary_paragraphs(list(F.values()))
    assert len(paragraphs) == 2
    assert paragraphs[0][0].startswith("In one study (IKEMA), 302 people")
    assert "In the updated analysis" in paragraphs[0][1]
    stretches = [CitedText(s, (SOURCE,)) for p in paragraphs for s in p]
    assert all(r.ok for r in check_numbers(stretches, {SOURCE: list(F.values())}))


def test_review_wording_fixes() -> None:
    odds = F["ikema-2023-mrd-or"]
    low_odds = dataclasses.replace(
        odds,
        value=Decimal("0.50"),
        value_verbatim="0.50",
        ci_low=Decimal("0.30"),
        ci_low_verbatim="0.30",
        ci_high=Decimal("0.80"),
        ci_high_verbatim="0.80",
    )
    sentence = ratio_sentence(low_odds)
    assert "less likely" in sentence and "%" not in sentence.split("(")[0]
    with pytest.raises(InputError, match="hazard or risk ratio"):
        reduction_text(low_odds)
    no_ci = dataclasses.replace(
        HR, ci_low=None, ci_high=None, ci_low_verbatim=None, ci_high_verbatim=None
    )
    assert "includes no difference" not in ratio_sentence(no_ci)
    assert "lowered" not in ratio_sentence(no_ci)
    control = dataclasses.replace(F["ikema-2023-pfs-median-kd"], not_reached=True, value=None)
    text = median_sentence(F["ikema-2023-pfs-median-isakd"], control)
    assert "not reached months" not in text and "the median was not reached" in text
