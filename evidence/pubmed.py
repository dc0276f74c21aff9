"""Parse PubMed efetch XML into :class:`~evidence.models.Article` records (pure: no I/O).

One streaming ``lxml.etree.iterparse`` pass; each ``PubmedArticle`` is read through its
own children (never ``.//``: the ``ReferenceList`` holds other papers' DOIs) and freed.
No network, no DTD, no entity resolution: the baseline files' ``http://`` DOCTYPE just
works. Titles and abstract sections are *markup* exactly as Bio.Entrez's
``DataHandler(escape=True)`` gives them; every other field is plain, stripped text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast
from xml.sax.saxutils import escape

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
_OPEN, _CLOSE = b"<PubmedArticle>", b"</PubmedArticle>"
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
    collector = _walk(data, keep_raw, cut=keep_raw and _is_utf8(data))
    if collector.cut and not data.count(_OPEN) == data.count(_CLOSE) == collector.articles:
        # A <PubmedArticle> or </PubmedArticle> in a comment, CDATA or PI: serialize.
        collector = _walk(data, keep_raw, cut=False)
    return PubmedParse(tuple(collector.records), tuple(collector.problems))


def _walk(data: bytes, keep_raw: bool, *, cut: bool) -> _Collector:
    """One streaming pass over ``data``, freeing each entry once it is read."""
    collector = _Collector(data, keep_raw, cut)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=_ENTRY_TAGS,
        no_network=True,
        resolve_entities=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for _event, element in events:
            collector.add(element)
            _release(element)
        root = events.root
    except etree.XMLSyntaxError as exc:
        message = _LXML_POSITION.sub("", " ".join(str(exc.msg or exc).split()))
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        raise ParseError(f"malformed or truncated XML: {message}", item=_ITEM, line=line) from exc
    if root is None or root.tag not in _ROOT_TAGS:
        name = "nothing" if root is None else f"<{root.tag}>"
        raise ParseError(f"not PubMed efetch XML: the document holds {name}", item=_ITEM)
    return collector


class _Collector:
    """Records and problems gathered in one pass, with each record's ``raw`` bytes."""

    def __init__(self, data: bytes, keep_raw: bool, cut: bool) -> None:
        self.data, self.keep_raw, self.cut = data, keep_raw, cut
        self.cursor = self.index = self.articles = 0
        self.records: list[ParsedArticle] = []
        self.problems: list[RecordProblem] = []

    def add(self, element: _Element) -> None:
        """Read one finished entry (a tag of ``_ENTRY_TAGS``)."""
        if element.tag == "ERROR":
            message = _text(element) or "no message"
            raise ParseError(f"NCBI returned an error: {message}", item=_ITEM)
        if element.tag != "PubmedArticle":
            self.problems.append(_skipped(element, self.index))
        else:
            self.articles += 1
            found = _read_record(element, self.index)
            raw = self._raw(element, found.pmid) if self.keep_raw else b""
            if isinstance(found, RecordProblem):
                self.problems.append(found)
            else:
                self.records.append(ParsedArticle(found, raw))
        self.index += 1

    def _raw(self, element: _Element, pmid: str | None) -> bytes:
        """The element's own bytes: cut from the input where safe, else serialized."""
        if self.cut:
            raw, self.cursor = _cut(self.data, self.cursor, pmid)
            if raw is not None:
                return raw
        return etree.tostring(element, encoding="UTF-8", with_tail=False)


