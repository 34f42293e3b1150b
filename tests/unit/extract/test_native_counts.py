"""The twin of ``counts.find_numbers`` gives the Python rule's cues."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from kg.extract import counts
from kg.extract.pipeline import Extractor
from kg.extract.state import DocState, Mention, NumberCue, attach_state, state_of
from kg.ontology import EntityType
from tests.unit.extract.native_cases import assert_same, core, python_rule, texts


def _twin(text: str, state: DocState) -> list[NumberCue] | None:
    mentions = [
        (i, m.start, m.end, m.text, m.type is EntityType.HARDWARE)
        for i, m in enumerate(state.mentions)
        if m.type in (EntityType.HARDWARE, EntityType.MODEL)
    ]
    cues = core().counts_find_numbers(text, state.title_end, state.sentences, mentions)
    return None if cues is None else [NumberCue(*c) for c in cues]


@cache
def _states() -> tuple[tuple[str, DocState], ...]:
    """Each text's state after the pipeline (its mentions typed by the rules)."""
    nlp = Extractor().nlp
    out = []
    for text in texts():
        doc = nlp.make_doc(text)
        attach_state(doc, text)
        out.append((text, state_of(nlp(doc))))
    return tuple(out)


def _retyped(state: DocState, etype: EntityType) -> DocState:
    return replace(state, mentions=[replace(m, type=etype) for m in state.mentions])


def _state(text: str, names: list[tuple[str, EntityType]], title_end: int = 1) -> DocState:
    state = DocState(title_end=title_end, sentences=[(0, title_end), (title_end + 1, len(text))])
    start = 0
    for name, etype in names:
        s = text.index(name, start)
        state.mentions.append(Mention(s, s + len(name), name, "x", 0.5, etype))
        start = s + 1
    return state


H, M = EntityType.HARDWARE, EntityType.MODEL

# sentences written to reach every branch: counts before devices (words, "k", commas,
# prefixes, memory sizes, "x", hyphens, nodes times devices, compute time, percents),
# sizes in names, before, after, in appositions and in parameter phrases
_HAND: list[tuple[str, list[tuple[str, EntityType]]]] = [
    ("T\nWe train on more than 1,024 Zeta A100 GPUs and a single CPU.", [("A100", H), ("CPU", H)]),
    ("T\nIt is 2.77x faster than CPU inference; a 3x speedup over CPU runs.", [("CPU", H)] * 2),
    ("T\nWe train on 8x CPU nodes and 8\u00d7 GPUs.".encode("ascii", "replace").decode(), []),
    (
        "T\nWe profile two 4-CPU servers and 10k GPU workers, 12K TPU chips.",
        [("CPU", H), ("GPU", H), ("TPU", H)],
    ),
    (
        "T\nOur jobs ran on 1.5k NPU cards and 1.25K GPU cards and 2.5k TPU.",
        [("NPU", H), ("GPU", H), ("TPU", H)],
    ),
    (
        "T\nWe train on 16 80GB Zeta H800 boards; a single 24 GB H800 card.",
        [("H800", H), ("H800", H)],
    ),
    ("T\nJobs span 32 nodes with 4 H800 cards each.", [("H800", H)]),
    ("T\nJobs span 32 nodes with 4 H800 boards per node.", [("H800", H)]),
    ("T\nThe testbed has 12 servers, each with 8 H800 cards.", [("H800", H)]),
    ("T\nThe testbed has six compute nodes of 4 H800 cards.", [("H800", H)]),
    ("T\nThe testbed has 4 nodes with 32 H800 cards.", [("H800", H)]),
    (
        "T\nThe testbed has 2 racks with 32 H800 cards, 0 GPU and 00 TPU.",
        [("H800", H), ("GPU", H), ("TPU", H)],
    ),
    ("T\nThe testbed has 1,000 hosts having 0 H800 cards each.", [("H800", H)]),
    ("T\nTraining took 5,000 NPU-days and 300 NPU hours, then 9 NPU weeks.", [("NPU", H)] * 3),
    (
        "T\nUp to 90% GPU usage on about 64 GPU nodes; ~ 8 TPU.",
        [("GPU", H), ("GPU", H), ("TPU", H)],
    ),
    (
        "T\nWe use approximately\n12 GPU and nearly thirty-two TPU, sixty-four CPU.",
        [("GPU", H), ("TPU", H), ("CPU", H)],
    ),
    (
        "T\nWe use hundreds of GPU and a\nsingle TPU and one CPU and an NPU.",
        [("GPU", H), ("TPU", H), ("CPU", H), ("NPU", H)],
    ),
    (
        "Training Zorb on 4,096 Zeta NPUs\n\nWe train Zorb fast. 12 NPU cards suffice.",
        [("NPUs", H), ("NPU", H)],
    ),
    ("Zorb Scaling Laws for Rank 8\n\nNPU clusters are common.", [("NPU", H)]),
    (
        "T\nWe fine-tune the 13B Zorb and Zorb-7b and Quux-350m and Zorbv5m.",
        [("Zorb", M), ("Zorb-7b", M), ("Quux-350m", M), ("Zorbv5m", M)],
    ),
    (
        "T\nA 2.7-billion-parameter Quux is used; Zorb (13B) and Zorb (2023).",
        [("Quux", M), ("Zorb", M), ("Zorb", M)],
    ),
    ("T\nWe build Zorb, a model with a trillion total parameters.", [("Zorb", M)]),
    ("T\nWe fine-tune Zorb (2.7 billion parameters) here.", [("Zorb", M)]),
    (
        "T\nZorb, a 70B-param model, is used. Zorb is a 540B model. Zorb was an 0B model.",
        [("Zorb", M)] * 3,
    ),
    ("T\nZorb, a 2T-token corpus model, is used. Zorb beats a 13B model.", [("Zorb", M)] * 2),
    (
        "T\nOur 7B model Zorb is small; the 0.5B Quux; the 0B Baz; Foo-0B.",
        [("Zorb", M), ("Quux", M), ("Baz", M), ("Foo-0B", M)],
    ),
    (
        "T\nZorb-1.5T and Zorb 12.7B and Quux-2.5M and Baz-0.0005B and Qux-2.5b.",
        [
            ("Zorb-1.5T", M),
            ("Zorb 12.7B", M),
            ("Quux-2.5M", M),
            ("Baz-0.0005B", M),
            ("Qux-2.5b", M),
        ],
    ),
    (
        "T\nWe release Zorb (7 million params) and Quux( 3B) and Baz(3B,",
        [("Zorb", M), ("Quux", M), ("Baz", M)],
    ),
    ("T\nZorb", [("Zorb", M)]),
    ("T\n8 GPU", [("GPU", H)]),
    ("8 GPU", [("GPU", H)]),
    ("T\nThe Zorb model has one million parameters and a billion-param variant.", [("Zorb", M)]),
    (
        "T\nWe scale A-350 M parameters Zorb. 2.5 Trillion Parameters make Zorb big.",
        [("Zorb", M), ("Zorb", M)],
    ),
    (
        "T\n2048 Ascend 910 NPUs and 8 A100 GPUs on 64 nodes with 8 GPUs each",
        [("Ascend 910", H), ("A100", H), ("GPUs", H)],
    ),
]


