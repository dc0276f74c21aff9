"""A local HTTP server answering like NCBI E-utilities and ClinicalTrials.gov API v2.

It serves the recorded records under the shared fixtures (every ``<PubmedArticle>`` in
``fixtures/pubmed`` and every study in ``fixtures/ctgov/aact``), can inject faults, and logs
every request. Point real client code at ``eutils_base`` / ``ctgov_base``::

    with FakeServer() as server:
        server.inject("efetch", Fault.status(429, headers={"Retry-After": "1"}))
        client = Client(eutils_base=server.eutils_base)
        ...
        assert server.count("efetch") == 2

Choices the brief left open (see DOMAIN.md §1, §4):

* Logged header names are lower-cased (urllib sends ``User-agent``, httpx ``user-agent``).
* ``PhraseNotFound`` holds the clause value without its field tag (``10.1/x`` for ``10.1/x[doi]``).
* ``<ERROR>`` replies carry NCBI's DOCTYPE (Biopython needs it) and use ``<eSearchResult>`` as
  root on esearch, ``<eFetchResult>`` elsewhere.
* PMID 27797938 is in two fixture files with different ``DateRevised``; pubmed4.xml's wins.
* ``set_modified`` affects only mdat searches, not the ``DateRevised`` inside served records.
* CT.gov ids may be lower-case or miss leading zeros (``nct2552212``), as the live API allows.
* The AACT study files already are API v2 single-study bodies; they are served as they are.
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

from tests.fixtures_index import FIXTURES, pubmed_fixture_files
from tests.localserver import LocalHandler, LocalServer, QuietServer

ENDPOINTS = ("efetch", "esearch", "ecitmatch", "ctgov")
EUTILS_PATH, CTGOV_PATH = "/entrez/eutils/", "/api/v2/"
EUTILS_SCRIPTS = {"efetch.fcgi": "efetch", "esearch.fcgi": "esearch", "ecitmatch.cgi": "ecitmatch"}
EFETCH_HEAD = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    b"<PubmedArticleSet>"
)
XML_DECL = '<?xml version="1.0" encoding="UTF-8" ?>\n'
ESEARCH_HEAD = XML_DECL + (
    '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD '
    'esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
NCBI_RATE_LIMIT_BODY = (
    b'{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}'
)
MAINTENANCE_HTML = b"""<!DOCTYPE html>
<html lang="en"><head><title>NCBI - Service Temporarily Unavailable</title></head>
<body><h1>We are sorry, NCBI services are down for maintenance</h1>
<p>E-utilities will be back shortly. Status: <a href="https://www.ncbi.nlm.nih.gov/down_bethesda.html">
https://www.ncbi.nlm.nih.gov/down_bethesda.html</a></p></body></html>
"""
EFETCH_ERROR_HEAD = XML_DECL + (  # sic: NCBI's DOCTYPE says eEfetchResult, the root eFetchResult
    '<!DOCTYPE eEfetchResult PUBLIC "-//NLM//DTD efetch 20131226//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20131226/efetch.dtd">\n'
)
CTGOV_SHORT_FIELDS = {
    "NCTId": "protocolSection.identificationModule.nctId",
    "LastUpdatePostDate": "protocolSection.statusModule.lastUpdatePostDateStruct",
}
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class PubmedRecord:
    """One indexed ``<PubmedArticle>``; text fields are normalised with ``_norm``."""

    pmid: str
    raw: bytes
    dois: frozenset[str]  # direct PubmedData DOIs, lower-case
    pmcid: str  # "PMC1234567" or ""
    journals: frozenset[str]  # ISO abbreviation, journal title, MedlineTA
    year: str
    volume: str
    first_page: str
    authors: tuple[str, ...]  # "surname initials", first author first
    title: str
    revised: str  # DateRevised as YYYY/MM/DD ("" when absent)


def _norm(text: str) -> str:
    """Lower-case, accents dropped, punctuation (incl. dots) -> spaces, whitespace collapsed."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.lower()).split())


def _text(el: etree._Element, path: str) -> str:
    found = el.find(path)
    return "".join(map(str, found.itertext())).strip() if found is not None else ""


