"""CSL 1.0.2 vocabulary and Zotero's conventions for values: dates, names, Extra lines (pure).

The helpers :mod:`evidence.zotero_fields` builds on; nothing here depends on the schema.

- Dates: CSL date-parts are written as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a range as
  ``A/B``). Zotero's free-text dates are read into date-parts: ISO dates and timestamps,
  ``July 2014``, ``1 July 2014``, ``July 1, 2014``, ``2014 Jul 1``, ``08/1993`` and
  ``3/14/2014`` (month first unless the first number exceeds 12, as the API's en-US parser
  does). A text that is not the ISO form of its parts is kept as ``raw`` and written back while
  it still agrees with the parts; a text that cannot be read is a ``literal``.
- Names: a suffix is written Zotero's way (``firstName`` "John, Jr") and read back; particles
  are folded into the names and not split back. In Extra a name is ``Family || Given``.
- Extra lines are ``Key: value``; keys are CSL variable names (``DOI``, ``PMID``...) or their
  title-cased words (``Original Date``), read in any case with spaces for hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: CSL 1.0.2 name variables (specification, appendix IV).
CSL_NAMES = frozenset(
    "author chair collection-editor compiler composer container-author contributor curator "
    "director editor editorial-director executive-producer guest host illustrator interviewer "
    "narrator organizer original-author performer producer recipient reviewed-author "
    "script-writer series-creator translator".split()
)
#: CSL 1.0.2 date variables.
CSL_DATES = frozenset("accessed available-date event-date issued original-date submitted".split())
#: CSL 1.0.2 standard and number variables (``note`` and ``keyword`` included).
CSL_TEXT = frozenset(
    "abstract annote archive archive_collection archive_location archive-place authority "
    "call-number chapter-number citation-key citation-label citation-number collection-number "
    "collection-title container-title container-title-short dimensions division DOI edition "
    "event event-place event-title first-reference-note-number genre ISBN ISSN issue "
    "jurisdiction keyword language license locator medium note number number-of-pages "
    "number-of-volumes original-publisher original-publisher-place original-title page "
    "page-first part-number part-title PMCID PMID printing-number publisher publisher-place "
    "references reviewed-genre reviewed-title scale section source status supplement-number "
    "title title-short URL version volume volume-title volume-title-short year-suffix".split()
)
#: CSL 1.0.2 item types.
CSL_TYPES = frozenset(
    "article article-journal article-magazine article-newspaper bill book broadcast chapter "
    "classic collection dataset document entry entry-dictionary entry-encyclopedia event figure "
    "graphic hearing interview legal_case legislation manuscript map motion_picture "
    "musical_score pamphlet paper-conference patent performance periodical "
    "personal_communication post post-weblog regulation report review review-book software "
    "song speech standard thesis treaty webpage".split()
)
#: Legacy CSL-JSON names (still in Zotero's schema) -> the CSL 1.0.2 variable.
ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}
#: One Extra line: ``Key: value`` (Zotero's ``extraToCSL`` pattern).
LINE = re.compile(r"^([A-Za-z][A-Za-z _-]*?): *(\S.*)$")

_CSL_KEY = {v.lower().replace("_", "-"): v for v in CSL_NAMES | CSL_DATES | CSL_TEXT | {"type"}} | {
    k.lower(): v for k, v in ALIASES.items()
}
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](?:(\d{1,2})[/.-])?(\d{4})")
_PARSED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_NAMES = "january february march april may june july august september october november"
_MONTHS = {n: i + 1 for i, n in enumerate([*_MONTH_NAMES.split(), "december"])}
_MONTHS |= {n[:3]: i for n, i in _MONTHS.items()} | {"sept": 9}


# --- dates -------------------------------------------------------------------------------------


def zotero_date(value: Any) -> tuple[str | None, dict[str, Any]]:
    """The Zotero text of a CSL date variable, and the parts of it that text cannot carry."""
    if isinstance(value, str):
        return value, {}
    if not isinstance(value, Mapping):
        return None, {"value": value}
    rest = {k: v for k, v in value.items() if k not in ("date-parts", "literal", "raw")}
    parts, raw, literal = (
        _csl_parts(value.get("date-parts")),
        value.get("raw"),
        value.get("literal"),
    )
    if parts is not None:
        text = raw if isinstance(raw, str) and _agrees(raw, parts) else iso_date(parts)
        rest |= {k: v for k, v in (("raw", raw), ("literal", literal)) if v and v != text}
        return text, rest
    if "date-parts" in value:
        rest["date-parts"] = value["date-parts"]
    found = next((t for t in (literal, raw) if isinstance(t, str) and t), None)
    return found, rest


def csl_date(text: str, parsed: str | None = None) -> dict[str, Any]:
    """A Zotero date text as a CSL date; ``parsed`` is the API's ``meta.parsedDate``, if any."""
    parts = (_from_parsed(parsed) if parsed else None) or parse_date(text)
    if parts is None:
        return {"literal": text}
    return {"date-parts": parts} | ({"raw": text} if iso_date(parts) != text else {})


