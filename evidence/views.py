"""Plain views of stored records for listings and ``refs show`` (pure, no I/O).

Rows are flat dicts of strings so one output layer can print them as a table, JSON, JSON
lines or CSV. Flags are spelled out so a reviewer cannot miss a retraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evidence.findings import Finding
from evidence.models import Article, Flag, Trial, plain_text
from evidence.records import to_jsonable
from evidence.store import StoredRecord

_FLAG_WORDS = {
    Flag.RETRACTED: "RETRACTED",
    Flag.EXPRESSION_OF_CONCERN: "EXPRESSION OF CONCERN",
    Flag.ERRATUM: "erratum",
    Flag.UPDATED: "updated",
    Flag.AHEAD_OF_PRINT: "ahead of print",
    Flag.MANUAL_METADATA: "hand-typed",
}
_LINK_TYPES = (
    "RetractionIn",
    "RetractedandRepublishedIn",
    "ExpressionOfConcernIn",
    "ErratumIn",
    "CorrectedandRepublishedIn",
    "UpdateIn",
)


def flag_words(flags: tuple[Flag, ...]) -> str:
    """``RETRACTED, ahead of print`` for a tuple of flags."""
    return ", ".join(_FLAG_WORDS[flag] for flag in flags)


def list_row(record: StoredRecord) -> dict[str, str]:
    """One line of ``refs list``: key, kind, year, first author, source, title, flags."""
    if record.article is not None:
        article = record.article
        author = article.authors[0].short if article.authors else ""
        year = str(article.year or "")
        where = article.journal_iso or article.journal_title or ""
    else:
        trial = record.trial
        author = (trial.lead_sponsor or "") if trial else ""
        year = (trial.start_date or "")[:4] if trial else ""
        where = "ClinicalTrials.gov"
    return {
        "key": record.key,
        "kind": record.kind,
        "year": year,
        "first_author": author,
        "source": where,
        "title": record.title or "",
        "flags": flag_words(record.flags),
    }


def record_json(record: StoredRecord) -> dict[str, Any]:
    """A stored record as JSON: parsed fields, flags, links, dates; raw bytes by size only."""
    return {
        "key": record.key,
        "kind": record.kind,
        "flags": [flag.value for flag in record.flags],
        "record": to_jsonable(record.article if record.article is not None else record.trial),
        "links": to_jsonable(record.links),
        "raw_format": record.raw_format,
        "raw_bytes": len(record.raw) if record.raw is not None else None,
        "added_at": record.added_at,
        "updated_at": record.updated_at,
        "fetched_at": record.fetched_at,
    }


def detail_lines(record: StoredRecord) -> list[str]:
    """The full record as readable lines for ``refs show``."""
    lines = [record.key]
    if record.flags:
        lines.append(f"  FLAGS: {flag_words(record.flags)}")
    if record.article is not None:
        lines.extend(_article_lines(record.article))
    elif record.trial is not None:
        lines.extend(_trial_lines(record.trial))
    for link in record.links:
        other = f"nct:{link.nct_id}" if record.kind == "article" else f"pmid:{link.pmid}"
        lines.append(f"  linked: {other} ({link.origin})")
    fetched = f", fetched {record.fetched_at}" if record.fetched_at else ""
    lines.append(f"  stored: added {record.added_at}, updated {record.updated_at}{fetched}")
    return lines


def _article_lines(article: Article) -> list[str]:
    authors = ", ".join(a.short for a in article.authors) or "(no authors)"
    date = article.pub_date.medline_date or str(article.year or "n.d.")
    issue = f"({article.issue})" if article.issue else ""
    pages = article.pages or article.elocation or ""
    lines = [
        f"  title: {article.plain_title or '(no title)'}",
        f"  authors: {authors}",
        f"  journal: {article.journal_iso or article.journal_title or '?'} "
        f"{date};{article.volume or ''}{issue}:{pages}",
    ]
    ids = [
        f"{label} {value}"
        for label, value in (
            ("PMID", article.pmid),
            ("DOI", article.doi),
            ("PMCID", article.pmcid),
        )
        if value
    ]
    lines.append(f"  ids: {', '.join(ids)}")
    lines.append(f"  metadata: {article.source.value}; status {article.publication_status or '?'}")
    if article.publication_types:
        lines.append(f"  types: {'; '.join(article.publication_types)}")
    for link in article.comments_corrections:
        if link.ref_type in _LINK_TYPES:
            target = f"PMID {link.pmid}" if link.pmid else (link.ref_source or "?")
            lines.append(f"  {link.ref_type}: {target} ({link.ref_source or ''})")
    if article.nct_ids:
        lines.append(f"  registry: {', '.join(article.nct_ids)}")
    for section in article.abstract:
        label = f"{section.label}: " if section.label else ""
        lines.append(f"  abstract: {label}{plain_text(section.text)}")
    return lines


def _trial_lines(trial: Trial) -> list[str]:
    lines = [f"  title: {trial.brief_title or trial.official_title or '(no title)'}"]
    if trial.acronym:
        lines.append(f"  acronym: {trial.acronym}")
    phases = ", ".join(trial.phases) or "?"
    enrollment = f"{trial.enrollment} ({trial.enrollment_type or '?'})" if trial.enrollment else "?"
    lines.append(
        f"  status: {trial.overall_status or '?'}; phase {phases}; enrollment {enrollment}"
    )
    if trial.lead_sponsor:
        lines.append(f"  sponsor: {trial.lead_sponsor}")
    if trial.last_update_posted:
        lines.append(f"  last update posted: {trial.last_update_posted}")
    lines.append(f"  metadata: {trial.source.value}; results posted: {trial.has_results}")
    return lines


def finding_row(finding: Finding, problems: Sequence[str] = ()) -> dict[str, str]:
    """One line of ``findings list``: what was measured, the source's own text, its status."""
    who = finding.comparison or finding.arm or finding.population or ""
    return {
        "id": finding.id,
        "source": finding.anchor.source,
        "kind": finding.kind.value,
        "endpoint": finding.endpoint,
        "group": who,
        "text": finding.verbatim,
        "status": finding.status.value,
        "problems": "; ".join(problems),
    }


