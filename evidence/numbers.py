"""Find and parse the numbers in source and summary text alike (pure: no I/O).

Every :class:`Number` keeps the characters the text printed (``verbatim``) and their offsets
in the *original* text, so ``text[n.start:n.end] == n.verbatim`` always holds; nothing is
rounded, converted or paraphrased. Inline PubMed markup (``<sup>``, ``<i>``, ...) and
character references (``&lt;``) are read through, and never shift the offsets.

=================================================  ==========================================
printed (examples)                                 parsed
=================================================  ==========================================
0.53; 0(U+00B7)53 (Lancet middle dot); .001        0.53, 0.001; ``decimals`` as printed
6,032.37; 1 094 (space, thin or no-break space)    6032.37, 1094: "," or a space before
                                                   exactly three digits groups thousands
0,53; 0,001                                        0.53, 0.001: otherwise "," is a decimal
                                                   comma (always after a lone 0), but not
                                                   in lists ("1,3,7-", "[3,4]", "1,25-D")
-0.5; (U+2212)0.5; +2                              signed, unless the sign directly follows
                                                   a number: 18-84, 25.8(U+2212)44 are ranges
p<0.001; P = .03; (U+2264) 5; <(U+2009)37; &lt;    ``comparator`` "<", "<=", ">", ">=", "="
33.5%; 33.5 %; 33.5 per cent; percent              ``percent=True``
12 months; 12-mo; 2 y; 48-week; 10 mg/kg           ``unit`` months, years, weeks, days, hours
                                                   or mg/kg, and ``unit_verbatim``
10<sup>-5</sup> (any minus); 10^-5; 1e-5;          0.00001, ``exponent_of_ten=True``, the
superscript digits; 5.92 x 10<sup>-7</sup>         whole span verbatim
10-5; 10(U+2212)5                                  1E-5 only after "MRD" or "minimal/
                                                   measurable residual"; otherwise a range
Three hundred and two patients; forty-eight weeks  302, 48; ``spelled=True`` (see below)
not reached; NR; not estimable; NE                 None, ``not_reached=True`` (see below)
=================================================  ==========================================

``decimals`` is the printed precision: digits after the decimal mark ("35.70" -> 2). For
exponent forms it is the mantissa's decimals minus the exponent ("10<sup>-5</sup>" -> 5,
"2.88 x 10<sup>4</sup>" -> -2), so rounding to ``10**-decimals`` always means "as printed".

Deliberately conservative: a spelled number needs a following word ("forty-eight weeks",
"Fourteen of 17"), "percent" or its bracketed percentage ("five (1.8%)"), and a lone "one"
counts only before a time unit ("one year"), since "one of", "in one study" and "one-sided" are
not counts; hyphenated compounds ("two-sided", "three-dimensional") are skipped. "NR"/"NE" count
only beside a value word (median, PFS, OS, was, vs, a range dash), after a capitalised label
and colon (an arm's; not Range, IQR, CI, Sex, Age, Total or Overall) shortly after a survival
word ("Median TTNT — A: NR"), or after "and", "or" or a comma that follows a value and a
survival word, with a label or the clause's end after it ("13.9 mo in cohort A and NR in
cohort B"; not "responders and NR was 5.1 months"), so author initials ("Cook NR;") and
"(range: NR)" do not; "not (yet, been) reached" needs a survival word before it or a value
word after it. Not supported:
"less than 5" (words as comparators), ordinals, fractions ("one-third"), roman numerals, an en
dash as a minus sign. Numbers in identifiers and citations are still reported (reading order
stays complete): :func:`evidence.noise.is_reference_noise` flags them; comparing printed numbers
(half-up rounding) is :mod:`evidence.rounding`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

__all__ = [
    "Number",
    "NumberScan",
    "ScannedNumber",
    "find_numbers",
    "parse_decimal",
    "scan_numbers",
    "words_to_number",
]

SP = "[ \u00a0\u2007\u2009\u200a\u202f\x00]"  # spaces (no-break, thin, narrow) or a removed tag
_GAP = "[ \u00a0\u2007\u2009\u200a\u202f]"
# Regex class bodies shared with intervals.py. DASHES: en, em, hyphens, minus, hyphen-minus.
DASHES = "\u2013\u2014\u2010\u2011\u2212\\-"


@dataclass(frozen=True, slots=True)
class Number:
    """One number as printed: its exact value, its verbatim characters and where they are.

    ``value`` is None only when ``not_reached`` ("not reached", "NR", "not estimable", "NE").
    ``verbatim == text[start:end]`` is the number itself (its sign, or the whole of
    "5.92 x 10<sup>-7</sup>"); a comparator, % sign or unit printed beside it is reported in
    ``comparator`` ("<", "<=", ">", ">=", "="), ``percent`` and ``unit`` (months, years,
    weeks, days, hours or mg/kg; ``unit_verbatim`` as printed). ``decimals``: see the module.
    """

    value: Decimal | None
    verbatim: str
    start: int
    end: int
    decimals: int
    percent: bool = False
    unit: str | None = None
    unit_verbatim: str | None = None
    comparator: str | None = None
    not_reached: bool = False
    spelled: bool = False
    exponent_of_ten: bool = False


@dataclass(frozen=True, slots=True)
class ScannedNumber:
    """A :class:`Number` with its span in the scan's view (``vend_suffix`` covers % or unit)."""

    number: Number
    vstart: int
    vend: int
    vend_suffix: int


