"""The twin of ``assemble.assemble`` builds the Python rule's ``PaperExtraction``.

The states: every text's final state (the Python rules, twins off), the same states
edited at random (confidences, cue order, duplicate cues, merged groups with defined
short forms, types, numbers, concepts, relations), and states written by hand to
reach the rarer branches (an own benchmark, head nouns after a device, an acronym's
plural, a prefLabel that is not plain).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from functools import cache
from typing import Any

import pytest

from kg.extract import assemble as assemble_mod
from kg.extract import native, roles
from kg.extract.assemble import assemble
from kg.extract.pipeline import Extractor
from kg.extract.state import (
    Abbreviation,
    DocState,
    Mention,
    NumberCue,
    RelationCue,
    RoleCue,
    state_of,
)
from kg.models import Paper, PaperExtraction
from kg.ontology import EntityType, Relation, Role
from kg.vocab import VocabConcept
from tests.unit.extract.native_cases import core, texts


def _paper(text: str, title: str | None = None) -> Paper:
    head, _, abstract = text.partition("\n\n")
    return Paper(id="t", title=head if title is None else title, abstract=abstract)


@cache
def _states() -> tuple[tuple[Paper, DocState], ...]:
    """Each text's paper and final state, by the Python rules (twins off)."""
    ex = Extractor()
    out = []
    with native.python_only():
        for text in texts():
            paper = _paper(text)
            out.append((paper, state_of(ex.nlp(ex._doc(paper)))))
    return tuple(out)


def _python(paper: Paper, state: DocState) -> PaperExtraction:
    with native.python_only():
        return assemble(paper, state, state.text)


def _check(paper: Paper, state: DocState) -> PaperExtraction:
    want = _python(paper, state)
    got = core().assemble_assemble(paper, state)
    assert got == want, f"twin differs on {state.text!r}:\n{got!r}\n!=\n{want!r}"
    return want


def test_the_twin_assembles_every_text() -> None:
    states = _states()
    entities = relations = 0
    for paper, state in states:
        out = _check(paper, state)
        entities += len(out.entities)
        relations += len(out.relations)
    assert len(states) > 500 and entities > 2000 and relations > 50


_CONFIDENCES = (0.5, 0.55, 0.6, 0.6, 0.7, 0.9)  # repeated values make ties
_RULES = ("cue_a", "cue_b", roles.OWN_WORK_PRIOR)
_TITLES = ("XBench: A Benchmark for Agents", "Serving at Scale", "An Arena of Models")
_ODD_CONCEPTS = (
    VocabConcept("http://x/mup", "mup", "Method", "\u03bcP", specific=True),
    VocabConcept("http://x/gpu", "gpu", "Hardware", "graphics processing unit", specific=False),
    VocabConcept("http://x/pixart", "pixart", "Model", "PixArt-\u03b1"),
)


def _edited(paper: Paper, state: DocState, rng: random.Random) -> tuple[Paper, DocState]:
    """``state`` with its cues, groups, types and numbers shuffled and added to."""
    ms = [replace(m) for m in state.mentions]
    n = len(ms)
    groups = sorted({m.group for m in ms})
    concepts = [m.concept for m in ms if m.concept is not None] + list(_ODD_CONCEPTS)
    for m in ms:
        if rng.random() < 0.25:
            m.group = rng.choice(groups)  # one entity, several forms
        if rng.random() < 0.3:
            m.type = rng.choice([None, *EntityType])
        if rng.random() < 0.2:
            m.specific = not m.specific
        if rng.random() < 0.1:
            m.concept = rng.choice([None, *concepts])
    shorts = [Abbreviation(0, 0, 0, 0, m.text, "long form") for m in rng.sample(ms, min(n, 3))]
    cues = [replace(c, confidence=rng.choice(_CONFIDENCES)) for c in state.roles]
    for _ in range(rng.randrange(2 * n + 1)):
        cues.append(
            RoleCue(
                rng.randrange(n),
                rng.choice(list(Role)),
                rng.choice(_RULES),
                rng.choice(_CONFIDENCES),
            )
        )
    cues += rng.sample(cues, min(len(cues), 3))  # duplicates
    rng.shuffle(cues)
    spans = state.sentences or [(0, state.title_end)]
    rels = [replace(r, confidence=rng.choice(_CONFIDENCES)) for r in state.relations]
    # few groups and relation types, so that chains A r B, B r C, A r C occur
    few = rng.sample(range(n), min(n, 4))
    for _ in range(rng.randrange(3 * len(few) + 1)):
        rels.append(
            RelationCue(
                rng.choice(few),
                rng.choice([Relation.IS_A, Relation.EXTENDS, rng.choice(list(Relation))]),
                rng.choice(few),
                rng.choice(_RULES),
                rng.choice(_CONFIDENCES),
                rng.choice(spans),
            )
        )
    rels += rng.sample(rels, min(len(rels), 2))
    rng.shuffle(rels)
    numbers = list(state.numbers)
    for _ in range(rng.randrange(4)):
        attribute = rng.choice(["count", "parameters", "other"])
        numbers.append(NumberCue(rng.randrange(n), attribute, rng.randrange(1, 10**12), "x"))
    rng.shuffle(numbers)
    title = rng.choice([paper.title, paper.title, *_TITLES])
    edited = DocState(
        text=state.text,
        title_end=state.title_end,
        sentences=list(state.sentences),
        mentions=ms,
        abbreviations=list(state.abbreviations) + shorts,
        roles=cues,
        relations=rels,
        numbers=numbers,
    )
    return replace(paper, title=title), edited


