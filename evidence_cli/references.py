"""Commands about references: add, sync, refs, cite, config and the demo."""

from __future__ import annotations

import json
from typing import cast

import click

from evidence.citations import AddReport, add_references
from evidence.citing import reference_list
from evidence.csl import record_to_csl
from evidence.demo import run_demo
from evidence.errors import (
    InputError,
    NotFoundError,
)
from evidence.identifiers import parse
from evidence.listing import load_listing
from evidence.render import render_listing
from evidence.reparse import reparse
from evidence.store import RecordKind, open_store
from evidence.styles import Markup, resolve_style
from evidence.sync import sync as sync_store
from evidence.views import detail_lines, finding_row, list_row, record_json
from evidence_cli.app import (
    FINDING_COLUMNS,
    LIST_COLUMNS,
    App,
    cli,
    clients,
    emit,
    finish_batch,
    output_options,
    pass_app,
    print_errors,
    report_items,
)


@cli.command()
@click.argument("identifiers", nargs=-1, required=True)
@output_options
@pass_app
def add(app: App, identifiers: tuple[str, ...], fmt: str) -> None:
    """Add references by PMID, DOI, PMCID, NCT number, URL or pasted reference.

    All lookups are batched: one esearch for every DOI and PMCID, one ECitMatch for every
    pasted reference, one efetch for every PMID, one ClinicalTrials.gov call for every NCT.
    """
    offline = app.settings.offline
    entrez, ctgov = (None, None) if offline else clients(app.settings)
    report: AddReport = add_references(
        identifiers, app.store, entrez=entrez, ctgov=ctgov, offline=offline
    )
    report_items(report.items, fmt)
    if report.requests:
        spent = ", ".join(f"{n} {service}" for service, n in report.requests.items())
        click.echo(f"Requests: {spent}", err=True)
    finish_batch(report.items, "references")


@cli.command()
@output_options
@pass_app
def sync(app: App, fmt: str) -> None:
    """Refresh every stored record that changed upstream (and replace hand-typed metadata)."""
    if app.settings.offline:
        raise InputError("sync needs the network", hint="run it without --offline")
    entrez, ctgov = clients(app.settings)
    report = sync_store(app.store, entrez, ctgov)
    report_items(report.items, fmt)
    spent = ", ".join(f"{n} {service}" for service, n in report.requests.items())
    click.echo(
        f"Checked {report.checked}, changed {len(report.changed)}; requests: {spent}", err=True
    )
    finish_batch(report.items, "records")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--style", default="ama", show_default=True, help="ama, nlm, jama, vancouver...")
@click.option(
    "--markup",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="How italics and escaping are written.",
)
@pass_app
def cite(app: App, sources: tuple[str, ...], style: str, markup: str) -> None:
    """Formatted, numbered reference-list entries for stored sources (AMA 11th, NLM).

    Styles follow the CSL project's styles (https://citationstyles.org/, CC BY-SA 3.0).
    """
    entries = reference_list(app.store, sources, resolve_style(style), markup=cast(Markup, markup))
    click.echo("\n".join(entries))


@cli.group()
def refs() -> None:
    """Look at the stored references."""


@refs.command(name="list")
@click.option("--kind", type=click.Choice(["article", "trial"]), help="Only one kind.")
@output_options
@pass_app
def refs_list(app: App, kind: str | None, fmt: str) -> None:
    """What the store holds, with status flags (RETRACTED, erratum, hand-typed, ...)."""
    records = app.store.records(cast(RecordKind | None, kind))
    emit([list_row(r) for r in records], fmt, LIST_COLUMNS)


@refs.command(name="show")
@click.argument("key")
@click.option("--json", "fmt", flag_value="json", help="The parsed record as JSON.")
@click.option("--csl", "fmt", flag_value="csl", help="The record as a CSL-JSON item.")
@pass_app
def refs_show(app: App, key: str, fmt: str | None) -> None:
    """One record in full: pmid:34097854, doi:10..., pmcid:PMC..., nct:NCT..."""
    record = app.store.get(parse(key).key)
    if record is None:
        raise NotFoundError("not in the store", item=key, hint="add it with `evidence add`")
    if fmt == "json":
        click.echo(json.dumps(record_json(record), indent=2, ensure_ascii=False, sort_keys=True))
    elif fmt == "csl":
        click.echo(json.dumps(record_to_csl(record), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo("\n".join(detail_lines(record)))


@refs.command(name="reparse")
@output_options
@pass_app
def refs_reparse(app: App, fmt: str) -> None:
    """Rebuild every parsed record from the stored raw XML/JSON, offline."""
    items = reparse(app.store)
    report_items(items, fmt)
    finish_batch(items, "records")


@cli.group()
def config() -> None:
    """Settings and where each one came from."""


@config.command(name="show")
@output_options
@pass_app
def config_show(app: App, fmt: str) -> None:
    """Every setting with its value and source (secrets masked)."""
    rows = [{"name": n, "value": v, "source": s} for n, v, s in app.settings.shown()]
    emit(rows, fmt, ("name", "value", "source"))


@cli.command()
@pass_app
def demo(app: App) -> None:
    """Load the shipped references/ into a fresh store, offline, and list it."""
    result = run_demo(app.settings)
    click.echo(
        f"Imported {len(result.records)} references and {len(result.findings)} findings into "
        f"{result.store_path}",
        err=True,
    )
    emit([list_row(r) for r in result.records], "table", LIST_COLUMNS)
    click.echo()
    rows = [finding_row(f, result.problems[f.id]) for f in result.findings]
    emit(rows, "table", FINDING_COLUMNS)
    print_errors(result.report.items)
    finish_batch(result.report.items, "references")
    listing = app.settings.references_dir / "listings" / "ikema-demo.yaml"
    if listing.is_file():
        store = open_store(result.store_path)
        try:
            text = render_listing(
                load_listing(listing),
                store,
                fmt="md",
                style=resolve_style("ama"),
                project_templates=app.settings.project_dir / "templates",
            )
        finally:
            store.close()
        click.echo(f"\nRendered {listing} (Markdown, AMA):\n", err=True)
        click.echo(text, nl=False)
