"""Read a plain-language summary into cited sentences and its reference list (pure, no I/O).

A summary (Markdown, an HTML fragment or plain text) carries numbered citation markers and ends
with a reference list. :func:`parse_summary` returns its sentences (:class:`Stretch`, each with
the markers that cite it and a ``clean`` text free of markers and tags, ready for
:mod:`evidence.numbercheck`), the list's entries (:class:`Entry`, with the identifiers written
in them) and plain-word problems: markers pointing to no entry, entries cited nowhere, and
markers run into the text ("...their doctor.12345") that no reader can attribute.

Markers read: ``<sup>1,3-5</sup>`` (also around a link), ``[1]``, ``[1, 3-5]``, en-dash ranges,
pandoc ``[@key; @key]``, Unicode superscripts, and ``(1)``, ``(1,2)``, ``(1-3)`` only when every
number is an entry of the reference list (so "(302)" in prose stays prose). A sentence without
a marker takes the markers closing its paragraph (``inherited``). :func:`cited_texts` turns the
stretches into :class:`~evidence.numbercheck.CitedText` keyed by the entries' identifiers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum

from evidence.identifiers import IdKind, inspect, parse
from evidence.numbercheck import CitedText
from evidence.pasted import WEB_ADDRESS, CitationParts, read_reference, reference_advice

__all__ = [
    "Entry",
    "Marker",
    "MarkupFormat",
    "Stretch",
    "Summary",
    "cited_texts",
    "parse_summary",
    "sniff_format",
]


class MarkupFormat(StrEnum):
    """The markup a summary is written in."""

    MARKDOWN = "md"
    HTML = "html"
    TEXT = "txt"


@dataclass(frozen=True, slots=True)
class Marker:
    """One citation marker as printed; offsets index the original document."""

    start: int
    end: int
    verbatim: str
    numbers: tuple[int, ...]
    """Reference numbers, ranges expanded: "1,3-5" -> (1, 3, 4, 5); () for pandoc keys."""
    keys: tuple[str, ...] = ()
    """Pandoc citation keys, standardised ("pmid:34097854") when they are identifiers."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the reference list."""

    number: int | None
    text: str
    start: int
    end: int
    identifiers: tuple[str, ...]
    """Standard keys written in it (pmid:, doi:, pmcid:, nct:), then "url:<address>"."""
    parts: CitationParts | None
    """What it says as a journal reference, when it reads as a usable one."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A sentence of the body with the markers that cite it."""

    text: str
    start: int
    end: int
    clean: str
    """The sentence without its markers and tags, entities unescaped: what numbers are read from."""
    markers: tuple[Marker, ...]
    inherited: bool
    """True when the sentence had no marker and took those closing its paragraph."""


@dataclass(frozen=True, slots=True)
class Summary:
    """A parsed summary: its cited sentences, its reference list and what is wrong with them."""

    format: MarkupFormat
    stretches: tuple[Stretch, ...]
    entries: tuple[Entry, ...]
    problems: tuple[str, ...]
    headings: tuple[tuple[str, int], ...] = ()
    """The body's headings as plain text, with their offsets: they cite nothing."""


@dataclass(slots=True)
class _Line:
    """A line (or HTML block) of the document: its span, opening tag and list position."""

    start: int
    end: int
    tag: str
    attrs: str
    brk: bool
    item: int | None


