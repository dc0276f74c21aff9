"""Two-way sync between the store and one Zotero library: a plan first, then (maybe) writes.

The plan compares every record with its Zotero item through the link the store keeps (item
key, the item's version when both sides last agreed, and the agreed CSL):

- Zotero changed it when the item's version is newer than the link's;
- the store changed it when the record, seen through the Zotero field mapping, differs from
  the agreed CSL (so a field Zotero cannot hold never counts as a change).

A record changed on one side only is pushed (``update``) or pulled (``pull``); changed on both,
it is a ``conflict``, reported with both sides and left alone unless the user says which side
wins (``prefer``). A record Zotero has under the same PMID, DOI or PMCID but not yet linked is
linked, not created twice. A linked item deleted in Zotero is reported, never re-created
silently. Creates go in requests of at most 50 items.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from evidence.bibimport import Entry, import_items
from evidence.csl import RAW_CSL, csl_to_record, record_to_csl
from evidence.models import MetadataSource, Trial
from evidence.store import Store, StoredRecord, ZoteroLink
from evidence.zotero import MAX_CREATE, Conflict, RemoteItem, ZoteroClient
from evidence.zotero_fields import csl_to_zotero, is_reference, zotero_to_csl

Action = Literal[
    "create",
    "update",
    "pull",
    "import",
    "link",
    "conflict",
    "deleted-in-zotero",
    "unchanged",
    "failed",
]
Prefer = Literal["store", "zotero"]
_ORDER: tuple[Action, ...] = (
    "create",
    "update",
    "pull",
    "import",
    "link",
    "conflict",
    "deleted-in-zotero",
    "unchanged",
    "failed",
)


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
        """Steps that need a person: conflicts, deletions in Zotero, failures."""
        return tuple(
            s for s in self.steps if s.action in ("conflict", "deleted-in-zotero", "failed")
        )


def agreed_form(item: Mapping[str, Any]) -> str:
    """A CSL item as Zotero can hold it, as canonical text: what the two sides compare."""
    seen = zotero_to_csl(csl_to_zotero(_typed(item)).data)
    return json.dumps(seen, ensure_ascii=False, sort_keys=True)


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
    for record in _records(store, scope):
        local = record_to_csl(record)
        link = links.get(record.key)
        if link is not None:
            steps.append(_linked_step(record.key, local, link, items.get(link.zotero_key)))
            continue
        match = next((by_identifier[i] for i in _identifiers(local) if i in by_identifier), None)
        if match is None or match.key in claimed:
            steps.append(Step("create", record.key, None, "not in Zotero yet"))
            continue
        claimed.add(match.key)
        differences = _differences(local, zotero_to_csl(match.data))
        if differences:
            detail = "Zotero has it (same identifier) but describes it differently"
            steps.append(Step("conflict", record.key, match.key, detail, differences))
        else:
            steps.append(Step("link", record.key, match.key, "Zotero already has it"))
    for key in items:
        if key not in linked_remote and key not in claimed and scope is None:
            steps.append(Step("import", None, key, "in Zotero, not in the store"))
    return steps


def status(store: Store, client: ZoteroClient, *, collection: str | None = None) -> ZoteroReport:
    """What differs between the store (or one collection) and the library; nothing is written."""
    scope = store.collection_keys(collection) if collection else None
    steps = plan(store, str(client.library), client.items(), scope=scope)
    return ZoteroReport(tuple(steps), applied=False, requests=client.requests_sent)


def push(
    store: Store,
    client: ZoteroClient,
    *,
    collection: str | None = None,
    dry_run: bool = False,
    prefer: Prefer | None = None,
) -> ZoteroReport:
    """Send the store's new and changed records to Zotero (see the module docstring)."""
    library = str(client.library)
    scope = store.collection_keys(collection) if collection else None
    remote = client.items()
    steps = [s for s in plan(store, library, remote, scope=scope) if s.action != "import"]
    if dry_run:
        return ZoteroReport(tuple(steps), applied=False, requests=client.requests_sent)
    remote_by_key = {item.key: item for item in remote}
    target = client.collection_key(collection, create=True) if collection else None
    done: list[Step] = []
    creates = [s for s in steps if s.action == "create" and s.key]
    for start in range(0, len(creates), MAX_CREATE):
        done.extend(_create(store, client, creates[start : start + MAX_CREATE], target))
    for step in steps:
        if step.action == "create":
            continue
        wins = step.action == "conflict" and prefer == "store"
        if step.action == "update" or wins:
            done.append(_update(store, client, step, remote_by_key, target))
        elif step.action == "link" and step.key and step.zotero_key:
            _link(store, library, step.key, remote_by_key[step.zotero_key])
            done.append(step)
        else:
            done.append(step)
    return ZoteroReport(tuple(done), True, client.requests_sent, client.library_version())


