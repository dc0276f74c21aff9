"""A local HTTP server answering like the Zotero Web API v3 (api.zotero.org), for pyzotero 1.16.

One library per instance (``/users/1`` by default, or ``/groups/<id>``), held in memory and
seeded from the recorded responses under the shared fixtures (``fixtures/zotero``). Point
pyzotero at ``base_url``::

    with FakeZotero(api_key="k") as fake:
        fake.load_items(ZOTERO_FIXTURES / "web-library" / "test-user-collection-items.json")
        fake.inject("GET", "/items/top", Fault.rate_limited(retry_after="1"))
        zot = zotero.Zotero("1", "user", api_key="k")
        zot.endpoint = fake.base_url
        ...
        assert fake.count("GET", "/items/top") == 2

Where the behaviour comes from. Status codes, messages, headers and precedence were read off the
Zotero data server's source (zotero/dataserver: ``ApiController``, ``ItemsController``,
``Zotero_API``, ``DataObjects``, ``Results``, ``Errors``) and the Zotero Web API docs; the
request shapes were read off pyzotero's ``_client.py``. Nothing here was checked against the
live service, so every rule below is *inferred from the Zotero API docs / data server source /
pyzotero source*:

* Multi-object reads: ``limit`` defaults to 25 and is capped at 100; ``format=keys`` and
  ``format=versions`` are unlimited unless ``limit`` is given; an ``itemKey`` filter forces
  ``limit`` to 50. The default order is ``dateModified`` descending. ``Total-Results`` and
  ``Last-Modified-Version`` (the library version) come with every list. ``Link`` holds
  absolute URLs of this server with rel ``first``/``next``/``last`` (omitted when equal to the
  page itself) and ``alternate`` (a www.zotero.org page, as the real API sends). Like the real
  API, the links keep only *known, non-default* parameters, sorted: pyzotero's ``locale`` is
  dropped and pyzotero adds it back itself.
* Trashed items (``data.deleted``) are left out unless ``includeTrashed=1``; ``/items/top``
  leaves out child items (``data.parentItem``). ``If-Modified-Since-Version`` gives 304.
* A single item carries ``Last-Modified-Version`` = its own version.
* POST items/collections: a JSON array of at most 50 objects, else 413 "Cannot add more than
  50 items at a time" (the data server's ``validateMultiObjectJSON``; DOMAIN.md only gives the
  limit). Objects without ``key`` are created; objects with ``key`` of an existing
  object are *merged into it* (the data server treats multi-object writes as partial updates)
  and need ``version`` or the request's ``If-Unmodified-Since-Version``, else a 428 entry.
  A stale ``version`` (object version > sent version) is a 412 entry "Item has been modified
  since specified version (expected X, found Y)". Every object written by one request gets the
  same new library version. Failed entries carry ``key`` only when the object had one.
* ``If-Unmodified-Since-Version`` on a multi-object write: 412 "Library has been modified since
  specified version (expected X, found Y)" for the whole request, without
  ``Last-Modified-Version`` (the data server checks before it sets that header).
* PATCH/PUT/DELETE ``items/KEY``: the version comes from the header or the JSON ``version``
  (both given and different: 400); none: 428; stale: 412 with ``Last-Modified-Version`` = the
  item's version. DELETE requires the header. PATCH merges, PUT replaces; no change means 204
  with the unchanged library version.
* Item data is validated against ``web-library/schema.json`` (schema version 26): a non-empty
  field the type lacks is "'publicationTitle' is not a valid field for type 'webpage'" (empty
  values are accepted and dropped, as the data server does); an unknown property is
  "'foo' is not a valid itemData field."; creator types must exist (``author`` is allowed for
  every type); a parent item or collection a write *adds* must exist (409; memberships and
  parents already on a recorded item stay valid even when those objects were never loaded).
* ``Zotero-Write-Token``: 5-32 characters; reused after a successful write: 412 "Write token
  already used".
* Keys: ``api_key`` given -> a request needs it as ``Authorization: Bearer``,
  ``Zotero-API-Key`` or ``?key=``; a wrong key is 403 "Invalid key", no key is 403 "Forbidden"
  for reads (a private library) and 403 "An API key is required for write requests." for
  writes. ``api_key=None`` accepts everything (a public, writable library).
* Error bodies are the plain message with ``& < > "`` HTML-escaped, sent as
  ``text/html; charset=UTF-8`` (PHP's default; the data server sets no type for errors).
  4xx/5xx replies carry no ``Last-Modified-Version`` except 412s for single objects.
* ``/itemFields`` and ``/itemTypes`` serve the recorded ``pyzotero/item_fields.json`` and
  ``web-library/item-types.json`` *plus* the fields/types of schema 26 they lack (dataset,
  standard, ``archiveID``, ...), re-sorted by label as the API sorts them, so that the fields
  this server accepts are also the ones pyzotero's ``check_items`` lets through.
* ``/items/new?itemType=journalArticle`` serves ``web-library/new-item-journal-article.json``;
  other types get a template built the same way from the schema (the builder reproduces the
  recorded one exactly). Creators whose name parts are all blank (the template's) are dropped
  on write, as the data server does on creation.
* Multi-object DELETE (``?itemKey=`` / ``?collectionKey=``, at most 50) needs
  ``If-Unmodified-Since-Version`` (428 without it). Deleting an item deletes its child items;
  deleting a collection deletes its subcollections and takes its items out of it. Deletions are
  listed by ``/deleted?since=``.
* Collections list in name order (the real default order for collections is not documented).
* Loaded fixture objects keep their data and meta; their ``library`` block and ``self``/``up``
  links are rewritten to this library and server. Created objects get meta computed here
  (``creatorSummary``, ``parsedDate``, ``numChildren``), an approximation of the real one.

Not served: Atom/bib/citation/export formats (501), saved searches, settings, full text, file
uploads, groups listings.
"""

from __future__ import annotations

import copy
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from tests.fixtures_index import FIXTURES
from tests.localserver import LocalHandler, LocalServer, QuietServer

ZOTERO_FIXTURES = FIXTURES / "zotero"
KEY_CHARS = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
KEY_RE = re.compile(rf"^[{KEY_CHARS}]{{8}}$")
MAX_WRITE = 50
MAX_OBJECT_KEYS = 50
DEFAULT_LIMIT = 25
MAX_LIMIT = 100
WWW = "https://www.zotero.org"
ERROR_TYPE = "text/html; charset=UTF-8"
JSON_TYPE = "application/json"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
STRUCTURAL = frozenset(
    {"key", "version", "itemType", "parentItem", "creators", "tags", "collections"}
    | {"relations", "deleted", "dateAdded", "dateModified", "inPublications"}
)
ATTACHMENT_PROPS = ("linkMode", "contentType", "charset", "filename", "md5", "mtime", "path")
ANNOTATION_PROPS = frozenset(
    {"annotationType", "annotationText", "annotationComment", "annotationColor"}
    | {"annotationPageLabel", "annotationSortIndex", "annotationPosition"}
    | {"annotationAuthorName", "annotationIsExternal"}
)
CHILD_TYPES = ("note", "attachment", "annotation")
COLLECTION_PROPS = frozenset({"key", "version", "name", "parentCollection", "relations"})
# Parameters the real Link header keeps when they differ from their defaults (Zotero_API).
LINK_PARAMS = {
    "format": "json",
    "include": "data",
    "content": "html",
    "style": "chicago-note-bibliography",
    "css": "inline",
    "linkwrap": "0",
    "q": "",
    "qmode": "titleCreatorYear",
    "itemType": "",
    "itemKey": "",
    "collectionKey": "",
    "searchKey": "",
    "tag": "",
    "tagType": "",
    "since": "",
    "sincetime": "",
    "includeTrashed": "0",
}
LIST_FORMATS = ("json", "keys", "versions")
GLOBAL_PATHS = frozenset(
    {"/itemFields", "/itemTypes", "/creatorFields", "/itemTypeFields"}
    | {"/itemTypeCreatorTypes", "/items/new", "/schema"}
)
PUBLIC_PATHS = (*GLOBAL_PATHS, "/keys/")
CREATOR_FIELDS = [
    {"field": "firstName", "localized": "First"},
    {"field": "lastName", "localized": "Last"},
    {"field": "name", "localized": "Name"},
]
UNRENDERED_FORMATS = frozenset(
    {"atom", "bib", "citation", "csljson", "bibtex", "biblatex", "bookmarks", "coins"}
    | {"cslJSON", "mods", "refer", "rdf_bibliontology", "rdf_dc", "rdf_zotero", "ris"}
    | {"tei", "wikipedia"}
)
MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Schema:
    """The parts of the global Zotero schema (``web-library/schema.json``) the fake enforces."""

    version: int
    fields: dict[str, tuple[str, ...]]  # item type -> its fields, in schema order
    creator_types: dict[str, tuple[str, ...]]  # item type -> creator types, primary first
    all_fields: frozenset[str]
    all_creator_types: frozenset[str]
    field_labels: dict[str, str]
    type_labels: dict[str, str]
    creator_labels: dict[str, str]


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def zotero_schema() -> Schema:
    raw = _read_json(ZOTERO_FIXTURES / "web-library" / "schema.json")
    fields = {t["itemType"]: tuple(f["field"] for f in t["fields"]) for t in raw["itemTypes"]}
    creators = {}
    for t in raw["itemTypes"]:
        types = t["creatorTypes"]
        primary = [c["creatorType"] for c in types if c.get("primary")]
        creators[t["itemType"]] = tuple(
            primary + [c["creatorType"] for c in types if not c.get("primary")]
        )
    labels = raw["locales"]["en-US"]
    return Schema(
        version=int(raw["version"]),
        fields=fields,
        creator_types=creators,
        all_fields=frozenset(f for fs in fields.values() for f in fs),
        all_creator_types=frozenset(c for cs in creators.values() for c in cs),
        field_labels=dict(labels["fields"]),
        type_labels=dict(labels["itemTypes"]),
        creator_labels=dict(labels["creatorTypes"]),
    )


