"""RIS files -> CSL-JSON items: every exporter's dialect (writing is in ``ris_writer``).

Line grammar: ``TAG  - value`` (a letter, a letter or digit, two spaces, a dash). A line
without a tag continues the field above it (EndNote and Rayyan put one keyword per line under
``KW``, one affiliation per line under ``AD``); ``ER  -`` ends a record. A BOM, CRLF and blank
lines between records are accepted.

Mapping decisions a caller must know (tags from the RIS specification's JOUR table):

* ``TY`` -> ``type``; a non-canonical or unknown ``TY`` is reported in ``notes``.
* ``PY``/``Y1``/``DA`` -> ``issued`` (year from ``PY``, month and day from ``DA``: EndNote's
  ``DA  - Mar 1`` with ``PY  - 2018`` is 2018-03-01); ``Y2`` -> ``accessed``; ``ET`` holding a
  ``YYYY/MM/DD`` date (EndNote's epub date) -> ``available-date``, else ``edition``.
* PMID: ``AN`` is read as the PMID only when it is all digits and a ``DP``/``DB`` line names
  NLM, PubMed or MEDLINE (EndNote's PubMed import writes ``AN  - 21553931`` and
  ``DP  - NLM``); the writer writes a PMID the same way, so EndNote shows it as the accession
  number and this reader reads it back. Zotero's RIS export writes no PMID at all. A PMID is
  never taken from a note, a URL, Scopus ``C2`` or Embase ``C5`` (a note says when one of those
  looks like a PMID). ``C2  - PMC123`` (the specification's PMCID tag) -> ``PMCID``.
* ``SN`` is split into ISSNs and ISBNs by shape, each kept verbatim (``03064530 (ISSN)`` ->
  ``03064530``); ``DO`` written as a URL or with ``doi:`` is read as the bare DOI.
* ``SP``/``EP`` -> ``page`` ``"SP-EP"`` verbatim; ``C7`` (article number) is the page when
  there is none. Ovid's ``SP  - No`` / ``EP  - Specified`` is not a page.
* ``DB`` (else ``DP``) -> ``source``; ``M3`` -> ``genre``; ``N1`` lines -> ``note`` (joined
  with newlines); ``KW`` -> ``keyword``; ``ID`` is the record label (the item's ``id`` when
  writing). Every other line is kept in ``unmapped`` as ``ris:TAG``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evidence.errors import ParseError
from evidence.formats.parsed import ParsedFile, ParsedItem
from evidence.formats.ris_tags import A2_IS_EDITOR, RECORD_HINT, TAG_LINE, TY_OF, TYPES

_INLINE: dict[str, tuple[str, ...]] = {
    "collection-title": ("T3",),
    "title-short": ("ST",),
    "volume": ("VL",),
    "publisher": ("PB", "PU"),
    "publisher-place": ("CY", "PI"),
    "language": ("LA",),
    "URL": ("UR",),
    "call-number": ("CN",),
    "number-of-volumes": ("NV",),
}
_SHORT_TITLE_TAGS = ("J2", "JI", "JA", "J1", "JO", "J9")
_PUBMED_MARKERS = {"nlm", "pubmed", "medline"}
_MONTH_NAMES = (
    "january february march april may june july august september october november december".split()
)
_MONTHS = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)}
_SLASH_DATE = re.compile(r"^(\d{4})(?:/(\d{0,2})(?:/(\d{0,2})(?:/(.*))?)?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s+([A-Za-z]+)\.?(?:\s+(\d{1,2}))?$")
_MONTH_DAY = re.compile(r"^([A-Za-z]+)\.?(?:\s+(\d{1,2}))?(?:,?\s+(\d{4}))?$")
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
_ISBN = re.compile(r"^(?:\d[- ]?){9}[\dXx]$|^(?:\d[- ]?){12}\d$")
_SN_LABEL = re.compile(r"\s*\((?:e?ISSN|ISBN|Print|Electronic|Linking)\)", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,4}$|^[A-Z]\.?(?:-[A-Z]\.?)+$")

_DatePart = tuple[int | None, int | None, int | None, str]


# --------------------------------------------------------------------------- reading


@dataclass
class _Record:
    line: int
    fields: list[list[str]] = field(default_factory=list)  # [tag, raw value] in file order
    notes: list[str] = field(default_factory=list)


def read_ris(text: str, *, path: str) -> ParsedFile:
    """Every record of a RIS file as a CSL item; unreadable records and stray text as errors."""
    records, errors = _split(text, path)
    items: list[ParsedItem] = []
    for record in records:
        result = _item(record, path)
        if isinstance(result, ParseError):
            errors.append(result)
        else:
            items.append(result)
    errors.sort(key=lambda error: error.line or 0)
    return ParsedFile(tuple(items), tuple(errors))


def _split(text: str, path: str) -> tuple[list[_Record], list[ParseError]]:
    records: list[_Record] = []
    errors: list[ParseError] = []
    current: _Record | None = None
    stray: list[tuple[int, str]] = []
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        line = raw.rstrip()
        match = TAG_LINE.match(line)
        if match is None:
            if current is not None and current.fields:
                current.fields[-1][1] += "\n" + line.lstrip()
            elif line.strip():
                stray.append((number, line))
            continue
        errors.extend(_stray_error(stray, path))
        stray = []
        tag, value = match.group(1), match.group(2) or ""
        if tag == "ER":
            if current is not None:
                records.append(current)
            current = None
            continue
        if tag == "TY" and current is not None:
            current.notes.append("no ER line before the next record's TY")
            records.append(current)
            current = None
        if current is None:
            current = _Record(number)
        current.fields.append([tag, value])
    errors.extend(_stray_error(stray, path))
    if current is not None:
        current.notes.append("the file ends before this record's ER line")
        records.append(current)
    return records, errors


def _stray_error(stray: list[tuple[int, str]], path: str) -> list[ParseError]:
    if not stray:
        return []
    first = stray[0][1] if len(stray[0][1]) <= 60 else stray[0][1][:57] + "..."
    return [
        ParseError(
            f"{len(stray)} line(s) outside any record were skipped, starting {first!r}",
            item=path,
            line=stray[0][0],
            hint=RECORD_HINT,
        )
    ]


class _Fields:
    """A record's fields; every value not taken by a CSL variable ends up in ``unmapped``."""

    def __init__(self, pairs: Iterable[list[str]]) -> None:
        self.pairs = [(tag, value.strip()) for tag, value in pairs if value.strip()]
        self.used = [False] * len(self.pairs)

    def find(self, *tags: str, ordered: bool = False) -> list[tuple[int, str]]:
        """Unused (index, value) pairs of ``tags``: by tag priority, or in file order."""
        if ordered:
            return [
                (i, value)
                for i, (tag, value) in enumerate(self.pairs)
                if tag in tags and not self.used[i]
            ]
        return [pair for tag in tags for pair in self.find(tag, ordered=True)]

    def take(self, *tags: str) -> list[str]:
        """Every unused value of ``tags`` in file order, marked as used."""
        found = self.find(*tags, ordered=True)
        for i, _ in found:
            self.used[i] = True
        return [value for _, value in found]

    def single(self, *tags: str, inline: bool = True) -> str | None:
        """The first value of ``tags`` by priority; repeats of that value are taken too."""
        winner: str | None = None
        for i, value in self.find(*tags):
            value = _inline(value) if inline else value
            if winner is None or value == winner:
                winner = value
                self.used[i] = True
        return winner

    def unmapped(self) -> dict[str, list[str]]:
        """``ris:TAG`` -> values of every field no CSL variable took, in file order."""
        out: dict[str, list[str]] = {}
        for (tag, value), used in zip(self.pairs, self.used, strict=True):
            if not used:
                out.setdefault(f"ris:{tag}", []).append(value)
        return out