def _hand_cases() -> list[tuple[str, DocState]]:
    out = []
    for text, names in _HAND:
        title_end = text.index("\n") if "\n" in text else len(text)
        out.append((text, _state(text, names, title_end)))
    return out


def test_find_numbers_twin_on_pipeline_states() -> None:
    core()
    cases: list[tuple[Any, ...]] = list(_states())
    n = assert_same(python_rule(counts.find_numbers), _twin, cases)
    assert n > 500
    assert_same(python_rule(counts.find_numbers), counts.find_numbers, cases)  # as wired


def test_find_numbers_twin_with_every_mention_hardware_or_model() -> None:
    core()
    cases: list[tuple[Any, ...]] = []
    for text, state in _states():
        cases += [(text, _retyped(state, H)), (text, _retyped(state, M))]
    assert_same(python_rule(counts.find_numbers), _twin, cases)
    found = sum(len(python_rule(counts.find_numbers)(*c)) for c in cases)
    assert found > 100


def test_find_numbers_twin_on_written_sentences() -> None:
    core()
    cases = _hand_cases()
    cases += [
        (t, DocState(title_end=s.title_end, mentions=s.mentions)) for t, s in cases
    ]  # no sentences
    assert_same(python_rule(counts.find_numbers), _twin, cases)


def test_numbers_too_large_for_the_twin_run_in_python() -> None:
    core()
    text = "T\nWe use 123456789012345678901234 GPU cards and Zorb-99999999999999B."
    state = _state(text, [("GPU", H), ("Zorb-99999999999999B", M)])
    assert _twin(text, state) is None
    assert counts.find_numbers(text, state) == python_rule(counts.find_numbers)(text, state)
    assert counts.find_numbers(text, state)[0].value == 123456789012345678901234


def test_find_numbers_twin_refuses_text_that_is_not_plain() -> None:
    core()
    text = "T\nWe train on 8 \u00d7 A100 GPUs."
    assert _twin(text, _state(text, [("A100", H)])) is None
