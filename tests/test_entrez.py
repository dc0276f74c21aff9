"""EntrezClient against the fake E-utilities server: efetch, esearch, ecitmatch, identity."""

from __future__ import annotations

import math
import warnings
from urllib.parse import parse_qs

import pytest

from evidence.entrez import (
    CitationMatch,
    CitationQuery,
    CitationStatus,
    EntrezClient,
    EvidenceWarning,
    SearchResult,
)
from evidence.errors import ServiceUnavailableError
from tests.fakeserver import Fault
from tests.fixtures_index import FIXTURES

NEJM = "31978945"  # Zhu N, N Engl J Med 2020;382(8):727-733
ASTHMA = "29768149"  # O'Byrne PM, N Engl J Med 2018;378:1865
RETRACTED = "31541003"
KEY = "test-key-123"
ZHU_XML = (FIXTURES / "pubmed" / "pubmed-client" / "31978945.xml").read_bytes()


pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def client(settings):
    return EntrezClient(settings)


def twin_of_zhu(pmid: str) -> bytes:
    """The Zhu record under another PMID: same journal, volume and first page."""
    return ZHU_XML.replace(b">31978945<", f">{pmid}<".encode())


def form(request) -> dict[str, list[str]]:
    return parse_qs(request.body.decode())


# --- efetch -----------------------------------------------------------------------------------


def test_efetch_sends_one_post_with_identity_and_returns_known_records(server, client):
    parsed = client.efetch([NEJM, "99999999", ASTHMA, RETRACTED, NEJM])
    assert [a.pmid for a in parsed.articles] == [NEJM, ASTHMA, RETRACTED]
    assert parsed.articles[0].doi == "10.1056/NEJMoa2001017"
    assert parsed.problems == ()
    assert server.count() == 1
    (request,) = server.requests
    assert (request.method, request.endpoint) == ("POST", "efetch")
    body = form(request)  # everything, the key included, travels in the POST body
    assert body["id"] == [f"{NEJM},99999999,{ASTHMA},{RETRACTED}"]
    assert body["db"] == ["pubmed"]
    assert body["retmode"] == ["xml"]
    assert body["tool"] == ["evidence"]
    assert body["email"] == ["writer@example.org"]
    assert body["api_key"] == [KEY]
    assert client.requests_sent == 1


def test_efetch_of_unknown_pmids_only_is_empty(server, client):
    assert client.efetch(["99999998", "99999999"]).records == ()
    assert server.count("efetch") == 1


def test_efetch_of_nothing_sends_nothing(server, client):
    assert client.efetch([]).records == ()
    assert server.count() == 0


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6], ids=lambda n: f"{n}-pmids")
def test_efetch_batches(server, client, monkeypatch, n):
    monkeypatch.setattr("evidence.entrez.EFETCH_BATCH", 2)
    pmids = [NEJM, ASTHMA, RETRACTED, "31449468", "33515491", "27797938"][:n]
    parsed = client.efetch(pmids)
    assert sorted(a.pmid for a in parsed.articles) == sorted(pmids)
    assert server.count("efetch") == math.ceil(n / 2)
    sent = [form(r)["id"][0].split(",") for r in server.requests]
    assert [pmid for chunk in sent for pmid in chunk] == pmids
    assert all(len(chunk) <= 2 for chunk in sent)


# --- esearch ----------------------------------------------------------------------------------


def test_esearch_parses_ids_count_and_phrases_not_found(server, client):
    result = client.esearch(
        '"10.1056/NEJMoa2001017"[doi] OR "10.1056/nejmoa1715274"[doi] OR "10.9999/none"[doi]'
    )
    assert result == SearchResult(ids=(NEJM, ASTHMA), count=2, not_found=("10.9999/none",))
    (request,) = server.requests
    assert request.method == "POST"
    assert form(request)["api_key"] == [KEY]
    assert form(request)["retmax"] == ["10000"]


def test_esearch_without_hits(client):
    assert client.esearch('"10.9999/none"[doi]') == SearchResult((), 0, ("10.9999/none",))


def test_esearch_by_modification_date(server, client):
    term = f"{NEJM}[uid] OR {ASTHMA}[uid]"
    window = {"datetype": "mdat", "mindate": "2026/01/01", "maxdate": "2026/12/31"}
    assert client.esearch(term, **window).ids == ()
    server.set_modified(ASTHMA, "2026/06/01")
    assert client.esearch(term, **window) == SearchResult((ASTHMA,), 1)
    sent = form(server.requests[-1])
    assert (sent["datetype"], sent["mindate"], sent["maxdate"]) == (
        ["mdat"],
        ["2026/01/01"],
        ["2026/12/31"],
    )


