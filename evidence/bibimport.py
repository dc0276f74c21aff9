"""Import bibliography files (CSL-JSON, RIS, BibTeX, nbib, Web of Science) into the store.

Every file is read first (its format sniffed unless named); each record becomes a CSL-JSON
item, is checked, and is compared with what the store (and the batch so far) already holds
(:mod:`evidence.dedupe`). Then, in one transaction:

- a new work is ``added``; its CSL item is kept as the record's raw bytes, so nothing the file
  said is lost (fields no CSL variable holds are kept in ``custom.unmapped`` and reported);
- a work already fetched from PubMed or ClinicalTrials.gov is a ``duplicate``: the fetched
  record is kept as it is;
- a work already imported or typed by hand is ``merged``: variables it lacked are filled in,
  and every disagreement is reported, never silently chosen;
- a record that cannot be read is ``failed`` with its file and line; its neighbours are kept.

``resolve_imported`` then replaces imported metadata by the PubMed record wherever an
identifier allows it (``evidence import --resolve``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from evidence.citations import AddReport, ItemResult, Status, add_references
from evidence.csl import RAW_CSL, csl_to_record, record_to_csl
from evidence.ctgov import CtgovClient
from evidence.dedupe import DuplicateIndex, merge_items
from evidence.entrez import EntrezClient
from evidence.errors import EvidenceError, InputError, ParseError
from evidence.formats.parsed import ParsedFile
from evidence.formats.registry import decode, read_text, sniff
from evidence.keys import article_ids, article_keys, local_key
from evidence.models import Article, MetadataSource, Trial
from evidence.records import dumps
from evidence.store import Store, StoredRecord

_FETCHED = (MetadataSource.PUBMED, MetadataSource.CTGOV)
_FILE_SUFFIXES = (".json", ".ris", ".bib", ".bibtex", ".nbib", ".txt", ".medline")


@dataclass(frozen=True, slots=True)
class FileSummary:
    """One file read: its format, how many records it held, and the fields kept unmapped."""

    path: str
    format: str
    records: int
    failed: int
    unmapped: dict[str, int] = field(default_factory=dict)
    """Unmapped tag -> how many records carried it."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """One result per record (or unreadable file), and a summary per file."""

    items: tuple[ItemResult, ...]
    files: tuple[FileSummary, ...] = ()

    @property
    def failures(self) -> tuple[ItemResult, ...]:
        """Records that were not imported."""
        return tuple(item for item in self.items if not item.ok)

    def counts(self) -> dict[str, int]:
        """How many records ended in each status, in a fixed order."""
        found: Counter[str] = Counter(str(item.status) for item in self.items)
        order = ("added", "merged", "duplicate", "unchanged", "updated", "in-store", "failed")
        return {status: found[status] for status in order if found[status]}


@dataclass(frozen=True, slots=True)
class Entry:
    """A CSL item to import, where it came from, and what its reader noticed."""

    where: str
    csl: dict[str, Any]
    notes: tuple[str, ...] = ()


def bibliography_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, folders expanded to the bibliography files in them (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _FILE_SUFFIXES)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or folder", item=str(path), hint="check the path")
    return found


def read_bibliography(path: Path, fmt: str | None = None) -> tuple[str, ParsedFile]:
    """A file's format (sniffed unless given) and its records."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read it ({exc.strerror})", item=str(path)) from exc
    text = decode(data, path=str(path))
    chosen = fmt or sniff(text, path.name)
    return chosen, read_text(text, chosen, path=str(path))


