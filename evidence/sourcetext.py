"""The canonical text of a source, that findings are anchored in (pure).

A PubMed article's text is its title, a blank line, then each abstract section as
``LABEL: text`` (markup removed), separated by blank lines. A captured snapshot (a web page,
a label, an abstract typed from the journal) is its text as captured, newlines normalised.
The SHA-256 of this text goes into every finding's anchor, so a changed source is noticed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from evidence.errors import InputError
from evidence.findings import Finding, Span
from evidence.models import Article, plain_text


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled stretch of the canonical text: ``text[start:end]``."""

    label: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceText:
    """Canonical text of one source, its sections and its hash."""

    source: str
    text: str
    sections: tuple[Section, ...]

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the UTF-8 text."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def section_at(self, offset: int) -> str | None:
        """The label of the section holding ``offset``, if any."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.label
        return None


def article_text(source: str, article: Article) -> SourceText:
    """Title and abstract of an article as one canonical text."""
    parts: list[str] = []
    sections: list[Section] = []
    position = 0

    def _add(label: str | None, body: str, prefix: str) -> None:
        nonlocal position
        if parts:
            parts.append("\n\n")
            position += 2
        chunk = f"{prefix}{body}"
        parts.append(chunk)
        sections.append(Section(label, position, position + len(chunk)))
        position += len(chunk)

    if article.title:
        _add("TITLE", plain_text(article.title), "")
    for section in article.abstract:
        label = section.label
        _add(label, plain_text(section.text), f"{label}: " if label else "")
    return SourceText(source=source, text="".join(parts), sections=tuple(sections))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Text captured from a source the store cannot fetch (a web page, a label, a journal page)."""

    source: str
    """The key it belongs to: a stored record's key, or ``url:<address>`` for a web page."""
    text: str
    url: str | None = None
    title: str | None = None
    accessed: str | None = None
    """ISO date the text was captured."""

    @property
    def canonical(self) -> SourceText:
        """The snapshot's canonical text, as findings anchor it."""
        return snapshot_text(self.source, self.text)


def snapshot_text(source: str, text: str) -> SourceText:
    """A captured text as the canonical text (CRLF and CR become LF; nothing else changes)."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(source=source, text=normal, sections=(Section(None, 0, len(normal)),))


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(\[]|\s*$)|\n\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (decimal points are not sentence ends)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    stop = len(text)
    following = _SENTENCE_END.search(text, end)
    if following is not None:
        stop = following.end()
    return text[begin:stop].strip()


def locate(source: SourceText, verbatim: str) -> Span:
    """The one place ``verbatim`` occurs in the source text, with its section and sentence.

    Raises :class:`~evidence.errors.InputError` when it occurs nowhere or more than once.
    """
    if not verbatim.strip():
        raise InputError("the text to find is empty", item=source.source, hint="quote the number")
    first = source.text.find(verbatim)
    if first < 0:
        raise InputError(
            f"{verbatim!r} does not occur in the source text",
            item=source.source,
            hint="copy the number exactly as the source prints it",
        )
    if source.text.find(verbatim, first + 1) >= 0:
        raise InputError(
            f"{verbatim!r} occurs more than once in the source text",
            item=source.source,
            hint="quote more of the surrounding text so it is unique",
        )
    last = first + len(verbatim)
    return Span(
        start=first,
        end=last,
        section=source.section_at(first),
        sentence=sentence_around(source.text, first, last),
    )


def anchor_problem(finding: Finding, source: SourceText | None) -> str | None:
    """Why a finding's anchor does not hold in the source text, or None when it does."""
    if source is None:
        return (
            f"the text of {finding.anchor.source} is not in the store, so the anchor is unchecked"
        )
    if source.sha256 != finding.anchor.text_sha256:
        return f"the text of {finding.anchor.source} changed since this finding was anchored"
    span = finding.anchor.span
    if source.text[span.start : span.end] != finding.verbatim:
        return (
            f"the anchored text is {source.text[span.start : span.end]!r}, not {finding.verbatim!r}"
        )
    return None
