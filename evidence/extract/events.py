"""Outcomes the sentence names when the vocabulary does not: "atrial fibrillation occurred in
6.4% vs 2.5%" (pure).

:mod:`evidence.extract.rates` asks here only for values no named endpoint governs. An event is
read from the clause in these shapes:

1. an event verb right before the values: *EVENT* occurred / was reported / was observed /
   was diagnosed / was seen / was noted / was documented / was recorded / was required / was
   used / was needed *in*, or was achieved / attained / reached / met / reported / required /
   needed / experienced / observed / seen *by* or *in* ("feeding tube placement was required
   in 11.6% vs 22.3%", "Arterial occlusive events were reported in 1.0% and 3.4% of
   patients", "An undetectable PSA at 6 months was attained by 72.0% and 55.9% of men,
   respectively", "Patient-controlled opioid analgesia was required by 21.4% vs 39.5%"); "the
   primary endpoint was met by" names the primary endpoint an earlier sentence defines ("The
   primary endpoint was RBC-TI");
2. the same verb left out in a later clause of a sentence that prints it: "Grade >=3 AEs
   occurred in 71.6% vs 76.9%; atrial fibrillation of any grade in 6.4% vs 2.5%, major
   bleeding in 3.4% vs 1.5%", "xerostomia was reported in 9.8% versus 24.6% of patients and
   hearing loss in 4.5% versus 15.1%"; the clause names no people ("... of women and men in")
   and holds no verb of its own ("At week 12, symptoms were reported by patients in");
2b. a treatment stopped or completed: "The trial drug was permanently discontinued in 16.4%
   ...", "Treatment was completed as planned by 271 of 306 patients (88.6%)" (the event is
   the subject with its verb: "trial drug was permanently discontinued");
3. the subject of "the (cumulative) incidence of *EVENT* [at/by/within a time] was": "The
   incidence of brain metastases at 24 months was 12.4% v 20.1%";
4. the subject of a comparison with the values (or a ratio) in brackets: "EBV reactivation
   was less frequent with PTCy (4.6% vs 19.5%), whereas haemorrhagic cystitis was more frequent
   (15.8% vs 6.0%)", "Bleeding was reduced (HR 0.58, ...)" (also lower, higher, improved,
   prolonged, longer, shorter); a group named after "with", "in" or "after" must be a
   document arm, and its values start with that arm's;
4b. the subject of a comparison printed after its bracket: "Stomatitis (any grade, 61% vs 9%
   vs 8%) was more common with Dato-D" ("any grade stomatitis");
4c. a row of a table flattened into a sentence, after a header naming the arms (see
   :func:`~evidence.extract.arms.header_arms`): "Wk 24 outcomes (A vs B vs C): SVR35, 26.3% vs
   34.5% vs 5.4%; Hb increase >=1.5 g/dL, 12.3% vs 15.5% vs 3.6%", "AEs by dose level
   (DL1/DL2/DL3) were taste changes 61%/58%/52%, nail changes 49%/55%/39%" (the row label,
   after a semicolon or colon, "were", or the previous row's values, is the event: "SVR35",
   "Hb increase >=1.5 g/dL", "nail changes");
4d. a row whose values each follow their arm, after a colon: "R0 resection of metastases: arm
   A 18.5%, arm B 25.0%, arm C 29.9%" (the words before the colon are the event);
5. an item of a list after "most commonly", "most common ... were", "including" or "such as",
   in a sentence that names adverse events, toxicity or side effects: "most commonly
   hypertension (19.0 per cent) and elevated aspartate aminotransferase (12.1 per cent)"; the
   lead may hold a grade ("The most common grade >=3 AEs were");
6. the words right before a bracket of values paired by vs/versus/v, at most six of them and
   neither a subgroup ("in women"), a trait ("ECOG 0", "female sex", "prior chemotherapy") nor
   holding a number other than a time point ("at 1 yr", "within 28 days"): "hot flashes (11.2%
   vs 0%)", "Relapse at 1 yr (17% vs 20%) and NRM (11% vs 12%) did not differ", "Hospital
   admission within 28 days was uncommon (1.8% v 1.6%)"; or, with no verb and no value
   between, the row label after ``; : (``, the previous row's values ("%,") or the sentence
   start: "(mucositis, 31.8% v 45.3%; dysphagia, 24.0% v 36.8%)", "Any-grade rash: 33.1% vs
   40.2%; G>=3 fatigue 2.9% vs 6.3%", "G>=3 TRAEs: neutropenia 41.7% vs 38.3%, hypertension
   15.0% vs 1.7%" (not "Overall, 31.8% v 45.3%", nor an analysis after "%,": "Mortality was
   10% vs 14%, adjusted 9% vs 13%"). Never an arm, a grade or time alone, words with a verb, a
   breakdown's item ("Response by site: lung, 45% vs 30%"), nor in or after a sentence about
   baseline characteristics ("balanced", "similar in", "well matched").

No rule reads a survey answer as an event: satisfaction, preference, willingness, a
questionnaire or survey ("Satisfaction with treatment was reported by 83.3% vs 85.1%").

The event is the clause's words before the verb (or before "in", or before the bracket): the
clause starts after the sentence start, ``; : , (``, or an "and" that follows a value. It
must start with a letter and hold at most eight words and no reported value (a threshold such
as ">480 ms" may stand in it). A leading article or conjunction (or a BMJ heading, "Results")
is dropped; nothing else is rewritten. Whether the values also need arms is the caller's rule
(see rates).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from evidence.extract.arms import header_arms, resolve
from evidence.extract.context import RUN_START, Context, last_match
from evidence.extract.people import PEOPLE

_S = r"[ \u00a0]"
_VERB = (
    r"(?:occurred|reported|observed|diagnosed|seen|noted|documented|recorded|required"
    r"|developed|used|needed)"
)
BY_VERBS = (
    *("achieved", "attained", "reached", "met", "reported", "required", "needed"),
    *("experienced", "observed", "seen"),
)
"""Verbs whose "by" introduces the people with the event ("was required by 21.4%"), not a
change ("fell by 30%")."""
_BY_VERB = rf"(?:{'|'.join(BY_VERBS)})"
_VERB_BEFORE = re.compile(
    rf"{RUN_START}{_S}+(?:(?:was|were){_S}+)?(?:\w+ly{_S}+)?"
    rf"(?:{_VERB}{_S}+in|{_BY_VERB}{_S}+(?:by|in)){_S}*$",
    re.IGNORECASE,
)
STOPPED_VERBS = ("discontinued", "stopped", "interrupted", "withdrawn", "completed")
"""Verbs of a treatment stopped or completed, whose "by" introduces people too (rule 2b)."""
_STOPPED_BEFORE = re.compile(  # "The trial drug was permanently discontinued in", "completed by"
    rf"{RUN_START}{_S}+(?:was|were){_S}+(?:\w+ly{_S}+)?(?:{'|'.join(STOPPED_VERBS)})"
    rf"(?:{_S}+as{_S}+planned)?{_S}+(?:in|by){_S}*$",
    re.IGNORECASE,
)
_NOT_DEFINITION = re.compile(
    r"\b(?:with|by|than|versus|vs|improved|increased|reduced|prolonged|significant\w*)\b",
    re.IGNORECASE,
)
_PRIMARY = re.compile(rf"^primary{_S}+(?:end{_S}?point|outcome)$", re.IGNORECASE)
_PRIMARY_DEFINED = re.compile(
    rf"\bprimary{_S}+(?:end{_S}?point|outcome){_S}+(?:was|is){_S}+(?:the{_S}+)?"
    r"(?!(?:met|reached|achieved|not|significantly|improved|longer|higher|lower)\b)"
    r"(?P<x>[^.;()\d]{3,120}?)(?=[ \u00a0]*(?:[.;(]|,[ \u00a0]+(?:defined|assessed)))",
    re.IGNORECASE,
)
_ELIDED = re.compile(rf"{RUN_START}{_S}+(?:in|by){_S}*$")
_VERB_ANYWHERE = re.compile(rf"\b(?:{_VERB}{_S}+in|{_BY_VERB}{_S}+by)\b", re.IGNORECASE)
_LIST_LEAD = re.compile(
    rf"\b(?:most{_S}+(?:common|frequent)(?:ly)?(?:{_S}+[^\s;:,()]+){{0,6}}?{_S}+(?:were|was|being)"
    rf"|most{_S}+(?:commonly|frequently)|including|such{_S}+as)\b",
    re.IGNORECASE,
)
_ADVERSE = re.compile(
    r"adverse|toxicit|side[- ]effects?|\b(?:AEs?|TRAEs?|TEAEs?|SAEs?|irAEs?)\b(?!-)",  # not "AE-"
    re.IGNORECASE,
)
_INCIDENCE = re.compile(
    rf"\b(?:cumulative{_S}+)?incidences?{_S}+of{_S}+(?P<event>[^;:,()]+?)"
    rf"(?:{_S}+(?:at|by|within|after){_S}+[^;:,()]{{1,30}}?)?{_S}+(?:was|were){_S}*$",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    rf"{RUN_START}{_S}+(?:was|were){_S}+(?:significantly{_S}+)?"
    rf"(?:(?:less|more){_S}+(?:frequent|common)(?:ly{_S}+(?:seen|reported))?"
    r"|reduced|lower|higher|improved|prolonged|longer|shorter)"
    rf"(?:{_S}+(?:with|in|after){_S}+(?P<who>[^;:,()]{{1,40}}?))?{_S}*\({_S}*$",
    re.IGNORECASE,
)
_BRACKET = re.compile(rf"{RUN_START}{_S}*\({_S}*$")
_ROW_LABEL = re.compile(  # a flattened table's row: "; TSS50, " (not "in those with ...")
    rf"(?:[;:]|(?<=[%)]){_S}*(?:,|and\b)|\b(?:were|was)\b){_S}*"
    rf"(?!(?:in|among|for|with|at)\b)(?P<label>(?:(?!\b(?:were|was)\b)[^;:,])+?){_S}*,?{_S}*$",
    re.IGNORECASE,
)
_NOT_ROW = re.compile(  # "At 12 months:", "In the ITT population:", "Secondary endpoints:"
    r"(?:at|in|for|among|during|after|by|within|on)\b(?![-\u2010])"  # not "after-hours"
    r"|.*\b(?:endpoints?|outcomes?|population)$"
    r"|(?:overall|in[ \u00a0]+total|all|both|similarly|however|respectively)$",  # "Overall, "
    re.IGNORECASE,
)
_ARM_ROW = re.compile(rf":{_S}*(?P<arm>[^;:,()]{{1,30}}?){_S}*$")  # "metastases: arm A 18.5%, ..."
_ROW_REACH = 120
_ROW_VERB = re.compile(r"\b(?:was|were|is|are|had|occurred|achieved)\b", re.IGNORECASE)
_QUALIFIED_BRACKET = re.compile(  # "Stomatitis (any grade, " before the values
    rf"{RUN_START}{_S}*\({_S}*(?:(?P<q>any{_S}+grade|grade{_S}*[^,;:()]{{1,12}}?){_S}*[,:]{_S}*)?$",
    re.IGNORECASE,
)
_COMPARED_AFTER = re.compile(  # "...) was more common with A"
    rf"[^()]*\){_S}+(?:was|were){_S}+(?:less|more){_S}+(?:frequent|common)", re.IGNORECASE
)
_PAIRED_VALUES = re.compile(rf"[\d.\u00b7]+{_S}*%{_S}*(?:vs\.?|versus|v\.?){_S}", re.IGNORECASE)
_UNCOMMON = re.compile(  # "Hospital admission was uncommon (": the subject names the event
    rf"{_S}+(?:was|were){_S}+(?:uncommon|rare|infrequent|similar|comparable){_S}*$",
    re.IGNORECASE,
)
_TIMED = re.compile(  # "at 1 yr", "within 28 days", "12-mo", "G>=3": a time point or grade
    rf"(?:\b(?:at|within|by|after){_S}+|\b)\d+{_S}*(?:-{_S}*)?(?:days?|d|weeks?|wk|months?|mo"
    rf"|years?|yrs?|y)\b|\b(?:G|gr|grade){_S}*[\u2265>]?=?{_S}*\d(?:{_S}*[-\u2013/]{_S}*\d)?",
    re.IGNORECASE,
)
_TRAIT = re.compile(
    r"\b(?:patients?|pts|participants?|men|women|male|female|aged?|years?|baseline|ECOG|stage"
    r"|prior|previous|history|positive|negative|mutat\w*|white|black|asian|smok\w*|subgroup"
    r"|disease|high|low|metasta\w*|histolog\w*|race|ethnic\w*|hispanic|caucasian|site)\b",
    re.IGNORECASE,
)
_PHRASE_WORDS = 6
_BASELINE_CONTEXT = re.compile(
    r"\b(?:baseline|characteristics|demographics?|balanced|well[ \u00a0-]matched"
    r"|similar[ \u00a0]+in|comparable[ \u00a0]+in)\b",
    re.IGNORECASE,
)
_BREAKDOWN = re.compile(r"\bby[ \u00a0]+[^;:()]{1,40}:")  # "Response by tumour site:"
_PAIRING = re.compile(r"\b(?:vs\.?|versus|v)\b|^with\b", re.IGNORECASE)
_ROW_CELL = rf"{_S}*(?P<label>[^;:()%]+?){_S}*[,:]?{_S}*$"  # no value: the last row
_ROW_START = r"(?:[;:(]|(?<=%),)"  # "; G>=3 TRAEs ", "(mucositis, ", "38.3%, hypertension "
_PAIR_ROW = re.compile(rf"(?:^|{_ROW_START}){_ROW_CELL}")  # "Any-grade TRAEs: "
_INNER_PAIR_ROW = re.compile(rf"{_ROW_START}{_ROW_CELL}")  # the sentence start is out of reach
_ANALYSIS = re.compile(  # an analysis or a comparison, not an event: "adjusted 9% vs 13%"
    r"\b(?:(?:un)?adjusted|crude|per[- ]protocol|ITT|intention[- ]to[- ]treat|as[- ]treated"
    r"|sensitivity|difference|favou?r(?:s|ed|ing)?|weighted)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(  # "... 24.6% of patients and grade 2 hearing loss in": "and" ends it
    rf"[;:,(]|(?<=[%\d)])(?:{_S}+of{_S}+(?:the{_S}+)?{PEOPLE})?{_S}*,?{_S}*and\b"
)
_PEOPLE_ONLY = re.compile(  # "men", "patients with prior radiotherapy", "the elderly"
    rf"(?:the{_S}+)?(?:{PEOPLE}|elderly|adolescents|those)\b(?!-)(?:{_S}+(?:with|aged|who)\b.*)?$",
    re.IGNORECASE,
)
_LEADING_WORDS = re.compile(
    rf"^(?:(?:the|a|an|and|or|including|whereas|while|but|although|results|findings|as|was"
    rf"|were)(?:{_S}+|$))+",  # "as was fever (4.6% v 3.1%)": fever
    re.IGNORECASE,  # "Results Cardiotoxicity occurred in": a BMJ heading is no event word
)
_ASIDE = re.compile(rf"{RUN_START}{_S}*\([^()]*\)")
_REPORTED = re.compile(
    r"(?<![\u2264\u2265<>=\d.\u00b7])(?<![\u2264\u2265<>=] )(?:\d[\d.\u00b7]*\s*%|\d+[.\u00b7]\d)"
)
_SHARE = re.compile(r"\d[ \u00a0]*%|\d[ \u00a0]+per[ \u00a0]?cent", re.IGNORECASE)
_WORDS = 8
_SURVEY_ANSWER = re.compile(  # survey answers are not outcomes: "Questionnaire return rates"
    r"\b(?:(?:dis)?satisf(?:action|ied)|prefer(?:s|red|ences?)?|questionnaires?|surveys?"
    r"|willing(?:ness)?)\b(?!-)",  # not "Satisfactory bowel preparation", "Preferred-term"
    re.IGNORECASE,
)


class Event(NamedTuple):
    """An event the clause names, and the arm its values start with when the clause says so
    ("less frequent with PTCy (4.6% vs 19.5%)": the first value is PTCy's)."""

    name: str
    first_arm: str | None = None


def event(ctx: Context, start: int, sentence: tuple[int, int], arms: list[str]) -> Event | None:
    """The event the clause before ``start`` (where the values' text begins) names, if any: no
    survey answer ("Satisfaction with treatment was reported by 83.3% vs 85.1%")."""
    found = _event(ctx, start, sentence, arms)
    return None if found is None or _SURVEY_ANSWER.search(found.name) else found


def _event(ctx: Context, start: int, sentence: tuple[int, int], arms: list[str]) -> Event | None:
    text = ctx.text
    head = text[sentence[0] : start]
    verb = _VERB_BEFORE.search(head)
    if verb is None and _VERB_ANYWHERE.search(head):
        elided = _ELIDED.search(head)  # the verb printed in an earlier clause
        if elided is not None and _BOUNDARY.search(head[: elided.start()]):
            return _elided(head[: elided.start()])  # not "X in 5%" alone
    if verb is not None:
        found = _named(head[: verb.start()])
        if found is not None and _PRIMARY.match(found.name):  # "the primary endpoint was met by"
            defined = last_match(_PRIMARY_DEFINED.finditer(text, 0, sentence[0]))
            if defined is None or _NOT_DEFINITION.search(defined["x"]):
                return found  # "The primary endpoint was significantly improved with A"
            return Event(defined["x"].strip())
        return found
    stopped = _STOPPED_BEFORE.search(head)
    if stopped is not None:  # the treatment stopped or completed is the event, with its verb
        found = _named(head[: stopped.start()])
        stopped_words = head[stopped.start() :].strip(" \u00a0").rsplit(None, 1)[0]
        return Event(f"{found.name} {stopped_words}") if found else None
    incidence = _INCIDENCE.search(head)
    if incidence is not None:
        return _named(incidence["event"])
    comparative = _COMPARATIVE.search(head)
    if comparative is not None:
        arm = resolve(comparative["who"], arms) if comparative["who"] else None
        if comparative["who"] and arm is None:
            return None  # "more common in women (30% vs 20%)" compares subgroups
        found = _named(head[: comparative.start()])
        return Event(found.name, arm) if found else None
    opened = _QUALIFIED_BRACKET.search(head)
    if opened is not None and _COMPARED_AFTER.match(text, start, sentence[1]):
        found = _named(head[: opened.start()])
        if found is None:
            return None
        return Event(f"{opened['q']} {found.name}" if opened["q"] else found.name)
    return (
        _tabled(text, head, sentence, arms)
        or _listed(head)
        or _bracketed(text, head, start, sentence, arms)
    )


def _elided(clause: str) -> Event | None:
    """The event of a clause whose verb an earlier clause printed ("... occurred in 24.6% of
    patients and grade 2 hearing loss in"): not people ("and men in", "and in the elderly in")
    and not words holding a verb of their own ("At week 12, symptoms were reported by patients
    in": that verb is no earlier clause's)."""
    found = _named(clause)
    if found is None or _NOT_ROW.match(found.name) or _PEOPLE_ONLY.match(found.name):
        return None
    return None if _VERB_ANYWHERE.search(f"{found.name} in") else found


def _tabled(text: str, head: str, sentence: tuple[int, int], arms: list[str]) -> Event | None:
    """A row of a table flattened into the sentence: after a header naming the arms (rule 4c),
    or with each value after its arm (4d)."""
    if header_arms(text, sentence[0], sentence[0] + len(head), arms) is not None:
        return _row(head)
    row = _ARM_ROW.search(head)  # "R0 resection of metastases: arm A 18.5%, arm B 25.0%"
    found = _named(head[: row.start()]) if row and resolve(row["arm"], arms) else None
    return None if found is None or _NOT_ROW.match(found.name) else found


def _listed(head: str) -> Event | None:
    """An item of an adverse-event list after "most commonly", "including" (rule 5)."""
    bracket = _BRACKET.search(head)
    lead = last_match(_LIST_LEAD.finditer(head))
    if bracket is None or lead is None or not _ADVERSE.search(head, 0, lead.end()):
        return None
    return _named(head[lead.end() : bracket.start()])


def _bracketed(
    text: str, head: str, start: int, sentence: tuple[int, int], arms: list[str]
) -> Event | None:
    """The words right before values paired by vs/versus/v (rule 6): in a bracket, "hot
    flashes (11.2% vs 0%)", "Relapse at 1 yr (17% vs 20%)", "Hospital admission within 28 days
    was uncommon (1.8% v 1.6%)"; or a row label after a boundary, "(mucositis, 31.8% v 45.3%;
    dysphagia, ...", "Any-grade TRAEs: 93.8% vs 96.9%; G>=3 TRAEs 21.9% vs 31.3%". Not a
    subgroup ("in women (30% vs 20%)", "Response by site: lung, 45% vs 30%"), a trait, an arm, a
    grade or time alone, words with a verb, or anything in or after a sentence about baseline
    characteristics ("Groups were balanced. Liver metastases: 31.8% vs 30.2%")."""
    if not _PAIRED_VALUES.match(text, start) or _baseline(text, sentence):
        return None
    opened = _QUALIFIED_BRACKET.search(head)
    if opened is not None:
        clause = head[: opened.start()]
        uncommon = _UNCOMMON.search(clause, max(0, len(clause) - 60))  # bounded scan
        found = _named(clause[: uncommon.start()] if uncommon else clause)
        qualifier = opened["q"]
    else:
        row = _PAIR_ROW if len(head) <= _ROW_REACH else _INNER_PAIR_ROW  # bounded scan
        cell = row.search(head[-_ROW_REACH:])
        if cell is None or _REPORTED.search(cell["label"]) or _BREAKDOWN.search(head):
            return None  # "; ..., and in X, Y 60% vs", "Response by tumour site: lung, 45% vs"
        if cell.group().startswith(",") and _ANALYSIS.search(cell["label"]):
            return None  # "Mortality was 10% vs 14%, adjusted 9% vs 13%": no row label
        found, qualifier = _named(cell["label"]), None
    if found is None or not _event_words(found.name, arms):
        return None
    return Event(f"{qualifier} {found.name}" if qualifier else found.name)


def _event_words(name: str, arms: list[str]) -> bool:
    """Words that can name an event of rule 6 (see :func:`_bracketed`)."""
    if _NOT_ROW.match(name) or len(name.split()) > _PHRASE_WORDS or _ROW_VERB.search(name):
        return False  # "in women", "Groups were similar in visceral metastases", "Most were"
    if _TRAIT.search(name) or _PAIRING.search(name) or resolve(name, arms):
        return False  # "ECOG 0", "With A vs B", "B"
    rest = _TIMED.sub("", name)
    return not re.search(r"\d", rest) and re.search(r"[A-Za-z]{3}", rest) is not None


def _baseline(text: str, sentence: tuple[int, int]) -> bool:
    """The sentence, or the one before it, is about baseline characteristics."""
    previous = text.rfind(". ", 0, max(0, sentence[0] - 2))
    return (
        _BASELINE_CONTEXT.search(text, max(0, previous, sentence[0] - 300), sentence[1]) is not None
    )


def _row(head: str) -> Event | None:
    """The label of a row of a flattened table: "(A vs B vs C): SVR35, 26.3% vs ...; TSS50, "."""
    cell = _ROW_LABEL.search(head[-_ROW_REACH:])  # a row label is short: bounded scan
    if cell is None or _ROW_VERB.search(cell["label"]):
        return None  # "SVR35 at week 24 was 26.3% vs ...": a clause, not a row label
    return _named(cell["label"])


def _named(clause: str) -> Event | None:
    """The words after the clause's last boundary, if they can name an event."""
    # "downstaging (<ypT2N0) occurred in": an aside is dropped; one holding a value ends an
    # earlier item ("neutropenia (44.1%) and increased ALT (8.3%)")
    clause = _ASIDE.sub(lambda m: ";" if _SHARE.search(m.group()) else "", clause)
    boundary = last_match(_BOUNDARY.finditer(clause))
    words = clause[boundary.end() if boundary else 0 :].strip(" \u00a0")
    words = _LEADING_WORDS.sub("", words)
    if not words[:1].isalpha() or len(words.split()) > _WORDS or _REPORTED.search(words):
        return None
    return Event(words)