def import_files(
    paths: Sequence[Path], store: Store, *, fmt: str | None = None, collection: str | None = None
) -> ImportReport:
    """Read every file, then import every good record in one transaction."""
    results: list[ItemResult] = []
    summaries: list[FileSummary] = []
    entries: list[Entry] = []
    for path in bibliography_files(paths):
        try:
            chosen, parsed = read_bibliography(path, fmt)
        except EvidenceError as exc:
            results.append(ItemResult(str(path), "failed", error=exc))
            continue
        results.extend(ItemResult(str(e.item), "failed", error=e) for e in parsed.errors)
        unmapped: Counter[str] = Counter()
        for record in parsed.items:
            csl = dict(record.csl)
            if record.unmapped:
                custom = dict(csl.get("custom") or {})
                custom["unmapped"] = record.unmapped
                csl["custom"] = custom
                unmapped.update(record.unmapped.keys())
            where = f"{path}, line {record.line}"
            entries.append(Entry(where, csl, record.notes))
        summaries.append(
            FileSummary(
                str(path),
                chosen,
                len(parsed.items),
                len(parsed.errors),
                dict(sorted(unmapped.items())),
            )
        )
    results.extend(import_items(entries, store, collection=collection))
    return ImportReport(items=tuple(results), files=tuple(summaries))


def import_items(
    entries: Sequence[Entry], store: Store, *, collection: str | None = None
) -> list[ItemResult]:
    """Import CSL items (de-duplicated, merged) in one transaction; one result each."""
    index = DuplicateIndex()
    for stored in store.records("article"):
        if stored.article is not None:  # by the address key of the row too (a PubMed record
            known = stored.article.local_key or stored.alt_key  # that replaced an import)
            index.add(stored.key, replace(stored.article, local_key=known))
    results: list[ItemResult] = []
    renamed: dict[str, str] = {}  # a merge that gives a record a new key: old key -> new
    with store.transaction():
        for entry in entries:
            try:
                record = csl_to_record(entry.csl, where=entry.where)
                result = (
                    _store_trial(entry, record, store)
                    if isinstance(record, Trial)
                    else _store_article(entry, record, store, index, renamed)
                )
            except EvidenceError as exc:
                result = ItemResult(entry.where, "failed", error=exc)
            results.append(result)
        # A later merge may have given an earlier record a new key: report where it is now.
        results = [_current(result, renamed) for result in results]
        if collection:
            store.add_to_collection(collection, sorted({r.key for r in results if r.ok and r.key}))
    return results


def _current(result: ItemResult, renamed: Mapping[str, str]) -> ItemResult:
    key = result.key
    while key is not None and key in renamed:
        key = renamed[key]
    return result if key == result.key else replace(result, key=key)


def resolve_imported(
    report: ImportReport, store: Store, *, entrez: EntrezClient, ctgov: CtgovClient
) -> AddReport:
    """Fetch the PubMed record of every imported article that has a PMID, DOI or PMCID.

    One batch for all of them (the same resolution and verification as ``evidence add``);
    PubMed's record replaces the imported metadata. Articles without an identifier are left
    as imported.
    """
    keys: list[str] = []
    for item in report.items:
        record = store.get(item.key) if item.ok and item.key else None
        if record is None or record.article is None or record.article.source in _FETCHED:
            continue
        if item.key is not None and not item.key.startswith(("url:", "ref:")):
            keys.append(item.key)
    if not keys:
        return AddReport(items=())
    return add_references(
        sorted(set(keys)), store, entrez=entrez, ctgov=ctgov, refetch_unfetched=True
    )


