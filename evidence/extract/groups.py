"""Per-arm values printed together ("44.1% vs 28.5%", "56.3% in the NAC arm and 80.3% ...") (pure).

A **group** starts at one value and takes each next value of the same sort that follows after
a connector: vs, versus, v, compared with/to, a slash, and, or, to, or a comma (a group's
connectors are all of one class, pairing, slash or joining: "63.7% versus 45.6% in BRAF-mutant
and 55.1% versus 40.8% in wild-type patients" is two pairs, and in "14.6% of A-treated and 3.9%
of B-treated patients, and 10.8% versus 1.9% discontinued" 10.8% starts the second group),
optionally followed by "was"/"were" and by a numerator ("and 45 (20%)", "and 30 of 100
(30%)"); a value's own CI, unit, bracketed fraction, range, IQR or "(NR)" ("63% (95/151)", "8.3
months (IQR 4.1-12.9)", ") of 151 patients", Lancet's "112 [45%] of 247, 134 [54%] of 248")
and arm label may stand between. When the first value's
CI states a level, a later value's bracketed bare pair is its CI at that level ("21.2 months
(95% CI 19.0-23.5) ... versus 14.1 months (12.5-16.7)").

Arms are assigned in this order, and a value of a group of two or more that none of them
names is **left out** (abstention):

1. the value's own label (see :mod:`evidence.extract.arms`), after it ("80.3% in the CRT
   arm") or before it ("in the budesonide maintenance group (340 ug)"); weak labels ("with
   Isa-Kd") count only when every value of the group has a label;
2. for two or more values followed by "respectively": the arms a list in the sentence names,
   as many as the values, in order ("in the A and B groups", "In the A and B arms, ...";
   without an arms/groups word, every name must be a document arm, so "in men and women,
   respectively" is not read as arms; see :func:`~evidence.extract.arms.coordinated_arms`);
   a later clause of the sentence with its verb left out takes the list the sentence printed
   earlier ("... in arms A, B, and C; febrile neutropenia in 9.1%, 13.2%, and 0%");
   with "respectively" and no such list, the arms that labelled earlier values of the
   sentence, when they are fewer than the document's arms and as many as the values ("31.7% in
   cohort B and 11.5% in cohort C, with median PFS of 6.8 and 3.5 months, respectively");
   without "respectively", a list right after the values with a plural arms/groups word
   ("9% and 14% of patients in the A and B groups") is read in order too, and so is a
   table-like header before them naming only document arms ("Wk 24 outcomes (A vs B vs C):
   SVR35, 26.3% vs 34.5% vs 5.4%", "Randomized part, 300 vs 600 mg: ORR 15.8% vs 23.2%"),
   or a bracket naming them that ends the sentence ("... in 1.8% vs 5.4% (300 vs 600 mg).");
2b. for values joined by "and" or commas (with or without "respectively"), one per document
   arm: the arms in the order the sentence labelled earlier values with them ("6.8% of
   A-treated and 4.9% of B-treated patients, and falls in 5.2% and 8.1%, respectively"), else
   in the order the results first name them (as in rule 4), but only when the clause
   coordinates nothing else with "and" or "both" ("the 1-year and 2-year rates", "at 12 and
   24 months", "with and without the mutation" may be what the values pair with; "and" joining
   other values, as in "in 55 (56%) of 98 and 47 (48%) of 98", or starting another item of
   values after one, "reported in 8.1%, 11.5%, and 14.4% (of patients) and rash in 2.0%, ...",
   does not count); three or
   more unlabelled values joined by vs, one per document arm, take the arms in document order
   too ("61% vs 9% vs 8%" in a three-arm trial), and so do two or more joined by slashes
   ("8.8% / 19.0% / 5.4%") when no slash before them joins endpoints or time points;
3. for a pair joined by vs/versus/v with one label: the other of exactly two document arms;
4. for a pair joined by vs/versus/v with no labels: a bracketed "(A vs B)" of two document
   arms right after it, or a "with A vs B" naming elsewhere in the sentence; else the order in
   which the sentence labelled earlier values with the two arms ("in 91.3% of the patients in
   the EPd group and in 78.4% of those in the EloPd group; ... neutropenia (62.1% vs 38.7%)";
   a comparison or a prior treatment, "compared with A", "previously treated with B", is not a
   label); else exactly two document arms in the order the results first name them (after a
   methods region; else the order the text first names them: abstracts print pairs in the order
   they name the arms; with three or more arms nothing is assumed).

A single value keeps the arm its (strong) label gives, or none. An arm is named as the text
first names it ("80.3% in the CRT arm" gets "CRT-alone" when the text said "the CRT-alone
arm" before), so one arm has one name across a source's values (a count keeps the name printed
beside it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from evidence.extract.arms import (
    Label,
    arms_listed_after,
    bare_label_before,
    coordinated_arms,
    header_arms,
    is_arm,
    label_after,
    label_before,
    resolve,
    sentence_pair,
    trailing_arms,
)
from evidence.extract.context import (
    RESPECTIVELY_LATER,
    UNIT_RIGHT_AFTER,
    WHOLE,
    Attachment,
    Context,
    attach,
)
from evidence.extract.people import DESCRIBED_PEOPLE, PEOPLE
from evidence.numbers import Number

_CONNECTOR = re.compile(  # possessive space runs ("*+"): a long run of spaces is no trap
    r"[ \u00a0]*+[)\]]?[ \u00a0]*+(?:,[ \u00a0]*+)?"
    r"(?P<c>vs\.?|versus|v\.?|/|compared (?:with|to)|and|or|to|,)?"
    r"[ \u00a0]*+(?:(?:was|were)[ \u00a0]+)?(?:(?:with|in|for)[ \u00a0]+)?(?:the[ \u00a0]+)?"
)
_LABELLED_GAP = re.compile(
    r"[ \u00a0]*+\)?[ \u00a0]*+(?P<c>vs\.?|versus|v\.?|and|;|,)[ \u00a0]*+"
    r"(?P<name>[A-Za-z][^\d;,()\[\]:]{0,40}?)[ \u00a0]*:?[ \u00a0]*"
)
_NUMERATOR_GAP = re.compile(rf"[ \u00a0]*(?:{PEOPLE}[ \u00a0]*)?[(\[][ \u00a0]*")
_DENOMINATOR_GAP = re.compile(r"[ \u00a0]*(?:of|out of|/)[ \u00a0]*")
_TRAILER = re.compile(
    rf"[ \u00a0]*[(\[][ \u00a0]*(?:(?:n[ \u00a0]*=[ \u00a0]*)?(?P<num>{WHOLE})[ \u00a0]*"
    rf"(?:/|of|out of)[ \u00a0]*(?P<den>{WHOLE})(?:[ \u00a0]+{DESCRIBED_PEOPLE})?"
    r"|(?:range|IQR|interquartile range)\b[^()\[\]]{1,40}|NR"
    r"|\d[\d.\u00b7]*[ \u00a0]*(?:[\u2013-]|to)[ \u00a0]*\d[\d.\u00b7]*)[ \u00a0]*[)\]]"
    rf"|[ \u00a0]*[)\]][ \u00a0]+of[ \u00a0]+{WHOLE}(?![\d.%])(?:[ \u00a0]+{DESCRIBED_PEOPLE})?"
)
_PAIRED = frozenset({"vs", "versus", "v", "compared with", "compared to"})


@dataclass(slots=True)
class Member:
    """One value of a group, what is printed after it, its arm, and where its text ends."""

    number: Number
    attachment: Attachment
    arm: str | None
    end: int
    weak: str | None = None
    body_end: int = -1
    fraction: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.body_end < 0:
            self.body_end = self.attachment.end


@dataclass(slots=True)
class Group:
    """Values printed together and the connectors between them."""

    members: list[Member]
    connectors: list[str]

    @property
    def end(self) -> int:
        """Where the last value's text ends (after its CI, unit and arm label)."""
        return self.members[-1].end

    @property
    def paired(self) -> bool:
        """Two values joined by vs, versus, v or compared with."""
        return len(self.members) == 2 and self.connectors[0] in _PAIRED


