"""CSL-JSON items -> BibTeX that :func:`evidence.formats.bibtex.read_bibtex` reads back."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from evidence.formats.bibtex import AND, IN_BOOK, MONTHS, NUMBERED, write_type
from evidence.formats.latex import balanced, escape


def write_bibtex(items: Sequence[Mapping[str, Any]]) -> str:
    """Write CSL items as BibTeX entries (unmapped ``bibtex:`` fields written back)."""
    used: set[str] = set()
    return "\n".join(_write_entry(item, used) for item in items)


def _write_entry(item: Mapping[str, Any], used: set[str]) -> str:
    unmapped: Mapping[str, Sequence[str]] = (item.get("custom") or {}).get("unmapped") or {}
    extra = {k[7:]: list(v) for k, v in unmapped.items() if k.startswith("bibtex:")}
    kind = str(item.get("type") or "document")
    entry_type, subtype = write_type(kind, bool(item.get("URL")), extra.pop("ENTRYTYPE", []))
    key = _key(item, extra.pop("ID", []), used)
    fields: list[tuple[str, str]] = []

    def put(name: str, value: Any, write: Any = escape) -> None:
        """Add ``name = {write(value)}`` unless the value is empty."""
        if value not in (None, ""):
            fields.append((name, "{" + write(str(value)) + "}"))

    def number(value: str) -> str:
        """Numbers are escaped but never get ligature breakers (read without ligatures)."""
        return escape(value, ligatures=False)

    for role in ("author", "editor"):
        names = [_bib_name(name) for name in item.get(role) or []]
        if "others" in extra.get(role, []):
            extra[role].remove("others")
            names.append("others")
        put(role, " and ".join(names), str)
    put("title", item.get("title"), lambda v: "{" + escape(v) + "}")
    put("shorttitle", item.get("title-short"))
    put("booktitle" if kind in IN_BOOK else "journal", item.get("container-title"))
    put("shortjournal", item.get("container-title-short"))
    put("series", item.get("collection-title"))
    put("edition", item.get("edition"), number)
    put("volume", item.get("volume"), number)
    put("number", item.get("number" if kind in NUMBERED else "issue"), number)
    put("issue", item.get("issue") if kind in NUMBERED else None, number)
    put("pages", item.get("page"), lambda v: number(v).replace("-", "--"))
    put("pagetotal", item.get("number-of-pages"), number)
    issued = _parts(item.get("issued"))
    if isinstance(issued, str):
        put("year", issued)
    elif issued:
        put("year", issued[0], str)
        if len(issued) > 1 and 1 <= issued[1] <= 12:
            fields.append(("month", MONTHS[issued[1] - 1]))
        put("date", _iso(issued) if len(issued) > 2 else None, str)
    publisher = {"thesis": "school", "report": "institution"}.get(kind, "publisher")
    put(publisher, item.get("publisher"))
    put("address", item.get("publisher-place"))
    for name, variable in (("issn", "ISSN"), ("isbn", "ISBN"), ("doi", "DOI"), ("pmid", "PMID")):
        put(name, item.get(variable), str)
    put("pmcid", item.get("PMCID"), str)
    put("url", item.get("URL"), lambda v: v.replace("{", "%7B").replace("}", "%7D"))
    accessed = _parts(item.get("accessed"))
    put("urldate", _iso(accessed) if isinstance(accessed, list) else accessed, str)
    put("language", item.get("language"))
    terms = [term.strip() for term in str(item.get("keyword") or "").split(";") if term.strip()]
    put("keywords", "; ".join(terms) + (";" if len(terms) == 1 and "," in terms[0] else ""))
    for variable in ("abstract", "note"):
        put(variable, item.get(variable), lambda v: escape(v, paragraphs=True))
    put("type", item.get("genre"))
    put("eventtitle", item.get("event-title"))
    put("entrysubtype", subtype)
    for name, values in extra.items():
        for value in values:
            put(name, value, str if balanced(value) else escape)
    body = "".join(f",\n\t{name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{key}{body}\n}}\n"


def _parts(date: Any) -> list[int] | str | None:
    """A CSL date as int date-parts, as its literal text, or None."""
    if not isinstance(date, Mapping):
        return None
    if date.get("literal"):
        return str(date["literal"])
    try:
        return [int(part) for part in date["date-parts"][0][:3]] or None
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _iso(parts: Sequence[int]) -> str:
    return "-".join(f"{part:0{4 if i == 0 else 2}d}" for i, part in enumerate(parts))


def _bib_name(name: Mapping[str, Any]) -> str:
    """A CSL name as BibTeX "Family, Given" ("Family, Suffix, Given"); a literal in braces."""
    if name.get("literal"):
        return "{" + escape(str(name["literal"])) + "}"
    particles = ("dropping-particle", "non-dropping-particle", "family")
    family = " ".join(str(name[key]) for key in particles if name.get(key))
    parts = [family, str(name.get("suffix") or ""), str(name.get("given") or "")]
    parts = parts if parts[1] else [parts[0], parts[2]]

    def protect(part: str) -> str:
        """Brace a name part holding a comma or an "and" so it is not split on them."""
        needs = "," in part or AND.search(f" {part} ")
        return "{" + escape(part) + "}" if needs else escape(part)

    return ", ".join(protect(part) for part in parts)


def _key(item: Mapping[str, Any], kept: Sequence[str], used: set[str]) -> str:
    """The entry key: the item's id, else the kept BibTeX key, else family name + year."""
    base = str(item.get("id") or (kept[0] if kept else "") or _generated_key(item))
    base = re.sub(r"[\s,{}()=#%\"'\\~]", "_", base)
    key, count = base, 0
    while key in used:
        count += 1
        key = base + (chr(96 + count) if count <= 26 else f"-{count}")
    used.add(key)
    return key


def _generated_key(item: Mapping[str, Any]) -> str:
    """First author's (or editor's) family name in ASCII, and the year: ``arzte2021``."""
    names = item.get("author") or item.get("editor") or [{}]
    literal = str(names[0].get("literal") or "").split()
    name = str(names[0].get("family") or (literal[0] if literal else "anon"))
    ascii_name = unicodedata.normalize("NFKD", name)
    issued = _parts(item.get("issued"))
    year = str(issued[0]) if isinstance(issued, list) else "nd"
    return re.sub(r"[^a-z0-9]", "", ascii_name.lower()) + year
