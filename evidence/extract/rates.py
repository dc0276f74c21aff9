"""Percentages of a group with an outcome ("44.1% vs 28.5%", "1226 (13.0%) patients died").

A percentage is a rate when a **named endpoint** (see :mod:`evidence.extract.endpoints`)
or an event the clause names governs it, looked for in this order:

0. right after it, as "<endpoint> rate": "a 43% adherence rate", "a 30% response rate";
1. after it (or right after the group's last value and its "of patients"), through a verb:
   "(13.0%) patients died", "82% of infants responded", "(54%) had a complete response" (died,
   responded, relapsed, progressed, had, experienced, developed, achieved, reported,
   discontinued, within 50 characters); with no named endpoint after it, an outcome verb
   names the outcome itself ("10.8% versus 1.9% discontinued" is discontinuation, "died"
   death), and one followed by "because of / due to" an endpoint is that outcome due to it
   ("discontinuation due to toxicity");
2. the named endpoint nearest before it in the same sentence, within 100 characters and with
   no other reported value (a percentage or a decimal without a time unit) between them
   ("3-year PFS rates of 40.9%", "febrile neutropenia (39.2%)", "re-intervention rate at 5
   years was 33%", "EFS for stage 2 disease was 87%"); with "respectively", a coordination
   of as many named endpoints as values gives one endpoint per value ("rates for
   locoregional failure and overall survival were 1.5% and 91%, respectively").

3. for values whose arms are all known (or a single value in a text without two arms), an
   event the clause names without the vocabulary: "atrial fibrillation occurred in 6.4% vs
   2.5%", "most commonly hypertension (19.0 per cent)" (see :mod:`evidence.extract.events`).

Each rate carries the time point its clause prints (:mod:`evidence.extract.timepoints`). In a
text with fewer than two arms, values of one endpoint at as many time points ("the 1-year and
2-year OS rates were 87.5 per cent and 58.9 per cent, respectively") need no arms.

Values printed together form a group and get arms by :mod:`evidence.extract.groups`
("63% (95/151) with A versus 41% (61/149) with B", "45 of 100 patients (45%) in the A group
and 30 of 100 (30%) in the B group", "26.6% and 53.3% ... in the A and B groups,
respectively"). "N (x%)", "N of M (x%)", "N/M (x%)", "N out of M (x%)", "N (x%) of M" and
"x% (N/M)" give numerator and denominator.

A percentage in a bracket "(grade >=3, 2.3%)" right after a rate is the share of that rate's
event at that grade, with the same arm ("grade >=3 cytokine release syndrome"); a pair in it
after a pair of rates, "41.2% vs 30.4% (grade >=3: 9.3% vs 5.0%)", takes their arms in order.

Abstentions: percentages in a clause about demographics ("median age", "were men", "baseline
characteristics"); a maturity or information fraction ("(37% maturity)"); percentages that are
CI bounds or levels; with a comparator or after "more than", "less than", "at least", "up to",
"over", "by" (but "reached/achieved/attained/met by 30%" is a rate, and so is "X by 30%" in a later
clause with no verb of its own, which leaves out the sentence's "achieved"); changes ("30%
reduction", "increased by 30%"); "x% of" followed by something other than participants ("17% of
the dose"); a "mean" between the endpoint and the value; no named endpoint or event; skipped and
Methods regions; unassigned values of a group of two or more.
"""

from __future__ import annotations

import re

from evidence.extract.context import RESPECTIVELY_LATER, Context, Draft, last_match, suffix_end
from evidence.extract.endpoints import Endpoints, Phrase
from evidence.extract.events import BY_VERBS, STOPPED_VERBS, event
from evidence.extract.groups import Group, Member, assign, build
from evidence.extract.people import PEOPLE, of_other_than_people, of_people
from evidence.extract.timepoints import timepoints
from evidence.findings import FindingKind
from evidence.numbers import Number

