"""add_references: a real SQLite store, the real clients and the fake NCBI/CT.gov server."""

from __future__ import annotations

import pytest

from evidence.citations import add_references
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient
from evidence.errors import (
    IdentifierError,
    NotFoundError,
    OfflineMissError,
    StoreError,
    UnverifiedMatchError,
)
from evidence.store import Link
from tests.fakeserver import Fault
from tests.fixtures_index import FIXTURES

ZHU_XML = (FIXTURES / "pubmed" / "pubmed-client" / "31978945.xml").read_bytes()
OBYRNE = (
    "O'Byrne PM, et al. Inhaled combined budesonide-formoterol as needed in mild asthma. "
    "N Engl J Med 2018;378:1865-76."
)
BOSURGI = (
    "Bosurgi L, Cao YG, Cabeza-Cabrerizo M, et al. Macrophage function in tissue repair and "
    "remodeling requires IL-4 or IL-13 with apoptotic cells. Science. 2017;356(6342):1072-1076."
)
ZHU_AMA = (
    "Zhu N, Zhang D, Wang W, et al. A novel coronavirus from patients with pneumonia in China, "
    "2019. N Engl J Med. {year};382(8):727-733. doi:10.1056/NEJMoa2001017"
)
ZHU_REF = "Zhu N, et al. {title}. N Engl J Med 2020;382:727-33."
ZHU_TITLE = "A novel coronavirus from patients with pneumonia in China, 2019"

# input, status, key, error class
MIXED = [
    ("31978945", "added", "pmid:31978945", None),
    ("doi:10.1200/JCO.18.01972", "added", "pmid:31449468", None),
    ("not an identifier", "failed", None, IdentifierError),
    ("https://doi.org/10.1016/S0140-6736(21)00183-5", "added", "pmid:33515491", None),
    ("10.1136/GUTJNL-2016-312510", "added", "pmid:27797938", None),
    ("PMC5771820", "added", "pmid:28775130", None),
    (OBYRNE, "added", "pmid:29768149", None),
    (BOSURGI, "added", "pmid:28495875", None),
    ("99999999", "failed", None, NotFoundError),
    ("NCT02552212", "added", "nct:NCT02552212", None),
    ("10.9999/no-such-doi", "failed", None, NotFoundError),
    ("nct00973089", "added", "nct:NCT00973089", None),
    ("NCT09999999", "failed", None, NotFoundError),
    ("NCT0355", "failed", None, IdentifierError),
]


pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def add(settings, store):
    entrez, ctgov = EntrezClient(settings), CtgovClient(settings)

    def run(inputs, **options):
        return add_references(inputs, store, entrez=entrez, ctgov=ctgov, **options)

    return run


def counts(server):
    return {name: server.count(name) for name in ("esearch", "ecitmatch", "efetch", "ctgov")}


def test_mixed_batch_in_the_fewest_requests(server, store, add):
    report = add([text for text, *_ in MIXED])
    got = [(i.input, i.status, i.key, type(i.error) if i.error else None) for i in report.items]
    assert got == MIXED
    assert counts(server) == {"esearch": 1, "ecitmatch": 1, "efetch": 1, "ctgov": 1}
    assert report.requests == {"eutils": 3, "ctgov": 1}
    assert [i.input for i in report.failures] == [t for t, s, *_ in MIXED if s == "failed"]
    stored = sorted(record.key for record in store.records())
    assert stored == sorted(key for _t, _s, key, _e in MIXED if key)
    assert store.get("pmid:99999999") is None
    lines = next(r for r in server.requests if r.endpoint == "ecitmatch").params["bdata"]
    assert lines == ["N Engl J Med|2018|378|1865|o'byrne pm|0|\rScience|2017|356|1072|bosurgi l|1|"]
    doi_search = next(r for r in server.requests if r.endpoint == "esearch")
    assert doi_search.params["term"] == [
        '"10.1200/jco.18.01972"[doi] OR "10.1016/s0140-6736(21)00183-5"[doi] OR '
        '"10.1136/gutjnl-2016-312510"[doi] OR "PMC5771820"[pmcid] OR "10.9999/no-such-doi"[doi]'
    ]


def test_duplicates_and_bad_inputs_keep_their_place(server, add):
    inputs = ["31978945", "???", "PMID: 31978945", "10.1056/NEJMoa2001017", "NCT123"]
    report = add(inputs)
    assert [(i.input, i.status, i.key) for i in report.items] == [
        ("31978945", "added", "pmid:31978945"),
        ("???", "failed", None),
        ("PMID: 31978945", "added", "pmid:31978945"),  # the same record as the first
        ("10.1056/NEJMoa2001017", "unchanged", "pmid:31978945"),
        ("NCT123", "failed", None),
    ]
    assert isinstance(report.items[4].error, IdentifierError)
    assert counts(server) == {"esearch": 1, "ecitmatch": 0, "efetch": 1, "ctgov": 0}


