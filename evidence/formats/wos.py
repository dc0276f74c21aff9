"""Web of Science tagged text (``FN ... VR 1.0 ... PT J ... ER ... EF``) -> CSL-JSON items.

Each line is a two-character tag, a space and a value; a line starting with spaces continues
the field above it. In name and address lists (``AU``, ``AF``, ``BE``, ``C1``, ``CR`` ...)
each continuation line is one more entry; in other fields it is a wrapped line (joined with
a space, or a newline in ``AB``). A record starts at ``PT`` and ends at ``ER``.

Mapping: ``AF`` full names (else ``AU``) -> ``author``, with ``CA``/``GP`` groups as literal
names; ``TI``, ``SO`` (``container-title``), ``JI`` else ``J9`` (``container-title-short``),
``SE`` (``collection-title``), ``PY`` + ``PD`` -> ``issued``, ``EA``/``EY`` (early access) ->
``available-date``, ``VL``, ``IS``, ``BP``-``EP`` -> ``page`` (``AR`` article number when
there is no ``BP``), ``DI`` -> ``DOI``, ``PM`` -> ``PMID``, ``AB``, ``DE`` + ``ID`` ->
``keyword``, ``LA``, ``SN``/``EI`` -> ``ISSN``, ``BN`` -> ``ISBN``, ``PU``, ``PI``, ``DT``
-> ``genre`` (and, with ``PT``, the CSL type). ``source`` is ``Web of Science``. Every other
field (``UT``, ``C1``, ``CR``, ``TC``, ``DA`` (the export date) ...) is kept in ``unmapped``
as ``wos:TAG``. A RIS export from Web of Science (``TY  - JOUR``) is read by ``read_ris``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from evidence.errors import ParseError
from evidence.formats.parsed import ParsedFile, ParsedItem

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  -( |$)")
_LISTS = {"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "C3", "CR"}
_HINT = "each record starts with 'PT J' and ends with 'ER'; export 'Plain text file' from WoS"
_SIMPLE = {
    "title": "TI",
    "container-title": "SO",
    "collection-title": "SE",
    "volume": "VL",
    "issue": "IS",
    "language": "LA",
    "publisher": "PU",
    "publisher-place": "PI",
    "abstract": "AB",
}
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_PD = re.compile(r"^([A-Z]{3})(?:\s+(\d{1,2}))?$")
_EA = re.compile(r"^(?:([A-Z]{3})(?:\s+(\d{1,2}))?\s+)?(\d{4})$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class _Record:
    line: int
    fields: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_wos(text: str, *, path: str) -> ParsedFile:
    """Every record of a Web of Science tagged-text export as a CSL item."""
    lines = text.removeprefix("\ufeff").splitlines()
    first = next(((n, line) for n, line in enumerate(lines, 1) if line.strip()), None)
    if first and _RIS_LINE.match(first[1]):
        return ParsedFile(
            (),
            (
                ParseError(
                    "this is a RIS file, not Web of Science tagged text",
                    item=path,
                    line=first[0],
                    hint="read it as RIS (--format ris)",
                ),
            ),
        )
    records, errors = _split(lines, path)
    items: list[ParsedItem] = []
    for record in records:
        result = _item(record, path)
        if isinstance(result, ParseError):
            errors.append(result)
        else:
            items.append(result)
    errors.sort(key=lambda error: error.line or 0)
    return ParsedFile(tuple(items), tuple(errors))


def _split(lines: list[str], path: str) -> tuple[list[_Record], list[ParseError]]:
    records: list[_Record] = []
    errors: list[ParseError] = []
    current: _Record | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        match = _TAG_LINE.match(line)
        if not line.strip():
            continue
        if line[0].isspace() and current is not None and current.fields:
            current.fields[-1][1].append(line.strip())
            continue
        if match is None:
            errors.append(_stray(number, line, path))
            continue
        tag, value = match.group(1), match.group(2) or ""
        if tag in ("FN", "VR", "EF") and current is None:
            continue
        if tag == "ER":
            if current is not None:
                records.append(current)
            current = None
            continue
        if tag == "PT" and current is not None:
            current.notes.append("no ER line before the next record's PT")
            records.append(current)
            current = None
        if current is None:
            current = _Record(number)
            if tag != "PT":
                current.notes.append("the record has no PT line")
        current.fields.append((tag, [value.strip()]))
    if current is not None:
        current.notes.append("the file ends before this record's ER line")
        records.append(current)
    return records, errors


def _stray(number: int, line: str, path: str) -> ParseError:
    shown = line if len(line) <= 60 else line[:57] + "..."
    return ParseError(
        f"line outside any record skipped: {shown!r}", item=path, line=number, hint=_HINT
    )


class _Fields:
    """A record's fields; what no CSL variable takes is kept as ``wos:TAG``."""

    def __init__(self, pairs: list[tuple[str, list[str]]]) -> None:
        kept = [(tag, [v for v in lines if v]) for tag, lines in pairs]
        self.pairs = [(tag, lines) for tag, lines in kept if lines]
        self.used = [False] * len(self.pairs)

    def find(self, tag: str) -> list[int]:
        """Indexes of the unused fields with ``tag``."""
        return [i for i, (t, _) in enumerate(self.pairs) if t == tag and not self.used[i]]

    def entries(self, tag: str) -> list[str]:
        """The unused values of ``tag``, marked used: one per line in a list field."""
        out: list[str] = []
        for i in self.find(tag):
            self.used[i] = True
            lines = self.pairs[i][1]
            out.extend(lines if tag in _LISTS else [_join(tag, lines)])
        return out

    def peek(self, tag: str) -> tuple[int, str] | None:
        """The index and value of the first unused ``tag`` field, not marked used."""
        found = self.find(tag)
        return (found[0], _join(tag, self.pairs[found[0]][1])) if found else None

    def first(self, tag: str) -> str | None:
        """The first unused value of ``tag``, marked used (a later one stays unmapped)."""
        found = self.peek(tag)
        if found is None:
            return None
        self.used[found[0]] = True
        return found[1]

    def unmapped(self) -> dict[str, list[str]]:
        """``wos:TAG`` -> values no CSL variable took, in file order."""
        out: dict[str, list[str]] = {}
        for (tag, lines), used in zip(self.pairs, self.used, strict=True):
            if not used:
                values = lines if tag in _LISTS else [_join(tag, lines)]
                out.setdefault(f"wos:{tag}", []).extend(values)
        return out


