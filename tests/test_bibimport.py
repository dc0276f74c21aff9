"""Importing bibliography files: every format in, duplicates merged or reported, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.bibimport import import_files, resolve_imported
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient
from evidence.exports import export_bibliography
from evidence.models import MetadataSource
from evidence.store import Store, open_store
from tests.fixtures_index import FIXTURES

FORMATS = FIXTURES / "formats"
CSL_FILES = sorted((FORMATS / "manubot" / "csl-json").glob("*.json"))
RIS_FILES = sorted(
    p for p in (FORMATS / "ris" / "asreview").iterdir() if p.suffix in (".ris", ".txt")
)


def _fresh(tmp_path: Path, name: str = "s.sqlite3") -> Store:
    return open_store(tmp_path / name)


def _write(tmp_path: Path, name: str, items: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", CSL_FILES, ids=lambda p: p.stem)
def test_csl_json_round_trips_without_loss(tmp_path: Path, path: Path) -> None:
    store = _fresh(tmp_path)
    report = import_files([path], store)
    assert not report.failures
    original = json.loads(path.read_text(encoding="utf-8"))
    original = original if isinstance(original, list) else [original]
    exported = json.loads(export_bibliography(store, "csljson"))
    assert sorted(exported, key=lambda i: i["id"]) == sorted(original, key=lambda i: i["id"])


def test_the_same_article_from_pubmed_and_pmc_is_merged_once(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    paths = [
        FORMATS / "manubot" / "csl-json" / f"{n}-scihub-study-csl.raw.json"
        for n in ("pubmed", "pmc")
    ]
    report = import_files(paths, store)
    assert [item.status for item in report.items] == ["added", "merged"]
    assert len(store.records()) == 1
    merged = report.items[1]
    assert merged.key == "pmid:29424689"
    assert any("same PMID 29424689" in note for note in merged.notes)
    # Where the two exports disagree, the first is kept and the disagreement is said.
    assert any(note.startswith("URL: kept") for note in merged.notes)


def test_a_bad_record_is_reported_with_its_line_and_the_rest_are_kept(tmp_path: Path) -> None:
    items = [
        {"id": "a", "type": "article-journal", "title": "First", "DOI": "10.1/a"},
        {"id": "b", "type": "book"},
        {"id": "c", "type": "article-journal", "title": "Third", "PMID": "123"},
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    report = import_files([path], _fresh(tmp_path))
    assert [(i.status, i.key) for i in report.items if i.ok] == [
        ("added", "doi:10.1/a"),
        ("added", "pmid:123"),
    ]
    (failure,) = report.failures
    assert str(failure.error).startswith(f"{path}, line 8: item has no title")
    assert report.counts() == {"added": 2, "failed": 1}


def test_an_unreadable_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.json", [{"title": "Kept", "DOI": "10.1/k"}])
    bad = tmp_path / "bad.ris"
    bad.write_bytes(b"TY  - JOUR\nTI  - caf\xe9\nER  - \n")
    report = import_files([bad, good], _fresh(tmp_path))
    assert [i.status for i in report.items] == ["failed", "added"]
    assert "is not UTF-8 text" in str(report.items[0].error)


def test_pubmed_record_is_kept_over_an_imported_duplicate(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    from evidence.models import Article, Author, PubDate

    store.put_article(
        Article(
            pmid="29424689",
            title="Sci-Hub provides access",
            authors=(Author("Himmelstein"),),
            pub_date=PubDate(2018),
        ),
        b"<xml/>",
        "pubmed-xml",
    )
    path = FORMATS / "manubot" / "csl-json" / "pmc-scihub-study-csl.raw.json"
    (item,) = import_files([path], store).items
    assert (item.status, item.key) == ("duplicate", "pmid:29424689")
    assert "the pubmed record is kept" in item.notes
    assert store.get("pmid:29424689").raw == b"<xml/>"


def test_duplicates_without_identifiers_are_found_by_title(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    first = {
        "type": "report",
        "title": "Medication reconciliation at hospital discharge",
        "author": [{"family": "Ávila", "given": "M"}],
        "issued": {"date-parts": [[2019]]},
    }
    second = {
        **first,
        "title": "Medication Reconciliation at Hospital Discharge.",
        "author": [{"family": "Avila", "given": "Maria"}],
        "publisher": "WHO",
    }
    report = import_files(
        [_write(tmp_path, "1.json", [first]), _write(tmp_path, "2.json", [second])], store
    )
    assert [i.status for i in report.items] == ["added", "merged"]
    (record,) = store.records()
    assert record.key.startswith("ref:")
    assert json.loads(export_bibliography(store, "csljson"))[0]["publisher"] == "WHO"


def test_reimporting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    path = FORMATS / "manubot" / "csl-json" / "cite-command-input-bibliography.json"
    first = import_files([path], store)
    again = import_files([path], store)
    assert {i.status for i in first.items} == {"added"}
    assert {i.status for i in again.items} == {"unchanged"}
    assert len(store.records()) == len(first.items)


def test_collection_gets_every_imported_record(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    path = FORMATS / "manubot" / "csl-json" / "cite-command-input-bibliography.json"
    report = import_files([path], store, collection="review")
    assert store.collections() == {"review": len(report.items)}
    assert json.loads(export_bibliography(store, "csljson", collection="review"))


def test_a_crash_mid_import_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch) -> None:
    store = _fresh(tmp_path)
    path = FORMATS / "manubot" / "csl-json" / "cite-command-input-bibliography.json"
    calls = {"n": 0}
    real = store.put_article

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "put_article", failing)
    with pytest.raises(KeyboardInterrupt):
        import_files([path], store)
    assert store.records() == []


@pytest.mark.usefixtures("unthrottled")
def test_resolve_replaces_imported_metadata_with_pubmeds(server, settings, tmp_path) -> None:
    store = open_store(settings.store)
    typed = {"title": "A novel coronavirus (as exported)", "PMID": "31978945"}
    nothing = {"title": "No identifier at all", "author": [{"family": "Smith"}]}
    report = import_files([_write(tmp_path, "x.json", [typed, nothing])], store)
    assert store.get("pmid:31978945").article.source is MetadataSource.IMPORTED
    resolved = resolve_imported(
        report, store, entrez=EntrezClient(settings), ctgov=CtgovClient(settings)
    )
    assert [(i.key, i.status) for i in resolved.items] == [("pmid:31978945", "updated")]
    record = store.get("pmid:31978945")
    assert record.article.source is MetadataSource.PUBMED
    assert record.title.startswith("A Novel Coronavirus from Patients with Pneumonia")
    assert server.count("efetch") == 1


def test_an_import_naming_two_stored_records_changes_neither(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    first = [{"type": "article-journal", "title": "Daratumumab in myeloma", "PMID": "111"}]
    second = [
        {
            "type": "article-journal",
            "title": "Daratumumab in myeloma",
            "DOI": "10.1/x",
            "abstract": "kept",
            "issued": {"date-parts": [[2021]]},
        }
    ]
    import_files([_write(tmp_path, "a.json", first), _write(tmp_path, "b.json", second)], store)
    both = [
        {
            "type": "article-journal",
            "title": "Daratumumab in myeloma",
            "PMID": "111",
            "DOI": "10.1/x",
            "issued": {"date-parts": [[2020]]},
        }
    ]
    (item,) = import_files([_write(tmp_path, "c.json", both)], store).items
    assert item.status == "failed" and "also names doi:10.1/x" in str(item.error)
    assert sorted(r.key for r in store.records()) == ["doi:10.1/x", "pmid:111"]
    assert json.loads(store.get("doi:10.1/x").raw)["abstract"] == "kept"


def test_collection_members_follow_a_key_changed_by_a_later_merge(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    bare = {
        "type": "article-journal",
        "title": "IKEMA updated results",
        "author": [{"family": "Martin"}],
        "issued": {"date-parts": [[2023]]},
    }
    report = import_files(
        [_write(tmp_path, "x.json", [bare, {**bare, "DOI": "10.1000/ikema"}])],
        store,
        collection="listing",
    )
    assert [(i.status, i.key) for i in report.items] == [
        ("added", "doi:10.1000/ikema"),
        ("merged", "doi:10.1000/ikema"),
    ]
    assert store.collection_keys("listing") == ["doi:10.1000/ikema"]
    # The ref: key it first had still finds it (findings or listings may cite it).
    old = json.loads(json.dumps(store.get("doi:10.1000/ikema").article.local_key))
    assert old.startswith("ref:") and store.get(old).key == "doi:10.1000/ikema"


def test_two_works_at_one_address_or_with_one_title_stay_two(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    url = "https://www.esmo.org/guidelines"
    pages = [
        {"type": "webpage", "title": "Guideline on multiple myeloma", "URL": url},
        {"type": "webpage", "title": "Guideline on lymphoma", "URL": url},
    ]
    notices = [
        {
            "type": "article-journal",
            "title": "Correction",
            "container-title": j,
            "issued": {"date-parts": [[2020]]},
        }
        for j in ("Lancet", "Blood")
    ]
    report = import_files([_write(tmp_path, "p.json", pages + notices)], store)
    assert [i.status for i in report.items] == ["added"] * 4
    keys = [i.key for i in report.items]
    assert keys[:2] == [f"url:{url}", f"url:{url}#2"] and keys[3] == f"{keys[2]}#2"
    again = import_files([_write(tmp_path, "p.json", pages + notices)], store)
    assert {i.status for i in again.items} == {"unchanged"}


def test_disagreements_are_reported_even_when_nothing_is_added(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    item = {"type": "article-journal", "title": "T", "DOI": "10.1/t", "volume": "397"}
    import_files([_write(tmp_path, "a.json", [item])], store)
    (again,) = import_files([_write(tmp_path, "b.json", [{**item, "volume": "398"}])], store).items
    assert again.status == "duplicate"
    assert "volume: kept '397', file has '398'" in again.notes


def test_unmapped_fields_of_both_files_are_kept(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    base = {"type": "article-journal", "title": "Alpha", "DOI": "10.1/q"}
    one = {**base, "custom": {"unmapped": {"ris:Z9": ["12"]}}}
    two = {**base, "custom": {"unmapped": {"ris:Z8": ["important"]}}}
    import_files([_write(tmp_path, "1.json", [one]), _write(tmp_path, "2.json", [two])], store)
    (exported,) = json.loads(export_bibliography(store, "csljson"))
    assert exported["custom"]["unmapped"] == {"ris:Z8": ["important"], "ris:Z9": ["12"]}


def test_registry_records_keep_every_field_and_merge_like_articles(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    trial = {
        "id": "t1",
        "type": "dataset",
        "number": "NCT01234567",
        "title": "A phase 3 trial",
        "abstract": "Registry summary",
        "note": "writer's note",
        "custom": {"acronym": "XTRIAL", "enrollment": 300},
    }
    import_files([_write(tmp_path, "t.json", [trial])], store)
    (again,) = import_files(
        [_write(tmp_path, "u.json", [{**trial, "title": "X trial", "custom": {}}])], store
    ).items
    assert again.status == "duplicate" and any(n.startswith("title: kept") for n in again.notes)
    (exported,) = json.loads(export_bibliography(store, "csljson"))
    assert exported == trial


def test_reparse_keeps_imported_records_under_their_keys(tmp_path: Path) -> None:
    from evidence.reparse import reparse

    store = _fresh(tmp_path)
    url = "https://www.esmo.org/guidelines"
    pages = [
        {"type": "webpage", "title": "Guideline on multiple myeloma", "URL": url},
        {"type": "webpage", "title": "Guideline on lymphoma", "URL": url},
        {"type": "article-journal", "title": "Alpha", "DOI": "10.1/a"},
    ]
    import_files([_write(tmp_path, "p.json", pages)], store)
    before = {r.key: r.title for r in store.records()}
    results = reparse(store)
    assert {r.status for r in results} == {"unchanged"}
    assert {r.key: r.title for r in store.records()} == before


def test_one_journal_under_several_names_is_one_work(tmp_path: Path) -> None:
    store = _fresh(tmp_path)
    base = {
        "type": "article-journal",
        "title": "Isatuximab plus carfilzomib in relapsed myeloma",
        "author": [{"family": "Moreau"}],
        "issued": {"date-parts": [[2021]]},
    }
    names = ["Lancet (London, England)", "The Lancet", "Lancet"]
    items = [{**base, "container-title": name} for name in names]
    report = import_files([_write(tmp_path, "j.json", items)], store)
    assert [i.status for i in report.items] == ["added", "duplicate", "duplicate"]
    assert len(store.records()) == 1


def test_reimport_after_pubmed_replaced_an_import_is_not_a_second_work(tmp_path: Path) -> None:
    from evidence.models import Article, Author, PubDate

    store = _fresh(tmp_path)
    page = {
        "type": "article-journal",
        "title": "Guideline on myeloma",
        "URL": "https://e.org/g",
        "author": [{"family": "Dimopoulos"}],
        "issued": {"date-parts": [[2021]]},
    }
    path = _write(tmp_path, "g.json", [page])
    import_files([path, _write(tmp_path, "d.json", [{**page, "DOI": "10.1/g"}])], store)
    store.put_article(
        Article(
            pmid="444",
            doi="10.1/g",
            title="Guideline on myeloma",
            authors=(Author("Dimopoulos"),),
            pub_date=PubDate(2021),
        ),
        b"<x/>",
        "pubmed-xml",
    )
    (again,) = import_files([path], store).items
    assert (again.status, again.key) == ("duplicate", "pmid:444")
    assert len(store.records()) == 1
