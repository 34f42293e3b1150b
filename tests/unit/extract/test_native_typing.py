"""The typing component's twin gives the Python rule's output (``kg/extract/native.py``)."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cache
from typing import Any

from kg.extract import entity_typing, native
from kg.extract.state import DocState, Mention
from kg.ontology import EntityType
from tests.unit.extract.native_cases import _extractor, core, states_before, texts

# Sentences written for these tests: each reaches a rule of ``context_signals``,
# ``head_noun_type`` or ``_title_definition`` (and some sit at its edges)
TYPING = [
    "Zorb: A Library for Serving\n\nWe propose Zorb, a library for fast serving on GPUs.",
    "Qux: An Embedded Platform with Eight Cores\n\nQux runs on RISC-V boards.",
    "Intro.\n\nFooNet, a sparse and scalable architecture for images, beats BarNet.",
    "Intro.\n\nWe release Quill, an open family of language models. Quill-7B is small.",
    "Intro.\n\nZorbBench, a new set of 500 word problems, and Zorbs, a set of techniques.",
    "Intro.\n\nWe evaluate on the FooQA benchmark; 71.2% on BarQA and an FID of 4.5 on Baz.",
    "Intro.\n\nImplemented in Zorbix, the plugin for Quuxly runs atop the Flib runtime.",
    "Intro.\n\nWe implement FooNet and its kernels into BarLib. Models such as Qwen and Zed.",
    "Intro.\n\nDatasets such as Alpha, Beta and Gamma; frameworks like Delta or Epsilon.",
    "Intro.\n\nWe fine-tune the Zeta model and distill Eta. On 8 Theta GPUs and a single Iota.",
    "Intro.\n\nOur serving system Kappa, a motion planning library, Lambda, and our tool, "
    "named Mu.",
    "Intro.\n\nOn our H100 cluster, Nu trains fast. In the framework Xi, work on cluster Omicron.",
    "Intro.\n\nThe Pi data structure and the Rho tensor abstraction; Sigma, Tau and Upsilon "
    "benchmarks.",
    "Intro.\n\nPhi through LLM training; the Chi platform with 64 cores; two RISC-V platforms Psi.",
    "Intro.\n\nMessage Passing Interface (MPI) and multi-agent systems (MAS) and trusted "
    "execution environments (TEEs) help.",
    "Intro.\n\nOmega: Towards Training Across Clusters. Alef: Scaling Laws. Bet is a new "
    "optimizer.",
    "Intro.\n\nthe gimel model parallel tools and the Dalet Model. CUDA-aware MPI on A100 GPUs.",
    "Intro.\n\nHe, a system tailored for robots; Vav, a platform running on an FPGA. Zayin, two",
    "Intro.\n\nZorb Computing Platform, a suite of tools. Quux, a series of LLMs.",
    "Intro.\n\nFoo and Bar, two serving engines; Baz, allows X. Qux -- an engine; Q (a tool).",
    "x",
    "",
]


@cache
def _states() -> list[DocState]:
    written = [_state_of(t) for t in TYPING]
    return written + [s for s in states_before("kg_typing") if native.plain(s.text)]


def _state_of(text: str) -> DocState:
    from kg.extract.state import state_of
    from kg.models import Paper

    ex = _extractor()
    title, _, abstract = text.partition("\n\n")
    with native.python_only():
        doc = ex._doc(Paper(id="t", title=title, abstract=abstract))
        for name, proc in ex.nlp.pipeline:
            if name == "kg_typing":
                break
            doc = proc(doc)
    state: DocState = deepcopy(state_of(doc))
    return state


def _typed(state: DocState, twin: bool) -> list[tuple[Any, str]]:
    s = deepcopy(state)
    if twin:
        entity_typing.assign_types(s.text, s)
    else:
        with native.python_only():
            entity_typing.assign_types(s.text, s)
    return [(m.type, m.type_rule) for m in s.mentions]


def test_assign_types_twin_on_every_state() -> None:
    core()
    n = 0
    for state in _states():
        want = _typed(state, twin=False)
        got = _typed(state, twin=True)
        assert got == want, state.text
        assert all(t is None or type(t) is EntityType for t, _ in got)
        n += len(want)
    assert n > 5000


def test_assign_types_twin_types_every_mention_from_context() -> None:
    """The states with no vocabulary concept: every entity is typed by its signals."""
    core()
    for state in _states():
        bare = deepcopy(state)
        for m in bare.mentions:
            m.concept = None
        assert _typed(bare, twin=True) == _typed(bare, twin=False), state.text


def _mention(text: str, name: str, rule: str = "x", **kw: Any) -> Mention:
    s = text.index(name)
    return Mention(s, s + len(name), name, rule, 0.5, **kw)


def _written_states() -> list[DocState]:
    """Every capitalised word of the written sentences as a one-mention entity, with and
    without a type hint, and long forms as ``abbreviation_long`` mentions (states
    the pipeline may not make, to reach every branch)."""
    out = []
    for text in TYPING:
        title_end = text.find("\n\n") if "\n\n" in text else len(text)
        mentions = []
        for k, word in enumerate(sorted({w.strip(",.:;()") for w in text.split()})):
            if not word or text.find(word) < 0:
                continue
            hint = (None, EntityType.HARDWARE, EntityType.MODEL)[k % 3]
            mentions.append(_mention(text, word, group=len(mentions), type=hint))
        for long in ("Message Passing Interface", "multi-agent systems", "execution environments"):
            if long in text:
                mentions.append(_mention(text, long, "abbreviation_long", group=len(mentions)))
        out.append(DocState(text=text, title_end=title_end, mentions=mentions))
    return out


def test_assign_types_twin_on_written_mentions() -> None:
    core()
    rules = set()
    for state in _written_states():
        want = _typed(state, twin=False)
        assert _typed(state, twin=True) == want, state.text
        rules.update(r for _, r in want)
    assert {"appositive_head", "long_form_head", "vocab_variant", "noun_before"} <= rules


def _every_word_state(text: str, k: int) -> DocState:
    """Every word of ``text`` a mention (the mentions of one word one entity), and every
    second pair of words a long form; the hints cycle through none and three types, and
    some words stand for a vocabulary concept (any object does: typing only asks whether
    there is one)."""
    title_end = text.find("\n\n") if "\n\n" in text else len(text)
    hints = (None, EntityType.HARDWARE, EntityType.MODEL, EntityType.DATASET)
    concept: Any = object()
    groups: dict[str, int] = {}
    mentions = []
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w\-.+]+", text)]
    for i, (s, e) in enumerate(words):
        name = text[s:e].rstrip(".")
        if not name:
            continue
        g = groups.setdefault(name, len(groups))
        vocab = concept if g % 7 == 3 else None
        hint = hints[(i + k) % 4]
        mentions.append(Mention(s, s + len(name), name, "x", 0.5, hint, True, vocab, g))
        if i % 2 and i + 1 < len(words):
            long = text[s : words[i + 1][1]]
            g = groups.setdefault(long, len(groups))
            mentions.append(Mention(s, s + len(long), long, "abbreviation_long", 0.5, group=g))
    return DocState(text=text, title_end=title_end, mentions=mentions)


def test_assign_types_twin_on_every_word() -> None:
    """Every word of the texts typed as a name (far more contexts than the pipeline
    proposes)."""
    core()
    n = 0
    for k, text in enumerate(texts()[::3] + tuple(TYPING)):
        state = _every_word_state(text, k)
        assert _typed(state, twin=True) == _typed(state, twin=False), text
        n += len(state.mentions)
    assert n > 20000


def test_before_table_is_python_before() -> None:
    kg_native = core()
    names = {id(v): f"entity_typing.{k}" for k, v in vars(entity_typing).items()}
    want = [
        (names[id(cues)], [(names[id(rx)], t.value, w, r) for rx, t, w, r in rules])
        for cues, rules in entity_typing._BEFORE
    ]
    assert kg_native.entity_typing_before_table() == want


def test_twin_leaves_text_that_is_not_plain_to_python() -> None:
    kg_native = core()
    text = "Intro.\n\nWe propose Zorb, a library for ε-serving."
    state = DocState(text=text, title_end=6, mentions=[_mention(text, "Zorb", group=0)])
    assert kg_native.entity_typing_assign_types(state) is None
    entity_typing.assign_types(text, state)  # the Python rule runs
    assert state.mentions[0].type is EntityType.SYSTEM
    assert state.mentions[0].type_rule == "appositive_head"
    # a plain text, but a mention (of an entity typed by its context) that is not
    odd = DocState(text="Zorb runs.", title_end=4, mentions=[Mention(0, 4, "Zorb\u03b5", "x", 0.5)])
    assert kg_native.entity_typing_assign_types(odd) is None
