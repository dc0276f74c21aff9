"""CSL-JSON items -> RIS text that :func:`evidence.formats.ris.read_ris` reads back."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from evidence.formats.ris_tags import A2_IS_EDITOR, PLAIN_TAGS, TAG_LINE, TY_OF


def write_ris(items: Sequence[Mapping[str, Any]]) -> str:
    """RIS text for CSL items: ``TY`` first, ``ER`` last, one line per author and keyword.

    Tags follow the RIS specification (``TI``, ``T2``, ``J2``, ``AU``, ``PY``, ``DA``,
    ``VL``, ``IS``, ``SP``/``EP``, ``SN``, ``DO``, ``UR``, ``AB``, ``KW``, ``LA``, ``N1`` ...);
    a PMID is written EndNote's way (``AN  - <PMID>`` with ``DP  - NLM``), a PMCID as ``C2``,
    the item's ``id`` as ``ID``, and ``custom.unmapped`` entries prefixed ``ris:`` are written
    back under their tag. A page is split at its first hyphen into ``SP`` and ``EP``, verbatim
    (``2361-71`` -> ``SP  - 2361``, ``EP  - 71``). RIS cannot hold everything: CSL types with
    no RIS type (``review``, ``interview`` ...) are written as ``GEN`` and read back as
    ``document``, only the first date of a date range is written, and CSL variables with no
    RIS tag (``archive``, ``medium``, ``translator`` ...) are not written.
    """
    records = ["\n".join(_record(item)) for item in items]
    return "\n\n".join(records) + "\n" if records else ""


def _record(item: Mapping[str, Any]) -> list[str]:
    csl_type = str(item.get("type") or "document")
    ty = TY_OF.get(csl_type, "GEN")
    lines = [f"TY  - {ty}"]

    def _add(tag: str, value: Any) -> None:
        if value is not None and str(value).strip():
            lines.extend(_field_lines(tag, str(value).strip()))

    _add("TI", item.get("title"))
    _add("ST", item.get("title-short"))
    for name in _names(item.get("author")):
        _add("AU", name)
    for name in _names(item.get("editor")):
        _add("A2" if ty in A2_IS_EDITOR else "ED", name)
    _add("T2", item.get("container-title"))
    _add("J2", item.get("container-title-short"))
    _add("T3", item.get("collection-title"))
    _add("AB", item.get("abstract"))
    lines.extend(_date_lines(item))
    _add("ET", item.get("edition"))
    _add("VL", item.get("volume"))
    _add("IS", item.get("issue"))
    lines.extend(_page_lines(item.get("page")))
    for key in ("ISSN", "ISBN"):
        for value in str(item.get(key) or "").split(", "):
            _add("SN", value)
    _add("SN", item.get("number") if csl_type == "report" else None)
    _add("DO", item.get("DOI"))
    if item.get("PMID"):
        _add("AN", item.get("PMID"))
        _add("DP", "NLM")
    _add("C2", item.get("PMCID"))
    for tag, variable in PLAIN_TAGS:
        _add(tag, item.get(variable))
    for value in str(item.get("source") or "").split("; "):
        _add("DB", value)
    _add("N1", item.get("note"))
    for keyword in str(item.get("keyword") or "").split("; "):
        _add("KW", keyword)
    _add("ID", item.get("id"))
    for tag, values in _unmapped(item):
        if not (tag == "ID" and item.get("id")):
            for value in values:
                _add(tag, value)
    lines.append("ER  - ")
    return lines


def _field_lines(tag: str, value: str) -> list[str]:
    first, *rest = value.split("\n")
    # a continuation line that looks like a tag line is indented; the reader strips the indent
    return [f"{tag}  - {first}".rstrip()] + [
        (" " + line if TAG_LINE.match(line) else line).rstrip() for line in rest
    ]


def _names(names: Any) -> list[str]:
    out: list[str] = []
    for name in names if isinstance(names, list) else []:
        if not isinstance(name, Mapping):
            continue
        family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
        given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
        if family:
            parts = [family, given] + ([str(name["suffix"])] if name.get("suffix") else [])
            out.append(", ".join(parts).rstrip() if given or len(parts) > 2 else family + ",")
        elif name.get("literal"):
            out.append(str(name["literal"]))
    return out


def _date_lines(item: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    issued = item.get("issued")
    parts = _date_parts(issued)
    if parts:
        lines.append(f"PY  - {parts[0]}")
        if len(parts) > 1:
            lines.append(f"DA  - {_slash(parts)}")
    elif isinstance(issued, Mapping) and (issued.get("literal") or issued.get("raw")):
        lines.append(f"PY  - {issued.get('literal') or issued.get('raw')}")
    for tag, key in (("Y2", "accessed"), ("ET", "available-date")):
        parts = _date_parts(item.get(key))
        if parts:
            lines.append(f"{tag}  - {_slash(parts)}")
    return lines


def _date_parts(date: Any) -> list[int]:
    if not isinstance(date, Mapping):
        return []
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return []
    try:
        return [int(part) for part in parts[0][:3]]
    except (TypeError, ValueError):
        return []


def _slash(parts: list[int]) -> str:
    month = f"{parts[1]:02d}" if len(parts) > 1 else ""
    day = f"{parts[2]:02d}" if len(parts) > 2 else ""
    return f"{parts[0]}/{month}/{day}/"


def _page_lines(page: Any) -> list[str]:
    text = str(page or "").strip()
    if not text:
        return []
    start, dash, end = text.partition("-")
    if dash and start and end and start == start.strip() and end == end.strip():
        return [f"SP  - {start}", f"EP  - {end}"]
    return [f"SP  - {text}"]


def _unmapped(item: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    custom = item.get("custom")
    unmapped = custom.get("unmapped") if isinstance(custom, Mapping) else None
    out: list[tuple[str, list[str]]] = []
    for key, values in unmapped.items() if isinstance(unmapped, Mapping) else ():
        prefix, _, tag = str(key).partition(":")
        if prefix == "ris" and re.fullmatch(r"[A-Z][A-Z0-9]", tag) and tag not in ("TY", "ER"):
            out.append((tag, [str(v) for v in (values if isinstance(values, list) else [values])]))
    return out
