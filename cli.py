"""Entry point of the ``evidence`` command line (the commands live in ``evidence_cli/``).

Kept as the console script's target (``evidence = "cli:main"``) and for ``python -m evidence``.
"""

from evidence_cli import ExitStatus, cli, exit_status, main, run

__all__ = ["ExitStatus", "cli", "exit_status", "main", "run"]

if __name__ == "__main__":
    main()
