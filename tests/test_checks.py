"""The reviewer's check end to end on the shipped references/ and a summary written from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.checks import check_summary, report_json, report_lines
from evidence.imports import import_references
from evidence.numbercheck import Verdict
from evidence.store import Store

REPO = Path(__file__).resolve().parents[1]
SUMMARY = (REPO / "tests" / "fixtures" / "ikema-summary.md").read_text(encoding="utf-8")


@pytest.fixture
def loaded(store: Store) -> Store:
    assert not import_references(REPO / "references", store).failures
    return store


def test_the_ikema_summary_is_checked(loaded: Store) -> None:
    report = check_summary(SUMMARY, loaded)
    first, second = report.citations
    assert (first.key, first.ok) == ("pmid:37156782", True)
    assert second.key == "pmid:34097854"
    assert second.mismatches == ("year 2022 but the record's issue year is 2021",)
    verdicts = [(n.number.verbatim, n.verdict) for s in report.stretches for n in s.numbers]
    assert verdicts == [
        ("302", Verdict.DERIVED),
        ("35.7", Verdict.SUPPORTED),
        ("19.2", Verdict.SUPPORTED),
        ("42", Verdict.DERIVED),
        ("0.58", Verdict.SUPPORTED),
        ("95.4", Verdict.SUPPORTED),
        ("0.42", Verdict.SUPPORTED),
        ("0.79", Verdict.SUPPORTED),
        ("19.2", Verdict.UNSUPPORTED),
    ]
    assert report.unsupported == 1 and not report.ok
    lines = report_lines(report)
    assert (
        "      19.2: unsupported  appears in [1] (pmid:37156782), which this sentence does not cite"
        in lines
    )
    data = report_json(report)
    assert data["ok"] is False and data["citations"][1]["ok"] is False


def test_a_correct_summary_passes(loaded: Store) -> None:
    body = SUMMARY.split("\n\n")[0]
    refs = SUMMARY.split("## References")[1].splitlines()[1]
    report = check_summary(f"{body}\n\n## References\n{refs}\n", loaded)
    assert report.ok, report_lines(report)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("35.7 months", "35.9 months", id="value-changed"),
        pytest.param("42% lower", "47% lower", id="interim-figure-in-update-sentence"),
        pytest.param("[1] The risk", " The risk", id="marker-dropped-keeps-paragraph-rule"),
        pytest.param(
            "doi:10.1038/s41408-023-00797-8",
            "doi:10.1038/s41408-023-99999-9",
            id="unresolvable-reference",
        ),
    ],
)
def test_perturbations_fail_the_check(loaded: Store, old: str, new: str) -> None:
    body = SUMMARY.split("\n\n")[0]
    refs = SUMMARY.split("## References")[1].splitlines()[1]
    document = f"{body}\n\n## References\n{refs}\n".replace(old, new)
    report = check_summary(document, loaded)
    if old.startswith("[1] The risk"):
        assert report.ok  # the paragraph's closing marker still cites the sentence
        return
    assert not report.ok


def test_numbers_in_headings_and_a_wrong_doi_are_reported(loaded: Store) -> None:
    body = SUMMARY.split("\n\n")[0]
    refs = (
        SUMMARY.split("## References")[1]
        .splitlines()[1]
        .replace("s41408-023-00797-8", "s41408-023-00797-9")
        + " PMID: 37156782"
    )
    report = check_summary(
        f"# Results after 35.7 months\n\n{body}\n\n## References\n{refs}\n", loaded
    )
    heading = [s for s in report.stretches if s.stretch.text == "Results after 35.7 months"]
    assert heading and not heading[0].ok
    assert any("DOI 10.1038/s41408-023-00797-9" in m for m in report.citations[0].mismatches)
