"""The roles twin gives the Python rule's cues (``kg/extract/native.py``)."""

from __future__ import annotations

import random
from copy import deepcopy
from typing import Any

from kg.extract import native, roles
from kg.extract.state import DocState, Mention, state_of
from kg.models import Paper
from kg.ontology import EntityType
from tests.unit.extract import native_cases
from tests.unit.extract.native_cases import core

# Abstracts written for these tests, to reach the rarer rules
PAPERS = [
    (
        "QuuxNet: Fast Serving",
        "Existing serving systems such as Orca and vLLM batch requests. We propose QuuxNet, "
        "which is 2x faster than existing serving systems. QuuxNet-2 and QuuxNet++ extend it. "
        "Code: https://github.com/someone/QuuxNet.git",
    ),
    (
        "Faster Decoding via Staggered Attention",
        "Unlike Medusa-based models, which rely on FlashAttention, our method is simple. "
        "We train it on ImageNet and evaluate on COCO. It runs on 8 A100 GPUs over NVLink.",
    ),
    (
        "A Study",
        "In this paper, ZorbKV shards the cache. ZorbKV is a simple method that scales. "
        "A transformer-free alternative and No-all-reduce training help. GPU memory is "
        "limited when GPU hardware resources are scarce. Similar to paging on CPUs, it moves.",
    ),
    (
        "Turbo-Muon Optimizer",
        "We propose Turbo-Muon. Muon is popular. Sequence parallelism (SP) has been used. "
        "As SP grows, SP needs fast links. SP shards layers. The limitations of Adam are known; "
        "by addressing the limitations of Adam, our optimizer converges. It outperforms AdamW "
        "when training GPT-2 on four settings: C4, WikiText and The Pile.",
    ),
    (
        "Elastic Sharding",
        "We introduce two techniques: elastic sharding and lazy gathering, built on PyTorch. "
        "Our PyTorch implementation is open. Future research on Megatron-LM is needed. "
        "We call this method FlexShard. Pretraining used 3072 H100 GPUs.",
    ),
    ("x", ""),
    ("We propose", "our"),
]


# Names and cue phrases the generated abstracts are made of
_NAMES = [
    "FooNet",
    "BarKV",
    "ZorbFormer",
    "A100 GPUs",
    "H100",
    "ImageNet",
    "COCO",
    "GPT-3",
    "PyTorch",
    "vLLM",
    "Megatron-LM",
    "FlashAttention-2",
    "Adam",
    "AdamW",
    "Muon",
    "Turbo-Muon",
    "FooNet-2",
    "FooNet++",
    "TPU v4",
    "CUDA",
    "MPI",
    "pipeline parallelism",
    "ring attention",
    "sequence parallelism (SP)",
    "SP",
    "Ascend 910",
    "C4",
    "The Pile",
    "MT-Bench",
    "QuuxNet",
    "DeepSpeed",
]
_CUES = [
    "we propose",
    "we introduce a novel",
    "our",
    "our system,",
    "the proposed",
    "In this paper,",
    "Here,",
    "outperforms",
    "compared to",
    "faster than",
    "than existing systems",
    "than",
    "over",
    "a 2x speedup over",
    "vs.",
    "matches",
    "the same accuracy as",
    "existing methods such as",
    "systems like",
    "unlike",
    "Unlike",
    "which rely on",
    "based on",
    "built on",
    "using",
    "implemented in",
    "we adopt",
    "without",
    "instead of",
    "bypasses",
    "eliminates the need for",
    "-free",
    "No-",
    "trained on",
    "fine-tuned on",
    "evaluated on",
    "on",
    "across datasets including",
    "runs on",
    "8",
    "3072",
    "GPU memory",
    "hardware resources",
    "the limitations of",
    "future research on",
    "related work",
    "typically",
    "however,",
    "recent",
    "has been",
    "popular",
    "widely used",
    "Similar to",
    "(like",
    ")",
    ",",
    ":",
    "(1)",
    "(2)",
    "and",
    "we call it",
    "namely",
    "consists of two components:",
    "is a simple method that",
    "is proposed to",
    "addresses this problem by",
    "(ours)",
    "product",
    "when training",
    "on four settings:",
    "github.com/someone/QuuxNet",
    "novel",
    "connected over",
    "more than 90%",
    "rather than",
    "via",
    "-based",
    " implementation",
    "we",
    "it",
    "this work",
]