def _join(tag: str, lines: list[str]) -> str:
    return ("\n" if tag == "AB" else " ").join(lines)


def _item(record: _Record, path: str) -> ParsedItem | ParseError:
    fields = _Fields(record.fields)
    notes = list(record.notes)
    pt, dt = fields.first("PT") or "", fields.first("DT") or ""
    csl: dict[str, Any] = {"type": _type(pt, dt, notes)}
    _creators(fields, csl, notes)
    for variable, tag in _SIMPLE.items():
        _put(csl, variable, fields.first(tag))
    _put(csl, "container-title-short", fields.first("JI") or fields.first("J9"))
    _put(csl, "genre", dt)
    _dates(fields, csl, notes)
    _pages(fields, csl, notes)
    doi = _DOI_PREFIX.sub("", fields.first("DI") or "")
    _put(csl, "DOI", doi)
    pmid = fields.peek("PM")
    if pmid and pmid[1].isdigit():
        csl["PMID"] = fields.first("PM")
    elif pmid:
        notes.append(f"PM {pmid[1]!r} is not a PMID (kept unmapped)")
    _put(csl, "ISSN", ", ".join(dict.fromkeys(fields.entries("SN") + fields.entries("EI"))))
    isbns = [i.strip() for v in fields.entries("BN") for i in v.split(";") if i.strip()]
    _put(csl, "ISBN", ", ".join(dict.fromkeys(isbns)))
    keywords = [
        k.strip() for v in fields.entries("DE") + fields.entries("ID") for k in v.split(";")
    ]
    _put(csl, "keyword", "; ".join(k for k in keywords if k))
    csl["source"] = "Web of Science"
    if not any(csl.get(key) for key in ("title", "DOI", "PMID")):
        message = "a record has no title (TI) and no DOI (DI) or PMID (PM)"
        return ParseError(message, item=path, line=record.line, hint=_HINT)
    return ParsedItem(csl=csl, line=record.line, unmapped=fields.unmapped(), notes=tuple(notes))


