"""The SQLite store: migrations, upserts, transactions, crashes and concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evidence.errors import StoreError
from evidence.models import Article, Author, CommentCorrection, Flag, MetadataSource, Trial
from evidence.store import Link, open_store
from evidence.store.migrations import MIGRATIONS
from evidence.store.sqlite import SqliteStore


def _article(pmid: str | None = "111", doi: str | None = "10.1/ABC", **kw: object) -> Article:
    return Article(
        pmid=pmid,
        doi=doi,
        title=kw.pop("title", "A <i>title</i>"),  # type: ignore[arg-type]
        authors=(Author(family="Moreau", initials="P"),),
        **kw,  # type: ignore[arg-type]
    )


def test_new_store_applies_every_migration_in_order(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "s.sqlite3")
    assert store.applied_migrations() == [name for name, _sql in MIGRATIONS]
    assert store.migrate() == []  # idempotent


def test_old_store_is_upgraded_by_the_missing_steps(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    name, sql = MIGRATIONS[0]
    db.executescript(sql)
    db.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (name,))
    db.commit()
    db.close()
    store = SqliteStore(path)
    assert store.applied_migrations() == [name for name, _sql in MIGRATIONS]
    store.add_links([Link(pmid="1", nct_id="NCT00000001", origin="manual")])


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    SqliteStore(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'later')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer evidence"):
        SqliteStore(path)


def test_unwritable_path_gives_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(blocker / "sub" / "s.sqlite3")


def test_article_round_trips_with_raw_bytes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    article = _article(
        comments_corrections=(CommentCorrection("RetractionIn", "Nature. 2020", "32167152"),),
        publication_status="aheadofprint",
    )
    outcome = store.put_article(article, b"<PubmedArticle/>", "pubmed-xml")
    assert (outcome.key, outcome.action) == ("pmid:111", "added")
    record = store.get("pmid:111")
    assert record is not None
    assert record.article == article
    assert record.raw == b"<PubmedArticle/>"
    assert record.flags == (Flag.RETRACTED, Flag.AHEAD_OF_PRINT)
    assert store.get("doi:10.1/abc") == record  # DOIs are case-insensitive
    assert store.get("pmid:999") is None


def test_same_content_is_unchanged_and_new_content_is_updated(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    store.put_article(_article(), b"x", "pubmed-xml")
    assert store.put_article(_article(), b"x", "pubmed-xml").action == "unchanged"
    assert store.put_article(_article(title="New"), b"y", "pubmed-xml").action == "updated"
    record = store.get("pmid:111")
    assert record is not None and record.article is not None
    assert record.article.title == "New"
    assert len(store.records()) == 1


def test_hand_typed_doi_record_is_merged_into_the_pubmed_record(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    manual = _article(pmid=None, doi="10.1/abc", source=MetadataSource.MANUAL)
    assert store.put_article(manual, None, None).key == "doi:10.1/abc"
    pubmed_only = _article(pmid="111", doi=None)
    store.put_article(pubmed_only, b"x", "pubmed-xml")
    assert len(store.records()) == 2
    outcome = store.put_article(_article(pmid="111", doi="10.1/ABC"), b"x", "pubmed-xml")
    assert (outcome.key, outcome.action) == ("pmid:111", "updated")
    [record] = store.records()
    assert record.article is not None and record.article.source is MetadataSource.PUBMED


def test_trials_links_and_ordering(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    store.put_article(_article(pmid="20"), None, None)
    store.put_article(_article(pmid="3", doi=None), None, None)
    store.put_trial(Trial(nct_id="NCT03275285", brief_title="IKEMA"), b"{}", "ctgov-json")
    store.add_links([Link(pmid="3", nct_id="nct03275285", origin="pubmed-databank")] * 2)
    assert [r.key for r in store.records()] == ["pmid:3", "pmid:20", "nct:NCT03275285"]
    trial = store.get("nct:nct03275285")
    assert trial is not None
    assert trial.links == (Link(pmid="3", nct_id="NCT03275285", origin="pubmed-databank"),)
    assert [r.key for r in store.records("trial")] == ["nct:NCT03275285"]


def test_error_inside_a_transaction_keeps_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    store.put_article(_article(pmid="1", doi=None), None, None)

    def interrupted_batch() -> None:
        with store.transaction():
            store.put_article(_article(pmid="2", doi=None), None, None)
            store.put_article(_article(pmid="3", doi=None), None, None)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_batch()
    assert [r.key for r in store.records()] == ["pmid:1"]
    store.put_article(_article(pmid="4", doi=None), None, None)  # the store still works
    assert len(store.records()) == 2


_KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from evidence.models import Article
    from evidence.store import open_store
    store = open_store(__import__("pathlib").Path(sys.argv[1]))
    with store.transaction():
        for n in range(100, 200):
            store.put_article(Article(pmid=str(n), title="t"), b"x" * 1000, "pubmed-xml")
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_process_killed_mid_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = open_store(path)
    store.put_article(_article(pmid="1", doi=None), None, None)
    store.close()
    result = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(path)], check=False)
    assert result.returncode == -signal.SIGKILL
    reopened = open_store(path)
    assert [r.key for r in reopened.records()] == ["pmid:1"]
    check = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()
    assert check == ("ok",)


def _writer(path: str, start: int) -> None:
    store = open_store(Path(path))
    for n in range(start, start + 40):
        with store.transaction():
            store.put_article(Article(pmid=str(n), title=f"t{n}"), b"x", "pubmed-xml")
    store.close()


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    open_store(path).close()
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(path), s)) for s in (1000, 2000)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    store = open_store(path)
    assert len(store.records()) == 80
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_state_values(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    assert store.get_state("last_sync_pubmed") is None
    store.set_state("last_sync_pubmed", "2026-11-01")
    store.set_state("last_sync_pubmed", "2026-11-24")
    assert store.get_state("last_sync_pubmed") == "2026-11-24"
    assert os.path.exists(tmp_path / "s.sqlite3")


def test_store_of_0003_keeps_its_records_through_the_interchange_migration(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:3]:
        db.executescript(sql)
        db.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (name,))
    db.execute(
        "INSERT INTO records (kind, pmid, doi, source, data, added_at, updated_at) "
        "VALUES ('article', '111', '10.1/abc', 'pubmed', ?, 'then', 'then')",
        ('{"pmid": "111", "doi": "10.1/ABC", "title": "Kept"}',),
    )
    db.commit()
    db.close()
    store = SqliteStore(path)
    assert store.applied_migrations()[-1] == "0004_interchange"
    record = store.get("doi:10.1/ABC")
    assert record is not None and record.key == "pmid:111" and record.title == "Kept"


def test_works_without_identifiers_get_url_or_ref_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    page = Article(title="Sarclisa prescribing information", url="https://example.org/pi")
    report = Article(title="A report", authors=(Author(family="Smith"),))
    assert store.put_article(page, None, None).key == "url:https://example.org/pi"
    key = store.put_article(report, None, None).key
    assert key.startswith("ref:") and len(key) == 14
    assert store.put_article(report, None, None).action == "unchanged"
    stored = store.get(key)
    assert stored is not None and stored.title == "A report"


def test_collections_and_zotero_links_follow_a_merged_record(tmp_path: Path) -> None:
    from evidence.store import ZoteroLink

    store = open_store(tmp_path / "s.sqlite3")
    store.put_article(_article(pmid=None, doi="10.1/x"), None, None)
    store.add_to_collection("ikema", ["doi:10.1/x"])
    link = ZoteroLink("user:1", "doi:10.1/x", "ABCD2345", 7, "{}")
    store.put_zotero_link(link)
    store.put_article(_article(pmid="222", doi=None), None, None)  # a second row, same work
    # The full PubMed record names both rows: they become one, keeping memberships.
    store.put_article(_article(pmid="222", doi="10.1/x"), None, None)
    assert [r.key for r in store.records()] == ["pmid:222"]
    assert store.collections() == {"ikema": 1}
    assert store.collection_keys("ikema") == ["pmid:222"]
    (moved,) = store.zotero_links("user:1")
    assert (moved.key, moved.zotero_key, moved.version) == ("pmid:222", "ABCD2345", 7)
    store.put_zotero_link(ZoteroLink("user:1", "pmid:222", "ABCD2345", 9, "{}"))
    assert [lk.version for lk in store.zotero_links("user:1")] == [9]
    with pytest.raises(StoreError, match="no such record"):
        store.add_to_collection("ikema", ["pmid:999"])


def test_a_title_duplicate_is_replaced_in_place(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    old = store.put_article(Article(title="Report", authors=(Author(family="A"),)), None, None)
    store.add_to_collection("c", [old.key])
    new = store.put_article(_article(pmid=None, doi="10.9/z"), None, None, replaces=old.key)
    assert new.key == "doi:10.9/z" and [r.key for r in store.records()] == ["doi:10.9/z"]
    assert store.get(old.key).key == "doi:10.9/z"  # the old key still finds the work
    assert store.collection_keys("c") == ["doi:10.9/z"]


def test_a_ref_key_keeps_resolving_when_the_work_gets_identifiers(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    bare = Article(title="Conference abstract", authors=(Author(family="Moreau"),))
    key = store.put_article(bare, None, None).key
    assert key.startswith("ref:")
    # Imported again with its DOI (the merge keeps the key), then PubMed's record arrives.
    store.put_article(_article(pmid=None, doi="10.1/c", local_key=key), None, None, replaces=key)
    store.put_article(_article(pmid="333", doi="10.1/c"), b"<x/>", "pubmed-xml")
    found = store.get(key)
    assert found is not None and found.key == "pmid:333"
