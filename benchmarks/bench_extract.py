"""Precision and recall of `evidence.extract` against the hand-labelled gold sets, per kind.

The real gold set (tests/extraction/gold/, described in tests/extraction/README.md) holds 27
PubMed abstracts from the shared fixtures, the IKEMA snapshot and 2 ClinicalTrials.gov results
sections, split into dev and held-out by a hash of the source key. Synthetic oncology-style
abstracts (tests/extraction/synthetic/: dev with 192, heldout and fresh to fresh11 with 24 each),
written and labelled blind to the extractor, are scored beside it; "fresh" to "fresh11" were
kept away from the rules while they were tuned, to measure them on phrasings no rule was fitted
to. A candidate matches a gold finding when kind, value, CI limits and level (when the gold has
them) and arm (when the gold has one) agree; endpoint accuracy is counted over matched pairs.
Hazard ratios printed with a CI are scored apart from those without.

    uv run python benchmarks/bench_extract.py [--json]

Exits 1 if, on the real dev set, hazard ratios with CIs, medians or rates miss precision >=
0.95 or recall >= 0.90, or if the time on long runs of spaces or letters grows faster than
linearly (:data:`GROWTH`). The other sets are printed beside it, not gated; misses are listed
for the dev sets only, so nobody tunes rules on held-out text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evidence.extract import extract_text
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


GROUPS = (
    ("real", "dev"),
    ("real", "heldout"),
    ("synthetic", "dev"),
    ("synthetic", "heldout"),
    ("synthetic", "fresh"),
    ("synthetic", "fresh2"),
    ("synthetic", "fresh3"),
    ("synthetic", "fresh4"),
    ("synthetic", "fresh5"),
    ("synthetic", "fresh6"),
    ("synthetic", "fresh7"),
    ("synthetic", "fresh8"),
    ("synthetic", "fresh9"),
    ("synthetic", "fresh10"),
    ("synthetic", "fresh11"),
)
"""Corpus and split of each scored group, in the order printed."""


def _describe(sources: list[GoldSource]) -> dict[str, object]:
    return {
        "sources": [s.key for s in sources],
        "gold_findings": sum(len(s.findings) for s in sources),
    }


def _print(
    tables: dict[str, dict[str, dict[str, float | int]]],
    sizes: dict[str, int],
    outcomes: dict[str, Outcome],
) -> None:
    names = list(tables)
    print("  ".join(f"{n}: {sizes[n]} sources" for n in names))
    print(f"{'kind':22}" + "".join(f" {n:>24}" for n in names))
    print(f"{'':22}" + "".join(f" {'P':>7} {'R':>5} {'n':>4} {'ep':>5}" for _ in names))
    kinds = list(dict.fromkeys(kind for rows in tables.values() for kind in rows))
    for kind in kinds:
        cells = []
        for name in names:
            row = tables[name].get(kind)
            cells.append(
                f" {row['precision']:7.2f} {row['recall']:5.2f} {row['gold']:4} "
                f"{row['endpoint_accuracy']:5.2f}"
                if row
                else f" {'-':>7} {'-':>5} {'-':>4} {'-':>5}"
            )
        mark = " *" if kind in GATED else ""
        print(f"{kind + mark:22}" + "".join(cells))
    print(
        "* gated on real dev: precision >= 0.95 and recall >= 0.90; "
        "n = gold findings; ep = endpoint accuracy on matched pairs"
    )
    for name, outcome in outcomes.items():
        if not name.endswith("dev"):
            continue
        for key, gold in outcome.misses:
            print(f"  {name} miss: {key} {gold.kind} {gold.value} ({gold.text!r})")
        for key, found in outcome.spurious:
            print(f"  {name} spurious: {key} {found.kind.value} {found.value} ({found.verbatim!r})")


LONG_RUNS = (
    "Methods: Patients were randomly assigned to A or B. Results: Nausea occurred in 5%{}and rash"
    " in 3% vs 2%.",
    "Response was 40% vs 30%,{}and in the elderly in 35% vs 32%.",
    "Median PFS was 12.8{}months in the A group{}and 8.0 months in the B group (HR, 0.5;{}95% CI,"
    " 0.4 to 0.7).",
    "Of{}the{}patients{}treated{}with{}A, 10% responded.",
    "Grade 3 events: neutropenia{}41.7% vs 38.3%,{}hypertension{}15.0% vs 1.7%.",
    "In group A{}(n = 12){}vs group B{}(n = 11), 5 stopped{}treatment.",
)
"""Sentences whose words are parted by long runs (text pasted from a PDF, a sequence printed as
one word): a regular expression that can split a run several ways, or that starts inside it at
every character, takes polynomial time on it."""
RUNS = (5_000, 20_000)
FILLERS = {"spaces": " ", "one long word": "a"}
GROWTH = 8.0
"""How much the time may grow from the short runs to the long ones (4 times longer): linear is 4x,
quadratic 16x."""


def _long_run_seconds() -> dict[str, dict[str, float]]:
    """Seconds to extract every :data:`LONG_RUNS` sentence, per filler and run length."""
    seconds: dict[str, dict[str, float]] = {}
    for label, filler in FILLERS.items():
        for run in RUNS:
            started = time.perf_counter()
            for sentence in LONG_RUNS:
                extract_text(sentence.replace("{}", filler * run))
            seconds.setdefault(label, {})[f"{run:,}"] = round(time.perf_counter() - started, 3)
    return seconds


def _growth(seconds: dict[str, dict[str, float]]) -> dict[str, float]:
    short, long = f"{RUNS[0]:,}", f"{RUNS[-1]:,}"
    return {label: round(runs[long] / max(runs[short], 1e-3), 1) for label, runs in seconds.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    sources = load()
    seconds = time.perf_counter() - started
    results: dict[str, dict[str, object]] = {}
    tables: dict[str, dict[str, dict[str, float | int]]] = {}
    sizes: dict[str, int] = {}
    outcomes: dict[str, Outcome] = {}
    gate: dict[str, bool] = {}
    for corpus, split in GROUPS:
        group = [s for s in sources if s.corpus == corpus and s.split == split]
        if not group:
            continue
        name = f"{corpus} {split}"
        outcomes[name] = score(group)
        rows = tables[name] = _table(outcomes[name])
        sizes[name] = len(group)
        results[name] = {**_describe(group), "scores": rows}
        if (corpus, split) == ("real", "dev"):
            gate |= {f"{name} {k}": _passes(rows[k]) for k in GATED if k in rows}
    runs = _long_run_seconds()
    growth = _growth(runs)
    gate |= {f"long runs of {k} grow under {GROWTH:g}x": g < GROWTH for k, g in growth.items()}
    result = {
        **results,
        "gated": {"kinds": list(GATED), "precision": PRECISION, "recall": RECALL, "pass": gate},
        "seconds_to_load_and_extract": round(seconds, 3),
        "seconds_on_long_runs": runs,
        "growth_on_long_runs": growth,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"loaded and extracted in {seconds:.2f} s")
        for label, by_run in runs.items():
            timed = ", ".join(f"{run}: {s} s" for run, s in by_run.items())
            print(f"{len(LONG_RUNS)} sentences, long runs of {label}: {timed} ({growth[label]}x)")
        _print(tables, sizes, outcomes)
    if not all(gate.values()):
        failed = ", ".join(kind for kind, ok in gate.items() if not ok)
        print(f"GOAL MISSED: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
