"""Wall time to check 500 links whose server answers each after 200 ms (goal: < 5 s).

Local servers on 127.0.0.1 ... 127.0.0.N (Linux routes all of 127/8 to loopback) stand in
for N web sites, so the per-host limit applies as it would on the web; each answers every
request after 200 ms. The links are spread evenly over the hosts. No checker can beat
``max(ceil(links / concurrency), ceil(links per host / per_host)) * 0.2 s``: 3.2 s at the
benchmark's concurrency of 32, 6.4 s at the library's default of 16, which therefore cannot
meet the goal at this latency.

    uv run python benchmarks/bench_links.py [--links 500] [--hosts 25] [--concurrency 32]
                                             [--per-host 4] [--delay 0.2] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence.linkcheck import check_links

GOAL_SECONDS = 5.0
DELAY_SECONDS = 0.2


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, host: str, delay: float) -> None:
        super().__init__((host, 0), _Handler)
        self.delay = delay
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.served: Counter[str] = Counter()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        with self.server.lock:
            self.server.in_flight += 1
            self.server.peak = max(self.server.peak, self.server.in_flight)
            self.server.served[self.command] += 1
        time.sleep(self.server.delay)
        with self.server.lock:
            self.server.in_flight -= 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=25)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--delay", type=float, default=DELAY_SECONDS, help="seconds per answer")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    servers = [_Server(f"127.0.0.{n}", args.delay) for n in range(1, args.hosts + 1)]
    for server in servers:
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    links = [
        (f"http://{servers[n % len(servers)].server_address[0]}:"
         f"{servers[n % len(servers)].server_address[1]}/page/{n}", "document")
        for n in range(args.links)
    ]  # fmt: skip
    started = time.perf_counter()
    results = check_links(links, concurrency=args.concurrency, per_host=args.per_host)
    wall = time.perf_counter() - started
    for server in servers:
        server.shutdown()
        server.server_close()
    failed = sum(not r.ok for r in results)
    busiest = math.ceil(args.links / args.hosts)
    rounds = max(math.ceil(args.links / args.concurrency), math.ceil(busiest / args.per_host))
    floor = rounds * args.delay
    peak = max(server.peak for server in servers)
    result = {
        "links": args.links,
        "hosts": args.hosts,
        "concurrency": args.concurrency,
        "per_host": args.per_host,
        "failed": failed,
        "peak_per_host": peak,
        "wall_seconds": round(wall, 3),
        "floor_seconds": round(floor, 3),
        "goal_seconds": GOAL_SECONDS,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.links} links over {args.hosts} hosts ({args.delay:g} s each), concurrency "
            f"{args.concurrency}, per host {args.per_host}: {wall:.2f} s "
            f"(floor {floor:.1f} s), {failed} failed, at most {peak} in flight per host"
        )
    if failed or peak > args.per_host:
        print(f"WRONG: {failed} failed, {peak} in flight on one host", file=sys.stderr)
        return 1
    if wall >= GOAL_SECONDS:
        print(f"GOAL MISSED: {wall:.2f} s >= {GOAL_SECONDS} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
