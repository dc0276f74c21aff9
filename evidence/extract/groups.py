"""Per-arm values printed together ("44.1% vs 28.5%", "56.3% in the NAC arm and 80.3% ...") (pure).

A **group** starts at one value and takes each next value of the same sort that follows after
a connector: vs, versus, v, compared with/to, and, or, to, or a comma, optionally followed by
"was"/"were" and by a numerator ("and 45 (20%)"); a value's own CI, unit and arm label may
stand between. When the first value's
CI states a level, a later value's bracketed bare pair is its CI at that level ("21.2 months
(95% CI 19.0-23.5) ... versus 14.1 months (12.5-16.7)").

Arms are assigned in this order, and a value of a group of two or more that none of them
names is **left out** (abstention):

1. the value's own label (see :mod:`evidence.extract.arms`), after it ("80.3% in the CRT
   arm") or before it ("in the budesonide maintenance group (340 ug)"); weak labels ("with
   Isa-Kd") count only when every value of the group has a label;
2. for a pair joined by vs/versus/v with one label: the other of exactly two document arms;
3. for a pair joined by vs/versus/v with no labels: a "with A vs B" naming elsewhere in the
   sentence, else exactly two document arms in the order the text first names them (abstracts
   print pairs in the order they name the arms; with three or more arms nothing is assumed).

A single value keeps the arm its (strong) label gives, or none. An arm is named as the text
first names it ("80.3% in the CRT arm" gets "CRT-alone" when the text said "the CRT-alone
arm" before), so one arm has one name across a source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from evidence.extract.arms import Label, label_after, label_before, same_arm, sentence_pair
from evidence.extract.context import Attachment, Context, attach
from evidence.numbers import Number

_CONNECTOR = re.compile(
    r"[ \u00a0]*(?:,[ \u00a0]*)?(?P<c>vs\.?|versus|v\.?|compared (?:with|to)|and|or|to|,)?"
    r"[ \u00a0]*(?:(?:was|were)[ \u00a0]+)?(?:(?:with|in|for)[ \u00a0]+)?(?:the[ \u00a0]+)?"
)
_NUMERATOR_GAP = re.compile(r"[ \u00a0]*\([ \u00a0]*")
_PAIRED = frozenset({"vs", "versus", "v", "compared with", "compared to"})


@dataclass(slots=True)
class Member:
    """One value of a group, what is printed after it, its arm, and where its text ends."""

    number: Number
    attachment: Attachment
    arm: str | None
    end: int
    weak: str | None = None


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
) -> Group:
    """The group starting at ``first``; ``floor`` bounds the search for labels before it."""
    members = [member(ctx, first, arms, floor, stop, None)]
    level = members[0].attachment.ci_level
    connectors: list[str] = []
    while True:
        end = members[-1].end
        lead = ctx.next_number(end)
        following = lead
        if lead is not None and not accept(lead):
            following = ctx.next_number(lead.end)  # "and 45 (20%) ...": skip the numerator
            if following is None or not _NUMERATOR_GAP.fullmatch(
                ctx.text, lead.end, following.start
            ):
                break
        if lead is None or following is None or following.start >= stop or not accept(following):
            break
        gap = _CONNECTOR.fullmatch(ctx.text, end, lead.start)
        if gap is None or gap.group("c") is None:
            break
        connectors.append(gap.group("c").rstrip("."))
        members.append(member(ctx, following, arms, end, stop, level))
    return Group(members, connectors)


def member(
    ctx: Context,
    number: Number,
    arms: list[str],
    floor: int,
    stop: int,
    level: Decimal | None = None,
) -> Member:
    """One value with its attachment and its label (``floor`` bounds the label before it)."""
    attachment = attach(ctx, number, header_level=level, limit=stop)
    label: Label | None = label_after(ctx.text, attachment.end, arms)
    if label is not None and not label.weak:
        return Member(number, attachment, _as_named(label.name, arms), label.end)
    before = label_before(ctx.text, floor, number.start)
    before = _as_named(before, arms) if before else None
    if label is not None:
        return Member(number, attachment, before, label.end, weak=label.name)
    return Member(number, attachment, before, attachment.end)


def _as_named(name: str, arms: list[str]) -> str:
    """The document's own name for an arm ("CRT arm" -> "CRT-alone"), else ``name``."""
    return next((arm for arm in arms if same_arm(name, arm)), name)


def assign(ctx: Context, group: Group, arms: list[str], sentence: tuple[int, int]) -> bool:
    """Fill in arms by the rules above; False when some value of a group stays unassigned."""
    members = group.members
    if len(members) == 1 or all(m.arm for m in members):
        return True
    if all(m.arm or m.weak for m in members) and any(m.weak for m in members):
        for member in members:
            member.arm = member.arm or member.weak  # "x with A and y with B"
        return True
    if not group.paired:
        return False
    first, second = members
    if first.arm or second.arm:
        named, other = (first, second) if first.arm else (second, first)
        rest = [a for a in arms if not same_arm(a, named.arm or "")]
        if len(arms) == 2 and len(rest) == 1:
            other.arm = rest[0]
            return True
        return False
    start, end = sentence
    pair = sentence_pair(ctx.text, group.end, end) or sentence_pair(
        ctx.text, start, members[0].number.start
    )
    if pair is None and len(arms) == 2:
        pair = (arms[0], arms[1])
    if pair is None:
        return False
    first.arm, second.arm = pair
    return True
