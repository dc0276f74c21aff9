"""One publication's plain-language summary from its findings (``evidence summarize``).

The summary is built from the source's confirmed findings (candidates only when asked), and
every sentence is checked by :mod:`evidence.numbercheck` against that source before it is
returned: a number that does not trace stops the summary with an error naming it.
"""

from __future__ import annotations

from evidence.errors import InputError, NotFoundError
from evidence.findings import FindingStatus
from evidence.numbercheck import CitedText, Verdict, check_numbers
from evidence.plain import summary_paragraphs
from evidence.store import Store


def summarize(store: Store, key: str, *, include_candidates: bool = False) -> list[str]:
    """Paragraphs of plain-language text, then a line with the title, authors and year."""
    allowed = {FindingStatus.CONFIRMED} | (
        {FindingStatus.CANDIDATE} if include_candidates else set()
    )
    findings = [f for f in store.findings(source=key) if f.status in allowed]
    if not findings:
        raise NotFoundError(
            "no confirmed findings to summarise",
            item=key,
            hint="propose some with `evidence findings extract --save`, confirm them, "
            "or pass --include-candidates",
        )
    paragraphs = [" ".join(sentences) for sentences in summary_paragraphs(findings)]
    by_source = {key: findings}
    for paragraph in paragraphs:
        for checked in check_numbers([CitedText(paragraph, (key,))], by_source):
            bad = [n for n in checked.numbers if n.verdict is Verdict.UNSUPPORTED]
            if bad:
                raise InputError(
                    f"the summary would print {bad[0].number.verbatim}, which no finding supports",
                    item=key,
                    hint="check the findings of this source",
                )
    return [*paragraphs, _byline(store, key)]


def _byline(store: Store, key: str) -> str:
    record = store.get(key)
    if record is None or record.article is None:
        snapshot = store.get_snapshot(key)
        return (snapshot.title if snapshot and snapshot.title else key) + "."
    article = record.article
    names = [a.short for a in article.authors[:3]]
    if len(article.authors) > 3:
        names.append("et al.")
    authors = ", ".join(names)
    title = (article.plain_title or key).rstrip(".")
    year = f" {article.year}." if article.year else ""
    return f"{title}. {authors}.{year}".replace("et al..", "et al.")
