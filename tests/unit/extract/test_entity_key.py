"""Grouping keys: aliases fold together, versions never do; what is no entity; cue offsets."""

from __future__ import annotations

import pytest

from kg.extract.normalize import (
    entity_key,
    find_all,
    find_word,
    is_non_entity,
    lower_same_offsets,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mixture-of-Experts", "mixture of experts"),
        ("GPUs", "GPU"),
        ("PanGu-α", "PanGu-alpha"),
        ("TPUs", "TPU"),
    ],
)
def test_aliases_share_a_key(a: str, b: str) -> None:
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ZeRO++", "ZeRO"),
        ("QuIP#", "QuIP"),
        ("OPT-1.3B", "OPT-13B"),
        ("ZeRO-Infinity", "ZeRO"),
        ("TPU v3", "TPU v4"),
    ],
)
def test_versions_keep_distinct_keys(a: str, b: str) -> None:
    assert entity_key(a) != entity_key(b)


def test_paper_keeps_a_name_and_its_plus_plus_version_apart() -> None:
    from kg.extract import Extractor
    from kg.models import Paper

    paper = Paper(
        id="x",
        title="ZeRO++: Efficient Collective Communication for Giant Model Training",
        abstract="We introduce ZeRO++, built on ZeRO. ZeRO++ trains 2x faster than ZeRO.",
    )
    names = {e.name: e for e in Extractor().extract_one(paper).entities}
    assert "ZeRO++" in names and "ZeRO" in names
    assert "ZeRO" not in names["ZeRO++"].aliases


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Adam Outperforms SGD", "adam outperforms sgd"),
        ("ΣΑΣ", "σας"),  # context-dependent final sigma, as str.lower() gives it
        ("İzmir: ẞig Outperforms", "İzmir: ßig outperforms"),  # "İ" lowers to two characters
    ],
)
def test_lower_same_offsets_keeps_offsets(text: str, expected: str) -> None:
    assert lower_same_offsets(text) == expected
    assert len(expected) == len(text)


@pytest.mark.parametrize(
    "name",
    ["AutoML", "automated machine learning", "Information Retrieval", "NFE", "Word Error Rate"],
)
def test_fields_and_metrics_are_no_entities(name: str) -> None:
    assert is_non_entity(name)


@pytest.mark.parametrize(
    "name", ["ODEs", "ordinary differential equation", "XML", "YAML", "Floating-Point", "FP"]
)
def test_math_objects_file_and_number_formats_are_no_entities(name: str) -> None:
    assert is_non_entity(name)


@pytest.mark.parametrize("name", ["FPGA", "ODE solver", "XLA"])
def test_names_around_those_stay_entities(name: str) -> None:
    assert not is_non_entity(name)


def test_find_all_lists_every_offset_literal_by_literal():
    text = "aaa such as b, e.g. c such as d"
    assert list(find_all(text, (" such as ", "e.g."))) == [3, 21, 15]
    assert list(find_all(text, (" such as ",), 10)) == [21]
    assert list(find_all("aaaa", ("aa",))) == [0, 1, 2]  # overlapping occurrences too
    assert list(find_all("abc", ("x",))) == []


def test_find_word_skips_occurrences_inside_longer_words():
    assert find_word("EPD-2 and EPD", "EPD") == 10
    assert find_word("subEPD, EPDs", "EPD") == -1
    assert find_word("EPD then EPD", "EPD", 1) == 9
