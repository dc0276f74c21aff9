"""Parse PubMed efetch XML into :class:`~evidence.models.Article` records (pure: no I/O).

One streaming ``lxml.etree.iterparse`` pass; each ``PubmedArticle`` is read through its
own children (never ``.//``: the ``ReferenceList`` holds other papers' DOIs) and freed.
No network, no DTD, no entity resolution: the baseline files' ``http://`` DOCTYPE just
works. Titles and abstract sections are *markup* exactly as Bio.Entrez's
``DataHandler(escape=True)`` gives them; every other field is plain, stripped text.

Speed: the pass asks lxml for *start* events only (its end-event hook costs about as much
per element as reading a record), so an entry is read once the next entry starts or the
document ends, in the order the end events would give; malformed XML is re-walked with end
events so that the same error wins. Each ``raw`` is cut from the input where that is safe.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast

from lxml import etree

from evidence.errors import ParseError
from evidence.models import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    MetadataSource,
    PubDate,
)

__all__ = ["ParsedArticle", "PubmedParse", "RecordProblem", "parse_pubmed"]

_Element = etree._Element
_ITEM = "PubMed XML"
_ENTRY_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation", "ERROR")
_ROOT_TAGS = frozenset({"PubmedArticleSet", "PubmedArticle", "eFetchResult", "ERROR"})
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_YEAR = re.compile(r"\d{4}")
_LXML_POSITION = re.compile(r", line \d+, column \d+$")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_NAME, _CLOSE = b"PubmedArticle>", b"</PubmedArticle>"
_RAW_HEAD = re.compile(rb"<PubmedArticle>\s*<MedlineCitation[^>]*>\s*<PMID[^>]*>\s*(\d+)\s*</PMID>")
_RAW_LAST = (b"</PubmedData>", b"</MedlineCitation>")


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """An entry that was skipped: its 0-based position among the entries, PMID, and why."""

    index: int
    pmid: str | None
    message: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article and its ``<PubmedArticle>`` element's bytes (re-parse with parse_pubmed)."""

    article: Article
    raw: bytes


