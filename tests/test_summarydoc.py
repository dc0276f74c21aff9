"""Tests for evidence.summarydoc: markers, reference lists, stretches and problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.summarydoc import MarkupFormat, cited_texts, parse_summary, sniff_format

LISTING = Path("/work/shared/examples/listing-example.md")
IKEMA_REF = (
    "Martin T, Dimopoulos MA, Mikhael J, et al. Isatuximab, carfilzomib, and dexamethasone in "
    "patients with relapsed multiple myeloma: updated results from IKEMA, a randomized Phase 3 "
    "study. *Blood Cancer J*. 2023;13(1):72. doi:10.1038/s41408-023-00797-8"
)
DEMO = (
    "In a study of 302 people, half of those on Isa-Kd lived without their disease getting "
    "worse for 35.7 months, compared with 19.2 months on Kd.[1] The risk was 42% lower "
    "(hazard ratio 0.58, 95.4% CI 0.42 to 0.79).[1]\n\n## References\n1. " + IKEMA_REF + "\n"
)
REFS_5 = "\n\nReferences\n" + "".join(f"{n}. Ref {n}.\n" for n in range(1, 6))


def _markers(text: str) -> list[tuple[str, tuple[int, ...], tuple[str, ...]]]:
    summary = parse_summary(text)
    found = dict.fromkeys(m for s in summary.stretches for m in s.markers)
    return [(m.verbatim, m.numbers, m.keys) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It fell.<sup>1,3-5</sup>",
            [("<sup>1,3-5</sup>", (1, 3, 4, 5), ())],
            id="html-sup-list-range",
        ),
        pytest.param(
            'It fell.<sup><a href="#ref1">1</a></sup>',
            [('<sup><a href="#ref1">1</a></sup>', (1,), ())],
            id="html-sup-link",
        ),
        pytest.param("It fell.[1]", [("[1]", (1,), ())], id="bracket"),
        pytest.param("It fell [1, 3-5].", [("[1, 3-5]", (1, 3, 4, 5), ())], id="bracket-list"),
        pytest.param("It fell.[1–3]", [("[1–3]", (1, 2, 3), ())], id="bracket-en-dash"),
        pytest.param("It fell.¹²", [("¹²", (12,), ())], id="unicode-superscript"),
        pytest.param("It fell.¹⁻³", [("¹⁻³", (1, 2, 3), ())], id="unicode-superscript-range"),
        pytest.param("It fell (1,2).", [("(1,2)", (1, 2), ())], id="paren-list"),
        pytest.param("It fell (1-3).", [("(1-3)", (1, 2, 3), ())], id="paren-range"),
        pytest.param("In 302 people (302) it fell.", [], id="paren-prose-not-marker"),
        pytest.param("The area was 3 m² in (1.5) cases.", [], id="unit-power-not-marker"),
        pytest.param("Published [2023] it fell.", [], id="bracketed-year-not-marker"),
    ],
)
def test_numbered_markers(
    text: str, expected: list[tuple[str, tuple[int, ...], tuple[str, ...]]]
) -> None:
    assert _markers(text + REFS_5) == expected


def test_pandoc_keys_are_standardised() -> None:
    text = "It fell by 47% [@pmid:34097854; @nct:NCT03275285]. Others agree [@smith2020]."
    assert _markers(text) == [
        ("[@pmid:34097854; @nct:NCT03275285]", (), ("pmid:34097854", "nct:NCT03275285")),
        ("[@smith2020]", (), ("smith2020",)),
    ]


def test_demo_markdown_summary() -> None:
    summary = parse_summary(DEMO)
    assert summary.format is MarkupFormat.MARKDOWN
    assert summary.problems == ()
    assert [s.markers[0].numbers for s in summary.stretches] == [(1,), (1,)]
    assert summary.stretches[1].clean == (
        "The risk was 42% lower (hazard ratio 0.58, 95.4% CI 0.42 to 0.79)."
    )
    assert DEMO[summary.stretches[0].start : summary.stretches[0].end].endswith("Kd.[1]")
    (entry,) = summary.entries
    assert entry.number == 1
    assert entry.identifiers == ("doi:10.1038/s41408-023-00797-8",)
    assert entry.parts is not None and entry.parts.year == 2023
    cited = cited_texts(summary)
    assert [c.cited for c in cited] == [("doi:10.1038/s41408-023-00797-8",)] * 2
    assert cited[1].start == summary.stretches[1].start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The HR was 0.58 [1]. Then it rose.",
            ["The HR was 0.58.", "Then it rose."],
            id="decimal-not-a-break",
        ),
        pytest.param(
            "Moreau et al. found it [1]. Then vs. before it rose [1].",
            ["Moreau et al. found it.", "Then vs. before it rose."],
            id="abbreviations",
        ),
        pytest.param(
            "It fell, e.g. in 2021, by 5.[1] It rose.[1]",
            ["It fell, e.g. in 2021, by 5.", "It rose."],
            id="e-g",
        ),
        pytest.param(
            "It fell to 35.7 months[1]. It rose.",
            ["It fell to 35.7 months.", "It rose."],
            id="marker-before-stop",
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    summary = parse_summary(text + REFS_5)
    assert [s.clean for s in summary.stretches] == expected


def test_inherited_markers_close_the_paragraph() -> None:
    text = "First it fell by 5. Then it rose by 6. It settled.[2,3]\n\nOther paragraph.[1]" + REFS_5
    stretches = parse_summary(text).stretches
    assert [(s.clean, [m.numbers for m in s.markers], s.inherited) for s in stretches] == [
        ("First it fell by 5.", [(2, 3)], True),
        ("Then it rose by 6.", [(2, 3)], True),
        ("It settled.", [(2, 3)], False),
        ("Other paragraph.", [(1,)], False),
    ]


def test_no_inheritance_when_the_paragraph_does_not_end_with_markers() -> None:
    text = "It fell [1] by 5. Then it rose." + REFS_5
    stretches = parse_summary(text).stretches
    assert [(len(s.markers), s.inherited) for s in stretches] == [(1, False), (0, False)]


def test_html_summary_and_entity_cleaning() -> None:
    text = (
        "<h2>Findings</h2><p>Risk fell by 42%&nbsp;<em>overall</em>.<sup>1</sup> "
        "It rose.<sup>2</sup></p>"
        '<h2>References</h2><ol><li id="ref-1">Moreau P, et al. <i>Lancet</i>. '
        "2021;397(10292):2361-2371. PMID: 34097854</li>"
        '<li><a href="https://example.org/label">Drug label</a></li></ol>'
    )
    summary = parse_summary(text)
    assert summary.format is MarkupFormat.HTML
    assert [s.clean for s in summary.stretches] == ["Risk fell by 42% overall.", "It rose."]
    assert [(e.number, e.identifiers) for e in summary.entries] == [
        (1, ("pmid:34097854",)),
        (2, ("url:https://example.org/label",)),
    ]
    assert summary.problems == ()


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        pytest.param("## References\n1. A.\n2) B.\n", [(1, "A."), (2, "B.")], id="md-numbered"),
        pytest.param("Bibliography\n[1] A.\n[2] B.\n", [(1, "A."), (2, "B.")], id="text-brackets"),
        pytest.param("**Sources**\n- A.\n- B.\n", [(1, "A."), (2, "B.")], id="md-bullets"),
        pytest.param(
            "<p><strong>References</strong></p><ol><li>A.</li><li>B.</li></ol>",
            [(1, "A."), (2, "B.")],
            id="html-p-strong-ol",
        ),
        pytest.param(
            '<h3>Citations</h3><ol start="2"><li>B.</li></ol>', [(2, "B.")], id="html-ol-start"
        ),
        pytest.param(
            "## References\n1. A first line\n   continued.\n2. B.\n",
            [(1, "A first line continued."), (2, "B.")],
            id="md-continuation",
        ),
    ],
)
def test_reference_lists(tail: str, expected: list[tuple[int, str]]) -> None:
    summary = parse_summary("Body.[1,2]\n\n" + tail)
    assert [(e.number, e.text) for e in summary.entries] == expected


def test_listing_example_glued_markers_and_citations() -> None:
    body = LISTING.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    summary = parse_summary(body)
    assert summary.format is MarkupFormat.TEXT
    assert [p for p in summary.problems if "glued" in p] == [
        "markers glued to text at line 8 ('doctor.12345') cannot be read; use superscript or [n]",
        "markers glued to text at line 16 ('myeloma.24678') cannot be read; use superscript or [n]",
    ]
    closing = next(s for s in summary.stretches if s.text.endswith("doctor.12345"))
    assert closing.clean.endswith("with their doctor.") and closing.markers == ()
    assert len(summary.entries) == 8
    assert [e.number for e in summary.entries] == list(range(1, 9))
    assert summary.entries[0].text.startswith("Efficacy and toxicity of treatment")
    assert summary.entries[1].identifiers == ("nct:NCT02960555",)
    assert summary.entries[6].text.startswith("IKEMA Safety - SARCLISA")
    assert not any("Efficacy and toxicity" in s.text for s in summary.stretches)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "It fell.[7]\n\n## References\n1. A.\n",
            ["marker [7] at line 1 points to no reference entry", "reference 1 is cited nowhere"],
            id="dangling-and-uncited",
        ),
        pytest.param(
            "One.[1]\nTwo.[1-2]\n\nReferences\n1. A.\n2. B.\n3. C.\n1. D.\n",
            ["reference 3 is cited nowhere", "reference 1 is listed twice"],
            id="uncited-and-duplicate",
        ),
        pytest.param(
            "It fell.[1]",
            ["the summary has citation markers but no reference list (a 'References' heading)"],
            id="no-reference-list",
        ),
        pytest.param(
            "It fell [@pmid:34097854].\n\n## References\n1. PMID: 34097854\n",
            [],
            id="pandoc-key-cites-entry",
        ),
    ],
)
def test_problems(text: str, expected: list[str]) -> None:
    assert list(parse_summary(text).problems) == expected


@pytest.mark.parametrize(
    ("text", "filename", "expected"),
    [
        pytest.param("anything", "summary.html", MarkupFormat.HTML, id="html-by-name"),
        pytest.param("<p>x</p>", "notes.txt", MarkupFormat.TEXT, id="name-wins"),
        pytest.param("<p>It fell.</p>", None, MarkupFormat.HTML, id="html-by-tags"),
        pytest.param("# Title\n\nIt fell.[1]", None, MarkupFormat.MARKDOWN, id="md-by-heading"),
        pytest.param("It fell by 5.", None, MarkupFormat.TEXT, id="plain"),
    ],
)
def test_sniff_format(text: str, filename: str | None, expected: MarkupFormat) -> None:
    assert sniff_format(text, filename) is expected


def test_headings_are_not_stretches() -> None:
    summary = parse_summary("# Effect of Isa-Kd in 2023\n\nIt fell.[1]\n\n## References\n1. A.\n")
    assert [s.clean for s in summary.stretches] == ["It fell."]
