"""evidence: plain-language research summaries with citations a reviewer can trust.

The public API, re-exported here; the command line (``cli.py``) is one client of it.
"""

__version__ = "0.1.0"

from evidence.citations import AddReport, ItemResult, add_references, find_stored
from evidence.config import Settings, load_settings
from evidence.csl import article_to_csl, csl_to_record, record_to_csl, trial_to_csl
from evidence.ctgov import CtgovClient
from evidence.entrez import EntrezClient, EvidenceWarning
from evidence.errors import (
    BatchError,
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
from evidence.identifiers import CitationParts, Identifier, IdKind, inspect, parse, parse_many
from evidence.imports import ImportReport, import_csl
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
from evidence.pubmed import PubmedParse, parse_pubmed
from evidence.reparse import reparse
from evidence.store import Store, StoredRecord, open_store
from evidence.sync import SyncReport, sync
from evidence.trials import parse_study

__all__ = [
    "AbstractSection",
    "AddReport",
    "Article",
    "Author",
    "BatchError",
    "CitationParts",
    "CommentCorrection",
    "ConfigError",
    "CtgovClient",
    "EntrezClient",
    "EvidenceError",
    "EvidenceWarning",
    "Flag",
    "IdKind",
    "Identifier",
    "IdentifierError",
    "ImportReport",
    "InputError",
    "ItemResult",
    "MetadataSource",
    "NotFoundError",
    "OfflineMissError",
    "ParseError",
    "PubDate",
    "PubmedParse",
    "RateLimitedError",
    "ServiceUnavailableError",
    "Settings",
    "Store",
    "StoreError",
    "StoredRecord",
    "SyncReport",
    "Trial",
    "TrialReference",
    "UpstreamError",
    "__version__",
    "add_references",
    "article_to_csl",
    "csl_to_record",
    "find_stored",
    "import_csl",
    "inspect",
    "load_settings",
    "open_store",
    "parse",
    "parse_many",
    "parse_pubmed",
    "parse_study",
    "record_to_csl",
    "reparse",
    "sync",
    "trial_to_csl",
]
