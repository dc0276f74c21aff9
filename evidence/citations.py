"""Identifiers and pasted references -> stored records, in as few requests as the services allow.

:func:`add_references` runs the whole batch in three steps:

1. **parse** every input (pure; bad ones are reported, good ones go on);
2. **resolve** what the store lacks: DOIs and PMCIDs OR'd into one esearch, parsable
   references batched into one ECitMatch, a title search only for references ECitMatch cannot
   take, then one POST efetch for every PMID, and one ClinicalTrials.gov list call for every
   NCT number. That is the request-count lower bound R_min of DOMAIN.md §1.8;
3. **verify and write**: every match not made by PMID is checked against the fetched record
   (:mod:`evidence.matching`); ECitMatch ``AMBIGUOUS`` and failed checks are reported with
   candidates, never accepted. Good records and the publication <-> trial links are written in
   one transaction, so an error or Ctrl-C leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from evidence.ctgov import CtgovClient, FetchedTrial
from evidence.entrez import (
    ESEARCH_TERMS,
    CitationMatch,
    CitationQuery,
    CitationStatus,
    EntrezClient,
)
from evidence.errors import (
    EvidenceError,
    IdentifierError,
    NotFoundError,
    OfflineMissError,
    UnverifiedMatchError,
)
from evidence.identifiers import CitationParts, Identifier, IdKind, parse
from evidence.matching import normalise, rank, verify
from evidence.models import Article, MetadataSource, Trial
from evidence.pubmed import ParsedArticle
from evidence.store import Link, Store, StoredRecord

Status = Literal[
    "added", "updated", "unchanged", "in-store", "merged", "duplicate", "failed", "needs-review"
]
RAW_PUBMED = "pubmed-xml"
RAW_CTGOV = "ctgov-json"
MAX_CANDIDATES = 5
"""Candidates fetched and shown for a reference PubMed cannot match exactly."""
TRIAL_PUBLICATION_TYPES = frozenset({"RESULT", "DERIVED"})
"""Registry reference types that name the trial's own publications (not BACKGROUND reading)."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What happened to one input: its record key, or the error and any candidates."""

    input: str
    status: Status
    key: str | None = None
    error: EvidenceError | None = None
    candidates: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What a person should know although nothing failed (fields kept unmapped, merge
    disagreements, quirks of the file)."""

    @property
    def ok(self) -> bool:
        """True when the item is in the store."""
        return self.status not in ("failed", "needs-review")


@dataclass(frozen=True, slots=True)
class AddReport:
    """Per-item results in input order, and the requests spent per service."""

    items: tuple[ItemResult, ...]
    requests: dict[str, int] = field(default_factory=dict)

    @property
    def failures(self) -> tuple[ItemResult, ...]:
        """Items that did not make it into the store."""
        return tuple(item for item in self.items if not item.ok)


def describe(article: Article) -> str:
    """``PMID 34097854: Moreau P, Lancet 2021;397:2361-71`` for candidate lists."""
    author = article.authors[0].short if article.authors else "no author"
    where = f"{article.journal_iso or article.journal_title or '?'} {article.year or '?'}"
    issue = f";{article.volume or '?'}:{article.pages or article.elocation or '?'}"
    return f"PMID {article.pmid}: {author}, {where}{issue} - {(article.plain_title or '')[:70]}"


def add_references(
    inputs: Sequence[str],
    store: Store,
    *,
    entrez: EntrezClient | None = None,
    ctgov: CtgovClient | None = None,
    offline: bool = False,
    refetch_unfetched: bool = False,
) -> AddReport:
    """Resolve and store every input; report each one, in input order (see the module docstring).

    An input that names the same record as an earlier one gets that one's result. With
    ``refetch_unfetched``, a stored record whose metadata was typed by hand or imported is
    fetched again, so the upstream record replaces it.
    """
    parsed = [_parse_one(text) for text in inputs]
    identifiers: dict[str, Identifier] = {}
    for entry in parsed:
        if isinstance(entry, Identifier):
            identifiers.setdefault(entry.key, entry)
    results: dict[str, ItemResult] = {}  # by identifier key
    pending: list[Identifier] = []
    for ident in identifiers.values():
        stored = find_stored(store, ident)
        if stored is not None and refetch_unfetched and not offline and _unfetched(stored):
            pending.append(ident)
        elif stored is not None:
            results[ident.key] = _in_store(ident, stored)
        elif offline:
            miss = OfflineMissError("not in the store", item=ident.raw)
            results[ident.key] = ItemResult(ident.raw, "failed", error=miss)
        else:
            pending.append(ident)
    requests: dict[str, int] = {}
    if pending:
        if entrez is None or ctgov is None:
            raise ValueError("entrez and ctgov clients are needed to resolve new identifiers")
        before = (entrez.requests_sent, ctgov.requests_sent)
        resolver = _Resolver(entrez, ctgov)
        resolver.run(pending)
        with store.transaction():
            for ident in pending:
                results[ident.key] = resolver.store_one(ident, store)
            store.add_links(resolver.links())
        requests = {
            "eutils": entrez.requests_sent - before[0],
            "ctgov": ctgov.requests_sent - before[1],
        }
    items = tuple(
        ItemResult(text, "failed", error=entry)
        if isinstance(entry, IdentifierError)
        else replace(results[entry.key], input=text)
        for text, entry in zip(inputs, parsed, strict=True)
    )
    return AddReport(items=items, requests=requests)


def _parse_one(text: str) -> Identifier | IdentifierError:
    try:
        return parse(text)
    except IdentifierError as error:
        return error


def _in_store(ident: Identifier, stored: StoredRecord) -> ItemResult:
    """A stored record is checked against a pasted reference as a fetched one would be."""
    if ident.citation is not None and stored.article is not None:
        verdict = verify(ident.citation, stored.article)
        if not verdict.ok:
            error = UnverifiedMatchError(
                f"the stored record disagrees with the reference: {'; '.join(verdict.mismatches)}",
                item=ident.raw,
                hint="correct the reference, or cite the stored record by its PMID",
                candidates=[describe(stored.article)],
            )
            return ItemResult(ident.raw, "needs-review", error=error, candidates=error.candidates)
    return ItemResult(ident.raw, "in-store", key=stored.key)


def _unfetched(stored: StoredRecord) -> bool:
    record = stored.article or stored.trial
    return record is not None and record.source in (MetadataSource.MANUAL, MetadataSource.IMPORTED)


def find_stored(store: Store, ident: Identifier) -> StoredRecord | None:
    """The stored record an identifier names, without the network (citations by fields)."""
    if ident.kind is not IdKind.CITATION:
        return store.get(ident.key)
    parts = ident.citation
    if parts is None:
        return None
    for record in store.records("article"):
        if record.article is not None and verify(parts, record.article).ok:
            if parts.volume and parts.first_page:
                return record
    return None


def trial_links(trial: Trial) -> list[Link]:
    """Links from a registry record to its own publications (``RESULT``/``DERIVED`` references)."""
    return [
        Link(pmid=ref.pmid, nct_id=trial.nct_id, origin="ctgov-reference")
        for ref in trial.references
        if ref.pmid and (ref.type or "").upper() in TRIAL_PUBLICATION_TYPES
    ]


class _Resolver:
    """The network half of one batch: searches, one efetch, one trial fetch, then lookups."""

    def __init__(self, entrez: EntrezClient, ctgov: CtgovClient) -> None:
        self.entrez = entrez
        self.ctgov = ctgov
        self.by_pmid: dict[str, ParsedArticle] = {}
        self.trials: dict[str, FetchedTrial] = {}
        self.cite_matches: dict[str, CitationMatch] = {}
        self.candidates: dict[str, list[str]] = {}
        self.stored_articles: list[Article] = []
        self.stored_trials: list[Trial] = []

    def run(self, pending: Sequence[Identifier]) -> None:
        """Do every network lookup the batch needs, in as few requests as possible."""
        wanted: list[str] = [i.value for i in pending if i.kind is IdKind.PMID]
        wanted.extend(self._search_article_ids(pending))
        wanted.extend(self._match_citations(pending))
        if wanted:
            parsed = self.entrez.efetch(wanted)
            self.by_pmid = {r.article.pmid: r for r in parsed.records if r.article.pmid}
        ncts = [i.value for i in pending if i.kind is IdKind.NCT]
        if ncts:
            self.trials = self.ctgov.fetch(ncts)

    def _search_article_ids(self, pending: Sequence[Identifier]) -> list[str]:
        """DOIs and PMCIDs OR'd together, :data:`ESEARCH_TERMS` per esearch."""
        by_id = [i for i in pending if i.kind in (IdKind.DOI, IdKind.PMCID)]
        found: list[str] = []
        for start in range(0, len(by_id), ESEARCH_TERMS):
            term = " OR ".join(_search_clause(i) for i in by_id[start : start + ESEARCH_TERMS])
            found.extend(self.entrez.esearch(term).ids)
        return found

    def _match_citations(self, pending: Sequence[Identifier]) -> list[str]:
        """One ECitMatch for every parsable reference; a search for the rest and the misses."""
        citations = [i for i in pending if i.kind is IdKind.CITATION and i.citation]
        ready = [i for i in citations if i.citation and i.citation.ecitmatch_ready]
        found: list[str] = []
        queries = [_citation_query(str(n), i.citation) for n, i in enumerate(ready) if i.citation]
        if queries:
            for ident, answer in zip(ready, self.entrez.ecitmatch(queries), strict=True):
                self.cite_matches[ident.raw] = answer
                if answer.pmid:
                    found.append(answer.pmid)
        for ident in citations:
            match = self.cite_matches.get(ident.raw)
            if match is not None and match.pmid is not None:
                continue
            search = _candidate_search(ident.citation) if ident.citation else None
            if search:
                candidates = list(self.entrez.esearch(search).ids[:MAX_CANDIDATES])
                self.candidates[ident.raw] = candidates
                found.extend(candidates)
        return found

    def store_one(self, ident: Identifier, store: Store) -> ItemResult:
        """Verify and write the record one identifier resolved to; report what happened."""
        # Only the lookup may fail per item; a store error aborts (and rolls back) the batch.
        try:
            found = self._lookup(ident)
        except UnverifiedMatchError as review:
            return ItemResult(ident.raw, "needs-review", error=review, candidates=review.candidates)
        except EvidenceError as exc:
            return ItemResult(ident.raw, "failed", error=exc)
        if isinstance(found, FetchedTrial):
            outcome = store.put_trial(found.trial, found.raw, RAW_CTGOV)
            self.stored_trials.append(found.trial)
        else:
            outcome = store.put_article(found.article, found.raw, RAW_PUBMED)
            self.stored_articles.append(found.article)
        return ItemResult(ident.raw, outcome.action, key=outcome.key)

    def _lookup(self, ident: Identifier) -> ParsedArticle | FetchedTrial:
        if ident.kind is not IdKind.NCT:
            return self._article_for(ident)
        fetched = self.trials.get(ident.value)
        if fetched is None:
            raise NotFoundError(f"{ident.value} not found in ClinicalTrials.gov", item=ident.raw)
        return fetched

    def links(self) -> list[Link]:
        """Publication <-> trial links named by the records stored, both ways.

        Candidates fetched only to be shown to the writer are not stored, and link nothing.
        """
        links = [
            Link(pmid=article.pmid, nct_id=nct, origin="pubmed-databank")
            for article in self.stored_articles
            if article.pmid
            for nct in article.nct_ids
        ]
        for trial in self.stored_trials:
            links.extend(trial_links(trial))
        return links

    def _article_for(self, ident: Identifier) -> ParsedArticle:
        if ident.kind is IdKind.PMID:
            found = self.by_pmid.get(ident.value)
            if found is None:
                raise NotFoundError(f"PMID {ident.value} not found in PubMed", item=ident.raw)
        elif ident.kind in (IdKind.DOI, IdKind.PMCID):
            found = self._by_article_id(ident)
        else:
            return self._by_citation(ident)
        if ident.citation is not None:
            self._check(ident, ident.citation, found)
        return found

    def _by_article_id(self, ident: Identifier) -> ParsedArticle:
        for parsed in self.by_pmid.values():
            article = parsed.article
            if ident.kind is IdKind.DOI and (article.doi or "").lower() == ident.value:
                return parsed
            if ident.kind is IdKind.PMCID and (article.pmcid or "").upper() == ident.value:
                return parsed
        label = "DOI" if ident.kind is IdKind.DOI else "PMCID"
        raise NotFoundError(
            f"no PubMed record has {label} {ident.value}",
            item=ident.raw,
            hint="check it for typos; if the article is not in PubMed, add it by hand",
        )

    def _by_citation(self, ident: Identifier) -> ParsedArticle:
        parts = ident.citation
        assert parts is not None  # noqa: S101 - only citations with parts reach here
        match = self.cite_matches.get(ident.raw)
        if match is not None and match.pmid and match.pmid in self.by_pmid:
            found = self.by_pmid[match.pmid]
            self._check(ident, parts, found)
            return found
        pool = [
            self.by_pmid[p].article for p in self.candidates.get(ident.raw, ()) if p in self.by_pmid
        ]
        ranked = rank(parts, pool)
        if match is not None and match.status is CitationStatus.AMBIGUOUS:
            raise UnverifiedMatchError(
                f"PubMed finds several articles for this reference ({match.detail})",
                item=ident.raw,
                hint="add the right one by PMID or DOI",
                candidates=[describe(a) for a, _v in ranked[:MAX_CANDIDATES]],
            )
        passing = [(a, v) for a, v in ranked if v.ok]
        if len(passing) == 1 and passing[0][0].pmid:
            return self.by_pmid[passing[0][0].pmid]
        detail = match.detail if match is not None else "no ECitMatch query possible"
        if ranked:
            raise UnverifiedMatchError(
                f"no PubMed record matches this reference exactly ({detail})",
                item=ident.raw,
                hint="check the reference, or add the right candidate by PMID",
                candidates=[
                    f"{describe(a)} [{'; '.join(v.mismatches) or 'matches'}]"
                    for a, v in ranked[:MAX_CANDIDATES]
                ],
            )
        raise NotFoundError(
            f"no PubMed record matches this reference ({detail})",
            item=ident.raw,
            hint="add it by PMID or DOI, or check journal, year, volume and first page",
        )

    def _check(self, ident: Identifier, parts: CitationParts, found: ParsedArticle) -> None:
        verdict = verify(parts, found.article)
        if not verdict.ok:
            raise UnverifiedMatchError(
                f"PubMed's record disagrees with the reference: {'; '.join(verdict.mismatches)}",
                item=ident.raw,
                hint="correct the reference, or add the record by its PMID if it is right",
                candidates=[describe(found.article)],
            )