def build(
    ctx: Context,
    first: Number,
    accept: Callable[[Number], bool],
    arms: list[str],
    *,
    floor: int,
    stop: int,
    wide_ci: bool = False,
) -> Group:
    """The group starting at ``first``; ``floor`` bounds the search for labels before it;
    ``wide_ci``: a bare pair is a value's CI once the region has labelled one (see
    :meth:`~evidence.extract.context.Context.ci_before`)."""
    members = [member(ctx, first, arms, floor, stop, None, wide_ci)]
    level = members[0].attachment.ci_level
    connectors: list[str] = []
    while True:
        end = members[-1].end
        lead = ctx.next_number(end)
        following = lead
        if lead is not None and not accept(lead):
            following = ctx.next_number(lead.end)  # "and 45 (20%)", "and 30 of 100 (30%)"
            gap_start = lead.end
            if following is not None and _DENOMINATOR_GAP.fullmatch(
                ctx.text, lead.end, following.start
            ):
                gap_start = following.end
                following = ctx.next_number(following.end)
            if following is None or not _NUMERATOR_GAP.fullmatch(
                ctx.text, gap_start, following.start
            ):
                break
        if lead is None or following is None or following.start >= stop or not accept(following):
            break
        gap = _CONNECTOR.fullmatch(ctx.text, end, lead.start) or _labelled_gap(
            ctx.text, end, lead.start, arms
        )
        if gap is None or (gap.group("c") is None and "," not in gap.group()):
            break
        connector = (gap.group("c") or ",").rstrip(".").replace(";", ",")
        if connectors and _kind(connector) != _kind(connectors[0]):
            if connector in _PAIRED and len(members) > 2:
                members.pop()  # "x% of A and y% of B, and z% versus w%": z starts a pair
                connectors.pop()
            break  # "x vs y in A and z vs w in B": two pairs, not one group of four
        connectors.append(connector)
        members.append(member(ctx, following, arms, end, stop, level, wide_ci))
    return Group(members, connectors)


