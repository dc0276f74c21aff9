"""The Zotero Web API adapter: the only module that imports pyzotero (and its httpx2).

pyzotero does the protocol: paging through ``Link`` headers, ``Zotero-Write-Token`` on
creates, ``If-Unmodified-Since-Version`` on updates, and waiting out ``Backoff`` and
``Retry-After`` headers (it retries a 429 itself). This adapter adds what it leaves out:

- the endpoint comes from settings (``zotero_base``), so tests run this code against a local
  server; the API key from the environment or ``keys.toml`` only, never stored or printed;
- 5xx replies, timeouts and dropped connections on reads and updates are retried with
  back-off (stamina, the same settings as the NCBI client). A create is not retried blindly:
  the next push matches remote items by identifier before creating again;
- pyzotero's exceptions become :mod:`evidence.errors` (401/403 -> ConfigError, 404 ->
  NotFoundError, 429 after retries -> RateLimitedError, 5xx -> ServiceUnavailableError);
  a 412 on an update is a :class:`Conflict`, returned, not raised: the caller reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import httpx2
import stamina
from pyzotero import errors as zotero_errors
from pyzotero import zotero as pyzotero_client

from evidence.config import Settings
from evidence.errors import (
    ConfigError,
    InputError,
    NotFoundError,
    RateLimitedError,
    ServiceUnavailableError,
    UpstreamError,
)

MAX_CREATE = 50
"""Objects per write request: the Zotero API's limit."""

_LIBRARY = re.compile(r"^(user|group)s?:(\d+)$")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Library:
    """A Zotero library: ``user:123`` or ``group:456``."""

    type: Literal["user", "group"]
    id: str

    def __str__(self) -> str:
        return f"{self.type}:{self.id}"


def parse_library(text: str | None) -> Library:
    """``user:123`` / ``group:456`` as a :class:`Library` (a clear error otherwise)."""
    found = _LIBRARY.match((text or "").strip())
    if found is None:
        raise InputError(
            f"{text!r} is not a Zotero library" if text else "no Zotero library given",
            item="zotero library",
            hint="give --library user:<your user ID> or group:<group ID> "
            "(zotero.org/settings/keys shows your user ID), or set EVIDENCE_ZOTERO_LIBRARY",
        )
    kind: Literal["user", "group"] = "user" if found[1] == "user" else "group"
    return Library(kind, found[2])


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """One Zotero item: its key, version and ``data`` object."""

    key: str
    version: int
    data: dict[str, Any]

    @classmethod
    def from_api(cls, obj: dict[str, Any]) -> RemoteItem:
        """From an API object (``{key, version, data, ...}``)."""
        data = dict(obj.get("data") or obj)
        return cls(key=str(obj["key"]), version=int(obj.get("version", 0)), data=data)


@dataclass(frozen=True, slots=True)
class CreateResult:
    """What one create request did, by the index of each object in the request."""

    created: dict[int, RemoteItem] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Conflict:
    """An update refused because the item changed in Zotero since the version we had."""

    key: str
    remote: RemoteItem | None


class _Retry(Exception):
    def __init__(self, error: UpstreamError) -> None:
        super().__init__(error.message)
        self.error = error


