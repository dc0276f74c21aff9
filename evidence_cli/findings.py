"""Commands about findings and the source texts they are anchored in."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from evidence.errors import (
    InputError,
    NotFoundError,
)
from evidence.extract import extract_text
from evidence.findings import FindingKind, FindingStatus
from evidence.proposals import propose_for, save_candidates
from evidence.recording import Context, record_finding
from evidence.records import to_jsonable
from evidence.review import edit_finding, export_findings, problems_of, set_statuses
from evidence.sourcetext import Snapshot
from evidence.views import finding_lines, finding_row
from evidence_cli.app import (
    FINDING_COLUMNS,
    App,
    F,
    cli,
    emit,
    output_options,
    parse_source,
    pass_app,
    report_items,
)


@cli.group()
def findings() -> None:
    """Structured findings: numbers anchored in the sentence of the source that reports them."""


@findings.command(name="list")
@click.option("--source", help="Only findings of one source (pmid:..., nct:...).")
@click.option("--study", help="Only findings of one study.")
@output_options
@pass_app
def findings_list(app: App, source: str | None, study: str | None, fmt: str) -> None:
    """Every finding with its anchor and consistency problems."""
    found = app.store.findings(source=parse_source(source) if source else None, study=study)
    problems = problems_of(app.store, found)
    emit([finding_row(f, problems[f.id]) for f in found], fmt, FINDING_COLUMNS)


@findings.command(name="show")
@click.argument("finding_id")
@click.option("--json", "as_json", is_flag=True, help="The finding as JSON.")
@pass_app
def findings_show(app: App, finding_id: str, as_json: bool) -> None:
    """One finding in full: values as printed, CI, context, anchor sentence, problems."""
    finding = app.store.get_finding(finding_id)
    if finding is None:
        raise NotFoundError("no such finding", item=finding_id, hint="see `evidence findings list`")
    problems = problems_of(app.store, [finding])[finding.id]
    if as_json:
        data = {"finding": to_jsonable(finding), "problems": problems}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo("\n".join(finding_lines(finding, problems)))


def _decide(status: FindingStatus) -> Callable[..., None]:
    @click.argument("finding_ids", nargs=-1, required=True)
    @click.option("--by", "by", required=True, help="Who reviewed it (name or initials).")
    @pass_app
    def command(app: App, finding_ids: tuple[str, ...], by: str) -> None:
        set_statuses(app.store, finding_ids, status, by=by)
        click.echo(f"{status.value}: {', '.join(finding_ids)}", err=True)

    return command


findings.command(name="confirm", help="Mark findings as checked against the source by a person.")(
    _decide(FindingStatus.CONFIRMED)
)
findings.command(name="reject", help="Mark findings as wrong (kept, so the decision is visible).")(
    _decide(FindingStatus.REJECTED)
)


@findings.command(name="extract")
@click.argument("key", required=False)
@click.option(
    "--text-file",
    type=click.File("r", encoding="utf-8"),
    help="Read any text instead of a stored source ('-' for standard input).",
)
@click.option("--study", help="Study name to give the candidates.")
@click.option("--save", is_flag=True, help="Store the candidates (never over a decided finding).")
@click.option("--json", "as_json", is_flag=True, help="Every candidate in full, with its span.")
@pass_app
def findings_extract(
    app: App, key: str | None, text_file: Any, study: str | None, save: bool, as_json: bool
) -> None:
    """Propose candidate findings from a stored abstract, snapshot or trial results, or a text."""
    if (key is None) == (text_file is None):
        raise click.UsageError("give a stored source KEY or --text-file, not both")
    if key is None:
        if save:
            raise click.UsageError("--save needs a stored source KEY")
        found = extract_text(
            text_file.read(), source="text:" + (text_file.name or "-"), study=study
        )
    else:
        found = propose_for(app.store, parse_source(key), study=study)
    if as_json:
        rows = [to_jsonable(f) for f in found]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        emit([finding_row(f) for f in found], "table", FINDING_COLUMNS[:-1])
    if save:
        report_items(save_candidates(app.store, found), "table")
    click.echo(f"{len(found)} candidates; confirm each against the source", err=True)


def context_options(func: F) -> F:
    """What a finding measures, beyond its printed numbers (shared by add and edit)."""
    options = [
        ("--study", "study", "Study name (IKEMA)."),
        ("--arm", "arm", "Arm a per-arm value belongs to."),
        ("--comparison", "comparison", "Comparison of a ratio (Isa-Kd vs Kd)."),
        ("--population", "population", "Analysis set (intention-to-treat, safety)."),
        ("--timepoint", "timepoint", "Timepoint (at 24 months)."),
        ("--analysis", "analysis", "interim, final, updated..."),
        ("--cutoff", "data_cutoff", "Data cut-off date (YYYY-MM-DD)."),
        ("--unit", "unit", "Unit of the value, when the text does not print it (months)."),
    ]
    for flag, name, text in reversed(options):
        func = click.option(flag, name, help=text)(func)
    return func


@findings.command(name="add")
@click.argument("finding_id")
@click.option("--source", required=True, help="Key of the source: pmid:..., nct:..., url:...")
@click.option(
    "--kind", required=True, type=click.Choice([k.value for k in FindingKind]), help="What it is."
)
@click.option("--text", required=True, help="The estimate exactly as the source prints it.")
@click.option("--endpoint", required=True, help="What was measured (progression-free survival).")
@click.option("--value", help="Which number of --text is the value, if it holds several.")
@context_options
@click.option("--one-sided", "sidedness", flag_value=1, help="The p-value is one-sided.")
@click.option("--by", "reviewer", help="Your name: records the finding as confirmed by you.")
@click.option("--replace", is_flag=True, help="Replace an existing finding with this id.")
@pass_app
def findings_add(app: App, /, finding_id: str, **options: Any) -> None:
    """Record a finding by hand, anchored where --text occurs (exactly once) in the source."""
    context = Context(**{k: options.pop(k) for k in list(options) if k in Context.__slots__})
    finding = record_finding(
        app.store,
        finding_id=finding_id,
        source=options["source"],
        kind=FindingKind(options["kind"]),
        text=options["text"],
        context=context,
        value=options["value"],
        reviewer=options["reviewer"],
        replace=options["replace"],
    )
    problems = problems_of(app.store, [finding])[finding.id]
    click.echo("\n".join(finding_lines(finding, problems)))


@findings.command(name="edit")
@click.argument("finding_id")
@click.option("--endpoint", help="What was measured.")
@context_options
@click.option("--note", "notes", multiple=True, help="Add a note for reviewers (repeatable).")
@pass_app
def findings_edit(app: App, /, finding_id: str, **changes: Any) -> None:
    """Change what a finding measures; its numbers stay as the source prints them.

    An edited finding goes back to 'candidate' until a person confirms it again.
    """
    finding = edit_finding(app.store, finding_id, **changes)
    click.echo("\n".join(finding_lines(finding, problems_of(app.store, [finding])[finding.id])))


@findings.command(name="export")
@click.option(
    "--to",
    "folder",
    type=click.Path(path_type=Path),
    help="Folder for the YAML files (default: references/findings).",
)
@pass_app
def findings_export(app: App, folder: Path | None) -> None:
    """Write the store's findings back to YAML, one file per study."""
    target = folder or app.settings.references_dir / "findings"
    written, stale = export_findings(app.store, target)
    for path in written:
        click.echo(str(path))
    for path in stale:
        click.echo(f"Warning: {path} was not written by this export (stale?); check it", err=True)


