"""Readability of generated text: Flesch-Kincaid grade and SMOG (the only textstat importer).

The default templates aim at grade 8 or lower (DOMAIN.md §8.1); the formulas are a gate, not
the only signal, and SMOG was built for 30-sentence samples, so short paragraphs score
roughly. Citation markers are removed before scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

GRADE_TARGET = 8.0
_MARKERS = re.compile(r"\[\d+(?:[,\u2013-]\s*\d+)*\]")


@dataclass(frozen=True, slots=True)
class Readability:
    """Grades of one paragraph."""

    flesch_kincaid: float
    smog: float

    @property
    def ok(self) -> bool:
        """True when the Flesch-Kincaid grade is at or below the target."""
        return self.flesch_kincaid <= GRADE_TARGET


def readability(text: str) -> Readability:
    """Flesch-Kincaid grade and SMOG index of ``text`` (markers removed), one decimal."""
    plain = _MARKERS.sub("", text)
    return Readability(
        flesch_kincaid=round(float(textstat.flesch_kincaid_grade(plain)), 1),
        smog=round(float(textstat.smog_index(plain)), 1),
    )


def paragraph_grades(text: str, *, min_words: int = 12) -> list[tuple[str, Readability]]:
    """``(first words, grades)`` for each prose paragraph of a rendered Markdown or text page.

    Headings, list items (the reference list) and short lines are skipped.
    """
    grades = []
    for block in re.split(r"\n\s*\n", text):
        paragraph = " ".join(block.split())
        if not paragraph or paragraph.startswith(("#", "<", "- ")) or _LIST_ITEM.match(paragraph):
            continue
        if len(paragraph.split()) < min_words:
            continue
        grades.append((" ".join(paragraph.split()[:8]), readability(paragraph)))
    return grades


_LIST_ITEM = re.compile(r"^\d+\.\s")
