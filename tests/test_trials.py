"""parse_study: ClinicalTrials.gov API v2 study JSON -> Trial, on every fixture study."""

from __future__ import annotations

import json

import pytest

from evidence.errors import ParseError
from evidence.models import MetadataSource, Trial, TrialReference
from evidence.trials import parse_study, study_last_update, study_nct_id
from tests.fixtures_index import FIXTURES

AACT = FIXTURES / "ctgov" / "aact"

# nct: (overall status, phases, enrollment count, enrollment type, has results, references)
EXPECTED = {
    "NCT00763412": ("COMPLETED", ("NA",), 31, "ACTUAL", True, 0),
    "NCT00973089": ("WITHDRAWN", ("NA",), 0, "ACTUAL", False, 1),
    "NCT02210780": ("COMPLETED", ("PHASE2",), 194, "ACTUAL", True, 0),
    "NCT02552212": ("COMPLETED", ("PHASE3",), 317, "ACTUAL", True, 4),
    "NCT03418623": ("COMPLETED", ("PHASE2",), 24, "ACTUAL", False, 1),
    "NCT03475563": ("UNKNOWN", (), 100, "ESTIMATED", False, 3),
    "NCT03630471": ("COMPLETED", ("NA",), 250, "ACTUAL", False, 12),
    "NCT04207047": ("UNKNOWN", ("NA",), 3, "ACTUAL", False, 0),
    "NCT05594173": ("COMPLETED", (), 20, "ACTUAL", True, 0),
    "NCT06171568": ("NOT_YET_RECRUITING", (), 400, "ESTIMATED", False, 8),
}


def raw(nct: str) -> bytes:
    return (AACT / f"{nct}.json").read_bytes()


def test_every_fixture_is_listed():
    assert sorted(path.stem for path in AACT.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("nct", sorted(EXPECTED))
def test_parse_every_fixture(nct):
    status, phases, count, kind, results, n_refs = EXPECTED[nct]
    trial = parse_study(raw(nct))
    assert trial.nct_id == nct
    assert trial.overall_status == status
    assert trial.phases == phases
    assert (trial.enrollment, trial.enrollment_type) == (count, kind)
    assert trial.has_results is results
    assert len(trial.references) == n_refs
    assert trial.source is MetadataSource.CTGOV
    protocol = json.loads(raw(nct))["protocolSection"]
    listed = protocol.get("referencesModule", {}).get("references", [])
    assert trial.pmids == tuple(ref["pmid"] for ref in listed if ref.get("pmid"))
    # Dates are the registry's verbatim strings.
    module = protocol["statusModule"]
    assert trial.start_date == module["startDateStruct"]["date"]
    assert trial.last_update_posted == module["lastUpdatePostDateStruct"]["date"]


def test_parse_c_axspand():
    trial = parse_study(raw("NCT02552212"))
    assert trial.acronym == "C-AXSPAND"
    assert trial.study_type == "INTERVENTIONAL"
    assert trial.lead_sponsor == "UCB BIOSCIENCES GmbH"
    assert (trial.start_date, trial.primary_completion_date, trial.completion_date) == (
        "2015-09",
        "2018-05",
        "2020-05",
    )
    assert trial.last_update_posted == "2022-08-18"
    assert trial.conditions == (
        "Axial Spondyloarthritis",
        "Nonradiographic Axial Spondyloarthritis",
        "Nr-axSpA",
    )
    assert [(ref.pmid, ref.type) for ref in trial.references] == [
        ("35296532", "RESULT"),
        ("35733363", "RESULT"),
        ("34715908", "DERIVED"),
        ("30848558", "DERIVED"),
    ]
    assert trial.pmids == ("35296532", "35733363", "34715908", "30848558")
    assert trial.references[0].citation is not None
    assert trial.references[0].citation.startswith("van der Heijde D, Gensler LS")


def test_parse_withdrawn_trial_with_no_one_enrolled():
    trial = parse_study(raw("NCT00973089"))
    assert trial == Trial(
        nct_id="NCT00973089",
        brief_title="Alternative Treatment of Deep Carious Lesions Based on Biological Evidences",
        official_title=(
            "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences"
        ),
        overall_status="WITHDRAWN",
        study_type="INTERVENTIONAL",
        phases=("NA",),
        enrollment=0,  # zero, not unknown
        enrollment_type="ACTUAL",
        start_date="2010-05",
        primary_completion_date="2015-03",
        completion_date="2015-03",
        last_update_posted="2015-08-19",
        lead_sponsor="Hadassah Medical Organization",
        conditions=("Caries, Dental",),
        references=(
            TrialReference(
                pmid="18519994",
                type="BACKGROUND",
                citation=(
                    "Thompson V, Craig RG, Curro FA, Green WS, Ship JA. Treatment of deep carious "
                    "lesions by complete excavation or partial removal: a critical review. J Am "
                    "Dent Assoc. 2008 Jun;139(6):705-12. doi: 10.14219/jada.archive.2008.0252."
                ),
            ),
        ),
        has_results=False,
    )


def test_a_decoded_mapping_parses_like_bytes():
    assert parse_study(json.loads(raw("NCT02210780"))) == parse_study(raw("NCT02210780"))


def test_a_minimal_study():
    trial = parse_study(b'{"protocolSection": {"identificationModule": {"nctId": "nct01234567"}}}')
    assert trial == Trial(nct_id="NCT01234567")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        pytest.param(12, 12, id="int"),
        pytest.param("12", 12, id="digit-string"),
        pytest.param(None, None, id="absent"),
        pytest.param("about 12", None, id="text"),
        pytest.param(True, None, id="bool"),
    ],
)
def test_enrollment_count(count, expected):
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567"},
            "designModule": {"enrollmentInfo": {"count": count}},
        }
    }
    assert parse_study(study).enrollment == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b'{"protocolSection": {', "not valid JSON", id="truncated"),
        pytest.param(b"\xff\xfe{}", "not valid JSON", id="not-utf8"),
        pytest.param(b"[]", "must be a JSON object", id="array"),
        pytest.param(b"{}", "no protocolSection.identificationModule.nctId", id="no-nct-id"),
        pytest.param(
            b'{"protocolSection": {"identificationModule": {"nctId": 42}}}',
            "no protocolSection.identificationModule.nctId",
            id="nct-id-not-text",
        ),
    ],
)
def test_malformed_study_is_a_parse_error(data, message):
    with pytest.raises(ParseError, match=message) as caught:
        parse_study(data, item="NCT01234567.json")
    assert caught.value.item is not None
    assert caught.value.item.startswith("NCT01234567.json")


def test_parse_error_names_the_line():
    with pytest.raises(ParseError) as caught:
        parse_study(b'{\n"protocolSection":\n}', item="study.json")
    assert caught.value.line == 3
    assert caught.value.item == "study.json, line 3"


def test_freshness_helpers():
    study = json.loads(raw("NCT02552212"))
    assert study_nct_id(study) == "NCT02552212"
    assert study_last_update(study) == "2022-08-18"
    assert study_nct_id({}) is None
    assert study_last_update({}) is None
