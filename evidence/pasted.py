"""Read a pasted journal reference into its parts: pure, no I/O.

Holds :class:`CitationParts` (what a reference says), :func:`read_reference` (reference text ->
the identifiers written inside it and its parts), :func:`reference_advice` (plain words for a
reference that says too little), :func:`expand_page_range` and :func:`fold_characters` (the
character clean-up every pasted text gets). :mod:`evidence.identifiers` decides whether a text
is a reference at all and which identifier inside it wins; this module only reads.

Forms read: NLM/Vancouver ("Lancet. 2021 Jun 19;397(10292):2361-71"), AMA ("Lancet.
2021;397(10292):2361-2371"), compact and Lancet ("Lancet 2021; 397: 2361-71"), labelled
("2021, vol. 397, no. 10292, pp. 2361-71"), and articles published online ahead of print, which
have no volume or pages yet ("Nat Med. 2024 Jan 5. Online ahead of print", "Nat Med. Published
online January 5, 2024", "Cell Rep. 2022"). APA "(2021)." is not read.

How the text is read, once the PMIDs, DOIs, labelled PMCIDs and web addresses are out:

1. Notes after the source are cut off ("Epub 2021 Jun 4", "Online ahead of print", "Published
   online <date>", "Erratum in: ...", "Accessed <date>", "Available from: ..."), as are
   "[Internet]" and "[cited ...]". The year of a publication note is kept for a source without
   one.
2. The source is the last "year;volume(issue):pages" group, else "year;volume(issue)" at the
   end, else a date at the end ("2022", "2024 Jan 5", "January 5, 2024"), else the noted year.
   Without any year the journal cannot be told from the title, and only the first author is read.
3. The text before the source is split into sentences: the first names the authors, the last the
   journal (abbreviated words, "J. Clin. Oncol.", are joined back), those between the title.
   With only two sentences, the second is the journal when it looks like one (capitalised words
   and "of", "and"...), else the title.
4. A collective first author ("COVID-19 Investigators") is no surname: ``first_author`` is None.

A reference is usable when it gives the journal, year, volume and first page (ECitMatch can take
it once the first author is known too: ``ecitmatch_ready``), or the first author, title and year
(``searchable``: the caller searches PubMed by title).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_CITATION_PREFIX = re.compile(r"citation:\s*", re.IGNORECASE)
_LIST_MARKER = re.compile(r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]|[-\u2022])\s+")

WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
"""A web address in pasted text; it is no part of a reference."""

# Identifiers written inside a reference, in order of preference.
_EMBEDDED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pmid", re.compile(r"\b(?:PubMed\s+)?PMID\s*:?\s*([0-9]+)\b", re.IGNORECASE)),
    ("doi", re.compile(
        r"(?:\bdoi\s*:?\s*|\b(?:https?://)?(?:www\.|dx\.)?doi\.org/)?"
        r"\b(10\.[0-9]{4,9}(?:\.[0-9]+)*/[^\s\[\]]+)",
        re.IGNORECASE,
    )),
    ("pmcid", re.compile(r"\bPMCID\s*:?\s*(PMC[0-9]+)\b", re.IGNORECASE)),
)  # fmt: skip

_YEAR = r"(?P<year>\b(?:1[89]|20)[0-9]{2})"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|Spring|Summer|Autumn|Fall|Winter)\.?"
)
# An issue date after the year: " Jun 19", " Jan-Feb", " Dec 1-15".
_ISSUE_DATE = (
    r"(?:\s+[A-Za-z]{3,9}\.?(?:\s*[-/]\s*[A-Za-z]{3,9}\.?)?"
    r"(?:\s+[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?)?)?"
)
_PAGE = r"[A-Za-z]{0,4}[0-9]+(?:[A-Za-z][0-9]*)?"
_PAGES = rf"(?P<first>{_PAGE})(?:\s*-\s*(?P<last>{_PAGE}))?\b"
_VOLUME_ISSUE = r"(?P<volume>[0-9]+[A-Za-z]?)?(?:\s*\((?P<issue>[^()]{1,20})\))?"
# "2021;397:2361-71", "2021 Jun 19;397(10292):2361-71", "2023;13:72", "2021; 397: 2361-71"
_SOURCE = re.compile(rf"{_YEAR}[a-z]?{_ISSUE_DATE}\s*;\s*{_VOLUME_ISSUE}\s*:\s*{_PAGES}")
# "2021, vol. 397, no. 10292, pp. 2361-71"
_SOURCE_LABELLED = re.compile(
    rf"{_YEAR}\s*[,;.]\s*vol(?:ume)?\.?\s*(?P<volume>[0-9]+[A-Za-z]?)"
    r"(?:\s*[,;(]?\s*(?:no|issue)\.?\s*(?P<issue>[\w-]+)\)?)?"
    rf"\s*[,:;.]\s*(?:pp?|pages?)\.?\s*{_PAGES}",
    re.IGNORECASE,
)
# Ahead of print, at the very end: "2024;30(1)", "2024 Jan 5", "2022", "January 5, 2024".
_SOURCE_NO_PAGES = re.compile(rf"{_YEAR}[a-z]?{_ISSUE_DATE}\s*;\s*{_VOLUME_ISSUE}$")
_DATE_AT_END = re.compile(
    rf"(?<!\w)(?:{_MONTH}\s+(?:[0-9]{{1,2}},?\s+)?)?{_YEAR}[a-z]?"
    rf"(?:\s+{_MONTH}(?:\s*-\s*{_MONTH})?(?:\s+[0-9]{{1,2}})?)?$"
)
_SOURCES = (_SOURCE, _SOURCE_LABELLED, _SOURCE_NO_PAGES, _DATE_AT_END)

# "[Internet]", "[cited 2024 Feb 1]": NLM marks for online sources.
_BRACKET_MARK = re.compile(r"\s*\[(?:internet|(?:cited|accessed|updated)\b[^\]]*)\]", re.IGNORECASE)
# Notes written after the source. A publication note ("Epub 2021 Jun 4") may carry the year.
_NOTE = re.compile(
    r"(?:[.;,]\s*|\s+(?=\[))\[?\s*(?:(?P<published>"
    r"(?:e-?pub(?:lished)?\s+|published\s+)?(?:online\s+)?ahead\s+of\s+print"
    r"|published\s+online|e-?pub(?:lished)?\b|(?:preprint\s+)?posted\s+online|first\s+published"
    r"|online\s+first)"
    r"|(?:erratum|comment|update|retraction|retracted|republished|expression\s+of\s+concern)"
    r"\s+(?:in|on|of|from)\s*:|available\s+(?:from|at|online)\b|accessed\b|nihmsid\b"
    r"|free\s+pmc\s+article)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(_YEAR)

_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
_ET_AL = re.compile(r"\bet\s+al\b\.?", re.IGNORECASE)
_ABBREVIATED_WORD = re.compile(r"[A-Z][a-z]{0,5}\.")
_AUTHOR_SEPARATOR = re.compile(r"[,;]|\s+(?:and|&)\s+")
_PERSON = re.compile(
    r"(?P<surname>[^\W\d_][^\W\d_'\u2019-]*(?:[\s'\u2019-][^\W\d_]+){0,3}?)"
    r"\s+(?P<initials>[A-Z]{1,4})(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?\.?"
)
# Lower-case words a journal name may hold ("Journal of the American ...", "Acta Derm Venereol").
_JOURNAL_SMALL_WORDS = frozenset("of and the for in on & de la du der des et und fur y a".split())
_JOURNAL_MAX_WORDS = 10
_PAGE_PARTS = re.compile(r"([A-Za-z]*)([0-9]+)([A-Za-z]*)")

REFERENCE_ADVICE = (
    "a pasted reference needs the journal, year, volume and first page "
    "(e.g. 'Moreau P, et al. Lancet 2021;397:2361-71'), or the first author, title and year; "
    "or give its PMID or DOI"
)
"""What a usable pasted reference gives; :func:`reference_advice` may add what one lacks."""


@dataclass(frozen=True, slots=True)
class CitationParts:
    """What a pasted reference says. Any field may be None."""

    raw: str
    first_author: str | None
    first_author_initials: str | None
    title: str | None
    journal: str | None
    year: int | None
    volume: str | None
    issue: str | None
    first_page: str | None
    last_page: str | None

    @property
    def ecitmatch_ready(self) -> bool:
        """True when journal, year, volume, first page and first author are all known."""
        fields = (self.journal, self.year, self.volume, self.first_page, self.first_author)
        return all(field is not None for field in fields)

    @property
    def searchable(self) -> bool:
        """True when first author, title and year are all known: PubMed can be searched by title.

        This is how a reference to an article published ahead of print (no volume or pages
        yet) is found.
        """
        return all(field is not None for field in (self.first_author, self.title, self.year))


@dataclass(frozen=True, slots=True)
class PastedReference:
    """One pasted reference: its one-line text, the identifiers written in it, and its parts.

    ``identifiers`` holds ``(kind, accession)`` pairs as written, kind ``"pmid"``, ``"doi"`` or
    ``"pmcid"``, PMIDs first, then DOIs, then PMCIDs; whether each is valid is for the caller.
    """

    text: str
    identifiers: tuple[tuple[str, str], ...]
    parts: CitationParts


@dataclass(frozen=True, slots=True)
class _Source:
    """Where the source starts in the text, and what it says."""

    start: int
    year: int
    volume: str | None = None
    issue: str | None = None
    first_page: str | None = None
    last_page: str | None = None


def fold_characters(text: str) -> str:
    """NFKC, no invisible characters (zero-width, soft hyphen), ASCII hyphens for every dash."""
    return _DASHES.sub("-", _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)))


def expand_page_range(first: str, last: str) -> str:
    """The last page written in full: ``("2361", "71") -> "2371"``, ``("S12", "5") -> "S15"``.

    A last page that is already complete, carries its own letters ("e345") or would fall
    before the first page is returned as written; an empty one gives the first page.
    """
    if not last.strip():
        return first
    head = _PAGE_PARTS.fullmatch(first.strip())
    tail = _PAGE_PARTS.fullmatch(last.strip())
    if head is None or tail is None or tail[1] or tail[3]:
        return last
    first_digits, digits = head[2], tail[2]
    if len(digits) >= len(first_digits):
        return last.strip()
    expanded = first_digits[: len(first_digits) - len(digits)] + digits
    return head[1] + expanded if expanded >= first_digits else last


def read_reference(text: str, raw: str | None = None) -> PastedReference:
    """Read pasted reference text (see the module docstring); ``raw`` defaults to ``text``.

    The text is made one line, without markdown emphasis, a list number ("12.", "[3]"), a
    leading ``citation:`` or a final full stop.
    """
    line = _one_line(fold_characters(text))
    found: list[tuple[str, str]] = []
    rest = line
    for kind, pattern in _EMBEDDED:
        found.extend((kind, match[1]) for match in pattern.finditer(rest))
        rest = pattern.sub(" ", rest)
    rest = " ".join(WEB_ADDRESS.sub(" ", rest).split())
    return PastedReference(line, tuple(found), _read_parts(rest, text if raw is None else raw))


def reference_advice(parts: CitationParts) -> str | None:
    """Plain-word advice when a reference is not usable, naming what it lacks; else None.

    Usable means journal, year, volume and first page, or first author, title and year.
    """
    by_source = {
        "journal": parts.journal,
        "year": parts.year,
        "volume": parts.volume,
        "first page": parts.first_page,
    }
    by_title = {"first author": parts.first_author, "title": parts.title, "year": parts.year}
    if parts.searchable or all(value is not None for value in by_source.values()):
        return None
    if parts.volume or parts.first_page:
        named = by_source
    elif parts.first_author or parts.title:
        named = by_title
    elif parts.journal:
        named = by_source
    else:
        return REFERENCE_ADVICE
    missing = ["year"] if parts.year is None else [k for k, v in named.items() if v is None]
    return f"{REFERENCE_ADVICE}; this one has no {' or '.join(missing)}"


def _one_line(text: str) -> str:
    """One-spaced text without markdown emphasis, list number, ``citation:`` or final full stop."""
    text = " ".join(_CITATION_PREFIX.sub("", text.strip(), count=1).replace("*", "").split())
    marker = _LIST_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    return text.rstrip(". ")


def _read_parts(body: str, raw: str) -> CitationParts:
    """Read a reference whose identifiers and web addresses have been taken out."""
    text, noted_year = _cut_notes(_BRACKET_MARK.sub("", body))
    source = _find_source(text)
    if source is None and noted_year is not None:
        source = _Source(start=len(text), year=noted_year)
    if source is None:  # without a year, the journal and the title cannot be told apart
        surname, initials = _first_author(_SENTENCE_BREAK.split(text)[0])
        return CitationParts(raw, surname, initials, None, None, None, None, None, None, None)
    authors, title, journal = _split_front(text[: source.start])
    surname, initials = _first_author(authors)
    return CitationParts(
        raw=raw,
        first_author=surname,
        first_author_initials=initials,
        title=title,
        journal=journal,
        year=source.year,
        volume=source.volume,
        issue=source.issue,
        first_page=source.first_page,
        last_page=source.last_page,
    )


def _cut_notes(text: str) -> tuple[str, int | None]:
    """The text before the first note, and the year a publication note gives, if any."""
    note = _NOTE.search(text)
    if note is None:
        return text.rstrip(" .,;:"), None
    year = _ANY_YEAR.search(text, note.start()) if note["published"] else None
    return text[: note.start()].rstrip(" .,;:"), int(year["year"]) if year else None


def _find_source(text: str) -> _Source | None:
    """The last full "year;volume(issue):pages" group (titles come before it), else a date."""
    for pattern in _SOURCES:
        matches = list(pattern.finditer(text))
        if matches:
            found = matches[-1].groupdict()
            first, last = found.get("first"), found.get("last")
            return _Source(
                start=matches[-1].start(),
                year=int(found["year"]),
                volume=found.get("volume"),
                issue=found.get("issue"),
                first_page=first,
                last_page=expand_page_range(first, last) if first and last else None,
            )
    return None


def _split_front(front: str) -> tuple[str | None, str | None, str | None]:
    """Authors, title and journal from the text before the source."""
    text = _ET_AL.sub("et al.", front).strip(" ,;:")
    sentences = [sentence for sentence in _SENTENCE_BREAK.split(text) if sentence]
    if not sentences:
        return None, None, None
    journal = None
    if len(sentences) != 2 or _looks_like_journal(sentences[-1]):
        journal_words = [sentences.pop()]
        while len(sentences) > 1 and _ABBREVIATED_WORD.fullmatch(sentences[-1]):
            journal_words.insert(0, sentences.pop())
        journal = " ".join(journal_words).strip(" .,;:") or None
    if not sentences:
        return None, None, journal
    title = " ".join(sentences[1:]).rstrip(" .,;:") or None
    return sentences[0], title, journal


def _looks_like_journal(sentence: str) -> bool:
    """Few words, each capitalised, a small word or mixed case ("eLife"): a journal's name."""
    words = sentence.rstrip(" .,;:").split()
    return 0 < len(words) <= _JOURNAL_MAX_WORDS and all(
        not word[0].isalpha()
        or word[0].isupper()
        or word.lower() in _JOURNAL_SMALL_WORDS
        or any(char.isupper() for char in word[1:])
        for word in words
    )


def _first_author(authors: str | None) -> tuple[str | None, str | None]:
    """Surname and initials of the first author, if it is a person ("Moreau P")."""
    if authors is None:
        return None, None
    person = _PERSON.fullmatch(_AUTHOR_SEPARATOR.split(authors)[0].strip())
    return (person["surname"], person["initials"]) if person else (None, None)
