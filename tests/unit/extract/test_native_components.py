"""The twin of ``components.component_spans`` gives the Python rule's spans."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import components
from kg.extract.sentences import split_sentences
from tests.unit.extract.native_cases import SENTENCES, assert_same, core, python_rule, texts

# abstracts written to reach every cue: counted lists (enumerated, Title Case, lower case,
# passed over), own subjects after ". ", "; " and a blank line, "which we", ordinals,
# "called", renamed instances; and the edges: cues in the title, at the text's start,
# a "which\nwe" the literal check misses, a "third" without a "first"
_HAND = [
    (
        "Widgets",
        "We present Quillo, integrating three cheap folding strategies, namely crease "
        "sharing, layer pinning and edge rotation. It runs fast.",
    ),
    ("Widgets", "We introduce two new methods, stacked crease hashing and lazy fold caching."),
    (
        "Widgets",
        "We introduce two key techniques: (1) Sparse Fold Routing, a novel design that "
        "splits widgets. (2) Crease Aware Ordering, a novel schedule. We also add two "
        "changes: (i) paper folding, and (ii) a stable crease layer to help.",
    ),
    (
        "Widgets",
        "We propose Quillo. It combines Pipeline Parallelism with Dual Fold Policy, "
        "Overlap of Creasing and Local Folding, and an Adaptive Crease Scheme. The first "
        "stage, Partial Crease Rollout, splits paper. We add a plain tweak, which we "
        "rename Careful Folder, e.g. C-Fold and C-Crease.",
    ),
    (
        "Widgets",
        "Search is slow. We speed it up, mainly through the shared crease caching "
        "technique, which we also present.",
    ),
    (
        "Widgets",
        "Existing folders integrate two techniques, namely crease sharing and edge "
        "rotation. It combines paper folding with crease sharing.",
    ),
    (
        "Our design integrates two modules: Fold Router and Crease Keeper",
        "We design three modules (Fold Router, Crease Keeper and Sheet Mapper); our "
        "system devises four optimizations including a warm crease cache, the hot sheet "
        "table, an adaptive fold allocator and speculative decoding.",
    ),
    (
        "T",
        "Our folder features a very long cheap lazy stacked crease sharing layer with "
        "Dual Fold Policy; Our design consists of sheet pinning and Fold Stacking, and "
        "Edge Rotation with Lazy Crease. It also combines X and Y.",
    ),
    (
        "T",
        "In this work the third stage, Crease Merging Unit, runs; the second phase, "
        "Sheet Folding Pass, ends. the final step, Edge Rotation Loop, ends. Xthe first "
        "stage, Bad Run, no. The first stage, Lonely Stage and more.",
    ),
    (
        "T",
        "We use a fold scheduler, which\nwe also propose, and a crease cache, which we call "
        "Crease Cache, and the training, which we term T. Our fold merging mechanism, "
        "which we introduce, helps.",
    ),
    (
        "T",
        "We add a method called co-folding and a technique named sheet-pinning, a "
        "strategy dubbed lazy-fold, an approach termed x-ray. A tool called co-op.",
    ),
    (
        "T",
        "We rename the folder Quillo, e.g., QuilloA, QuilloB, and QuilloC. We call "
        "them (e.g. Zed+ and Ab.c), such as Foo, Bar and Baz. We dub it such as Quux",
    ),
    (
        "We propose two methods, namely Fold Mapper and Crease Engine",
        "Nothing follows. The first stage, Quiet Stage, is in the title.",
    ),
    (
        "T",
        "We propose six schemes: 1) Fold Mapper, 2) Crease Engine, 3) Sheet Mover, "
        "4) Edge Lifter, 5) Pin Setter, 6) Roll Keeper and 7) Lost Item.",
    ),
    (
        "T",
        "We present five components (a) A, (b) B. We develop several designs, the "
        "Shared Fold Table and the Crease Index Encoding Layer.",
    ),
    (
        "T",
        "We present two mechanisms, namely quantization-aware fold pruning and gradient "
        "checkpointing, and two techniques, a fold learning and a crease training.",
    ),
]


def _case(title: str, abstract: str) -> tuple[str, int, list[tuple[int, int]]]:
    text = f"{title}\n\n{abstract}"
    return text, len(title), split_sentences(text, len(title))


def _cases() -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for text in texts():
        title_end = text.find("\n\n")
        title_end = len(text) if title_end < 0 else title_end
        out.append((text, title_end, split_sentences(text, title_end)))
    return out


def test_component_spans_twin_on_the_texts() -> None:
    kg_native = core()
    cases = _cases()
    assert (
        assert_same(
            python_rule(components.component_spans), kg_native.components_component_spans, cases
        )
        > 500
    )
    found = sum(len(python_rule(components.component_spans)(*c)) for c in cases)
    assert found > 15


def test_component_spans_twin_on_written_abstracts() -> None:
    kg_native = core()
    cases = [_case(t, a) for t, a in _HAND]
    # the title as part of the abstract (title_end 0), and the abstract as one sentence
    cases += [(t, 0, s) for t, _, s in cases] + [(t, e, [(e + 2, len(t))]) for t, e, _ in cases]
    cases += [(t, e, s[1:]) for t, e, s in cases if len(s) > 1]  # a cue before sentence 1
    cases += [(s, 0, split_sentences(s, 0)) for s in SENTENCES]
    assert_same(
        python_rule(components.component_spans), kg_native.components_component_spans, cases
    )
    found = [python_rule(components.component_spans)(*c) for c in cases[: len(_HAND)]]
    assert sum(map(bool, found)) >= 12


def test_component_spans_twin_leaves_python_errors_to_python() -> None:
    kg_native = core()
    text = "T\n\nWe add a crease cache, which we call Crease Cache."
    with pytest.raises(IndexError):
        python_rule(components.component_spans)(text, 1, [])
    assert kg_native.components_component_spans(text, 1, []) is None
    assert kg_native.components_component_spans(text, 1, [(3, len(text) + 1)]) is None


def test_component_spans_twin_refuses_text_that_is_not_plain() -> None:
    kg_native = core()
    text = "T\n\nWe introduce two new methods, stacked cr\u00e9ase hashing and lazy fold caching."
    assert kg_native.components_component_spans(text, 1, [(3, len(text))]) is None


def test_the_twin_knows_the_word_limit() -> None:
    assert components._MAX_WORDS == 5  # native/src/components.rs: MAX_WORDS
