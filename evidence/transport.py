"""HTTP for the remote services: rate limits, timeouts, retries with back-off, scrubbing.

Every remote call of the E-utilities and ClinicalTrials.gov adapters goes through
:meth:`Transport.call`, which:

- waits on a thread-safe :class:`RateLimiter` shared by every client of the same service;
- sends a User-Agent and applies a timeout to every request;
- retries, with exponential back-off and jitter (stamina), on 429, 5xx, timeouts, dropped
  connections and on replies the caller's ``parse`` rejects (an HTTP 200 carrying
  ``<ERROR>``, an HTML maintenance page, a truncated body); a ``Retry-After`` header sets the
  wait instead;
- ends in a typed :class:`~evidence.errors.UpstreamError` after the last attempt.

Other 4xx replies are returned to the caller, who knows what a 404 means for its service.
URLs and bodies in messages pass through :func:`scrub`, so an API key never reaches output.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import stamina

try:  # POSIX: processes share one rate limit through a locked file
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from evidence import __version__
from evidence.config import Settings
from evidence.errors import (
    ParseError,
    RateLimitedError,
    ServiceUnavailableError,
    UpstreamError,
)

T = TypeVar("T")
USER_AGENT = f"evidence/{__version__} (+https://github.com/evidence-tool/evidence)"
_SECRET = re.compile(r"(api_key|key|token)=[^&\s]+", re.IGNORECASE)
_JSON_SECRET = re.compile(r'("(?:api[-_]key|key|token)"\s*:\s*")[^"]*', re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html)", re.IGNORECASE)


def scrub(text: str) -> str:
    """Mask API keys and tokens in a URL, query string, form body or JSON error body.

    NCBI echoes the key in its JSON errors (``"api-key":"..."``), so bodies are scrubbed too.
    """
    return _JSON_SECRET.sub(r"\1***", _SECRET.sub(r"\1=***", text))


def looks_like_html(body: bytes) -> bool:
    """True when a body is an HTML page (NCBI maintenance pages, wrong ``retmode``)."""
    return bool(_HTML_START.match(body[:512]))


_MAX_QUEUE_S = 60.0
"""A shared slot further ahead than this means the clock moved, not a real queue."""


class RateLimiter:
    """Spaces request starts at least ``1 / rate`` seconds apart, across threads and, when a
    ``state_file`` is given, across processes.

    The cross-process slot lives in the state file (the next free start time, wall clock),
    read and written under an exclusive ``flock``; two ``evidence`` processes of one user then
    share NCBI's 3 (or 10) requests per second instead of each taking them. Where ``fcntl``
    is missing (Windows) the limit holds within the process only.
    """

    def __init__(
        self,
        rate: float,
        *,
        state_file: Path | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self.state_file = state_file if fcntl is not None else None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        """Block until this caller may start a request."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next, self._reserve(now))
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)

    def _reserve(self, now: float) -> float:
        """Take the next slot in the shared state file; the start time it gives."""
        if self.state_file is None or fcntl is None:
            return 0.0
        try:
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            with self.state_file.open("a+", encoding="ascii") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                handle.seek(0)
                try:
                    shared = float(handle.read().strip() or 0.0)
                except ValueError:
                    shared = 0.0
                if shared - now > _MAX_QUEUE_S:  # the wall clock went back: start afresh
                    shared = 0.0
                start = max(now, self._next, shared)
                handle.seek(0)
                handle.truncate()
                handle.write(repr(start + self.interval))
                return start
        except OSError:
            return 0.0  # an unwritable app directory must not stop the request