def parse_date(text: str) -> list[list[int]] | None:
    """Date-parts of a Zotero date text, or ``None`` if it is not one of the forms read."""
    text = text.strip()
    ends = text.split("/")
    if len(ends) == 2 and all(_ISO.fullmatch(end) for end in ends):
        dates = [parse_date(end) for end in ends]
        return [d[0] for d in dates if d] if all(dates) else None
    found: list[int] | None
    if match := _ISO.fullmatch(text):
        found = [int(g) for g in match.groups() if g]
    elif match := _NUMERIC.fullmatch(text):
        first, second, year = (int(g) if g else 0 for g in match.groups())
        month, day = (first, second) if first <= 12 else (second, first)
        found = [year, first] if not second else [year, month, day]
    else:
        found = _parse_words(text)
    return [found] if found and _valid(found) else None


def iso_date(parts: list[list[int]]) -> str:
    """``[[2014, 7, 1]]`` -> ``2014-07-01``; a range ``[[2014], [2015]]`` -> ``2014/2015``."""
    return "/".join("-".join([f"{d[0]:04d}", *(f"{p:02d}" for p in d[1:])]) for d in parts)


def _csl_parts(value: Any) -> list[list[int]] | None:
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        return None
    out: list[list[int]] = []
    for date in value:
        if not isinstance(date, list) or not 1 <= len(date) <= 3:
            return None
        if not all(isinstance(p, int) or (isinstance(p, str) and p.isdigit()) for p in date):
            return None
        out.append([int(p) for p in date])
    return out if all(_valid(d) for d in out) else None


def _agrees(raw: str, parts: list[list[int]]) -> bool:
    """Whether ``raw`` says what ``parts`` say (or more precisely), so it can be kept."""
    found = parse_date(raw)
    if found is None:
        return str(parts[0][0]) in raw
    pairs = zip(found, parts, strict=False)
    return len(found) == len(parts) and all(f[: len(p)] == p for f, p in pairs)


def _from_parsed(parsed: str) -> list[list[int]] | None:
    """The API's ``meta.parsedDate`` (``YYYY-MM-DD``, ``00`` for unknown) as date-parts."""
    match = _PARSED.fullmatch(parsed)
    if match is None:
        return None
    numbers = [int(g) for g in match.groups() if g]
    if 0 in numbers:
        numbers = numbers[: numbers.index(0)]
    return [numbers] if numbers and _valid(numbers) else None


def _parse_words(text: str) -> list[int] | None:
    """``July 2014``, ``1 July 2014``, ``July 1, 2014``, ``2014 Jul 1`` (English month names)."""
    if not re.fullmatch(r"[A-Za-z0-9\s,.]+", text):
        return None
    tokens = re.findall(r"[A-Za-z]+|\d+", text)
    if any(t.isalpha() and t.lower() not in _MONTHS for t in tokens):
        return None
    kinds = "".join("M" if t.isalpha() else "Y" if len(t) == 4 else "D" for t in tokens)
    if kinds not in ("MY", "MDY", "DMY", "YM", "YMD"):
        return None
    value = {
        k: _MONTHS[t.lower()] if k == "M" else int(t) for k, t in zip(kinds, tokens, strict=True)
    }
    return [value["Y"], value["M"], *([value["D"]] if "D" in kinds else [])]


