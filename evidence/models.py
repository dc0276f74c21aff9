"""Typed bibliographic records: what every other module passes around.

Records are frozen dataclasses. Unknown is ``None``, never ``""``. Text that may carry
inline markup (titles, abstract sections) is kept as *markup*: the element's inner XML with
``<i> <b> <u> <sub> <sup>`` (and any MathML) kept as tags and the characters ``& < >`` of
the text escaped, exactly as Bio.Entrez's ``DataHandler(escape=True)`` gives it. Use
:func:`plain_text` where markup must go.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum

_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """Drop the tags of a markup string and unescape its entities."""
    return html.unescape(_TAG.sub("", markup))


class MetadataSource(StrEnum):
    """Where a record's bibliographic metadata came from."""

    PUBMED = "pubmed"
    """Parsed from a PubMed efetch record (the raw XML is stored beside it)."""
    CTGOV = "ctgov"
    """Parsed from a ClinicalTrials.gov API v2 study record."""
    MANUAL = "manual"
    """Typed by hand; replaced by the PubMed record on the next ``sync`` with a network."""
    IMPORTED = "imported"
    """Read from a CSL-JSON (or other) file the user imported."""


class Flag(StrEnum):
    """Currency signals a reviewer must see beside a record."""

    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression-of-concern"
    ERRATUM = "erratum"
    UPDATED = "updated"
    AHEAD_OF_PRINT = "ahead-of-print"
    MANUAL_METADATA = "manual-metadata"


# CommentsCorrections RefTypes that flag the record carrying them.
_FLAG_REFTYPES: dict[str, Flag] = {
    "RetractionIn": Flag.RETRACTED,
    "RetractedandRepublishedIn": Flag.RETRACTED,
    "ExpressionOfConcernIn": Flag.EXPRESSION_OF_CONCERN,
    "ErratumIn": Flag.ERRATUM,
    "CorrectedandRepublishedIn": Flag.ERRATUM,
    "UpdateIn": Flag.UPDATED,
}


@dataclass(frozen=True, slots=True)
class Author:
    """One author: a person (family, given, initials, suffix) or a collective name."""

    family: str | None = None
    given: str | None = None
    initials: str | None = None
    suffix: str | None = None
    collective: str | None = None

    @property
    def short(self) -> str:
        """``Moreau P`` for a person, the name itself for a collective."""
        if self.collective:
            return self.collective
        parts = [p for p in (self.family, self.initials, self.suffix) if p]
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class PubDate:
    """A publication date as the source gives it; ``medline_date`` keeps ``2019 Apr-Jun``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    medline_date: str | None = None


@dataclass(frozen=True, slots=True)
class AbstractSection:
    """One ``AbstractText``: markup text with its ``Label`` and ``NlmCategory``."""

    text: str
    label: str | None = None
    nlm_category: str | None = None


@dataclass(frozen=True, slots=True)
class CommentCorrection:
    """One CommentsCorrections link: ``RetractionIn`` -> PMID 32167152, and so on."""

    ref_type: str
    ref_source: str | None = None
    pmid: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A journal publication, from PubMed, typed by hand or imported (other works too).

    ``title`` and abstract texts are markup (see the module docstring). ``pages`` is the
    verbatim ``MedlinePgn`` (``2361-71``); ``start_page``/``end_page`` come from
    ``StartPage``/``EndPage`` where PubMed gives them. ``pub_date`` is the journal-issue
    date that citations use; ``electronic_date`` is ``ArticleDate`` (e-publication).
    """

    pmid: str | None = None
    title: str | None = None
    authors: tuple[Author, ...] = ()
    journal_title: str | None = None
    journal_iso: str | None = None
    issn: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    start_page: str | None = None
    end_page: str | None = None
    elocation: str | None = None
    pub_date: PubDate = PubDate()
    electronic_date: PubDate | None = None
    doi: str | None = None
    pmcid: str | None = None
    pii: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    publication_types: tuple[str, ...] = ()
    comments_corrections: tuple[CommentCorrection, ...] = ()
    nct_ids: tuple[str, ...] = ()
    publication_status: str | None = None
    date_revised: str | None = None
    language: str | None = None
    source: MetadataSource = MetadataSource.PUBMED
    url: str | None = None
    """The work's own address (a web page, a report), when it has one."""
    csl_type: str | None = None
    """The CSL item type when it is not a journal article (``webpage``, ``report``...)."""
    local_key: str | None = None
    """The ``url:``/``ref:`` key the store gave a work without identifiers, kept once given
    (a corrected title must not rename what findings and listings cite)."""

    @property
    def year(self) -> int | None:
        """The journal-issue year (from ``MedlineDate`` where that is all there is)."""
        return self.pub_date.year

    @property
    def first_page(self) -> str | None:
        """``StartPage``, else the part of ``MedlinePgn`` before the dash."""
        if self.start_page:
            return self.start_page
        if self.pages:
            return re.split(r"[-,;\s]", self.pages, maxsplit=1)[0] or None
        return None

    @property
    def plain_title(self) -> str | None:
        """The title without markup."""
        return plain_text(self.title) if self.title is not None else None

    @property
    def flags(self) -> tuple[Flag, ...]:
        """Retraction, concern, erratum, update, ahead-of-print and hand-typed flags."""
        found: set[Flag] = set()
        for link in self.comments_corrections:
            flag = _FLAG_REFTYPES.get(link.ref_type)
            if flag is not None:
                found.add(flag)
        if "Retracted Publication" in self.publication_types:
            found.add(Flag.RETRACTED)
        if self.publication_status == "aheadofprint":
            found.add(Flag.AHEAD_OF_PRINT)
        if self.source is MetadataSource.MANUAL:
            found.add(Flag.MANUAL_METADATA)
        return tuple(flag for flag in Flag if flag in found)


@dataclass(frozen=True, slots=True)
class TrialReference:
    """A publication a registry record lists (``RESULT``, ``BACKGROUND``, ``DERIVED``)."""

    pmid: str | None = None
    type: str | None = None
    citation: str | None = None


@dataclass(frozen=True, slots=True)
class Trial:
    """A ClinicalTrials.gov study record: the fields a summary and a reviewer need.

    Dates are the registry's verbatim ``YYYY-MM[-DD]`` strings.
    """

    nct_id: str
    brief_title: str | None = None
    official_title: str | None = None
    acronym: str | None = None
    overall_status: str | None = None
    study_type: str | None = None
    phases: tuple[str, ...] = ()
    enrollment: int | None = None
    enrollment_type: str | None = None
    start_date: str | None = None
    primary_completion_date: str | None = None
    completion_date: str | None = None
    last_update_posted: str | None = None
    lead_sponsor: str | None = None
    conditions: tuple[str, ...] = ()
    references: tuple[TrialReference, ...] = ()
    has_results: bool = False
    source: MetadataSource = MetadataSource.CTGOV

    @property
    def pmids(self) -> tuple[str, ...]:
        """PMIDs of the publications the registry record lists."""
        return tuple(ref.pmid for ref in self.references if ref.pmid)

    @property
    def flags(self) -> tuple[Flag, ...]:
        """Hand-typed metadata is the only flag a trial record carries so far."""
        return (Flag.MANUAL_METADATA,) if self.source is MetadataSource.MANUAL else ()
