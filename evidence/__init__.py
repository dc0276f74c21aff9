"""evidence: plain-language research summaries with citations a reviewer can trust.

(``evidence.linkcheck``, ``evidence.zotero`` and ``evidence.zotero_sync`` are imported on their
own: they load httpx / pyzotero, which the rest never needs.)

The public API, re-exported here; the command line (``cli.py``) is one client of it.
"""

__version__ = "0.1.0"

from evidence.bibimport import ImportReport, import_files, resolve_imported
from evidence.checks import CheckReport, CitationCheck, check_summary
from evidence.citations import AddReport, ItemResult, add_references, find_stored
from evidence.citing import reference_list
from evidence.config import Settings, load_settings
from evidence.consistency import Problem, check_all, check_finding
from evidence.csl import article_to_csl, csl_to_record, record_to_csl, trial_to_csl
from evidence.ctgov import CtgovClient
from evidence.demo import Demo, run_demo
from evidence.entrez import EntrezClient, EvidenceWarning
from evidence.errors import (
    BatchError,
    CheckFailedError,
    ConfigError,
    EvidenceError,
    IdentifierError,
    InputError,
    NotFoundError,
    OfflineMissError,
    ParseError,
    RateLimitedError,
    ServiceUnavailableError,
    StoreError,
    UpstreamError,
)
from evidence.exports import export_bibliography, export_listing
from evidence.extract import extract, extract_registry_results, extract_text
from evidence.findings import Anchor, Finding, FindingKind, FindingStatus, Span
from evidence.identifiers import CitationParts, Identifier, IdKind, inspect, parse, parse_many
from evidence.imports import import_references, source_text
from evidence.intervals import Interval, find_intervals
from evidence.listing import Listing, load_listing
from evidence.models import (
    AbstractSection,
    Article,
    Author,
    CommentCorrection,
    Flag,
    MetadataSource,
    PubDate,
    Trial,
    TrialReference,
)
from evidence.numbercheck import CitedText, NumberCheck, StretchCheck, Verdict, check_numbers
from evidence.numbering import Numbering, collapse
from evidence.numbers import Number, find_numbers, parse_decimal
from evidence.proposals import propose_for, save_candidates
from evidence.pubmed import PubmedParse, parse_pubmed
from evidence.recording import Context, record_finding
from evidence.render import build_environment, render_listing
from evidence.reparse import reparse
from evidence.review import export_findings, problems_of, set_status
from evidence.rounding import rounds_to, same_number
from evidence.sourcetext import Snapshot, SourceText, article_text, locate, snapshot_text
from evidence.store import Store, StoredRecord, open_store
from evidence.styles import Style, format_reference, resolve_style
from evidence.summaries import summarize
from evidence.summarydoc import MarkupFormat, Summary, parse_summary
from evidence.sync import SyncReport, sync
from evidence.trials import parse_study

__all__ = [
    "AbstractSection",
    "AddReport",
    "Anchor",
    "Article",
    "Author",
    "BatchError",
    "CheckFailedError",
    "CheckReport",
    "CitationCheck",
    "CitationParts",
    "CitedText",
    "CommentCorrection",
    "ConfigError",
    "Context",
    "CtgovClient",
    "Demo",
    "EntrezClient",
    "EvidenceError",
    "EvidenceWarning",
    "Finding",
    "FindingKind",
    "FindingStatus",
    "Flag",
    "IdKind",
    "Identifier",
    "IdentifierError",
    "ImportReport",
    "InputError",
    "Interval",
    "ItemResult",
    "Listing",
    "MarkupFormat",
    "MetadataSource",
    "NotFoundError",
    "Number",
    "NumberCheck",
    "Numbering",
    "OfflineMissError",
    "ParseError",
    "Problem",
    "PubDate",
    "PubmedParse",
    "RateLimitedError",
    "ServiceUnavailableError",
    "Settings",
    "Snapshot",
    "SourceText",
    "Span",
    "Store",
    "StoreError",
    "StoredRecord",
    "StretchCheck",
    "Style",
    "Summary",
    "SyncReport",
    "Trial",
    "TrialReference",
    "UpstreamError",
    "Verdict",
    "__version__",
    "add_references",
    "article_text",
    "article_to_csl",
    "build_environment",
    "check_all",
    "check_finding",
    "check_numbers",
    "check_summary",
    "collapse",
    "csl_to_record",
    "export_bibliography",
    "export_findings",
    "export_listing",
    "extract",
    "extract_registry_results",
    "extract_text",
    "find_intervals",
    "find_numbers",
    "find_stored",
    "format_reference",
    "import_files",
    "import_references",
    "inspect",
    "load_listing",
    "load_settings",
    "locate",
    "open_store",
    "parse",
    "parse_decimal",
    "parse_many",
    "parse_pubmed",
    "parse_study",
    "parse_summary",
    "problems_of",
    "propose_for",
    "record_finding",
    "record_to_csl",
    "reference_list",
    "render_listing",
    "reparse",
    "resolve_imported",
    "resolve_style",
    "rounds_to",
    "run_demo",
    "same_number",
    "save_candidates",
    "set_status",
    "snapshot_text",
    "source_text",
    "summarize",
    "sync",
    "trial_to_csl",
]