def _put(csl: dict[str, Any], variable: str, value: Any) -> None:
    if value:
        csl[variable] = value


def _type(pt: str, dt: str, notes: list[str]) -> str:
    kinds = {kind.strip().lower() for kind in dt.split(";")}
    if pt == "J":
        return "review-book" if "book review" in kinds else "article-journal"
    if pt == "P" or "patent" in kinds:
        return "patent"
    if pt == "C" or "proceedings paper" in kinds:
        return "paper-conference"
    if "book chapter" in kinds:
        return "chapter"
    if pt == "B" or "book" in kinds:
        return "book"
    if pt == "S":
        return "chapter"
    notes.append(f"PT {pt!r} / DT {dt!r}: read as a document")
    return "document"


def _creators(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    full = fields.entries("AF")
    short = [line for i in fields.find("AU") for line in fields.pairs[i][1]]
    if not full or len(short) == len(full):
        short = fields.entries("AU")
    else:
        notes.append(f"AF has {len(full)} names and AU {len(short)}: AF used, AU kept unmapped")
    people = full or short or fields.entries("BF") or fields.entries("BA")
    groups = fields.entries("CA") + fields.entries("GP")
    authors = [_name(name) for name in people] + [{"literal": group} for group in groups]
    _put(csl, "author", authors)
    _put(csl, "editor", [_name(name) for name in fields.entries("BE")])


def _name(text: str) -> dict[str, str]:
    family, comma, given = (part.strip() for part in text.partition(","))
    if not comma or not family:
        return {"literal": text.strip()}
    return {"family": family, "given": given} if given else {"family": family}


def _dates(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    year, pd = fields.first("PY"), (fields.peek("PD") or (0, ""))[1]
    if year and year.isdigit():
        parts = [int(year)]
        match = _PD.match(pd)
        if match and match.group(1) in _MONTHS and int(match.group(2) or 1) <= 31:
            parts.append(_MONTHS[match.group(1)])
            parts.extend([int(match.group(2))] if match.group(2) else [])
        if len(parts) > 1 or pd in ("", year):
            fields.first("PD")
        else:
            notes.append(f"PD {pd!r} is not a month and day (kept unmapped)")
        csl["issued"] = {"date-parts": [parts]}
    elif year or pd:
        fields.first("PD")
        csl["issued"] = {"literal": " ".join(v for v in (pd, year) if v)}
    early = fields.first("EA") or fields.first("EY")
    match = _EA.match(early or "")
    if match and (match.group(1) is None or match.group(1) in _MONTHS):
        month = _MONTHS.get(match.group(1) or "")
        day = int(match.group(2)) if month and match.group(2) else None
        parts = [int(match.group(3)), *([month] if month else []), *([day] if day else [])]
        csl["available-date"] = {"date-parts": [parts]}
    elif early:
        csl["available-date"] = {"literal": early}


def _pages(fields: _Fields, csl: dict[str, Any], notes: list[str]) -> None:
    begin = fields.first("BP")
    if begin:
        end = fields.first("EP")
        csl["page"] = f"{begin}-{end}" if end else begin
        return
    if end_only := fields.peek("EP"):
        notes.append(f"EP {end_only[1]!r} without BP is not a page (kept unmapped)")
    if article := fields.first("AR"):
        csl["page"] = article
        notes.append(f"AR (article number) {article!r} used as the page")
