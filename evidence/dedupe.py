"""Is this reference already known? And merging two descriptions of the same work (pure).

Identifiers decide first: the same PMID, DOI (any case), PMCID or NCT number is the same work.
Two different values of the same identifier are two works, whatever their titles say. Without a
shared identifier, a work is the same when its first author's family name and year agree and
its title is at least :data:`TITLE_SAME` similar (rapidfuzz token sort, via ``matching``), or
when it has the same address (``url:`` key) or ``ref:`` key and a title that similar; for a
short, generic title ("Correction") two different journal names make two works.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from evidence.keys import article_ids
from evidence.matching import normalise, similarity
from evidence.models import Article
from evidence.records import dumps

TITLE_SAME = 92.0
"""Title similarity (0-100) from which two references with the same first author and year are
the same work. Among the 397 PubMed fixture records, 103 pairs of different articles share first
author and year; the most similar titles of such a pair score 81.5 (tests/test_dedupe.py)."""

_IDS = ("pmid", "doi", "pmcid", "alt_key")
_SUFFIX = re.compile(r"#\d+$")
_PLACE = re.compile(r"\s*\([^()]*\)\s*$")  # "Lancet (London, England)"
_GENERIC_WORDS = 5  # the "#2" of a second work that wanted the same url:/ref: key


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The stored (or earlier) record a reference duplicates, and how that was decided."""

    key: str
    how: Literal["identifier", "title"]
    detail: str


@dataclass(slots=True)
class _Entry:
    key: str
    ids: dict[str, str | None]
    author: str
    year: int | None
    title: str
    journal: str


class DuplicateIndex:
    """Known works, looked up by identifier, then by first author + year + title."""

    def __init__(self) -> None:
        self._by_id: dict[tuple[str, str], _Entry] = {}
        self._by_local: dict[str, list[_Entry]] = defaultdict(list)  # url:/ref: without #n
        self._by_author_year: dict[tuple[str, int], list[_Entry]] = defaultdict(list)

    def add(self, key: str, article: Article) -> None:
        """Remember a work under its key (again after a merge: the newest description wins)."""
        entry = _Entry(
            key=key,
            ids=article_ids(article),
            author=_first_author(article),
            year=article.year,
            title=article.plain_title or "",
            journal=_journal(article.journal_title),
        )
        for name in _IDS:
            value = entry.ids.get(name)
            if value:
                self._by_id[(name, value)] = entry
        if entry.ids.get("alt_key"):
            bucket = self._by_local[_SUFFIX.sub("", str(entry.ids["alt_key"]))]
            bucket[:] = [e for e in bucket if e.key != key]
            bucket.append(entry)
        if entry.author and entry.year is not None and entry.title:
            bucket = self._by_author_year[(entry.author, entry.year)]
            bucket[:] = [e for e in bucket if e.key != key]
            bucket.append(entry)

    def find(self, article: Article) -> Duplicate | None:
        """The known work this article describes, or None."""
        ids = article_ids(article)
        author, title = _first_author(article), article.plain_title or ""
        for name in _IDS[:-1]:
            value = ids.get(name)
            entry = self._by_id.get((name, value)) if value else None
            if entry is not None:
                return Duplicate(entry.key, "identifier", f"same {name.upper()} {value}")
        # An address or a ref: hash is not an identity: two guidelines can share a page.
        local = _SUFFIX.sub("", str(ids.get("alt_key") or ""))
        for entry in self._by_local.get(local, ()) if local else ():
            if similarity(title, entry.title) >= TITLE_SAME and _same_venue(article, entry):
                return Duplicate(entry.key, "title", f"same address and title as {entry.key}")
        if not author or article.year is None or not title:
            return None
        best: tuple[float, _Entry] | None = None
        for entry in self._by_author_year.get((author, article.year), ()):
            if _conflicting_ids(ids, entry.ids) or not _same_venue(article, entry):
                continue
            score = similarity(title, entry.title)
            if score >= TITLE_SAME and (best is None or score > best[0]):
                best = (score, entry)
        if best is None:
            return None
        detail = f"same first author and year, title {best[0]:.0f}% similar"
        return Duplicate(best[1].key, "title", detail)


def merge_items(
    kept: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``kept`` with every variable it lacks taken from ``new``; and the disagreements, in words.

    Where both give a variable and the values differ, ``kept`` wins and the difference is
    reported (numbers and names are never silently chosen between). Objects (``custom``, and
    ``custom.unmapped`` inside it) are merged the same way at every depth; ``id`` is always
    ``kept``'s.
    """
    return _merge(kept, new, prefix="")


def _merge(
    kept: Mapping[str, Any], new: Mapping[str, Any], *, prefix: str
) -> tuple[dict[str, Any], list[str]]:
    merged = dict(kept)
    conflicts: list[str] = []
    for name, value in new.items():
        if (not prefix and name == "id") or value in (None, "", [], {}):
            continue
        old = merged.get(name)
        if old in (None, "", [], {}):
            merged[name] = value
        elif isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[name], deeper = _merge(old, value, prefix=f"{prefix}{name}.")
            conflicts.extend(deeper)
        elif not _same(old, value):
            conflicts.append(f"{prefix}{name}: kept {_show(old)}, file has {_show(value)}")
    return merged, conflicts


def _same_venue(article: Article, entry: _Entry) -> bool:
    """For a short, generic title ("Correction", "Editorial"), two different journals make two
    works. A longer title decides alone: databases name one journal many ways ("Lancet",
    "The Lancet", "Lancet (London, England)")."""
    if len((article.plain_title or "").split()) > _GENERIC_WORDS:
        return True
    journal = _journal(article.journal_title)
    return not (journal and entry.journal and journal != entry.journal)


def _journal(name: str | None) -> str:
    """A journal name compared loosely: no "The", no "(London, England)"."""
    bare = _PLACE.sub("", name or "")
    return normalise(bare).removeprefix("the ").strip()


def _first_author(article: Article) -> str:
    if not article.authors:
        return ""
    first = article.authors[0]
    return normalise(first.family or first.collective or "")


def _conflicting_ids(a: Mapping[str, str | None], b: Mapping[str, str | None]) -> bool:
    return any(a.get(n) and b.get(n) and a.get(n) != b.get(n) for n in ("pmid", "doi", "pmcid"))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalise(a) == normalise(b)
    return bool(dumps(a) == dumps(b))


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else dumps(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")
