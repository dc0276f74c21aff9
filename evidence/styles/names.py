"""Style names: the two styles ``evidence`` renders, their aliases and dependent styles (pure).

A user may name a style as a journal does ("JAMA", "Vancouver") or by its CSL id. Dependent
CSL styles carry no formatting, only ``<link rel="independent-parent" href="…"/>``;
:func:`parent_of` reads that link so the parent's rules can be used (DOMAIN.md §5.2).
"""

from __future__ import annotations

from enum import StrEnum

from lxml import etree

from evidence.errors import InputError, ParseError

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


class Style(StrEnum):
    """The independent styles with a hand-written formatter."""

    AMA = "ama"
    """AMA Manual of Style 11th edition (``american-medical-association.csl``)."""
    NLM = "nlm"
    """NLM Citing Medicine 2nd edition, citation-sequence (``nlm-citation-sequence.csl``)."""


_ALIASES: dict[str, Style] = {
    "ama": Style.AMA,
    "american-medical-association": Style.AMA,
    "jama": Style.AMA,
    "blood": Style.AMA,
    "nlm": Style.NLM,
    "nlm-citation-sequence": Style.NLM,
    "vancouver": Style.NLM,
    "vancouver-nlm": Style.NLM,
}

KNOWN_STYLE_NAMES: tuple[str, ...] = tuple(sorted(_ALIASES))
"""Every name :func:`resolve_style` accepts (case-insensitive)."""


def resolve_style(name: str) -> Style:
    """The style a name stands for: ``"JAMA"`` -> AMA, ``"vancouver"`` -> NLM.

    Also accepts a CSL style URL or file name (``…/styles/jama``, ``blood.csl``). Raises
    :class:`~evidence.errors.InputError` naming the style and the known names otherwise.
    """
    key = name.strip().lower().rstrip("/").rsplit("/", 1)[-1].removesuffix(".csl")
    style = _ALIASES.get(key)
    if style is None:
        raise InputError(
            "is not a citation style evidence can render",
            item=repr(name),
            hint=f"use one of: {', '.join(KNOWN_STYLE_NAMES)}",
        )
    return style


def parent_of(csl_xml: bytes) -> str:
    """The id of the style whose rules a CSL file uses (``american-medical-association``).

    A dependent style gives its ``independent-parent`` link; an independent style gives its
    own ``self`` link. Raises :class:`~evidence.errors.ParseError` for a file that is not a
    CSL style or names neither.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(csl_xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not a CSL style file: {exc}") from exc
    links = {
        link.get("rel"): link.get("href") or ""
        for link in root.iterfind(f"{_CSL_NS}info/{_CSL_NS}link")
    }
    href = links.get("independent-parent") or links.get("self")
    if root.tag != f"{_CSL_NS}style" or not href:
        raise ParseError(
            "CSL file names no independent parent and no id",
            hint="pass a style name instead (ama, nlm, jama, vancouver, …)",
        )
    return href.rstrip("/").rsplit("/", 1)[-1]