_LIMITERS: dict[tuple[str, float, Path | None], RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(service: str, rate: float, state_dir: Path | None = None) -> RateLimiter:
    """The one limiter of this process for ``service`` at ``rate`` requests per second,
    shared with other processes through ``state_dir/<service>.ratelimit`` when given."""
    state_file = state_dir / f"{service}.ratelimit" if state_dir is not None else None
    with _LIMITERS_LOCK:
        key = (service, rate, state_file)
        if key not in _LIMITERS:
            _LIMITERS[key] = RateLimiter(rate, state_file=state_file)
        return _LIMITERS[key]


@dataclass(frozen=True)
class Response:
    """A complete HTTP reply."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _Retryable(UpstreamError):
    """A failed attempt worth repeating; ``retry_after`` overrides the back-off."""

    def __init__(self, error: UpstreamError, retry_after: float | None = None) -> None:
        self.error = error
        self.retry_after = retry_after
        super().__init__(error.message, item=error.item, url=error.url, status=error.status)


@dataclass
class Transport:
    """Sends requests for one remote service with the policy in the module docstring."""

    service: str
    limiter: RateLimiter
    timeout: float = 30.0
    attempts: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    retry_after_cap: float = 120.0
    opener: urllib.request.OpenerDirector = field(default_factory=urllib.request.build_opener)
    sent: int = 0

    @classmethod
    def for_service(cls, service: str, limiter: RateLimiter, settings: Settings) -> Transport:
        """A transport with the timeout, attempts and back-off the settings give."""
        return cls(
            service=service,
            limiter=limiter,
            timeout=settings.timeout,
            attempts=settings.max_attempts,
            backoff_initial=settings.backoff_initial,
            backoff_max=settings.backoff_max,
        )

    def call(
        self,
        request: urllib.request.Request,
        parse: Callable[[Response], T],
        *,
        item: str | None = None,
    ) -> T:
        """Send ``request`` until ``parse`` accepts the reply or the attempts run out.

        ``parse`` raises :class:`~evidence.errors.ParseError` (or ``ServiceUnavailableError``)
        for a reply that is not what was asked for; that attempt is retried.
        """
        request.add_header("User-Agent", USER_AGENT)
        attempt_no = 0
        try:
            for attempt in stamina.retry_context(
                on=_backoff_hook,
                attempts=self.attempts,
                timeout=None,
                wait_initial=self.backoff_initial,
                wait_max=self.backoff_max,
            ):
                with attempt:
                    attempt_no += 1
                    return self._attempt(request, parse, item)
        except _Retryable as exc:
            last = exc.error
            raise type(last)(
                f"{last.message} (gave up after {attempt_no} attempts)",
                item=last.item,
                url=last.url,
                status=last.status,
            ) from exc
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    def _attempt(
        self, request: urllib.request.Request, parse: Callable[[Response], T], item: str | None
    ) -> T:
        response = self._send(request, item)
        if response.status == 429:
            raise _Retryable(
                RateLimitedError(
                    f"{self.service} answered HTTP 429 Too Many Requests",
                    item=item,
                    url=response.url,
                    status=429,
                ),
                self._retry_after(response),
            )
        if response.status >= 500:
            raise _Retryable(
                ServiceUnavailableError(
                    f"{self.service} answered HTTP {response.status}",
                    item=item,
                    url=response.url,
                    status=response.status,
                ),
                self._retry_after(response),
            )
        try:
            return parse(response)
        except (ParseError, ServiceUnavailableError) as exc:
            raise _Retryable(
                ServiceUnavailableError(
                    f"{self.service} sent an unusable reply: {exc.message}",
                    item=item,
                    url=response.url,
                    status=response.status,
                )
            ) from exc
        except UpstreamError as exc:
            # A refusal (4xx) is not retried; give it the request's context.
            raise UpstreamError(
                exc.message,
                item=exc.item or item,
                url=response.url,
                status=response.status,
                hint="the service refused the request; check the identifiers, or run again "
                "with --debug and report it",
            ) from exc

    def _retry_after(self, response: Response) -> float | None:
        wait = retry_after(response.headers)
        return None if wait is None else min(wait, self.retry_after_cap)

    def _send(self, request: urllib.request.Request, item: str | None) -> Response:
        self.limiter.wait()
        self.sent += 1
        url = scrub(request.full_url)
        try:
            with self.opener.open(request, timeout=self.timeout) as reply:
                return Response(url, reply.status, _headers(reply.headers), reply.read())
        except urllib.error.HTTPError as exc:
            body = exc.read() if exc.fp is not None else b""
            return Response(url, exc.code, _headers(exc.headers), body)
        except TimeoutError as exc:
            raise _Retryable(
                ServiceUnavailableError(
                    f"{self.service} did not answer within {self.timeout:g} s", item=item, url=url
                )
            ) from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            # OSError covers ConnectionError and TLS failures (ssl.SSLError).
            reason = getattr(exc, "reason", exc)
            raise _Retryable(
                ServiceUnavailableError(
                    f"cannot reach {self.service} ({reason})", item=item, url=url
                )
            ) from exc


def _backoff_hook(exc: Exception) -> bool | float:
    if isinstance(exc, _Retryable):
        return exc.retry_after if exc.retry_after is not None else True
    return False


def _headers(message: object) -> dict[str, str]:
    items = getattr(message, "items", None)
    if items is None:
        return {}
    return {str(k).lower(): str(v) for k, v in items()}


def retry_after(headers: Mapping[str, str], *, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` (or Zotero-style ``Backoff``) header asks to wait, if any."""
    value = headers.get("retry-after") or headers.get("backoff")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
