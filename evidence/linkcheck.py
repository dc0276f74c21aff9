"""Check every link of a summary: the addresses it prints and those its identifiers stand for.

:func:`links_of` lists the http(s) links of a document (Markdown links, HTML ``href``, bare
addresses) and, for each identifier of its reference list, the page that identifier names
(PubMed, doi.org, PMC, ClinicalTrials.gov; base addresses from :class:`LinkBases`).
:func:`check_links` checks them all and returns one :class:`LinkResult` per link, in input
order; a broken link is a result, never an exception (house rule 8).

How a link is checked (the only module that imports httpx, house rule 11):

- at most ``concurrency`` requests in flight, and at most ``per_host`` to any one host name;
- ``HEAD`` first, ``GET`` (body not read) when the server refuses HEAD (405, 403, 501);
- redirects followed by hand, at most 10, each hop recorded in ``LinkResult.redirects``;
- every request has a timeout; a request that outlasts it ends the link as "timed out" and
  is not retried (a hang seldom recovers, and retrying would multiply the wait);
- 429, 5xx and connection failures are retried ``attempts`` times in all, with a short
  back-off, or the ``Retry-After`` wait capped at 5 s; 404 and 410 are final;
- a link is ``ok`` when its last answer is 2xx.

The DOI heuristic: a DOI that resolves to an unrelated page is reported. For a link taken
from a ``doi:`` identifier, or any doi.org / dx.doi.org address, a 2xx answer is still
``ok=False`` ("DOI redirects to an unrelated page (...)") when the final page

- is still on a DOI resolver host, or the DOI link did not redirect at all;
- has the path ``/`` (a home page); or
- has a path naming a login, cookie, captcha, error or not-found page: it contains ``login``,
  ``log-in``, ``signin``, ``sign-in``, ``cookie``, ``captcha``, ``notfound`` or
  ``not-found``, or a word starting ``error``, or ``404`` as a number of its own
  (``/NEJMoa2024040`` is an article, ``/404.html`` is not).

It reads the address only, never the page, so a publisher that shows a login form at the
article's own address passes, and an article slug starting with "error" is flagged.

Addresses in results and problems pass through :func:`evidence.transport.scrub`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import re
import ssl
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx

from evidence import __version__
from evidence.summarydoc import parse_summary
from evidence.transport import retry_after, scrub

__all__ = ["LinkBases", "LinkResult", "check_links", "links_of"]

USER_AGENT = f"evidence/{__version__} link checker"
MAX_REDIRECTS = 10
RETRY_AFTER_CAP = 5.0
"""Longest wait a ``Retry-After`` header may ask for between two attempts, in seconds."""

_HEAD_REFUSED = frozenset({403, 405, 501})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_UNRELATED_PATH = re.compile(
    r"log-?in|sign-?in|cookie|captcha|not-?found|(?<![a-z0-9])(?:error|404(?![0-9]))",
    re.IGNORECASE,
)
_URL = re.compile(r"""https?://[^\s<>"'`\[\]{}|\\^]+""", re.IGNORECASE)
_TRAILING = ".,;:!?*_~"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What checking one link found."""

    url: str
    """The link as found, scrubbed of secrets."""
    source: str
    """``"document"``, or the identifier key the link was derived from (``"doi:10..."``)."""
    status: int | None
    """The last HTTP status received; None when no answer came."""
    final_url: str | None
    """The address that gave the last answer; None when no answer came."""
    redirects: tuple[str, ...]
    """Each address redirected to, in order (the last is ``final_url``)."""
    ok: bool
    problem: str | None
    """One line saying what is wrong ("HTTP 404", "timed out after 10 s"); None when ok."""
    elapsed: float
    """Seconds from the first request to the verdict, retries and redirects included (the wait
    for a free slot before the first request is not counted)."""


@dataclass(frozen=True, slots=True)
class LinkBases:
    """Base addresses of the pages identifiers stand for (tests point them at a local server)."""

    pubmed: str = "https://pubmed.ncbi.nlm.nih.gov/"
    doi: str = "https://doi.org/"
    pmc: str = "https://pmc.ncbi.nlm.nih.gov/articles/"
    ctgov: str = "https://clinicaltrials.gov/study/"

    def url_for(self, key: str) -> str | None:
        """The page of a standard identifier key (``pmid:34097854``), or None for other keys."""
        kind, _, value = key.partition(":")
        if kind == "pmid":
            return f"{self.pubmed}{value}/"
        if kind == "doi":
            return f"{self.doi}{quote(value, safe='/:;()[]')}"
        if kind == "pmcid":
            return f"{self.pmc}{value}/"
        if kind == "nct":
            return f"{self.ctgov}{value}"
        return None


def _trim(url: str) -> str:
    """A matched address without the punctuation or unbalanced bracket that ends its sentence."""
    while url:
        if url[-1] in _TRAILING:
            url = url[:-1]
        elif url[-1] == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        else:
            break
    return url.replace("&amp;", "&")


def links_of(text: str, *, bases: LinkBases | None = None) -> list[tuple[str, str]]:
    """Every link of a summary as ``(url, source)``, de-duplicated, first occurrence kept.

    Links printed in the document (Markdown, HTML ``href``, bare addresses) come with source
    ``"document"`` in the order they appear; then, entry by entry, the pages of the reference
    list's identifiers (PubMed, DOI, PMC, ClinicalTrials.gov) with the identifier key as source.
    """
    bases = bases or LinkBases()
    found: dict[str, str] = {}
    for match in _URL.finditer(text):
        url = _trim(match[0])
        if urlsplit(url).netloc:
            found.setdefault(url, "document")
    for entry in parse_summary(text).entries:
        for key in entry.identifiers:
            derived = bases.url_for(key)
            if derived is not None:
                found.setdefault(derived, key)
    return list(found.items())


def check_links(
    links: Sequence[tuple[str, str]],
    *,
    concurrency: int = 32,
    per_host: int = 4,
    timeout: float = 10.0,
    attempts: int = 3,
    backoff: float = 0.25,
    progress: Callable[[int, int], None] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[LinkResult]:
    """Check each ``(url, source)`` link and return its result, in input order.

    ``backoff`` is the first wait before a retry (doubled each time); ``progress(done, total)``
    is called once before the first request and after each link; ``transport`` replaces the
    network (``httpx.MockTransport`` in tests). Works from inside a running event loop too.
    """
    if concurrency < 1 or per_host < 1 or attempts < 1:
        raise ValueError("concurrency, per_host and attempts must be at least 1")
    checker = _Checker(
        concurrency=concurrency,
        per_host=per_host,
        timeout=timeout,
        attempts=attempts,
        backoff=backoff,
    )
    return _run(checker.check_all(links, progress, transport))


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, in a worker thread when an event loop already runs."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class _NoAnswer(Exception):
    """A request that got no HTTP answer; the message is the result's problem."""


