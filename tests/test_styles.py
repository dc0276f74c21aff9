"""AMA and NLM reference-list entries, page ranges and style names.

The golden files ``tests/golden/styles/<style>-<markup>.txt`` hold one entry per record (a
``## label`` line, then the entry). They were hand-checked against the vendored CSL files. To
rewrite them after a deliberate change, run::

    EVIDENCE_UPDATE_GOLDEN=1 uv run pytest tests/test_styles.py

then read the diff before keeping it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from evidence.csl import csl_to_record
from evidence.errors import InputError, ParseError
from evidence.models import Article, Author, Trial
from evidence.pubmed import parse_pubmed
from evidence.sourcetext import Snapshot
from evidence.styles import (
    KNOWN_STYLE_NAMES,
    Markup,
    Style,
    expand_pages,
    format_reference,
    minimal_pages,
    parent_of,
    resolve_style,
)
from evidence.trials import parse_study

SHARED = Path("/work/shared")
PUBMED = SHARED / "fixtures" / "pubmed"
CSL = SHARED / "fixtures" / "csl"
GOLDEN = Path(__file__).parent / "golden" / "styles"
IKEMA_JSON = Path(__file__).parents[1] / "references" / "bibliography" / "pmid-34097854.json"
ACCESSED = "2026-11-20"
# Read at import: the autouse fixture in conftest.py clears EVIDENCE_* before each test.
UPDATE_GOLDEN = os.environ.get("EVIDENCE_UPDATE_GOLDEN") == "1"

IKEMA_AMA_MARKDOWN = (
    "Moreau P, Dimopoulos MA, Mikhael J, et al. Isatuximab, carfilzomib, and dexamethasone in "
    "relapsed multiple myeloma (IKEMA): a multicentre, open-label, randomised phase 3 trial. "
    "*Lancet*. 2021;397(10292):2361-2371. doi:10.1016/S0140-6736(21)00592-4"
)
IKEMA_NLM = (
    "Moreau P, Dimopoulos MA, Mikhael J, Yong K, Capra M, Facon T, et al. Isatuximab, "
    "carfilzomib, and dexamethasone in relapsed multiple myeloma (IKEMA): a multicentre, "
    "open-label, randomised phase 3 trial. Lancet. 2021 Jun 19;397(10292):2361\u201371. "
    "doi:10.1016/S0140-6736(21)00592-4 PubMed PMID: 34097854."
)

# label -> (fixture file under fixtures/pubmed, PMID): chosen for variety.
PUBMED_CASES: dict[str, tuple[str, str]] = {
    "22-authors": ("biopython/pubmed4.xml", "27797938"),
    "6-authors": ("biopython/pubmed2.xml", "11700088"),
    "7-authors": ("metapub/35354777.xml", "35354777"),
    "collective-author": ("metapub/34843274.xml", "34843274"),
    "collective-among-9": ("biopython/pubmed7.xml", "29963580"),
    "medline-date": ("pubmedparser-baseline-samples/pubmed21n1000.xml", "31388331"),
    "season": ("biopython/pubmed1.xml", "12091962"),
    "ahead-of-print-no-volume": ("pubmed-client/36789012.xml", "36789012"),
    "ahead-of-print-with-volume": ("pubmed-client/38123456.xml", "38123456"),
    "elocator": ("metapub/37729413.xml", "37729413"),
    "elocator-only": ("metapub/29226023.xml", "29226023"),
    "lettered-range": ("metapub/36644330.xml", "36644330"),
    "short-range": ("pubmed-client/27350240.xml", "27350240"),
    "retracted": ("pubmedparser-baseline-samples/pubmed21n1005.xml", "31541003"),
}


@cache
def _article(path: str, pmid: str) -> Article:
    parsed = parse_pubmed((PUBMED / path).read_bytes(), keep_raw=False)
    return next(a for a in parsed.articles if a.pmid == pmid)


@cache
def ikema() -> Article:
    """The IKEMA Lancet record as typed by hand (CSL-JSON in references/bibliography)."""
    record = csl_to_record(json.loads(IKEMA_JSON.read_text()), where=str(IKEMA_JSON))
    assert isinstance(record, Article)
    return record


def _records() -> Iterator[tuple[str, Article | Trial | Snapshot]]:
    yield "ikema", ikema()
    for label, (path, pmid) in PUBMED_CASES.items():
        yield label, _article(path, pmid)
    for nct in ("NCT02552212", "NCT05594173"):
        trial = parse_study((SHARED / "fixtures" / "ctgov" / "aact" / f"{nct}.json").read_bytes())
        yield f"trial-{nct}", trial
    yield "webpage", _snapshot()
    yield "webpage-no-title", Snapshot(source="url:x", text="", url="https://example.org/a")


def _snapshot() -> Snapshot:
    return Snapshot(
        source="url:https://www.example.org/label?drug=isa&v=2",
        text="…",
        url="https://www.example.org/label?drug=isa&v=2",
        title="Sarclisa <isatuximab-irfc> label: dosing *and* warnings_2024",
        accessed=ACCESSED,
    )


def _render_all(style: Style, markup: Markup) -> str:
    blocks = [
        f"## {label}\n{format_reference(record, style, markup=markup, accessed=ACCESSED)}\n"
        for label, record in _records()
    ]
    return "\n".join(blocks)


@pytest.mark.parametrize("markup", ["text", "markdown", "html"])
@pytest.mark.parametrize("style", list(Style))
def test_golden(style: Style, markup: Markup) -> None:
    path = GOLDEN / f"{style.value}-{markup}.txt"
    rendered = _render_all(style, markup)
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == rendered


def test_ikema_ama_is_domain_string() -> None:
    assert format_reference(ikema(), Style.AMA, markup="markdown") == IKEMA_AMA_MARKDOWN
    assert format_reference(ikema(), Style.AMA) == IKEMA_AMA_MARKDOWN.replace("*", "")
    html = format_reference(ikema(), Style.AMA, markup="html")
    assert html == IKEMA_AMA_MARKDOWN.replace("*Lancet*", "<i>Lancet</i>")


def test_ikema_nlm_is_domain_string() -> None:
    for markup in ("text", "markdown", "html"):
        assert format_reference(ikema(), Style.NLM, markup=markup) == IKEMA_NLM


@pytest.mark.parametrize(
    ("count", "ama_names", "nlm_names"),
    [(6, 6, 6), (7, 3, 6), (12, 3, 6), (1, 1, 1)],
    ids=["6-all", "7-et-al", "12-et-al", "1-author"],
)
def test_et_al_rules(count: int, ama_names: int, nlm_names: int) -> None:
    authors = tuple(Author(family=f"Name{i}", initials="A") for i in range(count))
    article = Article(pmid="1", title="T.", authors=authors, journal_iso="J", volume="1")
    for style, shown in ((Style.AMA, ama_names), (Style.NLM, nlm_names)):
        entry = format_reference(article, style)
        names = entry.split(". T.")[0]
        assert names.count("Name") == shown
        assert names.endswith("et al") == (count >= 7)


def test_title_ending_in_question_mark_gets_no_period() -> None:
    article = Article(title="Does it work?", journal_iso="J", volume="1", pages="1-9")
    assert format_reference(article, Style.AMA) == "Does it work? J. 1:1-9."
    assert format_reference(article, Style.NLM) == "Does it work? J. 1:1\u20139."


def test_html_escapes_record_text_only() -> None:
    article = Article(
        title="A &lt;b&gt; trial &amp; more.",
        authors=(Author(collective="Smith & Jones <Group>"),),
        journal_iso="J <x>",
        volume="1",
        doi="10.1/a<b>",
    )
    entry = format_reference(article, Style.AMA, markup="html")
    assert entry == (
        "Smith &amp; Jones &lt;Group&gt;. A &lt;b&gt; trial &amp; more. <i>J &lt;x&gt;</i>. 1. "
        "doi:10.1/a&lt;b&gt;"
    )


def test_snapshot_without_url_or_date() -> None:
    snap = Snapshot(source="label:x", text="", title="Package insert")
    assert format_reference(snap, Style.AMA) == "Package insert."
    assert format_reference(snap, Style.NLM) == "Package insert."
    untitled = Snapshot(source="label:x", text="")
    assert (
        format_reference(untitled, Style.AMA)
        == format_reference(untitled, Style.NLM)
        == ("label:x.")
    )


def test_trial_without_dates() -> None:
    trial = Trial(nct_id="NCT03275285", brief_title="IKEMA")
    assert format_reference(trial, Style.AMA) == (
        "IKEMA. ClinicalTrials.gov identifier: NCT03275285. "
        "https://clinicaltrials.gov/study/NCT03275285"
    )
    assert format_reference(trial, Style.NLM) == (
        "IKEMA. In: ClinicalTrials.gov [Internet]. Bethesda (MD): National Library of Medicine "
        "(US); 2000 Feb 29 -. Available from: https://clinicaltrials.gov/study/NCT03275285 "
        "ClinicalTrials.gov Identifier: NCT03275285."
    )


@pytest.mark.parametrize(
    ("given", "expanded", "minimal"),
    [
        ("2361-71", "2361-2371", "2361-71"),
        ("2361-2371", "2361-2371", "2361-71"),
        ("155-164", "155-164", "155-64"),
        ("1001-1009", "1001-1009", "1001-9"),
        ("45-6", "45-46", "45-6"),
        ("113-25", "113-125", "113-25"),
        ("98-102", "98-102", "98-102"),
        ("42-45", "42-45", "42-5"),
        ("1-20", "1-20", "1-20"),
        ("1034", "1034", "1034"),
        ("e157-e161", "e157-e161", "e157-e161"),
        ("S224-S225", "S224-S225", "S224-S225"),
        ("eadi3902", "eadi3902", "eadi3902"),
        ("1-5, 17-9", "1-5, 17-19", "1-5, 17-9"),
        ("98-3", "98-3", "98-3"),
        ("12-12", "12", "12"),
    ],
    ids=lambda value: str(value),
)
def test_page_ranges(given: str, expanded: str, minimal: str) -> None:
    assert expand_pages(given) == expanded
    assert minimal_pages(given) == minimal


def test_page_range_delimiter() -> None:
    assert minimal_pages("2361-2371", delimiter="\u2013") == "2361\u201371"
    assert expand_pages("2361\u201371") == "2361-2371"


@pytest.mark.parametrize(
    ("name", "style"),
    [
        ("ama", Style.AMA),
        ("AMA", Style.AMA),
        ("jama", Style.AMA),
        ("american-medical-association", Style.AMA),
        ("blood", Style.AMA),
        ("http://www.zotero.org/styles/jama", Style.AMA),
        ("nlm", Style.NLM),
        ("Vancouver", Style.NLM),
        ("nlm-citation-sequence", Style.NLM),
        ("vancouver-nlm.csl", Style.NLM),
    ],
)
def test_resolve_style(name: str, style: Style) -> None:
    assert resolve_style(name) is style


def test_unknown_style_names_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        resolve_style("harvard")
    message = str(caught.value)
    assert "'harvard'" in message
    assert all(name in message for name in KNOWN_STYLE_NAMES)


@pytest.mark.parametrize(
    ("file", "parent"),
    [
        ("dependent/jama.csl", "american-medical-association"),
        ("dependent/blood.csl", "american-medical-association"),
        ("dependent/vancouver-nlm.csl", "nlm-citation-sequence"),
        ("dependent/blood-cancer-journal.csl", "nature-publishing-group-vancouver"),
        ("american-medical-association.csl", "american-medical-association"),
        ("nlm-citation-sequence.csl", "nlm-citation-sequence"),
    ],
)
def test_parent_of(file: str, parent: str) -> None:
    assert parent_of((CSL / file).read_bytes()) == parent


def test_dependent_resolves_to_style_or_names_unvendored_parent() -> None:
    assert resolve_style(parent_of((CSL / "dependent/jama.csl").read_bytes())) is Style.AMA
    with pytest.raises(InputError, match="nature-publishing-group-vancouver"):
        resolve_style(parent_of((CSL / "dependent/blood-cancer-journal.csl").read_bytes()))


@pytest.mark.parametrize("data", [b"not xml", b"<style/>", b"<x xmlns='urn:y'/>"])
def test_parent_of_rejects_non_csl(data: bytes) -> None:
    with pytest.raises(ParseError):
        parent_of(data)


def test_a_webpage_item_takes_the_web_form_with_its_site_name() -> None:
    item = {
        "id": "url:https://www.example.org/safety",
        "type": "webpage",
        "title": "Trial safety",
        "container-title": "Drug <site>",
        "URL": "https://www.example.org/safety",
    }
    page = csl_to_record(item, where="test")
    assert isinstance(page, Article)
    assert format_reference(page, Style.AMA, accessed="2026-11-25") == (
        "Trial safety. Drug <site>. Accessed November 25, 2026. https://www.example.org/safety"
    )
    assert format_reference(page, Style.NLM, markup="html") == (
        "Trial safety [Internet]. Drug &lt;site&gt;. Available from: https://www.example.org/safety"
    )


def test_an_item_without_doi_ends_with_its_address() -> None:
    item = {
        "id": "report",
        "type": "report",
        "title": "Annual report",
        "author": [{"family": "Smith", "given": "Ann"}],
        "issued": {"date-parts": [[2024]]},
        "URL": "https://example.org/report.pdf",
    }
    report = csl_to_record(item, where="test")
    assert isinstance(report, Article)
    assert format_reference(report, Style.AMA).endswith(". https://example.org/report.pdf")
    nlm = format_reference(report, Style.NLM)
    assert nlm.endswith("Available from: https://example.org/report.pdf")
    with_doi = csl_to_record({**item, "DOI": "10.1000/x"}, where="test")
    assert "example.org" not in format_reference(with_doi, Style.AMA)
