"""PubMed MEDLINE text (``.nbib``, "Send to: Citation manager") <-> CSL-JSON items (pure).

A record is a run of ``TAG - value`` lines (the tag left-justified in 4 columns, then ``"- "``)
with 6-space continuation lines; records are separated by blank lines (a ``PMID-`` line also
starts a new record). Mapping decisions a caller must know:

* Authors: ``FAU`` ("Family, Given") is preferred, ``AU`` ("Family GI") is used when there is
  no ``FAU``; ``CN`` is a collective author (``{"literal": ...}``); ``FED``/``ED`` are editors.
  Fields that belong to one author (``AUID``, ``AD``, and an ``AU`` that is not simply the
  family name plus the initials of ``FAU``) are kept in ``unmapped`` under the author's
  1-based position: ``"nbib:AD#2"`` is an affiliation of the second author. Investigators
  (``FIR``/``IR``/``IRAD``) are numbered ``"#i1"``, editors' extra fields ``"#e1"``. An ``AD``
  before any author (old records) stays ``"nbib:AD"``. The writer puts each back in place.
* ``DP``: ``"2018 Mar 1"`` -> ``[[2018, 3, 1]]``. A range or season (``"2019 Apr-Jun"``) is
  not invented into a month: ``issued`` gets the year only and the literal ``DP`` is kept
  under ``"nbib:DP"`` (the writer writes it back verbatim while the year still agrees).
* ``IS``: ``ISSN`` holds the distinct numbers joined ``", "``; the verbatim lines with their
  ``(Electronic)``/``(Linking)`` types are kept under ``"nbib:IS"``.
* ``LID``/``AID`` ``[doi]`` -> ``DOI`` (``LID`` preferred); other ``LID`` values (``[pii]``
  e-locations) and every ``AID`` line are kept verbatim in ``unmapped``.
* ``MH`` (MeSH, with their ``*``/subheadings) and ``OT`` terms both go to ``keyword`` in file
  order; the writer writes keywords as ``OT`` (MEDLINE cannot tell them apart afterwards).
* ``PT`` stays in ``unmapped`` (``"Preprint"`` makes the type ``article``; ``"Dataset"``
  without ``"Journal Article"`` makes a ``dataset``, i.e. a registry record, whose
  ``SI - ClinicalTrials.gov/NCT...`` line is its ``number``; an article's ``SI`` lines, its
  trial registrations, stay unmapped); ``BTI`` makes a ``book`` (or a ``chapter`` when ``TI``
  is also present). ``source`` is ``"PubMed"`` when the record has a PMID. Language codes
  stay as given (``"eng"``).
* Inline JATS/HTML link and style tags (``<ext-link ...>``, ``<i>``...) are removed from
  ``TI``/``AB`` (a link target its text does not show is kept in parentheses after the text);
  ``<sup>``/``<sub>`` are kept as written so no number changes.
* A word PubMed broke at the line end (a line piece of 80+ characters without a space) is
  joined without a space.
* MEDLINE has no tag for ``URL``, ``accessed``, ``note``, ``genre``, ``event-title`` or
  ``number`` (except a registry record's NCT number): the writer leaves them out, and it joins
  abstract paragraphs (``"\\n"``) with a space.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from evidence.errors import ParseError
from evidence.formats.parsed import ParsedFile, ParsedItem

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DP = re.compile(r"(\d{4})(?: ([A-Z][a-z]{2})(?: (\d{1,2}))?)?")
_TAG = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_MARKUP = re.compile(
    r"</?(?:ext-link|uri|i|b|u|em|strong|italic|bold|underline|sc)(?:\s[^<>]*)?>", re.I
)
_LINK = re.compile(r'<ext-link\b[^>]*?\bxlink:href="([^"]*)"[^>]*>(.*?)</ext-link>')
BOUND = re.compile(r"nbib:([A-Z0-9]+)#([ie]?)(\d+)")
_SIMPLE = {"TI": "title", "VI": "volume", "IP": "issue", "PG": "page", "JT": "container-title"}
_SIMPLE |= {"TA": "container-title-short", "CTI": "collection-title", "EN": "edition"}
_SIMPLE |= {"PB": "publisher", "LA": "language"}
_REGISTRY = re.compile(r"ClinicalTrials\.gov/(NCT\d{8})")
HARD_BREAK = 80  # a piece this long without a space is a word PubMed broke (it wraps at 81)
WIDTH = 74  # content columns per written line (80 with the 6-column tag)
_HINT = "check that the file is a PubMed MEDLINE/nbib export; fix or remove the record"
# Writing order of tags, as PubMed exports them; "@AU" (authors), "@ED" (editors) and "@IR"
# (investigators) mark where the person blocks go. Unknown tags are written at the end.
ORDER = (
    "PMID OWN STAT DA DCOM LR PUBM IS VI IP DP TI BTI CTI PG LID AB CI AD @AU @ED LA SI GR PT "
    "DEP PL PB EN ISBN TA JT JID RN SB CON CIN EIN EFR CRI CRF RIN ROF UIN UOF SPIN ORI MH "
    "PMC MID OID OTO OT COIS @IR EDAT MHDA CRDT PHST AID PST SO"
).split()


@dataclass
class _Field:
    tag: str
    value: str
    last: str  # the last physical piece, to spot a word broken across lines


@dataclass
class _Record:
    line: int
    fields: list[_Field] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_nbib(text: str, *, path: str) -> ParsedFile:
    """Read PubMed MEDLINE/nbib text into CSL items; bad lines and records become errors."""
    records, errors = _split(text, path)
    items: list[ParsedItem] = []
    for record in records:
        item = _to_item(record)
        if _has_title_or_id(item.csl):
            items.append(item)
        else:
            errors.append(
                ParseError(
                    "MEDLINE record has no title (TI/BTI) and no identifier (PMID, DOI, PMC)",
                    item=path,
                    line=record.line,
                    hint=_HINT,
                )
            )
    errors.sort(key=lambda error: error.line or 0)
    return ParsedFile(items=tuple(items), errors=tuple(errors))


def _split(text: str, path: str) -> tuple[list[_Record], list[ParseError]]:
    """Cut the text into records of fields, joining continuation lines."""
    records: list[_Record] = []
    errors: list[ParseError] = []
    current: _Record | None = None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        tag = line[:4].rstrip()
        if line[4:6] in ("- ", "-") and _TAG.fullmatch(tag):
            value = line[6:].strip()
            if current is None or (tag == "PMID" and current.fields):
                current = _Record(line=number)
                records.append(current)
            current.fields.append(_Field(tag, value, value))
        elif line[0] in " \t" and current is not None and current.fields:
            last = current.fields[-1]
            piece = line.strip()
            broken = len(last.last) >= HARD_BREAK and " " not in last.last
            note = f"{last.tag}: a word PubMed broke at a line end was rejoined"
            if broken and note not in current.notes:
                current.notes.append(note)
            last.value = last.value + piece if broken else f"{last.value} {piece}".lstrip()
            last.last = piece
        else:
            errors.append(
                ParseError(
                    f"line is neither a MEDLINE field ('TAG - value') nor a continuation "
                    f"line (6 spaces): {line[:60]!r}",
                    item=path,
                    line=number,
                    hint=_HINT,
                )
            )
    return records, errors


@dataclass
class _Builder:
    """The state of one record being mapped."""

    csl: dict[str, Any] = field(default_factory=dict)
    unmapped: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    issn: list[str] = field(default_factory=list)
    people: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    investigators: int = 0

    def keep(self, tag: str, value: str) -> None:
        """Keep a value unmapped under ``tag``, after the ones already kept."""
        self.unmapped.setdefault(tag, []).append(value)

    def put(self, key: str, value: str, tag: str) -> None:
        """Set a single-valued CSL variable; a second value stays unmapped."""
        if key in self.csl or not value:
            self.keep(f"nbib:{tag}", value)
        else:
            self.csl[key] = value


def _to_item(record: _Record) -> ParsedItem:
    """Map one record's fields to a CSL item."""
    b = _Builder(notes=list(record.notes))
    block: tuple[str, int, str] | None = None  # (kind "", "e" or "i", position, first tag)
    has_ti = any(f.tag == "TI" for f in record.fields)
    has_bti = any(f.tag == "BTI" for f in record.fields)
    for f in record.fields:
        tag, value = f.tag, f.value
        if not value:
            continue
        if tag in ("FAU", "AU", "CN", "FED", "ED"):
            kind = "e" if tag in ("FED", "ED") else ""
            names = b.people.setdefault("editor" if kind else "author", [])
            if block and block[0] == kind and block[2] in ("FAU", "FED") and tag in ("AU", "ED"):
                if value != abbreviate(names[-1]):
                    b.keep(f"nbib:{tag}#{kind}{block[1]}", value)
                block = (kind, block[1], "done")
                continue
            names.append(_name(tag, value))
            block = (kind, len(names), tag)
        elif tag in ("FIR", "IR"):
            if not (block and block[0] == "i" and block[2] == "FIR" and tag == "IR"):
                b.investigators += 1
            block = ("i", b.investigators, tag)
            b.keep(f"nbib:{tag}#i{block[1]}", value)
        elif tag in ("AUID", "AD", "IRAD", "EQCO") and block is not None:
            b.keep(f"nbib:{tag}#{block[0]}{block[1]}", value)
        else:
            block = None
            _map_field(b, tag, value, has_ti=has_ti, has_bti=has_bti)
    return _finish(b, record.line, has_ti=has_ti, has_bti=has_bti)


