"""Which endpoint a number reports: endpoint phrases and abbreviation definitions (pure).

Two sorts of endpoint phrase are found in a text:

- **named endpoints** (strong): a fixed vocabulary of clinical endpoints: survival and X-free
  survival, time to X, duration of response, response and remission (objective, complete,
  partial, pathologic ...), MRD negativity, mortality and death, adverse events (grade >= 3,
  serious, treatment-emergent, immune-mediated), toxicity, discontinuation, dose reduction
  (interruption, delay, modification), adherence,
  complications, re-intervention, relapse, recurrence, progression, exacerbations, infections, X
  failure, locoregional control, stroke, transfusion independence; and their usual abbreviations
  (PFS, OS, EFS, DFS, ORR, CR, MRD, AEs ..., radiographic "rPFS", real-world "rwOS", "PFS2",
  with a grade or qualifier before them: "grade >=3 TRAEs", "serious AEs", "immune-mediated
  AEs"), and any abbreviation the text defines as one ("invasive disease-free survival
  (iDFS)" makes "iDFS" named). Adjacent names are joined ("MRD negativity CR rate", "stringent
  CR/CR rate").
- **outcome phrases** (weak): the noun phrase after "risk of", "odds of", "incidence of",
  "rate of", "associated with", "association with", "more likely to", "with respect to",
  "in terms of", or before "risk" ("pancreatic cancer risk").

An abbreviation is expanded only where the text defines it ("progression-free survival
(PFS, ...)", "minimal residual disease (MRD)"), found with the Schwartz-Hearst rule: the
abbreviation's letters occur in order in the words before the parenthesis, the first at the
start of a word. Leading articles, comparatives and time points ("the", "higher", "an
inferior", "3-year") and a trailing "rate" are dropped; nothing else is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GRADE = (  # "grade >=3", "grade 3 or higher", "grade 3-4", "grade 3 to 5"
    r"grade (?:\u2265 ?|>= ?)?3(?: or (?:higher|greater|more|above)|[\u2013/-][45]| to [45]| or 4)?"
)
_NAMED = (
    r"(?:progression|event|disease|relapse|recurrence|metastasis|leuka?emia|lymphoma|failure"
    r"|treatment failure)[- ]free survival"
    r"|(?:overall |cancer[- ]specific |disease[- ]specific |relative )?survival"
    r"|time to (?:first |next )?(?:progression|treatment failure|next treatment|treatment"
    r"|response|recurrence|relapse|death|deterioration|remission|discontinuation"
    r"|castration[- ]resistance|engraftment|(?:neutrophil|platelet) (?:recovery|engraftment))"
    r"|duration of (?:response|remission|disease control)"
    r"|(?:(?:objective|overall|best overall|complete|partial|clinical|pathologic(?:al)?|major"
    r"|molecular|cytogenetic|ha?ematologic|virologic|sustained virologic|stringent complete"
    r"|very good partial|metabolic|durable)[ -])*(?:response|remission)s?"
    r"|respon(?:ded|ders?)|disease control|clinical benefit"
    r"|(?:minimal|measurable) residual disease(?:[- ]negativ(?:e|ity))?"
    r"|(?:all-cause |overall |cardiovascular |cancer[- ]specific |in-hospital |treatment-related "
    r"|\d+-day )?mortality"
    r"|deaths?|died(?: (?:of|from) [a-z -]{3,40}?(?=[,;.)]|$| and ))?"
    rf"|(?:{_GRADE}[a-z, -]{{0,40}}?)?"
    r"(?:(?:serious|severe|treatment-emergent|treatment-related|immune-(?:related|mediated)"
    r"|drug-related"
    r"|nonha?ematologic|ha?ematologic)[ -])*(?:adverse (?:events?|reactions?|effects?)"
    r"|toxicit(?:y|ies)|side[- ]effects?)"
    r"|discontinuations?|dose (?:reductions?|interruptions?|delays?|modifications?)"
    r"|adherence|compliance|complications?|re-?interventions?|reoperations?"
    r"|readmissions?|hospitali[sz]ations?|relapses?|recurrences?|progression"
    r"|exacerbations?|infections?|(?:febrile )?neutropenia|thrombocytopenia|ana?emia"
    r"|cytokine[- ]release syndrome|(?:immune effector cell-associated )?neurotoxicity"
    r"(?: syndrome)?|(?:acute |chronic )?graft[- ]versus[- ]host disease"
    r"|infusion[- ]related reactions?|tumou?r lysis syndrome|pneumonitis"
    r"|peripheral (?:sensory )?neuropathy"
    r"|(?:locoregional|local|regional|distant) (?:control|failure|recurrence)"
    r"|(?:respiratory|heart|renal|kidney|liver|treatment|graft|virologic) failure"
    r"|stroke|myocardial infarction"
    r"|(?:(?:RBC|red blood cell|platelet)[ -])?transfusion[- ]independen(?:ce|t)"
)
_ABBREVIATIONS = (
    r"(?:m|r|mr|rw)?PFS2?|(?:m|rw)?OS|EFS|DFS|RFS|MFS|TTP|TTF|TTNT|DoR|DOR|ORR|CRR|CR|sCR|nCR"
    r"|PR|VGPR|pCR|u?MRD[456]?"
    r"|MR[345](?:\.5)?"
    r"|DCR|CBR|LRC|LRF|AEs?|SAEs?|TEAEs?|TRAEs?|irAEs?|CRc|CRi|CRh|MMR|CCyR|DMR|CRS|ICANS"
    r"|a?GVHD|cGVHD|TLS|IRRs?"
)
_NAMED_RE = re.compile(
    rf"(?<![\w-])(?:(?i:{_NAMED})|(?i:(?:{_GRADE}[ ])?(?:(?:stringent|confirmed|pathologic(?:al)?"
    r"|best|serious|immune-(?:related|mediated))[ ])?)"
    rf"(?:{_ABBREVIATIONS})(?:[- ]?negativ(?:e|ity))?)(?: rates?)?(?![\w-])"
)
_RATE_WORD = re.compile(r"[ ]+rates?$", re.IGNORECASE)
_ESTIMATE_NEXT = re.compile(r"[,;][ \u00a0]*[\d.\u00b7\u2212-]")
_PHRASE_END = (
    r"(?=\s*(?:[(\[;,.:]|$|\b(?:and|which|that|was|were|is|in|at|among|compared|than|after|"
    r"with|by|for|versus|vs|but|while|when)\b))"
)
_X = rf"(?P<x>[A-Za-z][^()\[\];,.:\d]{{0,60}}?){_PHRASE_END}"
_OUTCOME_RE = re.compile(
    r"(?i:(?:risks?|odds|incidence|likelihood|rates?|prevalence|occurrence|probability)\s+of"
    r"|associated\s+with|association\s+(?:with|to|between)|(?:more|less)\s+likely\s+to)\s+" + _X
)
_TOPIC_RE = re.compile(
    r"(?i:with\s+respect\s+to|in\s+terms\s+of|regarding)\s+"
    r"(?P<x>[A-Za-z][^()\[\];,.:\d]{0,100}?)(?=\s*[(\[;,.:])"
)
_RISK_AFTER = re.compile(r"(?P<x>\b[a-z][\w-]*(?: [a-z][\w-]*)?) risk\b")
_LEADING = re.compile(
    r"^(?:(?:the|a|an|their|its|higher|lower|increased|decreased|elevated|reduced|greater"
    r"|inferior|superior|improved|worse|better|longer|shorter|significantly|significant"
    r"|having|have|has|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|eighteen|twenty|thirty|sixty|ninety)-(?:day|week|month|year))\s+)+",
    re.IGNORECASE,
)
_JOIN = re.compile(r"[ /-]?| or ")
_NOT_ENDPOINT = frozenset(
    {"higher", "lower", "increased", "decreased", "elevated", "reduced", "the", "a", "an", "its"}
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """An endpoint phrase at ``[start, end)``; ``strong`` for a named endpoint."""

    start: int
    end: int
    text: str
    strong: bool


def definitions(text: str) -> dict[str, str]:
    """Abbreviations the text defines, each with its long form ("PFS" -> "progression-free ...")."""
    found: dict[str, str] = {}
    for match in re.finditer(r"[(\[](?P<abbr>[A-Za-z][A-Za-z0-9-]{0,9})(?=[,;)\]])", text):
        abbr = match.group("abbr")
        if sum(c.isupper() for c in abbr) < 2 and not (abbr[:1].isupper() and len(abbr) <= 3):
            continue
        if _ESTIMATE_NEXT.match(text, match.end()):
            continue  # "the HRD subgroup (HR, 0.37; ...)" labels an estimate, defines nothing
        long_form = _long_form(abbr, text[max(0, match.start() - 160) : match.start()])
        if long_form and abbr not in found:
            found[abbr] = long_form
    return found


def _long_form(abbr: str, before: str) -> str | None:
    """Schwartz-Hearst: the shortest word run ending ``before`` that spells ``abbr``."""
    letters = [c.lower() for c in abbr if c.isalnum()]
    if abbr.endswith("s") and abbr[:-1].isupper():
        letters = letters[:-1]
    words = before.rstrip().split()
    if not words or not letters:
        return None
    candidate = " ".join(words[-min(len(letters) + 5, 2 * len(letters)) :])
    i = len(candidate) - 1
    for k in range(len(letters) - 1, -1, -1):
        c = letters[k]
        while i >= 0 and (
            candidate[i].lower() != c or (k == 0 and i > 0 and candidate[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
    start = candidate.rfind(" ", 0, i + 1) + 1
    long_form = candidate[start:].strip(" ,;:")
    return long_form if (" " in long_form or "-" in long_form) else None


class Endpoints:
    """Endpoint phrases of one text, and the nearest one before an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.abbreviations = definitions(text)
        longest = sorted(self.abbreviations, key=len, reverse=True)
        self._defined_re = (
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, longest))})(?![\w])")
            if longest
            else None
        )
        named = [Phrase(m.start(), m.end(), m.group(), True) for m in _NAMED_RE.finditer(text)]
        named += self._defined(named)
        self.named = _joined(text, sorted(named, key=lambda p: (p.start, -p.end)))
        weak = [
            Phrase(m.start("x"), m.end("x"), m.group("x"), False)
            for pattern in (_OUTCOME_RE, _TOPIC_RE)
            for m in pattern.finditer(text)
        ]
        weak += [
            Phrase(m.start("x"), m.end("x"), m.group("x"), False)
            for m in _RISK_AFTER.finditer(text)
            if m.group("x").split()[-1].lower() not in _NOT_ENDPOINT
        ]
        self.phrases = sorted([*self.named, *weak], key=lambda p: (p.end, p.end - p.start))

    def _defined(self, named: list[Phrase]) -> list[Phrase]:
        """Uses of an abbreviation the text defines as a named endpoint, not already named
        ("invasive disease-free survival (iDFS)" makes "the 3-year iDFS rate" a named one)."""
        found: list[Phrase] = []
        for abbr, long_form in self.abbreviations.items():
            if not _NAMED_RE.search(long_form):
                continue
            pattern = rf"(?<![\w-]){re.escape(abbr)}(?: rates?)?(?![\w-])"
            for m in re.finditer(pattern, self.text):
                if not any(p.start <= m.start() < p.end for p in named):
                    found.append(Phrase(m.start(), m.end(), m.group(), True))
        return found

    def before(self, position: int, floor: int, *, strong_only: bool = False) -> Phrase | None:
        """The phrase ending nearest before ``position`` and starting at or after ``floor``.

        A named endpoint inside the chosen outcome phrase replaces it ("stroke" in "incidence
        of stroke rose"): the named endpoint is the more exact reading.
        """
        best: Phrase | None = None
        for phrase in self.named if strong_only else self.phrases:
            if phrase.start >= floor and phrase.end <= position:
                if (
                    best is None
                    or phrase.end > best.end
                    or (phrase.end == best.end and phrase.start < best.start)
                ):
                    best = phrase
        if best is not None and not best.strong:
            inside = self.named_between(best.start, best.end)
            if inside:
                return max(inside, key=lambda p: p.end - p.start)
        return best

    def named_between(self, start: int, end: int) -> list[Phrase]:
        """Named endpoints wholly inside ``[start, end)``, in reading order."""
        return [p for p in self.named if p.start >= start and p.end <= end]

    def normal(self, phrase: str) -> str:
        """The phrase with defined abbreviations expanded, leading modifiers and a trailing
        "rate" dropped ("the 3-year PFS rates" -> "progression-free survival")."""
        words = _RATE_WORD.sub("", _LEADING.sub("", phrase.strip()).strip())
        if self._defined_re is not None:  # longest first: "RBC-TI" before the "RBC" in it
            words = self._defined_re.sub(lambda m: self.abbreviations[m.group()], words)
        return words or phrase.strip()


def _joined(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """Adjacent named endpoints as one phrase ("MRD negativity CR rate", "sCR/CR rate")."""
    out: list[Phrase] = []
    for phrase in phrases:
        if out and _JOIN.fullmatch(text, out[-1].end, phrase.start):
            last = out.pop()
            phrase = Phrase(last.start, phrase.end, text[last.start : phrase.end], True)
        out.append(phrase)
    return out
