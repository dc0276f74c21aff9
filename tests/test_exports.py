"""Exports: bibliographies in every format from the demo store, and whole listings."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from evidence.bibimport import import_files
from evidence.errors import InputError
from evidence.exports import (
    BIBLIOGRAPHY_FORMATS,
    export_bibliography,
    export_listing,
    export_losses,
)
from evidence.formats.registry import read_text
from evidence.imports import import_references
from evidence.listing import load_listing
from evidence.render_prose import markdown_escape
from evidence.store import Store, open_store
from evidence.styles import resolve_style

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "references" / "listings" / "ikema-demo.yaml"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "demo.sqlite3")
    assert not [i for i in import_references(ROOT / "references", store).items if not i.ok]
    yield store
    store.close()


@pytest.mark.parametrize("fmt", [f for f in BIBLIOGRAPHY_FORMATS if f != "yaml"])
def test_every_format_reads_back_the_same_references(demo: Store, fmt: str, tmp_path) -> None:
    text = export_bibliography(demo, fmt)
    parsed = read_text(text, fmt, path=f"export.{fmt}")
    assert not parsed.errors
    titles = sorted(item.csl.get("title") for item in parsed.items)
    assert titles == sorted(r.title for r in demo.records())
    # ... and imported into an empty store, they are the same records under the same keys.
    again = open_store(tmp_path / f"again-{fmt}.sqlite3")
    path = tmp_path / f"export.{fmt}"
    path.write_text(text, encoding="utf-8")
    report = import_files([path], again, fmt=fmt)
    assert not report.failures
    lost = {line.split(": ", 1)[0] for line in export_losses(demo, fmt)}
    assert lost == (
        {"url:https://www.sarclisahcp.com/ikema-safety-profile"} if fmt == "nbib" else set()
    )
    assert len(again.records()) == len(demo.records())
    kept = sorted(r.key for r in again.records() if not r.key.startswith("ref:"))
    assert kept == sorted(r.key for r in demo.records() if r.key not in lost)
    for record in demo.records():
        if record.key in lost:
            continue
        back = again.get(record.key)
        assert back is not None and back.title == record.title, fmt
        if record.article is not None:
            a, b = record.article, back.article
            assert b is not None
            assert (b.volume, b.pages, b.doi, b.year) == (a.volume, a.pages, a.doi, a.year), fmt
            assert [x.family for x in b.authors] == [x.family for x in a.authors], fmt


def test_yaml_is_pandoc_csl_yaml_with_numbers_as_text(demo: Store) -> None:
    document = yaml.safe_load(export_bibliography(demo, "yaml"))
    by_id = {item["id"]: item for item in document["references"]}
    lancet = by_id["pmid:34097854"]
    assert lancet["volume"] == "397" and lancet["page"] == "2361-2371"


def test_unknown_collection_names_the_known_ones(demo: Store) -> None:
    demo.add_to_collection("ikema", ["pmid:37156782"])
    assert [i["id"] for i in json.loads(export_bibliography(demo, "csljson", collection="ikema"))]
    with pytest.raises(InputError, match="collections: ikema"):
        export_bibliography(demo, "ris", collection="nope")


def test_listing_as_json_carries_text_references_and_findings(demo: Store) -> None:
    text = export_listing(load_listing(DEMO), demo, fmt="json", style=resolve_style("ama"))
    document = json.loads(text)
    numbers = [(r["number"], r["key"]) for r in document["references"]]
    assert numbers == [(n, key) for n, key in enumerate([r[1] for r in numbers], start=1)]
    assert {r["key"] for r in document["references"]} >= {"pmid:37156782"}
    assert all(r["csl"]["id"] for r in document["references"])
    cited = {f["anchor"]["source"] for f in document["findings"]}
    assert cited <= {r["key"] for r in document["references"]}
    pfs = next(f for f in document["findings"] if f["kind"] == "hazard-ratio")
    assert pfs["verbatim"] in pfs["anchor"]["span"]["sentence"]
    assert '<a href="#ref-1">' in document["html"] and "[1" in document["markdown"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_listing_with_its_sources_of_numbers(demo: Store, fmt: str) -> None:
    text = export_listing(load_listing(DEMO), demo, fmt=fmt, style=resolve_style("ama"))
    assert "Sources of the numbers" in text
    findings = demo.findings(source="pmid:37156782")
    shown = markdown_escape if fmt == "md" else html.escape  # as each markup writes text
    assert findings and all(shown(f.verbatim) in text for f in findings)
    if fmt == "html":
        targets = set(re.findall(r'href="#(ref-\d+)"', text))
        assert targets and targets <= set(re.findall(r'id="(ref-\d+)"', text))


def test_exported_ids_are_unique_though_imported_ids_collide(tmp_path) -> None:
    store = open_store(tmp_path / "ids.sqlite3")
    for n in (1, 2):
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps([{"id": "same", "title": f"Paper {n}", "DOI": f"10.1/{n}"}]))
        import_files([path], store)
    ids = [item["id"] for item in json.loads(export_bibliography(store, "csljson"))]
    assert sorted(ids) == ["doi:10.1/2", "same"]
