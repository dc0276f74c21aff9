"""The store's schema, as named steps applied in order and recorded in ``schema_migrations``.

Never edit a step that has shipped: add a new one. A new database is built by the same steps
an old one is upgraded by. The SQL is SQLite's; a PostgreSQL backend will keep its own list.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_records",
        """
        CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('article', 'trial')),
            pmid TEXT UNIQUE,
            doi TEXT UNIQUE,
            pmcid TEXT UNIQUE,
            nct_id TEXT UNIQUE,
            source TEXT NOT NULL,
            data TEXT NOT NULL,
            raw BLOB,
            raw_format TEXT,
            revised TEXT,
            publication_status TEXT,
            flags TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            fetched_at TEXT,
            CHECK (pmid IS NOT NULL OR doi IS NOT NULL OR pmcid IS NOT NULL OR nct_id IS NOT NULL)
        );
        CREATE TABLE state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_links",
        """
        CREATE TABLE links (
            pmid TEXT NOT NULL,
            nct_id TEXT NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (pmid, nct_id, origin)
        );
        CREATE INDEX links_nct ON links (nct_id);
        """,
    ),
    (
        "0003_findings_and_snapshots",
        """
        CREATE TABLE findings (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            study TEXT,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX findings_source ON findings (source);
        CREATE TABLE snapshots (
            source TEXT PRIMARY KEY,
            url TEXT,
            title TEXT,
            accessed TEXT,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            added_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0004_interchange",
        """
        CREATE TABLE records_v4 (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('article', 'trial')),
            pmid TEXT UNIQUE,
            doi TEXT UNIQUE,
            pmcid TEXT UNIQUE,
            nct_id TEXT UNIQUE,
            alt_key TEXT UNIQUE,
            source TEXT NOT NULL,
            data TEXT NOT NULL,
            raw BLOB,
            raw_format TEXT,
            revised TEXT,
            publication_status TEXT,
            flags TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            fetched_at TEXT,
            CHECK (pmid IS NOT NULL OR doi IS NOT NULL OR pmcid IS NOT NULL
                   OR nct_id IS NOT NULL OR alt_key IS NOT NULL)
        );
        INSERT INTO records_v4 (id, kind, pmid, doi, pmcid, nct_id, source, data, raw,
            raw_format, revised, publication_status, flags, added_at, updated_at, fetched_at)
        SELECT id, kind, pmid, doi, pmcid, nct_id, source, data, raw,
            raw_format, revised, publication_status, flags, added_at, updated_at, fetched_at
        FROM records;
        DROP TABLE records;
        ALTER TABLE records_v4 RENAME TO records;
        CREATE TABLE collection_items (
            collection TEXT NOT NULL,
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            PRIMARY KEY (collection, record_id)
        );
        CREATE TABLE zotero_items (
            library TEXT NOT NULL,
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            zotero_key TEXT NOT NULL,
            version INTEGER NOT NULL,
            synced TEXT NOT NULL,
            PRIMARY KEY (library, record_id),
            UNIQUE (library, zotero_key)
        );
        """,
    ),
)