def _kind(connector: str) -> str:
    """A connector's class: pairing (vs), slash or joining (and, commas)."""
    return "pair" if connector in _PAIRED else "slash" if connector == "/" else "join"


def _labelled_gap(text: str, end: int, start: int, arms: list[str]) -> re.Match[str] | None:
    """A connector and the next value's arm before it: "; B: ", " vs TPC " (a document arm)."""
    gap = _LABELLED_GAP.fullmatch(text, end, start)
    return gap if gap is not None and is_arm(gap["name"], arms) else None


_TIME_LABEL = re.compile(
    r"(?:cycles?|courses?|weeks?|days?|months?|years?|visits?)[ \u00a0]*\d|baseline\b",
    re.IGNORECASE,
)


def member(
    ctx: Context,
    number: Number,
    arms: list[str],
    floor: int,
    stop: int,
    level: Decimal | None = None,
    wide_ci: bool = False,
) -> Member:
    """One value with its attachment and its label (``floor`` bounds the label before it)."""
    bare_ok = ctx.ci_before(number.start, region=wide_ci)
    attachment = attach(ctx, number, header_level=level, bare_ok=bare_ok, limit=stop)
    unit = UNIT_RIGHT_AFTER.match(ctx.text, attachment.end)  # "240 mg/m2 in the A arm"
    body, fraction = trailer(ctx.text, unit.end() if unit else attachment.end, stop)
    label: Label | None = label_after(ctx.text, body, arms)
    if label is not None and unit is not None and _TIME_LABEL.match(label.name):
        label = None  # "240 mg/m2 in cycle 1": a time point, not a group
    if label is not None and not label.weak:
        arm = _as_named(label.name, arms)
        return Member(number, attachment, arm, label.end, None, body, fraction)
    before = label_before(ctx.text, floor, number.start)
    if before is None:  # "A: 25.4 mo", "(RT 52.3%"
        before = bare_label_before(ctx.text, max(floor, number.start - 40), number.start, arms)
    before = _as_named(before, arms) if before else None
    if label is not None:
        return Member(number, attachment, before, label.end, label.name, body, fraction)
    return Member(number, attachment, before, body, None, body, fraction)