def _store_article(
    entry: Entry, article: Article, store: Store, index: DuplicateIndex, renamed: dict[str, str]
) -> ItemResult:
    duplicate = index.find(article)
    if duplicate is None:
        article = with_free_local_key(store, article)
        outcome = store.put_article(article, raw_item(entry.csl), RAW_CSL)
        index.add(outcome.key, article)
        return ItemResult(entry.where, "added", key=outcome.key, notes=entry.notes)
    existing = store.get(duplicate.key)
    if existing is None or existing.article is None:
        raise InputError("duplicate of a record that is gone", item=entry.where)
    notes = (*entry.notes, f"{duplicate.detail} as {existing.key}")
    if existing.article.source in _FETCHED:
        kept = f"the {existing.article.source.value} record is kept"
        _, conflicts = merge_items(record_to_csl(existing), entry.csl)
        return ItemResult(
            entry.where, "duplicate", key=existing.key, notes=(*notes, kept, *conflicts)
        )
    kept_item = record_to_csl(existing)
    merged, conflicts = merge_items(kept_item, entry.csl)
    if merged == kept_item:
        same = _without_id(kept_item) == _without_id(entry.csl)
        status: Status = "unchanged" if same else "duplicate"
        return ItemResult(
            entry.where, status, key=existing.key, notes=() if same else (*notes, *conflicts)
        )
    record = csl_to_record(merged, where=entry.where)
    if isinstance(record, Trial):
        raise ParseError("merging made a registry record of an article", item=entry.where)
    record = keep_local_key(existing, record)
    clash = named_elsewhere(store, record, existing.key)
    if clash:
        raise InputError(
            f"is the same work as {existing.key} ({duplicate.detail}) but also names "
            f"{', '.join(clash)}, stored as another record; nothing was changed",
            item=entry.where,
            hint="check which records are the same work and merge them by hand",
        )
    outcome = store.put_article(record, raw_item(merged), RAW_CSL, replaces=existing.key)
    index.add(outcome.key, record)
    if outcome.key != existing.key:
        renamed[existing.key] = outcome.key
    return ItemResult(entry.where, "merged", key=outcome.key, notes=(*notes, *conflicts))


def _store_trial(entry: Entry, trial: Trial, store: Store) -> ItemResult:
    existing = store.get(f"nct:{trial.nct_id}")
    if existing is None or existing.trial is None:
        outcome = store.put_trial(trial, raw_item(entry.csl), RAW_CSL)
        return ItemResult(entry.where, outcome.action, key=outcome.key, notes=entry.notes)
    kept_item = record_to_csl(existing)
    merged, conflicts = merge_items(kept_item, entry.csl)
    if existing.trial.source is MetadataSource.CTGOV or merged == kept_item:
        same = _without_id(kept_item) == _without_id(entry.csl)
        kept = (
            ("the ClinicalTrials.gov record is kept",)
            if existing.trial.source is (MetadataSource.CTGOV)
            else ()
        )
        status: Status = "unchanged" if same and not kept else "duplicate"
        notes = () if same else (*entry.notes, *kept, *conflicts)
        return ItemResult(entry.where, status, key=existing.key, notes=notes)
    record = csl_to_record(merged, where=entry.where)
    if not isinstance(record, Trial):
        raise ParseError("merging made an article of a registry record", item=entry.where)
    outcome = store.put_trial(record, raw_item(merged), RAW_CSL)
    return ItemResult(entry.where, "merged", key=outcome.key, notes=(*entry.notes, *conflicts))


def with_free_local_key(store: Store, article: Article) -> Article:
    """A new work without identifiers gets a ``url:``/``ref:`` key no other record holds."""
    if any(article_ids(article)[name] for name in ("pmid", "doi", "pmcid")):
        return article
    attempt = 0
    while store.get(key := local_key(article, attempt)) is not None:
        attempt += 1
    return replace(article, local_key=key)


def keep_local_key(existing: StoredRecord, record: Article) -> Article:
    """A record's ``url:``/``ref:`` key survives a merge or an edit (citations use it)."""
    old = existing.article.local_key if existing.article is not None else None
    if old is None and existing.key.startswith(("url:", "ref:")):
        old = existing.key
    return replace(record, local_key=old) if old else record


def named_elsewhere(store: Store, article: Article, key: str) -> list[str]:
    """Keys of other stored records that the article's identifiers already name."""
    found: list[str] = []
    for name in article_keys(article):
        other = store.get(name)
        if other is not None and other.key != key and other.key not in found:
            found.append(other.key)
    return found


def _without_id(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "id"}


def raw_item(item: Mapping[str, Any]) -> bytes:
    """The bytes an imported record keeps: its CSL item, deterministic JSON."""
    return dumps(item).encode("utf-8")
