"""Tracing the numbers of a summary to the findings of the sources it cites."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from evidence.findings_yaml import load_findings
from evidence.numbercheck import CitedText, Verdict, check_numbers

REPO = Path(__file__).resolve().parents[1]
IKEMA_UPDATE = "pmid:37156782"
IKEMA_INTERIM = "pmid:34097854"
FINDINGS, _ = load_findings(REPO / "references" / "findings" / "ikema.yaml")
BY_SOURCE = {IKEMA_UPDATE: FINDINGS, IKEMA_INTERIM: []}
BY_ID = {f.id: f for f in FINDINGS}

SUMMARY = [
    "In a study of 302 people, half of those on Isa-Kd lived without their disease getting "
    "worse for 35.7 months, compared with 19.2 months on Kd.",
    "The risk of the disease getting worse or of death was 42% lower "
    "(hazard ratio 0.58, 95.4% CI 0.42 to 0.79).",
    "Complete responses: 44.1% vs 28.5%; no detectable disease (MRD): 33.5% vs 15.4%, "
    "a difference of 18.1 percentage points.",
]


def _verdicts(text: str, cited: tuple[str, ...] = (IKEMA_UPDATE,)) -> dict[str, str]:
    [checked] = check_numbers([CitedText(text, cited)], BY_SOURCE)
    return {c.number.verbatim: c.verdict.value for c in checked.numbers}


@pytest.mark.parametrize("text", SUMMARY, ids=["medians", "hazard-ratio", "rates"])
def test_the_unperturbed_summary_passes(text: str) -> None:
    [checked] = check_numbers([CitedText(text, (IKEMA_UPDATE,))], BY_SOURCE)
    assert checked.ok, [(c.number.verbatim, c.verdict) for c in checked.numbers]


def test_every_verdict_and_its_evidence() -> None:
    assert _verdicts(SUMMARY[0]) == {
        "302": "derived",
        "35.7": "supported",
        "19.2": "supported",
    }
    [checked] = check_numbers([CitedText(SUMMARY[1], (IKEMA_UPDATE,))], BY_SOURCE)
    by_text = {c.number.verbatim: c for c in checked.numbers}
    assert by_text["42"].verdict is Verdict.DERIVED
    assert by_text["42"].transform == "(1 - 0.58) x 100 = 42.00%"
    assert by_text["95.4"].finding == "ikema-2023-pfs-hr"
    assert {by_text[v].verdict for v in ("0.58", "0.42", "0.79")} == {Verdict.SUPPORTED}
    assert _verdicts(SUMMARY[2])["18.1"] == "derived"


def test_rounding_drops_at_most_one_printed_decimal() -> None:
    median = dataclasses.replace(
        BY_ID["ikema-2023-pfs-median-isakd"], value=Decimal("35.65"), value_verbatim="35.65"
    )
    source = {"pmid:9": [median]}
    [checked] = check_numbers(
        [CitedText("a median of 35.7 months, or about 36 months", ("pmid:9",))], source
    )
    verdicts = [(c.number.verbatim, c.verdict) for c in checked.numbers]
    assert verdicts == [("35.7", Verdict.ROUNDED), ("36", Verdict.UNSUPPORTED)]


@pytest.mark.parametrize(
    ("perturbed", "number"),
    [
        pytest.param(SUMMARY[0].replace("35.7", "35.8"), "35.8", id="one-rounding-unit"),
        pytest.param(SUMMARY[0].replace("19.2", "21.2"), "21.2", id="more-than-rounding"),
        pytest.param(SUMMARY[1].replace("42%", "47%"), "47", id="wrong-derivation"),
        pytest.param(SUMMARY[2].replace("28.5%", "28.4%"), "28.4", id="rate-changed"),
        pytest.param(SUMMARY[0].replace("35.7 months", "35.7 weeks"), "35.7", id="unit-changed"),
    ],
)
def test_perturbations_are_caught(perturbed: str, number: str) -> None:
    assert _verdicts(perturbed)[number] == "unsupported"


def test_right_trial_wrong_publication_names_where_the_number_is() -> None:
    [checked] = check_numbers([CitedText(SUMMARY[0], (IKEMA_INTERIM,))], BY_SOURCE)
    by_text = {c.number.verbatim: c for c in checked.numbers}
    assert by_text["35.7"].verdict is Verdict.UNSUPPORTED
    assert by_text["35.7"].note == ("appears in pmid:37156782, which this sentence does not cite")
    assert by_text["35.7"].searched == (IKEMA_INTERIM,)
    assert not checked.ok


def test_markers_identifiers_and_not_reached() -> None:
    text = "Median PFS was not reached [1] (NCT03275285; PMID 37156782)."
    [checked] = check_numbers([CitedText(text, (IKEMA_UPDATE,))], BY_SOURCE)
    assert [(c.number.verbatim, c.verdict) for c in checked.numbers] == [
        ("not reached", Verdict.UNSUPPORTED)
    ]


def test_swapped_arms_are_caught() -> None:
    swapped = (
        "Half of those on Kd lived without their disease getting worse for 35.7 months, "
        "compared with 19.2 months on Isa-Kd."
    )
    [checked] = check_numbers([CitedText(swapped, (IKEMA_UPDATE,))], BY_SOURCE)
    by_text = {c.number.verbatim: c for c in checked.numbers}
    assert by_text["35.7"].verdict is Verdict.UNSUPPORTED
    assert by_text["35.7"].note == (
        "35.7 is the Isa-Kd value (ikema-2023-pfs-median-isakd), not Kd's"
    )
    assert by_text["19.2"].verdict is Verdict.UNSUPPORTED
    right = (
        swapped.replace("on Kd", "on X").replace("on Isa-Kd", "on Kd").replace("on X", "on Isa-Kd")
    )
    [checked] = check_numbers([CitedText(right, (IKEMA_UPDATE,))], BY_SOURCE)
    assert checked.ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        pytest.param("hazard ratio 0.58 (95.4% CI 0.42 to 0.79)", True, id="right-level"),
        pytest.param("hazard ratio 0.58 (95% CI 0.42 to 0.79)", False, id="level-changed"),
        pytest.param("hazard ratio 0.58 (95.4% CI 0.42 to 0.80)", False, id="limit-changed"),
    ],
)
def test_ci_level_and_limits_are_judged_together(text: str, ok: bool) -> None:
    [checked] = check_numbers([CitedText(text, (IKEMA_UPDATE,))], BY_SOURCE)
    assert checked.ok is ok
    if text.endswith("(95% CI 0.42 to 0.79)"):
        level = next(c for c in checked.numbers if c.number.verbatim == "95")
        assert level.note == "the CI of ikema-2023-pfs-hr is a 95.4% CI, not 95%"


def test_an_arm_in_the_previous_sentence_is_not_this_numbers_arm() -> None:
    text = (
        "44.1% of people on Isa-Kd vs 28.5% of people on Kd. "
        "26.3% of people on Isa-Kd vs 12.2% of people on Kd."
    )
    [checked] = check_numbers([CitedText(text, (IKEMA_UPDATE,))], BY_SOURCE)
    assert checked.ok, [(c.number.verbatim, c.note) for c in checked.numbers]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        pytest.param("Half on Isa-Kd lived 44.1 months.", "44.1", id="rate-read-as-median"),
        pytest.param("In all, 95 people took part.", "95", id="ci-level-read-as-count"),
        pytest.param("About 16 people stopped.", "16", id="rate-gap-read-as-count"),
    ],
)
def test_a_percentage_never_supports_a_plain_number(text: str, number: str) -> None:
    assert _verdicts(text)[number] == "unsupported"


def test_no_reduction_from_a_ratio_whose_interval_includes_one() -> None:
    wide = dataclasses.replace(
        BY_ID["ikema-2023-pfs-hr"],
        value=Decimal("0.85"),
        value_verbatim="0.85",
        ci_high=Decimal("1.16"),
        ci_high_verbatim="1.16",
    )
    [checked] = check_numbers(
        [CitedText("The risk was 15% lower (hazard ratio 0.85).", ("pmid:9",))], {"pmid:9": [wide]}
    )
    assert {c.number.verbatim: c.verdict for c in checked.numbers}["15"] is Verdict.UNSUPPORTED
