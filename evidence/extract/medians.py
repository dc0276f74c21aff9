"""Medians of outcomes, and median follow-up (pure).

**Follow-up**: "median (IQR) follow-up (time, duration) of/was X" ("f/u" too), "median observation
time", "mFU", "followed (up) / observed for a median (time) of X": the first number after it in the
clause that has a time unit, its own or one printed after a bracket ("29.4 (range, 3.0 to 115.4)
months"), with a labelled CI printed after it ("17.9 months (95% CI 15.2-20.4)", a reverse
Kaplan-Meier estimate). Taken in Methods too. A follow-up listed per arm or cohort ("14.2 mo at
DL1, 11.7 mo at DL2 and 8.9 mo at DL3", "17.4 months with A and 17.1 months with B") gives one
each, with its arm, or its cohort as population; "median FU" is follow-up too.

**Median**: "median <endpoint> (was, of, :, ,) <value>", where the endpoint is the words between
"median" and the value (an arm label "in the X group (" among them is the value's arm); with no
words between ("(median, 10.3 vs 6.0 months"), the named endpoint before the bracket, with no digit
between ("progression-free survival (median, ...", "OS was longer with A (median, ..."), or, for
"with median", "(median" or ", median" right before a time or "not reached", the time-to-event
endpoint the sentence named last before it ("rPFS HR was 0.71 (...), with median NR vs 39.5 mo"),
or the event that "occurred at (a) median (of)" the value ("Neutrophil engraftment occurred at a
median of 17 days in the A group and 15 days in the B group": time to neutrophil engraftment). The
value's group (see :mod:`evidence.extract.groups`) are medians of that endpoint; so are later
values in the same clause with the same (non-percent) unit and, before each, an arm label ("... in
the A group (57 ug) was 17% of the dose in the B group (340 ug)") or "and" with no other value
between ("49.7 Gy (...) and to the internal mammary nodes, 48.8 Gy"). A unit printed after the last
value or its CI is shared ("35.7 [95% CI ...] vs 19.2 [95% CI ...] months"), and a value without a
unit takes its group's ("not reached vs 19.15 months"). "not reached" is a value (None,
not_reached), and one "not reached" after endpoints joined by "and" ("median PFS and median OS were
not reached") is a median of each; a lone value "in either group" ("in both arms", "in each group",
but not "in both groups combined") is a median of each document arm, with its CI. A bracketed
range, IQR, "(NR)" or fraction after a value is skipped before its arm label ("8.3 months (IQR
4.1-12.9) in the A group"); values followed by "respectively" take the arms listed in the sentence
("16.0 and 11.5 months in the A and B groups, respectively"; see :mod:`evidence.extract.groups`).

Endpoint words may hold digits glued to letters ("time to PSA50 response", "uMRD4", "PFS2", "in
cohort B2"), a sign before a response category ("time to >=CR") and a day, week, month or cycle
number followed by more endpoint words ("median day +100 CD4+ count") and a grade followed by
more ("median time to grade 2 or higher CIPN", "grade 3-4 neutropenia"): none of them is the
value (but the 15 of "median day 15 (range, 11-30)" is).

Abstentions: medians of baseline characteristics (the endpoint words name age, BMI, weight,
height, baseline, enrolment, screening, entry, prior/previous therapy, diagnosis, education or
income); no endpoint words ("a median of 13 out of 14"); a first value with a comparator
("median PFS was >12 months"); endpoint words that hold any other digit (but a threshold inside
the endpoint: "RBC-TI >=12 wk", "(CPS >=5)", "time to recovery >=0.5 x 10^9/L was 32 days") or a
semicolon, or run past 120 characters; values in skipped or Methods regions; unassigned group
values (as for every group).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from evidence.extract.arms import is_arm, is_cohort, randomised_between, resolve
from evidence.extract.context import (
    MEASURE_UNIT,
    UNIT_RIGHT_AFTER,
    Context,
    Draft,
    attach,
    suffix_end,
)
from evidence.extract.endpoints import Endpoints
from evidence.extract.groups import Member, assign, build, member
from evidence.findings import FindingKind
from evidence.numbers import Number

_STATISTIC = r"(?:[ \u00a0]*\((?:IQR|range|interquartile range)\))?"  # "median (IQR) of"
_FOLLOW_UP = re.compile(
    r"\bmFU\b"
    rf"|(?i:\bmedian{_STATISTIC}[ \u00a0]+(?:duration[ \u00a0]+of[ \u00a0]+|length[ \u00a0]+of"
    r"[ \u00a0]+)?(?:(?:follow[- ]?up|f/u|FU\b)(?:[ \u00a0]+(?:time|duration|period))?"
    r"|observation[ \u00a0]+(?:time|period))"
    r"|\b(?:followed(?:[ \u00a0]+up)?|observed)[ \u00a0]+for[ \u00a0]+a[ \u00a0]+median"
    r"(?:[ \u00a0]+(?:time|duration|period))?)"
)
_THRESHOLD = (  # "RBC-TI \u226512 wk", "(CPS \u22655)", "\u22650.5 \u00d7 10^9/L"
    r"[\u2265\u2264<>]=?[ \u00a0]*\d[\d.,]*"
    r"(?:[ \u00a0]*[\u00d7x][ \u00a0]*10(?:\^|\u207b|\u2212|-)?"
    r"[\d\u2070-\u2079\u00b9\u00b2\u00b3]+)?"
)
_TIME_WORDS = ("day", "Day", "week", "Week", "month", "Month", "cycle", "Cycle")
_AFTER_TIME = "|".join(rf"(?<=\b{word} )" for word in _TIME_WORDS)
_AFTER_TIME_SIGN = "|".join(rf"(?<=\b{word} \+)" for word in _TIME_WORDS)
_NAMED_AFTER = r"[ \u00a0]+[A-Za-z]"  # more endpoint words follow: "day +100 CD4+ count"
_AFTER_GRADE = r"(?<=\bgrade )|(?<=\bGrade )|(?<=\bgrades )|(?<=\bGrades )"
_GRADE = r"\d(?:[\u2013-]\d)?"  # "time to grade 2 or higher CIPN", "grade 3-4 neutropenia"
_GRADE_NAMED_AFTER = (  # endpoint words after a grade, not "grade 2 in the A group"
    r"[ \u00a0]+(?:or[ \u00a0]+(?:higher|worse|greater|more|above)\b"
    r"|(?!(?:in|and|was|were|is|with|at|for|of|vs|versus|to|on|or)\b)[A-Za-z])"
)
_AT_TIME = (  # not the value: the "+100" of "median day +100 CD4+ count was 121" (but the 15
    # of "median day 15 (range, 11-30)" is), the 2 of "median time to grade 2 or higher CIPN"
    rf"(?!(?:{_AFTER_TIME})\+?\d+{_NAMED_AFTER}|(?:{_AFTER_TIME_SIGN})\d+{_NAMED_AFTER}"
    rf"|(?:{_AFTER_GRADE}){_GRADE}{_GRADE_NAMED_AFTER})"
)
_IN_NAME = (  # "PSA50", "uMRD4", "MR4.5", "\u2265CR", "day +100": digits inside an endpoint's name
    r"(?<=[A-Za-z])\d+(?:\.\d+)?(?![\d.])|[\u2265\u2264](?=[A-Za-z])"
    rf"|(?:{_AFTER_TIME})\+?\d+(?={_NAMED_AFTER})"
    rf"|(?:{_AFTER_GRADE}){_GRADE}(?={_GRADE_NAMED_AFTER})"
)
_M_ABBREVIATED = r"\bm(?=(?:r?PFS|OS|DoR|DOR|EFS|RFS|DFS|TTP|TTNT|TTR|TTF)\b)"  # "mPFS"
_MEDIAN = re.compile(
    rf"(?:\b(?i:median)\b{_STATISTIC}|{_M_ABBREVIATED})(?P<words>(?:[^\d;\u2265\u2264<>]"
    r"|(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bof )(?<!: )(?<!= )(?<!, )(?<!\()(?<!\( )"
    rf"{_THRESHOLD}|{_IN_NAME}){{0,120}}?)"
    rf"(?<![A-Za-z]){_AT_TIME}"
    r"(?=[+\u2212-]?\d|not[ \u00a0]+(?:yet[ \u00a0]+)?(?:been[ \u00a0]+)?reached|NR\b)"
)
_ADJECTIVE = re.compile(r"[-\u2010](?:year|yr|month|mo|week|wk|day)\b", re.IGNORECASE)
_BASELINE = re.compile(
    r"\b(?:age|aged|BMI|body mass|weight|height|baseline|prior|previous|diagnosis|education"
    r"|income|follow[- ]?up|f/u|enrol(?:l?ment)?|screening|entry)\b",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"(?:[ \u00a0]*(?:\b(?:was|were|is|had|has|have|of|at|on|reached|day|week|cycle)\b|:|=|,|\())*"
    r"[ \u00a0]*$",
    re.IGNORECASE,
)
_EVERY_ARM = re.compile(
    r"[ \u00a0]+(?:in|with|for)[ \u00a0]+(?:either|both|each)[ \u00a0]+"
    r"(?:of[ \u00a0]+the[ \u00a0]+)?(?:treatment[ \u00a0]+)?(?:groups?|arms?"
    r"|(?P<cohort>cohorts?|dose[ \u00a0]+levels?))\b(?![ \u00a0]+[A-Z0-9]{1,2}\b)"
    r"(?![ \u00a0]*(?:combined|pooled|together|overall))",
    re.IGNORECASE,
)
_BOTH = re.compile(
    r",?[ \u00a0]+and[ \u00a0]+(?:the[ \u00a0]+)?(?:median[ \u00a0]+)?", re.IGNORECASE
)
_PRE_LABEL = re.compile(
    r"[ \u00a0]+(?:in|with|for|among)[ \u00a0]+the[ \u00a0]+[^,;()]{1,60}?[ \u00a0]+"
    r"(?:arm|group|cohort)s?[ \u00a0]*\(?[ \u00a0]*$"
)
_OPENED = re.compile(r"[^\d.;:()\[\]]{0,80}[(\[][ \u00a0]*")
_TIME_UNIT = re.compile(
    r"[ \u00a0]*(?:\([^()]*\)[ \u00a0]*)?(?P<u>months?|years?|weeks?|days?|hours?|hrs?|(?-i:h))\b",
    re.IGNORECASE,
)
_SHARED_UNIT = re.compile(
    r"[ \u00a0]*\)?[ \u00a0]*(?P<u>months?|years?|weeks?|days?|hours?|hrs?|h)\b"
)
_AND = re.compile(
    r"[ \u00a0]*(?:[^\s(),;]+[ \u00a0]*)?(?:[(\[][^()\[\]]*[)\]][ \u00a0]*)?,?[ \u00a0]*and\b"
)
_WITH_ARM = re.compile(r"[ \u00a0]+(?:with|in)[ \u00a0]+(?P<name>[^,;()]{1,40}?)[ \u00a0]*$")
_BARE_ARM = re.compile(r"[ \u00a0]*[\u2014\u2013:-][ \u00a0]*(?P<name>[A-Za-z][\w+/-]*)[ \u00a0]*$")
_NEXT_ARM_CLAUSE = re.compile(r";[ \u00a0]*(?P<name>[A-Za-z][\w+/-]*)[ \u00a0]*:")
_LISTED_LEAD = r"(?:(?:at|in|with)[ \u00a0]+)?(?:the[ \u00a0]+)?"  # "or (in) (the) V group"
_LISTED_NAME = r"[\w+/\u2010\u2013-]+(?:[ \u00a0][\w+/\u2010\u2013-]+){0,2}?"
_THEN_WAS = re.compile(  # "(or the V group) and was ": the same median, for another arm
    rf"(?:[ \u00a0]*(?:,|or|and)[ \u00a0]+{_LISTED_LEAD}{_LISTED_NAME})*?"
    r"[ \u00a0,]*(?:and|but|whereas|while)[ \u00a0]+(?:it[ \u00a0]+)?(?:was|were|is)[ \u00a0]+"
)
_TIME_TO_EVENT = re.compile(  # survival-type endpoints, whose bare brackets are CIs in Lancet style
    r"survival|\b(?:r?PFS|OS|EFS|DFS|RFS|MFS|DoR|DOR)\b|duration[ \u00a0]+of[ \u00a0]+response",
    re.IGNORECASE,
)
_MEDIAN_WORD = re.compile(rf"\b(?i:median)\b|{_M_ABBREVIATED}")
_TIME_UNITS = frozenset({"months", "years", "weeks", "days", "hours"})


def follow_ups(ctx: Context, arms: list[str], used: set[int]) -> list[Draft]:
    """Median follow-up times (see the module docstring)."""
    drafts: list[Draft] = []
    for match in _FOLLOW_UP.finditer(ctx.text):
        if ctx.region(match.start()) == "skip":
            continue
        stop = ctx.clause(match.end())[1]
        for number in ctx.numbers_between(match.end(), stop):
            unit = _unit(ctx, number)
            if number.start in used or number.value is None or unit not in _TIME_UNITS:
                continue
            drafts.extend(_follow_up_list(ctx, number, (stop, unit), arms, used))
            break
    return drafts


def _follow_up_list(
    ctx: Context, first: Number, clause: tuple[int, str | None], arms: list[str], used: set[int]
) -> list[Draft]:
    """The follow-up at ``first``, and the next ones in its unit when it is listed per arm or
    cohort ("14.2 mo at DL1, 11.7 mo at DL2 and 8.9 mo at DL3", "17.4 months with A and 17.1
    months with B"): each takes its arm, or its cohort as population. Other labels ("in 2019",
    "for OS", "at the final analysis") do not make a list."""
    stop, unit = clause
    listed: list[tuple[Draft, str | None]] = []
    number: Number | None = first
    while number is not None:
        attachment = attach(ctx, number)
        end = max(_unit_end(ctx, number), attachment.end)  # "17.9 months (95% CI ...)"
        draft = Draft.estimate(
            FindingKind.FOLLOW_UP, (number.start, end), number, "follow-up", attachment
        )
        draft.unit = unit
        label = _group_label(ctx.text, end, stop, arms)
        listed.append((draft, label[0] if label else None))
        used.add(number.start)
        number = _next_listed(ctx, label[1] if label else None, stop, unit, arms)
    if len(listed) == 1:
        return [listed[0][0]]
    for draft, name in listed:
        arm = resolve(name or "", arms)
        draft.arm, draft.population = (arm, None) if arm else (None, name)
    return [draft for draft, _ in listed]


_GROUP_LABEL = re.compile(  # "at DL1", "in cohort A", "(IQR 9-20) in cohort 1", "with A"
    r"[ \u00a0]*(?:\([^()]*\)[ \u00a0]*)?(?:at|in|for|with)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?P<name>[A-Za-z][\w+/\u2010\u2013-]*(?:[ \u00a0][\w+/\u2010\u2013-]+){0,3}?)"
    r"(?=[ \u00a0]*(?:[,;.)]|and\b|$))"
)
_JOIN = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)")


def _group_label(text: str, end: int, stop: int, arms: list[str]) -> tuple[str, int] | None:
    """The arm or cohort named right after a value ending at ``end`` ("at DL1", "in cohort
    A", "with A" when A is a document arm), and where the naming ends."""
    label = _GROUP_LABEL.match(text, end, stop)
    if label is None:
        return None
    name = label["name"]
    if is_cohort(name) or resolve(name, arms) is not None:
        return name, label.end()
    return None


def _next_listed(
    ctx: Context, label_end: int | None, stop: int, unit: str | None, arms: list[str]
) -> Number | None:
    """The next value of a follow-up listed per group: after the group named at ``label_end``
    and "and" or a comma, in the same unit, with a group of its own."""
    join = _JOIN.match(ctx.text, label_end, stop) if label_end is not None else None
    following = ctx.next_number(join.end()) if join else None
    if join is None or following is None or following.start != join.end():
        return None
    if following.value is None or _unit(ctx, following) != unit:
        return None
    return following if _group_label(ctx.text, _unit_end(ctx, following), stop, arms) else None


def medians(ctx: Context, endpoints: Endpoints, arms: list[str], used: set[int]) -> list[Draft]:
    """Medians of outcomes, per arm where the text names them (see the module docstring)."""
    drafts: list[Draft] = []
    for match in _MEDIAN.finditer(ctx.text):
        words = match.group("words")
        if ctx.region(match.start()) != "results" or _BASELINE.search(words):
            continue
        value = ctx.next_number(match.end("words"))
        if value is None or value.start in used or value.start != match.end("words"):
            continue
        if value.comparator is not None:
            continue  # "median PFS was >12 months": a bound, not a value
        bare = not words.strip(" \u00a0,:")  # "with median NR vs 39.5 mo", not "a median of 8"
        words, arm = _with_arm(_TAIL.sub("", words), arms)
        endpoint = (
            _PRE_LABEL.sub("", words).strip()
            or _endpoint_before(ctx, endpoints, match.start(), value if bare else None)
            or _timed_event(ctx, match.start())
        )
        if not endpoint:
            continue
        stop = ctx.clause(match.end())[1]
        following = _NEXT_ARM_CLAUSE.match(ctx.text, stop)
        if following is not None and is_arm(following["name"], arms):
            stop = ctx.sentence(match.end())[1]  # "A: 25.4 mo (...); B: 16.8 mo"
        wide_ci = _TIME_TO_EVENT.search(endpoint) is not None  # not "time to response (1-7)"
        group = build(
            ctx,
            value,
            _same_sort(ctx, value),
            arms,
            floor=match.start(),
            stop=stop,
            wide_ci=wide_ci,
        )
        if arm is not None and len(group.members) == 1:
            group.members[0].arm = arm  # "median time to onset with A was 8.1 weeks"
        if not assign(ctx, group, arms, ctx.sentence(match.start())):
            continue
        members = group.members + _same_unit_later(ctx, group.end, stop, value, arms, used)
        alone = members[0]
        every = _EVERY_ARM.match(ctx.text, alone.attachment.end)
        if (
            arms
            and len(members) == 1
            and not alone.arm
            and every is not None
            and not (every["cohort"] and randomised_between(ctx.text, arms))  # arms, not cohorts
        ):
            members = [dataclasses.replace(alone, arm=name) for name in arms]  # "in either group"
        members = [*members, *_also_not_reached(ctx, members, arms)]
        units = [_unit(ctx, m.number) for m in members]
        common = next((u for u in units if u), None) or _shared_unit(ctx, group.end)
        names = [endpoints.normal(endpoint)]
        if len(members) == 1 and value.not_reached:  # "median PFS and median OS were not reached"
            names = [endpoints.normal(part) for part in _BOTH.split(endpoint)]
        for item, unit in zip(members, units, strict=True):
            number, attachment = item.number, item.attachment
            for name in names:
                drafts.append(
                    Draft.estimate(
                        FindingKind.MEDIAN,
                        (number.start, max(attachment.end, _unit_end(ctx, number))),
                        number,
                        name,
                        attachment,
                        arm=item.arm,
                        unit=unit or common,
                    )
                )
            used.update(n.start for n in ctx.numbers_between(number.start, item.body_end))
    return drafts


_ALSO_ARM = re.compile(  # "not reached at DL2 or DL3": "or DL3"; "in arms B, C, and D": ", C"
    r"[ \u00a0]*(?P<join>,[ \u00a0]*(?:and|or)?|[ \u00a0]or|[ \u00a0]and)[ \u00a0]+"
    rf"{_LISTED_LEAD}(?P<name>{_LISTED_NAME})"
    r"(?=[ \u00a0]*(?:[,;.)]|$)|[ \u00a0]+(?:or|and)[ \u00a0]+(?:was|were|is|it|in|at|with)\b)"
)


def _also_not_reached(ctx: Context, members: list[Member], arms: list[str]) -> list[Member]:
    """A "not reached" whose arm label goes on with other arms ("not reached at DL2 or DL3",
    "NR in cohort B and cohort C", "not reached in the VC group or the V group and was 56.9
    months in the FCR group", "in arms B, C, and D"): the same value for each of them too."""
    found: list[Member] = []
    for reached in members:
        if reached.number.not_reached and reached.arm is not None:
            found += _listed_after(ctx, reached, [*members, *found], arms)
    return found


def _listed_after(
    ctx: Context, reached: Member, known: list[Member], arms: list[str]
) -> list[Member]:
    """The arms listed after a "not reached" value's own arm (see :func:`_also_not_reached`)."""
    also: list[Member] = []
    end = reached.end
    while (listed := _ALSO_ARM.match(ctx.text, end)) is not None:
        name = resolve(listed["name"], arms)
        if name is None or any(m.arm == name for m in [*known, *also]):
            return []  # "19.9 months with B and not reached with A and B": a combination
        join = listed["join"].strip(" \u00a0,")
        if join == "and" and not (is_cohort(name) and is_cohort(reached.arm or "")) and not also:
            return []  # "and" joins cohorts ("in cohorts B and C"), "or" any arms
        also.append(dataclasses.replace(reached, arm=name))
        end = listed.end()
        if join:
            break  # "or DL3", ", and D": the list's last item
    return also


def _with_arm(words: str, arms: list[str]) -> tuple[str, str | None]:
    """The endpoint words without a trailing "with/in NAME" that names a document arm, or a
    trailing bare document arm ("median PFS by BICR — A: 25.4 mo")."""
    found = _WITH_ARM.search(words)
    arm = resolve(found["name"], arms) if found else None
    if found and arm:
        return words[: found.start()], arm
    bare = _BARE_ARM.search(words)
    if bare is not None and is_arm(bare["name"], arms) and words[: bare.start()].strip():
        return words[: bare.start()], resolve(bare["name"], arms)
    return words, None


def _endpoint_before(
    ctx: Context, endpoints: Endpoints, position: int, bare_value: Number | None
) -> str:
    """The named endpoint before a "median" that prints none: the one whose bracket the median
    opens ("progression-free survival (median, 10.3 vs 6.0 months", "OS was longer with A
    (median, ..."); or, for a bare "median" right after "with", a bracket, a comma, a semicolon,
    a colon or a dash (``bare_value``, its value, a time or "not reached"), the time-to-event
    endpoint the sentence named last before it, not coordinated with another ("rPFS HR was 0.71
    (...), with median NR vs 39.5 mo"); else ""."""
    start = ctx.sentence(position)[0]
    phrase = endpoints.before(position, start, strong_only=True)
    if phrase is None:
        return ""
    if _OPENED.fullmatch(ctx.text, phrase.end, position):
        return phrase.text
    if bare_value is None or not _BARE_LEAD.search(ctx.text, start, position):
        return ""
    timed = bare_value.not_reached or _unit(ctx, bare_value) in _TIME_UNITS
    if not timed and not _TIME_LATER.match(ctx.text, bare_value.end):
        return ""  # "with median 8 (range 2-20) doses delivered", not "11.2 vs 8.4 months"
    if _COORDINATED.search(ctx.text, start, phrase.start):
        return ""  # "PFS (HR ...) and OS (HR ...) improved, with median ...": which one?
    return phrase.text if _TIME_TO_EVENT.search(phrase.text) else ""


_BARE_LEAD = re.compile(  # "with median", "(median", ", median"; not "was median", "received"
    r"(?:\bwith|[(,;:\u2014\u2013])[ \u00a0]*$", re.IGNORECASE
)
_TIME_LATER = re.compile(  # "11.2 vs 8.4 months", "14 (95% CI 11-17) v 11 mo": a time unit
    r"(?:[\s\d.,\u00b7%\u2013\u2212/()\[\]:=-]|\b(?:vs|v|versus|and|or|to|NR|NE|not|reached|CI"
    r"|IQR|range)\b){0,60}?\b(?:months?|mo|years?|weeks?|wk|days?|hours?|h)\b"
)
_COORDINATED = re.compile(r"\band[ \u00a0]+(?:the[ \u00a0]+)?$", re.IGNORECASE)


_TIMED_EVENT = re.compile(
    r"(?:^|[,;:(])[ \u00a0]*(?:(?:and|the|but|while)[ \u00a0]+)*"
    r"(?P<event>[A-Za-z][^,;:()\d]{2,60}?)"
    r"[ \u00a0]+(?:occurred|was[ \u00a0]+(?:reached|achieved|observed)|developed)[ \u00a0]+"
    r"(?:at|after)[ \u00a0]+(?:a[ \u00a0]+)?$",
    re.IGNORECASE,
)


def _timed_event(ctx: Context, position: int) -> str:
    """ "Neutrophil engraftment occurred at a median of 17 days": "time to neutrophil
    engraftment", or ""."""
    found = _TIMED_EVENT.search(ctx.text[ctx.clause(position)[0] : position])
    if found is None:
        return ""
    event = found["event"].strip()
    if event[1:2].islower():
        event = event[0].lower() + event[1:]  # "Neutrophil engraftment", not "CRS"
    return f"time to {event}"


def _same_unit_later(
    ctx: Context, start: int, stop: int, first: Number, arms: list[str], used: set[int]
) -> list[Member]:
    """Later values in the clause with the first value's unit (after "not reached", a time
    unit: "not reached in the A group and was 56.9 months in the B group") and, before each,
    an arm label or "and" with no other value between ("49.7 Gy (...) and to the nodes, 48.8
    Gy")."""
    unit = _unit(ctx, first)
    later: list[Member] = []
    if first.not_reached and unit is None:
        number = next(iter(ctx.numbers_between(start, stop)), None)
        unit = _unit(ctx, number) if number is not None else None
        if unit not in _TIME_UNITS:
            return later
    if unit is None or unit == "%":
        return later
    floor = start
    for number in ctx.numbers_between(start, stop):
        if _MEDIAN_WORD.search(ctx.text, floor, number.start):
            break  # "..., and median time to onset was 8.1 weeks": another median
        if number.start in used or _unit(ctx, number) != unit:
            continue
        if _ADJECTIVE.match(ctx.text, number.end):
            continue  # "and 6-mo OS was 79%": a time point
        if first.not_reached and not _THEN_WAS.fullmatch(ctx.text, floor, number.start):
            break  # "not reached in A, while time to deterioration was 5.5 months in B"
        candidate = member(ctx, number, arms, floor, stop)
        between = ctx.numbers_between(floor, number.start)
        if candidate.arm is not None or (
            not between and not first.not_reached and _AND.match(ctx.text, floor)
        ):  # after "not reached", only a value with its arm ("and was 39.1 months (...)")
            later.append(candidate)
            floor = candidate.end
    return later


def _same_sort(ctx: Context, first: Number) -> Callable[[Number], bool]:
    def _accept(number: Number) -> bool:
        if _ADJECTIVE.match(ctx.text, number.end):
            return False  # "and 3-year OS was ...": a time point, not a value
        return number.percent == first.percent and (number.value is not None or number.not_reached)

    return _accept


def _unit(ctx: Context, number: Number) -> str | None:
    """A time unit (its own or after a bracket), "%", or another unit printed after it."""
    if number.unit in _TIME_UNITS:
        return number.unit
    if number.percent:
        return "%"
    time = _TIME_UNIT.match(ctx.text, number.end)
    if time is not None:
        return _plural(time.group("u"))
    other = MEASURE_UNIT.match(ctx.text, number.end)
    return other.group("u") if other else None


def _unit_end(ctx: Context, number: Number) -> int:
    """The end of a unit printed right after the number ("11.0 months", "19.4 mo", "240
    mg/m2")."""
    if number.unit in _TIME_UNITS:
        return suffix_end(ctx.text, number)
    time = _TIME_UNIT.match(ctx.text, number.end)
    if time is not None and time.start("u") <= number.end + 2:
        return time.end()
    other = UNIT_RIGHT_AFTER.match(ctx.text, number.end)
    return other.end() if other else number.end


def _shared_unit(ctx: Context, end: int) -> str | None:
    """A time unit printed after the last value of a group ("... vs 19.2 [...] months")."""
    time = _SHARED_UNIT.match(ctx.text, end)
    return _plural(time.group("u")) if time else None


def _plural(unit: str) -> str:
    """ "month", "Months", "h", "hrs": the unit's name as :data:`_TIME_UNITS` holds it."""
    unit = unit.lower()
    return "hours" if unit in ("h", "hr", "hrs") else unit.rstrip("s") + "s"
