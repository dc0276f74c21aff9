"""Listing documents: the YAML model, placeholders, citations and loader errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.errors import ParseError
from evidence.listing import citation_keys, load_listing, parse_listing, placeholders

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
title: A listing
sections:
  - heading: First
    prose: |
      Text with {ikema-2023-pfs-hr} and {ikema-2023-pfs-hr:ci} [@pmid:37156782].
published_research:
  - 37156782
"""


def test_the_demo_listing_loads() -> None:
    listing = load_listing(ROOT / "references" / "listings" / "ikema-demo.yaml")
    assert listing.title.startswith("Isatuximab")
    assert [s.heading for s in listing.sections] == [
        "What is the IKEMA study?",
        "What did the updated analysis find?",
        "Is isatuximab likely to be safe?",
        "Is isatuximab being studied in smoldering myeloma?",
    ]
    assert listing.published_research == ("pmid:37156782",)


def test_keys_are_normalised_and_placeholders_read() -> None:
    listing = parse_listing(GOOD)
    assert listing.published_research == ("pmid:37156782",)
    assert placeholders(listing.sections[0].prose) == [
        ("ikema-2023-pfs-hr", "value"),
        ("ikema-2023-pfs-hr", "ci"),
    ]
    assert citation_keys("@pmid:1; @NCT03275285") == ("pmid:1", "nct:NCT03275285")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: x\nsections: []\nsubtitle: y\n", 3, "unknown field 'subtitle'"),
        ("title: x\nsections:\n  - heading: h\n    prose: p\n    extra: 1\n", 5, "'extra'"),
        ("title: x\nsections:\n  - heading: h\n", 3, "needs prose"),
        ("title: [x\nsections: []\n", 2, "not valid YAML"),
        ("title: x\nsections:\n  - heading: h\n    prose: '{a:bogus}'\n", 4, "unknown field"),
        ("title: x\nsections:\n  - heading: h\n    prose: 'x [@pmid:abc].'\n", 4, "PMID"),
        ("title: x\nsections: []\npublished_research: [nope]\n", 3, "not a source key"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_listing(text, where="demo.yaml")
    assert caught.value.line == line
    assert f"demo.yaml, line {line}" in str(caught.value)
    assert words in str(caught.value)


def test_title_and_sections_are_required(tmp_path: Path) -> None:
    path = tmp_path / "l.yaml"
    path.write_text("title: only\n", encoding="utf-8")
    with pytest.raises(ParseError, match="needs 'title' and 'sections'"):
        load_listing(path)
    with pytest.raises(ParseError, match="cannot be read"):
        load_listing(tmp_path / "missing.yaml")