def _merged_listing(path: Path, name: str, extra: dict[str, str]) -> list[dict[str, str]]:
    """A recorded ``[{name, localized}]`` listing plus the schema's missing entries, by label."""
    listing: list[dict[str, str]] = _read_json(path)
    known = {entry[name] for entry in listing}
    listing += [{name: k, "localized": v} for k, v in extra.items() if k not in known]
    return sorted(listing, key=lambda entry: entry["localized"])


@cache
def item_fields_listing() -> list[dict[str, str]]:
    schema = zotero_schema()
    extra = {f: schema.field_labels.get(f, f) for f in sorted(schema.all_fields)}
    return _merged_listing(ZOTERO_FIXTURES / "pyzotero" / "item_fields.json", "field", extra)


@cache
def item_types_listing() -> list[dict[str, str]]:
    schema = zotero_schema()
    extra = {
        t: schema.type_labels.get(t, t)
        for t in schema.fields
        if t not in ("attachment", "annotation")
    }
    return _merged_listing(ZOTERO_FIXTURES / "web-library" / "item-types.json", "itemType", extra)


def item_template(item_type: str) -> dict[str, Any]:
    """What ``/items/new?itemType=...`` answers: the recorded template for journalArticle,
    :func:`build_template` for the other types."""
    if item_type == "journalArticle":
        recorded: dict[str, Any] = _read_json(
            ZOTERO_FIXTURES / "web-library" / "new-item-journal-article.json"
        )
        return recorded
    return build_template(item_type)


def build_template(item_type: str) -> dict[str, Any]:
    """A new-item template from the schema: itemType, the first field, one empty creator of the
    primary type, the other fields, tags, collections, relations (the recorded one's layout)."""
    if item_type == "note":
        return {"itemType": "note", "note": "", "tags": [], "collections": [], "relations": {}}
    schema = zotero_schema()
    out: dict[str, Any] = {"itemType": item_type}
    for i, name in enumerate(schema.fields[item_type]):
        out[name] = ""
        if i == 0 and schema.creator_types[item_type]:
            first = schema.creator_types[item_type][0]
            out["creators"] = [{"creatorType": first, "firstName": "", "lastName": ""}]
    out.update(tags=[], collections=[], relations={})
    return out


# --------------------------------------------------------------------------- faults and log


@dataclass
class Fault:
    """One injected reply. ``status``: this reply instead of the real one; ``backoff``: the real
    reply plus a ``Backoff`` header; ``delay``: the real reply after ``seconds``;
    ``disconnect``: the connection is closed without a reply."""

    kind: str  # status | backoff | delay | disconnect
    code: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @staticmethod
    def status(
        code: int, body: bytes | str = b"", headers: Mapping[str, str] | None = None
    ) -> Fault:
        """Any reply; a body starting with ``{``/``[`` goes out as JSON unless headers say."""
        raw = body.encode() if isinstance(body, str) else body
        return Fault("status", code=code, body=raw, headers=dict(headers or {}))

    @staticmethod
    def rate_limited(retry_after: str | None = "1", backoff: str | None = None) -> Fault:
        """429 as the data server's rate limiter sends it (``Retry-After`` in seconds)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        if backoff is not None:
            headers["Backoff"] = backoff
        return Fault.status(429, "Request rate limit exceeded", headers)

    @staticmethod
    def server_error(message: str = "An error occurred") -> Fault:
        """500 with the data server's default message."""
        return Fault.status(500, message)

    @staticmethod
    def unavailable(
        retry_after: str | None = None,
        backoff: str | None = None,
        message: str = "Service unavailable",
    ) -> Fault:
        """503 (maintenance or overload), optionally with ``Retry-After`` and/or ``Backoff``."""
        headers = {}
        if retry_after is not None:
            headers["Retry-After"] = retry_after
        if backoff is not None:
            headers["Backoff"] = backoff
        return Fault.status(503, message, headers)

    @staticmethod
    def precondition_failed(
        message: str = "Library has been modified since specified version",
    ) -> Fault:
        return Fault.status(412, message)

    @staticmethod
    def backoff(seconds: float | str) -> Fault:
        """The normal reply plus ``Backoff: seconds`` (the API asks clients to slow down)."""
        return Fault("backoff", headers={"Backoff": str(seconds)})

    @staticmethod
    def delay(seconds: float) -> Fault:
        return Fault("delay", seconds=seconds)

    @staticmethod
    def disconnect() -> Fault:
        return Fault("disconnect")


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: dict[str, str]  # first value of each query parameter
    params: dict[str, list[str]]  # every value of each query parameter
    headers: dict[str, str]  # names lower-cased
    body: bytes
    json: Any  # the parsed body, or None
    time: float  # time.monotonic() on arrival
    status: int = 0  # filled in once the reply is known (0: none sent)
    fault: Fault | None = None


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    api_headers: bool = True  # Zotero-API-Version / Zotero-Schema-Version


