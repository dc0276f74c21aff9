"""What every extraction rule reads: numbers, intervals, sentences and regions of a text (pure).

:class:`Context` is built once per text. It holds the numbers of :func:`~evidence.numbers.
find_numbers` minus those :func:`~evidence.numbers.is_reference_noise` flags (identifiers,
citations, dates, names such as CD38), the intervals of :func:`~evidence.intervals.
find_intervals`, sentence spans, and the *region* of each offset:

- ``skip``: the title and background-like sections (BACKGROUND, INTRODUCTION, CONTEXT,
  IMPORTANCE, RATIONALE), labelled or written inline at the start of a sentence
  ("Introduction With an estimated ...", "BACKGROUND: ..."). Numbers there are other
  studies' results or the title's; nothing is extracted from them.
- ``methods``: OBJECTIVE(S), PURPOSE, AIM(S), METHODS, DESIGN, SETTING, PARTICIPANTS,
  PROCEDURES and the like. Only sample sizes and follow-up are taken there; a ratio or rate
  in Methods is a design assumption.
- ``results``: everything else, including unlabelled abstracts.

:func:`attach` reads what is printed right after a value: its confidence interval (a
labelled interval; a labelled comma pair, "95% CI: 0.42, 0.79", which :mod:`evidence.
intervals` leaves out as ambiguous with lists; or a bracketed bare pair when the level is
known or the value is a ratio),
a p-value, the closing bracket of a parenthesis opened after the value, and the sidedness.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from evidence.findings import Anchor, Finding, FindingKind, FindingStatus, Span, id_stem
from evidence.intervals import CI_LABEL, Interval, find_intervals
from evidence.noise import is_reference_noise
from evidence.numbers import Number, find_numbers, parse_decimal
from evidence.sourcetext import SourceText, sentence_around


@dataclass(slots=True)
class Draft:
    """A candidate before it becomes a :class:`~evidence.findings.Finding` (no id, no anchor)."""

    kind: FindingKind
    start: int
    end: int
    value: Number
    endpoint: str
    ci_low: Number | None = None
    ci_high: Number | None = None
    ci_level: Decimal | None = None
    p: Number | None = None
    p_verbatim: str | None = None
    sidedness: int | None = None
    arm: str | None = None
    comparison: str | None = None
    population: str | None = None
    unit: str | None = None
    numerator: int | None = None
    denominator: int | None = None
    timepoint: str | None = None
    notes: list[str] = field(default_factory=list)

    @classmethod
    def estimate(
        cls,
        kind: FindingKind,
        span: tuple[int, int],
        value: Number,
        endpoint: str,
        attachment: Attachment,
        *,
        arm: str | None = None,
        unit: str | None = None,
        fraction: tuple[int | None, int | None] = (None, None),
        with_p: bool = False,
        notes: tuple[str, ...] = (),
    ) -> Draft:
        """A draft with the CI :func:`attach` read after its value, and its p-value when the
        estimate owns it (a ratio's; a rate's or median's p belongs to the comparison)."""
        return cls(
            kind,
            span[0],
            span[1],
            value,
            endpoint,
            ci_low=attachment.ci_low,
            ci_high=attachment.ci_high,
            ci_level=attachment.ci_level,
            p=attachment.p if with_p else None,
            p_verbatim=attachment.p_verbatim if with_p else None,
            sidedness=attachment.sidedness if with_p else None,
            arm=arm,
            unit=unit,
            numerator=fraction[0],
            denominator=fraction[1],
            notes=list(notes),
        )


@dataclass(frozen=True, slots=True)
class Attachment:
    """What stands right after a value: CI, p-value and where the printed estimate ends."""

    end: int
    ci_low: Number | None = None
    ci_high: Number | None = None
    ci_level: Decimal | None = None
    p: Number | None = None
    p_verbatim: str | None = None
    sidedness: int | None = None
    fraction: tuple[int, int] | None = None
    """Numerator and denominator printed before the CI in its bracket ("(40 of 56; 95% CI")."""


_SKIP_LABEL = re.compile(
    r"^(?:title|background|introduction|context|rationale|importance|hypothes[ie]s)\b",
    re.IGNORECASE,
)
_METHODS_LABEL = re.compile(
    r"^(?:objectives?|purpose|aims?|methods?|methodology|design|setting|participants|patients"
    r"|subjects|procedures|animals"
    r"|materials|interventions?|measurements?|main outcome|outcome measures|data sources"
    r"|study selection|eligibility)\b",
    re.IGNORECASE,
)
_HEADINGS = (
    r"Background|Introduction|Objectives?|Aims?|Purpose|Context|Methods?|Methodology"
    r"|Materials and methods|Patients and methods|Design|Results?|Findings|Conclusions?"
    r"|Interpretation|Discussion"
)
_INLINE_HEADING = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:"
    rf"(?P<h>(?i:{_HEADINGS})(?: and (?:purpose|aims?|objectives?))?)[ \u00a0]*[:\u2013-][ \u00a0]*"
    rf"|(?P<g>{_HEADINGS})(?: and (?:Purpose|Aims?|Objectives?))?[ \u00a0]+(?=[A-Z])"
    rf"|(?:(?<=\n)|^)(?P<d>{_HEADINGS})[ \u00a0]+(?=\d)"  # BMJ: "Results 1097 participants"
    rf"|(?:(?<=\n)|^)(?=[A-Z])(?P<line>(?i:{_HEADINGS})"
    r"(?: (?i:and) (?i:purpose|aims?|objectives?))?)[ \u00a0]*(?=\n))"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\[]|\s*$)|\n\n")
