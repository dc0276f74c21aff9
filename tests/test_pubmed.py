"""Tests for evidence.pubmed: an oracle check against Bio.Entrez, hand-checked records, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from Bio.Entrez import Parser

from evidence import pubmed
from evidence.errors import ParseError
from evidence.models import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    Flag,
    MetadataSource,
    PubDate,
    plain_text,
)
from evidence.pubmed import ParsedArticle, PubmedParse, parse_pubmed
from tests.fixtures_index import FIXTURES, pubmed_fixture_files

BioParser: Any = Parser  # Biopython is untyped
PUBMED = FIXTURES / "pubmed"
FILES = pubmed_fixture_files()
# 397 <PubmedArticle> elements in 83 files (DOMAIN.md 3.5). A line count (grep -c) says 395
# because biopython/pubmed1.xml and pubmed2.xml each hold two records on one line.
TOTAL_RECORDS = 397


@cache
def parsed(relative: str) -> PubmedParse:
    """parse_pubmed over a fixture file, cached across tests."""
    return parse_pubmed((PUBMED / relative).read_bytes())


def record(relative: str, pmid: str) -> Article:
    """The article with ``pmid`` in a fixture file."""
    matches = [a for a in parsed(relative).articles if a.pmid == pmid]
    assert len(matches) == 1, f"{pmid} in {relative}"
    return matches[0]


# --- the oracle: Bio.Entrez's DTD-driven parse, read independently of evidence.pubmed -------

_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


class _NoNetwork(Exception):
    pass


def _refuse_network(url: object, *args: object, **kwargs: object) -> None:
    raise _NoNetwork(f"Bio.Entrez tried to fetch {url}: every DTD should be bundled")


def bio_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Bio.Entrez's parse of ``path`` (http:// DOCTYPEs allowed, DTDs from its bundle only)."""
    monkeypatch.setattr(BioParser, "urlopen", _refuse_network)
    handler = BioParser.DataHandler(validate=False, escape=True, ignore_errors=False)
    handler.bypass_url_security = True
    with path.open("rb") as stream:
        return handler.read(stream)


def _plain(value: Any) -> str | None:
    """A Bio string (escaped, maybe with tags) as stripped plain text; None when blank."""
    if value is None:
        return None
    return plain_text(str(value)).strip() or None


def _first(values: Any) -> Any:
    """Bio gives repeatable elements as lists: the first item, or None."""
    if isinstance(values, list):
        return values[0] if values else None
    return values


def _bio_date(date: Mapping[str, Any] | None) -> PubDate | None:
    if date is None:
        return None
    if "MedlineDate" in date:
        text = _plain(date["MedlineDate"])
        found = re.search(r"(1[89]|20)\d\d", text or "")
        return PubDate(year=int(found.group()) if found else None, medline_date=text)
    month = _plain(date.get("Month"))
    if month is not None:
        month_number = int(month) if month.isdigit() else _MONTH_NAMES.index(month[:3]) + 1
    return PubDate(
        year=int(date["Year"]) if "Year" in date else None,
        month=month_number if month is not None else None,
        day=int(date["Day"]) if "Day" in date else None,
        season=_plain(date.get("Season")),
    )


