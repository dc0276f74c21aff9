"""Parse, inspect and standardise identifiers and pasted references: pure, no I/O.

What the user typed (``Identifier.raw``) is kept apart from the standard identifier it stands
for (``Identifier.value``, ``Identifier.key``). Each family (PMID, PMCID, DOI, NCT) declares its
prefixes, the web addresses that carry it, a bare-accession pattern, a check that returns
plain-word advice instead of raising, and its standard form.

Classification order; the first step that claims the text decides, and that family's check
gives the advice (``NCT0327528`` gets NCT advice, not a reading as free text):

1. Web addresses of PubMed, PMC, doi.org/dx.doi.org and ClinicalTrials.gov; any other address
   is refused with advice.
2. Prefixes ``pmid``, ``pmcid``, ``doi``, ``nct`` (any case), then ``:`` or a space, then one
   word: ``pmid:34097854``, ``PMID 34097854``, ``PMCID: PMC1234567``.
3. NCT pattern: one word starting ``NCT``.  4. PMCID pattern: one word starting ``PMC``.
5. DOI pattern: one word starting ``10.``.  6. Digits: a PMID.
7. Anything else is a pasted reference. A labelled PMID (``PMID: 34097854``), else a DOI, else a
   labelled PMCID inside it wins, and the parsed parts ride along on ``Identifier.citation``. An
   NCT number inside a journal reference names the trial, not the paper, and is ignored.
   Otherwise the reference must give journal, year, volume and first page. A leading
   ``citation:`` is dropped, so ``parse(ident.key)`` gives back the key for every kind.

References are read in the NLM/Vancouver, AMA and compact ("Moreau P, et al. Lancet
2021;397:2361-71") forms, plus "2021, vol. 397, no. 10292, pp. 2361-71". The journal is the
sentence before the year ("J. Clin. Oncol." is joined word by word). A collective first author
("COVID-19 Investigators") is no surname: ``first_author`` is None, so ``ecitmatch_ready`` is
False and the caller should search by title or ask for a PMID or DOI. APA "(2021)." is not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import unquote

from evidence.errors import IdentifierError


class IdKind(StrEnum):
    """The identifier families ``evidence`` reads; the value is the key prefix."""

    PMID = "pmid"
    PMCID = "pmcid"
    DOI = "doi"
    NCT = "nct"
    CITATION = "citation"


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


@dataclass(frozen=True, slots=True)
class Identifier:
    """A standard identifier, the text it came from and, for references, what they say."""

    kind: IdKind
    value: str
    raw: str
    citation: CitationParts | None = None

    @property
    def key(self) -> str:
        """``kind:value``, e.g. ``pmid:34097854`` or ``nct:NCT03275285``."""
        return f"{self.kind}:{self.value}"


# --- the identifier families ------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]+")
_DOI_REGISTRANT = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*")
_NCT_HEAD = re.compile(r"nct[\s-]?", re.IGNORECASE)
_PMC_HEAD = re.compile(r"pmc", re.IGNORECASE)
_CLOSERS = {")": "(", "]": "[", ">": "<"}
_TRAILING_JUNK = ".,;:'\""


def _quote(text: str, limit: int = 60) -> str:
    """``'text'``, shortened with an ellipsis past ``limit`` characters."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{short}'"


def _check_number(accession: str, digits: str, label: str, form: str) -> str | None:
    """Advice for a PMID or PMCID: ``form``, with 1 to 9 significant digits, not zero."""
    if not _DIGITS.fullmatch(digits):
        return f"a {label} is {form}; {_quote(accession)} is not"
    significant = digits.lstrip("0")
    if not significant:
        return f"{_quote(digits)} is not a {label}: {label}s start at 1"
    if len(significant) > 9:
        return f"a {label} has at most 9 digits; {_quote(digits)} has {len(significant)}"
    return None


def _check_pmid(accession: str) -> str | None:
    return _check_number(accession, accession, "PMID", "digits only (e.g. 34097854)")


def _check_pmcid(accession: str) -> str | None:
    form = "'PMC' followed by digits (e.g. PMC1234567)"
    return _check_number(accession, _behind(_PMC_HEAD, accession), "PMCID", form)


def _behind(head: re.Pattern[str], accession: str) -> str:
    """The accession without its optional family letters ("PMC", "NCT")."""
    found = head.match(accession)
    return accession[found.end() :] if found else accession


def _check_nct(accession: str) -> str | None:
    digits = _behind(_NCT_HEAD, accession)
    rule = "an NCT number is 'NCT' followed by 8 digits"
    if digits and not _DIGITS.fullmatch(digits):
        return f"{rule}; {_quote(accession)} is not"
    return f"{rule}; {_quote(accession)} has {len(digits) or 'none'}" if len(digits) != 8 else None


