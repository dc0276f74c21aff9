"""Citation numbering by first appearance, and collapsed markers."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.errors import InputError
from evidence.numbering import Numbering, collapse, expand_collapsed

KEYS = st.sampled_from([f"pmid:{n}" for n in range(1, 15)])
CITATIONS = st.lists(st.lists(KEYS, min_size=1, max_size=5), max_size=20)


def _number_all(citations: list[list[str]]) -> tuple[Numbering, list[tuple[int, ...]]]:
    numbering = Numbering()
    return numbering, [numbering.cite(keys) for keys in citations]


def test_first_appearance_example() -> None:
    numbering = Numbering()
    assert numbering.cite(["b", "a"]) == (1, 2)
    assert numbering.cite(["c", "a"]) == (3, 2)
    assert numbering.cite(["b"]) == (1,)
    assert numbering.order == ("b", "a", "c")
    assert numbering.number("c") == 3
    assert numbering.number("zzz") is None
    assert len(numbering) == 3


@given(CITATIONS)
def test_numbers_follow_first_appearance(citations: list[list[str]]) -> None:
    numbering, _ = _number_all(citations)
    first_seen = list(dict.fromkeys(key for keys in citations for key in keys))
    assert numbering.order == tuple(first_seen)
    assert [numbering.number(k) for k in first_seen] == list(range(1, len(first_seen) + 1))


@given(CITATIONS)
def test_same_key_keeps_its_number(citations: list[list[str]]) -> None:
    _, numbers = _number_all(citations)
    seen: dict[str, int] = {}
    for keys, assigned in zip(citations, numbers, strict=True):
        for key, number in zip(keys, assigned, strict=True):
            assert seen.setdefault(key, number) == number
    assert len(set(seen.values())) == len(seen)


@given(CITATIONS, st.randoms(use_true_random=False))
def test_reference_list_order_does_not_change_numbers(
    citations: list[list[str]], rng: random.Random
) -> None:
    references = {f"pmid:{n}": f"record {n}" for n in range(1, 15)}
    shuffled_keys = list(references)
    rng.shuffle(shuffled_keys)
    shuffled = {key: references[key] for key in shuffled_keys}
    numbering, numbers = _number_all(citations)
    arranged = numbering.arrange(references)
    again, numbers_again = _number_all(citations)
    assert again.arrange(shuffled) == arranged
    assert numbers_again == numbers
    assert [n for n, _, _ in arranged] == list(range(1, len(arranged) + 1))
    assert all(references[key] == record for _, key, record in arranged)


def test_arrange_names_missing_keys() -> None:
    numbering = Numbering()
    numbering.cite(["a", "b"])
    with pytest.raises(InputError, match="b"):
        numbering.arrange({"a": 1})


@pytest.mark.parametrize(
    ("numbers", "readable", "ama"),
    [
        ([1, 2, 3, 5], "1\u20133, 5", "1-3,5"),
        ([2, 1], "1, 2", "1,2"),
        ([5, 3, 4, 4, 1], "1, 3\u20135", "1,3-5"),
        ([7], "7", "7"),
        ([], "", ""),
        ([1, 2, 3, 4, 6, 7, 9, 10, 11], "1\u20134, 6, 7, 9\u201311", "1-4,6,7,9-11"),
    ],
    ids=["run-and-single", "pair", "duplicates", "one", "none", "mixed"],
)
def test_collapse(numbers: list[int], readable: str, ama: str) -> None:
    assert collapse(numbers) == readable
    assert collapse(numbers, delimiter=",", range_delimiter="-") == ama


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=30))
def test_collapse_parses_back(numbers: list[int]) -> None:
    assert expand_collapsed(collapse(numbers)) == tuple(sorted(set(numbers)))
    ama = collapse(numbers, delimiter=",", range_delimiter="-")
    assert expand_collapsed(ama) == tuple(sorted(set(numbers)))


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=30))
def test_collapse_ranges_span_three_or_more(numbers: list[int]) -> None:
    for item in collapse(numbers).split(", "):
        if "\u2013" in item:
            first, last = (int(p) for p in item.split("\u2013"))
            assert last - first >= 2


@pytest.mark.parametrize("marker", ["1-", "a", "3-1", "1,,2"])
def test_expand_collapsed_rejects(marker: str) -> None:
    with pytest.raises(InputError):
        expand_collapsed(marker)
