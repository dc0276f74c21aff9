"""sync: refresh stored records that changed upstream, in as few requests as possible."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from evidence.bibimport import import_files
from evidence.citations import add_references
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient
from evidence.errors import NotFoundError
from evidence.models import Flag, MetadataSource
from evidence.pubmed import parse_pubmed
from evidence.store import Link
from evidence.sync import sync
from evidence.trials import parse_study
from tests.fixtures_index import FIXTURES

CLIENT = FIXTURES / "pubmed" / "pubmed-client"
ZHU_XML = (CLIENT / "31978945.xml").read_bytes()
AHEAD_XML = (CLIENT / "36789012.xml").read_bytes()
C_AXSPAND = (FIXTURES / "ctgov" / "aact" / "NCT02552212.json").read_bytes()
ZHU_REVISED = b"<DateRevised><Year>2023</Year><Month>11</Month><Day>23</Day></DateRevised>"


pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def clients(settings):
    return EntrezClient(settings), CtgovClient(settings)


@pytest.fixture
def add(store, clients):
    def run(*inputs):
        report = add_references(inputs, store, entrez=clients[0], ctgov=clients[1])
        assert all(item.ok for item in report.items), report.failures

    return run


@pytest.fixture
def run_sync(server, store, clients):
    def run():
        server.reset_log()
        return sync(store, *clients, today=today())

    return run


def today():
    # The store stamps fetches with the real clock, so sync's window must use it too.
    return datetime.now(UTC).date()


def counts(server):
    return {name: server.count(name) for name in ("esearch", "efetch", "ctgov")}


def statuses(report):
    return [(item.input, item.status) for item in report.items]


def write_csl(tmp_path, name, item):
    path = tmp_path / name
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


def test_warm_sync_with_nothing_changed_costs_one_request_per_service(server, add, run_sync):
    add("31978945", "29768149", "NCT02552212")
    report = run_sync()
    assert statuses(report) == [
        ("pmid:29768149", "unchanged"),
        ("pmid:31978945", "unchanged"),
        ("nct:NCT02552212", "unchanged"),
    ]
    assert report.checked == 3
    assert counts(server) == {"esearch": 1, "efetch": 0, "ctgov": 1}
    assert report.requests == {"eutils": 1, "ctgov": 1}
    search = server.requests[0].params
    assert (search["datetype"], search["mindate"], search["maxdate"]) == (
        ["mdat"],
        [today().strftime("%Y/%m/%d")],
        [(today() + timedelta(days=1)).strftime("%Y/%m/%d")],
    )
    assert server.requests[1].params["fields"][0].endswith("lastUpdatePostDateStruct")
    # The next sync starts from this one.
    assert run_sync().requests == {"eutils": 1, "ctgov": 1}


def test_a_changed_record_is_refetched_alone(server, store, add, run_sync):
    add("31978945", "29768149", "NCT02552212")
    stamp = today()
    revised = f"<DateRevised><Year>{stamp.year}</Year><Month>{stamp.month:02}</Month>"
    revised += f"<Day>{stamp.day:02}</Day></DateRevised>"
    server.add_pubmed_record(
        ZHU_XML.replace(ZHU_REVISED, revised.encode()).replace(
            b"in China, 2019.</ArticleTitle>", b"in China, 2019 (corrected).</ArticleTitle>"
        )
    )
    server.set_modified("31978945", stamp.strftime("%Y/%m/%d"))
    report = run_sync()
    assert statuses(report) == [
        ("pmid:29768149", "unchanged"),
        ("pmid:31978945", "updated"),
        ("nct:NCT02552212", "unchanged"),
    ]
    assert [item.input for item in report.changed] == ["pmid:31978945"]
    assert counts(server) == {"esearch": 1, "efetch": 1, "ctgov": 1}
    efetch = next(r for r in server.requests if r.endpoint == "efetch")
    assert efetch.params["id"] == ["31978945"]
    article = store.get("pmid:31978945").article
    assert article.plain_title.endswith("in China, 2019 (corrected).")
    assert article.date_revised == stamp.isoformat()


def test_ahead_of_print_records_are_always_refetched(server, store, add, run_sync):
    add("36789012", "31978945")
    assert Flag.AHEAD_OF_PRINT in store.get("pmid:36789012").flags
    for _ in range(2):
        report = run_sync()
        assert statuses(report) == [
            ("pmid:31978945", "unchanged"),
            ("pmid:36789012", "unchanged"),
        ]
        assert counts(server) == {"esearch": 1, "efetch": 1, "ctgov": 0}
        assert server.requests[1].params["id"] == ["36789012"]
    # Once it is in an issue, PubMed's new record replaces it and the flag goes.
    server.add_pubmed_record(
        AHEAD_XML.replace(b"<PublicationStatus>aheadofprint<", b"<PublicationStatus>ppublish<")
    )
    assert statuses(run_sync())[1] == ("pmid:36789012", "updated")
    assert Flag.AHEAD_OF_PRINT not in store.get("pmid:36789012").flags


def test_hand_typed_records_are_replaced_by_pubmeds(server, store, tmp_path, run_sync):
    manual = {"custom": {"metadata": "manual"}, "type": "article-journal"}
    by_pmid = {**manual, "id": "zhu", "PMID": "31978945", "title": "A novel coronavirus (typed)"}
    by_doi = {**manual, "id": "obyrne", "DOI": "10.1056/NEJMoa1715274", "title": "Budesonide"}
    trial = {**manual, "id": "axspand", "type": "dataset", "number": "NCT02552212"}
    files = [write_csl(tmp_path, f"{n}.json", i) for n, i in enumerate((by_pmid, by_doi, trial))]
    assert {item.status for item in import_files(files, store).items} == {"added"}
    assert store.get("doi:10.1056/nejmoa1715274").article.source is MetadataSource.MANUAL
    assert all(Flag.MANUAL_METADATA in record.flags for record in store.records())

    report = run_sync()
    assert statuses(report) == [
        ("doi:10.1056/nejmoa1715274", "updated"),
        ("pmid:31978945", "updated"),
        ("nct:NCT02552212", "updated"),
    ]
    assert [item.key for item in report.items] == [
        "pmid:29768149",
        "pmid:31978945",
        "nct:NCT02552212",
    ]
    # No mdat search (nothing came from PubMed yet), one DOI search, one efetch for both.
    assert counts(server) == {"esearch": 1, "efetch": 1, "ctgov": 2}
    for key in ("pmid:31978945", "pmid:29768149"):
        record = store.get(key)
        assert record.article.source is MetadataSource.PUBMED
        assert Flag.MANUAL_METADATA not in record.flags
        assert record.raw_format == "pubmed-xml"
    assert store.get("pmid:31978945").article.plain_title.startswith("A Novel Coronavirus from")
    assert store.get("nct:NCT02552212").trial.source is MetadataSource.CTGOV
    assert len(store.records()) == 3


def test_records_no_longer_returned_are_reported_and_kept(server, store, run_sync):
    gone = parse_pubmed(AHEAD_XML.replace(b">36789012<", b">99000002<")).records[0]
    assert gone.article.pmid == "99000002"
    store.put_article(gone.article, gone.raw, "pubmed-xml")
    withdrawn = replace(parse_study(C_AXSPAND), nct_id="NCT09999999")
    store.put_trial(withdrawn, C_AXSPAND, "ctgov-json")
    report = run_sync()
    assert statuses(report) == [("pmid:99000002", "failed"), ("nct:NCT09999999", "failed")]
    assert [type(item.error) for item in report.failures] == [NotFoundError, NotFoundError]
    assert "PubMed no longer returns this record" in str(report.items[0].error)
    assert "ClinicalTrials.gov no longer returns this record" in str(report.items[1].error)
    assert store.get("pmid:99000002").article == gone.article
    assert store.get("nct:NCT09999999").trial == withdrawn


def test_a_changed_trial_is_refetched_with_its_links(server, store, run_sync):
    old = replace(parse_study(C_AXSPAND), last_update_posted="2020-01-01", references=())
    store.put_trial(old, None, None)
    report = run_sync()
    assert statuses(report) == [("nct:NCT02552212", "updated")]
    assert counts(server) == {"esearch": 0, "efetch": 0, "ctgov": 2}
    record = store.get("nct:NCT02552212")
    assert record.trial.last_update_posted == "2022-08-18"
    assert Link("35296532", "NCT02552212", "ctgov-reference") in record.links
    assert Link("35733363", "NCT02552212", "ctgov-reference") in record.links


def test_an_empty_store_costs_nothing(server, store, run_sync):
    report = run_sync()
    assert (report.checked, report.items, server.count()) == (0, (), 0)
