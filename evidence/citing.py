"""A numbered reference list for stored sources, in a citation style (``evidence cite``)."""

from __future__ import annotations

from collections.abc import Sequence

from evidence.errors import NotFoundError
from evidence.identifiers import parse
from evidence.models import Article, Trial
from evidence.numbering import Numbering
from evidence.sourcetext import Snapshot
from evidence.store import Store
from evidence.styles import Markup, Style, format_reference


def reference_list(
    store: Store, sources: Sequence[str], style: Style, *, markup: Markup = "text"
) -> list[str]:
    """``1. Moreau P, ...`` for each source, numbered in the order given (repeats share one).

    ``sources`` are identifiers in any form (``34097854``, ``doi:...``) or ``url:`` keys of
    captured web pages. A source the store does not hold is an error naming it.
    """
    numbering = Numbering()
    records: dict[str, Article | Trial | Snapshot] = {}
    for text in sources:
        key = text if text.startswith("url:") else parse(text).key
        record = citable(store, key)
        if record is None:
            raise NotFoundError("not in the store", item=text, hint="add it with `evidence add`")
        records[key] = record
        numbering.cite([key])
    return [
        f"{number}. "
        + format_reference(records[key], style, markup=markup, accessed=accessed_date(store, key))
        for number, key in enumerate(numbering.order, start=1)
    ]


def citable(store: Store, key: str) -> Article | Trial | Snapshot | None:
    """What a reference list shows for ``key``: the stored record, else a captured web page."""
    stored = store.get(key)
    if stored is not None:
        return stored.article or stored.trial
    return store.get_snapshot(key)


def accessed_date(store: Store, key: str) -> str | None:
    """When the source's text was captured (a web page's access date), if it was."""
    snapshot = store.get_snapshot(key)
    return snapshot.accessed if snapshot is not None else None
