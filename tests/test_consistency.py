"""Consistency checks on findings (DOMAIN.md §7.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence.consistency import check_all, check_finding
from evidence.findings import Anchor, Finding, FindingKind, Span

D = Decimal


def _f(kind: FindingKind = FindingKind.HAZARD_RATIO, **kw: object) -> Finding:
    base: dict[str, object] = {
        "id": "f",
        "kind": kind,
        "anchor": Anchor("pmid:1", "sha", Span(0, 1)),
        "verbatim": "x",
        "value": D("0.53"),
        "value_verbatim": "0.53",
        "endpoint": "PFS",
        "ci_low": D("0.32"),
        "ci_high": D("0.89"),
        "ci_low_verbatim": "0.32",
        "ci_high_verbatim": "0.89",
        "ci_level": D("99"),
    }
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def _checks(finding: Finding) -> list[str]:
    return [p.check for p in check_finding(finding)]


def test_ikema_interim_estimate_is_consistent() -> None:
    one_sided = _f(p_value=D("0.0007"), p_comparator="=", p_verbatim="= 0.0007", sidedness=1)
    assert check_finding(one_sided) == []


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        pytest.param({"value": D("0.95")}, "inside-ci", id="outside-ci"),
        pytest.param({"ci_low": D("0.9"), "ci_high": D("0.3")}, "inside-ci", id="reversed"),
        pytest.param({"value": D("0.33"), "ci_high": D("2.9")}, "log-symmetry", id="asymmetric"),
        pytest.param(
            {"p_value": D("0.2"), "p_comparator": "=", "p_verbatim": "= 0.2"},
            "p-agrees-with-ci",
            id="p-too-high",
        ),
        pytest.param(
            {
                "ci_high": D("1.2"),
                "p_value": D("0.001"),
                "p_comparator": "<",
                "p_verbatim": "< 0.001",
            },
            "p-agrees-with-ci",
            id="p-low-but-ci-includes-1",
        ),
    ],
)
def test_inconsistent_estimates_are_flagged(changes: dict[str, object], check: str) -> None:
    assert check in _checks(_f(**changes))


def test_upper_bound_p_above_alpha_says_nothing() -> None:
    assert _checks(_f(p_value=D("0.05"), p_comparator="<", p_verbatim="< 0.05")) == []


@pytest.mark.parametrize(
    ("value", "n", "total", "ok"),
    [
        pytest.param("56", 101, 179, True, id="56-of-179-rounds"),
        pytest.param("56.4", 101, 179, True, id="one-decimal"),
        pytest.param("57", 101, 179, False, id="wrong"),
        pytest.param("44.7", 55, 123, True, id="control-arm"),
    ],
)
def test_rate_against_counts(value: str, n: int, total: int, ok: bool) -> None:
    rate = _f(
        FindingKind.RATE,
        value=D(value),
        value_verbatim=value,
        numerator=n,
        denominator=total,
        ci_low=None,
        ci_high=None,
    )
    assert (_checks(rate) == []) is ok


def test_arms_must_sum_to_the_total() -> None:
    def count(fid: str, value: str, arm: str | None) -> Finding:
        return _f(
            FindingKind.COUNT,
            id=fid,
            value=D(value),
            value_verbatim=value,
            arm=arm,
            endpoint="randomised",
            ci_low=None,
            ci_high=None,
        )

    good = [count("t", "302", None), count("a", "179", "Isa-Kd"), count("b", "123", "Kd")]
    assert check_all(good) == []
    bad = [count("t", "307", None), count("a", "179", "Isa-Kd"), count("b", "123", "Kd")]
    [problem] = check_all(bad)
    assert problem.check == "arms-sum-to-total"
    assert "= 302, not 307" in problem.message


@pytest.mark.parametrize(
    ("low", "high"),
    [pytest.param("0", "3", id="zero-limit"), pytest.param("0.4", "-0.3", id="negative-limit")],
)
def test_non_positive_limits_are_reported_not_crashing(low: str, high: str) -> None:
    finding = _f(
        FindingKind.ODDS_RATIO,
        value=D("2.0"),
        value_verbatim="2.0",
        ci_low=D(low),
        ci_high=D(high),
        ci_low_verbatim=low,
        ci_high_verbatim=high,
    )
    assert "log-symmetry" in _checks(finding)
