"""BibTeX/biblatex (``.bib``) <-> CSL-JSON items (pure); the only importer of bibtexparser.

bibtexparser 1.4 reads the structure (entries, ``@string`` and month macros, ``#``
concatenation, nested braces). The text is cut into entries at lines starting ``@type{`` and
each is parsed alone, so a broken entry becomes a :class:`~evidence.errors.ParseError` with
its line while its neighbours survive (bibtexparser alone would skip it silently). A field
given twice is not lost either: the first value is mapped, the others are kept in
``unmapped``. LaTeX is decoded here, not by ``bibtexparser.customization`` (whose
``latex_to_unicode`` turns ``\\{x\\}`` into ``\\x\\`` and ``\\textit{A}`` into ``\\textitA``):
accents and symbols become Unicode, case-protecting braces go, ``--``/``---``/``~`` become en
dash, em dash and space in text, and math or commands it does not know stay as written (noted).

Decisions a caller must know:

* ``pages``: ``--`` (the BibTeX range dash) is read as ``-`` (noted); digits stay verbatim.
  ``number`` is ``issue``, except for reports, patents and standards (``number``).
* Entry types: article -> article-journal (``entrysubtype`` magazine/newspaper -> article-
  magazine/-newspaper), inbook/incollection -> chapter, inproceedings/conference ->
  paper-conference, techreport/report -> report, phd/masters thesis -> thesis, online ->
  webpage, misc -> webpage with a URL (``url``, or a URL in ``howpublished``) and document
  without one. An entry type the writer would not write back is kept as
  ``unmapped["bibtex:ENTRYTYPE"]``; the key always as ``unmapped["bibtex:ID"]``.
* Names: ``and``-separated, "Family, Given", "Family, Jr, Given" (``suffix``) or
  "Given von Family" (particles stay in ``family``); a fully braced name is a ``literal``.
  A trailing ``and others`` is kept as ``unmapped["bibtex:author"] == ["others"]``.
* ``keywords`` are split on ``;`` when there is one, else on ``,``; the writer joins ``"; "``.
* Fields not mapped are kept raw (macros expanded, LaTeX untouched) as ``"bibtex:<field>"``.
* The writer keeps Unicode as UTF-8, escapes ``& % $ # _ { } ~ ^ \\``, protects the title's
  case with double braces and writes ranges in ``page`` with ``--``. It cannot carry
  ``source``, ``archive``, ``archive_location``, ``call-number``, ``medium``, or ``number``
  outside reports/patents/standards; ``"\\n"`` in abstracts and notes becomes a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bibtexparser import bibdatabase
from bibtexparser.bparser import BibTexParser

from evidence.errors import ParseError
from evidence.formats.latex import Latex, group_end, split_top
from evidence.formats.parsed import ParsedFile, ParsedItem

_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)
_CSL_TYPES = frozenset(
    "article article-journal article-magazine article-newspaper bill book broadcast chapter "
    "classic collection dataset document entry entry-dictionary entry-encyclopedia event "
    "figure graphic hearing interview legal_case legislation manuscript map motion_picture "
    "musical_score pamphlet paper-conference patent performance periodical "
    "personal_communication post post-weblog regulation report review review-book software "
    "song speech standard thesis treaty webpage".split()
)
_READ_TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "proceedings": "book",
    "manual": "book", "booklet": "pamphlet", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "techreport": "report", "report": "report", "phdthesis": "thesis",
    "mastersthesis": "thesis", "thesis": "thesis", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "unpublished": "manuscript", "patent": "patent",
    "dataset": "dataset", "software": "software", "inreference": "entry-encyclopedia",
    "periodical": "periodical", "standard": "standard",
}  # fmt: skip
WRITE_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
    "pamphlet": "booklet", "patent": "patent", "dataset": "dataset", "software": "software",
    "entry-encyclopedia": "inreference", "periodical": "periodical", "standard": "standard",
}  # fmt: skip
_TEXTS = {
    "title": "title", "shorttitle": "title-short", "shortjournal": "container-title-short",
    "series": "collection-title", "eventtitle": "event-title", "type": "genre",
    "language": "language", "address": "publisher-place", "location": "publisher-place",
    "publisher": "publisher", "institution": "publisher", "school": "publisher",
    "organization": "publisher",
}  # fmt: skip
NUMBERED = ("report", "patent", "standard")  # types whose "number" is not an issue
IN_BOOK = ("chapter", "paper-conference", "entry-encyclopedia")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
AND = re.compile(r"\s+and\s+", re.I)
_FIELD = re.compile(r"[\s,]*([\w\-().+:]+)\s*=\s*")  # a field's name, as bibtexparser allows
_WORD = re.compile(r"[^\s,#}]*")
_JOIN = re.compile(r"\s*#\s*")
_HINT = "fix the entry at this line (braces, commas, '=' between name and value) and import again"


# -------------------------------------------------------------------------------- reading
def read_bibtex(text: str, *, path: str) -> ParsedFile:
    """Read BibTeX/biblatex text into CSL items; unreadable entries become errors."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parser = BibTexParser(
        common_strings=True, ignore_nonstandard_types=False, interpolate_strings=False
    )
    parser.expect_multiple_parse = True
    database = parser.bib_database
    items: list[ParsedItem] = []
    errors: list[ParseError] = []
    starts = [(m.start(), m[1].lower()) for m in _START.finditer(text)]
    ends = [start for start, _ in starts[1:]] + [len(text)] * bool(starts)
    for (start, kind), end in zip(starts, ends, strict=True):
        chunk, line = text[start:end], text.count("\n", 0, start) + 1
        if kind in ("comment", "preamble"):
            continue
        entries, comments = len(database.entries), len(database.comments)
        try:
            parser.parse(_number_repeats(chunk))
        except Exception as exc:  # a third-party parser failing on bad input is data
            message = f"@{kind} could not be read: {exc}"
            errors.append(ParseError(message, item=path, line=line, hint=_HINT))
            continue
        left = [c.strip() for c in database.comments[comments:] if c.strip()]
        if kind == "string":
            if [c for c in left if not c.startswith("%")]:
                message = "@string definition could not be read"
                errors.append(ParseError(message, item=path, line=line, hint=_HINT))
            continue
        new = database.entries[entries:]
        if not new:
            message = f"@{kind} entry could not be read: {chunk.strip()[:60]!r}"
            errors.append(ParseError(message, item=path, line=line, hint=_HINT))
            continue
        for number, entry in enumerate(new):  # a chunk holds several if one line does
            head = number and re.search(r"@\s*\w+\s*[{(]\s*" + re.escape(entry["ID"]), chunk)
            at = line + chunk[: head.start()].count("\n") if head else line
            item = _to_item(entry, at, [c for c in left if not c.startswith("%")])
            if any(k in item.csl for k in ("title", "DOI", "PMID", "PMCID", "URL", "ISBN")):
                items.append(item)
            else:
                message = f"entry {entry['ID']!r} has no title and no identifier"
                hint = "add a title, doi, pmid or url to the entry, or remove it"
                errors.append(ParseError(message, item=path, line=at, hint=hint))
    return ParsedFile(items=tuple(items), errors=tuple(errors))