_HTML_HINT = re.compile(r"</?(?:p|sup|h[1-6]|ol|ul|li|div|a|em|strong|br)\b[^>]*>", re.I)
_MD_HINT = re.compile(r"^\s{0,3}#{1,6}\s|\[@|\[\d{1,3}\]|\*\*\w", re.M)
_BLOCK_TAG = re.compile(
    r"<(/?)(p|div|h[1-6]|li|ol|ul|br|section|article|blockquote|table|tr|td|th|body)\b"
    r"([^>]*)>|\n",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_MD_HEADING = re.compile(r"\s{0,3}#{1,6}\s")
_BULLET = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s")
_REF_WORDS = frozenset({"references", "citations", "bibliography", "sources", "reference list"})
_ENTRY_NUMBER = re.compile(r"\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+")
_ENTRY_BULLET = re.compile(r"^\s*[-*+\u2022]\s+")
_ID_NUMBER = re.compile(r"""\bid\s*=\s*["']?[^"'\s>]*?(\d{1,3})["'\s>]""", re.I)
_OL_START = re.compile(r"""\bstart\s*=\s*["']?(\d+)""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*["']?([^"'\s>]+)""", re.I)
_NCT = re.compile(r"\bNCT\d{8}\b", re.I)

_NUM = r"\d{1,3}"
_LIST = rf"{_NUM}(?:\s*[-\u2013\u2014]\s*{_NUM})?(?:\s*,\s*{_NUM}(?:\s*[-\u2013\u2014]\s*{_NUM})?)*"
_SUP = re.compile(r"<sup\b[^>]*>(.*?)</sup>", re.I | re.S)
_PANDOC = re.compile(r"\[([^\[\]]*@[^\[\]]+)\]")
_PANDOC_KEY = re.compile(r"(?:^|[\s\-])@([^\s;,\]]+)")
_BRACKET = re.compile(rf"\[\s*({_LIST})\s*\](?:\(#[^)\s]*\))?")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_UNICODE = re.compile(rf"[{_SUPERSCRIPTS}]+(?:[,⁻\u2012\u2013-][{_SUPERSCRIPTS}]+)*")
_PAREN = re.compile(rf"\(\s*({_LIST})\s*\)")
_TO_ASCII = str.maketrans(_SUPERSCRIPTS + "⁻\u2012\u2013\u2014", "0123456789----")

_GLUED = re.compile(r"(\w*[^\W\d_][.!?][\"\u201d\u2019)]?)(\d{1,15})((?:</[^>]+>)*\s*)$")
_END_PUNCT = re.compile(r"[.!?]+[\"\u201d\u2019)]*")
_CLOSING = re.compile(r"</(?:em|strong|b|i|a|span)>|[*_]+")
_OPENING = re.compile(r"\s+|<[^>]*>|[*_\"\u201c\u2018(]")
_ABBREVIATIONS = frozenset(
    {"al", "vs", "e.g", "i.e", "cf", "approx", "fig", "figs", "dr", "no", "nos", "ca", "ref"}
)


def sniff_format(text: str, filename: str | None = None) -> MarkupFormat:
    """The markup of ``text``: the file's extension decides, else tags, else Markdown signs."""
    if filename is not None:
        suffix = filename.lower().rsplit(".", 1)[-1]
        by_suffix = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "txt": "txt"}
        if suffix in by_suffix:
            return MarkupFormat(by_suffix[suffix])
    if _HTML_HINT.search(text):
        return MarkupFormat.HTML
    return MarkupFormat.MARKDOWN if _MD_HINT.search(text) else MarkupFormat.TEXT


