"""Refresh stored records that changed upstream, in as few requests as possible.

PubMed: one POST esearch over every stored PMID with ``datetype=mdat`` since the last sync
finds what changed; one efetch refetches those, every ``aheadofprint`` record (its pages
arrive later) and every hand-typed record (so PubMed's metadata replaces the typing).
Hand-typed records known only by DOI are looked up by DOI in the same esearch pass.
ClinicalTrials.gov: one list call for the ``lastUpdatePostDate`` of every stored trial, then
one for the trials that changed. A warm re-sync with nothing changed costs one request per
service. All writes happen in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from evidence.citations import RAW_CTGOV, RAW_PUBMED, ItemResult, trial_links
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient
from evidence.errors import NotFoundError
from evidence.models import Flag, MetadataSource
from evidence.store import Link, Store, StoredRecord

STATE_PUBMED = "last_sync_pubmed"
MDAT_CHUNK = 1000
"""PMIDs per modification-date esearch."""


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync checked and changed, per record, and the requests it spent."""

    checked: int
    items: tuple[ItemResult, ...]
    requests: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> tuple[ItemResult, ...]:
        """Records whose stored content changed."""
        return tuple(item for item in self.items if item.status == "updated")

    @property
    def failures(self) -> tuple[ItemResult, ...]:
        """Records that could not be refreshed (they are kept as they were)."""
        return tuple(item for item in self.items if not item.ok)


def sync(
    store: Store, entrez: EntrezClient, ctgov: CtgovClient, *, today: date | None = None
) -> SyncReport:
    """Refresh every stored record that changed upstream; see the module docstring."""
    day = today or datetime.now(UTC).date()
    before = (entrez.requests_sent, ctgov.requests_sent)
    articles = [r for r in store.records("article") if r.article is not None]
    trials = [r for r in store.records("trial") if r.trial is not None]
    items: list[ItemResult] = []
    to_fetch, doi_only = _pubmed_candidates(store, entrez, articles, day)
    if doi_only:
        term = " OR ".join(f'"{doi}"[doi]' for doi in doi_only)
        to_fetch.update(entrez.esearch(term).ids)
    parsed = entrez.efetch(sorted(to_fetch, key=int)) if to_fetch else None
    fetched = {r.article.pmid: r for r in parsed.records} if parsed else {}
    by_doi = {(r.article.doi or "").lower(): r for r in fetched.values()}
    changed_trials = _trial_candidates(ctgov, trials)
    new_trials = ctgov.fetch(changed_trials) if changed_trials else {}
    with store.transaction():
        for record in articles:
            article = record.article
            assert article is not None  # noqa: S101 - filtered above
            found = fetched.get(article.pmid or "") or by_doi.get((article.doi or "").lower())
            wanted = article.pmid in to_fetch or (article.doi or "").lower() in doi_only
            if found is not None:
                outcome = store.put_article(found.article, found.raw, RAW_PUBMED)
                items.append(ItemResult(record.key, outcome.action, key=outcome.key))
                store.add_links(
                    Link(pmid=str(found.article.pmid), nct_id=n, origin="pubmed-databank")
                    for n in found.article.nct_ids
                )
            elif wanted:
                items.append(_missing(record))
            else:
                items.append(ItemResult(record.key, "unchanged", key=record.key))
        for record in trials:
            trial = record.trial
            assert trial is not None  # noqa: S101 - filtered above
            got = new_trials.get(trial.nct_id)
            if got is not None:
                outcome = store.put_trial(got.trial, got.raw, RAW_CTGOV)
                items.append(ItemResult(record.key, outcome.action, key=outcome.key))
                store.add_links(trial_links(got.trial))
            elif trial.nct_id in changed_trials:
                items.append(_missing(record))
            else:
                items.append(ItemResult(record.key, "unchanged", key=record.key))
        store.set_state(STATE_PUBMED, day.isoformat())
    requests = {
        "eutils": entrez.requests_sent - before[0],
        "ctgov": ctgov.requests_sent - before[1],
    }
    return SyncReport(checked=len(articles) + len(trials), items=tuple(items), requests=requests)


def _pubmed_candidates(
    store: Store, entrez: EntrezClient, articles: list[StoredRecord], day: date
) -> tuple[set[str], set[str]]:
    """PMIDs to refetch, and DOIs of hand-typed records that have no PMID yet."""
    to_fetch: set[str] = set()
    doi_only: set[str] = set()
    synced: list[str] = []
    for record in articles:
        article = record.article
        if article is None:
            continue
        if article.source is not MetadataSource.PUBMED:
            if article.pmid:
                to_fetch.add(article.pmid)
            elif article.doi:
                doi_only.add(article.doi.lower())
        elif article.pmid:
            synced.append(article.pmid)
            if Flag.AHEAD_OF_PRINT in article.flags:
                to_fetch.add(article.pmid)
    since = _since(store, articles, day)
    for start in range(0, len(synced), MDAT_CHUNK):
        chunk = synced[start : start + MDAT_CHUNK]
        term = " OR ".join(f"{pmid}[uid]" for pmid in chunk)
        result = entrez.esearch(
            term,
            datetype="mdat",
            mindate=since.strftime("%Y/%m/%d"),
            maxdate=(day + timedelta(days=1)).strftime("%Y/%m/%d"),
        )
        asked = set(chunk)
        to_fetch.update(pmid for pmid in result.ids if pmid in asked)
    return to_fetch, doi_only


def _since(store: Store, articles: list[StoredRecord], day: date) -> date:
    """The day of the last sync, else of the oldest fetch: changes since then are wanted."""
    last = store.get_state(STATE_PUBMED)
    if last:
        return date.fromisoformat(last)
    fetched = [r.fetched_at[:10] for r in articles if r.fetched_at]
    return date.fromisoformat(min(fetched)) if fetched else day


def _trial_candidates(ctgov: CtgovClient, trials: list[StoredRecord]) -> list[str]:
    """NCT numbers whose registry record changed, or that were typed by hand."""
    if not trials:
        return []
    stored = {r.trial.nct_id: r.trial for r in trials if r.trial is not None}
    latest = ctgov.last_updates(stored)
    return [
        nct
        for nct, trial in stored.items()
        if trial.source is MetadataSource.MANUAL
        or nct not in latest
        or latest[nct] != trial.last_update_posted
    ]


def _missing(record: StoredRecord) -> ItemResult:
    source = "ClinicalTrials.gov" if record.kind == "trial" else "PubMed"
    error = NotFoundError(
        f"{source} no longer returns this record (deleted or merged?); the stored copy is kept",
        item=record.key,
        hint="check the record on the web and cite its replacement",
    )
    return ItemResult(record.key, "failed", key=record.key, error=error)
