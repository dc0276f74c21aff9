"""A listing's prose: placeholders filled, sentences cut for the number check, markup (pure).

Used by :mod:`evidence.render`. Prose is the small Markdown subset
:mod:`evidence.listing` documents (paragraphs, ``*emphasis*``, ``**strong**``, pandoc
citations); this module turns it into the three output forms and into
:class:`~evidence.numbercheck.CitedText` stretches, one per sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping

from evidence.errors import InputError
from evidence.findings import Finding, FindingStatus
from evidence.listing import CITATION, PLACEHOLDER, citation_keys
from evidence.numbercheck import CitedText
from evidence.plain import ci_text, reduction_text, value_text

Marker = Callable[[tuple[str, ...]], str]
"""Turns the keys of one citation into the printed marker (``[1, 3]``, ``<sup>...``)."""

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_SENTENCE_END = re.compile(r"[.!?](?:\s*\[@[^\[\]]*\])?(?=\s+[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("vs", "al", "e.g", "i.e", "approx", "no", "fig")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def fill_placeholders(prose: str, findings: Mapping[str, Finding | None], *, where: str) -> str:
    """Replace every ``{id}`` / ``{id:field}`` with the finding's printed value.

    ``findings`` maps each placeholder id to the stored finding (``None`` when missing).
    Raises :class:`InputError` naming a missing or rejected finding.
    """

    def _one(match: re.Match[str]) -> str:
        finding_id, field = match.group(1), match.group(2) or "value"
        finding = findings.get(finding_id)
        if finding is None:
            raise InputError(
                f"placeholder {{{finding_id}}} names no finding in the store",
                item=where,
                hint="check the id (evidence findings list) or import references/ first",
            )
        if finding.status is FindingStatus.REJECTED:
            raise InputError(f"finding {finding_id} was rejected by a reviewer", item=where)
        if field == "ci":
            return ci_text(finding)
        if field == "reduction":
            return reduction_text(finding)
        return value_text(finding)

    return PLACEHOLDER.sub(_one, prose)


def paragraphs(prose: str) -> list[str]:
    """Paragraphs split at blank lines, each on one line."""
    blocks = re.split(r"\n\s*\n", prose.strip())
    return [" ".join(block.split()) for block in blocks if block.strip()]


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph (a citation after the full stop stays with it)."""
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rsplit(None, 1)
        last_word = before[-1].casefold() if before else ""
        if match.group(0)[0] == "." and last_word.rstrip(".") in _ABBREVIATIONS:
            continue
        found.append(paragraph[start : match.end()].strip())
        start = match.end()
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return found


def cited_sentences(paragraph: str, *, where: str) -> list[CitedText]:
    """One stretch per sentence, cited by its own citations, else by the paragraph's last."""
    parts = sentences(paragraph)
    keyed = [(plain_text(part), _keys(part, where)) for part in parts]
    closing = keyed[-1][1] if keyed else ()
    return [CitedText(text, keys or closing) for text, keys in keyed]


def all_keys(paragraph: str, *, where: str) -> list[str]:
    """Every key the paragraph cites, in order of appearance (repeats kept)."""
    return list(_keys(paragraph, where))


def plain_text(text: str) -> str:
    """Text without citation groups and emphasis marks (what the number check reads)."""
    without = CITATION.sub("", text)
    without = _STRONG.sub(r"\1", without)
    without = _EMPHASIS.sub(r"\1", without)
    return re.sub(r"\s+([.,;:!?])", r"\1", " ".join(without.split()))


def to_markdown(paragraph: str, marker: Marker, *, where: str) -> str:
    """The paragraph as Markdown, citations replaced by readable markers: ``text [1].``"""
    return CITATION.sub(lambda m: marker(citation_keys_at(m.group(1), where)), paragraph)


def to_text(paragraph: str, marker: Marker, *, where: str) -> str:
    """The paragraph as plain text: emphasis marks dropped, citations as ``[1]``."""
    text = to_markdown(paragraph, marker, where=where)
    return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", text))


def to_html(paragraph: str, marker: Marker, *, where: str) -> str:
    """The paragraph as HTML text: escaped, ``<em>``/``<strong>``, ``<sup>`` markers."""
    pieces: list[str] = []
    position = 0
    for match in CITATION.finditer(paragraph):
        pieces.append(_inline_html(paragraph[position : match.start()].rstrip()))
        pieces.append(marker(citation_keys_at(match.group(1), where)))
        position = match.end()
    pieces.append(_inline_html(paragraph[position:]))
    return "".join(pieces)


def markdown_escape(text: str) -> str:
    """Record text (a title from the store) made safe inside Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def citation_keys_at(group: str, where: str) -> tuple[str, ...]:
    """The keys of one citation group, with the section named on error."""
    try:
        return citation_keys(group)
    except InputError:
        raise
    except Exception as exc:  # ParseError from a malformed key
        raise InputError(str(exc), item=where) from exc


def _keys(text: str, where: str) -> tuple[str, ...]:
    keys: list[str] = []
    for match in CITATION.finditer(text):
        keys.extend(citation_keys_at(match.group(1), where))
    return tuple(keys)


def _inline_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped)
