"""Numbers that are not values: identifiers, citations, indices."""

from __future__ import annotations

import pytest

from evidence.noise import is_reference_noise
from evidence.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        pytest.param("IKEMA (NCT03275285)", ["03275285"], id="nct"),
        pytest.param(
            "doi: 10.1038/s41408-023-00797-8",
            ["10.1038", "41408", "023", "00797", "8"],
            id="doi",
        ),
        pytest.param("PMID: 34097854", ["34097854"], id="pmid"),
        pytest.param("Lancet 2021;397:2361-71", ["2021", "397", "2361", "71"], id="citation"),
        pytest.param(
            "Bioinformatics 2018;34(10):1758", ["2018", "34", "10", "1758"], id="citation-issue"
        ),
        pytest.param("as shown [12] and [3,4]", ["12", "3", "4"], id="bracket-markers"),
        pytest.param("Mikhael, J., et al.[2022]", ["2022"], id="et-al-year"),
        pytest.param("CD38, IgG1, COVID-19", ["38", "1", "19"], id="glued-names"),
        pytest.param("the 1st and 2nd lines", ["1", "2"], id="ordinals"),
        pytest.param("m<sup>2</sup> and H<sub>2</sub>O", ["2", "2"], id="sup-sub-index"),
        pytest.param("cut-off 2022-01-14", ["2022", "01", "14"], id="iso-date"),
        pytest.param(
            "HR 0.53 (99% CI 0.32–0.89), 302 patients, MRD 10<sup>−5</sup>, March 2020",
            [],
            id="values-are-not-noise",
        ),
        pytest.param(
            "Three hundred and two patients; median PFS NR vs 19.2", [], id="spelled-and-nr"
        ),
    ],
)
def test_is_reference_noise(text, noise):
    assert [n.verbatim for n in find_numbers(text) if is_reference_noise(text, n)] == noise
