"""Findings YAML: the shipped file round-trips byte for byte; bad files name the problem."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from evidence.errors import ParseError
from evidence.findings import FindingKind, FindingStatus
from evidence.findings_yaml import dump_findings, load_findings, load_snapshot

REPO = Path(__file__).resolve().parents[1]
IKEMA = REPO / "references" / "findings" / "ikema.yaml"


def test_shipped_findings_round_trip_exactly() -> None:
    findings, errors = load_findings(IKEMA)
    assert errors == []
    assert len(findings) == 17
    assert dump_findings("IKEMA", findings) == IKEMA.read_text(encoding="utf-8")


def test_numbers_keep_their_printed_digits() -> None:
    findings, _errors = load_findings(IKEMA)
    by_id = {f.id: f for f in findings}
    hr = by_id["ikema-2023-pfs-hr"]
    assert hr.kind is FindingKind.HAZARD_RATIO
    assert (hr.value, hr.ci_low, hr.ci_high, hr.ci_level) == (
        Decimal("0.58"),
        Decimal("0.42"),
        Decimal("0.79"),
        Decimal("95.4"),
    )
    assert hr.excludes_null is True
    median = by_id["ikema-2023-pfs-median-kd"]
    assert median.ci_high_verbatim == "25.0"
    assert str(median.ci_high) == "25.0"
    assert median.status is FindingStatus.CONFIRMED


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
- id: a
  source: pmid:1
  kind: rate
  endpoint: response
  verbatim: '44.1%'
  value: '44.1'
  value_verbatim: '44.1'
  anchor: {start: 0, end: 5, text_sha256: x}
"""


def test_unquoted_number_is_refused_and_neighbours_kept(tmp_path: Path) -> None:
    bad = GOOD.replace("- id: a", "- id: b").replace("value: '44.1'", "value: 44.10")
    findings, errors = load_findings(_write(tmp_path, "findings:" + GOOD + bad))
    assert [f.id for f in findings] == ["a"]
    [error] = errors
    assert "the number 44.1 is not quoted" in str(error)
    assert str(error).startswith(f"{tmp_path / 'f.yaml'} finding 2")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("findings:" + GOOD + GOOD, "used twice", id="duplicate-id"),
        pytest.param("findings:" + GOOD.replace("  kind: rate\n", ""), "needs 'kind'", id="kind"),
        pytest.param(
            "findings:" + GOOD.replace("kind: rate", "kind: guess"), "guess", id="bad-kind"
        ),
        pytest.param("findings:" + GOOD.replace("  anchor:", "  x:"), "anchor", id="no-anchor"),
        pytest.param(
            "findings:" + GOOD.replace("- id: a\n", "- id: 'pmid:1-rate-1'\n"),
            "so a listing can name it",
            id="id-a-listing-cannot-name",
        ),
    ],
)
def test_bad_findings_are_reported(tmp_path: Path, text: str, message: str) -> None:
    _findings, errors = load_findings(_write(tmp_path, text))
    assert errors
    assert message in str(errors[-1])


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"f\.yaml, line 3: not valid YAML"):
        load_findings(_write(tmp_path, "findings:\n- id: a\n  - b\n"))


def test_snapshot_sidecar() -> None:
    snapshot = load_snapshot(REPO / "references" / "sources" / "pmid-37156782.yaml")
    assert snapshot.source == "pmid:37156782"
    assert snapshot.accessed == "2026-11-24"
    assert snapshot.text.startswith("Longer-term outcomes with the anti-CD38 antibody isatuximab")
