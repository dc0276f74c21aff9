"""CSL-JSON files: every item with its line, bad items reported, faithful writing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.formats.cslfile import read_csl, write_csl
from tests.fixtures_index import FIXTURES

CSL_FILES = sorted((FIXTURES / "formats" / "manubot" / "csl-json").glob("*.json"))


@pytest.mark.parametrize("path", CSL_FILES, ids=lambda p: p.stem)
def test_real_files_read_whole_and_write_back_the_same(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    parsed = read_csl(path.read_text(encoding="utf-8"), path=str(path))
    assert not parsed.errors
    items = [item.csl for item in parsed.items]
    assert items == (original if isinstance(original, list) else [original])
    assert json.loads(write_csl(items)) == items


def test_lines_and_bad_items() -> None:
    text = '[\n  {"id": "a", "title": "A"},\n  "oops",\n  {"id": "c",\n   "title": "C"}\n]\n'
    parsed = read_csl(text, path="refs.json")
    assert [(i.csl["id"], i.line) for i in parsed.items] == [("a", 2), ("c", 4)]
    assert [str(e) for e in parsed.errors] == [
        "refs.json, line 3: a CSL-JSON item must be an object"
    ]


def test_broken_json_keeps_the_items_before_it() -> None:
    parsed = read_csl('[{"id": "a"},\n{"id": "b",, }]', path="x.json")
    assert [i.csl["id"] for i in parsed.items] == ["a"]
    assert parsed.errors and parsed.errors[0].line == 2


def test_bom_and_single_object() -> None:
    parsed = read_csl('\ufeff{"id": "only", "title": "T"}', path="one.json")
    assert [i.csl for i in parsed.items] == [{"id": "only", "title": "T"}]


def test_writing_is_deterministic() -> None:
    items = [{"title": "Ä", "id": "x", "author": [{"given": "P", "family": "Moreau"}]}]
    assert write_csl(items) == write_csl(json.loads(write_csl(items)))
    assert write_csl(items).endswith("}\n]\n") and "Ä" in write_csl(items)
