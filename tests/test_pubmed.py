"""Tests for evidence.pubmed: an oracle check against Bio.Entrez, hand-checked records, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from Bio.Entrez import Parser as BioParser

from evidence.errors import ParseError
from evidence.models import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    Flag,
    MetadataSource,
    PubDate,
    plain_text,
)
from evidence.pubmed import ParsedArticle, PubmedParse, RecordProblem, parse_pubmed
from tests.fixtures_index import FIXTURES, pubmed_fixture_files

PUBMED = FIXTURES / "pubmed"
FILES = pubmed_fixture_files()
# 397 <PubmedArticle> elements in 83 files (DOMAIN.md 3.5). A line count (grep -c) says 395
# because biopython/pubmed1.xml and pubmed2.xml each hold two records on one line.
TOTAL_RECORDS = 397


@cache
def parsed(relative: str) -> PubmedParse:
    """parse_pubmed over a fixture file, cached across tests."""
    return parse_pubmed((PUBMED / relative).read_bytes())


def record(relative: str, pmid: str) -> Article:
    """The article with ``pmid`` in a fixture file."""
    matches = [a for a in parsed(relative).articles if a.pmid == pmid]
    assert len(matches) == 1, f"{pmid} in {relative}"
    return matches[0]


# --- the oracle: Bio.Entrez's DTD-driven parse, read independently of evidence.pubmed -------

_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class _NoNetwork(Exception):
    pass


def _refuse_network(url: object, *args: object, **kwargs: object) -> None:
    raise _NoNetwork(f"Bio.Entrez tried to fetch {url}: every DTD should be bundled")


def bio_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Bio.Entrez's parse of ``path`` (http:// DOCTYPEs allowed, DTDs from its bundle only)."""
    monkeypatch.setattr(BioParser, "urlopen", _refuse_network)
    handler = BioParser.DataHandler(validate=False, escape=True, ignore_errors=False)
    handler.bypass_url_security = True
    with path.open("rb") as stream:
        return handler.read(stream)


def _plain(value: Any) -> str | None:
    """A Bio string (escaped, maybe with tags) as stripped plain text; None when blank."""
    if value is None:
        return None
    return plain_text(str(value)).strip() or None


def _first(values: Any) -> Any:
    """Bio gives repeatable elements as lists: the first item, or None."""
    if isinstance(values, list):
        return values[0] if values else None
    return values


def _bio_date(date: Mapping[str, Any] | None) -> PubDate | None:
    if date is None:
        return None
    if "MedlineDate" in date:
        text = _plain(date["MedlineDate"])
        found = re.search(r"(1[89]|20)\d\d", text or "")
        return PubDate(year=int(found.group()) if found else None, medline_date=text)
    month = _plain(date.get("Month"))
    if month is not None:
        month_number = int(month) if month.isdigit() else _MONTH_NAMES.index(month[:3]) + 1
    return PubDate(
        year=int(date["Year"]) if "Year" in date else None,
        month=month_number if month is not None else None,
        day=int(date["Day"]) if "Day" in date else None,
        season=_plain(date.get("Season")),
    )


