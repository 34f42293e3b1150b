"""The twin of ``discovery.concept_phrases`` (``native/src/discovery_concepts.rs``)."""

from __future__ import annotations

import random

from kg.extract import discovery, lexicon
from tests.unit.extract.native_cases import assert_same, core, python_rule, texts

# Sentences written to reach each branch of the rule: modifiers kept and dropped, the
# restricted heads, "attention" as the everyday word, hyphenated classifiers, the
# "parallel" adjectives, seeds inside a kind of attention, and the text's edges.
EDGES = [
    "attention is all you need",
    "pipeline parallelism",
    " pipeline parallelism",
    "x pipeline parallelism",
    "a  pipeline parallelism and  tensor parallelism",
    "It has gained significant attention. Little attention heads matter.",
    "Despite substantial attention to sparse attention, global attention mechanism wins.",
    "We use key-value tensor caching and Query-Key normalization with low-latency sampling.",
    "3D-aware model pruning and model finetuning, prompt tuning and token merging.",
    "Tensor parallel strategies, model-parallel algorithms, (data parallel training).",
    "parallel computing and xparallel and data parallel",
    "Pipeline Parallelism. Foo Pipeline parallelism.\nBar attention and the embedding table.",
    "an embedding table, a caching allocator, the attention cache, KV cache states",
    "mixture-of-experts, mixture of experts models and gradient checkpointing.",
    "gradient checkpointing",
    "Mixture of Experts",
    "the self-attention and multi-head self-attention layers, flash-attention",
    "A. Sparse attention.\nB sparse attention; C Sparse Attention",
    "X attention",
    "Xy attention",
    "  attention",
    "efficient attention, Efficiently attention, pre-trained attention, non-local attention",
    "the ring attention mechanism and ring attention mechanisms, global attention mechanism",
    "data-parallel training, expert parallel MoE, sequence parallel attention",
    "very-long-hyphenated-modifier-word speculative decoding",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz speculative decoding",
    "paid attention heads; paid attention; paying much attention to",
    # seeds after word characters, punctuation, other seeds
    "xgradient checkpointing, _gradient checkpointing, -gradient checkpointing",
    "gradient gradient checkpointing (mixture-of-experts)mixture of experts.",
    "self-attention self-attentions selfattention 9speculative decoding",
    # "Sparse" two characters in: Python's text[-1] (the last character) decides
    " Sparse attention.",
    " Sparse attention",
    " Sparse attention\n",
    "  Sparse attention.",
]


def test_concept_phrases_twin_yields_python_candidates() -> None:
    kg_native = core()
    cases = [(t,) for t in (*texts(), *EDGES)]
    cases += [(t.lower(),) for t in texts()[::5]] + [(t.upper(),) for t in texts()[::11]]
    n = assert_same(
        python_rule(discovery.concept_phrases), kg_native.discovery_concept_phrases, cases
    )
    assert n > 600


def test_concept_phrases_twin_refuses_text_that_is_not_plain() -> None:
    kg_native = core()
    assert kg_native.discovery_concept_phrases("ε-greedy pipeline parallelism") is None
    assert kg_native.discovery_concept_phrases("pipeline\x1cparallelism") is None
    got = list(discovery.concept_phrases("ε-greedy pipeline parallelism"))
    assert got == python_rule(discovery.concept_phrases)("ε-greedy pipeline parallelism")


def _shuffled_phrases(n: int, seed: int = 3) -> list[tuple[str]]:
    """Texts of heads, seeds, modifiers and separators strung at random (seeded): the
    rule's words side by side in the orders no paper writes."""
    rng = random.Random(seed)
    pool = sorted(discovery._HEADS) + sorted(lexicon.SEED_CONCEPTS)
    pool += sorted(lexicon.ATTENTION_IDIOM)[:30] + sorted(lexicon.STOP_MODIFIERS)[:30]
    pool += sorted(discovery._PARALLEL_KINDS) + ["parallel", "self-attention", "mechanism"]
    pool += ["Sparse", "Key-Value", "3D-aware", "low-latency", "model", "global", "X"]
    pool += sorted(w for v in lexicon.RESTRICTED_HEADS.values() for w in v)[:40]
    seps = [" ", " ", " ", "  ", "-", ", ", ". ", "\n", "(", ")", "_", ".\n"]
    out = []
    for _ in range(n):
        words = [rng.choice(pool) for _ in range(rng.randint(1, 12))]
        words = [w.capitalize() if rng.random() < 0.15 else w for w in words]
        text = "".join(w + rng.choice(seps) for w in words)
        out.append((text[: rng.randint(0, len(text))] if rng.random() < 0.5 else text,))
    return out


def test_concept_phrases_twin_on_shuffled_phrases() -> None:
    kg_native = core()
    cases = _shuffled_phrases(2000)
    assert_same(python_rule(discovery.concept_phrases), kg_native.discovery_concept_phrases, cases)
