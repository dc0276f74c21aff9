"""Parse PubMed efetch XML into :class:`~evidence.models.Article` records (pure: no I/O).

One streaming pass with ``lxml.etree.iterparse``; each ``PubmedArticle`` is read with
paths rooted at the record (never ``.//``: the ``ReferenceList`` holds other papers'
DOIs) and then cleared. The parser never touches the network, never loads a DTD and
never resolves entities, so the 2021 baseline files' ``http://`` DOCTYPE just works.

Titles and abstract sections are *markup* exactly as Bio.Entrez's
``DataHandler(escape=True)`` yields them; every other field is plain, stripped text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

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

_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation", "ERROR")
_ROOT_TAGS = frozenset({"PubmedArticleSet", "PubmedArticle", "eFetchResult", "ERROR"})
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_MATHML_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_YEAR = re.compile(r"\d{4}")
_ITEM = "PubMed XML"
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_OPEN = b"<PubmedArticle>"
_CLOSE = b"</PubmedArticle>"
_RAW_HEAD = re.compile(rb"<PubmedArticle>\s*<MedlineCitation[^>]*>\s*<PMID[^>]*>\s*(\d+)\s*</PMID>")
_RAW_TAIL = re.compile(rb"</(?:PubmedData|MedlineCitation)>\s*</PubmedArticle>\Z")
# The children each level is read for: fetching only these skips the rest (MeSH, references).
_RECORD_PARTS = ("MedlineCitation", "PubmedData")
_CITATION_PARTS = ("PMID", "Article", "DateRevised", "CommentsCorrectionsList")
_DATA_PARTS = ("PublicationStatus", "ArticleIdList")
_ARTICLE_PARTS = (
    "Journal", "ArticleTitle", "Pagination", "Abstract", "AuthorList", "Language",
    "DataBankList", "PublicationTypeList",
)
_AUTHOR_TAGS = ("Author", "LastName", "ForeName", "Initials", "Suffix", "CollectiveName")
_LXML_POSITION = re.compile(r", line \d+, column \d+$")


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A record entry that was skipped: its 0-based position, PMID (if any) and why."""

    index: int
    pmid: str | None
    message: str


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article and the serialized ``<PubmedArticle>`` element it was read from."""

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
    """Parse efetch XML (a ``PubmedArticleSet`` or one bare ``PubmedArticle``).

    Book articles, ``DeleteCitation`` entries and records without a PMID are skipped
    and reported in ``problems``. With ``keep_raw=False`` every ``raw`` is ``b""``.
    Raises :class:`ParseError` for malformed or truncated XML, for an NCBI ``<ERROR>``
    document and for anything that is not PubMed XML (an HTML page, another E-utility).
    """
    _reject_non_xml(data)
    collector = _Collector(data, keep_raw)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=_RECORD_TAGS,
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
        raise _syntax_error(exc) from exc
    if root is None or root.tag not in _ROOT_TAGS:
        name = "nothing" if root is None else f"<{root.tag}>"
        raise ParseError(f"not PubMed efetch XML: the document holds {name}", item=_ITEM)
    return PubmedParse(tuple(collector.records), tuple(collector.problems))


class _Collector:
    """Records and problems gathered during one pass, and each record's ``raw`` bytes."""

    def __init__(self, data: bytes, keep_raw: bool) -> None:
        self.data = data
        self.keep_raw = keep_raw
        self.cut = keep_raw and _is_utf8(data)
        self.cursor = 0
        self.records: list[ParsedArticle] = []
        self.problems: list[RecordProblem] = []
        self.index = 0

    def add(self, element: _Element) -> None:
        """Read one finished entry (a tag of ``_RECORD_TAGS``)."""
        tag = element.tag
        if tag == "ERROR":
            message = _plain(element) or "no message"
            raise ParseError(f"NCBI returned an error: {message}", item=_ITEM)
        if tag == "PubmedArticle":
            found = _read_record(element, self.index)
            raw = self._raw(element, found) if self.keep_raw else b""
            if isinstance(found, RecordProblem):
                self.problems.append(found)
            else:
                self.records.append(ParsedArticle(found, raw))
        else:
            self.problems.append(_skipped(element, self.index))
        self.index += 1

    def _raw(self, element: _Element, found: Article | RecordProblem) -> bytes:
        """The element's own bytes, cut from the input, else serialized by lxml.

        Cutting is ~20x cheaper. A cut is used only if it starts with this record's
        ``<PubmedArticle><MedlineCitation ...><PMID ...>`` and ends with
        ``</PubmedData></PubmedArticle>`` (or ``</MedlineCitation>``), so that a tag in a
        comment or CDATA cannot shift it (efetch writes neither).
        """
        if self.cut:
            data = self.data
            start = data.find(_OPEN, self.cursor)
            end = data.find(_CLOSE, start) + len(_CLOSE) if start >= 0 else -1
            if start >= 0 and end >= len(_CLOSE):
                self.cursor = end
                head = _RAW_HEAD.match(data, start)
                if (
                    head is not None
                    and head.group(1).decode() == found.pmid
                    and _RAW_TAIL.search(data, max(start, end - 100), end) is not None
                ):
                    return data[start:end]
        return etree.tostring(element, encoding="UTF-8", with_tail=False)


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


