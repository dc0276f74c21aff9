"""The plan of a Zotero sync: what each record and each item needs, decided without writing.

It compares every record with its Zotero item through the link the store keeps (item key, the
item's version when both sides last agreed, and the agreed CSL):

- Zotero changed it when the item's version is newer than the link's;
- the store changed it when the record, seen through the Zotero field mapping, differs from
  the agreed CSL (so a field Zotero cannot hold never counts as a change).

Changed on one side only: ``update`` (push) or ``pull``; on both: ``conflict``, with both
sides. Not linked, but Zotero has it under the same PMID, DOI, PMCID or NCT number: ``link``
(or a ``conflict`` when the two differ); not in Zotero: ``create``; in Zotero only: ``import``,
or ``duplicate-in-zotero`` when another item already stands for that record. A linked item
deleted in Zotero: ``deleted-in-zotero``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from evidence.csl import record_to_csl
from evidence.records import dumps
from evidence.store import Store, StoredRecord, ZoteroLink
from evidence.zotero import RemoteItem
from evidence.zotero_fields import csl_to_zotero, is_reference, zotero_to_csl

Action = Literal[
    "create",
    "update",
    "pull",
    "import",
    "link",
    "conflict",
    "deleted-in-zotero",
    "duplicate-in-zotero",
    "unchanged",
    "failed",
]
Prefer = Literal["store", "zotero"]
_ORDER: tuple[Action, ...] = get_args(Action)  # reports count actions in this order
_NEEDS_A_PERSON = ("conflict", "deleted-in-zotero", "duplicate-in-zotero", "failed")


@dataclass(frozen=True, slots=True)
class Step:
    """One record's (or Zotero item's) line of the plan, and what happened when applied."""

    action: Action
    key: str | None
    zotero_key: str | None
    detail: str
    differences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ZoteroReport:
    """The plan (or what was done), the library version after, and the requests spent."""

    steps: tuple[Step, ...]
    applied: bool
    requests: int
    library_version: int | None = None

    def counts(self) -> dict[str, int]:
        """How many steps of each action, in a fixed order."""
        found = Counter(step.action for step in self.steps)
        return {action: found[action] for action in _ORDER if found[action]}

    @property
    def conflicts(self) -> tuple[Step, ...]:
        """Steps that need a person: conflicts, deletions and duplicates in Zotero, failures."""
        return tuple(s for s in self.steps if s.action in _NEEDS_A_PERSON)


def agreed_form(item: Mapping[str, Any]) -> str:
    """A CSL item as Zotero can hold it, as canonical text: what the two sides compare."""
    seen = zotero_to_csl(csl_to_zotero(typed(item)).data)
    return dumps(seen)


def plan(
    store: Store,
    library: str,
    remote: Sequence[RemoteItem],
    *,
    scope: Sequence[str] | None = None,
) -> list[Step]:
    """Every record in scope (and every Zotero item not yet in the store), with its action."""
    links = {link.key: link for link in store.zotero_links(library)}
    items = {item.key: item for item in remote if is_reference(item.data)}
    linked_remote = {link.zotero_key for link in links.values()}
    by_identifier = _identifier_index([i for k, i in items.items() if k not in linked_remote])
    steps: list[Step] = []
    claimed: set[str] = set()
    records = _records(store, scope)
    csl = {record.key: record_to_csl(record) for record in records}
    for record in records:
        local = csl[record.key]
        link = links.get(record.key)
        match = next((by_identifier[i] for i in _identifiers(local) if i in by_identifier), None)
        if match is not None and match.key in claimed:
            match = None
        if link is not None and (link.zotero_key in items or match is None):
            steps.append(_linked_step(record.key, local, link, items.get(link.zotero_key)))
            continue
        if link is not None and match is not None:  # deleted in Zotero, then added again
            claimed.add(match.key)
            detail = "deleted in Zotero and added again: linked to the new item"
            steps.append(Step("link", record.key, match.key, detail))
            continue
        if match is None:
            steps.append(Step("create", record.key, None, "not in Zotero yet"))
            continue
        claimed.add(match.key)
        diff = differences(local, zotero_to_csl(match.data))
        if diff:
            detail = "Zotero has it (same identifier) but describes it differently"
            steps.append(Step("conflict", record.key, match.key, detail, diff))
        else:
            steps.append(Step("link", record.key, match.key, "Zotero already has it"))
    if scope is not None:
        return steps
    local_ids: dict[str, str] = {}  # identifier -> key; scope is None: every stored record
    for key, item_csl in csl.items():
        for identifier in _identifiers(item_csl):
            local_ids.setdefault(identifier, key)
    for key, item in items.items():
        if key in linked_remote or key in claimed:
            continue
        ids = _identifiers(zotero_to_csl(item.data))
        same = next((local_ids[i] for i in ids if i in local_ids), None)
        if same is None:
            steps.append(Step("import", None, key, "in Zotero, not in the store"))
        else:
            detail = "Zotero holds this work twice; merge the two items in Zotero"
            steps.append(Step("duplicate-in-zotero", same, key, detail))
    return steps


def _records(store: Store, scope: Sequence[str] | None) -> list[StoredRecord]:
    if scope is None:
        return list(store.records())
    return [record for record in (store.get(key) for key in scope) if record is not None]


def _linked_step(
    key: str, local: Mapping[str, Any], link: ZoteroLink, item: RemoteItem | None
) -> Step:
    if item is None:
        detail = "deleted in Zotero; re-import it there or remove it from the store"
        return Step("deleted-in-zotero", key, link.zotero_key, detail)
    local_changed = agreed_form(local) != link.synced
    remote_changed = item.version > link.version
    if local_changed and remote_changed:
        diff = differences(local, zotero_to_csl(item.data))
        detail = "changed in both the store and Zotero since the last sync"
        if not diff:
            return Step("link", key, item.key, "changed on both sides, to the same values")
        return Step("conflict", key, item.key, detail, diff)
    if local_changed:
        return Step("update", key, item.key, "changed in the store")
    if remote_changed:
        return Step("pull", key, item.key, f"changed in Zotero (version {item.version})")
    return Step("unchanged", key, item.key, "in step")


def _identifiers(item: Mapping[str, Any]) -> list[str]:
    """PMID, DOI, PMCID, and a registry record's NCT number, as comparable strings.

    A work with none of them (a web page, a label) is known by its address instead, as the
    store knows it by its ``url:`` key.
    """
    found = []
    for name in ("PMID", "DOI", "PMCID"):
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            found.append(f"{name}:{value.strip().lower()}")
    number = item.get("number")
    if (
        item.get("type") == "dataset"
        and isinstance(number, str)
        and number.upper().startswith("NCT")
    ):
        found.append(f"NCT:{number.strip().upper()}")
    url = item.get("URL")
    if not found and isinstance(url, str) and url.strip():
        parts = urlsplit(url.strip())
        address = parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower())
        found.append(f"URL:{address.geturl().rstrip('/')}")
    return found


def _identifier_index(items: Sequence[RemoteItem]) -> dict[str, RemoteItem]:
    index: dict[str, RemoteItem] = {}
    for item in items:
        for identifier in _identifiers(zotero_to_csl(item.data)):
            index.setdefault(identifier, item)
    return index


def differences(local: Mapping[str, Any], remote: Mapping[str, Any]) -> tuple[str, ...]:
    """Both sides of every variable the two items (as Zotero holds them) disagree on."""
    here = json.loads(agreed_form(local))
    there = json.loads(agreed_form(remote))
    lines = []
    for name in sorted(set(here) | set(there)):
        if here.get(name) != there.get(name):
            lines.append(f"{name}: store {_show(here.get(name))} | Zotero {_show(there.get(name))}")
    return tuple(lines)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text if len(text) <= 80 else text[:77] + "...")


def typed(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """CSL-JSON without a ``type`` is read as a journal article, as csl.py reads it."""
    return item if item.get("type") else {**item, "type": "article-journal"}
