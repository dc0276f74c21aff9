"""Comparing printed numbers: half-up rounding and sameness (pure).

A summary's number is supported by a source's number when they are the same
(:func:`same_number`) or when the source's value rounds half-up to what the summary printed
(:func:`rounds_to`). Rounding uses :class:`decimal.Decimal`, never float ``round``, which
gets exactly the IKEMA cases wrong (19.15 -> 19.1, 35.65 -> 35.6).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from evidence.numbers import Number, find_numbers

__all__ = ["rounds_to", "same_number"]


def _single(shown: str) -> Number:
    numbers = find_numbers(shown)
    if len(numbers) != 1:
        raise ValueError(f"expected one number, found {len(numbers)}: {shown!r}")
    return numbers[0]


def rounds_to(source: Decimal, shown: Number | str) -> bool:
    """True iff ``source`` rounded half-up to ``shown``'s printed decimals equals its value.

    Rounding is :data:`decimal.ROUND_HALF_UP` (ties away from zero), never float ``round``:
    19.15 -> "19.2" and 35.65 -> "35.7" are True, 35.65 -> "35.6" is False, and 35.65 -> "36"
    is True because "36" prints no decimals. An exact match is True. Percent signs, units and
    comparators are ignored here: whether rounding is acceptable is the checker's decision.
    """
    number = _single(shown) if isinstance(shown, str) else shown
    if number.value is None or not source.is_finite():
        return False
    if source == number.value:
        return True
    with localcontext() as ctx:
        ctx.prec = max(28, abs(source.adjusted()) + abs(number.decimals) + 2)
        try:
            rounded = source.quantize(Decimal(1).scaleb(-number.decimals), ROUND_HALF_UP)
        except InvalidOperation:
            return False
    return rounded == number.value


def _missing_kind(number: Number) -> str:
    return "estimable" if number.verbatim == "NE" or "estimable" in number.verbatim else "reached"


def same_number(a: Number, b: Number) -> bool:
    """Same value, same percent flag, compatible units and comparators (decimals may differ).

    A missing unit is compatible with any unit ("35.7" and "35.7 months"); an absent
    comparator equals "="; "not reached"/"NR" match each other but not "not estimable"/"NE".
    """
    if a.not_reached or b.not_reached:
        return a.not_reached and b.not_reached and _missing_kind(a) == _missing_kind(b)
    return (
        a.value == b.value
        and a.percent == b.percent
        and (a.unit is None or b.unit is None or a.unit == b.unit)
        and (a.comparator or "=") == (b.comparator or "=")
    )