_CHANGE_AFTER = re.compile(
    r"[ \u00a0]*(?:relative[ \u00a0]+|absolute[ \u00a0]+)?(?:reduction|increase|decrease|lower"
    r"|higher|improvement|decline|rise|drop|fewer|more|less|greater|power|CIs?|confidence"
    r"|maturity|information|threshold|cut-?off|boundary)\b",
    re.IGNORECASE,
)
_BEFORE_BOUND = re.compile(
    r"(?:more than|less than|at least|up to|over|under|exceeding|above|below|from"
    rf"|{''.join(f'(?<!{verb} )' for verb in (*BY_VERBS, *STOPPED_VERBS))}by)"
    r"[ \u00a0]*$"
    r"|(?<!dose )(?:reduction|increase|decrease|change|difference|improvement)"  # "dose reduction"
    r"[ \u00a0]+(?:of|by|in)[ \u00a0]*$",  # is an event
    re.IGNORECASE,
)
_ACHIEVED_BY = re.compile(r"\b(?:reached|achieved|attained)[ \u00a0]+by\b", re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r"[,;]|\band\b")
_CHANGE_VERB = re.compile(r"\b(?:\w{3,}ed|fell|rose|dropped|grew|shrank)\b", re.IGNORECASE)
_VERBS = (
    r"(?P<verb>died|responded|relapsed|progressed|had|experienced|developed|achieved|reported"
    r"|discontinued|attained|reached|survived)\b"
)
_VERB_AFTER = re.compile(rf"[^\d;]{{0,50}}?\b{_VERBS}", re.IGNORECASE)
_VERB_RIGHT_AFTER = re.compile(  # "x% vs y% (of patients) died": the verb of the whole group
    rf"(?:[ \u00a0]*\))?(?:[ \u00a0]++(?:of[ \u00a0]+(?:the[ \u00a0]+)?)?{PEOPLE})?"
    rf"[ \u00a0]++{_VERBS}",  # possessive space runs ("++"): a long run of spaces is no trap
    re.IGNORECASE,
)
_OUTCOME_VERBS = {
    "died": "death",
    "responded": "response",
    "relapsed": "relapse",
    "progressed": "progression",
    "discontinued": "discontinuation",
    "survived": "survival",
}
"""Verbs that name their outcome when no named endpoint follows them."""
_CAUSE = re.compile(
    r"[ \u00a0]+(?:(?:the[ \u00a0]+)?(?:study[ \u00a0]+)?(?:treatment|therapy|drug)[ \u00a0]+)?"
    r"(?:because[ \u00a0]+of|due[ \u00a0]+to|owing[ \u00a0]+to)[ \u00a0]+(?:an?[ \u00a0]+)?",
    re.IGNORECASE,
)
_OPEN = re.compile(  # "9 patients (12%)", "17 [21%]", not "3 AEs were neutropenia (29%)"
    r"[ \u00a0]*(?:(?!(?:was|were|is|are)\b)[A-Za-z][\w-]*[ \u00a0]+){0,3}[(\[][ \u00a0]*"
)
_LEVEL_BEFORE = re.compile(  # "grade 3", "week 24", "stage 2", "cycle 3": not a count
    r"\b(?:grades?|gr|G|stages?|levels?|weeks?|wk|days?|cycles?|months?|years?|cohorts?)"
    r"[ \u00a0]*[\u2265\u2264<>]?=?[ \u00a0]*$",
    re.IGNORECASE,
)
_RUN = re.compile(r"[ \u00a0]*(?:[-\u2013/]|or|to|and)[ \u00a0]*")
_OF = re.compile(r"[ \u00a0]*(?:of|out of|/)[ \u00a0]*")
_CLOSE = re.compile(r"[ \u00a0]*[)\]]")
_OF_TOTAL = re.compile(r"%?[ \u00a0]*[)\]][ \u00a0]+of[ \u00a0]+")
_REACH = 100
_RATE_AFTER = re.compile(r"[ \u00a0]*")
_MEAN = re.compile(r"\bmeans?\b", re.IGNORECASE)
_GRADE_BRACKET = re.compile(
    r"[ \u00a0]*\([ \u00a0]*(?P<grade>grade[ \u00a0]*(?:[\u2265>]=?[ \u00a0]*)?\d"
    r"(?:[ \u00a0]*(?:[\u2013/-]|or|to)[ \u00a0]*\d)?(?:[ \u00a0]+or[ \u00a0]+higher)?)"
    r"[ \u00a0]*[,:][ \u00a0]*",
    re.IGNORECASE,
)
_GRADE_JOIN = re.compile(r"[ \u00a0]*(?:vs\.?|versus|v\.?|and)[ \u00a0]+")
_GRADE_END = re.compile(r"[ \u00a0]*[);,]")
_DEMOGRAPHIC = re.compile(
    r"\b(?:median|mean)[ \u00a0]+age\b|\bwere[ \u00a0]+(?:men|women|male|female|boys|girls)\b"
    r"|\bbaseline[ \u00a0]+characteristics\b",
    re.IGNORECASE,
)


