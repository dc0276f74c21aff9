"""Commands about documents: check a summary, render a listing, summarize a publication."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import click

from evidence.checks import check_summary, report_json, report_lines
from evidence.citations import add_references
from evidence.errors import (
    CheckFailedError,
)
from evidence.listing import cited_keys, load_listing
from evidence.readability import GRADE_TARGET, paragraph_grades
from evidence.records import to_jsonable
from evidence.render import Format, render_listing, writer_notes
from evidence.styles import resolve_style
from evidence.summaries import summarize as summarize_source
from evidence.summarydoc import sniff_format
from evidence_cli.app import App, cli, clients, parse_source, pass_app


@cli.command()
@click.argument("document", type=click.File("r", encoding="utf-8"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Report as readable text or JSON (for CI).",
)
@pass_app
def check(app: App, document: Any, fmt: str) -> None:
    """Check a summary: citations resolve and are described correctly, cited records are
    current, and every number traces to a finding of a source cited beside it.

    References the store lacks are looked up in PubMed / ClinicalTrials.gov and added, unless
    --offline.
    """
    name = getattr(document, "name", None)
    text = document.read()
    fetch = None
    if not app.settings.offline:

        def fetch(inputs: Sequence[str]) -> None:
            entrez, ctgov = clients(app.settings)  # only when something must be looked up
            add_references(inputs, app.store, entrez=entrez, ctgov=ctgov)

    report = check_summary(text, app.store, fmt=sniff_format(text, name), fetch=fetch)
    if fmt == "json":
        click.echo(json.dumps(report_json(report), indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo("\n".join(report_lines(report)))
    if not report.ok:
        raise CheckFailedError(
            f"{report.unsupported} unsupported number(s), "
            f"{sum(not c.ok for c in report.citations)} citation problem(s), "
            f"{len(report.problems)} document problem(s)",
            item=name,
            hint="see the report above",
        )


@cli.command()
@click.argument("listing", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["md", "html", "txt"]), default="md")
@click.option("--style", default="ama", show_default=True, help="ama, nlm, jama, vancouver...")
@click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Your templates, searched before the project's templates/ and the defaults.",
)
@click.option("--allow-retracted", is_flag=True, help="Render even if a source is retracted.")
@pass_app
def render(
    app: App,
    listing: Path,
    fmt: str,
    style: str,
    templates_dir: Path | None,
    allow_retracted: bool,
) -> None:
    """Render a listing (YAML) with numbered citations; every number must trace to a finding.

    The readability (Flesch-Kincaid grade, SMOG) of each paragraph is reported on stderr.
    """
    document = load_listing(listing)
    text = render_listing(
        document,
        app.store,
        fmt=cast(Format, fmt),
        style=resolve_style(style),
        templates_dir=templates_dir,
        project_templates=app.settings.project_dir / "templates",
        allow_retracted=allow_retracted,
    )
    click.echo(text, nl=False)
    cited = [key for section in document.sections for key in cited_keys(section.prose)]
    for note in writer_notes(app.store, [*dict.fromkeys([*cited, *document.published_research])]):
        click.echo(f"Note: {note}", err=True)
    if fmt != "html":
        report_readability(text)


@cli.command()
@click.argument("document", type=click.File("r", encoding="utf-8"))
@click.option("--concurrency", default=32, show_default=True, help="Links checked at once.")
@click.option("--per-host", default=4, show_default=True, help="At once per host (politeness).")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds per request.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per link (for CI).")
def links(document: Any, concurrency: int, per_host: int, timeout: float, as_json: bool) -> None:
    """Check every link of a summary and every link its references' identifiers imply
    (PubMed, DOI, PMC, ClinicalTrials.gov): status, redirects, final address."""
    from evidence.linkcheck import check_links, links_of  # loads httpx only when needed

    found = links_of(document.read())
    bar = _progress if sys.stderr.isatty() and not as_json else None
    results = check_links(
        found, concurrency=concurrency, per_host=per_host, timeout=timeout, progress=bar
    )
    if bar is not None:
        click.echo("", err=True)
    if as_json:
        for result in results:
            click.echo(json.dumps(to_jsonable(result), ensure_ascii=False, sort_keys=True))
    else:
        for result in results:
            status = result.status if result.status is not None else "-"
            line = f"{'ok  ' if result.ok else 'FAIL'} {status} {result.url} ({result.source})"
            if result.final_url and result.final_url != result.url:
                line += f" -> {result.final_url}"
            if result.problem:
                line += f": {result.problem}"
            click.echo(line)
    failed = [r for r in results if not r.ok]
    if failed:
        raise CheckFailedError(
            f"{len(failed)} of {len(results)} links failed",
            item=getattr(document, "name", None),
            hint="see the lines marked FAIL",
        )


def _progress(done: int, total: int) -> None:
    click.echo(f"\rchecked {done}/{total} links", err=True, nl=False)


def report_readability(text: str) -> None:
    """Each paragraph's grades on stderr, marked when above the grade-8 target."""
    for start, grades in paragraph_grades(text):
        mark = "" if grades.ok else f"  (above grade {GRADE_TARGET:g})"
        click.echo(
            f"Readability: FK {grades.flesch_kincaid}, SMOG {grades.smog}: {start}...{mark}",
            err=True,
        )


@cli.command()
@click.argument("source")
@click.option(
    "--include-candidates", is_flag=True, help="Use findings no person has confirmed yet."
)
@pass_app
def summarize(app: App, source: str, include_candidates: bool) -> None:
    """One publication's plain-language summary, built from its findings and checked."""
    paragraphs = summarize_source(
        app.store, parse_source(source), include_candidates=include_candidates
    )
    click.echo("\n\n".join(paragraphs))
    report_readability("\n\n".join(paragraphs[:-1]))  # the last line is the byline
