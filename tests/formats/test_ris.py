"""RIS reader and writer: real exports (Embase, Ovid, ProQuest, EndNote, Zotero, Scopus, Rayyan,
Citavi, Web of Science) read field by field, bad records reported with their line, and
read -> write -> read giving back the same CSL items and unmapped fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence.formats.parsed import ParsedFile, ParsedItem
from evidence.formats.ris import read_ris
from evidence.formats.ris_writer import write_ris
from tests.fixtures_index import FIXTURES

ASREVIEW = FIXTURES / "formats" / "ris" / "asreview"
MANUBOT = FIXTURES / "formats" / "manubot" / "bibliographies" / "bibliography.ris"

FILES = {
    "embase-bom": (ASREVIEW / "embase.ris", 6),
    "ovid-zotero": (ASREVIEW / "ovid_zotero.ris", 6),
    "proquest": (ASREVIEW / "proquest.ris", 6),
    "endnote-pubmed": (ASREVIEW / "pubmed_endnote.txt", 6),
    "zotero-pubmed": (ASREVIEW / "pubmed_zotero.ris", 6),
    "citavi-issue-1099": (ASREVIEW / "ris_issue_1099.txt", 7),
    "rayyan-issue-992": (ASREVIEW / "ris_issue_992.txt", 19),
    "scopus": (ASREVIEW / "scopus.ris", 6),
    "wos-ris-export": (ASREVIEW / "web_of_science.txt", 10),
    "zotero-manubot": (MANUBOT, 2),
}


def _read(name: str) -> ParsedFile:
    path, _ = FILES[name]
    return read_ris(path.read_text(encoding="utf-8"), path=path.name)


def _record(name: str, index: int) -> ParsedItem:
    return _read(name).items[index]


def _with_unmapped(item: ParsedItem) -> dict[str, Any]:
    return {**item.csl, "custom": {"unmapped": item.unmapped}}


def _one(text: str) -> ParsedItem:
    parsed = read_ris(text, path="t.ris")
    assert parsed.errors == ()
    assert len(parsed.items) == 1
    return parsed.items[0]


# ------------------------------------------------------------------------- whole files


@pytest.mark.parametrize(
    ("name", "count"), [pytest.param(n, c, id=n) for n, (_, c) in FILES.items()]
)
def test_every_record_of_every_fixture_is_read(name: str, count: int) -> None:
    parsed = _read(name)
    assert len(parsed.items) == count
    assert parsed.errors == ()
    assert all(item.csl["title"] for item in parsed.items)
    assert all("id" not in item.csl for item in parsed.items)
    assert all(value for item in parsed.items for value in item.csl.values())


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in FILES])
def test_read_write_read_gives_the_same_items_and_unmapped_fields(name: str) -> None:
    first = _read(name)
    written = write_ris([_with_unmapped(item) for item in first.items])
    again = read_ris(written, path="again.ris")
    assert again.errors == ()
    assert [item.csl for item in again.items] == [item.csl for item in first.items]
    assert [item.unmapped for item in again.items] == [item.unmapped for item in first.items]
    assert write_ris([_with_unmapped(item) for item in again.items]) == written


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        pytest.param("embase-bom", [1, 51, 114, 197, 267, 317], id="embase-bom"),
        pytest.param("proquest", [1, 45, 84, 119, 173, 234], id="proquest-blank-lines"),
        pytest.param("endnote-pubmed", [2, 43, 118, 165, 242, 302], id="endnote-leading-blank"),
    ],
)
def test_each_item_carries_the_line_its_record_starts_on(name: str, lines: list[int]) -> None:
    assert [item.line for item in _read(name).items] == lines


def test_crlf_and_bom_read_like_lf() -> None:
    path, _ = FILES["embase-bom"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    crlf = read_ris(text.replace("\n", "\r\n"), path="embase.ris")
    plain = read_ris(text.removeprefix("\ufeff"), path="embase.ris")
    assert crlf == _read("embase-bom") == plain


# ------------------------------------------------------------------------- one record per exporter


def test_embase_a1_authors_y1_year_and_database_fields() -> None:
    item = _record("embase-bom", 0)
    assert item.line == 1
    assert item.csl == {
        "type": "article-journal",
        "title": "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound",
        "container-title": "Endoscopic Ultrasound",
        "container-title-short": "Endoscopic Ultrasound",
        "author": [{"family": "Liu", "given": "R."}, {"family": "Adler", "given": "D.G."}],
        "volume": "3",
        "issue": "3",
        "page": "152-160",
        "language": "English",
        "URL": "http://www.embase.com/search/results?subaction=viewrecord&from=export&id=L373791783",
        "issued": {"date-parts": [[2014]]},
        "DOI": "10.4103/2303-9027.138783",
        "genre": "Article",
        "ISSN": "2226-7190",
        "source": "Embase",
        "abstract": item.csl["abstract"],
        "keyword": item.csl["keyword"],
    }
    assert item.csl["abstract"].startswith("Gastrointestinal tract duplication cysts are rare")
    assert item.csl["keyword"].split("; ")[:2] == ["article", "bronchogenic duplication cyst"]
    assert len(item.csl["keyword"].split("; ")) == 22
    assert item.unmapped["ris:U2"] == ["L373791783"]
    assert item.unmapped["ris:U3"] == ["2014-08-29"]
    assert item.unmapped["ris:L2"] == ["http://dx.doi.org/10.4103/2303-9027.138783"]
    assert item.unmapped["ris:M1"][0].startswith("(Liu R.; Adler D.G., douglas.adler@hsc.utah.edu)")


def test_embase_two_databases_and_a_c5_number_that_is_not_taken_as_a_pmid() -> None:
    item = _record("embase-bom", 1)
    assert item.csl["source"] == "Embase; Medline"
    assert item.csl["author"][0] == {"family": "Eloubeidi", "given": "M.A."}
    assert len(item.csl["author"]) == 7
    assert "PMID" not in item.csl
    assert item.unmapped["ris:C5"] == ["15368318"]
    assert len(item.unmapped["ris:M1"]) == 4
    assert any("C5 '15368318' may be a PMID" in note for note in item.notes)


def test_embase_empty_db_line_is_ignored_and_two_sn_lines_are_two_issns() -> None:
    assert _record("embase-bom", 2).csl["source"] == "Embase"
    assert _record("embase-bom", 2).csl["container-title-short"] == "Int. J. Surg. Case Rep."
    assert _record("embase-bom", 3).csl["ISSN"] == "1557-9840, 0095-5108"
    assert _record("embase-bom", 3).csl["genre"] == "Review"


def test_ovid_no_specified_artefact_is_not_a_page() -> None:
    item = _record("ovid-zotero", 0)
    assert item.csl["title"] == (
        "The influence of self-criticism on depression symptoms among ambulatory patients "
        "with inflammatory bowel disease."
    )
    assert item.csl["author"][0] == {"family": "Trindade", "given": "Ines A"}
    assert item.csl["container-title"] == "Clinical Psychology & Psychotherapy"
    assert item.csl["issued"] == {"date-parts": [[2019]]}
    assert item.csl["DOI"] == "10.1002/cpp.2398"
    assert "page" not in item.csl
    assert item.unmapped == {"ris:SP": ["No"], "ris:EP": ["Specified"]}
    assert "SP/EP 'No'/'Specified' is an Ovid artefact: no pages kept" in item.notes


def test_ovid_a2_cited_names_on_a_journal_article_are_not_editors() -> None:
    item = _record("ovid-zotero", 1)
    assert "editor" not in item.csl
    assert item.unmapped["ris:A2"][0].startswith("Andres, Bucchianeri, Buote")
    assert item.csl["page"] == "847-856"
    assert item.csl["keyword"].startswith("*Body Image; *Colon Disorders")


def test_ovid_reference_in_the_issue_field_is_not_an_issue() -> None:
    item = _record("ovid-zotero", 2)
    assert "issue" not in item.csl
    assert item.csl["volume"] == "119"
    assert item.csl["page"] == "26-33"
    assert item.unmapped["ris:IS"][0].startswith("Achenbach, T. (1991).")
    assert any(note.startswith("IS is not an issue number") for note in item.notes)


def test_proquest_t1_jf_doi_url_and_duplicated_issn() -> None:
    item = _record("proquest", 0)
    assert item.csl["title"].startswith("Predictors of posttraumatic stress symptom trajectories")
    assert item.csl["container-title"] == "Journal of Traumatic Stress"
    assert item.csl["author"][1] == {"family": "Dorahy", "given": "Martin J"}
    assert item.csl["DOI"] == "10.1002/jts.22387"
    assert item.csl["ISSN"] == "0894-9867"
    assert item.csl["source"] == "PTSDpubs"
    assert item.csl["note"] == "Date revised - 2019-05-03\nLast updated - 2019-05-03"
    assert "PMID" not in item.csl
    assert item.unmapped["ris:AN"] == ["2214991469; 51887"]
    assert _record("proquest", 3).csl["page"] == "156-166"
    assert _record("proquest", 5).csl["ISSN"] == "0027-3171"


def test_endnote_from_pubmed_an_is_the_pmid_and_keywords_run_over_lines() -> None:
    item = _record("endnote-pubmed", 0)
    assert item.csl["PMID"] == "21553931"
    assert item.csl["page"] == "349-69"
    assert item.csl["issued"] == {"date-parts": [[2011, 6]]}
    assert item.csl["available-date"] == {"date-parts": [[2011, 5, 11]]}
    assert item.csl["container-title"] == "Clin Pharmacokinet"
    assert item.csl["author"][0] == {"family": "Abdel-Tawab", "given": "M."}
    keywords = item.csl["keyword"].split("; ")
    assert len(keywords) == 10
    assert keywords[:2] == [
        "Animals",
        "Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology",
    ]
    assert keywords[-1] == "Plant Extracts/adverse effects/pharmacokinetics/*pharmacology"
    assert item.csl["note"].split("\n")[:2] == ["1179-1926", "Abdel-Tawab, Mona"]
    assert "source" not in item.csl  # DP NLM marked the AN as a PMID
    assert item.unmapped == {"ris:AD": [item.unmapped["ris:AD"][0]], "ris:ID": ["369"]}


def test_endnote_month_and_day_in_da_complete_the_year_in_py() -> None:
    item = _record("endnote-pubmed", 1)
    assert item.csl["issued"] == {"date-parts": [[2018, 3, 1]]}
    assert item.csl["PMID"] == "29459515"
    assert len(item.unmapped["ris:AD"][0].split("\n")) == 5
    assert _record("endnote-pubmed", 3).csl["issued"] == {"date-parts": [[2016, 11, 4]]}
    assert "issued" in _record("endnote-pubmed", 5).csl


def test_zotero_pubmed_dates_j2_and_two_issns_on_one_line() -> None:
    first = _record("zotero-pubmed", 0)
    assert first.csl["issued"] == {"date-parts": [[2019]]}
    assert first.csl["container-title-short"] == "Prz Gastroenterol"
    assert first.csl["ISSN"] == "1895-5770"
    second = _record("zotero-pubmed", 1)
    assert second.csl["issued"] == {"date-parts": [[2019, 10]]}
    assert second.csl["ISSN"] == "1128-045X, 1123-6337"
    assert second.notes == ()  # Zotero's "2019/10//undefined" is an artefact, not a note
    assert _record("zotero-pubmed", 2).csl["page"] == "e16881"
    assert _record("zotero-pubmed", 3).csl["issued"] == {"date-parts": [[2019, 7, 24]]}


def test_citavi_issn_without_hyphen_and_blank_lines_inside_a_field() -> None:
    item = _record("citavi-issue-1099", 0)
    assert item.csl["ISSN"] == "13361376"
    assert item.csl["container-title"] == "Advances in Electrical and Electronic Engineering"
    assert item.csl["container-title-short"] == "Adv. Electr. Electron. Eng."
    assert item.csl["publisher"] == "VSB-Technical University of Ostrava"
    assert item.unmapped["ris:U3"] == ["Cited By :9\n\nExport Date: 12 May 2022\n\nArticle"]
    assert item.unmapped["ris:M4"] == ["Citavi"]


def test_citavi_book_with_a2_and_a_month_in_y2() -> None:
    book = _record("citavi-issue-1099", 1)
    assert book.csl["type"] == "book"
    assert book.csl["volume"] == "1262 CCIS"
    assert "editor" not in book.csl
    assert book.unmapped["ris:A2"] == ["Babur O.", "Denil J.", "Vogel-Heuser B."]
    third = _record("citavi-issue-1099", 2)
    assert third.csl["issued"] == {"date-parts": [[1999]]}
    assert third.unmapped["ris:Y2"] == ["DEC"]
    assert "accessed" not in third.csl
    assert _record("citavi-issue-1099", 3).csl["type"] == "document"
    assert _record("citavi-issue-1099", 5).csl["accessed"] == {"date-parts": [[2005, 10, 1]]}


def test_rayyan_one_keyword_per_line_and_rayyan_ids_unmapped() -> None:
    item = _record("rayyan-issue-992", 0)
    assert item.csl["title"] == "Overcoming Medication Reconciliation Challenges"
    assert "author" not in item.csl
    keywords = item.csl["keyword"].split("; ")
    assert (len(keywords), keywords[0], keywords[-1]) == (
        13,
        "Health Facility Administration",
        "Patient Education",
    )
    assert item.csl["page"] == "1-5"
    assert item.unmapped == {"ris:AN": ["rayyan-264552525"], "ris:ID": ["1"]}


def test_rayyan_pmid_inside_a_note_is_not_guessed() -> None:
    item = _record("rayyan-issue-992", 4)
    assert "PMID: NLM23803397." in item.csl["note"]
    assert "PMID" not in item.csl
    assert item.csl["author"] == [{"family": "Park", "given": "C. S."}]
    assert item.csl["issued"] == {"date-parts": [[2012, 1]]}
    assert item.csl["URL"] == "<Go to ISI>://WOS:000298449100001"


def test_rayyan_case_type() -> None:
    case = next(i for i in _read("rayyan-issue-992").items if i.csl["type"] == "legal_case")
    assert case.csl["title"] == "Clinical Integration"
    assert case.unmapped["ris:A4"] == ["Larson, Laurie"]


def test_scopus_issn_suffix_article_number_and_c2() -> None:
    item = _record("scopus", 0)
    assert item.csl["ISSN"] == "03064530"
    assert item.csl["page"] == "104501"
    assert item.csl["genre"] == "Review"
    assert item.csl["source"] == "Scopus"
    assert item.csl["note"].startswith("Export Date: 18 November 2019\nCODEN: PSYCD\n")
    assert item.csl["author"][0] == {"family": "Labanski", "given": "A."}
    assert len(item.unmapped["ris:AD"]) == 3
    assert "C7 (article number) '104501' used as the page" in item.notes
    second = _record("scopus", 1)
    assert second.unmapped["ris:C2"] == ["31421429"]
    assert "PMID" not in second.csl
    assert _record("scopus", 4).csl["page"] == "555-568"


def test_web_of_science_ris_export_ji_wins_over_j9() -> None:
    item = _record("wos-ris-export", 0)
    assert item.csl["container-title"] == "JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION"
    assert item.csl["container-title-short"] == "J. Appl. Res. Mem. Cogn."
    assert item.csl["issued"] == {"date-parts": [[2018, 9]]}
    assert item.csl["ISSN"] == "2211-3681, 2211-369X"
    assert (item.csl["publisher"], item.csl["publisher-place"]) == (
        "ELSEVIER SCIENCE INC",
        "NEW YORK",
    )
    assert item.csl["page"] == "387-397"
    assert item.unmapped["ris:J9"] == ["J APPL RES MEM COGN"]
    assert item.unmapped["ris:AN"] == ["WOS:000444108200009"]
    assert len(item.csl["note"].split("\n")) == 3


def test_web_of_science_ris_record_with_only_jo() -> None:
    item = _record("wos-ris-export", 7)
    assert item.csl["container-title"] == "Law and Human Behavior"
    assert item.csl["issued"] == {"date-parts": [[1997, 2, 1]]}
    assert item.csl["URL"] == "https://doi.org/10.1023/A:1024814009769"
    assert item.unmapped["ris:ID"] == ["Kassin1997"]
    assert "JO read as the journal title: the record has no T2/JF" in item.notes


def test_zotero_export_from_manubot() -> None:
    article, page = _read("zotero-manubot").items
    assert article.csl["author"][0] == {"family": "Himmelstein", "given": "Daniel S"}
    assert article.csl["author"][5] == {"family": "Greshake Tzovaras", "given": "Bastian"}
    assert article.csl["DOI"] == "10.7554/eLife.32822"
    assert article.csl["issued"] == {"date-parts": [[2018, 3, 1]]}
    assert article.csl["accessed"] == {"date-parts": [[2019, 3, 12]]}
    assert article.csl["source"] == "Crossref"
    assert any("'T20:12:22Z' after the date is not kept" in note for note in article.notes)
    assert page.csl["type"] == "webpage"
    assert page.csl["title"].startswith("TechBlog: \u2018Manubot\u2019 powers")


# ------------------------------------------------------------------------- reading rules


@pytest.mark.parametrize(
    ("lines", "issued"),
    [
        pytest.param(["PY  - 2019"], [[2019]], id="year"),
        pytest.param(["PY  - 2019///"], [[2019]], id="year-slashes"),
        pytest.param(["DA  - 2019/05/01/"], [[2019, 5, 1]], id="full-slash"),
        pytest.param(["PY  - 2019", "DA  - 2019/05//"], [[2019, 5]], id="month-slash"),
        pytest.param(["PY  - 2019 May"], [[2019, 5]], id="pubmed-year-month"),
        pytest.param(["PY  - 2019 May 3"], [[2019, 5, 3]], id="pubmed-year-month-day"),
        pytest.param(["PY  - 2018", "DA  - Mar 1"], [[2018, 3, 1]], id="endnote-month-day"),
        pytest.param(["PY  - 2023", "DA  - JUN 19"], [[2023, 6, 19]], id="wos-month-day"),
        pytest.param(["Y1  - 2014-08-29"], [[2014, 8, 29]], id="iso"),
        pytest.param(["PY  - 2011", "DA  - 2011/00/00/"], [[2011]], id="zero-month"),
    ],
)
def test_dates(lines: list[str], issued: list[list[int]]) -> None:
    item = _one("\n".join(["TY  - JOUR", "TI  - T", *lines, "ER  - "]))
    assert item.csl["issued"] == {"date-parts": issued}
    assert item.unmapped == {}


def test_a_date_that_disagrees_is_kept_unmapped_and_a_non_date_is_a_literal() -> None:
    item = _one("TY  - JOUR\nTI  - T\nPY  - 2019\nDA  - 2018/04/01/\nER  - ")
    assert item.csl["issued"] == {"date-parts": [[2019]]}
    assert item.unmapped == {"ris:DA": ["2018/04/01/"]}
    assert any("does not agree" in note for note in item.notes)
    assert _one("TY  - JOUR\nTI  - T\nPY  - in press\nER  - ").csl["issued"] == {
        "literal": "in press"
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Trindade, Ines A", {"family": "Trindade", "given": "Ines A"}, id="comma"),
        pytest.param("Moreau P", {"family": "Moreau", "given": "P"}, id="pubmed-initials"),
        pytest.param("Adler D.G.", {"family": "Adler", "given": "D.G."}, id="embase-initials"),
        pytest.param("van den Brink G", {"family": "van den Brink", "given": "G"}, id="particle"),
        pytest.param(
            "King, Martin L., Jr.",
            {"family": "King", "given": "Martin L.", "suffix": "Jr."},
            id="suffix",
        ),
        pytest.param("Smith,", {"family": "Smith"}, id="family-only"),
        pytest.param(
            "World Health Organization", {"literal": "World Health Organization"}, id="org"
        ),
    ],
)
def test_author_names(text: str, name: dict[str, str]) -> None:
    item = _one(f"TY  - JOUR\nTI  - T\nAU  - {text}\nER  - ")
    assert item.csl["author"] == [name]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("10.1056/NEJMoa2203478", id="bare"),
        pytest.param("https://doi.org/10.1056/NEJMoa2203478", id="https"),
        pytest.param("http://dx.doi.org/10.1056/NEJMoa2203478", id="dx"),
        pytest.param("doi:10.1056/NEJMoa2203478", id="doi-prefix"),
    ],
)
def test_doi_is_read_bare_with_its_case(value: str) -> None:
    assert _one(f"TY  - JOUR\nTI  - T\nDO  - {value}\nER  - ").csl["DOI"] == "10.1056/NEJMoa2203478"


def test_a_do_line_that_is_not_a_doi_stays_unmapped() -> None:
    item = _one("TY  - JOUR\nTI  - T\nDO  - see publisher\nER  - ")
    assert "DOI" not in item.csl
    assert item.unmapped == {"ris:DO": ["see publisher"]}
    assert item.notes == ("DO 'see publisher' is not a DOI (kept unmapped)",)


@pytest.mark.parametrize(
    ("lines", "pmid"),
    [
        pytest.param(["AN  - 34097854", "DP  - NLM"], "34097854", id="endnote-dp-nlm"),
        pytest.param(["AN  - 34097854", "DB  - PubMed"], "34097854", id="db-pubmed"),
        pytest.param(["AN  - 34097854"], None, id="no-database-no-pmid"),
        pytest.param(["AN  - 34097854", "DB  - Embase"], None, id="embase-accession"),
        pytest.param(["AN  - WOS:000444108200009", "DP  - NLM"], None, id="not-digits"),
        pytest.param(["N1  - PMID: 34097854"], None, id="note-is-not-read"),
    ],
)
def test_pmid_only_where_the_exporter_says_so(lines: list[str], pmid: str | None) -> None:
    item = _one("\n".join(["TY  - JOUR", "TI  - T", *lines, "ER  - "]))
    assert item.csl.get("PMID") == pmid


def test_pubmed_database_line_stays_the_source() -> None:
    item = _one("TY  - JOUR\nTI  - T\nAN  - 34097854\nDB  - PubMed\nER  - ")
    assert item.csl["source"] == "PubMed"
    assert item.unmapped == {}


def test_pmcid_in_c2_and_doi_in_endnote_m3() -> None:
    item = _one("TY  - JOUR\nTI  - T\nC2  - PMC5832410\nM3  - 10.7554/eLife.32822\nER  - ")
    assert (item.csl["PMCID"], item.csl["DOI"]) == ("PMC5832410", "10.7554/eLife.32822")
    assert "genre" not in item.csl


def test_isbn_edition_editors_of_a_chapter_and_a_numeric_issn_shape() -> None:
    text = "\n".join(
        [
            "TY  - CHAP",
            "TI  - Dosing",
            "T2  - Handbook",
            "A2  - Jones, K",
            "ED  - Brown, L",
            "SN  - 978-3-030-58167-1",
            "ET  - 2nd",
            "ER  - ",
        ]
    )
    item = _one(text)
    assert item.csl["type"] == "chapter"
    assert item.csl["editor"] == [
        {"family": "Jones", "given": "K"},
        {"family": "Brown", "given": "L"},
    ]
    assert item.csl["ISBN"] == "978-3-030-58167-1"
    assert item.csl["edition"] == "2nd"


def test_type_notes_for_non_canonical_and_unknown_ty() -> None:
    assert _one("TY  - JFULL\nTI  - T\nER  - ").notes == (
        "TY 'JFULL' read as article-journal (written back as JOUR)",
    )
    unknown = _one("TY  - XYZ\nTI  - T\nER  - ")
    assert unknown.csl["type"] == "document"
    assert unknown.notes == ("unknown TY 'XYZ': read as a document",)


def test_sp_already_a_range_keeps_ep_unmapped() -> None:
    item = _one("TY  - JOUR\nTI  - T\nSP  - 2361-71\nEP  - 71\nER  - ")
    assert item.csl["page"] == "2361-71"
    assert item.unmapped == {"ris:EP": ["71"]}


def test_a_title_wrapped_over_two_lines_is_one_line() -> None:
    item = _one(
        "TY  - JOUR\nT1  - Blood-brain barrier breach following\ncortical contusion\nER  - "
    )
    assert item.csl["title"] == "Blood-brain barrier breach following cortical contusion"


# ------------------------------------------------------------------------- bad input


def test_a_record_without_title_or_identifier_is_an_error_and_neighbours_survive() -> None:
    records = [["TI  - First"], ["PY  - 2020"], ["TI  - Third"]]
    text = "".join("\n".join(["TY  - JOUR", *fields, "ER  - ", "", ""]) for fields in records)
    parsed = read_ris(text, path="refs.ris")
    assert [item.csl["title"] for item in parsed.items] == ["First", "Third"]
    assert [item.line for item in parsed.items] == [1, 9]
    (error,) = parsed.errors
    assert error.line == 5
    assert str(error).startswith("refs.ris, line 5: a record has no title")


def test_text_outside_records_is_reported_once_per_run_of_lines() -> None:
    head = ["Provider: Ovid", "Database: Embase", ""]
    text = "\n".join([*head, "TY  - JOUR", "TI  - One", "ER  - ", "stray"])
    text += "\nTY  - JOUR\nTI  - Two\nER  - \n"
    parsed = read_ris(text, path="ovid.ris")
    assert [item.csl["title"] for item in parsed.items] == ["One", "Two"]
    assert [error.line for error in parsed.errors] == [1, 7]
    assert "2 line(s) outside any record" in parsed.errors[0].message


def test_missing_er_lines_are_notes_not_errors() -> None:
    parsed = read_ris("TY  - JOUR\nTI  - One\nTY  - BOOK\nTI  - Two\n", path="t.ris")
    assert parsed.errors == ()
    one, two = parsed.items
    assert one.notes == ("no ER line before the next record's TY",)
    assert two.notes == ("the file ends before this record's ER line",)
    assert two.csl["type"] == "book"


def test_a_record_without_ty_is_a_document_with_a_note() -> None:
    parsed = read_ris("TY  - JOUR\nTI  - One\nER  - \nTI  - Two\nER  - \n", path="t.ris")
    assert [item.line for item in parsed.items] == [1, 4]
    assert parsed.items[1].csl == {"type": "document", "title": "Two"}
    assert parsed.items[1].notes == ("the record has no type (TY): read as a document",)


def test_empty_input() -> None:
    assert read_ris("", path="empty.ris") == ParsedFile(())
    assert read_ris("\ufeff\n\n", path="empty.ris") == ParsedFile(())


# ------------------------------------------------------------------------- writing

ITEM: dict[str, Any] = {
    "id": "moreau2021",
    "type": "article-journal",
    "title": "Teclistamab in relapsed or refractory multiple myeloma",
    "author": [{"family": "Moreau", "given": "Philippe"}, {"literal": "IFM Study Group"}],
    "container-title": "The Lancet",
    "container-title-short": "Lancet",
    "issued": {"date-parts": [[2021, 6, 5]]},
    "volume": "397",
    "issue": "10292",
    "page": "2361-71",
    "ISSN": "0140-6736, 1474-547X",
    "DOI": "10.1016/S0140-6736(21)00592-4",
    "PMID": "34097854",
    "PMCID": "PMC1234567",
    "abstract": "Background line.\nMethods line.",
    "keyword": "myeloma; BCMA",
    "language": "en",
    "note": "first note",
    "custom": {"unmapped": {"ris:U2": ["L123"], "nbib:OWN": ["NLM"]}},
}

EXPECTED = "\n".join(
    [
        "TY  - JOUR",
        "TI  - Teclistamab in relapsed or refractory multiple myeloma",
        "AU  - Moreau, Philippe",
        "AU  - IFM Study Group",
        "T2  - The Lancet",
        "J2  - Lancet",
        "AB  - Background line.",
        "Methods line.",
        "PY  - 2021",
        "DA  - 2021/06/05/",
        "VL  - 397",
        "IS  - 10292",
        "SP  - 2361",
        "EP  - 71",
        "SN  - 0140-6736",
        "SN  - 1474-547X",
        "DO  - 10.1016/S0140-6736(21)00592-4",
        "AN  - 34097854",
        "DP  - NLM",
        "C2  - PMC1234567",
        "LA  - en",
        "N1  - first note",
        "KW  - myeloma",
        "KW  - BCMA",
        "ID  - moreau2021",
        "U2  - L123",
        "ER  - ",
        "",
    ]
)


def test_writer_output_is_exact() -> None:
    assert write_ris([ITEM]) == EXPECTED


def test_written_item_reads_back() -> None:
    item = _one(write_ris([ITEM]))
    expected = {k: v for k, v in ITEM.items() if k not in ("id", "custom")}
    assert item.csl == expected
    assert item.unmapped == {"ris:ID": ["moreau2021"], "ris:U2": ["L123"]}


def test_records_are_separated_by_a_blank_line_and_output_is_deterministic() -> None:
    text = write_ris([ITEM, {"type": "webpage", "title": "Page", "URL": "https://x.org"}])
    assert text.count("\nER  - \n\nTY  - ELEC\n") == 1
    assert text.endswith("ER  - \n")
    assert text == write_ris([ITEM, {"type": "webpage", "title": "Page", "URL": "https://x.org"}])
    assert write_ris([]) == ""


@pytest.mark.parametrize(
    ("page", "lines"),
    [
        pytest.param("2361-71", ["SP  - 2361", "EP  - 71"], id="abbreviated-end-kept"),
        pytest.param("e16881", ["SP  - e16881"], id="article-number"),
        pytest.param("S47-S49", ["SP  - S47", "EP  - S49"], id="letters"),
        pytest.param("2361\u201371", ["SP  - 2361\u201371"], id="en-dash-not-split"),
        pytest.param("12 - 15", ["SP  - 12 - 15"], id="spaced-dash-not-split"),
    ],
)
def test_pages_are_split_only_as_written(page: str, lines: list[str]) -> None:
    text = write_ris([{"type": "article-journal", "title": "T", "page": page}])
    assert [line for line in text.splitlines() if line[:2] in ("SP", "EP")] == lines
    assert _one(text).csl["page"] == page


def test_editors_are_a2_where_a2_means_editor_and_ed_elsewhere() -> None:
    editor = [{"family": "Jones", "given": "K"}]
    chapter = write_ris([{"type": "chapter", "title": "T", "editor": editor}])
    article = write_ris([{"type": "article-journal", "title": "T", "editor": editor}])
    assert "A2  - Jones, K" in chapter and "ED  - Jones, K" in article
    assert _one(chapter).csl["editor"] == _one(article).csl["editor"] == editor


def test_names_with_particles_family_only_and_suffix_round_trip() -> None:
    authors = [
        {"family": "Smith"},
        {"family": "King", "given": "Martin L.", "suffix": "Jr."},
        {"non-dropping-particle": "van", "family": "Gogh", "given": "Vincent"},
    ]
    text = write_ris([{"type": "article-journal", "title": "T", "author": authors}])
    assert "AU  - Smith," in text.splitlines()
    assert "AU  - King, Martin L., Jr." in text.splitlines()
    assert _one(text).csl["author"] == [*authors[:2], {"family": "van Gogh", "given": "Vincent"}]


def test_a_continuation_line_that_looks_like_a_tag_is_indented_and_reads_back() -> None:
    abstract = "Results:\nER  - not the end\nAB  - still the abstract"
    text = write_ris([{"type": "article-journal", "title": "T", "abstract": abstract}])
    assert " ER  - not the end" in text.splitlines()
    assert _one(text).csl["abstract"] == abstract


def test_dates_literal_and_other_date_variables_round_trip() -> None:
    item = {
        "type": "article-journal",
        "title": "T",
        "issued": {"literal": "in press"},
        "accessed": {"date-parts": [[2024, 1, 2]]},
        "available-date": {"date-parts": [[2023, 12]]},
        "edition": "2nd",
    }
    text = write_ris([item])
    assert "PY  - in press" in text and "Y2  - 2024/01/02/" in text and "ET  - 2023/12//" in text
    assert _one(text).csl == item


def test_unmapped_tags_of_other_formats_and_broken_tags_are_not_written() -> None:
    item = {
        "type": "article-journal",
        "title": "T",
        "custom": {"unmapped": {"nbib:OWN": ["NLM"], "ris:TY": ["JOUR"], "ris:bad": ["x"]}},
    }
    assert write_ris([item]) == "TY  - JOUR\nTI  - T\nER  - \n"


def test_item_id_replaces_an_unmapped_id_and_type_fallback() -> None:
    item = {"id": "k1", "type": "review", "title": "T", "custom": {"unmapped": {"ris:ID": ["9"]}}}
    text = write_ris([item])
    assert "ID  - k1" in text and "ID  - 9" not in text
    assert text.startswith("TY  - GEN\n")
    assert _one(text).csl["type"] == "document"


def test_report_number_is_written_in_sn_and_read_back() -> None:
    item = {"type": "report", "title": "T", "number": "WHO/2021/4"}
    text = write_ris([item])
    assert "TY  - RPRT" in text and "SN  - WHO/2021/4" in text
    assert _one(text).csl == item


def test_writing_a_fixture_keeps_tag_order() -> None:
    text = write_ris([_with_unmapped(_record("endnote-pubmed", 0))])
    tags = [line[:2] for line in text.splitlines() if line[2:6] == "  - "]
    assert tags[0] == "TY" and tags[-1] == "ER"
    assert (
        tags.index("TI") < tags.index("AU") < tags.index("T2") < tags.index("PY") < tags.index("KW")
    )
    assert tags.count("KW") == 10
    assert "AN  - 21553931\nDP  - NLM" in text


def test_fixture_path_helper_points_at_the_shared_fixtures() -> None:
    assert Path(ASREVIEW, "embase.ris").is_file()