def rates(ctx: Context, endpoints: Endpoints, arms: list[str], used: set[int]) -> list[Draft]:
    """Every percentage of a group with a named outcome (see the module docstring)."""
    parts = ctx.interval_parts()
    drafts: list[Draft] = []
    seen: set[int] = set()
    last: tuple[Group, str] | None = None  # the previous group and its endpoint
    for number in ctx.numbers:
        if number.start in seen or not _candidate(ctx, number, parts, used):
            continue
        if drafts and (graded := _graded(ctx, number, drafts)):
            drafts.extend(graded)  # "occurred in 54.7% (grade >=3, 2.3%)"
            used.update(d.value.start for d in graded)
            seen.update(d.value.start for d in graded)
            continue
        sentence = ctx.sentence(number.start)
        clause = ctx.clause(number.start)
        if _DEMOGRAPHIC.search(ctx.text, *clause):
            continue  # "median age was 64 years, 81 per cent were men and 62 per cent had ..."
        group = build(  # an arm label before the values stands in their clause
            ctx,
            number,
            lambda n: _candidate(ctx, n, parts, used),
            arms,
            floor=clause[0],
            stop=sentence[1],
        )
        seen.update(m.number.start for m in group.members)
        members = group.members
        per_arm = group.paired or any(m.arm or m.weak for m in members)
        times = timepoints(
            ctx, members[0].number.start, group.end, len(members), listed_ok=not per_arm
        )
        names = _endpoints(ctx, endpoints, group, sentence)
        if names is None:
            names = _event(ctx, endpoints, group, arms, sentence) or _carried(
                ctx, endpoints, last, group, arms, sentence
            )
            if names is None:
                continue
        elif len(set(names)) == 1 and not assign(ctx, group, arms, sentence):
            if len(arms) >= 2 or len(set(times)) < len(members) or None in times:
                continue  # values of one endpoint need arms, or time points in one arm
        for member, name, time in zip(members, names, times, strict=True):
            drafts.append(_draft(ctx, member, name))
            drafts[-1].timepoint = time
            used.update(n.start for n in ctx.numbers_between(member.number.start, member.body_end))
        last = (group, names[-1])
    return drafts


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_OWN_VERB = re.compile(
    r"(?<!\bit )(?<!\bthey )(?<!\bthis )\b(?:was|were|is|are|had|has|occurred|reported"
    r"|administered|observed|seen|recorded|achieved|received|developed|experienced|required)\b",
    re.IGNORECASE,
)
_SAME = r"the[ \u00a0]+corresponding[ \u00a0]+[^\d.:;,]{1,40}?[ \u00a0]+(?:was|were)"
"""'the corresponding rates (in bone marrow) were': the previous values' endpoint."""
_CARRY_GAP = re.compile(  # "... in A and", "..., whereas in B it was", "; in C (n=102), it was"
    r"[^\d.:]{0,80}?(?:\band\b|\bwhereas\b|\bwhile\b|\bbut\b|;)[ \u00a0,]*"
    r"(?:(?:in|among|for|at|within)\b(?:[^\d.:;,]|(?<=[A-Za-z])\d){0,60})?"  # "in PIK3CA ..."
    rf"(?:[ \u00a0,]*(?:it|they|this|these)[ \u00a0]+(?:was|were|is|are)|[ \u00a0,]*{_SAME})?"
    r"[ \u00a0,]*",
    re.IGNORECASE,
)
_CORRESPONDING = re.compile(rf"\b{_SAME}\b", re.IGNORECASE)  # its "were" is no verb of its own
_PREDICATE_END = re.compile(r"[^,;.()]*")