_SPACES = " \u00a0\u2009\u202f"
SPACE = f"[{_SPACES}]"
"""A space as abstracts print it: plain, no-break, thin or narrow no-break."""
RUN_START = r"(?<![ \u00a0])"
"""Put before a pattern that opens with a run of plain or no-break spaces and is searched for,
it lets a match start only where such a run starts: a pattern that could start at every space
of a long run takes quadratic time on it."""
WHOLE = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
"""A whole number with or without thousands separators, never taking a comma after it ("of
279, 176 (63%) of 280")."""
MEASURE_UNIT = re.compile(
    r"[ \u00a0]?(?:\([^()]*\)[ \u00a0]*)?(?P<u>(?:[\u03bc\u00b5]g|mg|ng|g|kg|c?Gy|I?U|mmol|mmHg"
    r"|mL|ml|cm|mm|cells)(?:/(?:\d+[.\u00b7])?[A-Za-z0-9\u03bc\u00b5]+)*)(?![\w/])"  # /1.73m2
)
"""A unit other than time or percent printed after a value, with or without a bracket between:
"240 mg/m2", "4.2 cells/\u00b5L", "3.4 (2.5-4.6) mg/L"."""
UNIT_RIGHT_AFTER = re.compile(rf"(?=[ \u00a0]?[^ (]){MEASURE_UNIT.pattern}")
"""Such a unit printed right after the value, with no bracket between ("240 mg/m2")."""


def _region_of_label(label: str | None) -> str:
    if label is None:
        return "results"
    if _SKIP_LABEL.match(label):
        return "skip"
    return "methods" if _METHODS_LABEL.match(label) else "results"