def _authors(el: etree._Element) -> tuple[str, ...]:
    names = []
    for author in el.findall("MedlineCitation/Article/AuthorList/Author"):
        last = _text(author, "LastName")
        if not last:
            names.append(_norm(_text(author, "CollectiveName")))
            continue
        initials = _text(author, "Initials") or "".join(
            w[0] for w in _text(author, "ForeName").split()
        )
        names.append(_norm(f"{last} {initials}"))
    return tuple(names)


def _date(el: etree._Element, path: str) -> str:
    y, m, d = (_text(el, f"{path}/{part}") for part in ("Year", "Month", "Day"))
    return f"{y}/{m:0>2}/{d:0>2}" if y else ""


def record_from_element(el: etree._Element) -> PubmedRecord | None:
    """Index one ``<PubmedArticle>`` (only direct paths: reference lists hold other DOIs)."""
    pmid = _text(el, "MedlineCitation/PMID")
    if not pmid:
        return None
    ids = el.findall("PubmedData/ArticleIdList/ArticleId")
    art = "MedlineCitation/Article"
    issue = f"{art}/Journal/JournalIssue"
    journals = (
        _text(el, f"{art}/Journal/ISOAbbreviation"),
        _text(el, f"{art}/Journal/Title"),
        _text(el, "MedlineCitation/MedlineJournalInfo/MedlineTA"),
    )
    pages = _text(el, f"{art}/Pagination/StartPage") or _text(el, f"{art}/Pagination/MedlinePgn")
    return PubmedRecord(
        pmid=pmid,
        raw=etree.tostring(el, encoding="UTF-8", with_tail=False),
        dois=frozenset((a.text or "").strip().lower() for a in ids if a.get("IdType") == "doi"),
        pmcid=next(((a.text or "").strip().upper() for a in ids if a.get("IdType") == "pmc"), ""),
        journals=frozenset(_norm(j) for j in journals if j),
        year=_text(el, f"{issue}/PubDate/Year") or _text(el, f"{issue}/PubDate/MedlineDate")[:4],
        volume=_text(el, f"{issue}/Volume"),
        first_page=pages.split("-")[0].strip(),
        authors=_authors(el),
        title=_norm(_text(el, f"{art}/ArticleTitle")),
        revised=_date(el, "MedlineCitation/DateRevised"),
    )


def records_from_xml(xml: bytes) -> list[PubmedRecord]:
    """Every ``<PubmedArticle>`` in a document (a set, or a bare article)."""
    root = etree.fromstring(xml, _XML_PARSER)
    return [r for el in root.iter("PubmedArticle") if (r := record_from_element(el)) is not None]


@cache
def fixture_records() -> dict[str, PubmedRecord]:
    """All fixture records by PMID; the first occurrence (in sorted file order) wins."""
    records: dict[str, PubmedRecord] = {}
    for path in pubmed_fixture_files():
        for record in records_from_xml(path.read_bytes()):
            records.setdefault(record.pmid, record)
    return records


@cache
def fixture_studies() -> dict[str, dict[str, Any]]:
    """Study JSON by upper-case NCT id. The AACT files already are API v2 single-study bodies."""
    studies = {}
    for path in sorted((FIXTURES / "ctgov" / "aact").glob("*.json")):
        study = json.loads(path.read_text(encoding="utf-8"))
        nct = study.get("protocolSection", {}).get("identificationModule", {}).get("nctId")
        studies[(nct or path.stem).upper()] = study
    return studies


# --------------------------------------------------------------------------- esearch terms


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _unwrap(text: str) -> str:
    """Strip grouping parentheses but keep those inside DOIs such as ``...6736(21)00592-4``."""
    text = text.strip()
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def parse_term(term: str) -> list[list[str]]:
    """``a OR (b AND c)`` -> ``[["a"], ["b", "c"]]`` (no deeper nesting)."""
    return [
        [_unwrap(atom) for atom in re.split(r"\s+AND\s+", _unwrap(clause))]
        for clause in re.split(r"\s+OR\s+", _unwrap(term))
    ]


_TAGGED = re.compile(r"^(?P<value>.*?)\s*\[(?P<tag>[A-Za-z0-9 ]+)\]$", re.S)


