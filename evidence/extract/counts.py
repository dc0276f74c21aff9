"""Sample sizes: participants enrolled, randomised or analysed, per arm or in all (pure).

A whole number (spelled-out too: "Seventy patients") is a count when it is printed as:

- an arm's size: ``Isa-Kd: n = 179``; ``1277 in the terbutaline group``; ``55 were randomly
  assigned to the NAC arm``, ``and 52 to the CRT-alone arm``; ``306 were assigned to receive
  drug A``, ``and 306 to receive placebo``; ``randomly assigned (346 to atezolizumab and 343
  to placebo)``; ``27 from the intervention site``; ``randomized (Lusp+EPO 184, EPO 92)``
  (see :func:`~evidence.extract.arms.counted_arms`); ``randomly assigned: 369 to A, 367 to
  B, and 368 to C`` (see :func:`~evidence.extract.arms.allotted`); ``vitamin D3 (...; n =
  30)`` where vitamin D3 is a document arm; ``(triplet, n = 63; doublet, n = 63)``, ``(A n = 124;
  B n = 122)`` and ``(A n=210, B n=208)`` where the name is a document arm; ``74 received
  P-TAS and 74 received TAS``, ``497 were assigned to A and 497 to B`` where the name is a
  document arm and the sentence allocates;
- a total: "a total of / data on / included / enrolled / studied / recruited / comprised /
  identified / involving / from / of N <participants>" ("participants" being a word of
  :data:`evidence.extract.people.PEOPLE`, "pts" among them, or physicians, athletes or veterans,
  with up to three words between: "9405 peritoneal dialysis patients"); "N <participants> were
  enrolled / randomised / included / analysed / treated / completed / met / underwent ..." (also
  "had been randomised"); "N (efficacy-)eligible / evaluable <participants>"; "N <participants>
  who received ..."; "N enrolled / completed / were randomised / were evaluable / were eligible /
  were treated / were infused / received at least one (>=1) dose / received an infusion / received
  the study drug / received treatment / underwent transplantation, randomisation or infusion"; "N
  (...) were included"; "N <...> controls", and "N <...> cases" only in "N cases and M controls"
  (elsewhere "cases" counts events).

Abstentions: decimals, percentages, numbers with units, ends of ranges; a denominator ("x of
N", "x (y%) of N"); a number followed by a percentage ("N (x%)", a subgroup); event counts
("12 patients died", "death occurred in 21 patients in the A group and in 45 in the B
group"); the parts of an allocation ratio ("1:1 to A"); the title and background.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evidence.extract.arms import (
    MEASURE,
    allotted,
    counted_arms,
    resolve,
    same_arm,
    sized_name,
)
from evidence.extract.context import Context, Draft
from evidence.extract.people import PEOPLE
from evidence.findings import FindingKind
from evidence.numbers import Number

_WORDS = r"(?:[A-Za-z][\w-]*[ \u00a0]+){0,3}?"
_NOUN = rf"(?P<noun>{PEOPLE}|physicians|athletes|veterans)\b"
_VERBS = (
    r"(?:were[ \u00a0]+|was[ \u00a0]+|had[ \u00a0]+been[ \u00a0]+|have[ \u00a0]+been[ \u00a0]+)?"
    r"(?:enrolled|randomi[sz]ed|randomly|included|recruited"
    r"|analy[sz]ed|studied|treated|completed|met|underwent|participated|received|eligible"
    r"|who[ \u00a0]+received)\b"
)
_SP = r"[ \u00a0]+"
_ARM_NAME = (  # words, or words joined by a spaced plus: "OBX-311 + nivolumab, n = 100"
    r"(?P<name>[A-Za-z][\w+/.\u2013-]*"
    r"(?:[ \u00a0](?:\+[ \u00a0])?[A-Za-z0-9][\w+/.\u2013-]*){0,3}?)"
)
_DRUG = r"[A-Za-z][\w+/\u2013-]*(?:[ \u00a0][A-Za-z0-9][\w+/\u2013-]*){0,3}?"
"""A treatment named after "to (receive)" or "received": up to four words, no full stop."""
_ARM_AFTER = re.compile(
    rf"(?:{_SP}(?:were|was){_SP}(?:randomly{_SP})?(?:assigned|allocated|randomi[sz]ed){_SP}to"
    rf"|{_SP}to|{_SP}in|{_SP}from){_SP}the{_SP}(?:(?P<measure>{MEASURE})|{_ARM_NAME})"
    rf"{_SP}(?:arm|group|cohort|site)s?\b"
    rf"|(?:{_SP}(?:were|was){_SP}(?:randomly{_SP})?(?:assigned|allocated|randomi[sz]ed))?{_SP}to"
    rf"{_SP}receive{_SP}(?P<drug>{_DRUG})"
    r"(?=[ \u00a0]*(?:[,;.(]|$|\band\b|\bor\b|\bplus\b))"
)
_TO_ARM = re.compile(
    rf"(?P<allocated>{_SP}(?:were|was){_SP}(?:randomly{_SP})?(?:assigned|allocated))?"
    rf"{_SP}(?P<verb>to|received)"
    rf"{_SP}(?P<name>{_DRUG})(?=[ \u00a0]*(?:[,;.)]|\band\b|$))"
)
_ALLOCATED = re.compile(
    r"(?:randomly assigned|randomi[sz]ed|randomi[sz]ation|allocated)[ \u00a0]*\([^()]*$"
)
_ALLOCATION_SENTENCE = re.compile(
    r"(?:assigned|randomi[sz]ed|randomi[sz]ation|allocated)[^.;]*$", re.IGNORECASE
)
_LISTED_N = re.compile(  # "(triplet, n = 63; doublet, n = 63)", "(A n=210, B n=208)"
    rf"(?<=[(;,])[ \u00a0]*{_ARM_NAME},?[ \u00a0]+n[ \u00a0]*=[ \u00a0]*$"
)
_SIZED_NEXT = re.compile(  # "; high-dose, n = 98": the bracket sizes a named list
    rf"[ \u00a0]*[;,][ \u00a0]*{_ARM_NAME},?[ \u00a0]+n[ \u00a0]*=", re.IGNORECASE
)
_COLON_N = re.compile(rf"{_ARM_NAME}[ \u00a0]?:[ \u00a0]?n[ \u00a0]?=[ \u00a0]?$")
_PAREN_N = re.compile(
    rf"{_ARM_NAME}[ \u00a0]*\((?:(?P<inner>[^()=]*)[;,][ \u00a0]*)?(?P<n>n)[ \u00a0]*=[ \u00a0]*$"
)
_TOTAL_BEFORE = re.compile(
    r"(?i:\b(?:a total of|total of|data on|included|enrolled|studied|recruited|comprised|identified"
    r"|involving|from|of))[ \u00a0]+$"
)
_NOUN_AFTER = re.compile(rf"{_SP}{_WORDS}{_NOUN}", re.IGNORECASE)
_QUALIFIED = re.compile(
    rf"{_SP}(?:[\w]+-)?(?:eligible|evaluable|enrolled|randomi[sz]ed){_SP}{_NOUN}"
)
_VERB_AFTER = re.compile(rf"{_SP}{_VERBS}", re.IGNORECASE)
_BARE_VERB = re.compile(
    rf"{_SP}(?:enrolled|completed|were{_SP}(?:randomi[sz]ed|evaluable|eligible|treated|infused)"
    rf"|received{_SP}(?:at{_SP}least{_SP}one{_SP}dose|\u2265[ \u00a0]*1{_SP}dose|an{_SP}infusion"
    rf"|(?:the{_SP})?study{_SP}(?:drug|treatment)|treatment)"
    rf"|underwent{_SP}(?:transplantation|randomi[sz]ation|infusion))\b"
)
_PAREN_THEN_VERB = re.compile(
    rf"[ \u00a0]*\([^()%]*\){_SP}were{_SP}(?:included|enrolled|randomi[sz]ed|analy[sz]ed)\b"
)
_DESIGN_NOUN = re.compile(
    rf"{_SP}{_WORDS}(?:(?P<cases>cases)(?={_SP}and{_SP}[\w,]+{_SP}{_WORDS}controls\b)"
    rf"|(?P<controls>controls)\b)"
)
_DENOMINATOR = re.compile(r"(?:\bof|\bout of|/)[ \u00a0]*$")
_NUMERATOR = re.compile(
    r"(?:\d|%[ \u00a0]*\)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred))[ \u00a0]*(?:of|out of|/)[ \u00a0]*$",
    re.IGNORECASE,
)


_EVENT_BEFORE = re.compile(
    r"\b(?:occurred|died|relapsed|progressed|developed|experienced)\b[^.;:]*$", re.IGNORECASE
)
_RATIO_BEFORE = re.compile(r"\d[ \u00a0]*:[ \u00a0]*$")


class _Found(NamedTuple):
    start: int
    end: int
    arm: str | None = None
    noun: str | None = None


def counts(ctx: Context, arms: list[str], used: set[int]) -> list[Draft]:
    """Sample sizes in total and per arm (see the module docstring)."""
    drafts: list[Draft] = []
    text = ctx.text
    parts = ctx.interval_parts()
    counted = {at: (name, start) for name, start, at in counted_arms(text)}
    listed_to = {at: (name, end) for name, at, end in allotted(text)}
    for number in ctx.numbers:
        if number.start in used or number.start in parts or not _whole(number):
            continue
        if ctx.region(number.start) == "skip":
            continue
        before = text[max(0, number.start - 80) : number.start]
        if _DENOMINATOR.search(before) and _NUMERATOR.search(before):
            continue  # "x of N", "x (y%) of N": a denominator
        if _EVENT_BEFORE.search(before) or _RATIO_BEFORE.search(before):
            continue  # "death had occurred in 21 ... and in 45 in the B group"; "1:1 to A"
        found = _arm_count(text, number, before, arms, (counted, listed_to))
        found = found or _total(text, number, before)
        if found is None:
            continue
        endpoint = found.noun or "participants"
        drafts.append(
            Draft(FindingKind.COUNT, found.start, found.end, number, endpoint, arm=found.arm)
        )
        used.add(number.start)
    return drafts


def _whole(number: Number) -> bool:
    return (
        number.value is not None
        and not number.percent
        and number.unit is None
        and number.comparator in (None, "=")
        and number.value == number.value.to_integral_value()
        and number.value > 0
        and "." not in number.verbatim
    )


def _arm_count(
    text: str,
    number: Number,
    before: str,
    arms: list[str],
    sized: tuple[dict[int, tuple[str, int]], dict[int, tuple[str, int]]],
) -> _Found | None:
    """``A: n = 179``, ``A (...; n = 30)``, ``55 ... to the A arm``, ``306 to receive A`` ..."""
    counted, listed_to = sized
    if number.start in counted:  # "randomized (Lusp+EPO 184, EPO 92)"
        name, start = counted[number.start]  # the name before or after the number
        return _Found(min(start, number.start), max(number.end, start + len(name)), name)
    if number.start in listed_to:  # "randomly assigned: 369 to A, 367 to B"
        name, end = listed_to[number.start]
        return _Found(number.start, end, name)
    offset = number.start - len(before)
    colon = _COLON_N.search(before)
    if colon is not None:
        return _Found(offset + colon.start("name"), number.end, colon["name"])
    listed = _LISTED_N.search(before)
    if listed is not None and resolve(listed["name"], arms) is not None:
        return _Found(offset + listed.start("name"), number.end, listed["name"])
    if listed is not None and _SIZED_NEXT.match(text, number.end):
        return None  # "high-dose rituximab (rituximab, n = 100; high-dose, n = 98)": which?
    paren = _PAREN_N.search(before)
    if paren is not None:
        name = sized_name(paren)  # "ponatinib plus blinatumomab (PB; n = 119)": PB
        if any(same_arm(name, arm) for arm in arms):
            return _Found(offset + paren.start("n"), number.end, name)
    after = _ARM_AFTER.match(text, number.end)
    if after is not None:
        return _Found(number.start, after.end(), after["name"] or after["measure"] or after["drug"])
    to_arm = _TO_ARM.match(text, number.end)
    if to_arm is None:
        return None
    start = max(0, number.start - 200)
    if to_arm["verb"] == "to" and _ALLOCATED.search(text, start, number.start):
        return _Found(number.start, to_arm.end(), to_arm["name"])  # "(346 to A and 343 to B)"
    if resolve(to_arm["name"], arms) is not None and (
        to_arm["allocated"] or _ALLOCATION_SENTENCE.search(text, start, number.start)
    ):  # "497 were assigned to A and 497 to B", "Of 148 randomized, 74 received A and 74 ..."
        return _Found(number.start, to_arm.end(), to_arm["name"])
    return None


def _total(text: str, number: Number, before: str) -> _Found | None:
    """ "a total of N patients", "N patients were enrolled", "N evaluable patients" ..."""
    noun = _NOUN_AFTER.match(text, number.end)
    if noun is not None and (
        _TOTAL_BEFORE.search(before)
        or _VERB_AFTER.match(text, noun.end())
        or _QUALIFIED.match(text, number.end)
    ):
        return _Found(number.start, noun.end(), noun=noun["noun"].lower())
    design = _DESIGN_NOUN.match(text, number.end)
    if design is not None:
        return _Found(number.start, design.end(), noun=design["cases"] or design["controls"])
    if _BARE_VERB.match(text, number.end) or _PAREN_THEN_VERB.match(text, number.end):
        return _Found(number.start, number.end)
    return None
