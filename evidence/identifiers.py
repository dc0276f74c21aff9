"""Classify and standardise identifiers: PMIDs, PMCIDs, DOIs, NCT numbers. Pure, no I/O.

What the user typed (``Identifier.raw``) is kept apart from the standard identifier it stands
for (``Identifier.value``, ``Identifier.key``). Each family (PMID, PMCID, DOI, NCT) declares its
prefixes, the web addresses that carry it, a bare-accession pattern, a check that returns
plain-word advice instead of raising, and its standard form. Reading a pasted reference is
:mod:`evidence.pasted`'s job; :class:`CitationParts` and :func:`expand_page_range` are
re-exported from there.

Classification order; the first step that claims the text decides, and that family's check
gives the advice (``NCT0327528`` gets NCT advice, not a reading as free text):

1. Web addresses of PubMed, PMC, doi.org/dx.doi.org and ClinicalTrials.gov; any other address
   is refused with advice.
2. Prefixes ``pmid``, ``pmcid``, ``doi``, ``nct`` (any case), then ``:`` or a space, then one
   word: ``pmid:34097854``, ``PMID 34097854``, ``PMCID: PMC1234567``.
3. NCT pattern: one word starting ``NCT``.  4. PMCID pattern: one word starting ``PMC``.
5. DOI pattern: one word starting ``10.``.  6. Digits: a PMID.
7. Anything else is a pasted reference (:func:`evidence.pasted.read_reference`). A labelled
   PMID (``PMID: 34097854``), else a DOI, else a labelled PMCID inside it wins, if valid, and
   the parsed parts ride along on ``Identifier.citation``. An NCT number inside a journal
   reference names the trial, not the paper, and is ignored. Otherwise the reference must give
   the journal, year, volume and first page, or the first author, title and year (ahead of
   print); it becomes a ``citation:`` key. A leading ``citation:`` is dropped, so
   ``parse(ident.key)`` gives back the key for every kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote

from evidence.errors import IdentifierError
from evidence.pasted import (
    WEB_ADDRESS,
    CitationParts,
    expand_page_range,
    fold_characters,
    read_reference,
    reference_advice,
)

__all__ = [
    "CitationParts",
    "IdKind",
    "Identifier",
    "expand_page_range",
    "inspect",
    "parse",
    "parse_many",
]


class IdKind(StrEnum):
    """The identifier families ``evidence`` reads; the value is the key prefix."""

    PMID = "pmid"
    PMCID = "pmcid"
    DOI = "doi"
    NCT = "nct"
    CITATION = "citation"


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

_EMPTY_ADVICE = "nothing was given; type a PMID, DOI, PMCID, NCT number or a pasted reference"
_WEB_ADVICE = (
    "{} is a web page evidence cannot read; give the article's PMID or DOI "
    "(PubMed, PMC, doi.org and ClinicalTrials.gov addresses work too)"
)
_WRAPPERS = {'"': '"', "'": "'", "<": ">", "`": "`", "\u201c": "\u201d", "\u2018": "\u2019"}


def _clean(text: str) -> str:
    """Folded characters (:func:`fold_characters`), unwrapped from quotes, no final , ; or ."""
    text = fold_characters(text).strip()
    if len(text) >= 2 and _WRAPPERS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text.rstrip(" ,;.")


def _read_reference(text: str, raw: str) -> Identifier | str:
    """Step 7: a pasted reference, or the first valid identifier written inside one."""
    reference = read_reference(text, raw)
    for name, accession in reference.identifiers:
        family = _BY_KIND[IdKind(name)]
        if family.check(accession) is None:
            return Identifier(family.kind, family.standard(accession), raw, reference.parts)
    advice = reference_advice(reference.parts)
    if advice is not None:
        return advice
    return Identifier(IdKind.CITATION, reference.text, raw, reference.parts)


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
        if WEB_ADDRESS.fullmatch(text):
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
