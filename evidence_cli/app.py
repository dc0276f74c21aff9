"""What every command shares: the root group, settings and store, output formats, exit codes.

Errors become exit codes in exactly one place (:class:`ExitStatus`, :func:`exit_status`).
"""

from __future__ import annotations

import csv
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, TypeVar

import click

from evidence import __version__
from evidence.citations import ItemResult
from evidence.config import Settings, load_settings
from evidence.ctgov import CtgovClient
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
from evidence.identifiers import parse
from evidence.store import Store, open_store

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


def report_items(items: Sequence[ItemResult], fmt: str) -> None:
    """Per-item results to stdout (table or JSON...), their errors to stderr."""
    rows = [
        {
            "input": item.input,
            "status": item.status,
            "key": item.key or "",
            "error": item.error.one_line() if item.error else "",
            "candidates": list(item.candidates),
            "notes": list(item.notes),
        }
        for item in items
    ]
    print_errors(items)
    if fmt == "table":
        for item in items:
            for note in item.notes:
                click.echo(f"Note: {item.input}: {note}", err=True)
    emit(rows, fmt, ("input", "status", "key"))


def print_errors(items: Sequence[ItemResult]) -> None:
    """Each failed item on stderr, with its candidates; a lone failure is raised instead
    (and printed once) by :func:`finish_batch`."""
    for item in items:
        if item.error is not None:
            if len(items) > 1:
                click.echo(f"Error: {item.error.one_line()}", err=True)
            for candidate in item.candidates:
                click.echo(f"  candidate: {candidate}", err=True)


def finish_batch(items: Sequence[ItemResult], what: str) -> None:
    """Raise the lone failure, or a BatchError when some items of a batch failed."""
    failures = [item for item in items if not item.ok]
    if not failures:
        return
    errors = [item.error for item in failures if item.error is not None]
    if len(items) == 1 and errors:
        raise errors[0]
    raise BatchError(f"{len(failures)} of {len(items)} {what} failed; the rest were kept", errors)


def clients(settings: Settings) -> tuple[EntrezClient, CtgovClient]:
    """The E-utilities and ClinicalTrials.gov clients, with their warnings on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entrez = EntrezClient(settings)
    for warning in caught:
        click.echo(f"Warning: {warning.message}", err=True)
    return entrez, CtgovClient(settings)


def parse_source(key: str) -> str:
    """A source key as typed: ``url:...`` as it is, anything else as an identifier."""
    return key if key.startswith(("url:", "text:")) else parse(key).key


LIST_COLUMNS = ("key", "year", "first_author", "source", "title", "flags")

FINDING_COLUMNS = ("id", "kind", "endpoint", "group", "text", "status", "problems")
