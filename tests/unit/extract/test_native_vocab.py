"""The vocabulary twin finds the PhraseMatcher's matches and the Python rule's mentions
(``kg/extract/native.py``), with the shipped vocabulary."""

from __future__ import annotations

import random
from functools import cache
from typing import Any

import pytest
from spacy.attrs import IDX  # type: ignore[import-not-found]

from kg.extract import native
from kg.extract.state import attach_state, state_of
from kg.extract.vocab_matcher import VocabMatcher, find_vocab_mentions, vocab_twin
from kg.vocab import VocabConcept
from tests.unit.extract import native_cases
from tests.unit.extract.native_cases import core

# Sentences written for these tests: the case rules, device clusters, hyphen/space and
# plural variants, whitespace between and around tokens
SENTENCES = [
    "We train on The Stack, the stack, THE STACK, the Stack and The stack; The-Stack too.",
    "Trained on the Pile and The Pile and THE PILE, not the pile; The Piles.",
    "Zero-shot learning, Zero-knowledge proofs, ZeRO-based sharding and Zero-Offload.",
    "Zero-Shot ZeRO zero-shot ZERO-shot Zero-like Zero-aware. Zero-",
    "It runs on a 32 GPU cluster, two TPU clusters and GPU Clusters; a GPU-cluster.",
    "Mixture-of-Experts, mixture of experts, Mixture of Experts, MoEs and mixtures-of-experts.",
    "adam, Adam, ADAM and AdamW; transformer-based Transformers; the transformer.",
    "pipeline parallelism  and tensor\tparallelism\nand sequence  parallelisms ",
    "  GPUs  ",
    "TPU v4, TPUv4, TPU-v4, TPU v4s, A100s, 1,024 A100s, RTX 4090s, GPT3 and GPT-3.",
    "GPU \n cluster, GPU\ncluster, GPU- cluster, GPU -cluster",
    "pp and PP; percentage points; Ethernet, ethernet, ETHERNET.",
    "LayerNorm layernorm LAYERNORM layer norm; NVMe nvme NVME.",
    "The Stack-based corpus; the Stack-like; The Stack's files.",
]


@cache
def _component() -> tuple[Any, VocabMatcher]:
    ex = native_cases._extractor()
    return ex, ex.nlp.get_pipe("kg_vocab")


def _variants(rng: random.Random, forms: list[str]) -> str:
    """A sentence of vocabulary forms in random cases, joined by random separators."""
    cases = (str, str.lower, str.upper, str.title, str.capitalize)
    seps = (" ", "-", "  ", "\n", ", ", " the ", "-shot ", "-based ", "\t", " of ", "s ")
    words = []
    for _ in range(rng.randint(1, 8)):
        form = rng.choice(forms)
        form = rng.choice(cases)(form)
        if rng.random() < 0.3:
            form = form.replace(" ", rng.choice(("-", "  ", "\n", "")))
        words.append(form + rng.choice(seps))
    return "".join(words)


@cache
def _texts() -> tuple[str, ...]:
    _, comp = _component()
    forms = sorted(comp.case)
    labels = sorted(
        {lab for c in comp.concepts for lab in (c.pref_label, *c.alt_labels) if lab.isascii()}
    )
    rng = random.Random(11)
    made = [_variants(rng, forms) for _ in range(600)]
    made += [_variants(rng, labels) for _ in range(600)]
    out = (*native_cases.texts(), *SENTENCES, *made)
    return tuple(t for t in out if native.plain(t))


def test_the_twin_is_built() -> None:
    core()
    _, comp = _component()
    assert comp.twin is not None


def test_matches_are_the_phrase_matchers() -> None:
    core()
    ex, comp = _component()
    strings = ex.nlp.vocab.strings
    n = 0
    for text in _texts():
        doc = ex.nlp.make_doc(text)
        if not len(doc):
            continue
        want = [(int(strings[k]), s, e) for k, s, e in comp.matcher(doc)]
        got = comp.twin.phrase_matches(text, doc.to_array(IDX).tobytes())
        assert got == want, f"twin differs on {text!r}: {got!r} != {want!r}"
        n += len(want)
    assert n > 5000


def test_mentions_are_the_python_rules() -> None:
    core()
    ex, comp = _component()
    n = 0
    for text in _texts():
        doc = ex.nlp.make_doc(text)
        attach_state(doc, text)
        with native.python_only():
            want = list(find_vocab_mentions(doc, comp.matcher, comp.concepts, comp.case, text))
        comp(doc)
        got = state_of(doc).mentions
        assert got == want, f"twin differs on {text!r}: {got!r} != {want!r}"
        n += len(want)
    assert n > 3000


def test_the_component_runs_python_on_texts_not_plain() -> None:
    core()
    ex, comp = _component()
    text = "Trained on The Stack with GPUs \u2014 the stack"
    doc = ex.nlp.make_doc(text)
    attach_state(doc, text)
    assert comp.twin.find(text, doc.to_array(IDX).tobytes()) is None
    comp(doc)
    want = list(find_vocab_mentions(doc, comp.matcher, comp.concepts, comp.case, text))
    assert state_of(doc).mentions == want and want


def test_no_twin_for_a_sequence_of_two_concepts() -> None:
    mod = core()
    with pytest.raises(ValueError):
        mod.VocabTwin([(0, ["a", "b"]), (1, ["a", "b"])], [(False, []), (False, [])], [], [])
    with pytest.raises(ValueError):
        mod.VocabTwin([(0, ["a", " "])], [(False, [])], [], [])
    concepts = [
        VocabConcept("urn:x:a", "a", "Method", "Foo Bar"),
        VocabConcept("urn:x:b", "b", "Method", "Baz"),
    ]
    assert vocab_twin([(0, ["foo", "bar"]), (1, ["foo", "bar"])], concepts, {}) is None
    assert vocab_twin([(0, ["foo", "bar"]), (1, ["baz"])], concepts, {}) is not None