class ZoteroClient:
    """Reads and writes one Zotero library through pyzotero (see the module docstring)."""

    def __init__(
        self, settings: Settings, library: Library, *, client: httpx2.Client | None = None
    ) -> None:
        self.library = library
        self.requests_sent = 0
        self._last_status = 0
        self._settings = settings
        http = client or httpx2.Client(follow_redirects=True, timeout=settings.timeout)
        self._http = http
        http.event_hooks.setdefault("response", []).append(self._seen)
        self._zot = pyzotero_client.Zotero(
            library.id, library.type, api_key=settings.zotero_api_key, client=http
        )
        self._zot.endpoint = settings.zotero_base.rstrip("/")

    def close(self) -> None:
        """Close the HTTP connections."""
        self._http.close()

    def __enter__(self) -> ZoteroClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ----------------------------------------------------------------------------

    def items(self, collection: str | None = None) -> list[RemoteItem]:
        """Every top-level item of the library (or of one collection), all pages."""

        def _fetch() -> list[dict[str, Any]]:
            zot = self._zot
            first = zot.collection_items_top(collection) if collection else zot.top()
            return list(zot.everything(first))

        return [RemoteItem.from_api(obj) for obj in self._call(_fetch, retry=True)]

    def item(self, key: str) -> RemoteItem | None:
        """One item, or None when Zotero no longer has it."""
        try:
            obj = self._call(lambda: self._zot.item(key), retry=True)
        except NotFoundError:
            return None
        return RemoteItem.from_api(obj)

    def library_version(self) -> int:
        """The library's last-modified version."""
        return int(self._call(self._zot.last_modified_version, retry=True))

    def collection_name(self, key: str) -> str:
        """The name of a collection, by its key."""
        obj = self._call(lambda: self._zot.collection(key), retry=True)
        return str(obj["data"]["name"])

    def collection_key(self, name: str, *, create: bool) -> str | None:
        """The key of the collection with this name (created when asked and missing)."""
        found = self._call(lambda: list(self._zot.everything(self._zot.collections())), retry=True)
        for obj in found:
            if obj["data"].get("name") == name:
                return str(obj["key"])
        if not create:
            return None
        reply = self._call(lambda: self._zot.create_collections([{"name": name}]), retry=False)
        successful = reply.get("successful") or {}
        if "0" not in successful:
            raise UpstreamError(f"Zotero did not create collection {name!r}: {reply.get('failed')}")
        return str(successful["0"]["key"])

    # -- writes ---------------------------------------------------------------------------

    def create(self, objects: Sequence[dict[str, Any]]) -> CreateResult:
        """Create up to :data:`MAX_CREATE` items in one request (not retried on 5xx)."""
        if len(objects) > MAX_CREATE:
            raise ValueError(f"at most {MAX_CREATE} items per create request")
        reply = self._create_once(objects)
        created = {
            int(index): RemoteItem.from_api(obj)
            for index, obj in (reply.get("successful") or {}).items()
        }
        failed = {
            int(index): f"{info.get('code')}: {info.get('message')}"
            for index, info in (reply.get("failed") or {}).items()
        }
        return CreateResult(created, failed)

    def _create_once(self, objects: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """One create, resent after a 429 (a refused write is safe to resend): pyzotero
        records the Retry-After/Backoff wait but hands back the 429 body as the reply."""
        for _ in range(self._settings.max_attempts):
            try:
                reply = self._call(lambda: self._zot.create_items(list(objects)), retry=False)
            except ValueError:  # the 429 body is not JSON
                if self._last_status != 429:
                    raise
                continue
            if self._last_status != 429:
                return dict(reply)
        raise RateLimitedError(
            f"Zotero {self.library} kept answering 429 Too Many Requests to a create",
            hint="wait a few minutes and push again; nothing was created twice",
            status=429,
        )

    def update(self, key: str, version: int, data: dict[str, Any]) -> int | Conflict:
        """Change an item if it is still at ``version``: its new version, or the conflict."""
        payload = {**data, "key": key, "version": version}
        try:
            self._call(lambda: self._zot.update_item(payload), retry=True)
        except _PreconditionFailed:
            return Conflict(key, self.item(key))
        response = self._zot.request
        header = response.headers.get("last-modified-version") if response is not None else None
        return int(header) if header else version

    # -- plumbing -------------------------------------------------------------------------

    def _seen(self, response: httpx2.Response) -> None:
        self.requests_sent += 1
        self._last_status = response.status_code

    def _call(self, call: Callable[[], T], *, retry: bool) -> T:
        attempts = self._settings.max_attempts if retry else 1
        try:
            for attempt in stamina.retry_context(
                on=_Retry,
                attempts=attempts,
                timeout=None,
                wait_initial=self._settings.backoff_initial,
                wait_max=self._settings.backoff_max,
            ):
                with attempt:
                    return self._once(call)
        except _Retry as exc:
            raise exc.error from exc
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    def _once(self, call: Callable[[], T]) -> T:
        where = f"Zotero {self.library}"
        try:
            return call()
        except (httpx2.TimeoutException, httpx2.TransportError) as exc:
            raise _Retry(
                ServiceUnavailableError(f"no answer ({type(exc).__name__})", item=where)
            ) from exc
        except zotero_errors.PreConditionFailedError as exc:
            raise _PreconditionFailed from exc
        except zotero_errors.UserNotAuthorisedError as exc:
            raise ConfigError(
                "Zotero refused the request (HTTP 403/401)",
                item=where,
                hint="set EVIDENCE_ZOTERO_API_KEY to a key with access to this library "
                "(zotero.org/settings/keys; write access for push)",
            ) from exc
        except zotero_errors.ResourceNotFoundError as exc:
            raise NotFoundError(
                "Zotero has no such library, collection or item", item=where
            ) from exc
        except zotero_errors.TooManyRetriesError as exc:
            raise RateLimitedError(
                "Zotero kept answering 429 Too Many Requests",
                item=where,
                hint="wait a few minutes and run it again; nothing was lost",
                status=429,
            ) from exc
        except zotero_errors.PyZoteroError as exc:
            status = self._last_status
            error = ServiceUnavailableError(
                f"Zotero answered HTTP {status}", item=where, status=status
            )
            if status >= 500:
                raise _Retry(error) from exc
            raise UpstreamError(
                f"Zotero refused the request (HTTP {status}): {_first_line(exc)}", item=where
            ) from exc


class _PreconditionFailed(Exception):
    """412: the item (or library) changed since the version sent."""


def _first_line(exc: Exception) -> str:
    for line in str(exc).splitlines():
        if line.startswith("Response:"):
            return line.removeprefix("Response:").strip()[:200]
    return type(exc).__name__