def _cut(data: bytes, cursor: int, pmid: str | None) -> tuple[bytes | None, int]:
    """The next ``<PubmedArticle>...</PubmedArticle>`` bytes after ``cursor``, new cursor.

    About half the cost of serializing. Sound only when every such string in ``data`` is a tag
    (``parse_pubmed`` checks the counts afterwards); the cut must also start with
    ``<PubmedArticle><MedlineCitation ...><PMID ...>`` holding ``pmid`` and end with
    ``</PubmedData></PubmedArticle>`` (or ``</MedlineCitation>``).
    """
    start = data.find(_OPEN, cursor)
    close = data.find(_CLOSE, start) if start >= 0 else -1
    if close < 0:
        return None, cursor
    end = close + len(_CLOSE)
    head = _RAW_HEAD.match(data, start, close)
    if head is None or head.group(1).decode() != pmid:
        return None, end
    last = data[data.rfind(b"</", start, close) : close].rstrip()
    return (data[start:end] if last in _RAW_LAST else None), end


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
    article = _children(element)
    journal = _leaves(article.get("Journal"))
    issue_element = _child(article.get("Journal"), "JournalIssue")
    issue = _leaves(issue_element)
    pagination = _leaves(article.get("Pagination"))
    ids = _article_ids(data.get("ArticleIdList"))
    dates = element.iterchildren("ArticleDate")  # DateType is "Electronic" (the DTD's default)
    electronic = (d for d in dates if d.get("DateType", "Electronic") == "Electronic")
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
        elocation=_elocation(element, "pii"),
        pub_date=_date(_child(issue_element, "PubDate")) or PubDate(),
        electronic_date=_date(next(electronic, None)),
        doi=ids.get("doi") or _elocation(element, "doi"),
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


def _markup(element: _Element | None) -> str:
    """The element's inner XML as Bio.Entrez ``escape=True`` gives it ("" when absent)."""
    text = element.text if element is not None else None
    if element is None or len(element) == 0:
        return escape(text) if text else ""
    parts = [escape(text)] if text else []
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
    parts.append(f"<{name}{attributes}>{escape(text)}" if text else f"<{name}{attributes}>")
    for child in element:
        _serialize(child, parts, in_math=in_math or is_math)
    parts.append(f"</{name}>{escape(tail)}" if tail else f"</{name}>")


def _authors(author_list: _Element | None) -> tuple[Author, ...]:
    """Valid authors (``ValidYN`` not ``N``), people and collectives, in order."""
    authors: list[Author] = []
    for author in () if author_list is None else author_list.iterchildren("Author"):
        if author.get("ValidYN") == "N":
            continue
        names = _leaves(author)
        if "CollectiveName" in names:  # may hold inline tags: read all of its text
            authors.append(Author(collective=_text(_child(author, "CollectiveName"))))
            continue
        family, given = names.get("LastName") or None, names.get("ForeName") or None
        initials, suffix = names.get("Initials") or None, names.get("Suffix") or None
        authors.append(Author(family, given, initials, suffix))
    return tuple(authors)


def _elocation(article: _Element, kind: str) -> str | None:
    """The first valid ``ELocationID`` of the given ``EIdType``."""
    for location in article.iterchildren("ELocationID"):
        if location.get("EIdType") == kind and location.get("ValidYN") != "N":
            text = _text(location)
            if text is not None:
                return text
    return None


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


def _month(text: str | None) -> int | None:
    """``Jun``, ``June`` or ``06`` -> 6; anything else -> ``None``."""
    number = _int(text) or _MONTHS.get((text or "")[:3].lower())
    return number if number is not None and 1 <= number <= 12 else None


def _date(element: _Element | None) -> PubDate | None:
    """A ``PubDate``/``ArticleDate``: Year, Month, Day, Season, or verbatim MedlineDate."""
    if element is None:
        return None
    parts = _leaves(element)
    medline = parts.get("MedlineDate")
    if medline:
        found = _YEAR.search(medline)
        return PubDate(year=int(found.group()) if found else None, medline_date=medline)
    year, month, day = _int(parts.get("Year")), _month(parts.get("Month")), _int(parts.get("Day"))
    return PubDate(year, month, day, season=parts.get("Season") or None)


def _iso_date(element: _Element | None) -> str | None:
    """``DateRevised`` as ``YYYY-MM-DD``; ``None`` unless all three parts are numbers."""
    parts = _leaves(element)
    year, month, day = _int(parts.get("Year")), _int(parts.get("Month")), _int(parts.get("Day"))
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