def _clean_doi(accession: str) -> str:
    """Percent-decode, drop punctuation pasted after the DOI, and lowercase."""
    doi = unquote(accession)
    while doi:
        last = doi[-1]
        unbalanced = last in _CLOSERS and doi.count(last) > doi.count(_CLOSERS[last])
        if last not in _TRAILING_JUNK and not unbalanced:
            break
        doi = doi[:-1]
    return doi.lower()


def _check_doi(accession: str) -> str | None:
    doi, quoted = _clean_doi(accession), _quote(accession)
    registrant, _, suffix = doi.partition("/")
    if not doi.startswith("10."):
        return f"a DOI starts with '10.' (e.g. 10.1038/s41408-023-00797-8); {quoted} does not"
    if not _DOI_REGISTRANT.fullmatch(registrant):
        return f"a DOI starts with '10.' and 4 to 9 digits before the '/'; {quoted} does not"
    if not suffix:
        return f"the DOI {quoted} is missing the part after the '/'; copy the whole DOI"
    if any(char.isspace() for char in suffix):
        return f"a DOI has no spaces; {quoted} has"
    return None


@dataclass(frozen=True, slots=True)
class _Family:
    """One identifier family: how it is written, checked and standardised."""

    kind: IdKind
    label: str
    example: str
    prefixes: tuple[str, ...]
    urls: tuple[re.Pattern[str], ...]
    bare: re.Pattern[str]
    check: Callable[[str], str | None]
    standard: Callable[[str], str]


def _url(pattern: str) -> re.Pattern[str]:
    """A web address whose group 1 is the accession; scheme optional, query ignored."""
    return re.compile(rf"(?:https?://)?{pattern}(?:[/?#]\S*)?", re.IGNORECASE)


# Steps 3-6 of the classification order, in order.
_FAMILIES: tuple[_Family, ...] = (
    _Family(
        IdKind.NCT, "NCT number", "NCT03275285", ("nct",),
        (_url(r"(?:www\.|classic\.)?clinicaltrials\.gov/(?:study|ct2/show(?:/study)?|show)/"
              r"([^/?#]*)"),),
        re.compile(r"nct[\s-]?\w*", re.IGNORECASE),
        _check_nct, lambda accession: "NCT" + _behind(_NCT_HEAD, accession),
    ),
    _Family(
        IdKind.PMCID, "PMCID", "PMC1234567", ("pmcid",),
        (_url(r"(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/([^/?#]*)"),
         _url(r"pmc\.ncbi\.nlm\.nih\.gov/articles/([^/?#]*)")),
        re.compile(r"pmc\w*", re.IGNORECASE),
        _check_pmcid, lambda accession: "PMC" + _behind(_PMC_HEAD, accession).lstrip("0"),
    ),
    _Family(
        IdKind.DOI, "DOI", "10.1016/S0140-6736(21)00592-4", ("doi",),
        (re.compile(r"(?:https?://)?(?:www\.|dx\.)?doi\.org/(\S*)", re.IGNORECASE),),
        re.compile(r"10\.\S*"),
        _check_doi, _clean_doi,
    ),
    _Family(
        IdKind.PMID, "PMID", "34097854", ("pmid",),
        (_url(r"pubmed\.ncbi\.nlm\.nih\.gov/([^/?#]*)"),
         _url(r"(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/([^/?#]*)")),
        re.compile(r"[0-9]+"),
        _check_pmid, lambda accession: accession.lstrip("0"),
    ),
)  # fmt: skip
_BY_PREFIX = {prefix: family for family in _FAMILIES for prefix in family.prefixes}
_BY_KIND = {family.kind: family for family in _FAMILIES}
_PREFIX_NAMES = "|".join(sorted(_BY_PREFIX, key=len, reverse=True))
_PREFIXED = re.compile(rf"(?P<prefix>{_PREFIX_NAMES})(?:\s*:\s*|\s+)(?P<rest>\S*)", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# --- pasted references ------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_WRAPPERS = {'"': '"', "'": "'", "<": ">", "`": "`", "\u201c": "\u201d", "\u2018": "\u2019"}
_CITATION_PREFIX = re.compile(r"citation:\s*", re.IGNORECASE)
_LIST_MARKER = re.compile(r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]|[-\u2022])\s+")

# Identifiers written inside a reference, in order of preference.
_EMBEDDED: tuple[tuple[IdKind, re.Pattern[str]], ...] = (
    (IdKind.PMID, re.compile(r"\b(?:PubMed\s+)?PMID\s*:?\s*([0-9]+)\b", re.IGNORECASE)),
    (IdKind.DOI, re.compile(
        r"(?:\bdoi\s*:?\s*|\b(?:https?://)?(?:www\.|dx\.)?doi\.org/)?\b(10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+)",
        re.IGNORECASE,
    )),
    (IdKind.PMCID, re.compile(r"\bPMCID\s*:?\s*(PMC[0-9]+)\b", re.IGNORECASE)),
)  # fmt: skip

