"""The rendered HTML fragment in a real browser (headless Chromium, Debian's ``chromium``).

The page is served from 127.0.0.1 and loaded by Chromium with its background networking off;
the DOM Chromium built is then checked: no console messages (errors, failed loads), no
scripts, and every citation marker links to an entry of the reference list. `.ci/run`
installs Chromium; locally the test is skipped without it (and fails under CI=true).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html

from evidence.exports import export_listing
from evidence.imports import import_references
from evidence.listing import cited_keys, load_listing
from evidence.render import render_listing
from evidence.store import Store
from evidence.styles import Style

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "references" / "listings" / "ikema-demo.yaml"
CITED = {key for section in load_listing(DEMO).sections for key in cited_keys(section.prose)}
"""Every source the demo listing cites: each gets one numbered entry."""
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--dump-dom",
]

if CHROMIUM is None and os.environ.get("CI") != "true":
    pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)


@pytest.fixture(params=["render", "export-listing"])
def page_url(request: pytest.FixtureRequest, tmp_path: Path, store: Store) -> Iterator[str]:
    assert not import_references(REPO / "references", store).failures
    listing = load_listing(REPO / "references" / "listings" / "ikema-demo.yaml")
    if request.param == "render":
        fragment = render_listing(listing, store, fmt="html", style=Style.AMA)
    else:
        fragment = export_listing(listing, store, fmt="html", style=Style.AMA)
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>IKEMA</title>'
        f"</head><body>{fragment}</body></html>"
    )
    (tmp_path / "page.html").write_text(document, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/page.html?{request.param}"
    finally:
        server.shutdown()
        server.server_close()


def test_rendered_html_in_chromium(page_url: str, tmp_path: Path) -> None:
    assert CHROMIUM is not None, "CI must install chromium (see .ci/run)"
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", page_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = html.fromstring(result.stdout)
    assert dom.xpath("//script") == []
    links = dom.xpath('//a[starts-with(@href, "#ref-")]')
    targets = {element.get("id") for element in dom.xpath('//*[starts-with(@id, "ref-")]')}
    assert links, "the page shows citation markers"
    assert {link.get("href")[1:] for link in links} <= targets
    assert len(targets) == len(CITED)
    assert "35.7" in dom.text_content()
    if "export-listing" in page_url:
        rows = dom.xpath('//section[@class="evidence-findings"]//tbody/tr')
        assert len(rows) == 17  # every confirmed IKEMA finding, each with the source's words
        assert all(row.xpath("./td[4]/text()") for row in rows)
