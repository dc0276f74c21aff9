"""NCBI E-utilities (esearch, efetch, ecitmatch) through Bio.Entrez: the only Bio importer.

Bio.Entrez builds every request (it adds ``tool``, ``email`` and ``api_key`` and encodes
ECitMatch's pipes); :class:`~evidence.transport.Transport` sends it. Bio.Entrez 1.88 hard-codes
NCBI's host, retries 429 without waiting and spaces requests with an unlocked global, so we
use only its request builder (``_build_request``, private but stable in the pinned 1.88), with
our configurable base URL, and our shared limiter, back-off and timeouts. Its identity is
module-global: :func:`configure` sets it once per process.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from Bio import Entrez
from lxml import etree

from evidence.config import Settings
from evidence.errors import ParseError, ServiceUnavailableError, UpstreamError
from evidence.pubmed import PubmedParse, parse_pubmed
from evidence.transport import Response, Transport, looks_like_html, scrub, shared_limiter

EFETCH_BATCH = 400
"""PMIDs per efetch POST (NCBI suggests 200-500 per request)."""
ESEARCH_TERMS = 50
"""OR'd clauses per esearch (no documented cap; DOMAIN.md advises 50-100)."""
ECITMATCH_LINES = 50
"""Citation lines per ecitmatch request."""
ESEARCH_RETMAX = 10000

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class EvidenceWarning(UserWarning):
    """Something the user should fix, that does not stop the command."""


def configure(settings: Settings) -> None:
    """Set Bio.Entrez's process-wide identity from ``settings``; warn when no email is set."""
    # Bio.Entrez declares these module attributes as None; they take strings at run time.
    Entrez.email = settings.ncbi_email  # type: ignore[assignment]
    Entrez.tool = settings.ncbi_tool
    Entrez.api_key = settings.ncbi_api_key  # type: ignore[assignment]
    Entrez.max_tries = 1
    if not settings.ncbi_email:
        warnings.warn(
            "no NCBI email is set: NCBI asks every user of E-utilities for one and may block "
            "anonymous traffic; set EVIDENCE_NCBI_EMAIL or ncbi_email in config.toml",
            EvidenceWarning,
            stacklevel=2,
        )


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What an esearch found: PMIDs, the total count and the phrases PubMed did not know."""

    ids: tuple[str, ...]
    count: int
    not_found: tuple[str, ...] = ()


class CitationStatus(StrEnum):
    """ECitMatch's verdict on one citation line."""

    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not-found"


@dataclass(frozen=True, slots=True)
class CitationQuery:
    """One ECitMatch line: ``journal|year|volume|first_page|author|key|``."""

    key: str
    journal: str
    year: str
    volume: str
    first_page: str
    author: str

    def line(self) -> str:
        """The bdata line, every field cleaned of the separators, trailing pipe included."""
        parts = (self.journal, self.year, self.volume, self.first_page, self.author, self.key)
        return "|".join(" ".join(p.replace("|", " ").split()) for p in parts) + "|"


@dataclass(frozen=True, slots=True)
class CitationMatch:
    """ECitMatch's answer for one line: a PMID, or why there is none (``detail``)."""

    key: str
    status: CitationStatus
    pmid: str | None
    detail: str