def _inline(value: str) -> str:
    return re.sub(r"\s*\n\s*", " ", value)


def _item(record: _Record, path: str) -> ParsedItem | ParseError:
    fields = _Fields(record.fields)
    notes = list(record.notes)
    ty = (fields.take("TY") or [""])[0].upper()
    csl: dict[str, Any] = {"type": _type(ty, notes)}
    _titles(fields, csl, notes)
    _put(csl, "author", _people(fields, "AU", "A1"))
    _put(csl, "editor", _people(fields, *(("A2", "ED") if ty in A2_IS_EDITOR else ("ED",))))
    for variable, tags in _INLINE.items():
        _put(csl, variable, fields.single(*tags))
    _dates(fields, csl, notes)
    _numbers(fields, csl, notes)
    _identifiers(fields, csl, notes)
    _serials(fields, csl)
    _put(csl, "source", "; ".join(dict.fromkeys(fields.take("DB") or fields.take("DP"))))
    _put(csl, "abstract", fields.single("AB", "N2", inline=False))
    _put(csl, "note", "\n".join(fields.take("N1")))
    keywords = [k.strip() for value in fields.take("KW") for k in value.split("\n")]
    _put(csl, "keyword", "; ".join(k for k in keywords if k))
    if not any(csl.get(key) for key in ("title", "DOI", "PMID", "PMCID", "URL", "ISBN")):
        return ParseError(
            "a record has no title (TI/T1) and no DOI, PMID, URL or ISBN",
            item=path,
            line=record.line,
            hint=RECORD_HINT + ", with at least a TI or a DO line",
        )
    return ParsedItem(csl=csl, line=record.line, unmapped=fields.unmapped(), notes=tuple(notes))