def _search_clause(ident: Identifier) -> str:
    field_tag = "doi" if ident.kind is IdKind.DOI else "pmcid"
    return f'"{ident.value}"[{field_tag}]'


def _citation_query(key: str, parts: CitationParts | None) -> CitationQuery:
    assert parts is not None  # noqa: S101 - filtered by the caller
    author = " ".join(p for p in (parts.first_author, parts.first_author_initials) if p)
    return CitationQuery(
        key=key,
        journal=parts.journal or "",
        year=str(parts.year or ""),
        volume=parts.volume or "",
        first_page=parts.first_page or "",
        author=author.lower(),
    )


def _candidate_search(parts: CitationParts) -> str | None:
    clauses = [f"{word}[ti]" for word in _title_words(parts.title)]
    if parts.first_author:
        clauses.append(f"{parts.first_author}[1au]")
    if parts.journal:
        clauses.append(f'"{parts.journal}"[ta]')
    if parts.year:
        clauses.append(f"{parts.year}[dp]")
    return " AND ".join(clauses) if len(clauses) >= 2 else None


def _title_words(title: str | None, limit: int = 6) -> list[str]:
    """The first few significant words of a title, each searched in the title field."""
    if not title:
        return []
    return [word for word in normalise(title).split() if len(word) > 3][:limit]
