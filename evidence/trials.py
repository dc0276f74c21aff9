"""ClinicalTrials.gov API v2 study JSON -> :class:`~evidence.models.Trial` (pure).

Only the fields a summary and a reviewer need are lifted into the dataclass; the raw JSON is
stored beside it, so later features (results sections, adverse events) re-parse it offline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from evidence.errors import ParseError
from evidence.models import Trial, TrialReference


def parse_study(data: bytes | Mapping[str, Any], *, item: str | None = None) -> Trial:
    """One API v2 study document (bytes or an already decoded mapping) as a :class:`Trial`."""
    study = _load(data, item) if isinstance(data, bytes | bytearray) else data
    protocol = _mapping(study.get("protocolSection"))
    ident = _mapping(protocol.get("identificationModule"))
    nct_id = ident.get("nctId")
    if not isinstance(nct_id, str) or not nct_id:
        raise ParseError("study has no protocolSection.identificationModule.nctId", item=item)
    status = _mapping(protocol.get("statusModule"))
    design = _mapping(protocol.get("designModule"))
    enrollment = _mapping(design.get("enrollmentInfo"))
    sponsor = _mapping(_mapping(protocol.get("sponsorCollaboratorsModule")).get("leadSponsor"))
    count = enrollment.get("count")
    return Trial(
        nct_id=nct_id.upper(),
        brief_title=_text(ident.get("briefTitle")),
        official_title=_text(ident.get("officialTitle")),
        acronym=_text(ident.get("acronym")),
        overall_status=_text(status.get("overallStatus")),
        study_type=_text(design.get("studyType")),
        phases=tuple(str(p) for p in design.get("phases") or ()),
        enrollment=int(count) if isinstance(count, int | str) and str(count).isdigit() else None,
        enrollment_type=_text(enrollment.get("type")),
        start_date=_date(status, "startDateStruct"),
        primary_completion_date=_date(status, "primaryCompletionDateStruct"),
        completion_date=_date(status, "completionDateStruct"),
        last_update_posted=_date(status, "lastUpdatePostDateStruct"),
        lead_sponsor=_text(sponsor.get("name")),
        conditions=tuple(
            str(c) for c in _mapping(protocol.get("conditionsModule")).get("conditions") or ()
        ),
        references=_references(protocol),
        has_results=bool(study.get("hasResults")),
    )


def study_nct_id(study: Mapping[str, Any]) -> str | None:
    """The NCT number of a decoded study document, if it has one."""
    ident = _mapping(_mapping(study.get("protocolSection")).get("identificationModule"))
    value = ident.get("nctId")
    return value.upper() if isinstance(value, str) else None


def study_last_update(study: Mapping[str, Any]) -> str | None:
    """``lastUpdatePostDateStruct.date`` of a decoded study document."""
    return _date(
        _mapping(_mapping(study.get("protocolSection")).get("statusModule")),
        "lastUpdatePostDateStruct",
    )


def _load(data: bytes, item: str | None) -> Mapping[str, Any]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise ParseError(f"not valid JSON ({exc})", item=item, line=line) from exc
    if not isinstance(value, dict):
        raise ParseError("a study document must be a JSON object", item=item)
    return value


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(module: Mapping[str, Any], name: str) -> str | None:
    return _text(_mapping(module.get(name)).get("date"))


def _references(protocol: Mapping[str, Any]) -> tuple[TrialReference, ...]:
    refs = _mapping(protocol.get("referencesModule")).get("references") or ()
    return tuple(
        TrialReference(
            pmid=_text(ref.get("pmid")),
            type=_text(ref.get("type")),
            citation=_text(ref.get("citation")),
        )
        for ref in refs
        if isinstance(ref, dict)
    )
