"""Precision and recall of `evidence.extract` against the hand-labelled gold set, per kind.

The gold set (tests/extraction/, described in its README.md) holds 27 PubMed abstracts from
the shared fixtures, the IKEMA snapshot and 2 ClinicalTrials.gov results sections, split into
dev and held-out by a hash of the source key. A candidate matches a gold finding when kind,
value, CI limits and level (when the gold has them) and arm (when the gold has one) agree;
endpoint accuracy is counted over matched pairs. Hazard ratios printed with a CI are scored
apart from those without.

    uv run python benchmarks/bench_extract.py [--json]

Exits 1 if, on dev, hazard ratios with CIs, medians or rates miss precision >= 0.95 or recall
>= 0.90. Held-out numbers are printed beside them, not gated (and their misses are not listed,
so nobody tunes rules on them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.extraction.gold import GATED, KINDS, GoldSource, Outcome, Tally, load, overall, score

PRECISION, RECALL = 0.95, 0.90


def _row(tally: Tally) -> dict[str, float | int]:
    return {
        "gold": tally.tp + tally.fn,
        "candidates": tally.tp + tally.fp,
        "matched": tally.tp,
        "precision": round(tally.precision, 3),
        "recall": round(tally.recall, 3),
        "f1": round(tally.f1, 3),
        "endpoint_accuracy": round(tally.endpoint_right / tally.tp, 3) if tally.tp else 1.0,
    }


def _table(outcome: Outcome) -> dict[str, dict[str, float | int]]:
    """One row per kind that has gold findings or candidates, then the overall row."""
    kinds = [*KINDS[:1], "hazard-ratio (no CI)", *KINDS[1:]]
    rows = {kind: _row(outcome.tallies[kind]) for kind in kinds if kind in outcome.tallies}
    rows["overall"] = _row(overall(outcome.tallies))
    return rows


def _passes(row: dict[str, float | int]) -> bool:
    return row["precision"] >= PRECISION and row["recall"] >= RECALL


def _describe(sources: list[GoldSource]) -> dict[str, object]:
    return {
        "sources": [s.key for s in sources],
        "gold_findings": sum(len(s.findings) for s in sources),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    sources = load()
    seconds = time.perf_counter() - started
    dev = [s for s in sources if s.split == "dev"]
    held = [s for s in sources if s.split == "heldout"]
    dev_outcome, held_outcome = score(dev), score(held)
    dev_rows, held_rows = _table(dev_outcome), _table(held_outcome)
    gate = {kind: _passes(dev_rows[kind]) for kind in GATED if kind in dev_rows}
    result = {
        "dev": {**_describe(dev), "scores": dev_rows},
        "heldout": {**_describe(held), "scores": held_rows},
        "gated": {"kinds": list(GATED), "precision": PRECISION, "recall": RECALL, "pass": gate},
        "seconds_to_load_and_extract": round(seconds, 3),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"dev: {len(dev)} sources, {result['dev']['gold_findings']} gold findings; "
            f"held-out: {len(held)} sources, {result['heldout']['gold_findings']}; "
            f"loaded and extracted in {seconds:.2f} s"
        )
        header = f"{'kind':22} {'dev P':>6} {'R':>5} {'F1':>5} {'n':>4} {'ep':>5}   "
        print(header + f"{'held P':>6} {'R':>5} {'F1':>5} {'n':>4} {'ep':>5}")
        for kind in [*dev_rows, *(k for k in held_rows if k not in dev_rows)]:
            cells = []
            for rows in (dev_rows, held_rows):
                row = rows.get(kind)
                cells.append(
                    f"{row['precision']:6.2f} {row['recall']:5.2f} {row['f1']:5.2f} "
                    f"{row['gold']:4} {row['endpoint_accuracy']:5.2f}"
                    if row
                    else f"{'-':>6} {'-':>5} {'-':>5} {'-':>4} {'-':>5}"
                )
            mark = " *" if kind in GATED else ""
            print(f"{kind + mark:22} {cells[0]}   {cells[1]}")
        print(
            "* gated on dev: precision >= 0.95 and recall >= 0.90; n = gold findings; "
            "ep = endpoint accuracy on matched pairs"
        )
        for key, gold in dev_outcome.misses:
            print(f"  dev miss: {key} {gold.kind} {gold.value} ({gold.text!r})")
        for key, found in dev_outcome.spurious:
            print(f"  dev spurious: {key} {found.kind.value} {found.value} ({found.verbatim!r})")
    if not all(gate.values()):
        failed = ", ".join(kind for kind, ok in gate.items() if not ok)
        print(f"GOAL MISSED on dev: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
