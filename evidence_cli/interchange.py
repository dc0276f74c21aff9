"""Commands that move references in and out: import, export, export-listing, zotero."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import click

from evidence.bibimport import ImportReport, import_files, resolve_imported
from evidence.citations import ItemResult
from evidence.errors import BatchError, InputError
from evidence.exports import (
    BIBLIOGRAPHY_FORMATS,
    LISTING_FORMATS,
    ListingFormat,
    export_bibliography,
    export_listing,
    export_losses,
)
from evidence.formats.registry import READERS
from evidence.imports import import_references
from evidence.listing import load_listing
from evidence.styles import resolve_style
from evidence_cli.app import (
    App,
    cli,
    clients,
    emit,
    finish_batch,
    output_options,
    pass_app,
    report_items,
)

if TYPE_CHECKING:  # pyzotero loads only when a zotero command runs
    from evidence.zotero import ZoteroClient
    from evidence.zotero_sync import ZoteroReport

_PROJECT_PARTS = ("bibliography", "sources", "findings")
Prefer = Literal["store", "zotero"] | None


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "file_format",
    type=click.Choice(sorted(READERS)),
    help="Read every file in this format instead of sniffing it.",
)
@click.option("--collection", help="Also put every imported record in this collection.")
@click.option(
    "--resolve",
    is_flag=True,
    help="Fetch the PubMed record of every imported reference with a PMID, DOI or PMCID "
    "(replaces the file's metadata; one batch).",
)
@output_options
@pass_app
def import_(
    app: App,
    paths: tuple[Path, ...],
    file_format: str | None,
    collection: str | None,
    resolve: bool,
    fmt: str,
) -> None:
    """Import RIS, BibTeX, PubMed nbib, CSL-JSON or Web of Science files, or a references/ folder.

    Formats are sniffed from the content (RIS from PubMed, EndNote, Zotero, Embase, Scopus,
    Ovid, ProQuest, Rayyan, Web of Science). References already in the store are merged or
    reported as duplicates, never doubled; a field that cannot be mapped is kept and reported.
    A bad record is reported with its file and line, and the good ones are kept. A references/
    folder (with bibliography/, sources/ or findings/) is imported whole: every finding's anchor
    is checked against its source text before it is kept.
    """
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", item=str(path), hint="check the path")
    if resolve and app.settings.offline:
        raise InputError("--resolve needs the network", hint="run it without --offline")
    items: list[ItemResult] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and any((path / part).is_dir() for part in _PROJECT_PARTS):
            items.extend(import_references(path, app.store).items)
        else:
            files.append(path)
    report = ImportReport(items=())
    if files:
        report = import_files(files, app.store, fmt=file_format, collection=collection)
        items.extend(report.items)
    report_items(items, fmt)
    _summarise(report)
    if resolve:
        entrez, ctgov = clients(app.settings)
        resolved = resolve_imported(report, app.store, entrez=entrez, ctgov=ctgov)
        for item in resolved.items:
            if item.ok:
                continue
            error = item.error.one_line() if item.error else item.status
            click.echo(f"Not resolved: {error}", err=True)
        fetched = sum(1 for item in resolved.items if item.status in ("added", "updated"))
        click.echo(f"Resolved {fetched} of {len(resolved.items)} from PubMed", err=True)
        items.extend(resolved.items)
    finish_batch(items, "records and resolutions" if resolve else "records")


def _summarise(report: ImportReport) -> None:
    for summary in report.files:
        kept = ", ".join(f"{tag} ({n})" for tag, n in summary.unmapped.items())
        line = f"{summary.path}: {summary.format}, {summary.records} records"
        if summary.failed:
            line += f", {summary.failed} unreadable"
        if kept:
            line += f"; kept but not mapped: {kept}"
        click.echo(line, err=True)
    counts = report.counts()
    if counts:
        click.echo("Imported: " + ", ".join(f"{n} {s}" for s, n in counts.items()), err=True)


_output_file = click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file, not stdout."
)


@cli.command()
@click.option(
    "--format",
    "out_format",
    type=click.Choice(BIBLIOGRAPHY_FORMATS),
    default="csljson",
    show_default=True,
    help="csljson, ris, bibtex, nbib or yaml (CSL-YAML for pandoc).",
)
@click.option("--collection", help="Only the records of this collection.")
@_output_file
@pass_app
def export(app: App, out_format: str, collection: str | None, output: Path | None) -> None:
    """Export the store's references (or a collection's) as a bibliography file."""
    text = export_bibliography(app.store, out_format, collection=collection)
    for loss in export_losses(app.store, out_format, collection=collection):
        click.echo(f"warning: {loss}", err=True)
    _write(text, output)


@cli.command(name="export-listing")
@click.argument("listing", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "out_format",
    type=click.Choice(LISTING_FORMATS),
    default="html",
    show_default=True,
    help="html (a fragment), md, or json (text, references with CSL items, findings).",
)
@click.option("--style", default="ama", show_default=True, help="ama, nlm, jama, vancouver...")
@click.option("--allow-retracted", is_flag=True, help="Show retracted sources, flagged.")
@_output_file
@pass_app
def export_listing_command(
    app: App,
    listing: Path,
    out_format: str,
    style: str,
    allow_retracted: bool,
    output: Path | None,
) -> None:
    """Export a rendered listing with its references and the findings behind its numbers."""
    text = export_listing(
        load_listing(listing),
        app.store,
        fmt=cast(ListingFormat, out_format),
        style=resolve_style(style),
        project_templates=app.settings.project_dir / "templates",
        allow_retracted=allow_retracted,
    )
    _write(text, output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write it ({exc.strerror})", item=str(output)) from exc
    click.echo(f"Wrote {output}", err=True)


@cli.group()
def zotero() -> None:
    """Two-way sync with a Zotero library (pull, push, status).

    The library is --library user:123 or group:456 (or EVIDENCE_ZOTERO_LIBRARY); the API key
    comes from EVIDENCE_ZOTERO_API_KEY or keys.toml, never from a project file.
    """


_library = click.option(
    "--library", help="user:<ID> or group:<ID> (default: the zotero_library setting)."
)
_prefer = click.option(
    "--prefer",
    type=click.Choice(["store", "zotero"]),
    help="Resolve conflicts: this side's values win (otherwise conflicts are only reported).",
)


def _client(app: App, library: str | None) -> ZoteroClient:
    from evidence.zotero import ZoteroClient, parse_library

    if app.settings.offline:
        raise InputError("Zotero sync needs the network", hint="run it without --offline")
    return ZoteroClient(app.settings, parse_library(library or app.settings.zotero_library))


@zotero.command(name="pull")
@_library
@click.option("--collection", help="Only this Zotero collection (its key, e.g. ABCD2345).")
@_prefer
@output_options
@pass_app
def zotero_pull(
    app: App, library: str | None, collection: str | None, prefer: str | None, fmt: str
) -> None:
    """Bring new and changed Zotero items into the store (merged, never doubled)."""
    from evidence.zotero_sync import pull

    with _client(app, library) as client:
        report = pull(app.store, client, collection=collection, prefer=cast(Prefer, prefer))
    _sync_output(report, fmt)


@zotero.command(name="push")
@_library
@click.option("--collection", help="Only this store collection (and file it in Zotero under it).")
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@_prefer
@output_options
@pass_app
def zotero_push(
    app: App,
    library: str | None,
    collection: str | None,
    dry_run: bool,
    prefer: str | None,
    fmt: str,
) -> None:
    """Send new and changed records to Zotero (at most 50 items per request)."""
    from evidence.zotero_sync import push

    with _client(app, library) as client:
        report = push(
            app.store,
            client,
            collection=collection,
            dry_run=dry_run,
            prefer=cast(Prefer, prefer),
        )
    _sync_output(report, fmt)


@zotero.command(name="status")
@_library
@click.option("--collection", help="Only this store collection.")
@output_options
@pass_app
def zotero_status(app: App, library: str | None, collection: str | None, fmt: str) -> None:
    """What differs between the store and the Zotero library (nothing is written)."""
    from evidence.zotero_sync import status

    with _client(app, library) as client:
        report = status(app.store, client, collection=collection)
    _sync_output(report, fmt)


def _sync_output(report: ZoteroReport, fmt: str) -> None:
    rows = [
        {
            "action": step.action,
            "key": step.key or "",
            "zotero_key": step.zotero_key or "",
            "detail": step.detail,
            "differences": list(step.differences),
        }
        for step in report.steps
    ]
    emit(rows, fmt, ("action", "key", "zotero_key", "detail"))
    for step in report.conflicts:
        click.echo(f"{step.action}: {step.key or step.zotero_key}: {step.detail}", err=True)
        for line in step.differences:
            click.echo(f"  {line}", err=True)
    counts = ", ".join(f"{n} {action}" for action, n in report.counts().items()) or "nothing"
    verb = "Done" if report.applied else "Plan"
    click.echo(f"{verb}: {counts}; {report.requests} Zotero requests", err=True)
    problems = report.conflicts
    if problems:
        rest = "the rest were synced" if report.applied else "nothing was written"
        raise BatchError(
            f"{len(problems)} of {len(report.steps)} items need a person (conflicts, deletions "
            f"or duplicates in Zotero, failures); {rest}",
            [],
        )