def test_the_twin_assembles_edited_states(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: Counter[str] = Counter()
    reduce = assemble_mod._reduce

    def counting_reduce(relations: list[Any]) -> list[Any]:
        out = reduce(relations)
        seen["reduced"] += len(out) < len(relations)
        return out

    monkeypatch.setattr(assemble_mod, "_reduce", counting_reduce)
    rng = random.Random(11)
    compared = 0
    for paper, state in _states():
        if not state.mentions:
            continue
        for _ in range(3):
            p, s = _edited(paper, state, rng)
            out = _check(p, s)
            compared += 1
            for e in out.entities:
                own = e.evidence.get(Role.USES) or e.evidence.get(Role.EVALUATES_ON)
                if own is not None and own.rule == "own_dataset":
                    seen[f"own_{e.roles[1]}"] += 1
                seen["count"] += e.count is not None
                seen["parameters"] += e.parameters is not None
                seen["several_roles"] += len(e.roles) > 2
                seen["pref_alias"] += any(c.pref_label in e.aliases for c in _ODD_CONCEPTS)
    assert compared > 1000
    for branch in (
        "reduced",
        "own_uses",
        "own_evaluates_on",
        "count",
        "parameters",
        "several_roles",
        "pref_alias",
    ):
        assert seen[branch] > 0, f"no edited state reached {branch}: {seen}"


def _mention(text: str, name: str, group: int, etype: EntityType | None, **kw: Any) -> Mention:
    start = text.index(name, kw.pop("after", 0))
    return Mention(start, start + len(name), name, "r", 0.8, etype, group=group, **kw)


def _hand_state(text: str, mentions: list[Mention], **kw: Any) -> DocState:
    title_end = text.index("\n\n")
    sentences = [(0, title_end), (title_end + 2, len(text))]
    return DocState(text=text, title_end=title_end, sentences=sentences, mentions=mentions, **kw)


def test_the_twin_assembles_hand_written_states() -> None:
    text = (
        "XBench: Agents at Scale\n\nWe release XBench and ZData, run on eight Zeta Z9 GPUs "
        "and a Zeta Z9 microcontroller (MCU), unlike CPUs. ZLMs and TPUs (TPUs) help; mu-P, PixArt."
    )
    dset, hw, model = EntityType.DATASET, EntityType.HARDWARE, EntityType.MODEL
    mu, _, pixart = _ODD_CONCEPTS
    ms = [
        _mention(text, "XBench", 0, dset),
        _mention(text, "XBench", 0, dset, after=10),
        _mention(text, "ZData", 1, dset),
        _mention(text, "Zeta Z9", 2, hw),
        _mention(text, "GPUs", 3, hw, specific=False),
        _mention(text, "Zeta Z9", 2, hw, after=text.index("GPUs")),
        _mention(text, "microcontroller", 4, hw, specific=False),
        _mention(text, "MCU", 4, hw, specific=False),
        _mention(text, "CPUs", 5, hw, specific=False),
        _mention(text, "ZLMs", 6, model),
        _mention(text, "TPUs", 7, hw, specific=False),
        _mention(text, "mu-P", 8, None, concept=mu),
        _mention(text, "PixArt", 9, None, concept=pixart),
    ]
    cues = [
        RoleCue(0, Role.PROPOSES, "propose", 0.9),
        RoleCue(2, Role.PROPOSES, "propose", 0.9),
        RoleCue(3, Role.RUNS_ON, "runs_on", 0.8),
        RoleCue(3, Role.COMPARES_WITH, "compare", 0.6),
        RoleCue(8, Role.COMPARES_WITH, "compare", 0.6),
        RoleCue(8, Role.RUNS_ON, "runs_on", 0.7),
        RoleCue(9, Role.USES, roles.OWN_WORK_PRIOR, 0.55),
        RoleCue(9, Role.COMPARES_WITH, "compare", 0.7),
        RoleCue(9, Role.MENTIONS, "mention", 0.3),
        RoleCue(11, Role.MENTIONS, "mention", 0.3),
    ]
    numbers = [
        NumberCue(3, "count", 8, "n"),
        NumberCue(5, "count", 16, "n"),
        NumberCue(9, "parameters", 7_000_000_000, "p"),
        NumberCue(9, "parameters", 13_000_000_000, "p"),
    ]
    state = _hand_state(text, ms, roles=cues, numbers=numbers)
    for title in ("Agents at Scale", "ZData: A Benchmark for Agents"):
        out = _check(_paper(text, title), state)
    names = [e.name for e in out.entities]
    assert "GPU" not in names and "MCU" not in names  # head nouns after the device
    assert "CPU" in names and "ZLM" in names  # the acronyms' plurals trimmed
    # "\u03bcP" is keyed "mup" (its Greek letter spelled out): the text uses that name
    assert out.entities[names.index("mu-P")].aliases == []
    assert out.entities[names.index("PixArt")].aliases == [pixart.pref_label]


def test_the_twin_names_a_group_by_its_defined_short_form() -> None:
    text = "T\n\nMixture of experts (MoE) layers; mixture of experts, MoE and MoE again."
    ms = [
        _mention(text, "Mixture of experts", 0, None),
        _mention(text, "MoE", 0, None),
        _mention(text, "mixture of experts", 0, None),
        _mention(text, "MoE", 0, None, after=30),
        _mention(text, "MoE", 0, None, after=60),
    ]
    short = Abbreviation(0, 0, 0, 0, "MoE", "Mixture of experts")
    for abbreviations in ([], [short]):
        _check(_paper(text), _hand_state(text, ms, abbreviations=abbreviations))


def test_the_twin_leaves_other_texts_to_python() -> None:
    text = "Caf\u00e9\n\nWe propose Zorb."
    state = _hand_state(text, [_mention(text, "Zorb", 0, None)])
    assert core().assemble_assemble(_paper(text), state) is None
    plain = "Cafe\n\nWe propose Zorb."
    state = _hand_state(plain, [_mention(plain, "Zorb", 0, None)])
    assert core().assemble_assemble(_paper(plain, "Caf\u00e9"), state) is None


def test_the_twin_knows_the_enums_and_the_prior_rule() -> None:
    # native/src/assemble.rs: ROLES (the order of _ROLE_ORDER), ENTITY_TYPES,
    # RELATIONS, OWN_WORK_PRIOR are written there, not read from the registry
    assert [r.value for r in assemble_mod._ROLE_ORDER] == [
        "proposes",
        "uses",
        "evaluates_on",
        "runs_on",
        "compares_with",
        "mentions",
    ]
    assert [t.value for t in EntityType] == ["Method", "System", "Hardware", "Dataset", "Model"]
    assert [r.value for r in Relation] == ["extends", "implemented_in", "is_a"]
    assert roles.OWN_WORK_PRIOR == "own_work_prior"
    # the role and confidence an own dataset's second role gets
    state = _hand_state(
        "T\n\nWe release ZData.",
        [_mention("T\n\nWe release ZData.", "ZData", 0, EntityType.DATASET)],
    )
    state.roles.append(RoleCue(0, Role.PROPOSES, "propose", 0.9))
    (entity,) = _python(_paper(state.text), state).entities
    assert entity.evidence[Role.USES].rule == "own_dataset"
    assert entity.evidence[Role.USES].confidence == 0.6