def finding_lines(finding: Finding, problems: Sequence[str] = ()) -> list[str]:
    """A finding in full for ``findings show``."""
    span = finding.anchor.span
    fields = [
        ("source", finding.anchor.source),
        ("study", finding.study),
        ("kind", finding.kind.value),
        ("endpoint", finding.endpoint),
        ("arm", finding.arm),
        ("comparison", finding.comparison),
        ("population", finding.population),
        ("timepoint", finding.timepoint),
        ("analysis", finding.analysis),
        ("data cut-off", finding.data_cutoff),
        ("as printed", finding.verbatim),
        ("value", "not reached" if finding.not_reached else finding.value_verbatim),
        ("unit", "%" if finding.percent else finding.unit),
        ("CI", _ci_text(finding)),
        ("p", finding.p_verbatim),
        ("status", _status_text(finding)),
        (
            "anchored",
            f"characters {span.start}-{span.end}" + (f" in {span.section}" if span.section else ""),
        ),
        ("sentence", span.sentence),
    ]
    lines = [finding.id] + [f"  {label}: {value}" for label, value in fields if value]
    lines.extend(f"  note: {note}" for note in finding.notes)
    lines.extend(f"  PROBLEM: {problem}" for problem in problems)
    return lines


def _ci_text(finding: Finding) -> str | None:
    if finding.ci_low_verbatim is None or finding.ci_high_verbatim is None:
        return None
    level = f"{finding.ci_level}% " if finding.ci_level is not None else ""
    return f"{level}{finding.ci_low_verbatim} to {finding.ci_high_verbatim}"


def _status_text(finding: Finding) -> str:
    if finding.reviewed_by:
        return f"{finding.status.value} by {finding.reviewed_by} on {finding.reviewed_at or '?'}"
    return finding.status.value