def _put(csl: dict[str, Any], variable: str, value: Any) -> None:
    if value and variable not in csl:
        csl[variable] = value


def _type(ty: str, notes: list[str]) -> str:
    if not ty:
        notes.append("the record has no type (TY): read as a document")
        return "document"
    csl_type = TYPES.get(ty)
    if csl_type is None:
        notes.append(f"unknown TY {ty!r}: read as a document")
        return "document"
    if TY_OF[csl_type] != ty:
        notes.append(f"TY {ty!r} read as {csl_type} (written back as {TY_OF[csl_type]})")
    return csl_type


def _titles(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    book = csl["type"] == "book"
    _put(csl, "title", fields.single("TI", "T1", "CT", *(("BT",) if book else ())))
    _put(csl, "container-title", fields.single("T2", "JF", *(() if book else ("BT",))))
    if "container-title" not in csl and fields.find("JO"):
        _put(csl, "container-title", fields.single("JO"))
        notes.append("JO read as the journal title: the record has no T2/JF")
    _put(csl, "container-title-short", fields.single(*_SHORT_TITLE_TAGS))


def _people(fields: _Fields, *tags: str) -> list[dict[str, str]]:
    lines = (line for value in fields.take(*tags) for line in value.split("\n"))
    return [_name(line) for line in lines if line.strip()]


def _name(text: str) -> dict[str, str]:
    """``Family, Given[, Suffix]``, or PubMed/Embase ``Family Initials``; else a literal name."""
    text = text.strip()
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > 1 and parts[0]:
        name = {"family": parts[0]}
        if parts[1]:
            name["given"] = parts[1]
        suffix = ", ".join(part for part in parts[2:] if part)
        if suffix:
            name["suffix"] = suffix
        return name
    tokens = text.split()
    count = 0
    while count < len(tokens) - 1 and _INITIALS.match(tokens[len(tokens) - 1 - count]):
        count += 1
    if count:
        return {"family": " ".join(tokens[:-count]), "given": " ".join(tokens[-count:])}
    return {"literal": text}


def _dates(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    _put(csl, "issued", _issued(fields, notes))
    for i, value in fields.find("Y2"):
        parsed = _parse_date(value)
        if parsed and parsed[0]:
            fields.used[i] = True
            csl["accessed"] = {"date-parts": [_parts(parsed)]}
            _rest_note("Y2", value, parsed, notes)
            break
    for i, value in fields.find("ET"):
        parsed = _parse_date(value) if "/" in value else None
        if parsed and parsed[0] and "available-date" not in csl:
            fields.used[i] = True
            csl["available-date"] = {"date-parts": [_parts(parsed)]}
        elif parsed is None and "edition" not in csl:
            fields.used[i] = True
            csl["edition"] = _inline(value)


def _issued(fields: _Fields, notes: list[str]) -> dict[str, Any] | None:
    found = [(i, tag, value, _parse_date(value)) for tag in ("PY", "Y1", "DA")
             for i, value in fields.find(tag)]  # fmt: skip
    year = next((parsed[0] for *_, parsed in found if parsed and parsed[0]), None)
    if year is None:
        for i, _tag, value, parsed in found:
            if parsed is None:
                fields.used[i] = True
                return {"literal": _inline(value)}
        return None
    month = day = None
    for *_, parsed in sorted(found, key=lambda entry: ("DA", "Y1", "PY").index(entry[1])):
        if parsed and parsed[1] and parsed[0] in (None, year):
            month, day = parsed[1], parsed[2]
            break
    for i, tag, value, parsed in found:
        if parsed and all(
            got in (None, want) for got, want in zip(parsed[:3], (year, month, day), strict=True)
        ):
            fields.used[i] = True
            _rest_note(tag, value, parsed, notes)
        else:
            notes.append(f"{tag} {value!r} does not agree with the date read (kept unmapped)")
    return {"date-parts": [_parts((year, month, day, ""))]}


def _parts(parsed: _DatePart) -> list[int]:
    year, month, day, _ = parsed
    return [part for part in (year, month, day if month else None) if part is not None]


def _rest_note(tag: str, value: str, parsed: _DatePart, notes: list[str]) -> None:
    if parsed[3] and parsed[3] != "undefined":  # Zotero writes "2019/10//undefined"
        notes.append(f"{tag} {value!r}: {parsed[3]!r} after the date is not kept")


def _parse_date(text: str) -> _DatePart | None:
    """Year, month, day (each None when absent) and trailing text, or None if not a date."""
    text = text.strip()
    if match := _SLASH_DATE.match(text):
        year, month, day = (int(g) if g and int(g) else None for g in match.groups()[:3])
        return _checked(year, month, day, match.group(4) or "")
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) if g else None for g in match.groups())
        return _checked(year, month, day, "")
    if match := _YEAR_MONTH.match(text):
        day = int(match.group(3)) if match.group(3) else None
        return _checked(int(match.group(1)), _month(match.group(2)), day, "")
    if match := _MONTH_DAY.match(text):
        day = int(match.group(2)) if match.group(2) else None
        year = int(match.group(3)) if match.group(3) else None
        return _checked(year, _month(match.group(1)), day, "")
    return None