@dataclass(frozen=True, slots=True)
class NumberScan:
    """The shared result of one pass: the markup-free view, its offset map and the numbers.

    ``view`` has each tag replaced by one placeholder character (``\\x01``/``\\x02`` for
    ``<sup>``/``</sup>``, ``\\x00`` otherwise) and each character reference decoded;
    ``starts[i]``/``ends[i]`` are view character *i*'s span in ``text``.
    """

    text: str
    view: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    numbers: tuple[ScannedNumber, ...]

    def original(self, vstart: int, vend: int) -> tuple[int, int]:
        """The span in ``text`` of the view span ``[vstart, vend)`` (non-empty)."""
        return self.starts[vstart], self.ends[vend - 1]


# --- parsing one token -----------------------------------------------------------------------

_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")
_SPACE_GROUP = re.compile(r"(?<=[0-9])[ \u00a0\u2007\u2009\u202f](?=[0-9]{3}(?![0-9]))")


def parse_decimal(token: str) -> Decimal:
    """The exact value of one printed number; :class:`ValueError` if it is not one.

    Accepts ``.`` or ``·`` as decimal mark, U+2212 as minus, ``,`` or a space (also thin,
    narrow or no-break) before exactly three digits as thousands separator, otherwise ``,``
    as decimal comma ("0,53", "0,001"), a leading-dot fraction (".001") and an ``e`` exponent.
    """
    s = token.strip().replace("\u2212", "-").replace("\u00b7", ".")
    s = _SPACE_GROUP.sub("", s)
    if "," in s:
        if _THOUSANDS.fullmatch(s):
            s = s.replace(",", "")
        elif _DECIMAL_COMMA.fullmatch(s):
            s = s.replace(",", ".")
    if not _PLAIN.fullmatch(s):
        raise ValueError(f"not a number: {token!r}")
    return Decimal(s)


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SCALES = {"thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = sorted([*_WORD_VALUES, "hundred", *_SCALES], key=len, reverse=True)
_CARDINAL = frozenset({"unit", "teen", "tens"})


def _category(word: str) -> str | None:
    value = _WORD_VALUES.get(word)
    if value is None:
        return word if word in ("hundred", "and") or word in _SCALES else None
    return "unit" if value < 10 else "teen" if value < 20 else "tens"


def _prefix_values(text: str) -> Iterator[tuple[int, int]]:
    """``(end, value)`` for each prefix of ``text`` that spells a whole number, shortest first."""
    total, group, prev, last_scale = 0, 0, "", 10**9
    for m in re.finditer(r"([^A-Za-z]*)([A-Za-z]+)", text):
        sep, word = m.group(1).strip(), m.group(2).lower()
        cat = _category(word)
        if cat is None or (sep and (sep, prev, cat) != ("-", "tens", "unit")) or prev == "zero":
            return
        if m.start() == 0 and m.group(1):
            return
        if cat == "and":
            if prev not in ("hundred", "scale"):
                return
        elif cat in _CARDINAL:
            if not (cat == "unit" and prev == "tens") and (group % 100 or prev in _CARDINAL):
                return
            if word == "zero":
                if prev:
                    return
                cat = "zero"
            group += _WORD_VALUES[word]
        elif cat == "hundred":
            if prev not in ("unit", "teen") or not 0 < group < 20:
                return
            group *= 100
        else:
            scale = _SCALES[word]
            if group == 0 or scale >= last_scale:
                return
            total, group, last_scale, cat = total + group * scale, 0, scale, "scale"
        prev = cat
        if cat != "and":
            yield m.end(), total + group


def words_to_number(text: str) -> int | None:
    """The integer a number phrase spells ("Three hundred and two" -> 302), else None.

    Words up to "million"; "and" only after "hundred", "thousand" or "million"; a hyphen only
    between tens and units ("Forty-eight"); "zero" only alone. Ordinals and fractions: None.
    """
    phrase = text.strip()
    prefixes = list(_prefix_values(phrase))
    return prefixes[-1][1] if prefixes and prefixes[-1][0] == len(phrase) else None


# --- the view: markup read through, offsets kept ---------------------------------------------

_MARKUP = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


def _view(text: str) -> tuple[str, list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def _copy(a: int, b: int) -> None:
        chars.append(text[a:b].replace("\x01", "\x00").replace("\x02", "\x00"))
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))

    pos = 0
    for m in _MARKUP.finditer(text):
        _copy(pos, m.start())
        name = m.group("name")
        decoded = "\x00" if name else html.unescape(m.group())
        if name and name.lower() == "sup":
            decoded = "\x02" if m.group("close") else "\x01"
        if len(decoded) == 1:
            chars.append(decoded)
            starts.append(m.start())
            ends.append(m.end())
        else:
            _copy(m.start(), m.end())
        pos = m.end()
    _copy(pos, len(text))
    return "".join(chars), starts, ends


