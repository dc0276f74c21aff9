"""Shared fixtures: an isolated app directory, a network guard, the fake NCBI/CT.gov server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evidence.config import Settings, load_settings
from evidence.store import Store, open_store
from evidence.transport import RateLimiter
from tests.fakeserver import FakeServer

_LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees a developer's settings, keys or store."""
    import os

    for name in list(os.environ):
        if name.startswith(("EVIDENCE_", "NCBI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("EVIDENCE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("EVIDENCE_PROJECT", str(tmp_path / "project"))
    (tmp_path / "project").mkdir()


@pytest.fixture(autouse=True)
def _no_internet(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse connections to anything but loopback unless the test is marked ``network``."""
    if request.node.get_closest_marker("network"):
        return
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and not host.startswith(_LOOPBACK):
            raise OSError(f"test tried to reach {host}: tests never leave the machine")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    """A fake E-utilities + ClinicalTrials.gov server on 127.0.0.1 serving recorded fixtures."""
    with FakeServer() as fake:
        yield fake


@pytest.fixture
def settings(server: FakeServer, tmp_path: Path) -> Settings:
    """Settings pointing the real clients at the fake server, with short back-offs."""
    return load_settings(
        {
            "eutils_base": server.eutils_base,
            "ctgov_base": server.ctgov_base,
            "store": str(tmp_path / "store.sqlite3"),
            "ncbi_email": "writer@example.org",
            "ncbi_api_key": "test-key-123",
            "backoff_initial": 0.01,
            "backoff_max": 0.05,
            "timeout": 2,
            "max_attempts": 4,
        }
    )


@pytest.fixture
def unthrottled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limiters that never wait, for tests that count requests rather than time them."""
    for module in ("evidence.entrez", "evidence.ctgov"):
        monkeypatch.setattr(f"{module}.shared_limiter", lambda *_args: RateLimiter(1e6))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A fresh SQLite store at the settings' path."""
    opened = open_store(settings.store)
    yield opened
    opened.close()
