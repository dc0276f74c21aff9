"""Rendering listings: goldens, refusals, StrictUndefined, default: extends, HTML escaping.

EVIDENCE_UPDATE_GOLDEN=1 uv run pytest tests/test_render.py   # rewrites tests/golden/render/
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from evidence import render_prose
from evidence.errors import InputError
from evidence.imports import import_references
from evidence.listing import (
    Listing,
    Section,
    cited_keys,
    load_listing,
    parse_listing,
    placeholders,
)
from evidence.models import Flag
from evidence.numbercheck import CitedText, check_numbers
from evidence.plain import summary_paragraphs
from evidence.render import FORMATS, Format, build_environment, marker, render_listing
from evidence.store import Store, StoredRecord, open_store
from evidence.styles import Style

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "render"
UPDATE_GOLDEN = os.environ.get("EVIDENCE_UPDATE_GOLDEN") == "1"
DEMO = ROOT / "references" / "listings" / "ikema-demo.yaml"
UPDATED = "pmid:37156782"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "render.sqlite3")
    report = import_references(ROOT / "references", opened)
    assert all(item.error is None for item in report.items)
    yield opened
    opened.close()


@pytest.fixture
def demo() -> Listing:
    return load_listing(DEMO)


def _one(prose: str, title: str = "T", research: tuple[str, ...] = ()) -> Listing:
    return Listing(title, (Section("Heading", prose),), research, path="test.yaml")


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(store: Store, demo: Listing, fmt: Format) -> None:
    output = render_listing(demo, store, fmt=fmt, style=Style.AMA)
    path = GOLDEN / f"ikema-demo.{fmt}"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")


def test_citations_are_numbered_by_first_appearance(store: Store, demo: Listing) -> None:
    output = render_listing(demo, store, fmt="md", style=Style.NLM)
    references = output.split("## References", 1)[1]
    assert references.index("1. Multinational") < references.index("2. Moreau P")
    assert references.index("2. Moreau P") < references.index("3. Martin T")
    assert "PubMed PMID: 37156782" in references
    assert output.count("[3]") >= 4  # the updated paper keeps one number everywhere


def test_every_demo_sentence_passes_the_number_check(store: Store, demo: Listing) -> None:
    cited = {key for section in demo.sections for key in cited_keys(section.prose)}
    findings = {key: list(store.findings(source=key)) for key in cited | {UPDATED}}
    stretches: list[CitedText] = []
    for section in demo.sections:
        ids = {i for i, _f in placeholders(section.prose)}
        found = {i: store.get_finding(i) for i in ids}
        text = render_prose.fill_placeholders(section.prose, found, where="demo")
        for paragraph in render_prose.paragraphs(text):
            stretches.extend(render_prose.cited_sentences(paragraph, where="demo"))
    for summary in summary_paragraphs(findings[UPDATED]):
        stretches.extend(CitedText(s, (UPDATED,)) for s in summary)
    results = check_numbers(stretches, findings)
    assert len(results) > 10
    assert all(result.ok for result in results)
    assert sum(len(result.numbers) for result in results) >= 20


def test_unknown_finding_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match=r"\{ikema-2099-nope\} names no finding"):
        render_listing(
            _one("HR {ikema-2099-nope} [@pmid:37156782]."), store, fmt="md", style=Style.AMA
        )


def test_unknown_key_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="pmid:1234567") as caught:
        render_listing(_one("Text [@pmid:1234567]."), store, fmt="md", style=Style.AMA)
    assert "not in the store" in str(caught.value)


def test_a_number_without_its_source_cited_is_refused(store: Store) -> None:
    prose = "The hazard ratio was {ikema-2023-pfs-hr} [@nct:NCT03275285]."
    with pytest.raises(InputError, match=r"0\.58.*appears in pmid:37156782"):
        render_listing(_one(prose), store, fmt="md", style=Style.AMA)


def test_a_typed_number_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="90 in 'About 90% of people"):
        render_listing(
            _one("About 90% of people did well [@pmid:37156782]."),
            store,
            fmt="txt",
            style=Style.AMA,
        )


def test_a_template_printing_its_own_number_is_refused(store: Store, tmp_path: Path) -> None:
    (tmp_path / "listing.md.j2").write_text(
        '{% extends "default:listing.md.j2" %}\n'
        "{% block title %}# {{ listing.title }}\n\nOver 90% of people did well.\n\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="template printed 90"):
        render_listing(load_listing(DEMO), store, fmt="md", style=Style.AMA, templates_dir=tmp_path)


def test_strict_undefined(store: Store, tmp_path: Path) -> None:
    (tmp_path / "listing.txt.j2").write_text("{{ listing.subtitle }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"undefined value.*subtitle"):
        render_listing(
            _one("Plain words."), store, fmt="txt", style=Style.AMA, templates_dir=tmp_path
        )


def test_default_extends_with_a_user_override(store: Store, tmp_path: Path) -> None:
    user = tmp_path / "user-templates"
    project = tmp_path / "project-templates"
    user.mkdir()
    project.mkdir()
    (user / "listing.md.j2").write_text(
        '{% extends "default:listing.md.j2" %}\n'
        "{% block references %}## Sources\n\n{% for ref in listing.references %}"
        "- {{ ref.text }}\n{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    (project / "listing.md.j2").write_text("project template\n", encoding="utf-8")
    (project / "listing.txt.j2").write_text("{{ listing.title }} (project)\n", encoding="utf-8")
    listing = load_listing(DEMO)
    output = render_listing(
        listing, store, fmt="md", style=Style.AMA, templates_dir=user, project_templates=project
    )
    assert "## Sources\n\n- Multinational" in output
    assert "## References" not in output
    assert "## What did the updated analysis find?" in output
    text = render_listing(
        listing, store, fmt="txt", style=Style.AMA, templates_dir=user, project_templates=project
    )
    assert text == f"{listing.title} (project)\n"


def test_html_escapes_title_and_prose(store: Store) -> None:
    listing = _one("Isa-Kd <b>&</b> Kd [@nct:NCT03275285].", title="Isa-Kd < Kd & more")
    output = render_listing(listing, store, fmt="html", style=Style.AMA)
    assert "<h1>Isa-Kd &lt; Kd &amp; more</h1>" in output
    assert 'Isa-Kd &lt;b&gt;&amp;&lt;/b&gt; Kd<sup><a href="#ref-1">1</a></sup>.' in output
    assert "<script" not in output and 'id="ref-1"' in output
    markdown = render_listing(listing, store, fmt="md", style=Style.AMA)
    assert markdown.startswith("# Isa-Kd < Kd & more\n")


def test_only_html_templates_autoescape() -> None:
    environment = build_environment()
    html = environment.from_string("{{ x }}")
    assert html.render(x="<&>") == "<&>"
    assert "&lt;" in environment.get_template("default:listing.html.j2").render(
        listing=type("L", (), {"title": "<", "sections": (), "research": (), "references": ()}),
        format="html",
        citation_numbers={},
    )


def test_markers() -> None:
    assert marker([3, 1, 4, 5], "md") == "[1, 3\u20135]"
    assert marker([1], "html") == '<sup><a href="#ref-1">1</a></sup>'
    assert marker([1, 2], "txt") == "[1, 2]"


def test_retracted_source_stops_the_render(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real_get = store.get

    def retracted(key: str) -> StoredRecord | None:
        record = real_get(key)
        if record is None or record.article is None:
            return record
        article = dataclasses.replace(record.article, publication_types=("Retracted Publication",))
        assert Flag.RETRACTED in article.flags
        return dataclasses.replace(record, article=article)

    monkeypatch.setattr(store, "get", retracted)
    listing = _one("An earlier analysis [@pmid:34097854].")
    with pytest.raises(InputError, match="pmid:34097854: is retracted"):
        render_listing(listing, store, fmt="md", style=Style.AMA)
    output = render_listing(listing, store, fmt="md", style=Style.AMA, allow_retracted=True)
    assert "[RETRACTED]" in output


def test_published_research_needs_findings(store: Store) -> None:
    listing = _one("Plain words.", research=("nct:NCT03275285",))
    with pytest.raises(InputError, match="no findings to summarise"):
        render_listing(listing, store, fmt="md", style=Style.AMA)


def test_sentences_split_but_not_inside_numbers_or_abbreviations() -> None:
    text = "Median 35.7 vs. 19.2 months [@pmid:1]. Then Kd et al. said so. Done."
    assert render_prose.sentences(text) == [
        "Median 35.7 vs. 19.2 months [@pmid:1].",
        "Then Kd et al. said so.",
        "Done.",
    ]
    stretches = render_prose.cited_sentences(text, where="t")
    assert [s.cited for s in stretches] == [("pmid:1",), (), ()]


def test_parse_listing_round_trip(store: Store) -> None:
    listing = parse_listing(
        "title: T\nsections:\n  - heading: H\n    prose: |\n"
        "      HR {ikema-2023-pfs-hr} ({ikema-2023-pfs-hr:ci}) [@37156782].\n"
    )
    output = render_listing(listing, store, fmt="txt", style=Style.AMA)
    assert "HR 0.58 (95.4% confidence interval 0.42 to 0.79) [1]." in output