class EntrezClient:
    """E-utilities requests for one user, against a configurable base URL."""

    def __init__(self, settings: Settings, transport: Transport | None = None) -> None:
        configure(settings)
        self.base = settings.eutils_base
        # Sent with every request: Bio.Entrez's module-wide identity belongs to whichever
        # client was configured last, and this client's limiter is set for its own key.
        self._identity = {
            "tool": settings.ncbi_tool,
            "email": settings.ncbi_email,
            "api_key": settings.ncbi_api_key,
        }
        self.transport = transport or Transport.for_service(
            "NCBI E-utilities",
            shared_limiter("eutils", settings.ncbi_rate, settings.home),
            settings,
        )

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self.transport.sent

    def efetch(self, pmids: Iterable[str]) -> PubmedParse:
        """PubMed XML records for ``pmids``, one POST per :data:`EFETCH_BATCH` ids.

        PMIDs PubMed does not know are silently absent from the result, as from NCBI's;
        callers diff requested against returned.
        """
        wanted = list(dict.fromkeys(pmids))
        records: list[Any] = []
        problems: list[Any] = []
        for chunk in _chunks(wanted, EFETCH_BATCH):
            request = self._request(
                "efetch.fcgi", {"db": "pubmed", "id": ",".join(chunk), "retmode": "xml"}
            )
            parsed = self.transport.call(request, _parse_efetch, item=_describe(chunk, "PMID"))
            records.extend(parsed.records)
            problems.extend(parsed.problems)
        return PubmedParse(records=tuple(records), problems=tuple(problems))

    def esearch(
        self,
        term: str,
        *,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
    ) -> SearchResult:
        """PMIDs matching ``term`` (POSTed, so long OR'd terms fit)."""
        params = {"db": "pubmed", "term": term, "retmax": str(ESEARCH_RETMAX), "retmode": "xml"}
        if datetype:
            params.update(datetype=datetype, mindate=mindate or "1800/01/01")
            params["maxdate"] = maxdate or "3000/12/31"
        request = self._request("esearch.fcgi", params)
        return self.transport.call(request, _parse_esearch, item=f"search {term[:60]!r}")

    def ecitmatch(self, queries: Sequence[CitationQuery]) -> list[CitationMatch]:
        """One match per query, :data:`ECITMATCH_LINES` lines per request."""
        matches: list[CitationMatch] = []
        for chunk in _chunks(list(queries), ECITMATCH_LINES):
            bdata = "\r".join(query.line() for query in chunk)
            request = self._request(
                "ecitmatch.cgi", {"db": "pubmed", "retmode": "xml", "bdata": bdata}, ecitmatch=True
            )
            keys = [query.key for query in chunk]
            matches.extend(
                self.transport.call(
                    request,
                    partial(_parse_ecitmatch, keys=keys),
                    item=_describe(keys, "citation"),
                )
            )
        return matches

    def _request(self, cgi: str, params: dict[str, str], *, ecitmatch: bool = False) -> Any:
        with warnings.catch_warnings():
            # Bio.Entrez warns on every request without an email; configure() warned once.
            warnings.simplefilter("ignore", UserWarning)
            return Entrez._build_request(  # type: ignore[no-untyped-call]  # Bio is untyped here
                self.base + cgi,
                {**self._identity, **params},
                post=None if ecitmatch else True,
                ecitmatch=ecitmatch,
            )


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _describe(items: Sequence[str], noun: str) -> str:
    if len(items) == 1:
        return f"{noun} {items[0]}"
    return f"{len(items)} {noun}s ({items[0]}...)"


def _check_not_html(response: Response) -> None:
    if looks_like_html(response.body) or response.content_type == "text/html":
        raise ServiceUnavailableError("an HTML page instead of data (NCBI maintenance?)")
    if response.status >= 400:
        snippet = scrub(response.body.decode("utf-8", "replace")).strip()[:200]
        raise UpstreamError(f"NCBI answered HTTP {response.status}: {snippet}")


def _parse_efetch(response: Response) -> PubmedParse:
    _check_not_html(response)
    return parse_pubmed(response.body)


def _parse_esearch(response: Response) -> SearchResult:
    _check_not_html(response)
    try:
        root = etree.fromstring(response.body, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"esearch reply is not XML ({exc})") from exc
    error = root.findtext("ERROR")
    if error is not None:
        raise ServiceUnavailableError(f"NCBI error: {error.strip()}")
    count = root.findtext("Count")
    if count is None:
        raise ParseError("esearch reply has no Count")
    ids = tuple(node.text.strip() for node in root.iterfind("IdList/Id") if node.text)
    missing = tuple(
        node.text.strip() for node in root.iterfind("ErrorList/PhraseNotFound") if node.text
    )
    return SearchResult(ids=ids, count=int(count), not_found=missing)


def _parse_ecitmatch(response: Response, keys: Sequence[str]) -> list[CitationMatch]:
    _check_not_html(response)
    text = response.body.decode("utf-8", "replace")
    if "<ERROR>" in text:
        raise ServiceUnavailableError(f"NCBI error: {scrub(text.strip())[:200]}")
    found: dict[str, CitationMatch] = {}
    for line in text.splitlines():
        fields = line.strip().split("|")
        if len(fields) < 7:
            continue
        key, result = fields[5], fields[6].strip()
        found[key] = _citation_match(key, result)
    missing = [key for key in keys if key not in found]
    if missing:
        raise ParseError(f"ecitmatch reply has no line for key(s) {', '.join(missing)}")
    return [found[key] for key in keys]


def _citation_match(key: str, result: str) -> CitationMatch:
    if result.isdigit():
        return CitationMatch(key, CitationStatus.FOUND, result, result)
    if result.upper().startswith("AMBIGUOUS"):
        return CitationMatch(key, CitationStatus.AMBIGUOUS, None, result)
    return CitationMatch(key, CitationStatus.NOT_FOUND, None, result or "NOT_FOUND")
