"""The RIS tag tables :mod:`ris` (reading) and :mod:`ris_writer` share."""

from __future__ import annotations

import re

TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
RECORD_HINT = "each record starts with 'TY  - ' and ends with 'ER  - '"

# TY -> CSL type; the first TY listed for a type is the one the writer uses.
# fmt: off
TYPES: dict[str, str] = {
    "JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal",
    "ABST": "article-journal", "INPR": "article-journal", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CLSWK": "book", "SER": "book", "CHAP": "chapter", "ECHAP": "chapter",
    "CPAPER": "paper-conference", "CONF": "paper-conference", "RPRT": "report",
    "GOVDOC": "report", "THES": "thesis", "ELEC": "webpage", "WEB": "webpage",
    "BLOG": "post-weblog", "DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset",
    "GEN": "document", "CTLG": "document", "EQUA": "document", "GRANT": "document",
    "GRNT": "document", "MULTI": "document", "ANCIENT": "document", "PAT": "patent",
    "CASE": "legal_case", "STAT": "legislation", "LEGAL": "legislation", "BILL": "bill",
    "UNBILL": "bill", "HEAR": "hearing", "MAP": "map", "ART": "graphic", "FIGURE": "figure",
    "CHART": "figure", "SOUND": "song", "MUSIC": "musical_score", "MPCT": "motion_picture",
    "VIDEO": "motion_picture", "ADVS": "motion_picture", "PCOMM": "personal_communication",
    "ICOMM": "personal_communication", "MANSCPT": "manuscript", "UNPB": "article",
    "DICT": "entry-dictionary", "ENCYC": "entry-encyclopedia", "COMP": "software",
    "SLIDE": "speech", "PAMP": "pamphlet", "STAND": "standard",
}
# fmt: on
TY_OF = {csl_type: ty for ty, csl_type in reversed(TYPES.items())}  # first TY wins
A2_IS_EDITOR = {"CHAP", "ECHAP", "CONF", "CPAPER", "ENCYC", "DICT"}

PLAIN_TAGS = (
    ("UR", "URL"),
    ("PB", "publisher"),
    ("CY", "publisher-place"),
    ("LA", "language"),
    ("M3", "genre"),
    ("NV", "number-of-volumes"),
    ("CN", "call-number"),
)  # written in this order after the identifiers