def _strip(text: str) -> str:
    """Tags removed, entities unescaped, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def _lines(text: str, fmt: MarkupFormat) -> list[_Line]:
    """Non-blank lines (HTML: blocks between block tags), each knowing if a paragraph breaks."""
    found: list[_Line] = []
    pos, brk, tag, attrs, newlines, item = 0, True, "", "", 0, 0
    pending_item: int | None = None
    splits = _BLOCK_TAG.finditer(text) if fmt is MarkupFormat.HTML else re.finditer("\n", text)
    for match in splits:
        if _add_line(found, text, pos, match.start(), _Line(0, 0, tag, attrs, brk, pending_item)):
            brk, tag, attrs, newlines, pending_item = False, "", "", 0, None
        pos = match.end()
        if match[0] == "\n":
            newlines += 1
            brk = brk or newlines >= 2
            continue
        name = match[2].lower()
        if name == "br":
            continue
        brk, newlines = True, 0
        if not match[1]:
            tag, attrs = name, match[3]
            if name in ("ol", "ul"):
                start = _OL_START.search(match[3])
                item = int(start[1]) - 1 if start else 0
            elif name == "li":
                item += 1
                pending_item = item
    _add_line(found, text, pos, len(text), _Line(0, 0, tag, attrs, brk, pending_item))
    return found


def _add_line(found: list[_Line], text: str, start: int, end: int, line: _Line) -> bool:
    """Add ``line`` spanning ``text[start:end]`` without its blanks, if it is not blank."""
    segment = text[start:end]
    if not segment.strip():
        return False
    line.start = start + len(segment) - len(segment.lstrip())
    line.end = start + len(segment.rstrip())
    found.append(line)
    return True


def _is_heading(text: str, line: _Line, fmt: MarkupFormat) -> bool:
    if fmt is MarkupFormat.HTML:
        return line.tag.startswith("h")
    return _MD_HEADING.match(text, line.start) is not None


def _is_reference_heading(text: str, line: _Line) -> bool:
    words = _strip(text[line.start : line.end]).strip("#*_: ").lower()
    return words in _REF_WORDS


def _entries(text: str, lines: list[_Line]) -> list[Entry]:
    """Entries of the reference list: numbered lines, list items, else every line in order."""
    raw: list[tuple[int | None, int, int, str]] = []
    numbered = any(line.item is not None for line in lines)
    for line in lines:
        body = _strip(text[line.start : line.end])
        number = _ENTRY_NUMBER.match(body)
        if number:
            numbered = True
            body = body[number.end() :]
            ident = _ID_NUMBER.search(line.attrs)
            value = int(number[1] or number[2])
            raw.append((int(ident[1]) if ident else value, line.start, line.end, body))
        elif line.item is not None:
            ident = _ID_NUMBER.search(line.attrs)
            raw.append((int(ident[1]) if ident else line.item, line.start, line.end, body))
        elif numbered and raw:
            number_, start, _, previous = raw[-1]
            raw[-1] = (number_, start, line.end, f"{previous} {body}")
        else:
            raw.append((None, line.start, line.end, _ENTRY_BULLET.sub("", body, count=1)))
    if not numbered:
        raw = [(index, s, e, body) for index, (_, s, e, body) in enumerate(raw, 1)]
    return [_entry(number, body, start, end, text[start:end]) for number, start, end, body in raw]


def _standard(text: str) -> str | None:
    """The standard key of an identifier (not a pasted reference), or None."""
    if inspect(text) is not None:
        return None
    identifier = parse(text)
    return None if identifier.kind is IdKind.CITATION else identifier.key


def _entry(number: int | None, body: str, start: int, end: int, source: str) -> Entry:
    reference = read_reference(body)
    keys = [_standard(f"{kind}:{accession}") for kind, accession in reference.identifiers]
    keys += [_standard(match[0]) for match in _NCT.finditer(body)]
    addresses = [m[0] for m in WEB_ADDRESS.finditer(body)] + [
        m[1] for m in _HREF.finditer(source) if not m[1].startswith("#")
    ]
    for address in addresses:
        address = address.rstrip(".,;)>")
        keys.append(_standard(address) or f"url:{address}")
    found = tuple(dict.fromkeys(key for key in keys if key is not None))
    parts = reference.parts if reference_advice(reference.parts) is None else None
    return Entry(number, body, start, end, found, parts)


def _numbers(listed: str) -> tuple[int, ...] | None:
    """ "1, 3-5" -> (1, 3, 4, 5); None when it is no marker list (zero, backwards, too wide)."""
    numbers: list[int] = []
    for part in listed.translate(_TO_ASCII).replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            return None
        low, high = int(first), int(last or first)
        if low < 1 or high < low or high - low > 100:
            return None
        numbers.extend(range(low, high + 1))
    return tuple(numbers) if numbers else None


def _pandoc_keys(content: str) -> tuple[str, ...] | None:
    keys: list[str] = []
    for part in content.split(";"):
        found = _PANDOC_KEY.search(part.strip())
        if found is None:
            return None
        key = found[1].rstrip(".:")
        keys.append(_standard(key) or key)
    return tuple(keys)


def _is_unit_power(text: str, start: int, numbers: tuple[int, ...]) -> bool:
    """A superscript after a digit (10⁹) or a metre (m², kg/m<sup>2</sup>) is no marker."""
    before = text[max(0, start - 1) : start]
    return before.isdigit() or (before == "m" and numbers in ((2,), (3,)))


def _markers(text: str, start: int, end: int, known: frozenset[int]) -> list[Marker]:
    """Every marker between ``start`` and ``end``, earlier forms winning overlaps."""
    found: list[Marker] = []

    def _add(match: re.Match[str], numbers: tuple[int, ...] | None, keys: tuple[str, ...]) -> None:
        if (numbers is None and not keys) or any(
            m.start < match.end() and match.start() < m.end for m in found
        ):
            return
        found.append(Marker(match.start(), match.end(), match[0], numbers or (), keys))

    for match in _SUP.finditer(text, start, end):
        numbers = _numbers(_strip(match[1]).strip("[]()"))
        if numbers and not _is_unit_power(text, match.start(), numbers):
            _add(match, numbers, ())
    for match in _PANDOC.finditer(text, start, end):
        _add(match, None, _pandoc_keys(match[1]) or ())
    for match in _BRACKET.finditer(text, start, end):
        _add(match, _numbers(match[1]), ())
    for match in _UNICODE.finditer(text, start, end):
        numbers = _numbers(match[0])
        if numbers and not _is_unit_power(text, match.start(), numbers):
            _add(match, numbers, ())
    for match in _PAREN.finditer(text, start, end):
        numbers = _numbers(match[1])
        if known and numbers and set(numbers) <= known:
            _add(match, numbers, ())
    return sorted(found, key=lambda marker: marker.start)


def _sentence_ends(text: str, start: int, end: int, markers: list[Marker]) -> list[int]:
    """Where the sentences of the paragraph ``text[start:end]`` end (after their markers)."""
    after = {marker.start: marker.end for marker in markers}
    inside = [(marker.start, marker.end) for marker in markers]
    ends: list[int] = []
    for punct in _END_PUNCT.finditer(text, start, end):
        if any(s <= punct.start() < e for s, e in inside):
            continue
        word = text[start : punct.start()].rsplit(None, 1)[-1:] or [""]
        word_ = word[0].lstrip("([\"'*_").lower()
        if word_ in _ABBREVIATIONS or (len(word_) == 1 and word_.isalpha()):
            continue
        cut = _absorb(text, punct.end(), end, after)
        following = cut
        while following < end and (opening := _OPENING.match(text, following, end)):
            following = opening.end()
        if following in after:
            cut = _absorb(text, following, end, after)
        elif cut == end or (
            following < end
            and following > cut
            and (text[following].isupper() or text[following].isdigit())
        ):
            pass
        else:
            continue
        if not ends or cut > ends[-1]:
            ends.append(cut)
    if not ends or ends[-1] < end:
        ends.append(end)
    return ends


def _absorb(text: str, pos: int, end: int, after: dict[int, int]) -> int:
    """``pos`` moved past the closing tags, emphasis and markers that follow it."""
    while pos < end:
        if pos in after:
            pos = after[pos]
        elif closing := _CLOSING.match(text, pos, end):
            pos = closing.end()
        else:
            break
    return pos


def _clean(text: str, start: int, end: int, cuts: list[tuple[int, int]]) -> str:
    pieces, pos = [], start
    for cut_start, cut_end in sorted(cuts):
        if cut_end <= start or cut_start >= end:
            continue
        pieces.append(text[pos:cut_start])
        pos = max(pos, cut_end)
    pieces.append(text[pos:end])
    return re.sub(r"\s+([.,;:!?])", r"\1", _strip(" ".join(pieces).replace("  ", " ")))


def _closing_run(text: str, sentence: tuple[int, int], markers: list[Marker]) -> list[Marker]:
    """The markers that close a sentence (only punctuation, spaces and tags after them)."""
    run: list[Marker] = []
    pos = sentence[1]
    for marker in reversed(markers):
        if _strip(text[marker.end : pos]).strip(".,;:!?*_ ") or marker.start < sentence[0]:
            break
        run.insert(0, marker)
        pos = marker.start
    return run


def _paragraph(
    text: str, start: int, end: int, markers: list[Marker], glued: list[tuple[int, int]]
) -> list[Stretch]:
    cuts = [(m.start, m.end) for m in markers] + glued
    spans, previous = [], start
    for cut in _sentence_ends(text, start, end, markers):
        head = previous + len(text[previous:cut]) - len(text[previous:cut].lstrip())
        if _clean(text, head, cut, cuts):
            spans.append((head, cut))
        previous = cut
    closing = _closing_run(text, spans[-1], markers) if spans else []
    stretches = []
    for s, e in spans:
        own = tuple(m for m in markers if s <= m.start and m.end <= e)
        taken = own or tuple(closing)
        clean = _clean(text, s, e, cuts)
        stretches.append(Stretch(text[s:e], s, e, clean, taken, bool(taken) and not own))
    return stretches


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def parse_summary(text: str, fmt: MarkupFormat | None = None) -> Summary:
    """Split a summary into cited sentences and reference entries and report its problems."""
    fmt = fmt or sniff_format(text)
    lines = _lines(text, fmt)
    heads = [i for i, line in enumerate(lines) if _is_reference_heading(text, line)]
    body, ref_lines = lines, []
    if heads:
        body, ref_lines = lines[: heads[-1]], lines[heads[-1] + 1 :]
        more = [i for i, line in enumerate(ref_lines) if _is_heading(text, line, fmt)]
        ref_lines = ref_lines[: more[0]] if more else ref_lines
    entries = _entries(text, ref_lines)
    known = frozenset(e.number for e in entries if e.number is not None)
    problems: list[str] = []
    stretches: list[Stretch] = []
    for first, last in _paragraphs(text, body, fmt):
        markers = _markers(text, first, last, known)
        glued: list[tuple[int, int]] = []
        if found := _GLUED.search(text, first, last):
            glued.append((found.start(2), found.end(2)))
            problems.append(
                f"markers glued to text at line {_line_of(text, found.start())} "
                f"('{found[1]}{found[2]}') cannot be read; use superscript or [n]"
            )
        stretches.extend(_paragraph(text, first, last, markers, glued))
    problems += _reference_problems(text, stretches, entries)
    headings = tuple(
        (_strip(text[line.start : line.end]).strip("#").strip(), line.start)
        for line in body
        if _is_heading(text, line, fmt)
    )
    return Summary(fmt, tuple(stretches), tuple(entries), tuple(problems), headings)


def _paragraphs(text: str, body: list[_Line], fmt: MarkupFormat) -> list[tuple[int, int]]:
    """Spans of the body's paragraphs; headings break them and are left out."""
    spans: list[tuple[int, int]] = []
    open_ = False
    for line in body:
        if _is_heading(text, line, fmt):
            open_ = False
            continue
        bullet = fmt is not MarkupFormat.HTML and _BULLET.match(text, line.start) is not None
        if open_ and not line.brk and not bullet:
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append((line.start, line.end))
        open_ = True
    return spans


