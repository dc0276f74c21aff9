"""Hazard, odds and risk ratios with their intervals and p-values (pure).

A ratio is a label followed by its value:

- labels: hazard ratio, odds ratio, risk ratio, relative risk, rate ratio (a rate ratio or
  incidence rate ratio is kept as ``risk-ratio`` with a note), with optional adjusted/pooled/
  stratified...; abbreviations HR, aHR, OR, aOR, RR, IRR (case-sensitive), also with a
  subscript that lost its markup before "=" ("ORQ3=4.15", "HRadj = 0.8");
- between label and value: a bracketed definition ("[aHR]", "(OR)"), the comparator ("HRs
  vs F were", "the hazard ratio (HR) versus chemotherapy alone was"), "for/of <endpoint>"
  ("hazard ratio for death, 0.63", "relative risk of death was 0.80", and before a decimal
  with nothing between, "HR for death 0·66"), a CI header ("HRs (95% CIs):"), and ``: = ,``
  or "was", "of";
- after the value: its CI (see :func:`evidence.extract.context.attach`; a bare bracketed
  pair is taken as the CI, with the header's level or none), then a p-value;
- a list continues the label: "1.03 (1.01, 1.04), 1.02 (1.01, 1.03), and ..." under a header,
  "0.36 (95% CI ...) for A versus B and 0.83 (95% CI ...)", "0.97 (0.83 to 1.13) and for B
  1.16 (0.99 to 1.36)", "OR 3.5 and 4.6, respectively";
- an estimate printed without a label, with its CI, in a bracket right after the two per-arm
  values it compares (BMJ and Lancet shorthand: "overall survival was 82.6% v 83.1% (1.02,
  0.90 to 1.16)") takes the kind of the last labelled ratio in its sentence or the one before;
  it is left out with no labelled ratio there, when it is not within a factor of 1.5 of a
  ratio of the two values (a difference, "12.1% v 9.0% (3.1, 0.5 to 5.7)"), or when its own
  sentence names no endpoint.

Abstentions: no value right after the label ("ORs and 95% CIs were calculated"); a percent
or a value with a unit; a design figure ("power to detect a hazard ratio of 0.70": detect,
power, assume, hypothesis, expected, target, margin before the label); an abbreviation the
text defines as something else ("heart rate (HR)"); a label in a skipped or methods region;
no endpoint in the sentence (a named one, or an event whose rates it printed, see
:mod:`evidence.extract.events`) or the one before it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from evidence.extract.arms import sentence_pair
from evidence.extract.context import (
    RESPECTIVELY_NEXT,
    RUN_START,
    Attachment,
    Context,
    Draft,
    attach,
    suffix_end,
)
from evidence.extract.endpoints import Endpoints
from evidence.extract.events import event
from evidence.extract.rates import fraction
from evidence.findings import FindingKind
from evidence.intervals import CI_LABEL
from evidence.numbers import Number, parse_decimal

_QUALIFIER = (
    r"(?:(?:adjusted|unadjusted|pooled|stratified|multivariate|multivariable|crude|overall"
    r"|subdistribution|cause[- ]specific|common)[ -])?"
)
_LABEL = re.compile(
    rf"(?:(?P<hr>(?i:{_QUALIFIER}hazards?[- ]ratios?)|(?<![\w-])(?:a|adj|s)?HRs?)"
    rf"|(?P<or>(?i:{_QUALIFIER}odds[- ]ratios?)|(?<![\w-])(?:a|adj|common[ ])?ORs?)"
    rf"|(?P<rr>(?i:{_QUALIFIER}(?:relative[- ]risks?|risk[- ]ratios?|(?P<rate>(?:incidence[- ])?"
    r"rate[- ]ratios?)))|(?<![\w-])(?:a|adj)?(?:RRs?|(?P<irr>IRRs?))))"
    r"(?P<sub>[A-Za-z0-9]{1,4}(?=[ \u00a0]*[=:]))?(?![\w])"
)
_AFTER_LABEL = re.compile(
    r"(?:[ \u00a0]*[\[(](?:a|adj)?(?:HR|OR|RR|IRR)s?[\])])?"
    r"(?:[ \u00a0]+(?:vs\.?|versus)[ \u00a0]+[A-Za-z][^\d();\[\],:=]{0,40}?"  # "HRs vs F were"
    r"(?=[ \u00a0]*(?:,|:|=|\bwas\b|\bwere\b)))?"
    r"(?:[ \u00a0]+(?:for|of)[ \u00a0]+(?P<fx>[A-Za-z][^\d();\[\]]{2,100}?)(?=[ \u00a0]*(?:,|:|="
    r"|\bwas\b|\bwere\b|\bof\b|\bis\b)|[ \u00a0]+\d+[.\u00b7]\d))?"
    rf"(?:[ \u00a0]*[\[(][ \u00a0]*{CI_LABEL}[ \u00a0]*[\])])?"
    r"[ \u00a0]*(?:[:=,]|\bwas\b|\bwere\b|\bis\b|\bof\b)?[ \u00a0]*(?:\bwas\b|\bof\b)?[ \u00a0]*"
    r"(?=[\d.\u00b7\u2212-])"  # a value next: "for GVHD, relapse, or death, 0.59" backtracks
)
_FX_LIST = re.compile(r",[ \u00a0]*(?:or|and)[ \u00a0]+[^,]+$")  # "GVHD, relapse, or death"
_DESIGN = re.compile(
    r"\b(?:detect|power|assum|hypothes|expected|target|margin|non-?inferiority)", re.IGNORECASE
)
_KINDS = {
    "hr": FindingKind.HAZARD_RATIO,
    "or": FindingKind.ODDS_RATIO,
    "rr": FindingKind.RISK_RATIO,
}
_WORD_OF = {"hr": "hazard", "or": "odds", "rr": "ris"}
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,|;|and|, and)[ \u00a0]*")
_FOR_GAP = re.compile(
    r"[ \u00a0]*(?:for|in|with)[ \u00a0][^\d;()\[\]]{1,100}?[ \u00a0](?:and|,)[ \u00a0]+"
)
_AND_FOR_GAP = re.compile(  # "0.97 (0.83 to 1.13) and for FOLFOX 1.16 (0.99 to 1.36)"
    r"[ \u00a0]*,?[ \u00a0]*and[ \u00a0]+(?:for|in|with)[ \u00a0][^\d;()\[\]]{1,60}?[ \u00a0]+"
)
_COORDINATED = re.compile(
    r"\)[ \u00a0]*(?:,[ \u00a0]*)?(?:and|or)[ \u00a0]+"
    r"(?P<x>[A-Za-z][\w-]*(?:[ \u00a0][A-Za-z][\w-]*){0,3})[ \u00a0]*\([^()]{0,30}$"
)


def _redefined(group: str, label: str, endpoints: Endpoints) -> bool:
    """True when the text defines this abbreviation as something that is not this ratio."""
    core = re.sub(r"^(?:a|adj|s)|s$", "", label)
    long_form = endpoints.abbreviations.get(core) or endpoints.abbreviations.get(label)
    if long_form is None or not label[:1].isalpha() or " " in label:
        return False
    return _WORD_OF[group] not in long_form.lower()


def ratios(ctx: Context, endpoints: Endpoints, arms: list[str], used: set[int]) -> list[Draft]:
    """Every ratio estimate in the text (see the module docstring for the rules)."""
    drafts: list[Draft] = []
    for match in _LABEL.finditer(ctx.text):
        group = next(g for g in ("hr", "or", "rr") if match.group(g))
        if ctx.region(match.start()) != "results" or _redefined(group, match.group(), endpoints):
            continue
        after = _AFTER_LABEL.match(ctx.text, match.end())
        if after is None:  # no value after the label ("ORs and 95% CIs were calculated")
            continue
        value = ctx.next_number(after.end())
        if value is None or value.start != after.end() or not _is_ratio_value(value):
            continue
        if value.start in used:
            continue
        s_start, s_end = ctx.sentence(match.start())
        if _DESIGN.search(ctx.text, max(s_start, match.start() - 80), match.start()):
            continue
        fx = after.group("fx")
        if fx and "," in fx and not _FX_LIST.search(fx):
            continue  # "for progression or death, as assessed by BICR, was": not one endpoint
        endpoint = _endpoint(ctx, endpoints, arms, match.start(), fx)
        if endpoint is None:
            continue
        level = parse_decimal(after.group("level")) if after.group("level") else None
        kind = _KINDS[group]
        notes = ("printed as a rate ratio",) if match.group("rate") or match.group("irr") else ()
        chain = _chain(ctx, value, level, s_end)
        for i, (number, attachment) in enumerate(chain):
            start = match.start() if i == 0 else number.start
            draft = Draft.estimate(
                kind,
                (start, attachment.end),
                number,
                endpoint,
                attachment,
                with_p=True,
                notes=notes,
            )
            pair = sentence_pair(ctx.text, attachment.end, s_end)
            if pair is not None:
                draft.comparison = f"{pair[0]} vs {pair[1]}"
            drafts.append(draft)
            used.update(n.start for n in ctx.numbers_between(start, attachment.end))
    drafts += _unlabelled(ctx, endpoints, arms, used, drafts)
    return drafts


_PAIR_JOIN = re.compile(r"[ \u00a0]*(?:v\.?|vs\.?|versus|and|compared[ \u00a0]+with)[ \u00a0]+")
_OPEN = re.compile(rf"{RUN_START}[ \u00a0]*\([ \u00a0]*")
_CLOSED = re.compile(r"[ \u00a0]*[)\];]")


def _unlabelled(
    ctx: Context, endpoints: Endpoints, arms: list[str], used: set[int], labelled: list[Draft]
) -> list[Draft]:
    """Estimates printed without a label right after the pair they compare (module docstring)."""
    drafts: list[Draft] = []
    text = ctx.text
    for match in _OPEN.finditer(text):
        value = ctx.next_number(match.end())
        if value is None or value.start != match.end() or not _is_ratio_value(value):
            continue
        if value.start in used or ctx.region(value.start) != "results":
            continue
        s_start = ctx.sentence(value.start)[0]
        previous = ctx.previous_sentence(value.start)
        near = previous[0] if previous is not None else s_start  # this or the previous sentence
        kind = next(
            (d.kind for d in reversed(labelled) if near <= d.start and d.end <= match.start()), None
        )
        before = ctx.numbers_between(s_start, match.start())
        if kind is None or len(before) < 2 or not _compared_pair(text, before[-2], before[-1]):
            continue
        if suffix_end(text, before[-1]) != match.start():
            continue
        attachment = attach(ctx, value, bare_ok=True)
        closed = text[attachment.end - 1] in ")]" or _CLOSED.match(text, attachment.end)
        if attachment.ci_low is None or not closed:
            continue  # "(1.02, 0.90 to 1.16)": the bracket holds the estimate and its CI only
        if not _plausible(value, before[-2], before[-1]):
            continue  # "12.1% v 9.0% (3.1, 0.5 to 5.7)": a difference, not a ratio
        endpoint = _endpoint(ctx, endpoints, arms, before[-2].start, None, previous=False)
        if endpoint is None:
            continue
        draft = Draft.estimate(
            kind, (value.start, attachment.end), value, endpoint, attachment, with_p=True
        )
        draft.notes.append(f"printed without a label; read as a {kind.value}, as the one before")
        drafts.append(draft)
        used.update(n.start for n in ctx.numbers_between(value.start, attachment.end))
    return drafts


def _plausible(estimate: Number, first: Number, second: Number) -> bool:
    """The estimate lies within a factor of 1.5 of a ratio of the two values it compares (of
    the shares, or of their complements: a hazard ratio for death beside survival rates), so a
    difference printed the same way ("12.1% v 9.0% (3.1, 0.5 to 5.7)") is not read as one."""
    a, b, x = first.value, second.value, estimate.value
    if a is None or b is None or x is None or a <= 0 or b <= 0 or x <= 0:
        return False
    ratios = [a / b, b / a]
    if first.percent and a < 100 and b < 100:
        ratios += [(100 - a) / (100 - b), (100 - b) / (100 - a)]
    return any(max(r / x, x / r) <= Decimal("1.5") for r in ratios)


def _compared_pair(text: str, first: Number, second: Number) -> bool:
    """Two values of the same shape joined as a comparison: "82.6% v 83.1%", "14 vs 9 months"."""
    if first.percent != second.percent or (first.unit or second.unit) not in (None, second.unit):
        return False
    return _PAIR_JOIN.fullmatch(text, suffix_end(text, first), second.start) is not None


def _is_ratio_value(number: Number) -> bool:
    return (
        number.value is not None
        and not number.percent
        and number.unit is None
        and number.value >= 0
        and number.comparator in (None, "=")
    )


def _chain(
    ctx: Context, value: Number, level: Decimal | None, stop: int
) -> list[tuple[Number, Attachment]]:
    """The value with its attachment, and the values that continue it as a list."""
    first = attach(ctx, value, header_level=level, bare_ok=True, limit=stop)
    chain: list[tuple[Number, Attachment]] = [(value, first)]
    end = first.end
    has_ci = first.ci_low is not None
    while True:
        following = ctx.next_number(end)
        if following is None or following.start >= stop or not _is_ratio_value(following):
            break
        listed = _LIST_GAP.fullmatch(ctx.text, end, following.start)
        named = _FOR_GAP.fullmatch(ctx.text, end, following.start) or _AND_FOR_GAP.fullmatch(
            ctx.text, end, following.start
        )
        if not (listed or (named and has_ci)):
            break
        attachment = attach(ctx, following, header_level=level, bare_ok=True, limit=stop)
        if has_ci != (attachment.ci_low is not None):
            break
        if not has_ci and not (listed and RESPECTIVELY_NEXT.match(ctx.text, attachment.end)):
            break
        chain.append((following, attachment))
        end = attachment.end
    return chain


def _endpoint(
    ctx: Context,
    endpoints: Endpoints,
    arms: list[str],
    position: int,
    named: str | None,
    *,
    previous: bool = True,
) -> str | None:
    """The endpoint a ratio reports: "for X" after its label, else the nearest phrase before,
    else the event whose rates the sentence printed before it, else (with ``previous``) the
    previous sentence's."""
    if named:
        return endpoints.normal(named)
    s_start, _ = ctx.sentence(position)
    phrase = endpoints.before(position, s_start)
    coordinated = _COORDINATED.search(ctx.text, s_start, position)
    if (
        coordinated is not None
        and phrase is not None
        and phrase.end <= coordinated.start()
        and re.fullmatch(r"[ \u00a0]*\([^()]*", ctx.text[phrase.end : coordinated.start()])
    ):
        return endpoints.normal(coordinated.group("x"))  # "risks of PD (...) and FD (...)"
    if phrase is None:
        shares = [n for n in ctx.numbers_between(s_start, position) if n.percent]
        start = fraction(ctx, shares[0])[2] if shares else position  # "in 412 patients (5.8%)"
        named_event = event(ctx, start, (s_start, position), arms)  # or "was reduced (HR"
        if named_event:  # "CMV reactivation occurred in 38.6% vs 32.1% (odds ratio 1.34 ..."
            return endpoints.normal(named_event.name)
        before = ctx.previous_sentence(position) if previous else None
        if before is not None and ctx.region(before[0]) == ctx.region(position):
            phrase = endpoints.before(before[1], before[0])
    return endpoints.normal(phrase.text) if phrase else None
