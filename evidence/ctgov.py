"""ClinicalTrials.gov API v2 client: study records by NCT number, in as few requests as it allows.

The list endpoint takes a set of NCT numbers (``filter.ids``) and pages of up to 1,000
studies, so any number of trials costs one request per page. The service publishes no rate
limit; ``robots.txt`` asks for one request per second, which the shared limiter keeps.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from evidence.config import Settings
from evidence.errors import ParseError, UpstreamError
from evidence.models import Trial
from evidence.transport import Response, Transport, looks_like_html, shared_limiter
from evidence.trials import parse_study, study_last_update, study_nct_id

PAGE_SIZE = 1000
CTGOV_RATE = 1.0
_FRESHNESS_FIELDS = ",".join(
    (
        "protocolSection.identificationModule.nctId",
        "protocolSection.statusModule.lastUpdatePostDateStruct",
    )
)


@dataclass(frozen=True, slots=True)
class FetchedTrial:
    """A parsed trial with the exact JSON it came from."""

    trial: Trial
    raw: bytes


class CtgovClient:
    """Fetches study records from a configurable API v2 base URL."""

    def __init__(self, settings: Settings, transport: Transport | None = None) -> None:
        self.base = settings.ctgov_base
        self.transport = transport or Transport.for_service(
            "ClinicalTrials.gov", shared_limiter("ctgov", CTGOV_RATE, settings.home), settings
        )

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self.transport.sent

    def fetch(self, nct_ids: Iterable[str]) -> dict[str, FetchedTrial]:
        """Study records by NCT number; numbers the registry does not know are absent."""
        found: dict[str, FetchedTrial] = {}
        for study in self._list(list(dict.fromkeys(nct_ids)), fields=None):
            raw = json.dumps(study, ensure_ascii=False, sort_keys=True).encode("utf-8")
            trial = parse_study(study)
            found[trial.nct_id] = FetchedTrial(trial=trial, raw=raw)
        return found

    def last_updates(self, nct_ids: Iterable[str]) -> dict[str, str | None]:
        """``lastUpdatePostDate`` per NCT number, in one small request per page."""
        return {
            nct: study_last_update(study)
            for study in self._list(list(dict.fromkeys(nct_ids)), fields=_FRESHNESS_FIELDS)
            if (nct := study_nct_id(study))
        }

    def _list(self, ids: list[str], fields: str | None) -> list[Mapping[str, Any]]:
        studies: list[Mapping[str, Any]] = []
        for start in range(0, len(ids), PAGE_SIZE):
            chunk = ids[start : start + PAGE_SIZE]
            token: str | None = None
            while True:
                params = {"filter.ids": ",".join(chunk), "pageSize": str(PAGE_SIZE)}
                if fields:
                    params["fields"] = fields
                if token:
                    params["pageToken"] = token
                url = f"{self.base}studies?{urllib.parse.urlencode(params)}"
                page = self.transport.call(
                    urllib.request.Request(url, headers={"Accept": "application/json"}),
                    _parse_page,
                    item=f"{len(chunk)} NCT number(s)",
                )
                studies.extend(page.get("studies") or ())
                token = page.get("nextPageToken")
                if not token:
                    break
        return studies


def _parse_page(response: Response) -> Mapping[str, Any]:
    if looks_like_html(response.body):
        raise ParseError("an HTML page instead of JSON (maintenance?)")
    if response.status >= 400:
        snippet = response.body[:200].decode("utf-8", "replace").strip()
        raise UpstreamError(f"ClinicalTrials.gov answered HTTP {response.status}: {snippet}")
    try:
        page = json.loads(response.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"reply is not JSON ({exc})") from exc
    if not isinstance(page, dict):
        raise ParseError("reply is not a JSON object")
    return page