def _carried(
    ctx: Context,
    endpoints: Endpoints,
    last: tuple[Group, str] | None,
    group: Group,
    arms: list[str],
    sentence: tuple[int, int],
) -> list[str] | None:
    """The previous group's endpoint for as many values printed after it in the sentence with words
    between that go on with "and", "whereas", "while", "but" or ";" and then only the value,
    a subgroup ("in", "among", "for", "at" and words) and "it was" / "they were" or "the
    corresponding rates (in bone marrow) were" (a bracketed ratio or "(n=87)" aside), no
    endpoint named there, and no verb of their own after the values: "ORR was 63.7% versus
    45.6% in BRAF-mutant and 55.1% versus 40.8% in wild-type patients"; not "; stomatitis
    (61% vs 9%)", "and in those with brain metastases, intracranial control 60% vs 40%" or
    "and at one year, 60% vs 40% were alive", which name something else. The values keep no
    subgroup: a finding has no field for one yet."""
    if last is None or len(last[0].members) != len(group.members):
        return None
    start, end = last[0].end, group.members[0].number.start
    if not sentence[0] <= start < end or endpoints.named_between(start, end):
        return None
    gap = _BRACKETED.sub(" ", ctx.text[start:end])
    if not _CARRY_GAP.fullmatch(gap) or _OWN_VERB.search(_CORRESPONDING.sub(" ", gap)):
        return None  # "; radiotherapy was administered to 9% and 18%" has a subject of its own
    after = _PREDICATE_END.match(ctx.text, group.end, sentence[1])
    if after is not None and (_VERB_AFTER.match(after.group()) or _OWN_VERB.search(after.group())):
        return None  # "and 10.8% versus 1.9% discontinued", "60% vs 40% were alive": their own
    if not _armed(ctx, group, arms, sentence):
        return None
    return [last[1]] * len(group.members)


def _candidate(ctx: Context, number: Number, parts: set[int], used: set[int]) -> bool:
    if not number.percent or number.value is None or number.comparator is not None:
        return False
    if number.start in parts or number.start in used or ctx.region(number.start) != "results":
        return False
    text = ctx.text
    end = text.find("%", number.end, number.end + 3)
    end = end + 1 if end >= 0 else number.end
    if _CHANGE_AFTER.match(text, end):
        return False
    bound = _BEFORE_BOUND.search(text, max(0, number.start - 30), number.start)
    if bound is not None and not _elided_by(ctx, bound):
        return False
    return not of_other_than_people(text, end)


def _elided_by(ctx: Context, bound: re.Match[str]) -> bool:
    """A bare "by" whose "achieved by" stands earlier in the sentence: "RBC-TI was achieved by
    40% and 16%, and 24-week RBC-TI by 28% and 9%" (not a change "by 30%")."""
    if bound.group().strip(" \u00a0").lower() != "by":
        return False
    start = ctx.sentence(bound.start())[0]
    verb = last_match(_ACHIEVED_BY.finditer(ctx.text, start, bound.start()))
    if verb is None:
        return False
    clause = last_match(_CLAUSE_JOIN.finditer(ctx.text, verb.end(), bound.start()))
    return clause is not None and not _CHANGE_VERB.search(ctx.text, clause.end(), bound.start())


