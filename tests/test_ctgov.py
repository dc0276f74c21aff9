"""CtgovClient against the fake ClinicalTrials.gov API v2: list calls, paging, freshness, errors."""

from __future__ import annotations

import json
import math

import pytest

from evidence.ctgov import CtgovClient
from evidence.errors import UpstreamError
from evidence.trials import parse_study
from tests.fakeserver import Fault
from tests.fixtures_index import FIXTURES

AACT = FIXTURES / "ctgov" / "aact"
ALL = sorted(path.stem for path in AACT.glob("*.json"))


pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def client(settings):
    return CtgovClient(settings)


def study(nct: str) -> dict:
    return json.loads((AACT / f"{nct}.json").read_text(encoding="utf-8"))


def test_fetch_is_one_list_request_for_several_trials(server, client):
    found = client.fetch(["NCT02552212", "NCT09999999", "nct00973089", "NCT02552212"])
    assert sorted(found) == ["NCT00973089", "NCT02552212"]
    assert found["NCT02552212"].trial.enrollment == 317
    assert found["NCT00973089"].trial.overall_status == "WITHDRAWN"
    assert server.count("ctgov") == 1
    (request,) = server.requests
    assert (request.method, request.path) == ("GET", "/api/v2/studies")
    assert request.params["filter.ids"] == ["NCT02552212,NCT09999999,nct00973089"]
    assert request.params["pageSize"] == ["1000"]
    assert "fields" not in request.params
    assert request.headers["accept"] == "application/json"
    assert client.requests_sent == 1


def test_fetched_raw_json_decodes_to_the_study(client):
    fetched = client.fetch(["NCT02552212"])["NCT02552212"]
    assert json.loads(fetched.raw) == study("NCT02552212")
    assert parse_study(fetched.raw) == fetched.trial


def test_fetch_of_unknown_trials_only_is_empty(server, client):
    assert client.fetch(["NCT09999999"]) == {}
    assert server.count("ctgov") == 1


def test_fetch_of_nothing_sends_nothing(server, client):
    assert client.fetch([]) == {}
    assert client.last_updates([]) == {}
    assert server.count() == 0


def test_last_updates_asks_only_for_the_freshness_fields(server, client):
    dates = client.last_updates(["NCT02552212", "NCT00973089", "NCT09999999"])
    assert dates == {"NCT02552212": "2022-08-18", "NCT00973089": "2015-08-19"}
    (request,) = server.requests
    assert request.params["fields"] == [
        "protocolSection.identificationModule.nctId,"
        "protocolSection.statusModule.lastUpdatePostDateStruct"
    ]


@pytest.mark.parametrize("page", [1, 3, 4, 10], ids=lambda n: f"page-size-{n}")
def test_paging(server, client, monkeypatch, page):
    monkeypatch.setattr("evidence.ctgov.PAGE_SIZE", page)
    found = client.fetch(ALL)
    assert sorted(found) == ALL
    assert server.count("ctgov") == math.ceil(len(ALL) / page)
    asked = [r.params["filter.ids"][0].split(",") for r in server.requests]
    assert [nct for chunk in asked for nct in chunk] == ALL
    assert all(r.params["pageSize"] == [str(page)] for r in server.requests)


def test_page_tokens_are_followed(server, client):
    # A server that sends fewer studies than asked hands out a token for the rest.
    first = {"studies": [study("NCT02552212")], "nextPageToken": "page1"}
    server.inject("ctgov", Fault.status(200, json.dumps(first).encode()))
    found = client.fetch(["NCT02552212", "NCT00973089"])
    assert sorted(found) == ["NCT00973089", "NCT02552212"]
    assert server.count("ctgov") == 2
    assert "pageToken" not in server.requests[0].params
    assert server.requests[1].params["pageToken"] == ["page1"]


@pytest.mark.parametrize("code", [400, 404])
def test_client_error_is_not_retried(server, client, code):
    server.inject("ctgov", Fault.status(code, b"Invalid filter.ids: NCTxyz"))
    with pytest.raises(UpstreamError, match=rf"HTTP {code}: Invalid filter\.ids") as caught:
        client.fetch(["NCT02552212"])
    assert type(caught.value) is UpstreamError
    assert server.count("ctgov") == 1


def test_a_json_reply_that_is_not_an_object_is_retried(server, client):
    server.inject("ctgov", Fault.status(200, b"[]", {"Content-Type": "application/json"}))
    assert list(client.fetch(["NCT02552212"])) == ["NCT02552212"]
    assert server.count("ctgov") == 2