def _split_atom(atom: str) -> tuple[str, str, bool]:
    """-> (value, lower-case tag or "all", quoted)."""
    m = _TAGGED.match(atom)
    value, tag = (m["value"], m["tag"].lower().strip()) if m else (atom, "all")
    value = value.strip()
    quoted = len(value) > 1 and value[0] == value[-1] == '"'
    return (value[1:-1].strip() if quoted else value), tag, quoted


def _title_match(title: str, query: str, phrase: bool) -> bool:
    if phrase:
        return bool(query) and f" {query} " in f" {title} "
    words = set(title.split())
    return bool(query) and all(w in words for w in query.split())


def _author_match(authors: tuple[str, ...], query: str) -> bool:
    """``moreau p`` matches "moreau p" and "moreau pa"; ``moreau`` matches any Moreau."""
    if " " not in query:
        return bool(query) and any(a.split(" ")[0] == query for a in authors)
    return any(a.startswith(query) for a in authors)


def atom_predicate(atom: str) -> Callable[[PubmedRecord], bool]:
    """A test for one ``value[tag]`` search clause; unknown tags match nothing."""
    value, tag, quoted = _split_atom(atom)
    low, norm = value.lower(), _norm(value)
    if tag in ("doi", "aid"):
        return lambda r: low in r.dois
    if tag == "pmcid":
        pmcid = value.upper() if value.upper().startswith("PMC") else f"PMC{value}"
        return lambda r: r.pmcid == pmcid
    if tag in ("uid", "pmid"):
        return lambda r: r.pmid == value
    if tag in ("ti", "title"):
        return lambda r: _title_match(r.title, norm, quoted)
    if tag in ("1au", "au", "author"):
        return lambda r: _author_match(r.authors[:1] if tag == "1au" else r.authors, norm)
    if tag in ("dp", "pdat"):
        first, _, last = value.partition(":")
        return lambda r: bool(r.year) and first.strip()[:4] <= r.year <= (last or first).strip()[:4]
    if tag in ("ta", "journal", "jour"):
        return lambda r: norm in r.journals
    if tag in ("all", "all fields"):
        return lambda r: low in r.dois or r.pmid == value or _title_match(r.title, norm, quoted)
    return lambda r: False


def search(records: list[PubmedRecord], term: str) -> tuple[set[str], list[str]]:
    """-> (matching PMIDs, values of clauses that match nothing on their own)."""
    hits: set[str] = set()
    missing: list[str] = []
    for clause in parse_term(term):
        found = [{r.pmid for r in records if test(r)} for test in map(atom_predicate, clause)]
        missing += [_split_atom(a)[0] for a, f in zip(clause, found, strict=True) if not f]
        hits |= set.intersection(*found)
    return hits, missing


# --------------------------------------------------------------------------- faults and log


@dataclass
class LoggedRequest:
    method: str
    path: str
    endpoint: str  # one of ENDPOINTS, or "other"
    params: dict[str, list[str]]  # query string and form body merged
    headers: dict[str, str]  # names lower-cased
    time: float  # time.monotonic() on arrival
    body: bytes = b""


