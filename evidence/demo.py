"""The shipped demo: the project's references/ loaded into a fresh store, offline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evidence.bibimport import ImportReport
from evidence.config import Settings
from evidence.findings import Finding
from evidence.imports import import_references
from evidence.review import problems_of
from evidence.store import StoredRecord, open_store


@dataclass(frozen=True, slots=True)
class Demo:
    """What the demo loaded: where, the records, the findings and their problems."""

    store_path: Path
    report: ImportReport
    records: tuple[StoredRecord, ...]
    findings: tuple[Finding, ...]
    problems: dict[str, list[str]]


DEMO_STORE = Path(".evidence") / "demo.sqlite3"


def run_demo(settings: Settings) -> Demo:
    """Build a fresh store from ``references/`` without the network.

    The demo always writes its own ``.evidence/demo.sqlite3`` under the project, never the
    configured store, so running it cannot delete a writer's work.
    """
    path = settings.project_dir / DEMO_STORE
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = open_store(path)
    try:
        report = import_references(settings.references_dir, store)
        records, findings = tuple(store.records()), tuple(store.findings())
        return Demo(path, report, records, findings, problems_of(store, findings))
    finally:
        store.close()
