"""Transport: retries and back-off against the fake server, the rate limiter, Retry-After, scrub."""

from __future__ import annotations

import email.message
import itertools
import threading
import urllib.request
from datetime import UTC, datetime

import pytest

from evidence.ctgov import CtgovClient
from evidence.entrez import CitationQuery, EntrezClient
from evidence.errors import RateLimitedError, ServiceUnavailableError, UpstreamError
from evidence.transport import RateLimiter, Transport, retry_after, scrub, shared_limiter
from tests.fakeserver import Fault

NEJM = "31978945"  # Zhu N, N Engl J Med 2020;382(8):727-733
KEY = "test-key-123"  # the settings fixture's API key
ZHU = CitationQuery("z1", "N Engl J Med", "2020", "382", "727", "zhu n")


@pytest.fixture
def fast(unthrottled):
    """Clients whose limiter never waits, for tests about something other than spacing."""


def titles(parsed):
    return [r.article.plain_title for r in parsed.records]


# --- retried faults, then success ---------------------------------------------------------

RECOVERABLE = [
    pytest.param(Fault.status(503), id="http-503"),
    pytest.param(Fault.status(500, b"Internal Server Error"), id="http-500"),
    pytest.param(Fault.ncbi_error(), id="200-with-ERROR"),
    pytest.param(Fault.maintenance_page(), id="html-maintenance-200"),
    pytest.param(Fault.maintenance_page(503), id="html-maintenance-503"),
    pytest.param(Fault.truncated(), id="truncated-body"),
    pytest.param(Fault.truncated(declare_full_length=True), id="truncated-connection"),
    pytest.param(Fault.rate_limited(retry_after=None), id="429-no-retry-after"),
]


@pytest.mark.parametrize("fault", RECOVERABLE)
def test_efetch_retries_a_failed_attempt_then_succeeds(server, settings, fault, fast):
    server.inject("efetch", fault)
    parsed = EntrezClient(settings).efetch([NEJM])
    assert titles(parsed) == ["A Novel Coronavirus from Patients with Pneumonia in China, 2019."]
    assert server.count("efetch") == 2


@pytest.mark.parametrize("fault", RECOVERABLE)
def test_ctgov_retries_a_failed_attempt_then_succeeds(server, settings, fault, fast):
    server.inject("ctgov", fault)
    found = CtgovClient(settings).fetch(["NCT02552212"])
    assert list(found) == ["NCT02552212"]
    assert server.count("ctgov") == 2


def test_slow_reply_times_out_and_is_retried(server, settings, fast):
    server.inject("esearch", Fault.delay(1.5))
    client = EntrezClient(settings.with_overrides(timeout=0.3))
    result = client.esearch('"10.1056/NEJMoa2001017"[doi]')
    assert result.ids == (NEJM,)
    assert server.count("esearch") == 2


def test_retry_after_is_honoured(server, settings):
    server.inject("esearch", *[Fault.rate_limited(retry_after="1")] * 2)
    result = EntrezClient(settings).esearch('"10.1056/NEJMoa2001017"[doi]')
    assert result.ids == (NEJM,)
    assert [r.endpoint for r in server.requests] == ["esearch"] * 3
    times = [r.time for r in server.requests]
    # The short test back-off (<= 0.05 s) would retry at once; the server asked for 1 s.
    assert all(b - a >= 1.0 - 0.05 for a, b in itertools.pairwise(times)), times


def test_retry_after_is_capped(server, settings):
    server.inject("ctgov", Fault.status(503, headers={"Retry-After": "3600"}))
    transport = Transport(
        service="test", limiter=RateLimiter(1000.0), timeout=2, retry_after_cap=0.2
    )
    request = urllib.request.Request(server.ctgov_base + "version")
    assert transport.call(request, lambda response: response.status) == 200
    first, second = server.requests
    assert 0.2 - 0.05 <= second.time - first.time < 2.0


# --- giving up -----------------------------------------------------------------------------

GIVE_UP = [
    pytest.param(Fault.rate_limited(retry_after=None), RateLimitedError, 429, id="429"),
    pytest.param(Fault.rate_limited(retry_after="0"), RateLimitedError, 429, id="429-after-0"),
    pytest.param(Fault.status(502), ServiceUnavailableError, 502, id="http-502"),
    pytest.param(Fault.ncbi_error(), ServiceUnavailableError, 200, id="200-with-ERROR"),
    pytest.param(Fault.maintenance_page(), ServiceUnavailableError, 200, id="html-page"),
    pytest.param(Fault.truncated(), ServiceUnavailableError, 200, id="truncated-body"),
    pytest.param(
        Fault.truncated(declare_full_length=True),
        ServiceUnavailableError,
        None,
        id="truncated-connection",
    ),
    pytest.param(Fault.delay(1.0), ServiceUnavailableError, None, id="timeout"),
]


