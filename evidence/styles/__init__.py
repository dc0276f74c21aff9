"""Citation styles: AMA 11th and NLM (Citing Medicine) reference-list entries (pure).

Hand-written formatters that follow the vendored CSL files exactly (no citeproc engine):
see :mod:`evidence.styles.render` for the rules, including the forms chosen for trial
registry records and web-page snapshots, and :mod:`evidence.styles.pages` for page ranges.
CSL styles are by the Citation Style Language project (https://citationstyles.org/),
licensed CC BY-SA 3.0.
"""

from __future__ import annotations

from evidence.styles.names import KNOWN_STYLE_NAMES, Style, parent_of, resolve_style
from evidence.styles.pages import expand_pages, minimal_pages
from evidence.styles.render import Markup, format_reference

__all__ = [
    "KNOWN_STYLE_NAMES",
    "Markup",
    "Style",
    "expand_pages",
    "format_reference",
    "minimal_pages",
    "parent_of",
    "resolve_style",
]
