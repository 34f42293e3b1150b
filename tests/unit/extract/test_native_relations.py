"""The relations twin gives ``find_relations``' cues (``kg/extract/native.py``)."""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from kg.extract import native, relations
from kg.extract.state import DocState, state_of
from kg.models import Paper
from tests.unit.extract.native_cases import _extractor, core, states_before

# Papers written for these tests, to reach every rule (title, blank line, abstract)
PAPERS = [
    "ZorbNet: Efficient Gradient Compression for Training\n\nWe propose ZorbNet, a new "
    "optimizer that integrates the momentum in Adam with LAMB. ZorbNet is implemented in "
    "PyTorch and JAX. ZorbNet-2 extends ZorbNet with sparse updates.",
    "FooServe: Serving LLMs in vLLM\n\nWe present FooServe, a vLLM-based serving system. "
    "FooServe introduces a novel PagedAttention. DeepSpeed implements ZeRO, and ZeRO in "
    "DeepSpeed shards states. PyTorch FSDP and DeepSpeed's ZeRO-Offload help.",
    "A JAX Implementation of the Shampoo Optimizer\n\nShampoo is an online optimization "
    "algorithm belonging to the preconditioned methods family. Shampoo can be viewed as a "
    "special case of adaptive methods. We released BarOpt as a PyTorch plugin.",
    "Methods\n\nOptimizers such as Adam, AdaGrad and RMSProp, and other adaptive optimizers "
    "are common. Pipeline parallelism schemes (e.g., GPipe, PipeDream) help. GPipe and "
    "PipeDream are pipeline parallelism schemes. Quux, a scalable optimizer, is fast.",
    "BazKV: Accelerating FlashAttention with Sparsity\n\nWe propose a novel attention "
    "method called BazKV. BazKV builds on FlashAttention and is built on top of Triton. "
    "We extend Megatron-LM with a new BazKV. Sparse attention is a kind of attention.",
    "Intro\n\nWe use the pruning techniques: SparseGPT, Wanda and OWL. MoE-Z and MoE, "
    "Samba-CoE and CoE; GPT-3 13B and GPT-3; BERT-Large and BERT; MicroAdam and Adam.",
    "Qux: A Framework for X\n\nThe framework QuxGPS ships GPS. Brand-A and Brand-B and B. "
    "The EMO algorithms: NSGA-II, MOEA/D and SPEA2. Two Zorb platforms, namely ZorbLite.",
    "Title\n\nWe implement LoRA in PyTorch; we integrate QLoRA with DeepSpeed. Mamba SSMs "
    "run. LoRA, which is a low-rank adaptation method, is used. The Adam optimizer AdamW.",
]


def _states(texts: list[str]) -> list[DocState]:
    ex = _extractor()
    out = []
    with native.python_only():
        for k, text in enumerate(texts):
            title, _, abstract = text.partition("\n\n")
            doc = ex._doc(Paper(id=f"r{k}", title=title, abstract=abstract))
            for name, proc in ex.nlp.pipeline:
                if name == "kg_relations":
                    break
                doc = proc(doc)
            out.append(deepcopy(state_of(doc)))
    return out


def _compare(states: list[DocState]) -> tuple[int, set[str]]:
    n, rules = 0, set()
    for state in states:
        a, b = deepcopy(state), deepcopy(state)
        with native.python_only():
            want = relations.find_relations(a.text, a)
        got = relations.find_relations(b.text, b)
        assert got == want, (state.text[:100], got, want)
        assert [type(c.relation) for c in got] == [type(c.relation) for c in want]
        assert [type(c.confidence) for c in got] == [type(c.confidence) for c in want]
        n += 1
        rules.update(c.rule for c in want)
    return n, rules


def test_find_relations_twin_on_the_reference_states() -> None:
    core()
    n, rules = _compare(states_before("kg_relations", 1))
    assert n > 500 and len(rules) > 10, (n, rules)


def test_find_relations_twin_on_papers_written_for_it() -> None:
    core()
    _, rules = _compare(_states(PAPERS))
    assert len(rules) > 10, rules


def test_find_relations_twin_with_roles_changed() -> None:
    """Other proposed sets (the set's iteration order picks the cues' order)."""
    core()
    from kg.extract.state import RoleCue
    from kg.ontology import Role

    states = states_before("kg_relations", 5)
    changed = []
    for state in states:
        for step in (2, 3, 7):
            s = deepcopy(state)
            s.roles = [RoleCue(i, Role.PROPOSES, "t", 0.5) for i in range(0, len(s.mentions), step)]
            s.roles += [RoleCue(i, Role.USES, "t", 0.5) for i in range(1, len(s.mentions), step)]
            changed.append(s)
    assert _compare(changed)[0] == len(changed)


def test_twin_leaves_a_text_that_is_not_plain_to_python() -> None:
    kg_native = core()
    state = _states(["Title\n\nZorbNet is implemented in PyTorch."])[0]
    assert kg_native.relations_find_relations(state) is not None
    state.text = state.text.replace("Title", "Titlé")
    assert kg_native.relations_find_relations(state) is None


def test_the_twin_reads_the_patterns_as_it_assumes() -> None:
    """Named groups by number, and no flags where it compiles fullmatch patterns."""
    assert relations._EXTENDS_BEFORE.groupindex == {"mods": 1}
    assert relations._SUCH_AS.groupindex == {"noun": 1, "comma": 2, "named": 3}
    assert relations._APPOS.groups == 1 and relations._ARE_BARE.groups == 1
    full: list[Any] = [
        relations._APPOS_OPEN,
        relations._WITH_MEANS,
        relations._ELIDED_HEADS,
        relations._APPOS_ITEM,
        relations._IN_SYSTEM,
        relations._RELATIVE_GAP,
    ]
    assert all(rx.flags == re.UNICODE for rx in full)
    assert relations._KIND_OF_REACH == 53


def test_find_relations_twin_with_mentions_shuffled() -> None:
    """Types, specificity and groups drawn at random (seeded), to reach every branch."""
    import random

    from kg.extract.state import RoleCue
    from kg.ontology import EntityType, Role

    core()
    rng = random.Random(11)
    types = [*EntityType, None]
    changed = []
    for state in states_before("kg_relations", 2) + _states(PAPERS):
        for _ in range(3):
            s = deepcopy(state)
            n = len(s.mentions)
            for m in s.mentions:
                m.type = rng.choice(types)
                m.specific = rng.random() < 0.6
                if n and rng.random() < 0.2:
                    m.group = s.mentions[rng.randrange(n)].group
            roles = list(Role)
            s.roles = [RoleCue(rng.randrange(n), rng.choice(roles), "t", 0.5) for _ in range(n)]
            changed.append(s)
    n, rules = _compare(changed)
    assert n == len(changed) and len(rules) >= 20, rules
