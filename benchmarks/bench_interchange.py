"""Importing and exporting a library of ~2,000 references (goal: import < 3 s, re-import < 3 s).

The 397 PubMed fixture records, five times over (each copy with its own DOI and first author,
so none is a duplicate of another), are written as one RIS file. Measured, best of N:

- reading the RIS file (records/s);
- importing it into an empty store (read, de-duplicate, write in one transaction);
- importing it again (every record found as already there: the de-duplication index at size);
- exporting the store as RIS and as CSL-JSON.

    uv run python benchmarks/bench_interchange.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence.bibimport import import_files
from evidence.csl import article_to_csl
from evidence.exports import export_bibliography
from evidence.formats.ris import read_ris
from evidence.formats.ris_writer import write_ris
from evidence.pubmed import parse_pubmed
from evidence.store import open_store
from tests.fixtures_index import pubmed_fixture_files

COPIES = 5
GOAL_IMPORT_S = 3.0
GOAL_REIMPORT_S = 3.0


def library() -> list[dict[str, object]]:
    """~2,000 distinct CSL items built from the PubMed fixture records."""
    articles = {}
    for path in pubmed_fixture_files():
        for record in parse_pubmed(path.read_bytes()).records:
            articles[record.article.pmid] = record.article
    items = []
    for copy in range(COPIES):
        for pmid, article in sorted(articles.items()):
            authors = article.authors
            if authors and authors[0].family:
                authors = (replace(authors[0], family=f"{authors[0].family}{copy}"), *authors[1:])
            variant = replace(
                article, pmid=None, pmcid=None, authors=authors, doi=f"10.5555/bench.{copy}.{pmid}"
            )
            items.append(article_to_csl(variant, item_id=f"b{copy}-{pmid}"))
    return items


def _best(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = library()
    with tempfile.TemporaryDirectory() as tmp:
        ris = Path(tmp) / "library.ris"
        ris.write_text(write_ris(items), encoding="utf-8")
        text = ris.read_text(encoding="utf-8")
        read_s = _best(args.repeat, lambda: read_ris(text, path="library.ris"))
        counter = iter(range(1000))

        def fresh() -> None:
            store = open_store(Path(tmp) / f"fresh-{next(counter)}.sqlite3")
            report = import_files([ris], store)
            assert report.counts() == {"added": len(items)}, report.counts()
            store.close()

        import_s = _best(args.repeat, fresh)
        store = open_store(Path(tmp) / "again.sqlite3")
        import_files([ris], store)

        def again() -> None:
            report = import_files([ris], store)
            assert report.counts() == {"unchanged": len(items)}, report.counts()

        reimport_s = _best(args.repeat, again)
        export_ris_s = _best(args.repeat, lambda: export_bibliography(store, "ris"))
        export_csl_s = _best(args.repeat, lambda: export_bibliography(store, "csljson"))
        store.close()
    result = {
        "records": len(items),
        "read_records_per_s": round(len(items) / read_s),
        "import_s": round(import_s, 2),
        "reimport_s": round(reimport_s, 2),
        "export_ris_s": round(export_ris_s, 2),
        "export_csljson_s": round(export_csl_s, 2),
        "goals": {"import_s": GOAL_IMPORT_S, "reimport_s": GOAL_REIMPORT_S},
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{len(items)} references: RIS read {result['read_records_per_s']} records/s; "
            f"import {import_s:.2f} s, re-import {reimport_s:.2f} s (all found as duplicates); "
            f"export RIS {export_ris_s:.2f} s, CSL-JSON {export_csl_s:.2f} s"
        )
    missed = import_s >= GOAL_IMPORT_S or reimport_s >= GOAL_REIMPORT_S
    if missed:
        print("GOAL MISSED", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