_YEAR = r"(?P<year>\b(?:1[89]|20)[0-9]{2})"
_PAGE = r"[A-Za-z]{0,4}[0-9]+(?:[A-Za-z][0-9]*)?"
_PAGES = rf"(?P<first>{_PAGE})(?:\s*-\s*(?P<last>{_PAGE}))?\b"
# "2021;397:2361-71", "2021 Jun 19;397(10292):2361-71", "2023;13:72", "2020;47(2-3):155-164"
_SOURCE = re.compile(
    rf"{_YEAR}[a-z]?"
    r"(?:\s+[A-Za-z]{3,9}\.?(?:\s*[-/]\s*[A-Za-z]{3,9}\.?)?(?:\s+[0-9]{1,2}(?:\s*-\s*[0-9]{1,2})?)?)?"
    r"\s*;\s*(?P<volume>[0-9]+[A-Za-z]?)?(?:\s*\((?P<issue>[^()]{1,20})\))?"
    rf"\s*:\s*{_PAGES}"
)
# "2021, vol. 397, no. 10292, pp. 2361-71"
_SOURCE_LABELLED = re.compile(
    rf"{_YEAR}\s*[,;.]\s*vol(?:ume)?\.?\s*(?P<volume>[0-9]+[A-Za-z]?)"
    r"(?:\s*[,;(]?\s*(?:no|issue)\.?\s*(?P<issue>[\w-]+)\)?)?"
    rf"\s*[,:;.]\s*(?:pp?|pages?)\.?\s*{_PAGES}",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")
_ET_AL = re.compile(r"\bet\s+al\b\.?", re.IGNORECASE)
_ABBREVIATED_WORD = re.compile(r"[A-Z][a-z]{0,5}\.")
_PERSON = re.compile(
    r"(?P<surname>[^\W\d_][^\W\d_'\u2019-]*(?:[\s'\u2019-][^\W\d_]+){0,3}?)"
    r"\s+(?P<initials>[A-Z]{1,4})(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?\.?"
)
_BLANK = CitationParts("", None, None, None, None, None, None, None, None, None)
_PAGE_PARTS = re.compile(r"([A-Za-z]*)([0-9]+)([A-Za-z]*)")

_EMPTY_ADVICE = "nothing was given; type a PMID, DOI, PMCID, NCT number or a pasted reference"
_WEB_ADVICE = (
    "{} is a web page evidence cannot read; give the article's PMID or DOI "
    "(PubMed, PMC, doi.org and ClinicalTrials.gov addresses work too)"
)
_REFERENCE_ADVICE = (
    "a pasted reference needs the journal, year, volume and first page "
    "(e.g. 'Moreau P, et al. Lancet 2021;397:2361-71'), or give its PMID or DOI"
)


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


def _clean(text: str) -> str:
    """NFKC, no invisible characters, ASCII hyphens, unwrapped from quotes, no final , ; or ."""
    text = _DASHES.sub("-", _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))).strip()
    if len(text) >= 2 and _WRAPPERS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text.rstrip(" ,;.")


def _normalise_reference(text: str) -> str:
    """One-spaced reference text without markdown emphasis, list number or final full stop."""
    text = " ".join(_CITATION_PREFIX.sub("", text, count=1).replace("*", " ").split())
    marker = _LIST_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    return text.rstrip(". ")


def _embedded(body: str) -> tuple[tuple[IdKind, str] | None, str]:
    """The preferred identifier written inside a reference, and the text without any of them."""
    found: tuple[IdKind, str] | None = None
    for kind, pattern in _EMBEDDED:
        family = _BY_KIND[kind]
        for match in pattern.finditer(body):
            if found is None and family.check(match[1]) is None:
                found = (kind, family.standard(match[1]))
        body = pattern.sub(" ", body)
    return found, " ".join(_WEB_ADDRESS.sub(" ", body).split())


def _find_source(body: str) -> re.Match[str] | None:
    """The last "year;volume(issue):pages" group in the text (titles come before it)."""
    for pattern in (_SOURCE, _SOURCE_LABELLED):
        matches = list(pattern.finditer(body))
        if matches:
            return matches[-1]
    return None


