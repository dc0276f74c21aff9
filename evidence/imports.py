"""Import a project's ``references/`` folder into the store: bibliography, snapshots, findings.

The bibliography goes through :mod:`evidence.bibimport` (checked, de-duplicated, a record
already fetched from PubMed or ClinicalTrials.gov never overwritten by hand-typed metadata);
each bad item is reported with its file and line while its neighbours are kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from evidence.bibimport import ImportReport, import_files
from evidence.citations import ItemResult
from evidence.errors import InputError, ParseError
from evidence.extract import extract_registry_results
from evidence.findings_yaml import load_findings, load_snapshot
from evidence.sourcetext import SourceText, anchor_problem, article_text
from evidence.store import Store


def import_references(folder: Path, store: Store) -> ImportReport:
    """Import a project's ``references/`` folder: bibliography, source snapshots, findings.

    Everything is read and checked first, then written in one transaction. A finding is kept
    only when its anchor holds: its source text is known (a snapshot, or the stored abstract),
    unchanged since anchoring, and shows the finding's verbatim text at the anchored offsets.
    """
    if not folder.is_dir():
        raise InputError("no such folder", item=str(folder), hint="give the references/ folder")
    results: list[ItemResult] = []
    with store.transaction():
        bibliography = folder / "bibliography"
        if bibliography.is_dir():
            results.extend(import_files([bibliography], store, fmt="csljson").items)
        for sidecar in sorted((folder / "sources").glob("*.yaml")):
            try:
                snapshot = load_snapshot(sidecar)
            except ParseError as exc:
                results.append(ItemResult(str(sidecar), "failed", error=exc))
                continue
            outcome = store.put_snapshot(snapshot)
            results.append(ItemResult(str(sidecar), outcome.action, key=outcome.key))
        seen: dict[str, Path] = {}
        for path in sorted((folder / "findings").glob("*.yaml")):
            results.extend(_import_findings(path, store, seen))
    return ImportReport(items=tuple(results))


def _import_findings(path: Path, store: Store, seen: dict[str, Path]) -> list[ItemResult]:
    try:
        findings, errors = load_findings(path)
    except ParseError as exc:
        return [ItemResult(str(path), "failed", error=exc)]
    results = [ItemResult(str(e.item), "failed", error=e) for e in errors]
    for finding in findings:
        where = f"{path} ({finding.id})"
        if finding.id in seen:
            error = InputError(
                f"the id is also used in {seen[finding.id]}",
                item=where,
                hint="give one of them another id",
            )
            results.append(ItemResult(where, "failed", error=error))
            continue
        seen[finding.id] = path
        problem = anchor_problem(finding, source_text(store, finding.anchor.source))
        if problem is not None:
            error = InputError(
                problem, item=where, hint="re-anchor it against the source text, then import again"
            )
            results.append(ItemResult(where, "failed", error=error))
            continue
        outcome = store.put_finding(finding)
        results.append(ItemResult(where, outcome.action, key=outcome.key))
    return results


def source_text(store: Store, key: str) -> SourceText | None:
    """The canonical text a source's findings are anchored in.

    Its snapshot if one was captured, else an article's title and abstract, else a trial's
    posted results as :func:`evidence.extract.extract_registry_results` renders them.
    """
    snapshot = store.get_snapshot(key)
    if snapshot is not None:
        return snapshot.canonical
    record = store.get(key)
    if record is not None and record.article is not None and record.article.abstract:
        return article_text(key, record.article)
    if record is not None and record.trial is not None and record.raw is not None:
        text, _found = extract_registry_results(record.trial.nct_id, json.loads(record.raw))
        return text
    return None