def _escape(message: str) -> str:
    return (
        message.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def _error(code: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(code, _escape(message).encode(), ERROR_TYPE, dict(headers or {}))


def _json(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(doc, ensure_ascii=False, indent=4).encode()
    return Reply(status, body, JSON_TYPE, dict(headers or {}))


def _one(params: Mapping[str, list[str]], name: str, default: str = "") -> str:
    values = params.get(name)
    return values[0] if values else default


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WriteError(Exception):
    """A per-object (or whole-request) write failure: HTTP code and the API's message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# --------------------------------------------------------------------------- item data


def parsed_date(date: str) -> str | bool:
    """``meta.parsedDate``: YYYY[-MM[-DD]] from common date spellings, else False."""
    text = date.strip()
    if m := re.match(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?", text):
        return "-".join(p.zfill(2) if i else p for i, p in enumerate(m.groups()) if p)
    if m := re.search(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b", text):
        if month := MONTHS.get(m[1].lower()):
            return f"{m[3]}-{month:02d}-{int(m[2]):02d}"
    if m := re.search(r"\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b", text):
        if month := MONTHS.get(m[2].lower()):
            return f"{m[3]}-{month:02d}-{int(m[1]):02d}"
    if m := re.search(r"\b(\d{4})\b", text):
        return m[1]
    return False


def creator_summary(item_type: str, creators: list[dict[str, Any]]) -> str:
    primary = zotero_schema().creator_types.get(item_type, ())[:1]
    chosen = [c for c in creators if c.get("creatorType") in primary] or creators
    names = [str(c.get("lastName") or c.get("name") or "") for c in chosen]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al." if names else ""


def _check_creators(item_type: str, creators: Any) -> None:
    schema = zotero_schema()
    if not isinstance(creators, list):
        raise WriteError(400, "'creators' property must be an array")
    if creators and item_type in CHILD_TYPES:
        raise WriteError(400, f"'creators' property is not valid for {item_type} items")
    for creator in creators:
        if not isinstance(creator, dict):
            raise WriteError(400, "Creator must be an object")
        kind = creator.get("creatorType")
        if kind not in schema.all_creator_types:
            raise WriteError(400, f"'{kind}' is not a valid creator type")
        if kind not in schema.creator_types[item_type] and kind != "author":
            raise WriteError(
                400, f"'{kind}' is not a valid creator type for item type '{item_type}'"
            )
        if "firstName" in creator and "lastName" not in creator:
            raise WriteError(400, "'lastName' creator field must be set if 'firstName' is set")
        if "name" in creator and ("firstName" in creator or "lastName" in creator):
            raise WriteError(400, "'name' cannot be used with 'firstName' or 'lastName'")


def _check_tags(tags: Any) -> None:
    if not isinstance(tags, list):
        raise WriteError(400, "'tags' property must be an array")
    for tag in tags:
        name = tag.get("tag") if isinstance(tag, dict) else None
        if not isinstance(name, str) or not name.strip():
            raise WriteError(400, "Invalid tag name")
        if tag.get("type", 0) not in (0, 1, "0", "1"):
            raise WriteError(400, f"Invalid tag type '{tag.get('type')}'")


def _check_property(item_type: str, name: str, value: Any) -> None:
    schema = zotero_schema()
    if name in STRUCTURAL:
        return
    if name == "note":
        if item_type not in ("note", "attachment"):
            raise WriteError(400, "'note' property is valid only for note and attachment items")
        return
    if name in ATTACHMENT_PROPS:
        if item_type != "attachment":
            raise WriteError(400, f"'{name}' property is valid only for attachment items")
        return
    if name in ANNOTATION_PROPS:
        if item_type != "annotation":
            raise WriteError(400, f"'{name}' property is valid only for annotation items")
        return
    if name not in schema.all_fields:
        raise WriteError(400, f"'{name}' is not a valid itemData field.")
    if value not in ("", None, False) and name not in schema.fields[item_type]:
        raise WriteError(400, f"'{name}' is not a valid field for type '{item_type}'")


def _canonical_item(merged: dict[str, Any], item_type: str, top_level: bool) -> dict[str, Any]:
    """Item data in the API's shape: every field of the type, then tags, collections, ..."""
    schema = zotero_schema()
    out: dict[str, Any] = {"key": merged["key"], "version": merged["version"]}
    if not top_level:
        out["parentItem"] = merged["parentItem"]
    out["itemType"] = item_type
    if item_type == "note":
        out["note"] = merged.get("note") or ""
    elif item_type == "attachment":
        for name in ("linkMode", "title", "accessDate", "url", "note", *ATTACHMENT_PROPS[1:]):
            if name in merged:
                out[name] = merged[name]
        out.setdefault("note", "")
    elif item_type == "annotation":
        out.update((k, v) for k, v in merged.items() if k in ANNOTATION_PROPS)
    else:
        for i, name in enumerate(schema.fields[item_type]):
            value = merged.get(name)
            out[name] = "" if value is None or value is False else value
            if i == 0:
                out["creators"] = list(merged.get("creators") or [])
        if "creators" not in out:
            out["creators"] = list(merged.get("creators") or [])
    if merged.get("inPublications"):
        out["inPublications"] = True
    out["tags"] = [{k: v for k, v in t.items() if k in ("tag", "type")} for t in merged["tags"]]
    if top_level:
        out["collections"] = list(merged.get("collections") or [])
    out["relations"] = dict(merged.get("relations") or {})
    if merged.get("deleted"):
        out["deleted"] = 1
    out["dateAdded"] = merged["dateAdded"]
    out["dateModified"] = merged["dateModified"]
    return out


def _nameless(creator: Any) -> bool:
    """A creator whose name parts are all blank (as in ``/items/new`` templates)."""
    if not isinstance(creator, dict):
        return False
    return not any(str(creator.get(k) or "").strip() for k in ("name", "firstName", "lastName"))


def _comparable(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("version", "dateModified")}


def _editable(doc: Any) -> Any:
    """The ``data`` of a full API object, or the object itself (Zotero_API::extractEditableJSON)."""
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
        return doc["data"]
    return doc


# --------------------------------------------------------------------------- server plumbing


class _HTTPServer(QuietServer):
    fake: FakeZotero


class _Handler(LocalHandler):
    wbufsize = 1 << 16  # headers and body leave in one write (no Nagle / delayed-ACK stall)
    server: _HTTPServer

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        request = LoggedRequest(
            method=method,
            path=url.path,
            query={k: v[0] for k, v in params.items()},
            params=params,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            json=parsed,
            time=time.monotonic(),
        )
        fault = fake._arrive(request)
        if fault is not None and fault.kind == "disconnect":
            self.close_connection = True
            return
        if fault is not None and fault.kind == "delay":
            fake._stop.wait(fault.seconds)
        if fault is not None and fault.kind == "status":
            reply = _fault_reply(fault)
        else:
            try:
                reply = fake._dispatch(request)
            except Exception as exc:  # a bug in the fake: make it visible to the client
                reply = _error(500, f"fakezotero error: {exc!r}")
            if fault is not None and fault.kind == "backoff":
                reply.headers.update(fault.headers)
        request.status = reply.status
        self._send(reply, head=method == "HEAD")

    def _send(self, reply: Reply, head: bool) -> None:
        try:
            self.send_response(reply.status)
            if reply.api_headers:
                self.send_header("Zotero-API-Version", "3")
                self.send_header("Zotero-Schema-Version", str(zotero_schema().version))
            if reply.status not in (204, 304):
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.status not in (204, 304) and not head:
                self.wfile.write(reply.body)
            self.wfile.flush()
        except OSError:  # the client gave up or went away
            self.close_connection = True


def _fault_reply(fault: Fault) -> Reply:
    headers = {k: v for k, v in fault.headers.items() if k.lower() != "content-type"}
    given = next((v for k, v in fault.headers.items() if k.lower() == "content-type"), None)
    guess = JSON_TYPE if fault.body.lstrip()[:1] in (b"{", b"[") else ERROR_TYPE
    return Reply(fault.code, fault.body, given or guess, headers)


# --------------------------------------------------------------------------- the fake


class FakeZotero(LocalServer):
    """One Zotero library (items, collections, versions) behind a Web API v3 on 127.0.0.1."""

    def __init__(
        self,
        library_type: str = "users",
        library_id: str | int = "1",
        *,
        api_key: str | None = None,
        library_name: str = "testuser",
        seed: int | None = 0,
    ) -> None:
        kind = library_type.lower().rstrip("s") + "s"
        if kind not in ("users", "groups"):
            raise ValueError(f"library_type must be 'users' or 'groups', not {library_type!r}")
        self.library_type = kind
        self.library_id = str(library_id)
        self.library_name = library_name
        self.api_key = api_key
        self.prefix = f"/{kind}/{self.library_id}"
        self.version = 0
        self.log: list[LoggedRequest] = []
        self._items: dict[str, dict[str, Any]] = {}
        self._collections: dict[str, dict[str, Any]] = {}
        self._deleted: dict[str, dict[str, int]] = {"items": {}, "collections": {}}
        self._tokens: set[str] = set()
        self._faults: dict[tuple[str, str], deque[Fault]] = {}
        self._random = random.Random(seed)
        self._lock = threading.RLock()
        self._serve(_HTTPServer, _Handler)
        self.base_url = f"http://127.0.0.1:{self.port}"

    # -- seeding and inspection
    def load_items(self, source: Path | str | Iterable[Mapping[str, Any]]) -> list[str]:
        """Add recorded API objects (a fixture file, or the objects): their keys, in order.

        A file may hold a list of objects, one object, or a write report (its ``successful``
        objects). The library version becomes at least the highest item version."""
        keys = []
        with self._lock:
            for obj in self._objects(source):
                stored = self._adopt(obj, "items")
                self._items[stored["key"]] = stored
                self.version = max(self.version, stored["version"])
                keys.append(stored["key"])
        return keys

    def load_collections(self, source: Path | str | Iterable[Mapping[str, Any]]) -> list[str]:
        """Like :meth:`load_items`, for collection objects."""
        keys = []
        with self._lock:
            for obj in self._objects(source):
                stored = self._adopt(obj, "collections")
                self._collections[stored["key"]] = stored
                self.version = max(self.version, stored["version"])
                keys.append(stored["key"])
        return keys

    def add_item(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Create one item as another Zotero client would (validated); the stored object."""
        with self._lock:
            version = self.version + 1
            stored = self._write_item(dict(data), version, requires_version=False)
            self.version = version
            return copy.deepcopy(stored)

    def item(self, key: str) -> dict[str, Any] | None:
        """A copy of the stored item object, or None."""
        with self._lock:
            found = self._items.get(key)
            return copy.deepcopy(found) if found is not None else None

    def collection(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._collections.get(key)
            return copy.deepcopy(found) if found is not None else None

    def item_keys(self) -> list[str]:
        with self._lock:
            return list(self._items)

    def collection_keys(self) -> list[str]:
        with self._lock:
            return list(self._collections)

    def deleted(self) -> dict[str, dict[str, int]]:
        """Keys deleted so far, with the library version of their deletion, per object type."""
        with self._lock:
            return copy.deepcopy(self._deleted)

    def edit_remote(self, key: str, **fields: Any) -> int:
        """Change an item as another user would in Zotero: the new (library = item) version."""
        with self._lock:
            if key not in self._items:
                raise KeyError(key)
            version = self.version + 1
            payload = {**fields, "key": key, "version": self._items[key]["version"]}
            try:
                stored = self._write_item(payload, version, requires_version=True)
            except WriteError as exc:
                raise ValueError(exc.message) from exc
            if stored["version"] == version:
                self.version = version
            return int(stored["version"])

    def delete_remote(self, key: str) -> int:
        """Delete an item (and its child items) as another client would: the new version."""
        with self._lock:
            if key not in self._items:
                raise KeyError(key)
            self.version += 1
            self._erase_item(key, self.version)
            return self.version

    # -- faults and log
    def inject(self, method: str, path_part: str, *faults: Fault) -> None:
        """Queue faults for requests whose method is ``method`` (``*``: any) and whose path
        contains ``path_part`` (a trailing ``$`` anchors it at the end of the path). Each
        matching request consumes one fault, first in first out."""
        with self._lock:
            self._faults.setdefault((method.upper(), path_part), deque()).extend(faults)

    def pending_faults(self) -> int:
        with self._lock:
            return sum(len(q) for q in self._faults.values())

    def requests(
        self, method: str | None = None, path_contains: str | None = None
    ) -> list[LoggedRequest]:
        """Logged requests, oldest first, optionally filtered by method and path substring."""
        with self._lock:
            return [
                r
                for r in self.log
                if (method is None or r.method == method.upper())
                and (path_contains is None or path_contains in r.path)
            ]

    def count(self, method: str | None = None, path_contains: str | None = None) -> int:
        return len(self.requests(method, path_contains))

    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()

    # -- request handling
    def _arrive(self, request: LoggedRequest) -> Fault | None:
        with self._lock:
            self.log.append(request)
            for (method, part), queue in self._faults.items():
                if not queue or method not in ("*", request.method):
                    continue
                hit = (
                    request.path.endswith(part[:-1]) if part.endswith("$") else part in request.path
                )
                if hit:
                    request.fault = queue.popleft()
                    return request.fault
            return None

    def _dispatch(self, request: LoggedRequest) -> Reply:
        with self._lock:
            refused = self._authorize(request)
            return refused if refused is not None else self._route(request)

    def _authorize(self, request: LoggedRequest) -> Reply | None:
        """ApiController::init: the key, the write token; None when the request may go on."""
        key = _request_key(request)
        if isinstance(key, Reply):
            return key
        if self.api_key is not None:
            if key and key != self.api_key:
                return _no_api(_error(403, "Invalid key"))
            if not key and request.method in WRITE_METHODS:
                return _no_api(_error(403, "An API key is required for write requests."))
            if not key and not request.path.startswith(PUBLIC_PATHS):
                return _no_api(_error(403, "Forbidden"))
        token = request.headers.get("zotero-write-token")
        if token is None or request.method not in WRITE_METHODS:
            return None
        if not 5 <= len(token) <= 32:
            return _no_api(_error(400, "Write token must be 5-32 characters in length"))
        if token in self._tokens:
            return _no_api(_error(412, "Write token already used"))
        return None

    def _route(self, request: LoggedRequest) -> Reply:
        path = request.path.rstrip("/") or "/"
        method = "GET" if request.method == "HEAD" else request.method
        if path in GLOBAL_PATHS:
            return self._global(request, path) if method == "GET" else _not_allowed(["GET"])
        if path.startswith("/keys/"):
            return self._key_info(path.removeprefix("/keys/"))
        if path != self.prefix and not path.startswith(self.prefix + "/"):
            if re.match(r"^/(users|groups)/", path):
                return _error(403, "Forbidden")
            return _error(404, "Not found")
        parts = path[len(self.prefix) :].strip("/").split("/")
        if parts[0] == "items":
            return self._route_items(request, method, parts[1:])
        if parts[0] == "collections":
            return self._route_collections(request, method, parts[1:])
        if parts not in (["deleted"], ["tags"]):
            return _error(404, "Not found")
        if method != "GET":
            return _not_allowed(["GET"])
        if parts == ["deleted"]:
            return self._deleted_since(request)
        return self._tags(request, self._visible(request, self._items.values()))

    def _global(self, request: LoggedRequest, path: str) -> Reply:
        if path == "/itemFields":
            return _json(item_fields_listing())
        if path == "/itemTypes":
            return _json(item_types_listing())
        if path == "/creatorFields":
            return _json(CREATOR_FIELDS)
        if path == "/itemTypeFields":
            return self._type_listing(request, "fields")
        if path == "/itemTypeCreatorTypes":
            return self._type_listing(request, "creators")
        if path == "/schema":
            return _json(_read_json(ZOTERO_FIXTURES / "web-library" / "schema.json"))
        return self._template(request)

    # -- routes: items
    def _route_items(self, request: LoggedRequest, method: str, rest: list[str]) -> Reply:
        if not rest:
            if method == "GET":
                return self._list_items(request)
            if method == "POST":
                return self._post_many(request, "items", self._write_item)
            if method == "DELETE":
                return self._delete_many(request, "items", "itemKey")
            return _not_allowed(["GET", "POST", "DELETE"])
        if rest in (["top"], ["trash"]):
            if method != "GET":
                return _not_allowed(["GET"])
            return self._list_items(request, subset=rest[0])
        key = rest[0]
        if len(rest) == 2 and rest[1] in ("children", "tags"):
            return self._item_subresource(request, method, key, rest[1])
        if len(rest) != 1:
            return _error(404, "Not found")
        if method == "GET":
            return self._get_one(request, "items", key)
        if method in ("PATCH", "PUT", "DELETE"):
            return self._single_write(request, method, key, "items")
        return _not_allowed(["GET", "PUT", "PATCH", "DELETE"])

    def _item_subresource(self, request: LoggedRequest, method: str, key: str, what: str) -> Reply:
        if method != "GET":
            return _not_allowed(["GET"])
        item = self._items.get(key)
        if item is None:
            return _error(404, "Item not found")
        if what == "tags":
            return self._tags(request, [item])
        return self._list_items(request, subset="children", scope=key)

    def _get_one(self, request: LoggedRequest, kind: str, key: str) -> Reply:
        fmt = _one(request.params, "format", "json")
        if fmt in UNRENDERED_FORMATS or _one(request.params, "content"):
            return _error(501, f"FakeZotero does not render format={fmt}")
        if fmt != "json":
            return _error(400, f"Invalid 'format' value '{fmt}'")
        store = self._store(kind)
        if not KEY_RE.match(key):
            return _error(404, "Not found")
        if key not in store:
            return _error(404, "Item does not exist" if kind == "items" else "Collection not found")
        obj = self._present(store[key], kind)
        return _json(obj, headers={"Last-Modified-Version": str(obj["version"])})

    # -- routes: collections
    def _route_collections(self, request: LoggedRequest, method: str, rest: list[str]) -> Reply:
        if not rest:
            if method == "GET":
                return self._list_collections(request, self._collections.values())
            if method == "POST":
                return self._post_many(request, "collections", self._write_collection)
            if method == "DELETE":
                return self._delete_many(request, "collections", "collectionKey")
            return _not_allowed(["GET", "POST", "DELETE"])
        if rest == ["top"]:
            if method != "GET":
                return _not_allowed(["GET"])
            tops = [c for c in self._collections.values() if not c["data"].get("parentCollection")]
            return self._list_collections(request, tops)
        key = rest[0]
        if len(rest) > 1:
            return self._collection_subresource(request, method, key, rest[1:])
        if method == "GET":
            return self._get_one(request, "collections", key)
        if method in ("PATCH", "PUT", "DELETE"):
            return self._single_write(request, method, key, "collections")
        return _not_allowed(["GET", "PUT", "PATCH", "DELETE"])

    def _collection_subresource(
        self, request: LoggedRequest, method: str, key: str, rest: list[str]
    ) -> Reply:
        if method != "GET":
            return _not_allowed(["GET"])
        if key not in self._collections:
            return _error(404, "Collection not found")
        if rest == ["collections"]:
            subs = self._collections.values()
            return self._list_collections(
                request, [c for c in subs if c["data"].get("parentCollection") == key]
            )
        if rest in (["items"], ["items", "top"]):
            subset = "collection-top" if rest == ["items", "top"] else "collection"
            return self._list_items(request, subset=subset, scope=key)
        if rest == ["tags"]:
            members = [
                i for i in self._items.values() if key in (i["data"].get("collections") or [])
            ]
            return self._tags(request, self._visible(request, members))
        return _error(404, "Not found")

    # -- reads
    def _visible(self, request: LoggedRequest, items: Iterable[dict[str, Any]]) -> list[Any]:
        trashed = _one(request.params, "includeTrashed", "0") not in ("0", "", "false")
        return [i for i in items if trashed or not i["data"].get("deleted")]

    def _select_items(
        self, request: LoggedRequest, subset: str | None, scope: str | None
    ) -> list[dict[str, Any]]:
        items = list(self._items.values())
        if subset == "trash":
            return [i for i in items if i["data"].get("deleted")]
        if subset == "children":
            items = [i for i in items if i["data"].get("parentItem") == scope]
        elif subset in ("collection", "collection-top"):
            items = [i for i in items if scope in (i["data"].get("collections") or [])]
        if subset in ("top", "collection-top"):
            items = [i for i in items if not i["data"].get("parentItem")]
        return self._visible(request, items)

    def _list_items(
        self, request: LoggedRequest, subset: str | None = None, scope: str | None = None
    ) -> Reply:
        params = request.params
        if not self._modified_since(request):
            return Reply(304)
        fmt = _one(params, "format", "json")
        if fmt in UNRENDERED_FORMATS or _one(params, "content"):
            return _error(501, f"FakeZotero does not render format={fmt}")
        if fmt not in LIST_FORMATS:
            return _error(400, f"Invalid 'format' value '{fmt}'")
        try:
            items = _filter_items(self._select_items(request, subset, scope), params)
            items = _sort(items, params, fmt)
        except WriteError as exc:
            return _error(exc.code, exc.message)
        return self._page(request, items, fmt)

    def _list_collections(
        self, request: LoggedRequest, collections: Iterable[dict[str, Any]]
    ) -> Reply:
        params = request.params
        if not self._modified_since(request):
            return Reply(304)
        fmt = _one(params, "format", "json")
        if fmt not in LIST_FORMATS:
            return _error(400, f"Invalid 'format' value '{fmt}'")
        chosen = list(collections)
        try:
            if since := _one(params, "since"):
                chosen = [c for c in chosen if c["version"] > _int_param("since", since)]
            if keys := _one(params, "collectionKey"):
                wanted = set(keys.strip(",").split(","))
                chosen = [c for c in chosen if c["key"] in wanted]
        except WriteError as exc:
            return _error(exc.code, exc.message)
        chosen.sort(key=lambda c: str(c["data"].get("name", "")).casefold())
        if _one(params, "sort") in ("dateModified", "dateAdded"):
            chosen.sort(key=lambda c: c["version"], reverse=True)
        return self._page(request, chosen, fmt, kind="collections")

    def _page(
        self,
        request: LoggedRequest,
        objects: list[dict[str, Any]],
        fmt: str,
        kind: str = "items",
    ) -> Reply:
        params = request.params
        try:
            start = max(0, _int_param("start", _one(params, "start", "0") or "0"))
            limit = _effective_limit(params, fmt)
        except WriteError as exc:
            return _error(exc.code, exc.message)
        page = objects[start : start + limit] if limit else objects[start:]
        headers = {
            "Total-Results": str(len(objects)),
            "Last-Modified-Version": str(self.version),
            "Link": self._link_header(request, len(objects), start, limit, fmt),
        }
        if fmt == "keys":
            text = "".join(f"{o['key']}\n" for o in page)
            return Reply(200, text.encode(), "text/plain", headers)
        if fmt == "versions":
            return _json({o["key"]: o["version"] for o in page}, headers=headers)
        if kind == "tags":
            return _json(page, headers=headers)
        return _json([self._present(o, kind) for o in page], headers=headers)

    def _link_header(
        self, request: LoggedRequest, total: int, start: int, limit: int, fmt: str
    ) -> str:
        """Zotero_API::buildLinkHeader: first / next / last / alternate."""
        kept = _link_params(request.params, limit, fmt)

        def url(first: int) -> str:
            query = {**kept, "start": str(first)} if first > 0 else kept
            encoded = urlencode(sorted(query.items()))
            return f"{self.base_url}{request.path}" + (f"?{encoded}" if encoded else "")

        here = url(start)
        links = [f'<{url(0)}>; rel="first"'] if url(0) != here else []
        if limit:
            if start + limit < total:
                links.append(f'<{url(start + limit)}>; rel="next"')
            if start >= total:
                last = total - limit
            else:
                last = total - total % limit
                last = total - limit if last == total else last
            if (start or limit < total) and url(last) != here:
                links.append(f'<{url(last)}>; rel="last"')
        links.append(f'<{WWW}{request.path}>; rel="alternate"')
        return ", ".join(links)

    def _modified_since(self, request: LoggedRequest) -> bool:
        header = request.headers.get("if-modified-since-version")
        return not (header is not None and header.isdigit() and self.version <= int(header))

    def _tags(self, request: LoggedRequest, items: list[dict[str, Any]]) -> Reply:
        counts: dict[tuple[str, int], int] = {}
        for item in items:
            for tag in item["data"].get("tags") or []:
                name = (tag["tag"], int(tag.get("type", 0) or 0))
                counts[name] = counts.get(name, 0) + 1
        base = f"{self.base_url}{self.prefix}/tags/"
        objects = [
            {
                "tag": name,
                "links": {
                    "self": {"href": base + quote_plus(name), "type": JSON_TYPE},
                    "alternate": {
                        "href": f"{WWW}{self.prefix}/tags/{quote_plus(name)}",
                        "type": "text/html",
                    },
                },
                "meta": {"type": kind, "numItems": n},
            }
            for (name, kind), n in sorted(counts.items())
        ]
        return self._page(request, objects, "json", kind="tags")

    def _deleted_since(self, request: LoggedRequest) -> Reply:
        since = _one(request.params, "since")
        if not since:
            return _error(400, "'since' parameter must be provided")
        if not since.isdigit():
            return _error(400, "Invalid value for 'since' parameter")
        doc = {
            kind: [k for k, v in self._deleted.get(kind, {}).items() if v > int(since)]
            for kind in ("collections", "searches", "items", "tags", "settings")
        }
        return _json(doc, headers={"Last-Modified-Version": str(self.version)})

    def _type_listing(self, request: LoggedRequest, what: str) -> Reply:
        schema = zotero_schema()
        item_type = _one(request.params, "itemType")
        if item_type not in schema.fields:
            return _error(400, f"Invalid item type '{item_type}'")
        if what == "fields":
            names = schema.fields[item_type]
            return _json([{"field": f, "localized": schema.field_labels.get(f, f)} for f in names])
        return _json(
            [
                {"creatorType": c, "localized": schema.creator_labels.get(c, c)}
                for c in schema.creator_types[item_type]
            ]
        )

    def _template(self, request: LoggedRequest) -> Reply:
        item_type = _one(request.params, "itemType")
        if not item_type:
            return _error(400, "'itemType' not provided")
        if item_type not in zotero_schema().fields or item_type in ("annotation",):
            return _error(400, f"Invalid item type '{item_type}'")
        if item_type == "attachment":
            mode = _one(request.params, "linkMode")
            if mode not in ("imported_file", "imported_url", "linked_file", "linked_url"):
                return _error(400, f"Invalid linkMode '{mode}'")
            template: dict[str, Any] = {
                "itemType": "attachment",
                "linkMode": mode,
                "title": "",
                "accessDate": "",
                "url": "",
                "note": "",
                "tags": [],
                "collections": [],
                "relations": {},
                "contentType": "",
                "charset": "",
            }
            if mode.startswith("imported") or mode == "linked_file":
                template.update(filename="", md5=None, mtime=None)
            return _json(template)
        return _json(item_template(item_type))

    def _key_info(self, key: str) -> Reply:
        if self.api_key is not None and key != self.api_key:
            return _error(404, "Key not found")
        scope = {"library": True, "files": True, "notes": True, "write": True}
        return _json(
            {
                "key": key,
                "userID": int(self.library_id) if self.library_type == "users" else 1,
                "username": self.library_name,
                "access": {"user": scope, "groups": {"all": {"library": True, "write": True}}},
            }
        )

    # -- presentation
    def _present(self, stored: dict[str, Any], kind: str = "items") -> dict[str, Any]:
        """The object as served: collections get their item / subcollection counts."""
        obj = copy.deepcopy(stored)
        if kind == "collections":
            key = obj["key"]
            obj["meta"]["numCollections"] = sum(
                1 for c in self._collections.values() if c["data"].get("parentCollection") == key
            )
            obj["meta"]["numItems"] = sum(
                1
                for i in self._items.values()
                if key in (i["data"].get("collections") or []) and not i["data"].get("deleted")
            )
        return obj

    def _library_block(self) -> dict[str, Any]:
        users = self.library_type == "users"
        alternate = f"{WWW}/{self.library_name}" if users else f"{WWW}{self.prefix}"
        return {
            "type": "user" if users else "group",
            "id": int(self.library_id) if self.library_id.isdigit() else self.library_id,
            "name": self.library_name,
            "links": {"alternate": {"href": alternate, "type": "text/html"}},
        }

    def _links(self, kind: str, key: str, parent: str | None = None) -> dict[str, Any]:
        users = self.library_type == "users"
        www = f"{WWW}/{self.library_name}" if users else f"{WWW}{self.prefix}"
        links: dict[str, Any] = {
            "self": {"href": f"{self.base_url}{self.prefix}/{kind}/{key}", "type": JSON_TYPE},
            "alternate": {"href": f"{www}/{kind}/{key}", "type": "text/html"},
        }
        if parent:
            links["up"] = {
                "href": f"{self.base_url}{self.prefix}/items/{parent}",
                "type": JSON_TYPE,
            }
        return links

    def _objects(self, source: Path | str | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        doc: Any = _read_json(Path(source)) if isinstance(source, str | Path) else source
        if isinstance(doc, Mapping):
            if "successful" in doc:
                doc = list(doc["successful"].values())
            else:
                doc = [doc]
        objects = [copy.deepcopy(dict(o)) for o in doc]
        for obj in objects:
            if "data" not in obj or "key" not in obj:
                raise ValueError(f"not a Zotero API object (no key/data): {str(obj)[:80]}")
        return objects

    def _adopt(self, obj: dict[str, Any], kind: str) -> dict[str, Any]:
        """A recorded object made to belong to this library and server."""
        obj["data"]["key"], obj["data"]["version"] = obj["key"], obj["version"]
        obj["library"] = self._library_block()
        links = obj.setdefault("links", {})
        links["self"] = self._links(kind, obj["key"])["self"]
        if parent := obj["data"].get("parentItem"):
            links["up"] = self._links("items", parent, parent)["up"]
        obj.setdefault("meta", {})
        return obj

    # -- writes: items
    def _post_many(self, request: LoggedRequest, kind: str, write: Any) -> Reply:
        if not request.body:
            return _error(400, "POST data not provided")
        try:
            doc = json.loads(request.body)
        except ValueError:
            return _error(400, "JSON Error: Syntax error, malformed JSON")
        if not isinstance(doc, list):
            return _error(400, "Uploaded data must be a JSON array")
        if len(doc) > MAX_WRITE:
            return _error(413, f"Cannot add more than {MAX_WRITE} {kind} at a time")
        checked = self._library_precondition(request)
        if isinstance(checked, Reply):
            return checked
        version = self.version + 1
        report: dict[str, dict[str, Any]] = {
            "successful": {},
            "success": {},
            "unchanged": {},
            "failed": {},
        }
        for index, obj in enumerate(doc):
            label = str(index)
            try:
                if not isinstance(obj, dict):
                    singular = kind[:-1]
                    raise WriteError(
                        400,
                        f"Invalid value for index {index} in uploaded data; "
                        f"expected JSON {singular} object",
                    )
                before = self._store(kind).get(str(obj.get("key")))
                before_version = before["version"] if before else None
                stored = write(copy.deepcopy(obj), version, requires_version=not checked)
            except WriteError as exc:
                entry = {"key": obj.get("key")} if isinstance(obj, dict) and obj.get("key") else {}
                report["failed"][label] = {
                    **entry,
                    "code": exc.code,
                    "message": _escape(exc.message),
                }
                continue
            if stored["version"] == before_version:
                report["unchanged"][label] = stored["key"]
            else:
                report["successful"][label] = self._present(stored, kind)
                report["success"][label] = stored["key"]
        if report["successful"]:
            self.version = version
        self._spend_token(request)
        return _json(report, headers={"Last-Modified-Version": str(self.version)})

    def _store(self, kind: str) -> dict[str, dict[str, Any]]:
        return self._items if kind == "items" else self._collections

    def _library_precondition(self, request: LoggedRequest) -> bool | Reply:
        """True if If-Unmodified-Since-Version was given and holds; a 412/400 reply if not."""
        header = request.headers.get("if-unmodified-since-version")
        if header is None:
            return False
        if not header.strip().isdigit():
            return _error(400, "Invalid If-Unmodified-Since-Version value")
        if self.version > int(header):
            return _error(
                412,
                "Library has been modified since specified version "
                f"(expected {int(header)}, found {self.version})",
            )
        return True

    def _spend_token(self, request: LoggedRequest) -> None:
        token = request.headers.get("zotero-write-token")
        if token:
            self._tokens.add(token)

    def _check_object_version(
        self,
        kind: str,
        existing: dict[str, Any] | None,
        json_obj: dict[str, Any],
        requires_version: bool,
    ) -> None:
        singular = kind.capitalize()
        key = json_obj.get("key")
        if key is not None and (not isinstance(key, str) or not KEY_RE.match(key)):
            raise WriteError(400, f"'{key}' is not a valid {kind.lower()} key")
        if "version" in json_obj:
            version = json_obj["version"]
            if isinstance(version, bool) or not str(version).lstrip("-").isdigit():
                raise WriteError(400, "'version' must be an integer")
            if key is None:
                raise WriteError(400, "'version' is valid only with 'key' property")
            if existing is not None and existing["version"] > int(version):
                raise WriteError(
                    412,
                    f"{singular} has been modified since specified version "
                    f"(expected {int(version)}, found {existing['version']})",
                )
        elif existing is not None and requires_version:
            raise WriteError(
                428,
                "Either If-Unmodified-Since-Version or 'version' property must be provided "
                "for 'key'-based writes",
            )

    def _write_item(
        self,
        json_obj: dict[str, Any],
        version: int,
        *,
        requires_version: bool,
        replace: bool = False,
    ) -> dict[str, Any]:
        """Create or update one item from editable JSON; the stored object (unchanged objects
        keep their version). Raises WriteError."""
        existing = self._items.get(str(json_obj.get("key")))
        self._check_object_version("Item", existing, json_obj, requires_version)
        old = existing["data"] if existing else {}
        if existing is None and "itemType" not in json_obj:
            raise WriteError(400, "'itemType' property not provided")
        merged = dict(json_obj) if replace or existing is None else {**old, **json_obj}
        if replace:
            for name in ("dateAdded",):
                merged.setdefault(name, old.get(name))
        item_type = merged.get("itemType")
        if isinstance(merged.get("creators"), list):  # the template's empty creator goes
            merged["creators"] = [c for c in merged["creators"] if not _nameless(c)]
        self._check_item(merged, item_type, old)
        key = str(existing["key"]) if existing else str(json_obj.get("key") or self._new_key())
        parent = merged.get("parentItem") or None
        merged.update(
            key=key,
            version=existing["version"] if existing else version,
            parentItem=parent,
            tags=merged.get("tags") or [],
            dateAdded=merged.get("dateAdded") or _now(),
        )
        merged.setdefault("dateModified", None)
        merged["dateModified"] = merged["dateModified"] or _now()
        data = _canonical_item(merged, str(item_type), top_level=parent is None)
        if existing is not None and _comparable(data) == _comparable(old):
            return existing
        if existing is not None and json_obj.get("dateModified") in (None, old.get("dateModified")):
            data["dateModified"] = _now()
        data["version"] = version
        stored = {
            "key": key,
            "version": version,
            "library": self._library_block(),
            "links": self._links("items", key, parent),
            "meta": self._item_meta(data, existing),
            "data": data,
        }
        self._items[key] = stored
        self._reparent(existing, stored)
        return stored

    def _check_item(
        self, merged: dict[str, Any], item_type: Any, old: Mapping[str, Any] | None = None
    ) -> None:
        """Validate merged item data; references (parent, collections) only where they change."""
        schema = zotero_schema()
        if not isinstance(item_type, str):
            raise WriteError(400, "'itemType' must be a string")
        if item_type not in schema.fields:
            raise WriteError(400, f"'{item_type}' is not a valid itemType")
        parent = merged.get("parentItem")
        if parent and item_type not in CHILD_TYPES:
            raise WriteError(400, "Child item must be note or attachment")
        if not parent and item_type == "annotation":
            raise WriteError(400, "Annotation must have a parent item")
        if parent and parent != (old or {}).get("parentItem"):
            self._check_parent(parent, merged.get("key"))
        for name, value in merged.items():
            _check_property(item_type, name, value)
        _check_creators(item_type, merged.get("creators") or [])
        _check_tags(merged.get("tags") or [])
        if not isinstance(merged.get("relations") or {}, dict):
            raise WriteError(400, "'relations' property must be an object")
        collections = merged.get("collections") or []
        if not isinstance(collections, list):
            raise WriteError(400, "'collections' property must be an array")
        if collections and parent:
            raise WriteError(400, "Child items cannot be assigned to collections")
        known = set((old or {}).get("collections") or [])  # recorded memberships stay valid
        for key in collections:
            if key not in self._collections and key not in known:
                raise WriteError(409, f"Collection {key} not found")

    def _check_parent(self, parent: Any, key: Any) -> None:
        if not isinstance(parent, str) or not KEY_RE.match(parent):
            raise WriteError(400, "'parentItem' must be a valid item key")
        if parent not in self._items or parent == key:
            raise WriteError(409, f"Parent item {parent} not found")
        if self._items[parent]["data"]["itemType"] in CHILD_TYPES:
            raise WriteError(409, "Parent item cannot be a note or attachment")

    def _item_meta(self, data: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any]:
        item_type = data["itemType"]
        if data.get("parentItem"):
            return {}
        children = sum(
            1 for i in self._items.values() if i["data"].get("parentItem") == data["key"]
        )
        if item_type in CHILD_TYPES:
            return {"numChildren": children}
        meta: dict[str, Any] = {}
        if summary := creator_summary(item_type, data.get("creators") or []):
            meta["creatorSummary"] = summary
        meta["parsedDate"] = parsed_date(str(data.get("date", "")))
        meta["numChildren"] = children
        return meta

    def _reparent(self, existing: dict[str, Any] | None, stored: dict[str, Any]) -> None:
        """Keep the parents' ``meta.numChildren`` in step with a child's parentItem."""
        old = existing["data"].get("parentItem") if existing else None
        new = stored["data"].get("parentItem")
        if old == new:
            return
        for parent, delta in ((old, -1), (new, 1)):
            meta = self._items[parent]["meta"] if parent in self._items else {}
            if "numChildren" in meta:
                meta["numChildren"] = max(0, meta["numChildren"] + delta)

    def _single_write(self, request: LoggedRequest, method: str, key: str, kind: str) -> Reply:
        """PATCH / PUT / DELETE of one object (ApiController::handleObjectWrite)."""
        noun = "Item" if kind == "items" else "Collection"
        if not KEY_RE.match(key):
            return _error(404, "Not found")
        existing = self._store(kind).get(key)
        json_obj: Any = None
        if method != "DELETE":
            if not request.body:
                return _error(400, f"{method} data not provided")
            try:
                json_obj = _editable(json.loads(request.body))
            except ValueError:
                return _error(400, "JSON Error: Syntax error, malformed JSON")
            if not isinstance(json_obj, dict):
                return _error(400, f"Invalid {noun.lower()} object")
        checked = _single_version(request, method, noun, existing, json_obj)
        if isinstance(checked, Reply):
            return checked
        if method == "DELETE":
            if existing is not None:
                self.version += 1
                erase = self._erase_item if kind == "items" else self._erase_collection
                erase(key, self.version)
            return Reply(204, headers={"Last-Modified-Version": str(self.version)})
        if json_obj.get("key", key) != key:
            return _error(
                409, f"'key' property in JSON does not match {noun.lower()} key of request"
            )
        version = self.version + 1
        payload = {**json_obj, "key": key}
        payload.pop("version", None)
        write = self._write_item if kind == "items" else self._write_collection
        try:
            stored = write(payload, version, requires_version=False, replace=method == "PUT")
        except WriteError as exc:
            return _error(exc.code, exc.message)
        if stored["version"] == version:
            self.version = version
        self._spend_token(request)
        return Reply(204, headers={"Last-Modified-Version": str(self.version)})

    def _delete_many(self, request: LoggedRequest, kind: str, param: str) -> Reply:
        checked = self._library_precondition(request)
        if isinstance(checked, Reply):
            return checked
        if request.headers.get("if-unmodified-since-version") is None:
            return _error(428, "If-Unmodified-Since-Version not provided")
        keys = [k for k in _one(request.params, param).strip(",").split(",") if k]
        if any(not KEY_RE.match(k) for k in keys):
            return _error(400, f"Invalid '{param}' value '{_one(request.params, param)}'")
        if len(keys) > MAX_OBJECT_KEYS:
            return _error(413, f"Cannot delete more than {MAX_OBJECT_KEYS} {kind} at a time")
        present = [k for k in keys if k in self._store(kind)]
        if present:
            self.version += 1
            erase = self._erase_item if kind == "items" else self._erase_collection
            for key in present:
                if key in self._store(kind):
                    erase(key, self.version)
        return Reply(204, headers={"Last-Modified-Version": str(self.version)})

    def _erase_item(self, key: str, version: int) -> None:
        item = self._items.pop(key)
        self._deleted["items"][key] = version
        for child in [k for k, i in self._items.items() if i["data"].get("parentItem") == key]:
            self._items.pop(child)
            self._deleted["items"][child] = version
        self._reparent(item, {"data": {}})

    def _erase_collection(self, key: str, version: int) -> None:
        self._collections.pop(key)
        self._deleted["collections"][key] = version
        for sub in [
            k for k, c in self._collections.items() if c["data"].get("parentCollection") == key
        ]:
            if sub in self._collections:
                self._erase_collection(sub, version)
        for item in self._items.values():
            members = item["data"].get("collections") or []
            if key in members:
                members.remove(key)
                item["version"] = item["data"]["version"] = version

    # -- writes: collections
    def _write_collection(
        self,
        json_obj: dict[str, Any],
        version: int,
        *,
        requires_version: bool,
        replace: bool = False,
    ) -> dict[str, Any]:
        existing = self._collections.get(str(json_obj.get("key")))
        self._check_object_version("Collection", existing, json_obj, requires_version)
        for prop in json_obj:
            if prop not in COLLECTION_PROPS:
                raise WriteError(400, f"Invalid property '{prop}'")
        old = existing["data"] if existing else {}
        merged = dict(json_obj) if replace or existing is None else {**old, **json_obj}
        name = merged.get("name")
        if name is None:
            raise WriteError(400, "'name' property not provided")
        if not isinstance(name, str) or not name.strip():
            raise WriteError(400, "Collection name cannot be empty")
        key = str(existing["key"]) if existing else str(json_obj.get("key") or self._new_key())
        parent = merged.get("parentCollection") or False
        if parent and (parent not in self._collections or parent == key):
            raise WriteError(409, f"Parent collection {parent} not found")
        relations = merged.get("relations") or {}
        if not isinstance(relations, dict):
            raise WriteError(400, "'relations' property must be an object")
        data = {
            "key": key,
            "version": existing["version"] if existing else version,
            "name": name,
            "parentCollection": parent,
            "relations": relations,
        }
        if existing is not None and _comparable(data) == _comparable(old):
            return existing
        data["version"] = version
        stored = {
            "key": key,
            "version": version,
            "library": self._library_block(),
            "links": self._links("collections", key),
            "meta": {"numCollections": 0, "numItems": 0},
            "data": data,
        }
        self._collections[key] = stored
        return stored

    def _new_key(self) -> str:
        while True:
            key = "".join(self._random.choice(KEY_CHARS) for _ in range(8))
            if key not in self._items and key not in self._collections:
                return key


# --------------------------------------------------------------------------- helpers


def _no_api(reply: Reply) -> Reply:
    """Errors raised before the API version is known carry no Zotero-API-Version header."""
    reply.api_headers = False
    return reply


def _request_key(request: LoggedRequest) -> str | Reply | None:
    """The API key a request carries (Zotero-API-Key, ?key=, Authorization: Bearer)."""
    key = request.headers.get("zotero-api-key") or None
    if "key" in request.params:
        if key and request.params["key"][0] != key:
            return _no_api(_error(400, "Zotero-API-Key header and 'key' parameter differ"))
        key = key or request.params["key"][0] or None
    auth = request.headers.get("authorization", "")
    if not key and re.match(r"(?i)^bearer", auth):
        m = re.match(r"(?i)^bearer +([a-z0-9]+)$", auth)
        if not m:
            return _no_api(_error(400, "Invalid Authorization header format"))
        key = m[1]
    return key


def _not_allowed(methods: list[str]) -> Reply:
    return _error(405, "Method not allowed", {"Allow": ", ".join(["HEAD", *methods])})


def _int_param(name: str, value: str) -> int:
    if not value.strip().lstrip("-").isdigit():
        raise WriteError(400, f"Invalid value for '{name}' parameter")
    return int(value)


def _default_limit(fmt: str) -> int:
    return 0 if fmt in ("keys", "versions") else DEFAULT_LIMIT


def _effective_limit(params: Mapping[str, list[str]], fmt: str) -> int:
    if _one(params, "itemKey") or _one(params, "collectionKey"):
        return MAX_OBJECT_KEYS
    raw = _one(params, "limit")
    asked = int(raw) if raw.strip().isdigit() else 0
    if fmt in ("keys", "versions"):
        return asked
    return min(asked, MAX_LIMIT) if asked else DEFAULT_LIMIT


def _link_params(params: Mapping[str, list[str]], limit: int, fmt: str) -> dict[str, str]:
    """The known, non-default parameters the real API keeps in its links."""
    kept = {k: v[0] for k, v in params.items() if k in LINK_PARAMS and v[0] != LINK_PARAMS[k]}
    sort = _one(params, "sort")
    if sort and sort != "dateModified":
        kept["sort"] = sort
    direction = _one(params, "direction")
    if direction and direction != _default_direction(sort):
        kept["direction"] = direction
    if limit != _default_limit(fmt):
        kept["limit"] = str(limit)
    return kept


def _default_direction(sort: str) -> str:
    return "desc" if not sort or sort.startswith("date") else "asc"


def _sort(items: list[dict[str, Any]], params: Mapping[str, list[str]], fmt: str) -> list[Any]:
    sort = _one(params, "sort") or "dateModified"
    direction = _one(params, "direction") or _default_direction(_one(params, "sort"))
    if direction not in ("asc", "desc"):
        raise WriteError(400, f"Invalid 'direction' value '{direction}'")
    if sort == "itemKeyList":
        order = _one(params, "itemKey").strip(",").split(",")
        return sorted(items, key=lambda i: order.index(i["key"]) if i["key"] in order else 0)

    def value(item: dict[str, Any]) -> str:
        data = item["data"]
        if sort == "creator":
            return str(item.get("meta", {}).get("creatorSummary", "")).casefold()
        if sort in ("dateAdded", "dateModified"):
            return str(data.get(sort) or "")
        return str(data.get(sort) or data.get("note") or "").casefold()

    return sorted(items, key=value, reverse=direction == "desc")


def _alternatives(raw: str) -> tuple[bool, list[str]]:
    """``-a``, ``a || b`` -> (negated, alternatives), as the API's tag/itemType filters take."""
    negated = raw.startswith("-")
    text = raw[1:] if negated else raw.removeprefix("\\")
    return negated, [part.strip() for part in re.split(r"\s+\|\|\s+", text)]


def _matches(values: set[str], raw: str) -> bool:
    negated, options = _alternatives(raw)
    return bool(values & set(options)) != negated


def _haystack(item: dict[str, Any], everything: bool) -> str:
    data = item["data"]
    parts = [str(data.get("title", "")), str(data.get("note", ""))[:200] if everything else ""]
    for creator in data.get("creators") or []:
        parts += [str(creator.get(k, "")) for k in ("firstName", "lastName", "name")]
    if m := re.search(r"\d{4}", str(data.get("date", ""))):
        parts.append(m[0])
    if everything:
        parts += [str(v) for v in data.values() if isinstance(v, str)]
    return " ".join(parts).casefold()


def _filter_items(items: list[dict[str, Any]], params: Mapping[str, list[str]]) -> list[Any]:
    if since := _one(params, "since"):
        floor = _int_param("since", since)
        items = [i for i in items if i["version"] > floor]
    if keys := _one(params, "itemKey"):
        wanted = keys.strip(",").split(",")
        if any(not KEY_RE.match(k) for k in wanted):
            raise WriteError(400, f"Invalid 'itemKey' value '{keys}'")
        items = [i for i in items if i["key"] in wanted]
    for raw in params.get("itemType", []):
        if raw:
            items = [i for i in items if _matches({i["data"]["itemType"]}, raw)]
    for raw in params.get("tag", []):
        if raw:
            items = [
                i for i in items if _matches({t["tag"] for t in i["data"].get("tags") or []}, raw)
            ]
    if q := _one(params, "q").strip():
        everything = _one(params, "qmode") == "everything"
        words = q.casefold().split()
        items = [i for i in items if all(w in _haystack(i, everything) for w in words)]
    return items


def _single_version(
    request: LoggedRequest,
    method: str,
    noun: str,
    existing: dict[str, Any] | None,
    json_obj: dict[str, Any] | None,
) -> Reply | None:
    """ApiController::checkSingleObjectWriteVersion: None when the write may go ahead."""
    header = request.headers.get("if-unmodified-since-version")
    prop = json_obj.get("version") if json_obj else None
    if method == "DELETE" and header is None:
        return _error(428, "If-Unmodified-Since-Version must be provided for delete requests")
    if header is not None and not header.strip().isdigit():
        return _error(400, f"Invalid If-Unmodified-Since-Version value '{header}'")
    if prop is not None and (isinstance(prop, bool) or not str(prop).isdigit()):
        return _error(400, f"Invalid JSON 'version' property value '{prop}'")
    if header is not None and prop is not None and int(header) != int(prop):
        return _error(
            400,
            "If-Unmodified-Since-Version value does not match JSON 'version' property "
            f"({int(header)} != {int(prop)})",
        )
    version = int(header) if header is not None else (int(prop) if prop is not None else None)
    if existing is None:
        if method == "PATCH" and version is None:
            return _error(
                404,
                f"{noun} not found (to create, use If-Unmodified-Since-Version: 0, "
                "JSON 'version' 0, or PUT method)",
            )
        if version:
            return _error(404, f"{noun} not found (expected version {version})")
        return None
    if version is None:
        return _error(
            428,
            "Either If-Unmodified-Since-Version or object version property must be provided "
            "for key-based writes",
        )
    if existing["version"] != version:
        return _error(
            412,
            f"{noun} has been modified since specified version "
            f"(expected {version}, found {existing['version']})",
            {"Last-Modified-Version": str(existing["version"])},
        )
    return None


__all__ = [
    "KEY_CHARS",
    "ZOTERO_FIXTURES",
    "FakeZotero",
    "Fault",
    "LoggedRequest",
    "build_template",
    "item_fields_listing",
    "item_template",
    "item_types_listing",
    "zotero_schema",
]
