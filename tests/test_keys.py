"""Store keys: standard identifiers first, then url: and ref: for works without one."""

from __future__ import annotations

import pytest

from evidence.keys import article_ids, article_keys, key_column, local_key, record_key
from evidence.models import Article, Author, PubDate


def test_standard_identifiers_name_the_record() -> None:
    article = Article(pmid="1", doi="10.1/ABC", pmcid="pmc5")
    assert article_ids(article) == {
        "pmid": "1",
        "doi": "10.1/abc",
        "pmcid": "PMC5",
        "alt_key": None,
    }
    assert article_keys(article) == ["pmid:1", "doi:10.1/abc", "pmcid:PMC5"]


def test_ref_keys_ignore_case_and_punctuation_but_not_the_work() -> None:
    one = Article(
        title="Medication reconciliation.", authors=(Author("Ávila"),), pub_date=PubDate(2019)
    )
    same = Article(
        title="MEDICATION RECONCILIATION", authors=(Author("Avila"),), pub_date=PubDate(2019)
    )
    later = Article(
        title="Medication reconciliation", authors=(Author("Avila"),), pub_date=PubDate(2020)
    )
    assert local_key(one) == local_key(same) != local_key(later)
    assert local_key(Article(title="x", url="https://e.org/p")) == "url:https://e.org/p"


@pytest.mark.parametrize(
    ("key", "column"),
    [
        pytest.param("doi:10.1/ABC", ("doi", "10.1/abc"), id="doi-lower"),
        pytest.param("nct:nct03275285", ("nct_id", "NCT03275285"), id="nct-upper"),
        pytest.param("url:https://e.org/p", ("alt_key", "url:https://e.org/p"), id="url"),
        pytest.param("ref:0123456789", ("alt_key", "ref:0123456789"), id="ref"),
        pytest.param("isbn:123", None, id="unknown"),
        pytest.param("pmid:", None, id="empty"),
    ],
)
def test_key_columns(key: str, column: tuple[str, str] | None) -> None:
    assert key_column(key) == column


def test_record_key_precedence() -> None:
    assert record_key(None, "NCT1", "10.1/x", None, None) == "nct:NCT1"
    assert record_key(None, None, None, None, "ref:1") == "ref:1"
    with pytest.raises(ValueError, match="no identifier"):
        record_key(None, None, None, None, None)
