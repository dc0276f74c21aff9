"""One reference-list entry in AMA 11th or NLM (Citing Medicine) style (pure).

The two vendored CSL files (``american-medical-association.csl``,
``nlm-citation-sequence.csl``) are the specification; this module renders the few item types
``evidence`` holds by hand, as citeproc-js renders those files with the ``en-US`` locale,
including its removal of doubled punctuation (``et al.`` followed by the ". " delimiter gives
one period). The entry carries no leading number.

Journal articles (CSL ``article-journal``):

* **AMA**: ``Moreau P, Dimopoulos MA, Mikhael J, et al. Title. *Lancet*.
  2021;397(10292):2361-2371. doi:10.1016/S0140-6736(21)00592-4``. Up to 6 authors all
  listed, 7 or more give the first 3 and ``et al.`` (``et-al-min="7" et-al-use-first="3"``);
  ISO abbreviation in italics; year only; pages expanded with a hyphen (the style's locale sets
  ``page-range-delimiter`` to ``-``); DOI last with no period; no PMID.
* **NLM**: ``Moreau P, …(6 names), et al. Title. Lancet. 2021 Jun 19;397(10292):2361-71.
  doi:10.1016/S0140-6736(21)00592-4 PubMed PMID: 34097854.`` Up to 6 authors, 7 or more give
  the first 6 and ``et al.``; full issue date with short months (``Jun``, ``Sep``); pages minimal
  with the en-US ``page-range-delimiter``, which is an en dash (U+2013) in place of the
  hyphen shown here, as DOMAIN.md §5.1 gives it; a space, not
  a period, after the DOI; ``PubMed PMID: …; PubMed Central PMCID: PMC….`` as the note.

Dates: ``MedlineDate`` (``2019 Apr-Jun``) is written verbatim by NLM (AMA keeps its year);
a season gives ``1990 Spring``. The page is ``MedlinePgn``, else the e-locator.

Deviation, ahead of print: when an article has neither volume nor issue, both styles leave out
the (provisional) pages. AMA then writes ``*J Abbrev*. Published online February 10, 2023.``
as its CSL does (electronic date preferred); NLM writes the date alone
(``Multimed Tools Appl. 2023 Feb 10. doi:…``), close to Citing Medicine's ahead-of-print form.

Registry records (:class:`~evidence.models.Trial`), after the AMA 11th registry example
(``ClinicalTrials.gov identifier: …. Updated …. Accessed ….``) and Citing Medicine ch. 24-25
(a part of a database: "In: Database [Internet]. Place: Publisher; open date - [updated;
cited]. Available from: URL"; ClinicalTrials.gov went online 2000 Feb 29). The title is the
brief title; the sponsor is not written as an author (neither guide requires it):

* **AMA**: ``Title. ClinicalTrials.gov identifier: NCT03275285. Updated March 1, 2024.
  Accessed March 5, 2024. https://clinicaltrials.gov/study/NCT03275285``
* **NLM**: ``Title. In: ClinicalTrials.gov [Internet]. Bethesda (MD): National Library of
  Medicine (US); 2000 Feb 29 - [updated 2024 Mar 1; cited 2024 Mar 5]. Available from:
  https://clinicaltrials.gov/study/NCT03275285 ClinicalTrials.gov Identifier: NCT03275285.``

Web pages (:class:`~evidence.sourcetext.Snapshot`), after the CSL ``webpage`` branches:

* **AMA**: ``Title. example.org. Accessed March 5, 2024. https://example.org/page``
  (the host, without ``www.``, stands in for the site name, which a snapshot lacks)
* **NLM**: ``Title [Internet]. [cited 2024 Mar 5]. Available from: https://example.org/page``
  (a site name is written after the title only when the item names it)

A bibliography item of CSL type ``webpage`` takes the same form, its ``container-title`` as
the site name; its access date is the date its captured text (if any) was taken. Any other
item without a DOI but with a URL ends with the URL (AMA) or ``Available from: URL`` (NLM).

Updated and accessed parts are left out when their dates are unknown. Markup: ``text`` is
plain; ``markdown`` italicises with ``*`` and backslash-escapes ``\\ ` * _ [ ] < >`` in record
text; ``html`` uses ``<i>`` and :func:`html.escape` (``quote=False``: the output is element text,
never an attribute) on every piece of record text, URLs included. Titles are rendered without
their inline markup in every form.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlsplit

from evidence.models import Article, Author, PubDate, Trial, plain_text
from evidence.sourcetext import Snapshot
from evidence.styles.names import Style
from evidence.styles.pages import expand_pages, minimal_pages

Markup = Literal["text", "markdown", "html"]

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_TRIAL_URL = "https://clinicaltrials.gov/study/{}"


def format_reference(
    record: Article | Trial | Snapshot,
    style: Style,
    *,
    markup: Markup = "text",
    accessed: str | None = None,
) -> str:
    """One reference-list entry for ``record``, without its number.

    ``accessed`` is the ISO date (``2024-03-05``) a trial record was consulted; a snapshot
    uses its own ``accessed`` unless this is given.
    """
    if isinstance(record, Article):
        if record.csl_type == "webpage" and record.url:
            site = record.journal_title
            return _web(record.plain_title, site, record.url, style, markup, accessed)
        return _article(record, style, markup)
    if isinstance(record, Trial):
        return _trial(record, style, markup, accessed)
    return _snapshot(record, style, markup, accessed or record.accessed)


def _article(article: Article, style: Style, markup: Markup) -> str:
    text = _Escaper(markup)
    authors = _authors(article.authors, 3 if style is Style.AMA else 6)
    journal = (article.journal_iso or article.journal_title or "").replace(".", "")
    has_issue = bool(article.volume or article.issue)
    raw_pages = (article.pages or article.elocation) if has_issue else None
    serial = f"{article.volume or ''}{f'({article.issue})' if article.issue else ''}"
    if style is Style.AMA:
        pages = expand_pages(raw_pages) if raw_pages else None
        if has_issue:
            year = article.pub_date.year
            where = ";".join(text(p) for p in (str(year) if year else "", serial) if p)
        else:
            online = _ama_date(article.electronic_date or article.pub_date)
            where = f"Published online {online}" if online else ""
        fields = [text(authors), text(article.plain_title), text.italic(journal), where]
        entry = _sentence(fields)
        if pages:
            entry = entry[:-1] + ":" + text(pages) + "."
        if article.doi:
            return f"{entry} doi:{text(article.doi)}"
        return f"{entry} {text.url(article.url)}" if article.url else entry
    pages = minimal_pages(raw_pages, delimiter="\u2013") if raw_pages else None
    locator = ":".join(p for p in (serial, pages) if p)
    where = ";".join(p for p in (_nlm_date(article.pub_date), locator) if p)
    entry = _sentence([text(authors), text(article.plain_title), text(journal), text(where)])
    if article.doi:
        entry += f" doi:{text(article.doi)}"
    elif article.url:
        entry += f" Available from: {text.url(article.url)}"
    notes = [f"PubMed PMID: {article.pmid}" if article.pmid else ""]
    notes.append(f"PubMed Central PMCID: {article.pmcid}" if article.pmcid else "")
    note = "; ".join(n for n in notes if n)
    return entry + (f" {text(note)}." if note else "")


def _trial(trial: Trial, style: Style, markup: Markup, accessed: str | None) -> str:
    text = _Escaper(markup)
    title = text(trial.brief_title or trial.official_title or trial.nct_id)
    url = text.url(_TRIAL_URL.format(trial.nct_id))
    if style is Style.AMA:
        updated = text(_ama_iso(trial.last_update_posted))
        seen = text(_ama_iso(accessed))
        return (
            _sentence(
                [
                    title,
                    f"ClinicalTrials.gov identifier: {text(trial.nct_id)}",
                    f"Updated {updated}" if updated else "",
                    f"Accessed {seen}" if seen else "",
                ]
            )
            + f" {url}"
        )
    dates = "; ".join(
        f"{label} {value}"
        for label, value in (
            ("updated", text(_nlm_iso(trial.last_update_posted))),
            ("cited", text(_nlm_iso(accessed))),
        )
        if value
    )
    database = "Bethesda (MD): National Library of Medicine (US); 2000 Feb 29 -"
    entry = _sentence(
        [title, "In: ClinicalTrials.gov [Internet]", f"{database} [{dates}]" if dates else database]
    )
    return f"{entry} Available from: {url} ClinicalTrials.gov Identifier: {text(trial.nct_id)}."


def _snapshot(snapshot: Snapshot, style: Style, markup: Markup, accessed: str | None) -> str:
    title = snapshot.title or (None if snapshot.url else snapshot.source)
    return _web(title, None, snapshot.url, style, markup, accessed)


def _web(
    title: str | None,
    site: str | None,
    url: str | None,
    style: Style,
    markup: Markup,
    accessed: str | None,
) -> str:
    """A web page: its title, its site (the host when the site is not named), access date, URL."""
    text = _Escaper(markup)
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    shown = text(title or site or host)
    site_name = text(site or host) if title else ""
    if style is Style.AMA:
        seen = text(_ama_iso(accessed)) if url else None
        entry = _sentence([shown, site_name, f"Accessed {seen}" if seen else ""])
        return f"{entry} {text.url(url)}" if url else entry
    cited = text(_nlm_iso(accessed)) if url else None
    named = text(site) if title else ""
    fields = [f"{shown} [Internet]" if url else shown, named, f"[cited {cited}]" if cited else ""]
    entry = _sentence(fields)
    return f"{entry} Available from: {text.url(url)}" if url else entry


class _Escaper:
    """Escapes record text for one markup and writes the styles' own italics."""

    def __init__(self, markup: Markup) -> None:
        self.markup = markup

    def __call__(self, value: str | None) -> str:
        if not value:
            return ""
        if self.markup == "html":
            return html.escape(value, quote=False)
        if self.markup == "markdown":
            return _MARKDOWN_SPECIAL.sub(r"\\\1", value)
        return value

    def italic(self, value: str) -> str:
        """``value`` escaped and set in italics (nothing for empty text)."""
        if not value:
            return ""
        inner = self(value)
        return {"html": f"<i>{inner}</i>", "markdown": f"*{inner}*"}.get(self.markup, inner)

    def url(self, value: str) -> str:
        """A URL: raw in text and markdown (so it stays a link), escaped in HTML."""
        return html.escape(value, quote=False) if self.markup == "html" else value


