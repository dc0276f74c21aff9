"""Locate the shared fixtures (../shared/fixtures, or $EVIDENCE_SHARED_DIR/fixtures)."""

from __future__ import annotations

import os
import re
from pathlib import Path

SHARED = Path(
    os.environ.get("EVIDENCE_SHARED_DIR", Path(__file__).resolve().parents[1].parent / "shared")
)
FIXTURES = SHARED / "fixtures"

_PUBMED_ARTICLE = re.compile(rb"<PubmedArticle[\s>]")


def pubmed_fixture_files() -> list[Path]:
    """Every *.xml under FIXTURES/"pubmed" that contains a <PubmedArticle> element, sorted."""
    return sorted(
        path
        for path in (FIXTURES / "pubmed").rglob("*.xml")
        if _PUBMED_ARTICLE.search(path.read_bytes())
    )
