"""The cue-word index in ``roles`` only skips regex work: with it or without it (the plain
regexes everywhere), every paper gets the same roles."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import roles
from kg.extract.sentences import split_sentences
from kg.extract.state import DocState, Mention
from kg.ontology import EntityType

# cue words of every kind, in several spellings, plus filler and names
_WORDS = [
    "we",
    "We",
    "WE",
    "our",
    "Our",
    "us",
    "this",
    "This",
    "the",
    "The",
    "proposed",
    "in",
    "In",
    "paper",
    "work",
    "on",
    "On",
    "par",
    "top",
    "of",
    "outperforms",
    "Outperform",
    "compared",
    "comparison",
    "than",
    "vs",
    "vs.",
    "versus",
    "against",
    "surpasses",
    "beats",
    "matches",
    "relative",
    "to",
    "over",
    "competitive",
    "with",
    "baseline",
    "baselines",
    "rivals",
    "exceeds",
    "improves",
    "upon",
    "comparable",
    "similar",
    "propose",
    "proposes",
    "introduce",
    "present",
    "presents",
    "develop",
    "design",
    "build",
    "release",
    "unveil",
    "without",
    "instead",
    "replacing",
    "rather",
    "unlike",
    "inspired",
    "by",
    "success",
    "popularity",
    "beyond",
    "based",
    "using",
    "Using",
    "built",
    "implemented",
    "adopt",
    "employs",
    "leveraging",
    "existing",
    "prior",
    "has",
    "been",
    "widely",
    "a",
    "an",
    "novel",
    "new",
    "called",
    "named",
    "across",
    "per",
    "GPUs",
    "Zorb",
    "Quux",
    "ZorbX",
    "ImageNet",
    "xwithout",
    "unbased",
    "overlap",
    "weights",
    "usual",
    "thistle",
]
_GLUE = [" ", " ", " ", ", ", ". ", "-", "\t", "\n", " (", ") ", "; ", ": ", "/"]
_TYPES = [EntityType.METHOD, EntityType.MODEL, EntityType.SYSTEM, EntityType.DATASET]
_TYPES += [EntityType.HARDWARE, None]


def _text(rng_words: list[str], glue: list[str]) -> str:
    return "".join(w + g for w, g in zip(rng_words, glue, strict=False))


@st.composite
def _papers(draw: st.DrawFn) -> tuple[DocState, str]:
    n = draw(st.integers(5, 60))
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=n, max_size=n))
    glue = draw(st.lists(st.sampled_from(_GLUE), min_size=n, max_size=n))
    title = "Zorb: " + _text(words[:4], [" "] * 4)
    text = title + "\n\n" + _text(words[4:], glue[4:])
    state = DocState(text=text, title_end=len(title))
    state.sentences = split_sentences(text, len(title))
    offset = 0
    for w, g in zip(words, glue, strict=False):
        at = text.find(w, offset)
        offset = at + len(w)
        if at >= 0 and draw(st.booleans()):
            state.mentions.append(
                Mention(
                    at,
                    at + len(w),
                    w,
                    draw(st.sampled_from(["vocab", "title_name", "proposed_name"])),
                    0.5,
                    draw(st.sampled_from(_TYPES)),
                    specific=draw(st.booleans()),
                    group=draw(st.integers(0, 8)),
                )
            )
        offset = max(offset, 0) + len(g)
    if state.mentions and draw(st.booleans()):
        m = state.mentions[0]
        state.proposed.append((m.start, m.end))
    return state, text


def _roles_of(state: DocState, text: str) -> list:
    fresh = replace(state, roles=[], mentions=list(state.mentions))
    roles.assign_roles(text, fresh)
    return fresh.roles


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_papers())
def test_cue_index_changes_no_role(paper: tuple[DocState, str]) -> None:
    state, text = paper
    fast = _roles_of(state, text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(roles, "cue_starts", lambda low: None)
        plain = _roles_of(state, text)
    assert fast == plain


@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.lists(st.sampled_from(_GLUE)))
def test_cue_starts_holds_every_match_start(words: list[str], glue: list[str]) -> None:
    low = _text(words, glue + [" "] * len(words)).lower()
    cues = roles.cue_starts(low)
    assert cues is not None
    for rx, at in [(roles._COMPARE_LOW, cues.compare), (roles._PROPOSE_VERB, cues.verb)]:
        assert {c.start() for c in rx.finditer(low)} <= set(at)


def test_non_ascii_text_has_no_cue_index() -> None:
    assert roles.cue_starts("we propose zorb — it outperforms quux") is None


_EDGES = (
    "Zorb: Fast\n\nIt works. Flour is xwithout the use of ham, yusing Zorb and xon-par "
    "Quux, zon\ttop of it. Tour guides. Zbased on Quux, xinspired by Zorb, tour ours "
    "ybuilt upon Zorb. Hwe zthis paper, kin this work, foo. Tiny yusing "
    "ZorbWithAVeryVeryLongNameIndeed Quux. Tiny zon top of AAAAAAAAAAAAAAAAAAAAAAAAAAAAA Quux."
)


@pytest.mark.parametrize("proposed", [False, True])
@pytest.mark.parametrize("etype", [EntityType.METHOD, EntityType.DATASET])
def test_windows_starting_inside_a_word(proposed: bool, etype: EntityType) -> None:
    """Windows cut out of the text may start inside a word ("x|without"): the cue index
    must not hide a cue the regex sees there, wherever the window starts."""
    title_end = _EDGES.index("\n")
    for start in range(title_end + 2, len(_EDGES)):
        state = DocState(text=_EDGES, title_end=title_end)
        state.sentences = split_sentences(_EDGES, title_end)
        state.mentions.append(Mention(start, start + 1, _EDGES[start], "vocab", 0.5, etype))
        state.mentions[0].group = 0
        if proposed:
            state.proposed.append((start, start + 1))
        fast = _roles_of(state, _EDGES)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(roles, "cue_starts", lambda low: None)
            assert _roles_of(state, _EDGES) == fast, start


def test_own_sentence_starting_inside_a_word() -> None:
    text = "xwe do it. zthis paper. yus."
    cues = roles.cue_starts(text.lower())
    for s0 in range(len(text)):
        for s1 in range(s0, len(text) + 1):
            sentence = text[s0:s1]
            assert roles._own_sentence(sentence, s0, cues) == bool(roles._OWN.search(sentence))