def pull(
    store: Store,
    client: ZoteroClient,
    *,
    collection: str | None = None,
    prefer: Prefer | None = None,
) -> ZoteroReport:
    """Bring Zotero's new and changed items (of one collection) into the store, merged."""
    library = str(client.library)
    remote = client.items(collection)
    steps = plan(store, library, remote, scope=None)
    in_scope = {item.key for item in remote}
    # A collection's items are a part of the library: what is missing from it is not deleted.
    gone = "deleted-in-zotero" if collection is None else None
    steps = [s for s in steps if s.zotero_key in in_scope or s.action == gone]
    remote_by_key = {item.key: item for item in remote}
    name = client.collection_name(collection) if collection else None
    done: list[Step] = []
    with store.transaction():
        for step in steps:
            item = remote_by_key.get(step.zotero_key or "")
            wins = step.action == "conflict" and prefer == "zotero"
            if item is not None and step.key and (step.action == "pull" or wins):
                done.append(_take_remote(store, library, step, item))
            elif item is not None and step.action == "import":
                done.append(_import(store, library, step, item))
            elif item is not None and step.action == "link" and step.key:
                _link(store, library, step.key, item)
                done.append(step)
            else:
                done.append(step)
        if name:
            keys = [
                s.key for s in done if s.key and s.action not in ("failed", "deleted-in-zotero")
            ]
            store.add_to_collection(name, keys)
    return ZoteroReport(tuple(done), True, client.requests_sent, client.library_version())


# -- planning helpers ------------------------------------------------------------------------


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
        differences = _differences(local, zotero_to_csl(item.data))
        detail = "changed in both the store and Zotero since the last sync"
        if not differences:
            return Step("link", key, item.key, "changed on both sides, to the same values")
        return Step("conflict", key, item.key, detail, differences)
    if local_changed:
        return Step("update", key, item.key, "changed in the store")
    if remote_changed:
        return Step("pull", key, item.key, f"changed in Zotero (version {item.version})")
    return Step("unchanged", key, item.key, "in step")


def _identifiers(item: Mapping[str, Any]) -> list[str]:
    """PMID, DOI, PMCID, and a registry record's NCT number, as comparable strings."""
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
    return found


def _identifier_index(items: Sequence[RemoteItem]) -> dict[str, RemoteItem]:
    index: dict[str, RemoteItem] = {}
    for item in items:
        for identifier in _identifiers(zotero_to_csl(item.data)):
            index.setdefault(identifier, item)
    return index


def _differences(local: Mapping[str, Any], remote: Mapping[str, Any]) -> tuple[str, ...]:
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


# -- applying --------------------------------------------------------------------------------


def _payload(store: Store, key: str, collection: str | None) -> dict[str, Any]:
    record = store.get(key)
    if record is None:
        raise ValueError(f"planned record {key} is gone")
    data = dict(csl_to_zotero(_typed(record_to_csl(record))).data)
    if collection:
        data["collections"] = sorted({*data.get("collections", ()), collection})
    return data