@pytest.mark.parametrize(("fault", "error", "status"), GIVE_UP)
def test_gives_up_after_max_attempts_with_a_typed_scrubbed_error(
    server, settings, fault, error, status, fast
):
    server.inject("ecitmatch", *[fault] * 3)
    client = EntrezClient(settings.with_overrides(max_attempts=3, timeout=0.15))
    with pytest.raises(error) as caught:
        client.ecitmatch([ZHU])
    assert type(caught.value) is error
    assert "gave up after 3 attempts" in str(caught.value)
    assert caught.value.status == status
    assert caught.value.item == "citation z1"
    # ecitmatch is a GET: the key travels in the query string and must not reach the error.
    assert server.requests[0].params["api_key"] == [KEY]
    assert caught.value.url is not None
    assert caught.value.url.startswith(server.eutils_base + "ecitmatch.cgi?")
    assert "api_key=***" in caught.value.url
    assert KEY not in caught.value.url
    assert KEY not in str(caught.value)
    assert server.count("ecitmatch") == 3
    assert client.requests_sent == 3


@pytest.mark.parametrize("code", [400, 404, 414])
def test_client_errors_are_not_retried(server, settings, code, fast):
    server.inject("esearch", Fault.status(code, b"Bad Request"))
    with pytest.raises(UpstreamError) as caught:
        EntrezClient(settings).esearch("asthma[ti]")
    assert type(caught.value) is UpstreamError
    assert f"HTTP {code}" in str(caught.value)
    assert server.count("esearch") == 1


def test_a_client_error_body_echoing_the_api_key_is_scrubbed(server, settings, fast):
    body = b'{"error":"API key invalid","api-key":"test-key-123","type":"invalid"}'
    server.inject("esearch", Fault.status(400, body))
    with pytest.raises(UpstreamError) as caught:
        EntrezClient(settings).esearch("asthma[ti]")
    assert "API key invalid" in str(caught.value)
    assert KEY not in str(caught.value)
    assert server.count("esearch") == 1


def test_ctgov_client_error_is_not_retried(server, settings, fast):
    server.inject("ctgov", Fault.status(400, b"Invalid filter.ids"))
    with pytest.raises(UpstreamError, match=r"HTTP 400: Invalid filter\.ids"):
        CtgovClient(settings).fetch(["NCT02552212"])
    assert server.count("ctgov") == 1


# --- identity --------------------------------------------------------------------------------


def test_every_request_carries_the_user_agent(server, settings, fast):
    server.inject("efetch", Fault.status(503))
    client = EntrezClient(settings)
    client.efetch([NEJM])
    client.esearch("asthma[ti]")
    client.ecitmatch([ZHU])
    CtgovClient(settings).fetch(["NCT02552212"])
    assert sorted(r.endpoint for r in server.requests) == [
        *["ctgov", "ecitmatch", "efetch", "efetch", "esearch"]
    ]
    agents = [r.headers.get("user-agent", "") for r in server.requests]
    assert all(agent.startswith("evidence/") for agent in agents), agents


