"""Name keys: which surface forms are one name, and which names derive from which."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.names import derived_bases, loose_key, match_key, slugify


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mixture-of-Experts", "mixture of experts"),
        ("Megatron-LM", "Megatron LM"),
        ("GPT3", "GPT-3"),
        ("TPU v4", "TPUv4"),
        ("PanGu-α", "PanGu-alpha"),
        ("LLaMA-2 7B", "Llama 2-7B"),
        ("the Zero Redundancy Optimizer", "Zero Redundancy Optimizer"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ZeRO", "ZeRO-Infinity"),
        ("ZeRO", "ZeRO++"),
        ("GPT-3", "GPT-3.5"),
        ("TPU v3", "TPU v4"),
        ("LLaMA-2 7B", "LLaMA-2 70B"),
        ("LLaMA-2 7B", "LLaMA-27B"),
        ("DiLoCo", "DiLoCoX"),
        ("A100", "A800"),
        ("OPT-1.3B", "OPT-13B"),
    ],
)
def test_versions_and_siblings_keep_distinct_keys(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)
    assert loose_key(a) != loose_key(b)


def test_loose_key_drops_a_plural_only() -> None:
    assert loose_key("GPUs") == loose_key("GPU") == "gpu"
    assert loose_key("mixture of experts") == loose_key("Mixture-of-Expert")
    assert loose_key("AWS") == "aws"  # a capital S is part of the name
    assert loose_key("Adagrad loss") == "adagradloss"  # "-ss" is no plural


def test_slugs_are_readable_and_keep_versions() -> None:
    assert slugify("ZeRO-Infinity") == "zero-infinity"
    assert slugify("ZeRO++") != slugify("ZeRO")
    assert slugify("TPU v4") == "tpu-v4"
    assert slugify("GPT-3.5") == "gpt-3.5"
    assert slugify("Ascend 910.") == "ascend-910"


# -- derivation patterns ------------------------------------------------------------


@pytest.mark.parametrize(
    ("derived", "base"),
    [
        ("ZeRO-Infinity", "ZeRO"),
        ("ZeRO++", "ZeRO"),
        ("DiLoCoX", "DiLoCo"),
        ("CosyVoice 2", "CosyVoice"),
        ("DeepSeek-V3", "DeepSeek"),
        ("FlashAttentionv2", "FlashAttention"),
        ("Mamba-2", "Mamba"),
        ("Mesh v2", "Mesh"),
        ("Pathways-Next", "Pathways"),
        ("Qwen2.5", "Qwen"),
    ],
)
def test_derivation_patterns_find_the_base(derived: str, base: str) -> None:
    assert base in [b for _, b in derived_bases(derived)]


@pytest.mark.parametrize(
    "name", ["LLaMA-2 7B", "BERT-Large", "T5-XL", "Chameleon-7B", "ZeRO-series", "GPT"]
)
def test_sizes_and_plain_words_are_no_derivation(name: str) -> None:
    assert derived_bases(name) == ()


_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8
)
_version = st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,2})?", fullmatch=True)
_sep = st.sampled_from(["-", " ", "", " v", "-v"])


@given(_word, _sep, _version, _version)
def test_different_versions_never_share_a_key(word: str, sep: str, v1: str, v2: str) -> None:
    a, b = f"{word}{sep}{v1}", f"{word}{sep}{v2}"
    if v1 != v2:
        assert match_key(a) != match_key(b) and loose_key(a) != loose_key(b)
