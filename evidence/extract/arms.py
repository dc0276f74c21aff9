"""Which arm a number belongs to: arm names a text gives, and labels beside values (pure).

**Document arms**, in order of first mention, come only from explicit naming:

- ``(Isa-Kd: n = 179, Kd: n = 123)``: a name, a colon and ``n =``; or, in a bracketed list,
  a name, a comma or a space, and ``n =`` (``(triplet, n = 63; doublet, n = 63)``,
  ``(Cabo-Nivo n = 124; Cabo n = 122)``);
- ``in the terbutaline group``, ``to the NAC arm``, ``in the 2·4 mg/kg group``, ``in the 10 day
  group``: *in/to the* NAME *arm/group*, where NAME may be a dose or duration;
- ``with Isa-Kd vs Kd``, ``for A versus B``: a preposition and two names joined by vs, versus,
  v or compared with (names without digits; neither a quantifier: "for each experimental group
  versus control" names no arm);
- ``A (monotherapy group), A plus B (combination group), or C (control group)``, ``X 200 mg
  (Arm A), X 400 mg (Arm B), or placebo (Arm C)``, ``(arm A, control)``: brackets holding only
  a name and group/arm, or arm/group/cohort and a letter or number, two or more in a sentence
  about allocation (not about stratification);
- ``either vitamin D3 (...; n = 30) or placebo (n = 23)``, ``assigned to drug A (n = 151)``:
  names each followed by ``n =``, in a sentence about allocation (randomised, assigned,
  allocated, receiving), without the verb ("receive X" is X; a final "A" is a name); a short
  name in the bracket is the arm's (``ponatinib plus blinatumomab (PB; n = 119)`` is PB,
  ``(triplet group; n=413)`` triplet), a drug before its dose is (``fexarixan, 50 mg once
  daily (n = 7109)``), and a dose is dropped unless doses are the arms; the arms sized by the
  (last) such sentence that sizes the most arms are the document's when other namings add
  aliases (``to IMRT alone or IMRT with concurrent cisplatin`` then ``to IMRT alone (n=170)
  or chemoradiotherapy (n=171)``);
- ``randomly assigned to receive nivolumab or docetaxel``: randomised / assigned / allocated
  ... to (receive) A or B, names without digits once a dose is dropped ("saruparib 60 mg QD"
  is "saruparib"), the second ending the clause (an allocation ratio such as ``(3:2)`` may
  stand before "to");
- ``assigned (3:2) to isatuximab plus Kd (Isa-Kd) or Kd (control group)``: the same, where
  each arm's short name follows it in brackets: the bracketed names;
- ``in the pembrolizumab and placebo groups``: a list of names with a plural arms/groups word;
- ``276 pts were randomized (Lusp+EPO 184, EPO 92)``: names each followed by a count, in a
  bracket after an allocation verb;
- ``1104 patients were randomly assigned: 369 to A, 367 to B, and 368 to C``: two or more
  counts each followed by "to" and a name, right after an allocation verb (:func:`allotted`),
  when they name more arms than the other namings do;
- only when none of these names two arms: the first pair of shares labelled with their groups
  (``12.5% with PTCy and 11.3% with ATG``, ``75.2% in the three month group v 76.0% in the six
  month group``), unless a name is a population (:func:`population_of`: "in PDAC" after "Pts
  with PDAC, colorectal cancer (CRC) or NSCLC").

Role words first named in a later sentence than the arms named by their treatments ("the
combination and control arms" after "(A-B, n = 610; B, n = 608)") stand for them and are no
arms of their own (:func:`_without_roles`).

Names are compared case-insensitively without a leading "the" or a trailing arm, group, cohort
or site, or a leading one before a short name ("arm A" is "A"); one name matches another when it
equals it or is a prefix of it ending at a hyphen, dash or space ("CRT" and "CRT-alone"), or is
a dose ending it ("40 mg" and "nexaluvir 40 mg"), unless
both are arms of their own: names listed side by side in one naming ("(Cabo-Nivo n = 124; Cabo n
= 122)") stay two arms, and a label resolves to the arm it equals before one it shortens
(:func:`resolve`).

**Labels beside a value**: after it (past "of patients" or ") of 230 patients", if printed),
*in/with/for/among the* NAME *arm/group/cohort/site*, *of the* NAME *arm/group/cohort/site*,
*in group* B, *(who) receiving / received / (were) treated with / given / assigned to* NAME,
*of* NAME*-treated (patients)* (weak unless NAME is a document arm), or *with/in* NAME where
NAME is a document arm, or a *weak* *with/in* NAME, used only when every value of its group
has one (a list "in the A and B groups, respectively" is not one value's label); before it
(between the endpoint and the value), *in/with/for/among the* NAME *arm/group/cohort*. A
document arm's name (a short one with its case: "a 62% rate" is not arm "A") is a label also
alone: right after the value ("52.3% RT vs 68.8% TPC"), in a bracket after it ("8.6 mo (A) vs
13.9 mo (C)"), as *of* NAME *pts* ("8.2% of RT pts", "79.4% of OV and 51.1% of CIT
patients"), after *at* ("12.1 months at DL1", never a time: "at 12 months"), or right before
it, with or without a colon ("A: 25.4 mo; B: 16.8 mo", "(RT 31% vs TPC 12%)"). Names joined
by a spaced plus are one name ("lorvaciclib + ET"); a dose's hyphen is a space ("300-mg").
A header before a colon ("Wk 24 outcomes (A vs B vs C):") or a bracket closing the sentence
("(300 vs 600 mg).") naming only document arms gives their order (:func:`header_arms`,
:func:`trailing_arms`). A study whose arms are all cohorts or dose levels, not randomised
between, is read as a cohort study (:func:`is_cohort`, :func:`randomised_between`).
Arm names are kept as printed, without "the" and the arm/group word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from evidence.extract.context import RESPECTIVELY_NEXT, WHOLE, last_match
from evidence.extract.people import DESCRIBED_PEOPLE, PEOPLE, PEOPLE_LATER

_NAME = (  # words, or words joined by a spaced plus: "lorvaciclib + ET"
    r"[A-Za-z][\w+/\u2010\u2013-]*"
    r"(?:[ \u00a0](?:\+[ \u00a0])?[A-Za-z0-9][\w+/\u2010\u2013-]*){0,3}?"
)
MEASURE = (  # a dose or duration naming an arm before a group word: "the 2·4 mg/kg group"
    r"\d[\d.,\u00b7]*[ \u00a0-]?(?:mg/kg|mg/m2|mg/m\u00b2|mg|\u00b5g|mcg|g|Gy|IU|units?"
    r"|days?|weeks?|months?|years?|cycles?)(?![\w/])"
)
_GROUPED_NAME = rf"(?:{MEASURE}|{_NAME})"  # a name before a group word may be a measure
_GROUP = r"(?:arm|group|cohort|site)s?"
_DOSE = re.compile(  # "saruparib 60 mg QD": the name is "saruparib"
    r"[ \u00a0]+\d[\d.,\u00b7]*[ \u00a0]*(?:mg|g|\u00b5g|mcg|IU|units?)\b.*$", re.IGNORECASE
)
_GROUP_WORD = re.compile(r"[ \u00a0]+(?:arm|group|cohort)$", re.IGNORECASE)
_STOP_NAMES = frozenset(
    {"same", "other", "two", "both", "three", "all", "each", "any", "study", "a", "an"}
    | {"this", "that", "either", "neither", "it", "them"}
    | {"analysis", "analyses", "trial", "population", "cohort"}
    | {"results", "methods", "findings", "background", "conclusions", "total", "overall"}
)
_LEADING_GROUP = re.compile(  # "(arm A)", "Cohort B", "arm F+T": the arm is "A", "B", "F+T"
    r"^(?:arm|group|cohort)[ \u00a0]+(?=[A-Za-z][A-Za-z0-9]{0,2}(?:\+[A-Za-z0-9]{1,3})?$)",
    re.IGNORECASE,
)
_COLON_N = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME})[ \u00a0]?:[ \u00a0]?n[ \u00a0]?=[ \u00a0]?\d"
    rf"|(?<=[(;,])[ \u00a0]?(?P<listed>{_NAME}),?[ \u00a0]n[ \u00a0]?=[ \u00a0]?\d",
    re.IGNORECASE,
)
_IN_THE = re.compile(
    rf"\b(?:in|to)[ \u00a0]the[ \u00a0](?P<name>{_GROUPED_NAME})[ \u00a0]{_GROUP}\b"
)
_PAIR = re.compile(
    rf"\b(?:with|for|in|between|receiving)[ \u00a0](?:either[ \u00a0])?(?P<a>{_NAME})"
    r"[ \u00a0](?:vs\.?|versus|v\.?|compared with|compared to)[ \u00a0](?:the[ \u00a0])?"
    rf"(?P<b>{_NAME})(?=[ \u00a0]*(?:[,;.)]|$|[ \u00a0](?:{_GROUP}|groups|arms|and)\b))"
)
_BRACKET_PAIR = re.compile(
    rf"[ \u00a0]*\([ \u00a0]*(?P<a>{_NAME})[ \u00a0]+(?:vs\.?|versus|v\.?)[ \u00a0]+(?P<b>{_NAME})"
    r"[ \u00a0]*\)"
)
_RATIO = r"\([ \u00a0]*\d+[ \u00a0]*:[ \u00a0]*\d+[ \u00a0]*\)"
_ISOTOPE = r"\d{1,3}[A-Z][a-z]?-"  # "177Lu-PSMA-617": a radionuclide leads the name
_ASIDE_DOSE = (  # "177Lu-PSMA-R8 (7.4 GBq every 6 weeks) plus": a dosing aside, not "(arm A)"
    r"(?:[ \u00a0]\((?![^()]*\b(?:arm|group|cohort|n)\b)(?=[^()]*\d[^()]*[ \u00a0])[^()]{1,80}\))?"
)
_ALLOCATED_NAME = (
    rf"(?:{_ISOTOPE})?[A-Za-z][\w+/\u2010\u2013-]*{_ASIDE_DOSE}"
    r"(?:[ \u00a0](?:\+[ \u00a0])?[A-Za-z0-9][\w+/\u2010\u2013-]*){0,3}?"
)
_ALLOCATED_PAIR = re.compile(
    r"\b(?:randomi[sz]ed|randomly[ \u00a0]assigned|assigned|allocated)\b"
    rf"(?:(?!(?<![\d:])\d[\d,]*[ \u00a0]+to[ \u00a0])[^.;()]|{_RATIO}){{0,40}}?"  # not "1483 to"
    rf"\bto[ \u00a0](?:receive[ \u00a0])?(?:either[ \u00a0])?(?P<a>{_ALLOCATED_NAME})[ \u00a0]or"
    rf"[ \u00a0](?:to[ \u00a0])?(?P<b>{_ALLOCATED_NAME})(?=[ \u00a0]*(?:[,;.(]|$))"
)
# "assigned (3:2) to isatuximab plus Kd (Isa-Kd) or Kd (control group)": the names in brackets;
# a bracketed dose may stand before them ("luspatercept (1.0 mg/kg q3w) plus EPO (Lusp+EPO)")
_DOSED = r"(?:[^.;()]|\([^()]*\d[ \u00a0]*(?:mg|g|\u00b5g|mcg|IU|units?|Gy)\b[^()]*\)){1,120}?"
_ALLOCATED_SHORT = re.compile(
    r"\b(?:randomi[sz]ed|randomly[ \u00a0]assigned|assigned|allocated)\b"
    rf"(?:[^.;()]|{_RATIO}){{0,40}}?\bto[ \u00a0](?:receive[ \u00a0])?(?:either[ \u00a0])?"
    rf"{_DOSED}\([ \u00a0]*(?P<a>[^()\d;,]{{1,30}}?)[ \u00a0]*\)[ \u00a0]*,?[ \u00a0]or[ \u00a0]"
    rf"{_DOSED}\([ \u00a0]*(?P<b>[^()\d;,]{{1,30}}?)[ \u00a0]*\)"
)
_PAIR_LEAD = re.compile(r"^[A-Za-z]+[ \u00a0]+(?:with|for|in)[ \u00a0]+(?=\S)")  # "death with A"
_PAIR_TAIL = re.compile(r"[ \u00a0]+as$")  # "with A as compared with B"
_THEN = re.compile(r"[ \u00a0]+and[ \u00a0]+\w+ed\b.*$")  # "to A or B and followed": B
_ALLOCATION = re.compile(r"randomi[sz]|assigned|allocated|receiving|received either", re.IGNORECASE)
_RANDOMISED = re.compile(r"randomi[sz]|assigned|allocated", re.IGNORECASE)
_STRATIFIED = re.compile(r"stratif", re.IGNORECASE)
_COUNTED_NAME = r"[A-Za-z][\w+/.\u2010\u2013-]*(?:[ \u00a0][A-Za-z][\w+/.\u2010\u2013-]*){0,3}"
_COUNTED_ITEM = re.compile(rf"(?P<name>{_COUNTED_NAME}),?[ \u00a0]+(?P<n>{WHOLE})")
_COUNTED_LIST = re.compile(  # "(Lusp+EPO 184, EPO 92)", "(saruparib 643; placebo 641)"
    rf"\([ \u00a0]*{_COUNTED_NAME},?[ \u00a0]+{WHOLE}"  # "(RUX, 83; control, 81)"
    rf"(?:[ \u00a0]*[,;][ \u00a0]*{_COUNTED_NAME},?[ \u00a0]+{WHOLE})+[ \u00a0]*\)"
)
_NAMED_AFTER = rf"(?!(?:to|were|was|in|of|from|with|at)\b){_COUNTED_NAME}"  # not "346 to A"
_COUNT_FIRST_ITEM = re.compile(rf"(?P<n>{WHOLE})[ \u00a0]+(?P<name>{_NAMED_AFTER})")
_COUNT_FIRST_LIST = re.compile(  # "(119 PBM; 121 sham)", "(310 SCRT-IO; 308 CRT)"
    rf"\([ \u00a0]*{WHOLE}[ \u00a0]+{_NAMED_AFTER}"
    rf"(?:[ \u00a0]*[,;][ \u00a0]*(?:and[ \u00a0]+)?{WHOLE}[ \u00a0]+{_NAMED_AFTER})+[ \u00a0]*\)"
)


_ALLOCATED_BEFORE = re.compile(  # "were randomized (", "randomized pts (", "randomised 2:1 ("
    r"\b(?:randomi[sz]ed|randomly[ \u00a0]assigned|assigned|allocated|randomi[sz]ation)"
    rf"(?:[ \u00a0]+(?:{PEOPLE}|(?:in[ \u00a0]+an?[ \u00a0]+)?\d+[ \u00a0]*:[ \u00a0]*\d+"
    r"(?:[ \u00a0]+ratio)?|equally|evenly))?[ \u00a0]*,?[ \u00a0]*$",
    re.IGNORECASE,
)


def _to_item(tag: str) -> str:
    """ "369 to ravotinib-pemlizumab", "1481 were allocated to three months" (groups ``n`` and
    ``name`` with ``tag`` after them)."""
    return (
        rf"(?P<n{tag}>{WHOLE})[ \u00a0]+(?:(?:were|was)[ \u00a0]+)?(?:(?:randomly[ \u00a0]+)?"
        r"(?:assigned|allocated|randomi[sz]ed)[ \u00a0]+)?to[ \u00a0]+(?:receive[ \u00a0]+)?"
        rf"(?:the[ \u00a0]+)?(?P<name{tag}>{_GROUPED_NAME})(?:[ \u00a0]+(?:group|arm))?"
        r"(?=[ \u00a0]*(?:[,;.)]|and\b|$))"
    )


_TO_ITEM = re.compile(_to_item(""))
_TO_LIST = re.compile(  # "randomly assigned: 369 to A, 367 to B, and 368 to C"
    rf"{_to_item('0')}(?:[ \u00a0]*[,;]?[ \u00a0]*(?:and[ \u00a0]+)?{_to_item('1')})+"
)


def counted_arms(text: str) -> list[tuple[str, int, int]]:
    """Arms listed with their sizes right after an allocation verb: "276 pts were randomized
    (Lusp+EPO 184, EPO 92)" gives ("Lusp+EPO", start of the name, start of 184) and ("EPO",
    ..., ...), and so does "(184 Lusp+EPO; 92 EPO)"; "randomized to A or B at 30 sites (Europe
    320, Asia 280)" gives none, nor do people ("(men 180, women 120)")."""
    found: list[tuple[str, int, int]] = []
    for lister, item_reader in (
        (_COUNTED_LIST, _COUNTED_ITEM),
        (_COUNT_FIRST_LIST, _COUNT_FIRST_ITEM),  # "(119 PBM; 121 sham)"
    ):
        for listed in lister.finditer(text):
            if not _ALLOCATED_BEFORE.search(text, max(0, listed.start() - 60), listed.start()):
                continue
            items = list(item_reader.finditer(text, listed.start() + 1, listed.end() - 1))
            if any(_people(item["name"]) or not _ok(item["name"]) for item in items):
                continue
            found.extend((item["name"], item.start("name"), item.start("n")) for item in items)
    return sorted(found, key=lambda item: item[1])


