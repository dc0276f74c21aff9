"""import / export / export-listing / zotero on the command line: exit codes, stdout, stderr."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import ExitStatus, run
from tests.fakezotero import FakeZotero, Fault
from tests.fixtures_index import FIXTURES

REPO = Path(__file__).resolve().parents[1]
RIS = FIXTURES / "formats" / "ris" / "asreview"
SHIPPED = len(list((REPO / "references" / "bibliography").glob("*.json")))
"""References the project ships in references/bibliography."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_any_mix_of_formats_with_a_summary(capsys) -> None:
    code, out, err = _run(
        capsys,
        "import",
        str(RIS / "embase.ris"),
        str(RIS / "pubmed_endnote.txt"),
        str(FIXTURES / "formats" / "manubot" / "bibliographies" / "bibliography.json"),
        "--json",
    )
    assert code == ExitStatus.OK, err
    rows = json.loads(out)
    assert len(rows) == 6 + 6 + 2 and {r["status"] for r in rows} == {"added"}
    assert f"{RIS / 'embase.ris'}: ris, 6 records; kept but not mapped: " in err
    assert "ris:LK (" in err
    assert "Imported: 14 added" in err


def test_import_keeps_good_records_and_exits_6_for_bad_ones(capsys, tmp_path) -> None:
    bad = tmp_path / "mixed.json"
    bad.write_text(json.dumps([{"title": "Good", "DOI": "10.1/g"}, {"type": "book"}]))
    code, out, err = _run(capsys, "import", str(bad))
    assert code == ExitStatus.PARTIAL == 6
    assert f"Error: {bad}, line 1: item has no title" in err
    assert "1 of 2 records failed; the rest were kept" in err
    code, out, _err = _run(capsys, "refs", "list", "--json")
    assert [row["key"] for row in json.loads(out)] == ["doi:10.1/g"]


def test_import_of_an_unknown_format_asks_for_format(capsys, tmp_path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("just some words\n")
    code, _out, err = _run(capsys, "import", str(odd))
    assert code == ExitStatus.USAGE  # a lone failure keeps its own exit code
    assert "cannot tell the file's format; give --format" in err


def test_export_every_format_and_to_a_file(capsys, tmp_path) -> None:
    assert _run(capsys, "import", str(REPO / "references"))[0] == 0
    for fmt, marker in (
        ("ris", "TY  - JOUR"),
        ("bibtex", "@article{"),
        ("nbib", "PMID- 34097854"),
        ("yaml", "references:"),
        ("csljson", '"PMID": "34097854"'),
    ):
        code, out, err = _run(capsys, "export", "--format", fmt)
        assert code == 0 and marker in out, (fmt, err)
        assert ("nbib has no tag for its address" in err) == (fmt == "nbib"), (fmt, err)
    target = tmp_path / "refs.ris"
    code, out, err = _run(capsys, "export", "--format", "ris", "-o", str(target))
    assert code == 0 and out == "" and f"Wrote {target}" in err
    assert target.read_text(encoding="utf-8").count("ER  - ") == SHIPPED
    code, _out, err = _run(capsys, "export", "--collection", "missing")
    assert code == ExitStatus.USAGE and "no such collection" in err


def test_export_listing_json(capsys) -> None:
    assert _run(capsys, "import", str(REPO / "references"))[0] == 0
    listing = REPO / "references" / "listings" / "ikema-demo.yaml"
    code, out, err = _run(capsys, "export-listing", str(listing), "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert document["references"][0]["number"] == 1 and document["findings"]


@pytest.fixture
def zotero_env(monkeypatch) -> Iterator[FakeZotero]:
    with FakeZotero(api_key="cliKey123") as fake:
        monkeypatch.setenv("EVIDENCE_ZOTERO_BASE", fake.base_url)
        monkeypatch.setenv("EVIDENCE_ZOTERO_API_KEY", "cliKey123")
        monkeypatch.setenv("EVIDENCE_BACKOFF_INITIAL", "0.01")
        monkeypatch.setenv("EVIDENCE_BACKOFF_MAX", "0.02")
        yield fake


def test_zotero_push_status_pull(capsys, zotero_env) -> None:
    assert _run(capsys, "import", str(REPO / "references"))[0] == 0
    code, out, err = _run(capsys, "zotero", "push", "--library", "user:1", "--dry-run", "--json")
    assert code == 0 and [r["action"] for r in json.loads(out)] == ["create"] * SHIPPED
    assert f"Plan: {SHIPPED} create" in err and zotero_env.count("POST") == 0
    code, out, err = _run(capsys, "zotero", "push", "--library", "user:1")
    assert code == 0 and f"Done: {SHIPPED} create" in err
    assert "cliKey123" not in out + err
    code, out, err = _run(capsys, "zotero", "status", "--library", "user:1", "--json")
    assert code == 0 and {r["action"] for r in json.loads(out)} == {"unchanged"}
    key = json.loads(out)[0]["zotero_key"]
    zotero_env.edit_remote(key, title="Changed in Zotero")
    code, out, err = _run(capsys, "zotero", "pull", "--library", "user:1", "--json")
    assert code == 0 and "pull" in {r["action"] for r in json.loads(out)}


def test_zotero_errors_have_their_exit_codes(capsys, zotero_env, monkeypatch) -> None:
    code, _out, err = _run(capsys, "zotero", "status")
    assert code == ExitStatus.USAGE and "no Zotero library given" in err
    monkeypatch.setenv("EVIDENCE_ZOTERO_API_KEY", "wrongKey000")
    code, _out, err = _run(capsys, "zotero", "status", "--library", "user:1")
    assert code == ExitStatus.CONFIG and "EVIDENCE_ZOTERO_API_KEY" in err
    monkeypatch.setenv("EVIDENCE_ZOTERO_API_KEY", "cliKey123")
    monkeypatch.setenv("EVIDENCE_MAX_ATTEMPTS", "2")
    zotero_env.inject("GET", "/items/top", Fault.server_error(), Fault.server_error())
    code, _out, err = _run(capsys, "zotero", "status", "--library", "user:1")
    assert code == ExitStatus.UPSTREAM and "Zotero answered HTTP 500" in err
    code, _out, err = _run(capsys, "--offline", "zotero", "push", "--library", "user:1")
    assert code == ExitStatus.USAGE and "needs the network" in err


def test_zotero_conflict_exits_6_with_both_sides(capsys, zotero_env) -> None:
    assert _run(capsys, "import", str(REPO / "references"))[0] == 0
    assert _run(capsys, "zotero", "push", "--library", "user:1")[0] == 0
    code, out, _err = _run(capsys, "zotero", "status", "--library", "user:1", "--json")
    trial = next(r for r in json.loads(out) if r["key"] == "nct:NCT03275285")
    zotero_env.delete_remote(trial["zotero_key"])
    code, _out, err = _run(capsys, "zotero", "push", "--library", "user:1")
    assert code == ExitStatus.PARTIAL
    assert "deleted-in-zotero: nct:NCT03275285" in err