def _month(word: str) -> int:
    """1-12 for a month name or its three-letter abbreviation (any case), else 0."""
    key = word.lower()
    month = _MONTHS.get(key[:3], 0)
    return month if len(key) == 3 or key in _MONTH_NAMES else 0


def _checked(year: int | None, month: int | None, day: int | None, rest: str) -> _DatePart | None:
    if month == 0 or (month is not None and month > 12) or (day is not None and day > 31):
        return None
    return (year, month, day if month else None, rest)


def _numbers(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    issues = fields.find("IS")
    if issues and len(issues[0][1]) > 40:
        notes.append("IS is not an issue number (too long; Ovid puts a reference there)")
    elif issues:
        _put(csl, "issue", fields.single("IS"))
    starts, ends = fields.find("SP"), fields.find("EP")
    start = _inline(starts[0][1]) if starts else None
    end = _inline(ends[0][1]) if ends else None
    if (start or "").lower() == "no" and (end or "").lower() == "specified":
        notes.append("SP/EP 'No'/'Specified' is an Ovid artefact: no pages kept")
    elif start:
        fields.used[starts[0][0]] = True
        if end and "-" not in start:
            fields.used[ends[0][0]] = True
            start = f"{start}-{end}"
        elif end:
            notes.append(f"EP {end!r} not used: SP {start!r} is already a page range")
        csl["page"] = start
    elif end:
        notes.append(f"EP {end!r} without SP is not a page (kept unmapped)")
    elif article := fields.single("C7"):
        csl["page"] = article
        notes.append(f"C7 (article number) {article!r} used as the page")


def _identifiers(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    for i, value in fields.find("DO", "M3"):
        doi = _DOI_PREFIX.sub("", value)
        if _DOI.fullmatch(doi):
            if csl.setdefault("DOI", doi) == doi:
                fields.used[i] = True
        elif fields.pairs[i][0] == "DO":
            notes.append(f"DO {value!r} is not a DOI (kept unmapped)")
        elif "genre" not in csl:
            fields.used[i] = True
            csl["genre"] = _inline(value)
    markers = [(i, v) for i, v in fields.find("DB", "DP") if v.lower() in _PUBMED_MARKERS]
    numbers = [(i, v) for i, v in fields.find("AN") if v.isdigit() and len(v) <= 9]
    if markers and numbers:
        csl["PMID"] = numbers[0][1]
        fields.used[numbers[0][0]] = True
        for i, _ in markers:
            if fields.pairs[i] == ("DP", "NLM"):  # the writer's marker; DB lines are sources
                fields.used[i] = True
    for i, value in fields.find("C2"):
        if re.fullmatch(r"PMC\d+", value) and "PMCID" not in csl:
            csl["PMCID"] = value
            fields.used[i] = True
    for tag, exporter in (("C2", "Scopus"), ("C5", "Embase")):
        for _, value in fields.find(tag):
            if value.isdigit() and len(value) <= 9:
                notes.append(
                    f"{tag} {value!r} may be a PMID ({exporter} exports one there): not used"
                )


def _serials(fields: _Fields, csl: dict[str, Any]) -> None:
    found: dict[str, list[str]] = {"ISSN": [], "ISBN": []}
    for i, value in fields.find("SN"):
        tokens = [t for t in re.split(r"[,;\s]+", _SN_LABEL.sub("", value)) if t]
        kinds = ["ISSN" if _ISSN.match(t) else "ISBN" if _ISBN.match(t) else "" for t in tokens]
        if tokens and all(kinds):
            fields.used[i] = True
            for kind, token in zip(kinds, tokens, strict=True):
                found[kind].append(token)
        elif csl["type"] == "report" and "number" not in csl:
            fields.used[i] = True
            csl["number"] = _inline(value)
    for kind, values in found.items():
        _put(csl, kind, ", ".join(dict.fromkeys(values)))