def _endpoints(
    ctx: Context, endpoints: Endpoints, group: Group, sentence: tuple[int, int]
) -> list[str] | None:
    """One endpoint per value of the group, or None (abstain)."""
    first = group.members[0].number
    text = ctx.text
    named = endpoints.named_between(group.end, min(group.end + 80, sentence[1]))
    if named and _RATE_AFTER.fullmatch(text, group.end, named[0].start):
        if re.search(r"\brates?$", named[0].text, re.IGNORECASE):  # "a 43% adherence rate"
            return [endpoints.normal(named[0].text)] * len(group.members)
    adjacent = _VERB_RIGHT_AFTER.match(text, group.end, sentence[1])
    after = _VERB_AFTER.match(text, group.members[0].attachment.end, sentence[1]) or adjacent
    if after is not None:
        window = endpoints.named_between(after.start(), min(after.end() + 60, sentence[1]))
        # the verb names the outcome only when it is the values' own ("x% vs y% died"), not a
        # relative clause's ("30% in patients whose disease progressed after chemotherapy")
        outcome = _OUTCOME_VERBS.get(adjacent["verb"].lower()) if adjacent else None
        if window and window[0].start <= after.end() + 20:
            name = endpoints.normal(window[0].text)
            if outcome and name.lower() == after["verb"].lower():
                name = outcome  # "12.0% and 8.1% died": death
            if outcome and _CAUSE.fullmatch(text, after.end(), window[0].start):
                name = f"{outcome} due to {name}"  # "discontinued because of toxicity"
            return [name] * len(group.members)
        if outcome is not None:  # "10.8% versus 1.9% discontinued"
            return [outcome] * len(group.members)
    phrase = endpoints.before(first.start, sentence[0], strong_only=True)
    if phrase is None or _MEAN.search(text, phrase.start, first.start):
        return None
    prefix = fraction(ctx, first)[2]
    if first.start - phrase.end > _REACH or any(
        _reported(n) for n in ctx.numbers_between(phrase.end, prefix)
    ):
        return None  # too far, or another reported value stands between
    if len(group.members) > 1 and RESPECTIVELY_LATER.match(text, group.end):
        listed = _coordinated(ctx, endpoints, phrase, sentence[0])
        if len(listed) == len(group.members):
            return [endpoints.normal(p.text) for p in listed]
    return [endpoints.normal(phrase.text)] * len(group.members)


def _graded(ctx: Context, number: Number, drafts: list[Draft]) -> list[Draft]:
    """The shares of the last rates' event at a grade, printed in a bracket right after them
    (or after their "of patients"): "CRS occurred in 54.7% (grade >=3, 2.3%)" gives "grade >=3
    cytokine release syndrome", same arm; "41.2% vs 30.4% (grade >=3: 9.3% vs 5.0%)" gives
    one per arm, in order. A bracket that holds fewer values than the group before it (whose
    share is one value after a pair?) or more gives none."""
    last = drafts[-1]
    text = ctx.text
    after = of_people(text, last.end) or last.end  # "74% of pts (grade >=3, 3%)"
    bracket = _GRADE_BRACKET.fullmatch(text, after, number.start)
    if bracket is None:
        return []
    values = [number]
    while (following := ctx.next_number(suffix_end(text, values[-1]))) is not None:
        if not following.percent or not _GRADE_JOIN.fullmatch(
            text, suffix_end(text, values[-1]), following.start
        ):
            break
        values.append(following)
    if not _GRADE_END.match(text, suffix_end(text, values[-1])):
        return []  # "(grade >=3: 9.3% vs 5.0% and 2.1%)"
    owners = drafts[-len(values) - 1 :]
    if len(owners) > len(values) and _same_group(ctx, owners[0], owners[1]):
        return []  # "37.5% vs 20.1% of pts (grade 3, 1.4%)": whose 1.4%?
    owners = owners[-len(values) :]
    if len(owners) != len(values) or len({d.endpoint for d in owners}) != 1:
        return []
    if len(values) > 1 and len({d.arm for d in owners if d.arm}) != len(values):
        return []
    grade = f"{bracket['grade']} {last.endpoint}"
    return [
        Draft(FindingKind.RATE, value.start, suffix_end(text, value), value, grade, arm=owner.arm)
        for value, owner in zip(values, owners, strict=True)
    ]


def _same_group(ctx: Context, first: Draft, second: Draft) -> bool:
    """Two rates of one endpoint in one sentence for two arms: values of one group."""
    return (
        first.endpoint == second.endpoint
        and first.arm is not None
        and second.arm is not None
        and first.arm != second.arm
        and ctx.sentence(first.start) == ctx.sentence(second.start)
    )


