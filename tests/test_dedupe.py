"""Duplicates: identifiers first, then first author + year + title; merges report conflicts."""

from __future__ import annotations

import pytest

from evidence.dedupe import DuplicateIndex, merge_items
from evidence.models import Article, Author, PubDate

IKEMA = Article(
    pmid="34097854",
    doi="10.1016/S0140-6736(21)00592-4",
    title="Isatuximab, carfilzomib, and dexamethasone in relapsed multiple myeloma (IKEMA): "
    "a multicentre, open-label, randomised phase 3 trial",
    authors=(Author(family="Moreau", initials="P"),),
    pub_date=PubDate(year=2021),
)


def _index() -> DuplicateIndex:
    index = DuplicateIndex()
    index.add("pmid:34097854", IKEMA)
    return index


@pytest.mark.parametrize(
    ("article", "how"),
    [
        pytest.param(Article(pmid="34097854", title="anything"), "identifier", id="same-pmid"),
        pytest.param(
            Article(doi="10.1016/s0140-6736(21)00592-4", title="x"), "identifier", id="doi-case"
        ),
        pytest.param(
            Article(
                title="Isatuximab, carfilzomib and dexamethasone in relapsed multiple myeloma "
                "(IKEMA): a multicentre, open-label, randomised phase 3 trial.",
                authors=(Author(family="Moreau", given="Philippe"),),
                pub_date=PubDate(year=2021),
            ),
            "title",
            id="title-punctuation",
        ),
        pytest.param(
            Article(
                title=IKEMA.title.upper() if IKEMA.title else None,
                authors=(Author(family="MOREAU"),),
                pub_date=PubDate(year=2021),
            ),
            "title",
            id="title-case",
        ),
    ],
)
def test_duplicates_are_found(article: Article, how: str) -> None:
    found = _index().find(article)
    assert found is not None and found.key == "pmid:34097854" and found.how == how


@pytest.mark.parametrize(
    "article",
    [
        pytest.param(Article(pmid="34097855", title=IKEMA.title), id="other-pmid-same-title"),
        pytest.param(
            Article(
                title=IKEMA.title,
                authors=(Author(family="Martin"),),
                pub_date=PubDate(year=2021),
            ),
            id="other-first-author",
        ),
        pytest.param(
            Article(title=IKEMA.title, authors=IKEMA.authors, pub_date=PubDate(year=2023)),
            id="other-year",
        ),
        pytest.param(
            Article(
                title="Isatuximab, carfilzomib, and dexamethasone in relapsed multiple myeloma "
                "(IKEMA): updated efficacy and safety",
                authors=IKEMA.authors,
                pub_date=PubDate(year=2021),
            ),
            id="other-title",
        ),
    ],
)
def test_different_works_are_not_duplicates(article: Article) -> None:
    assert _index().find(article) is None


def test_merge_fills_gaps_and_reports_disagreements() -> None:
    kept = {"id": "a", "title": "T", "volume": "397", "custom": {"metadata": "manual"}}
    new = {"id": "b", "title": "t", "volume": "398", "page": "2361-71", "custom": {"x": 1}}
    merged, conflicts = merge_items(kept, new)
    assert merged == {
        "id": "a",
        "title": "T",
        "volume": "397",
        "page": "2361-71",
        "custom": {"metadata": "manual", "x": 1},
    }
    assert conflicts == ["volume: kept '397', file has '398'"]


@pytest.mark.slow
def test_no_two_different_pubmed_records_are_taken_for_one_work() -> None:
    """397 real records, 103 pairs sharing first author and year: none may merge by title."""
    from evidence.pubmed import parse_pubmed
    from tests.fixtures_index import pubmed_fixture_files

    index = DuplicateIndex()
    seen = 0
    for path in pubmed_fixture_files():
        for record in parse_pubmed(path.read_bytes()).records:
            article = record.article
            without_ids = Article(
                title=article.title, authors=article.authors, pub_date=article.pub_date
            )
            found = index.find(without_ids)
            assert found is None or found.key == f"pmid:{article.pmid}", (article.pmid, found)
            index.add(f"pmid:{article.pmid}", article)
            seen += 1
    assert seen == 397
