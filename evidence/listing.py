"""A listing document: the YAML a writer keeps for one trial listing, and its loader (pure + I/O).

A listing is written by hand (``references/listings/<name>.yaml``)::

    title: Isatuximab with carfilzomib and dexamethasone (IKEMA)
    sections:
      - heading: What did the study find?
        prose: |
          In one study, the risk was lower on Isa-Kd (hazard ratio {ikema-2023-pfs-hr};
          {ikema-2023-pfs-hr:ci}) [@pmid:37156782].
    published_research:
      - pmid:37156782

Fields (any other field is an error naming its line):

``title``
    The listing's title (required).
``sections``
    A list of ``{heading, prose}`` (required). ``prose`` is Markdown: paragraphs separated by
    blank lines, ``*emphasis*`` and ``**strong**``; everything else is printed as text.
``published_research``
    Source keys (``pmid:...``) each rendered as a plain-language summary of its findings
    (optional).

**Citations** use pandoc syntax: ``[@pmid:37156782]`` or ``[@pmid:1; @nct:NCT03275285]``.
Keys are normalised (``@NCT03275285`` is ``nct:NCT03275285``). A sentence's numbers must come
from findings of the sources cited *in that sentence*; a sentence without a citation takes the
citations of its paragraph's last sentence.

**Placeholders** pull a number from a finding by id, so no number is ever retyped:

* ``{finding-id}``: the value as the source printed it (``0.58``, ``44.1%``, ``not reached``);
* ``{finding-id:ci}``: its interval in words (``95.4% confidence interval 0.42 to 0.79``);
* ``{finding-id:reduction}``: for a ratio below 1, the declared transform ``1 - ratio`` as a
  percentage (``42%``), to be printed beside the ratio itself.

A finding id is lowercase letters, digits, ``.``, ``_`` and ``-``; a brace that does not
start a placeholder is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from evidence.errors import EvidenceError, ParseError
from evidence.findings import FINDING_ID
from evidence.identifiers import parse

PLACEHOLDER = re.compile(rf"\{{({FINDING_ID})(?::([a-z]+))?\}}")
"""``{finding-id}`` or ``{finding-id:field}``."""

PLACEHOLDER_FIELDS = ("value", "ci", "reduction")
"""What a placeholder may print; ``value`` is the default."""

CITATION = re.compile(r"\[\s*(@[^\[\]]*?)\s*\]")
"""A pandoc citation group: ``[@key]`` or ``[@key; @key]``."""

_FIELDS = ("title", "sections", "published_research")
_SECTION_FIELDS = ("heading", "prose")


@dataclass(frozen=True, slots=True)
class Section:
    """One heading and its Markdown prose."""

    heading: str
    prose: str
    line: int | None = None
    """Line of the section in the listing file (for messages)."""


@dataclass(frozen=True, slots=True)
class Listing:
    """A listing document as loaded (keys normalised, placeholders checked for syntax)."""

    title: str
    sections: tuple[Section, ...]
    published_research: tuple[str, ...] = ()
    path: str | None = None


def citation_keys(group: str) -> tuple[str, ...]:
    """The normalised keys of one citation group's inside: ``@pmid:1; @nct:NCT..``.

    Raises :class:`ParseError` for a part that is not ``@key`` or a key that cannot be read.
    """
    keys: list[str] = []
    for part in group.split(";"):
        item = part.strip()
        if not item.startswith("@") or len(item) < 2:
            raise ParseError(f"{item!r} is not a citation key like @pmid:37156782")
        keys.append(normalise_key(item[1:]))
    return tuple(keys)


def cited_keys(prose: str) -> tuple[str, ...]:
    """Every key the prose cites, in order of appearance (repeats kept once)."""
    keys: list[str] = []
    for group in CITATION.finditer(prose):
        keys.extend(citation_keys(group.group(1)))
    return tuple(dict.fromkeys(keys))


def normalise_key(text: str) -> str:
    """``pmid:37156782``, ``nct:NCT03275285``, ``doi:...`` or ``url:...`` for a written key."""
    if text.startswith("url:"):
        return text
    try:
        return parse(text).key
    except EvidenceError as exc:
        raise ParseError(f"{text!r} is not a source key: {exc.message}") from exc


def placeholders(prose: str) -> list[tuple[str, str]]:
    """``(finding id, field)`` for each placeholder of ``prose``, in order."""
    return [(m.group(1), m.group(2) or "value") for m in PLACEHOLDER.finditer(prose)]


def load_listing(path: Path) -> Listing:
    """Read a listing file; :class:`ParseError` names the file and line of any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParseError(f"cannot be read: {exc.strerror}", item=str(path)) from exc
    return parse_listing(text, where=str(path))


def parse_listing(text: str, *, where: str = "<listing>") -> Listing:
    """Parse listing YAML (see the module docstring)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ParseError(f"is not valid YAML: {exc}", item=where, line=line) from exc
    if not isinstance(root, yaml.MappingNode):
        raise ParseError("a listing must be a mapping with title and sections", item=where)
    fields = _mapping(root, _FIELDS, where, "listing")
    if "title" not in fields or "sections" not in fields:
        raise ParseError("a listing needs 'title' and 'sections'", item=where, line=1)
    title = _string(fields["title"], where, "title")
    sections = tuple(_section(node, where) for node in _sequence(fields["sections"], where))
    research: tuple[str, ...] = ()
    if "published_research" in fields:
        research = tuple(
            _key(node, where) for node in _sequence(fields["published_research"], where)
        )
    return Listing(title, sections, research, path=where)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(
    node: yaml.MappingNode, allowed: tuple[str, ...], where: str, what: str
) -> dict[str, yaml.Node]:
    found: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in allowed:
            raise ParseError(
                f"unknown field {name!r} in the {what}",
                item=where,
                line=_line(key_node),
                hint=f"use only: {', '.join(allowed)}",
            )
        if name in found:
            raise ParseError(f"{name!r} is given twice", item=where, line=_line(key_node))
        found[name] = value_node
    return found


def _sequence(node: yaml.Node, where: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise ParseError("expected a list", item=where, line=_line(node))
    return list(node.value)


def _string(node: yaml.Node, where: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ParseError(f"{what} must be non-empty text", item=where, line=_line(node))
    return str(node.value)


def _key(node: yaml.Node, where: str) -> str:
    try:
        return normalise_key(_string(node, where, "a source key").strip())
    except ParseError as exc:
        raise ParseError(exc.message, item=where, line=_line(node)) from exc


def _section(node: yaml.Node, where: str) -> Section:
    if not isinstance(node, yaml.MappingNode):
        raise ParseError(
            "a section must be a mapping with heading and prose", item=where, line=_line(node)
        )
    fields = _mapping(node, _SECTION_FIELDS, where, "section")
    missing = [name for name in _SECTION_FIELDS if name not in fields]
    if missing:
        raise ParseError(f"a section needs {', '.join(missing)}", item=where, line=_line(node))
    heading = _string(fields["heading"], where, "heading")
    prose = _string(fields["prose"], where, "prose")
    line = _line(fields["prose"])
    for field_id, field in placeholders(prose):
        if field not in PLACEHOLDER_FIELDS:
            raise ParseError(
                f"placeholder {{{field_id}:{field}}} asks for an unknown field",
                item=where,
                line=line,
                hint=f"use one of: {', '.join(PLACEHOLDER_FIELDS)}",
            )
    for match in CITATION.finditer(prose):
        try:
            citation_keys(match.group(1))
        except ParseError as exc:
            raise ParseError(exc.message, item=where, line=line) from exc
    return Section(heading.strip(), prose, line=_line(node))
