"""Findings: one reported number (or ratio with its interval) from one source, anchored.

A finding keeps the parsed values *and* the verbatim strings the source printed, the span of
the source text it came from (offsets into the source's canonical text, see
:mod:`evidence.sourcetext`) and a hash of that text, so a reviewer can see exactly what was
printed and a later check can tell when the source text changed under it.

Kinds and the fields they use:

=============  ===========================================================================
kind           fields
=============  ===========================================================================
hazard-ratio   value, ci_low/ci_high/ci_level, sidedness, p_value; comparison "A vs B"
odds-ratio     as hazard-ratio
risk-ratio     as hazard-ratio
median         value (None + not_reached when not reached), ci, unit (months...), arm
rate           value in percent, optional numerator/denominator, arm
count          value (patients, events), arm or population
mean           value, unit, arm
p-value        value with comparator ("<", "="), sidedness
follow-up      value, unit (median follow-up)
=============  ===========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

FINDING_ID = r"[a-z0-9][a-z0-9._-]*"
"""A finding id: what a listing's ``{finding-id}`` placeholder can name."""

_NOT_IN_ID = re.compile(r"[^a-z0-9.]+")


def id_problem(finding_id: str) -> str | None:
    """Why ``finding_id`` cannot be named by a listing placeholder, or None when it can."""
    if re.fullmatch(FINDING_ID, finding_id):
        return None
    return "a finding id is lower-case letters, digits, '.', '_' and '-' (so a listing can name it)"


def id_stem(source: str) -> str:
    """A source key as the start of a finding id: ``pmid:37156782`` -> ``pmid-37156782``."""
    return _NOT_IN_ID.sub("-", source.casefold()).strip("-")


class FindingKind(StrEnum):
    """What kind of number a finding is."""

    HAZARD_RATIO = "hazard-ratio"
    ODDS_RATIO = "odds-ratio"
    RISK_RATIO = "risk-ratio"
    MEDIAN = "median"
    RATE = "rate"
    COUNT = "count"
    MEAN = "mean"
    P_VALUE = "p-value"
    FOLLOW_UP = "follow-up"

    @property
    def is_ratio(self) -> bool:
        """Ratios compare two arms and are significant when their CI excludes 1."""
        return self in (FindingKind.HAZARD_RATIO, FindingKind.ODDS_RATIO, FindingKind.RISK_RATIO)


class FindingStatus(StrEnum):
    """Proposed by the tool, or checked by a person."""

    CANDIDATE = "candidate"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a number sits in the source's canonical text."""

    start: int
    end: int
    section: str | None = None
    """Abstract section label (``RESULTS``), registry section, or None."""
    sentence: str | None = None
    """The whole sentence, verbatim, for reviewers."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """The source a finding was read from, and the exact text version it was anchored in."""

    source: str
    """Store key of the source: ``pmid:...``, ``doi:...``, ``nct:...`` or ``url:...``."""
    text_sha256: str
    """SHA-256 of the source's canonical text when the finding was anchored."""
    span: Span


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported number with its interval, context, provenance and review status."""

    id: str
    kind: FindingKind
    anchor: Anchor
    verbatim: str
    """The source's own characters for the whole estimate, e.g. ``0.58, 95.4% CI: 0.42-0.79``."""
    value: Decimal | None
    value_verbatim: str
    endpoint: str
    study: str | None = None
    arm: str | None = None
    comparison: str | None = None
    """``Isa-Kd vs Kd`` for ratios and differences."""
    population: str | None = None
    """Analysis set or subgroup: intention-to-treat, safety, per-protocol, PDAC..."""
    timepoint: str | None = None
    analysis: str | None = None
    """interim, final, updated, ..."""
    data_cutoff: str | None = None
    """ISO date where the source gives it."""
    unit: str | None = None
    percent: bool = False
    not_reached: bool = False
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    ci_low_verbatim: str | None = None
    ci_high_verbatim: str | None = None
    ci_level: Decimal | None = None
    sidedness: int | None = None
    """1 or 2 where the source says so."""
    p_value: Decimal | None = None
    p_comparator: str | None = None
    p_verbatim: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    status: FindingStatus = FindingStatus.CANDIDATE
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def excludes_null(self) -> bool | None:
        """For ratios: True when the CI excludes 1 (None when there is no CI or no ratio)."""
        if not self.kind.is_ratio or self.ci_low is None or self.ci_high is None:
            return None
        return self.ci_high < 1 or self.ci_low > 1
