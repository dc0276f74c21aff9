"""Candidate findings proposed by the extractor, for a stored source or for any text.

Candidates are never trusted: they carry status ``candidate`` until a person confirms them.
Saving keeps every finding a person already decided on (confirmed or rejected) as it is.
"""

from __future__ import annotations

import json

from evidence.citations import ItemResult
from evidence.errors import NotFoundError
from evidence.extract import extract, extract_registry_results
from evidence.findings import Finding, FindingStatus
from evidence.imports import source_text
from evidence.store import Store


def propose_for(store: Store, key: str, *, study: str | None = None) -> list[Finding]:
    """Candidates from a stored source: its snapshot or abstract, or a trial's posted results."""
    record = store.get(key)
    if store.get_snapshot(key) is None and record is not None and record.trial is not None:
        if record.raw is None:
            raise NotFoundError(
                "the registry record was typed by hand, so it has no results to read",
                item=key,
                hint="run `evidence sync` to fetch it from ClinicalTrials.gov",
            )
        _text, found = extract_registry_results(record.trial.nct_id, json.loads(record.raw))
        return found
    text = source_text(store, key)
    if text is None:
        raise NotFoundError(
            "no text to read findings from",
            item=key,
            hint="add the reference (its abstract is used), or capture its text with "
            "`evidence sources add`",
        )
    return extract(text, study=study)


def save_candidates(store: Store, candidates: list[Finding]) -> list[ItemResult]:
    """Store candidates; never replace a finding a person already confirmed or rejected."""
    results = []
    with store.transaction():
        for finding in candidates:
            existing = store.get_finding(finding.id)
            if existing is not None and existing.status is not FindingStatus.CANDIDATE:
                results.append(ItemResult(finding.id, "in-store", key=finding.id))
                continue
            outcome = store.put_finding(finding)
            results.append(ItemResult(finding.id, outcome.action, key=outcome.key))
    return results