def _split_front(front: str) -> tuple[str | None, str | None, str | None]:
    """Authors, title and journal from the text before the year."""
    text = _ET_AL.sub("et al.", front).strip(" ,;:")
    sentences = [sentence for sentence in _SENTENCE_BREAK.split(text) if sentence]
    if not sentences:
        return None, None, None
    journal_words = [sentences.pop()]
    while len(sentences) > 1 and _ABBREVIATED_WORD.fullmatch(sentences[-1]):
        journal_words.insert(0, sentences.pop())
    journal = " ".join(journal_words).strip(" .,;:") or None
    if not sentences:
        return None, None, journal
    title = " ".join(sentences[1:]).rstrip(" .") or None
    return sentences[0], title, journal


def _first_author(authors: str | None) -> tuple[str | None, str | None]:
    """Surname and initials of the first author, if it is a person ("Moreau P")."""
    if authors is None:
        return None, None
    person = _PERSON.fullmatch(authors.split(",")[0].strip())
    return (person["surname"], person["initials"]) if person else (None, None)


def _citation_parts(body: str, raw: str) -> CitationParts:
    """Read a reference whose identifiers have been taken out."""
    source = _find_source(body)
    if source is None:  # without the year, the journal and the title cannot be told apart
        surname, initials = _first_author(_SENTENCE_BREAK.split(body)[0])
        return replace(_BLANK, raw=raw, first_author=surname, first_author_initials=initials)
    authors, title, journal = _split_front(body[: source.start()])
    surname, initials = _first_author(authors)
    first, last = source["first"], source["last"]
    return CitationParts(
        raw=raw,
        first_author=surname,
        first_author_initials=initials,
        title=title,
        journal=journal,
        year=int(source["year"]),
        volume=source["volume"],
        issue=source["issue"],
        first_page=first,
        last_page=expand_page_range(first, last) if last else None,
    )


def _reference_advice(parts: CitationParts) -> str | None:
    named = {"journal": parts.journal, "volume": parts.volume, "first page": parts.first_page}
    missing = [name for name, value in named.items() if value is None]
    if len(missing) in (0, len(named)):
        return _REFERENCE_ADVICE if missing else None
    return f"{_REFERENCE_ADVICE}; this one has no {' or '.join(missing)}"


def _read_reference(text: str, raw: str) -> Identifier | str:
    """Step 7: a pasted reference, or an identifier written inside one."""
    body = _normalise_reference(text)
    found, rest = _embedded(body)
    parts = _citation_parts(rest, raw)
    if found is not None:
        return Identifier(found[0], found[1], raw, parts)
    advice = _reference_advice(parts)
    if advice is not None:
        return advice
    return Identifier(IdKind.CITATION, body, raw, parts)


def _claim(text: str) -> tuple[_Family, str] | None:
    """Steps 1-6: the family that claims the text, and its accession."""
    for family in _FAMILIES:
        for url in family.urls:
            if match := url.fullmatch(text):
                return family, match[1]
    if match := _PREFIXED.fullmatch(text):
        return _BY_PREFIX[match["prefix"].lower()], match["rest"]
    for family in _FAMILIES:
        if family.bare.fullmatch(text):
            return family, text
    return None


def _read(raw: str) -> Identifier | str:
    """The identifier ``raw`` stands for, or plain-word advice."""
    text = _clean(raw)
    if not text:
        return _EMPTY_ADVICE
    claimed = _claim(text)
    if claimed is None:
        if _WEB_ADDRESS.fullmatch(text):
            return _WEB_ADVICE.format(_quote(text))
        return _read_reference(text, raw)
    family, accession = claimed
    if not accession:
        return f"{_quote(text)} has no {family.label} in it; give one such as {family.example}"
    advice = family.check(accession)
    if advice is not None:
        return advice
    return Identifier(family.kind, family.standard(accession), raw)


def inspect(text: str) -> str | None:
    """Plain-word advice if ``text`` is not a usable identifier or reference, else None.

    Never raises.
    """
    result = _read(text)
    return result if isinstance(result, str) else None


def parse(text: str) -> Identifier:
    """Classify and standardise ``text`` (see the module docstring for the order).

    Raises :class:`IdentifierError` carrying :func:`inspect`'s advice when it is not usable.
    """
    result = _read(text)
    if isinstance(result, str):
        raise IdentifierError(
            result,
            item=_quote(" ".join(text.split())),
            hint="check what you typed against the source",
        )
    return result


def parse_many(texts: Iterable[str]) -> tuple[list[Identifier], list[IdentifierError]]:
    """Parse every text: each good one kept once (first of a key wins), each bad one reported.

    Both lists keep the input order.
    """
    found: list[Identifier] = []
    errors: list[IdentifierError] = []
    seen: set[str] = set()
    for text in texts:
        try:
            identifier = parse(text)
        except IdentifierError as error:
            errors.append(error)
            continue
        if identifier.key not in seen:
            seen.add(identifier.key)
            found.append(identifier)
    return found, errors
