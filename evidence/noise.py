"""Numbers that are not values: identifiers, citations, indices and names (pure).

:func:`is_reference_noise` tells extraction and checking to pass over the digits of
NCT03275285, a DOI, "2021;397:2361-71" or "CD38".
"""

from __future__ import annotations

import re
from functools import lru_cache

from evidence.numbers import DASHES, Number

__all__ = ["is_reference_noise"]


_NOISE = re.compile(
    r"\bNCT ?[0-9]{8}\b|\bISRCTN ?[0-9]+|\bPMID:? ?[0-9]+|\bPMC[0-9]+"
    r"|\b10\.[0-9]{4,9}/[^\s\"<>]+|https?://\S+"
    r"|\b(?:19|20)[0-9]{2} ?; ?[0-9]+ ?(?:\( ?[\w-]+ ?\))? ?: ?[A-Za-z]?[0-9]+"
    rf"(?: ?[{DASHES}] ?[A-Za-z]?[0-9]+)?"
    rf"|\[ ?[0-9]+(?: ?[,{DASHES}] ?[0-9]+)* ?\]"
    r"|et al\.?,? ?[\[(]?(?:19|20)[0-9]{2}|\bpp?\. ?[0-9]+"
    r"|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b|\b[0-9]{4}-[0-9]{6}-[0-9]{2}\b"
    r"|\b[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]\b",
    re.IGNORECASE,
)
_INDEX = re.compile(r"<(sup|sub)\b[^<>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=16)
def _noise_spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    return tuple(m.span() for m in _NOISE.finditer(text)), tuple(
        m.span() for m in _INDEX.finditer(text)
    )


def is_reference_noise(text: str, number: Number) -> bool:
    """True if ``number`` is part of an identifier, citation or typographic index, not a value.

    Flags registry and article identifiers (NCT03275285, ISRCTN, EudraCT, PMID, PMC, DOI, URL,
    ORCID), citations ("2021;397:2361-71", "et al. 2020", "pp. 31"), bracketed markers
    ("[12]", "[3,4]", "[2022]"), ISO dates, numbers inside ``<sup>``/``<sub>`` (not a
    ``10<sup>k</sup>`` exponent), names glued to letters (CD38, IgG1, COVID-19) and ordinals.
    """
    if number.not_reached or number.spelled:
        return False
    s, e = number.start, number.end
    before = text[max(0, s - 2) : s]
    if before[-1:].isalpha() or (before[-1:] in ("-", "\u2010") and before[:1].isalpha()):
        return True
    if re.match(r"(?:st|nd|rd|th)(?![A-Za-z])", text[e : e + 3]):
        return True
    identifiers, indices = _noise_spans(text)
    return any(a < e and s < b for a, b in identifiers) or any(
        a <= s and e <= b for a, b in indices
    )
