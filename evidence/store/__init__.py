"""The reference store: a small interface, and :func:`open_store` to get one.

SQLite is the only backend today (``store/sqlite.py``); a PostgreSQL backend for teams will
implement the same :class:`Store` protocol. Records are keyed by their standard identifier:
``pmid:`` for PubMed articles, ``nct:`` for trials, ``doi:`` for articles known only by DOI
(typed by hand, not yet synced).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from evidence.findings import Finding
from evidence.models import Article, Flag, Trial
from evidence.sourcetext import Snapshot

RecordKind = Literal["article", "trial"]


@dataclass(frozen=True, slots=True)
class Link:
    """A publication and a trial that name each other, and who said so."""

    pmid: str
    nct_id: str
    origin: Literal["pubmed-databank", "ctgov-reference", "manual"]


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """One record as the store holds it: the parsed form, the raw upstream bytes, and dates."""

    key: str
    kind: RecordKind
    article: Article | None
    trial: Trial | None
    raw: bytes | None
    raw_format: str | None
    added_at: str
    updated_at: str
    fetched_at: str | None
    links: tuple[Link, ...] = ()
    alt_key: str | None = None
    """The ``url:``/``ref:`` key the work also answers to, if it was ever given one."""

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The currency flags of the record (retracted, erratum, ...)."""
        if self.article is not None:
            return self.article.flags
        return self.trial.flags if self.trial is not None else ()

    @property
    def title(self) -> str | None:
        """A display title without markup."""
        if self.article is not None:
            return self.article.plain_title
        if self.trial is not None:
            return self.trial.brief_title or self.trial.official_title
        return None


@dataclass(frozen=True, slots=True)
class ZoteroLink:
    """A record's item in one Zotero library, and the state both sides last agreed on.

    ``synced`` is the CSL-JSON (sorted, as text) of the record when it was last pulled or
    pushed: a side whose item differs from it has changed since.
    """

    library: str
    key: str
    zotero_key: str
    version: int
    synced: str


@dataclass(frozen=True, slots=True)
class WriteOutcome:
    """What one write did: ``added``, ``updated`` (content changed) or ``unchanged``."""

    key: str
    action: Literal["added", "updated", "unchanged"]


class Store(Protocol):
    """What every store backend offers. Writes inside :meth:`transaction` are all-or-nothing."""

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all are kept, or none if the block raises (Ctrl-C included)."""

    def put_article(
        self,
        article: Article,
        raw: bytes | None,
        raw_format: str | None,
        *,
        replaces: str | None = None,
    ) -> WriteOutcome:
        """Insert or replace an article, matched by PMID, then DOI, then PMCID (then url:/ref:).

        ``replaces`` names a record known to be the same work although no identifier says so
        (a duplicate found by title): it is replaced too, keeping its collections and links.
        """

    def put_trial(self, trial: Trial, raw: bytes | None, raw_format: str | None) -> WriteOutcome:
        """Insert or replace a trial, matched by NCT number."""

    def add_links(self, links: Iterable[Link]) -> None:
        """Record publication <-> trial links (idempotent)."""

    def get(self, key: str) -> StoredRecord | None:
        """The record with standard key ``pmid:...``, ``doi:...``, ``pmcid:...`` or ``nct:...``."""

    def records(self, kind: RecordKind | None = None) -> Sequence[StoredRecord]:
        """Every record (of one kind), articles by PMID then trials by NCT number."""

    def iter_raw(self) -> Iterator[tuple[str, str, bytes]]:
        """``(key, raw_format, raw)`` for every record that has raw upstream bytes."""

    def put_finding(self, finding: Finding) -> WriteOutcome:
        """Insert or replace a finding by its id."""

    def get_finding(self, finding_id: str) -> Finding | None:
        """One finding by id."""

    def findings(self, source: str | None = None, study: str | None = None) -> Sequence[Finding]:
        """Findings (of one source or study), by source then id."""

    def put_snapshot(self, snapshot: Snapshot) -> WriteOutcome:
        """Insert or replace the captured text of a source."""

    def get_snapshot(self, source: str) -> Snapshot | None:
        """The captured text of a source, if any."""

    def add_to_collection(self, name: str, keys: Iterable[str]) -> None:
        """Put records (by key) in a named collection (idempotent)."""

    def collections(self) -> dict[str, int]:
        """Collection names and how many records each holds."""

    def collection_keys(self, name: str) -> list[str]:
        """Keys of the records in a collection, in the order of :meth:`records`."""

    def put_zotero_link(self, link: ZoteroLink) -> None:
        """Record (or move) a record's Zotero item key, version and agreed state."""

    def zotero_links(self, library: str) -> list[ZoteroLink]:
        """Every record's link to items of one library."""

    def get_state(self, name: str) -> str | None:
        """A named value of the store's own bookkeeping (e.g. the last sync date)."""

    def set_state(self, name: str, value: str) -> None:
        """Set a named bookkeeping value."""

    def close(self) -> None:
        """Release the connection."""


def open_store(path: Path) -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    from evidence.store.sqlite import SqliteStore

    return SqliteStore(path)
