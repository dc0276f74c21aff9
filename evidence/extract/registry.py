"""Findings from a ClinicalTrials.gov results section, anchored in a rendering of it (pure).

The results are rendered as canonical text, one line per measurement and per analysis, each
outcome measure a section (``PRIMARY OUTCOME 1``, ``SECONDARY OUTCOME 2``...)::

    Outcome: <title>[ | Class: <title>][ | Category: <title>] | Group: <group title> |
        <paramType> <value>[ (<dispersionType> <spread> | <lower>-<upper>)] <unitOfMeasure>
    Analysis: <outcome title> | Groups: <A>, <B> | <paramType> <paramValue>
        (<ciPctValue>% CI <lower>-<upper>, <ciNumSides>) p <pValue>

(each on one line; " to " replaces "-" between limits when one is negative). Every number in
a finding is a slice of that text, so anchors hold as for an abstract; a finding's
``sentence`` is its line. Registry numbers are strings and are parsed exactly (Decimal).

Which measurements become findings:

- ``NUMBER`` with a unit "percentage/percent of participants/subjects/patients": a rate per
  group (arm = group title);
- ``COUNT_OF_PARTICIPANTS``: a count per group;
- ``MEDIAN``: a median per group, with its CI when the dispersion is a confidence interval and
  a time unit when the unit of measure is one;
- analyses whose ``paramType`` is a hazard, odds or risk ratio (or relative risk, rate
  ratio): a ratio with CI level, limits, sidedness and p (comparator split off). The
  direction of the comparison is not recorded structurally, so ``comparison`` stays empty
  and the compared groups go into ``notes``.

Abstentions: means of every sort (mean, LS mean, geometric mean) and differences (there is no
finding kind for a difference; NCT02210780's 90% CIs are on differences), values that are not
numbers ("NA").

Adverse events (``adverseEventsModule``) are rendered after the outcomes, one line per group
total (deaths, serious, other) and per event term and group, as
``Adverse events: <endpoint> | Group: <title> | affected <n> of <N> at risk``; each is a count
finding with ``numerator``/``denominator`` (no rate is derived: the registry prints counts).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from evidence.extract.context import Draft, findings_from
from evidence.findings import Finding, FindingKind
from evidence.numbers import Number, parse_decimal
from evidence.sourcetext import Section, SourceText

_PERCENT_OF_PEOPLE = re.compile(
    r"^\s*(?:percent(?:age)?|%)\s+(?:of\s+)?(?:participants|subjects|patients|people)\b",
    re.IGNORECASE,
)
_RATIO_KINDS = (
    (re.compile(r"hazard", re.IGNORECASE), FindingKind.HAZARD_RATIO),
    (re.compile(r"odds", re.IGNORECASE), FindingKind.ODDS_RATIO),
    (re.compile(r"risk ratio|relative risk|rate ratio", re.IGNORECASE), FindingKind.RISK_RATIO),
)
_TIME_UNITS = {"months": "months", "years": "years", "weeks": "weeks", "days": "days"}


class _Text:
    """The rendering under construction: lines, their offsets and the sections."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.sections: list[Section] = []
        self.lines: list[tuple[int, int]] = []

    def add(self, chunk: str) -> int:
        """Append ``chunk``; its start offset."""
        start = self.position
        self.parts.append(chunk)
        self.position += len(chunk)
        return start

    def number(self, token: str) -> Number | None:
        """Append a registry number string, as a :class:`Number` if it parses."""
        start = self.add(token)
        comparator = None
        match = re.match(r"^\s*(<=|>=|<|>|=|\u2264|\u2265)\s*", token)
        digits = token[match.end() :] if match else token
        if match:
            comparator = {"\u2264": "<=", "\u2265": ">="}.get(match.group(1), match.group(1))
        try:
            value = parse_decimal(digits)
        except ValueError:
            return None
        offset = start + len(token) - len(digits)
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) else 0
        return Number(value, digits, offset, offset + len(digits), decimals, comparator=comparator)

    def end_line(self, line_start: int) -> None:
        """Close the current line."""
        self.lines.append((line_start, self.position))
        self.add("\n")


