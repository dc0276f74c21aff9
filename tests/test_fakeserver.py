"""The fake NCBI / ClinicalTrials.gov server, exercised over real HTTP with urllib."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from lxml import etree

from tests.fakeserver import FakeServer, Fault, fixture_records

NEJM_COVID = "31978945"  # N Engl J Med 2020;382:727, Zhu N, DOI 10.1056/NEJMoa2001017
NEJM_ASTHMA = "29768149"  # N Engl J Med 2018;378:1865, DOI 10.1056/NEJMoa1715274
RETRACTED = "31541003"
LANCET_PAREN_DOI = "10.1016/S0140-6736(21)00183-5"  # PMID 33515491; parentheses inside
Response = tuple[int, dict[str, str], bytes]


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as fake:
        yield fake


def call(
    url: str, params: dict[str, str] | None = None, *, post: bool = False, timeout: float = 5
) -> Response:
    data = urllib.parse.urlencode(params or {})
    if data and not post:
        url = f"{url}?{data}"
    request = urllib.request.Request(url, data=data.encode() if post else None)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def pmids(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [el.text or "" for el in root.findall("PubmedArticle/MedlineCitation/PMID")]


def esearch(server: FakeServer, **params: str) -> etree._Element:
    status, _, body = call(
        server.eutils_base + "esearch.fcgi", {"db": "pubmed", **params}, post=True
    )
    assert status == 200
    return etree.fromstring(body)


def ecitmatch(server: FakeServer, *lines: str, sep: str = "\r") -> list[str]:
    params = {"db": "pubmed", "retmode": "xml", "bdata": sep.join(lines)}
    status, headers, body = call(server.eutils_base + "ecitmatch.cgi", params)
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    return body.decode().splitlines()


# --------------------------------------------------------------------------- efetch


def test_efetch_returns_known_records_in_request_order(server: FakeServer) -> None:
    ids = f"{RETRACTED},99999999,{NEJM_COVID},{NEJM_ASTHMA}"
    status, headers, body = call(
        server.eutils_base + "efetch.fcgi", {"db": "pubmed", "id": ids, "retmode": "xml"}
    )
    assert status == 200
    assert headers["Content-Type"].startswith("text/xml")
    assert body.startswith(b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC')
    assert b"pubmed_250101.dtd" in body
    assert pmids(body) == [RETRACTED, NEJM_COVID, NEJM_ASTHMA]
    assert fixture_records()[NEJM_COVID].raw in body


def test_efetch_post_and_get_agree(server: FakeServer) -> None:
    params = {"db": "pubmed", "id": f"{NEJM_COVID},{NEJM_ASTHMA}", "retmode": "xml"}
    got = call(server.eutils_base + "efetch.fcgi", params)
    posted = call(server.eutils_base + "efetch.fcgi", params, post=True)
    assert got[2] == posted[2]
    assert pmids(got[2]) == [NEJM_COVID, NEJM_ASTHMA]


def test_efetch_without_ids_is_an_ncbi_error(server: FakeServer) -> None:
    status, _, body = call(server.eutils_base + "efetch.fcgi", {"db": "pubmed"})
    assert status == 200
    assert etree.fromstring(body).findtext("ERROR") == "Empty id list - nothing todo"


def test_added_record_replaces_the_fixture_version(server: FakeServer) -> None:
    raw = fixture_records()[NEJM_COVID].raw
    server.add_pubmed_record(raw.replace(b"<Year>2023</Year>", b"<Year>2026</Year>", 1))
    _, _, body = call(server.eutils_base + "efetch.fcgi", {"id": NEJM_COVID})
    assert b"<Year>2026</Year>" in body
    assert pmids(body) == [NEJM_COVID]


# --------------------------------------------------------------------------- esearch


def test_doi_or_search_maps_back_and_reports_the_unknown_doi(server: FakeServer) -> None:
    term = f"(10.1056/nejmoa2001017[doi] OR {LANCET_PAREN_DOI}[doi] OR 10.9999/nope.1[doi])"
    result = esearch(server, term=term, retmax="100")
    assert result.findtext("Count") == "2"
    assert [el.text for el in result.findall("IdList/Id")] == ["33515491", NEJM_COVID]
    assert [el.text for el in result.findall("ErrorList/PhraseNotFound")] == ["10.9999/nope.1"]
    assert result.find("WarningList") is None


def test_search_with_no_hits_warns(server: FakeServer) -> None:
    result = esearch(server, term="10.9999/nope.1[doi]")
    assert result.findtext("Count") == "0"
    id_list = result.find("IdList")
    assert id_list is not None
    assert len(id_list) == 0
    assert result.findtext("ErrorList/PhraseNotFound") == "10.9999/nope.1"
    assert result.findtext("WarningList/OutputMessage") == "No items found."


def test_field_tags(server: FakeServer) -> None:
    def ids(term: str) -> list[str]:
        return [el.text or "" for el in esearch(server, term=term).findall("IdList/Id")]

    assert ids('"novel coronavirus"[ti] AND zhu n[1au] AND 2020[dp]') == [NEJM_COVID]
    assert ids("n engl j med[ta] AND 2018[pdat] AND o'byrne[au]") == [NEJM_ASTHMA]
    assert ids(f"PMC7092803[pmcid] OR {NEJM_ASTHMA}[uid]") == [NEJM_COVID, NEJM_ASTHMA]
    assert ids("zhang d[1au] AND 2020[dp]") == []  # second author, not first


def test_mdat_filter_uses_date_revised_and_overrides(server: FakeServer) -> None:
    term = f"{NEJM_COVID}[uid] OR {NEJM_ASTHMA}[uid]"

    def changed(low: str, high: str) -> list[str]:
        result = esearch(server, term=term, datetype="mdat", mindate=low, maxdate=high)
        return [el.text or "" for el in result.findall("IdList/Id")]

    assert changed("2023/11/23", "2023/11/23") == [NEJM_COVID]  # its DateRevised
    assert changed("2026/01/01", "2026/12/31") == []
    server.set_modified(NEJM_ASTHMA, "2026/11/02")
    assert changed("2026/11/01", "2026/11/20") == [NEJM_ASTHMA]
    with pytest.raises(ValueError, match="YYYY/MM/DD"):
        server.set_modified(NEJM_ASTHMA, "2026-11-02")


# --------------------------------------------------------------------------- ecitmatch


def test_ecitmatch_found_wrong_author_and_not_found(server: FakeServer) -> None:
    lines = ecitmatch(
        server,
        "n engl j med|2020|382|727|zhu n|Art4|",
        "N. Engl. J. Med.|2020|382|727|nobody x|wrong-author|",
        "n engl j med|2020|382|9999||bad-page|",
        "fake journal|2000|1|1||ref2",
    )
    assert lines == [
        "n engl j med|2020|382|727|zhu n|Art4|31978945",
        "N. Engl. J. Med.|2020|382|727|nobody x|wrong-author|31978945",
        "n engl j med|2020|382|9999||bad-page|NOT_FOUND",
        "fake journal|2000|1|1||ref2|NOT_FOUND;INVALID_JOURNAL",
    ]


def test_ecitmatch_ambiguous_and_other_separators(server: FakeServer) -> None:
    twin = fixture_records()[NEJM_COVID].raw.replace(
        b'<PMID Version="1">31978945</PMID>', b'<PMID Version="1">99000001</PMID>', 1
    )
    server.add_pubmed_record(twin)
    line = "The New England Journal of Medicine||382|727||k1|"
    assert ecitmatch(server, line, line, sep="\n") == [line + "AMBIGUOUS (2 citations)"] * 2
    assert len(ecitmatch(server, line, line, sep="%0D")) == 2


# --------------------------------------------------------------------------- ClinicalTrials.gov


def test_ctgov_single_study_404_and_400(server: FakeServer) -> None:
    status, headers, body = call(server.ctgov_base + "studies/nct02552212")
    study = json.loads(body)
    assert (status, headers["Content-Type"]) == (200, "application/json")
    assert study["protocolSection"]["identificationModule"]["nctId"] == "NCT02552212"
    assert study["hasResults"] is True
    assert call(server.ctgov_base + "studies/NCT99999999")[::2] == (
        404,
        b"NCT number NCT99999999 not found",
    )
    assert call(server.ctgov_base + "studies/NCT-garbage")[0] == 400
    assert call(server.ctgov_base + "nothing-here")[0] == 404
    version = json.loads(call(server.ctgov_base + "version")[2])
    assert version == {"apiVersion": "2.0.5", "dataTimestamp": "2026-11-20T09:00:00"}


def test_ctgov_list_filters_pages_and_projects(server: FakeServer) -> None:
    params = {
        "filter.ids": "NCT02552212,NCT99999999,NCT00763412,NCT02210780",
        "pageSize": "2",
        "fields": "NCTId,LastUpdatePostDate",
    }
    first = json.loads(call(server.ctgov_base + "studies", params)[2])
    second = json.loads(
        call(server.ctgov_base + "studies", {**params, "pageToken": first["nextPageToken"]})[2]
    )
    assert "nextPageToken" not in second
    studies = first["studies"] + second["studies"]
    assert [s["protocolSection"]["identificationModule"]["nctId"] for s in studies] == [
        "NCT02552212",
        "NCT00763412",
        "NCT02210780",
    ]
    assert studies[0] == {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT02552212"},
            "statusModule": {"lastUpdatePostDateStruct": {"date": "2022-08-18", "type": "ACTUAL"}},
        }
    }


# --------------------------------------------------------------------------- faults and log


def test_status_fault_with_headers_then_normal_service(server: FakeServer) -> None:
    body = b'{"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"26","limit":"3"}'
    server.inject("efetch", Fault.status(429, body, {"Retry-After": "1"}), Fault.status(503))
    url = server.eutils_base + "efetch.fcgi"
    status, headers, got = call(url, {"id": NEJM_COVID})
    assert (status, headers["Retry-After"], json.loads(got)["error"]) == (
        429,
        "1",
        "API rate limit exceeded",
    )
    assert headers["Content-Type"] == "application/json"
    assert call(url, {"id": NEJM_COVID})[0] == 503
    assert pmids(call(url, {"id": NEJM_COVID})[2]) == [NEJM_COVID]
    assert call(server.eutils_base + "esearch.fcgi", {"term": "x"})[0] == 200  # other endpoint


def test_ncbi_error_and_maintenance_faults(server: FakeServer) -> None:
    server.inject(
        "efetch", Fault.ncbi_error(), Fault.maintenance_page(), Fault.maintenance_page(code=503)
    )
    url = server.eutils_base + "efetch.fcgi"
    status, headers, body = call(url, {"id": NEJM_COVID})
    assert status == 200
    assert headers["Content-Type"].startswith("text/xml")
    assert "Status: Timeout" in (etree.fromstring(body).findtext("ERROR") or "")
    status, headers, body = call(url, {"id": NEJM_COVID})
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert b"maintenance" in body
    assert b"down_bethesda" in body
    assert call(url, {"id": NEJM_COVID})[0] == 503
    assert pmids(call(url, {"id": NEJM_COVID})[2]) == [NEJM_COVID]


def test_truncated_fault(server: FakeServer) -> None:
    server.inject("efetch", Fault.truncated(), Fault.truncated(declare_full_length=True))
    url = server.eutils_base + "efetch.fcgi"
    full = call(url, {"id": NEJM_COVID})[2]
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(full)
    with pytest.raises(http.client.IncompleteRead):
        call(url, {"id": NEJM_COVID})
    normal = call(url, {"id": NEJM_COVID})[2]
    assert len(full) == len(normal) // 2
    assert normal.startswith(full)


def test_delay_fault_times_out_the_client_once(server: FakeServer) -> None:
    server.inject("ctgov", Fault.delay(0.3))
    url = server.ctgov_base + "studies/NCT02552212"
    start = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        call(url, timeout=0.1)
    assert call(url, timeout=1)[0] == 200
    assert time.monotonic() - start < 1
    server.inject("ctgov", Fault.delay(0.1))
    start = time.monotonic()
    assert call(url)[0] == 200
    assert time.monotonic() - start >= 0.1


def test_inject_rejects_unknown_endpoint(server: FakeServer) -> None:
    with pytest.raises(ValueError, match="endpoint"):
        server.inject("efetch.fcgi", Fault.delay(1))


def test_request_log_records_post_bodies(server: FakeServer) -> None:
    call(server.eutils_base + "esearch.fcgi", {"term": "a[doi] OR b[doi]"}, post=True)
    call(server.eutils_base + "ecitmatch.cgi", {"bdata": "lancet|2021|1|1||k\r"}, post=True)
    call(server.ctgov_base + "version")
    first, second, third = server.requests
    assert (first.method, first.endpoint, first.path) == (
        "POST",
        "esearch",
        "/entrez/eutils/esearch.fcgi",
    )
    assert first.params == {"term": ["a[doi] OR b[doi]"]}
    assert first.body == b"term=a%5Bdoi%5D+OR+b%5Bdoi%5D"
    assert first.headers["content-type"] == "application/x-www-form-urlencoded"
    assert second.params["bdata"] == ["lancet|2021|1|1||k\r"]
    assert (third.method, third.endpoint) == ("GET", "ctgov")
    assert first.time <= second.time <= third.time
    assert (server.count(), server.count("esearch"), server.count("efetch")) == (3, 1, 0)
    server.reset_log()
    assert server.count() == 0
