"""Render time of a 50-citation listing, warm (goal: < 0.3 s).

A temporary store holds the shipped references/ (IKEMA findings) and 50 PubMed fixture
records; the listing cites each of them once (numbers only from the IKEMA findings) and is
rendered as Markdown with AMA references, best of N after one warm-up.

    uv run python benchmarks/bench_render.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence.imports import import_references
from evidence.listing import parse_listing
from evidence.pubmed import parse_pubmed
from evidence.render import render_listing
from evidence.store import open_store
from evidence.styles import Style
from tests.fixtures_index import pubmed_fixture_files

GOAL_SECONDS = 0.3
CITATIONS = 50


def build_listing(pmids: list[str]) -> str:
    """A listing citing the IKEMA update with its numbers, then each PMID once."""
    demo = (ROOT / "references" / "listings" / "ikema-demo.yaml").read_text(encoding="utf-8")
    extra = "".join(
        "  - heading: A related study\n    prose: |\n"
        f"      Another study looked at a related question [@pmid:{pmid}].\n"
        for pmid in pmids
    )
    head, research = demo.split("published_research:", 1)
    return f"{head}{extra}published_research:{research}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        import_references(ROOT / "references", store)
        pmids: list[str] = []
        with store.transaction():
            for path in pubmed_fixture_files():
                for record in parse_pubmed(path.read_bytes()).records:
                    pmid = record.article.pmid
                    if pmid and pmid not in pmids and len(pmids) < CITATIONS - 3:
                        store.put_article(record.article, record.raw, "pubmed-xml")
                        pmids.append(pmid)
        listing = parse_listing(build_listing(pmids), where="bench listing")
        text = render_listing(listing, store, fmt="md", style=Style.AMA)  # warm-up
        cited = text.count("\n") and len(text.split("## References", 1)[1].strip().splitlines())
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            render_listing(listing, store, fmt="md", style=Style.AMA)
            times.append(time.perf_counter() - started)
        store.close()
    best = min(times)
    result = {"citations": cited, "best_seconds": round(best, 4), "goal_seconds": GOAL_SECONDS}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{cited} citations rendered (Markdown, AMA): best of {args.repeat} {best:.3f} s")
    if best >= GOAL_SECONDS:
        print(f"GOAL MISSED: {best:.3f} s >= {GOAL_SECONDS} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