def _number_repeats(chunk: str) -> str:
    """Rename the 2nd, 3rd... ``name =`` of a field to ``name+2``... so none is dropped."""
    seen: dict[str, int] = {}
    out, last = [], 0
    for end, name in _field_names(chunk):
        seen[name.lower()] = count = seen.get(name.lower(), 0) + 1
        if count > 1:
            out += [chunk[last:end], f"+{count}"]
            last = end
    return "".join(out) + chunk[last:]


def _field_names(chunk: str) -> list[tuple[int, str]]:
    """Where each top-level field name of the entry ends (a best effort: stops at bad syntax)."""
    found: list[tuple[int, str]] = []
    i = chunk.find(",")
    while i >= 0 and (name := _FIELD.match(chunk, i)):
        found.append((name.end(1), name[1]))
        i = name.end()
        while 0 <= i < len(chunk):  # skip the value: {...}, "...", number or macro, joined by #
            if chunk[i] == "{":
                i = group_end(chunk, i) + 1
            elif chunk[i] == '"':
                i += 1
                while 0 < i < len(chunk) and chunk[i] != '"':
                    i = group_end(chunk, i) + 1 if chunk[i] == "{" else i + 1
                i = i + 1 if 0 < i < len(chunk) else -1
            else:
                i = _WORD.match(chunk, i).end()  # type: ignore[union-attr]
            if i <= 0 or not (joined := _JOIN.match(chunk, i)):
                break
            i = joined.end()
    return found


