"""Render a listing through Jinja templates, refusing any number that does not trace.

This is the only module that imports Jinja (STYLE.md rule 17). :func:`build_environment`
builds the one environment: templates are looked up in the user's ``--templates-dir``, then
the project's ``templates/``, then the packaged defaults (``evidence/_templates/``), which are
also reachable as ``default:<name>`` so a project template can ``{% extends
"default:listing.md.j2" %}`` and override single blocks. Undefined values fail the render
(``StrictUndefined``); only ``*.html.j2`` templates autoescape; the filters ``cite``, ``ci`` and
``authors`` are registered in :data:`FILTERS`.

:func:`render_listing` builds a view model (:class:`ListingView`) and renders
``listing.<fmt>.j2`` with it. Before and after rendering it refuses (raising
:class:`~evidence.errors.InputError`):

* a placeholder whose finding is not in the store, and a cited key the store lacks;
* a retracted source, unless ``allow_retracted``;
* a sentence (prose or generated summary) with a number that
  :func:`~evidence.numbercheck.check_numbers` cannot trace to the findings of the sources
  cited in it;
* a number in the rendered output that appears in no view-model string, i.e. one a template
  typed or computed itself.

Citation numbers follow first appearance: the sections' prose in order, then the published
research. A template that reorders the parts keeps the numbers (one source, one number).
"""

from __future__ import annotations

import html
import importlib.resources
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from evidence import render_prose as prose
from evidence.citing import accessed_date, citable
from evidence.errors import InputError, ParseError
from evidence.findings import Finding
from evidence.listing import Listing, placeholders
from evidence.models import Article, Author, Flag, Trial
from evidence.numbercheck import CitedText, Verdict, check_numbers
from evidence.numbering import Numbering, collapse
from evidence.plain import ci_text, summary_paragraphs
from evidence.sourcetext import Snapshot
from evidence.store import Store
from evidence.styles import Markup as ReferenceMarkup
from evidence.styles import Style, format_reference

Format = Literal["md", "html", "txt"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt")

_PACKAGE_DIR = "_templates"
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,\u00b7]\d+)*")
_TAG = re.compile(r"<[^>]*>")


# --- environment -----------------------------------------------------------------------------


def _packaged(name: str) -> tuple[str, str | None, Callable[[], bool]] | None:
    """A packaged default template read through importlib.resources (works from a wheel)."""
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    resource = importlib.resources.files("evidence").joinpath(_PACKAGE_DIR, *parts)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8"), None, lambda: True


def build_environment(
    templates_dir: Path | None = None, project_templates: Path | None = None
) -> jinja2.Environment:
    """The one Jinja environment: user dir, project ``templates/``, packaged (``default:``)."""
    defaults = jinja2.FunctionLoader(_packaged)
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(str(folder))
        for folder in (templates_dir, project_templates)
        if folder is not None and folder.is_dir()
    ]
    loaders.append(jinja2.PrefixLoader({"default": defaults}, delimiter=":"))
    loaders.append(defaults)
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS)
    return environment


# --- filters ---------------------------------------------------------------------------------


def marker(numbers: Sequence[int], fmt: str) -> str:
    """A readable marker: ``[1, 3-5]`` (en dash in ranges), or ``<sup>`` links to ``#ref-N``."""
    collapsed = collapse(numbers)
    if fmt == "html":
        linked = re.sub(r"\d+", lambda m: f'<a href="#ref-{m[0]}">{m[0]}</a>', collapsed)
        return f"<sup>{linked}</sup>"
    return f"[{collapsed}]"


@jinja2.pass_context
def _cite_filter(context: jinja2.runtime.Context, keys: str | Sequence[str]) -> str:
    numbers: Mapping[str, int] = context["citation_numbers"]
    fmt: str = context["format"]
    wanted = (keys,) if isinstance(keys, str) else tuple(keys)
    missing = [key for key in wanted if key not in numbers]
    if missing:
        raise InputError(
            f"the template cites {', '.join(missing)}, which the listing does not cite",
            hint="cite it in the listing's prose or published_research",
        )
    text = marker([numbers[key] for key in wanted], fmt)
    # The marker is digits and tags built here, never record or user text.
    return Markup(text) if fmt == "html" else text  # noqa: S704