# --- scanning --------------------------------------------------------------------------------

_CORE = (
    r"[1-9][0-9]{0,2}(?P<g>[,\u00a0\u2007\u2009\u202f ])[0-9]{3}(?:(?P=g)[0-9]{3})*(?![0-9])"
    r"(?:[.\u00b7][0-9]+)?"
    r"|(?<![0-9],)(?<![\[\x01])(?:0|[0-9]+(?=,(?![0-9]{3}(?![0-9])))),[0-9]+"
    r"(?![0-9]|,[0-9]|-?[A-Za-z]|[\]\x02])"
    r"|[0-9]+(?:[.\u00b7][0-9]+)?"
    r"|(?<![A-Za-z0-9])\.[0-9]+"
)
_NUMERIC = re.compile(
    rf"(?<![0-9])(?<![0-9][.\u00b7])(?:{_CORE})(?![.\u00b7][0-9])"
    r"(?P<exp>[eE][\u2212+-]?[0-9]{1,3}(?![A-Za-z0-9]))?"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_EXPONENT = re.compile(
    rf"(?<![0-9.\u00b7,])(?:(?P<mant>[0-9]+(?:[.\u00b7][0-9]+)?){_GAP}*[\u00d7xX\u2715*]{_GAP}*)?10"
    rf"(?:\x01{_GAP}*(?P<sup>[{DASHES}+]?{_GAP}*[0-9]{{1,3}}){_GAP}*\x02"
    r"|\^\(?(?P<caret>[\u2212+-]?[0-9]{1,3})\)?"
    r"|(?P<uni>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?![0-9])"
)
_MRD_EXPONENT = re.compile(r"(?<![0-9.\u00b7,])10(?P<mrd>[\u2212\u2010-][3-8])(?![0-9.\u00b7])")
_MRD_CONTEXT = re.compile(r"MRD|minimal residual|measurable residual", re.IGNORECASE)
_NOT_REACHED_PHRASE = re.compile(
    r"(?<![A-Za-z])not (?:yet )?(?:been )?reached(?![A-Za-z])|(?<![A-Za-z])not estimable\b",
    re.IGNORECASE,
)
_NR_TOKEN = re.compile(r"(?<![A-Za-z])N[RE](?![A-Za-z])")
_SURVIVAL = re.compile(r"(?i:median|survival)|\bm?(?:PFS|OS|DoR|DOR|EFS|DFS|RFS|TTP|TTR|TTNT)\b")
_NR_LEFT = re.compile(
    rf"(?:(?<![A-Za-z])(?:median|survival|m?PFS|m?OS|DoR|DOR|EFS|DFS|RFS|TTP|TTR|was|were|is|"
    rf"vs\.?|versus|to|CI)|(?:[0-9]|N[RE]){SP}*[{DASHES}]){SP}*[:=,]?{SP}*$"
)
_LABEL_COLON = re.compile(  # "A: NR", "RT: NR"; not "(range: NR)", "(sex: NR)", "CI: NR"
    rf"(?<![A-Za-z])(?!(?:Range|IQR|CI|Sex|Age|Total|Overall)\b)[A-Z][\w+/-]{{0,10}}{SP}*:{SP}*$"
)
_NR_RIGHT = re.compile(
    rf"{SP}*(?:vs\b|versus\b|[(\[]|[{DASHES}]{SP}*(?:[0-9.]|N[RE]\b)|to{SP}+(?:[0-9]|N[RE]\b)"
    r"|months?\b|mo\b|years?\b|weeks?\b)"
)
_MAX_WORDS = 12  # longer runs of number words are not one number
_SPELLED = re.compile(
    rf"(?<![A-Za-z-])(?:{'|'.join(_NUMBER_WORDS)})"
    rf"(?:(?:[ -]| and )(?:{'|'.join(_NUMBER_WORDS)})){{0,{_MAX_WORDS - 1}}}(?![A-Za-z])",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(rf"(<=|>=|[≤⩽≦]|[≥⩾≧]|<|>|=){SP}*$")
_COMPARATORS = {"≤": "<=", "⩽": "<=", "≦": "<=", "≥": ">=", "⩾": ">=", "≧": ">="}
_PERCENT = re.compile(rf"{_GAP}?(?:%|(?:per[ -]?cent|percent)(?![A-Za-z]))", re.IGNORECASE)
_UNIT = re.compile(
    rf"(?:{_GAP}|-)?(?P<u>months?|mths?|mos?|years?|yrs?|y|weeks?|wks?|days?|d|hours?|hrs?|h"
    rf"|mg{_GAP}?/{_GAP}?kg)(?![A-Za-z0-9])"
)
_UNIT_NAMES = {
    "months": ("months", "month", "mth", "mths", "mo", "mos"),
    "years": ("years", "year", "yr", "yrs", "y"),
    "weeks": ("weeks", "week", "wk", "wks"),
    "days": ("days", "day", "d"),
    "hours": ("hours", "hour", "hr", "hrs", "h"),
}
_WORD_UNITS = frozenset(name.rstrip("s") for name in _UNIT_NAMES) | frozenset(_UNIT_NAMES)
_CANONICAL_UNIT = {alias: name for name, aliases in _UNIT_NAMES.items() for alias in aliases}


@dataclass(slots=True)
class _Raw:
    vstart: int
    vend: int
    value: Decimal | None
    decimals: int
    exponent: bool = False
    spelled: bool = False
    not_reached: bool = False


def _fixed(value: Decimal) -> Decimal:
    """The same value written without an exponent ("1E-5" -> 0.00001)."""
    return Decimal(format(value, "f"))


def _exponent_forms(view: str) -> list[_Raw]:
    found = []
    for m in _EXPONENT.finditer(view):
        raw_exp = m.group("sup") or m.group("caret") or m.group("uni").translate(_SUPERSCRIPTS)
        exp = int(re.sub(f"[{DASHES}]", "-", re.sub(_GAP, "", raw_exp)))
        mantissa = parse_decimal(m.group("mant") or "1")
        value = mantissa.scaleb(exp)
        found.append(_Raw(m.start(), m.end(), _fixed(value), -int(value.as_tuple().exponent), True))
    for m in _MRD_EXPONENT.finditer(view):
        if _MRD_CONTEXT.search(view, max(0, m.start() - 120), m.start()):
            exp = -int(m.group("mrd")[1:])
            found.append(_Raw(m.start(), m.end(), _fixed(Decimal(1).scaleb(exp)), -exp, True))
    return found


def _sign_start(view: str, start: int) -> int:
    """Include a sign printed before ``start`` unless it joins two numbers (a range)."""
    if start == 0 or view[start - 1] not in "\u2212\u2010\u2011+-":
        return start
    before = view[max(0, start - 40) : start - 1].rstrip(" \u00a0\u2007\u2009\u200a\u202f\x00")
    if start >= 2 and (view[start - 2].isalnum() or view[start - 2] == "%"):
        return start
    if before and (before[-1].isdigit() or before[-1] == "%"):
        return start
    return start - 1


def _numerals(view: str) -> list[_Raw]:
    found = []
    for m in _NUMERIC.finditer(view):
        start = _sign_start(view, m.start())
        value = parse_decimal(view[start : m.end()].replace("\u2010", "-").replace("\u2011", "-"))
        decimals = -int(value.as_tuple().exponent)
        exp = m.group("exp") is not None
        found.append(_Raw(start, m.end(), _fixed(value) if exp else value, decimals, exp))
    return found


def _not_reached(view: str) -> list[_Raw]:
    found = []
    for pattern, left, width in ((_NOT_REACHED_PHRASE, _SURVIVAL, 100), (_NR_TOKEN, _NR_LEFT, 30)):
        for m in pattern.finditer(view):
            if (
                left.search(view, max(0, m.start() - width), m.start())
                or _NR_RIGHT.match(view, m.end())
                or _labelled_nr(view, m.start())
                or _listed_nr(view, m.start(), m.end())
            ):
                found.append(_Raw(m.start(), m.end(), None, 0, not_reached=True))
    return found


_NR_LABELLED = re.compile(  # a label, the clause's end or the list's next value ("NR and 8.0 mo")
    rf"{SP}*(?:[,;.)]|(?:in|at|with|for){SP}|(?:and|or|vs\.?|versus){SP}+\d|$)"
)
_LIST_JOIN = re.compile(rf"(?:[0-9a-z)]{SP}*,|(?<![A-Za-z])and|(?<![A-Za-z])or){SP}*$")


def _listed_nr(view: str, start: int, end: int) -> bool:
    """ "13.9 mo in cohort A and NR in cohort B", "12.8, NR and 8.0 mo, respectively": "and",
    "or" or a comma before it, a value and a survival word (or "median") shortly before that,
    and a label, the clause's end or the list's next value after it (not "responders and NR was
    5.1 months", where NR are non-responders)."""
    join = _LIST_JOIN.search(view, max(0, start - 8), start)
    if join is None or not _NR_LABELLED.match(view, end):
        return False  # "responders and NR was 5.1 months": non-responders
    if not any(c.isdigit() for c in view[max(0, join.start() - 40) : join.start()]):
        return False  # no value listed before it
    return _SURVIVAL.search(view, max(0, start - 80), join.start()) is not None


def _labelled_nr(view: str, start: int) -> bool:
    """ "Median TTNT — A: NR": an arm's label and colon before it, a survival word shortly
    before that."""
    label = _LABEL_COLON.search(view, max(0, start - 12), start)
    if label is None:
        return False
    return _SURVIVAL.search(view, max(0, start - 40), label.start()) is not None


def _spelled_ok(view: str, end: int, value: int, one_word: bool) -> bool:
    if _COUNT_OF_PERCENT.match(view, end):
        return True  # "five (1.8%)", "one (0.4%)": a count with its percentage
    unit = _UNIT.match(view, end)
    is_unit = unit is not None and unit.group("u") in _WORD_UNITS
    if view.startswith("-", end) or (one_word and value == 1):
        return is_unit
    return bool(re.match(rf"{_GAP}+[A-Za-z0-9]", view[end : end + 2]) or _PERCENT.match(view, end))


_COUNT_OF_PERCENT = re.compile(r"[ \u00a0]*\([ \u00a0]*\d[\d.\u00b7]*[ \u00a0]*%")


def _spelled(view: str) -> list[_Raw]:
    found, pos = [], 0
    while m := _SPELLED.search(view, pos):
        prefixes = list(_prefix_values(m.group()))
        pos = m.start() + (prefixes[-1][0] if prefixes else len(m.group().split()[0]))
        if prefixes and _spelled_ok(view, pos, prefixes[-1][1], len(prefixes) == 1):
            found.append(_Raw(m.start(), pos, Decimal(prefixes[-1][1]), 0, spelled=True))
    return found


def _finish(text: str, view: str, maps: tuple[list[int], list[int]], raw: _Raw) -> ScannedNumber:
    starts, ends = maps
    start, end = starts[raw.vstart], ends[raw.vend - 1]
    comparator = _COMPARATOR.search(view, max(0, raw.vstart - 8), raw.vstart)
    cmp = _COMPARATORS.get(comparator.group(1), comparator.group(1)) if comparator else None
    unit = unit_verbatim = None
    suffix_end = raw.vend
    percent = _PERCENT.match(view, raw.vend) if raw.value is not None else None
    unit_match = None if percent or raw.value is None else _UNIT.match(view, raw.vend)
    if percent:
        suffix_end = percent.end()
    elif unit_match:
        u = unit_match.group("u")
        unit = "mg/kg" if u.startswith("mg") else _CANONICAL_UNIT[u]
        unit_verbatim = text[starts[unit_match.start("u")] : ends[unit_match.end("u") - 1]]
        suffix_end = unit_match.end()
    number = Number(
        value=raw.value,
        verbatim=text[start:end],
        start=start,
        end=end,
        decimals=raw.decimals,
        percent=percent is not None,
        unit=unit,
        unit_verbatim=unit_verbatim,
        comparator=cmp,
        not_reached=raw.not_reached,
        spelled=raw.spelled,
        exponent_of_ten=raw.exponent,
    )
    return ScannedNumber(number, raw.vstart, raw.vend, suffix_end)


_RANGE_GAP = re.compile(rf"{SP}*(?:[{DASHES}]|(?<![A-Za-z])to(?![A-Za-z])){SP}*")


def _share_suffixes(view: str, found: list[ScannedNumber]) -> list[ScannedNumber]:
    """In "15-20%" or "18-84 years" the low end takes the high end's percent sign or unit."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        low, high = out[i], out[i + 1]
        a, b = low.number, high.number
        has_suffix = b.percent or b.unit is not None
        if a.value is None or a.percent or a.unit or not has_suffix:
            continue
        if _RANGE_GAP.fullmatch(view, low.vend_suffix, high.vstart):
            number = replace(a, percent=b.percent, unit=b.unit, unit_verbatim=b.unit_verbatim)
            out[i] = replace(low, number=number)
    return out


def scan_numbers(text: str) -> NumberScan:
    """Every number in ``text`` with its view spans; :func:`find_numbers` is the usual entry."""
    view, starts, ends = _view(text)
    taken = bytearray(len(view))
    raws: list[_Raw] = []
    for raw in [*_exponent_forms(view), *_numerals(view), *_not_reached(view), *_spelled(view)]:
        if taken.find(1, raw.vstart, raw.vend) == -1:
            taken[raw.vstart : raw.vend] = b"\x01" * (raw.vend - raw.vstart)
            raws.append(raw)
    raws.sort(key=lambda r: r.vstart)
    found = [_finish(text, view, (starts, ends), raw) for raw in raws]
    numbers = tuple(_share_suffixes(view, found))
    return NumberScan(text, view, tuple(starts), tuple(ends), numbers)


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text`` in reading order, including those inside intervals."""
    return [scanned.number for scanned in scan_numbers(text).numbers]
