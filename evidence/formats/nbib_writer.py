"""CSL-JSON items -> PubMed MEDLINE (nbib) text that ``nbib.read_nbib`` reads back."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from evidence.formats.nbib import BOUND, HARD_BREAK, MONTHS, ORDER, WIDTH, abbreviate


def write_nbib(items: Sequence[Mapping[str, Any]]) -> str:
    """Write CSL items as MEDLINE/nbib records (unmapped ``nbib:`` fields written back)."""
    return "\n".join(_write_record(item) for item in items)


def _write_record(item: Mapping[str, Any]) -> str:
    unmapped: Mapping[str, list[str]] = (item.get("custom") or {}).get("unmapped") or {}
    flat = {
        key[5:]: list(values)
        for key, values in unmapped.items()
        if key.startswith("nbib:") and "#" not in key
    }
    mapped = _mapped_fields(item, flat)
    lines: list[str] = []
    for tag in ORDER:
        if tag.startswith("@"):
            lines += _people_lines(item, unmapped, tag[1:])
            continue
        for value in mapped.pop(tag, []) + flat.pop(tag, []):
            lines += _wrap(tag, value)
    for tag, values in flat.items():  # tags PubMed's order does not name
        for value in values:
            lines += _wrap(tag, value)
    return "".join(line + "\n" for line in lines)


def _mapped_fields(item: Mapping[str, Any], flat: dict[str, list[str]]) -> dict[str, list[str]]:
    """Tag -> values written from the CSL variables (consumes the flat values they replace)."""
    out: dict[str, list[str]] = {}

    def put(tag: str, value: Any) -> None:
        """Write ``value`` (whitespace normalised) under ``tag`` unless it is empty."""
        if value not in (None, ""):
            out.setdefault(tag, []).append(" ".join(str(value).split()))

    kind = item.get("type")
    put("PMID", item.get("PMID"))
    issn = [part.strip() for part in str(item.get("ISSN", "")).split(",") if part.strip()]
    typed = flat.pop("IS", [])
    if typed and sorted({re.sub(r"\s*\([^()]*\)$", "", v) for v in typed}) == sorted(set(issn)):
        issn = typed
    for value in issn:
        put("IS", value)
    put("VI", item.get("volume"))
    put("IP", item.get("issue"))
    put("DP", _format_date(item.get("issued"), flat))
    if kind in ("book", "chapter"):
        put("TI" if kind == "chapter" else "BTI", item.get("title"))
        put("BTI" if kind == "chapter" else "JT", item.get("container-title"))
        put("PL", item.get("publisher-place"))
    else:
        put("TI", item.get("title"))
        put("JT", item.get("container-title"))
    put("CTI", item.get("collection-title"))
    put("PG", item.get("page"))
    put("LID", f"{item['DOI']} [doi]" if item.get("DOI") else None)
    put("AB", item.get("abstract"))
    put("LA", item.get("language"))
    if kind == "article" and "Preprint" not in flat.get("PT", []):
        put("PT", "Preprint")
    if kind == "dataset" and "Dataset" not in flat.get("PT", []):
        put("PT", "Dataset")
    if kind == "dataset" and re.fullmatch(r"NCT\d{8}", str(item.get("number"))):
        put("SI", f"ClinicalTrials.gov/{item['number']}")
    put("PB", item.get("publisher"))
    put("EN", item.get("edition"))
    for value in str(item.get("ISBN", "")).split(","):
        put("ISBN", value.strip())
    put("TA", item.get("container-title-short"))
    put("PMC", item.get("PMCID"))
    for value in str(item.get("keyword", "")).split(";"):
        put("OT", value.strip())
    return out


def _format_date(issued: Any, flat: dict[str, list[str]]) -> str | None:
    """issued -> DP ("2018 Mar 1"); the verbatim DP is reused while its year agrees."""
    kept = flat.pop("DP", [])
    if not isinstance(issued, Mapping):
        return None
    if "literal" in issued:
        return str(issued["literal"])
    try:
        parts = [int(part) for part in issued["date-parts"][0]]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if kept and kept[0][:4] == str(parts[0]):
        return kept[0]
    words = [str(parts[0])]
    if len(parts) > 1 and 1 <= parts[1] <= 12:
        words.append(MONTHS[parts[1] - 1])
        words += [str(parts[2])] if len(parts) > 2 else []
    return " ".join(words)


def _people_lines(
    item: Mapping[str, Any], unmapped: Mapping[str, list[str]], role: str
) -> list[str]:
    """FAU/AU/CN (or FED/ED, or investigators) with the fields bound to each person."""
    kind = {"AU": "", "ED": "e", "IR": "i"}[role]
    bound: dict[int, list[tuple[str, str]]] = {}
    for key, values in unmapped.items():
        match = BOUND.fullmatch(key)
        if match and match[2] == kind:
            bound.setdefault(int(match[3]), []).extend((match[1], v) for v in values)
    names = [] if kind == "i" else item.get("author" if role == "AU" else "editor") or []
    lines: list[str] = []
    for position in sorted(set(range(1, len(names) + 1)) | set(bound)):
        extra = bound.get(position, [])
        named = position <= len(names)
        if named:
            name = names[position - 1]
            if "literal" in name:
                lines += _wrap("CN", name["literal"])
            else:
                family = " ".join(
                    str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k)
                )
                given = name.get("given")
                if family and given:
                    family = f"{family}, {given}"
                lines += _wrap("F" + role, family or str(given or ""))
                own = [v for t, v in extra if t == role]
                lines += _wrap(role, own[0] if own else abbreviate(name))
        for tag, value in extra:
            if not (named and tag == role):
                lines += _wrap(tag, value)
    return lines


def _wrap(tag: str, value: str) -> list[str]:
    """One field as MEDLINE lines: words wrapped at about 80 columns, 6-space continuations.

    Words are never broken; a line holding one word of ``HARD_BREAK`` or more characters
    takes the next word too, so the reader never mistakes it for a word PubMed broke.
    """
    words = value.split()
    if not words:
        return []
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        lone_long = " " not in current and len(current) >= HARD_BREAK
        if len(current) + 1 + len(word) <= WIDTH or lone_long:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return [f"{tag:<4}- {lines[0]}"] + ["      " + line for line in lines[1:]]