# --- the rate limiter ------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [3.0, 10.0, 1.0])
def test_limiter_spaces_concurrent_callers(rate):
    slept: list[float] = []
    lock = threading.Lock()

    def sleep(seconds):
        with lock:
            slept.append(seconds)

    limiter = RateLimiter(rate, clock=lambda: 100.0, sleep=sleep)  # time stands still
    threads = [threading.Thread(target=limiter.wait) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts = sorted([100.0] * (12 - len(slept)) + [100.0 + s for s in slept])
    assert len(slept) == 11  # only the first caller goes at once
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert gaps == pytest.approx([1.0 / rate] * 11)


def test_limiter_waits_only_for_what_is_left_of_the_interval():
    now = [50.0]
    slept: list[float] = []
    limiter = RateLimiter(10.0, clock=lambda: now[0], sleep=slept.append)
    limiter.wait()  # t=50: first call goes at once
    now[0] = 50.04
    limiter.wait()  # 0.06 s early
    now[0] = 60.0
    limiter.wait()  # long idle: no wait
    assert slept == pytest.approx([0.06])


@pytest.mark.parametrize(
    ("api_key", "rate"), [pytest.param(None, 3.0, id="no-key"), pytest.param(KEY, 10.0, id="key")]
)
def test_eutils_clients_share_one_limiter_at_ncbis_rate(settings, api_key, rate):
    keyed = settings.with_overrides(ncbi_api_key=api_key)
    assert keyed.ncbi_rate == rate
    first, second = EntrezClient(keyed), EntrezClient(keyed)
    assert first.transport.limiter is second.transport.limiter
    assert first.transport.limiter is shared_limiter("eutils", rate, keyed.home)
    assert first.transport.limiter.state_file == keyed.home / "eutils.ratelimit"
    assert first.transport.limiter.interval == pytest.approx(1.0 / rate)


def test_requests_to_ncbi_are_spaced_by_the_shared_limiter(server, settings):
    client = EntrezClient(settings)  # with a key: 10 requests/s
    for _ in range(3):
        client.esearch("asthma[ti]")
    times = [r.time for r in server.requests]
    assert len(times) == 3
    # Spacing is 0.1 s; without a limiter these would be ~1 ms apart. Half the interval is
    # allowed for scheduling jitter on a loaded 2-core CI machine.
    assert all(b - a >= 0.05 for a, b in itertools.pairwise(times)), times


def test_ctgov_limiter_keeps_one_request_per_second(settings):
    assert CtgovClient(settings).transport.limiter.interval == pytest.approx(1.0)


# --- Retry-After parsing and scrubbing ------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param({"retry-after": "1"}, 1.0, id="seconds"),
        pytest.param({"retry-after": " 2.5 "}, 2.5, id="fraction-with-spaces"),
        pytest.param({"retry-after": "0"}, 0.0, id="zero"),
        pytest.param({"retry-after": "-3"}, 0.0, id="negative-is-zero"),
        pytest.param({"retry-after": "Sun, 01 Mar 2026 12:00:30 GMT"}, 30.0, id="http-date"),
        pytest.param({"retry-after": "Sun, 01 Mar 2026 11:00:00 GMT"}, 0.0, id="date-in-past"),
        pytest.param({"backoff": "7"}, 7.0, id="zotero-backoff"),
        pytest.param({"retry-after": "soon"}, None, id="garbage"),
        pytest.param({"retry-after": ""}, None, id="empty"),
        pytest.param({}, None, id="absent"),
    ],
)
def test_retry_after(headers, expected):
    assert retry_after(headers, now=NOW) == expected


def test_retry_after_reads_a_case_insensitive_header_message():
    message = email.message.Message()
    message["Retry-After"] = "4"
    assert retry_after(message, now=NOW) == 4.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "https://e/efetch.fcgi?db=pubmed&api_key=abc123&tool=evidence",
            "https://e/efetch.fcgi?db=pubmed&api_key=***&tool=evidence",
            id="query-string",
        ),
        pytest.param(
            "db=pubmed&id=1,2&API_KEY=abc", "db=pubmed&id=1,2&API_KEY=***", id="post-body"
        ),
        pytest.param("a?token=xyz", "a?token=***", id="token"),
        pytest.param("https://e/x?db=pubmed&id=1", "https://e/x?db=pubmed&id=1", id="nothing"),
        pytest.param(
            '{"error":"API key invalid","api-key":"abc123"}',
            '{"error":"API key invalid","api-key":"***"}',
            id="ncbi-json-body",
        ),
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


_PROCESS_WAITS = """
import sys, time
from pathlib import Path
from evidence.transport import RateLimiter
limiter = RateLimiter(5.0, state_file=Path(sys.argv[1]))
for _ in range(5):
    limiter.wait()
    print(repr(time.time()), flush=True)
"""


def test_two_processes_share_one_rate_limit(tmp_path):
    """Two processes each start 5 requests at 5/s: together they keep 0.2 s apart."""
    import subprocess
    import sys

    state = tmp_path / "eutils.ratelimit"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _PROCESS_WAITS, str(state)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    starts = sorted(float(line) for proc in procs for line in proc.communicate()[0].split())
    assert len(starts) == 10
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # Without the shared file the two processes would start together (gaps near 0);
    # half the interval is allowed for scheduling jitter.
    assert min(gaps) >= 0.1, gaps
