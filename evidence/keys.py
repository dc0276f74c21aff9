"""Store keys of records: the one place that says which identifier names a record.

A record is named by its standard identifier, in this order: ``pmid:``, ``nct:``, ``doi:``
(lower case), ``pmcid:``. A work with none of them (a web page, a report, an imported
reference without identifiers) is named ``url:<address>`` when it has an address, else
``ref:<10 hex digits>`` derived from its first author, year and title. Once given, that key
stays with the record (``Article.local_key``), whatever later edits change.
"""

from __future__ import annotations

import hashlib

from evidence.matching import normalise
from evidence.models import Article

STANDARD_PREFIXES = ("pmid", "nct", "doi", "pmcid")
LOCAL_PREFIXES = ("url", "ref")


def article_ids(article: Article) -> dict[str, str | None]:
    """The identifier columns of an article: pmid, doi (lower case), pmcid, and alt_key.

    ``alt_key`` (the ``url:``/``ref:`` key) is set when there is no standard identifier, and
    stays set once given, also after a DOI or PMID is learnt.
    """
    ids: dict[str, str | None] = {
        "pmid": article.pmid,
        "doi": article.doi.lower() if article.doi else None,
        "pmcid": article.pmcid.upper() if article.pmcid else None,
    }
    if article.local_key:  # kept once given, so old citations of it still resolve
        ids["alt_key"] = article.local_key
    else:
        ids["alt_key"] = None if any(ids.values()) else local_key(article)
    return ids


def article_keys(article: Article) -> list[str]:
    """Every key the article can be found by, the record's own key first."""
    ids = article_ids(article)
    keys = [f"{name}:{ids[name]}" for name in ("pmid", "doi", "pmcid") if ids[name]]
    return keys or [str(ids["alt_key"])]


def local_key(article: Article, attempt: int = 0) -> str:
    """``url:<address>`` or ``ref:<hash of first author, year and title>``.

    ``attempt`` > 0 gives the next free key when two different works would share one (two
    guidelines at one address, two "Correction" notices of one year): ``url:<address>#2``.
    """
    suffix = f"#{attempt + 1}" if attempt else ""
    if article.url:
        return f"url:{article.url}{suffix}"
    author = article.authors[0].short if article.authors else ""
    parts = (author, str(article.year or ""), article.title or "")
    basis = "|".join(normalise(part) for part in parts)
    return "ref:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10] + suffix


def record_key(
    pmid: str | None, nct_id: str | None, doi: str | None, pmcid: str | None, alt: str | None
) -> str:
    """The key of a stored row from its identifier columns."""
    for prefix, value in (("pmid", pmid), ("nct", nct_id), ("doi", doi), ("pmcid", pmcid)):
        if value:
            return f"{prefix}:{value}"
    if alt:
        return alt
    raise ValueError("a stored record has no identifier")


def key_column(key: str) -> tuple[str, str] | None:
    """``(column, value)`` to look a key up by, normalised as stored; None if not a key."""
    prefix, _, value = key.partition(":")
    if not value:
        return None
    if prefix in LOCAL_PREFIXES:
        return "alt_key", key
    column = {"pmid": "pmid", "doi": "doi", "pmcid": "pmcid", "nct": "nct_id"}.get(prefix)
    if column is None:
        return None
    if column == "doi":
        return column, value.lower()
    return column, value.upper() if column in ("nct_id", "pmcid") else value
