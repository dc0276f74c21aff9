"""Load the extraction gold set and score candidates against it (see README.md in this folder).

Used by tests/test_extract.py and benchmarks/bench_extract.py. The split is by a hash of the
source key (``int(sha256(key)[:8], 16) % 3 == 0`` is held out) unless a gold file pins it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from evidence.extract import extract, extract_registry_results
from evidence.findings import Finding
from evidence.pubmed import parse_pubmed
from evidence.sourcetext import SourceText, article_text, snapshot_text
from tests.fixtures_index import FIXTURES

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
SYNTHETIC = HERE / "synthetic"
"""Synthetic abstracts (``dev/``, ``heldout/``, ``fresh/`` ... ``fresh11/``), each ``.txt`` beside
its ``.yaml``."""
REPO = HERE.parents[1]
GATED = ("hazard-ratio", "median", "rate")
"""Kinds the issue sets targets for (hazard ratios are gated on those printed with a CI)."""
KINDS = ("hazard-ratio", "odds-ratio", "risk-ratio", "median", "rate", "count", "follow-up")


@dataclass(frozen=True, slots=True)
class GoldFinding:
    """One hand-labelled finding."""

    kind: str
    value: Decimal | None
    text: str
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    ci_level: Decimal | None = None
    arms: tuple[str, ...] = ()
    endpoints: tuple[str, ...] = ()
    not_reached: bool = False


@dataclass(frozen=True, slots=True)
class GoldSource:
    """A source, its text, its split and its gold findings."""

    key: str
    split: str
    source: SourceText
    findings: tuple[GoldFinding, ...]
    extracted: tuple[Finding, ...] = field(default=())
    corpus: str = "real"


def split_of(key: str) -> str:
    """``heldout`` for a third of the sources by hash, else ``dev``."""
    return "heldout" if int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"gold numbers must be quoted strings, got {value!r}")
    return Decimal(value)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (str(value),)


def _source_text(key: str, origin: str) -> tuple[SourceText, list[Finding] | None]:
    kind, path = origin.split(" ", 1)
    if kind == "snapshot":
        return snapshot_text(key, (REPO / path).read_text(encoding="utf-8")), None
    if kind == "text":
        return snapshot_text(key, (HERE / path).read_text(encoding="utf-8")), None
    if kind == "ctgov":
        study = json.loads((FIXTURES / "ctgov" / path).read_text(encoding="utf-8"))
        source, found = extract_registry_results(key.split(":", 1)[1], study)
        return source, found
    pmid = key.split(":", 1)[1]
    for article in parse_pubmed((FIXTURES / "pubmed" / path).read_bytes()).articles:
        if article.pmid == pmid:
            return article_text(key, article), None
    raise LookupError(f"{key} is not in {path}")


def load(paths: Iterable[Path] | None = None) -> list[GoldSource]:
    """Every gold source with its text and the extractor's candidates, sorted by key.

    By default the real sources (``gold/``) and the synthetic ones (``synthetic/*/``).
    """
    sources = []
    default = [*GOLD.glob("*.yaml"), *SYNTHETIC.glob("*/*.yaml")]
    for path in sorted(paths or default):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = data["source"]
        source, registry = _source_text(key, data["origin"])
        findings = tuple(
            GoldFinding(
                kind=item["kind"],
                value=_decimal(item.get("value")),
                text=item["text"],
                ci_low=_decimal(item.get("ci_low")),
                ci_high=_decimal(item.get("ci_high")),
                ci_level=_decimal(item.get("ci_level")),
                arms=_strings(item.get("arm")),
                endpoints=_strings(item.get("endpoint")),
                not_reached=bool(item.get("not_reached")),
            )
            for item in data.get("findings") or []
        )
        extracted = tuple(registry if registry is not None else extract(source))
        split = data.get("pin") or split_of(key)
        corpus = data.get("corpus", "real")
        sources.append(GoldSource(key, split, source, findings, extracted, corpus))
    return sources


def _norm(text: str) -> str:
    return re.sub(r"[\s\u2010-]+", " ", text.casefold()).strip()


def _arm(name: str) -> str:
    """An arm name compared without "the" and a trailing arm, group, cohort or site, or a
    leading one before a letter or number ("arm A" is "A", "cohort 2" is "2")."""
    name = re.sub(r"^the | (?:arm|group|cohort|site)s?$", "", _norm(name))
    return re.sub(r"^(?:arm|group|cohort) (?=\w{1,3}$)", "", name)


def _arm_ok(gold: GoldFinding, found: Finding) -> bool:
    if not gold.arms:
        return True
    return found.arm is not None and any(_arm(a) == _arm(found.arm) for a in gold.arms)


def matches(gold: GoldFinding, found: Finding) -> bool:
    """Kind, value, CI (when the gold has one) and arm (when the gold has one) agree."""
    if found.kind.value != gold.kind or found.value != gold.value:
        return False
    if gold.not_reached != found.not_reached:
        return False
    if gold.ci_low is not None and (found.ci_low, found.ci_high) != (gold.ci_low, gold.ci_high):
        return False
    if gold.ci_level is not None and found.ci_level != gold.ci_level:
        return False
    return _arm_ok(gold, found)


def endpoint_ok(gold: GoldFinding, found: Finding) -> bool:
    """The gold endpoint keyword occurs in the candidate's endpoint (or the gold has none)."""
    return not gold.endpoints or any(_norm(k) in _norm(found.endpoint) for k in gold.endpoints)


@dataclass(slots=True)
class Tally:
    """Counts for one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    endpoint_right: int = 0

    @property
    def precision(self) -> float:
        """Matched candidates over candidates (1.0 when there are none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Matched gold findings over gold findings (1.0 when there are none)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Outcome:
    """Per-kind tallies and the unmatched items of one scoring run."""

    tallies: dict[str, Tally]
    misses: list[tuple[str, GoldFinding]]
    spurious: list[tuple[str, Finding]]
    wrong_endpoint: list[tuple[str, GoldFinding, Finding]]


def _bucket(kind: str, gold: GoldFinding | None = None, found: Finding | None = None) -> str:
    """The tally a finding counts in: hazard ratios with a CI apart from those without."""
    if kind != "hazard-ratio":
        return kind
    has_ci = (
        (gold.ci_low is not None)
        if gold is not None
        else (found is not None and found.ci_low is not None)
    )
    return "hazard-ratio" if has_ci else "hazard-ratio (no CI)"


def score(sources: Sequence[GoldSource]) -> Outcome:
    """Greedy one-to-one matching per source, in reading order, tallied per kind."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    outcome = Outcome(tallies, [], [], [])
    for item in sources:
        remaining = list(item.extracted)
        for gold in item.findings:
            found = next((f for f in remaining if matches(gold, f)), None)
            tally = tallies[_bucket(gold.kind, gold=gold)]
            if found is None:
                tally.fn += 1
                outcome.misses.append((item.key, gold))
                continue
            remaining.remove(found)
            tally.tp += 1
            if endpoint_ok(gold, found):
                tally.endpoint_right += 1
            else:
                outcome.wrong_endpoint.append((item.key, gold, found))
        for found in remaining:
            tallies[_bucket(found.kind.value, found=found)].fp += 1
            outcome.spurious.append((item.key, found))
    return outcome


def overall(tallies: dict[str, Tally]) -> Tally:
    """All kinds together."""
    total = Tally()
    for tally in tallies.values():
        total.tp += tally.tp
        total.fp += tally.fp
        total.fn += tally.fn
        total.endpoint_right += tally.endpoint_right
    return total
