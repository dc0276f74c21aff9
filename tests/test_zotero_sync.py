"""Zotero sync through pyzotero against a local fake of the Zotero Web API (tests/fakezotero.py).

The real adapter (evidence.zotero) and pyzotero run unchanged; only the endpoint is local.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence.bibimport import import_files
from evidence.config import Settings, load_settings
from evidence.errors import ConfigError, RateLimitedError, ServiceUnavailableError
from evidence.imports import import_references
from evidence.store import Store, open_store
from evidence.zotero import ZoteroClient, parse_library
from evidence.zotero_sync import pull, push, status
from tests.fakezotero import ZOTERO_FIXTURES, FakeZotero, Fault

ROOT = Path(__file__).resolve().parents[1]
COLLECTION_ITEMS = ZOTERO_FIXTURES / "web-library" / "test-user-collection-items.json"
SHIPPED = len(list((ROOT / "references" / "bibliography").glob("*.json")))
"""References the project ships: the demo store holds each once."""


@pytest.fixture
def fake() -> Iterator[FakeZotero]:
    with FakeZotero(api_key="zkeySecret123") as server:
        yield server


@pytest.fixture
def zsettings(fake: FakeZotero, tmp_path: Path) -> Settings:
    return load_settings(
        {
            "zotero_base": fake.base_url,
            "zotero_api_key": "zkeySecret123",
            "zotero_library": "user:1",
            "store": str(tmp_path / "z.sqlite3"),
            "backoff_initial": 0.01,
            "backoff_max": 0.05,
            "max_attempts": 3,
            "timeout": 5,
        }
    )


@pytest.fixture
def client(zsettings: Settings) -> Iterator[ZoteroClient]:
    with ZoteroClient(zsettings, parse_library("user:1")) as opened:
        yield opened


@pytest.fixture
def demo(zsettings: Settings) -> Iterator[Store]:
    store = open_store(zsettings.store)
    assert all(item.ok for item in import_references(ROOT / "references", store).items)
    yield store
    store.close()


def _items_in(fake: FakeZotero) -> list[dict]:
    return [fake.item(key) for key in fake.item_keys()]


def test_push_creates_every_record_then_nothing_more(fake, client, demo) -> None:
    report = push(demo, client)
    assert report.counts() == {"create": SHIPPED}
    created = _items_in(fake)
    by_type = {item["data"]["itemType"]: item["data"] for item in created}
    assert set(by_type) == {"journalArticle", "dataset", "webpage"}
    lancet = next(i["data"] for i in created if "PMID: 34097854" in i["data"].get("extra", ""))
    assert lancet["DOI"] == "10.1016/S0140-6736(21)00592-4" and lancet["volume"] == "397"
    registry = {i["data"].get("identifier") for i in created if i["data"]["itemType"] == "dataset"}
    assert {"NCT03275285", "NCT02960555", "NCT04270409"} == registry
    posts = fake.requests("POST", "/items")
    assert len(posts) == 1 and all(
        r.headers["authorization"] == "Bearer zkeySecret123" for r in posts
    )
    assert len(demo.zotero_links("user:1")) == SHIPPED
    again = push(demo, client)
    assert again.counts() == {"unchanged": SHIPPED}
    assert fake.count("POST") == 1


def test_creates_go_in_requests_of_at_most_fifty(fake, client, tmp_path, zsettings) -> None:
    store = open_store(zsettings.store)
    items = [
        {"type": "article-journal", "title": f"Paper {n}", "DOI": f"10.1/{n}"} for n in range(120)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert not import_files([path], store).failures
    report = push(store, client)
    assert report.counts() == {"create": 120}
    sizes = [len(r.json) for r in fake.requests("POST", "/items")]
    assert sizes == [50, 50, 20]
    assert len(fake.item_keys()) == 120


def test_dry_run_prints_the_plan_and_writes_nothing(fake, client, demo) -> None:
    report = push(demo, client, dry_run=True)
    assert not report.applied and report.counts() == {"create": SHIPPED}
    assert fake.count("POST") == 0 and demo.zotero_links("user:1") == []


def test_pull_imports_items_merging_duplicates(fake, client, demo) -> None:
    fake.load_items(COLLECTION_ITEMS)
    before = len(demo.records())
    report = pull(demo, client)
    imported = [s for s in report.steps if s.action == "import"]
    assert len(imported) == 10 and not report.conflicts
    assert len(demo.records()) == before + 10
    # Pulling again finds every item linked and in step.
    again = pull(demo, client)
    assert {s.action for s in again.steps} == {"unchanged"}


def test_a_local_edit_is_pushed_with_the_items_version(fake, client, demo, tmp_path) -> None:
    push(demo, client)
    link = next(lk for lk in demo.zotero_links("user:1") if lk.key == "nct:NCT03275285")
    record = demo.get("nct:NCT03275285")
    from dataclasses import replace

    demo.put_trial(replace(record.trial, brief_title="IKEMA (retitled)"), None, None)
    assert [s.action for s in status(demo, client).steps if s.key == "nct:NCT03275285"] == [
        "update"
    ]
    report = push(demo, client)
    assert report.counts()["update"] == 1
    (patch,) = fake.requests("PATCH")
    assert patch.headers["if-unmodified-since-version"] == str(link.version)
    assert fake.item(link.zotero_key)["data"]["title"] == "IKEMA (retitled)"


def test_an_edit_in_zotero_is_pulled(fake, client, demo) -> None:
    push(demo, client)
    link = next(lk for lk in demo.zotero_links("user:1") if lk.key == "nct:NCT03275285")
    fake.edit_remote(link.zotero_key, title="Edited in Zotero")
    report = pull(demo, client)
    assert [s.action for s in report.steps if s.key == "nct:NCT03275285"] == ["pull"]
    assert demo.get("nct:NCT03275285").title == "Edited in Zotero"


def test_edits_on_both_sides_are_a_conflict_with_both_sides(fake, client, demo) -> None:
    push(demo, client)
    key = "nct:NCT03275285"
    link = next(lk for lk in demo.zotero_links("user:1") if lk.key == key)
    fake.edit_remote(link.zotero_key, title="Zotero's title")
    from dataclasses import replace

    demo.put_trial(replace(demo.get(key).trial, brief_title="Store's title"), None, None)
    for run in (push, pull):
        report = run(demo, client)
        (conflict,) = [s for s in report.steps if s.key == key]
        assert conflict.action == "conflict"
        assert 'title: store "Store\'s title" | Zotero "Zotero\'s title"' in conflict.differences
    assert fake.count("PATCH") == 0 and demo.get(key).title == "Store's title"
    assert fake.item(link.zotero_key)["data"]["title"] == "Zotero's title"
    # The writer decides: the store's side wins.
    report = push(demo, client, prefer="store")
    assert [s.action for s in report.steps if s.key == key] == ["update"]
    assert fake.item(link.zotero_key)["data"]["title"] == "Store's title"


def test_a_412_while_pushing_is_reported_not_overwritten(fake, client, demo) -> None:
    push(demo, client)
    key = "nct:NCT03275285"
    from dataclasses import replace

    demo.put_trial(replace(demo.get(key).trial, brief_title="Local"), None, None)
    link = next(lk for lk in demo.zotero_links("user:1") if lk.key == key)
    before = fake.item(link.zotero_key)["data"]["title"]
    fake.inject("PATCH", link.zotero_key, Fault.precondition_failed())
    report = push(demo, client)
    (step,) = [s for s in report.steps if s.key == key]
    assert step.action == "conflict" and "412" in step.detail
    assert fake.item(link.zotero_key)["data"]["title"] == before


def test_zotero_items_with_the_same_identifier_are_linked_not_doubled(fake, client, demo) -> None:
    push(demo, client)
    other = open_store(Path(str(demo.path) + ".second"))  # type: ignore[attr-defined]
    assert all(i.ok for i in import_references(ROOT / "references", other).items)
    report = push(other, client)
    assert report.counts() == {"link": SHIPPED}
    assert len(fake.item_keys()) == SHIPPED


def test_a_deleted_item_is_reported_and_not_recreated(fake, client, demo) -> None:
    push(demo, client)
    link = next(lk for lk in demo.zotero_links("user:1") if lk.key == "pmid:34097854")
    fake.delete_remote(link.zotero_key)
    report = push(demo, client)
    assert [s.action for s in report.conflicts] == ["deleted-in-zotero"]
    assert fake.count("POST") == 1


def test_rate_limits_and_server_errors_are_waited_out(fake, client, demo) -> None:
    fake.inject("GET", "/items/top", Fault.rate_limited(retry_after="1"), Fault.server_error())
    report = push(demo, client, dry_run=True)
    assert report.counts() == {"create": SHIPPED}
    statuses = [r.status for r in fake.requests("GET", "/items/top")]
    assert statuses == [429, 500, 200]
    waited = [r.time for r in fake.requests("GET", "/items/top")]
    assert waited[1] - waited[0] >= 0.9  # Retry-After: 1 honoured by pyzotero


def test_persistent_failures_become_clear_errors(fake, client, zsettings) -> None:
    store = open_store(zsettings.store)
    fake.inject("GET", "/items/top", *[Fault.server_error()] * 3)
    with pytest.raises(ServiceUnavailableError, match="Zotero answered HTTP 500"):
        status(store, client)
    fake.inject("GET", "/items/top", *[Fault.rate_limited(retry_after="0")] * 3)
    with pytest.raises(RateLimitedError, match="kept answering 429"):
        status(store, client)


def test_a_wrong_key_is_a_configuration_error_without_the_key(fake, zsettings) -> None:
    wrong = zsettings.with_overrides(zotero_api_key="nopeWrong999")
    with (
        pytest.raises(ConfigError) as caught,
        ZoteroClient(wrong, parse_library("user:1")) as client,
    ):
        status(open_store(zsettings.store), client)
    assert "nopeWrong999" not in str(caught.value)
    assert "EVIDENCE_ZOTERO_API_KEY" in str(caught.value)


def test_push_into_a_collection_files_items_there(fake, client, demo) -> None:
    demo.add_to_collection("IKEMA listing", ["pmid:37156782"])
    report = push(demo, client, collection="IKEMA listing")
    assert report.counts() == {"create": 1}
    (collection_key,) = fake.collection_keys()
    assert fake.collection(collection_key)["data"]["name"] == "IKEMA listing"
    (item,) = _items_in(fake)
    assert item["data"]["collections"] == [collection_key]


def _article(title: str, **fields: object) -> dict[str, object]:
    return {"type": "article-journal", "title": title, **fields}


def _import(store: Store, tmp_path: Path, *items: dict[str, object]) -> None:
    path = tmp_path / f"in{len(list(tmp_path.iterdir()))}.json"
    path.write_text(json.dumps(list(items)), encoding="utf-8")
    assert not import_files([path], store).failures


def _link_of(store: Store, key: str):
    return next(lk for lk in store.zotero_links("user:1") if lk.key == key)


def test_a_pull_never_overwrites_another_record(fake, client, demo, tmp_path) -> None:
    from dataclasses import replace

    from evidence.models import MetadataSource

    lancet = demo.get("pmid:34097854")
    demo.put_article(replace(lancet.article, source=MetadataSource.PUBMED), b"<x/>", "pubmed-xml")
    _import(demo, tmp_path, _article("IKEMA (conference abstract)", author=[{"family": "Moreau"}]))
    (ref,) = [r.key for r in demo.records() if r.key.startswith("ref:")]
    push(demo, client)
    fake.edit_remote(_link_of(demo, ref).zotero_key, extra="PMID: 34097854")
    report = pull(demo, client)
    (step,) = [s for s in report.steps if s.key == ref]
    assert step.action == "conflict" and "names pmid:34097854" in step.detail
    assert demo.get("pmid:34097854").raw == b"<x/>"


def test_zotero_edits_of_a_pubmed_record_are_reported_and_undone(fake, client, demo) -> None:
    from dataclasses import replace

    from evidence.models import MetadataSource

    lancet = demo.get("pmid:34097854")
    demo.put_article(replace(lancet.article, source=MetadataSource.PUBMED), b"<x/>", "pubmed-xml")
    push(demo, client)
    zkey = _link_of(demo, "pmid:34097854").zotero_key
    fake.edit_remote(zkey, volume="398")
    (step,) = [s for s in pull(demo, client).steps if s.key == "pmid:34097854"]
    assert step.action == "unchanged" and "authoritative" in step.detail
    assert demo.get("pmid:34097854").article.volume == "397"
    (step,) = [s for s in push(demo, client).steps if s.key == "pmid:34097854"]
    assert step.action == "update" and fake.item(zkey)["data"]["volume"] == "397"


def test_pull_keeps_what_zotero_cannot_hold_and_deletions_are_pushed(
    fake, client, zsettings, tmp_path
) -> None:
    store = open_store(zsettings.store)
    note = {"unmapped": {"ris:N1": ["reviewer note"]}}
    _import(store, tmp_path, _article("Alpha", DOI="10.1/a", abstract="Some", custom=note))
    push(store, client)
    zkey = _link_of(store, "doi:10.1/a").zotero_key
    fake.edit_remote(zkey, tags=[{"tag": "to-read"}])
    assert [s.action for s in pull(store, client).steps] == ["pull"]
    kept = json.loads(store.get("doi:10.1/a").raw)
    assert kept["custom"] == note and kept["keyword"] == "to-read"
    del kept["abstract"]
    from evidence.csl import RAW_CSL, csl_to_record

    store.put_article(csl_to_record(kept, where="t"), json.dumps(kept).encode(), RAW_CSL)
    assert [s.action for s in push(store, client).steps] == ["update"]
    assert not fake.item(zkey)["data"].get("abstractNote")
    assert {s.action for s in status(store, client).steps} == {"unchanged"}


def test_updates_keep_the_items_other_collections(fake, client, demo) -> None:
    demo.add_to_collection("IKEMA", ["pmid:37156782", "pmid:34097854"])
    push(demo, client, collection="IKEMA")
    (first,) = fake.collection_keys()
    zkey = _link_of(demo, "pmid:37156782").zotero_key
    fake.load_collections(
        [
            {
                "key": "OTHER234",
                "version": 1,
                "data": {
                    "key": "OTHER234",
                    "version": 1,
                    "name": "Other",
                    "parentCollection": False,
                },
            }
        ]
    )
    fake.edit_remote(zkey, collections=[first, "OTHER234"])
    record = demo.get("pmid:37156782")
    from dataclasses import replace

    demo.put_article(replace(record.article, volume="14"), None, None)
    push(demo, client)
    assert sorted(fake.item(zkey)["data"]["collections"]) == sorted([first, "OTHER234"])


def test_push_into_a_collection_files_items_already_synced(fake, client, demo) -> None:
    push(demo, client)
    demo.add_to_collection("Listing", ["pmid:37156782"])
    report = push(demo, client, collection="Listing")
    assert [s.action for s in report.steps] == ["update"]
    (target,) = fake.collection_keys()
    assert fake.item(_link_of(demo, "pmid:37156782").zotero_key)["data"]["collections"] == [target]


def test_two_zotero_items_for_one_work_are_reported_not_flip_flopped(fake, client, demo) -> None:
    push(demo, client)
    zkey = _link_of(demo, "pmid:37156782").zotero_key
    twin = dict(fake.item(zkey)["data"])
    for name in ("key", "version", "dateAdded", "dateModified"):
        twin.pop(name, None)
    twin_key = fake.add_item(twin)["key"]
    for _ in range(2):
        report = pull(demo, client)
        (step,) = [s for s in report.steps if s.zotero_key == twin_key]
        assert step.action == "duplicate-in-zotero" and step.key == "pmid:37156782"
        assert _link_of(demo, "pmid:37156782").zotero_key == zkey


def test_a_corrected_title_keeps_the_records_key(fake, client, zsettings, tmp_path) -> None:
    store = open_store(zsettings.store)
    _import(store, tmp_path, _article("Prescribing informaton", author=[{"literal": "Sanofi"}]))
    (key,) = [r.key for r in store.records()]
    push(store, client)
    fake.edit_remote(_link_of(store, key).zotero_key, title="Prescribing information")
    assert [(s.action, s.key) for s in pull(store, client).steps] == [("pull", key)]
    assert store.get(key).title == "Prescribing information"


def test_a_429_on_create_is_waited_out_and_nothing_is_doubled(fake, client, demo) -> None:
    fake.inject("POST", "/items", Fault.rate_limited(retry_after="1"))
    report = push(demo, client)
    assert report.counts() == {"create": SHIPPED} and len(fake.item_keys()) == SHIPPED
    posts = fake.requests("POST", "/items")
    assert [r.status for r in posts] == [429, 200] and posts[1].time - posts[0].time >= 0.9


def test_a_pull_never_moves_a_trial_to_another_nct_number(fake, client, demo) -> None:
    push(demo, client)
    zkey = _link_of(demo, "nct:NCT03275285").zotero_key
    fake.edit_remote(zkey, identifier="NCT00973089")
    (step,) = [s for s in pull(demo, client).steps if s.zotero_key == zkey]
    assert step.action == "conflict" and "names NCT00973089" in step.detail
    assert demo.get("nct:NCT00973089") is None and demo.get("nct:NCT03275285") is not None


def test_a_work_deleted_and_added_again_in_zotero_is_linked_again(fake, client, demo) -> None:
    push(demo, client)
    old = _link_of(demo, "pmid:37156782").zotero_key
    data = dict(fake.item(old)["data"])
    fake.delete_remote(old)
    for name in ("key", "version", "dateAdded", "dateModified"):
        data.pop(name, None)
    new = fake.add_item(data)["key"]
    report = pull(demo, client)
    assert [(s.action, s.zotero_key) for s in report.steps if s.key == "pmid:37156782"] == [
        ("link", new)
    ]
    assert not report.conflicts and _link_of(demo, "pmid:37156782").zotero_key == new


def test_a_work_without_identifiers_twice_in_zotero_is_reported(
    fake, client, zsettings, tmp_path
) -> None:
    store = open_store(zsettings.store)
    _import(store, tmp_path, {"type": "report", "title": "Annual report", "URL": "https://e.org/r"})
    (key,) = [r.key for r in store.records()]
    push(store, client)
    first = _link_of(store, key).zotero_key
    twin = dict(fake.item(first)["data"])
    for name in ("key", "version", "dateAdded", "dateModified"):
        twin.pop(name, None)
    second = fake.add_item(twin)["key"]
    for _ in range(2):
        (step,) = [s for s in pull(store, client).steps if s.zotero_key == second]
        assert step.action == "duplicate-in-zotero" and _link_of(store, key).zotero_key == first


def test_zotero_tags_and_notes_survive_a_push(fake, client, demo) -> None:
    from dataclasses import replace

    from evidence.models import MetadataSource

    lancet = demo.get("pmid:34097854")
    demo.put_article(replace(lancet.article, source=MetadataSource.PUBMED), b"<x/>", "pubmed-xml")
    push(demo, client)
    zkey = _link_of(demo, "pmid:34097854").zotero_key
    extra = fake.item(zkey)["data"]["extra"]
    fake.edit_remote(zkey, tags=[{"tag": "to-read"}], extra=extra + "\nReviewed by AB")
    pull(demo, client)
    push(demo, client)
    data = fake.item(zkey)["data"]
    assert {"tag": "to-read"} in data["tags"] and "Reviewed by AB" in data["extra"]
    assert "PMID: 34097854" in data["extra"]


def test_an_unreadable_zotero_item_fails_alone(fake, client, zsettings, tmp_path) -> None:
    store = open_store(zsettings.store)
    _import(
        store, tmp_path, {"type": "report", "title": "Annual report"}, _article("B", DOI="10.1/b")
    )
    push(store, client)
    ref = next(r.key for r in store.records() if r.key.startswith("ref:"))
    fake.edit_remote(_link_of(store, ref).zotero_key, title="")
    fake.edit_remote(_link_of(store, "doi:10.1/b").zotero_key, volume="7")
    report = pull(store, client)
    assert sorted((s.action, s.key) for s in report.steps) == [
        ("failed", ref),
        ("pull", "doi:10.1/b"),
    ]
    assert store.get(ref).title == "Annual report" and store.get("doi:10.1/b").article.volume == "7"
