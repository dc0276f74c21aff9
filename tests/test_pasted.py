"""Tests for evidence.pasted: the parts of real-world reference shapes, advice, page ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.pasted import (
    REFERENCE_ADVICE,
    CitationParts,
    expand_page_range,
    fold_characters,
    read_reference,
    reference_advice,
)

IKEMA_DOI = "10.1016/S0140-6736(21)00592-4"
IKEMA_TITLE = (
    "Isatuximab, carfilzomib, and dexamethasone in relapsed multiple myeloma (IKEMA): "
    "a multicentre, open-label, randomised phase 3 trial"
)
IKEMA_AUTHORS = "Moreau P, Dimopoulos MA, Mikhael J, et al."
IKEMA_NLM_AUTHORS = "Moreau P, Dimopoulos MA, Mikhael J, Yong K, Capra M, Facon T, et al."
IKEMA = dict(
    first_author="Moreau", first_author_initials="P", title=IKEMA_TITLE, journal="Lancet",
    year=2021, volume="397", issue="10292", first_page="2361", last_page="2371",
)  # fmt: skip
COMPACT = dict(
    first_author="Moreau", first_author_initials="P", journal="Lancet", year=2021, volume="397",
    first_page="2361", last_page="2371",
)  # fmt: skip
AHEAD = dict(first_author="Smith", first_author_initials="J", title="A long title of the study")
GBD_TITLE = (
    "Global burden of 369 diseases and injuries in 204 countries and territories, 1990-2019: "
    "a systematic analysis for the Global Burden of Disease Study 2019"
)


def parts(raw: str, **fields: object) -> CitationParts:
    """CitationParts with every field None except those given."""
    names = (
        "first_author first_author_initials title journal year volume issue first_page last_page"
    ).split()
    unknown = set(fields) - set(names)
    assert not unknown, unknown
    return CitationParts(raw, *(fields.get(name) for name in names))  # type: ignore[arg-type]


# Published references, with volume and pages.
FULL = [
    pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", COMPACT, id="compact-ikema"),
    pytest.param(
        f"{IKEMA_AUTHORS} {IKEMA_TITLE}. Lancet. 2021;397(10292):2361-2371. doi:{IKEMA_DOI}",
        IKEMA, id="ama-ikema",
    ),
    pytest.param(
        f"{IKEMA_AUTHORS} {IKEMA_TITLE}. *Lancet*. 2021;397(10292):2361-2371. doi:{IKEMA_DOI}",
        IKEMA, id="ama-markdown-italics",
    ),
    pytest.param(
        f"{IKEMA_NLM_AUTHORS} {IKEMA_TITLE}. Lancet. 2021 Jun 19;397(10292):2361-71.", IKEMA,
        id="nlm-dated-issue",
    ),
    pytest.param(
        f"{IKEMA_NLM_AUTHORS} {IKEMA_TITLE}. Lancet. 2021 Jun 19;397(10292):2361-2371. "
        f"doi: {IKEMA_DOI}. Epub 2021 Jun 4. Erratum in: Lancet. 2021 Jul 10;398(10295):130. "
        "PMID: 34097854.",
        IKEMA, id="pubmed-citation-epub-erratum-pmid",
    ),
    pytest.param(
        f"{IKEMA_AUTHORS} {IKEMA_TITLE}. Lancet 2021;\u2009397:\u20092361\u201371.",
        {**IKEMA, "issue": None}, id="lancet-spaced-en-dash",
    ),
    pytest.param(
        "Smith J, Doe A, Roe B, et al. Dexamethasone 0\u00b75 mg/kg versus 1\u00b70 mg/kg in "
        "children with croup: a randomised trial. Lancet 2019; 393: 1125\u201333.",
        dict(first_author="Smith", first_author_initials="J", journal="Lancet", year=2019,
             title="Dexamethasone 0\u00b75 mg/kg versus 1\u00b70 mg/kg in children with croup: "
             "a randomised trial", volume="393", first_page="1125", last_page="1133"),
        id="lancet-middle-dot-decimals",
    ),
    pytest.param(
        "Prasad V. Do cancer drugs improve survival or quality of life? BMJ. 2017;359:j4528.",
        dict(first_author="Prasad", first_author_initials="V", journal="BMJ", year=2017,
             title="Do cancer drugs improve survival or quality of life?", volume="359",
             first_page="j4528"),
        id="title-ends-with-question-mark",
    ),
    pytest.param(
        f"GBD 2019 Diseases and Injuries Collaborators. {GBD_TITLE}. Lancet. "
        "2020;396(10258):1204-1222.",
        dict(title=GBD_TITLE, journal="Lancet", year=2020, volume="396", issue="10258",
             first_page="1204", last_page="1222"),
        id="collective-author-title-colon-and-years",
    ),
    pytest.param(
        "RECOVERY Collaborative Group; Horby P, Lim WS, Emberson JR, et al. Dexamethasone in "
        "Hospitalized Patients with Covid-19. N Engl J Med. 2021;384(8):693-704.",
        dict(title="Dexamethasone in Hospitalized Patients with Covid-19",
             journal="N Engl J Med", year=2021, volume="384", issue="8", first_page="693",
             last_page="704"),
        id="collective-then-people",
    ),
    pytest.param(
        "COVID-19 Investigators. Outcomes of patients in hospital. Lancet. 2020;395:1-10.",
        dict(title="Outcomes of patients in hospital", journal="Lancet", year=2020,
             volume="395", first_page="1", last_page="10"),
        id="collective-author-is-none",
    ),
    pytest.param(
        "Eysenbach G. What is e-health? J Med Internet Res [Internet]. 2001 [cited 2024 Feb 1];"
        "3(2):e20. Available from: https://www.jmir.org/2001/2/e20/",
        dict(first_author="Eysenbach", first_author_initials="G", title="What is e-health?",
             journal="J Med Internet Res", year=2001, volume="3", issue="2", first_page="e20"),
        id="nlm-internet-cited-available",
    ),
    pytest.param(
        "Zhu N, Zhang D, Wang W, et al. A Novel Coronavirus from Patients with Pneumonia in "
        "China, 2019. N Engl J Med. 2020;382(8):727-733.",
        dict(first_author="Zhu", first_author_initials="N",
             title="A Novel Coronavirus from Patients with Pneumonia in China, 2019",
             journal="N Engl J Med", year=2020, volume="382", issue="8", first_page="727",
             last_page="733"),
        id="ama-year-in-title",
    ),
    pytest.param(
        "Richter J, Sanchez L, Thibaud S. Therapeutic potential of isatuximab in the treatment of "
        "multiple myeloma: Evidence to date. Semin Oncol. 2020;47(2-3):155-164.",
        dict(first_author="Richter", first_author_initials="J",
             title="Therapeutic potential of isatuximab in the treatment of multiple myeloma: "
             "Evidence to date", journal="Semin Oncol", year=2020, volume="47", issue="2-3",
             first_page="155", last_page="164"),
        id="three-authors-double-issue",
    ),
    pytest.param(
        "Smith J and Jones K. A trial of drug X vs. placebo in adults. N Engl J Med. "
        "2023;388:1-10.",
        dict(first_author="Smith", first_author_initials="J",
             title="A trial of drug X vs. placebo in adults", journal="N Engl J Med", year=2023,
             volume="388", first_page="1", last_page="10"),
        id="abbreviation-in-title-and-authors",
    ),
    pytest.param(
        "Martin T, et al. Blood Cancer J 2023;13:72",
        dict(first_author="Martin", first_author_initials="T", journal="Blood Cancer J",
             year=2023, volume="13", first_page="72"),
        id="article-number",
    ),
    pytest.param(
        "Mann BJ. Proc Natl Acad Sci U S A 1991;88:3248",
        dict(first_author="Mann", first_author_initials="BJ", journal="Proc Natl Acad Sci U S A",
             year=1991, volume="88", first_page="3248"),
        id="single-author-ecitmatch-fixture",
    ),
    pytest.param(
        "Moreau P, et al. Lancet. 2021, vol. 397, no. 10292, pp. 2361-71.",
        {**COMPACT, "issue": "10292"}, id="vancouver-vol-pp",
    ),
    pytest.param("12. Moreau P, et al. Lancet 2021;397:2361\u201371", COMPACT,
                 id="numbered-list-en-dash"),
    pytest.param(
        "Smith J. A trial. J. Clin. Oncol. 2020;38(15):e338.",
        dict(first_author="Smith", first_author_initials="J", title="A trial",
             journal="J. Clin. Oncol", year=2020, volume="38", issue="15", first_page="e338"),
        id="dotted-journal-e-page",
    ),
    pytest.param(
        "van der Berg AB, et al. Blood 2019;134:1-9 (https://example.org/x)",
        dict(first_author="van der Berg", first_author_initials="AB", journal="Blood",
             year=2019, volume="134", first_page="1", last_page="9"),
        id="surname-particles-and-url",
    ),
    pytest.param(
        "Smith J, et al. A long title here. eLife 2023;12:e80000",
        dict(first_author="Smith", first_author_initials="J", title="A long title here",
             journal="eLife", year=2023, volume="12", first_page="e80000"),
        id="mixed-case-journal",
    ),
]  # fmt: skip

# Published online ahead of print: a year, no volume or pages yet.
AHEAD_OF_PRINT = [
    pytest.param(
        "Smith J, Doe A. Fatty acid oxidation protects cancer cells from apoptosis. Cell Rep. "
        "2022.",
        dict(first_author="Smith", first_author_initials="J", journal="Cell Rep", year=2022,
             title="Fatty acid oxidation protects cancer cells from apoptosis"),
        id="year-only",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. Nat Med. 2024 Jan 5. Online ahead of print.",
        dict(AHEAD, journal="Nat Med", year=2024), id="nlm-online-ahead-of-print",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. Nat Med. Published online January 5, 2024. "
        "doi:10.1038/s41591-023-02700-1",
        dict(AHEAD, journal="Nat Med", year=2024), id="ama-published-online",
    ),
    pytest.param(
        "Smith J, Doe A, Roe B. A long title of the study. Nat Med. 2024 Jan 5. "
        "doi: 10.1038/s41591-023-02700-1. Epub ahead of print.",
        dict(AHEAD, journal="Nat Med", year=2024), id="nlm-epub-ahead-of-print",
    ),
    pytest.param(
        "Smith J, Doe A. A long title of the study. Nat Med. 2024 Jan 5 [Epub ahead of print].",
        dict(AHEAD, journal="Nat Med", year=2024), id="vancouver-bracketed-epub",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. JAMA Oncol. "
        "2024;10.1001/jamaoncol.2023.1234 [published online ahead of print, 2024 Jan 5]",
        dict(AHEAD, journal="JAMA Oncol", year=2024), id="pubmed-ama-doi-in-volume-place",
    ),
    pytest.param(
        "Smith J, Doe A. Deep learning for sepsis: a cohort study. JAMA Netw Open [Internet]. "
        "2024 Jan 5 [cited 2024 Feb 1]. Available from: https://example.org/x",
        dict(first_author="Smith", first_author_initials="J", journal="JAMA Netw Open",
             title="Deep learning for sepsis: a cohort study", year=2024),
        id="nlm-internet-no-pages",
    ),
    pytest.param(
        "Smith J, et al. Is screening worth it? BMJ. 2024 Jan 5. Online ahead of print.",
        dict(first_author="Smith", first_author_initials="J", journal="BMJ", year=2024,
             title="Is screening worth it?"),
        id="question-title",
    ),
    pytest.param(
        "Smith J, et al. COVID-19 in 2020: lessons from 1918. Lancet Infect Dis. 2021 Mar. "
        "Epub 2020 Dec 1.",
        dict(first_author="Smith", first_author_initials="J", journal="Lancet Infect Dis",
             title="COVID-19 in 2020: lessons from 1918", year=2021),
        id="issue-year-beats-epub-year",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. medRxiv. Preprint posted online "
        "March 3, 2023. doi:10.1101/2023.03.01.23286634",
        dict(AHEAD, journal="medRxiv", year=2023), id="preprint-posted-online",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. Lancet 2024; published online Jan 5.",
        dict(AHEAD, journal="Lancet", year=2024), id="lancet-published-online",
    ),
    pytest.param(
        "Smith J, et al. A long title of the study. Cell Rep. 2024 Feb;43(2).",
        dict(AHEAD, journal="Cell Rep", year=2024, volume="43", issue="2"),
        id="volume-without-pages",
    ),
    pytest.param(
        "Smith J, Doe A. Fatty acid oxidation protects cancer cells from apoptosis. 2022.",
        dict(first_author="Smith", first_author_initials="J", year=2022,
             title="Fatty acid oxidation protects cancer cells from apoptosis"),
        id="no-journal",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fields"), FULL + AHEAD_OF_PRINT)
def test_read_reference_parts(text: str, fields: dict[str, object]) -> None:
    assert read_reference(text).parts == parts(text, **fields)


@pytest.mark.parametrize(("text", "fields"), AHEAD_OF_PRINT)
def test_ahead_of_print_is_searchable_not_ecitmatch_ready(
    text: str, fields: dict[str, object]
) -> None:
    found = read_reference(text).parts
    assert (found.searchable, found.ecitmatch_ready) == (True, False)
    assert reference_advice(found) is None


@pytest.mark.parametrize(("text", "fields"), FULL)
def test_full_references_need_no_advice(text: str, fields: dict[str, object]) -> None:
    assert reference_advice(read_reference(text).parts) is None


def test_raw_is_kept_apart_from_the_text() -> None:
    reference = read_reference("citation:12. *Moreau P*, et al. Lancet 2021;397:2361\u201371.", "x")
    assert reference.text == "Moreau P, et al. Lancet 2021;397:2361-71"
    assert reference.parts.raw == "x"


@pytest.mark.parametrize(
    ("text", "identifiers"),
    [
        pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", (), id="none"),
        pytest.param(
            f"Lancet. 2021;397:2361-71. doi: {IKEMA_DOI}. PubMed PMID: 34097854; "
            "PMCID: PMC7654321.",
            (("pmid", "34097854"), ("doi", f"{IKEMA_DOI}."), ("pmcid", "PMC7654321")),
            id="pmid-doi-pmcid-in-preference-order",
        ),
        pytest.param(
            f"Lancet 2021;397:2361-71. https://doi.org/{IKEMA_DOI}",
            (("doi", IKEMA_DOI),),
            id="doi-address",
        ),
        pytest.param(
            "JAMA Oncol. 2024;10.1001/jamaoncol.2023.1234[published online ahead of print]",
            (("doi", "10.1001/jamaoncol.2023.1234"),),
            id="doi-stops-at-bracket",
        ),
        pytest.param("IKEMA (NCT03275285). Lancet 2021;397:2361-71", (), id="nct-is-not-taken"),
    ],
)
def test_identifiers_written_inside(text: str, identifiers: tuple[tuple[str, str], ...]) -> None:
    assert read_reference(text).identifiers == identifiers


@pytest.mark.parametrize(
    ("text", "ready"),
    [
        pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", True, id="compact"),
        pytest.param(f"{IKEMA_AUTHORS} {IKEMA_TITLE}. Lancet. 2021;397:2361-71.", True, id="ama"),
        pytest.param("Lancet 2021;397:2361-71", False, id="no-author"),
        pytest.param("COVID-19 Investigators. Lancet. 2020;395:1-10", False, id="collective"),
        pytest.param("Smith J. A title. Nat Med. 2024 Jan 5", False, id="ahead-of-print"),
    ],
)
def test_ecitmatch_ready(text: str, ready: bool) -> None:
    assert read_reference(text).parts.ecitmatch_ready is ready


@pytest.mark.parametrize(
    ("text", "searchable"),
    [
        pytest.param("Smith J. A title. Nat Med. 2024 Jan 5", True, id="ahead-of-print"),
        pytest.param(f"{IKEMA_AUTHORS} {IKEMA_TITLE}. Lancet. 2021;397:2361-71.", True, id="ama"),
        pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", False, id="compact-no-title"),
        pytest.param("COVID-19 Investigators. A title. Lancet. 2020", False, id="collective"),
        pytest.param("Smith J. A title. Nat Med", False, id="no-year"),
    ],
)
def test_searchable(text: str, searchable: bool) -> None:
    assert read_reference(text).parts.searchable is searchable


@pytest.mark.parametrize(
    ("text", "lacks"),
    [
        pytest.param("IKEMA trial isatuximab", None, id="free-text"),
        pytest.param("34097854 34097855", None, id="two-numbers"),
        pytest.param("Moreau P, et al. Lancet 2021", "title", id="compact-without-volume-page"),
        pytest.param("Moreau P, et al. Lancet 2021;(10292):2361-71", "volume", id="no-volume"),
        pytest.param("2021;397:2361-71", "journal", id="no-journal"),
        pytest.param("Smith J. A great title. Nature", "year", id="no-year"),
        pytest.param("Moreau P, et al. Lancet;397:2361-71", "year", id="compact-no-year"),
        pytest.param("Fatty acid oxidation. Cell Rep. 2022", "volume or first page",
                     id="title-journal-year-no-author"),
        pytest.param("COVID-19 Investigators. Outcomes of patients. Lancet. 2020",
                     "first author", id="collective-ahead-of-print"),
    ],
)  # fmt: skip
def test_reference_advice_names_what_is_missing(text: str, lacks: str | None) -> None:
    advice = reference_advice(read_reference(text).parts)
    assert advice == (
        REFERENCE_ADVICE if lacks is None else f"{REFERENCE_ADVICE}; this one has no {lacks}"
    )


def test_advice_names_both_ways() -> None:
    assert REFERENCE_ADVICE == (
        "a pasted reference needs the journal, year, volume and first page "
        "(e.g. 'Moreau P, et al. Lancet 2021;397:2361-71'), or the first author, title and year; "
        "or give its PMID or DOI"
    )


def test_fold_characters() -> None:
    assert fold_characters("\ufeff2361\u2013\u200b71\u00a0x\u2212y") == "2361-71 x-y"


@pytest.mark.parametrize(
    ("first", "last", "expanded"),
    [
        pytest.param("2361", "71", "2371", id="minimal-two-digits"),
        pytest.param("2361", "2371", "2371", id="already-full"),
        pytest.param("155", "164", "164", id="same-length"),
        pytest.param("727", "33", "733", id="nejm"),
        pytest.param("99", "101", "101", id="longer-last"),
        pytest.param("2361", "2", "2362", id="one-digit"),
        pytest.param("e338", "e345", "e345", id="article-number-with-letter"),
        pytest.param("e338", "41", "e341", id="article-number-minimal"),
        pytest.param("S12", "5", "S15", id="supplement-page"),
        pytest.param("e338", "", "e338", id="single-article-number-stays"),
        pytest.param("98", "2", "2", id="would-go-backwards"),
        pytest.param("iv", "x", "x", id="roman-left-alone"),
    ],
)
def test_expand_page_range(first: str, last: str, expanded: str) -> None:
    assert expand_page_range(first, last) == expanded


_REFERENCE_LIKE = st.text(
    alphabet="0123456789 .;:,()[]-?PMCNTdoiEpubaheadofprintJanLcetSmithJ&al\u2013\u00b7",
    max_size=80,
)


@given(st.one_of(st.text(), _REFERENCE_LIKE))
def test_read_reference_never_raises(text: str) -> None:
    reference = read_reference(text)
    assert "\n" not in reference.text
    advice = reference_advice(reference.parts)
    assert advice is None or advice.startswith(REFERENCE_ADVICE)