def _create(
    store: Store, client: ZoteroClient, batch: Sequence[Step], collection: str | None
) -> list[Step]:
    payload = [_payload(store, step.key or "", collection) for step in batch]
    result = client.create(payload)
    done = []
    for index, step in enumerate(batch):
        created = result.created.get(index)
        if created is None:
            reason = result.failed.get(index, "Zotero did not say why")
            done.append(replace(step, action="failed", detail=f"not created: {reason}"))
            continue
        _link(store, str(client.library), step.key or "", created)
        done.append(replace(step, zotero_key=created.key, detail=f"created as {created.key}"))
    return done


def _update(
    store: Store,
    client: ZoteroClient,
    step: Step,
    remote: Mapping[str, RemoteItem],
    collection: str | None,
) -> Step:
    key, zotero_key = step.key or "", step.zotero_key or ""
    item = remote[zotero_key]
    data = _payload(store, key, collection)
    if collection is None and "collections" in item.data:
        data["collections"] = item.data["collections"]
    outcome = client.update(zotero_key, item.version, data)
    if isinstance(outcome, Conflict):
        now = outcome.remote
        differences = (
            _differences(record_to_csl(_get(store, key)), zotero_to_csl(now.data)) if now else ()
        )
        detail = "changed in Zotero while pushing (HTTP 412); nothing was overwritten"
        return replace(step, action="conflict", detail=detail, differences=differences)
    _link(store, str(client.library), key, RemoteItem(zotero_key, outcome, data))
    return replace(step, action="update", detail=f"updated (version {outcome})")


def _take_remote(store: Store, library: str, step: Step, item: RemoteItem) -> Step:
    key = step.key or ""
    record = _get(store, key)
    current = record.article or record.trial
    if current is not None and current.source in (MetadataSource.PUBMED, MetadataSource.CTGOV):
        _link(store, library, key, item)
        detail = "Zotero's edit not taken: the PubMed/ClinicalTrials.gov record is authoritative"
        return replace(step, action="unchanged", detail=detail)
    csl = {**zotero_to_csl(item.data), "id": record_to_csl(record).get("id", key)}
    if current is not None and current.source is MetadataSource.MANUAL:
        csl["custom"] = {**csl.get("custom", {}), "metadata": "manual"}
    parsed = csl_to_record(csl, where=f"Zotero item {item.key}")
    raw = json.dumps(csl, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if isinstance(parsed, Trial) != (record.trial is not None):
        return replace(step, action="failed", detail="Zotero's item is now another kind of work")
    outcome = (
        store.put_trial(parsed, raw, RAW_CSL)
        if isinstance(parsed, Trial)
        else store.put_article(parsed, raw, RAW_CSL, replaces=key)
    )
    _link(store, library, outcome.key, item)
    return replace(
        step, action="pull", key=outcome.key, detail=f"taken from Zotero ({step.detail})"
    )


def _import(store: Store, library: str, step: Step, item: RemoteItem) -> Step:
    entry = Entry(f"Zotero item {item.key}", zotero_to_csl(item.data))
    (result,) = import_items([entry], store)
    if not result.ok or result.key is None:
        reason = result.error.one_line() if result.error else result.status
        return replace(step, action="failed", detail=reason)
    _link(store, library, result.key, item)
    detail = f"{result.status} as {result.key}" + (
        f" ({'; '.join(result.notes)})" if result.notes else ""
    )
    return replace(step, key=result.key, detail=detail)


def _typed(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """CSL-JSON without a ``type`` is read as a journal article, as csl.py reads it."""
    return item if item.get("type") else {**item, "type": "article-journal"}


def _link(store: Store, library: str, key: str, item: RemoteItem) -> None:
    synced = agreed_form(record_to_csl(_get(store, key)))
    store.put_zotero_link(ZoteroLink(library, key, item.key, item.version, synced))


def _get(store: Store, key: str) -> StoredRecord:
    record = store.get(key)
    if record is None:
        raise ValueError(f"record {key} is gone")
    return record
