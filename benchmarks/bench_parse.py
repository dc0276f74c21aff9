"""Parse-rate benchmark: evidence.pubmed against a bare lxml pass and Bio.Entrez.

    uv run python benchmarks/bench_parse.py [--repeat N] [--json]

Loads every PubMed fixture file into memory once, then times (best of N, perf_counter):
a bare ``lxml.etree.iterparse`` pass that counts and clears ``PubmedArticle`` elements,
``parse_pubmed`` with and without ``keep_raw``, and Bio.Entrez's DTD-driven DataHandler.
Exits 1 when ``parse_pubmed(keep_raw=True)`` misses a goal: >= 10,000 records/s, and
>= 60% of the bare lxml rate.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from Bio.Entrez import Parser
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence.pubmed import parse_pubmed
from tests.fixtures_index import pubmed_fixture_files

BioParser: Any = Parser  # Biopython is untyped
GOAL_RATE = 10_000
GOAL_SHARE = 0.60


def bare_lxml(documents: list[bytes]) -> int:
    """Count PubmedArticle end events, clearing each element and its done siblings."""
    count = 0
    for data in documents:
        events = etree.iterparse(
            io.BytesIO(data),
            events=("end",),
            tag="PubmedArticle",
            no_network=True,
            resolve_entities=False,
            load_dtd=False,
        )
        for _event, element in events:
            count += 1
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
    return count


def evidence_raw(documents: list[bytes]) -> int:
    """parse_pubmed with keep_raw=True (what the store uses)."""
    return sum(len(parse_pubmed(data).records) for data in documents)


def evidence_no_raw(documents: list[bytes]) -> int:
    """parse_pubmed with keep_raw=False."""
    return sum(len(parse_pubmed(data, keep_raw=False).records) for data in documents)


def _refuse_network(url: object, *args: object, **kwargs: object) -> None:
    raise RuntimeError(f"Bio.Entrez tried to fetch {url}")


def bio_entrez(documents: list[bytes]) -> int:
    """Bio.Entrez DataHandler(validate=False, escape=True), http:// DOCTYPEs allowed."""
    BioParser.urlopen = _refuse_network  # every DTD is bundled: never touch the network
    count = 0
    for data in documents:
        handler = BioParser.DataHandler(validate=False, escape=True, ignore_errors=False)
        handler.bypass_url_security = True
        count += len(handler.read(io.BytesIO(data))["PubmedArticle"])
    return count


CASES: dict[str, Callable[[list[bytes]], int]] = {
    "bare lxml iterparse": bare_lxml,
    "parse_pubmed keep_raw=True": evidence_raw,
    "parse_pubmed keep_raw=False": evidence_no_raw,
    "Bio.Entrez DataHandler": bio_entrez,
}


def measure(documents: list[bytes], repeat: int) -> dict[str, dict[str, float]]:
    """Best-of-``repeat`` seconds per case; repeats are interleaved to share machine noise."""
    best = dict.fromkeys(CASES, float("inf"))
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for name, case in CASES.items():
            started = time.perf_counter()
            counts[name] = case(documents)
            best[name] = min(best[name], time.perf_counter() - started)
    bare_rate = counts["bare lxml iterparse"] / best["bare lxml iterparse"]
    return {
        name: {
            "records": counts[name],
            "seconds": best[name],
            "records_per_s": counts[name] / best[name],
            "share_of_lxml": counts[name] / best[name] / bare_rate,
        }
        for name in CASES
    }


def missed_goals(results: dict[str, dict[str, float]]) -> list[str]:
    """The goals parse_pubmed(keep_raw=True) misses, as sentences."""
    ours = results["parse_pubmed keep_raw=True"]
    missed = []
    if ours["records_per_s"] < GOAL_RATE:
        missed.append(f"{ours['records_per_s']:,.0f} records/s is below {GOAL_RATE:,}")
    if ours["share_of_lxml"] < GOAL_SHARE:
        missed.append(f"{ours['share_of_lxml']:.0%} of bare lxml is below {GOAL_SHARE:.0%}")
    return missed


def main() -> int:
    """Run the benchmark and print a table (or JSON); 1 when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    files = pubmed_fixture_files()
    documents = [path.read_bytes() for path in files]
    results = measure(documents, max(1, args.repeat))
    missed = missed_goals(results)
    if args.json:
        summary = {
            "files": len(files),
            "bytes": sum(map(len, documents)),
            "repeat": args.repeat,
            "results": results,
            "missed_goals": missed,
        }
        print(json.dumps(summary, indent=2))
    else:
        print(f"{len(files)} files, {sum(map(len, documents)) / 1e6:.1f} MB, best of {args.repeat}")
        print(f"{'case':30} {'records':>7} {'seconds':>8} {'records/s':>10} {'% lxml':>7}")
        for name, row in results.items():
            print(
                f"{name:30} {row['records']:7.0f} {row['seconds']:8.3f} "
                f"{row['records_per_s']:10,.0f} {row['share_of_lxml']:7.0%}"
            )
        for sentence in missed:
            print(f"goal missed: parse_pubmed(keep_raw=True): {sentence}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
