"""Web of Science tagged text: field mapping, continuation lines, types, bad records.

No real tagged-text export is among the shared fixtures: ``asreview/web_of_science.txt`` is a
RIS export from Web of Science (``TY  - JOUR``, ``J9``, ``WE``), read by ``read_ris``. The
sample below follows the documented layout of WoS "Plain text file" exports (``FN``/``VR``
header, two-letter tags, three-space continuation lines, ``ER`` and ``EF``).
"""

from __future__ import annotations

import pytest

from evidence.formats.parsed import ParsedItem
from evidence.formats.ris import read_ris
from evidence.formats.wos import read_wos
from tests.fixtures_index import FIXTURES

SAMPLE = """\
FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Moreau, P
   Garfall, AL
   van de Donk, NWCJ
AF Moreau, Philippe
   Garfall, Alfred L.
   van de Donk, Niels W. C. J.
TI Teclistamab in Relapsed or Refractory Multiple Myeloma
SO NEW ENGLAND JOURNAL OF MEDICINE
LA English
DT Article
DE multiple myeloma; bispecific antibody; BCMA;
   CD3
ID T-CELL ENGAGER; B-CELL MATURATION
AB Background Teclistamab is a T-cell-redirecting bispecific antibody.
   Methods In this phase 1-2 study, we enrolled 165 patients.
C1 [Moreau, Philippe] Univ Hosp Hotel Dieu, Nantes, France.
   [Garfall, Alfred L.] Univ Penn, Philadelphia, PA 19104 USA.
RP Moreau, P (corresponding author), Univ Hosp Hotel Dieu, Nantes, France.
CR Anderson KC, 2021, LANCET, V397, P2361
   Cohen AD, 2019, J CLIN INVEST, V129, P2210
NR 2
TC 250
PU MASSACHUSETTS MEDICAL SOC
PI WALTHAM
SN 0028-4793
EI 1533-4406
J9 NEW ENGL J MED
JI N. Engl. J. Med.
PD AUG 11
PY 2022
VL 387
IS 6
BP 495
EP 505
DI 10.1056/NEJMoa2203478
PG 11
UT WOS:000836474700006
PM 35661166
DA 2023-01-05
ER

PT J
AU Dimopoulos, MA
AF Dimopoulos, Meletios A.
TI Daratumumab plus pomalidomide and dexamethasone
   versus pomalidomide and dexamethasone alone
SO LANCET ONCOLOGY
DT Article; Early Access
SN 1470-2045
J9 LANCET ONCOL
PD FAL
PY 2021
VL 22
AR 101234
DI https://doi.org/10.1016/S1470-2045(21)00128-5
EA JUN 2021
UT WOS:000660000000001
ER

PT S
AU Smith, J
AF Smith, John
CA IFM Study Group
BE Jones, K
   Brown, L
TI A chapter on dosing
SO HANDBOOK OF MYELOMA
SE Lecture Notes in Medicine
DT Proceedings Paper
BN 978-3-030-58167-1; 978-3-030-58168-8
PY 2020
BP 82
UT WOS:000600000000002
ER

PT J
SO ORPHAN JOURNAL
PY 2020
UT WOS:000600000000003
ER

EF
"""


def _items() -> tuple[ParsedItem, ...]:
    return read_wos(SAMPLE, path="savedrecs.txt").items


def _one(*lines: str) -> ParsedItem:
    parsed = read_wos("\n".join(["PT J", "TI Title", *lines, "ER"]), path="t.txt")
    assert parsed.errors == ()
    (item,) = parsed.items
    return item


def test_records_lines_and_the_bad_record() -> None:
    parsed = read_wos(SAMPLE, path="savedrecs.txt")
    assert [item.line for item in parsed.items] == [3, 45, 63]
    (error,) = parsed.errors
    assert error.line == 79
    assert str(error).startswith("savedrecs.txt, line 79: a record has no title (TI)")


