"""Recording findings by hand: the shipped demo findings are re-derived from their text alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.errors import InputError, NotFoundError
from evidence.findings import FindingKind, FindingStatus
from evidence.findings_yaml import load_findings
from evidence.imports import import_references
from evidence.recording import Context, record_finding
from evidence.store import Store

REPO = Path(__file__).resolve().parents[1]
SHIPPED, _ = load_findings(REPO / "references" / "findings" / "ikema.yaml")


@pytest.fixture
def loaded(store: Store) -> Store:
    report = import_references(REPO / "references", store)
    assert not report.failures
    return store


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda f: f.id)
def test_every_demo_finding_is_re_derived_from_its_printed_text(loaded: Store, shipped) -> None:
    made = record_finding(
        loaded,
        finding_id=f"again-{shipped.id}",
        source=shipped.anchor.source,
        kind=shipped.kind,
        text=shipped.verbatim,
        context=Context(endpoint=shipped.endpoint, unit=shipped.unit),
    )
    assert made.anchor == shipped.anchor
    assert (made.value, made.value_verbatim) == (shipped.value, shipped.value_verbatim)
    assert (made.ci_low, made.ci_high, made.ci_level) == (
        shipped.ci_low,
        shipped.ci_high,
        shipped.ci_level,
    )
    assert (made.ci_low_verbatim, made.ci_high_verbatim) == (
        shipped.ci_low_verbatim,
        shipped.ci_high_verbatim,
    )
    assert made.percent == shipped.percent
    assert made.status is FindingStatus.CANDIDATE


def test_p_value_and_reviewer(loaded: Store) -> None:
    from evidence.sourcetext import Snapshot

    loaded.put_snapshot(
        Snapshot("url:https://example.org/x", "The HR was 0·53 (99% CI 0·32–0·89; p=0·0007).")
    )
    made = record_finding(
        loaded,
        finding_id="interim-hr",
        source="url:https://example.org/x",
        kind=FindingKind.HAZARD_RATIO,
        text="0·53 (99% CI 0·32–0·89; p=0·0007)",
        context=Context(endpoint="PFS", sidedness=1),
        reviewer="A Writer",
        when="2026-11-24",
    )
    assert str(made.value) == "0.53" and made.value_verbatim == "0·53"
    assert (str(made.ci_low), str(made.ci_high), str(made.ci_level)) == ("0.32", "0.89", "99")
    assert str(made.p_value) == "0.0007" and made.p_verbatim == "p=0·0007"
    assert (made.status, made.reviewed_by, made.reviewed_at) == (
        FindingStatus.CONFIRMED,
        "A Writer",
        "2026-11-24",
    )
    assert loaded.get_finding("interim-hr") == made


@pytest.mark.parametrize(
    ("source", "text", "value", "error", "message"),
    [
        pytest.param("pmid:1", "44.1%", None, NotFoundError, "no text", id="no-source-text"),
        pytest.param("pmid:37156782", "44.2%", None, InputError, "does not occur", id="absent"),
        pytest.param(
            "pmid:37156782", "44.1% vs 28.5%", None, InputError, "several values", id="two"
        ),
        pytest.param("pmid:37156782", "44.1% vs 28.5%", "28", InputError, "not one", id="value"),
    ],
)
def test_bad_recordings(loaded: Store, source, text, value, error, message) -> None:
    with pytest.raises(error, match=message):
        record_finding(
            loaded,
            finding_id="x",
            source=source,
            kind=FindingKind.RATE,
            text=text,
            context=Context(endpoint="e"),
            value=value,
        )
    assert loaded.get_finding("x") is None


def test_value_picks_one_of_several(loaded: Store) -> None:
    made = record_finding(
        loaded,
        finding_id="kd-rate",
        source="pmid:37156782",
        kind=FindingKind.RATE,
        text="44.1% vs 28.5%",
        context=Context(endpoint="CR", arm="Kd"),
        value="28.5%",
    )
    assert str(made.value) == "28.5" and made.percent


@pytest.mark.parametrize("finding_id", ["IKEMA-HR", "pmid:37156782-rate-1", "-x", "a b"])
def test_an_id_a_listing_cannot_name_is_refused(loaded: Store, finding_id: str) -> None:
    with pytest.raises(InputError, match="so a listing can name it"):
        record_finding(
            loaded,
            finding_id=finding_id,
            source="pmid:37156782",
            kind=FindingKind.RATE,
            text="44.1%",
            context=Context(endpoint="e"),
        )
