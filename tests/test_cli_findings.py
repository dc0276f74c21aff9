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
    assert len(rows) == 17
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
    listed = json.loads(_run(capsys, "findings", "list", "--json", "--source", "pmid:37156782")[1])
    shipped = {row["text"] for row in listed}
    assert len(shipped) == 15 and shipped <= texts
    assert all(f["status"] == "candidate" for f in found)
    assert _run(capsys, "findings", "extract", "pmid:37156782", "--save")[0] == 0
    code, out, _err = _run(capsys, "findings", "list", "--json")
    rows = json.loads(out)
    assert len(rows) == 17 + len(found)
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


def test_demo_never_touches_the_configured_store(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = project / ".evidence" / "store.sqlite3"
    monkeypatch.setenv("EVIDENCE_STORE", str(store))
    assert run(["import", str(project / "references")]) == 0
    before = store.read_bytes()
    assert _run(capsys, "demo")[0] == 0
    assert store.read_bytes() == before
    assert (project / ".evidence" / "demo.sqlite3").exists()


def test_export_keeps_studies_whose_names_collide(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "out"
    out.mkdir()
    (out / "old-study.yaml").write_text("findings: []\n", encoding="utf-8")
    assert _run(capsys, "findings", "edit", "ikema-2023-cr-rate-kd", "--study", "Ikema")[0] == 0
    code, stdout, err = _run(capsys, "findings", "export", "--to", str(out))
    files = stdout.split()
    assert code == 0 and len(files) == len(set(files)) == 2
    assert "old-study.yaml was not written by this export" in err
    fresh = project / "fresh.sqlite3"
    copy = project / "copy"
    shutil.copytree(project / "references", copy)
    for path in (copy / "findings").glob("*.yaml"):
        path.unlink()
    for name in files:
        shutil.copy(name, copy / "findings")
    assert _run(capsys, "--store", str(fresh), "import", str(copy))[0] == 0
    code, stdout, _err = _run(capsys, "--store", str(fresh), "findings", "list", "--json")
    assert len(json.loads(stdout)) == 17


def test_add_refuses_an_existing_id_and_a_ci_limit_as_value(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["findings", "add", "ikema-2023-cr-or", "--source", "pmid:37156782", "--kind"]
    code, _out, err = _run(
        capsys,
        *base,
        "odds-ratio",
        "--text",
        "odds-ratio: 2.78, 95% CI: 1.55–4.99",
        "--endpoint",
        "x",
    )
    assert code == 2 and "a finding with this id exists" in err
    shown = _run(capsys, "findings", "show", "ikema-2023-cr-or")[1]
    assert "value: 2.09" in shown and "confirmed" in shown
    code, _out, err = _run(
        capsys,
        "findings",
        "add",
        "new",
        "--source",
        "pmid:37156782",
        "--kind",
        "median",
        "--text",
        "35.7 [95% CI: 25.8–44.0]",
        "--value",
        "25.8",
        "--endpoint",
        "PFS",
    )
    assert code == 2 and "CI limits and p are not values" in err
    code, _out, err = _run(
        capsys,
        "findings",
        "add",
        "empty",
        "--source",
        "pmid:37156782",
        "--kind",
        "rate",
        "--text",
        " ",
        "--endpoint",
        "x",
    )
    assert code == 2 and "empty" in err


def test_negative_ci_is_a_problem_not_a_crash_and_source_forms_agree(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "p.txt"
    page.write_text("The HR was 0.5 (95% CI 0.4 to -0.3) for PFS.", encoding="utf-8")
    assert _run(capsys, "sources", "add", "url:https://x.org/a", "--text-file", str(page))[0] == 0
    code, _out, err = _run(
        capsys,
        "findings",
        "add",
        "neg",
        "--source",
        "url:https://x.org/a",
        "--kind",
        "hazard-ratio",
        "--text",
        "0.5 (95% CI 0.4 to -0.3)",
        "--endpoint",
        "PFS",
    )
    assert code == 0, err
    code, out, err = _run(capsys, "findings", "list", "--source", "url:https://x.org/a", "--json")
    assert code == 0, err
    [row] = json.loads(out)
    assert "must be positive" in row["problems"]
    by_pmid = _run(capsys, "findings", "list", "--source", "37156782", "--json")[1]
    assert len(json.loads(by_pmid)) == 15
    page.write_text("Recaptured text.", encoding="utf-8")
    code, _out, err = _run(
        capsys, "sources", "add", "url:https://x.org/a", "--text-file", str(page)
    )
    assert code == 2 and "1 finding(s) are anchored" in err


def test_check_command_reports_and_exits_8(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = REPO / "tests" / "fixtures" / "ikema-summary.md"
    code, out, err = _run(capsys, "check", str(summary))
    assert code == 8
    assert "year 2022 but the record's issue year is 2021" in out
    assert "19.2: unsupported  appears in [1] (pmid:37156782)" in out
    assert err.startswith(f"Error: {summary}: 1 unsupported number(s), 1 citation problem(s)")
    code, out, _err = _run(capsys, "check", str(summary), "--format", "json")
    assert code == 8 and json.loads(out)["unsupported_numbers"] == 1


def test_cite_formats_the_demo_references(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run(capsys, "cite", "34097854", "doi:10.1038/s41408-023-00797-8")
    assert code == 0
    assert out.splitlines()[0] == (
        "1. Moreau P, Dimopoulos MA, Mikhael J, et al. Isatuximab, carfilzomib, and "
        "dexamethasone in relapsed multiple myeloma (IKEMA): a multicentre, open-label, "
        "randomised phase 3 trial. Lancet. 2021;397(10292):2361-2371. "
        "doi:10.1016/S0140-6736(21)00592-4"
    )
    code, out, _err = _run(capsys, "cite", "34097854", "--style", "vancouver")
    assert out.rstrip().endswith(
        "2361–71. doi:10.1016/S0140-6736(21)00592-4 PubMed PMID: 34097854."
    )
    code, _out, err = _run(capsys, "cite", "99999999")
    assert code == 3 and "99999999: not in the store" in err
    assert _run(capsys, "cite", "34097854", "--style", "chicago")[0] == 2


def test_render_the_demo_listing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = project / "references" / "listings" / "ikema-demo.yaml"
    code, out, err = _run(capsys, "render", str(listing), "--format", "html", "--style", "nlm")
    assert code == 0, err
    assert '<li id="ref-3">' in out and "2021 Jun 19;397(10292):2361–71" in out
    broken = project / "broken.yaml"
    broken.write_text(
        listing.read_text(encoding="utf-8").replace("{ikema-2023-itt-n-kd}", "{no-such-finding}"),
        encoding="utf-8",
    )
    code, _out, err = _run(capsys, "render", str(broken))
    assert code == 2 and "no-such-finding" in err


def test_summarize_a_publication(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "summarize", "37156782")
    assert code == 0, err
    assert "compared with 19.2 months on Kd." in out
    assert out.rstrip().endswith(
        "updated results from IKEMA, a randomized Phase 3 study. "
        "Martin T, Dimopoulos MA, Mikhael J, et al. 2023."
    )
    code, _out, err = _run(capsys, "summarize", "pmid:34097854")
    assert code == 3 and "no confirmed findings to summarise" in err
