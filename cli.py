"""The ``evidence`` command line: options in, one library call, results out.

stdout carries data; stderr carries messages. Errors become exit codes in one place,
:func:`run` (see :class:`ExitStatus`). ``--debug`` (or ``EVIDENCE_DEBUG=1``) shows tracebacks.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import IntEnum
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from evidence import __version__
from evidence.checks import check_summary, report_json, report_lines
from evidence.citations import AddReport, ItemResult, add_references
from evidence.citing import reference_list
from evidence.config import Settings, load_settings
from evidence.csl import record_to_csl
from evidence.ctgov import CtgovClient
from evidence.demo import run_demo
from evidence.entrez import EntrezClient
from evidence.errors import (
    BatchError,
    CheckFailedError,
    ConfigError,
    EvidenceError,
    InputError,
    NotFoundError,
    OfflineMissError,
    ParseError,
    StoreError,
    UpstreamError,
)
from evidence.extract import extract_text
from evidence.findings import FindingKind, FindingStatus
from evidence.identifiers import parse
from evidence.imports import import_csl, import_references
from evidence.listing import load_listing
from evidence.proposals import propose_for, save_candidates
from evidence.recording import Context, record_finding
from evidence.records import to_jsonable
from evidence.render import Format, render_listing
from evidence.reparse import reparse
from evidence.review import edit_finding, export_findings, problems_of, set_statuses
from evidence.sourcetext import Snapshot
from evidence.store import RecordKind, Store, open_store
from evidence.styles import Markup, resolve_style
from evidence.summaries import summarize as summarize_source
from evidence.summarydoc import sniff_format
from evidence.sync import sync as sync_store
from evidence.views import detail_lines, finding_lines, finding_row, list_row, record_json

F = TypeVar("F", bound=Callable[..., Any])


class ExitStatus(IntEnum):
    """Exit codes, documented in the README (``evidence`` exits with exactly these)."""

    OK = 0
    ERROR = 1
    """An unexpected error (a bug), or the store failed."""
    USAGE = 2
    """Bad usage or bad input: fix what you typed."""
    NOT_FOUND = 3
    """A valid identifier the source (or, with --offline, the store) does not know."""
    UPSTREAM = 4
    """A remote service failed after retries (429, 5xx, maintenance page, timeout)."""
    UNREADABLE = 5
    """Input that cannot be read (a file or payload), with file and line."""
    PARTIAL = 6
    """A batch finished but some items failed; the good ones were kept."""
    CONFIG = 7
    """Configuration missing or wrong."""
    CHECK_FAILED = 8
    """A summary failed the reviewer's check: an unsupported number or a broken citation."""
    INTERRUPTED = 130
    """Interrupted with Ctrl-C; the store is as it was before the command."""


# Most specific first: the first matching class decides the exit code.
_EXIT_CODES: tuple[tuple[type[BaseException], ExitStatus], ...] = (
    (BatchError, ExitStatus.PARTIAL),
    (CheckFailedError, ExitStatus.CHECK_FAILED),
    (OfflineMissError, ExitStatus.NOT_FOUND),
    (NotFoundError, ExitStatus.NOT_FOUND),
    (UpstreamError, ExitStatus.UPSTREAM),
    (ParseError, ExitStatus.UNREADABLE),
    (ConfigError, ExitStatus.CONFIG),
    (InputError, ExitStatus.USAGE),
    (StoreError, ExitStatus.ERROR),
    (EvidenceError, ExitStatus.ERROR),
    (click.UsageError, ExitStatus.USAGE),
    (KeyboardInterrupt, ExitStatus.INTERRUPTED),
)


def exit_status(exc: BaseException) -> ExitStatus:
    """The exit code for an exception (unknown exceptions are bugs: 1)."""
    for cls, status in _EXIT_CODES:
        if isinstance(exc, cls):
            return status
    return ExitStatus.ERROR


class App:
    """What every command shares: settings, and the store opened on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.store)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_app = click.make_pass_decorator(App)


def output_options(func: F) -> F:
    """``--json``, ``--jsonl`` and ``--csv``: one meaning for every listing command."""
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")(func)
    func = click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per line.")(
        func
    )
    func = click.option("--json", "fmt", flag_value="json", help="A JSON array.")(func)
    return click.option("--table", "fmt", flag_value="table", default=True, hidden=True)(func)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Print rows to stdout as a table, JSON, JSON lines or CSV."""
    if fmt == "json":
        click.echo(json.dumps(list(rows), indent=2, ensure_ascii=False, sort_keys=True))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, sort_keys=True))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _table(rows, columns)