def extract_registry_results(
    nct_id: str, study_json: Mapping[str, Any]
) -> tuple[SourceText, list[Finding]]:
    """The canonical text of a study's results section and the findings anchored in it."""
    out = _Text()
    drafts: list[Draft] = []
    header = out.add(f"ClinicalTrials.gov results: {nct_id}")
    out.end_line(header)
    out.sections.append(Section("RESULTS", 0, out.position))
    results = study_json.get("resultsSection") or {}
    measures = (results.get("outcomeMeasuresModule") or {}).get("outcomeMeasures") or []
    for index, measure in enumerate(measures, start=1):
        start = out.position
        drafts += _measure(out, measure)
        drafts += _analyses(out, measure)
        label = f"{measure.get('type') or 'OTHER'} OUTCOME {index}"
        out.sections.append(Section(label, start, out.position))
    events = results.get("adverseEventsModule") or {}
    if events:
        start = out.position
        drafts += _adverse_events(out, events)
        out.sections.append(Section("ADVERSE EVENTS", start, out.position))
    source = SourceText(f"nct:{nct_id}", "".join(out.parts), tuple(out.sections))
    found = findings_from(source, drafts)
    return source, [_on_line(finding, source.text, out.lines) for finding in found]


def _measure(out: _Text, measure: Mapping[str, Any]) -> list[Draft]:
    drafts: list[Draft] = []
    title = str(measure.get("title") or "")
    groups = {g.get("id"): str(g.get("title") or g.get("id")) for g in measure.get("groups") or []}
    param = str(measure.get("paramType") or "")
    unit = str(measure.get("unitOfMeasure") or "")
    dispersion = str(measure.get("dispersionType") or "")
    for klass in measure.get("classes") or []:
        for category in klass.get("categories") or []:
            endpoint = " | ".join(
                t for t in (title, klass.get("title"), category.get("title")) if t
            )
            for item in category.get("measurements") or []:
                line = out.add(
                    f"Outcome: {endpoint} | Group: {groups.get(item.get('groupId'), '?')} | "
                )
                estimate = out.add(f"{param} ")
                value = out.number(str(item.get("value")))
                low = high = None
                if item.get("spread") is not None:
                    out.add(f" ({dispersion} ")
                    out.number(str(item["spread"]))
                    out.add(")")
                elif item.get("lowerLimit") is not None and item.get("upperLimit") is not None:
                    out.add(f" ({dispersion} ")
                    low, high = _limits(out, str(item["lowerLimit"]), str(item["upperLimit"]))
                    out.add(")")
                out.add(f" {unit}")
                end = out.position
                out.end_line(line)
                draft = _measurement_draft(param, unit, dispersion, value, low, high)
                if draft is not None:
                    draft.start, draft.end = estimate, end
                    draft.endpoint = endpoint
                    draft.arm = groups.get(item.get("groupId"))
                    drafts.append(draft)
    return drafts


def _measurement_draft(
    param: str,
    unit: str,
    dispersion: str,
    value: Number | None,
    low: Number | None,
    high: Number | None,
) -> Draft | None:
    if value is None:
        return None
    if param == "NUMBER" and _PERCENT_OF_PEOPLE.match(unit):
        return Draft(FindingKind.RATE, 0, 0, dataclasses.replace(value, percent=True), "")
    if param == "COUNT_OF_PARTICIPANTS":
        return Draft(FindingKind.COUNT, 0, 0, value, "")
    if param == "MEDIAN":
        draft = Draft(FindingKind.MEDIAN, 0, 0, value, "", unit=_TIME_UNITS.get(unit.lower()))
        level = re.match(r"\s*(\d+(?:\.\d+)?)\s*%\s*Confidence Interval", dispersion, re.IGNORECASE)
        if level and low is not None and high is not None:
            draft.ci_low, draft.ci_high = low, high
            draft.ci_level = Decimal(level.group(1))
        return draft
    return None