def _reference_problems(text: str, stretches: list[Stretch], entries: list[Entry]) -> list[str]:
    markers = list(dict.fromkeys(m for s in stretches for m in s.markers))
    numbers = {e.number for e in entries}
    problems: list[str] = []
    cited: set[int | None] = set()
    if markers and not entries:
        return ["the summary has citation markers but no reference list (a 'References' heading)"]
    for marker in markers:
        cited.update(marker.numbers)
        for n in marker.numbers:
            if n not in numbers:
                line = _line_of(text, marker.start)
                problems.append(f"marker [{n}] at line {line} points to no reference entry")
        keys = set(marker.keys)
        cited.update(e.number for e in entries if keys & set(e.identifiers))
    seen: set[int] = set()
    for entry in entries:
        if entry.number in seen:
            problems.append(f"reference {entry.number} is listed twice")
        elif entry.number is not None and entry.number not in cited:
            problems.append(f"reference {entry.number} is cited nowhere")
        seen.add(entry.number or 0)
    return problems


def cited_texts(summary: Summary) -> tuple[CitedText, ...]:
    """The stretches as :class:`CitedText`, each number standing for its entry's first key.

    An entry's key is its first standard identifier, else its address ("url:..."), else
    "ref:<n>"; pandoc keys stand for themselves.
    """
    by_number: dict[int, str] = {}
    for entry in summary.entries:
        if entry.number is not None:
            standard = [key for key in entry.identifiers if not key.startswith("url:")]
            keys = standard or list(entry.identifiers) or [f"ref:{entry.number}"]
            by_number.setdefault(entry.number, keys[0])
    result = []
    for stretch in summary.stretches:
        cited: list[str] = []
        for marker in stretch.markers:
            cited += [by_number.get(n, f"ref:{n}") for n in marker.numbers] + list(marker.keys)
        result.append(CitedText(stretch.clean, tuple(dict.fromkeys(cited)), stretch.start))
    return tuple(result)