def trailer(text: str, end: int, stop: int) -> tuple[int, tuple[int, int] | None]:
    """Where a value's text ends past a bracketed fraction, range, IQR, "(NR)" or a pair without
    a label that :func:`attach` did not read as a CI ("63% (95/151)", "8.3 months (IQR
    4.1-12.9)", "7.4 months (6.6-8.3)"), and the fraction if any."""
    found = _TRAILER.match(text, end)
    if found is None or found.end() > stop:
        return end, None
    if found.group("num") is None:
        return found.end(), None
    numerator, denominator = (int(found.group(g).replace(",", "")) for g in ("num", "den"))
    return found.end(), (numerator, denominator)


def _as_named(name: str, arms: list[str]) -> str:
    """The document's own name for an arm ("CRT arm" -> "CRT-alone"), else ``name``."""
    return resolve(name, arms) or name


def assign(ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]) -> bool:
    """Fill in arms by the rules above; False when some value of a group stays unassigned."""
    members = group.members
    if len(members) == 1 or all(m.arm for m in members):
        return True
    if all(m.arm or m.weak for m in members) and any(m.weak for m in members):
        for member in members:
            member.arm = member.arm or member.weak  # "x with A and y with B"
        return True
    if len(members) > 1:
        listed = _listed(ctx, group, arms, sentence)
        if listed is not None and len(listed) == len(members):
            for item, name in zip(members, listed, strict=True):
                item.arm = _as_named(name, arms)
            return True
        if _in_document_order(ctx, group, arms, sentence) or _chain_of_arms(
            ctx, group, arms, sentence
        ):
            order = _labelled_order(ctx.text, sentence[0], members[0].number.start, arms)
            names = order or recent_order(ctx, arms, sentence[0]) or results_order(ctx, arms)
            for item, name in zip(members, names, strict=True):
                item.arm = name
            return True
    if not group.paired:
        return False
    first, second = members
    if first.arm or second.arm:
        named, other = (first, second) if first.arm else (second, first)
        known = resolve(named.arm or "", arms)
        rest = [a for a in arms if a != known] if known else []
        if len(arms) == 2 and len(rest) == 1:
            other.arm = rest[0]
            return True
        return False
    start, end = sentence
    pair = (
        sentence_pair(ctx.text, group.end, end, arms)
        or sentence_pair(ctx.text, start, members[0].number.start)
        or (
            _labelled_order(ctx.text, start, members[0].number.start, arms)
            if len(arms) == 2
            else None
        )
    )
    if pair is None and len(arms) == 2:
        first_arm, second_arm = recent_order(ctx, arms, start) or results_order(ctx, arms)
        pair = (first_arm, second_arm)
    if pair is None:
        return False
    first.arm, second.arm = pair
    return True


def _listed(
    ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]
) -> list[str] | None:
    """Arms a list in the sentence gives the group's values in order (rule 2): the list
    "respectively" points to, a list right after the values, or a table header before them."""
    start = group.members[0].number.start
    if RESPECTIVELY_LATER.match(ctx.text, group.end):
        listed = coordinated_arms(ctx.text, sentence[0], sentence[1], arms)
        if listed is None:  # "11.5% in cohort C, with median PFS of 6.8 and 3.5 months,
            # respectively": the arms the sentence gave earlier values, when not all arms
            labelled = labelled_arms(ctx.text, sentence[0], start, arms)
            if 2 <= len(labelled) == len(group.members) < len(arms) and _coordinates_only_values(
                ctx, group, sentence
            ):  # not "for men and women"
                listed = labelled
    else:
        listed = arms_listed_after(ctx.text, group.members[-1].body_end, sentence[1])
        if listed is None and _ELIDED.search(ctx.text, sentence[0], start):
            # "... in arms A, B, and C; febrile neutropenia in 9.1%, 13.2%, and 0%": a later
            # clause of the sentence, its verb left out, takes the sentence's list of arms
            listed = coordinated_arms(ctx.text, sentence[0], start, arms)
    return (
        listed
        or header_arms(ctx.text, sentence[0], start, arms)
        or trailing_arms(ctx.text, group.end, sentence[1], arms)
    )


