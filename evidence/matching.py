"""Fuzzy comparison of what a pasted reference says with a fetched record (rapidfuzz).

The only rapidfuzz importer. rapidfuzz 3 does no preprocessing unless ``processor=`` is
given, so every comparison goes through :func:`normalise` (case, accents, punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from evidence.identifiers import CitationParts
from evidence.models import Article

TITLE_MIN = 90.0
"""Title similarity (0-100, token sort ratio) below which a match needs review."""
AUTHOR_MIN = 85.0
JOURNAL_MIN = 85.0
_NON_WORD = re.compile(r"[^\w\s]+")


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation dropped, spaces collapsed."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded.casefold()).split())


def similarity(a: str, b: str) -> float:
    """Token-sort similarity of two texts after :func:`normalise`, 0-100."""
    return float(fuzz.token_sort_ratio(a, b, processor=normalise))


def title_in(text: str, title: str) -> float:
    """How well ``title`` appears somewhere in ``text`` (a reference entry), 0-100."""
    if not title.strip():
        return 0.0
    return float(fuzz.partial_ratio(title, text, processor=normalise))


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a reference compares with a record: every mismatch in words, and a 0-100 score."""

    mismatches: tuple[str, ...]
    score: float

    @property
    def ok(self) -> bool:
        """True when nothing disagrees."""
        return not self.mismatches


def verify(parts: CitationParts, article: Article) -> Verdict:
    """Compare first author, year, journal, volume, first page and title, where given."""
    checks: list[tuple[float, str | None]] = [
        _author(parts, article),
        _year(parts, article),
        _journal(parts, article),
        _exact("volume", parts.volume, article.volume),
        _page(parts, article),
        _title(parts, article),
    ]
    scored = [(score, problem) for score, problem in checks if score >= 0]
    mismatches = tuple(problem for _score, problem in scored if problem)
    score = sum(s for s, _p in scored) / len(scored) if scored else 0.0
    return Verdict(mismatches=mismatches, score=round(score, 1))


def rank(parts: CitationParts, articles: Iterable[Article]) -> list[tuple[Article, Verdict]]:
    """Candidates best first."""
    ranked = [(article, verify(parts, article)) for article in articles]
    ranked.sort(key=lambda pair: (-pair[1].score, pair[0].pmid or ""))
    return ranked


_SKIP = (-1.0, None)


def _author(parts: CitationParts, article: Article) -> tuple[float, str | None]:
    if not parts.first_author:
        return _SKIP
    if not article.authors:
        return 0.0, f"first author {parts.first_author!r} but the record lists no authors"
    first = article.authors[0]
    name = first.family or first.collective or ""
    score = float(fuzz.ratio(parts.first_author, name, processor=normalise))
    if score >= AUTHOR_MIN:
        return score, None
    return score, f"first author {parts.first_author!r} but the record has {name!r}"


def _year(parts: CitationParts, article: Article) -> tuple[float, str | None]:
    if parts.year is None:
        return _SKIP
    years = {article.pub_date.year}
    if article.electronic_date is not None:
        years.add(article.electronic_date.year)
    if parts.year in years:
        return 100.0, None
    return 0.0, f"year {parts.year} but the record's issue year is {article.pub_date.year}"


def _journal(parts: CitationParts, article: Article) -> tuple[float, str | None]:
    if not parts.journal:
        return _SKIP
    names = [n for n in (article.journal_iso, article.journal_title) if n]
    if not names:
        return _SKIP
    score = max(float(fuzz.ratio(parts.journal, n, processor=normalise)) for n in names)
    if score >= JOURNAL_MIN:
        return score, None
    return score, f"journal {parts.journal!r} but the record is in {names[0]!r}"


def _exact(label: str, given: str | None, actual: str | None) -> tuple[float, str | None]:
    if not given:
        return _SKIP
    if actual and normalise(given) == normalise(actual):
        return 100.0, None
    return 0.0, f"{label} {given} but the record has {actual or 'none'}"


def _page(parts: CitationParts, article: Article) -> tuple[float, str | None]:
    if not parts.first_page:
        return _SKIP
    pages = {normalise(p) for p in (article.first_page, article.elocation) if p}
    if normalise(parts.first_page) in pages:
        return 100.0, None
    actual = article.first_page or article.elocation or "none"
    return 0.0, f"first page {parts.first_page} but the record has {actual}"


def _title(parts: CitationParts, article: Article) -> tuple[float, str | None]:
    if not parts.title or not article.plain_title:
        return _SKIP
    score = similarity(parts.title, article.plain_title)
    if score >= TITLE_MIN:
        return score, None
    return score, f"title is only {score:.0f}% similar to the record's"
