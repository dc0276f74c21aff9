"""One ``PubmedArticle`` element -> :class:`~evidence.models.Article` (pure).

Every field is read through the record's own children, never ``.//`` (the
``ReferenceList`` holds other papers' DOIs). Titles and abstract sections are *markup*
exactly as Bio.Entrez's ``DataHandler(escape=True)`` gives them: inline tags kept, MathML
kept without its prefix, ``& < >`` of the text escaped. Every other field is plain, stripped
text; unknown is None. :mod:`evidence.pubmed` walks documents and calls :func:`read_article`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
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

_Element = etree._Element
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_YEAR = re.compile(r"\d{4}")
_DATE_PARTS = {"Year": 0, "Month": 1, "Day": 2, "Season": 3, "MedlineDate": 4}


def read_article(
    pmid: str, citation: dict[str, _Element], element: _Element, data: dict[str, _Element]
) -> Article:
    """Build the Article from ``MedlineCitation``'s children, ``Article``, ``PubmedData``."""
    article, locations, electronic = _article_children(element)
    journal, issue_element = _leaves_and(article.get("Journal"), "JournalIssue")
    issue, pub_date = _leaves_and(issue_element, "PubDate")
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
        pub_date=_date(pub_date) or PubDate(),
        electronic_date=_date(electronic),
        doi=ids.get("doi") or locations.get("doi"),
        pmcid=ids.get("pmc"),
        pii=ids.get("pii"),
        abstract=_abstract(article.get("Abstract")),
        publication_types=_texts(article.get("PublicationTypeList")),
        comments_corrections=_comments(citation.get("CommentsCorrectionsList")),
        nct_ids=_nct_ids(article.get("DataBankList")),
        publication_status=element_text(data.get("PublicationStatus")),
        date_revised=_iso_date(citation.get("DateRevised")),
        language=element_text(article.get("Language")),
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
                text = element_text(child)
                if text is not None:
                    locations[kind] = text
        elif tag == "ArticleDate":
            if electronic is None and child.get("DateType", "Electronic") == "Electronic":
                electronic = child
        if tag not in first:
            first[tag] = child
    return first, locations, electronic


def child_map(element: _Element | None) -> dict[str, _Element]:
    """The first child of each tag (one pass: much faster than a ``find()`` per field)."""
    return {} if element is None else {child.tag: child for child in reversed(element)}


def _leaves(element: _Element | None) -> dict[str, str]:
    """The stripped text of the first child of each tag ("" when blank); only for children
    the DTD declares ``#PCDATA`` (no inline tags), whose ``.text`` is all their text."""
    return {} if element is None else {c.tag: (c.text or "").strip() for c in reversed(element)}


def element_text(element: _Element | None) -> str | None:
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
    if parent is None:
        return ()
    return tuple([text for child in parent if (text := element_text(child)) is not None])


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
    if not isinstance(tag, str):  # an entity reference no DTD was loaded to expand
        raise ParseError(f"unexpanded entity {element.text} in the record's text")
    is_math = tag.startswith((_MATHML, "mml:"))
    name = tag.rpartition("}")[2].rpartition(":")[2] if is_math or ":" in tag else tag
    if is_math and not in_math:
        attributes = f' xmlns="{_MATHML[1:-1]}"'
    elif items := element.items():
        pairs = cast("list[tuple[str, str]]", items)
        attributes = "".join([f' {key}="{value}"' for key, value in pairs])
    else:
        attributes = ""
    text, tail = element.text, element.tail
    parts.append(f"<{name}{attributes}>{_escape(text)}" if text else f"<{name}{attributes}>")
    if len(element):
        for child in element:
            _serialize(child, parts, in_math=in_math or is_math)
    parts.append(f"</{name}>{_escape(tail)}" if tail else f"</{name}>")


def _authors(author_list: _Element | None) -> tuple[Author, ...]:
    """Valid authors (``ValidYN`` not ``N``), people and collectives, in order."""
    authors: list[Author] = []
    for author in () if author_list is None else author_list.iterchildren("Author"):
        if author.get("ValidYN") != "N":
            authors.append(_author(author))
    return tuple(authors)


