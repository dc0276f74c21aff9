"""Parse PubMed efetch XML into :class:`~evidence.models.Article` records (pure: no I/O).

Each ``PubmedArticle`` is read through its own children (never ``.//``: the
``ReferenceList`` holds other papers' DOIs). No network, no DTD, no entity resolution: the
baseline files' ``http://`` DOCTYPE just works. Titles and abstract sections are *markup*
exactly as Bio.Entrez's ``DataHandler(escape=True)`` gives them; every other field is plain,
stripped text.

A document of up to ``_WHOLE_UP_TO`` bytes (an efetch reply) is parsed whole: that spares
lxml's per-element event hooks and piecemeal freeing. A larger one (a baseline file) streams
through ``iterparse`` start events, its read entries freed in batches. Either way entries
are read in end-event order (innermost first), and malformed XML is walked again with end
events so that the same error wins. Each ``raw`` is cut from the input where that is safe.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from evidence.errors import ParseError
from evidence.models import Article
from evidence.pubmed_record import child_map, element_text, read_article

__all__ = ["ParsedArticle", "PubmedParse", "RecordProblem", "parse_pubmed"]

_Element = etree._Element
_ITEM = "PubMed XML"
_ENTRY_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation", "ERROR")
_ROOT_TAGS = frozenset({"PubmedArticleSet", "PubmedArticle", "eFetchResult", "ERROR"})
_LXML_POSITION = re.compile(r", line \d+, column \d+$")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_NAME, _CLOSE = b"PubmedArticle>", b"</PubmedArticle>"
_RAW_HEAD = re.compile(rb"<PubmedArticle>\s*<MedlineCitation[^>]*>\s*<PMID[^>]*>\s*(\d+)\s*</PMID>")
_RAW_LAST = (b"</PubmedData>", b"</MedlineCitation>")
_FREE_EVERY = 32  # entries
_WHOLE_UP_TO = 8_000_000  # bytes (a tree of ~60 MB): parsed whole, skipping lxml's event hooks
_OPTIONS: dict[str, Any] = {  # no network, no DTD, no entities
    "no_network": True,
    "resolve_entities": False,
    "load_dtd": False,
    "remove_comments": True,
    "remove_pis": True,
}
_Tags = tuple[list[int], list[int]]  # offsets of <PubmedArticle>, of </PubmedArticle>


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
    tags = _tag_offsets(data) if keep_raw and _is_utf8(data) else None
    # Cutting is sound only when every <PubmedArticle> and </PubmedArticle> in ``data`` is
    # a tag; counts that differ mean one sits in a comment, CDATA or PI: serialize.
    if tags is not None and len(tags[0]) != len(tags[1]):
        tags = None
    collector = _walk(data, keep_raw, tags)
    if tags is not None and len(tags[0]) != collector.articles:
        collector = _walk(data, keep_raw, None)
    return collector.result()


def _tag_offsets(data: bytes) -> _Tags:
    """Where every ``<PubmedArticle>`` and ``</PubmedArticle>`` string starts (one scan)."""
    opens: list[int] = []
    closes: list[int] = []
    found = data.find(_NAME)
    while found >= 0:
        if data[found - 1 : found] == b"<":
            opens.append(found - 1)
        elif found >= 2 and data[found - 2 : found] == b"</":
            closes.append(found - 2)
        found = data.find(_NAME, found + len(_NAME))
    return opens, closes


def _walk(data: bytes, keep_raw: bool, tags: _Tags | None) -> _Collector:
    """One pass over ``data`` (whole up to ``_WHOLE_UP_TO`` bytes, else streamed), reading
    entries in end-event order; malformed XML is left to :func:`_walk_end_events`."""
    collector = _Collector(data, keep_raw, tags)
    try:
        if len(data) <= _WHOLE_UP_TO:
            root = etree.fromstring(data, etree.XMLParser(**_OPTIONS))  # freed at once, cheaply
            _read_in_order(root.iter(*_ENTRY_TAGS), collector, free_every=0)
        else:
            events = etree.iterparse(io.BytesIO(data), ("start",), tag=_ENTRY_TAGS, **_OPTIONS)
            entries = (element for _event, element in events)
            _read_in_order(entries, collector, free_every=_FREE_EVERY)
            root = events.root
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # an <ERROR> that ended before the fault must win, as at end events
        return _walk_end_events(data, keep_raw, tags)
    _check_root(root)
    return collector


def _walk_end_events(data: bytes, keep_raw: bool, tags: _Tags | None) -> _Collector:
    """The plain streaming pass: each entry read and freed at its end event."""
    collector = _Collector(data, keep_raw, tags)
    events = etree.iterparse(io.BytesIO(data), ("end",), tag=_ENTRY_TAGS, **_OPTIONS)
    try:
        for _event, element in events:
            collector.add(element)
            _release(element)
    except etree.XMLSyntaxError as exc:
        message = _LXML_POSITION.sub("", " ".join(str(exc.msg or exc).split()))
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        raise ParseError(f"malformed or truncated XML: {message}", item=_ITEM, line=line) from exc
    _check_root(events.root)
    return collector


def _check_root(root: _Element | None) -> None:
    """Refuse a document whose root is not an efetch reply's."""
    if root is None or root.tag not in _ROOT_TAGS:
        name = "nothing" if root is None else f"<{root.tag}>"
        raise ParseError(f"not PubMed efetch XML: the document holds {name}", item=_ITEM)