def _map_field(b: _Builder, tag: str, value: str, *, has_ti: bool, has_bti: bool) -> None:
    """Map one record-level field (not part of a person block)."""
    if tag in _SIMPLE:
        b.put(_SIMPLE[tag], value, tag)
    elif tag == "BTI":
        b.put("container-title" if has_ti else "title", value, tag)
    elif tag == "PL" and has_bti:
        b.put("publisher-place", value, tag)
    elif tag == "PMID" and value.isdigit():
        b.put("PMID", value, tag)
    elif tag == "PMC" and re.fullmatch(r"PMC\d+", value):
        b.put("PMCID", value, tag)
    elif tag in ("MH", "OT"):
        b.keywords.append(value)
    elif tag == "AB":
        b.put("abstract", _strip_markup(b, tag, value), tag)
    elif tag == "LID" and value.endswith("[doi]") and "DOI" not in b.csl:
        b.csl["DOI"] = value.removesuffix("[doi]").strip()
    elif tag == "IS":
        number = re.sub(r"\s*\([^()]*\)$", "", value)
        if number not in b.issn:
            b.issn.append(number)
        b.keep("nbib:IS", value)
    elif tag == "ISBN":
        b.csl["ISBN"] = ", ".join(filter(None, (b.csl.get("ISBN"), value)))
    elif tag == "DP":
        _map_date(b, value)
    else:
        b.keep(f"nbib:{tag}", value)


