"""What the local fake servers share: a quiet threading HTTP server on 127.0.0.1, a keep-alive
handler without Nagle stalls, and start/stop as a context manager."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class QuietServer(ThreadingHTTPServer):
    """Threads per request; a client that times out or goes away is not an error here."""

    daemon_threads = True
    fake: Any

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out (Fault.delay) or read half a body are expected here


class LocalHandler(BaseHTTPRequestHandler):
    """Keep-alive, as client connection pools expect, and replies sent without delay."""

    protocol_version = "HTTP/1.1"
    timeout = 30

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle's algorithm and the
        # client's delayed ACK stall every reply by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer:
    """A fake service on 127.0.0.1:<ephemeral>; ``_stop`` is set when it closes."""

    port: int

    def _serve(self, server: type[QuietServer], handler: type[LocalHandler]) -> None:
        self._stop = threading.Event()
        self._httpd = server(("127.0.0.1", 0), handler)
        self._httpd.fake = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving (also cuts short any fault delay in progress); idempotent."""
        if not self._stop.is_set():
            self._stop.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join()