def _analyses(out: _Text, measure: Mapping[str, Any]) -> list[Draft]:
    drafts: list[Draft] = []
    title = str(measure.get("title") or "")
    groups = {g.get("id"): str(g.get("title") or g.get("id")) for g in measure.get("groups") or []}
    for analysis in measure.get("analyses") or []:
        compared = ", ".join(groups.get(g, str(g)) for g in analysis.get("groupIds") or [])
        param = str(analysis.get("paramType") or "")
        line = out.add(f"Analysis: {title} | Groups: {compared} | ")
        estimate = out.add(f"{param} ")
        value = out.number(str(analysis.get("paramValue")))
        low = high = p = None
        level = analysis.get("ciPctValue")
        if analysis.get("ciLowerLimit") is not None and analysis.get("ciUpperLimit") is not None:
            out.add(f" ({level}% CI " if level else " (CI ")
            low, high = _limits(out, str(analysis["ciLowerLimit"]), str(analysis["ciUpperLimit"]))
            sides = analysis.get("ciNumSides")
            out.add(f", {sides})" if sides else ")")
        p_start = None
        if analysis.get("pValue") is not None:
            p_start = out.add(" p ") + 1
            p = out.number(str(analysis["pValue"]))
        end = out.position
        out.end_line(line)
        kind = next((k for pattern, k in _RATIO_KINDS if pattern.search(param)), None)
        if kind is None or value is None:
            continue
        draft = Draft(kind, estimate, end, value, title, ci_low=low, ci_high=high)
        draft.ci_level = parse_decimal(str(level)) if level and low is not None else None
        draft.sidedness = {"ONE_SIDED": 1, "TWO_SIDED": 2}.get(str(analysis.get("ciNumSides")))
        if p is not None and p_start is not None:
            draft.p = p
            draft.p_verbatim = "".join(out.parts)[p_start:end]
        draft.notes.append(f"groups compared: {compared}")
        drafts.append(draft)
    return drafts


_GROUP_TOTALS = (
    ("deaths", "all-cause deaths"),
    ("serious", "serious adverse events"),
    ("other", "other (not serious) adverse events"),
)


def _adverse_events(out: _Text, events: Mapping[str, Any]) -> list[Draft]:
    """Participants affected per group: totals, then each serious and other event term.

    Each becomes a count with the number at risk as its denominator; no rate is derived
    (the registry prints counts, and a finding holds only what the source printed).
    """
    groups = {g.get("id"): g for g in events.get("eventGroups") or []}
    titles = {gid: str(g.get("title") or gid) for gid, g in groups.items()}
    drafts: list[Draft] = []
    for gid, group in groups.items():
        for key, endpoint in _GROUP_TOTALS:
            draft = _affected(
                out,
                endpoint,
                titles[gid],
                group.get(f"{key}NumAffected"),
                group.get(f"{key}NumAtRisk"),
            )
            if draft is not None:
                drafts.append(draft)
    for key, label in (
        ("seriousEvents", "serious adverse event"),
        ("otherEvents", "adverse event"),
    ):
        for event in events.get(key) or []:
            endpoint = f"{label}: {event.get('term')} ({event.get('organSystem')})"
            for stat in event.get("stats") or []:
                draft = _affected(
                    out,
                    endpoint,
                    titles.get(stat.get("groupId"), "?"),
                    stat.get("numAffected"),
                    stat.get("numAtRisk"),
                )
                if draft is not None:
                    drafts.append(draft)
    return drafts


def _affected(out: _Text, endpoint: str, group: str, affected: Any, at_risk: Any) -> Draft | None:
    if not isinstance(affected, int) or not isinstance(at_risk, int):
        return None
    line = out.add(f"Adverse events: {endpoint} | Group: {group} | affected ")
    start = out.position
    value = out.number(str(affected))
    out.add(" of ")
    out.number(str(at_risk))
    out.add(" at risk")
    end = out.position
    out.end_line(line)
    if value is None:
        return None
    draft = Draft(FindingKind.COUNT, start, end, value, endpoint, arm=group)
    draft.numerator, draft.denominator = affected, at_risk
    return draft


def _limits(out: _Text, lower: str, upper: str) -> tuple[Number | None, Number | None]:
    low = out.number(lower)
    out.add(" to " if lower.startswith("-") or upper.startswith("-") else "-")
    return low, out.number(upper)


def _on_line(finding: Finding, text: str, lines: Sequence[tuple[int, int]]) -> Finding:
    """The finding with its line as the sentence."""
    start = finding.anchor.span.start
    line = next((text[a:b] for a, b in lines if a <= start < b), None)
    if line is None:
        return finding
    span = dataclasses.replace(finding.anchor.span, sentence=line)
    return dataclasses.replace(finding, anchor=dataclasses.replace(finding.anchor, span=span))
