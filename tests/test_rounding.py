"""Half-up rounding and sameness of printed numbers (DOMAIN.md 7.2)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from evidence.numbers import Number, find_numbers, parse_decimal
from evidence.rounding import rounds_to, same_number


@pytest.mark.parametrize(
    ("source", "shown", "expected"),
    [
        pytest.param("19.15", "19.2", True, id="19.15-to-19.2"),
        pytest.param("35.65", "35.7", True, id="35.65-to-35.7"),
        pytest.param("35.65", "35.6", False, id="35.65-not-35.6"),
        pytest.param("19.15", "19.1", False, id="19.15-not-19.1"),
        pytest.param("0.53", "0.53", True, id="exact"),
        pytest.param("0.530", "0.53", True, id="exact-trailing-zero"),
        pytest.param("19.2", "19.20", True, id="shown-more-decimals-exact"),
        pytest.param("19.24", "19.20", False, id="shown-more-decimals-inexact"),
        pytest.param("35.65", "36", True, id="zero-decimals-by-shown"),
        pytest.param("35.45", "36", False, id="zero-decimals-below-half"),
        pytest.param("0.525", "0.53", True, id="half-up-not-banker"),
        pytest.param("0.535", "0.54", True, id="half-up-odd"),
        pytest.param("-35.65", "-35.7", True, id="negative-ties-away-from-zero"),
        pytest.param("19·15".replace("·", "."), "19·2", True, id="lancet-shown"),
        pytest.param("33.46", "33.5%", True, id="percent-ignored"),
        pytest.param("0.0000104", "10<sup>−5</sup>", True, id="exponent-shown"),
        pytest.param("28812", "2.88×10<sup>4</sup>", True, id="negative-decimals"),
        pytest.param("28850", "2.88×10<sup>4</sup>", False, id="negative-decimals-up"),
        pytest.param("1E+40", "1", False, id="huge-source"),
    ],
)
def test_rounds_to(source, shown, expected):
    assert rounds_to(D(source), shown) is expected


def test_rounds_to_decimal_path_passes_where_float_fails():
    """DOMAIN 7.2: float round() gets both IKEMA medians wrong; the Decimal path does not."""
    assert round(19.15, 1) == 19.1  # binary float: 19.15 is 19.149999...
    assert round(35.65, 1) == 35.6
    assert rounds_to(D("19.15"), "19.2")
    assert rounds_to(D("35.65"), "35.7")
    assert rounds_to(parse_decimal("19·15"), find_numbers("vs 19.2 months")[0])


def test_rounds_to_not_reached_and_bad_input():
    (nr,) = find_numbers("median PFS NR vs")
    assert not rounds_to(D("1"), nr)
    assert not rounds_to(D("NaN"), "1")
    with pytest.raises(ValueError, match="expected one number"):
        rounds_to(D("1"), "0.42–0.79")


# --- same_number -----------------------------------------------------------------------------


def one(text: str) -> Number:
    (n,) = find_numbers(text)
    return n


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("0.53", "0·53", True, id="middle-dot"),
        pytest.param("35.7", "35.70", True, id="trailing-zero"),
        pytest.param("44.1%", "44.1 per cent", True, id="percent-forms"),
        pytest.param("44.1%", "44.1", False, id="percent-vs-plain"),
        pytest.param("35.7 months", "35.7", True, id="unit-vs-none"),
        pytest.param("35.7 months", "35.7 mo", True, id="unit-aliases"),
        pytest.param("35.7 months", "35.7 weeks", False, id="unit-clash"),
        pytest.param("p<0.001", "p 0.001", False, id="comparator-clash"),
        pytest.param("P = 0.03", "0.03", True, id="equals-is-no-comparator"),
        pytest.param("p≤0.05", "p <= 0.05", True, id="comparator-forms"),
        pytest.param("median PFS NR vs", "median PFS not reached", True, id="nr-forms"),
        pytest.param("median PFS NR vs", "median OS not estimable", False, id="nr-vs-ne"),
        pytest.param("median PFS NR vs", "0", False, id="nr-vs-number"),
        pytest.param("302", "Three hundred and two patients", True, id="spelled"),
        pytest.param("MRD 10<sup>−5</sup>", "0.00001", True, id="exponent"),
        pytest.param("0.53", "0.54", False, id="different-value"),
    ],
)
def test_same_number(a, b, expected):
    assert same_number(one(a), one(b)) is expected
    assert same_number(one(b), one(a)) is expected