def test_journal_article_fields() -> None:
    item = _items()[0]
    assert item.csl == {
        "type": "article-journal",
        "author": [
            {"family": "Moreau", "given": "Philippe"},
            {"family": "Garfall", "given": "Alfred L."},
            {"family": "van de Donk", "given": "Niels W. C. J."},
        ],
        "title": "Teclistamab in Relapsed or Refractory Multiple Myeloma",
        "container-title": "NEW ENGLAND JOURNAL OF MEDICINE",
        "container-title-short": "N. Engl. J. Med.",
        "volume": "387",
        "issue": "6",
        "page": "495-505",
        "issued": {"date-parts": [[2022, 8, 11]]},
        "DOI": "10.1056/NEJMoa2203478",
        "PMID": "35661166",
        "ISSN": "0028-4793, 1533-4406",
        "language": "English",
        "genre": "Article",
        "publisher": "MASSACHUSETTS MEDICAL SOC",
        "publisher-place": "WALTHAM",
        "abstract": (
            "Background Teclistamab is a T-cell-redirecting bispecific antibody.\n"
            "Methods In this phase 1-2 study, we enrolled 165 patients."
        ),
        "keyword": (
            "multiple myeloma; bispecific antibody; BCMA; CD3; T-CELL ENGAGER; B-CELL MATURATION"
        ),
        "source": "Web of Science",
    }
    assert item.notes == ()


def test_unmapped_fields_keep_one_value_per_list_line() -> None:
    unmapped = _items()[0].unmapped
    assert unmapped["wos:UT"] == ["WOS:000836474700006"]
    assert unmapped["wos:J9"] == ["NEW ENGL J MED"]
    assert unmapped["wos:DA"] == ["2023-01-05"]
    assert unmapped["wos:CR"] == [
        "Anderson KC, 2021, LANCET, V397, P2361",
        "Cohen AD, 2019, J CLIN INVEST, V129, P2210",
    ]
    assert len(unmapped["wos:C1"]) == 2
    assert "wos:AU" not in unmapped  # the same people as AF, in short form


def test_article_number_early_access_wrapped_title_and_doi_url() -> None:
    item = _items()[1]
    assert item.csl["title"] == (
        "Daratumumab plus pomalidomide and dexamethasone "
        "versus pomalidomide and dexamethasone alone"
    )
    assert item.csl["page"] == "101234"
    assert item.csl["DOI"] == "10.1016/S1470-2045(21)00128-5"
    assert item.csl["issued"] == {"date-parts": [[2021]]}
    assert item.csl["available-date"] == {"date-parts": [[2021, 6]]}
    assert item.csl["container-title-short"] == "LANCET ONCOL"
    assert item.unmapped == {"wos:PD": ["FAL"], "wos:UT": ["WOS:000660000000001"]}
    assert item.notes == (
        "PD 'FAL' is not a month and day (kept unmapped)",
        "AR (article number) '101234' used as the page",
    )


def test_series_proceedings_paper_with_editors_group_author_and_isbns() -> None:
    item = _items()[2]
    assert item.csl["type"] == "paper-conference"
    assert item.csl["author"] == [
        {"family": "Smith", "given": "John"},
        {"literal": "IFM Study Group"},
    ]
    assert item.csl["editor"] == [
        {"family": "Jones", "given": "K"},
        {"family": "Brown", "given": "L"},
    ]
    assert item.csl["collection-title"] == "Lecture Notes in Medicine"
    assert item.csl["ISBN"] == "978-3-030-58167-1, 978-3-030-58168-8"
    assert item.csl["page"] == "82"


@pytest.mark.parametrize(
    ("pt", "dt", "csl_type"),
    [
        pytest.param("J", "Article", "article-journal", id="article"),
        pytest.param("J", "Review", "article-journal", id="review-article-is-a-journal-article"),
        pytest.param(
            "J", "Article; Proceedings Paper", "article-journal", id="journal-proceedings"
        ),
        pytest.param("J", "Book Review", "review-book", id="book-review"),
        pytest.param("C", "Proceedings Paper", "paper-conference", id="conference"),
        pytest.param("B", "Book", "book", id="book"),
        pytest.param("B", "Book Chapter", "chapter", id="book-chapter"),
        pytest.param("S", "Article", "chapter", id="series"),
        pytest.param("P", "Patent", "patent", id="patent"),
    ],
)
def test_types_from_pt_and_dt(pt: str, dt: str, csl_type: str) -> None:
    parsed = read_wos(f"PT {pt}\nTI Title\nDT {dt}\nER\n", path="t.txt")
    assert parsed.items[0].csl["type"] == csl_type
    assert parsed.items[0].csl["genre"] == dt


