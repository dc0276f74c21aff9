"""The links command against a local server."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import run


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        code = 200 if self.path == "/ok" else 410
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def base() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_links_reports_each_link_and_exits_8(
    base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "summary.md"
    document.write_text(f"See [the page]({base}/ok) and <{base}/gone>.\n", encoding="utf-8")
    code = run(["links", str(document), "--json"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 8
    assert [(r["url"], r["status"], r["ok"]) for r in rows] == [
        (f"{base}/ok", 200, True),
        (f"{base}/gone", 410, False),
    ]
    assert rows[1]["problem"] == "gone (HTTP 410)"
    assert "1 of 2 links failed" in err