_ALLOCATED_LEAD = re.compile(  # "were randomly assigned: ", "randomised (", "allocated, "
    r"\b(?:randomi[sz]ed|randomly[ \u00a0]+(?:assigned|allocated)|assigned|allocated)"
    r"[ \u00a0]*(?:\([^()]*\)[ \u00a0]*)?[:(,]?[ \u00a0]*$"
)


def allotted(text: str) -> list[tuple[str, int, int]]:
    """Arm sizes listed as "N to <arm>" after an allocation verb: "1104 patients were randomly
    assigned: 369 to A, 367 to B, and 368 to C" gives ("A", start of 369, end of "A"), ...
    (two or more, none of them people or a stop word)."""
    found: list[tuple[str, int, int]] = []
    for listed in _TO_LIST.finditer(text):
        lead = max(_sentence_start(text, listed.start()), listed.start() - 60)
        if not (
            _ALLOCATED_LEAD.search(text, lead, listed.start())
            or _RANDOMISED.search(text, listed.start(), listed.start("name0"))
        ):
            continue  # not "30 crossed over, 18 to surgery and 12 to radiotherapy"
        items = list(_TO_ITEM.finditer(text, listed.start(), listed.end()))
        if any(_people(item["name"]) or not _ok(item["name"]) for item in items):
            continue
        found.extend((item["name"], item.start("n"), item.end()) for item in items)
    return found


