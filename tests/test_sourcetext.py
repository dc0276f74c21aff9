"""Canonical source texts, locating a verbatim number, and checking anchors."""

from __future__ import annotations

import dataclasses

import pytest

from evidence.errors import InputError
from evidence.findings import Anchor, Finding, FindingKind, Span
from evidence.models import AbstractSection, Article
from evidence.sourcetext import anchor_problem, article_text, locate, sentence_around, snapshot_text

ABSTRACT = Article(
    pmid="1",
    title="A <i>trial</i>",
    abstract=(
        AbstractSection("We randomised 302 patients.", "METHODS", "METHODS"),
        AbstractSection("HR 0·53 (99% CI 0·32–0·89). Median PFS was 35.7 months.", "FINDINGS"),
    ),
)


def test_article_text_has_labelled_sections() -> None:
    source = article_text("pmid:1", ABSTRACT)
    assert source.text == (
        "A trial\n\nMETHODS: We randomised 302 patients.\n\n"
        "FINDINGS: HR 0·53 (99% CI 0·32–0·89). Median PFS was 35.7 months."
    )
    assert source.section_at(source.text.index("302")) == "METHODS"
    assert source.section_at(source.text.index("0·53")) == "FINDINGS"
    assert source.section_at(0) == "TITLE"


def test_locate_gives_offsets_section_and_sentence() -> None:
    source = article_text("pmid:1", ABSTRACT)
    span = locate(source, "35.7 months")
    assert source.text[span.start : span.end] == "35.7 months"
    assert span.section == "FINDINGS"
    assert span.sentence == "Median PFS was 35.7 months."
    assert locate(source, "0·53").sentence == "FINDINGS: HR 0·53 (99% CI 0·32–0·89)."


@pytest.mark.parametrize(
    ("needle", "message"),
    [
        pytest.param("0.53", "does not occur", id="absent"),
        pytest.param("3", "more than once", id="twice"),
    ],
)
def test_locate_refuses_missing_or_ambiguous_text(needle: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        locate(article_text("pmid:1", ABSTRACT), needle)


def test_sentence_ends_are_not_decimal_points() -> None:
    text = "First one. The HR was 0.58 and p=0.01. Last."
    assert sentence_around(text, text.index("0.58"), text.index("0.58") + 4) == (
        "The HR was 0.58 and p=0.01."
    )


def test_anchor_problems() -> None:
    source = snapshot_text("pmid:1", "Median PFS 19.2 months.\r\n")
    span = locate(source, "19.2")
    finding = Finding(
        id="f",
        kind=FindingKind.MEDIAN,
        anchor=Anchor("pmid:1", source.sha256, span),
        verbatim="19.2",
        value=None,
        value_verbatim="19.2",
        endpoint="PFS",
    )
    assert anchor_problem(finding, source) is None
    assert "not in the store" in (anchor_problem(finding, None) or "")
    changed = snapshot_text("pmid:1", "Median PFS 19.3 months.")
    assert "changed since" in (anchor_problem(finding, changed) or "")
    moved = dataclasses.replace(
        finding, anchor=Anchor("pmid:1", source.sha256, Span(start=0, end=4))
    )
    assert "not '19.2'" in (anchor_problem(moved, source) or "")
