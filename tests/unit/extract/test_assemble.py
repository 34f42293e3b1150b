"""Assembly helpers and ``DocState`` access against straightforward reference versions."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import spacy
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.assemble import (
    _best_cues,
    _chosen_roles,
    _head_noun_groups,
    _own_dataset_role,
    _reduce,
    _runs_not_compared,
    entity_name,
)
from kg.extract.roles import OWN_WORK_PRIOR
from kg.extract.state import (
    DocState,
    Mention,
    RoleCue,
    attach_state,
    ensure_extension,
    group_by_sentence,
    state_of,
)
from kg.models import Evidence, ExtractedRelation
from kg.ontology import EntityType, Role

FORMS = ["GPU", "GPUs", "MoE", "Mixture-of-Experts", "ZeRO", "zero", "A100"]


def _mentions(texts: list[str], groups: list[int] | None = None) -> list[Mention]:
    groups = groups or [0] * len(texts)
    pairs = enumerate(zip(texts, groups, strict=True))
    return [Mention(i, i + 1, t, "r", 1.0, group=g) for i, (t, g) in pairs]


def _reference_name(texts: list[str], short_forms: set[str]) -> str:
    shorts = [t for t in texts if t in short_forms]
    if shorts:
        return Counter(shorts).most_common(1)[0][0]
    counts = Counter(texts)
    return max(counts, key=lambda t: (counts[t], -texts.index(t)))


@given(
    st.lists(st.sampled_from(FORMS), min_size=1, max_size=8),
    st.sets(st.sampled_from(FORMS), max_size=3),
)
def test_entity_name_matches_reference(texts, short_forms):
    assert entity_name(_mentions(texts), short_forms) == _reference_name(texts, short_forms)


def _reference_roles(cues: list[RoleCue]) -> dict[Role, RoleCue]:
    by_role: dict[Role, RoleCue] = {}
    for cue in sorted(cues, key=lambda c: -c.confidence):
        by_role.setdefault(cue.role, cue)
    if Role.PROPOSES in by_role:
        by_role = {Role.PROPOSES: by_role[Role.PROPOSES]}
    elif len(by_role) > 1:
        by_role.pop(Role.MENTIONS, None)
    return {r: by_role[r] for r in sorted(by_role, key=list(Role).index)}


@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(list(Role)), st.sampled_from([0.5, 0.7, 0.9])),
        max_size=12,
    )
)
def test_role_choice_matches_reference(raw):
    groups = [0, 0, 1, 1, 2, 2]
    state = DocState(mentions=_mentions(["x"] * 6, groups))
    state.roles = [RoleCue(m, role, f"rule{i}", c) for i, (m, role, c) in enumerate(raw)]
    best = _best_cues(state)
    for g in set(groups):
        cues = [c for c in state.roles if groups[c.mention] == g]
        by_role = best.get(g)
        got = {r: by_role[r] for r in _chosen_roles(by_role)} if by_role else {}
        want = _reference_roles(cues)
        assert list(got) == list(want) and all(got[r] is want[r] for r in want)


def _reference_reduce(relations: list[ExtractedRelation]) -> list[ExtractedRelation]:
    pairs = {(r.head, r.type, r.tail) for r in relations}
    return [
        r
        for r in relations
        if not any(
            (b, r.type, r.tail) in pairs
            for (h, t, b) in pairs
            if (h, t) == (r.head, r.type) and b != r.tail
        )
    ]


@given(
    st.lists(
        st.tuples(
            st.sampled_from("ABCD"), st.sampled_from(["is_a", "extends"]), st.sampled_from("ABCD")
        ).filter(lambda t: t[0] != t[2]),
        max_size=6,
        unique_by=lambda t: (t[0], t[2]),
    )
)
def test_reduce_matches_reference(triples):
    ev = Evidence("", 0, 0, "r", 1.0)
    relations = [ExtractedRelation(h, t, tl, ev) for h, t, tl in triples]
    assert _reduce(relations) == _reference_reduce(relations)


@given(
    st.lists(st.integers(0, 400), max_size=8, unique=True),
    st.integers(0, 500),
)
def test_sentence_of_matches_tuple_bisect(starts, offset):
    sentences = [(s, s + 7) for s in sorted(starts)]
    state = DocState(text="x" * 500, title_end=3, sentences=sentences)
    if sentences:
        i = bisect_right(sentences, (offset, 1 << 62)) - 1
        assert state.sentence_of(offset) == sentences[max(i, 0)]
    else:
        assert state.sentence_of(offset) == (0, 3)


@given(
    st.lists(st.integers(0, 400), max_size=8, unique=True),
    st.lists(st.integers(0, 500), max_size=12),
)
def test_mention_sentences_is_sentence_of_each_mention(starts, offsets):
    sentences = [(s, s + 7) for s in sorted(starts)]
    mentions = [Mention(o, o + 1, "x", "r", 1.0) for o in offsets]
    state = DocState(text="x" * 500, title_end=3, sentences=sentences, mentions=mentions)
    sents = state.mention_sentences()
    assert sents == [state.sentence_of(o) for o in offsets]
    groups = group_by_sentence(sents)
    assert [i for idxs in groups.values() for i in idxs] == sorted(
        range(len(offsets)), key=lambda i: (list(groups).index(sents[i]), i)
    )
    assert all(sents[i] == sent for sent, idxs in groups.items() for i in idxs)
    assert list(groups) == list(dict.fromkeys(sents))


def test_state_of_is_doc_underscore_kg():
    ensure_extension()
    nlp = spacy.blank("en")
    doc = nlp.make_doc("We use PyTorch.")
    state = state_of(doc)
    assert doc._.kg is state and state.text == doc.text and state_of(doc) is state
    other = nlp.make_doc("Other text.")
    other._.kg = DocState(text=other.text)
    assert state_of(other) is other._.kg
    attached = attach_state(other, other.text)
    assert other._.kg is attached and state_of(other) is attached


def test_a_use_only_as_the_established_one_gives_way_to_a_comparison():
    prior = RoleCue(0, Role.USES, OWN_WORK_PRIOR, 0.55)
    compare = RoleCue(1, Role.COMPARES_WITH, "compare_cue", 0.7)
    assert _chosen_roles({Role.USES: prior, Role.COMPARES_WITH: compare}) == [Role.COMPARES_WITH]
    assert _chosen_roles({Role.USES: prior}) == [Role.USES]
    used = RoleCue(2, Role.USES, "own_work_use", 0.6)
    assert _chosen_roles({Role.USES: used, Role.COMPARES_WITH: compare}) == [
        Role.USES,
        Role.COMPARES_WITH,
    ]


def test_hardware_run_on_is_no_competitor():
    roles = [Role.RUNS_ON, Role.COMPARES_WITH]
    assert _runs_not_compared(roles) == [Role.RUNS_ON]
    assert _runs_not_compared([Role.RUNS_ON]) == [Role.RUNS_ON]


def test_an_own_benchmark_is_evaluated_on_and_own_data_used():
    assert _own_dataset_role({"ZorbBench": None}, "Agents at Scale") is Role.EVALUATES_ON
    assert _own_dataset_role({"Zorb": None}, "Zorb: A Benchmark for Agents") is Role.EVALUATES_ON
    assert _own_dataset_role({"ZorbCorpus": None}, "ZorbCorpus: Text for Ten Languages") is (
        Role.USES
    )


def _hw(text: str, name: str, group: int, specific: bool, after: int = 0) -> Mention:
    """A hardware mention of ``name``, found in ``text`` from ``after`` on."""
    start = text.index(name, after)
    return Mention(
        start, start + len(name), name, "r", 1.0, EntityType.HARDWARE, specific, group=group
    )


def test_head_noun_after_a_specific_device_is_dropped():
    # one device, named specifically
    text = "trained on four Zephyr Z9 GPUs"
    ms = [_hw(text, "Zephyr Z9", 0, True), _hw(text, "GPUs", 1, False)]
    assert _head_noun_groups(ms, text) == {1}


def test_head_noun_with_its_short_form_after_a_specific_device_is_dropped():
    # the short form names the same head noun
    text = "a Zephyr Z9 microcontroller (MCU), a chip"
    ms = [
        _hw(text, "Zephyr Z9", 0, True),
        _hw(text, "microcontroller", 1, False),
        _hw(text, "MCU", 1, False),
    ]
    assert _head_noun_groups(ms, text) == {1}


def test_head_noun_also_used_alone_is_kept():
    # the generic device is named on its own too, also right after a sentence break
    text = "trained on Zephyr Z9 GPUs. GPU memory is scarce"
    ms = [
        _hw(text, "Zephyr Z9", 0, True),
        _hw(text, "GPUs", 1, False),
        _hw(text, "GPU", 1, False, after=text.index(". ")),
    ]
    assert _head_noun_groups(ms, text) == set()


def test_no_specific_device_no_drop():
    text = "trained on GPUs"
    assert _head_noun_groups([_hw(text, "GPUs", 0, False)], text) == set()
