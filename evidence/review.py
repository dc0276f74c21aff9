"""Findings as a person reviews them: their problems, confirming or rejecting, writing back.

``findings list`` shows every finding with the problems found by re-checking its anchor
against the source text and by the consistency checks; ``confirm``/``reject`` record who
decided and when; ``export`` writes the store's findings back to ``references/findings/``,
one YAML file per study, so the files stay the reviewed source of truth.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from evidence.consistency import check_all
from evidence.errors import NotFoundError
from evidence.findings import Finding, FindingStatus
from evidence.findings_yaml import dump_findings
from evidence.imports import source_text
from evidence.sourcetext import anchor_problem
from evidence.store import Store

_UNSAFE = re.compile(r"[^a-z0-9]+")


def problems_of(store: Store, findings: Sequence[Finding]) -> dict[str, list[str]]:
    """Anchor and consistency problems per finding id (every id present, maybe empty)."""
    problems: dict[str, list[str]] = {f.id: [] for f in findings}
    texts = {key: source_text(store, key) for key in {f.anchor.source for f in findings}}
    for finding in findings:
        problem = anchor_problem(finding, texts[finding.anchor.source])
        if problem:
            problems[finding.id].append(problem)
    for issue in check_all(findings):
        problems.setdefault(issue.finding, []).append(f"{issue.check}: {issue.message}")
    return problems


def set_statuses(
    store: Store, finding_ids: Sequence[str], status: FindingStatus, *, by: str
) -> list[Finding]:
    """Record one decision on several findings, all or none."""
    with store.transaction():
        return [set_status(store, finding_id, status, by=by) for finding_id in finding_ids]


def set_status(
    store: Store, finding_id: str, status: FindingStatus, *, by: str, when: str | None = None
) -> Finding:
    """Record a person's decision on a finding."""
    finding = _get(store, finding_id)
    day = when or datetime.now(UTC).date().isoformat()
    updated = dataclasses.replace(finding, status=status, reviewed_by=by, reviewed_at=day)
    store.put_finding(updated)
    return updated


_EDITABLE = frozenset(
    {
        "endpoint",
        "study",
        "arm",
        "comparison",
        "population",
        "timepoint",
        "analysis",
        "data_cutoff",
        "unit",
    }
)


def edit_finding(
    store: Store, finding_id: str, *, notes: Sequence[str] = (), **changes: str | None
) -> Finding:
    """Change a finding's context (never its numbers); it becomes a candidate again.

    ``notes`` are appended. Unknown fields are a programming error (``TypeError``).
    """
    finding = _get(store, finding_id)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    given = {k: v for k, v in changes.items() if v is not None}
    if not given and not notes:
        return finding
    updated = dataclasses.replace(
        finding,
        **given,  # type: ignore[arg-type]
        notes=finding.notes + tuple(notes),
        status=FindingStatus.CANDIDATE,
        reviewed_by=None,
        reviewed_at=None,
    )
    store.put_finding(updated)
    return updated


def _get(store: Store, finding_id: str) -> Finding:
    finding = store.get_finding(finding_id)
    if finding is None:
        raise NotFoundError(
            "no such finding", item=finding_id, hint="see `evidence findings list` for ids"
        )
    return finding


def export_findings(store: Store, folder: Path) -> tuple[list[Path], list[Path]]:
    """Write every stored finding to ``folder``, one YAML file per study.

    Returns the files written and the ``*.yaml`` files already there that this export did
    not write (stale: their findings moved or were removed; the caller decides). Two studies
    whose names make the same file name get distinct files, never one over the other.
    """
    by_study: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in store.findings():
        by_study[finding.study].append(finding)
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, str | None] = {}
    written = []
    for study in sorted(by_study, key=lambda s: (s is None, s or "")):
        name = _file_name(study)
        if name in names:
            digest = hashlib.sha256((study or "").encode("utf-8")).hexdigest()[:8]
            name = f"{name}-{digest}"
        names[name] = study
        path = folder / f"{name}.yaml"
        path.write_text(dump_findings(study, by_study[study]), encoding="utf-8")
        written.append(path)
    stale = sorted(p for p in folder.glob("*.yaml") if p not in written)
    return written, stale


def _file_name(study: str | None) -> str:
    return _UNSAFE.sub("-", (study or "").lower()).strip("-") or "unassigned"
