"""The findings and sources commands, end to end on the shipped references/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli import run

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(REPO / "references", folder / "references")
    assert run(["import", str(folder / "references")]) == 0
    capsys.readouterr()
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_confirm_and_export_round_trip(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(capsys, "findings", "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 15
    assert all(row["problems"] == "" for row in rows)
    code, out, _err = _run(capsys, "findings", "show", "ikema-2023-pfs-median-kd")
    assert "as printed: 19.2 [95% CI: 15.8–25.0]" in out
    assert "CI: 95% 15.8 to 25.0" in out
    assert _run(capsys, "findings", "reject", "ikema-2023-mrd-or", "--by", "RV")[0] == 0
    code, out, _err = _run(capsys, "findings", "show", "ikema-2023-mrd-or", "--json")
    assert json.loads(out)["finding"]["status"] == "rejected"
    code, out, _err = _run(capsys, "findings", "export", "--to", str(project / "out"))
    assert out.strip() == str(project / "out" / "ikema.yaml")
    exported = (project / "out" / "ikema.yaml").read_text(encoding="utf-8")
    shipped = (REPO / "references" / "findings" / "ikema.yaml").read_text(encoding="utf-8")
    assert exported != shipped and "status: rejected" in exported
    assert exported.replace("status: rejected\n  reviewed_by: RV", "") != exported


def test_edited_source_text_is_caught_on_import(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project / "references" / "sources" / "pmid-37156782.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("0.58", "0.59"), encoding="utf-8")
    code, _out, err = _run(
        capsys, "--store", str(project / "fresh.sqlite3"), "import", str(project / "references")
    )
    assert code == 6
    assert "changed since this finding was anchored" in err


def test_add_a_finding_and_a_source(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "label.txt"
    page.write_text(
        "The most frequent adverse reactions requiring permanent discontinuation were "
        "infections (2.8%, SARCLISA + Kd; 4.9%, Kd).",
        encoding="utf-8",
    )
    code, _out, err = _run(
        capsys,
        "sources",
        "add",
        "url:https://example.org/ikema-safety",
        "--text-file",
        str(page),
        "--title",
        "IKEMA Safety",
        "--accessed",
        "2026-11-24",
    )
    assert code == 0, err
    code, out, err = _run(
        capsys,
        "findings",
        "add",
        "ikema-label-infection-discontinuation",
        "--source",
        "url:https://example.org/ikema-safety",
        "--kind",
        "rate",
        "--text",
        "2.8%, SARCLISA + Kd",
        "--endpoint",
        "permanent discontinuation due to infections",
        "--arm",
        "Isa-Kd",
        "--population",
        "safety",
        "--by",
        "A Writer",
    )
    assert code == 0, err
    assert "value: 2.8" in out and "unit: %" in out
    assert "status: confirmed by A Writer" in out
    code, _out, err = _run(
        capsys,
        "findings",
        "add",
        "dup",
        "--source",
        "url:https://example.org/ikema-safety",
        "--kind",
        "rate",
        "--text",
        "Kd",
        "--endpoint",
        "x",
    )
    assert code == 2
    assert "occurs more than once" in err


def test_extract_proposes_the_demo_findings_and_saves_without_overwriting(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "findings", "extract", "pmid:37156782", "--json")
    assert code == 0, err
    found = json.loads(out)
    texts = {f["verbatim"] for f in found}
    shipped = {row["text"] for row in json.loads(_run(capsys, "findings", "list", "--json")[1])}
    assert shipped <= texts
    assert all(f["status"] == "candidate" for f in found)
    assert _run(capsys, "findings", "extract", "pmid:37156782", "--save")[0] == 0
    code, out, _err = _run(capsys, "findings", "list", "--json")
    rows = json.loads(out)
    assert len(rows) == 15 + len(found)
    assert {r["status"] for r in rows if r["id"].startswith("ikema-")} == {"confirmed"}


def test_extract_from_a_text_file_and_usage_errors(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "abstract.txt"
    text.write_text(
        "Median overall survival was 20.3 months (95% CI 17.1-23.5) with drug A versus "
        "15.4 months (12.9-18.0) with drug B (hazard ratio 0.72, 95% CI 0.58-0.89; p=0.002).",
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "findings", "extract", "--text-file", str(text), "--json")
    assert code == 0, err
    kinds = sorted(f["kind"] for f in json.loads(out))
    assert "hazard-ratio" in kinds
    assert _run(capsys, "findings", "extract")[0] == 2
    assert _run(capsys, "findings", "extract", "pmid:1", "--text-file", str(text))[0] == 2
    code, _out, err = _run(capsys, "findings", "extract", "pmid:34097854")
    assert code == 3 and "no text to read findings from" in err


def test_edit_changes_context_not_numbers_and_asks_for_review_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys,
        "findings",
        "edit",
        "ikema-2023-pfs-hr",
        "--population",
        "ITT (all randomised)",
        "--note",
        "population named as in the Lancet paper",
    )
    assert code == 0, err
    assert "population: ITT (all randomised)" in out
    assert "value: 0.58" in out and "status: candidate" in out
    assert "note: population named as in the Lancet paper" in out
    assert _run(capsys, "findings", "edit", "no-such-id", "--arm", "x")[0] == 3