def _finish(b: _Builder, line: int, *, has_ti: bool, has_bti: bool) -> ParsedItem:
    """Complete the item: type, title markup, DOI from AID, people, keywords, ISSN."""
    csl = b.csl
    if "title" in csl:
        csl["title"] = _strip_markup(b, "TI", csl["title"])
    if "DOI" not in csl:
        for value in b.unmapped.get("nbib:AID", []):
            if value.endswith("[doi]"):
                csl["DOI"] = value.removesuffix("[doi]").strip()
                break
    if b.issn:
        csl["ISSN"] = ", ".join(b.issn)
        if all(value in b.issn for value in b.unmapped.get("nbib:IS", [])):
            del b.unmapped["nbib:IS"]  # no types to keep
    for role, names in b.people.items():
        csl[role] = names
    if b.keywords:
        csl["keyword"] = "; ".join(b.keywords)
    if "PMID" in csl:
        csl["source"] = "PubMed"
    types = b.unmapped.get("nbib:PT", [])
    if has_bti:
        kind = "chapter" if has_ti else "book"
    elif "Preprint" in types:
        kind = "article"
    elif "Dataset" in types and "Journal Article" not in types:
        kind = "dataset"
        _registry_number(b)
    else:
        kind = "article-journal"
    return ParsedItem(
        csl={"type": kind, **csl}, line=line, unmapped=b.unmapped, notes=tuple(b.notes)
    )


def _registry_number(b: _Builder) -> None:
    """A registry record's own NCT number from its ``SI - ClinicalTrials.gov/NCT...`` line."""
    kept = b.unmapped.get("nbib:SI", [])
    for value in kept:
        if registry := _REGISTRY.fullmatch(value):
            b.csl["number"] = registry[1]
            kept.remove(value)
            if not kept:
                del b.unmapped["nbib:SI"]
            return


def _has_title_or_id(csl: Mapping[str, Any]) -> bool:
    return any(key in csl for key in ("title", "PMID", "DOI", "PMCID"))


def _strip_markup(b: _Builder, tag: str, value: str) -> str:
    """Remove link and style tags; a link's target is kept when its text does not show it."""
    cleaned = _LINK.sub(lambda m: m[2] if m[1] in m[2] else f"{m[2]} ({m[1]})", value)
    cleaned = _MARKUP.sub("", cleaned)
    if cleaned != value:
        b.notes.append(f"{tag}: inline JATS/HTML link or style tags were removed")
        cleaned = " ".join(cleaned.split())
    return cleaned


def _map_date(b: _Builder, value: str) -> None:
    """DP -> issued; a range or season keeps the year only and the literal DP."""
    if "issued" in b.csl:
        b.keep("nbib:DP", value)
        return
    match = _DP.fullmatch(value)
    if match and (match[2] is None or match[2] in MONTHS) and int(match[3] or 1) in range(1, 32):
        parts = [int(match[1])]
        if match[2]:
            parts.append(MONTHS.index(match[2]) + 1)
        if match[3]:
            parts.append(int(match[3]))
        b.csl["issued"] = {"date-parts": [parts]}
    elif year := re.match(r"\d{4}\b", value):
        b.csl["issued"] = {"date-parts": [[int(year[0])]]}
        b.keep("nbib:DP", value)
        b.notes.append(f"DP {value!r} is not one day or month: issued keeps the year only")
    else:
        b.csl["issued"] = {"literal": value}


def _name(tag: str, value: str) -> dict[str, str]:
    """FAU/FED "Family, Given"; AU/ED "Family GI"; CN a collective name."""
    if tag == "CN":
        return {"literal": value}
    if tag in ("FAU", "FED"):
        family, _, given = value.partition(", ")
    else:
        family, _, given = value.rpartition(" ")
        if not family or not re.fullmatch(r"[A-Z]{1,4}", given):
            family, given = value, ""
    return {"family": family, "given": given.strip()} if given.strip() else {"family": family}


def abbreviate(name: Mapping[str, str]) -> str:
    """The AU form PubMed derives from FAU: family name and the given names' initials."""
    if "literal" in name:
        return name["literal"]
    given = re.split(r"[\s\-.]+", name.get("given", ""))
    family = " ".join(name[k] for k in ("non-dropping-particle", "family") if name.get(k))
    return f"{family} {''.join(part[0].upper() for part in given if part)}".strip()