def test_unknown_pt_is_a_document_with_a_note() -> None:
    item = read_wos("PT X\nTI Title\nER\n", path="t.txt").items[0]
    assert item.csl["type"] == "document"
    assert item.notes == ("PT 'X' / DT '': read as a document",)


@pytest.mark.parametrize(
    ("lines", "issued"),
    [
        pytest.param(["PY 2017"], {"date-parts": [[2017]]}, id="year"),
        pytest.param(["PD NOV", "PY 2017"], {"date-parts": [[2017, 11]]}, id="month"),
        pytest.param(["PD NOV 15", "PY 2017"], {"date-parts": [[2017, 11, 15]]}, id="month-day"),
        pytest.param(["PD 2017", "PY 2017"], {"date-parts": [[2017]]}, id="pd-is-the-year"),
        pytest.param(["PD SPR"], {"literal": "SPR"}, id="no-year"),
    ],
)
def test_publication_dates(lines: list[str], issued: dict[str, object]) -> None:
    item = _one(*lines)
    assert item.csl["issued"] == issued
    assert "wos:PD" not in item.unmapped


def test_af_and_au_that_disagree_keep_au_unmapped() -> None:
    item = _one("AU Moreau, P", "   Garfall, AL", "AF Moreau, Philippe")
    assert item.csl["author"] == [{"family": "Moreau", "given": "Philippe"}]
    assert item.unmapped == {"wos:AU": ["Moreau, P", "Garfall, AL"]}
    assert item.notes == ("AF has 1 names and AU 2: AF used, AU kept unmapped",)


def test_au_alone_and_a_name_without_comma() -> None:
    item = _one("AU Moreau, P", "   Anonymous")
    assert item.csl["author"] == [{"family": "Moreau", "given": "P"}, {"literal": "Anonymous"}]


def test_ep_without_bp_is_not_a_page_and_a_bad_pm_is_not_a_pmid() -> None:
    item = _one("EP 505", "PM NLM123")
    assert "page" not in item.csl and "PMID" not in item.csl
    assert item.unmapped == {"wos:EP": ["505"], "wos:PM": ["NLM123"]}


def test_crlf_and_bom() -> None:
    crlf = read_wos("\ufeff" + SAMPLE.replace("\n", "\r\n"), path="savedrecs.txt")
    plain = read_wos(SAMPLE, path="savedrecs.txt")
    assert crlf.items == plain.items
    assert [str(error) for error in crlf.errors] == [str(error) for error in plain.errors]


def test_stray_text_is_an_error_and_neighbours_survive() -> None:
    text = SAMPLE.replace("PT S\n", "garbage between records\nPT S\n")
    parsed = read_wos(text, path="savedrecs.txt")
    assert [item.csl["title"] for item in parsed.items][2] == "A chapter on dosing"
    assert [error.line for error in parsed.errors] == [63, 80]
    assert "garbage between records" in parsed.errors[0].message


def test_missing_er_and_missing_pt_are_notes() -> None:
    parsed = read_wos("PT J\nTI One\nPT J\nTI Two\nER\nTI Three\n", path="t.txt")
    assert [item.csl["title"] for item in parsed.items] == ["One", "Two", "Three"]
    assert parsed.items[0].notes == ("no ER line before the next record's PT",)
    assert parsed.items[2].notes == (
        "the record has no PT line",
        "the file ends before this record's ER line",
        "PT '' / DT '': read as a document",
    )


def test_a_ris_export_from_web_of_science_is_refused_with_a_hint() -> None:
    path = FIXTURES / "formats" / "ris" / "asreview" / "web_of_science.txt"
    text = path.read_text(encoding="utf-8")
    parsed = read_wos(text, path=path.name)
    assert parsed.items == ()
    (error,) = parsed.errors
    assert (error.line, error.hint) == (1, "read it as RIS (--format ris)")
    assert len(read_ris(text, path=path.name).items) == 10


def test_empty_input() -> None:
    assert read_wos("", path="t.txt").items == ()
    assert (
        read_wos("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", path="t.txt").errors == ()
    )
