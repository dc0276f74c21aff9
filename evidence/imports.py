"""Import CSL-JSON files, and a project's ``references/`` folder, into the store.

Every item is read and checked before anything is written; the good ones are written in one
transaction, and each bad one is reported with its file (and line, where JSON says) while its
neighbours are kept. A record already fetched from PubMed or ClinicalTrials.gov is never
overwritten by hand-typed or imported metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evidence.citations import ItemResult
from evidence.csl import csl_to_record
from evidence.errors import EvidenceError, InputError, ParseError
from evidence.extract import extract_registry_results
from evidence.findings_yaml import load_findings, load_snapshot
from evidence.models import Article, MetadataSource, Trial
from evidence.sourcetext import SourceText, anchor_problem, article_text
from evidence.store import Store


@dataclass(frozen=True, slots=True)
class ImportReport:
    """One result per item (or per unreadable file)."""

    items: tuple[ItemResult, ...]

    @property
    def failures(self) -> tuple[ItemResult, ...]:
        """Items or files that were not imported."""
        return tuple(item for item in self.items if not item.ok)


def csl_files(paths: Iterable[Path]) -> list[Path]:
    """The CSL-JSON files named, folders expanded to their ``*.json`` files (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or folder", item=str(path), hint="check the path")
    return found


def read_csl_file(path: Path) -> tuple[list[tuple[str, Article | Trial]], list[ParseError]]:
    """``(where, record)`` for every good item of one file, and an error per bad item."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        return [], [ParseError(f"not valid JSON: {exc.msg}", item=str(path), line=exc.lineno)]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [ParseError(f"cannot read it ({exc})", item=str(path))]
    items = data if isinstance(data, list) else [data]
    good: list[tuple[str, Article | Trial]] = []
    bad: list[ParseError] = []
    for index, item in enumerate(items):
        where = f"{path} item {index + 1}" if len(items) > 1 else str(path)
        try:
            good.append((where, csl_to_record(item, where=where)))
        except ParseError as exc:
            bad.append(exc)
    return good, bad


def import_csl(paths: Sequence[Path], store: Store) -> ImportReport:
    """Read every file, then write every good record in one transaction."""
    results: list[ItemResult] = []
    good: list[tuple[str, Article | Trial]] = []
    for path in csl_files(paths):
        records, errors = read_csl_file(path)
        good.extend(records)
        results.extend(ItemResult(str(e.item), "failed", error=e) for e in errors)
    with store.transaction():
        for where, record in good:
            results.append(_store_one(where, record, store))
    return ImportReport(items=tuple(results))


def _store_one(where: str, record: Article | Trial, store: Store) -> ItemResult:
    if isinstance(record, Trial):
        existing = store.get(f"nct:{record.nct_id}")
        if (
            existing is not None
            and existing.trial
            and existing.trial.source is MetadataSource.CTGOV
        ):
            return ItemResult(where, "in-store", key=existing.key)
        outcome = store.put_trial(record, None, None)
        return ItemResult(where, outcome.action, key=outcome.key)
    for key in _keys(record):
        existing = store.get(key)
        if existing is not None and existing.article is not None:
            if existing.article.source is MetadataSource.PUBMED:
                return ItemResult(where, "in-store", key=existing.key)
            break
    try:
        outcome = store.put_article(record, None, None)
    except EvidenceError as exc:
        return ItemResult(where, "failed", error=exc)
    return ItemResult(where, outcome.action, key=outcome.key)


def _keys(article: Article) -> list[str]:
    keys = []
    if article.pmid:
        keys.append(f"pmid:{article.pmid}")
    if article.doi:
        keys.append(f"doi:{article.doi.lower()}")
    if article.pmcid:
        keys.append(f"pmcid:{article.pmcid}")
    return keys


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
            results.extend(import_csl([bibliography], store).items)
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
