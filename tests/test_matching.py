"""verify / rank / normalise: how a pasted reference is compared with a fetched record."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidence.identifiers import CitationParts, parse
from evidence.matching import normalise, rank, similarity, verify
from evidence.models import Article, Author, PubDate
from evidence.pubmed import parse_pubmed
from tests.fixtures_index import FIXTURES

PUBMED = FIXTURES / "pubmed"
ZHU = parse_pubmed((PUBMED / "pubmed-client" / "31978945.xml").read_bytes()).articles[0]
BAO = parse_pubmed((PUBMED / "biopython" / "pubmed4.xml").read_bytes()).articles[0]
ZHU_REF = CitationParts(
    raw="Zhu N, et al. A Novel Coronavirus from Patients with Pneumonia in China, 2019. "
    "N Engl J Med 2020;382(8):727-33.",
    first_author="Zhu",
    first_author_initials="N",
    title="A Novel Coronavirus from Patients with Pneumonia in China, 2019",
    journal="N Engl J Med",
    year=2020,
    volume="382",
    issue="8",
    first_page="727",
    last_page="733",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Müller", "muller", id="accent"),
        pytest.param("Ångström ÉCOLE", "angstrom ecole", id="accents-and-case"),
        pytest.param("Straße", "strasse", id="casefold"),
        pytest.param("N. Engl. J. Med.", "n engl j med", id="dots"),
        pytest.param("O'Byrne", "o byrne", id="apostrophe"),
        pytest.param("  COVID-19:  a (living) review!  ", "covid 19 a living review", id="punct"),
        pytest.param("ﬁnal", "final", id="ligature"),
        pytest.param("", "", id="empty"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_similarity_ignores_case_accents_punctuation_and_word_order():
    assert (
        similarity(
            "Pneumonia in China: a novel coronavirus", "A NOVEL coronavirus, pneumonia in China"
        )
        == 100.0
    )
    assert similarity("Café", "cafe") == 100.0
    assert similarity("aspirin", "warfarin") < 90


def test_pasted_reference_parts_match_the_record():
    parts = parse(ZHU_REF.raw).citation
    assert parts is not None
    verdict = verify(parts, ZHU)
    assert verdict.mismatches == ()
    assert verdict.ok
    assert verdict.score == 100.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            {"first_author": "Smith"}, "first author 'Smith' but the record has 'Zhu'", id="author"
        ),
        pytest.param({"year": 2019}, "year 2019 but the record's issue year is 2020", id="year"),
        pytest.param(
            {"journal": "Lancet"},
            "journal 'Lancet' but the record is in 'N Engl J Med'",
            id="journal",
        ),
        pytest.param({"volume": "383"}, "volume 383 but the record has 382", id="volume"),
        pytest.param({"first_page": "728"}, "first page 728 but the record has 727", id="page"),
    ],
)
def test_each_mismatch_is_named(change, message):
    verdict = verify(replace(ZHU_REF, **change), ZHU)
    assert verdict.mismatches == (message,)
    assert not verdict.ok
    assert verdict.score < 100.0


def test_a_different_title_is_a_mismatch():
    verdict = verify(replace(ZHU_REF, title="Remdesivir for the treatment of Covid-19"), ZHU)
    (message,) = verdict.mismatches
    score = similarity("Remdesivir for the treatment of Covid-19", ZHU.plain_title or "")
    assert score < 90
    assert message == f"title is only {score:.0f}% similar to the record's"


def test_several_mismatches_are_all_reported_in_order():
    wrong = replace(ZHU_REF, first_author="Smith", year=2019, first_page="1")
    assert verify(wrong, ZHU).mismatches == (
        "first author 'Smith' but the record has 'Zhu'",
        "year 2019 but the record's issue year is 2020",
        "first page 1 but the record has 727",
    )


@pytest.mark.parametrize(
    ("change", "ok"),
    [
        pytest.param({"first_author": "ZHU"}, True, id="author-case"),
        pytest.param({"journal": "N. Engl. J. Med."}, True, id="journal-dots"),
        pytest.param({"journal": "The New England Journal of Medicine"}, True, id="journal-title"),
        pytest.param(
            {"title": "a novel coronavirus from patients with pneumonia in china 2019"},
            True,
            id="title-case",
        ),
        pytest.param(
            {"first_author": None, "title": None, "journal": None}, True, id="fields-absent"
        ),
    ],
)
def test_harmless_differences_pass(change, ok):
    assert verify(replace(ZHU_REF, **change), ZHU).ok is ok


def test_accented_author_matches_its_ascii_spelling():
    record = replace(ZHU, authors=(Author(family="Müller", initials="A"),))
    assert verify(replace(ZHU_REF, first_author="Muller"), record).ok
    assert verify(replace(ZHU_REF, first_author="Mueller"), record).ok  # 'mueller' ~ 'muller'


def test_year_of_electronic_publication_is_accepted():
    assert (BAO.pub_date.year, BAO.electronic_date) == (2017, PubDate(2016, 10, 21))
    bao = CitationParts(
        "Bao Y, et al. Gut 2016;66:1116", "Bao", "Y", None, "Gut", 2016, "66", None, "1116", None
    )
    assert verify(bao, BAO).ok
    assert verify(replace(bao, year=2017), BAO).ok
    assert verify(replace(bao, year=2015), BAO).mismatches == (
        "year 2015 but the record's issue year is 2017",
    )


def test_record_without_authors():
    record = replace(ZHU, authors=())
    assert verify(ZHU_REF, record).mismatches == (
        "first author 'Zhu' but the record lists no authors",
    )


def test_page_may_be_the_electronic_location():
    record = Article(pmid="1", elocation="e0123", volume="15", pub_date=PubDate(2020))
    parts = CitationParts("x", None, None, None, None, 2020, "15", None, "e0123", None)
    assert verify(parts, record).ok
    assert verify(replace(parts, first_page="e0124"), record).mismatches == (
        "first page e0124 but the record has e0123",
    )


def test_rank_puts_the_best_candidate_first():
    wrong_page = replace(ZHU, pmid="2", start_page="800", pages="800-805")
    wrong_year = replace(ZHU, pmid="3", pub_date=PubDate(2019), electronic_date=None)
    twin = replace(ZHU, pmid="4")
    ranked = rank(ZHU_REF, [wrong_page, twin, wrong_year, ZHU])
    assert [article.pmid for article, _verdict in ranked] == ["31978945", "4", "2", "3"]
    assert [verdict.ok for _article, verdict in ranked] == [True, True, False, False]
    assert ranked[2][1].mismatches == ("first page 727 but the record has 800",)


def test_rank_of_nothing():
    assert rank(ZHU_REF, []) == []
