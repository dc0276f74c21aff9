"""Importing a references/ folder: bibliography, snapshots, findings; PubMed never downgraded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.bibimport import import_files
from evidence.errors import InputError
from evidence.imports import import_references
from evidence.models import Article, MetadataSource
from evidence.store import open_store

REPO = Path(__file__).resolve().parents[1]


def test_shipped_bibliography_imports(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    report = import_files([REPO / "references" / "bibliography"], store)
    assert not report.failures
    assert sorted(i.key for i in report.items if i.key) == [
        "nct:NCT02960555",
        "nct:NCT03275285",
        "nct:NCT04270409",
        "pmid:34097854",
        "pmid:37156782",
        "url:https://www.sarclisahcp.com/ikema-safety-profile",
    ]
    again = import_files([REPO / "references" / "bibliography"], store)
    assert {i.status for i in again.items} == {"unchanged"}


def test_bad_items_reported_good_ones_kept(tmp_path: Path) -> None:
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "many.json").write_text(
        json.dumps([{"id": "a", "PMID": "11", "title": "A"}, {"id": "b", "type": "book"}]),
        encoding="utf-8",
    )
    (folder / "broken.json").write_text('{"PMID": "12",\n  oops}', encoding="utf-8")
    store = open_store(tmp_path / "s.sqlite3")
    report = import_files([folder], store)
    assert [(i.status, i.key) for i in report.items if i.ok] == [("added", "pmid:11")]
    errors = sorted(str(i.error) for i in report.failures)
    assert errors[0].startswith(f"{folder / 'broken.json'}, line 2: not valid JSON")
    assert errors[1].startswith(f"{folder / 'many.json'}, line 1: item has no title and no PMID")


def test_pubmed_record_is_not_replaced_by_hand_typed_metadata(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    store.put_article(Article(pmid="34097854", title="From PubMed"), b"<x/>", "pubmed-xml")
    report = import_files([REPO / "references" / "bibliography" / "pmid-34097854.json"], store)
    assert [i.status for i in report.items] == ["duplicate"]
    record = store.get("pmid:34097854")
    assert record is not None and record.article is not None
    assert record.article.title == "From PubMed"
    assert record.article.source is MetadataSource.PUBMED


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_files([tmp_path / "nope.json"], open_store(tmp_path / "s.sqlite3"))


def test_a_finding_id_used_in_two_files_is_refused(tmp_path: Path) -> None:
    import shutil

    refs = tmp_path / "references"
    shutil.copytree(REPO / "references", refs)
    shutil.copy(refs / "findings" / "ikema.yaml", refs / "findings" / "ikema-copy.yaml")
    report = import_references(refs, open_store(tmp_path / "s.sqlite3"))
    failed = [str(i.error) for i in report.failures]
    assert len(failed) == 17
    assert all("the id is also used in" in message for message in failed)
