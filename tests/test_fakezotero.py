"""The fake Zotero Web API v3, driven through pyzotero 1.16 itself (and raw HTTP where pyzotero
refuses to send a request), to prove it answers what pyzotero expects."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from pyzotero import zotero
from pyzotero import zotero_errors as ze

from tests.fakezotero import (
    KEY_CHARS,
    ZOTERO_FIXTURES,
    FakeZotero,
    Fault,
    build_template,
    item_fields_listing,
    item_template,
    item_types_listing,
    zotero_schema,
)

KEY = "k3yK3yk3y"
WEB = ZOTERO_FIXTURES / "web-library"
PYZ = ZOTERO_FIXTURES / "pyzotero"
COLLECTION_ITEMS = WEB / "test-user-collection-items.json"  # 10 top-level items, versions <= 340
ITEM_FILES = [
    WEB / "test-user-collection-items.json",
    WEB / "test-user-get-items-golden.json",
    WEB / "test-user-get-items-in-collection-algorithms.json",
    WEB / "test-user-get-items-in-collection-dogs.json",
    WEB / "test-user-children.json",  # two attachments of VR82JUX8 (dogs)
    WEB / "test-user-search-results.json",
    PYZ / "items_doc.json",
]
TITLES = {
    o["key"]: o["data"]["title"] for o in json.loads(COLLECTION_ITEMS.read_text(encoding="utf-8"))
}
Response = tuple[int, dict[str, str], bytes]


@pytest.fixture
def fake() -> Iterator[FakeZotero]:
    with FakeZotero(api_key=KEY) as server:
        yield server


@pytest.fixture
def zot(fake: FakeZotero) -> Iterator[zotero.Zotero]:
    client = connect(fake)
    yield client
    assert client.client is not None
    client.client.close()


def connect(
    fake: FakeZotero, api_key: str | None = KEY, library_type: str = "user"
) -> zotero.Zotero:
    client = zotero.Zotero(fake.library_id, library_type, api_key=api_key)
    client.endpoint = fake.base_url
    return client


def load_all(fake: FakeZotero) -> set[str]:
    keys: set[str] = set()
    for path in ITEM_FILES:
        keys |= set(fake.load_items(path))
    return keys


def call(
    fake: FakeZotero,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Response:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        fake.base_url + path,
        data=data,
        method=method,
        headers={"Zotero-API-Version": "3", "Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def authed(**headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEY}", **headers}


def new_articles(n: int, prefix: str = "Trial") -> list[dict[str, Any]]:
    return [{"itemType": "journalArticle", "title": f"{prefix} {i}"} for i in range(n)]


def top_level(fake: FakeZotero) -> set[str]:
    return {
        key
        for key in fake.item_keys()
        if not (item := fake.item(key)) or not item["data"].get("parentItem")
    }


# --------------------------------------------------------------------------- reads


def test_everything_top_pages_through_every_top_level_item(
    fake: FakeZotero, zot: zotero.Zotero
) -> None:
    loaded = load_all(fake)
    expected = top_level(fake)
    assert len(expected) > 20 and expected < loaded  # children exist and are left out

    items = zot.everything(zot.top(limit=7))

    assert [i["key"] for i in items] == list(dict.fromkeys(i["key"] for i in items))
    assert {i["key"] for i in items} == expected
    pages = fake.requests("GET", "/items/top")
    assert len(pages) == -(-len(expected) // 7) >= 3
    assert [r.query.get("start", "0") for r in pages] == [str(7 * i) for i in range(len(pages))]
    assert all(r.query["limit"] == "7" and r.query["locale"] == "en-US" for r in pages)
    assert all(i["data"]["key"] == i["key"] and i["data"]["version"] == i["version"] for i in items)


def test_default_pages_of_100_after_creating_120_items(
    fake: FakeZotero, zot: zotero.Zotero
) -> None:
    for start in range(0, 120, 50):
        reply = zot.create_items(new_articles(min(50, 120 - start), f"Batch {start}"))
        assert len(reply["successful"]) == min(50, 120 - start)

    items = zot.everything(zot.top())

    assert len(items) == 120 == len({i["key"] for i in items})
    pages = fake.requests("GET", "/items/top")
    assert [r.query["limit"] for r in pages] == ["100", "100"]
    assert zot.request is not None and zot.request.headers["Total-Results"] == "120"


def test_link_header_is_absolute_and_keeps_only_known_non_default_parameters(
    fake: FakeZotero,
) -> None:
    fake.load_items(COLLECTION_ITEMS)
    status, headers, body = call(
        fake, "GET", "/users/1/items?format=json&limit=3&start=3&locale=en-US", headers=authed()
    )
    assert status == 200 and len(json.loads(body)) == 3
    base = f"{fake.base_url}/users/1/items"
    assert headers["Link"] == (
        f'<{base}?limit=3>; rel="first", <{base}?limit=3&start=6>; rel="next", '
        f'<{base}?limit=3&start=9>; rel="last", '
        '<https://www.zotero.org/users/1/items>; rel="alternate"'
    )
    assert headers["Total-Results"] == "10"
    assert headers["Last-Modified-Version"] == "340"
    assert headers["Content-Type"] == "application/json"
    assert headers["Zotero-API-Version"] == "3"


def test_default_limit_is_25_and_is_capped_at_100(fake: FakeZotero) -> None:
    for start in range(0, 150, 50):
        fake.load_items(
            [fake.add_item({"itemType": "book", "title": f"B{start + i}"}) for i in range(50)]
        )
    _, headers, body = call(fake, "GET", "/users/1/items", headers=authed())
    assert len(json.loads(body)) == 25 and headers["Total-Results"] == "150"
    assert f'<{fake.base_url}/users/1/items?start=25>; rel="next"' in headers["Link"]
    _, headers, body = call(fake, "GET", "/users/1/items?limit=500", headers=authed())
    assert len(json.loads(body)) == 100
    assert "limit=100&start=100" in headers["Link"]


def test_item_versions_and_since(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    recorded = json.loads(COLLECTION_ITEMS.read_text(encoding="utf-8"))

    assert zot.item_versions() == {o["key"]: o["version"] for o in recorded}
    assert "limit" not in fake.requests("GET")[-1].query  # pyzotero asks for all of them
    assert zot.item_versions(since=164) == {"HR8N9XDH": 327, "ZLM5SHFR": 340}
    assert fake.requests("GET")[-1].query["format"] == "versions"


def test_last_modified_version_follows_writes(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    assert zot.last_modified_version() == 340 == fake.version
    zot.create_items(new_articles(1))
    assert zot.last_modified_version() == 341
    assert fake.requests("GET")[-1].query["limit"] == "1"


def test_single_item_carries_its_own_version(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    item = zot.item("JB35IL7B")
    assert item["data"]["title"] and item["version"] == 164
    assert item["links"]["self"]["href"] == f"{fake.base_url}/users/1/items/JB35IL7B"
    assert item["library"]["id"] == 1 and item["library"]["type"] == "user"
    assert zot.request is not None and zot.request.headers["Last-Modified-Version"] == "164"
    with pytest.raises(ze.ResourceNotFoundError):
        zot.item("ABCD2345")


def test_collections_and_their_items(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(WEB / "test-user-get-items-in-collection-dogs.json")
    fake.load_items(WEB / "test-user-children.json")
    reply = zot.create_collections([{"name": "Dogs"}])
    key = reply["successful"]["0"]["key"]
    assert reply["successful"]["0"]["data"] == {
        "key": key,
        "version": reply["successful"]["0"]["version"],
        "name": "Dogs",
        "parentCollection": False,
        "relations": {},
    }
    articles = [k for k in fake.item_keys() if k in ("VR82JUX8", "PEZF7SPI")]
    for k in articles:
        item = zot.item(k)
        assert zot.addto_collection(key, item)

    assert {i["key"] for i in zot.everything(zot.collection_items_top(key))} == set(articles)
    assert zot.collection(key)["meta"]["numItems"] == 2
    assert [c["data"]["name"] for c in zot.everything(zot.collections())] == ["Dogs"]
    assert zot.collection_versions() == {key: zot.collection(key)["version"]}


def test_formats_keys_and_filters(fake: FakeZotero) -> None:
    load_all(fake)
    status, headers, body = call(fake, "GET", "/users/1/items/top?format=keys", headers=authed())
    assert status == 200 and headers["Content-Type"] == "text/plain"
    assert set(body.decode().split()) == top_level(fake)
    assert body.endswith(b"\n")
    _, _, body = call(fake, "GET", "/users/1/items?itemKey=JB35IL7B,HR8N9XDH", headers=authed())
    assert {o["key"] for o in json.loads(body)} == {"JB35IL7B", "HR8N9XDH"}
    _, _, body = call(fake, "GET", "/users/1/items?itemType=-journalArticle", headers=authed())
    assert all(o["data"]["itemType"] != "journalArticle" for o in json.loads(body))
    _, _, body = call(fake, "GET", "/users/1/items?q=Higgins%202018", headers=authed())
    assert [o["key"] for o in json.loads(body)] == ["HR8N9XDH"]
    _, _, body = call(fake, "GET", "/users/1/items/VR82JUX8/children", headers=authed())
    assert {o["key"] for o in json.loads(body)} == {"MWVZPK6B", "VG79HDDM"}


def test_trashed_items_need_include_trashed(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    fake.edit_remote("JB35IL7B", deleted=1)
    assert "JB35IL7B" not in {i["key"] for i in zot.everything(zot.top())}
    assert "JB35IL7B" in {i["key"] for i in zot.everything(zot.top(includeTrashed=1))}
    assert [i["key"] for i in zot.trash()] == ["JB35IL7B"]
    assert zot.item("JB35IL7B")["data"]["deleted"] == 1


def test_if_modified_since_version_gives_304(fake: FakeZotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    status, _, body = call(
        fake, "GET", "/users/1/items", headers=authed(**{"If-Modified-Since-Version": "340"})
    )
    assert (status, body) == (304, b"")
    status, _, _ = call(
        fake, "GET", "/users/1/items", headers=authed(**{"If-Modified-Since-Version": "339"})
    )
    assert status == 200


def test_item_fields_types_and_templates(zot: zotero.Zotero) -> None:
    recorded = json.loads((PYZ / "item_fields.json").read_text(encoding="utf-8"))
    fields = zot.item_fields()
    assert all(entry in fields for entry in recorded)
    assert {f["field"] for f in fields} >= zotero_schema().all_fields
    labels = [f["localized"] for f in item_fields_listing()]
    assert labels == sorted(labels)
    assert {"preprint", "dataset", "note"} <= {t["itemType"] for t in zot.item_types()}
    assert "attachment" not in {t["itemType"] for t in item_types_listing()}

    template = zot.item_template("journalArticle")
    assert template == json.loads((WEB / "new-item-journal-article.json").read_text())
    assert item_template("journalArticle") == build_template("journalArticle")
    assert list(item_template("journalArticle")) == list(build_template("journalArticle"))
    book = zot.item_template("book")
    assert book["creators"] == [{"creatorType": "author", "firstName": "", "lastName": ""}]
    assert "publisher" in book and "DOI" not in book


def test_every_recorded_item_survives_a_no_op_update(fake: FakeZotero, zot: zotero.Zotero) -> None:
    """Every recorded item passes the fake's schema checks; sending it back changes nothing."""
    load_all(fake)
    version = fake.version
    for key in sorted(fake.item_keys()):
        item = zot.item(key)
        assert zot.update_item(item)
        assert zot.request is not None and zot.request.status_code == 204
        assert zot.request.headers["Last-Modified-Version"] == str(version), key
    assert fake.version == version