@dataclass(frozen=True, slots=True)
class Context:
    """A text prepared for the extraction rules."""

    text: str
    numbers: tuple[Number, ...]
    intervals: tuple[Interval, ...]
    sentence_starts: tuple[int, ...]
    sentence_ends: tuple[int, ...]
    region_starts: tuple[int, ...]
    region_kinds: tuple[str, ...]
    _starts: tuple[int, ...] = ()

    @classmethod
    def build(cls, source: SourceText) -> Context:
        """Scan ``source`` once: numbers, intervals, sentences and regions."""
        text = source.text
        numbers = tuple(n for n in find_numbers(text) if not is_reference_noise(text, n))
        starts, ends = _sentences(text)
        region_starts, region_kinds = _regions(source)
        intervals = tuple(find_intervals(text))
        return cls(
            text=text,
            numbers=numbers,
            intervals=intervals,
            sentence_starts=starts,
            sentence_ends=ends,
            region_starts=region_starts,
            region_kinds=region_kinds,
            _starts=tuple(n.start for n in numbers),
        )

    def region(self, offset: int) -> str:
        """``skip``, ``methods`` or ``results`` (see the module docstring)."""
        i = bisect.bisect_right(self.region_starts, offset) - 1
        return self.region_kinds[i] if i >= 0 else "results"

    def sentence(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset``."""
        i = max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)
        return self.sentence_starts[i], self.sentence_ends[i]

    def clause(self, offset: int) -> tuple[int, int]:
        """The span between the semicolons (or sentence ends) around ``offset``."""
        start, end = self.sentence(offset)
        before = self.text.rfind(";", start, offset)
        after = self.text.find(";", offset, end)
        return (before + 1 if before >= 0 else start), (after if after >= 0 else end)

    def previous_sentence(self, offset: int) -> tuple[int, int] | None:
        """The span of the sentence before the one holding ``offset``, if any."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i <= 0:
            return None
        return self.sentence_starts[i - 1], self.sentence_ends[i - 1]

    def numbers_between(self, start: int, end: int) -> list[Number]:
        """Numbers starting in ``[start, end)``, in reading order."""
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return list(self.numbers[i:j])

    def next_number(self, offset: int) -> Number | None:
        """The first number starting at or after ``offset``."""
        i = bisect.bisect_left(self._starts, offset)
        return self.numbers[i] if i < len(self.numbers) else None

    def ci_before(self, offset: int, *, region: bool = False) -> bool:
        """A labelled CI stands earlier in the sentence (or, with ``region``, in the region: the
        results): then a bare bracketed pair holding an estimate is its CI too ("6.9 months (95%
        CI 6.0-7.6) ... 17.0 months (14.6-20.3)"; with ``region``, "Median overall survival was
        11.9 months (9.8-14.0)" in a later sentence), as Lancet-style abstracts print them,
        naming the CI once."""
        if region:
            i = bisect.bisect_right(self.region_starts, offset) - 1
            start = self.region_starts[i] if i >= 0 else 0
        else:
            start = self.sentence(offset)[0]
        return any(i.kind == "ci" and start <= i.start < offset for i in self.intervals)

    def interval_parts(self) -> set[int]:
        """Start offsets of every number that is a bound or the level of an interval."""
        parts: set[int] = set()
        for interval in self.intervals:
            parts.update(n.start for n in self.numbers_between(interval.start, interval.end))
            parts.update((interval.low.start, interval.high.start))
        return parts


def _sentences(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        starts.append(begin)
        ends.append(match.end())
        begin = match.end()
    starts.append(begin)
    ends.append(len(text))
    return tuple(starts), tuple(ends)


def _regions(source: SourceText) -> tuple[tuple[int, ...], tuple[str, ...]]:
    marks: list[tuple[int, str]] = []
    sections = source.sections or ()
    for section in sections:
        marks.append((section.start, _region_of_label(section.label)))
        body = source.text[section.start : section.end]
        for match in _INLINE_HEADING.finditer(body):
            heading = match.group("h") or match.group("g") or match.group("d") or match["line"]
            marks.append((section.start + match.start(), _region_of_label(heading)))
    if not sections:
        marks.append((0, "results"))
    marks.sort(key=lambda mark: mark[0])
    return tuple(m[0] for m in marks), tuple(m[1] for m in marks)


# --- what stands after a value ----------------------------------------------------------------

_SUFFIX = re.compile(
    rf"{SPACE}?(?:%|per[ -]?cent|percent)"
    rf"|(?:{SPACE}|-)?(?:months?|mo|years?|y|weeks?|wk|days?|d|hours?|hrs?|h)\b"
)
_OPEN_GAP = re.compile(
    rf"[{_SPACES},;:]*(?:(?P<open>[(\[]){SPACE}*(?:(?P<num>\d[\d,]*){SPACE}*(?:/|of|out of)"
    rf"{SPACE}*(?P<den>\d[\d,]*){SPACE}*[;,]{SPACE}*)?)?$"
)  # "(40 of 56; 95% CI 57.8-82.7)": the fraction is kept, the CI attached
_COMMA_CI = re.compile(
    rf"[{_SPACES},;:]*+(?P<open>[(\[])?{SPACE}*+(?:(?:one|two)[ -]sided{SPACE}++)?"
    rf"{CI_LABEL}[{_SPACES}:,=]*(?=[\d.\u2212-][\d.\u00b7]*{SPACE}*,)"
)
_NO_GAP = re.compile(r"")
_SEPARATOR = re.compile(rf"{SPACE}*[,;]{SPACE}*")  # "HR 0.20, 0.14 to 0.28", "(HR 0.61; 0.43-0.86)"
_BARE_OPEN = re.compile(rf"{SPACE}*[(\[]{SPACE}*$")
_BARE_SEP = re.compile(rf"{SPACE}*(?:[\u2013\u2014\u2212-]|,|{SPACE}to){SPACE}*$")
_BARE_CLOSE = re.compile(rf"{SPACE}*(?:%{SPACE}*)?[)\],;]")
_P_LABEL = re.compile(
    rf"[{_SPACES},;]*(?:(?P<sided>one|two|1|2)[ -]sided{SPACE}+)?"
    rf"(?:log[- ]rank{SPACE}+)?(?P<label>[Pp](?:{SPACE}?(?:-?value|trend|for trend|interaction))?)"
    rf"{SPACE}*(?=[=<>\u2264\u2265]|&lt;|&gt;)"
)
_CLOSE = re.compile(rf"{SPACE}*[)\]]")
_RANGE_WORD = re.compile(r"\b(?:range|IQR|interquartile)\b", re.IGNORECASE)
_SIDED = re.compile(r"\b(one|two)[ -]sided\b", re.IGNORECASE)


def suffix_end(text: str, number: Number) -> int:
    """The end of ``number`` with its percent sign or unit ("82%" ends after "%")."""
    match = _SUFFIX.match(text, number.end)
    return match.end() if match and (number.percent or number.unit) else number.end


def attach(
    ctx: Context,
    value: Number,
    *,
    header_level: Decimal | None = None,
    bare_ok: bool = False,
    limit: int | None = None,
) -> Attachment:
    """The CI, p-value and closing bracket printed right after ``value``.

    A labelled CI ("95% CI 0.42-0.79") attaches after ``, ; : ( [`` or spaces. A bracketed
    pair without a label ("(0.42-0.79)", "(1.01, 1.04)") attaches only when ``bare_ok`` (a
    ratio) or a ``header_level`` was printed before the values ("HRs (95% CIs): ...").
    """
    text = ctx.text
    end = suffix_end(text, value)
    stop = limit if limit is not None else ctx.sentence(value.start)[1]
    low = high = None
    level: Decimal | None = None
    sided: int | None = None
    opened = False
    fraction: tuple[int, int] | None = None
    for interval in ctx.intervals:
        if interval.low.start < end or interval.low.start > end + 40 or interval.end > stop:
            continue
        lead_start = interval.start if interval.start >= end else interval.low.start
        gap = _OPEN_GAP.fullmatch(text, end, lead_start)
        bare = interval.kind == "range"
        if gap is None or (bare and not (bare_ok or header_level)):
            break
        if bare and (
            _RANGE_WORD.search(interval.verbatim)
            or not _between(interval.low, interval.high, value)
            or text.startswith("+", interval.high.end)
        ):
            break  # "(range 3-40)", a pair that cannot be the value's interval, "(2.1-NR+)"
        if bare and not gap.group("open") and not (bare_ok and "," in text[end:lead_start]):
            break  # a bare pair after a comma only for a ratio: "HR 0.71, 0.54-0.94"
        low, high, opened = interval.low, interval.high, bool(gap.group("open"))
        if gap.group("num"):
            fraction = (int(gap["num"].replace(",", "")), int(gap["den"].replace(",", "")))
        level = interval.level if interval.kind == "ci" else None
        level = level if level is not None else header_level
        found = _SIDED.search(interval.verbatim)
        sided = (1 if found.group(1).lower() == "one" else 2) if found else None
        end = suffix_end(text, interval.high)
        break
    if low is None:
        labelled = _COMMA_CI.match(text, end)
        pair = _bare_pair(ctx, labelled.end(), stop, opened=False) if labelled else None
        if labelled is not None and pair is not None:  # "95% CI: 0.42, 0.79"
            low, high, end = pair
            level, opened = parse_decimal(labelled["level"]), bool(labelled["open"])
    if low is None and (bare_ok or header_level is not None):
        pair = _bare_pair(ctx, end, stop)
        if pair is not None:
            low, high, end = pair
            level, opened = header_level, True
    if low is None and bare_ok and (pair := _comma_pair(ctx, value, end, stop)) is not None:
        low, high, end = pair  # "risk ratio 0.20, 0.14 to 0.28"
    p = _p_value(ctx, end, stop)
    if opened and (close := _CLOSE.match(text, p[2] if p else end)) is not None:
        end = close.end()
        p = p or _p_value(ctx, end, stop)  # "HR 0.74 [95% CI 0.61-0.89]; P = .002"
    if p is None:
        return Attachment(end, low, high, level, None, None, sided, fraction)
    number, verbatim, p_end, p_sided = p
    return Attachment(
        max(end, p_end), low, high, level, number, verbatim, p_sided or sided, fraction
    )


def _comma_pair(
    ctx: Context, value: Number, end: int, stop: int
) -> tuple[Number, Number, int] | None:
    """A ratio's unbracketed CI after a comma or semicolon, "0.14 to 0.28" or "0.54-0.94",
    holding the value (not a list such as "0.85, 0.80, 0.90")."""
    comma = _SEPARATOR.match(ctx.text, end)
    pair = _bare_pair(ctx, comma.end(), stop, opened=False) if comma else None
    if pair is None or not _between(pair[0], pair[1], value):
        return None
    return None if "," in ctx.text[pair[0].end : pair[1].start] else pair


def _between(low: Number, high: Number, value: Number) -> bool:
    """The limits lie either side of the value (or on it); an upper limit not reached or not
    estimable ("(12.6-not estimable)") is above any value."""
    a, b, middle = low.value, high.value, value.value
    if a is None or middle is None:
        return False
    if b is None:
        return high.not_reached and a <= middle
    return a <= middle <= b


def _p_value(ctx: Context, end: int, stop: int) -> tuple[Number, str, int, int | None] | None:
    """A p-value printed at ``end``: its number, verbatim text, end and stated sidedness."""
    match = _P_LABEL.match(ctx.text, end)
    if match is None:
        return None
    number = ctx.next_number(match.end())
    if number is None or number.start > match.end() + 6 or number.end > stop:
        return None
    sided = match.group("sided")
    stated = (1 if sided in ("one", "1") else 2) if sided else None
    return number, ctx.text[match.start("label") : number.end], number.end, stated


def _bare_pair(
    ctx: Context, end: int, stop: int, *, opened: bool = True
) -> tuple[Number, Number, int] | None:
    """``(low, high)``, ``[low-high]`` or ``(low to high)`` right after ``end`` (without the
    opening bracket when ``opened`` is False: the label before it has been read)."""
    low = ctx.next_number(end)
    gap = _BARE_OPEN if opened else _NO_GAP
    if low is None or not gap.fullmatch(ctx.text, end, low.start):
        return None
    high = ctx.next_number(low.end)
    if high is None or high.start >= stop:
        return None
    if not _BARE_SEP.fullmatch(ctx.text, suffix_end(ctx.text, low), high.start):
        return None
    if not _BARE_CLOSE.match(ctx.text, high.end):
        return None
    if low.value is None or high.value is None or low.value > high.value:
        return None
    return low, high, suffix_end(ctx.text, high)


def last_match(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last of ``matches`` (None when there is none)."""
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


RESPECTIVELY_NEXT = re.compile(r"[ \u00a0]*,?[ \u00a0]*respectively\b")
"""", respectively" right after values or names."""
RESPECTIVELY_LATER = re.compile(r"[^.;]{0,60}?\brespectively\b")
""""respectively" later in the clause ("17.4% and 9.3% at week 48, respectively")."""

_LEVEL_LABEL = re.compile(CI_LABEL, re.IGNORECASE)


def inherit_levels(ctx: Context, drafts: list[Draft]) -> None:
    """Give a CI printed without a level the level the text states for it.

    The level is the one printed last before the estimate in its sentence ("11.6 months (95% CI
    9.9-13.4) ..., 8.5 months (7.2-9.8)"), else the only level the text prints anywhere ("95%
    confidence intervals" stated once, BMJ style). A text printing two levels and none in the
    sentence leaves it unknown. The finding's notes say where the level was read.
    """
    open_levels = [d for d in drafts if d.ci_low is not None and d.ci_level is None]
    if not open_levels:
        return
    levels = {
        parse_decimal(m["level"])
        for m in _LEVEL_LABEL.finditer(ctx.text)
        if ctx.region(m.start()) != "skip"
    }
    for draft in open_levels:
        start = ctx.sentence(draft.start)[0]
        before = last_match(_LEVEL_LABEL.finditer(ctx.text, start, draft.start))
        if before is not None:
            draft.ci_level = parse_decimal(before["level"])
            draft.notes.append(f"CI level read from '{before.group()}' earlier in the sentence")
        elif len(levels) == 1:
            draft.ci_level = next(iter(levels))
            draft.notes.append(f"CI level {draft.ci_level}%: the only level the text prints")


def findings_from(
    source: SourceText, drafts: list[Draft], *, study: str | None = None
) -> list[Finding]:
    """Drafts as anchored candidate findings with stable ids, in reading order."""
    ordered = sorted(drafts, key=lambda d: (d.start, d.end, d.kind.value))
    numbered: dict[str, int] = {}
    found: list[Finding] = []
    text = source.text
    digest = source.sha256
    for draft in ordered:
        n = numbered[draft.kind.value] = numbered.get(draft.kind.value, 0) + 1
        span = Span(
            start=draft.start,
            end=draft.end,
            section=source.section_at(draft.start),
            sentence=sentence_around(text, draft.start, draft.end),
        )
        value = draft.value
        found.append(
            Finding(
                id=f"{id_stem(source.source)}-{draft.kind.value}-{n}",
                kind=draft.kind,
                anchor=Anchor(source.source, digest, span),
                verbatim=text[draft.start : draft.end],
                value=value.value,
                value_verbatim=value.verbatim,
                endpoint=draft.endpoint,
                study=study,
                arm=draft.arm,
                comparison=draft.comparison,
                population=draft.population,
                timepoint=draft.timepoint,
                unit=draft.unit,
                percent=value.percent,
                not_reached=value.not_reached,
                ci_low=draft.ci_low.value if draft.ci_low else None,
                ci_high=draft.ci_high.value if draft.ci_high else None,
                ci_low_verbatim=draft.ci_low.verbatim if draft.ci_low else None,
                ci_high_verbatim=draft.ci_high.verbatim if draft.ci_high else None,
                ci_level=draft.ci_level,
                sidedness=draft.sidedness,
                p_value=draft.p.value if draft.p else None,
                p_comparator=(draft.p.comparator or "=") if draft.p else None,
                p_verbatim=draft.p_verbatim,
                numerator=draft.numerator,
                denominator=draft.denominator,
                status=FindingStatus.CANDIDATE,
                notes=tuple(draft.notes),
            )
        )
    return found
