"""Tests for evidence.intervals: CI and range shapes, levels, kinds, and the IKEMA source."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.intervals import find_intervals
from evidence.numbers import find_numbers
from tests.fixtures_index import SHARED

D = Decimal
MINUS = "\u2212"
IKEMA = SHARED / "examples" / "sources" / "ikema-updated-blood-cancer-j-2023.txt"


def ci(verbatim, low, high, level, kind="ci"):
    return (verbatim, low, high, None if level is None else D(level), kind)


def shape(interval):
    return (
        interval.verbatim,
        interval.low.verbatim,
        interval.high.verbatim,
        interval.level,
        interval.kind,
    )


CASES = [
    pytest.param(
        "HR 0.58, 95.4% CI: 0.42–0.79",
        [ci("95.4% CI: 0.42–0.79", "0.42", "0.79", "95.4")],
        id="ikema-95.4",
    ),
    pytest.param(
        "HR 0·53 (99% CI 0·32–0·89)", [ci("99% CI 0·32–0·89", "0·32", "0·89", "99")], id="lancet-99"
    ),
    pytest.param(
        "median 35.7 (95% CI 0.32–0.89) months",
        [ci("95% CI 0.32–0.89", "0.32", "0.89", "95")],
        id="parenthesised",
    ),
    pytest.param(
        "35.7 [95% CI: 25.8–44.0] vs 19.2 [95% CI: 15.8–25.0] months",
        [
            ci("95% CI: 25.8–44.0", "25.8", "44.0", "95"),
            ci("95% CI: 15.8–25.0", "15.8", "25.0", "95"),
        ],
        id="two-medians-vs",
    ),
    pytest.param(
        "HR 0.61 [95% CI, 0.44 to 0.85]",
        [ci("95% CI, 0.44 to 0.85", "0.44", "0.85", "95")],
        id="comma-label-to",
    ),
    pytest.param("CI 0·42-0·79", [ci("CI 0·42-0·79", "0·42", "0·79", None)], id="ci-no-level"),
    pytest.param(
        "OR 2.1 (95 per cent c.i. 1.2 to 3.4)",
        [ci("95 per cent c.i. 1.2 to 3.4", "1.2", "3.4", "95")],
        id="per-cent-ci",
    ),
    pytest.param(
        "82%, 95% confidence interval [CI] 59% to 94%",
        [ci("95% confidence interval [CI] 59% to 94%", "59", "94", "95")],
        id="spelled-label-percent-ends",
    ),
    pytest.param(
        "two-sided 90% CI 0.5-0.9",
        [ci("two-sided 90% CI 0.5-0.9", "0.5", "0.9", "90")],
        id="sided-90",
    ),
    pytest.param(
        "β = 1.26; 95% CI = .38-2.13; P = .005",
        [ci("95% CI = .38-2.13", ".38", "2.13", "95")],
        id="equals-leading-dot",
    ),
    pytest.param(
        f"95% CI {MINUS}1.2 to {MINUS}0.3",
        [ci(f"95% CI {MINUS}1.2 to {MINUS}0.3", f"{MINUS}1.2", f"{MINUS}0.3", "95")],
        id="negative-ends",
    ),
    pytest.param(
        "95% CI: -1.2--0.3", [ci("95% CI: -1.2--0.3", "-1.2", "-0.3", "95")], id="hyphen-negatives"
    ),
    pytest.param(
        "OR (95% CI) 2.09 (1.26 to 3.48)",
        [ci("95% CI) 2.09 (1.26 to 3.48", "1.26", "3.48", "95")],
        id="header-form",
    ),
    pytest.param("(IQR 3–7)", [ci("IQR 3–7", "3", "7", None, "range")], id="iqr"),
    pytest.param("(range 18–84)", [ci("range 18–84", "18", "84", None, "range")], id="range"),
    pytest.param(
        "17 weeks (interquartile range [IQR] 6-37 weeks)",
        [ci("interquartile range [IQR] 6-37 weeks", "6", "37", None, "range")],
        id="iqr-spelled-unit",
    ),
    pytest.param(
        "ranged from .85-.97 and .70-.98",
        [
            ci("ranged from .85-.97", ".85", ".97", None, "range"),
            ci(".70-.98", ".70", ".98", None, "range"),
        ],
        id="ranged-from",
    ),
    pytest.param(
        "(range, 18 to 84)", [ci("range, 18 to 84", "18", "84", None, "range")], id="range-to"
    ),
    pytest.param("1–3 prior lines", [ci("1–3", "1", "3", None, "range")], id="bare-dash"),
    pytest.param(
        "35.7 (25.8–NR) months", [ci("25.8–NR", "25.8", "NR", None, "range")], id="bare-nr"
    ),
    pytest.param(
        "5.92 × 10<sup>-7</sup>-1.75 × 10<sup>-6</sup>",
        [
            ci(
                "5.92 × 10<sup>-7</sup>-1.75 × 10<sup>-6</sup>",
                "5.92 × 10<sup>-7</sup>",
                "1.75 × 10<sup>-6</sup>",
                None,
                "range",
            )
        ],
        id="exponent-range",
    ),
    pytest.param(
        "62% (95% CI, 42%–81%)", [ci("95% CI, 42%–81%", "42", "81", "95")], id="percent-dash"
    ),
    pytest.param("increased from 19 to 35", [], id="bare-to-is-a-change"),
    pytest.param("35.7 vs 19.2 versus 12", [], id="vs-is-not-a-range"),
    pytest.param("between 3 and 7", [], id="between-and-unsupported"),
    pytest.param("HR 1.05 (1.03, 1.07)", [], id="comma-separator-unsupported"),
    pytest.param("cut-off 2022-01-14", [], id="iso-date-chain"),
    pytest.param("doi:10.1038/s41408-023-00797-8", [], id="doi-chain"),
    pytest.param("Lancet 2021;397:2361-71", [], id="page-range-descends"),
    pytest.param("", [], id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_find_intervals(text, expected):
    intervals = find_intervals(text)
    assert [shape(i) for i in intervals] == expected
    numbers = find_numbers(text)
    for interval in intervals:
        assert text[interval.start : interval.end] == interval.verbatim
        assert interval.low in numbers and interval.high in numbers


def test_interval_ends_share_percent():
    (interval,) = find_intervals("87.3% (95% CI, 75.1% to 99.5%)")
    assert interval.low.percent and interval.high.percent
    (interval,) = find_intervals("(IQR 15–20%)")
    assert interval.low.percent and interval.low.verbatim == "15"


def test_ikema_source_end_to_end():
    text = IKEMA.read_text(encoding="utf-8")
    intervals = find_intervals(text)
    cis = [(i.level, i.low.value, i.high.value) for i in intervals if i.kind == "ci"]
    assert cis == [
        (D("95.4"), D("0.42"), D("0.79")),
        (D("95"), D("25.8"), D("44.0")),
        (D("95"), D("15.8"), D("25.0")),
        (D("95"), D("1.26"), D("3.48")),
        (D("95"), D("1.55"), D("4.99")),
    ]
    assert [i.verbatim for i in intervals if i.kind == "ci"] == [
        "95.4% CI: 0.42–0.79",
        "95% CI: 25.8–44.0",
        "95% CI: 15.8–25.0",
        "95% CI: 1.26–3.48",
        "95% CI: 1.55–4.99",
    ]
    ranges = [i.verbatim for i in intervals if i.kind == "range"]
    assert ranges == ["1–3"]  # "(1–3 prior treatment lines)"; the DOI is no range
    for interval in intervals:
        assert text[interval.start : interval.end] == interval.verbatim


_FRAGMENTS = [
    "0", "1", "9", ".", "·", ",", " ", MINUS, "–", "-", "%", "CI", "95% CI ", "95% CI: ",
    "IQR ", "range ", " to ", "NR", "(", ")", "[", "]", "<sup>", "</sup>", "10", "×", "per cent",
    "c.i. ", "two-sided ", "\x00", "\x01",
]  # fmt: skip


@given(st.one_of(st.text(), st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)))
def test_find_intervals_never_raises_and_keeps_offsets(text):
    for interval in find_intervals(text):
        assert text[interval.start : interval.end] == interval.verbatim
        assert interval.start <= interval.low.start < interval.high.end <= interval.end
        assert interval.kind in ("ci", "range")