def _syntax_error(exc: etree.XMLSyntaxError) -> ParseError:
    """Turn lxml's error into a one-line ParseError that keeps the line number."""
    message = _LXML_POSITION.sub("", " ".join(str(exc.msg or exc).split()))
    line = exc.lineno if exc.lineno and exc.lineno > 0 else None
    return ParseError(f"malformed or truncated XML: {message}", item=_ITEM, line=line)


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
        pmids = [_plain(pmid) or "?" for pmid in element.iterfind("PMID")]
        first = pmids[0] if pmids else None
        return RecordProblem(
            index, first, f"DeleteCitation skipped: PMID {', '.join(pmids)} deleted from PubMed"
        )
    pmid = _text(element.find("BookDocument/PMID"))
    return RecordProblem(index, pmid, "PubmedBookArticle skipped: books are not supported")


def _read_record(element: _Element, index: int) -> Article | RecordProblem:
    """The record's article, or a problem when it lacks what every record has."""
    parts = _children(element, _RECORD_PARTS)
    citation = _children(parts.get("MedlineCitation"), _CITATION_PARTS)
    pmid = _text(citation.get("PMID"))
    article = citation.get("Article")
    if pmid is None or article is None:
        missing = "MedlineCitation" if not citation else "PMID" if pmid is None else "Article"
        return RecordProblem(index, pmid, f"PubmedArticle without {missing} skipped")
    return _article(pmid, citation, article, _children(parts.get("PubmedData"), _DATA_PARTS))


def _children(element: _Element | None, tags: tuple[str, ...]) -> dict[str, _Element]:
    """The first child of each of ``tags`` (one pass: much faster than a ``find()`` each)."""
    if element is None:
        return {}
    return {child.tag: child for child in element.iterchildren(*tags, reversed=True)}


def _leaves(element: _Element | None) -> dict[str, str]:
    """The stripped text of the first child of each tag ("" when blank).

    Only for children the DTD declares ``#PCDATA`` (no inline tags), whose ``.text`` is
    all of their text; one dict comprehension is much faster than a call per field.
    """
    if element is None:
        return {}
    return {child.tag: (child.text or "").strip() for child in reversed(element)}


def _child(element: _Element | None, tag: str) -> _Element | None:
    """The first child with this tag."""
    return None if element is None else next(element.iterchildren(tag), None)


def _article(
    pmid: str, citation: dict[str, _Element], element: _Element, data: dict[str, _Element]
) -> Article:
    """Build the Article from ``MedlineCitation`` children, its ``Article``, ``PubmedData``."""
    article = _children(element, _ARTICLE_PARTS)
    journal = _leaves(article.get("Journal"))
    issue_element = _child(article.get("Journal"), "JournalIssue")
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
        elocation=_elocation(element, "pii"),
        pub_date=_date(_child(issue_element, "PubDate")) or PubDate(),
        electronic_date=_electronic_date(element),
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


def _text(element: _Element | None) -> str | None:
    """The element's plain text, stripped; ``None`` when absent or blank."""
    if element is None:
        return None
    text = element.text if len(element) == 0 else _all_text(element)
    if text is None:
        return None
    return text.strip() or None


def _all_text(element: _Element) -> str:
    """All text inside the element, tags dropped."""
    return "".join(cast("Iterator[str]", element.itertext()))


def _plain(element: _Element) -> str:
    """All text inside the element, stripped ("" when there is none)."""
    return _all_text(element).strip()


def _texts(parent: _Element | None) -> tuple[str, ...]:
    """The non-blank texts of the children of ``parent``, in order."""
    if parent is None:
        return ()
    found = (_text(child) for child in parent)
    return tuple(text for text in found if text is not None)


def _escape(text: str) -> str:
    """Escape ``& < >`` as xml.sax.saxutils.escape does."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _markup(element: _Element | None) -> str:
    """The element's inner XML as Bio.Entrez ``escape=True`` gives it ("" when absent)."""
    if element is None:
        return ""
    if len(element) == 0:
        return _escape(element.text) if element.text else ""
    parts: list[str] = [_escape(element.text)] if element.text else []
    for child in element:
        _serialize(child, parts, in_math=False)
    return "".join(parts)


