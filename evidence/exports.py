"""What editors take out of the store: bibliographies in any format, and whole listings.

``export_bibliography`` writes every record (or one collection's) as CSL-JSON, RIS, BibTeX,
PubMed nbib or CSL-YAML (pandoc's ``references:`` form). Records imported from a file give back
the CSL item they were imported as, so nothing the file said is lost.

``export_listing`` renders a listing (with every check of ``evidence render``) and adds what a
listing system or a reviewer needs beside the text: each numbered reference with its formatted
entry, flags and CSL-JSON item, and the findings of every cited source with the source's
verbatim text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml

from evidence.csl import record_to_csl
from evidence.errors import InputError
from evidence.findings import Finding
from evidence.formats.registry import WRITERS, writer
from evidence.listing import Listing
from evidence.models import plain_text
from evidence.records import to_jsonable
from evidence.render import ListingView, render_listing_view
from evidence.render_prose import markdown_escape
from evidence.store import Store
from evidence.styles import Style

BIBLIOGRAPHY_FORMATS = (*sorted(WRITERS), "yaml")
LISTING_FORMATS = ("html", "md", "json")
ListingFormat = Literal["html", "md", "json"]


def export_items(store: Store, *, collection: str | None = None) -> list[dict[str, Any]]:
    """The CSL-JSON items of every record, or of one collection's records, in store order."""
    if collection is None:
        records = list(store.records())
    else:
        known = store.collections()
        if collection not in known:
            names = ", ".join(known) or "none yet"
            raise InputError(
                "no such collection",
                item=collection,
                hint=f"collections: {names} (import with --collection NAME to make one)",
            )
        records = [r for r in (store.get(k) for k in store.collection_keys(collection)) if r]
    items = [record_to_csl(record) for record in records]
    seen: set[str] = set()
    for item, record in zip(items, records, strict=True):
        # Imported ids are kept, but two files may both have used "item1": ids stay unique.
        if item["id"] in seen:
            item["id"] = record.key if record.key not in seen else f"{record.key}#{len(seen)}"
        seen.add(item["id"])
    return items


def export_bibliography(store: Store, fmt: str, *, collection: str | None = None) -> str:
    """Every record (or one collection's) in a bibliography format (see the module docstring)."""
    if fmt not in BIBLIOGRAPHY_FORMATS:
        raise InputError(
            f"unknown format {fmt!r}", hint=f"use one of {', '.join(BIBLIOGRAPHY_FORMATS)}"
        )
    items = export_items(store, collection=collection)
    if fmt == "yaml":
        return yaml.safe_dump({"references": items}, allow_unicode=True, sort_keys=True, width=100)
    return writer(fmt)(items)


def export_losses(store: Store, fmt: str, *, collection: str | None = None) -> list[str]:
    """What a bibliography export in ``fmt`` cannot carry, one line per record.

    MEDLINE (nbib) has no tag for an address: a work known only by its URL (a ``url:`` key)
    comes back from an nbib file without it, under a ``ref:`` key.
    """
    if fmt != "nbib":
        return []
    items = export_items(store, collection=collection)
    return [
        f"{item['id']}: nbib has no tag for its address (MEDLINE has no URL field); "
        "export as RIS or CSL-JSON to keep it"
        for item in items
        if str(item.get("id", "")).startswith("url:")
    ]


def export_listing(
    listing: Listing,
    store: Store,
    *,
    fmt: ListingFormat,
    style: Style,
    templates_dir: Path | None = None,
    project_templates: Path | None = None,
    allow_retracted: bool = False,
) -> str:
    """A rendered listing with its references and findings (HTML fragment, Markdown or JSON)."""
    if fmt not in LISTING_FORMATS:
        raise InputError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(LISTING_FORMATS)}")
    options: dict[str, Any] = {
        "style": style,
        "templates_dir": templates_dir,
        "project_templates": project_templates,
        "allow_retracted": allow_retracted,
    }
    if fmt == "json":
        markdown, view = render_listing_view(listing, store, fmt="md", **options)
        html_text, _ = render_listing_view(listing, store, fmt="html", **options)
        return _as_json(view, store, markdown, html_text)
    text, view = render_listing_view(listing, store, fmt=fmt, **options)
    findings = _findings(store, view)
    appendix = _appendix_html(findings) if fmt == "html" else _appendix_md(findings)
    return text.rstrip("\n") + "\n\n" + appendix


def _findings(store: Store, view: ListingView) -> list[tuple[int, Finding]]:
    return [
        (reference.number, finding)
        for reference in view.references
        for finding in store.findings(source=reference.key)
    ]


def _as_json(view: ListingView, store: Store, markdown: str, html_text: str) -> str:
    references = []
    for reference in view.references:
        record = store.get(reference.key)
        references.append(
            {
                "number": reference.number,
                "key": reference.key,
                "entry_markdown": str(reference.text),
                "flags": list(reference.flags),
                "csl": record_to_csl(record) if record is not None else None,
            }
        )
    document = {
        "title": plain_text(str(view.title)),
        "markdown": markdown,
        "html": html_text,
        "references": references,
        "findings": [
            {"reference": number, **to_jsonable(finding)}
            for number, finding in _findings(store, view)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_HEADING = "Sources of the numbers"


def _what(finding: Finding) -> str:
    return " ".join(filter(None, (finding.endpoint, finding.comparison or finding.arm)))


def _appendix_md(findings: Sequence[tuple[int, Finding]]) -> str:
    lines = [
        f"## {_HEADING}",
        "",
        "| ref | finding | what | the source's words |",
        "|---|---|---|---|",
    ]
    for number, finding in findings:
        cells = (str(number), finding.id, _what(finding), finding.verbatim)
        lines.append(
            "| " + " | ".join(markdown_escape(c).replace("|", "\\|") for c in cells) + " |"
        )
    if not findings:
        lines.append("| | | no findings are recorded for the cited sources | |")
    return "\n".join(lines) + "\n"


def _appendix_html(findings: Sequence[tuple[int, Finding]]) -> str:
    rows = []
    for number, finding in findings:
        cells = (
            f'<a href="#ref-{number}">{number}</a>',
            html.escape(finding.id),
            html.escape(_what(finding)),
            html.escape(finding.verbatim),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "<tr><th>ref</th><th>finding</th><th>what</th><th>the source's words</th></tr>"
    return (
        f'<section class="evidence-findings">\n<h2>{_HEADING}</h2>\n<table>\n'
        f"<thead>{head}</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>\n"
    )
