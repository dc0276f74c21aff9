"""Tests for evidence.identifiers: every accepted form, every piece of advice, the IKEMA refs."""

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
    "(e.g. 'Moreau P, et al. Lancet 2021;397:2361-71'), or give its PMID or DOI"
)


def parts(raw: str, **fields: object) -> CitationParts:
    """CitationParts with every field None except those given."""
    names = (
        "first_author first_author_initials title journal year volume issue first_page last_page"
    ).split()
    unknown = set(fields) - set(names)
    assert not unknown, unknown
    return CitationParts(raw, *(fields.get(name) for name in names))  # type: ignore[arg-type]


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
    pytest.param("Moreau P, et al. Lancet 2021", REFERENCE_ADVICE, id="reference-no-volume-page"),
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
    pytest.param(
        "Moreau P, et al. Lancet 2021;397:2361-71", IdKind.CITATION,
        "citation:Moreau P, et al. Lancet 2021;397:2361-71",
        dict(first_author="Moreau", first_author_initials="P", journal="Lancet", year=2021,
             volume="397", first_page="2361", last_page="2371"),
        id="compact-ikema",
    ),
    pytest.param(
        IKEMA_AMA, IdKind.DOI, IKEMA_KEY,
        dict(first_author="Moreau", first_author_initials="P", title=IKEMA_TITLE,
             journal="Lancet", year=2021, volume="397", issue="10292", first_page="2361",
             last_page="2371"),
        id="ama-ikema-doi-wins",
    ),
    pytest.param(
        IKEMA_NLM, IdKind.CITATION, "citation:" + IKEMA_NLM.rstrip("."),
        dict(first_author="Moreau", first_author_initials="P", title=IKEMA_TITLE,
             journal="Lancet", year=2021, volume="397", issue="10292", first_page="2361",
             last_page="2371"),
        id="nlm-ikema-dated",
    ),
    pytest.param(
        IKEMA_NLM + f" doi:{IKEMA_DOI} PubMed PMID: 34097854.", IdKind.PMID, "pmid:34097854",
        dict(first_author="Moreau", first_author_initials="P", title=IKEMA_TITLE,
             journal="Lancet", year=2021, volume="397", issue="10292", first_page="2361",
             last_page="2371"),
        id="nlm-ikema-pmid-beats-doi",
    ),
    pytest.param(
        "Moreau P, Dimopoulos MA, Mikhael J, et al. " + IKEMA_TITLE
        + f". *Lancet*. 2021;397(10292):2361-2371. doi:{IKEMA_DOI}", IdKind.DOI, IKEMA_KEY,
        dict(first_author="Moreau", first_author_initials="P", title=IKEMA_TITLE,
             journal="Lancet", year=2021, volume="397", issue="10292", first_page="2361",
             last_page="2371"),
        id="ama-ikema-markdown-italics",
    ),
    pytest.param(
        "Moreau P, et al. Lancet 2021;397:2361-71. PMID: 34097854", IdKind.PMID, "pmid:34097854",
        dict(first_author="Moreau", first_author_initials="P", journal="Lancet", year=2021,
             volume="397", first_page="2361", last_page="2371"),
        id="compact-with-pmid",
    ),
    pytest.param(
        "Martin T, et al. Blood Cancer J 2023;13:72", IdKind.CITATION,
        "citation:Martin T, et al. Blood Cancer J 2023;13:72",
        dict(first_author="Martin", first_author_initials="T", journal="Blood Cancer J",
             year=2023, volume="13", first_page="72"),
        id="article-number",
    ),
    pytest.param(
        "Zhu N, Zhang D, Wang W, et al. A Novel Coronavirus from Patients with Pneumonia in "
        "China, 2019. N Engl J Med. 2020;382(8):727-733.", IdKind.CITATION,
        "citation:Zhu N, Zhang D, Wang W, et al. A Novel Coronavirus from Patients with "
        "Pneumonia in China, 2019. N Engl J Med. 2020;382(8):727-733",
        dict(first_author="Zhu", first_author_initials="N",
             title="A Novel Coronavirus from Patients with Pneumonia in China, 2019",
             journal="N Engl J Med", year=2020, volume="382", issue="8", first_page="727",
             last_page="733"),
        id="ama-year-in-title",
    ),
    pytest.param(
        "Richter J, Sanchez L, Thibaud S. Therapeutic potential of isatuximab in the treatment of "
        "multiple myeloma: Evidence to date. Semin Oncol. 2020;47(2-3):155-164.", IdKind.CITATION,
        "citation:Richter J, Sanchez L, Thibaud S. Therapeutic potential of isatuximab in the "
        "treatment of multiple myeloma: Evidence to date. Semin Oncol. 2020;47(2-3):155-164",
        dict(first_author="Richter", first_author_initials="J",
             title="Therapeutic potential of isatuximab in the treatment of multiple myeloma: "
             "Evidence to date", journal="Semin Oncol", year=2020, volume="47", issue="2-3",
             first_page="155", last_page="164"),
        id="three-authors-double-issue",
    ),
    pytest.param(
        "Mann BJ. Proc Natl Acad Sci U S A 1991;88:3248", IdKind.CITATION,
        "citation:Mann BJ. Proc Natl Acad Sci U S A 1991;88:3248",
        dict(first_author="Mann", first_author_initials="BJ", journal="Proc Natl Acad Sci U S A",
             year=1991, volume="88", first_page="3248"),
        id="single-author-ecitmatch-fixture",
    ),
    pytest.param(
        "COVID-19 Investigators. Outcomes of patients in hospital. Lancet. 2020;395:1-10.",
        IdKind.CITATION,
        "citation:COVID-19 Investigators. Outcomes of patients in hospital. Lancet. 2020;395:1-10",
        dict(title="Outcomes of patients in hospital", journal="Lancet", year=2020,
             volume="395", first_page="1", last_page="10"),
        id="collective-author-is-none",
    ),
    pytest.param(
        "Moreau P, et al. Lancet. 2021, vol. 397, no. 10292, pp. 2361-71.", IdKind.CITATION,
        "citation:Moreau P, et al. Lancet. 2021, vol. 397, no. 10292, pp. 2361-71",
        dict(first_author="Moreau", first_author_initials="P", journal="Lancet", year=2021,
             volume="397", issue="10292", first_page="2361", last_page="2371"),
        id="vancouver-vol-pp",
    ),
    pytest.param(
        "12. Moreau P, et al. Lancet 2021;397:2361\u201371", IdKind.CITATION,
        "citation:Moreau P, et al. Lancet 2021;397:2361-71",
        dict(first_author="Moreau", first_author_initials="P", journal="Lancet", year=2021,
             volume="397", first_page="2361", last_page="2371"),
        id="numbered-list-en-dash",
    ),
    pytest.param(
        "Smith J. A trial. J. Clin. Oncol. 2020;38(15):e338.", IdKind.CITATION,
        "citation:Smith J. A trial. J. Clin. Oncol. 2020;38(15):e338",
        dict(first_author="Smith", first_author_initials="J", title="A trial",
             journal="J. Clin. Oncol", year=2020, volume="38", issue="15", first_page="e338"),
        id="dotted-journal-e-page",
    ),
    pytest.param(
        "van der Berg AB, et al. Blood 2019;134:1-9 (https://example.org/x)", IdKind.CITATION,
        "citation:van der Berg AB, et al. Blood 2019;134:1-9 (https://example.org/x)",
        dict(first_author="van der Berg", first_author_initials="AB", journal="Blood",
             year=2019, volume="134", first_page="1", last_page="9"),
        id="surname-particles-and-url",
    ),
    pytest.param(
        "Isatuximab in myeloma, PMCID: PMC7654321", IdKind.PMCID, "pmcid:PMC7654321",
        dict(), id="pmcid-in-free-text",
    ),
    pytest.param(
        f"the IKEMA paper ({IKEMA_DOI})", IdKind.DOI, IKEMA_KEY, dict(),
        id="doi-in-parentheses-in-free-text",
    ),
    pytest.param(
        f"IKEMA: doi:{IKEMA_DOI}. Interim analysis", IdKind.DOI, IKEMA_KEY, dict(),
        id="doi-full-stop-in-free-text",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "key", "fields"), REFERENCES)