def _valid(date: list[int]) -> bool:
    year, month, day = [*date, 1, 1][:3]
    return year > 0 and 1 <= month <= 12 and 1 <= day <= 31


# --- names -------------------------------------------------------------------------------------


def zotero_name(name: Any) -> dict[str, str] | None:
    """A CSL name as a Zotero creator's ``firstName``/``lastName`` or ``name`` (no type)."""
    if not isinstance(name, Mapping):
        return None
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    if name.get("suffix"):
        given = f"{given}, {name['suffix']}"
    if family or given:
        return {"firstName": given, "lastName": family}
    literal = name.get("literal")
    return {"name": literal} if isinstance(literal, str) and literal else None


def csl_name(creator: Mapping[str, Any]) -> dict[str, str] | None:
    """A Zotero creator as a CSL name (``literal`` for one-field names), ``None`` if empty."""
    name, last, first = creator.get("name"), creator.get("lastName"), creator.get("firstName")
    if name or (creator.get("fieldMode") == 1 and last and not first):
        return {"literal": str(name or last)}
    if not (last or first):
        return None
    given, comma, suffix = str(first or "").partition(", ")
    out = {"family": str(last or ""), "given": given, "suffix": suffix if comma else ""}
    return {k: v for k, v in out.items() if v}


def name_line(name: Mapping[str, str]) -> str:
    """A CSL name as the value of an Extra line: ``Family || Given`` or the literal."""
    if "literal" in name:
        return name["literal"]
    given = name.get("given", "") + (f", {name['suffix']}" if name.get("suffix") else "")
    return f"{name.get('family', '')} || {given}"


def name_from_line(value: str) -> dict[str, str]:
    """The inverse of :func:`name_line`."""
    family, bars, given = value.partition(" || ")
    if not bars:
        return {"literal": value}
    return csl_name({"lastName": family, "firstName": given}) or {"literal": value}


# --- Extra -------------------------------------------------------------------------------------


def extra_line(var: str, text: str) -> str | None:
    """``Key: value`` for a CSL variable, or ``None`` if the value cannot sit on one line."""
    if not text or "\n" in text or text != text.strip():
        return None
    key = var if var.isupper() else " ".join(w.capitalize() for w in re.split(r"[-_]", var))
    return f"{key}: {text}"


def read_extra(extra: str, csl: dict[str, Any]) -> list[str]:
    """Fill ``csl`` from Extra's CSL variable lines; the other lines (the note) are returned.

    A line never replaces a variable the item's fields set (it stays in the note); names
    accumulate; ``Type: <CSL type>`` sets the CSL type of a ``document`` (the only item type
    :func:`evidence.zotero_fields.csl_to_zotero` writes it for).
    """
    note: list[str] = []
    from_extra: set[str] = set()
    for line in extra.split("\n") if extra else ():
        match = LINE.match(line)
        var = _CSL_KEY.get(re.sub(r"[ _]", "-", match.group(1).lower())) if match else None
        value = match.group(2) if match else ""
        if var == "type" and value in CSL_TYPES and csl.get("type") == "document":
            csl["type"] = value
        elif var in (None, "note", "type") or (var in csl and var not in CSL_NAMES & from_extra):
            note.append(line)
            continue
        elif var in CSL_NAMES:
            csl.setdefault(var, []).append(name_from_line(value))
        else:
            csl[str(var)] = csl_date(value) if var in CSL_DATES else value
        from_extra.add(str(var))
    return note


def label(name: str) -> str:
    """A Zotero field or creator type as Extra writes it: ``seriesText`` -> ``Series Text``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return words[:1].upper() + words[1:]


def camel(key: str) -> str:
    """The inverse of :func:`label` (Zotero's rule: a lowercase second letter lowers the first)."""
    name = key.strip().replace(" ", "")
    return name[:1].lower() + name[1:] if name[1:2].islower() else name