_ELIDED = re.compile(r";[ \u00a0]*(?:and[ \u00a0]+)?[^;\d%]{1,60}?[ \u00a0]in[ \u00a0]*$")
_LABEL_LEAD = re.compile(r"\b(?:in|with|receiving|received)[ \u00a0]+(?:the[ \u00a0]+)?$")
_OF_LEAD = re.compile(r"%[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?$")  # "6.8% of A-treated"
_NOT_LABEL = re.compile(
    r"(?:compared|relative|than|versus|vs\.?|v\.?|over|to|treated|pretreated|exposed|previously"
    r"|prior)[ \u00a0]+(?:with[ \u00a0]+)?"
    r"(?:the[ \u00a0]+|those[ \u00a0]+)?$",
    re.IGNORECASE,
)


def results_order(ctx: Context, arms: list[str]) -> list[str]:
    """The arms in the order the results first name them, when a methods region comes before
    the results and the results name every arm ("randomized to A (control) or B (B arm)" then
    "164 pts were randomized (B, 83; control, 81)": B first); else the document's order. A name
    after a comparison or a move ("compared with A", "crossed over from A", "unlike A") or
    before a comparator ("P < .001" when an arm is "P") is not where the results name it."""
    kinds = ctx.region_kinds
    if "methods" not in kinds:
        return arms
    after = kinds.index("methods")
    start = next(
        (ctx.region_starts[i] for i in range(after, len(kinds)) if kinds[i] == "results"), None
    )
    if start is None:
        return arms
    first: dict[str, int] = {}
    for arm in arms:
        for match in _mentions(ctx.text, arm, start):
            lead = ctx.text[max(start, match.start() - 30) : match.start()]
            if _ASIDE.search(lead) or _COMPARED.match(ctx.text, match.end()):
                continue
            first[arm] = match.start()
            break
    if len(first) != len(arms):
        return arms
    return sorted(arms, key=first.__getitem__)


def recent_order(ctx: Context, arms: list[str], before: int) -> list[str] | None:
    """The arms in the order the last results sentence before ``before`` that labels values
    with every one of them labels them ("... 88.4% in the AVO group, 83.1% in the AV group, and
    75.9% in the chemoimmunotherapy group." then "... in 62.3%, 48.8%, and 40.4%,
    respectively": AVO, AV, chemoimmunotherapy; see :func:`labelled_arms`); None when no
    sentence labels them all."""
    index = bisect.bisect_right(ctx.sentence_starts, before) - 1
    for i in range(index - 1, -1, -1):
        start, end = ctx.sentence_starts[i], ctx.sentence_ends[i]
        if ctx.region(start) != "results":
            return None
        if not any(n.percent or n.unit for n in ctx.numbers_between(start, end)):
            continue  # "Patients in the placebo group received nivolumab at crossover"
        labelled = labelled_arms(ctx.text, start, end, arms)
        if len(labelled) == len(arms):
            return labelled
    return None


def _mentions(text: str, arm: str, start: int, end: int | None = None) -> Iterator[re.Match[str]]:
    """Where ``arm`` is printed, with its case, not inside another name ("EPO" is not in
    "Lusp+EPO"), "ET alone" also as "ET-alone"; "-treated" after it is kept in the match's
    ``treated`` group."""
    alone = re.fullmatch(r"(?P<x>.+?)[ \u00a0\u2010-]alone", arm)  # "ET alone" as "ET-alone"
    printed = rf"{re.escape(alone['x'])}[ \u00a0\u2010-]alone" if alone else re.escape(arm)
    named = rf"(?<![\w+/-]){printed}(?P<treated>-treated)?(?![\w+/-])"
    return re.compile(named).finditer(text, start, len(text) if end is None else end)