def _table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    if not rows:
        return
    widths = {c: min(60, max(len(c), *(len(str(r.get(c, ""))) for r in rows))) for c in columns}
    click.echo("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        cells = [_cut(str(row.get(c, "")), widths[c]).ljust(widths[c]) for c in columns]
        click.echo("  ".join(cells).rstrip())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evidence")
@click.option("--store", type=click.Path(path_type=Path), help="SQLite store file.")
@click.option("--offline", is_flag=True, default=None, help="Never touch the network.")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, offline: bool | None, debug: bool) -> None:
    """Plain-language research summaries with citations a reviewer can trust.

    Settings come from options, then EVIDENCE_* variables, then evidence.toml, then the user's
    config.toml (run `evidence config show`). Exit codes are listed in the README.
    """
    settings = load_settings({"store": store, "offline": offline})
    app = App(settings)
    ctx.obj = app
    ctx.call_on_close(app.close)


def _report_items(items: Sequence[ItemResult], fmt: str) -> None:
    rows = [
        {
            "input": item.input,
            "status": item.status,
            "key": item.key or "",
            "error": item.error.one_line() if item.error else "",
            "candidates": list(item.candidates),
        }
        for item in items
    ]
    _print_errors(items)
    emit(rows, fmt, ("input", "status", "key"))


def _print_errors(items: Sequence[ItemResult]) -> None:
    """Each failed item on stderr, with its candidates; a lone failure is raised instead
    (and printed once) by :func:`_finish_batch`."""
    for item in items:
        if item.error is not None:
            if len(items) > 1:
                click.echo(f"Error: {item.error.one_line()}", err=True)
            for candidate in item.candidates:
                click.echo(f"  candidate: {candidate}", err=True)


def _finish_batch(items: Sequence[ItemResult], what: str) -> None:
    failures = [item for item in items if not item.ok]
    if not failures:
        return
    errors = [item.error for item in failures if item.error is not None]
    if len(items) == 1 and errors:
        raise errors[0]
    raise BatchError(f"{len(failures)} of {len(items)} {what} failed; the rest were kept", errors)


def _clients(settings: Settings) -> tuple[EntrezClient, CtgovClient]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entrez = EntrezClient(settings)
    for warning in caught:
        click.echo(f"Warning: {warning.message}", err=True)
    return entrez, CtgovClient(settings)


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
    entrez, ctgov = (None, None) if offline else _clients(app.settings)
    report: AddReport = add_references(
        identifiers, app.store, entrez=entrez, ctgov=ctgov, offline=offline
    )
    _report_items(report.items, fmt)
    if report.requests:
        spent = ", ".join(f"{n} {service}" for service, n in report.requests.items())
        click.echo(f"Requests: {spent}", err=True)
    _finish_batch(report.items, "references")


