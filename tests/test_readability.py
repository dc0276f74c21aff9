"""Readability grades of generated text."""

from __future__ import annotations

from pathlib import Path

from evidence.readability import GRADE_TARGET, paragraph_grades, readability

REPO = Path(__file__).resolve().parents[1]


def test_simple_text_scores_low_and_jargon_scores_high() -> None:
    simple = readability("Half of the people lived longer. The drug helped them [1].")
    dense = readability(
        "Pharmacokinetic characterisation demonstrated substantially prolonged "
        "progression-free survival among immunomodulatory-refractory participants."
    )
    assert simple.ok and simple.flesch_kincaid < GRADE_TARGET
    assert not dense.ok and dense.smog > simple.smog


def test_generated_demo_paragraphs_meet_the_grade_8_target() -> None:
    rendered = (REPO / "tests" / "golden" / "render" / "ikema-demo.md").read_text(encoding="utf-8")
    research = rendered.split("## Published research related to this trial", 1)[1]
    generated = research.split("\n*", 1)[0]  # the summaries, before the byline
    grades = paragraph_grades(generated)
    assert len(grades) == 2
    assert all(g.ok for _start, g in grades), grades


def test_headings_and_reference_lists_are_not_graded() -> None:
    text = "## A heading that is long enough to count as words here\n\n1. Moreau P, et al. Lancet."
    assert paragraph_grades(text) == []