def _bio_ids(pubmed_data: Mapping[str, Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for article_id in pubmed_data.get("ArticleIdList", []):
        text = _plain(article_id)
        if text is not None:
            ids.setdefault(article_id.attributes["IdType"], text)
    return ids


def _bio_elocation(article: Mapping[str, Any], kind: str) -> str | None:
    for location in article.get("ELocationID", []):
        attributes = location.attributes
        if attributes["EIdType"] == kind and attributes.get("ValidYN") != "N" and _plain(location):
            return _plain(location)
    return None


def _bio_nct_ids(article: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(
        str(number).strip()
        for bank in article.get("DataBankList", [])
        if str(bank["DataBankName"]).strip() == "ClinicalTrials.gov"
        for number in bank.get("AccessionNumberList", [])
    )


def _bio_author(author: Mapping[str, Any]) -> Author:
    return Author(
        family=_plain(author.get("LastName")),
        given=_plain(author.get("ForeName")),
        initials=_plain(author.get("Initials")),
        suffix=_plain(author.get("Suffix")),
        collective=_plain(author.get("CollectiveName")),
    )


def oracle_article(entry: Mapping[str, Any]) -> Article:
    """Read one Bio.Entrez PubmedArticle dict into the Article the parser must produce."""
    citation = entry["MedlineCitation"]
    article = citation["Article"]
    journal = article.get("Journal", {})
    issue = journal.get("JournalIssue", {})
    pagination = article.get("Pagination", {})
    pubmed_data = entry.get("PubmedData", {})
    ids = _bio_ids(pubmed_data)
    revised = citation.get("DateRevised")
    electronic = [
        d for d in article.get("ArticleDate", []) if d.attributes["DateType"] == "Electronic"
    ]
    return Article(
        pmid=_plain(citation["PMID"]),
        title=str(article.get("ArticleTitle", "")) or None,
        authors=tuple(
            _bio_author(author)
            for author in article.get("AuthorList", [])
            if author.attributes.get("ValidYN") != "N"
        ),
        journal_title=_plain(journal.get("Title")),
        journal_iso=_plain(journal.get("ISOAbbreviation")),
        issn=_plain(_first(journal.get("ISSN"))),
        volume=_plain(issue.get("Volume")),
        issue=_plain(issue.get("Issue")),
        pages=_plain(pagination.get("MedlinePgn")),
        start_page=_plain(pagination.get("StartPage")),
        end_page=_plain(pagination.get("EndPage")),
        elocation=_bio_elocation(article, "pii"),
        pub_date=_bio_date(issue.get("PubDate")) or PubDate(),
        electronic_date=_bio_date(electronic[0]) if electronic else None,
        doi=ids.get("doi") or _bio_elocation(article, "doi"),
        pmcid=ids.get("pmc"),
        pii=ids.get("pii"),
        abstract=tuple(
            AbstractSection(
                text=str(text),
                label=text.attributes.get("Label"),
                nlm_category=text.attributes.get("NlmCategory"),
            )
            for text in article.get("Abstract", {}).get("AbstractText", [])
        ),
        publication_types=tuple(str(t).strip() for t in article.get("PublicationTypeList", [])),
        comments_corrections=tuple(
            CommentCorrection(
                ref_type=link.attributes["RefType"],
                ref_source=_plain(link.get("RefSource")),
                pmid=_plain(link.get("PMID")),
            )
            for link in citation.get("CommentsCorrectionsList", [])
            if link.attributes["RefType"] != "Cites"
        ),
        nct_ids=_bio_nct_ids(article),
        publication_status=_plain(pubmed_data.get("PublicationStatus")),
        date_revised=(
            f"{revised['Year']}-{int(revised['Month']):02d}-{int(revised['Day']):02d}"
            if revised
            else None
        ),
        language=_plain(_first(article.get("Language"))),
        source=MetadataSource.PUBMED,
    )


def _field_differences(ours: Article, theirs: Article) -> Iterator[str]:
    for name in Article.__dataclass_fields__:
        if getattr(ours, name) != getattr(theirs, name):
            yield f"{ours.pmid}.{name}: ours={getattr(ours, name)!r} bio={getattr(theirs, name)!r}"


def _file_id(path: Path) -> str:
    return path.relative_to(PUBMED).as_posix()


def test_fixture_files_hold_every_record() -> None:
    counts = [len(parsed(_file_id(path)).records) for path in FILES]
    assert len(FILES) == 83
    assert sum(counts) == TOTAL_RECORDS
    assert all(not parsed(_file_id(path)).problems for path in FILES)


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=_file_id)
def test_every_field_matches_bio_entrez(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bio = bio_read(path, monkeypatch)
    assert not bio["PubmedBookArticle"]
    expected = [oracle_article(entry) for entry in bio["PubmedArticle"]]
    ours = list(parsed(_file_id(path)).articles)
    assert [a.pmid for a in ours] == [a.pmid for a in expected]
    differences = [d for o, e in zip(ours, expected, strict=True) for d in _field_differences(o, e)]
    assert differences == []


SYNTHETIC = b"""<?xml version="1.0" ?>
<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" \
"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">\
<PMID Version="1">1</PMID><DateRevised><Year>2020</Year><Month>1</Month><Day>2</Day></DateRevised>\
<Article PubModel="Print"><Journal><ISSN IssnType="Print">1234-5678</ISSN>\
<JournalIssue CitedMedium="Print"><PubDate><Year>2020</Year><Season>Spring</Season></PubDate>\
</JournalIssue><Title>Journal of A &amp; B</Title>\
<ISOAbbreviation>J A B</ISOAbbreviation></Journal>\
<ArticleTitle>x &lt; y &gt; z &amp; "q" <i></i><sup>2</sup><b><u>bu</u></b> \
<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML" display="block"><mml:mrow>\
<mml:mi mathvariant="bold">V</mml:mi><mml:mo>&#x2264;</mml:mo></mml:mrow></mml:math> end\
</ArticleTitle>\
<ELocationID EIdType="doi" ValidYN="N">10.1000/WRONG</ELocationID>\
<ELocationID EIdType="doi" ValidYN="Y">10.1000/Mixed.Case</ELocationID>\
<Abstract><AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">  spaced  </AbstractText>\
<AbstractText>second <sub>i</sub></AbstractText></Abstract><AuthorList CompleteYN="Y">\
<Author ValidYN="N"><LastName>Withdrawn</LastName><ForeName>Wrong</ForeName></Author>\
<Author ValidYN="Y"><LastName> Padded </LastName><ForeName>Ann</ForeName><Initials>A</Initials>\
<Suffix>Jr</Suffix></Author><Author ValidYN="Y"><CollectiveName>The <i>Study</i> Group\
</CollectiveName></Author></AuthorList><Language>eng</Language><Language>fre</Language>\
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>\
</PublicationTypeList></Article><CommentsCorrectionsList><CommentsCorrections RefType="Cites">\
<RefSource>Other paper</RefSource><PMID Version="1">3</PMID></CommentsCorrections>\
<CommentsCorrections RefType="ExpressionOfConcernIn"><RefSource>J A B. 2021;1:2</RefSource>\
<PMID Version="1">2</PMID></CommentsCorrections></CommentsCorrectionsList></MedlineCitation>\
<PubmedData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>\
<ArticleId IdType="pubmed">1</ArticleId></ArticleIdList><ReferenceList><Reference>\
<Citation>Ref.</Citation><ArticleIdList><ArticleId IdType="doi">10.9999/reference</ArticleId>\
</ArticleIdList></Reference></ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>
"""


def test_synthetic_edge_cases_match_bio_entrez(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markup Bio writes in its own way, ValidYN="N", Cites, reference DOIs, padding."""
    path = tmp_path / "synthetic.xml"
    path.write_bytes(SYNTHETIC)
    expected = oracle_article(bio_read(path, monkeypatch)["PubmedArticle"][0])
    ours = parse_pubmed(SYNTHETIC).articles[0]
    assert list(_field_differences(ours, expected)) == []
    assert ours.title == (
        'x &lt; y &gt; z &amp; "q" <i></i><sup>2</sup><b><u>bu</u></b> '
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mi mathvariant="bold">V</mi>'
        "<mo>\u2264</mo></mrow></math> end"
    )
    assert ours.authors == (
        Author("Padded", "Ann", "A", "Jr"),
        Author(collective="The Study Group"),
    )
    assert ours.doi == "10.1000/Mixed.Case"
    assert ours.journal_title == "Journal of A & B"
    assert ours.abstract[0] == AbstractSection("  spaced  ", "BACKGROUND", "BACKGROUND")
    assert ours.comments_corrections == (
        CommentCorrection("ExpressionOfConcernIn", "J A B. 2021;1:2", "2"),
    )
    assert ours.pub_date == PubDate(year=2020, season="Spring")
    assert ours.language == "eng"
    assert Flag.EXPRESSION_OF_CONCERN in ours.flags


# --- hand-checked records (expected values read from the XML by eye) -------------------------


def test_retracted_record() -> None:
    article = record("pubmedparser-baseline-samples/pubmed21n1005.xml", "31541003")
    assert len(article.abstract) == 1
    assert article.abstract[0].text.startswith(
        "The study aimed to investigate the functional roles of micorRNA (miR)-367"
    )
    assert replace(article, abstract=()) == Article(
        pmid="31541003",
        title=(
            "MicroRNA-367 promotes progression of hepatocellular carcinoma through "
            "<i><i>PTEN</i></i> /PI3K/AKT signaling pathway."
        ),
        authors=(Author("Wang", "Zhihua", "Z"), Author("Luo", "Yu", "Y")),
        journal_title="Bioscience reports",
        journal_iso="Biosci Rep",
        issn="1573-4935",
        elocation="BSR20182466",
        pub_date=PubDate(2019, 9, 20),
        electronic_date=PubDate(2019, 9, 20),
        doi="10.1042/BSR20182466",
        pii="BSR20182466",
        publication_types=("Journal Article", "Retracted Publication"),
        comments_corrections=(
            CommentCorrection("RetractionIn", "Biosci Rep. 2020 Mar 27;40(3):", "32167152"),
        ),
        publication_status="aheadofprint",
        date_revised="2019-09-21",
        language="eng",
    )
    assert article.flags == (Flag.RETRACTED, Flag.AHEAD_OF_PRINT)
    assert article.plain_title == (
        "MicroRNA-367 promotes progression of hepatocellular carcinoma through "
        "PTEN /PI3K/AKT signaling pathway."
    )


def test_medline_date_record() -> None:
    article = record("pubmedparser-baseline-samples/pubmed21n1000.xml", "31388331")
    assert article.pub_date == PubDate(year=2019, medline_date="2019 Apr-Jun")
    assert article.year == 2019
    assert article.electronic_date == PubDate(2017, 11, 7)
    assert (article.volume, article.issue, article.pages) == ("780", None, "29-36")
    assert article.first_page == "29"
    assert (article.doi, article.pmcid) == ("10.1016/j.mrrev.2017.10.002", "PMC6684245")
    assert article.title == "Nucleosomes Regulate Base Excision Repair in Chromatin."
    assert article.abstract[0].text.endswith("the budding yeast <i>Saccharomyces cerevisiae.</i>")
    assert "Review" in article.publication_types


def test_doi_survives_a_pii_elocation_after_it() -> None:
    relative = "metapub/35649368.xml"
    article = record(relative, "35649368")
    assert article.doi == "10.1016/j.celrep.2022.110870"
    assert article.elocation == article.pii == "S2211-1247(22)00645-3"
    assert article.comments_corrections == (
        CommentCorrection(
            "ErratumIn",
            "Cell Rep. 2022 Jun 28;39(13):111044. doi: 10.1016/j.celrep.2022.111044.",
            "35767954",
        ),
    )
    assert Flag.ERRATUM in article.flags
    # Without the ArticleId, the DOI comes from the ELocationID, not emptied by the pii one.
    raw = parsed(relative).records[0].raw
    without_id = raw.replace(
        b'<ArticleId IdType="doi">10.1016/j.celrep.2022.110870</ArticleId>', b""
    )
    assert without_id != raw
    assert parse_pubmed(without_id).articles[0].doi == "10.1016/j.celrep.2022.110870"


def test_doi_never_comes_from_the_reference_list() -> None:
    relative = "metapub/32525788.xml"
    article = record(relative, "32525788")
    assert article.doi == "10.2174/1874467213666200611142438"
    assert (article.pmcid, article.pii) == ("PMC7728656", "CMP-EPUB-107281")
    labels = [(s.label, s.nlm_category) for s in article.abstract]
    assert labels == [
        ("BACKGROUND", None),
        ("OBJECTIVE", None),
        ("METHODS", None),
        ("RESULTS", None),
        ("CONCLUSION", None),
    ]
    # Strip the record's own DOIs: 99 reference DOIs remain and none may be picked up.
    raw = parsed(relative).records[0].raw
    own_doi = rb"<(ArticleId IdType|ELocationID EIdType)=\"doi\"[^<]*</\w+>"
    stripped = re.sub(own_doi, b"", raw, count=2)
    assert stripped.count(b'IdType="doi"') == 99
    assert parse_pubmed(stripped).articles[0].doi is None


def test_two_nct_ids_and_a_collective_author() -> None:
    article = record("pubmedparser-baseline-samples/pubmed21n1002.xml", "31449468")
    assert article.nct_ids == ("NCT00352534", "NCT00379340")
    assert len(article.authors) == 19
    assert article.authors[0] == Author("Dix", "David B", "DB")
    assert article.authors[-1] == Author(collective="AREN0532 and AREN0533 study committees")
    assert article.pub_date == PubDate(2019, 10, 20)
    assert [s.label for s in article.abstract] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSION"]
    assert [c.pmid for c in article.comments_corrections] == ["31951492", "31951494"]


def test_nlm_categories_are_kept() -> None:
    article = record("pubmedparser-baseline-samples/pubmed21n1002.xml", "31449448")
    assert [(s.label, s.nlm_category) for s in article.abstract] == [
        ("OBJECTIVE", "OBJECTIVE"),
        ("ANIMALS", "METHODS"),
        ("PROCEDURES", "METHODS"),
        ("RESULTS", "RESULTS"),
        ("CONCLUSIONS AND CLINICAL RELEVANCE", "CONCLUSIONS"),
    ]
    assert article.abstract[0].text == (
        "To evaluate erythema and number of CFUs on the skin of dogs with hair clipped by use "
        "of 2 sizes of clipper blades."
    )


def test_collective_author_after_people() -> None:
    article = record("pubmed-client/31978945.xml", "31978945")
    assert len(article.authors) == 19
    assert article.authors[0] == Author("Zhu", "Na", "N")
    assert article.authors[0].short == "Zhu N"
    assert article.authors[-1] == Author(
        collective="China Novel Coronavirus Investigating and Research Team"
    )
    assert (article.volume, article.issue, article.pages) == ("382", "8", "727-733")
    assert (article.start_page, article.end_page) == ("727", "733")
    assert article.pub_date == PubDate(2020, 2, 20)
    assert article.electronic_date == PubDate(2020, 1, 24)
    assert (article.doi, article.pmcid) == ("10.1056/NEJMoa2001017", "PMC7092803")
    assert [c.ref_type for c in article.comments_corrections] == ["CommentIn"] * 13


def test_issue_year_is_not_the_epublication_year() -> None:
    article = record("biopython/pubmed4.xml", "27797938")
    assert article.pub_date == PubDate(2017, 6)
    assert article.electronic_date == PubDate(2016, 10, 21)
    assert article.year == 2017
    assert article.title == (
        "Leucocyte telomere length, genetic variants at the <i>TERT</i> gene region and risk "
        "of pancreatic cancer."
    )
    # 48 "Cites" links are left out; the one CommentIn stays.
    assert article.comments_corrections == (
        CommentCorrection("CommentIn", "Gut. 2017 Jun;66(6):1", "27920200"),
    )
    results = article.abstract[2]
    assert results.label == "RESULTS"
    assert "p<sub>trend</sub>=0.048" in results.text
    assert "r<sup>2</sup>&lt;0.25" in results.text
    assert (article.pii, article.pmcid) == ("gutjnl-2016-312510", "PMC5442267")


def test_update_links() -> None:
    article = record("pubmed-client/32887691.xml", "32887691")
    updates = [c.pmid for c in article.comments_corrections if c.ref_type == "UpdateIn"]
    assert updates == ["33214213", "33789884", "34230027", "34556469"]
    assert (
        CommentCorrection(
            "ErratumIn", "BMJ. 2022 Apr 25;377:o1045. doi: 10.1136/bmj.o1045.", "35470203"
        )
        in article.comments_corrections
    )
    assert article.flags == (Flag.ERRATUM, Flag.UPDATED)
    assert [s.label for s in article.abstract] == [
        "UPDATES",
        "CLINICAL QUESTION",
        "CONTEXT",
        "WHAT IS NEW?",
        "ABOUT THIS GUIDELINE",
        "FUTURE RECOMMENDATIONS",
    ]
    assert Author("Lamontagne", "Fran\u00e7ois", "F") in article.authors
    assert (article.volume, article.issue, article.pages) == ("370", None, "m3379")


def test_inline_tags_kept_as_given() -> None:
    article = record("biopython/title_with_html_tags.xml", "27797938")
    # The file has no spaces around <i>TERT</i>; the markup keeps that.
    assert article.title == (
        "Leucocyte telomere length, genetic variants at the<i>TERT</i>gene region and risk "
        "of pancreatic cancer."
    )


def test_mathml_kept_as_bio_entrez_writes_it() -> None:
    article = record("biopython/pubmed6.xml", "30108519")
    assert article.title == (
        'A "<i>Blood Relationship"</i> Between the Overlooked Minimum Lactate Equivalent and '
        "Maximal Lactate Steady State in Trained Runners. Back to the Old Days?"
    )
    (section,) = article.abstract
    assert section.text.count('<math xmlns="http://www.w3.org/1998/Math/MathML">') == 3
    assert "mml:" not in section.text
    assert "<mi>V</mi>" in section.text
    assert "(LE<sub>min</sub>)" in section.text


def test_ahead_of_print_record() -> None:
    article = record("pubmed-client/36789012.xml", "36789012")
    assert article.publication_status == "aheadofprint"
    assert article.flags == (Flag.AHEAD_OF_PRINT,)
    assert (article.volume, article.issue, article.pages) == (None, None, "1-20")
    assert article.pub_date == PubDate(2023, 2, 10)
    assert (article.pii, article.pmcid) == ("14418", "PMC9911956")
    assert article.doi == "10.1007/s11042-023-14418-w"
    assert article.authors[1] == Author("\u00d6zmen", "Ahmet", "A")
    assert article.date_revised == "2024-09-12"


# --- raw bytes -----------------------------------------------------------------------------


def _all_records() -> Iterator[ParsedArticle]:
    for path in FILES:
        yield from parsed(_file_id(path)).records


def test_raw_round_trips_for_every_record() -> None:
    count = 0
    for parsed_article in _all_records():
        again = parse_pubmed(parsed_article.raw)
        assert again.articles == (parsed_article.article,)
        assert again.records[0].raw == parsed_article.raw
        count += 1
    assert count == TOTAL_RECORDS


def test_raw_is_the_records_own_bytes() -> None:
    for path in FILES:
        data = path.read_bytes()
        for parsed_article in parsed(_file_id(path)).records:
            assert parsed_article.raw.startswith(b"<PubmedArticle>")
            assert parsed_article.raw.endswith(b"</PubmedArticle>")
            assert parsed_article.raw in data


_PMID_11748933 = b'<PMID Version="1">11748933</PMID>'


@pytest.mark.parametrize(
    "edits",
    [
        [(b"<PubmedArticleSet>", b"<PubmedArticleSet><!-- <PubmedArticle> -->")],
        [
            (
                b"<PubmedArticleSet>",
                b"<PubmedArticleSet><!-- <PubmedArticle><MedlineCitation><PMID>999</PMID>"
                b"</MedlineCitation></PubmedArticle> -->",
            )
        ],
        [(_PMID_11748933, _PMID_11748933 + b"<!-- </PubmedData></PubmedArticle> -->")],
        [(_PMID_11748933, _PMID_11748933 + b"<![CDATA[</PubmedArticle>]]>")],
        # Tag counts still match here: the head and tail checks of each cut must catch these.
        [(b"<PubmedArticle>", b'<!-- <PubmedArticle> --><PubmedArticle Note="x">')],
        [
            (_PMID_11748933, _PMID_11748933 + b"<!-- </PubmedArticle> -->"),
            (b"</PubmedData></PubmedArticle>", b"</PubmedData></PubmedArticle >"),
        ],
    ],
    ids=[
        "stray-start-tag",
        "commented-record",
        "end-tag-in-comment",
        "end-tag-in-cdata",
        "start-tag-with-attribute",
        "end-tag-with-space",
    ],
)
def test_raw_is_serialized_when_bytes_cannot_be_cut(edits: list[tuple[bytes, bytes]]) -> None:
    data = (PUBMED / "biopython/pubmed2.xml").read_bytes()
    expected = parse_pubmed(data).articles
    tricked = data
    for old, new in edits:
        assert old in tricked
        tricked = tricked.replace(old, new, 1)
    result = parse_pubmed(tricked)
    assert result.articles == expected
    for parsed_article in result.records:
        assert parsed_article.raw.startswith(b"<PubmedArticle")
        assert parse_pubmed(parsed_article.raw).articles == (parsed_article.article,)


def test_latin1_document_gives_utf8_raw() -> None:
    data = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><PubmedArticleSet><PubmedArticle>'
        b"<MedlineCitation><PMID>7</PMID><Article><ArticleTitle>Caf\xe9</ArticleTitle></Article>"
        b"</MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    (parsed_article,) = parse_pubmed(data).records
    assert parsed_article.article.title == "Caf\u00e9"
    assert "Caf\u00e9".encode() in parsed_article.raw
    assert parse_pubmed(parsed_article.raw).articles == (parsed_article.article,)


def test_keep_raw_false() -> None:
    result = parse_pubmed((PUBMED / "biopython/pubmed1.xml").read_bytes(), keep_raw=False)
    assert [r.raw for r in result.records] == [b"", b""]
    assert result.articles == parsed("biopython/pubmed1.xml").articles


@pytest.mark.parametrize("whole_up_to", [pubmed._WHOLE_UP_TO, 0], ids=["whole", "streamed"])
def test_one_efetch_document_of_every_record(
    whole_up_to: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All 397 records in one set, as a 400-record efetch reply arrives; streamed, read
    entries are freed in batches as the parse goes on. Nothing read or cut may change."""
    monkeypatch.setattr(pubmed, "_WHOLE_UP_TO", whole_up_to)
    records = list(_all_records())
    data = b"<PubmedArticleSet>\n" + b"\n".join(r.raw for r in records) + b"</PubmedArticleSet>"
    assert len(records) > pubmed._FREE_EVERY
    result = parse_pubmed(data)
    assert result.records == tuple(records)
    assert parse_pubmed(data, keep_raw=False).articles == result.articles


_NESTED = (
    b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article>"
    b"<ArticleTitle>T</ArticleTitle></Article></MedlineCitation><PubmedData>"
    b"<PublicationStatus>ppublish</PublicationStatus>"
    b"<DeleteCitation><PMID>9</PMID></DeleteCitation></PubmedData></PubmedArticle>"
    b"<DeleteCitation><PMID>10</PMID></DeleteCitation></PubmedArticleSet>"
)


@pytest.mark.parametrize(
    "data",
    [
        _NESTED,
        _NESTED.replace(b"<PublicationStatus>ppublish</PublicationStatus>", b"").replace(
            b"</PMID></DeleteCitation></PubmedData>",
            b"</PMID></DeleteCitation><PublicationStatus>ppublish</PublicationStatus></PubmedData>",
        ),
        (PUBMED / "biopython/pubmed2.xml").read_bytes(),
    ],
    ids=["entry-inside-a-record", "entry-before-a-field", "two-records"],
)
@pytest.mark.parametrize("whole_up_to", [pubmed._WHOLE_UP_TO, 0], ids=["whole", "streamed"])
def test_reading_in_start_order_matches_end_events(
    data: bytes, whole_up_to: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries are read once a later one starts; the order (innermost first), indices, and
    what an enclosing record still sees must be what reading at end events gives."""
    monkeypatch.setattr(pubmed, "_WHOLE_UP_TO", whole_up_to)
    for tags in (None, pubmed._tag_offsets(data)):  # raw serialized, raw cut
        fast = pubmed._walk(data, True, tags).result()
        assert fast == pubmed._walk_end_events(data, True, tags).result()
    assert fast == parse_pubmed(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<PubmedArticleSet><ERROR>bad</ERROR><a></b></PubmedArticleSet>", "NCBI returned"),
        (b"<PubmedArticleSet><ERROR>bad</ERROR><DeleteCitation/><a></b>", "NCBI returned"),
        (b"<PubmedArticleSet><ERROR>bad</ERR></PubmedArticleSet>", "malformed"),
        (b"<PubmedArticleSet><DeleteCitation/><ERROR>bad</ERROR>", "NCBI returned"),
    ],
    ids=["error-then-fault", "error-entry-then-fault", "fault-inside-error", "truncated"],
)
@pytest.mark.parametrize("whole_up_to", [pubmed._WHOLE_UP_TO, 0], ids=["whole", "streamed"])
def test_an_error_entry_before_a_fault_wins(
    data: bytes, message: str, whole_up_to: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pubmed, "_WHOLE_UP_TO", whole_up_to)
    with pytest.raises(ParseError, match=message):
        parse_pubmed(data)


# --- skipped entries and errors ------------------------------------------------------------


def test_books_deletions_and_records_without_pmid_are_skipped() -> None:
    good = parsed("biopython/pubmed1.xml").records[0]
    data = (
        b"<PubmedArticleSet>"
        b"<PubmedBookArticle><BookDocument><PMID>20301295</PMID></BookDocument>"
        b"</PubmedBookArticle>" + good.raw + b"<PubmedArticle><MedlineCitation><Article>"
        b"<ArticleTitle>No PMID</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        b"<DeleteCitation><PMID>111</PMID><PMID>222</PMID></DeleteCitation>"
        b"</PubmedArticleSet>"
    )
    result = parse_pubmed(data)
    assert result.articles == (good.article,)
    assert [(p.index, p.pmid) for p in result.problems] == [
        (0, "20301295"),
        (2, None),
        (3, "111"),
    ]
    assert "PubmedBookArticle" in result.problems[0].message
    assert "without PMID" in result.problems[1].message
    assert "111, 222" in result.problems[2].message
    assert all("\n" not in p.message for p in result.problems)


def test_empty_set_is_not_an_error() -> None:
    assert parse_pubmed(b"<PubmedArticleSet></PubmedArticleSet>") == PubmedParse((), ())


def test_truncated_xml() -> None:
    data = (PUBMED / "pubmedparser-baseline-samples/pubmed21n1005.xml").read_bytes()
    with pytest.raises(ParseError, match="malformed or truncated XML") as caught:
        parse_pubmed(data[: len(data) // 2])
    assert caught.value.line is not None
    assert caught.value.line > 1000
    assert f"line {caught.value.line}" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eFetchResult PUBLIC '
        b'"-//NLM//DTD efetch 20131226//EN" '
        b'"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n'
        b"<eFetchResult>\n\t<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: "
        b"MCID_1</ERROR>\n</eFetchResult>\n",
        b"<ERROR>Cannot retrieve history data. query_key: 1, WebEnv: MCID_1</ERROR>",
    ],
    ids=["eFetchResult", "bare-ERROR"],
)
def test_ncbi_error_document(body: bytes) -> None:
    with pytest.raises(ParseError, match=r"Cannot retrieve history data\. query_key: 1"):
        parse_pubmed(body)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((PUBMED / "biopython/pubmed3.html").read_bytes(), "HTML page"),
        ((PUBMED / "biopython/esearch1.xml").read_bytes(), "not PubMed efetch XML"),
        (b"", "empty input"),
        (b'{"error": "API rate limit exceeded"}', "not XML"),
        (b"<html><body><p>Service unavailable<p></body></html>", "HTML page"),
    ],
    ids=["pubmed3.html", "esearch", "empty", "json", "maintenance-page"],
)
def test_not_pubmed_xml(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_pubmed(data)


def test_http_doctype_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr("socket.socket.connect", refuse)
    data = (PUBMED / "pubmedparser-baseline-samples/pubmed21n1000.xml").read_bytes()
    assert b'SYSTEM "http://dtd.nlm.nih.gov' in data[:300]
    assert len(parse_pubmed(data).records) == 29


def test_unexpanded_entity_skips_only_its_record() -> None:
    xml = (
        b'<!DOCTYPE PubmedArticleSet [<!ENTITY foo "bar">]><PubmedArticleSet>'
        b"<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>A &foo; <i>b</i>"
        b"</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        b"<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>ok</ArticleTitle>"
        b"</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    parsed = parse_pubmed(xml)
    assert [a.pmid for a in parsed.articles] == ["2"]
    [problem] = parsed.problems
    assert (problem.index, problem.pmid) == (0, "1")
    assert "unexpanded entity &foo;" in problem.message
