"""Link checking against a real HTTP server on 127.0.0.1 (and httpx.MockTransport for scrubbing)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from evidence.linkcheck import USER_AGENT, LinkBases, LinkResult, check_links, links_of

HANG_SECONDS = 1.5
TIMEOUT = 0.4


@dataclass
class Site:
    """What the server saw: hits per path, the busiest moment per route, the user agents."""

    base: str = ""
    hits: Counter[str] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    methods: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


Answer = tuple[int, dict[str, str]]
ROUTES: dict[str, Callable[[Site, int], Answer]] = {
    "/r1": lambda site, hit: (301, {"Location": "/r2"}),
    "/r2": lambda site, hit: (302, {"Location": f"{site.base}/ok"}),
    "/missing": lambda site, hit: (404, {}),
    "/gone": lambda site, hit: (410, {}),
    "/busy": lambda site, hit: (429, {"Retry-After": "1"}) if hit == 1 else (200, {}),
    "/flaky": lambda site, hit: (500, {}) if hit == 1 else (200, {}),
    "/down": lambda site, hit: (503, {}),
    "/loop": lambda site, hit: (302, {"Location": "/loop"}),
}
"""Fixed answers by path (``hit`` counts the requests for that path, from 1); others get 200."""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._route()

        def do_GET(self) -> None:
            self._route()

        def _reply(self, status: int, headers: dict[str, str] | None = None) -> None:
            body = b"" if self.command == "HEAD" else b"<p>page</p>"
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _route(self) -> None:
            path = self.path
            route = path.split("/")[1]
            with site.lock:
                site.hits[path] += 1
                hit = site.hits[path]
                site.agents.add(self.headers.get("User-Agent", ""))
                site.methods.append((self.command, path))
                site.in_flight[route] += 1
                site.peak[route] = max(site.peak[route], site.in_flight[route])
            try:
                status, headers = self._answer(path, route, hit)
            finally:  # counted out before replying: the client may send the next one at once
                with site.lock:
                    site.in_flight[route] -= 1
            self._reply(status, headers)

        def _answer(self, path: str, route: str, hit: int) -> Answer:
            if route == "slow":
                time.sleep(0.1)
            elif route == "hang":
                time.sleep(HANG_SECONDS)
            elif route == "doi":
                target = {"login": "/login?next=/article", "good": "/article/good", "home": "/"}
                suffix = path.rsplit("/", 1)[1]
                if suffix in target:  # else the resolver answers itself
                    return 302, {"Location": target[suffix]}
            elif route == "nohead" and self.command == "HEAD":
                return 405, {}
            elif path in ROUTES:
                return ROUTES[path](site, hit)
            return 200, {}

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _check(links: list[tuple[str, str]], **options: object) -> list[LinkResult]:
    settings: dict[str, object] = {"timeout": TIMEOUT, "backoff": 0.05} | options
    return check_links(links, **settings)  # type: ignore[arg-type]


def test_each_kind_of_answer_is_reported_in_input_order(site: Site) -> None:
    b = site.base
    paths = [
        "/ok", "/r1", "/missing", "/gone", "/busy", "/flaky", "/hang", "/nohead", "/loop",
        "/down",
    ]  # fmt: skip
    refused = f"http://127.0.0.1:{_closed_port()}/x"
    links = [(b + path, "document") for path in paths] + [(refused, "document")]
    started = time.perf_counter()
    got = {r.url.removeprefix(b): r for r in _check(links)}
    assert time.perf_counter() - started < 4
    assert list(got) == [*paths, refused]

    ok = (200, b + "/ok")
    seen = {path: (r.status, r.final_url, r.redirects, r.ok, r.problem) for path, r in got.items()}
    assert seen == {
        "/ok": (*ok, (), True, None),
        "/r1": (*ok, (b + "/r2", b + "/ok"), True, None),
        "/missing": (404, b + "/missing", (), False, "HTTP 404"),
        "/gone": (410, b + "/gone", (), False, "gone (HTTP 410)"),
        "/busy": (200, b + "/busy", (), True, None),
        "/flaky": (200, b + "/flaky", (), True, None),
        "/hang": (None, None, (), False, "timed out after 0.4 s"),
        "/nohead": (200, b + "/nohead", (), True, None),
        "/loop": (302, b + "/loop", (b + "/loop",) * 10, False, "too many redirects"),
        "/down": (503, b + "/down", (), False, "HTTP 503"),
        refused: (None, None, (), False, got[refused].problem),
    }  # fmt: skip
    assert [site.hits[p] for p in ("/missing", "/gone", "/hang")] == [1, 1, 1]  # not retried
    assert [site.hits[p] for p in ("/busy", "/flaky", "/down")] == [2, 2, 3]  # retried
    assert got["/busy"].elapsed >= 1.0  # honoured Retry-After: 1
    assert ("HEAD", "/nohead") in site.methods and ("GET", "/nohead") in site.methods
    assert str(got[refused].problem).startswith("cannot connect: ")
    assert site.agents == {USER_AGENT}
    assert USER_AGENT.startswith("evidence/") and USER_AGENT.endswith(" link checker")


@pytest.mark.parametrize(
    ("doi", "ok", "problem_end"),
    [
        pytest.param("10.1000/good", True, None, id="publisher-article"),
        pytest.param("10.1000/login", False, "/login?next=/article)", id="login-page"),
        pytest.param("10.1000/home", False, ":PORT/)", id="home-page"),
        pytest.param("10.1000/stays", False, "/doi/10.1000/stays)", id="resolver-itself"),
    ],
)
def test_a_doi_resolving_to_an_unrelated_page_is_reported(
    site: Site, doi: str, ok: bool, problem_end: str | None
) -> None:
    bases = LinkBases(doi=f"{site.base}/doi/")
    links = links_of(f"## References\n\n1. Smith J. doi:{doi}\n", bases=bases)
    assert links == [(f"{site.base}/doi/{doi}", f"doi:{doi}")]
    [result] = _check(links)
    assert (result.status, result.ok) == (200, ok)
    if problem_end is None:
        assert result.problem is None
    else:
        port = site.base.rsplit(":", 1)[1]
        assert result.problem is not None
        assert result.problem.startswith("DOI redirects to an unrelated page (")
        assert result.problem.endswith(problem_end.replace("PORT", port))


@pytest.mark.parametrize(
    ("path", "unrelated"),
    [
        pytest.param("/doi/10.1056/NEJMoa2024040", False, id="digits-404-inside-a-number"),
        pytest.param("/article/pii/S0140673621005924", False, id="article"),
        pytest.param("/action/cookieAbsent", True, id="cookie-wall"),
        pytest.param("/errors/404.html", True, id="error-page"),
        pytest.param("/page-not-found", True, id="not-found"),
        pytest.param("/idp/SignIn", True, id="sign-in"),
        pytest.param("", True, id="home-empty-path"),
    ],
)
def test_doi_heuristic_reads_the_final_path(path: str, unrelated: bool) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "doi.org":
            return httpx.Response(302, headers={"Location": f"https://publisher.example{path}"})
        return httpx.Response(200)

    [result] = check_links(
        [("https://doi.org/10.1/x", "document")], transport=httpx.MockTransport(answer)
    )
    assert result.ok is not unrelated


def test_per_host_limit_is_never_exceeded(site: Site) -> None:
    links = [(f"{site.base}/slow/{n}", "document") for n in range(12)]
    results = _check(links, per_host=3, concurrency=16)
    assert all(r.ok for r in results)
    assert site.peak["slow"] == 3  # in parallel, but never more than allowed


def test_global_limit_applies_across_hosts(site: Site) -> None:
    port = site.base.rsplit(":", 1)[1]
    hosts = ("127.0.0.1", "localhost")
    links = [(f"http://{hosts[n % 2]}:{port}/slow/{n}", "document") for n in range(8)]
    results = _check(links, per_host=4, concurrency=2)
    assert all(r.ok for r in results)
    assert site.peak["slow"] == 2


def test_progress_is_reported(site: Site) -> None:
    calls: list[tuple[int, int]] = []
    links = [(f"{site.base}/ok", "document"), (f"{site.base}/missing", "document")]
    _check(links, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 2), (1, 2), (2, 2)]


def test_secrets_are_scrubbed_from_results() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a":
            return httpx.Response(302, headers={"Location": "/b?api_key=hop-secret"})
        return httpx.Response(404)

    transport = httpx.MockTransport(answer)
    [result] = check_links([("https://x.example/a?token=abc", "document")], transport=transport)
    assert result.url == "https://x.example/a?token=***"
    assert result.redirects == ("https://x.example/b?api_key=***",)
    assert result.final_url == "https://x.example/b?api_key=***"
    assert "secret" not in repr(result) and "abc" not in repr(result)


def test_a_failure_after_a_redirect_names_the_hop() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "a.example":
            return httpx.Response(301, headers={"Location": "https://b.example/x?key=k1"})
        raise httpx.ConnectError("connection refused", request=request)

    [result] = check_links(
        [("https://a.example/", "document")],
        transport=httpx.MockTransport(answer),
        backoff=0.01,
    )
    assert (result.status, result.final_url, result.ok) == (None, None, False)
    assert result.problem == "cannot connect: connection refused at https://b.example/x?key=***"


def test_works_inside_a_running_event_loop(site: Site) -> None:
    import asyncio

    async def main() -> list[LinkResult]:
        return _check([(f"{site.base}/ok", "document")])

    assert asyncio.run(main())[0].ok


SAMPLE = """\
# Isatuximab in myeloma

