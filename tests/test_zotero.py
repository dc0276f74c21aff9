"""The pyzotero adapter against the local fake: libraries, paging, retries, error mapping."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence.config import load_settings
from evidence.errors import InputError, NotFoundError, ServiceUnavailableError
from evidence.zotero import MAX_CREATE, Library, ZoteroClient, parse_library
from tests.fakezotero import FakeZotero, Fault


@pytest.mark.parametrize(
    ("text", "library"),
    [
        pytest.param("user:123", Library("user", "123"), id="user"),
        pytest.param("groups:456", Library("group", "456"), id="plural"),
        pytest.param(" group:7 ", Library("group", "7"), id="spaces"),
    ],
)
def test_libraries(text: str, library: Library) -> None:
    assert parse_library(text) == library and str(library).endswith(library.id)


@pytest.mark.parametrize("text", ["", None, "user", "user:abc", "org:1"])
def test_bad_libraries_say_what_to_give(text: str | None) -> None:
    with pytest.raises(InputError, match="user:<your user ID>"):
        parse_library(text)


@pytest.fixture
def fake() -> Iterator[FakeZotero]:
    with FakeZotero(library_type="groups", library_id="456") as server:
        yield server


@pytest.fixture
def client(fake: FakeZotero, tmp_path: Path) -> Iterator[ZoteroClient]:
    settings = load_settings(
        {
            "zotero_base": fake.base_url,
            "store": str(tmp_path / "s.sqlite3"),
            "backoff_initial": 0.01,
            "backoff_max": 0.02,
            "max_attempts": 3,
        }
    )
    with ZoteroClient(settings, Library("group", "456")) as opened:
        yield opened


def _article(n: int) -> dict[str, object]:
    return {"itemType": "journalArticle", "title": f"Paper {n}", "DOI": f"10.1/{n}"}


def test_items_are_read_across_pages(fake: FakeZotero, client: ZoteroClient) -> None:
    for n in range(130):
        fake.add_item(_article(n))
    items = client.items()
    assert len(items) == 130 and len({item.key for item in items}) == 130
    pages = fake.requests("GET", "/groups/456/items/top")
    assert len(pages) == 2 and client.requests_sent >= 2


def test_create_reports_each_object(fake: FakeZotero, client: ZoteroClient) -> None:
    bad = {"itemType": "webpage", "title": "x", "publicationTitle": "not for webpages"}
    result = client.create([_article(1), bad])
    assert list(result.created) == [0] and result.created[0].version == fake.version
    assert "not a valid field for type 'webpage'" in result.failed[1]
    with pytest.raises(ValueError, match="at most 50"):
        client.create([_article(n) for n in range(MAX_CREATE + 1)])


def test_a_create_is_not_retried_blindly(fake: FakeZotero, client: ZoteroClient) -> None:
    fake.inject("POST", "/items", Fault.server_error())
    with pytest.raises(ServiceUnavailableError, match="HTTP 500"):
        client.create([_article(1)])
    assert fake.count("POST") == 1


def test_reads_and_updates_are_retried(fake: FakeZotero, client: ZoteroClient) -> None:
    created = client.create([_article(1)]).created[0]
    fake.inject("PATCH", created.key, Fault.server_error(), Fault.disconnect())
    version = client.update(created.key, created.version, {**created.data, "title": "New"})
    assert isinstance(version, int) and version > created.version
    assert fake.item(created.key)["data"]["title"] == "New"
    assert [r.status for r in fake.requests("PATCH")][-1] == 204


def test_a_missing_item_is_none_and_a_missing_collection_an_error(client: ZoteroClient) -> None:
    assert client.item("ABCD2345") is None
    with pytest.raises(NotFoundError):
        client.collection_name("ABCD2345")
