"""Proposing findings for stored sources: abstracts, snapshots and trial results."""

from __future__ import annotations

import dataclasses

import pytest

from evidence.citations import add_references
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient
from evidence.errors import NotFoundError
from evidence.findings import FindingStatus
from evidence.imports import source_text
from evidence.proposals import propose_for, save_candidates
from evidence.sourcetext import anchor_problem
from evidence.trials import parse_study

pytestmark = pytest.mark.usefixtures("unthrottled")


@pytest.fixture
def added(settings, store):
    report = add_references(
        ["NCT02552212", "29768149"],
        store,
        entrez=EntrezClient(settings),
        ctgov=CtgovClient(settings),
    )
    assert not report.failures
    return store


def test_trial_results_are_proposed_and_anchored_in_the_registry_text(added) -> None:
    found = propose_for(added, "nct:NCT02552212")
    assert found, "NCT02552212 posts odds ratios with 95% CIs"
    text = source_text(added, "nct:NCT02552212")
    assert text is not None
    for finding in found:
        assert anchor_problem(finding, text) is None
        assert finding.status is FindingStatus.CANDIDATE
    odds = [f for f in found if f.kind.value == "odds-ratio"]
    assert any(str(f.value) == "15.231" and str(f.ci_level) == "95" for f in odds)


def test_abstract_findings_and_saving_keeps_decisions(added) -> None:
    found = propose_for(added, "pmid:29768149")
    assert found
    first = dataclasses.replace(found[0], status=FindingStatus.CONFIRMED, reviewed_by="RV")
    added.put_finding(first)
    results = save_candidates(added, found)
    assert results[0].status == "in-store"
    assert added.get_finding(first.id) == first
    assert {r.status for r in results[1:]} == {"added"}


def test_hand_typed_trial_has_no_results_to_read(store) -> None:
    from evidence.models import MetadataSource

    trial = dataclasses.replace(
        parse_study(b'{"protocolSection": {"identificationModule": {"nctId": "NCT03275285"}}}'),
        source=MetadataSource.MANUAL,
    )
    store.put_trial(trial, None, None)
    with pytest.raises(NotFoundError, match="typed by hand"):
        propose_for(store, "nct:NCT03275285")
