"""Two-way sync between the store and one Zotero library: the plan (``zotero_plan``), then writes.

``status`` writes nothing; ``push`` creates (at most 50 items per request) and updates items,
``pull`` takes Zotero's changes and imports its new items (de-duplicated, merged). Conflicts
are left alone unless the user says which side wins (``prefer``). A pull never overwrites a
PubMed or ClinicalTrials.gov record: Zotero's edit is reported and the next push undoes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from evidence.bibimport import Entry, import_items, keep_local_key, named_elsewhere, raw_item
from evidence.csl import RAW_CSL, csl_to_record, record_to_csl
from evidence.errors import EvidenceError
from evidence.models import MetadataSource, Trial
from evidence.store import Store, StoredRecord, ZoteroLink
from evidence.zotero import MAX_CREATE, Conflict, RemoteItem, ZoteroClient
from evidence.zotero_fields import csl_to_zotero, zotero_to_csl
from evidence.zotero_plan import (
    Prefer,
    Step,
    ZoteroReport,
    agreed_form,
    differences,
    plan,
    typed,
)

__all__ = ["Prefer", "Step", "ZoteroReport", "agreed_form", "plan", "pull", "push", "status"]


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
        item = remote_by_key.get(step.zotero_key or "")
        unfiled = (
            target is not None
            and item is not None
            and step.action in ("unchanged", "link")
            and target not in item.data.get("collections", ())
        )
        if step.action == "update" or wins or unfiled:
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
    present = set(remote_by_key) if collection is None else None
    name = client.collection_name(collection) if collection else None
    done: list[Step] = []
    with store.transaction():
        new = [s for s in steps if s.action == "import" and s.zotero_key in remote_by_key]
        for step in steps:
            item = remote_by_key.get(step.zotero_key or "")
            wins = step.action == "conflict" and prefer == "zotero"
            if step.action == "import" and item is not None:
                continue  # imported below, in one batch
            if item is not None and step.key and (step.action == "pull" or wins):
                done.append(_take_remote(store, library, step, item))
            elif item is not None and step.action == "link" and step.key:
                _link(store, library, step.key, item)
                done.append(step)
            else:
                done.append(step)
        done.extend(
            _import(store, library, [(s, remote_by_key[s.zotero_key or ""]) for s in new], present)
        )
        if name:
            keys = [
                s.key for s in done if s.key and s.action not in ("failed", "deleted-in-zotero")
            ]
            store.add_to_collection(name, keys)
    return ZoteroReport(tuple(done), True, client.requests_sent, client.library_version())


# -- applying --------------------------------------------------------------------------------


def _payload(store: Store, key: str, collection: str | None) -> dict[str, Any]:
    record = store.get(key)
    if record is None:
        raise ValueError(f"planned record {key} is gone")
    data = dict(csl_to_zotero(typed(record_to_csl(record))).data)
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
    data = _with_deletions(_payload(store, key, None), item.data)
    # The item keeps the collections it is in; a push into a collection adds that one.
    data["collections"] = sorted({*item.data.get("collections", ()), *filter(None, [collection])})
    outcome = client.update(zotero_key, item.version, data)
    if isinstance(outcome, Conflict):
        now = outcome.remote
        local = record_to_csl(_get(store, key))
        diff = differences(local, zotero_to_csl(now.data)) if now else ()
        if now is not None and not diff:  # a retried write that had gone through
            _link(store, str(client.library), key, now)
            return replace(step, action="update", detail=f"updated (version {now.version})")
        detail = "changed in Zotero while pushing (HTTP 412); nothing was overwritten"
        return replace(step, action="conflict", detail=detail, differences=diff)
    _link(store, str(client.library), key, RemoteItem(zotero_key, outcome, data))
    return replace(step, action="update", detail=f"updated (version {outcome})")


_BOOKKEEPING = frozenset(
    {
        "key",
        "version",
        "itemType",
        "collections",
        "relations",
        "dateAdded",
        "dateModified",
        "parentItem",
        "deleted",
    }
)


def _with_deletions(data: dict[str, Any], remote: Mapping[str, Any]) -> dict[str, Any]:
    """A PATCH only changes what it names: name every field the store no longer has, empty.

    Zotero's own organisation survives: its tags are kept beside the store's keywords, and
    Extra lines the store did not write (a colleague's "Reviewed by AB") are kept.
    """
    out = dict(data)
    tags = [*out.get("tags", ())]
    tags += [tag for tag in remote.get("tags", ()) if tag not in tags]
    out["tags"] = tags
    ours = str(out.get("extra") or "").splitlines()
    written = {label for line in ours if (label := _label(line))} | {"pmid", "pmcid", "doi"}
    theirs = [
        line
        for line in str(remote.get("extra") or "").splitlines()
        if line not in ours and _label(line) not in written
    ]
    if theirs:
        out["extra"] = "\n".join([*ours, *theirs])
    for name, value in remote.items():
        if name in _BOOKKEEPING or name in out or value in ("", [], None):
            continue
        out[name] = [] if isinstance(value, list) else ""
    return out


def _label(line: str) -> str | None:
    """The ``Label`` of an Extra line ``Label: value`` (lower case), or None for free text."""
    label, colon, _value = line.partition(":")
    return label.strip().lower() if colon and label.strip() else None


def _take_remote(store: Store, library: str, step: Step, item: RemoteItem) -> Step:
    key = step.key or ""
    record = _get(store, key)
    current = record.article or record.trial
    remote = zotero_to_csl(item.data)
    if current is not None and current.source in (MetadataSource.PUBMED, MetadataSource.CTGOV):
        # Agreed = Zotero's values: the next push puts the authoritative record back, and says so.
        _link(store, library, key, item, synced=agreed_form(remote))
        detail = (
            f"Zotero's edit not taken: the {current.source.value} record is authoritative; "
            "`evidence zotero push` writes it back to Zotero"
        )
        return replace(step, action="unchanged", detail=detail)
    stored = record_to_csl(record)
    held = set(json.loads(agreed_form(stored)))  # what Zotero can hold; the rest is kept
    csl = {**{k: v for k, v in stored.items() if k not in held}, **remote}
    try:
        parsed = csl_to_record(csl, where=f"Zotero item {item.key}")
    except EvidenceError as exc:
        return replace(step, action="failed", detail=exc.one_line())
    if isinstance(parsed, Trial) != (record.trial is not None):
        return replace(step, action="failed", detail="Zotero's item is now another kind of work")
    raw = raw_item(csl)
    if isinstance(parsed, Trial):
        if record.trial is not None and parsed.nct_id != record.trial.nct_id:
            detail = (
                f"Zotero's item now names {parsed.nct_id}, not {record.trial.nct_id}; nothing "
                "was changed (correct the item in Zotero, or add the other trial by hand)"
            )
            return replace(step, action="conflict", detail=detail)
        outcome = store.put_trial(parsed, raw, RAW_CSL)
    else:
        parsed = keep_local_key(record, parsed)
        clash = named_elsewhere(store, parsed, key)
        if clash:
            detail = (
                f"Zotero's item now names {', '.join(clash)}, another stored record; "
                "nothing was changed (merge them by hand, or correct the item in Zotero)"
            )
            return replace(step, action="conflict", detail=detail)
        outcome = store.put_article(parsed, raw, RAW_CSL, replaces=key)
    _link(store, library, outcome.key, item)
    return replace(
        step, action="pull", key=outcome.key, detail=f"taken from Zotero ({step.detail})"
    )


def _import(
    store: Store,
    library: str,
    new: Sequence[tuple[Step, RemoteItem]],
    present: set[str] | None,
) -> list[Step]:
    """Import Zotero-only items in one batch (de-duplicated, merged), and link each.

    ``present`` is every item key of the library, when known: a work already linked to an item
    still present is a duplicate in Zotero, and keeps its link.
    """
    done: list[Step] = []
    readable: list[tuple[Step, RemoteItem, Entry]] = []
    for step, item in new:
        try:
            readable.append(
                (step, item, Entry(f"Zotero item {item.key}", zotero_to_csl(item.data)))
            )
        except EvidenceError as exc:
            done.append(replace(step, action="failed", detail=exc.one_line()))
    results = import_items([entry for _s, _i, entry in readable], store)
    linked = {link.key: link.zotero_key for link in store.zotero_links(library)}
    for (step, item, _entry), result in zip(readable, results, strict=True):
        if not result.ok or result.key is None:
            reason = result.error.one_line() if result.error else result.status
            done.append(replace(step, action="failed", detail=reason))
            continue
        other = linked.get(result.key)
        if other is not None and (present is None or other in present):
            detail = f"Zotero holds this work twice (also {other}); merge them in Zotero"
            done.append(replace(step, action="duplicate-in-zotero", key=result.key, detail=detail))
            continue
        _link(store, library, result.key, item)
        linked[result.key] = item.key
        notes = f" ({'; '.join(result.notes)})" if result.notes else ""
        done.append(replace(step, key=result.key, detail=f"{result.status} as {result.key}{notes}"))
    return done


def _link(
    store: Store, library: str, key: str, item: RemoteItem, *, synced: str | None = None
) -> None:
    """Record the item as in step with the record (or with ``synced``, when given)."""
    agreed = synced if synced is not None else agreed_form(record_to_csl(_get(store, key)))
    store.put_zotero_link(ZoteroLink(library, key, item.key, item.version, agreed))


def _get(store: Store, key: str) -> StoredRecord:
    record = store.get(key)
    if record is None:
        raise ValueError(f"record {key} is gone")
    return record