The drug helped [1,2]. Read [the trial page](https://example.org/wiki/Trial_(phase_3)) and
<a href="https://example.com/report?a=1&amp;b=2">the report</a>, or see
https://example.net/faq. Again: https://example.org/wiki/Trial_(phase_3).

## References

1. Moreau P, et al. Lancet 2021;397:2361-71. PMID: 34097854. doi:10.1016/S0140-6736(21)00592-4
2. ClinicalTrials.gov NCT03275285. https://www.example.net/ikema.
3. Sanofi. Press release. https://example.com/press
4. Smith J. PMCID: PMC1234567.
"""


def test_links_of_reads_markup_and_identifiers() -> None:
    bases = LinkBases(
        pubmed="http://127.0.0.1:1/pubmed/",
        doi="http://127.0.0.1:1/doi/",
        pmc="http://127.0.0.1:1/pmc/",
        ctgov="http://127.0.0.1:1/ct/",
    )
    assert links_of(SAMPLE, bases=bases) == [
        ("https://example.org/wiki/Trial_(phase_3)", "document"),
        ("https://example.com/report?a=1&b=2", "document"),
        ("https://example.net/faq", "document"),
        ("https://www.example.net/ikema", "document"),
        ("https://example.com/press", "document"),
        ("http://127.0.0.1:1/pubmed/34097854/", "pmid:34097854"),
        ("http://127.0.0.1:1/doi/10.1016/s0140-6736(21)00592-4",
         "doi:10.1016/s0140-6736(21)00592-4"),
        ("http://127.0.0.1:1/ct/NCT03275285", "nct:NCT03275285"),
        ("http://127.0.0.1:1/pmc/PMC1234567/", "pmcid:PMC1234567"),
    ]  # fmt: skip


def test_links_of_uses_the_public_sites_by_default() -> None:
    text = "## References\n\n1. PMID: 1.\n2. NCT00000001\n3. PMCID: PMC1\n4. doi:10.1234/abc\n"
    assert [url for url, _ in links_of(text)] == [
        "https://pubmed.ncbi.nlm.nih.gov/1/",
        "https://clinicaltrials.gov/study/NCT00000001",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC1/",
        "https://doi.org/10.1234/abc",
    ]
    assert LinkBases().url_for("doi:10.1/a#b?c d") == "https://doi.org/10.1/a%23b%3Fc%20d"
    assert LinkBases().url_for("citation:smith-2020") is None


def test_links_already_printed_are_not_listed_twice() -> None:
    text = "## References\n\n1. Smith. https://doi.org/10.1234/abc\n"
    assert links_of(text) == [("https://doi.org/10.1234/abc", "document")]


def test_bad_addresses_are_results_not_exceptions() -> None:
    links = [("ftp://x.example/file", "document"), ("http://[::1/", "document")]
    results = check_links(links)  # refused before any connection
    assert [(r.ok, r.status, str(r.problem)[:18]) for r in results] == [
        (False, None, "not a web address:"),
        (False, None, "not a web address:"),
    ]


def test_head_refused_with_403_and_a_broken_redirect() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/bounce":
            return httpx.Response(302, headers={"Location": "http://x.example:abc/"})
        if request.method == "HEAD":
            return httpx.Response(403)  # refuses HEAD: the GET decides
        return httpx.Response(200)

    links = [("https://x.example/bounce", "document"), ("https://x.example/page", "document")]
    bounce, page = check_links(links, transport=httpx.MockTransport(answer))
    assert (bounce.ok, bounce.status, bounce.problem) == (  # httpx hides the 302 itself
        False,
        None,
        "broken redirect: Invalid URL in location header: Invalid port: 'abc'.",
    )
    assert (page.ok, page.status) == (True, 200)


def test_a_dropped_connection_is_retried() -> None:
    calls: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        if len(calls) == 1:
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        return httpx.Response(200)

    [result] = check_links(
        [("https://x.example/", "document")], transport=httpx.MockTransport(answer), backoff=0.01
    )
    assert (result.ok, result.status, calls) == (True, 200, ["HEAD", "HEAD"])