@cli.group()
def sources() -> None:
    """Captured source texts (web pages, labels, abstracts typed from the journal)."""


@sources.command(name="add")
@click.argument("source")
@click.option(
    "--text-file",
    type=click.File("r", encoding="utf-8"),
    default="-",
    help="The captured text (default: standard input).",
)
@click.option("--url", help="Where the text was captured.")
@click.option("--title", help="The page's title.")
@click.option("--accessed", help="The date it was captured (YYYY-MM-DD; default today).")
@click.option("--replace", is_flag=True, help="Replace a captured text findings are anchored in.")
@pass_app
def sources_add(
    app: App,
    source: str,
    text_file: Any,
    url: str | None,
    title: str | None,
    accessed: str | None,
    replace: bool,
) -> None:
    """Keep the text of SOURCE (pmid:..., doi:..., or url:https://...) to anchor findings in."""
    key = parse_source(source)
    text = text_file.read()
    if not text.strip():
        raise InputError("the captured text is empty", item=source, hint="pass --text-file")
    day = accessed or datetime.now(UTC).date().isoformat()
    snapshot = Snapshot(source=key, text=text, url=url, title=title, accessed=day)
    old = app.store.get_snapshot(key)
    anchored = app.store.findings(source=key)
    if old is not None and old.text != text and anchored and not replace:
        raise InputError(
            f"{len(anchored)} finding(s) are anchored in the text captured before",
            item=key,
            hint="pass --replace to recapture it; those findings will then need re-anchoring",
        )
    outcome = app.store.put_snapshot(snapshot)
    digest = snapshot.canonical.sha256[:12]
    click.echo(f"{outcome.action}: {key} ({len(text)} characters, sha256 {digest})", err=True)
