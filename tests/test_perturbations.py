"""The reviewer's check on a rendered summary: no false alarm, every perturbation caught.

The text is the rendered demo listing (tests/golden/render/ikema-demo.md). Each perturbation
is the kind a reviewer must catch (issue 6): a value changed by one rounding unit and by more,
swapped arms, a changed unit or CI level, the right trial's wrong publication cited, a number
moved into a sentence that cites another source, a dropped marker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.checks import check_summary, report_lines
from evidence.imports import import_references
from evidence.store import Store

REPO = Path(__file__).resolve().parents[1]
RENDERED = (REPO / "tests" / "golden" / "render" / "ikema-demo.md").read_text(encoding="utf-8")
MEDIANS = (
    "Half of the people on Isa-Kd lived without their disease getting worse for 35.7 months "
    "or more, compared with 19.2 months on Kd [3]."
)
HR = "(hazard ratio 0.58; 95.4% confidence interval 0.42 to 0.79) [3]."


@pytest.fixture
def loaded(store: Store) -> Store:
    assert not import_references(REPO / "references", store).failures
    return store


def test_the_rendered_summary_raises_no_false_alarm(loaded: Store) -> None:
    assert MEDIANS in RENDERED and HR in RENDERED
    report = check_summary(RENDERED, loaded)
    assert report.ok, report_lines(report)


PERTURBATIONS = [
    pytest.param(MEDIANS, MEDIANS.replace("35.7", "35.8"), id="one-rounding-unit"),
    pytest.param(MEDIANS, MEDIANS.replace("19.2", "21.0"), id="more-than-rounding"),
    pytest.param(
        MEDIANS,
        MEDIANS.replace("on Isa-Kd", "on @").replace("on Kd", "on Isa-Kd").replace("on @", "on Kd"),
        id="swapped-arms",
    ),
    pytest.param(MEDIANS, MEDIANS.replace("35.7 months", "35.7 weeks"), id="unit-changed"),
    pytest.param(HR, HR.replace("95.4%", "95%"), id="ci-level-changed"),
    pytest.param(HR, HR.replace("0.58", "0.53"), id="interim-estimate-in-update-sentence"),
    pytest.param(MEDIANS, MEDIANS.replace("[3]", "[2]"), id="wrong-publication-same-trial"),
    pytest.param(
        "published earlier [2].",
        "published earlier, with a median of 35.7 months [2].",
        id="number-moved-to-another-source",
    ),
    pytest.param("123 people were given Kd [3].", "123 people were given Kd.", id="marker-dropped"),
]


@pytest.mark.parametrize(("old", "new"), PERTURBATIONS)
def test_every_perturbation_is_caught(loaded: Store, old: str, new: str) -> None:
    assert old in RENDERED
    report = check_summary(RENDERED.replace(old, new, 1), loaded)
    assert not report.ok, report_lines(report)
