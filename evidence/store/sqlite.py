"""The SQLite store: all of the project's SQL, and the only module that imports sqlite3.

The database runs in WAL mode with a busy timeout, and every write happens inside
``BEGIN IMMEDIATE ... COMMIT``: two processes writing at once take turns instead of corrupting
the file, and an error or Ctrl-C part-way through a batch rolls the whole batch back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from evidence.errors import StoreError
from evidence.findings import Finding
from evidence.keys import article_ids, key_column, record_key
from evidence.models import Article, Trial
from evidence.records import dumps, from_jsonable
from evidence.sourcetext import Snapshot
from evidence.store import Link, RecordKind, StoredRecord, WriteOutcome, ZoteroLink
from evidence.store.migrations import MIGRATIONS

BUSY_TIMEOUT_S = 30.0
_COLUMNS = (
    "id, kind, pmid, doi, pmcid, nct_id, alt_key, data, raw, raw_format, added_at, updated_at, "
    "fetched_at"
)
_ID_COLUMNS = ("pmid", "nct_id", "doi", "pmcid", "alt_key")
_RECORD_ORDER = "ORDER BY kind, CAST(pmid AS INTEGER), doi, pmcid, alt_key, nct_id"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteStore:
    """A :class:`~evidence.store.Store` in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the store ({exc})",
                item=str(path),
                hint="check the path and its permissions (setting: store)",
            ) from exc
        self._depth = 0
        self.migrate()

    # -- schema -----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; return the names applied."""
        applied: list[str] = []
        with self._guard("upgrade the schema"):
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            known = {name for name, _sql in MIGRATIONS}
            done = self.applied_migrations()
            newer = sorted(set(done) - known)
            if newer:
                raise StoreError(
                    f"the store was written by a newer evidence (migrations {', '.join(newer)})",
                    item=str(self.path),
                    hint="upgrade evidence, or point the store setting at another file",
                )
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    # Another process may have applied it while we waited for the lock.
                    if not self._db.execute(
                        "SELECT 1 FROM schema_migrations WHERE name = ?", (name,)
                    ).fetchone():
                        for statement in _statements(sql):
                            self._db.execute(statement)
                        self._db.execute(
                            "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                            (name, _now()),
                        )
                        applied.append(name)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._rollback()
                    raise
        return applied

    def applied_migrations(self) -> list[str]:
        """Names of the migrations this database has, in the order applied."""
        rows = self._db.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [row[0] for row in rows]

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block are kept together, or none are (Ctrl-C included)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._guard("begin a write"):
            self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        with self._guard("commit"):
            self._db.execute("COMMIT")

    def _rollback(self) -> None:
        # SQLite may already have rolled back (disk full, I/O error): keep the real cause.
        with suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")

    @contextmanager
    def _guard(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot {doing} ({exc})",
                item=str(self.path),
                hint="another program may hold the store locked; try again",
            ) from exc

    # -- writes -----------------------------------------------------------------------------

    def put_article(
        self,
        article: Article,
        raw: bytes | None,
        raw_format: str | None,
        *,
        replaces: str | None = None,
    ) -> WriteOutcome:
        """Insert or replace an article, matched by PMID, then DOI, then PMCID (then url:/ref:).

        ``replaces`` names a record known to be the same work although no identifier says so.
        """
        ids = article_ids(article)
        values = {
            **ids,
            "nct_id": None,
            "kind": "article",
            "source": article.source.value,
            "revised": article.date_revised,
            "publication_status": article.publication_status,
            "flags": ",".join(article.flags),
        }
        return self._put(ids, values, dumps(article), raw, raw_format, replaces=replaces)

    def put_trial(self, trial: Trial, raw: bytes | None, raw_format: str | None) -> WriteOutcome:
        """Insert or replace a trial, matched by NCT number."""
        ids = {"nct_id": trial.nct_id}
        values = {
            "pmid": None,
            "doi": None,
            "pmcid": None,
            "alt_key": None,
            "nct_id": trial.nct_id,
            "kind": "trial",
            "source": trial.source.value,
            "revised": trial.last_update_posted,
            "publication_status": trial.overall_status,
            "flags": ",".join(trial.flags),
        }
        return self._put(ids, values, dumps(trial), raw, raw_format)

    def _put(
        self,
        ids: Mapping[str, str | None],
        values: dict[str, Any],
        data: str,
        raw: bytes | None,
        raw_format: str | None,
        *,
        replaces: str | None = None,
    ) -> WriteOutcome:
        with self.transaction(), self._guard("write a record"):
            matches = self._matching_rows(ids)
            replaced = self._row_id(replaces) if replaces else None
            if replaced is not None and replaced not in matches:
                matches.append(replaced)
            now = _now()
            columns = {**values, "data": data, "raw": raw, "raw_format": raw_format}
            fetched = now if raw is not None else None
            if not matches:
                columns.update(added_at=now, updated_at=now, fetched_at=fetched)
                names = ", ".join(columns)
                marks = ", ".join("?" for _ in columns)
                cursor = self._db.execute(
                    f"INSERT INTO records ({names}) VALUES ({marks})",  # noqa: S608 - fixed names
                    tuple(columns.values()),
                )
                return WriteOutcome(self._key_of(cursor.lastrowid), "added")
            keep, *duplicates = matches
            for row_id in duplicates:
                self._fold_row(row_id, into=keep)
            old = self._db.execute(
                "SELECT data, raw, source FROM records WHERE id = ?", (keep,)
            ).fetchone()
            changed = (old[0], old[1], old[2]) != (data, raw, values["source"])
            columns.update(fetched_at=fetched)
            if columns.get("alt_key") is None:
                columns.pop("alt_key", None)  # a url:/ref: key, once given, keeps resolving
            if changed or duplicates:
                columns["updated_at"] = now
            sets = ", ".join(f"{name} = ?" for name in columns)
            self._db.execute(
                f"UPDATE records SET {sets} WHERE id = ?",  # noqa: S608 - fixed names
                (*columns.values(), keep),
            )
            action: Literal["updated", "unchanged"] = (
                "updated" if changed or duplicates else "unchanged"
            )
            return WriteOutcome(self._key_of(keep), action)

    def _matching_rows(self, ids: Mapping[str, str | None]) -> list[int]:
        rows: list[int] = []
        for column in _ID_COLUMNS:
            value = ids.get(column)
            row_id = self._id_where(column, value) if value else None
            if row_id is not None and row_id not in rows:
                rows.append(row_id)
        return rows

    def add_links(self, links: Iterable[Link]) -> None:
        """Record publication <-> trial links (idempotent)."""
        with self.transaction(), self._guard("write links"):
            self._db.executemany(
                "INSERT OR IGNORE INTO links (pmid, nct_id, origin) VALUES (?, ?, ?)",
                [(link.pmid, link.nct_id.upper(), link.origin) for link in links],
            )

    def set_state(self, name: str, value: str) -> None:
        """Set a named bookkeeping value."""
        with self.transaction(), self._guard("write state"):
            self._db.execute(
                "INSERT INTO state (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, value),
            )

    def put_finding(self, finding: Finding) -> WriteOutcome:
        """Insert or replace a finding by its id."""
        data = dumps(finding)
        with self.transaction(), self._guard("write a finding"):
            old = self._db.execute(
                "SELECT data FROM findings WHERE id = ?", (finding.id,)
            ).fetchone()
            if old is not None and old[0] == data:
                return WriteOutcome(finding.id, "unchanged")
            self._db.execute(
                "INSERT INTO findings (id, source, study, kind, status, data, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "source = excluded.source, study = excluded.study, kind = excluded.kind, "
                "status = excluded.status, data = excluded.data, updated_at = excluded.updated_at",
                (
                    finding.id,
                    finding.anchor.source,
                    finding.study,
                    finding.kind.value,
                    finding.status.value,
                    data,
                    _now(),
                ),
            )
            return WriteOutcome(finding.id, "added" if old is None else "updated")

    def put_snapshot(self, snapshot: Snapshot) -> WriteOutcome:
        """Insert or replace the captured text of a source."""
        digest = snapshot.canonical.sha256
        with self.transaction(), self._guard("write a snapshot"):
            old = self._db.execute(
                "SELECT sha256, url, title, accessed FROM snapshots WHERE source = ?",
                (snapshot.source,),
            ).fetchone()
            new = (digest, snapshot.url, snapshot.title, snapshot.accessed)
            if old is not None and tuple(old) == new:
                return WriteOutcome(snapshot.source, "unchanged")
            self._db.execute(
                "INSERT OR REPLACE INTO snapshots (source, url, title, accessed, text, sha256, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (snapshot.source, *new[1:], snapshot.text, digest, _now()),
            )
            return WriteOutcome(snapshot.source, "added" if old is None else "updated")

    def add_to_collection(self, name: str, keys: Iterable[str]) -> None:
        """Put records (by key) in a named collection (idempotent)."""
        with self.transaction(), self._guard("write a collection"):
            for key in keys:
                row_id = self._row_id(key)
                if row_id is None:
                    raise StoreError("no such record", item=key, hint="add or import it first")
                self._db.execute(
                    "INSERT OR IGNORE INTO collection_items (collection, record_id) VALUES (?, ?)",
                    (name, row_id),
                )

    def put_zotero_link(self, link: ZoteroLink) -> None:
        """Record (or move) a record's Zotero item key, version and agreed state."""
        with self.transaction(), self._guard("write a Zotero link"):
            row_id = self._row_id(link.key)
            if row_id is None:
                raise StoreError("no such record", item=link.key)
            self._db.execute(
                "DELETE FROM zotero_items WHERE library = ? AND (record_id = ? OR zotero_key = ?)",
                (link.library, row_id, link.zotero_key),
            )
            self._db.execute(
                "INSERT INTO zotero_items (library, record_id, zotero_key, version, synced) "
                "VALUES (?, ?, ?, ?, ?)",
                (link.library, row_id, link.zotero_key, link.version, link.synced),
            )

    # -- reads ------------------------------------------------------------------------------

    def collections(self) -> dict[str, int]:
        """Collection names and how many records each holds."""
        rows = self._db.execute(
            "SELECT collection, COUNT(*) FROM collection_items GROUP BY collection "
            "ORDER BY collection"
        ).fetchall()
        return {name: count for name, count in rows}

    def collection_keys(self, name: str) -> list[str]:
        """Keys of the records in a collection, in the order of :meth:`records`."""
        members = {
            row[0]
            for row in self._db.execute(
                "SELECT record_id FROM collection_items WHERE collection = ?", (name,)
            )
        }
        rows = self._db.execute(f"SELECT id FROM records {_RECORD_ORDER}").fetchall()  # noqa: S608
        return [self._key_of(row[0]) for row in rows if row[0] in members]

    def zotero_links(self, library: str) -> list[ZoteroLink]:
        """Every record's link to items of one library."""
        rows = self._db.execute(
            "SELECT record_id, zotero_key, version, synced FROM zotero_items WHERE library = ? "
            "ORDER BY zotero_key",
            (library,),
        ).fetchall()
        return [
            ZoteroLink(library, self._key_of(row_id), zkey, version, synced)
            for row_id, zkey, version, synced in rows
        ]

    def get_finding(self, finding_id: str) -> Finding | None:
        """One finding by id."""
        row = self._db.execute("SELECT data FROM findings WHERE id = ?", (finding_id,)).fetchone()
        return from_jsonable(Finding, json.loads(row[0])) if row else None

    def findings(self, source: str | None = None, study: str | None = None) -> Sequence[Finding]:
        """Findings (of one source or study), by source then id."""
        rows = self._db.execute(
            "SELECT data FROM findings WHERE (? IS NULL OR source = ?) "
            "AND (? IS NULL OR study = ?) ORDER BY source, id",
            (source, source, study, study),
        ).fetchall()
        return [from_jsonable(Finding, json.loads(row[0])) for row in rows]

    def get_snapshot(self, source: str) -> Snapshot | None:
        """The captured text of a source, if any."""
        row = self._db.execute(
            "SELECT source, text, url, title, accessed FROM snapshots WHERE source = ?", (source,)
        ).fetchone()
        return Snapshot(*row) if row else None

    def get_state(self, name: str) -> str | None:
        """A named bookkeeping value, or None."""
        row = self._db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def get(self, key: str) -> StoredRecord | None:
        """The record with key ``pmid:``, ``doi:``, ``pmcid:``, ``nct:``, ``url:`` or ``ref:``."""
        row_id = self._row_id(key)
        if row_id is None:
            return None
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM records WHERE id = ?",  # noqa: S608 - fixed names
            (row_id,),
        ).fetchone()
        return self._record(row)

    def records(self, kind: RecordKind | None = None) -> Sequence[StoredRecord]:
        """Every record (of one kind): articles by PMID, then trials by NCT number."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM records {where} {_RECORD_ORDER}",  # noqa: S608 - fixed names
            args,
        ).fetchall()
        return [self._record(row) for row in rows]

    def iter_raw(self) -> Iterator[tuple[str, str, bytes]]:
        """``(key, raw_format, raw)`` for every record with raw upstream bytes."""
        rows = self._db.execute(
            "SELECT id, raw_format, raw FROM records WHERE raw IS NOT NULL ORDER BY id"
        ).fetchall()
        for row_id, raw_format, raw in rows:
            yield self._key_of(row_id), raw_format, raw

    def links_for(self, pmid: str | None, nct_id: str | None) -> tuple[Link, ...]:
        """Links touching a publication or a trial."""
        rows = self._db.execute(
            "SELECT pmid, nct_id, origin FROM links WHERE pmid = ? OR nct_id = ? "
            "ORDER BY pmid, nct_id, origin",
            (pmid, nct_id),
        ).fetchall()
        return tuple(Link(pmid=r[0], nct_id=r[1], origin=r[2]) for r in rows)

    def close(self) -> None:
        """Release the connection."""
        self._db.close()

    # -- helpers ----------------------------------------------------------------------------

    def _key_of(self, row_id: int | None) -> str:
        row = self._db.execute(
            "SELECT pmid, nct_id, doi, pmcid, alt_key FROM records WHERE id = ?", (row_id,)
        ).fetchone()
        return record_key(*row)

    def _row_id(self, key: str) -> int | None:
        found = key_column(key)
        return self._id_where(*found) if found is not None else None

    def _id_where(self, column: str, value: str) -> int | None:
        """The row whose identifier ``column`` (one of _ID_COLUMNS) holds ``value``."""
        row = self._db.execute(
            f"SELECT id FROM records WHERE {column} = ?",  # noqa: S608 - fixed names
            (value,),
        ).fetchone()
        return int(row[0]) if row else None

    def _fold_row(self, row_id: int, *, into: int) -> None:
        """Delete a row that turned out to be the same work, keeping its memberships."""
        for table in ("collection_items", "zotero_items"):
            self._db.execute(
                f"UPDATE OR IGNORE {table} SET record_id = ? WHERE record_id = ?",  # noqa: S608
                (into, row_id),
            )
        (alt,) = self._db.execute("SELECT alt_key FROM records WHERE id = ?", (row_id,)).fetchone()
        self._db.execute("DELETE FROM records WHERE id = ?", (row_id,))
        if alt is not None:  # its url:/ref: key now names the row it was folded into
            self._db.execute(
                "UPDATE records SET alt_key = ? WHERE id = ? AND alt_key IS NULL", (alt, into)
            )

    def _record(self, row: tuple[Any, ...]) -> StoredRecord:
        (_id, kind, pmid, doi, pmcid, nct_id, alt, data, raw, raw_format, *dates) = row
        added, updated, fetched = dates
        payload = json.loads(data)
        article = from_jsonable(Article, payload) if kind == "article" else None
        trial = from_jsonable(Trial, payload) if kind == "trial" else None
        return StoredRecord(
            key=record_key(pmid, nct_id, doi, pmcid, alt),
            kind=kind,
            article=article,
            trial=trial,
            raw=raw,
            raw_format=raw_format,
            added_at=added,
            updated_at=updated,
            fetched_at=fetched,
            links=self.links_for(pmid, nct_id),
            alt_key=alt,
        )


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
