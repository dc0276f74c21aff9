"""Rebuild every parsed record from the raw upstream bytes the store keeps (no network).

After a parser fix, ``evidence refs reparse`` brings every stored record up to date offline.
A raw record that no longer parses is reported and its stored form is kept.
"""

from __future__ import annotations

import json

from evidence.bibimport import keep_local_key
from evidence.citations import RAW_CTGOV, RAW_PUBMED, ItemResult
from evidence.csl import RAW_CSL, csl_to_record
from evidence.errors import ParseError
from evidence.models import Trial
from evidence.pubmed import parse_pubmed
from evidence.store import Store, WriteOutcome
from evidence.trials import parse_study


def reparse(store: Store) -> tuple[ItemResult, ...]:
    """Re-parse every record with raw bytes, in one transaction; one result per record."""
    results: list[ItemResult] = []
    with store.transaction():
        for key, raw_format, raw in list(store.iter_raw()):
            try:
                if raw_format == RAW_PUBMED:
                    parsed = parse_pubmed(raw)
                    if len(parsed.records) != 1:
                        raise ParseError("raw record does not hold exactly one PubmedArticle")
                    outcome = store.put_article(parsed.records[0].article, raw, raw_format)
                elif raw_format == RAW_CTGOV:
                    outcome = store.put_trial(parse_study(raw, item=key), raw, raw_format)
                elif raw_format == RAW_CSL:
                    outcome = _reparse_csl(store, key, raw)
                else:
                    continue
            except ParseError as exc:
                error = ParseError(exc.message, item=key, hint="the stored form was kept")
                results.append(ItemResult(key, "failed", key=key, error=error))
                continue
            results.append(ItemResult(key, outcome.action, key=outcome.key))
    return tuple(results)


def _reparse_csl(store: Store, key: str, raw: bytes) -> WriteOutcome:
    """An imported record again from its CSL item, under the same key (url:/ref: ones too)."""
    record = csl_to_record(json.loads(raw), where=key)
    if isinstance(record, Trial):
        return store.put_trial(record, raw, RAW_CSL)
    stored = store.get(key)
    if stored is not None:
        record = keep_local_key(stored, record)
    return store.put_article(record, raw, RAW_CSL, replaces=key)