def _bio_ids(pubmed_data: Mapping[str, Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for article_id in pubmed_data.get("ArticleIdList", []):
        text = _plain(article_id)
        if text is not None:
            ids.setdefault(article_id.attributes["IdType"], text)
    return ids


def _bio_elocation(article: Mapping[str, Any], kind: str) -> str | None:
    for location in article.get("ELocationID", []):
        attributes = location.attributes
        if attributes["EIdType"] == kind and attributes.get("ValidYN") != "N" and _plain(location):
            return _plain(location)
    return None


def _bio_nct_ids(article: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(
        str(number).strip()
        for bank in article.get("DataBankList", [])
        if str(bank["DataBankName"]).strip() == "ClinicalTrials.gov"
        for number in bank.get("AccessionNumberList", [])
    )


def _bio_author(author: Mapping[str, Any]) -> Author:
    return Author(
        family=_plain(author.get("LastName")),
        given=_plain(author.get("ForeName")),
        initials=_plain(author.get("Initials")),
        suffix=_plain(author.get("Suffix")),
        collective=_plain(author.get("CollectiveName")),
    )


def oracle_article(entry: Mapping[str, Any]) -> Article:
    """Read one Bio.Entrez PubmedArticle dict into the Article the parser must produce."""
    citation = entry["MedlineCitation"]
    article = citation["Article"]
    journal = article.get("Journal", {})
    issue = journal.get("JournalIssue", {})
    pagination = article.get("Pagination", {})
    pubmed_data = entry.get("PubmedData", {})
    ids = _bio_ids(pubmed_data)
    revised = citation.get("DateRevised")
    electronic = [d for d in article.get("ArticleDate", []) if d.attributes["DateType"] == "Electronic"]
    return Article(
        pmid=_plain(citation["PMID"]),
        title=str(article.get("ArticleTitle", "")) or None,
        authors=tuple(
            _bio_author(author)
            for author in article.get("AuthorList", [])
            if author.attributes.get("ValidYN") != "N"
        ),
        journal_title=_plain(journal.get("Title")),
        journal_iso=_plain(journal.get("ISOAbbreviation")),
        issn=_plain(_first(journal.get("ISSN"))),
        volume=_plain(issue.get("Volume")),
        issue=_plain(issue.get("Issue")),
        pages=_plain(pagination.get("MedlinePgn")),
        start_page=_plain(pagination.get("StartPage")),
        end_page=_plain(pagination.get("EndPage")),
        elocation=_bio_elocation(article, "pii"),
        pub_date=_bio_date(issue.get("PubDate")) or PubDate(),
        electronic_date=_bio_date(electronic[0]) if electronic else None,
        doi=ids.get("doi") or _bio_elocation(article, "doi"),
        pmcid=ids.get("pmc"),
        pii=ids.get("pii"),
        abstract=tuple(
            AbstractSection(
                text=str(text),
                label=text.attributes.get("Label"),
                nlm_category=text.attributes.get("NlmCategory"),
            )
            for text in article.get("Abstract", {}).get("AbstractText", [])
        ),
        publication_types=tuple(str(t).strip() for t in article.get("PublicationTypeList", [])),
        comments_corrections=tuple(
            CommentCorrection(
                ref_type=link.attributes["RefType"],
                ref_source=_plain(link.get("RefSource")),
                pmid=_plain(link.get("PMID")),
            )
            for link in citation.get("CommentsCorrectionsList", [])
            if link.attributes["RefType"] != "Cites"
        ),
        nct_ids=_bio_nct_ids(article),
        publication_status=_plain(pubmed_data.get("PublicationStatus")),
        date_revised=(
            f"{revised['Year']}-{int(revised['Month']):02d}-{int(revised['Day']):02d}"
            if revised
            else None
        ),
        language=_plain(_first(article.get("Language"))),
        source=MetadataSource.PUBMED,
    )


def _field_differences(ours: Article, theirs: Article) -> Iterator[str]:
    for name in Article.__dataclass_fields__:
        if getattr(ours, name) != getattr(theirs, name):
            yield f"{ours.pmid}.{name}: ours={getattr(ours, name)!r} bio={getattr(theirs, name)!r}"


def _file_id(path: Path) -> str:
    return path.relative_to(PUBMED).as_posix()


def test_fixture_files_hold_every_record() -> None:
    counts = [len(parsed(_file_id(path)).records) for path in FILES]
    assert len(FILES) == 83
    assert sum(counts) == TOTAL_RECORDS
    assert all(not parsed(_file_id(path)).problems for path in FILES)


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=_file_id)
def test_every_field_matches_bio_entrez(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bio = bio_read(path, monkeypatch)
    assert not bio["PubmedBookArticle"]
    expected = [oracle_article(entry) for entry in bio["PubmedArticle"]]
    ours = list(parsed(_file_id(path)).articles)
    assert [a.pmid for a in ours] == [a.pmid for a in expected]
    differences = [d for o, e in zip(ours, expected, strict=True) for d in _field_differences(o, e)]
    assert differences == []


# --- hand-checked records (values read from the XML) ---------------------------------------


def test_retracted_record() -> None:
    article = record("pubmedparser-baseline-samples/pubmed21n1005.xml", "31541003")
    assert article.title is not None
    assert "<i><i>PTEN</i></i>" in article.title
    assert "Retracted Publication" in article.publication_types
    assert CommentCorrection("RetractionIn", "Oncogene. 2020 Mar 11;:", "32167152") in (
        article.comments_corrections
    )
    assert article.publication_status == "aheadofprint"
    assert Flag.RETRACTED in article.flags
    assert Flag.AHEAD_OF_PRINT in article.flags