def _generated(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)

    def sentence() -> str:
        words = [
            rng.choice(_NAMES if rng.random() < 0.4 else _CUES) for _ in range(rng.randrange(3, 14))
        ]
        s = " ".join(words)
        return s[:1].upper() + s[1:] + "."

    out = []
    for _ in range(n):
        title = rng.choice([f"{rng.choice(_NAMES)}: Fast Training", sentence()[:-1]])
        out.append((title, " ".join(sentence() for _ in range(rng.randrange(1, 7)))))
    return out


def _states(papers: list[tuple[str, str]]) -> list[DocState]:
    ex = native_cases._extractor()
    out = []
    with native.python_only():
        for k, (title, abstract) in enumerate(papers):
            doc = ex._doc(Paper(id=f"r{k}", title=title, abstract=abstract))
            for name, proc in ex.nlp.pipeline:
                if name == "kg_roles":
                    break
                doc = proc(doc)
            out.append(deepcopy(state_of(doc)))
    return out


def _cues(state: DocState) -> list[Any]:
    return [(c.mention, c.role.value, c.rule, c.confidence) for c in state.roles]


def _compare(states: list[DocState]) -> int:
    n = 0
    for state in states:
        py, tw = deepcopy(state), deepcopy(state)
        with native.python_only():
            roles.assign_roles(py.text, py)
        roles.assign_roles(tw.text, tw)
        assert tw.roles == py.roles, state.text[:120]
        n += len(py.roles)
    return n


def test_roles_twin_gives_the_python_cues_on_every_text() -> None:
    kg_native = core()
    states = native_cases.states_before("kg_roles")
    for state in states[::5]:
        py = deepcopy(state)
        with native.python_only():
            roles.assign_roles(py.text, py)
        assert kg_native.roles_assign_roles(state) == _cues(py), state.text[:120]
    assert _compare(states) > 3000


def test_roles_twin_on_written_abstracts() -> None:
    core()
    assert _compare(_states(PAPERS)) > 40


def test_roles_twin_on_generated_abstracts() -> None:
    core()
    assert _compare(_states(_generated(300, seed=11))) > 3000


def test_roles_twin_on_shuffled_states() -> None:
    # the reference states with groups, types, concepts and flags changed at random
    core()
    rng = random.Random(5)
    states = native_cases.states_before("kg_roles", 3)
    concepts = [m.concept for s in states for m in s.mentions if m.concept is not None]
    shuffled = []
    for state in states:
        s = deepcopy(state)
        for m in s.mentions:
            if rng.random() < 0.3:
                m.group = rng.randrange(max(1, len(s.mentions) // 2))
            if rng.random() < 0.3:
                m.specific = not m.specific
            if rng.random() < 0.3:
                m.type = rng.choice([None, *EntityType])
            if rng.random() < 0.2:
                m.concept = None if m.concept else rng.choice(concepts)
            if rng.random() < 0.1:
                m.rule = rng.choice(["title_name", "proposed_name", "name_shape"])
        if s.text and rng.random() < 0.3:
            s.proposed = [(a, a + rng.randrange(1, 12)) for a in rng.sample(range(len(s.text)), 1)]
        shuffled.append(s)
    assert _compare(shuffled) > 1000


def test_roles_twin_on_edited_states() -> None:
    # mentions at the text's edges, overlapping ones, and groups given by hand
    core()
    states = _states(PAPERS[:5])
    edited = []
    for state in states:
        s = deepcopy(state)
        for k, m in enumerate(s.mentions):
            m.group = k % 3
            m.specific = not m.specific
        s.proposed = [(0, 5)]
        edited.append(s)
    text = "FooNet, a novel system, beats BarNet.\n\nOur FooNet-2 runs; it beats BarNet."
    s = DocState(text=text, title_end=37, sentences=[(0, 37), (39, 53), (55, len(text))])
    for start, end, t in [(0, 6, None), (30, 36, EntityType.SYSTEM), (43, 51, None)]:
        s.mentions.append(Mention(start, end, text[start:end], "name_shape", 0.7, t, True))
    s.mentions.append(Mention(67, 73, "BarNet", "name_shape", 0.7, None, True, group=1))
    for k, m in enumerate(s.mentions[:3]):
        m.group = k
    edited.append(s)
    _compare(edited)


def test_roles_twin_leaves_text_that_is_not_plain_to_python() -> None:
    kg_native = core()
    text = "The ε-FooNet beats BarNet."
    s = DocState(text=text, title_end=len(text), sentences=[(0, len(text))])
    s.mentions.append(Mention(19, 25, "BarNet", "name_shape", 0.7, None, True, group=0))
    assert kg_native.roles_assign_roles(s) is None
    _compare([s])
