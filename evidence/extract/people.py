"""Words for the people a study counts and reports on (pure).

One list, so that "pts" (meeting abstracts) or "neonates" is a participant word wherever a
rule looks for one: a count ("Seventy-four pts were enrolled"), a rate's "of" ("58.9% of
pts"), an arm label ("of patients receiving X").
"""

from __future__ import annotations

import re

from evidence.extract.context import WHOLE

PEOPLE = (
    r"(?:patients|pts|participants|subjects|individuals|people|persons|adults|children|infants"
    r"|neonates|women|men|girls|boys|residents|volunteers|respondents)"
)
"""Plural nouns for study participants ("cases" is not one: "45 cases of hepatotoxicity" counts
events; a share "of cases" is read as of people, below)."""

_GROUP_NOUN = r"(?:arms?|groups?|cohorts?|populations?)"
_MODIFIER = r"(?!(?:in|of|with|at|per|from|on|for|to|and|or)\b)[\w+/\u2010\u2013-]+[ \u00a0]+"
DESCRIBED_PEOPLE = rf"(?:{_MODIFIER}){{0,2}}?{PEOPLE}"
"""People with up to two words before them: "transfusion-dependent patients", "evaluable pts"."""
PEOPLE_LATER = rf"and[ \u00a0]+\d[^;]{{0,40}}?\bof[ \u00a0]+(?:{_MODIFIER}){{0,3}}?{PEOPLE}\b"
"""The next value's people after "and", which are the earlier value's too: "79.4% of OV and
51.1% of CIT patients" (read as a lookahead after "of OV")."""
_OF_PEOPLE = re.compile(
    rf"[ \u00a0]*of[ \u00a0]+(?:(?:the|all|those|these)[ \u00a0]+)?(?:{WHOLE}[ \u00a0]+)?"
    rf"(?:(?:{_MODIFIER}){{0,3}}?(?:{PEOPLE}|cases|those|them|{_GROUP_NOUN}|[\w+/-]+-treated)\b"
    rf"|(?:{_MODIFIER}){{1,3}}?(?={PEOPLE_LATER}))",
    re.IGNORECASE,
)
_OF = re.compile(r"[ \u00a0]*of[ \u00a0]", re.IGNORECASE)


def of_people(text: str, position: int) -> int | None:
    """The end of an "of <people>" right at ``position`` ("of pts", "of the monotherapy
    cohort", "of AV-treated"), or None."""
    found = _OF_PEOPLE.match(text, position)
    return found.end() if found else None


def of_other_than_people(text: str, position: int) -> bool:
    """True when an "of" right at ``position`` is followed by something other than people:
    "17% of the dose", "30% of tumour cells" (a share of something), not "58.9% of pts", "38.4%
    of AV-treated", "21.6% of the monotherapy cohort", "12.3% of BRAF-mutant patients", "79.4%
    of OV and 51.1% of CIT patients"."""
    return _OF.match(text, position) is not None and _OF_PEOPLE.match(text, position) is None
