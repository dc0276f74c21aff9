"""Findings and source snapshots as the YAML files a writer keeps in ``references/``.

``references/findings/<study>.yaml`` holds a study's findings; ``references/sources/`` holds
captured source texts, each a ``.txt`` file with a ``.yaml`` sidecar naming its source key,
URL, title and access date. Numbers are written as quoted strings (``value: '0.58'``):
YAML would read an unquoted ``0.580`` as a float and lose the printed digits, so an unquoted
number is an error here. Output is deterministic (sorted keys, stable order).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from evidence.errors import ParseError
from evidence.findings import Anchor, Finding, Span, id_problem
from evidence.records import from_jsonable, to_jsonable
from evidence.sourcetext import Snapshot

_SPAN_KEYS = ("start", "end", "section", "sentence")
_EMPTY: tuple[Any, ...] = (None, [], (), "")


def finding_to_yaml(finding: Finding) -> dict[str, Any]:
    """A finding as a flat, readable mapping (None and empty fields left out)."""
    data = to_jsonable(finding)
    anchor = data.pop("anchor")
    ordered = {"id": data.pop("id"), "source": anchor["source"], **data}
    ordered["anchor"] = {**anchor["span"], "text_sha256": anchor["text_sha256"]}
    result: dict[str, Any] = _drop_empty(ordered)
    return result


def finding_from_yaml(data: Any, *, where: str) -> Finding:
    """Rebuild a finding from :func:`finding_to_yaml` output, checking numbers are strings."""
    if not isinstance(data, Mapping):
        raise ParseError("a finding must be a mapping", item=where)
    _no_floats(data, where)
    item = {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in data.items()}
    anchor = item.pop("anchor", None)
    source = item.pop("source", None)
    if not isinstance(anchor, Mapping) or not source:
        raise ParseError(
            "a finding needs 'source' and an 'anchor' (text_sha256, start, end)", item=where
        )
    span = {k: anchor.get(k) for k in _SPAN_KEYS}
    item["anchor"] = {"source": source, "text_sha256": anchor.get("text_sha256"), "span": span}
    for key in ("id", "kind", "endpoint", "verbatim", "value_verbatim"):
        if item.get(key) in (None, ""):
            raise ParseError(f"a finding needs '{key}'", item=f"{where} ({item.get('id', '?')})")
    if (problem := id_problem(str(item["id"]))) is not None:
        raise ParseError(problem, item=f"{where} ({item['id']})")
    try:
        finding = from_jsonable(Finding, item)
    except ParseError as exc:
        raise ParseError(exc.message, item=f"{where} ({item['id']})") from exc
    if not isinstance(finding.anchor.span, Span) or not isinstance(finding.anchor, Anchor):
        raise ParseError("the anchor is malformed", item=where)
    return finding


def dump_findings(study: str | None, findings: Sequence[Finding]) -> str:
    """The YAML text of one study's findings file."""
    document: dict[str, Any] = {"study": study} if study else {}
    document["findings"] = [finding_to_yaml(f) for f in findings]
    # Keys keep the model's field order (id and source first, anchor last): the file is read
    # in review, and a fixed order is as deterministic as a sorted one.
    header = (
        f"# {study or 'Unassigned'} findings, each anchored in the text of the source it cites.\n"
        "# Numbers are quoted strings so no printed digit is lost. Written by `evidence findings\n"
        "# export`; edit freely, then `evidence import references/` checks every anchor.\n"
    )
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def load_findings(path: Path) -> tuple[list[Finding], list[ParseError]]:
    """Every good finding of one file, and an error per bad one (the file may be partly bad)."""
    document = _load_yaml(path)
    items = document.get("findings") if isinstance(document, Mapping) else None
    if not isinstance(items, list):
        return [], [ParseError("expected a mapping with a 'findings' list", item=str(path))]
    study = document.get("study")
    good: list[Finding] = []
    bad: list[ParseError] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        where = f"{path} finding {index}"
        if isinstance(item, Mapping) and study and "study" not in item:
            item = {**item, "study": study}
        try:
            finding = finding_from_yaml(item, where=where)
        except ParseError as exc:
            bad.append(exc)
            continue
        if finding.id in seen:
            bad.append(ParseError(f"id {finding.id!r} is used twice", item=where))
            continue
        seen.add(finding.id)
        good.append(finding)
    return good, bad


def load_snapshot(sidecar: Path) -> Snapshot:
    """A captured source text from its ``.yaml`` sidecar and the ``.txt`` file it names."""
    meta = _load_yaml(sidecar)
    if not isinstance(meta, Mapping) or not meta.get("source"):
        raise ParseError(
            "a source sidecar needs 'source' (the key it belongs to)", item=str(sidecar)
        )
    text_file = (
        sidecar.with_suffix(".txt")
        if not meta.get("text_file")
        else sidecar.parent / str(meta["text_file"])
    )
    try:
        text = text_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParseError(f"cannot read its text file ({exc})", item=str(sidecar)) from exc
    return Snapshot(
        source=str(meta["source"]),
        text=text,
        url=_opt(meta.get("url")),
        title=_opt(meta.get("title")),
        accessed=_opt(meta.get("accessed")),
    )


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ParseError(
            f"not valid YAML ({getattr(exc, 'problem', exc)})", item=str(path), line=line
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ParseError(f"cannot read it ({exc})", item=str(path)) from exc


def _no_floats(value: Any, where: str) -> None:
    if isinstance(value, float):
        raise ParseError(
            f"the number {value!r} is not quoted; write it as a string ('{value}') "
            "so no digit is lost",
            item=where,
        )
    if isinstance(value, Mapping):
        for inner in value.values():
            _no_floats(inner, where)
    elif isinstance(value, list):
        for inner in value:
            _no_floats(inner, where)


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v is not False and v not in _EMPTY}
    return value


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)
