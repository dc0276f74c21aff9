"""Tests for evidence.numbers: every printed shape, exact values and offsets, rounding, noise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.noise import is_reference_noise
from evidence.numbers import (
    Number,
    find_numbers,
    parse_decimal,
    scan_numbers,
    words_to_number,
)
from tests.fixtures_index import SHARED

D = Decimal
THIN, NARROW, NBSP, MINUS, NDASH = "\u2009", "\u202f", "\u00a0", "\u2212", "\u2013"


# --- parse_decimal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("0·53", D("0.53"), id="middle-dot"),
        pytest.param("6,032.37", D("6032.37"), id="thousands-comma"),
        pytest.param("1,094", D("1094"), id="thousands-comma-int"),
        pytest.param("1,234,567.8", D("1234567.8"), id="thousands-twice"),
        pytest.param(f"{MINUS}0.5", D("-0.5"), id="unicode-minus"),
        pytest.param("-0.5", D("-0.5"), id="hyphen-minus"),
        pytest.param("+2", D("2"), id="plus"),
        pytest.param(".001", D("0.001"), id="leading-dot"),
        pytest.param(f"1{THIN}234", D("1234"), id="thin-space-group"),
        pytest.param(f"1{NARROW}234{NARROW}567", D("1234567"), id="narrow-space-groups"),
        pytest.param("199 433", D("199433"), id="space-group"),
        pytest.param("0,53", D("0.53"), id="decimal-comma"),
        pytest.param("0,001", D("0.001"), id="decimal-comma-after-zero"),
        pytest.param("1,2345", D("1.2345"), id="decimal-comma-four-digits"),
        pytest.param("1e-5", D("0.00001"), id="e-notation"),
        pytest.param(" 35.70 ", D("35.70"), id="padded"),
    ],
)
def test_parse_decimal(token, expected):
    value = parse_decimal(token)
    assert value == expected
    assert str(value) == str(expected) or token.startswith("1e")  # exact digits kept


def test_parse_decimal_keeps_trailing_zeros():
    assert parse_decimal("35.70").as_tuple().exponent == -2


@pytest.mark.parametrize(
    "token",
    ["", "abc", "1,23,456", "NaN", "Infinity", "1.2.3", "12 34", "0·5·3", "–5", "1,", "٣"],
)
def test_parse_decimal_rejects_junk(token):
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(token)


# --- words_to_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three hundred and two", 302),
        ("Forty-eight", 48),
        ("one", 1),
        ("twelve thousand", 12000),
        ("One hundred and forty", 140),
        ("thirty one", 31),
        ("zero", 0),
        ("Fourteen", 14),
        ("one thousand two hundred and five", 1205),
        ("two million three hundred thousand", 2_300_000),
        ("nineteen hundred", 1900),
        ("ninety-nine", 99),
        ("", None),
        ("and", None),
        ("two and three", None),
        ("forty forty", None),
        ("eight-forty", None),
        ("three-hundred", None),
        ("hundred", None),
        ("thousand", None),
        ("two three", None),
        ("zero one", None),
        ("one hundred and", None),
        ("one thousand million", None),
        ("second", None),
        ("one of", None),
        ("twenty 5", None),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else None,
)
def test_words_to_number(text, expected):
    assert words_to_number(text) == expected


# --- find_numbers: every shape ---------------------------------------------------------------


def num(verbatim, value, decimals=0, **flags):
    """The expected shape of one number (flags default as in Number)."""
    defaults = {
        "percent": False,
        "unit": None,
        "unit_verbatim": None,
        "comparator": None,
        "not_reached": False,
        "spelled": False,
        "exponent_of_ten": False,
    }
    value = None if value is None else D(value)
    return (verbatim, value, decimals, defaults | flags)


def shape(n: Number):
    flags = {
        "percent": n.percent,
        "unit": n.unit,
        "unit_verbatim": n.unit_verbatim,
        "comparator": n.comparator,
        "not_reached": n.not_reached,
        "spelled": n.spelled,
        "exponent_of_ten": n.exponent_of_ten,
    }
    return (n.verbatim, n.value, n.decimals, flags)


PCT = {"percent": True}
CASES = [
    pytest.param(
        "HR 0·53 (99% CI 0·32–0·89)",
        [
            num("0·53", "0.53", 2),
            num("99", "99", **PCT),
            num("0·32", "0.32", 2),
            num("0·89", "0.89", 2),
        ],
        id="lancet-middle-dot",
    ),
    pytest.param(
        "HR 0.58, 95.4% CI: 0.42–0.79",
        [
            num("0.58", "0.58", 2),
            num("95.4", "95.4", 1, **PCT),
            num("0.42", "0.42", 2),
            num("0.79", "0.79", 2),
        ],
        id="ikema-hr",
    ),
    pytest.param(
        "35.7 [95% CI: 25.8–44.0] vs 19.2 [95% CI: 15.8–25.0] months",
        [
            num("35.7", "35.7", 1),
            num("95", "95", **PCT),
            num("25.8", "25.8", 1),
            num("44.0", "44.0", 1),
            num("19.2", "19.2", 1),
            num("95", "95", **PCT),
            num("15.8", "15.8", 1),
            num("25.0", "25.0", 1),
        ],
        id="medians-with-cis",
    ),
    pytest.param("p=0·0007", [num("0·0007", "0.0007", 4, comparator="=")], id="p-equals-dot"),
    pytest.param("P < .001", [num(".001", "0.001", 3, comparator="<")], id="p-leading-dot"),
    pytest.param("P = .03", [num(".03", "0.03", 2, comparator="=")], id="p-equals-spaced"),
    pytest.param(f"<{THIN}37", [num("37", "37", comparator="<")], id="thin-space-comparator"),
    pytest.param(
        "≤ 5 and ≥18 years",
        [
            num("5", "5", comparator="<="),
            num("18", "18", comparator=">=", unit="years", unit_verbatim="years"),
        ],
        id="le-ge",
    ),
    pytest.param(
        "<= 2 or >= 3",
        [num("2", "2", comparator="<="), num("3", "3", comparator=">=")],
        id="ascii-le-ge",
    ),
    pytest.param(
        "<i>P</i> &lt; 0.001", [num("0.001", "0.001", 3, comparator="<")], id="markup-entity"
    ),
    pytest.param("(n = 179)", [num("179", "179", comparator="=")], id="n-equals"),
    pytest.param(
        "179 of 302 (59%)",
        [num("179", "179"), num("302", "302"), num("59", "59", **PCT)],
        id="n-of-total",
    ),
    pytest.param("6,032.37", [num("6,032.37", "6032.37", 2)], id="thousands-comma"),
    pytest.param("1,094 patients", [num("1,094", "1094")], id="thousands-comma-int"),
    pytest.param("based on 199 433 new-onset", [num("199 433", "199433")], id="thousands-space"),
    pytest.param(f"12{THIN}345", [num(f"12{THIN}345", "12345")], id="thousands-thin"),
    pytest.param(f"1{NBSP}094", [num(f"1{NBSP}094", "1094")], id="thousands-nbsp"),
    pytest.param("HR 0,53", [num("0,53", "0.53", 2)], id="decimal-comma"),
    pytest.param("p=0,001", [num("0,001", "0.001", 3, comparator="=")], id="decimal-comma-zero"),
    pytest.param(
        "HR 1,20 (0,95-1,52)",
        [num("1,20", "1.20", 2), num("0,95", "0.95", 2), num("1,52", "1.52", 2)],
        id="decimal-comma-range",
    ),
    pytest.param(
        "1,3,7-trimethylxanthine",
        [num("1", "1"), num("3", "3"), num("7", "7")],
        id="comma-list-not-decimal",
    ),
    pytest.param(
        "1,25-dihydroxyvitamin", [num("1", "1"), num("25", "25")], id="locants-not-decimal"
    ),
    pytest.param(f"change of {MINUS}0.5", [num(f"{MINUS}0.5", "-0.5", 1)], id="unicode-minus"),
    pytest.param("value was -0.5", [num("-0.5", "-0.5", 1)], id="hyphen-minus"),
    pytest.param(
        f"{MINUS}0.5 to {MINUS}0.1",
        [num(f"{MINUS}0.5", "-0.5", 1), num(f"{MINUS}0.1", "-0.1", 1)],
        id="negative-to-range",
    ),
    pytest.param(
        "aged 18-84 years",
        [
            num("18", "18", unit="years", unit_verbatim="years"),
            num("84", "84", unit="years", unit_verbatim="years"),
        ],
        id="hyphen-is-range",
    ),
    pytest.param("18 - 84", [num("18", "18"), num("84", "84")], id="spaced-hyphen-is-range"),
    pytest.param(
        f"25.8{MINUS}44.0",
        [num("25.8", "25.8", 1), num("44.0", "44.0", 1)],
        id="glued-minus-is-range",
    ),
    pytest.param("15–20%", [num("15", "15", **PCT), num("20", "20", **PCT)], id="shared-percent"),
    pytest.param("33.5%", [num("33.5", "33.5", 1, **PCT)], id="percent"),
    pytest.param("33.5 %", [num("33.5", "33.5", 1, **PCT)], id="percent-spaced"),
    pytest.param("33·5 per cent", [num("33·5", "33.5", 1, **PCT)], id="per-cent"),
    pytest.param("33.5 percent", [num("33.5", "33.5", 1, **PCT)], id="percent-word"),
    pytest.param("5 percentage points", [num("5", "5")], id="percentage-points-not-percent"),
    pytest.param(
        "24 h, 12 mo, 12-month, 2 y, 48-week, 3 days, 10 mg/kg",
        [
            num("24", "24", unit="hours", unit_verbatim="h"),
            num("12", "12", unit="months", unit_verbatim="mo"),
            num("12", "12", unit="months", unit_verbatim="month"),
            num("2", "2", unit="years", unit_verbatim="y"),
            num("48", "48", unit="weeks", unit_verbatim="week"),
            num("3", "3", unit="days", unit_verbatim="days"),
            num("10", "10", unit="mg/kg", unit_verbatim="mg/kg"),
        ],
        id="units",
    ),
    pytest.param("18 hospitals, 5 doses", [num("18", "18"), num("5", "5")], id="not-units"),
    pytest.param(
        "MRD negativity at 10<sup>−5</sup>",
        [num("10<sup>−5</sup>", "0.00001", 5, exponent_of_ten=True)],
        id="mrd-superscript",
    ),
    pytest.param(
        f"MRD negativity (10{MINUS}5) and MRD 10-6",
        [
            num(f"10{MINUS}5", "0.00001", 5, exponent_of_ten=True),
            num("10-6", "0.000001", 6, exponent_of_ten=True),
        ],
        id="mrd-plain",
    ),
    pytest.param(
        f"grades 10{MINUS}5", [num("10", "10"), num("5", "5")], id="no-mrd-context-is-range"
    ),
    pytest.param(
        "5.92 × 10<sup>-7</sup>",
        [num("5.92 × 10<sup>-7</sup>", "5.92E-7", 9, exponent_of_ten=True)],
        id="mantissa-times-ten",
    ),
    pytest.param(
        "2.88×10<sup>4</sup> W",
        [num("2.88×10<sup>4</sup>", "28800", -2, exponent_of_ten=True)],
        id="positive-exponent",
    ),
    pytest.param(
        "10⁻⁵", [num("10⁻⁵", "0.00001", 5, exponent_of_ten=True)], id="superscript-digits"
    ),
    pytest.param("10^-5", [num("10^-5", "0.00001", 5, exponent_of_ten=True)], id="caret"),
    pytest.param(
        "1e-5 and 1.2E3",
        [
            num("1e-5", "0.00001", 5, exponent_of_ten=True),
            num("1.2E3", "1200", -2, exponent_of_ten=True),
        ],
        id="e-notation",
    ),
    pytest.param(
        "Three hundred and two patients",
        [num("Three hundred and two", "302", spelled=True)],
        id="spelled-302",
    ),
    pytest.param(
        "forty-eight weeks",
        [num("forty-eight", "48", spelled=True, unit="weeks", unit_verbatim="weeks")],
        id="spelled-48-weeks",
    ),
    pytest.param(
        "Fourteen of 17 infants",
        [num("Fourteen", "14", spelled=True), num("17", "17")],
        id="spelled-of",
    ),
    pytest.param(
        "two and three patients",
        [num("two", "2", spelled=True), num("three", "3", spelled=True)],
        id="spelled-and-is-not-plus",
    ),
    pytest.param(
        "Thirty one percent of patients",
        [num("Thirty one", "31", spelled=True, percent=True)],
        id="spelled-percent",
    ),
    pytest.param(
        "after one year",
        [num("one", "1", spelled=True, unit="years", unit_verbatim="year")],
        id="one-before-unit",
    ),
    pytest.param("one of the patients", [], id="one-of"),
    pytest.param("In one study, one-sided p", [], id="one-pronoun"),
    pytest.param("two-sided, three-dimensional, two-fold", [], id="spelled-compounds"),
    pytest.param("someone often went", [], id="number-words-inside-words"),
    pytest.param("it was forty.", [], id="spelled-needs-following-word"),
    pytest.param(
        "deaths in five (1·8%) and one (0·4%)",
        [
            num("five", "5", spelled=True),
            num("1·8", "1.8", 1, percent=True),
            num("one", "1", spelled=True),
            num("0·4", "0.4", 1, percent=True),
        ],
        id="spelled-count-before-its-bracketed-percentage",
    ),
    pytest.param(
        "median PFS was not reached",
        [num("not reached", None, not_reached=True)],
        id="not-reached",
    ),
    pytest.param(
        "median OS had not yet been reached",
        [num("not yet been reached", None, not_reached=True)],
        id="not-yet-been-reached",
    ),
    pytest.param(
        "median PFS NR vs 19.2 months",
        [
            num("NR", None, not_reached=True),
            num("19.2", "19.2", 1, unit="months", unit_verbatim="months"),
        ],
        id="nr-token",
    ),
    pytest.param(
        "Median OS was 12.8, NR and 8.0 mo, respectively; responders and NR was 5.1",
        [
            num("12.8", "12.8", 1),
            num("NR", None, not_reached=True),
            num("8.0", "8.0", 1, unit="months", unit_verbatim="mo"),
            num("5.1", "5.1", 1),
        ],
        id="nr-listed-before-the-next-value",
    ),
    pytest.param(
        "35.7 (25.8–NR)",
        [num("35.7", "35.7", 1), num("25.8", "25.8", 1), num("NR", None, not_reached=True)],
        id="nr-upper-bound",
    ),
    pytest.param(
        "median OS not estimable",
        [num("not estimable", None, not_reached=True)],
        id="not-estimable",
    ),
    pytest.param("Cook NR; Evans DA; Foster NR, et al.", [], id="nr-author-initials"),
    pytest.param("the recruitment target was not reached.", [], id="not-reached-other-sense"),
    pytest.param("version 1.2.3", [], id="dotted-identifier"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_numbers(text, expected):
    numbers = find_numbers(text)
    assert [shape(n) for n in numbers] == expected
    pos = 0
    for n in numbers:
        assert text[n.start : n.end] == n.verbatim
        assert n.start == text.index(n.verbatim, pos)  # reading order, original offsets
        pos = n.end


def test_offsets_are_in_the_original_text_with_markup():
    text = "<i>n</i> = 179; <b>P</b>&#x2009;&lt;&#8201;0·001 at 10<sup>&#x2212;5</sup>"
    got = find_numbers(text)
    assert [(n.start, n.end, n.verbatim) for n in got] == [
        (11, 14, "179"),
        (43, 48, "0·001"),
        (52, 74, "10<sup>&#x2212;5</sup>"),
    ]
    assert got[1].comparator == "<"
    assert got[2].value == D("0.00001")


def test_scan_maps_view_back_to_text():
    text = "a &lt;b&gt; 5"
    scan = scan_numbers(text)
    assert scan.view == "a <b> 5"
    (only,) = scan.numbers
    assert scan.original(only.vstart, only.vend) == (12, 13)


def test_glued_and_index_numbers_are_reported():
    assert [n.verbatim for n in find_numbers("CD38, IgG1, m<sup>2</sup>")] == ["38", "1", "2"]


# --- properties ------------------------------------------------------------------------------


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=8),
    st.sampled_from(["plain", "grouped", "lancet", "sentence"]),
)
def test_formatted_decimal_round_trips(d, k, style):
    q = d.quantize(D(1).scaleb(-k))
    printed = format(q, ",f" if style == "grouped" else "f")
    if style == "lancet":
        printed = printed.replace(".", "·")
    text = f"HR {printed} overall" if style == "sentence" else printed
    (n,) = find_numbers(text)
    assert n.value == q
    assert n.decimals == k
    assert n.verbatim == printed
    assert text[n.start : n.end] == n.verbatim


_FRAGMENTS = [
    "0", "1", "9", ".", "·", ",", " ", THIN, NBSP, MINUS, NDASH, "-", "+", "<", ">", "=", "≤",
    "%", "e", "E", "^", "×", "x", "⁻", "⁵", "10", "NR", "NE", "not reached", "one", "hundred",
    "and", "-eight", "<sup>", "</sup>", "<i>", "&lt;", "&#x2212;", "&", ";", "CI", "95% CI ",
    "IQR ", " to ", "months", "mo", "MRD ", "(", ")", "[", "]", "NCT", "\x00", "\x01", "\x02",
]  # fmt: skip


@given(st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)))
def test_find_numbers_never_raises_and_keeps_offsets(text):
    numbers = find_numbers(text)
    assert [n.start for n in numbers] == sorted(n.start for n in numbers)
    for n in numbers:
        assert text[n.start : n.end] == n.verbatim
        assert (n.value is None) == n.not_reached
        is_reference_noise(text, n)


def test_ikema_source_numbers():
    text = (SHARED / "examples" / "sources" / "ikema-updated-blood-cancer-j-2023.txt").read_text(
        encoding="utf-8"
    )
    numbers = find_numbers(text)
    noise = [n.verbatim for n in numbers if is_reference_noise(text, n)]
    assert noise == ["10.1038", "41408", "023", "00797", "8", "03275285", "38", "03275285"]
    body = text.index("Efficacy analyses")
    assert [(n.verbatim, n.comparator, n.percent) for n in numbers if n.start > body] == [
        ("179", "=", False), ("123", "=", False), ("177", "=", False), ("122", "=", False),
        ("0.58", None, False), ("95.4", None, True), ("0.42", None, False), ("0.79", None, False),
        ("35.7", None, False), ("95", None, True), ("25.8", None, False), ("44.0", None, False),
        ("19.2", None, False), ("95", None, True), ("15.8", None, False), ("25.0", None, False),
        ("44.1", None, True), ("28.5", None, True), ("2.09", None, False), ("95", None, True),
        ("1.26", None, False), ("3.48", None, False), ("33.5", None, True), ("15.4", None, True),
        ("2.78", None, False), ("95", None, True), ("1.55", None, False), ("4.99", None, False),
        ("26.3", None, True), ("12.2", None, True),
    ]  # fmt: skip
    (dose,) = [n for n in numbers if n.unit == "mg/kg"]
    assert (dose.verbatim, dose.unit_verbatim) == ("10", "mg/kg")