@pytest.mark.parametrize(
    ("reference", "ecitmatch_reply", "mismatch"),
    [
        pytest.param(
            ZHU_REF.format(title=ZHU_TITLE).replace("2020", "2019"),
            "n engl j med|2019|382|727|zhu n|0|31978945\n",  # a wrong-paper match
            "year 2019 but the record's issue year is 2020",
            id="wrong-year",
        ),
        pytest.param(
            ZHU_REF.format(title=ZHU_TITLE).replace("Zhu N", "Smith J"),
            None,
            "first author 'Smith' but the record has 'Zhu'",
            id="wrong-first-author",
        ),
        pytest.param(
            ZHU_REF.format(title="Remdesivir for the treatment of Covid-19"),
            None,
            "title is only",
            id="different-title",
        ),
    ],
)
def test_a_match_that_disagrees_needs_review(
    server, store, add, reference, ecitmatch_reply, mismatch
):
    if ecitmatch_reply:
        server.inject("ecitmatch", Fault.status(200, ecitmatch_reply.encode()))
    (item,) = add([reference]).items
    assert item.status == "needs-review"
    assert not item.ok
    assert isinstance(item.error, UnverifiedMatchError)
    assert mismatch in str(item.error)
    assert item.candidates == (
        "PMID 31978945: Zhu N, N Engl J Med 2020;382:727-733 - "
        "A Novel Coronavirus from Patients with Pneumonia in China, 2019.",
    )
    assert store.records() == []
    assert counts(server) == {"esearch": 0, "ecitmatch": 1, "efetch": 1, "ctgov": 0}


def test_ambiguous_ecitmatch_lists_candidates_and_stores_nothing(server, store, add):
    server.add_pubmed_record(ZHU_XML.replace(b">31978945<", b">99000001<"))
    (item,) = add([ZHU_REF.format(title=ZHU_TITLE)]).items
    assert item.status == "needs-review"
    assert isinstance(item.error, UnverifiedMatchError)
    assert "AMBIGUOUS (2 citations)" in str(item.error)
    assert [c.split(":")[0] for c in item.candidates] == ["PMID 31978945", "PMID 99000001"]
    assert store.records() == []
    # F_u: a reference ECitMatch cannot settle costs one title/author search.
    assert counts(server) == {"esearch": 1, "ecitmatch": 1, "efetch": 1, "ctgov": 0}


@pytest.mark.parametrize(
    ("year", "status"),
    [pytest.param("2020", "added", id="agrees"), pytest.param("2018", "needs-review", id="wrong")],
)
def test_a_doi_in_a_pasted_reference_is_verified_too(server, store, add, year, status):
    (item,) = add([ZHU_AMA.format(year=year)]).items
    assert item.status == status
    stored = store.get("doi:10.1056/nejmoa2001017")
    if status == "added":
        assert (item.key, stored and stored.key) == ("pmid:31978945", "pmid:31978945")
    else:
        assert str(item.error).count("year 2018 but the record's issue year is 2020") == 1
        assert stored is None
    assert counts(server) == {"esearch": 1, "ecitmatch": 0, "efetch": 1, "ctgov": 0}


def test_links_both_ways(store, add):
    report = add(["31449468", "NCT02552212", "NCT00973089"])
    assert [i.status for i in report.items] == ["added"] * 3
    assert store.get("pmid:31449468").links == (
        Link("31449468", "NCT00352534", "pubmed-databank"),
        Link("31449468", "NCT00379340", "pubmed-databank"),
    )
    links = store.get("nct:NCT02552212").links
    assert {link.pmid for link in links} >= {"35296532", "35733363"}  # its RESULT references
    assert all(link.origin == "ctgov-reference" for link in links)
    # A BACKGROUND reference is reading for the trial, not a publication of it.
    assert store.get("nct:NCT00973089").links == ()


def test_offline_uses_only_the_store(server, store, add):
    add(["31978945", "NCT02552212", OBYRNE])
    server.reset_log()
    report = add(
        ["10.1056/NEJMoa2001017", "29768149", "nct02552212", "NCT00973089", OBYRNE],
        offline=True,
    )
    assert [(i.status, i.key) for i in report.items] == [
        ("in-store", "pmid:31978945"),
        ("in-store", "pmid:29768149"),
        ("in-store", "nct:NCT02552212"),
        ("failed", None),
        ("in-store", "pmid:29768149"),
    ]
    assert isinstance(report.items[3].error, OfflineMissError)
    assert report.requests == {}
    assert server.count() == 0


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(KeyboardInterrupt(), id="ctrl-c"),
        pytest.param(StoreError("disk I/O error"), id="store-error"),
        pytest.param(RuntimeError("bug"), id="bug"),
    ],
)
def test_an_interrupted_write_leaves_the_store_unchanged(store, add, monkeypatch, error):
    add(["27797938"])
    before = [(r.key, r.updated_at) for r in store.records()]

    def boom(*args, **kwargs):
        assert len(store.records()) > 1  # some articles are written by now
        raise error

    monkeypatch.setattr(store, "put_trial", boom)
    with pytest.raises(type(error)):
        add(["31978945", "31449468", "NCT02552212", "29768149"])
    assert [(r.key, r.updated_at) for r in store.records()] == before
    assert store.get("pmid:31449468") is None
    assert store.get("nct:NCT02552212") is None


def test_adding_twice_costs_nothing_the_second_time(server, add):
    batch = ["31978945", "10.1200/JCO.18.01972", "PMC5556699", OBYRNE, "NCT02552212"]
    assert {i.status for i in add(batch).items} == {"added"}
    server.reset_log()
    again = add(batch)
    assert [i.status for i in again.items] == ["in-store"] * 5
    assert [i.key for i in again.items] == [
        "pmid:31978945",
        "pmid:31449468",
        "pmid:28495875",
        "pmid:29768149",
        "nct:NCT02552212",
    ]
    assert server.count() == 0
    assert again.requests == {}


def test_pasted_reference_is_checked_against_the_stored_record_too(add, store) -> None:
    add(["31978945"])
    wrong_year = (
        "Zhu N, Zhang D, Wang W, et al. A Novel Coronavirus from Patients with Pneumonia in "
        "China, 2019. N Engl J Med. 2021;382(8):727-733. doi:10.1056/NEJMoa2001017"
    )
    report = add([wrong_year])
    [item] = report.items
    assert item.status == "needs-review"
    assert "year 2021" in str(item.error)
    assert report.requests == {}