def _sentence(fields: Sequence[str]) -> str:
    """Non-empty fields joined by ". " and closed by ".", never doubling ``. ? !``."""
    out = ""
    for field in (f.strip() for f in fields):
        if not field:
            continue
        if out:
            out += " " if _ends_sentence(out) else ". "
        out += field
    return out if not out or _ends_sentence(out) else out + "."


def _ends_sentence(text: str) -> bool:
    return plain_text(text).rstrip("*").endswith((".", "?", "!"))


def _authors(authors: Sequence[Author], use_first: int) -> str:
    """Names as ``Moreau P, Dimopoulos MA``; 7 or more give ``use_first`` and ``et al.``."""
    names = [a.short for a in authors if a.short]
    if len(names) >= 7:
        return ", ".join([*names[:use_first], "et al."])
    return ", ".join(names)


def _ama_date(date: PubDate) -> str:
    """``June 19, 2021``, ``June 2021``, ``Spring 2021``, ``2021`` or the MedlineDate."""
    if date.year is None or (date.medline_date and not date.month):
        return date.medline_date or ""
    if date.month:
        month = _MONTHS[date.month - 1]
        return f"{month} {date.day}, {date.year}" if date.day else f"{month} {date.year}"
    return f"{date.season} {date.year}" if date.season else str(date.year)


def _nlm_date(date: PubDate) -> str:
    """``2021 Jun 19``, ``2021 Jun``, ``1990 Spring``, ``2021`` or the MedlineDate verbatim."""
    if date.year is None or (date.medline_date and not date.month):
        return date.medline_date or ""
    parts = [str(date.year)]
    if date.month:
        parts.append(_MONTHS[date.month - 1][:3])
        if date.day:
            parts.append(str(date.day))
    elif date.season:
        parts.append(date.season)
    return " ".join(parts)


def _iso(value: str | None) -> PubDate | None:
    match = _ISO_DATE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(p) if p else None for p in match.groups())
    if month is not None and not 1 <= month <= 12:
        return None
    return PubDate(year=year, month=month, day=day if month else None)


def _ama_iso(value: str | None) -> str | None:
    date = _iso(value)
    return _ama_date(date) if date else value


def _nlm_iso(value: str | None) -> str | None:
    date = _iso(value)
    return _nlm_date(date) if date else value
