"""The one exception tree of ``evidence``, with the hint each error gives the user.

Every error the library raises on purpose derives from :class:`EvidenceError`.
``cli.py`` maps the classes to exit codes in one place (most specific first)::

    EvidenceError
    ├── InputError                 bad input the user can fix (exit 2)
    │   └── IdentifierError        a malformed PMID/DOI/PMCID/NCT or pasted reference
    ├── NotFoundError              a valid identifier the source does not know (exit 3)
    │   ├── OfflineMissError       not in the store, and --offline forbids the network
    │   └── UnverifiedMatchError   a match that was ambiguous or failed verification
    ├── UpstreamError              a remote service failed after retries (exit 4)
    │   ├── RateLimitedError       429 after every retry
    │   └── ServiceUnavailableError  5xx, maintenance pages, timeouts, broken payloads
    ├── ParseError                 a file or payload that cannot be read (exit 5)
    ├── BatchError                 a batch finished but some items failed (exit 6)
    ├── CheckFailedError           a reviewer's check found problems (exit 8)
    ├── ConfigError                configuration missing or wrong (exit 7)
    └── StoreError                 the store failed or is from a newer version (exit 1)

Adapters wrap third-party exceptions with ``raise ... from exc`` so the cause
survives for ``--debug``. Each message names the item and says what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence


class EvidenceError(Exception):
    """Root of every error ``evidence`` raises on purpose.

    ``item`` names what failed (an identifier, a file, a URL); ``hint`` says what to do.
    ``str(error)`` is the one-line message the CLI prints.
    """

    default_hint: str | None = None

    def __init__(self, message: str, *, item: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.item = item
        self.hint = hint if hint is not None else self.default_hint
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message on one line: ``item: message; hint``."""
        text = f"{self.item}: {self.message}" if self.item else self.message
        if self.hint:
            text = f"{text}; {self.hint}"
        return " ".join(text.split())


class InputError(EvidenceError):
    """Input the user typed or named is wrong and can be fixed by the user."""


class IdentifierError(InputError):
    """An identifier or pasted reference that cannot be parsed."""

    default_hint = (
        "give a PMID (34097854), DOI (10.1016/...), PMCID (PMC1234567), NCT number "
        "(NCT03275285) or a reference like 'Moreau P, et al. Lancet 2021;397:2361-71'"
    )


class NotFoundError(EvidenceError):
    """A well-formed identifier that the source (PubMed, ClinicalTrials.gov, the store) lacks."""

    default_hint = "check the identifier for typos, or add the record by another identifier"


class OfflineMissError(NotFoundError):
    """The record is not in the store and the network may not be used."""

    default_hint = "run the same command without --offline to fetch it"


class UnverifiedMatchError(NotFoundError):
    """PubMed offered a match that is ambiguous or disagrees with the reference.

    ``candidates`` describes the records a person should choose from; none was accepted.
    """

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        hint: str | None = None,
        candidates: Sequence[str] = (),
    ) -> None:
        self.candidates = tuple(candidates)
        super().__init__(message, item=item, hint=hint)


class UpstreamError(EvidenceError):
    """A remote service failed after every retry."""

    default_hint = "try again later; the store was left unchanged"

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        hint: str | None = None,
        url: str | None = None,
        status: int | None = None,
    ) -> None:
        self.url = url
        self.status = status
        super().__init__(message, item=item, hint=hint)


class RateLimitedError(UpstreamError):
    """HTTP 429 on every attempt."""

    default_hint = (
        "NCBI allows 3 requests/s without an API key and 10 with one: set EVIDENCE_NCBI_API_KEY, "
        "or try again in a minute"
    )


class ServiceUnavailableError(UpstreamError):
    """5xx, a maintenance page, a timeout or a payload that is not what was asked for."""


class ParseError(EvidenceError):
    """A file or payload that cannot be read; ``line`` is set where it is known."""

    def __init__(
        self,
        message: str,
        *,
        item: str | None = None,
        hint: str | None = None,
        line: int | None = None,
    ) -> None:
        self.line = line
        if line is not None and item is not None:
            item = f"{item}, line {line}"
        super().__init__(message, item=item, hint=hint)


class ConfigError(EvidenceError):
    """Configuration that is missing or wrong."""


class StoreError(EvidenceError):
    """The store cannot be opened, read or written."""


class CheckFailedError(EvidenceError):
    """A summary did not pass the reviewer's check (the report says why)."""


class BatchError(EvidenceError):
    """A batch finished, kept its good items, and some items failed.

    ``failures`` holds every failed item's error, so the caller can report them all.
    """

    def __init__(self, message: str, failures: Sequence[EvidenceError]) -> None:
        self.failures = tuple(failures)
        super().__init__(message)
