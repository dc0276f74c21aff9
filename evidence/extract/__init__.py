"""Propose candidate findings from a source text: rule-based, deterministic, abstaining (pure).

:func:`extract` reads a :class:`~evidence.sourcetext.SourceText` (an abstract as
:func:`~evidence.sourcetext.article_text` renders it, a snapshot, any text through
:func:`extract_text`) and returns :class:`~evidence.findings.Finding` candidates, each anchored
in the text: ``source.text[span.start:span.end] == finding.verbatim``. ClinicalTrials.gov
results go through :func:`extract_registry_results`, which renders them as text first.

Normalisation comes from :mod:`evidence.numbers` and :mod:`evidence.intervals`: middle-dot
decimals, en-dash / hyphen / "to" ranges, Unicode minus, thousands separators, "per cent",
spelled-out numbers, "not reached"/"NR", CI levels other than 95%, bracketed and
parenthesised CIs. Numbers in identifiers, citations and dates are dropped
(:func:`~evidence.noise.is_reference_noise`). The rules, one module each, run in this order
and a number taken by one is not offered to the next:

1. :mod:`evidence.extract.ratios`: hazard, odds and risk ratios with CI and p;
2. :mod:`evidence.extract.medians`: median follow-up, then medians of outcomes;
3. :mod:`evidence.extract.rates`: percentages of a group with a named outcome;
4. :mod:`evidence.extract.counts`: sample sizes, in total and per arm.

Endpoints come from :mod:`evidence.extract.endpoints`, arms from :mod:`evidence.extract.arms` and
:mod:`evidence.extract.groups` (a label that names no document arm but a population, "38% in PDAC"
after "Pts with PDAC, CRC or NSCLC", goes to the finding's ``population`` instead; a study without
two compared arms is read a second time with its cohorts or dose levels in their place, "11.9 mo in
cohort B" giving population "cohort B"), regions (title, background and methods are handled apart)
from :mod:`evidence.extract.context`. Each module's docstring lists its abstentions; the principle
is that a number left out is better than a number given the wrong endpoint or arm, so when a rule
cannot tell, the candidate is dropped. p-values are never findings of their own: they are kept on
the estimate they are printed with.

Ids are ``{source}-{kind}-{n}`` (``pmid-37156782-rate-1``: the key with its ``:`` and other
characters a listing placeholder cannot name turned into ``-``), numbered per kind in reading
order, so two runs on the same text give the same ids.
"""

from __future__ import annotations

from evidence.extract.arms import (
    document_arms,
    document_cohorts,
    names_cohort,
    population_of,
    randomised_between,
    resolve,
    resolve_cohort,
)
from evidence.extract.context import Context, Draft, findings_from, inherit_levels
from evidence.extract.counts import counts
from evidence.extract.endpoints import Endpoints
from evidence.extract.medians import follow_ups, medians
from evidence.extract.rates import rates
from evidence.extract.ratios import ratios
from evidence.extract.registry import extract_registry_results
from evidence.findings import Finding
from evidence.sourcetext import SourceText, snapshot_text

__all__ = ["extract", "extract_registry_results", "extract_text"]


def extract(source: SourceText, *, study: str | None = None) -> list[Finding]:
    """Candidate findings in ``source``, in reading order (see the module docstring)."""
    ctx = Context.build(source)
    endpoints = Endpoints(source.text)
    arms = document_arms(source.text)
    cohorts = document_cohorts(source.text)
    cohorts_only = arms and all(resolve_cohort(a, cohorts) for a in arms)
    if cohorts_only and not randomised_between(source.text, arms):
        arms = []  # "(DL1, n = 20; DL2, n = 22)": dose levels, not compared arms
    drafts = _drafts(ctx, endpoints, arms)
    cohorts = cohorts if len(arms) < 2 else []
    if len(cohorts) >= 2:
        drafts = _with_cohorts(source.text, drafts, _drafts(ctx, endpoints, cohorts), cohorts)
    for draft in drafts:
        if draft.arm and not resolve(draft.arm, arms):  # "38% in PDAC": a subgroup's value
            population = population_of(source.text, draft.arm)
            if population is not None:
                draft.population, draft.arm = population, None
    return findings_from(source, drafts, study=study)


def _drafts(ctx: Context, endpoints: Endpoints, arms: list[str]) -> list[Draft]:
    """The rules in order, each taking the numbers the ones before it left."""
    used: set[int] = set()
    drafts = ratios(ctx, endpoints, arms, used)
    drafts += follow_ups(ctx, arms, used)
    drafts += medians(ctx, endpoints, arms, used)
    drafts += rates(ctx, endpoints, arms, used)
    drafts += counts(ctx, arms, used)
    inherit_levels(ctx, drafts)
    return drafts


def _with_cohorts(
    text: str, drafts: list[Draft], by_cohort: list[Draft], cohorts: list[str]
) -> list[Draft]:
    """A study without two compared arms read again with its cohorts or dose levels in their
    place ("ORR was 71.8% and 69.2% in cohorts A and B, respectively"): a value that reading
    gives a cohort keeps it as its population, not an arm; a value only it reads is added (not
    a cohort's own number: "not reached in cohorts 2 and 3")."""
    for draft in drafts:
        cohort = resolve_cohort(draft.arm, cohorts) if draft.arm else None
        if cohort is not None:  # "18.2 months in cohort 3"
            draft.population, draft.arm = cohort, None
    found = {(d.kind, d.value.start): d for d in drafts}
    for draft in by_cohort:
        cohort = resolve_cohort(draft.arm, cohorts) if draft.arm else None
        if cohort is None or names_cohort(text, draft.value.start):
            continue
        known = found.get((draft.kind, draft.value.start))
        if known is None or known.population not in (None, cohort):
            draft.population, draft.arm = cohort, None  # "NR in both cohorts": one per cohort
            drafts.append(draft)
        elif known.arm is None and known.population is None:
            known.population = cohort
    return drafts


def extract_text(text: str, *, source: str = "text:-", study: str | None = None) -> list[Finding]:
    """Candidate findings in any text (a pasted abstract, a file, stdin), anchored as a snapshot."""
    return extract(snapshot_text(source, text), study=study)
