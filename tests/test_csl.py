"""Records <-> CSL-JSON items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.csl import article_to_csl, csl_to_record, trial_to_csl
from evidence.errors import ParseError
from evidence.models import Article, Author, MetadataSource, PubDate, Trial
from evidence.pubmed import parse_pubmed
from tests.fixtures_index import FIXTURES

REPO = Path(__file__).resolve().parents[1]


def test_pubmed_record_to_csl() -> None:
    data = (FIXTURES / "pubmed" / "pubmed-client" / "31978945.xml").read_bytes()
    [article] = parse_pubmed(data).articles
    item = article_to_csl(article, item_id="pmid:31978945")
    assert item["type"] == "article-journal"
    assert item["DOI"] == "10.1056/NEJMoa2001017"
    assert item["PMID"] == "31978945"
    assert item["container-title-short"] == "N Engl J Med"
    assert item["volume"] == "382" and item["issue"] == "8"
    assert item["issued"] == {"date-parts": [[2020, 2, 20]]}
    assert item["author"][0] == {"family": "Zhu", "given": "Na"}
    assert {"literal": "China Novel Coronavirus Investigating and Research Team"} in item["author"]
    assert "custom" not in item


def test_medline_date_becomes_a_literal_date() -> None:
    article = Article(pmid="1", pub_date=PubDate(year=2019, medline_date="2019 Apr-Jun"))
    assert article_to_csl(article, item_id="pmid:1")["issued"] == {"date-parts": [[2019]]}
    undated = Article(pmid="2", pub_date=PubDate(medline_date="Spring"))
    assert article_to_csl(undated, item_id="pmid:2")["issued"] == {"literal": "Spring"}


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (REPO / "references" / "bibliography").glob("*.json"))
)
def test_shipped_references_round_trip(name: str) -> None:
    item = json.loads((REPO / "references" / "bibliography" / name).read_text(encoding="utf-8"))
    record = csl_to_record(item, where=name)
    assert record.source is MetadataSource.MANUAL
    if isinstance(record, Trial):
        again = trial_to_csl(record, item_id=item["id"])
    else:
        again = article_to_csl(record, item_id=item["id"])
    assert again == item


def test_hand_typed_initials_come_from_given_names() -> None:
    item = {
        "id": "pmid:1",
        "PMID": "1",
        "author": [{"family": "Dimopoulos", "given": "Meletios-Athanasios"}, {"literal": "IKEMA"}],
    }
    article = csl_to_record(item, where="x")
    assert isinstance(article, Article)
    assert article.authors == (
        Author(family="Dimopoulos", given="Meletios-Athanasios", initials="MA"),
        Author(collective="IKEMA"),
    )
    assert article.source is MetadataSource.IMPORTED


@pytest.mark.parametrize(
    ("item", "message"),
    [
        pytest.param({"id": "x", "type": "book"}, "no title and no PMID", id="nothing-to-cite"),
        pytest.param({"PMID": "1", "author": ["Smith"]}, "author must be an object", id="author"),
        pytest.param({"PMID": "1", "issued": {"date-parts": [["x"]]}}, "not numbers", id="date"),
        pytest.param({"PMID": "1", "custom": {"metadata": "guess"}}, "custom.metadata", id="src"),
        pytest.param(["not", "an", "object"], "must be an object", id="not-object"),
    ],
)
def test_bad_items_are_parse_errors_naming_the_item(item: object, message: str) -> None:
    with pytest.raises(ParseError, match=message) as caught:
        csl_to_record(item, where="refs.json item 3")  # type: ignore[arg-type]
    assert str(caught.value).startswith("refs.json item 3: ")
