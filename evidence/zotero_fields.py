"""CSL-JSON items <-> Zotero Web API item data (pure), driven by the Zotero global schema.

:func:`csl_to_zotero` builds the ``data`` object of ``POST /items``; :func:`zotero_to_csl`
reads an item back (its ``data``, or the API object, whose ``meta.parsedDate`` then decides the
date). The schema is the vendored ``evidence/_data/zotero-csl-map.json`` (written by
``scripts/zotero_csl_map.py``; version in :func:`schema_version`): per item type its fields,
with ``baseField`` resolved (CSL ``container-title`` is ``publicationTitle`` on a journal
article, ``bookTitle`` on a book section, ``websiteTitle`` on a webpage, ``proceedingsTitle``
on a conference paper), its creator types, and Zotero's own CSL mapping. Only fields valid for
the item type are written. Values are copied verbatim (CSL integers become their decimal text).

What Zotero has no field for travels in Extra, one ``Key: value`` line each in Zotero's
convention (read by Zotero and citeproc-js): ``PMID: 123``, ``PMCID: PMC123``, ``DOI: ...`` on
types without a DOI field, ``Publisher: ...`` on a journal article, ``Editor: Family || Given``
for a role the type lacks, ``Type: review`` for a CSL type Zotero lacks (the item is then a
``document``). Other Extra lines are CSL ``note``, written after the variable lines; a note
line naming a Zotero field or creator type with no CSL variable (``Series Text: ...``, which
:func:`zotero_to_csl` writes for such fields) goes back to it. Dates, names and the line format
are in :mod:`evidence.zotero_values`.

Decisions on top of the schema: its legacy ``journalAbbreviation``/``shortTitle`` are read as
aliases of CSL ``container-title-short``/``title-short``, which are written; ``citationKey`` is
CSL ``citation-key``; ``place`` is ``event-place`` on types with an event title (conference
paper, presentation) and ``publisher-place`` elsewhere, the other place going to Extra; a CSL
``author`` the type lacks becomes its primary creator type (an artwork's ``artist``) unless
that type has a CSL variable of its own (a film's ``director``), which would not read back as
``author``: it then goes to Extra. CSL ``id`` is the caller's identity for the item, not
content, and is not mapped; tags are CSL ``keyword`` split on "; ".
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from evidence.errors import ParseError
from evidence.zotero_values import (
    ALIASES,
    CSL_DATES,
    CSL_NAMES,
    CSL_TEXT,
    CSL_TYPES,
    LINE,
    camel,
    csl_date,
    csl_name,
    extra_line,
    label,
    name_from_line,
    name_line,
    read_extra,
    zotero_date,
    zotero_name,
)

_DATA = ("_data", "zotero-csl-map.json")
_NOT_REFERENCES = frozenset({"note", "attachment", "annotation"})
_ADDED_TEXT = {"citation-key": ["citationKey"]}
_PLACES = frozenset({"event-place", "publisher-place"})
_NAME_PARTS = frozenset(
    {"family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle"}
)
_ACCESS_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?Z?)?")


@dataclass(frozen=True, slots=True)
class ZoteroMapping:
    """A CSL item as Zotero item ``data``, and what could not be placed anywhere.

    ``data`` is ready for ``POST /items``. ``unmapped`` holds the CSL keys (or parts of a
    value) that neither a field nor Extra can carry, e.g. CSL-JSON ``custom``: report it, never
    ignore it. A name is listed there too when its formatting flags (``comma-suffix``...) had
    to be dropped; the name itself is placed.
    """

    data: dict[str, Any]
    unmapped: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _TypeMap:
    """One item type through the CSL mapping: ``writes`` variable -> field, ``reads`` the
    inverse plus fields Zotero also reads (``series`` beside ``seriesTitle``), ``creators``
    name variable -> creator type."""

    csl_type: str
    fields: tuple[str, ...]
    creator_types: tuple[str, ...]
    primary: str | None
    writes: Mapping[str, str]
    reads: Mapping[str, str]
    creators: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class _Schema:
    version: int
    types: Mapping[str, _TypeMap]
    zotero_type_of: Mapping[str, str]
    csl_name_of: Mapping[str, str]


@dataclass(slots=True)
class _Draft:
    """The Zotero item being built (an accumulator, not a result)."""

    tm: _TypeMap
    data: dict[str, Any]
    lines: list[str]
    creators: list[dict[str, str]] = field(default_factory=list)
    unmapped: dict[str, Any] = field(default_factory=dict)


def schema_version() -> int:
    """The version of the Zotero schema the mapping follows (from the vendored data file)."""
    return _schema().version


def is_reference(data: Mapping[str, Any]) -> bool:
    """False for notes, attachments and annotations (``data`` or the full API object)."""
    return _inner(data).get("itemType") not in _NOT_REFERENCES


def csl_to_zotero(item: Mapping[str, Any]) -> ZoteroMapping:
    """A CSL-JSON item as Zotero item data (conventions in the module docstring).

    Raises :class:`~evidence.errors.ParseError` if ``type`` is not a CSL 1.0.2 type.
    """
    draft = _start(item)
    for key, value in item.items():
        var = ALIASES.get(key, key)
        if key in ("id", "type", "note") or value is None or value == "":
            continue
        if var != key and var in item:  # a legacy alias beside its CSL 1.0.2 variable
            if item[var] != value:
                draft.unmapped[key] = value
        elif var in CSL_NAMES and isinstance(value, list):
            _put_names(draft, var, value)
        elif var in CSL_DATES:
            _put_date(draft, var, value)
        elif var == "keyword" and isinstance(value, str):
            draft.data["tags"] = [{"tag": tag} for tag in value.split("; ") if tag]
        elif var in CSL_TEXT and isinstance(value, str | int) and not isinstance(value, bool):
            _put_text(draft, var, str(value), key, value)
        else:
            draft.unmapped[key] = value
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        draft.unmapped["note"] = note
    elif note:
        draft.lines.extend(_restore(draft, note.split("\n")))
    if draft.creators:
        draft.data["creators"] = draft.creators
    if draft.lines:
        draft.data["extra"] = "\n".join(draft.lines)
    return ZoteroMapping(data=draft.data, unmapped=draft.unmapped)


def zotero_to_csl(data: Mapping[str, Any]) -> dict[str, Any]:
    """A Zotero item (``data``, or the API object with ``meta``) as a CSL-JSON item (no ``id``).

    Raises :class:`~evidence.errors.ParseError` for notes, attachments and item types the
    schema does not know: check :func:`is_reference` first.
    """
    meta = data.get("meta") if "data" in data else None
    parsed = meta.get("parsedDate") if isinstance(meta, Mapping) else None
    inner = _inner(data)
    item_type = inner.get("itemType")
    tm = _schema().types.get(str(item_type))
    if tm is None or item_type in _NOT_REFERENCES:
        raise ParseError(
            f"Zotero item type {item_type!r} is not a reference",
            item=str(inner.get("key") or "") or None,
            hint="skip notes and attachments (is_reference)",
        )
    csl: dict[str, Any] = {"type": tm.csl_type}
    leftover: list[str] = []
    targets = set(tm.writes.values())
    for name in sorted(tm.fields, key=lambda name: name not in targets):
        value = inner.get(name)
        var = tm.reads.get(name)
        if name == "extra" or not isinstance(value, str) or not value:
            continue
        if var is None or var in csl:
            leftover.append(f"{label(name)}: {value}")
        elif var in CSL_DATES:
            authority = parsed if var == "issued" and isinstance(parsed, str) else None
            csl[var] = csl_date(value, authority)
        else:
            csl[var] = value
    for creator in inner.get("creators") or ():
        ct = creator.get("creatorType")
        var = _schema().csl_name_of.get(ct) or ("author" if ct == tm.primary else None)
        person = csl_name(creator)
        if var is not None and person is not None:
            csl.setdefault(var, []).append(person)
        elif person is not None:
            leftover.append(f"{label(str(ct))}: {name_line(person)}")
    tags = [t["tag"] for t in inner.get("tags") or () if t.get("tag")]
    if tags:
        csl["keyword"] = "; ".join(tags)
    note = read_extra(str(inner.get("extra") or ""), csl) + leftover
    if note:
        csl["note"] = "\n".join(note)
    return csl


# --- CSL -> Zotero ---------------------------------------------------------------------------


def _start(item: Mapping[str, Any]) -> _Draft:
    if not isinstance(item, Mapping):
        raise ParseError("a CSL-JSON item must be an object")
    csl_type = item.get("type")
    if csl_type not in CSL_TYPES:
        where = str(item["id"]) if item.get("id") is not None else None
        raise ParseError(f"CSL type {csl_type!r} is not a CSL 1.0.2 type", item=where)
    item_type = _schema().zotero_type_of.get(csl_type, "document")
    tm = _schema().types[item_type]
    draft = _Draft(
        tm, {"itemType": item_type}, [] if tm.csl_type == csl_type else [f"Type: {csl_type}"]
    )
    return draft


def _put_text(draft: _Draft, var: str, text: str, key: str, value: Any) -> None:
    target = draft.tm.writes.get(var)  # one variable per field: never already set
    if target is not None:
        draft.data[target] = text
    elif not _put_line(draft, var, text):
        draft.unmapped[key] = value


def _put_names(draft: _Draft, var: str, names: list[Any]) -> None:
    creator_type = draft.tm.creators.get(var)
    for name in names:
        parts = zotero_name(name)
        if parts is None or set(name) - _NAME_PARTS:
            draft.unmapped.setdefault(var, []).append(name)
        if parts is None:
            continue
        if creator_type is not None:
            draft.creators.append({"creatorType": creator_type, **parts})
        elif not _put_line(draft, var, name_line(csl_name(parts) or {})):
            draft.unmapped.setdefault(var, []).append(name)


def _put_date(draft: _Draft, var: str, value: Any) -> None:
    text, rest = zotero_date(value)
    if rest:
        draft.unmapped[var] = rest
    if text is None:
        return
    target = draft.tm.writes.get(var)
    if target and (target != "accessDate" or _ACCESS_DATE.fullmatch(text)):
        draft.data[target] = text
    elif not _put_line(draft, var, text):
        draft.unmapped[var] = value


def _put_line(draft: _Draft, var: str, text: str) -> bool:
    line = extra_line(var, text)
    if line is not None:
        draft.lines.append(line)
    return line is not None


def _restore(draft: _Draft, note: list[str]) -> list[str]:
    """Note lines naming a field or creator type with no CSL variable go back to it."""
    tm, kept = draft.tm, []
    targets = set(tm.writes.values())
    for line in note:
        match = LINE.match(line)
        name = camel(match.group(1)) if match else ""
        if match and name in tm.fields and name not in targets and name not in draft.data:
            draft.data[name] = match.group(2)
        elif match and name in tm.creator_types and name not in tm.creators.values():
            person = zotero_name(name_from_line(match.group(2)))
            draft.creators.append({"creatorType": name, **(person or {})})
        else:
            kept.append(line)
    return kept


# --- schema ----------------------------------------------------------------------------------


def _inner(data: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = data.get("data")
    return inner if isinstance(inner, Mapping) and "itemType" not in data else data


@functools.cache
def _schema() -> _Schema:
    resource = importlib.resources.files("evidence").joinpath(*_DATA)
    raw: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    csl = raw["csl"]
    variables: dict[str, list[str]] = {}
    for variable, fields in csl["fields"]["text"].items():
        variables.setdefault(ALIASES.get(variable, variable), []).extend(fields)
    variables |= _ADDED_TEXT | {var: [name] for var, name in csl["fields"]["date"].items()}
    csl_type_of = {z: c for c, zotero_types in csl["types"].items() for z in zotero_types}
    return _Schema(
        version=int(raw["version"]),
        types={
            entry["itemType"]: _type_map(entry, csl_type_of[entry["itemType"]], variables, csl)
            for entry in raw["itemTypes"]
            if entry["itemType"] in csl_type_of
        },
        zotero_type_of={c: zotero_types[0] for c, zotero_types in csl["types"].items()},
        csl_name_of=csl["names"],
    )


def _type_map(
    entry: Mapping[str, Any],
    csl_type: str,
    variables: Mapping[str, list[str]],
    csl: Mapping[str, Any],
) -> _TypeMap:
    fields = tuple(f["field"] for f in entry["fields"])
    by_base = {f["baseField"]: f["field"] for f in entry["fields"] if "baseField" in f}
    candidates: dict[str, list[str]] = {}
    for variable, generic in variables.items():
        # Zotero resolves a base field to the type's own field first, then the name itself.
        found = [by_base.get(name, name) for name in generic] + generic
        valid = [name for name in dict.fromkeys(found) if name in fields]
        if valid:
            candidates[variable] = valid
    place = "event-place" if "event-title" in candidates else "publisher-place"
    owner: dict[str, str] = {}
    for variable, valid in candidates.items():
        rival = owner.get(valid[0])
        if rival is None or ({variable, rival} == _PLACES and variable == place):
            owner[valid[0]] = variable
    reads = dict(owner)
    for variable, valid in candidates.items():
        for name in valid[1:]:
            reads.setdefault(name, variable)
    creator_types = tuple(c["creatorType"] for c in entry["creatorTypes"])
    primary = next((c["creatorType"] for c in entry["creatorTypes"] if c.get("primary")), None)
    creators = {var: ct for ct, var in csl["names"].items() if ct in creator_types}
    if "author" not in creators and primary is not None and primary not in csl["names"]:
        creators["author"] = primary  # read back as author; a director stays a director
    return _TypeMap(
        csl_type=csl_type,
        fields=fields,
        creator_types=creator_types,
        primary=primary,
        writes={variable: name for name, variable in owner.items()},
        reads=reads,
        creators=creators,
    )
