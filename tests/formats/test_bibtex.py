"""BibTeX reader and writer: Zotero's export read field by field and checked against Zotero's
CSL-JSON of the same records, LaTeX decoded, broken entries reported with their line while
neighbours survive, and read -> write -> read giving back the same CSL items and unmapped
fields."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evidence.formats.bibtex import read_bibtex
from evidence.formats.bibtex_writer import write_bibtex
from evidence.formats.parsed import ParsedFile, ParsedItem
from tests.fixtures_index import FIXTURES

MANUBOT = FIXTURES / "formats" / "manubot" / "bibliographies"


def _fixture() -> ParsedFile:
    path = MANUBOT / "bibliography.bib"
    return read_bibtex(path.read_text(encoding="utf-8"), path=path.name)


def _with_unmapped(item: ParsedItem) -> dict[str, Any]:
    return {**item.csl, "custom": {"unmapped": item.unmapped}}


def _one(text: str) -> ParsedItem:
    parsed = read_bibtex(text, path="t.bib")
    assert parsed.errors == ()
    assert len(parsed.items) == 1
    return parsed.items[0]


def _field(field: str, value: str, entry: str = "article") -> ParsedItem:
    return _one(f"@{entry}{{k, title = {{T}}, {field} = {value}}}\n")


# ------------------------------------------------------------------------- the fixture


def test_zotero_export_article_field_by_field() -> None:
    parsed = _fixture()
    assert parsed.errors == ()
    assert [item.line for item in parsed.items] == [1, 15]
    item = parsed.items[0]
    assert item.csl == {
        "type": "article-journal",
        "author": [
            {"family": "Himmelstein", "given": "Daniel S"},
            {"family": "Romero", "given": "Ariel Rodriguez"},
            {"family": "Levernier", "given": "Jacob G"},
            {"family": "Munro", "given": "Thomas Anthony"},
            {"family": "McLaughlin", "given": "Stephen Reid"},
            {"family": "Greshake Tzovaras", "given": "Bastian"},
            {"family": "Greene", "given": "Casey S"},
        ],
        "title": "Sci-Hub provides access to nearly all scholarly literature",
        "language": "en",
        "container-title": "eLife",
        "volume": "7",
        "URL": "https://elifesciences.org/articles/32822",
        "DOI": "10.7554/eLife.32822",
        "ISSN": "2050-084X",
        "issued": {"date-parts": [[2018, 3]]},
        "accessed": {"date-parts": [[2019, 3, 12]]},
    }
    assert item.unmapped == {"bibtex:ID": ["doi:10.7554/elife.32822"]}
    assert item.notes == ("urldate '2019-03-12TZ': the time part 'TZ' was ignored",)


def test_zotero_export_web_page_with_braces_and_curly_quotes() -> None:
    item = _fixture().items[1]
    assert item.csl == {
        "type": "webpage",
        "title": "TechBlog: ‘Manubot’ powers a crowdsourced ‘deep-learning’ review : "
        "Naturejobs Blog",
        "URL": "http://blogs.nature.com/naturejobs/2018/02/20/"
        "techblog-manubot-powers-a-crowdsourced-deep-learning-review/",
        "accessed": {"date-parts": [[2019, 3, 12]]},
    }
    assert item.unmapped == {"bibtex:ID": ["noauthor_techblog:_nodate"]}


def test_the_fields_both_files_carry_agree_with_zoteros_csl_json() -> None:
    twin = json.loads((MANUBOT / "bibliography.json").read_text(encoding="utf-8"))
    for item, expected in zip(_fixture().items, twin, strict=True):
        shared = (set(item.csl) & set(expected)) - {"URL", "DOI", "issued", "accessed"}
        assert shared  # type, title, author, container-title, volume, language...
        assert {k: item.csl[k] for k in shared} == {k: expected[k] for k in shared}
        # The JSON's DOI was lower-cased by Crossref; the .bib keeps the publisher's case.
        if "DOI" in expected:
            assert item.csl["DOI"].lower() == expected["DOI"]
        # The JSON adds a day (from Crossref) and writes one year as a string.
        for key in ("issued", "accessed"):
            if key in expected:
                mine, theirs = item.csl[key]["date-parts"][0], expected[key]["date-parts"][0]
                assert mine == [int(part) for part in theirs[: len(mine)]]
    # The article's JSON URL is a doi.org short link, the web page's is the same as the .bib's.
    assert _fixture().items[1].csl["URL"] == twin[1]["URL"]


def test_fixture_read_write_read_gives_the_same_items_and_unmapped_fields() -> None:
    parsed = _fixture()
    written = write_bibtex([_with_unmapped(item) for item in parsed.items])
    assert written.startswith("@article{doi:10.7554/elife.32822,\n\tauthor = {Himmelstein, ")
    assert "\ttitle = {{Sci-Hub provides access to nearly all scholarly literature}},\n" in written
    assert "\tmonth = mar,\n" in written and "\turldate = {2019-03-12},\n" in written
    assert "\n@misc{noauthor_techblog:_nodate,\n" in written
    again = read_bibtex(written, path="again.bib")
    assert again.errors == ()
    assert [i.csl for i in again.items] == [i.csl for i in parsed.items]
    assert [i.unmapped for i in again.items] == [i.unmapped for i in parsed.items]


def test_crlf_and_bom_read_like_lf() -> None:
    text = (MANUBOT / "bibliography.bib").read_text(encoding="utf-8")
    crlf = read_bibtex("\ufeff" + text.replace("\n", "\r\n"), path="b.bib")
    assert crlf.errors == ()
    assert [(i.csl, i.unmapped, i.line) for i in crlf.items] == [
        (i.csl, i.unmapped, i.line) for i in _fixture().items
    ]


# ---------------------------------------------------------------------------- bad input

# Hand-written: good entries around broken ones.
BROKEN = """\
% Encoding: UTF-8
@string{nejm = "N Engl J Med"}
@comment{jabref-meta: databaseType:bibtex;}