def _people(name: str) -> bool:
    """ "patients", "men", "those": a word for people, not an arm."""
    return re.fullmatch(_PEOPLE, name.strip(), re.IGNORECASE) is not None


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (after the last ". " before it)."""
    stop = text.rfind(". ", 0, position)
    return stop + 2 if stop >= 0 else 0


_GROUP_DEFINED = re.compile(  # "lorvatinib plus cetuximab (combination group)", "(Arm A)"
    rf"\([ \u00a0]*(?:(?P<name>{_NAME})[ \u00a0]+(?:group|arm)"
    r"|(?P<lettered>(?i:arm|group|cohort)[ \u00a0]+[A-Z0-9]{1,3})(?:,[ \u00a0]*[a-z]+)?)"
    r"[ \u00a0]*\)"  # "(arm A, control)"
)
_N_PAREN = re.compile(  # a name starts after no letter: a long word is no trap
    rf"(?<![A-Za-z])(?P<name>{_GROUPED_NAME})[ \u00a0]*"
    r"\((?:(?P<inner>[^()=]*)[;,][ \u00a0]*)?n[ \u00a0]*=[ \u00a0]*\d[\d,]*\)"
)
_SHORT_NAME = re.compile(  # "(PB; n = 119)", "(VenAza-G, n = 74)": coded, with a capital inside
    r"(?=[^ ]*[A-Z0-9+])[A-Za-z][\w+/\u2010\u2013-]{0,11}"
)
_UNIT_FIRST = re.compile(r"(?:mg|g|\u00b5g|mcg|IU|units?)\b")
_DRUG_DOSE = re.compile(  # "Fexarixan, 50 mg once daily (n = 7,109)": "Fexarixan"
    r"(?:^|(?<=\bto[ ])|(?<=\bor[ ])|(?<=[:\n][ ])|(?<=[ ]{2}))"  # not "to X, a ... inhibitor,"
    r"(?P<drug>[A-Za-z][\w\u2010\u2013-]*),?[ \u00a0]+\d[\d.,\u00b7]*[ \u00a0]*"
    r"(?:mg|g|\u00b5g|mcg|IU|units?)\b[^()]{0,30}$"
)


def sized_name(match: re.Match[str]) -> str:
    """The arm's name before a "(...; n = 30)" bracket (a match with ``name`` and ``inner``
    groups): the short name the bracket gives, the drug a dose follows, or the last words
    ("" when they start with a unit)."""
    name = _short_name(match) or _dosed_drug(match) or last_words(match.group("name"))
    return "" if _UNIT_FIRST.match(name) else name  # "mg once daily" names nothing


_REGIMEN_WORD = re.compile(
    r"(?:triplet|doublet|quadruplet)",  # not a role word: "drug X (experimental; n = 70)"
    re.IGNORECASE,
)


def _short_name(match: re.Match[str]) -> str | None:
    """The short name a "(NAME; n = 119)" bracket gives its arm ("ponatinib plus blinatumomab
    (PB; n = 119)" is PB, the name the text uses from then on; "(triplet group; n=413)" and
    "(doublet; n = 72)" name the triplet and the doublet)."""
    inner = (match.group("inner") or "").strip()
    grouped = _GROUP_WORD.search(inner)
    if grouped is not None and _ok(inner[: grouped.start()]):
        return inner[: grouped.start()]  # "chemotherapy alone (chemotherapy group; n=412)"
    if _REGIMEN_WORD.fullmatch(inner):
        return inner  # "AZA-VEN alone (doublet; n = 72)" is the doublet
    return inner if _SHORT_NAME.fullmatch(inner) and _ok(inner) else None


def _dosed_drug(match: re.Match[str]) -> str | None:
    """The drug a dose and schedule follow: "Fexarixan, 50 mg once daily (n = 7,109)"."""
    if not _UNIT_FIRST.match(last_words(match.group("name"))):
        return None  # "oravestrant 150 mg (n = 60)" is a dose arm
    dosed = _DRUG_DOSE.search(match.string, max(0, match.start("name") - 40), match.end("name"))
    return dosed["drug"] if dosed and _ok(dosed["drug"]) else None


_PEOPLE = rf"(?:{PEOPLE}|those)"
_NOT_TREATED = r"(?:previously|pre|un|heavily|newly|non|prior|minimally|treatment)"
_OF_TREATED = re.compile(  # "38.4% of AV-treated and 61.8% of CIT-treated patients"
    rf"[ \u00a0]*+\)?[ \u00a0]*+of[ \u00a0]+(?:the[ \u00a0]+)?(?!{_NOT_TREATED}-)"
    r"(?P<name>[A-Za-z][\w+/\u2010\u2013-]*?)-treated\b"
    rf"(?:[ \u00a0]+{_PEOPLE}\b)?",
    re.IGNORECASE,
)
_AFTER = re.compile(  # "(89.6%) women in the four day group": people right after a bracket
    rf"[ \u00a0]*+(?:[)\]][ \u00a0]*{DESCRIBED_PEOPLE}[ \u00a0]+"  # "*+": spaces are no trap
    rf"(?=in[ \u00a0]+the\b[^;,()]*\b{_GROUP}\b|receiving\b|treated[ \u00a0]+with\b)"  # not "with"
    r"|[)\]]?[ \u00a0]*+,?[ \u00a0]*+"
    r"(?:of[ \u00a0]+(?:[\d,]+[ \u00a0]+)?(?:the[ \u00a0]+)?"
    rf"(?:(?:{DESCRIBED_PEOPLE}|those)[ \u00a0]+)?)?)"
    r"(?:(?P<given>(?:who[ \u00a0]+(?:were[ \u00a0]+)?)?(?:receiv(?:ing|ed)|treated[ \u00a0]+with"
    r"|given|assigned[ \u00a0]+to))[ \u00a0]+"
    rf"(?P<drug>{_GROUPED_NAME})(?=[ \u00a0]*(?:[,;.)(]|$|\b(?:and|vs|versus|v|compared"
    r"|respectively|was|were|who|which|had|achieved|experienced)\b))"
    r"|(?:in|with|for|among|from)[ \u00a0]+(?:(?P<letter_group>arm|group|cohort)[ \u00a0]+"
    r"(?P<letter>[A-Z0-9]{1,3})\b|(?P<the>the[ \u00a0]+)?"
    rf"(?P<name>{_GROUPED_NAME})(?:(?P<group>[ \u00a0]+{_GROUP})\b|(?=[ \u00a0]*(?:[,;.)(]|$"
    r"|\b(?:and|or|vs|versus|v|compared|respectively|was|were|at|who|which)\b)))))"
)
_SHORT_LABEL = re.compile(r"[A-Z][A-Za-z0-9]{0,2}")
_CODED = re.compile(r"\d|[A-Z]\w*[A-Z]|[+/]")  # "NPM1m", "KMT2Ar", "Lusp+EPO": coded names
_BARE_AFTER = re.compile(  # "52.3% RT vs 68.8% TPC": a document arm's name alone
    rf"[ \u00a0]+(?P<name>{_NAME})(?=[ \u00a0]*(?:[,;.)]|$|\b(?:vs|versus|v|and|or)\b))"
)
_AT_AFTER = re.compile(  # "12.1 months at DL1", "... at 300 mg" (not "at 12 months")
    r"[ \u00a0]*+\)?[ \u00a0]*+,?[ \u00a0]*+at[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?!\d[\d.,\u00b7]*[ \u00a0-]?(?:days?|weeks?|months?|years?|cycles?)\b)"
    rf"(?P<name>{_GROUPED_NAME})"
    r"(?=[ \u00a0]*(?:[,;.)]|$|\b(?:and|or|vs|versus)\b))"
)
_BRACKET_AFTER = re.compile(rf"[ \u00a0]*\([ \u00a0]*(?P<name>{_NAME})[ \u00a0]*\)")  # "8.6 mo (A)"
_OF_ARM_PEOPLE = re.compile(  # "8.2% of RT pts", "79.4% of OV and 51.1% of CIT patients"
    rf"[ \u00a0]*of[ \u00a0]+(?:the[ \u00a0]+)?(?P<name>{_NAME})(?:[ \u00a0]+{PEOPLE}\b"
    rf"|(?=[ \u00a0]+{PEOPLE_LATER}))"
)
_BARE_BEFORE = re.compile(  # "A: 25.4 mo", "(RT 52.3%": a name right before the value
    rf"(?:^|[\s(;,\u2014\u2013-])(?P<name>{_NAME})[ \u00a0]*:?[ \u00a0]*$"
)
_OF_GROUP = re.compile(  # "21.6% of the monotherapy cohort"
    rf"[ \u00a0]*+\)?[ \u00a0]*+of[ \u00a0]+the[ \u00a0]+(?!{_PEOPLE}\b)"
    rf"(?P<name>{_GROUPED_NAME})[ \u00a0]+{_GROUP}\b"  # "of the 4-month group"
)
_ARM_LIST = re.compile(  # "in the A and B groups", "in arms A, B and C", "with A and B"
    rf"\b(?i:in|with|for|among|receiving|(?=to[ \u00a0]+(?:the[ \u00a0]+)?(?:arms|groups)\b)to)"
    r"[ \u00a0]+(?:the[ \u00a0]+)?(?P<pre>(?i:arms|groups|cohorts)[ \u00a0]+)?"
    rf"(?P<list>{_NAME}(?:,[ \u00a0]*{_NAME})*,?[ \u00a0]+and[ \u00a0]+{_NAME})"
    r"(?P<group>[ \u00a0]+(?:arms|groups|cohorts))?(?=[ \u00a0]*(?:[,;.)]|$))"
)
_VALUE_BEFORE = re.compile(  # a reported value: a share, a duration and its bracket, n (x%) of N
    r"(?:\d[ \u00a0]*(?:%|per[ \u00a0]?cent)(?:[ \u00a0]*[)\]])?"  # "(29.1%) in the B group"
    r"|\d[ \u00a0]*(?:months?|years?|weeks?|days?|mo)\b"
    rf"|%[ \u00a0]*\)[ \u00a0]*of[ \u00a0]+{WHOLE}(?:[ \u00a0]+{_PEOPLE})?)"
    r"[ \u00a0]*(?:\([^()]*\)[ \u00a0]*)?"
    rf"(?:of[ \u00a0]+(?:the[ \u00a0]+)?{_PEOPLE}[ \u00a0]+)?$",
    re.IGNORECASE,
)
_AND_NAME = re.compile(rf"[ \u00a0]+and[ \u00a0]+(?P<name>{_NAME})(?=[ \u00a0]*(?:[,;.)]|$))")
_PAIRING = re.compile(r"[ \u00a0]+(?:vs\.?|versus|v\.?|compared)\b")
_VALUE_NEXT = re.compile(r"[ \u00a0]*[\d(]")
_BEFORE = re.compile(
    rf"\b(?i:in|with|for|among)[ \u00a0]+the[ \u00a0]+(?P<name>{_GROUPED_NAME})[ \u00a0]+{_GROUP}\b"
)


_NAME_STOPS = frozenset(
    "to a an the either or and receive receiving received assigned allocated randomized randomised "
    "with of in were was into versus vs".split()
)


_SPAN_WORDS = frozenset({"for", "after", "until", "during", "over"})


def _measure(name: str) -> bool:
    """A dose or duration ("40 mg", "2·4 mg/kg", "10 days", "60 Gy"), any case."""
    return re.fullmatch(MEASURE, name.strip(), re.IGNORECASE) is not None


def last_words(name: str) -> str:
    """The words of ``name`` after its last verb, preposition or article, without a trailing
    arm/group/cohort word ("... to a X" -> "X", "assigned to the B group" -> "B"); a duration
    or dose after "for", "after", "until", "during" or "over" is the name ("amoxicillin for 5
    days" -> "5 days", "aspirin during pregnancy" stays whole)."""
    words = name.split()
    for i, word in enumerate(words[:-1]):  # "amoxicillin for 5 days": the duration names it
        rest = " ".join(words[i + 1 :])
        if word.lower() in _SPAN_WORDS and (_measure(rest) or _DURATION_NAME.match(rest)):
            return rest
    for i in range(len(words) - 1, -1, -1):
        label = words[i] == "A" and (i == len(words) - 1 or _GROUP_WORD.match(f" {words[i + 1]}"))
        if words[i].lower() in _NAME_STOPS and not label:
            words = words[i + 1 :]  # but "A" ending a name ("drug A", "A group") is one
            break
    return _GROUP_WORD.sub("", " ".join(words))


@functools.lru_cache(maxsize=4096)
def normal(name: str) -> str:
    """A name for comparison: lower case, no leading "the", no trailing arm/group word, a
    duration in the singular ("six weeks" is "six week"), a dose or duration without its
    hyphen ("300-mg" is "300 mg"), nor "alone" ("chemotherapy-alone" is "chemotherapy alone")."""
    words = name.strip().lower().replace("\u00a0", " ")
    words = re.sub(r"(?<=\d)[-\u2010\u2013](?=[a-z])", " ", words)  # "300-mg" is "300 mg"
    words = re.sub(r"(?<=[a-z])[-\u2010](?=alone\b)", " ", words)  # "CAPOX-alone" is "CAPOX alone"
    words = re.sub(r"^the ", "", words)
    words = _LEADING_GROUP.sub("", words)  # "cohort a" is "a"
    words = re.sub(rf" {_GROUP}$", "", words).strip()
    return words[:-1] if _DURATION_NAME.match(words) and words.endswith("s") else words


def same_arm(a: str, b: str) -> bool:
    """True when two printed names may denote the same arm ("CRT" and "CRT-alone arm", a dose
    and the drug at that dose: "40 mg" and "nexaluvir 40 mg"; "six months of treatment" and
    "six months")."""
    x, y = (normal(_duration_alone(name.strip())) for name in (a, b))
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if _measure(short) and long.endswith(f" {short}"):
        return True  # "40 mg" and "nexaluvir 40 mg"
    return bool(short) and long.startswith(short) and long[len(short)] in " -\u2010\u2013"


def resolve(name: str, arms: list[str]) -> str | None:
    """The document arm ``name`` denotes: the one it equals, else the only one it shortens or
    lengthens ("CRT" -> "CRT-alone"); None when it names none or several ("Cabo" when both
    "Cabo" and "Cabo-Nivo" are arms resolves to "Cabo")."""
    exact = [arm for arm in arms if normal(arm) == normal(name)]
    if exact:
        return exact[0]
    near = [arm for arm in arms if same_arm(name, arm)]
    return near[0] if len(near) == 1 else None


def _ok(name: str) -> bool:
    """A name that can be an arm's: not led by an article, quantifier or stop word (but "A"),
    and not by a digit unless it is a dose or duration ("40 mg", "the 10 day group")."""
    first = name.split()[0]
    if _DURATION_NAME.match(name):
        return True  # "the three month group": a treatment duration names the arm
    if first.lower() in _STOP_NAMES and not (len(first) == 1 and first.isupper()):
        return False  # an article or quantifier, but "A" in "the A arm" is a name
    return not name[:1].isdigit() or _measure(name) or re.match(_ISOTOPE, name) is not None


_DURATION = (  # "six months", "10-day", "3 cycles"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)[ \u00a0-]"
    r"(?:months?|weeks?|years?|days?|cycles?)"
)
_DURATION_NAME = re.compile(rf"{_DURATION}$", re.IGNORECASE)
_DURATION_OF = re.compile(  # "six months of treatment" is the "six months" arm
    rf"^(?P<duration>{_DURATION})[ \u00a0]+of[ \u00a0].*$", re.IGNORECASE
)


def _duration_alone(name: str) -> str:
    """A duration without its "of" words ("six months of treatment" is "six months")."""
    return _DURATION_OF.sub(r"\g<duration>", name)


def _durations_compared(names: list[str]) -> bool:
    """True when two or more of ``names`` are different durations ("eight days of antibiotics"
    and "fifteen days"), so that each is its duration alone; "six months of imatinib or
    placebo" compares drugs."""
    durations = {
        normal(alone) for alone in map(_duration_alone, names) if _DURATION_NAME.match(alone)
    }
    return len(durations) >= 2


def document_arms(text: str) -> list[str]:
    """Arm names the text gives explicitly, in order of first mention (see module docstring).

    A name that shortens or lengthens a known arm ("CRT" after "CRT-alone") is that arm,
    unless both come from one naming ("(Cabo-Nivo n = 124; Cabo n = 122)"): names listed
    side by side are different arms.
    """
    found: list[tuple[int, int, str]] = []  # (position, naming, name)
    listed: list[tuple[int, int, str]] = []
    for match in _COLON_N.finditer(text):
        naming = text.rfind("(", 0, match.start() + 1)  # one bracketed list is one naming
        name = match.group("name") or match.group("listed")
        if match.group("listed"):
            listed.append((match.start(), naming, name))  # "(A n=210, B n=208)"
        else:
            found.append((match.start(), naming, name))
    for match in _IN_THE.finditer(text):
        if not re.search(r",|[ \u00a0]and[ \u00a0]", match.group("name")):
            found.append((match.start("name"), match.start(), match.group("name")))
    for match in _ARM_LIST.finditer(text):
        names = _listed(match)
        if (match.group("group") or match.group("pre")) and names:  # "in the A and B groups"
            found.extend(
                (match.start("list") + i, match.start(), name) for i, name in enumerate(names)
            )
    found.extend(_paired(text))
    for name, start, _ in counted_arms(text):
        found.append((start, text.rfind("(", 0, start), name))
    found.extend(_defined_groups(text))
    sized = _sized(text)
    found.extend((at, naming, name) for naming, names in sized.items() for at, name in names)
    confirmed = _confirmed(text, listed, found)
    found.extend(confirmed)
    arms = _only_sized(_without_roles(_distinct(found), found, text), sized)
    sizes = allotted(text)  # "assigned: 369 to A, 367 to B, and 368 to C", one naming
    if len(arms) < len(sizes):  # names more arms than the rest of the text does
        more = found + [(at, sizes[0][1], name) for name, at, _ in sizes]
        arms = _without_roles(_distinct(more), more, text)
    if len(arms) < 2:
        return _labelled_pair(text) or arms
    return _short_names(arms, confirmed)


def _short_names(arms: list[str], listed: list[tuple[int, int, str]]) -> list[str]:
    """The arms by the names a bracket sizing every arm gives them, where each shortens one
    arm's longer name: after "randomized to stop treatment or to continue lorabrutinib alone",
    "(stop, n = 59; continue, n = 59)" names the arms "stop" and "continue"; "(PTCy, n = 152;
    ATG, n = 149)" makes "rabbit ATG" "ATG"."""
    namings: dict[int, list[str]] = {}
    for _, naming, name in sorted(listed):
        namings.setdefault(naming, []).append(_LEADING_GROUP.sub("", name.strip()))
    for names in namings.values():
        if len(names) != len(arms):
            continue
        renamed = []
        for arm in arms:
            shorter = [name for name in names if _shortens(name, arm)]
            renamed.append(shorter[0] if len(shorter) == 1 else None)
        if None not in renamed and len(set(renamed)) == len(arms):
            return [name for name in renamed if name is not None]
    return arms


_JOINING = re.compile(r"[+,]|\b(?:plus|and|with|or|to)\b", re.IGNORECASE)


def _shortens(name: str, arm: str) -> bool:
    """True when ``name`` is ``arm`` or a shorter form of it: its first words ("continue" for
    "continue lorabrutinib alone") or its last words after a modifier that joins nothing ("ATG"
    for "rabbit ATG", not "ipilimumab" for "nivolumab plus ipilimumab")."""
    short, long = normal(name), normal(arm)
    if short == long or (same_arm(name, arm) and len(short) < len(long)):
        return True
    return _modified(short, long)


def _modified(short: str, long: str) -> bool:
    """True when the normal name ``long`` is ``short`` after a modifier that joins nothing
    ("rabbit atg" and "atg", not "nivolumab plus ipilimumab" and "ipilimumab")."""
    return long.endswith(f" {short}") and not _JOINING.search(long[: -len(short)])


def _sized(text: str) -> dict[int, list[tuple[int, str]]]:
    """Names each followed by "(n = ...)" in a sentence about allocation, by sentence start
    (names side by side are different arms): ``either vitamin D3 (...; n = 30) or placebo (n =
    23)``; a duration after "<verb>ed for" is no name unless another is a dose or duration
    ("continued for 12 months (n=806), or usual care"), and a dose goes unless doses are the
    arms (:func:`_measures`)."""
    by_sentence: dict[int, list[re.Match[str]]] = {}
    for match in _N_PAREN.finditer(text):
        by_sentence.setdefault(_sentence_start(text, match.start()), []).append(match)
    sized: dict[int, list[tuple[int, str]]] = {}
    for start, matches in by_sentence.items():
        measures = [_measures(m) for m in matches]
        for i, match in enumerate(matches):
            if not _ALLOCATION.search(text, start, match.end("name")):
                continue
            other_measure = any(m for j, m in enumerate(measures) if j != i)
            name = sized_name(match)
            at = match.end("name") - len(name)
            if _FOR_DURATION.search(text, max(0, at - 30), at) and not other_measure:
                continue  # "continued for 12 months (n=806), or usual care": not an arm's name
            if not other_measure:  # "Atorvastatin 40 mg daily (n=1204)" is atorvastatin,
                name = _DOSE.sub("", name) or name  # unless doses are the arms
            if name and _ok(name) and not _people(name):  # "patients (A, n = 5;"
                sized.setdefault(start, []).append((max(at, match.start()), name))
    return sized


def _only_sized(arms: list[str], sized: dict[int, list[tuple[int, str]]]) -> list[str]:
    """The arms the last allocation sentence sizing the most arms gives sizes, when it names
    two or more and the other namings add arms it does not size: "to IMRT alone or IMRT with
    concurrent cisplatin" in the methods, then "341 patients were randomly assigned to IMRT
    alone (n=170) or chemoradiotherapy (n=171)": two arms, IMRT alone and chemoradiotherapy. A
    substudy sizing fewer arms ("aspirin (n=200) or placebo (n=198) underwent MRI") does not
    count."""
    if not sized:
        return arms
    most = max(len(names) for names in sized.values())
    names = [name for _, name in sized[max(k for k, v in sized.items() if len(v) == most)]]
    kept = [arm for arm in arms if any(normal(arm) == normal(name) for name in names)]
    return kept if 2 <= len(kept) == len(set(map(normal, names))) < len(arms) else arms


_ROLE = re.compile(
    r"(?:control|combination|experimental|intervention|investigational|comparator)",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(r"\b(?:placebo|alone|standard|usual|observation)\b", re.IGNORECASE)
_COMBINED = re.compile(r"[ \u00a0]\+[ \u00a0]|\b(?:plus|with)\b", re.IGNORECASE)  # "A + B"


def _without_roles(arms: list[str], found: list[tuple[int, int, str]], text: str) -> list[str]:
    """The arms without a role word ("the combination and control arms") that the text first
    names in a later sentence than the arms it named by their treatments, which it stands for.
    With two named arms, it goes when two role words stand for them (after "(A-B, n = 610; B, n
    = 608)" the combination is A-B and the control B, not two arms more), when one of them is
    a comparator (placebo, "alone", standard or usual care, observation), or when the word is
    "combination" and only one of them joins drugs ("A + B", "A plus B"); with three or more,
    only "control" goes, and only beside exactly one comparator. A role word named with the
    treatments ("A (control group)" in the allocation sentence) is an arm's own name and
    stays, and so is a third arm only a role word names ("exercise, diet or usual care" then
    "in the control group")."""
    first: dict[str, int] = {}
    for position, _, mention in sorted(found):
        for name in arms:
            if name not in first and normal(name) == normal(
                _LEADING_GROUP.sub("", mention.strip())
            ):
                first[name] = _sentence_start(text, position)
    named = [name for name in arms if not _ROLE.fullmatch(name)]
    sentences = {first.get(name) for name in named}
    comparators = sum(bool(_COMPARATOR.search(name)) for name in named)
    combined = sum(bool(_COMBINED.search(name)) for name in named)
    return [
        name
        for name in arms
        if not _ROLE.fullmatch(name)
        or len(named) < 2
        or first.get(name) in sentences
        or not (
            (len(named) == 2 and (len(arms) - len(named) >= 2 or comparators == 1))
            or (name.lower() == "control" and comparators == 1)
            or (len(named) == 2 and name.lower() == "combination" and combined == 1)
        )
    ]


def _measures(match: re.Match[str]) -> bool:
    """True when an "(n=...)" name is or holds a dose or duration: when another name of its
    sentence is one, "for 5 days (n=556) or 10 days (n=552)" compares durations and
    "baricitinib 4 mg (n=200), baricitinib 2 mg (n=201)" doses."""
    name = match.group("name")
    return _measure(last_words(name)) or _DOSE.search(name) is not None


_FOR_DURATION = re.compile(  # "continued for 12 months (n=806)", not "DAPT for 12 months"
    r"\b[a-z]+ed[ \u00a0]+(?:for|over|during|up[ \u00a0]+to)[ \u00a0]+$", re.IGNORECASE
)


def _paired(text: str) -> list[tuple[int, int, str]]:
    """Arms named as a pair: "with A vs B", "randomized to A or B", "assigned to A (X) or B (Y)"
    (position, naming, name)."""
    found = []
    for match in [
        *_PAIR.finditer(text),
        *_ALLOCATED_PAIR.finditer(text),
        *_ALLOCATED_SHORT.finditer(text),
    ]:
        a, b = (
            _DOSE.sub("", _THEN.sub("", re.sub(_ASIDE_DOSE, "", match.group(side))))
            for side in ("a", "b")
        )
        if match.re is _PAIR:  # "for death with AVO as compared with B": AVO
            a = _PAIR_LEAD.sub("", _PAIR_TAIL.sub("", a))
        if a == b:  # "to X 2 mg/kg or X 3 mg/kg": one drug is not an arm (its doses are,
            continue  # where the text names them: "the 2 mg/kg group")
        numbered = re.sub(rf"(?<![\w-]){_ISOTOPE}", "", f"{a} {b}")  # "177Lu-" is a name's
        if a and b and _ok(a) and _ok(b) and not re.search(r"(?<![\w-])\d", numbered):
            for side, name in (("a", a), ("b", b)):
                found.append((match.start(side), match.start(), _GROUP_WORD.sub("", name)))
    return found


_COHORT = re.compile(  # "cohort A", "Cohort 2", "part B", "DL3"
    r"\b(?:(?i:cohort|part)[ \u00a0]+[A-Z0-9]{1,2}|DL[ \u00a0-]?\d{1,2})\b"
)


_IN_COHORT_LIST = re.compile(  # "not reached in cohorts 2 and 3": the 3 names a cohort
    r"\b(?i:cohorts?|parts?)[ \u00a0]+(?:[A-Z0-9]{1,2}[ \u00a0]*(?:,|and|or)?[ \u00a0]*)*$"
)


def randomised_between(text: str, arms: list[str]) -> bool:
    """True when a sentence that randomises or allocates names two or more of ``arms``
    ("randomized 1:1 to cohort A (...) or cohort B (...)"): compared arms, whatever they are
    called."""
    for sentence in re.finditer(r"[^.]*\b(?:randomi[sz]|randomly|allocated)[^.]*", text):
        named = [
            arm
            for arm in arms
            if re.search(rf"(?<![\w-]){re.escape(arm)}(?![\w-])", sentence.group())
        ]
        if len(named) >= 2:
            return True
    return False


def is_cohort(name: str) -> bool:
    """ "cohort A", "Cohort 2", "part B", "DL3": a cohort's or dose level's name."""
    return _COHORT.fullmatch(name.strip()) is not None


def names_cohort(text: str, position: int) -> bool:
    """True when the number at ``position`` is a cohort's name in a list of them ("in
    cohorts 2 and 3")."""
    return _IN_COHORT_LIST.search(text, max(0, position - 40), position) is not None


def resolve_cohort(name: str, cohorts: list[str]) -> str | None:
    """The cohort ``name`` denotes: "3", "cohort 3" and "Cohort 3" are "cohort 3"."""
    key = _cohort_key(name)
    return next((cohort for cohort in cohorts if _cohort_key(cohort) == key), None)


def _cohort_key(name: str) -> str:
    return re.sub(r"^(?:cohorts?|parts?)[ \u00a0]+|[ \u00a0-]", "", name.strip().lower())


def document_cohorts(text: str) -> list[str]:
    """Cohorts, dose levels or parts the text names ("cohort A", "DL2"), in order of first
    mention, one per name: the groups of a study without two compared arms."""
    found: list[str] = []
    for match in _COHORT.finditer(text):
        name = match.group()
        if resolve_cohort(name, found) is None:
            found.append(name)
    return found


def _confirmed(
    text: str, listed: list[tuple[int, int, str]], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Names listed with their sizes in a bracket ("(triplet, n = 63; doublet, n = 63)", "(A
    n=210, B n=208)"): arms only in a sentence about allocation, when another naming gives the
    same arm, or when they are short or coded labels ("DL2", "NPM1m"); never people, nor plain
    words in a sentence that allocates nothing ("(men n=120, women n=98)", "at 12 centres
    (Europe n=150, ...)")."""
    known = [name for _, _, name in found]
    kept = []
    for position, naming, name in listed:
        allocated = _ALLOCATION.search(text, _sentence_start(text, naming), naming) is not None
        named = any(same_arm(name, other) for other in known)
        coded = _SHORT_LABEL.fullmatch(name.strip()) or _CODED.search(name)  # "DL2", "NPM1m"
        if not _people(name) and (allocated or named or coded) and not is_population(text, name):
            kept.append((position, naming, name))
    return kept


def _defined_groups(text: str) -> list[tuple[int, int, str]]:
    """Arms named by two or more "(X group)" or "(Arm A)" brackets in one sentence about
    allocation."""
    defined: dict[int, list[re.Match[str]]] = {}
    for match in _GROUP_DEFINED.finditer(text):
        start = _sentence_start(text, match.start())
        if _RANDOMISED.search(text, start, match.start()) and not _STRATIFIED.search(
            text, start, match.start()
        ):  # not "receiving X, those with ...", nor strata: "stratified by ECOG (group 1)"
            defined.setdefault(start, []).append(match)
    return [
        (m.start(), start, m.group("name") or m.group("lettered"))
        for start, matches in defined.items()
        if len(matches) >= 2
        for m in matches
    ]


_SHARE = r"\d[\d.\u00b7]*[ \u00a0]*(?:%|per[ \u00a0]?cent)(?:[ \u00a0]*\([^()]*\))?"
_LABEL_OF_PAIR = (  # "with PTCy", "in the three month group" (not "in HPV-positive")
    rf"(?:with[ \u00a0]+(?:the[ \u00a0]+)?(?P<SIDE>{_NAME})(?:[ \u00a0]+{_GROUP})?"
    rf"|in[ \u00a0]+(?:the[ \u00a0]+)?(?P<SIDEg>{_NAME})(?:[ \u00a0]+{_GROUP})?)"
)
_LABELLED_PAIR = re.compile(  # "12.5% with PTCy and 11.3% with ATG", "75.2% in the A group v ..."
    rf"{_SHARE}[ \u00a0]+{_LABEL_OF_PAIR.replace('SIDE', 'a')}[ \u00a0]*,?[ \u00a0]+"
    rf"(?:and|vs\.?|versus|v\.?)[ \u00a0]+{_SHARE}[ \u00a0]+{_LABEL_OF_PAIR.replace('SIDE', 'b')}"
    r"(?=[ \u00a0]*[,;.(])"
)


_SUBGROUP = re.compile(  # "in HPV-positive", "in BRAF wild-type tumours": subgroups, not arms
    r"(?:positive|negative|mutant|mutated|wild[- ]?type|expressing|naive|na\u00efve"
    r"|refractory|relapsed|tumou?rs?|disease|cancers?|stage|older|younger|aged|risk)\b"
    rf"|\b{PEOPLE}\b",
    re.IGNORECASE,
)


def _labelled_pair(text: str) -> list[str] | None:
    """For a text that names fewer than two arms: the two names of the first pair of shares
    each labelled with its group ("NRM was 12.5% with PTCy and 11.3% with ATG", "in the three
    month group"); a subgroup ("40% in HPV-positive and 25% in HPV-negative tumours", "in
    older patients") is not one; a duration's "of" words go ("with six months of treatment" is
    "six months")."""
    for match in _LABELLED_PAIR.finditer(text):
        a, b = ((match[side] or match[f"{side}g"]).strip() for side in ("a", "b"))
        if _durations_compared([a, b]):
            a, b = _duration_alone(a), _duration_alone(b)
        names = (a, b)
        if (
            a.lower() != b.lower()
            and not re.search(r"\d", a + b)
            and not any(is_population(text, name) for name in names)
        ):
            return [a, b]
    return None


_NOT_ITEM = (
    r"(?!(?:who|which|were|was|are|is|had|received|receiving|treated|underwent|undergoing|given"
    r"|randomi[sz]ed|assigned|allocated|enrolled|included)\b)"
)
_ITEM = (  # a list item: up to four words (no verb) and a bracket
    rf"{_NOT_ITEM}[A-Za-z][\w+/-]*(?:[ \u00a0]{_NOT_ITEM}[\w+/-]+){{0,3}}"
    r"(?:[ \u00a0]*\([^()]{1,20}\))?"
)
_DESCRIBED = re.compile(  # "Pts with KRAS-mutant PDAC, colorectal cancer (CRC) or NSCLC"
    rf"\b{PEOPLE}[ \u00a0]+with[ \u00a0]+(?P<items>{_ITEM}(?:,[ \u00a0]*{_ITEM})*,?[ \u00a0]+"
    rf"(?:or|and)[ \u00a0]+{_ITEM})",
    re.IGNORECASE,
)
_ITEM_BRACKET = re.compile(r"[ \u00a0]*\([^()]*\)$")
_ITEM_JOIN = re.compile(r",[ \u00a0]*(?:(?:or|and)[ \u00a0]+)?|[ \u00a0]+(?:or|and)[ \u00a0]+")


def population_of(text: str, name: str) -> str | None:
    """The population ``name`` denotes, or None when it may be an arm: a subgroup word
    ("HPV-positive", "older patients") is itself; a name ending an item of the list that
    describes the patients ("Pts with KRAS-mutant PDAC, colorectal cancer (CRC) or NSCLC") is
    that item ("KRAS-mutant PDAC", "colorectal cancer"; "ovarian cancer" for "cohort 1" in
    "patients with ovarian cancer (cohort 1) and ..."); a name defined as a disease or
    subgroup ("colorectal cancer (CRC)") is itself."""
    if _SUBGROUP.search(name):
        return name
    named = re.escape(_LEADING_GROUP.sub("", name.strip()))
    ending = re.compile(rf"(?:^|[ \u00a0(]){named}\)?$", re.IGNORECASE)
    for listed in _DESCRIBED.finditer(text):
        for item in _ITEM_JOIN.split(listed["items"]):
            if ending.search(item.strip()):
                return _ITEM_BRACKET.sub("", item).strip() or name
    defined = rf"(?:{_SUBGROUP.pattern})[ \u00a0]*\([ \u00a0]*{named}[ \u00a0]*\)"
    return name if re.search(defined, text, re.IGNORECASE) else None


def is_population(text: str, name: str) -> bool:
    """True when ``name`` denotes a population, not an arm (see :func:`population_of`)."""
    return population_of(text, name) is not None


def _distinct(found: list[tuple[int, int, str]]) -> list[str]:
    """The names of ``(position, naming, name)`` mentions, one per arm, in reading order ("eight
    days of antibiotics" is the "eight days" arm)."""
    arms: list[str] = []
    naming_of: dict[str, int] = {}
    cleaned = sorted(
        (at, naming, _LEADING_GROUP.sub("", name.strip())) for at, naming, name in found
    )
    alone = _durations_compared([name for _, _, name in cleaned])
    for _, naming, name in cleaned:
        name = _duration_alone(name) if alone else name
        mention = normal(name)
        if not _ok(name) or any(mention == normal(known) for known in arms):
            continue
        near = [
            known
            for known in arms
            if same_arm(name, known)
            or _modified(mention, normal(known))
            or _modified(normal(known), mention)
        ]
        if near and all(naming_of[known] != naming for known in near):
            continue  # a shorter or longer mention of a known arm ("ATG", "rabbit ATG")
        arms.append(name)
        naming_of[name] = naming
    return arms


@dataclass(frozen=True, slots=True)
class Label:
    """An arm name printed beside a value; ``weak`` when it has no arm/group word."""

    name: str
    end: int
    weak: bool


def label_after(text: str, position: int, arms: list[str]) -> Label | None:
    """The arm named right after a value ("... in the NAC arm", "... with Isa-Kd").

    A name without an arm/group word that is not a document arm is ``weak``: it counts only
    when every value of its group carries a label ("NR with Isa-Kd vs 19.15 months with Kd").
    A name followed by "vs <name>" is a pair naming ("..., with Isa-Kd vs Kd"), not a label;
    "with A and B" where "A plus B" is an arm labels that arm.
    """
    listed = _ARM_LIST.match(text, position + len(text[position:]) - len(text[position:].lstrip()))
    if listed is not None and RESPECTIVELY_NEXT.match(text, listed.end()):
        return None  # "16.0 and 11.5 months in the A and B groups, respectively": a list
    of_group = _OF_GROUP.match(text, position) or _OF_TREATED.match(text, position)
    if of_group is not None:  # "of the X cohort", "of X-treated": weak unless X is an arm
        name = of_group["name"]
        if _ok(name) and name == last_words(name):
            return Label(name, of_group.end(), weak=not any(same_arm(name, a) for a in arms))
    for bare in (
        _BARE_AFTER.match(text, position),
        _BRACKET_AFTER.match(text, position),
        _OF_ARM_PEOPLE.match(text, position),
        _AT_AFTER.match(text, position),
    ):
        if bare is not None and is_arm(bare["name"], arms):
            return Label(bare["name"], bare.end(), weak=False)  # "52.3% RT", "8.6 mo (A)", "at DL1"
    match = _AFTER.match(text, position)
    if match is not None and match.group("letter"):
        return Label(match.group("letter"), match.end(), weak=False)  # "in group B"
    if match is not None and match.group("drug") and _ok(match.group("drug")):
        return Label(match.group("drug"), match.end(), weak=False)  # "of patients receiving X"
    if match is None or not _ok(match.group("name")):
        return None
    name = match.group("name").strip()
    if match.group("group"):
        return Label(name, match.end(), weak=False)
    if (combined := _combined(text, match.end(), name, arms)) is not None:
        return combined
    following = _PAIRING.match(text, match.end())
    if following is not None and not _VALUE_NEXT.match(text, following.end()):
        return None  # "with A vs B" names a pair, not this value's arm
    known = any(same_arm(name, arm) for arm in arms)
    if not known and (_SUBGROUP.search(name) or name[:1].isdigit()):
        return None  # "in HPV-positive and ... in HPV-negative tumours": subgroups; "with 300 mg"
    return Label(name, match.end(), weak=not known)


def _combined(text: str, position: int, name: str, arms: list[str]) -> Label | None:
    """The arm "A plus B" (or "A + B") that "with A and B" names: "not reached with nivolumab
    and ipilimumab" after "19.9 months with ipilimumab" is the combination's."""
    joined = _AND_NAME.match(text, position)
    if joined is None:
        return None
    for both in (f"{name} plus {joined['name']}", f"{name} + {joined['name']}"):
        if (arm := resolve(both, arms)) is not None and normal(arm) == normal(both):
            return Label(arm, joined.end(), weak=False)
    return None


def is_arm(name: str, arms: list[str]) -> bool:
    """True when ``name`` is one of the document arms: compared as :func:`normal`, but a short
    name (three characters or fewer: "A", "RT") with its case ("a 62% response" is no arm A),
    and never an article or quantifier."""
    name = name.strip()
    if not name or not _ok(name):
        return False
    if len(name) <= 3:
        return any(name == _LEADING_GROUP.sub("", arm.strip()) for arm in arms)
    return any(normal(name) == normal(arm) for arm in arms)


def bare_label_before(text: str, start: int, position: int, arms: list[str]) -> str | None:
    """A document arm printed right before a value, alone or with a colon: "A: 25.4 mo; B:
    16.8 mo", "(RT 52.3% vs TPC 68.8%)"; only a name that is exactly a document arm."""
    found = _BARE_BEFORE.search(text, start, position)
    return found["name"] if found is not None and is_arm(found["name"], arms) else None


_THAN = re.compile(r"\bthan[ \u00a0]+$", re.IGNORECASE)


def label_before(text: str, start: int, position: int) -> str | None:
    """The last "in the NAME group" between ``start`` and ``position`` that is not an earlier
    value's own label ("43.2 months (95% CI ...) in the B group, and ... 63.0% vs 57.4%") or the
    other side of a comparison ("than in the B group")."""
    found = None
    for match in _BEFORE.finditer(text, start, position):
        if _THAN.search(text, max(start, match.start() - 8), match.start()):
            continue  # "in more patients in the A group than in the B group (63 [40%] ...": B
        if _ok(match.group("name")) and not _VALUE_BEFORE.search(text, start, match.start()):
            found = match.group("name")
    return found


def sentence_pair(
    text: str, start: int, end: int, arms: list[str] | None = None
) -> tuple[str, str] | None:
    """A "with A vs B" naming of two arms inside ``[start, end)`` (names without digits); with
    ``arms``, also a bracketed "(A vs B)" right at ``start`` whose names are both arms."""
    if arms and (bracket := _BRACKET_PAIR.match(text, start, end)) is not None:
        a, b = resolve(bracket["a"], arms), resolve(bracket["b"], arms)
        if a and b and a != b:
            return a, b  # "9.3% vs 11.6% (abiraterone vs enzalutamide)"
    for match in _PAIR.finditer(text, start, end):
        a, b = match.group("a"), match.group("b")
        if not any(c.isdigit() for c in a + b) and _ok(a) and _ok(b):
            return a, b
    return None


_HEADED_WORD = r"(?!(?:vs|v|versus)\b)[A-Za-z0-9][\w+\u2010\u2013-]*"  # not a separator
_HEADED_ITEM = (  # a name, a dose ("600 mg") or a bare number ("300" in "300 vs 600 mg")
    rf"(?:{MEASURE}|(?![0-9]){_HEADED_WORD}(?:[ \u00a0](?:\+[ \u00a0])?{_HEADED_WORD}){{0,3}}?"
    r"|\d[\d.,\u00b7]*)"
)
_SERIES_SEPARATOR = r"(?:[ \u00a0]+(?:vs\.?|versus|v\.?)[ \u00a0]+|[ \u00a0]*/[ \u00a0]*)"
_SERIES = rf"(?P<list>{_HEADED_ITEM}(?:{_SERIES_SEPARATOR}{_HEADED_ITEM})+)"  # "A vs B vs C"
_HEADER = re.compile(  # "(A vs B vs C):", "Safety, V+D vs D:", "Randomized part, 300 vs 600 mg:"
    rf"{_SERIES}[ \u00a0]*\)?[ \u00a0]*:"
)
_BRACKETED_SERIES = re.compile(
    rf"\([ \u00a0]*{_SERIES}[ \u00a0]*\)"
)  # "by dose level (DL1/DL2/DL3)"
_HEADER_SPLIT = re.compile(_SERIES_SEPARATOR)
_VS_SPLIT = re.compile(r"[ \u00a0]+(?:vs\.?|versus|v\.?)[ \u00a0]+")
_HEADER_REACH = 160
_UNIT = re.compile(r"^[\d.,\u00b7]+[ \u00a0-]?(?P<unit>\D.*)$")


_TRAILING = re.compile(  # "... in 1.8% vs 5.4% (300 vs 600 mg)." at the sentence's end
    rf"\([ \u00a0]*{_SERIES}[ \u00a0]*\)[ \u00a0]*[.;]?[ \u00a0]*$"
)


def header_arms(text: str, start: int, end: int, arms: list[str]) -> list[str] | None:
    """The arms a table-like header names before a colon inside ``[start, end)``, in its order:
    "Wk 24 outcomes (A vs B vs C): SVR35, 26.3% vs 34.5% vs 5.4%" gives A, B, C; without a
    header, the last bracket holding only such a series ("AEs by dose level (DL1/DL2/DL3) were
    taste changes 61%/58%/52%"). The last header counts; every name must be a different
    document arm ("300 vs 600 mg" is "300 mg" and "600 mg" when those are arms)."""
    start = max(start, end - _HEADER_REACH)  # a header is short; long sentences scan no further
    header = last_match(_HEADER.finditer(text, start, end))
    if header is None:
        header = last_match(_BRACKETED_SERIES.finditer(text, start, end))
    return _arms_named(header["list"], arms) if header else None


def trailing_arms(text: str, start: int, end: int, arms: list[str]) -> list[str] | None:
    """The arms a bracket closing the sentence ``[start, end)`` names in order, as a header
    does: "Dose reductions were required in 8.8% vs 25.0% and TRAEs led to discontinuation in
    1.8% vs 5.4% (300 vs 600 mg)."."""
    closing = _TRAILING.search(text, max(start, end - _HEADER_REACH), end)
    return _arms_named(closing["list"], arms) if closing else None


def _arms_named(listed: str, arms: list[str]) -> list[str] | None:
    """The document arms "A vs B vs C" or "300 vs 600 mg" names, each a different one."""
    if _VS_SPLIT.search(listed):  # "carboplatin/paclitaxel vs carboplatin/paclitaxel/bev"
        found = _arms_named_by(_VS_SPLIT.split(listed), arms)
        if found is not None:
            return found
    return _arms_named_by(_HEADER_SPLIT.split(listed), arms)


def _arms_named_by(names: list[str], arms: list[str]) -> list[str] | None:
    """The document arms ``names`` name, each a different one (a unit shared from the last)."""
    unit = _UNIT.match(names[-1])
    if unit is not None:  # "300 vs 600 mg": the bare numbers take the last name's unit
        names = [f"{n} {unit['unit']}" if n[-1].isdigit() else n for n in names]
    found = [arm for name in names if (arm := resolve(name, arms)) is not None]
    return found if len(found) == len(names) == len(set(found)) else None


def coordinated_arms(text: str, start: int, end: int, arms: list[str]) -> list[str] | None:
    """Arms listed for "respectively" inside ``[start, end)``: "in the A and B groups", "with
    A, B and C" (names without digits; without an arms/groups word, each must be a document
    arm, so "in men and women" is not a list of arms)."""
    for match in _ARM_LIST.finditer(text, start, end):
        names = _listed(match)
        if names and (
            match.group("group")
            or match.group("pre")
            or all(any(same_arm(n, a) for a in arms) for n in names)
        ):
            return names
    return None


_LIST_GAP = re.compile(r"[^.;\d%()]{0,40}?(?=\b(?i:in|with|for|among|receiving)[ \u00a0])")


def arms_listed_after(text: str, start: int, end: int) -> list[str] | None:
    """An arms list right after values, with its plural arms/groups word: "9% and 14% of
    patients in the experimental and control groups" (no other value between)."""
    gap = _LIST_GAP.match(text, start, end)
    if gap is None:
        return None
    match = _ARM_LIST.match(text, gap.end(), end)
    if match is None or not (match.group("group") or match.group("pre")):
        return None
    return _listed(match)


def _listed(match: re.Match[str]) -> list[str] | None:
    """The names of an arm list, or None when one holds a digit or is not a name; after a
    group word ("in Cohorts A and B", "in arms A, B and C") only short labels, not "in cohorts
    with and without EGFR mutation"."""
    names = [n.strip() for n in re.split(r",?[ \u00a0]+and[ \u00a0]+|,", match.group("list"))]
    if any(not n or any(c.isdigit() for c in n) or not _ok(n) for n in names):
        return None
    if match.group("pre") and not all(_SHORT_LABEL.fullmatch(n) for n in names):
        return None
    return names