@dataclass(frozen=True, slots=True)
class PubmedParse:
    """Everything one efetch document held: parsed records and skipped entries."""

    records: tuple[ParsedArticle, ...]
    problems: tuple[RecordProblem, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        """The parsed articles, in document order."""
        return tuple(record.article for record in self.records)


def parse_pubmed(data: bytes, *, keep_raw: bool = True) -> PubmedParse:
    """Parse efetch XML: a ``PubmedArticleSet`` or one bare ``PubmedArticle``.

    ``PubmedBookArticle`` and ``DeleteCitation`` entries and records without a PMID are
    skipped and reported in ``problems``; with ``keep_raw=False`` every ``raw`` is ``b""``.
    Raises :class:`ParseError` for malformed or truncated XML, an NCBI ``<ERROR>``
    document, and anything that is not PubMed XML (an HTML page, another E-utility).
    """
    _reject_non_xml(data)
    tags = _Tags.find(data) if keep_raw and _is_utf8(data) else None
    # Cutting is sound only when every <PubmedArticle> and </PubmedArticle> in ``data`` is
    # a tag; a count that differs means one sits in a comment, CDATA or PI: serialize.
    if tags is not None and len(tags.opens) != len(tags.closes):
        tags = None
    collector = _walk(data, keep_raw, tags)
    if tags is not None and len(tags.opens) != collector.articles:
        collector = _walk(data, keep_raw, None)
    return PubmedParse(tuple(collector.records), tuple(collector.problems))


class _Tags(NamedTuple):
    """Offsets of every ``<PubmedArticle>`` and ``</PubmedArticle>`` string in the input."""

    opens: list[int]
    closes: list[int]

    @classmethod
    def find(cls, data: bytes) -> _Tags:
        """One scan for ``PubmedArticle>``, sorted into start and end tags by what precedes."""
        opens: list[int] = []
        closes: list[int] = []
        found = data.find(_NAME)
        while found >= 0:
            if data[found - 1 : found] == b"<":
                opens.append(found - 1)
            elif found >= 2 and data[found - 2 : found] == b"</":
                closes.append(found - 2)
            found = data.find(_NAME, found + len(_NAME))
        return cls(opens, closes)


def _walk(data: bytes, keep_raw: bool, tags: _Tags | None, *, delayed: bool = True) -> _Collector:
    """One streaming pass over ``data``, freeing each entry once it is read."""
    collector = _Collector(data, keep_raw, tags)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start",) if delayed else ("end",),
        tag=_ENTRY_TAGS,
        no_network=True,
        resolve_entities=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        if delayed:
            _read_delayed(events, collector)
        else:
            for _event, element in events:
                collector.add(element)
                _release(element)
        root = events.root
    except etree.XMLSyntaxError as exc:
        if not delayed:
            message = _LXML_POSITION.sub("", " ".join(str(exc.msg or exc).split()))
            line = exc.lineno if exc.lineno and exc.lineno > 0 else None
            error = ParseError(f"malformed or truncated XML: {message}", item=_ITEM, line=line)
            raise error from exc
        root = None
    if delayed and root is None:  # malformed: an <ERROR> that ended before the fault must
        return _walk(data, keep_raw, tags, delayed=False)  # win, as it does with end events
    if root is None or root.tag not in _ROOT_TAGS:
        name = "nothing" if root is None else f"<{root.tag}>"
        raise ParseError(f"not PubMed efetch XML: the document holds {name}", item=_ITEM)
    return collector


def _read_delayed(events: Iterator[tuple[str, _Element]], collector: _Collector) -> None:
    """Read each entry once a later entry starts outside it (or at the end), innermost first."""
    started: list[_Element] = []  # entries not yet read, each inside the one before
    for _event, element in events:
        while started and started[-1] not in element.iterancestors():
            entry = started.pop()
            collector.add(entry)
            _release(entry)
        started.append(element)
    while started:
        entry = started.pop()
        collector.add(entry)
        _release(entry)


class _Collector:
    """Records and problems gathered in one pass, with each record's ``raw`` bytes."""

    def __init__(self, data: bytes, keep_raw: bool, tags: _Tags | None) -> None:
        self.data, self.keep_raw, self.tags = data, keep_raw, tags
        self.cursor = self.index = self.articles = 0
        self.records: list[ParsedArticle] = []
        self.problems: list[RecordProblem] = []

    def add(self, element: _Element) -> None:
        """Read one finished entry (a tag of ``_ENTRY_TAGS``)."""
        tag = element.tag
        if tag == "PubmedArticle":
            self.articles += 1
            found = _read_record(element, self.index)
            raw = self._raw(element, found.pmid) if self.keep_raw else b""
            if isinstance(found, RecordProblem):
                self.problems.append(found)
            else:
                self.records.append(ParsedArticle(found, raw))
        elif tag == "ERROR":
            message = _text(element) or "no message"
            raise ParseError(f"NCBI returned an error: {message}", item=_ITEM)
        else:
            self.problems.append(_skipped(element, self.index))
        self.index += 1

    def _raw(self, element: _Element, pmid: str | None) -> bytes:
        """The element's own bytes: cut from the input where safe, else serialized."""
        if self.tags is not None:
            raw, self.cursor = _cut(self.data, self.tags, self.cursor, pmid)
            if raw is not None:
                return raw
        return etree.tostring(element, encoding="UTF-8", with_tail=False)


def _cut(data: bytes, tags: _Tags, cursor: int, pmid: str | None) -> tuple[bytes | None, int]:
    """The next ``<PubmedArticle>...</PubmedArticle>`` bytes after ``cursor``, new cursor.

    Much cheaper than serializing. Sound only when every such string in ``data`` is a tag
    (``parse_pubmed`` checks the counts); the cut must also start with
    ``<PubmedArticle><MedlineCitation ...><PMID ...>`` holding ``pmid`` and end with
    ``</PubmedData></PubmedArticle>`` (or ``</MedlineCitation>``).
    """
    first = bisect_left(tags.opens, cursor)
    if first == len(tags.opens):
        return None, cursor
    start = tags.opens[first]
    last = bisect_left(tags.closes, start)
    if last == len(tags.closes):
        return None, cursor
    close = tags.closes[last]
    end = close + len(_CLOSE)
    head = _RAW_HEAD.match(data, start, close)
    if head is None or head.group(1).decode() != pmid:
        return None, end
    tail = data[data.rfind(b"</", start, close) : close].rstrip()
    return (data[start:end] if tail in _RAW_LAST else None), end


def _is_utf8(data: bytes) -> bool:
    """Whether the document is UTF-8 (by its XML declaration; UTF-8 when there is none)."""
    if not data.startswith(b"<?xml"):
        return not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = _ENCODING.search(data, 0, data.find(b"?>"))
    return encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8")


def _reject_non_xml(data: bytes) -> None:
    """Name the usual wrong payloads (nothing, an HTML page, JSON or text) plainly."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        raise ParseError("empty input: expected PubMed efetch XML", item=_ITEM)
    if head.startswith((b"<!doctype html", b"<html")):
        raise ParseError("an HTML page, not PubMed efetch XML", item=_ITEM)
    if not head.startswith(b"<"):
        raise ParseError(f"not XML: starts with {head[:40]!r}", item=_ITEM)


def _release(element: _Element) -> None:
    """Free a finished entry and the already-cleared siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _skipped(element: _Element, index: int) -> RecordProblem:
    """The problem entry for a ``PubmedBookArticle`` or ``DeleteCitation``."""
    if element.tag == "DeleteCitation":
        pmids = [_text(pmid) or "?" for pmid in element.iterchildren("PMID")]
        message = f"DeleteCitation skipped: PMID {', '.join(pmids)} deleted from PubMed"
        return RecordProblem(index, pmids[0] if pmids else None, message)
    pmid = _text(element.find("BookDocument/PMID"))
    return RecordProblem(index, pmid, "PubmedBookArticle skipped: books are not supported")


def _read_record(element: _Element, index: int) -> Article | RecordProblem:
    """The record's article, or a problem when it lacks what every record has."""
    parts = _children(element)
    citation = _children(parts.get("MedlineCitation"))
    pmid = _text(citation.get("PMID"))
    article = citation.get("Article")
    if pmid is None or article is None:
        missing = "MedlineCitation" if not citation else "PMID" if pmid is None else "Article"
        return RecordProblem(index, pmid, f"PubmedArticle without {missing} skipped")
    return _article(pmid, citation, article, _children(parts.get("PubmedData")))


def _article(
    pmid: str, citation: dict[str, _Element], element: _Element, data: dict[str, _Element]
) -> Article:
    """Build the Article from ``MedlineCitation``'s children, ``Article``, ``PubmedData``."""
    article, locations, electronic = _article_children(element)
    journal_element = article.get("Journal")
    journal = _leaves(journal_element)
    issue_element = _child(journal_element, "JournalIssue")
    issue = _leaves(issue_element)
    pagination = _leaves(article.get("Pagination"))
    ids = _article_ids(data.get("ArticleIdList"))
    return Article(
        pmid=pmid,
        title=_markup(article.get("ArticleTitle")) or None,
        authors=_authors(article.get("AuthorList")),
        journal_title=journal.get("Title") or None,
        journal_iso=journal.get("ISOAbbreviation") or None,
        issn=journal.get("ISSN") or None,
        volume=issue.get("Volume") or None,
        issue=issue.get("Issue") or None,
        pages=pagination.get("MedlinePgn") or None,
        start_page=pagination.get("StartPage") or None,
        end_page=pagination.get("EndPage") or None,
        elocation=locations.get("pii"),
        pub_date=_date(_child(issue_element, "PubDate")) or PubDate(),
        electronic_date=_date(electronic),
        doi=ids.get("doi") or locations.get("doi"),
        pmcid=ids.get("pmc"),
        pii=ids.get("pii"),
        abstract=_abstract(article.get("Abstract")),
        publication_types=_texts(article.get("PublicationTypeList")),
        comments_corrections=_comments(citation.get("CommentsCorrectionsList")),
        nct_ids=_nct_ids(article.get("DataBankList")),
        publication_status=_text(data.get("PublicationStatus")),
        date_revised=_iso_date(citation.get("DateRevised")),
        language=_text(article.get("Language")),
        source=MetadataSource.PUBMED,
    )


def _article_children(
    element: _Element,
) -> tuple[dict[str, _Element], dict[str, str], _Element | None]:
    """One pass over ``Article``: the first child of each tag, the first valid
    ``ELocationID`` text of each ``EIdType``, and the first electronic ``ArticleDate``
    (``DateType`` is "Electronic" when absent: the DTD's default)."""
    first: dict[str, _Element] = {}
    locations: dict[str, str] = {}
    electronic = None
    for child in element:
        tag = child.tag
        if tag == "ELocationID":
            kind = child.get("EIdType")
            if kind is not None and kind not in locations and child.get("ValidYN") != "N":
                text = _text(child)
                if text is not None:
                    locations[kind] = text
        elif tag == "ArticleDate":
            if electronic is None and child.get("DateType", "Electronic") == "Electronic":
                electronic = child
        if tag not in first:
            first[tag] = child
    return first, locations, electronic


def _children(element: _Element | None) -> dict[str, _Element]:
    """The first child of each tag (one pass: much faster than a ``find()`` per field)."""
    return {} if element is None else {child.tag: child for child in reversed(element)}


def _leaves(element: _Element | None) -> dict[str, str]:
    """The stripped text of the first child of each tag ("" when blank).

    Only for children the DTD declares ``#PCDATA`` (no inline tags), whose ``.text`` is
    all their text; one dict comprehension is much faster than a call per field.
    """
    return {} if element is None else {c.tag: (c.text or "").strip() for c in reversed(element)}


def _child(element: _Element | None, tag: str) -> _Element | None:
    """The first child with this tag."""
    return None if element is None else next(element.iterchildren(tag), None)


def _text(element: _Element | None) -> str | None:
    """The element's plain text (inline tags dropped), stripped; ``None`` when blank."""
    if element is None:
        return None
    if len(element) == 0:
        text = element.text
    else:
        text = "".join(cast("Iterator[str]", element.itertext()))
    return (text.strip() or None) if text else None


def _texts(parent: _Element | None) -> tuple[str, ...]:
    """The non-blank texts of the children of ``parent``, in order."""
    found = () if parent is None else (_text(child) for child in parent)
    return tuple(text for text in found if text is not None)


def _escape(text: str) -> str:
    """``& < >`` as entities (``xml.sax.saxutils.escape`` without its call overhead)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markup(element: _Element | None) -> str:
    """The element's inner XML as Bio.Entrez ``escape=True`` gives it ("" when absent)."""
    if element is None:
        return ""
    text = element.text
    if len(element) == 0:
        return _escape(text) if text else ""
    parts = [_escape(text)] if text else []
    for child in element:
        _serialize(child, parts, in_math=False)
    return "".join(parts)


def _serialize(element: _Element, parts: list[str], *, in_math: bool) -> None:
    """Append ``<tag attrs>inner</tag>tail`` the way Bio.Entrez writes inline elements.

    Bio drops namespace prefixes, gives the outermost MathML element only
    ``xmlns="...MathML"`` in place of its attributes, and writes values unescaped.
    """
    tag = element.tag
    is_math = tag.startswith((_MATHML, "mml:"))
    name = tag.rpartition("}")[2].rpartition(":")[2] if is_math or ":" in tag else tag
    if is_math and not in_math:
        attributes = f' xmlns="{_MATHML[1:-1]}"'
    else:
        items = cast("list[tuple[str, str]]", element.items())
        attributes = "".join(f' {key}="{value}"' for key, value in items)
    text, tail = element.text, element.tail
    parts.append(f"<{name}{attributes}>{_escape(text)}" if text else f"<{name}{attributes}>")
    for child in element:
        _serialize(child, parts, in_math=in_math or is_math)
    parts.append(f"</{name}>{_escape(tail)}" if tail else f"</{name}>")


def _authors(author_list: _Element | None) -> tuple[Author, ...]:
    """Valid authors (``ValidYN`` not ``N``), people and collectives, in order."""
    authors: list[Author] = []
    for author in () if author_list is None else author_list.iterchildren("Author"):
        if author.get("ValidYN") == "N":
            continue
        names = {child.tag: child for child in reversed(author)}
        collective = names.get("CollectiveName")
        if collective is not None:  # may hold inline tags: read all of its text
            authors.append(Author(collective=_text(collective)))
        else:
            last, fore = names.get("LastName"), names.get("ForeName")
            initials, suffix = names.get("Initials"), names.get("Suffix")
            authors.append(Author(_leaf(last), _leaf(fore), _leaf(initials), _leaf(suffix)))
    return tuple(authors)


def _leaf(element: _Element | None) -> str | None:
    """A ``#PCDATA`` element's stripped text; ``None`` when absent or blank."""
    return None if element is None else (element.text or "").strip() or None


def _article_ids(id_list: _Element | None) -> dict[str, str]:
    """The record's own ``PubmedData/ArticleIdList``: the first id of each ``IdType``."""
    ids: dict[str, str] = {}
    for article_id in () if id_list is None else id_list:
        kind, text = article_id.get("IdType"), _text(article_id)
        if kind is not None and text is not None and kind not in ids:
            ids[kind] = text
    return ids


def _int(text: str | None) -> int | None:
    """``int(text)`` for a string of digits, else ``None``."""
    return int(text) if text and text.isdigit() else None


def _date(element: _Element | None) -> PubDate | None:
    """A ``PubDate``/``ArticleDate``: Year, Month, Day, Season, or verbatim MedlineDate."""
    if element is None:
        return None
    parts = _leaves(element)
    medline = parts.get("MedlineDate")
    if medline:
        found = _YEAR.search(medline)
        return PubDate(year=int(found.group()) if found else None, medline_date=medline)
    return _pub_date(parts.get("Year"), parts.get("Month"), parts.get("Day"), parts.get("Season"))


@lru_cache(maxsize=4096)  # dates repeat across records; a PubDate is immutable
def _pub_date(year: str | None, month: str | None, day: str | None, season: str | None) -> PubDate:
    """The ``PubDate`` of a date's Year, Month (``Jun``, ``June`` or ``06``), Day, Season."""
    number = _int(month) or _MONTHS.get((month or "")[:3].lower())
    month_number = number if number is not None and 1 <= number <= 12 else None
    return PubDate(_int(year), month_number, _int(day), season=season or None)


def _iso_date(element: _Element | None) -> str | None:
    """``DateRevised`` as ``YYYY-MM-DD``; ``None`` unless all three parts are numbers."""
    parts = _leaves(element)
    return _iso(parts.get("Year"), parts.get("Month"), parts.get("Day"))


@lru_cache(maxsize=4096)
def _iso(year_text: str | None, month_text: str | None, day_text: str | None) -> str | None:
    """``YYYY-MM-DD`` from three strings of digits; ``None`` unless all are."""
    year, month, day = _int(year_text), _int(month_text), _int(day_text)
    if year is None or month is None or day is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _abstract(abstract: _Element | None) -> tuple[AbstractSection, ...]:
    """Every ``AbstractText`` in order (never ``OtherAbstract``), with label and category."""
    sections = () if abstract is None else abstract.iterchildren("AbstractText")
    return tuple(
        AbstractSection(_markup(section), section.get("Label"), section.get("NlmCategory"))
        for section in sections
    )


def _comments(links: _Element | None) -> tuple[CommentCorrection, ...]:
    """CommentsCorrections links other than ``Cites`` (too many, and not integrity data)."""
    found: list[CommentCorrection] = []
    for link in () if links is None else links.iterchildren("CommentsCorrections"):
        ref_type = link.get("RefType")
        if ref_type is not None and ref_type != "Cites":
            parts = _leaves(link)
            source, pmid = parts.get("RefSource") or None, parts.get("PMID") or None
            found.append(CommentCorrection(ref_type, source, pmid))
    return tuple(found)


def _nct_ids(banks: _Element | None) -> tuple[str, ...]:
    """Accession numbers of the ``ClinicalTrials.gov`` data banks."""
    ids: list[str] = []
    for bank in () if banks is None else banks.iterchildren("DataBank"):
        if _leaves(bank).get("DataBankName") == "ClinicalTrials.gov":
            ids.extend(_texts(_child(bank, "AccessionNumberList")))
    return tuple(ids)