def _event(
    ctx: Context, endpoints: Endpoints, group: Group, arms: list[str], sentence: tuple[int, int]
) -> list[str] | None:
    """The event the clause names (:mod:`evidence.extract.events`) for values that all get an
    arm; a single value without one only in a text with fewer than two arms."""
    found = event(ctx, fraction(ctx, group.members[0].number)[2], sentence, arms)
    if found is None:
        return None
    if found.first_arm and not any(m.arm for m in group.members):
        group.members[0].arm = found.first_arm  # "less frequent with A (4.6% vs 19.5%)"
    if not _armed(ctx, group, arms, sentence):
        return None
    return [endpoints.normal(found.name)] * len(group.members)


def _armed(ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]) -> bool:
    """Arms assigned to the group's values, each of which has one in a text of two arms."""
    return assign(ctx, group, arms, sentence) and (
        len(arms) < 2 or all(m.arm for m in group.members)
    )


def _coordinated(ctx: Context, endpoints: Endpoints, last: Phrase, floor: int) -> list[Phrase]:
    """Named endpoints joined by "and" or commas, ending with ``last``."""
    found = [last]
    for phrase in reversed(endpoints.named_between(floor, last.start)):
        gap = ctx.text[phrase.end : found[0].start]
        if re.fullmatch(r"[ \u00a0]*(?:,|and|, and)[ \u00a0]*", gap):
            found.insert(0, phrase)
        else:
            break
    return found


def fraction(ctx: Context, number: Number) -> tuple[int | None, int | None, int, int | None]:
    """Numerator, denominator, start and (for "N (x%) of M") end of the printed fraction.

    Shapes: "N (x%)", "N of M <words> (x%)", "N/M (x%)", "N out of M (x%)", "N (x%) of M".
    """
    before = [n for n in ctx.numbers_between(max(0, number.start - 60), number.start) if _whole(n)]
    if not before or not _OPEN.fullmatch(ctx.text, before[-1].end, number.start):
        return None, None, number.start, None
    first = len(before) - 1  # the start of a run "3-4", "3/4", "3 or 4"
    while first and _RUN.fullmatch(ctx.text, before[first - 1].end, before[first].start):
        first -= 1
    if _LEVEL_BEFORE.search(ctx.text, max(0, before[first].start - 12), before[first].start):
        return None, None, number.start, None  # "grade 3-4 AEs (12%)": a grade, not a count
    last = before[-1]
    if len(before) > 1 and _OF.fullmatch(ctx.text, before[-2].end, last.start):
        return int(before[-2].value or 0), int(last.value or 0), before[-2].start, None
    after = _OF_TOTAL.match(ctx.text, number.end)
    total = ctx.next_number(after.end()) if after else None
    if after is not None and total is not None and total.start == after.end() and _whole(total):
        return int(last.value or 0), int(total.value or 0), last.start, total.end
    return int(last.value or 0), None, last.start, None


def _draft(ctx: Context, member: Member, endpoint: str) -> Draft:
    number, attachment = member.number, member.attachment
    numerator, denominator, start, total_end = fraction(ctx, number)
    end = attachment.end
    if numerator is not None and (close := _CLOSE.match(ctx.text, end)) is not None:
        end = close.end()
    end = max(end, total_end or 0)
    if numerator is None and member.fraction is not None:  # "63% (95/151)"
        (numerator, denominator), end = member.fraction, member.body_end
    if numerator is None and attachment.fraction is not None:  # "71% (40 of 56; 95% CI ...)"
        numerator, denominator = attachment.fraction
    return Draft.estimate(
        FindingKind.RATE,
        (start, end),
        number,
        endpoint,
        attachment,
        arm=member.arm,
        fraction=(numerator, denominator),
    )


def _reported(number: Number) -> bool:
    """A percentage or a decimal without a time unit: a result, not a label ("stage 2") or a
    threshold ("MRD negativity (<0.01%)")."""
    return (
        number.unit is None
        and number.comparator is None
        and not number.exponent_of_ten
        and (number.percent or number.decimals > 0)
    )


def _whole(number: Number) -> bool:
    """A count: a whole number without a unit or percent ("1 yr (17%)" counts nobody)."""
    return (
        number.value is not None
        and number.unit is None
        and not number.percent
        and number.value == number.value.to_integral_value()
    )