def _author(author: _Element) -> Author:
    """A person, or a collective when there is a ``CollectiveName``."""
    family = given = initials = suffix = None
    collective = None
    for child in reversed(author):  # backwards: the first child of each tag wins
        tag = child.tag
        if tag == "LastName":
            family = child.text
        elif tag == "ForeName":
            given = child.text
        elif tag == "Initials":
            initials = child.text
        elif tag == "Suffix":
            suffix = child.text
        elif tag == "CollectiveName":
            collective = child
    if collective is not None:  # may hold inline tags: read all of its text
        return Author(collective=element_text(collective))
    return Author(
        (family and family.strip()) or None,
        (given and given.strip()) or None,
        (initials and initials.strip()) or None,
        (suffix and suffix.strip()) or None,
    )


def _article_ids(id_list: _Element | None) -> dict[str, str]:
    """The record's own ``PubmedData/ArticleIdList``: the first id of each ``IdType``."""
    ids: dict[str, str] = {}
    for article_id in () if id_list is None else id_list:
        kind = article_id.get("IdType")
        if kind is not None and kind not in ids and (text := element_text(article_id)) is not None:
            ids[kind] = text
    return ids


def _int(text: str | None) -> int | None:
    """``int(text)`` for a string of digits, else ``None``."""
    return int(text) if text and text.isdigit() else None


def _leaves_and(element: _Element | None, tag: str) -> tuple[dict[str, str], _Element | None]:
    """``_leaves(element)`` and its first ``tag`` child, in one pass."""
    leaves: dict[str, str] = {}
    found = None
    for child in () if element is None else reversed(element):
        if (name := child.tag) == tag:
            found = child
        else:
            leaves[name] = (child.text or "").strip()
    return leaves, found


def _date_parts(element: _Element) -> tuple[str | None, ...]:
    """The texts of the first Year, Month, Day, Season and MedlineDate child of a date."""
    parts: list[str | None] = [None] * len(_DATE_PARTS)
    for child in reversed(element):  # backwards: the first child of each tag wins
        if (slot := _DATE_PARTS.get(child.tag)) is not None:
            parts[slot] = child.text
    return tuple(parts)


def _date(element: _Element | None) -> PubDate | None:
    """A ``PubDate``/``ArticleDate``: Year, Month, Day, Season, or verbatim MedlineDate."""
    return None if element is None else _pub_date(*_date_parts(element))


@lru_cache(maxsize=4096)  # dates repeat across records; a PubDate is immutable
def _pub_date(*parts: str | None) -> PubDate:
    """The ``PubDate`` of a date's texts; ``Month`` may be ``Jun``, ``June`` or ``06``."""
    year, month, day, season, medline = (part.strip() if part else "" for part in parts)
    if medline:
        found = _YEAR.search(medline)
        return PubDate(year=int(found.group()) if found else None, medline_date=medline)
    number = _int(month) or _MONTHS.get(month[:3].lower())
    month_number = number if number is not None and 1 <= number <= 12 else None
    return PubDate(_int(year), month_number, _int(day), season=season or None)


def _iso_date(element: _Element | None) -> str | None:
    """``DateRevised`` as ``YYYY-MM-DD``; ``None`` unless all three parts are numbers."""
    return None if element is None else _iso(*_date_parts(element)[:3])


@lru_cache(maxsize=4096)
def _iso(*texts: str | None) -> str | None:
    """``YYYY-MM-DD`` from Year, Month and Day texts; ``None`` unless all are numbers."""
    year, month, day = (_int(text.strip()) if text else None for text in texts)
    if year is None or month is None or day is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _abstract(abstract: _Element | None) -> tuple[AbstractSection, ...]:
    """Every ``AbstractText`` in order (never ``OtherAbstract``), with label and category."""
    sections = () if abstract is None else abstract.iterchildren("AbstractText")
    return tuple(
        [
            AbstractSection(_markup(section), section.get("Label"), section.get("NlmCategory"))
            for section in sections
        ]
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
            ids.extend(_texts(next(bank.iterchildren("AccessionNumberList"), None)))
    return tuple(ids)