def _expand(value: Any, notes: list[str]) -> str:
    """A value with its @string macros expanded; an undefined macro keeps its name (noted)."""
    parts = value.expr if isinstance(value, bibdatabase.BibDataStringExpression) else [value]
    out: list[str] = []
    for part in parts:
        try:
            out.append(str(bibdatabase.as_text(part)))
        except bibdatabase.UndefinedString:
            out.append(str(part.name))
            notes.append(f"@string macro {part.name!r} is not defined: its name was kept")
    return "".join(out)


def _read_type(entry_type: str, subtype: str | None, has_url: bool) -> str:
    """CSL type of an entry type (and ``entrysubtype``)."""
    subtype = (subtype or "").strip().lower()
    if entry_type == "article" and subtype in ("magazine", "newspaper"):
        return f"article-{subtype}"
    if entry_type in ("misc", "article", "online") and subtype in _CSL_TYPES:
        return subtype
    if entry_type == "misc":
        return "webpage" if has_url else "document"
    return _READ_TYPES.get(entry_type, "document")


def write_type(kind: str, has_url: bool, kept: Sequence[str]) -> tuple[str, str | None]:
    """Entry type (and ``entrysubtype``) that :func:`_read_type` maps back to ``kind``."""
    natural = WRITE_TYPES.get(kind, "online" if kind == "webpage" and not has_url else "misc")
    subtype = {"article-magazine": "magazine", "article-newspaper": "newspaper"}.get(kind, kind)
    for entry_type in [*kept[:1], natural]:
        for sub in (None, subtype):
            if _read_type(entry_type, sub, has_url) == kind:
                return entry_type, sub
    return "misc", subtype