# --------------------------------------------------------------------------- writes


def test_create_three_items(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    payload = [
        {**zot.item_template("journalArticle"), "title": "Isatuximab in myeloma", "DOI": "10/x"},
        {
            "itemType": "book",
            "title": "Clinical trials",
            "creators": [{"creatorType": "editor", "name": "WHO"}],
        },
        {"itemType": "webpage", "title": "ClinicalTrials.gov", "url": "https://clinicaltrials.gov"},
    ]

    reply = zot.create_items(payload)

    assert set(reply) == {"successful", "success", "unchanged", "failed"}
    assert reply["failed"] == {} and reply["unchanged"] == {}
    keys = [reply["success"][str(i)] for i in range(3)]
    assert all(re.fullmatch(f"[{KEY_CHARS}]{{8}}", k) for k in keys) and len(set(keys)) == 3
    for i, key in enumerate(keys):
        obj = reply["successful"][str(i)]
        assert obj["key"] == obj["data"]["key"] == key
        assert obj["version"] == obj["data"]["version"] == 341
        assert obj["data"]["title"] == payload[i]["title"]
        assert fake.item(key) is not None and fake.item(key)["data"] == obj["data"]
    article = reply["successful"]["0"]["data"]
    assert article["creators"] == []  # the template's empty creator is dropped
    assert list(article)[:4] == ["key", "version", "itemType", "title"]
    assert list(article)[-5:] == ["tags", "collections", "relations", "dateAdded", "dateModified"]
    assert reply["successful"]["1"]["meta"]["creatorSummary"] == "WHO"
    assert zot.request is not None and zot.request.headers["Last-Modified-Version"] == "341"
    post = fake.requests("POST", "/users/1/items")[0]
    assert len(post.headers["zotero-write-token"]) == 32
    assert post.json[0]["DOI"] == "10/x"


def test_more_than_50_items(fake: FakeZotero, zot: zotero.Zotero) -> None:
    with pytest.raises(ze.TooManyItemsError):
        zot.create_items(new_articles(51))
    assert fake.count() == 0

    status, headers, body = call(fake, "POST", "/users/1/items", new_articles(51), authed())
    assert status == 413
    assert body == b"Cannot add more than 50 items at a time"
    assert headers["Content-Type"] == "text/html; charset=UTF-8"
    assert "Last-Modified-Version" not in headers
    assert fake.item_keys() == []
    status, _, _ = call(fake, "POST", "/users/1/items", new_articles(50), authed())
    assert status == 200 and len(fake.item_keys()) == 50


def test_update_then_stale_update_fails(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    item = zot.item("JB35IL7B")
    item["data"]["title"] = "A new title"

    assert zot.update_item(item)

    patch = fake.requests("PATCH")[0]
    assert patch.path == "/users/1/items/JB35IL7B"
    assert patch.headers["if-unmodified-since-version"] == "164"
    assert patch.json["title"] == "A new title"
    assert fake.requests("GET", "/itemFields")  # check_items asked for the fields first
    assert zot.request is not None and zot.request.headers["Last-Modified-Version"] == "341"
    stored = fake.item("JB35IL7B")
    assert stored is not None and stored["version"] == stored["data"]["version"] == 341
    assert stored["data"]["title"] == "A new title"
    assert stored["data"]["dateModified"] != item["data"]["dateModified"]

    item["data"]["title"] = "Another title"
    with pytest.raises(ze.PreConditionFailedError) as raised:
        zot.update_item(item)
    assert "Item has been modified since specified version (expected 164, found 341)" in str(
        raised.value
    )
    assert zot.request is not None and zot.request.headers["Last-Modified-Version"] == "341"
    stored = fake.item("JB35IL7B")
    assert stored is not None and stored["data"]["title"] == "A new title"


def test_remote_edit_makes_the_local_copy_stale(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    item = zot.item("HIPQ8PJU")
    new_version = fake.edit_remote("HIPQ8PJU", title="Edited in Zotero")

    assert new_version == 341 == zot.last_modified_version()
    assert zot.item_versions(since=340) == {"HIPQ8PJU": 341}
    item["data"]["extra"] = "PMID: 1"
    with pytest.raises(ze.PreConditionFailedError):
        zot.update_item(item)
    assert fake.edit_remote("HIPQ8PJU", title="Edited in Zotero") == 341  # no change, no bump
    with pytest.raises(ValueError, match="not a valid field"):
        fake.edit_remote("HIPQ8PJU", websiteTitle="x")


def test_remote_delete(fake: FakeZotero, zot: zotero.Zotero) -> None:
    load_all(fake)
    version = fake.delete_remote("VR82JUX8")  # a parent of two attachments
    with pytest.raises(ze.ResourceNotFoundError):
        zot.item("VR82JUX8")
    deleted = zot.deleted(since=version - 1)
    assert set(deleted["items"]) == {"VR82JUX8", "MWVZPK6B", "VG79HDDM"}
    assert zot.deleted(since=version)["items"] == []


def test_delete_items_through_pyzotero(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    assert zot.delete_item(zot.item("JB35IL7B"))
    assert fake.requests("DELETE")[0].headers["if-unmodified-since-version"] == "164"
    assert zot.delete_item([zot.item("HIPQ8PJU"), zot.item("IY45CHYB")], last_modified=341)
    assert not {"JB35IL7B", "HIPQ8PJU", "IY45CHYB"} & set(fake.item_keys())
    assert fake.version == 342
    with pytest.raises(ze.PreConditionFailedError):
        zot.delete_item(zot.item("9W9JYRAH"), last_modified=100)


def test_invalid_field_for_type_is_a_failed_entry(fake: FakeZotero, zot: zotero.Zotero) -> None:
    reply = zot.create_items(
        [
            {"itemType": "journalArticle", "title": "Fine"},
            {"itemType": "webpage", "title": "Not fine", "publicationTitle": "Lancet"},
            {"itemType": "webpage", "title": "Empty is fine", "publicationTitle": ""},
            {
                "itemType": "book",
                "title": "x",
                "creators": [{"creatorType": "inventor", "name": "Y"}],
            },
            {"itemType": "musicalScore", "title": "x"},
            {"key": "ABCD2345", "itemType": "journalArticle", "collections": ["ZZZZZZZZ"]},
        ]
    )
    assert set(reply["success"]) == {"0", "2"}
    assert reply["failed"] == {
        "1": {"code": 400, "message": "'publicationTitle' is not a valid field for type 'webpage'"},
        "3": {
            "code": 400,
            "message": "'inventor' is not a valid creator type for item type 'book'",
        },
        "4": {"code": 400, "message": "'musicalScore' is not a valid itemType"},
        "5": {"key": "ABCD2345", "code": 409, "message": "Collection ZZZZZZZZ not found"},
    }
    assert "publicationTitle" not in reply["successful"]["2"]["data"]
    assert fake.version == 1


def test_stale_object_version_in_post_is_a_412_entry(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    reply = zot.create_items(
        [
            {"key": "ZLM5SHFR", "version": 340, "extra": "PMID: 2"},
            {"key": "JB35IL7B", "version": 100, "extra": "PMID: 3"},
            {"key": "HIPQ8PJU", "extra": "PMID: 4"},
            {"key": "IY45CHYB", "version": 164},  # nothing changes
        ]
    )
    assert reply["success"] == {"0": "ZLM5SHFR"}
    assert reply["unchanged"] == {"3": "IY45CHYB"}
    assert reply["failed"]["1"] == {
        "key": "JB35IL7B",
        "code": 412,
        "message": "Item has been modified since specified version (expected 100, found 164)",
    }
    assert reply["failed"]["2"]["code"] == 428
    merged = fake.item("ZLM5SHFR")
    assert merged is not None and merged["version"] == 341
    assert merged["data"]["extra"] == "PMID: 2"  # a POST with a key merges, like PATCH
    assert merged["data"]["title"] == TITLES["ZLM5SHFR"]


def test_library_precondition_on_post(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    with pytest.raises(ze.PreConditionFailedError) as raised:
        zot.create_items(new_articles(2), last_modified=339)
    assert "Library has been modified since specified version (expected 339, found 340)" in str(
        raised.value
    )
    assert fake.version == 340
    reply = zot.create_items(new_articles(2), last_modified=340)
    assert len(reply["success"]) == 2
    post = fake.requests("POST")[-1]
    assert post.headers["if-unmodified-since-version"] == "340"


def test_write_token_is_single_use(fake: FakeZotero) -> None:
    headers = authed(**{"Zotero-Write-Token": "abcdef0123456789"})
    status, _, _ = call(fake, "POST", "/users/1/items", new_articles(1), headers)
    assert status == 200
    status, _, body = call(fake, "POST", "/users/1/items", new_articles(1), headers)
    assert (status, body) == (412, b"Write token already used")
    assert len(fake.item_keys()) == 1


def test_single_object_write_preconditions(fake: FakeZotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    path = "/users/1/items/JB35IL7B"
    status, _, body = call(fake, "PATCH", path, {"title": "x"}, authed())
    assert status == 428 and b"must be provided" in body
    status, _, body = call(
        fake,
        "PATCH",
        path,
        {"title": "x", "version": 1},
        authed(**{"If-Unmodified-Since-Version": "164"}),
    )
    assert status == 400 and body.endswith(b"(164 != 1)")
    status, _, body = call(fake, "DELETE", path, headers=authed())
    assert status == 428
    status, headers, body = call(fake, "PATCH", path, {"title": "x", "version": 164}, authed())
    assert status == 204 and body == b"" and headers["Last-Modified-Version"] == "341"
    status, headers, _ = call(fake, "PATCH", path, {"title": "x", "version": 341}, authed())
    assert status == 204 and headers["Last-Modified-Version"] == "341"  # unchanged
    status, _, body = call(fake, "PATCH", path, {"url": 1, "version": 341, "foo": 1}, authed())
    assert (status, body) == (400, b"'foo' is not a valid itemData field.")


def test_child_notes_tags_and_recorded_write_reports(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(WEB / "test-user-get-items-in-collection-dogs.json")
    fake.load_items(WEB / "test-user-children.json")
    before = zot.item("VR82JUX8")["meta"]["numChildren"]
    reply = zot.create_items([{"itemType": "note", "note": "<p>PMID 123</p>"}], parentid="VR82JUX8")
    note = reply["successful"]["0"]
    assert note["data"]["parentItem"] == "VR82JUX8" and "collections" not in note["data"]
    assert note["links"]["up"]["href"] == f"{fake.base_url}/users/1/items/VR82JUX8"
    assert zot.item("VR82JUX8")["meta"]["numChildren"] == before + 1
    assert note["key"] in {c["key"] for c in zot.children("VR82JUX8")}
    assert note["key"] not in {i["key"] for i in zot.everything(zot.top())}
    orphan = zot.create_items([{"itemType": "note", "note": "x"}], parentid="ABCD2345")
    assert orphan["failed"]["0"] == {"code": 409, "message": "Parent item ABCD2345 not found"}

    zot.create_items([{"itemType": "book", "title": "T", "tags": [{"tag": "myeloma"}]}])
    assert "myeloma" in zot.everything(zot.tags())

    assert fake.load_items(WEB / "test-user-trash-item.json") == ["VR82JUX8"]  # a write report
    assert zot.item("VR82JUX8")["data"]["deleted"] == 1
    assert "VR82JUX8" not in {i["key"] for i in zot.everything(zot.top())}


# --------------------------------------------------------------------------- faults


def test_429_with_retry_after_is_retried_by_pyzotero(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    fake.inject("GET", "/items/top", Fault.rate_limited(retry_after="1"))

    started = time.monotonic()
    items = zot.top()
    elapsed = time.monotonic() - started

    assert len(items) == 10
    calls = fake.requests("GET", "/items/top")
    assert [r.status for r in calls] == [429, 200]
    assert 0.9 <= calls[1].time - calls[0].time and 0.9 <= elapsed < 5
    assert fake.pending_faults() == 0


def test_500_surfaces_as_http_error(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.inject("GET", "/items", Fault.server_error())
    with pytest.raises(ze.HTTPError, match="Code: 500"):
        zot.items()
    assert zot.items() == []  # one-shot


def test_503_and_412_faults_on_writes(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.inject(
        "POST", "/users/1/items$", Fault.unavailable(backoff="1"), Fault.precondition_failed()
    )
    with pytest.raises(ze.HTTPError, match="Code: 503"):
        zot.create_items(new_articles(1))
    with pytest.raises(ze.PreConditionFailedError):
        zot.create_items(new_articles(1))
    assert [r.status for r in fake.requests("POST")] == [503, 412]
    assert fake.item_keys() == []


def test_backoff_header_on_success_sets_pyzotero_backoff(
    fake: FakeZotero, zot: zotero.Zotero
) -> None:
    fake.inject("GET", "/items", Fault.backoff(30))
    assert zot.items() == []
    assert zot.request is not None and zot.request.headers["Backoff"] == "30"
    assert zot.backoff_until > time.time() + 25


def test_disconnect_and_status_faults(fake: FakeZotero, zot: zotero.Zotero) -> None:
    fake.inject("*", "/items", Fault.disconnect(), Fault.status(404, "Not found"))
    with pytest.raises(httpx2.TransportError):
        zot.items()
    with pytest.raises(ze.ResourceNotFoundError):
        zot.items()
    assert [r.status for r in fake.requests()] == [0, 404]


# --------------------------------------------------------------------------- log and keys


def test_requests_are_logged_with_headers_and_bodies(fake: FakeZotero, zot: zotero.Zotero) -> None:
    zot.create_items(new_articles(2))
    zot.items(limit=5)

    post, get = fake.requests()
    assert (post.method, post.path, get.method, get.path) == (
        "POST",
        "/users/1/items",
        "GET",
        "/users/1/items",
    )
    for request in (post, get):
        assert request.headers["zotero-api-version"] == "3"
        assert request.headers["authorization"] == f"Bearer {KEY}"
        assert request.headers["user-agent"].startswith("Pyzotero/")
    assert post.json == new_articles(2) and json.loads(post.body) == post.json
    assert get.query == {"format": "json", "limit": "5", "locale": "en-US"} and get.json is None
    assert (post.status, get.status) == (200, 200)
    assert fake.count("GET") == 1 and fake.count(path_contains="/items") == 2
    fake.reset_log()
    assert fake.count() == 0


def test_403_without_the_key(fake: FakeZotero) -> None:
    fake.load_items(COLLECTION_ITEMS)
    anonymous = connect(fake, api_key=None)
    wrong = connect(fake, api_key="wrongKey")
    try:
        with pytest.raises(ze.UserNotAuthorisedError, match="Forbidden"):
            anonymous.items()
        with pytest.raises(ze.UserNotAuthorisedError, match="Invalid key"):
            wrong.items()
        assert anonymous.item_fields()  # global mappings need no key
    finally:
        for client in (anonymous, wrong):
            assert client.client is not None
            client.client.close()
    status, headers, body = call(fake, "POST", "/users/1/items", new_articles(1))
    assert (status, body) == (403, b"An API key is required for write requests.")
    assert "Zotero-API-Version" not in headers
    status, _, _ = call(fake, "GET", "/users/1/items", headers={"Zotero-API-Key": KEY})
    assert status == 200
    status, _, _ = call(fake, "GET", f"/users/1/items?key={KEY}")
    assert status == 200
    status, _, _ = call(fake, "GET", "/users/2/items", headers=authed())
    assert status == 403


def test_group_library() -> None:
    with FakeZotero("groups", 5119976, api_key=KEY, library_name="Animals") as fake:
        fake.load_collections(WEB / "test-group-collections.json")
        client = connect(fake, library_type="group")
        try:
            names = {c["data"]["name"] for c in client.everything(client.collections())}
            reply = client.create_items(new_articles(1))
        finally:
            assert client.client is not None
            client.client.close()
        assert names == {"Llamas", "Cats", "Dogs"}
        obj = reply["successful"]["0"]
        assert obj["library"]["type"] == "group" and obj["library"]["id"] == 5119976
        assert obj["links"]["self"]["href"].startswith(f"{fake.base_url}/groups/5119976/items/")
        assert fake.requests("POST")[0].path == "/groups/5119976/items"
        assert fake.version == 3
