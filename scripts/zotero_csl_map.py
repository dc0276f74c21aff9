"""Write evidence/_data/zotero-csl-map.json: the parts of the Zotero global schema we map with.

The Zotero global schema (``https://api.zotero.org/schema``; the copy used is the fixture
``../shared/fixtures/zotero/web-library/schema.json``) is ~490 KB, mostly localised labels. The
mapping in ``evidence/zotero_fields.py`` needs only three parts of it, kept verbatim:

- ``version``: the schema version, so a caller can tell which schema the mapping follows;
- ``itemTypes``: per item type, its valid fields (with the ``baseField`` each type-specific
  field stands for, e.g. ``bookTitle`` -> ``publicationTitle``) and its creator types (the
  ``primary`` one flagged);
- ``csl``: Zotero's own mapping of item types, fields and creator types to CSL.

    uv run python scripts/zotero_csl_map.py [SCHEMA_JSON] [OUTPUT_JSON]

The output is deterministic (sorted keys, one-space indent, UTF-8, trailing newline) so that
``tests/test_zotero_fields.py`` can regenerate it from the fixture and compare bytes.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVIDENCE_SHARED_DIR", ROOT.parent / "shared"))
DEFAULT_SCHEMA = SHARED / "fixtures" / "zotero" / "web-library" / "schema.json"
DEFAULT_OUTPUT = ROOT / "evidence" / "_data" / "zotero-csl-map.json"


def trim(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The version, item types (fields, base fields, creator types) and CSL section of a schema."""
    item_types = [
        {
            "itemType": entry["itemType"],
            "fields": [
                {k: field[k] for k in ("field", "baseField") if k in field}
                for field in entry["fields"]
            ],
            "creatorTypes": [
                {k: creator[k] for k in ("creatorType", "primary") if k in creator}
                for creator in entry["creatorTypes"]
            ],
        }
        for entry in schema["itemTypes"]
    ]
    return {
        "generatedBy": "scripts/zotero_csl_map.py from the Zotero global schema",
        "version": schema["version"],
        "itemTypes": item_types,
        "csl": schema["csl"],
    }


def render(schema: Mapping[str, Any]) -> str:
    """The trimmed schema as the exact text of the vendored data file."""
    return json.dumps(trim(schema), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Read the schema, write the data file; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("schema", nargs="?", type=Path, default=DEFAULT_SCHEMA)
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    args.output.write_text(render(schema), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