class _Entry:
    """One bibtexparser entry being mapped: its fields in file order, each taken once."""

    def __init__(self, entry: Mapping[str, Any]) -> None:
        self.notes: list[str] = []
        self.values: dict[str, list[str]] = {}
        self.taken: set[str] = set()
        pairs = [(k, v) for k, v in entry.items() if k not in ("ID", "ENTRYTYPE")]
        for name, value in reversed(pairs):  # bibtexparser 1.4 stores the fields reversed
            base = re.sub(r"\+\d+$", "", name)
            self.values.setdefault(base, []).append(_expand(value, self.notes))
        self.csl: dict[str, Any] = {}
        self.unmapped: dict[str, list[str]] = {"bibtex:ID": [entry["ID"]]}
        self.text = Latex(self.notes)
        self.plain = Latex(self.notes, ligatures=False)

    def peek(self, name: str) -> str:
        """The first value of a field not yet taken, without taking it ("" if none)."""
        return (self.values.get(name) or [""])[0].strip()

    def take(self, name: str) -> str:
        """Take the first value of a field ("" if none); the others stay unmapped."""
        values = self.values.get(name)
        if not values:
            return ""
        self.taken.add(name)
        return values.pop(0).strip()

    def put(self, variable: str, value: str) -> None:
        """Set a CSL variable unless the value is empty or the variable is already set."""
        if value and variable not in self.csl:
            self.csl[variable] = value

    def read_kind(self, entry_type: str) -> str:
        """The CSL type (and URL, which decides a misc entry's type)."""
        url = _verbatim(self.take("url"))
        how = self.peek("howpublished")
        if not url and (found := re.fullmatch(r"\\url\{([^{}]*)\}|(https?://\S+)", how)):
            url = found[1] or found[2]
            self.take("howpublished")
        self.put("URL", url)
        kind = _read_type(entry_type, self.peek("entrysubtype"), bool(url))
        if kind != _read_type(entry_type, None, bool(url)):
            self.take("entrysubtype")
        if write_type(kind, bool(url), [])[0] != entry_type:
            self.unmapped["bibtex:ENTRYTYPE"] = [entry_type]
        self.csl["type"] = kind
        return kind

    def read_texts(self, kind: str) -> None:
        """Names, titles, publisher, container title, abstract, note and keywords."""
        for role in ("author", "editor"):
            names, others = _names(self.take(role), self.notes)
            self.csl.update({role: names} if names else {})
            self.unmapped.update({f"bibtex:{role}": ["others"]} if others else {})
        for field, variable in _TEXTS.items():
            if variable not in self.csl:
                self.put(variable, self.text(self.take(field)))
        containers = ["journaltitle", "journal", "booktitle"]
        for field in containers[::-1] if kind in IN_BOOK else containers:
            value = self.text(self.peek(field))
            if value and self.csl.setdefault("container-title", value) == value:
                self.take(field)  # the same title twice is one title
        for field in ("abstract", "note"):
            self.put(field, Latex(self.notes, paragraphs=True)(self.take(field)))
        terms: list[str] = []
        for raw in (self.take("keywords"), self.take("keyword")):
            separator = re.compile(";" if ";" in raw else ",")
            terms += [self.text(term) for term in split_top(raw, separator)]
        self.put("keyword", "; ".join(term for term in terms if term))

    def read_numbers(self, kind: str) -> None:
        """Edition, volume, issue or number, pages, page count, ISSN and ISBN, verbatim."""
        for field, variable in (("edition", "edition"), ("volume", "volume")):
            self.put(variable, self.plain(self.take(field)))
        self.put("number" if kind in NUMBERED else "issue", self.plain(self.take("number")))
        if kind not in NUMBERED:
            self.put("issue", self.plain(self.take("issue")))
        pages = self.plain(self.take("pages"))
        if "--" in pages:
            self.notes.append(f"pages {pages!r}: the BibTeX range dash '--' was read as '-'")
        self.put("page", pages.replace("--", "-"))
        self.put("number-of-pages", self.plain(self.take("pagetotal")))
        self.put("ISSN", _verbatim(self.take("issn")))
        self.put("ISBN", _verbatim(self.take("isbn")))

    def finish(self, line: int, leftover: list[str]) -> ParsedItem:
        """Everything not taken goes to ``unmapped`` (raw), repeats noted."""
        for text in leftover:
            self.notes.append(f"text after the entry's closing brace was not read: {text[:80]!r}")
        for name, values in self.values.items():
            if values and name in self.taken:
                self.notes.append(
                    f"field {name!r} is repeated: the first value was used, the others are "
                    f"kept under bibtex:{name}"
                )
            for value in values:
                self.unmapped.setdefault(f"bibtex:{name}", []).append(value)
        return ParsedItem(csl=self.csl, line=line, unmapped=self.unmapped, notes=tuple(self.notes))


def _to_item(entry: Mapping[str, Any], line: int, leftover: list[str]) -> ParsedItem:
    """Map one bibtexparser entry to a CSL item."""
    reader = _Entry(entry)
    kind = reader.read_kind(entry["ENTRYTYPE"])
    reader.read_texts(kind)
    reader.read_numbers(kind)
    _read_ids(reader)
    _read_dates(reader)
    return reader.finish(line, leftover)


def _verbatim(value: str) -> str:
    """DOI/URL/ISSN... as written: LaTeX escapes of specials undone, braces removed."""
    return re.sub(r"\\([_%&#$~])", r"\1", value).replace("{", "").replace("}", "").strip()


def _read_ids(f: _Entry) -> None:
    """doi, pmid, pmcid, and eprint with eprinttype pubmed/pmc."""
    csl, notes = f.csl, f.notes
    doi = _verbatim(f.take("doi"))
    if prefix := re.match(r"(?i)https?://(dx\.)?doi\.org/|doi:\s*", doi):
        notes.append(f"doi {doi!r}: the {prefix[0]!r} prefix was removed")
        doi = doi[prefix.end() :]
    if doi:
        csl["DOI"] = doi
    if _verbatim(f.peek("pmid")).isdigit():
        csl["PMID"] = _verbatim(f.take("pmid"))
    if re.fullmatch(r"(PMC)?\d+", pmcid := _verbatim(f.peek("pmcid"))):
        f.take("pmcid")
        csl["PMCID"] = pmcid if pmcid.startswith("PMC") else "PMC" + pmcid
        if csl["PMCID"] != pmcid:
            notes.append(f"pmcid {pmcid!r}: 'PMC' was put before the digits")
    eprint, eprinttype = _verbatim(f.peek("eprint")), f.peek("eprinttype").lower()
    target = {"pubmed": "PMID", "pmid": "PMID", "pmc": "PMCID", "pmcid": "PMCID"}
    if eprinttype in target and target[eprinttype] not in csl and eprint:
        if re.fullmatch(r"\d+" if target[eprinttype] == "PMID" else r"PMC\d+", eprint):
            csl[target[eprinttype]] = eprint
            f.take("eprint")
            f.take("eprinttype")