def _one_line(text: str) -> str:
    return " ".join(scrub(text).split())


def _status_problem(status: int) -> str:
    if status == 410:
        return "gone (HTTP 410)"
    if status == 429:
        return "rate limited (HTTP 429)"
    if status in _REDIRECTS:
        return f"HTTP {status} without a Location header"
    return f"HTTP {status}"


def _doi_problem(url: str, source: str, final_url: str, redirected: bool) -> str | None:
    """Why a DOI's final page looks unrelated to the article, or None (module docstring)."""
    if not (source.startswith("doi:") or (urlsplit(url).hostname or "") in _DOI_HOSTS):
        return None
    final = urlsplit(final_url)
    if (
        not redirected
        or (final.hostname or "") in _DOI_HOSTS
        or final.path in ("", "/")
        or _UNRELATED_PATH.search(final.path)
    ):
        return f"DOI redirects to an unrelated page ({scrub(final_url)})"
    return None


class _Checker:
    """One run of :func:`check_links`: its limits, its client and its semaphores."""

    def __init__(
        self, *, concurrency: int, per_host: int, timeout: float, attempts: int, backoff: float
    ) -> None:
        self.concurrency = concurrency
        self.per_host = per_host
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self._pool = asyncio.Semaphore(concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._ssl: ssl.SSLContext | None = None
        self._stack = contextlib.AsyncExitStack()
        self._transport: httpx.AsyncBaseTransport | None = None

    async def check_all(
        self,
        links: Sequence[tuple[str, str]],
        progress: Callable[[int, int], None] | None,
        transport: httpx.AsyncBaseTransport | None,
    ) -> list[LinkResult]:
        total, done = len(links), 0
        if progress is not None:
            progress(0, total)

        async def one(url: str, source: str) -> LinkResult:
            nonlocal done
            result = await self.check(url, source)
            done += 1
            if progress is not None:
                progress(done, total)
            return result

        async with contextlib.AsyncExitStack() as stack:
            self._stack, self._transport = stack, transport
            return list(await asyncio.gather(*(one(url, source) for url, source in links)))

    async def _client_for(self, host: str) -> httpx.AsyncClient:
        """The client of ``host``: one per host, its pool no larger than ``per_host``.

        httpcore's pool scans every connection for each request it places, so one pool holding
        many hosts' connections spends more CPU than the requests (500 instant answers from 25
        hosts: 3.3 s shared, 1.1 s per host); small pools also keep a busy host's connections
        from being evicted by other hosts'.
        A given ``transport`` is shared by a single client.
        """
        key = host if self._transport is None else ""
        if key not in self._clients:
            if self._ssl is None and self._transport is None:
                self._ssl = httpx.create_ssl_context()  # reads the CA bundle (~25 ms): once
            client = httpx.AsyncClient(
                transport=self._transport,
                verify=self._ssl or True,
                headers={"User-Agent": USER_AGENT},
                timeout=httpx.Timeout(self.timeout),
                limits=httpx.Limits(max_connections=self.per_host),
                follow_redirects=False,
            )
            self._clients[key] = client  # before any await: other tasks must find it
            await self._stack.enter_async_context(client)
        return self._clients[key]

    async def check(self, url: str, source: str) -> LinkResult:
        """Follow ``url`` to its last answer and judge it."""
        started: list[float] = []  # set by the first request, once it has its slots
        hops: list[str] = []
        current = url
        status: int | None = None
        problem: str | None = None
        while True:
            try:
                response = await self._fetch(current, started)
            except _NoAnswer as exc:
                where = f" at {scrub(current)}" if hops else ""
                problem, status = f"{exc}{where}", None
                break
            status = response.status_code
            location = response.headers.get("location")
            if status not in _REDIRECTS or not location:
                break
            if len(hops) >= MAX_REDIRECTS:
                problem = "too many redirects"
                break
            current = str(response.url.join(location))  # httpx has checked the address
            hops.append(current)
        final_url = current if status is not None else None
        if problem is None and status is not None:
            if not 200 <= status < 300:
                problem = _status_problem(status)
            else:
                problem = _doi_problem(url, source, current, bool(hops))
        return LinkResult(
            url=scrub(url),
            source=source,
            status=status,
            final_url=scrub(final_url) if final_url is not None else None,
            redirects=tuple(scrub(hop) for hop in hops),
            ok=problem is None,
            problem=problem,
            elapsed=time.perf_counter() - started[0] if started else 0.0,
        )

    async def _fetch(self, url: str, started: list[float]) -> httpx.Response:
        """One hop: HEAD (GET if refused), retried on 429, 5xx and failed connections."""
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = await self._request("HEAD", url, started)
                if response.status_code in _HEAD_REFUSED:
                    response = await self._request("GET", url, started)
            except (TimeoutError, httpx.TimeoutException) as exc:
                raise _NoAnswer(f"timed out after {self.timeout:g} s") from exc
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                raise _NoAnswer(f"not a web address: {_one_line(str(exc))}") from exc
            except httpx.HTTPError as exc:
                reason = _one_line(str(exc)) or type(exc).__name__
                if "location header" in reason:  # a redirect httpx refuses to read
                    raise _NoAnswer(f"broken redirect: {reason}") from exc
                if attempt == self.attempts:
                    what = "cannot connect" if isinstance(exc, httpx.ConnectError) else "failed"
                    raise _NoAnswer(f"{what}: {reason}") from exc
                await asyncio.sleep(wait)
                continue
            status = response.status_code
            if attempt == self.attempts or not (status == 429 or status >= 500):
                return response
            asked = retry_after(response.headers)
            await asyncio.sleep(min(asked, RETRY_AFTER_CAP) if asked is not None else wait)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    async def _request(self, method: str, url: str, started: list[float]) -> httpx.Response:
        """Send one request within the global and per-host limits; a GET's body is not read.

        ``started`` receives the time the link's first request got its slots.
        """
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.per_host)
        async with self._hosts[host], self._pool, asyncio.timeout(self.timeout):
            if not started:
                started.append(time.perf_counter())
            client = await self._client_for(host)
            response = await client.send(client.build_request(method, url), stream=True)
            if method == "HEAD":
                await response.aread()  # nothing to read, but it frees the connection for reuse
            else:
                await response.aclose()  # a page is not worth downloading: drop the connection
        return response
