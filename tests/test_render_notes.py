"""Currency of the sources a listing rests on: blocked, or a note to the writer."""

from __future__ import annotations

import dataclasses

import pytest

from evidence.errors import InputError
from evidence.listing import parse_listing
from evidence.models import CommentCorrection
from evidence.pubmed import parse_pubmed
from evidence.render import render_listing, writer_notes
from evidence.store import Store
from evidence.styles import Style
from tests.fixtures_index import FIXTURES


def _store_fixture(store: Store, path: str) -> str:
    [record] = parse_pubmed((FIXTURES / "pubmed" / path).read_bytes()).records
    store.put_article(record.article, record.raw, "pubmed-xml")
    return f"pmid:{record.article.pmid}"


def test_errata_and_updates_are_notes_for_the_writer(store: Store) -> None:
    erratum = _store_fixture(store, "metapub/35649368.xml")
    updated = _store_fixture(store, "pubmed-client/32887691.xml")
    notes = writer_notes(store, [erratum, updated])
    assert notes[0].startswith(f"{erratum} has a published erratum (PMID ")
    assert notes[1] == (
        f"{updated} has a published erratum (PMID 35470203): re-check the numbers you cite"
    )
    assert notes[2].startswith(f"{updated} was updated by PMID ")
    assert notes[2].endswith(": consider citing the later publication")
    assert writer_notes(store, ["pmid:1"]) == []


def test_an_expression_of_concern_stops_the_render(store: Store) -> None:
    key = _store_fixture(store, "pubmed-client/31978945.xml")
    record = store.get(key)
    assert record is not None and record.article is not None
    concerned = dataclasses.replace(
        record.article,
        comments_corrections=(CommentCorrection("ExpressionOfConcernIn", "x", "1"),),
    )
    store.put_article(concerned, record.raw, "pubmed-xml")
    listing = parse_listing(
        f"title: A listing\nsections:\n  - heading: Why\n    prose: A study [@{key}].\n",
        where="l.yaml",
    )
    with pytest.raises(InputError, match="under an expression of concern"):
        render_listing(listing, store, fmt="md", style=Style.AMA)
    text = render_listing(listing, store, fmt="md", style=Style.AMA, allow_retracted=True)
    assert "A study [1]." in text