_ASIDE = re.compile(  # "compared with A", "crossed over from A", "Unlike A": not a naming
    r"\b(?:compared[ \u00a0]+(?:with|to)|relative[ \u00a0]+to|than|versus|vs\.?|over|from"
    r"|unlike)[ \u00a0]+(?:the[ \u00a0]+)?$",
    re.IGNORECASE,
)
_COMPARED = re.compile(r"[ \u00a0]*[<>=\u2264\u2265]")


def _labelled_order(text: str, start: int, end: int, arms: list[str]) -> tuple[str, ...] | None:
    """The arms in the order the sentence labelled earlier values with every one of them ("in
    91.3% of the patients in the EPd group and in 78.4% of those in the EloPd group; the most
    common were neutropenia (62.1% vs 38.7%)"; "6.8% of A-treated and 4.9% of B-treated
    patients, and falls in 5.2% and 8.1%, respectively"), not the document's order. Only labels
    count ("in/with/receiving the A group", "x% of A-treated"), never a comparison ("compared
    with A") or a prior treatment."""
    found = labelled_arms(text, start, end, arms)
    return tuple(found) if len(found) == len(arms) >= 2 else None


def labelled_arms(text: str, start: int, end: int, arms: list[str]) -> list[str]:
    """The arms that label values between ``start`` and ``end``, in the order the text first
    labels them with each (see :func:`_labelled_order`); an arm printed inside a longer one's
    name is not printed there."""
    found: list[tuple[int, str]] = []
    printed = {arm: list(_mentions(text, arm, start, end)) for arm in arms}
    for arm in arms:
        longer = [m.span() for other in arms if len(other) > len(arm) for m in printed[other]]
        for match in printed[arm]:
            at = match.start()
            if any(a <= at < b for a, b in longer):
                continue  # "ribelimab" is not printed in "ribelimab plus tavorafenib"
            lead = text[max(start, at - 30) : at]
            of_treated = match["treated"] and _OF_LEAD.search(lead)
            if of_treated or (_LABEL_LEAD.search(lead) and not _NOT_LABEL.search(lead)):
                found.append((at, arm))
                break
    return [arm for _, arm in sorted(found)]


_CLAUSE_START = re.compile(r".*(?:[;:]|,[ \u00a0]+and\b|\brespectively\b,?)", re.DOTALL)
_CLAUSE_END = re.compile(r"[^;:,(\d]*")
_COORDINATION = re.compile(r"\b(?:and|both)\b", re.IGNORECASE)
_JOINS_VALUES = re.compile(  # "and 47 (48.0%)", "and two (1.5%)", "and in 60.3%": values
    r"and[ \u00a0]+(?:in[ \u00a0]+)?"
    r"(?:[\d.\u00b7,]+[ \u00a0]*%|[\w,/]+[ \u00a0]*\([ \u00a0]*[\d.\u00b7]+[ \u00a0]*%)",
    re.IGNORECASE,
)
_AFTER_VALUE = re.compile(  # "14.4% ", "21%) ", "52% of patients "
    rf"[%)\]](?:[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?{PEOPLE})?[ \u00a0]*[,;]?[ \u00a0]*$",
    re.IGNORECASE,
)
_PARALLEL_ITEM = re.compile(  # "and rash in 2.0%", "and insomnia (3%": another item of values
    r"and[ \u00a0]+(?!(?:in|among|for|with|at|thereafter|then|after|during|later|by)\b)"
    r"(?:[A-Za-z][\w\u2265\u2264\u2010-]*[ \u00a0]+){1,6}?"  # not "and in women in 25.0%"
    r"(?:in[ \u00a0]+|\([ \u00a0]*)[\d.\u00b7]+[ \u00a0]*%",
    re.IGNORECASE,
)
_JOINING = frozenset({"and", ","})
_OPENS = re.compile(r"\([ \u00a0]*$")
_CLOSES_ITEM = re.compile(r"[ \u00a0]*\)[ \u00a0]*(?:[,;.]|and\b|$)")
_LIST_ITEM = re.compile(  # up to a bracket of values and the join after it
    r".*\([\d.\u00b7%, \u00a0]*(?:and[ \u00a0]+[\d.\u00b7]+[ \u00a0]*%?)?\)[ \u00a0]*"
    r"(?:,[ \u00a0]*)?(?:and\b|,)",
    re.DOTALL,
)