def test_esearch_error_reply_is_retried(server, client):
    server.inject("esearch", Fault.ncbi_error("Search Backend failed"))
    assert client.esearch(f"{NEJM}[uid]").ids == (NEJM,)
    assert server.count("esearch") == 2


def test_esearch_error_on_every_attempt_names_ncbis_message(server, client, settings):
    server.inject("esearch", *[Fault.ncbi_error("Search Backend failed")] * 4)
    with pytest.raises(ServiceUnavailableError, match="Search Backend failed"):
        client.esearch(f"{NEJM}[uid]")
    assert server.count("esearch") == settings.max_attempts


# --- ecitmatch --------------------------------------------------------------------------------

ZHU = CitationQuery("1", "N Engl J Med", "2020", "382", "727", "zhu n")
FAKE = CitationQuery("2", "Fake Journal", "2000", "1", "1", "")
NOT_THERE = CitationQuery("3", "N Engl J Med", "2020", "382", "9999", "zhu n")


def test_ecitmatch_found_not_found_and_keys_round_trip(server, client):
    matches = client.ecitmatch([ZHU, FAKE, NOT_THERE])
    assert matches == [
        CitationMatch("1", CitationStatus.FOUND, NEJM, NEJM),
        CitationMatch("2", CitationStatus.NOT_FOUND, None, "NOT_FOUND;INVALID_JOURNAL"),
        CitationMatch("3", CitationStatus.NOT_FOUND, None, "NOT_FOUND"),
    ]
    (request,) = server.requests
    assert (request.method, request.endpoint) == ("GET", "ecitmatch")
    assert request.params["bdata"] == [
        "N Engl J Med|2020|382|727|zhu n|1|\r"
        "Fake Journal|2000|1|1||2|\r"
        "N Engl J Med|2020|382|9999|zhu n|3|"
    ]
    assert request.params["api_key"] == [KEY]  # the key as api_key=, never in a line's key
    assert request.params["retmode"] == ["xml"]


def test_ecitmatch_ambiguous(server, client):
    server.add_pubmed_record(twin_of_zhu("99000001"))
    (match,) = client.ecitmatch([ZHU])
    assert match == CitationMatch("1", CitationStatus.AMBIGUOUS, None, "AMBIGUOUS (2 citations)")


def test_ecitmatch_reads_lines_by_key_not_by_position(server, client):
    reply = (
        "fake journal|2000|1|1||2|NOT_FOUND;INVALID_JOURNAL\n"
        f"n engl j med|2020|382|727|zhu n|1|{NEJM}\n"
    )
    server.inject("ecitmatch", Fault.status(200, reply.encode()))
    matches = client.ecitmatch([ZHU, FAKE])
    assert [(m.key, m.pmid) for m in matches] == [("1", NEJM), ("2", None)]


def test_ecitmatch_reply_missing_a_key_is_retried(server, client):
    reply = f"n engl j med|2020|382|727|zhu n|1|{NEJM}\n"
    server.inject("ecitmatch", Fault.status(200, reply.encode()))
    assert [m.key for m in client.ecitmatch([ZHU, FAKE])] == ["1", "2"]
    assert server.count("ecitmatch") == 2


def test_ecitmatch_lines_are_cleaned_of_separators():
    query = CitationQuery("k", "J|Clin\r\nOncol", "2019", " 37 ", "2769", "dix  db")
    assert query.line() == "J Clin Oncol|2019|37|2769|dix db|k|"


def test_ecitmatch_batches_lines(server, client, monkeypatch):
    monkeypatch.setattr("evidence.entrez.ECITMATCH_LINES", 2)
    matches = client.ecitmatch([ZHU, FAKE, NOT_THERE])
    assert [m.key for m in matches] == ["1", "2", "3"]
    assert server.count("ecitmatch") == 2


# --- identity ---------------------------------------------------------------------------------


def test_no_email_warns_once_at_client_creation(server, settings):
    anonymous = settings.with_overrides(ncbi_email=None)
    with pytest.warns(EvidenceWarning, match="no NCBI email is set") as caught:
        client = EntrezClient(anonymous)
    assert len(caught) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no further warning per request (Bio.Entrez's own)
        client.esearch(f"{NEJM}[uid]")
        client.efetch([NEJM])
    assert all("email" not in form(r) for r in server.requests)


def test_each_client_sends_its_own_identity(server, settings):
    keyed = EntrezClient(settings)
    with pytest.warns(EvidenceWarning):
        EntrezClient(settings.with_overrides(ncbi_email=None, ncbi_api_key=None))
    keyed.esearch(f"{NEJM}[uid]")  # its limiter allows 10/s, so it must send its key
    sent = form(server.requests[0])
    assert sent["api_key"] == [KEY]
    assert sent["email"] == ["writer@example.org"]