@article{good1,
  title = {First},
  journal = nejm,
  year = 2020,
}

@article{unbalanced,
  title = {Unbalanced {brace,
  year = {2000}
}

@article{space in key, title = {x}}

@article{notitle, year = {2001}, journal = {J}}

@article{missingcomma
  title = {No comma after the key}
}

@book(good2, title = "A \\& B", year = {1999})
@misc{good3, title = {T}, howpublished = {\\url{http://a.b/c}}} trailing = {lost}
"""


def test_broken_entries_in_the_middle_are_reported_with_their_line_and_neighbours_survive() -> None:
    parsed = read_bibtex(BROKEN, path="broken.bib")
    assert [(i.unmapped["bibtex:ID"], i.line) for i in parsed.items] == [
        (["good1"], 5),
        (["good2"], 24),
        (["good3"], 25),
    ]
    assert parsed.items[0].csl["container-title"] == "N Engl J Med"
    assert parsed.items[1].csl == {
        "type": "book",
        "title": "A & B",
        "issued": {"date-parts": [[1999]]},
    }
    assert [error.line for error in parsed.errors] == [11, 16, 18, 20]
    assert str(parsed.errors[0]).startswith("broken.bib, line 11: @article entry could not be read")
    assert "space in key" in str(parsed.errors[1])
    assert "entry 'notitle' has no title and no identifier" in str(parsed.errors[2])
    assert "missingcomma" in str(parsed.errors[3])
    assert parsed.items[2].csl["URL"] == "http://a.b/c"
    assert parsed.items[2].notes == (
        "text after the entry's closing brace was not read: 'trailing = {lost}'",
    )


def test_same_broken_file_with_crlf_and_bom_gives_the_same_lines() -> None:
    plain = read_bibtex(BROKEN, path="b.bib")
    crlf = read_bibtex("\ufeff" + BROKEN.replace("\n", "\r\n"), path="b.bib")
    assert [e.line for e in crlf.errors] == [e.line for e in plain.errors]
    assert [(i.csl, i.line) for i in crlf.items] == [(i.csl, i.line) for i in plain.items]


def test_two_entries_on_one_line_and_upper_case_types() -> None:
    parsed = read_bibtex(
        '@STRING{j = "Lancet"}\n@ARTICLE{a, title={A}, journal=j} @Article{b, title={B}}\n\n'
        "@article{c,\n title={C}}",
        path="t.bib",
    )
    assert parsed.errors == ()
    assert [(i.unmapped["bibtex:ID"], i.line) for i in parsed.items] == [
        (["a"], 2),
        (["b"], 2),
        (["c"], 4),
    ]
    assert parsed.items[0].csl["container-title"] == "Lancet"


def test_a_repeated_field_keeps_every_value() -> None:
    item = _one(
        "@article{k, title = {One}, keywords = {a, b}, title = {Two}, keywords = {c}, "
        "groups = {g1}, groups = {g2}}"
    )
    assert item.csl["title"] == "One"
    assert item.csl["keyword"] == "a; b"
    assert item.unmapped == {
        "bibtex:ID": ["k"],
        "bibtex:title": ["Two"],
        "bibtex:keywords": ["c"],
        "bibtex:groups": ["g1", "g2"],
    }
    assert "field 'title' is repeated: the first value was used" in item.notes[0]
    quoted = _one('@article{k, title = "M{\\"u}ller, {A}", note = {n}, title = {Two}}')
    assert quoted.csl["title"] == "Müller, A"
    assert quoted.unmapped["bibtex:title"] == ["Two"]
    again = _one(write_bibtex([_with_unmapped(item)]))
    assert (again.csl, again.unmapped) == (item.csl, item.unmapped)


def test_macros_concatenation_and_an_undefined_macro() -> None:
    parsed = read_bibtex(
        '@string{jn = "Journal of "}\n@string(st = {Things})\n'
        "@article{k, title = {T}, journal = jn # st, month = foo, year = 2001}\n",
        path="m.bib",
    )
    assert parsed.errors == ()
    item = parsed.items[0]
    assert item.csl["container-title"] == "Journal of Things"
    assert item.csl["issued"] == {"date-parts": [[2001]]}
    assert item.unmapped["bibtex:month"] == ["foo"]
    assert item.notes == (
        "@string macro 'foo' is not defined: its name was kept",
        "month 'foo' is not a month: issued keeps the year only",
    )


def test_empty_input_and_only_comments_give_nothing() -> None:
    assert read_bibtex("", path="e.bib") == ParsedFile(items=())
    assert read_bibtex("% nothing\n@comment{x}\n@preamble{ {x} }\n", path="e.bib").items == ()
    assert write_bibtex([]) == ""


# ----------------------------------------------------------------------------- mapping


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        pytest.param(r"M{\"u}ller and {\"O}zt{\"u}rk", "Müller and Öztürk", id="umlauts"),
        pytest.param(
            r"\'{e}t\'e \`a \^{i}le \~n \c{c}a \v{S}koda \u{g}",
            "été à île ñ ça Škoda ğ",
            id="accents",
        ),
        pytest.param(r"\'{\i}ndice {\ss} {\o} \aa{} \AE", "índice ß ø å Æ", id="letters"),
        pytest.param(r"Sci-{Hub} {RCT} {{COVID}-19}", "Sci-Hub RCT COVID-19", id="case-braces"),
        pytest.param(r"A \& B, 50\% \$5 \#1 a\_b \{x\}", "A & B, 50% $5 #1 a_b {x}", id="escapes"),
        pytest.param("1990--2000 --- yes ``q'' it's", "1990–2000 — yes “q” it's", id="ligatures"),
        # as in TeX, a command word eats the space after it
        pytest.param(r"\textendash{} \textemdash \textquoteright", "– —’", id="text-commands"),
        pytest.param(r"$\alpha$-blockers $\geq$ 5 $\pm$ 1", "α-blockers ≥ 5 ± 1", id="math"),
        pytest.param(r"a $10^{-3}$ b", "a $10^{-3}$ b", id="math-kept"),
        pytest.param(
            r"\textit{In vitro} \emph{x} {\em y} \textbf{z}", "In vitro x y z", id="formatting"
        ),
        pytest.param(r"see \url{http://a.org/x--y~z}", "see http://a.org/x--y~z", id="url"),
        pytest.param(r"\foo{bar} baz", r"\foo{bar} baz", id="unknown-kept"),
        pytest.param("p~<~0.05 and 10\\,000", "p < 0.05 and 10\u2009000", id="spaces"),
        pytest.param("two\n   lines\n\n  paragraph", "two lines paragraph", id="newlines"),
        pytest.param(r"\textbackslash{}x \textasciitilde{} \^{}", "\\x ~ ^", id="specials"),
    ],
)
def test_latex_in_titles_becomes_unicode(raw: str, text: str) -> None:
    assert _one(f"@article{{k, title = {{{raw}}}}}").csl["title"] == text


def test_unknown_latex_is_noted() -> None:
    item = _one(r"@article{k, title = {\foo{bar} $x^2$}}")
    assert item.notes == ("LaTeX command \\foo kept as written", "LaTeX math $x^2$ kept as written")


def test_abstract_paragraphs_are_kept_as_newlines() -> None:
    item = _field("abstract", "{Background: one.\n\n   Methods: two\n  lines.}")
    assert item.csl["abstract"] == "Background: one.\nMethods: two lines."


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        pytest.param(
            "Himmelstein, Daniel S",
            [{"family": "Himmelstein", "given": "Daniel S"}],
            id="family-given",
        ),
        pytest.param(
            "Daniel S Himmelstein",
            [{"family": "Himmelstein", "given": "Daniel S"}],
            id="given-family",
        ),
        pytest.param(
            "Ludwig van Beethoven",
            [{"family": "van Beethoven", "given": "Ludwig"}],
            id="von-particle",
        ),
        pytest.param(
            "de Hoon, Michiel", [{"family": "de Hoon", "given": "Michiel"}], id="particle-comma"
        ),
        pytest.param(
            "Smith, Jr, John", [{"family": "Smith", "given": "John", "suffix": "Jr"}], id="suffix"
        ),
        pytest.param(
            "{World Health Organization}",
            [{"literal": "World Health Organization"}],
            id="collective",
        ),
        pytest.param("{Barnes and Noble}", [{"literal": "Barnes and Noble"}], id="and-in-braces"),
        pytest.param(
            "Bastian {Greshake Tzovaras}",
            [{"family": "Greshake Tzovaras", "given": "Bastian"}],
            id="braced-family",
        ),
        pytest.param(
            r"{\"O}zt{\"u}rk, Ay{\c{s}}e", [{"family": "Öztürk", "given": "Ayşe"}], id="latex"
        ),
        pytest.param("Plato", [{"family": "Plato"}], id="one-word"),
        pytest.param(
            "A, B AND C, D",
            [{"family": "A", "given": "B"}, {"family": "C", "given": "D"}],
            id="upper-and",
        ),
    ],
)
def test_names(raw: str, names: list[dict[str, str]]) -> None:
    item = _field("author", "{" + raw + "}")
    assert item.csl["author"] == names
    again = _one(write_bibtex([_with_unmapped(item)]))
    assert again.csl["author"] == names


def test_and_others_is_kept_and_written_back() -> None:
    item = _field("author", "{Zhu, Na and others}")
    assert item.csl["author"] == [{"family": "Zhu", "given": "Na"}]
    assert item.unmapped["bibtex:author"] == ["others"]
    written = write_bibtex([_with_unmapped(item)])
    assert "\tauthor = {Zhu, Na and others},\n" in written
    assert _one(written).unmapped == item.unmapped


@pytest.mark.parametrize(
    ("fields", "issued", "unmapped"),
    [
        pytest.param("year = 2018, month = mar", [[2018, 3]], {}, id="month-macro"),
        pytest.param("year = {2018}, month = {March}", [[2018, 3]], {}, id="month-name"),
        pytest.param("year = {2018}, month = {3}", [[2018, 3]], {}, id="month-number"),
        pytest.param("date = {2018-03-01}", [[2018, 3, 1]], {}, id="iso-date"),
        pytest.param("date = {2018-03}, year = {2018}", [[2018, 3]], {}, id="date-and-year"),
        pytest.param(
            "date = {2018-03-01}, month = {4}",
            [[2018, 3, 1]],
            {"bibtex:month": ["4"]},
            id="disagreeing-month",
        ),
        pytest.param(
            "year = {2019}, month = {Spring}", [[2019]], {"bibtex:month": ["Spring"]}, id="season"
        ),
    ],
)
def test_dates(fields: str, issued: list[list[int]], unmapped: dict[str, list[str]]) -> None:
    item = _one(f"@article{{k, title = {{T}}, {fields}}}")
    assert item.csl["issued"] == {"date-parts": issued}
    assert {k: v for k, v in item.unmapped.items() if k != "bibtex:ID"} == unmapped


def test_non_dates_are_literals() -> None:
    assert _field("year", "{in press}").csl["issued"] == {"literal": "in press"}
    assert _field("date", "{2018/2019}").csl["issued"] == {"literal": "2018/2019"}
    assert _field("urldate", "{yesterday}").csl["accessed"] == {"literal": "yesterday"}


def test_pages_range_dash_is_read_as_a_hyphen_and_noted() -> None:
    item = _field("pages", "{2361--71}")
    assert item.csl["page"] == "2361-71"
    assert item.notes == ("pages '2361--71': the BibTeX range dash '--' was read as '-'",)
    assert _field("pages", "{e0123456}").csl["page"] == "e0123456"
    assert _field("pages", "{S1-S10}").notes == ()


@pytest.mark.parametrize(
    ("entry", "extra", "kind"),
    [
        pytest.param("article", "", "article-journal", id="article"),
        pytest.param("article", "entrysubtype = {magazine}", "article-magazine", id="magazine"),
        pytest.param("book", "", "book", id="book"),
        pytest.param("inbook", "", "chapter", id="inbook"),
        pytest.param("incollection", "", "chapter", id="incollection"),
        pytest.param("inproceedings", "", "paper-conference", id="inproceedings"),
        pytest.param("conference", "", "paper-conference", id="conference"),
        pytest.param("techreport", "", "report", id="techreport"),
        pytest.param("phdthesis", "", "thesis", id="phdthesis"),
        pytest.param("mastersthesis", "", "thesis", id="mastersthesis"),
        pytest.param("online", "", "webpage", id="online"),
        pytest.param("misc", "url = {http://x.org}", "webpage", id="misc-url"),
        pytest.param("misc", "howpublished = {\\url{http://x.org}}", "webpage", id="misc-how"),
        pytest.param("misc", "", "document", id="misc"),
        pytest.param("unpublished", "", "manuscript", id="unpublished"),
        pytest.param("dataset", "", "dataset", id="dataset"),
        pytest.param("weird", "", "document", id="unknown"),
    ],
)
def test_entry_types_are_read_and_written_back(entry: str, extra: str, kind: str) -> None:
    item = _one(
        f"@{entry}{{k, title = {{T}}, {extra}}}" if extra else f"@{entry}{{k, title={{T}}}}"
    )
    assert item.csl["type"] == kind
    again = _one(write_bibtex([_with_unmapped(item)]))
    assert (again.csl, again.unmapped) == (item.csl, item.unmapped)
    assert write_bibtex([_with_unmapped(item)]).startswith(f"@{entry}{{k,\n")


def test_identifiers_and_prefixes() -> None:
    item = _one(
        "@article{k, doi = {https://doi.org/10.1000/a\\_b}, pmid = {123}, pmcid = {456},"
        " issn = {1234-5678}, isbn = {978-3-16-148410-0}}"
    )
    assert item.csl["DOI"] == "10.1000/a_b"
    assert (item.csl["PMID"], item.csl["PMCID"]) == ("123", "PMC456")
    assert (item.csl["ISSN"], item.csl["ISBN"]) == ("1234-5678", "978-3-16-148410-0")
    assert item.notes == (
        "doi 'https://doi.org/10.1000/a_b': the 'https://doi.org/' prefix was removed",
        "pmcid '456': 'PMC' was put before the digits",
    )
    eprint = _one("@article{k, title={T}, eprint = {29424689}, eprinttype = {pubmed}}")
    assert eprint.csl["PMID"] == "29424689"
    assert eprint.unmapped == {"bibtex:ID": ["k"]}
    arxiv = _one("@article{k, title={T}, eprint = {1801.01}, eprinttype = {arxiv}}")
    assert arxiv.unmapped["bibtex:eprint"] == ["1801.01"]


def test_keywords_split_on_semicolons_when_there_are_some_else_on_commas() -> None:
    assert _field("keywords", "{a, b; c}").csl["keyword"] == "a, b; c"
    assert _field("keywords", "{a, b,c}").csl["keyword"] == "a; b; c"


def test_number_is_the_issue_except_for_reports() -> None:
    assert _field("number", "{4}").csl["issue"] == "4"
    assert _field("number", "{TR-7}", "techreport").csl["number"] == "TR-7"


# ------------------------------------------------------------------------------ writer

TRICKY: list[dict[str, Any]] = [
    {
        "id": "tricky",
        "type": "article-journal",
        "title": "Müller–Lyer & 50% of {braces} cost $5: #1 under_score ~ ^ \\ $\\alpha$ a--b",
        "author": [
            {"family": "Ärzte", "given": "Jörg"},
            {"literal": "World Health Organization & Partners"},
            {"family": "van der Berg", "given": "Anne and Marie"},
            {"family": "Smith", "given": "John", "suffix": "Jr"},
            {"family": "Greshake Tzovaras", "given": "Bastian"},
        ],
        "container-title": "Ärzteblatt {International}",
        "volume": "118",
        "issue": "3–4",
        "page": "2361-71",
        "issued": {"date-parts": [[2021, 2, 5]]},
        "abstract": "Background: 10% & more.\nResults: ä – {x} @home.\n@start",
        "keyword": "Databases, Factual; *Software; a&b",
        "DOI": "10.1000/a_b%c",
        "PMID": "33531114",
        "PMCID": "PMC8018900",
        "note": "one unbalanced { brace",
        "language": "de",
        "ISSN": "1234-5678, 8765-4321",
        "publisher": "Springer & Co",
        "publisher-place": "Berlin",
        "URL": "https://example.org/a_b?c=%20&d=1",
    },
    {
        "type": "chapter",
        "title": "Ch",
        "container-title": "Book",
        "editor": [{"family": "Ed", "given": "It"}],
        "issued": {"literal": "2019 Apr-Jun"},
        "page": "e123",
        "keyword": "only, one",
    },
    {"type": "report", "title": "R", "number": "TR-1", "publisher": "WHO"},
    {"type": "thesis", "title": "T", "publisher": "MIT", "genre": "PhD thesis"},
    {"type": "webpage", "title": "W", "accessed": {"date-parts": [[2020, 1]]}},
    {"type": "document", "title": "D", "URL": "http://d.org"},
    {"type": "review", "title": "Rv", "author": [{"family": "Doe", "given": "J"}]},
]


def test_hand_built_items_with_tricky_characters_survive_a_round_trip() -> None:
    written = write_bibtex(TRICKY)
    again = read_bibtex(written, path="again.bib")
    assert again.errors == ()
    assert [item.csl for item in again.items] == [
        {k: v for k, v in item.items() if k != "id"} for item in TRICKY
    ]
    assert again.items[0].unmapped == {"bibtex:ID": ["tricky"]}


def test_writer_escapes_latex_specials_and_protects_the_title() -> None:
    written = write_bibtex(TRICKY[:1])
    assert written.startswith("@article{tricky,\n")
    assert (
        "\ttitle = {{Müller–Lyer \\& 50\\% of \\{braces\\} cost \\$5: \\#1 under\\_score "
        "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} "
        "\\$\\textbackslash{}alpha\\$ a-{}-b}},\n" in written
    )
    assert (
        "\tauthor = {Ärzte, Jörg and {World Health Organization \\& Partners} and "
        "van der Berg, {Anne and Marie} and Smith, Jr, John and Greshake Tzovaras, Bastian},\n"
        in written
    )
    assert "\tpages = {2361--71},\n\tyear = {2021},\n\tmonth = feb,\n\tdate = {2021-02-05}," in (
        written
    )
    assert "\tnumber = {3–4},\n" in written  # Unicode stays UTF-8
    assert "\tnote = {one unbalanced \\textbraceleft{} brace}\n}\n" in written
    assert (
        "\tabstract = {Background: 10\\% \\& more.\n\nResults: ä – \\{x\\} @home.\n\n{@}start}"
        in (written)
    )
    assert "\tdoi = {10.1000/a_b%c},\n\tpmid = {33531114},\n\tpmcid = {PMC8018900},\n" in written
    assert "\tkeywords = {Databases, Factual; *Software; a\\&b},\n" in written


def test_keys_come_from_id_then_the_kept_key_then_name_and_year_and_are_unique() -> None:
    d2020 = {"date-parts": [[2020]]}
    items: list[dict[str, Any]] = [
        {"id": "same", "type": "book", "title": "A"},
        {"id": "same", "type": "book", "title": "B"},
        {"type": "book", "title": "C", "custom": {"unmapped": {"bibtex:ID": ["kept:key"]}}},
        {"type": "book", "title": "D", "author": [{"family": "Ärzte"}], "issued": d2020},
        {"type": "book", "title": "E", "author": [{"family": "Arzte"}], "issued": d2020},
        {"type": "book", "title": "F", "author": [{"literal": "WHO"}]},
        {"type": "book", "title": "G", "id": "has space,comma"},
    ]
    keys = [line[6:-1] for line in write_bibtex(items).splitlines() if line.startswith("@book{")]
    assert keys == [
        "same",
        "samea",
        "kept:key",
        "arzte2020",
        "arzte2020a",
        "whond",
        "has_space_comma",
    ]


def test_writer_is_deterministic_and_ignores_other_formats_unmapped_fields() -> None:
    item = {**TRICKY[0], "custom": {"unmapped": {"ris:M3": ["x"], "bibtex:groups": ["g"]}}}
    assert write_bibtex([item]) == write_bibtex([item])
    written = write_bibtex([item])
    assert "\tgroups = {g}\n}\n" in written and "M3" not in written
