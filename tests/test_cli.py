"""The command line: every exit code, stdout (data) and stderr (messages) apart."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import click
import pytest

import cli
import evidence_cli.app
import evidence_cli.interchange
import evidence_cli.references
from cli import ExitStatus, run
from tests.fakeserver import FakeServer, Fault

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def online(server: FakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeServer:
    monkeypatch.setenv("EVIDENCE_EUTILS_BASE", server.eutils_base)
    monkeypatch.setenv("EVIDENCE_CTGOV_BASE", server.ctgov_base)
    monkeypatch.setenv("EVIDENCE_NCBI_EMAIL", "writer@example.org")
    monkeypatch.setenv("EVIDENCE_NCBI_API_KEY", "secret-key-42")
    monkeypatch.setenv("EVIDENCE_BACKOFF_INITIAL", "0.01")
    monkeypatch.setenv("EVIDENCE_BACKOFF_MAX", "0.02")
    monkeypatch.setenv("EVIDENCE_MAX_ATTEMPTS", "2")
    return server


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_then_list_and_show(online: FakeServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "add", "31978945", "NCT02552212", "--json")
    assert code == ExitStatus.OK, err
    rows = json.loads(out)
    assert [(r["input"], r["status"], r["key"]) for r in rows] == [
        ("31978945", "added", "pmid:31978945"),
        ("NCT02552212", "added", "nct:NCT02552212"),
    ]
    assert "Requests: 1 eutils, 1 ctgov" in err
    assert "secret-key-42" not in out + err
    code, out, _err = _run(capsys, "refs", "list", "--jsonl")
    assert code == 0
    assert [json.loads(line)["key"] for line in out.splitlines()] == [
        "pmid:31978945",
        "nct:NCT02552212",
    ]
    code, out, _err = _run(capsys, "refs", "show", "https://pubmed.ncbi.nlm.nih.gov/31978945/")
    assert code == 0
    assert "A Novel Coronavirus from Patients with Pneumonia in China, 2019." in out
    code, out, _err = _run(capsys, "refs", "show", "pmid:31978945", "--csl")
    assert json.loads(out)["DOI"] == "10.1056/NEJMoa2001017"
    requests_before = online.count()
    code, out, _err = _run(capsys, "--offline", "refs", "reparse", "--json")
    assert code == 0
    assert [(r["key"], r["status"]) for r in json.loads(out)] == [
        ("pmid:31978945", "unchanged"),
        ("nct:NCT02552212", "unchanged"),
    ]
    assert online.count() == requests_before


def test_retracted_record_is_flagged_in_list_and_show(
    online: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "add", "31541003")[0] == 0
    _code, out, _err = _run(capsys, "refs", "list")
    assert "RETRACTED" in out
    _code, out, _err = _run(capsys, "refs", "show", "pmid:31541003")
    assert "FLAGS: RETRACTED, ahead of print" in out
    assert "RetractionIn: PMID 32167152" in out


def test_partial_batch_exits_6_and_keeps_the_good(
    online: FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "add", "31978945", "99999999", "NCT0327528")
    assert code == ExitStatus.PARTIAL == 6
    assert "Error: 99999999: PMID 99999999 not found in PubMed" in err
    assert "NCT0327528" in err and "8 digits" in err
    assert "2 of 3 references failed; the rest were kept" in err
    assert "pmid:31978945" in out


def test_single_bad_identifier_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "--offline", "add", "pmid:abc")
    assert code == ExitStatus.USAGE == 2
    assert err.count("Error:") == 1 and "pmid:abc" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "refs", "list", "--no-such-option")
    assert code == 2
    assert "No such option" in err


def test_offline_miss_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(capsys, "--offline", "add", "34097854")
    assert code == ExitStatus.NOT_FOUND == 3
    assert "34097854: not in the store; run the same command without --offline" in err
    assert _run(capsys, "refs", "show", "pmid:1")[0] == 3


def test_upstream_failure_exits_4(online: FakeServer, capsys: pytest.CaptureFixture[str]) -> None:
    online.inject("efetch", Fault.status(503), Fault.status(503))
    code, _out, err = _run(capsys, "add", "31978945")
    assert code == ExitStatus.UPSTREAM == 4
    assert "HTTP 503" in err and "gave up after 2 attempts" in err
    assert "secret-key-42" not in err
    assert _run(capsys, "refs", "list", "--json")[1].strip() == "[]"


def test_unreadable_file_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x",\n "title": }', encoding="utf-8")
    code, _out, err = _run(capsys, "import", str(bad))
    assert code == ExitStatus.UNREADABLE == 5
    assert f"{bad}, line 2: not valid JSON" in err


def test_config_error_exits_7(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "project" / "evidence.toml").write_text('ncbi_api_key = "oops"\n')
    code, _out, err = _run(capsys, "refs", "list")
    assert code == ExitStatus.CONFIG == 7
    assert "must not be in a file that may be shared" in err


def test_store_error_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = _run(capsys, "--store", str(blocker / "s.sqlite3"), "refs", "list")
    assert code == ExitStatus.ERROR == 1
    assert "cannot open the store" in err


def test_unexpected_error_exits_1_and_debug_shows_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*_args: object, **_kw: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(evidence_cli.references, "list_row", boom)
    monkeypatch.setattr(evidence_cli.app.App, "store", property(lambda self: _FakeStore()))
    code, _out, err = _run(capsys, "refs", "list")
    assert code == 1
    assert "unexpected RuntimeError: kaput; run again with --debug" in err
    with pytest.raises(RuntimeError, match="kaput"):
        run(["--debug", "refs", "list"])


class _FakeStore:
    def records(self, kind: object = None) -> list[object]:
        return [object()]

    def close(self) -> None:
        pass


def test_ctrl_c_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: object, **_kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(evidence_cli.interchange, "import_references", interrupted)
    code, _out, err = _run(capsys, "import", str(REPO / "references"))
    assert code == ExitStatus.INTERRUPTED == 130
    assert "the store is as it was" in err


def test_demo_loads_the_shipped_references_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "references", tmp_path / "project" / "references", dirs_exist_ok=True)
    code, out, err = _run(capsys, "demo")
    assert code == 0, err
    assert "pmid:34097854" in out and "Moreau P" in out and "hand-typed" in out
    assert "pmid:37156782" in out and "nct:NCT03275285" in out
    assert "Imported 6 references and 17 findings" in err
    assert "ikema-2023-pfs-hr" in out and "HR 0.58, 95.4% CI: 0.42–0.79" in out


def test_config_show_masks_the_key(online: FakeServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "config", "show", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["ncbi_api_key"]["value"] == "(set)"
    assert rows["ncbi_email"] == {
        "name": "ncbi_email",
        "value": "writer@example.org",
        "source": "environment",
    }


def test_no_email_warns_on_stderr(
    online: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("EVIDENCE_NCBI_EMAIL")
    code, _out, err = _run(capsys, "add", "31978945")
    assert code == 0
    assert err.startswith("Warning: no NCBI email is set")


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["add", "--help"],
        ["sync", "--help"],
        ["import", "--help"],
        ["refs", "list", "--help"],
        ["refs", "show", "--help"],
        ["refs", "reparse", "--help"],
        ["config", "show", "--help"],
        ["demo", "--help"],
    ):
        code, out, _err = _run(capsys, *argv)
        assert code == 0
        assert "Usage: evidence" in out


def test_readme_documents_every_exit_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    documented = {int(row.split("|")[1]) for row in rows}
    assert documented == {int(status) for status in ExitStatus}


def test_python_dash_m_evidence_runs_the_same_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "evidence", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "evidence, version 0.1.0"


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, (*prefix, name)))
        else:
            paths.append((*prefix, name))
    return paths


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    readme = readme.replace("findings confirm|reject", "findings confirm, findings reject")
    readme = readme.replace(
        "evidence findings confirm, findings reject",
        "evidence findings confirm, evidence findings reject",
    )
    missing = []
    for path in _command_paths(cli.cli):
        command = cli.cli
        for part in path:
            command = command.commands[part]  # type: ignore[attr-defined]
        assert command.help, f"evidence {' '.join(path)} has no help text"
        spelled = "evidence " + " ".join(path)
        if spelled not in readme:
            missing.append(spelled)
    assert missing == []


def test_check_fetches_references_the_store_lacks_unless_offline(
    online: FakeServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text(
        "A new coronavirus was found in patients with pneumonia in China [1].\n\n"
        "## References\n1. Zhu N, Zhang D, Wang W, et al. A Novel Coronavirus from Patients "
        "with Pneumonia in China, 2019. N Engl J Med. 2020;382(8):727-733.\n",
        encoding="utf-8",
    )
    code, out, _err = _run(capsys, "--offline", "check", str(summary))
    assert code == 8 and "[1] PROBLEM: unresolved" in out
    code, out, err = _run(capsys, "check", str(summary))
    assert code == 0, out + err
    assert "[1] ok: pmid:31978945" in out
    assert online.count("ecitmatch") == 1
