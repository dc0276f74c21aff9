"""Records <-> CSL-JSON items (pure). CSL-JSON is the project's interchange format.

Articles map to ``article-journal`` items. Trial registry records map to ``dataset`` items
whose ``number`` is the NCT number and whose publisher is ClinicalTrials.gov. Fields CSL has no
name for (hand-typed provenance, a trial's phase or enrollment) live in the CSL 1.0.2
``custom`` object: ``custom.metadata == "manual"`` marks metadata typed by hand, which
``evidence sync`` replaces with PubMed's record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from evidence.errors import ParseError
from evidence.models import Article, Author, MetadataSource, PubDate, Trial
from evidence.store import StoredRecord

_NCT = re.compile(r"^NCT\d{8}$", re.IGNORECASE)
_REGISTRY_URL = re.compile(r"^https?://(?:www\.)?clinicaltrials\.gov/\S*?(NCT\d{8})", re.I)


RAW_CSL = "csl-json"
"""``raw_format`` of a record imported from a file or Zotero: its raw bytes are the CSL item."""


def record_to_csl(record: StoredRecord) -> dict[str, Any]:
    """The CSL-JSON item of a stored record.

    An imported record gives back the item it was imported as (merged with any duplicate),
    every variable kept, with its own ``id`` if it had one; anything else is built from the
    parsed record, with the record's key as ``id``.
    """
    if record.raw_format == RAW_CSL and record.raw is not None:
        item: dict[str, Any] = json.loads(record.raw)
        item.setdefault("id", record.key)
        return item
    if record.article is not None:
        return article_to_csl(record.article, item_id=record.key)
    if record.trial is not None:
        return trial_to_csl(record.trial, item_id=record.key)
    raise ValueError(f"record {record.key} holds neither an article nor a trial")


def article_to_csl(article: Article, *, item_id: str) -> dict[str, Any]:
    """An article as a CSL-JSON ``article-journal`` item (unknown fields left out)."""
    item: dict[str, Any] = {
        "id": item_id,
        "type": article.csl_type or "article-journal",
        "title": article.plain_title,
        "author": [_author_to_csl(a) for a in article.authors] or None,
        "container-title": article.journal_title,
        "container-title-short": article.journal_iso,
        "ISSN": article.issn,
        "volume": article.volume,
        "issue": article.issue,
        "page": article.pages or article.elocation,
        "issued": _date_to_csl(article.pub_date),
        "DOI": article.doi,
        "PMID": article.pmid,
        "PMCID": article.pmcid,
        "language": article.language,
        "URL": article.url,
    }
    if article.source is not MetadataSource.PUBMED:
        item["custom"] = {"metadata": article.source.value}
    return {k: v for k, v in item.items() if v is not None}


def trial_to_csl(trial: Trial, *, item_id: str) -> dict[str, Any]:
    """A registry record as a CSL-JSON ``dataset`` item."""
    custom: dict[str, Any] = {
        "acronym": trial.acronym,
        "phases": list(trial.phases) or None,
        "enrollment": trial.enrollment,
        "study_type": trial.study_type,
        "overall_status": trial.overall_status,
        "sponsor": trial.lead_sponsor,
        "last_update_posted": trial.last_update_posted,
    }
    if trial.source is not MetadataSource.CTGOV:
        custom["metadata"] = trial.source.value
    item: dict[str, Any] = {
        "id": item_id,
        "type": "dataset",
        "title": trial.brief_title or trial.official_title,
        "publisher": "ClinicalTrials.gov",
        "number": trial.nct_id,
        "URL": f"https://clinicaltrials.gov/study/{trial.nct_id}",
        "custom": {k: v for k, v in custom.items() if v is not None},
    }
    return {k: v for k, v in item.items() if v is not None}


def csl_to_record(item: Mapping[str, Any], *, where: str) -> Article | Trial:
    """A CSL-JSON item as an :class:`Article` or (registry ``dataset``) :class:`Trial`."""
    if not isinstance(item, Mapping):
        raise ParseError("a CSL-JSON item must be an object", item=where)
    raw_custom = item.get("custom")
    custom: Mapping[str, Any] = raw_custom if isinstance(raw_custom, Mapping) else {}
    source = _source(custom.get("metadata"), where)
    nct = _nct_of(item)
    if nct is not None:
        return _trial_from_csl(item, custom, nct, source)
    title = _str(item.get("title"))
    if title is None and not any(_str(item.get(k)) for k in ("PMID", "DOI", "PMCID", "URL")):
        raise ParseError(
            "item has no title and no PMID, DOI, PMCID, NCT number or URL",
            item=where,
            hint="add a title or an identifier so the reference can be cited and matched",
        )
    item_type = _str(item.get("type"))
    pages = _str(item.get("page"))
    start, _, end = (pages or "").partition("-")
    return Article(
        pmid=_str(item.get("PMID")),
        title=title,
        authors=tuple(_author_from_csl(a, where) for a in item.get("author") or ()),
        journal_title=_str(item.get("container-title")),
        journal_iso=_str(item.get("container-title-short") or item.get("journalAbbreviation")),
        issn=_str(item.get("ISSN")),
        volume=_str(item.get("volume")),
        issue=_str(item.get("issue")),
        pages=pages,
        start_page=start or None,
        end_page=end or None,
        pub_date=_date_from_csl(item.get("issued"), where),
        doi=_str(item.get("DOI")),
        pmcid=_str(item.get("PMCID")),
        language=_str(item.get("language")),
        source=source,
        url=_str(item.get("URL")),
        csl_type=None if item_type in (None, "article-journal") else item_type,
    )


def _trial_from_csl(
    item: Mapping[str, Any], custom: Mapping[str, Any], nct: str, source: MetadataSource
) -> Trial:
    enrollment = custom.get("enrollment")
    return Trial(
        nct_id=nct,
        brief_title=_str(item.get("title")),
        acronym=_str(custom.get("acronym")),
        overall_status=_str(custom.get("overall_status")),
        study_type=_str(custom.get("study_type")),
        phases=tuple(str(p) for p in custom.get("phases") or ()),
        enrollment=enrollment if isinstance(enrollment, int) else None,
        lead_sponsor=_str(custom.get("sponsor")),
        last_update_posted=_str(custom.get("last_update_posted")),
        source=source if source is not MetadataSource.PUBMED else MetadataSource.IMPORTED,
    )


def _nct_of(item: Mapping[str, Any]) -> str | None:
    """The NCT number of a registry record: its ``number``, ``id`` or registry address."""
    for value in (item.get("number"), str(item.get("id", "")).removeprefix("nct:")):
        if isinstance(value, str) and _NCT.match(value.strip()):
            return value.strip().upper()
    found = _REGISTRY_URL.match(str(item.get("URL") or ""))
    return found[1].upper() if found and item.get("type") == "dataset" else None


def _source(value: Any, where: str) -> MetadataSource:
    if value is None:
        return MetadataSource.IMPORTED
    try:
        return MetadataSource(str(value))
    except ValueError as exc:
        raise ParseError(
            f"custom.metadata {value!r} is not one of manual, imported, pubmed, ctgov", item=where
        ) from exc


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _author_to_csl(author: Author) -> dict[str, str]:
    if author.collective:
        return {"literal": author.collective}
    out = {
        "family": author.family,
        "given": author.given or author.initials,
        "suffix": author.suffix,
    }
    return {k: v for k, v in out.items() if v}


def _author_from_csl(value: Any, where: str) -> Author:
    if not isinstance(value, Mapping):
        raise ParseError("each author must be an object", item=where)
    if value.get("literal"):
        return Author(collective=str(value["literal"]))
    given = _str(value.get("given"))
    initials = "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part) if given else None
    return Author(
        family=_str(value.get("family")),
        given=given,
        initials=initials,
        suffix=_str(value.get("suffix")),
    )


def _date_to_csl(date: PubDate) -> dict[str, Any] | None:
    if date.year is None:
        return {"literal": date.medline_date} if date.medline_date else None
    parts = [p for p in (date.year, date.month, date.day) if p is not None]
    return {"date-parts": [parts]}


def _date_from_csl(value: Any, where: str) -> PubDate:
    if value is None:
        return PubDate()
    if not isinstance(value, Mapping):
        raise ParseError("issued must be an object with date-parts", item=where)
    parts = value.get("date-parts")
    if not parts:
        literal = _str(value.get("literal"))
        found = re.search(r"\d{4}", literal or "")
        return PubDate(year=int(found.group()) if found else None, medline_date=literal)
    try:
        numbers = [int(p) for p in parts[0]]
    except (TypeError, ValueError, IndexError) as exc:
        raise ParseError(f"issued date-parts {parts!r} are not numbers", item=where) from exc
    numbers += [0] * (3 - len(numbers))
    year, month, day = numbers[:3]
    return PubDate(year=year or None, month=month or None, day=day or None)