def test_references(text: str, kind: IdKind, key: str, fields: dict[str, object]) -> None:
    identifier = parse(text)
    assert (identifier.kind, identifier.key, identifier.raw) == (kind, key, text)
    assert identifier.citation == parts(text, **fields)


def test_identifier_alone_carries_no_citation() -> None:
    assert parse(IKEMA_DOI) == Identifier(IdKind.DOI, IKEMA_DOI.lower(), IKEMA_DOI)


def test_nct_in_a_journal_reference_is_not_the_paper() -> None:
    text = "Moreau P, et al. IKEMA (NCT03275285). Lancet 2021;397:2361-71"
    assert parse(text).kind is IdKind.CITATION


@pytest.mark.parametrize(
    ("text", "ready"),
    [
        pytest.param("Moreau P, et al. Lancet 2021;397:2361-71", True, id="compact"),
        pytest.param(IKEMA_AMA, True, id="ama"),
        pytest.param("Lancet 2021;397:2361-71", False, id="no-author"),
        pytest.param("COVID-19 Investigators. Lancet. 2020;395:1-10", False, id="collective"),
    ],
)
def test_ecitmatch_ready(text: str, ready: bool) -> None:
    citation = parse(text).citation
    assert citation is not None
    assert citation.ecitmatch_ready is ready


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
