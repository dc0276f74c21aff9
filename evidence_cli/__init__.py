"""The ``evidence`` command line: options in, one library call, results out.

stdout carries data; stderr carries messages. Errors become exit codes in one place
(:mod:`evidence_cli.app`). ``--debug`` (or ``EVIDENCE_DEBUG=1``) shows tracebacks. The
commands live in :mod:`~evidence_cli.references`, :mod:`~evidence_cli.findings`,
:mod:`~evidence_cli.documents` and :mod:`~evidence_cli.interchange`; importing them registers
them on the root group.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from evidence.errors import BatchError, EvidenceError
from evidence_cli import documents, findings, interchange, references  # noqa: F401 - registers
from evidence_cli.app import ExitStatus, cli, exit_status

__all__ = ["ExitStatus", "cli", "exit_status", "main", "run"]


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
