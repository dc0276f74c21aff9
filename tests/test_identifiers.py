"""Tests for evidence.identifiers: every accepted form, every piece of advice, which identifier
in a pasted reference wins. What a reference's parts are is tested in test_pasted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.errors import IdentifierError
from evidence.identifiers import (
    CitationParts,
    Identifier,
    IdKind,
    expand_page_range,
    inspect,
    parse,
    parse_many,
)
from evidence.pasted import read_reference

IKEMA_DOI = "10.1016/S0140-6736(21)00592-4"
IKEMA_KEY = "doi:10.1016/s0140-6736(21)00592-4"
IKEMA_TITLE = (
    "Isatuximab, carfilzomib, and dexamethasone in relapsed multiple myeloma (IKEMA): "
    "a multicentre, open-label, randomised phase 3 trial"
)
IKEMA_AMA = (
    "Moreau P, Dimopoulos MA, Mikhael J, et al. "
    f"{IKEMA_TITLE}. Lancet. 2021;397(10292):2361-2371. doi:{IKEMA_DOI}"
)
IKEMA_NLM = (
    "Moreau P, Dimopoulos MA, Mikhael J, Yong K, Capra M, Facon T, et al. "
    f"{IKEMA_TITLE}. Lancet. 2021 Jun 19;397(10292):2361-71."
)
REFERENCE_ADVICE = (
    "a pasted reference needs the journal, year, volume and first page "
    "(e.g. 'Moreau P, et al. Lancet 2021;397:2361-71'), or the first author, title and year; "
    "or give its PMID or DOI"
)
AHEAD_OF_PRINT = (
    "Smith J, et al. A long title of the study. Nat Med. 2024 Jan 5. Online ahead of print."
)


ACCEPTED = [
    # PMID
    pytest.param("34097854", "pmid:34097854", id="pmid-bare"),
    pytest.param("1", "pmid:1", id="pmid-one-digit"),
    pytest.param("123456789", "pmid:123456789", id="pmid-nine-digits"),
    pytest.param("0034097854", "pmid:34097854", id="pmid-bare-leading-zeros"),
    pytest.param("pmid:0034097854", "pmid:34097854", id="pmid-prefix-leading-zeros"),
    pytest.param("pmid:34097854", "pmid:34097854", id="pmid-prefix-lower"),
    pytest.param("PMID:34097854", "pmid:34097854", id="pmid-prefix-upper"),
    pytest.param("PMID: 34097854", "pmid:34097854", id="pmid-prefix-colon-space"),
    pytest.param("PMID 34097854", "pmid:34097854", id="pmid-prefix-space"),
    pytest.param("  34097854\n", "pmid:34097854", id="pmid-surrounding-whitespace"),
    pytest.param("34097854,", "pmid:34097854", id="pmid-trailing-comma"),
    pytest.param('"34097854"', "pmid:34097854", id="pmid-quoted"),
    pytest.param("\u200b34097854", "pmid:34097854", id="pmid-zero-width-space"),
    pytest.param("https://pubmed.ncbi.nlm.nih.gov/34097854/", "pmid:34097854", id="pmid-url"),
    pytest.param("https://pubmed.ncbi.nlm.nih.gov/34097854", "pmid:34097854",
                 id="pmid-url-no-slash"),
    pytest.param("http://pubmed.ncbi.nlm.nih.gov/34097854/", "pmid:34097854", id="pmid-url-http"),
    pytest.param("pubmed.ncbi.nlm.nih.gov/34097854/", "pmid:34097854", id="pmid-url-no-scheme"),
    pytest.param(
        "https://pubmed.ncbi.nlm.nih.gov/34097854/?from_term=ikema", "pmid:34097854",
        id="pmid-url-query",
    ),
    pytest.param(
        "https://www.ncbi.nlm.nih.gov/pubmed/34097854", "pmid:34097854", id="pmid-url-legacy"
    ),
    # PMCID
    pytest.param("PMC1234567", "pmcid:PMC1234567", id="pmcid-bare"),
    pytest.param("pmc1234567", "pmcid:PMC1234567", id="pmcid-bare-lower"),
    pytest.param("PMCID: PMC1234567", "pmcid:PMC1234567", id="pmcid-prefix-label"),
    pytest.param("pmcid:PMC1234567", "pmcid:PMC1234567", id="pmcid-prefix"),
    pytest.param("pmcid:1234567", "pmcid:PMC1234567", id="pmcid-prefix-digits-only"),
    pytest.param("PMC0012345", "pmcid:PMC12345", id="pmcid-leading-zeros"),
    pytest.param(
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/", "pmcid:PMC1234567",
        id="pmcid-url-legacy",
    ),
    pytest.param(
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/", "pmcid:PMC1234567", id="pmcid-url"
    ),
    pytest.param(
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/pdf/x.pdf", "pmcid:PMC1234567",
        id="pmcid-url-pdf",
    ),
    # DOI
    pytest.param(IKEMA_DOI, IKEMA_KEY, id="doi-bare-internal-parentheses"),
    pytest.param(f"doi:{IKEMA_DOI}", IKEMA_KEY, id="doi-prefix"),
    pytest.param(f"DOI: {IKEMA_DOI}", IKEMA_KEY, id="doi-prefix-upper-space"),
    pytest.param(f"https://doi.org/{IKEMA_DOI}", IKEMA_KEY, id="doi-url"),
    pytest.param(f"http://dx.doi.org/{IKEMA_DOI}", IKEMA_KEY, id="doi-url-dx"),
    pytest.param(f"doi.org/{IKEMA_DOI}", IKEMA_KEY, id="doi-url-no-scheme"),
    pytest.param(f"HTTPS://DOI.ORG/{IKEMA_DOI}", IKEMA_KEY, id="doi-url-upper"),
    pytest.param(
        "https://doi.org/10.1016/S0140-6736%2821%2900592-4", IKEMA_KEY, id="doi-url-percent"
    ),
    pytest.param(f"{IKEMA_DOI}.", IKEMA_KEY, id="doi-trailing-full-stop"),
    pytest.param(f"{IKEMA_DOI},", IKEMA_KEY, id="doi-trailing-comma"),
    pytest.param(f"{IKEMA_DOI};", IKEMA_KEY, id="doi-trailing-semicolon"),
    pytest.param(f"{IKEMA_DOI}).", IKEMA_KEY, id="doi-unbalanced-parenthesis"),
    pytest.param(f"<{IKEMA_DOI}>", IKEMA_KEY, id="doi-angle-brackets"),
    pytest.param(
        "10.1016/S0140\u20106736(21)00592\u20104", IKEMA_KEY, id="doi-unicode-hyphens-from-pdf"
    ),
    pytest.param(
        "10.1038/s41408-023-00797-8", "doi:10.1038/s41408-023-00797-8", id="doi-martin-2023"
    ),
    pytest.param("10.7554/eLife.32822", "doi:10.7554/elife.32822", id="doi-lowercased"),
    pytest.param("10.1000.10/ABC(1)", "doi:10.1000.10/abc(1)", id="doi-subdivided-registrant"),
    pytest.param("10.123456789/x", "doi:10.123456789/x", id="doi-nine-digit-registrant"),
    # NCT
    pytest.param("NCT03275285", "nct:NCT03275285", id="nct-bare"),
    pytest.param("nct03275285", "nct:NCT03275285", id="nct-lower"),
    pytest.param("nct:NCT03275285", "nct:NCT03275285", id="nct-prefix"),
    pytest.param("nct:03275285", "nct:NCT03275285", id="nct-prefix-digits-only"),
    pytest.param("NCT 03275285", "nct:NCT03275285", id="nct-space"),
    pytest.param(
        "https://clinicaltrials.gov/study/NCT03275285", "nct:NCT03275285", id="nct-url-study"
    ),
    pytest.param(
        "https://clinicaltrials.gov/ct2/show/NCT03275285", "nct:NCT03275285", id="nct-url-ct2"
    ),
    pytest.param(
        "https://www.clinicaltrials.gov/show/NCT03275285?term=x", "nct:NCT03275285",
        id="nct-url-show-query",
    ),
    # Keys read back
    pytest.param("citation:Mann BJ. Proc Natl Acad Sci U S A 1991;88:3248",
                 "citation:Mann BJ. Proc Natl Acad Sci U S A 1991;88:3248", id="citation-key"),
    pytest.param("citation:" + AHEAD_OF_PRINT.rstrip("."), "citation:" + AHEAD_OF_PRINT.rstrip("."),
                 id="citation-key-ahead-of-print"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "key"), ACCEPTED)
def test_parse_accepted_forms(text: str, key: str) -> None:
    identifier = parse(text)
    assert identifier.key == key
    assert identifier.raw == text
    assert inspect(text) is None


@pytest.mark.parametrize(("text", "key"), ACCEPTED)
def test_keys_round_trip(text: str, key: str) -> None:
    assert parse(key).key == key


ADVICE = [
    pytest.param("", "nothing was given; type a PMID, DOI, PMCID, NCT number or a pasted reference",
                 id="empty"),
    pytest.param("  \t ", "nothing was given; type a PMID, DOI, PMCID, NCT number or a pasted "
                 "reference", id="whitespace-only"),
    pytest.param("NCT0327528", "an NCT number is 'NCT' followed by 8 digits; 'NCT0327528' has 7",
                 id="nct-seven-digits"),
    pytest.param("NCT032752851",
                 "an NCT number is 'NCT' followed by 8 digits; 'NCT032752851' has 9",
                 id="nct-nine-digits"),
    pytest.param("NCT", "an NCT number is 'NCT' followed by 8 digits; 'NCT' has none",
                 id="nct-no-digits"),
    pytest.param("NCT0327528X", "an NCT number is 'NCT' followed by 8 digits; 'NCT0327528X' is not",
                 id="nct-letter"),
    pytest.param("https://clinicaltrials.gov/study/NCT123",
                 "an NCT number is 'NCT' followed by 8 digits; 'NCT123' has 3", id="nct-url-short"),
    pytest.param("10.1038",
                 "the DOI '10.1038' is missing the part after the '/'; copy the whole DOI",
                 id="doi-no-suffix"),
    pytest.param("doi:10.1038/", "the DOI '10.1038/' is missing the part after the '/'; copy the "
                 "whole DOI", id="doi-empty-suffix"),
    pytest.param("10.12/abc", "a DOI starts with '10.' and 4 to 9 digits before the '/'; "
                 "'10.12/abc' does not", id="doi-short-registrant"),
    pytest.param("doi:11.1234/abc", "a DOI starts with '10.' (e.g. 10.1038/s41408-023-00797-8); "
                 "'11.1234/abc' does not", id="doi-not-10"),
    pytest.param("https://doi.org/10.1234/a%20b", "a DOI has no spaces; '10.1234/a%20b' has",
                 id="doi-encoded-space"),
    pytest.param("doi:", "'doi:' has no DOI in it; give one such as 10.1016/S0140-6736(21)00592-4",
                 id="doi-prefix-alone"),
    pytest.param("pmid:abc", "a PMID is digits only (e.g. 34097854); 'abc' is not",
                 id="pmid-letters"),
    pytest.param("PMID: 3409785a", "a PMID is digits only (e.g. 34097854); '3409785a' is not",
                 id="pmid-trailing-letter"),
    pytest.param("0", "'0' is not a PMID: PMIDs start at 1", id="pmid-zero"),
    pytest.param("pmid:000", "'000' is not a PMID: PMIDs start at 1", id="pmid-zeros"),
    pytest.param("1234567890", "a PMID has at most 9 digits; '1234567890' has 10",
                 id="pmid-ten-digits"),
    pytest.param("pmid:", "'pmid:' has no PMID in it; give one such as 34097854",
                 id="pmid-prefix-alone"),
    pytest.param("https://pubmed.ncbi.nlm.nih.gov/?term=ikema",
                 "'https://pubmed.ncbi.nlm.nih.gov/?term=ikema' has no PMID in it; give one such "
                 "as 34097854", id="pmid-search-url"),
    pytest.param("PMC", "a PMCID is 'PMC' followed by digits (e.g. PMC1234567); 'PMC' is not",
                 id="pmcid-no-digits"),
    pytest.param("PMC12x", "a PMCID is 'PMC' followed by digits (e.g. PMC1234567); 'PMC12x' is not",
                 id="pmcid-letter"),
    pytest.param("PMC0", "'0' is not a PMCID: PMCIDs start at 1", id="pmcid-zero"),
    pytest.param("https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(21)00592-4",
                 "'https://www.thelancet.com/journals/lancet/article/PIIS0140-…' is a web page "
                 "evidence cannot read; give the article's PMID or DOI (PubMed, PMC, doi.org and "
                 "ClinicalTrials.gov addresses work too)", id="publisher-url"),
    pytest.param("IKEMA trial isatuximab", REFERENCE_ADVICE, id="reference-free-text"),
    pytest.param("Moreau P, et al. Lancet 2021", f"{REFERENCE_ADVICE}; this one has no title",
                 id="reference-no-volume-page-or-title"),
    pytest.param("Smith J. A title. Nature", f"{REFERENCE_ADVICE}; this one has no year",
                 id="reference-no-year"),
    pytest.param("Moreau P, et al. Lancet 2021;(10292):2361-71",
                 f"{REFERENCE_ADVICE}; this one has no volume", id="reference-no-volume"),
    pytest.param("2021;397:2361-71", f"{REFERENCE_ADVICE}; this one has no journal",
                 id="reference-no-journal"),
    pytest.param("34097854 34097855", REFERENCE_ADVICE, id="two-pmids-on-one-line"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "advice"), ADVICE)
def test_inspect_advice(text: str, advice: str) -> None:
    assert inspect(text) == advice


@pytest.mark.parametrize(("text", "advice"), ADVICE)
def test_parse_raises_the_advice(text: str, advice: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    assert caught.value.message == advice
    one_line = " ".join(text.split())
    shown = one_line if len(one_line) <= 60 else one_line[:59] + "…"
    assert caught.value.item == f"'{shown}'"


def test_error_is_one_line_naming_the_item() -> None:
    with pytest.raises(IdentifierError) as caught:
        parse("NCT0327528")
    assert str(caught.value) == (
        "'NCT0327528': an NCT number is 'NCT' followed by 8 digits; 'NCT0327528' has 7; "
        "check what you typed against the source"
    )


def test_long_item_is_shortened() -> None:
    with pytest.raises(IdentifierError) as caught:
        parse("word " * 40)
    assert caught.value.item == "'" + ("word " * 12)[:59] + "…'"


REFERENCES = [
    pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", IdKind.CITATION,
                 "citation:Moreau P, et al. Lancet 2021;397:2361-71", id="compact-ikema"),
    pytest.param(IKEMA_AMA, IdKind.DOI, IKEMA_KEY, id="ama-ikema-doi-wins"),
    pytest.param(IKEMA_NLM, IdKind.CITATION, "citation:" + IKEMA_NLM.rstrip("."),
                 id="nlm-ikema-dated"),
    pytest.param(IKEMA_NLM + f" doi:{IKEMA_DOI} PubMed PMID: 34097854.", IdKind.PMID,
                 "pmid:34097854", id="nlm-ikema-pmid-beats-doi"),
    pytest.param("Moreau P, et al. Lancet 2021;397:2361-71. PMID: 34097854", IdKind.PMID,
                 "pmid:34097854", id="compact-with-pmid"),
    pytest.param("Moreau P, et al. Lancet 2021;397:2361-71. PMID: 0. doi:10.12/x. "
                 "PMCID: PMC7654321", IdKind.PMCID, "pmcid:PMC7654321",
                 id="invalid-pmid-and-doi-skipped"),
    pytest.param("12. Moreau P, et al. Lancet 2021;397:2361\u201371", IdKind.CITATION,
                 "citation:Moreau P, et al. Lancet 2021;397:2361-71", id="numbered-list-en-dash"),
    pytest.param("van der Berg AB, et al. Blood 2019;134:1-9 (https://example.org/x)",
                 IdKind.CITATION,
                 "citation:van der Berg AB, et al. Blood 2019;134:1-9 (https://example.org/x)",
                 id="web-address-kept-in-key"),
    pytest.param(AHEAD_OF_PRINT, IdKind.CITATION, "citation:" + AHEAD_OF_PRINT.rstrip("."),
                 id="ahead-of-print"),
    pytest.param("Smith J, et al. A long title of the study. Nat Med. Published online January 5, "
                 "2024. doi:10.1038/s41591-023-02700-1", IdKind.DOI,
                 "doi:10.1038/s41591-023-02700-1", id="ahead-of-print-doi-wins"),
    pytest.param("Isatuximab in myeloma, PMCID: PMC7654321", IdKind.PMCID, "pmcid:PMC7654321",
                 id="pmcid-in-free-text"),
    pytest.param(f"the IKEMA paper ({IKEMA_DOI})", IdKind.DOI, IKEMA_KEY,
                 id="doi-in-parentheses-in-free-text"),
    pytest.param(f"IKEMA: doi:{IKEMA_DOI}. Interim analysis", IdKind.DOI, IKEMA_KEY,
                 id="doi-full-stop-in-free-text"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "key"), REFERENCES)
def test_references(text: str, kind: IdKind, key: str) -> None:
    identifier = parse(text)
    assert (identifier.kind, identifier.key, identifier.raw) == (kind, key, text)
    assert identifier.citation == read_reference(text).parts
    assert parse(identifier.key).key == key


def test_identifier_alone_carries_no_citation() -> None:
    assert parse(IKEMA_DOI) == Identifier(IdKind.DOI, IKEMA_DOI.lower(), IKEMA_DOI)


def test_nct_in_a_journal_reference_is_not_the_paper() -> None:
    text = "Moreau P, et al. IKEMA (NCT03275285). Lancet 2021;397:2361-71"
    assert parse(text).kind is IdKind.CITATION


def test_ahead_of_print_reference_is_accepted_for_a_title_search() -> None:
    citation = parse(AHEAD_OF_PRINT).citation
    assert citation is not None
    assert (citation.first_author, citation.title, citation.journal, citation.year) == (
        "Smith",
        "A long title of the study",
        "Nat Med",
        2024,
    )
    assert (citation.searchable, citation.ecitmatch_ready) == (True, False)


def test_pasted_names_are_re_exported() -> None:
    from evidence import pasted

    assert CitationParts is pasted.CitationParts
    assert expand_page_range is pasted.expand_page_range


def test_parse_many_keeps_good_reports_bad_and_collapses_duplicates() -> None:
    found, errors = parse_many(
        [
            "34097854",
            "NCT0327528",
            "https://pubmed.ncbi.nlm.nih.gov/34097854/",
            IKEMA_AMA,
            "pmid:abc",
            f"https://doi.org/{IKEMA_DOI}",
            "NCT03275285",
        ]
    )
    assert [(i.key, i.raw) for i in found] == [
        ("pmid:34097854", "34097854"),
        (IKEMA_KEY, IKEMA_AMA),
        ("nct:NCT03275285", "NCT03275285"),
    ]
    assert [e.item for e in errors] == ["'NCT0327528'", "'pmid:abc'"]


def test_parse_many_empty() -> None:
    assert parse_many([]) == ([], [])


# --- properties ----------------------------------------------------------------------------

_DOI_SUFFIX = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._;()/:<>", max_size=30
).map(lambda body: body + "x")
_DOIS = st.builds(
    lambda registrant, sub, suffix: f"10.{registrant}{sub}/{suffix}",
    st.from_regex(r"[0-9]{4,9}", fullmatch=True),
    st.sampled_from(["", ".1", ".12.3"]),
    _DOI_SUFFIX,
)


@given(st.integers(min_value=1, max_value=999_999_999))
def test_pmid_round_trips(number: int) -> None:
    identifier = parse(str(number))
    assert identifier.key == f"pmid:{number}"
    assert parse(identifier.key).key == identifier.key


@given(st.integers(min_value=1, max_value=999_999_999))
def test_pmcid_round_trips(number: int) -> None:
    identifier = parse(f"PMC{number}")
    assert identifier.key == f"pmcid:PMC{number}"
    assert parse(identifier.key).key == identifier.key


@given(st.integers(min_value=0, max_value=99_999_999))
def test_nct_round_trips(number: int) -> None:
    identifier = parse(f"nct{number:08d}")
    assert identifier.key == f"nct:NCT{number:08d}"
    assert parse(identifier.key).key == identifier.key


@given(_DOIS)
def test_doi_round_trips(doi: str) -> None:
    identifier = parse(doi)
    assert identifier.key == f"doi:{doi.lower()}"
    assert parse(identifier.key).key == identifier.key
    assert parse(f"https://doi.org/{doi}").key == identifier.key


@given(st.text())
def test_inspect_never_raises_and_agrees_with_parse(text: str) -> None:
    advice = inspect(text)
    if advice is None:
        assert parse(text).raw == text
    else:
        assert "\n" not in advice
        with pytest.raises(IdentifierError):
            parse(text)


@given(st.text(alphabet="0123456789PMCNTdoi.:/;()- \n,et alLancet", max_size=60))
def test_inspect_never_raises_on_identifier_like_text(text: str) -> None:
    assert inspect(text) is None or isinstance(inspect(text), str)
