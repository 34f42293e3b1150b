"""The fast forms of discovery's scanning patterns find exactly what the plain forms find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import discovery as d

_PIECES = st.sampled_from(
    [
        "we propose",
        "We introduce",
        "called",
        " ",
        "  ",
        "-",
        ".",
        ",",
        "x",
        "FooNet",
        "the",
        "Bar-2",
        "7B",
        "v2",
        "4-bit",
        "benchmark",
        "library",
        "_",
        "é",
        "(",
        "Ab",
        "and",
        "a",
        "named",
        "12",
        "\n",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)

_PLAIN_NAME_WORD = r"[A-Z0-9][\w.+\-/!]*[\w+!]|[A-Z]"


def _plain(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written before: a leading \\b, the original name word."""
    return re.compile(r"\b" + rx.pattern.replace(d._NAME_WORD, _PLAIN_NAME_WORD))


def _spans(ms) -> list[tuple[int, ...]]:  # noqa: ANN001 - match iterator
    return [(m.start(), m.end(), *m.span(1)) for m in ms]


@settings(max_examples=400)
@given(_TEXTS, st.integers(0, 30))
def test_scan_equals_finditer_with_leading_boundary(text: str, pos: int) -> None:
    for rx in (d._PROPOSE, d._CALLED, d._BEFORE_TYPE_NOUN):
        plain = _plain(rx).pattern.replace(r"\b(?:We|we|", r"\b(?:[Ww]e|")
        assert _spans(d._scan(rx, text, pos, d._at_boundary)) == _spans(
            re.compile(plain).finditer(text, pos)
        )


@settings(max_examples=400)
@given(_TEXTS, st.integers(0, 30))
def test_digit_first_patterns_equal_their_plain_forms(text: str, pos: int) -> None:
    nbit = re.compile(r"\b\d+-bit\s[A-Z][\w\-]*")
    assert [m.span() for m in d._NBIT.finditer(text, pos)] == [
        m.span() for m in nbit.finditer(text, pos)
    ]
    version = re.compile(
        r"(?<![\w\-])([A-Z][a-z]+(?:[-\s][A-Z][a-z]+)?)\s(v\d[\w.]*|\d+(?:\.\d+)?[BMK]|\d{1,4})\b"
        r"(?![.,]\d)"
    )
    assert _spans(d._CAP_VERSION.finditer(text, pos)) == _spans(version.finditer(text, pos))


def test_at_boundary() -> None:
    assert d._at_boundary("a b", 0) and d._at_boundary("a b", 2)
    assert not d._at_boundary("ab", 1) and not d._at_boundary("  ", 1)


_SHAPE_PIECES = st.sampled_from(
    [" ", "  ", "\n", "-", ".", "+", "++", ",", "(", "_", "é", "٣", "a", "ab", "Ab", "AB", "B"]
    + ["v2", "12", "3.5", "7B", "x1", "1x", "Foo-1", "GPT-4", "Llama 2", "aB", "v", "2"]
)
_SHAPE_TEXTS = st.lists(_SHAPE_PIECES, max_size=16).map("".join)


def _plain_shape_tokens(text: str) -> list[tuple[int, int]]:
    """The name-shaped ``_NAME_TOKEN`` matches, by checking every word."""
    return [
        m.span()
        for m in d._NAME_TOKEN.finditer(text)
        if not (m.group(1).isalpha() and m.group(1)[1:].islower())
        and d._SHAPE_CHECK.search(m.group(1))
    ]


@settings(max_examples=2000)
@given(_SHAPE_TEXTS)
def test_shape_tokens_hold_every_shaped_word_of_the_plain_scan(text: str) -> None:
    found = [m.span() for m in d._shape_tokens(text)]
    plain = {m.span() for m in d._NAME_TOKEN.finditer(text)}
    assert set(found) <= plain and found == sorted(found)
    assert set(_plain_shape_tokens(text)) <= set(found)


_CONCEPT_PIECES = st.sampled_from(
    [" ", "-", ".", "(", "_", "x", "s", "model", "state space", "mixture-of-experts"]
    + ["attention", "self", "learning", "parallelism", "pipeline", "gradient descent"]
)


@settings(max_examples=1000)
@given(st.lists(_CONCEPT_PIECES, max_size=12).map("".join))
def test_heads_and_seeds_equal_their_plain_forms(text: str) -> None:
    heads = re.compile(rf"(?<![\w\-])({d._HEAD_ALTS})(?![\w\-])")
    seeds = re.compile(rf"\b({d._SEED_ALTS})s?\b")
    for rx, fast, at_start in (
        (heads, d._HEAD, d._HEAD_AT_START),
        (seeds, d._SEED, d._SEED_AT_START),
    ):
        assert [m.span(1) for m in d._after_non_word(fast, at_start, text)] == [
            m.span(1) for m in rx.finditer(text)
        ]


_CUE_PIECES = st.sampled_from(
    [" ", "  ", ".", ",", "(", "x", "based on", "on", "such as", "e.g.", "vs.", "Foo", "upon"]
    + ["than", "over", "including", "http://a.io/x", "kg.com", "see", "-", "\n"]
)


@settings(max_examples=1000)
@given(st.lists(_CUE_PIECES, max_size=12).map("".join), st.integers(0, 20))
def test_list_cues_and_urls_equal_their_plain_scans(text: str, start: int) -> None:
    assert list(d._list_cue_ends(text, start)) == [
        m.end() for m in d._LIST_CUE.finditer(text, start)
    ]
    assert d._url_spans(text) == [m.span() for m in d._URL.finditer(text)]
