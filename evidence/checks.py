"""The reviewer's check of a summary: citations resolve, records are current, numbers trace.

:func:`check_summary` parses the document (:mod:`evidence.summarydoc`), resolves each
reference-list entry to a stored record (by its identifiers, else by title and author
against the store), compares what the entry says with the record, reports each cited
record's currency flags, and traces every number of every cited sentence to the findings of
the sources that sentence cites (:mod:`evidence.numbercheck`). Nothing here touches the
network: it checks against the store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from evidence.matching import normalise, rank, title_in, verify
from evidence.numbercheck import CitedText, StretchCheck, Verdict, check_numbers
from evidence.pasted import read_reference
from evidence.records import to_jsonable
from evidence.store import Store, StoredRecord
from evidence.summarydoc import Entry, MarkupFormat, parse_summary
from evidence.views import flag_words

TITLE_MIN = 90.0
Resolution = Literal["resolved", "unresolved", "ambiguous"]


@dataclass(frozen=True, slots=True)
class CitationCheck:
    """One reference-list entry: what it resolved to, and what is wrong with it."""

    number: int | None
    text: str
    resolution: Resolution
    key: str | None = None
    candidates: tuple[str, ...] = ()
    mismatches: tuple[str, ...] = ()
    flags: str = ""

    @property
    def ok(self) -> bool:
        """Resolved, described correctly, and current."""
        return self.resolution == "resolved" and not self.mismatches and not self.flags


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything the check found; ``ok`` only when nothing is wrong."""

    citations: tuple[CitationCheck, ...]
    stretches: tuple[StretchCheck, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def unsupported(self) -> int:
        """Numbers no cited finding supports."""
        return sum(1 for s in self.stretches for n in s.numbers if n.verdict is Verdict.UNSUPPORTED)

    @property
    def ok(self) -> bool:
        """No unsupported number, broken or stale citation, or document problem."""
        return not self.problems and self.unsupported == 0 and all(c.ok for c in self.citations)


def check_summary(
    text: str,
    store: Store,
    *,
    fmt: MarkupFormat | None = None,
    fetch: Callable[[Sequence[str]], object] | None = None,
) -> CheckReport:
    """Check a summary's citations, their currency and its numbers against the store.

    ``fetch`` (when the network is allowed) is given the identifiers or pasted text of the
    entries the store cannot resolve, to add them (``add_references``); they are then
    resolved again. Nothing is fetched without it.
    """
    summary = parse_summary(text, fmt)
    citations = tuple(_check_entry(entry, store) for entry in summary.entries)
    if fetch is not None:
        missing = [
            entry
            for entry, check in zip(summary.entries, citations, strict=True)
            if check.resolution == "unresolved"
        ]
        wanted = [_fetchable(entry) for entry in missing]
        if any(wanted):
            fetch([w for w in wanted if w])
            citations = tuple(_check_entry(entry, store) for entry in summary.entries)
    keys = {c.number: c.key for c in citations if c.number is not None and c.key}
    records = [r for key in dict.fromkeys(keys.values()) if (r := store.get(key)) is not None]
    stretches = []
    for stretch in summary.stretches:
        if _is_byline(stretch.clean, records):
            continue  # "Title. Authors. Journal, 2023." describes a source; it reports nothing
        cited: list[str] = []
        for marker in stretch.markers:
            cited.extend(keys[n] for n in marker.numbers if n in keys)
            cited.extend(marker.keys)
        stretches.append(CitedText(stretch.clean, tuple(dict.fromkeys(cited)), stretch.start))
    stretches.extend(
        CitedText(heading, (), start) for heading, start in summary.headings if heading
    )
    sources = {key for s in stretches for key in s.cited}
    findings = {key: store.findings(source=key) for key in sources}
    numbers = {key: number for number, key in keys.items()}
    checked = tuple(_with_markers(s, numbers) for s in check_numbers(stretches, findings))
    return CheckReport(citations, checked, summary.problems)


def _with_markers(checked: StretchCheck, numbers: dict[str, int]) -> StretchCheck:
    """Name an uncited source by its reference number too: "appears in [2] (pmid:...)"."""
    fixed = []
    for check in checked.numbers:
        if check.note and check.verdict is Verdict.UNSUPPORTED:
            for key, number in numbers.items():
                if f"appears in {key}," in check.note:
                    note = check.note.replace(
                        f"appears in {key},", f"appears in [{number}] ({key}),"
                    )
                    check = dataclasses.replace(check, note=note)
        fixed.append(check)
    return dataclasses.replace(checked, numbers=tuple(fixed))


def _fetchable(entry: Entry) -> str | None:
    """What to ask PubMed or ClinicalTrials.gov for: an identifier, else the entry's text."""
    standard = [key for key in entry.identifiers if not key.startswith("url:")]
    if standard:
        return standard[0]
    return entry.text if entry.parts is not None else None


def _is_byline(text: str, records: list[StoredRecord]) -> bool:
    """True when a sentence is a cited record's title, or its authors-journal-year line."""
    for record in records:
        article = record.article
        if article is None:
            continue
        title = (article.plain_title or "").rstrip(".")
        if title and title_in(text, title) >= TITLE_MIN and len(text) < len(title) + 40:
            return True
        parts = read_reference(text).parts
        first = article.authors[0].family if article.authors else None
        if (
            first
            and parts.first_author
            and normalise(parts.first_author) == normalise(first)
            and parts.year in (article.year, None)
            and "et al" in text
        ):
            return True
    return False


def _check_entry(entry: Entry, store: Store) -> CitationCheck:
    record = _by_identifier(entry, store)
    if record is None and store.get_snapshot(_first_url(entry) or "") is not None:
        return CitationCheck(entry.number, entry.text, "resolved", key=_first_url(entry))
    if record is None:
        return _by_title(entry, store)
    mismatches = _identifier_mismatches(entry, record)
    if entry.parts is not None and record.article is not None:
        mismatches += verify(entry.parts, record.article).mismatches
    return CitationCheck(
        entry.number,
        entry.text,
        "resolved",
        key=record.key,
        mismatches=mismatches,
        flags=flag_words(tuple(f for f in record.flags if f.value != "manual-metadata")),
    )


def _by_identifier(entry: Entry, store: Store) -> StoredRecord | None:
    for key in entry.identifiers:
        record = store.get(key)
        if record is not None:
            return record
    return None


def _identifier_mismatches(entry: Entry, record: StoredRecord) -> tuple[str, ...]:
    """Identifiers the entry prints that are not the record's (a wrong DOI or PMID)."""
    article = record.article
    if article is None:
        return ()
    own = {
        "pmid": article.pmid,
        "doi": (article.doi or "").lower() or None,
        "pmcid": article.pmcid,
    }
    found = []
    for key in entry.identifiers:
        kind, _, value = key.partition(":")
        if kind in own and own[kind] is not None and own[kind] != value:
            found.append(f"{kind.upper()} {value} but the record's is {own[kind]}")
    return tuple(found)


def _first_url(entry: Entry) -> str | None:
    return next((key for key in entry.identifiers if key.startswith("url:")), None)


def _by_title(entry: Entry, store: Store) -> CitationCheck:
    articles = [r for r in store.records("article") if r.article is not None]
    if entry.parts is not None:
        ranked = rank(entry.parts, [r.article for r in articles if r.article is not None])
        passing = [a for a, verdict in ranked if verdict.ok]
        if len(passing) == 1:
            record = next(r for r in articles if r.article is passing[0])
            return CitationCheck(
                entry.number,
                entry.text,
                "resolved",
                key=record.key,
                mismatches=_identifier_mismatches(entry, record),
            )
        if len(passing) > 1:
            names = tuple(f"pmid:{a.pmid}" for a in passing[:5])
            return CitationCheck(entry.number, entry.text, "ambiguous", candidates=names)
    scored = sorted(
        ((title_in(entry.text, r.title or ""), r.key) for r in store.records() if r.title),
        reverse=True,
    )
    close = [key for score, key in scored if score >= TITLE_MIN]
    if len(close) == 1:
        return CitationCheck(entry.number, entry.text, "resolved", key=close[0])
    best = tuple(key for _score, key in scored[:3])
    resolution: Resolution = "ambiguous" if close else "unresolved"
    return CitationCheck(entry.number, entry.text, resolution, candidates=best)


def report_json(report: CheckReport) -> dict[str, Any]:
    """The report as JSON-ready data (for CI)."""
    return {
        "ok": report.ok,
        "unsupported_numbers": report.unsupported,
        "problems": list(report.problems),
        "citations": [to_jsonable(c) | {"ok": c.ok} for c in report.citations],
        "sentences": [
            {
                "text": s.stretch.text,
                "start": s.stretch.start,
                "cited": list(s.stretch.cited),
                "ok": s.ok,
                "numbers": [
                    {
                        "number": n.number.verbatim,
                        "verdict": n.verdict.value,
                        "finding": n.finding,
                        "source": n.source,
                        "transform": n.transform,
                        "searched": list(n.searched),
                        "note": n.note,
                    }
                    for n in s.numbers
                ],
            }
            for s in report.stretches
        ],
    }


def report_lines(report: CheckReport) -> list[str]:
    """The report as readable lines: citations, then each sentence and its numbers."""
    lines = ["Citations:"]
    for c in report.citations:
        where = c.key or c.resolution
        lines.append(f"  [{c.number}] {'ok' if c.ok else 'PROBLEM'}: {where}")
        lines.extend(f"      {m}" for m in c.mismatches)
        if c.flags:
            lines.append(f"      record is flagged: {c.flags}")
        lines.extend(f"      candidate: {k}" for k in c.candidates)
    lines.append("Numbers:")
    for s in report.stretches:
        if not s.numbers:
            continue
        cited = ", ".join(s.stretch.cited) or "nothing"
        lines.append(f"  {'pass' if s.ok else 'FAIL'} (cites {cited}): {s.stretch.text[:90]}")
        for n in s.numbers:
            detail = n.transform or n.finding or n.note or ""
            lines.append(f"      {n.number.verbatim}: {n.verdict.value}  {detail}".rstrip())
    lines.extend(f"Problem: {p}" for p in report.problems)
    lines.append("Result: " + ("pass" if report.ok else "FAIL"))
    return lines