def _month(value: str) -> int | None:
    """A month's number from 1-12, an English name or its abbreviation."""
    value = value.strip().lower().rstrip(".")
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    for number, (short, full) in enumerate(zip(MONTHS, _MONTH_NAMES, strict=True), 1):
        if value in (short, full):
            return number
    return None


def _iso_date(value: str, field: str, notes: list[str]) -> dict[str, Any]:
    """ISO ``YYYY[-MM[-DD]]`` -> date-parts (a trailing time such as Zotero's ``TZ`` noted)."""
    match = _ISO.match(value)
    parts = [int(part) for part in match.groups() if part] if match else []
    rest = value[match.end() :] if match else value
    valid = parts and (len(parts) < 2 or 1 <= parts[1] <= 12) and (len(parts) < 3 or parts[2] < 32)
    if valid and (not rest or rest.startswith("T")):
        if rest:
            notes.append(f"{field} {value!r}: the time part {rest!r} was ignored")
        return {"date-parts": [parts]}
    return {"literal": value}


def _read_dates(f: _Entry) -> None:
    """date (biblatex) or year/month -> issued; urldate -> accessed."""
    csl, unmapped, notes = f.csl, f.unmapped, f.notes
    year, month, date = f.take("year"), f.take("month"), _verbatim(f.take("date"))
    if date:
        csl["issued"] = _iso_date(date, "date", notes)
        parts = csl["issued"].get("date-parts", [[]])[0]
        for name, value, index in (("year", year, 0), ("month", month, 1)):
            part = parts[index] if len(parts) > index else None
            if value and (int(value) if value.isdigit() else _month(value)) != part:
                unmapped[f"bibtex:{name}"] = [value]
                notes.append(f"{name} {value!r} disagrees with date {date!r}: date was used")
    elif re.fullmatch(r"\d{4}", year):
        csl["issued"] = {"date-parts": [[int(year)]]}
        if month and (number := _month(month)):
            csl["issued"]["date-parts"][0].append(number)
        elif month:
            unmapped["bibtex:month"] = [month]
            notes.append(f"month {month!r} is not a month: issued keeps the year only")
    else:
        if year:
            csl["issued"] = {"literal": f.text(year)}
        if month:
            unmapped["bibtex:month"] = [month]
    if urldate := _verbatim(f.take("urldate")):
        csl["accessed"] = _iso_date(urldate, "urldate", notes)


def _names(raw: str, notes: list[str]) -> tuple[list[dict[str, str]], bool]:
    """``and``-separated names -> CSL names, and whether the list ended with ``others``."""
    names: list[dict[str, str]] = []
    others = False
    for part in (p.strip() for p in split_top(raw, AND)):
        if part.lower() == "others":
            others = True
        elif part and (name := _name(part, notes)):
            names.append(name)
    return names, others


def _name(raw: str, notes: list[str]) -> dict[str, str]:
    decode = Latex(notes)
    if raw.startswith("{") and group_end(raw, 0) == len(raw) - 1:
        return {"literal": decode(raw[1:-1])}
    parts = [part.strip() for part in split_top(raw, re.compile(","))]
    if len(parts) == 1:
        words = [word for word in split_top(raw, re.compile(r"\s+")) if word]
        particles = [i for i, word in enumerate(words[:-1]) if i and word[:1].islower()]
        cut = particles[0] if particles else len(words) - 1
        family, suffix, given = " ".join(words[cut:]), "", " ".join(words[:cut])
    elif len(parts) <= 3:
        family, suffix, given = parts[0], parts[1] if len(parts) == 3 else "", parts[-1]
    else:
        notes.append(f"name {raw!r} has more than two commas: kept as one literal name")
        return {"literal": decode(raw)}
    name = {"family": decode(family), "given": decode(given), "suffix": decode(suffix)}
    return {key: value for key, value in name.items() if value}