def _serialize(element: _Element, parts: list[str], *, in_math: bool) -> None:
    """Append ``<tag attrs>inner</tag>tail`` the way Bio.Entrez writes raw elements.

    Bio drops namespace prefixes, and gives the outermost MathML element only
    ``xmlns="...MathML"`` in place of its attributes; values are written unescaped.
    """
    tag = element.tag
    is_math = tag.startswith((_MATHML, "mml:"))
    name = tag.rpartition("}")[2].rpartition(":")[2] if is_math or ":" in tag else tag
    if is_math and not in_math:
        attributes = _MATHML_XMLNS
    else:
        items = cast("list[tuple[str, str]]", element.items())
        attributes = "".join(f' {key}="{value}"' for key, value in items)
    text = element.text
    parts.append(f"<{name}{attributes}>{_escape(text)}" if text else f"<{name}{attributes}>")
    for child in element:
        _serialize(child, parts, in_math=in_math or is_math)
    tail = element.tail
    parts.append(f"</{name}>{_escape(tail)}" if tail else f"</{name}>")


def _authors(author_list: _Element | None) -> tuple[Author, ...]:
    """Valid authors, people and collectives, in order.

    One ``iter()`` over the list yields each ``Author`` and then its name parts (never
    affiliations or identifiers), which is faster than reading each author's children.
    """
    if author_list is None:
        return ()
    authors: list[Author] = []
    names: list[str | None] | None = None
    for element in author_list.iter(*_AUTHOR_TAGS):
        slot = _AUTHOR_TAGS.index(element.tag) - 1
        if slot < 0:  # a new <Author>
            if names is not None:
                authors.append(Author(*names))
            names = None if element.get("ValidYN") == "N" else [None] * 5
        elif names is not None and element.getparent() is not None:
            names[slot] = _text(element)
    if names is not None:
        authors.append(Author(*names))
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
    if id_list is None:
        return ids
    for article_id in id_list:
        kind = article_id.get("IdType")
        text = _text(article_id)
        if kind is not None and text is not None and kind not in ids:
            ids[kind] = text
    return ids


def _int(text: str | None) -> int | None:
    """``int(text)`` for a string of digits, else ``None``."""
    return int(text) if text is not None and text.isdigit() else None


def _month(text: str | None) -> int | None:
    """``Jun``, ``June`` or ``06`` -> 6; anything else -> ``None``."""
    if text is None:
        return None
    number = _int(text)
    if number is None:
        number = _MONTHS.get(text[:3].lower())
    return number if number is not None and 1 <= number <= 12 else None


def _date(element: _Element | None) -> PubDate | None:
    """A ``PubDate``/``ArticleDate``: Year, Month, Day, Season, or verbatim MedlineDate."""
    if element is None:
        return None
    parts = _leaves(element)
    medline = parts.get("MedlineDate")
    if medline:
        year = _YEAR.search(medline)
        return PubDate(year=int(year.group()) if year else None, medline_date=medline)
    return PubDate(
        year=_int(parts.get("Year")),
        month=_month(parts.get("Month")),
        day=_int(parts.get("Day")),
        season=parts.get("Season") or None,
    )


def _electronic_date(article: _Element) -> PubDate | None:
    """The first ``ArticleDate`` of type Electronic (the DTD's only, default type)."""
    for element in article.iterchildren("ArticleDate"):
        if element.get("DateType", "Electronic") == "Electronic":
            return _date(element)
    return None


def _iso_date(element: _Element | None) -> str | None:
    """``DateRevised`` as ``YYYY-MM-DD``; ``None`` unless all three parts are numbers."""
    parts = _leaves(element)
    year, month, day = _int(parts.get("Year")), _int(parts.get("Month")), _int(parts.get("Day"))
    if year is None or month is None or day is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _abstract(abstract: _Element | None) -> tuple[AbstractSection, ...]:
    """Every ``AbstractText`` in order, as markup with its label and category."""
    if abstract is None:
        return ()
    return tuple(
        AbstractSection(
            text=_markup(section),
            label=section.get("Label"),
            nlm_category=section.get("NlmCategory"),
        )
        for section in abstract.iterchildren("AbstractText")
    )


def _comments(links: _Element | None) -> tuple[CommentCorrection, ...]:
    """CommentsCorrections links other than ``Cites`` (too many, and not integrity data)."""
    if links is None:
        return ()
    found: list[CommentCorrection] = []
    for link in links.iterchildren("CommentsCorrections"):
        ref_type = link.get("RefType")
        if ref_type is None or ref_type == "Cites":
            continue
        parts = _leaves(link)
        found.append(
            CommentCorrection(ref_type, parts.get("RefSource") or None, parts.get("PMID") or None)
        )
    return tuple(found)


def _nct_ids(banks: _Element | None) -> tuple[str, ...]:
    """Accession numbers of the ``ClinicalTrials.gov`` data banks."""
    if banks is None:
        return ()
    ids: list[str] = []
    for bank in banks.iterchildren("DataBank"):
        if _leaves(bank).get("DataBankName") == "ClinicalTrials.gov":
            ids.extend(_texts(_child(bank, "AccessionNumberList")))
    return tuple(ids)