@cli.command()
@output_options
@pass_app
def sync(app: App, fmt: str) -> None:
    """Refresh every stored record that changed upstream (and replace hand-typed metadata)."""
    if app.settings.offline:
        raise InputError("sync needs the network", hint="run it without --offline")
    entrez, ctgov = _clients(app.settings)
    report = sync_store(app.store, entrez, ctgov)
    _report_items(report.items, fmt)
    spent = ", ".join(f"{n} {service}" for service, n in report.requests.items())
    click.echo(
        f"Checked {report.checked}, changed {len(report.changed)}; requests: {spent}", err=True
    )
    _finish_batch(report.items, "records")


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options
@pass_app
def import_(app: App, paths: tuple[Path, ...], fmt: str) -> None:
    """Import CSL-JSON files, folders of them, or a project's references/ folder.

    A references/ folder (with bibliography/, sources/ or findings/) is imported whole: every
    finding's anchor is checked against its source text before it is kept.
    """
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", item=str(path), hint="check the path")
    items: list[ItemResult] = []
    for path in paths:
        if any((path / part).is_dir() for part in ("bibliography", "sources", "findings")):
            items.extend(import_references(path, app.store).items)
        else:
            items.extend(import_csl([path], app.store).items)
    _report_items(items, fmt)
    _finish_batch(items, "items")


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
    current, and every number traces to a finding of a source cited beside it."""
    name = getattr(document, "name", None)
    text = document.read()
    report = check_summary(text, app.store, fmt=sniff_format(text, name))
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
    """Render a listing (YAML) with numbered citations; every number must trace to a finding."""
    click.echo(
        render_listing(
            load_listing(listing),
            app.store,
            fmt=cast(Format, fmt),
            style=resolve_style(style),
            templates_dir=templates_dir,
            project_templates=app.settings.project_dir / "templates",
            allow_retracted=allow_retracted,
        ),
        nl=False,
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


_LIST_COLUMNS = ("key", "year", "first_author", "source", "title", "flags")


@refs.command(name="list")
@click.option("--kind", type=click.Choice(["article", "trial"]), help="Only one kind.")
@output_options
@pass_app
def refs_list(app: App, kind: str | None, fmt: str) -> None:
    """What the store holds, with status flags (RETRACTED, erratum, hand-typed, ...)."""
    records = app.store.records(cast(RecordKind | None, kind))
    emit([list_row(r) for r in records], fmt, _LIST_COLUMNS)


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
    _report_items(items, fmt)
    _finish_batch(items, "records")


@cli.group()
def findings() -> None:
    """Structured findings: numbers anchored in the sentence of the source that reports them."""


_FINDING_COLUMNS = ("id", "kind", "endpoint", "group", "text", "status", "problems")


@findings.command(name="list")
@click.option("--source", help="Only findings of one source (pmid:..., nct:...).")
@click.option("--study", help="Only findings of one study.")
@output_options
@pass_app
def findings_list(app: App, source: str | None, study: str | None, fmt: str) -> None:
    """Every finding with its anchor and consistency problems."""
    found = app.store.findings(source=parse_source(source) if source else None, study=study)
    problems = problems_of(app.store, found)
    emit([finding_row(f, problems[f.id]) for f in found], fmt, _FINDING_COLUMNS)


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
        emit([finding_row(f) for f in found], "table", _FINDING_COLUMNS[:-1])
    if save:
        _report_items(save_candidates(app.store, found), "table")
    click.echo(f"{len(found)} candidates; confirm each against the source", err=True)


def parse_source(key: str) -> str:
    """A source key as typed: ``url:...`` as it is, anything else as an identifier."""
    return key if key.startswith(("url:", "text:")) else parse(key).key


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
    emit([list_row(r) for r in result.records], "table", _LIST_COLUMNS)
    click.echo()
    rows = [finding_row(f, result.problems[f.id]) for f in result.findings]
    emit(rows, "table", _FINDING_COLUMNS)
    _print_errors(result.report.items)
    _finish_batch(result.report.items, "references")
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


@contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    def show(message: Warning | str, category: type[Warning], *_args: Any, **_kw: Any) -> None:
        click.echo(f"Warning: {message}", err=True)

    original = warnings.showwarning
    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = original


_INTERRUPTED = "Interrupted; the store is as it was before this command."


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; every error is mapped here, in one place."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:]) or os.environ.get(
        "EVIDENCE_DEBUG"
    ) in ("1", "true", "yes")
    # stamina logs each scheduled retry; the user sees the final error, not the log.
    logging.getLogger("stamina").addHandler(logging.NullHandler())
    logging.getLogger("stamina").propagate = debug
    try:
        with _warnings_to_stderr():
            cli.main(args=argv, prog_name="evidence", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo(_INTERRUPTED, err=True)
        return ExitStatus.INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        return ExitStatus.USAGE
    except KeyboardInterrupt:
        click.echo(_INTERRUPTED, err=True)
        return ExitStatus.INTERRUPTED
    except BatchError as exc:
        click.echo(f"Error: {exc.one_line()}", err=True)
        return ExitStatus.PARTIAL
    except EvidenceError as exc:
        if debug:
            raise
        click.echo(f"Error: {exc.one_line()}", err=True)
        return exit_status(exc)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"Error: unexpected {type(exc).__name__}: {exc}; run again with --debug "
            "and report the traceback",
            err=True,
        )
        return ExitStatus.ERROR
    return ExitStatus.OK


def main() -> None:
    """Console-script entry point: run and exit with the status."""
    sys.exit(run())


if __name__ == "__main__":
    main()