def _read_in_order(entries: Iterator[_Element], collector: _Collector, *, free_every: int) -> None:
    """Read entries given in start order once a later one starts outside them (or at the
    end), innermost first: the order end events give. Read entries are freed
    ``free_every`` at a time (never for 0), which costs less than one by one."""
    started: list[_Element] = []  # entries not yet read, each inside the one before
    unfreed = 0
    for element in entries:
        unfreed += _read_finished(started, element, collector)
        if free_every and unfreed >= free_every and not started:
            parent = element.getparent()
            if parent is not None:
                del parent[: parent.index(element)]
            unfreed = 0
        started.append(element)
    _read_finished(started, None, collector)


def _read_finished(started: list[_Element], element: _Element | None, collector: _Collector) -> int:
    """Read the started entries ``element`` is not inside (all for ``None``); how many."""
    count = 0
    while started and (element is None or started[-1] not in element.iterancestors()):
        entry = started.pop()
        collector.add(entry)
        if started:  # inside an unread entry, whose reader may see it: free it as end events do
            _release(entry)
        count += 1
    return count


class _Collector:
    """Records and problems gathered in one pass, with each record's ``raw`` bytes."""

    def __init__(self, data: bytes, keep_raw: bool, tags: _Tags | None) -> None:
        self.data, self.keep_raw, self.tags = data, keep_raw, tags
        self.cursor = self.index = self.articles = 0
        self.records: list[tuple[Article, bytes | slice]] = []
        self.problems: list[RecordProblem] = []

    def result(self) -> PubmedParse:
        """The records, their cuts sliced only now (so the bytes don't split lxml's heap)."""
        data = self.data
        records = tuple(
            ParsedArticle(article, raw if isinstance(raw, bytes) else data[raw])
            for article, raw in self.records
        )
        return PubmedParse(records, tuple(self.problems))

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
                self.records.append((found, raw))
        elif tag == "ERROR":
            message = element_text(element) or "no message"
            raise ParseError(f"NCBI returned an error: {message}", item=_ITEM)
        else:
            self.problems.append(_skipped(element, self.index))
        self.index += 1

    def _raw(self, element: _Element, pmid: str | None) -> bytes | slice:
        """The element's own bytes (or where to cut them from the input), else serialized."""
        if self.tags is not None:
            raw, self.cursor = _cut(self.data, self.tags, self.cursor, pmid)
            if raw is not None:
                return raw
        return etree.tostring(element, encoding="UTF-8", with_tail=False)


def _cut(data: bytes, tags: _Tags, cursor: int, pmid: str | None) -> tuple[slice | None, int]:
    """Where the next ``<PubmedArticle>...</PubmedArticle>`` after ``cursor`` is, new cursor.

    Much cheaper than serializing. Sound only when every such string in ``data`` is a tag
    (``parse_pubmed`` checks the counts); the cut must also start with
    ``<PubmedArticle><MedlineCitation ...><PMID ...>`` holding ``pmid`` and end with
    ``</PubmedData></PubmedArticle>`` (or ``</MedlineCitation>``).
    """
    opens, closes = tags
    first = bisect_left(opens, cursor)
    last = bisect_left(closes, opens[first]) if first < len(opens) else len(closes)
    if last == len(closes):
        return None, cursor
    start, close = opens[first], closes[last]
    end = close + len(_CLOSE)
    head = _RAW_HEAD.match(data, start, close)
    if head is None or head.group(1).decode() != pmid:
        return None, end
    tail = data[data.rfind(b"</", start, close) : close].rstrip()
    return (slice(start, end) if tail in _RAW_LAST else None), end


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
        pmids = [element_text(pmid) or "?" for pmid in element.iterchildren("PMID")]
        message = f"DeleteCitation skipped: PMID {', '.join(pmids)} deleted from PubMed"
        return RecordProblem(index, pmids[0] if pmids else None, message)
    pmid = element_text(element.find("BookDocument/PMID"))
    return RecordProblem(index, pmid, "PubmedBookArticle skipped: books are not supported")


def _read_record(element: _Element, index: int) -> Article | RecordProblem:
    """The record's article, or a problem when it lacks what every record has."""
    parts = child_map(element)
    citation = child_map(parts.get("MedlineCitation"))
    pmid = element_text(citation.get("PMID"))
    article = citation.get("Article")
    if pmid is None or article is None:
        missing = "MedlineCitation" if not citation else "PMID" if pmid is None else "Article"
        return RecordProblem(index, pmid, f"PubmedArticle without {missing} skipped")
    try:
        return read_article(pmid, citation, article, child_map(parts.get("PubmedData")))
    except ParseError as exc:
        return RecordProblem(index, pmid, f"PubmedArticle skipped: {exc.message}")
