"""Format names -> readers and writers, and sniffing a file's format from its name and text."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any, cast

from evidence.errors import InputError, ParseError
from evidence.formats.parsed import ParsedFile

Reader = Callable[..., ParsedFile]
Writer = Callable[[Sequence[Mapping[str, Any]]], str]

# Each format's module is imported on first use (bibtexparser is slow to import).
READERS: dict[str, str] = {
    "csljson": "cslfile:read_csl",
    "ris": "ris:read_ris",
    "bibtex": "bibtex:read_bibtex",
    "nbib": "nbib:read_nbib",
    "wos": "wos:read_wos",
}
"""Formats ``evidence import`` reads (``wos`` is Web of Science tagged text)."""

WRITERS: dict[str, str] = {
    "csljson": "cslfile:write_csl",
    "ris": "ris_writer:write_ris",
    "bibtex": "bibtex_writer:write_bibtex",
    "nbib": "nbib_writer:write_nbib",
}
"""Formats ``evidence export`` writes as bibliographies (YAML is written by ``exports``)."""


def reader(fmt: str) -> Reader:
    """The reader of a format (``read_ris`` for ``ris``...)."""
    return cast(Reader, _load(READERS[fmt]))


def writer(fmt: str) -> Writer:
    """The writer of a format (``write_ris`` for ``ris``...)."""
    return cast(Writer, _load(WRITERS[fmt]))


def _load(target: str) -> object:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(f"evidence.formats.{module}"), name)


_BY_SUFFIX = {
    ".json": "csljson",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".nbib": "nbib",
    ".medline": "nbib",
    ".ris": "ris",
}
_RIS_TAG = re.compile(r"^[A-Z][A-Z0-9]  -( |$)")
_NBIB_TAG = re.compile(r"^(PMID|OWN|STAT|PMC|TI|AU|FAU|DP)\s*- ")
_BIBTEX_ENTRY = re.compile(r"^@\s*[A-Za-z]+\s*[{(]")
_WOS_HEAD = re.compile(r"^(FN |VR |PT [A-Z]$)")


def sniff(text: str, name: str) -> str:
    """The format of a file from its first tagged line, else its suffix.

    Content wins over the name: PubMed saves nbib as ``.txt`` and EndNote saves RIS as
    ``.txt``; a ``.ris`` file that is really nbib is read as nbib.
    """
    for line in text.removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(("[", "{")):
            return "csljson"
        if _BIBTEX_ENTRY.match(stripped) or stripped.startswith("%"):
            return "bibtex"
        if line.startswith("TY  -"):
            return "ris"
        if _NBIB_TAG.match(line):
            return "nbib"
        if _RIS_TAG.match(line):
            return "ris"
        if _WOS_HEAD.match(line):
            return "wos"
        break
    suffix = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if suffix is not None:
        return suffix
    raise InputError(
        "cannot tell the file's format",
        item=name,
        hint=f"give --format ({', '.join(sorted(READERS))})",
    )


def read_text(text: str, fmt: str, *, path: str) -> ParsedFile:
    """Read a decoded file in a named format."""
    if fmt not in READERS:
        raise InputError(
            f"unknown format {fmt!r}", item=path, hint=f"use one of {', '.join(sorted(READERS))}"
        )
    return reader(fmt)(text, path=path)


def decode(data: bytes, *, path: str) -> str:
    """A file's text: UTF-8 (with or without BOM), or UTF-16 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(
            "is not UTF-8 text",
            item=path,
            line=line,
            hint="save it as UTF-8 (in EndNote: Edit > Output Styles, Unicode UTF-8) and retry",
        ) from exc