@dataclass
class Fault:
    kind: str  # status | ncbi_error | maintenance | truncated | delay
    code: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    message: str = ""
    declare_full_length: bool = False

    @staticmethod
    def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Fault:
        """Any reply; a JSON body goes out as application/json unless headers say otherwise."""
        return Fault("status", code=code, body=body, headers=dict(headers or {}))

    @staticmethod
    def rate_limited(retry_after: str | None = "1") -> Fault:
        """NCBI's 429 with its JSON body (``Retry-After`` is optional in real life: pass None)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        return Fault.status(429, NCBI_RATE_LIMIT_BODY, headers)

    @staticmethod
    def ncbi_error(
        message: str = "Error: External viewer error: Empty Response Status: Timeout",
    ) -> Fault:
        return Fault("ncbi_error", message=escape(message))

    @staticmethod
    def maintenance_page(code: int = 200) -> Fault:
        return Fault("maintenance", code=code, body=MAINTENANCE_HTML)

    @staticmethod
    def truncated(declare_full_length: bool = False) -> Fault:
        """First half of the normal body. By default Content-Length says half (the body is just
        broken); with ``declare_full_length`` it says the full size and the connection is closed
        early, so the client sees an incomplete read."""
        return Fault("truncated", declare_full_length=declare_full_length)

    @staticmethod
    def delay(seconds: float) -> Fault:
        return Fault("delay", seconds=seconds)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)


def _fault_reply(fault: Fault, endpoint: str) -> Reply:
    if fault.kind == "maintenance":
        return Reply(fault.code, fault.body, "text/html; charset=UTF-8")
    if fault.kind == "ncbi_error":
        return _ncbi_error(fault.message, "esearch" if endpoint == "esearch" else "efetch")
    guess = "application/json" if fault.body.lstrip().startswith(b"{") else "text/plain"
    headers = {k: v for k, v in fault.headers.items() if k.lower() != "content-type"}
    ctype = next((v for k, v in fault.headers.items() if k.lower() == "content-type"), guess)
    return Reply(fault.code, fault.body, ctype, headers)


def endpoint_of(path: str) -> str:
    """ "efetch", "esearch", "ecitmatch", "ctgov", or "other" (answered with 404)."""
    if path.startswith(EUTILS_PATH):
        return EUTILS_SCRIPTS.get(path[len(EUTILS_PATH) :], "other")
    return "ctgov" if path.startswith(CTGOV_PATH) else "other"


# --------------------------------------------------------------------------- replies


def _xml(body: bytes | str) -> Reply:
    return Reply(200, body.encode() if isinstance(body, str) else body, "text/xml; charset=UTF-8")


def _ncbi_error(message: str, kind: str) -> Reply:
    """``200`` + ``<ERROR>``, with the DOCTYPE NCBI sends (Biopython needs one to parse)."""
    head, root = (
        (ESEARCH_HEAD, "eSearchResult")
        if kind == "esearch"
        else (EFETCH_ERROR_HEAD, "eFetchResult")
    )
    return _xml(f"{head}<{root}>\n\t<ERROR>{message}</ERROR>\n</{root}>\n")


def _plain(status: int, text: str) -> Reply:
    return Reply(status, text.encode(), "text/plain; charset=UTF-8")


def _json(doc: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(doc, ensure_ascii=False).encode(), "application/json")


def _one(params: dict[str, list[str]], name: str, default: str = "") -> str:
    return (params.get(name) or [default])[0].strip() or default


def _date_bound(value: str, upper: bool) -> str:
    """``2024`` -> ``2024/01/01`` (or ``2024/12/31`` as an upper bound)."""
    parts = [p.zfill(2) for p in re.split(r"[/-]", value) if p][:3]
    fill = ("9999", "12", "31") if upper else ("0000", "01", "01")
    return "/".join(parts + list(fill[len(parts) :]))


def _nct(raw: str) -> str | None:
    m = re.fullmatch(r"NCT(\d{1,8})", raw.strip(), flags=re.I)
    return f"NCT{int(m[1]):08d}" if m else None


def project(doc: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """Keep only the dotted ``paths`` of ``doc`` (lists are mapped item by item)."""
    groups: dict[str, list[str]] = {}
    for path in paths:
        head, _, rest = path.partition(".")
        groups.setdefault(head, []).append(rest)
    out: dict[str, Any] = {}
    for head, rests in groups.items():
        value = doc.get(head)
        if value is None:
            continue
        if "" in rests or not isinstance(value, dict | list):
            out[head] = value
        elif isinstance(value, dict):
            if sub := project(value, rests):
                out[head] = sub
        else:
            out[head] = [project(v, rests) if isinstance(v, dict) else v for v in value]
    return out


# --------------------------------------------------------------------------- server


class _HTTPServer(QuietServer):
    fake: FakeServer


class _Handler(LocalHandler):
    server: _HTTPServer

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params = parse_qs(url.query, keep_blank_values=True)
        if body and "multipart" not in self.headers.get("Content-Type", ""):
            for key, values in parse_qs(
                body.decode("utf-8", "replace"), keep_blank_values=True
            ).items():
                params.setdefault(key, []).extend(values)
        endpoint = endpoint_of(url.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        fault = fake._arrive(
            LoggedRequest(method, url.path, endpoint, params, headers, time.monotonic(), body)
        )
        if fault is not None and fault.kind == "delay":
            fake._stop.wait(fault.seconds)
        if fault is not None and fault.kind in ("status", "ncbi_error", "maintenance"):
            reply = _fault_reply(fault, endpoint)
        else:
            try:
                reply = fake._route(endpoint, url.path, params)
            except Exception as exc:  # a bug in the fake: make it visible to the client
                reply = _plain(500, f"fakeserver error: {exc!r}")
        self._send(reply, fault is not None and fault.kind == "truncated", fault)

    def _send(self, reply: Reply, truncate: bool, fault: Fault | None) -> None:
        body, length = reply.body, len(reply.body)
        if truncate:
            body = body[: len(body) // 2]
            if fault is not None and fault.declare_full_length:
                self.close_connection = True
            else:
                length = len(body)
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(length))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout) or went away
            self.close_connection = True


class FakeServer(LocalServer):
    """E-utilities + ClinicalTrials.gov v2 on 127.0.0.1:<ephemeral>, serving the fixtures."""

    def __init__(self) -> None:
        self.requests: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._faults: dict[str, deque[Fault]] = {name: deque() for name in ENDPOINTS}
        self._records = dict(fixture_records())
        self._modified: dict[str, str] = {}
        self._studies = fixture_studies()
        self._serve(_HTTPServer, _Handler)
        self.eutils_base = f"http://127.0.0.1:{self.port}/entrez/eutils/"
        self.ctgov_base = f"http://127.0.0.1:{self.port}/api/v2/"

    # -- public API
    def inject(self, endpoint: str, *faults: Fault) -> None:
        """Queue faults for ``endpoint``; each request to it consumes one, FIFO."""
        if endpoint not in ENDPOINTS:
            raise ValueError(f"endpoint must be one of {ENDPOINTS}, not {endpoint!r}")
        with self._lock:
            self._faults[endpoint].extend(faults)

    def set_modified(self, pmid: str, date: str) -> None:
        """Override a record's modification date (YYYY/MM/DD) for ``datetype=mdat`` searches."""
        if not re.fullmatch(r"\d{4}/\d{2}/\d{2}", date):
            raise ValueError(f"date must be YYYY/MM/DD, not {date!r}")
        with self._lock:
            self._modified[pmid] = date

    def add_pubmed_record(self, xml: bytes) -> None:
        """Register (or replace, by PMID) every ``<PubmedArticle>`` in ``xml``."""
        records = records_from_xml(xml)
        if not records:
            raise ValueError("no <PubmedArticle> with a PMID in the given XML")
        with self._lock:
            self._records.update((r.pmid, r) for r in records)

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def count(self, endpoint: str | None = None) -> int:
        with self._lock:
            return sum(1 for r in self.requests if endpoint is None or r.endpoint == endpoint)

    # -- request handling
    def _arrive(self, request: LoggedRequest) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            queue = self._faults.get(request.endpoint)
            return queue.popleft() if queue else None

    def _route(self, endpoint: str, path: str, params: dict[str, list[str]]) -> Reply:
        if endpoint == "ctgov":
            return self._ctgov(path[len(CTGOV_PATH) :], params)
        handlers = {"efetch": self._efetch, "esearch": self._esearch, "ecitmatch": self._ecitmatch}
        return handlers[endpoint](params) if endpoint in handlers else _plain(404, "Not Found")

    def _efetch(self, params: dict[str, list[str]]) -> Reply:
        ids = [i for i in re.split(r"[,\s]+", ",".join(params.get("id", []))) if i]
        if not ids:
            return _ncbi_error("Empty id list - nothing todo", "efetch")
        with self._lock:
            found = [self._records[i].raw for i in dict.fromkeys(ids) if i in self._records]
        return _xml(EFETCH_HEAD + b"\n" + b"\n".join(found) + b"\n</PubmedArticleSet>\n")

    def _esearch(self, params: dict[str, list[str]]) -> Reply:
        term = _one(params, "term")
        if not term:
            return _ncbi_error("Empty term and query_key - nothing todo", "esearch")
        with self._lock:
            records, modified = list(self._records.values()), dict(self._modified)
        hits, missing = search(records, term)
        if _one(params, "datetype") == "mdat":
            low = _date_bound(_one(params, "mindate", "0000"), upper=False)
            high = _date_bound(_one(params, "maxdate", "9999"), upper=True)
            dates = {r.pmid: modified.get(r.pmid, r.revised) for r in records}
            hits = {p for p in hits if low <= dates[p] <= high}
        ranked = sorted(hits, key=lambda p: int(p) if p.isdigit() else 0, reverse=True)
        start = int(_one(params, "retstart", "0"))
        ids = ranked[start : start + int(_one(params, "retmax", "20"))]
        id_list = "".join(f"<Id>{i}</Id>\n" for i in ids)
        xml = (
            f"<eSearchResult><Count>{len(ranked)}</Count><RetMax>{len(ids)}</RetMax>"
            f"<RetStart>{start}</RetStart>"
            + (f"<IdList>\n{id_list}</IdList>" if ids else "<IdList/>")
            + f"<TranslationSet/><QueryTranslation>{escape(term)}</QueryTranslation>"
        )
        if missing:
            xml += "".join(f"<PhraseNotFound>{escape(m)}</PhraseNotFound>" for m in missing).join(
                ("<ErrorList>", "</ErrorList>")
            )
        if not ranked:
            xml += "<WarningList><OutputMessage>No items found.</OutputMessage></WarningList>"
        return _xml(f"{ESEARCH_HEAD}{xml}</eSearchResult>\n")

    def _ecitmatch(self, params: dict[str, list[str]]) -> Reply:
        bdata = "\r".join(params.get("bdata", []))
        with self._lock:
            records = list(self._records.values())
        out = []
        for line in re.split(r"\r\n|\r|\n|%0D", bdata, flags=re.I):
            if line.strip():
                fields = (line.split("|") + [""] * 6)[:6]
                out.append("|".join([*fields, citmatch(records, fields)]) + "\n")
        return _plain(200, "".join(out))

    def _ctgov(self, rest: str, params: dict[str, list[str]]) -> Reply:
        if rest == "version":
            return _json({"apiVersion": "2.0.5", "dataTimestamp": "2026-11-20T09:00:00"})
        fields = [
            CTGOV_SHORT_FIELDS.get(f, f) for f in re.split(r"[,|]", _one(params, "fields")) if f
        ]
        if rest.startswith("studies/") and rest != "studies/":
            nct = _nct(rest[8:])
            if nct is None:
                return _plain(400, f"Invalid NCT number: {rest[8:]}")
            if nct not in self._studies:
                return _plain(404, f"NCT number {nct} not found")
            study = self._studies[nct]
            return _json(project(study, fields) if fields else study)
        if rest not in ("studies", "studies/"):
            return _plain(404, "Not Found")
        wanted = [w for w in re.split(r"[,|\s]+", _one(params, "filter.ids")) if w]
        ncts = [_nct(w) for w in wanted]
        if None in ncts:
            return _plain(400, f"Invalid filter.ids: {_one(params, 'filter.ids')}")
        known = (
            [n for n in dict.fromkeys(ncts) if n in self._studies]
            if wanted
            else list(self._studies)
        )
        token = _one(params, "pageToken", "page0")
        size = int(_one(params, "pageSize", "10"))
        if not re.fullmatch(r"page\d+", token) or not 0 < size <= 1000:
            return _plain(400, "Invalid pageToken or pageSize")
        start = int(token[4:])
        page: dict[str, Any] = {
            "studies": [
                project(self._studies[n], fields) if fields else self._studies[n]
                for n in known[start : start + size]
            ]
        }
        if start + size < len(known):
            page["nextPageToken"] = f"page{start + size}"
        if _one(params, "countTotal") == "true":
            page["totalCount"] = len(known)
        return _json(page)


def citmatch(records: list[PubmedRecord], fields: list[str]) -> str:
    """ECitMatch on journal + volume + first page (+ year if given); the author is ignored."""
    journal, year, volume, page = _norm(fields[0]), *(f.strip() for f in fields[1:4])
    in_journal = [r for r in records if journal and journal in r.journals]
    if not in_journal:
        return "NOT_FOUND;INVALID_JOURNAL"
    same = [r for r in in_journal if volume and page and (r.volume, r.first_page) == (volume, page)]
    hits = [r.pmid for r in same if not year or r.year == year]
    if len(hits) > 1:
        return f"AMBIGUOUS ({len(hits)} citations)"
    return hits[0] if hits else "NOT_FOUND"