def _chain_of_arms(ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]) -> bool:
    """Unlabelled values, one per document arm, joined by vs (three or more: "stomatitis (61%
    vs 9% vs 8%)" in a three-arm trial) or by slashes ("8.8% / 19.0% / 5.4%", two or more,
    when no slash in the clause before them joins endpoints or time points: "ORR/DCR was
    45%/80%", "6-/12-month PFS 80%/62%"), in the order the text names the arms (rule 2b; rule
    4 does the same for a pair)."""
    members = group.members
    if len(members) != len(arms) or any(m.arm or m.weak for m in members):
        return False
    if len(arms) >= 3 and all(c in _PAIRED for c in group.connectors):
        return True
    lead = ctx.text[_clause_start(ctx.text, group, sentence) : members[0].number.start]
    return len(arms) >= 2 and set(group.connectors) == {"/"} and "/" not in lead


def _clause_start(text: str, group: Group, sentence: tuple[int, int]) -> int:
    """Where the clause of the group's first value starts: after the last ";", ":", ", and" or
    "respectively" before it in its sentence."""
    before = _CLAUSE_START.match(text, sentence[0], group.members[0].number.start)
    return before.end() if before else sentence[0]


def _in_document_order(
    ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]
) -> bool:
    """Values joined by "and" (or commas), one per document arm, in a clause that coordinates
    nothing but values: "Objective responses were seen in 67.3% and 51.9% of patients", "EFS was
    92.6% and 85.8%, respectively", "neutropenia (29%, 27%, and 24%)" (a bracket holding only
    the values ends the clause) give the arms in the order the text named them. Any other
    "and" in the clause ("the 1-year and 2-year rates", "at 12 and 24 months", "with and
    without the mutation") may be what the values pair with, so the values are left out."""
    members = group.members
    if len(members) != len(arms) or len(arms) < 2 or not set(group.connectors) <= _JOINING:
        return False
    return _coordinates_only_values(ctx, group, sentence)


def _coordinates_only_values(ctx: Context, group: Group, sentence: tuple[int, int]) -> bool:
    """True when the group's clause coordinates nothing with "and" or "both" but its values
    (see :func:`_in_document_order`)."""
    members = group.members
    text = ctx.text
    start = _clause_start(text, group, sentence)
    after = _CLAUSE_END.match(text, group.end, sentence[1])
    end = after.end() if after else group.end
    opened = _OPENS.search(text, start, members[0].number.start)
    if opened and _CLOSES_ITEM.match(text, group.end):  # "neutropenia (29%, 27%, and 24%) and
        end = group.end  # rash (12%, 14%, and 1%)": a bracket of values that ends a list item
        listed = _LIST_ITEM.match(text, sentence[0], opened.start())  # ends the clause, and
        start = max(start, listed.end()) if listed else start  # the item before it starts one
    values = (members[0].number.start, group.end)
    return not any(
        not values[0] <= found.start() < values[1]
        and not _JOINS_VALUES.match(text, found.start())
        and not _parallel(text, found.start())
        for found in _COORDINATION.finditer(text, start, end)
    )


def _parallel(text: str, at: int) -> bool:
    """An "and" after a value that starts another item of values: "Diarrhoea was reported in
    8.1%, 11.5%, and 14.4% and rash in 2.0%, ..."; not "dose interruption and dose reduction
    occurred in 38.2% and 17.6%", which coordinates endpoints."""
    after_value = _AFTER_VALUE.search(text[max(0, at - 40) : at])
    return after_value is not None and _PARALLEL_ITEM.match(text, at) is not None
