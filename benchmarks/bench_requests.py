"""Requests spent resolving a 40-citation mixed list, against the lower bound R_min.

The list follows DOMAIN.md §1.8's worked example: 25 PMIDs, 10 article identifiers (DOIs and
PMCIDs), 5 pasted references (4 that ECitMatch can take, 1 ahead-of-print reference that
needs a title search) and 3 NCT numbers, all drawn from the recorded fixtures and resolved by
the real client code against the local fake server (tests/fakeserver.py). A warm re-run
(``evidence sync`` with nothing changed) is measured too.

    uv run python benchmarks/bench_requests.py [--json]

Exits 1 if a run spends more requests than R_min.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.citations import add_references
from evidence.config import load_settings
from evidence.ctgov import PAGE_SIZE, CtgovClient
from evidence.entrez import ECITMATCH_LINES, EFETCH_BATCH, ESEARCH_TERMS, EntrezClient
from evidence.pubmed import parse_pubmed
from evidence.store import open_store
from evidence.sync import sync
from tests.fakeserver import FakeServer
from tests.fixtures_index import pubmed_fixture_files

NCTS = ["NCT02552212", "NCT02210780", "NCT00763412"]


def build_list() -> tuple[list[str], dict[str, int]]:
    """The 40 inputs and their counts per kind (P, D, F_s, F_u, T)."""
    articles = {}
    for path in pubmed_fixture_files():
        for record in parse_pubmed(path.read_bytes(), keep_raw=False).articles:
            articles.setdefault(record.pmid, record)
    pool = sorted(articles.values(), key=lambda a: a.pmid or "")
    citable = [
        a
        for a in pool
        if a.journal_iso
        and a.volume
        and a.first_page
        and a.year
        and a.authors
        and a.authors[0].family
        and a.publication_status != "aheadofprint"
    ]
    ahead = [a for a in pool if a.publication_status == "aheadofprint" and a.authors and a.title]
    used: set[str] = set()

    def take(candidates: list, n: int) -> list:
        chosen = [a for a in candidates if a.pmid not in used][:n]
        used.update(a.pmid for a in chosen)
        return chosen

    free = take(citable[::-1], 4)
    aop = take(ahead, 1)
    with_pmc = take([a for a in pool if a.pmcid and a.doi], 4)
    with_doi = take([a for a in pool if a.doi], 6)
    pmids = take(pool, 25)
    inputs = [a.pmid for a in pmids]
    inputs += [a.doi for a in with_doi]
    inputs += [a.pmcid for a in with_pmc]
    inputs += [
        f"{a.authors[0].family} {a.authors[0].initials or ''}, et al. "
        f"{a.journal_iso} {a.year};{a.volume}:{a.first_page}"
        for a in free
    ]
    inputs += [
        f"{a.authors[0].family} {a.authors[0].initials or ''}, et al. {a.plain_title} "
        f"{a.journal_iso}. {a.electronic_date.year if a.electronic_date else a.year}. "
        "Online ahead of print."
        for a in aop
    ]
    inputs += NCTS
    counts = {"P": 25, "D": len(with_doi) + len(with_pmc), "F_s": len(free), "F_u": len(aop)}
    counts["T"] = len(NCTS)
    return inputs, counts


def r_min(counts: dict[str, int]) -> tuple[int, int]:
    """DOMAIN.md §1.8: E-utilities and ClinicalTrials.gov lower bounds."""
    n = counts["P"] + counts["D"] + counts["F_s"] + counts["F_u"]
    eutils = (
        math.ceil(counts["D"] / ESEARCH_TERMS)
        + math.ceil(counts["F_s"] / ECITMATCH_LINES)
        + counts["F_u"]
        + math.ceil(n / EFETCH_BATCH)
    )
    return eutils, math.ceil(counts["T"] / PAGE_SIZE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    inputs, counts = build_list()
    bound_eutils, bound_ctgov = r_min(counts)
    with FakeServer() as server, tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            {
                "eutils_base": server.eutils_base,
                "ctgov_base": server.ctgov_base,
                "store": str(Path(tmp) / "bench.sqlite3"),
                "ncbi_email": "bench@example.org",
            },
            project_dir=Path(tmp),
        )
        store = open_store(settings.store)
        entrez, ctgov = EntrezClient(settings), CtgovClient(settings)
        started = time.perf_counter()
        report = add_references(inputs, store, entrez=entrez, ctgov=ctgov)
        cold_s = time.perf_counter() - started
        started = time.perf_counter()
        warm = sync(store, entrez, ctgov)
        warm_s = time.perf_counter() - started
    failed = [(i.input, i.error.one_line() if i.error else i.status) for i in report.failures]
    result = {
        "inputs": len(inputs),
        "counts": counts,
        "r_min": {"eutils": bound_eutils, "ctgov": bound_ctgov},
        "cold": {**report.requests, "seconds": round(cold_s, 2), "failed": failed},
        "warm_sync": {**warm.requests, "seconds": round(warm_s, 2)},
        "rate_limit_rps": settings.ncbi_rate,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        cited = len(inputs) - counts["T"]
        print(f"{cited} citations + {counts['T']} NCT numbers: {counts}")
        print(f"R_min: {bound_eutils} E-utilities + {bound_ctgov} ClinicalTrials.gov")
        print(
            f"cold add:  {report.requests['eutils']} E-utilities + {report.requests['ctgov']} "
            f"ClinicalTrials.gov in {cold_s:.2f} s (no API key: {settings.ncbi_rate:g} req/s)"
        )
        print(
            f"warm sync: {warm.requests['eutils']} E-utilities + {warm.requests['ctgov']} "
            f"ClinicalTrials.gov in {warm_s:.2f} s"
        )
        for text, why in failed:
            print(f"  not resolved: {text!r}: {why}")
    over = report.requests["eutils"] > bound_eutils or report.requests["ctgov"] > bound_ctgov
    if over or failed:
        print("GOAL MISSED: more requests than R_min, or unresolved citations", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