def _ci_filter(finding: Finding) -> str:
    return ci_text(finding)


def _authors_filter(authors: Sequence[Author], use_first: int = 3) -> str:
    """``Martin T, Dimopoulos MA, Mikhael J, et al.`` (all names when there are few)."""
    names = [author.short for author in authors]
    if len(names) > use_first:
        return ", ".join(names[:use_first]) + ", et al."
    return ", ".join(names)


FILTERS: dict[str, Callable[..., Any]] = {
    "cite": _cite_filter,
    "ci": _ci_filter,
    "authors": _authors_filter,
}
"""Every filter the templates may use, registered in one place."""


# --- view model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionView:
    """One heading and its paragraphs, already in the output format."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResearchView:
    """A plain-language summary of one publication, then its title, authors and year."""

    key: str
    number: int
    paragraphs: tuple[str, ...]
    title: str
    authors: tuple[Author, ...]
    year: str | None
    journal: str | None


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """One numbered reference-list entry, in the output format."""

    number: int
    key: str
    text: str
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ListingView:
    """What a listing template receives as ``listing``."""

    title: str
    sections: tuple[SectionView, ...]
    research: tuple[ResearchView, ...]
    references: tuple[ReferenceView, ...]


# --- rendering -------------------------------------------------------------------------------


def render_listing(
    listing: Listing,
    store: Store,
    *,
    fmt: Format,
    style: Style,
    templates_dir: Path | None = None,
    project_templates: Path | None = None,
    allow_retracted: bool = False,
) -> str:
    """The listing rendered with ``listing.<fmt>.j2``; refuses untraced numbers (see module)."""
    text, _view = render_listing_view(
        listing,
        store,
        fmt=fmt,
        style=style,
        templates_dir=templates_dir,
        project_templates=project_templates,
        allow_retracted=allow_retracted,
    )
    return text


def render_listing_view(
    listing: Listing,
    store: Store,
    *,
    fmt: Format,
    style: Style,
    templates_dir: Path | None = None,
    project_templates: Path | None = None,
    allow_retracted: bool = False,
) -> tuple[str, ListingView]:
    """:func:`render_listing`, and the view the template received (for exports)."""
    if fmt not in FORMATS:
        raise InputError(f"is not an output format; use one of {', '.join(FORMATS)}", item=fmt)
    where = listing.path or "listing"
    numbering = Numbering()
    filled: list[tuple[str, list[str]]] = []
    pulled: set[str] = set()
    for section in listing.sections:
        place = f"{where} (section {section.heading!r})"
        if placeholders(section.heading):
            raise InputError(
                "a heading cannot pull numbers from findings",
                item=place,
                hint="put the number in the section's prose, beside its citation",
            )
        ids = {finding_id for finding_id, _field in placeholders(section.prose)}
        found = {finding_id: store.get_finding(finding_id) for finding_id in ids}
        pulled.update(f.anchor.source for f in found.values() if f is not None)
        text = prose.fill_placeholders(section.prose, found, where=place)
        paras = prose.paragraphs(text)
        for paragraph in paras:
            numbering.cite(prose.all_keys(paragraph, where=place))
        filled.append((section.heading, paras))
    numbering.cite(list(listing.published_research))
    records = _records(store, numbering.order, allow_retracted=allow_retracted)
    # Sources of pulled findings are searched too, so a refusal can say where a number is.
    sources = [*numbering.order, *sorted(pulled - set(numbering.order))]
    findings = {key: list(store.findings(source=key)) for key in sources}

    stretches: list[tuple[str, CitedText]] = [(where, CitedText(listing.title, ()))]
    for heading, paras in filled:
        place = f"{where} (section {heading!r})"
        stretches.append((place, CitedText(heading, ())))
        for paragraph in paras:
            stretches.extend((place, s) for s in prose.cited_sentences(paragraph, where=place))
    research_sentences: dict[str, list[list[str]]] = {}
    for key in listing.published_research:
        summary = summary_paragraphs(findings[key])
        if not summary:
            raise InputError(
                "has no findings to summarise as published research",
                item=key,
                hint="add findings for it to references/findings/, or cite it in the prose",
            )
        research_sentences[key] = summary
        place = f"{where} (published research {key})"
        stretches.extend((place, CitedText(s, (key,))) for para in summary for s in para)
    _check(stretches, findings)

    accessed = {key: accessed_date(store, key) for key in numbering.order}
    view = _view(
        listing, filled, research_sentences, records, accessed, numbering, fmt, style, where
    )
    context = {
        "listing": view,
        "format": fmt,
        "citation_numbers": {key: n for n, key in enumerate(numbering.order, start=1)},
    }
    name = f"listing.{fmt}.j2"
    environment = build_environment(templates_dir, project_templates)
    try:
        output = environment.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"template {exc.name} was not found", item=name) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ParseError(
            exc.message or "template syntax error", item=exc.filename or exc.name, line=exc.lineno
        ) from exc
    except jinja2.UndefinedError as exc:
        raise InputError(
            f"the template uses an undefined value: {exc.message}",
            item=name,
            hint="listing templates receive listing, format and citation_numbers",
        ) from exc
    _check_output(output, view, fmt, name)
    return output, view


def writer_notes(store: Store, keys: Sequence[str]) -> list[str]:
    """Notes for the writer (not the reader) about cited records: errata and later updates."""
    notes = []
    for key in keys:
        stored = store.get(key)
        if stored is None or stored.article is None:
            continue
        links = {c.ref_type: c for c in stored.article.comments_corrections}
        if Flag.ERRATUM in stored.flags:
            where = links.get("ErratumIn")
            target = f" (PMID {where.pmid})" if where and where.pmid else ""
            notes.append(f"{key} has a published erratum{target}: re-check the numbers you cite")
        if Flag.UPDATED in stored.flags:
            where = links.get("UpdateIn")
            target = f" by PMID {where.pmid}" if where and where.pmid else ""
            notes.append(f"{key} was updated{target}: consider citing the later publication")
    return notes


def _records(
    store: Store, keys: Sequence[str], *, allow_retracted: bool
) -> dict[str, Article | Trial | Snapshot]:
    records: dict[str, Article | Trial | Snapshot] = {}
    for key in keys:
        stored = store.get(key)
        if stored is not None:
            blocking = {Flag.RETRACTED, Flag.EXPRESSION_OF_CONCERN} & set(stored.flags)
            if blocking and not allow_retracted:
                what = (
                    "retracted" if Flag.RETRACTED in blocking else "under an expression of concern"
                )
                raise InputError(
                    f"is {what}; a listing must not rest on it",
                    item=key,
                    hint="cite a current source, or pass --allow-retracted to show it flagged",
                )
        record = citable(store, key)
        if record is None:
            raise InputError(
                "is cited but not in the store", item=key, hint="add it with `evidence add`"
            )
        records[key] = record
    return records


def _check(
    stretches: Sequence[tuple[str, CitedText]], findings: Mapping[str, Sequence[Finding]]
) -> None:
    results = check_numbers([s for _where, s in stretches], findings)
    for (where, stretch), result in zip(stretches, results, strict=True):
        bad = [n for n in result.numbers if n.verdict is Verdict.UNSUPPORTED]
        if bad:
            detail = "; ".join(
                f"{n.number.verbatim}" + (f" ({n.note})" if n.note else "") for n in bad
            )
            cited = ", ".join(stretch.cited) or "no source"
            raise InputError(
                f"{detail} in {stretch.text!r} does not trace to a finding of {cited}",
                item=where,
                hint="pull numbers from findings with {finding-id} and cite their source",
            )


def _view(
    listing: Listing,
    filled: Sequence[tuple[str, list[str]]],
    research: Mapping[str, list[list[str]]],
    records: Mapping[str, Article | Trial | Snapshot],
    accessed: Mapping[str, str | None],
    numbering: Numbering,
    fmt: Format,
    style: Style,
    where: str,
) -> ListingView:
    numbers = {key: n for n, key in enumerate(numbering.order, start=1)}

    def _mark(keys: tuple[str, ...]) -> str:
        return marker([numbers[key] for key in keys], fmt)

    convert = {"md": prose.to_markdown, "txt": prose.to_text, "html": prose.to_html}[fmt]
    sections = tuple(
        SectionView(
            _as(fmt, heading, escape=True),
            tuple(_as(fmt, convert(p, _mark, where=where), escape=False) for p in paras),
        )
        for heading, paras in filled
    )
    research_views = []
    for key, summary in research.items():
        record = records[key]
        title, authors, year, journal = _byline(record)
        research_views.append(
            ResearchView(
                key=key,
                number=numbers[key],
                paragraphs=tuple(_as(fmt, " ".join(p), escape=True) for p in summary),
                title=_as(fmt, prose.markdown_escape(title) if fmt == "md" else title, True),
                authors=authors,
                year=year,
                journal=journal,
            )
        )
    markups: dict[str, ReferenceMarkup] = {"md": "markdown", "html": "html", "txt": "text"}
    markup = markups[fmt]

    def _reference(key: str) -> str:
        return format_reference(records[key], style, markup=markup, accessed=accessed[key])

    references = tuple(
        ReferenceView(
            number=numbers[key],
            key=key,
            text=_as(fmt, _reference(key), escape=False),
            flags=_flags(records[key]),
        )
        for key in numbering.order
    )
    return ListingView(_as(fmt, listing.title, True), sections, tuple(research_views), references)


def _as(fmt: Format, text: str, escape: bool) -> str:
    """HTML: ``Markup`` (escaping plain text first); other formats: the text itself."""
    if fmt != "html":
        return text
    # Unescaped text is HTML built by render_prose / format_reference, which escape their input.
    return Markup.escape(text) if escape else Markup(text)  # noqa: S704


def _byline(
    record: Article | Trial | Snapshot,
) -> tuple[str, tuple[Author, ...], str | None, str | None]:
    if isinstance(record, Article):
        year = str(record.pub_date.year) if record.pub_date.year else None
        return record.plain_title or "", record.authors, year, record.journal_iso
    if isinstance(record, Trial):
        return record.brief_title or record.official_title or record.nct_id, (), None, None
    return record.title or record.url or "", (), None, None


def _flags(record: Article | Trial | Snapshot) -> tuple[str, ...]:
    if isinstance(record, (Article, Trial)):
        return tuple(flag.value for flag in record.flags if flag is not Flag.MANUAL_METADATA)
    return ()


def _check_output(output: str, view: ListingView, fmt: Format, name: str) -> None:
    """Refuse a number the template printed that no view-model string holds."""
    allowed: set[str] = set()
    for text in _view_strings(view):
        allowed.update(_NUMBER_TOKEN.findall(_visible(text, fmt)))
    printed = _visible(output, fmt)
    for token in _NUMBER_TOKEN.findall(printed):
        if token not in allowed:
            raise InputError(
                f"the template printed {token}, which comes from no finding or record",
                item=name,
                hint="print numbers only from the listing view (placeholders, summaries)",
            )


def _visible(text: str, fmt: Format) -> str:
    return html.unescape(_TAG.sub(" ", text)) if fmt == "html" else text


def _view_strings(view: ListingView) -> list[str]:
    strings = [view.title]
    for section in view.sections:
        strings.append(section.heading)
        strings.extend(section.paragraphs)
    for item in view.research:
        strings.extend(item.paragraphs)
        strings.extend([item.title, item.year or "", item.journal or "", str(item.number)])
        strings.extend(author.short for author in item.authors)
    for reference in view.references:
        strings.extend([reference.text, str(reference.number), *reference.flags])
    return strings
