"""The abbreviation twins give the Python rules' pairs (``kg/extract/abbreviations.py``)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from kg.extract import abbreviations
from kg.extract.state import Abbreviation
from tests.unit.extract.native_cases import assert_same, core, python_rule, texts

# written to reach the rules' branches: clause stops, commas, "or"/"i.e."/"aka", lists of
# names, citations, sizes, metric heads, blends, initials, LaTeX, "~", windows at offset 0
EDGES = [
    "(ZeRO)",
    "x(ZeRO)",
    " (ZeRO)",
    "a  (ZeRO)",
    "Zero Redundancy Optimizer (ZeRO)",
    "Zero Redundancy Optimizer(ZeRO)",
    "Zero Redundancy Optimizer~(ZeRO)",
    "Zero Redundancy Optimizer \t(ZeRO)",
    "We use Zero Redundancy Optimizer (ZeRO; Rajbhandari et al., 2020) here.",
    "We use Zero Redundancy Optimizer (ZeRO, Rajbhandari et al., 2020) here.",
    "optimizers (Adam, AdaGrad) and (Adam, AdaGrad and Lion) or (Adam and Lion).",
    "Adaptive Moment (Adam, AdaGrad or Lion) and Adaptive Moment (Adam, or AdaGrad).",
    "random features (or RFs) and random features (i.e. RFs) and random features (aka  RFs).",
    "random features (or rf) and a model (7B) and a model (1.3B) and (350M) and (7Bx).",
    "accuracy rate (AR) drops, error rates (ERs) rise and the time cost (TC) too.",
    "we propose parallel scaling (ParScale) and decoupled momentum (DeMo).",
    "we propose parallel training (ParScale) and Set Supervised Fine-Tuning (SSFT).",
    "For our analysis, we introduce universal random features (URFs).",
    "First clause. Second: Mixture-of-Experts (MoE) layers; the sparse Mixture of Experts (MoE).",
    "Large language models (LLMs) and language models~(LMs) (GPT-4) (a) (A+B) (C++) (X+).",
    "Low-Rank Adaptation (LoRA) (LoRA) (\nLoRA\n) (  LoRA ) (LoRA ;x) (LoRA;\tx).",
    "the function (f) and (ab) and (AB) and (1A) and (-AB) and (ABCDEFGHIJK) (A B).",
    "the Very Long Sequence Of Many Words Before The Final Abbreviation Here (VLSOMW).",
    "x" * 170 + " Decoupled Momentum (DeMo)",
    "line one\nDecoupled Momentum (DeMo)\nline (two)",
    "We use DeMo (Decoupled Momentum) and SAIL-VL (ScAlable Vision Language Data Curation).",
    "Zorblax (Zero-Overhead Real-time Batch Loader) and Zorb (Zero overhead) and X (Smith and Jo).",
    "FooNet (\\textbf{F}oo Network) and BarNet ({B}ar Network) and QuxNet (1 Qux Network).",
    "the model GPT (Generative Pretrained Transformer) of OpenAI (Open Artificial Intelligence).",
    '"DeMo" (Decoupled Momentum) [DeMo (Decoupled Momentum)] (DeMo (Decoupled Momentum)).',
    "We propose the Sparse Pipeline Training method. SPT is fast.",
    "We design a folded widget router. FWR is fast, but the Folded Widget Router FWR-2 is not.",
    "The Quick Brown Fox Jumps over. QBF and BFJ and QBFJ and QBFJO are words; TQBF too.",
    "Some Fast Memory Cache Layer Design: SFMCL, FMCLD, SFM, MCL and CLD are used.",
    "Sparse Pipeline Training-X and XSparse Pipeline Training, Sparse Pipeline Training.",
    "a-Sparse Pipeline Training SPT; Sparse Pipeline Training_ SPT; Sparse Pipeline Trainings.",
    "",
    "(",
    ")(",
    "()",
    "(ab)(AB)",
]


def _mixed(n: int, seed: int = 3) -> list[str]:
    """Texts of ``EDGES`` pieces and sentences of the corpus, cut and joined at random."""
    rng = random.Random(seed)
    pool = EDGES + list(texts()[:200])
    out = []
    for _ in range(n):
        parts = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        text = rng.choice([" ", "", "\n", ", ", ". "]).join(parts)
        if text and rng.random() < 0.5:
            a = rng.randrange(len(text))
            text = text[a : a + rng.randint(10, 300)]
        out.append(text)
    return out


def _built(twin: Callable[..., Any]) -> Callable[..., Any]:
    """``twin``'s tuples as the ``Abbreviation`` the Python functions give."""

    def run(*args: Any) -> list[Abbreviation] | None:
        out = twin(*args)
        return None if out is None else [Abbreviation(*fields) for fields in out]

    return run


def _texts() -> list[str]:
    return list(texts()) + EDGES + _mixed(1500)


def test_find_abbreviations_twin() -> None:
    kg_native = core()
    cases = [(t, 0) for t in _texts()] + [(t, 17) for t in EDGES]
    rule = python_rule(abbreviations.find_abbreviations)
    assert assert_same(rule, _built(kg_native.abbreviations_find_abbreviations), cases) > 2000
    assert sum(len(rule(*c)) for c in cases) > 500  # the cases hold many pairs


def test_find_reverse_abbreviations_twin() -> None:
    kg_native = core()
    cases = [(t, 0) for t in _texts()] + [(t, 5) for t in EDGES]
    rule = python_rule(abbreviations.find_reverse_abbreviations)
    assert_same(rule, _built(kg_native.abbreviations_find_reverse_abbreviations), cases)
    assert sum(len(rule(*c)) for c in cases) > 20


def test_find_initialisms_twin() -> None:
    kg_native = core()
    defined = python_rule(abbreviations.find_abbreviations)
    cases = [(t, {a.short for a in defined(t)}, 0) for t in _texts()]
    cases += [(t, set(), 3) for t in EDGES] + [(t, {"SPT", "QBF", "FMC"}, 0) for t in EDGES]
    rule = python_rule(abbreviations.find_initialisms)
    assert_same(rule, _built(kg_native.abbreviations_find_initialisms), cases)
    assert sum(len(rule(*c)) for c in cases) > 20


def test_the_python_functions_use_their_twins() -> None:
    core()
    text = "We use Zero Redundancy Optimizer (ZeRO). The Sparse Pipeline Training SPT."
    with_twin = list(abbreviations.find_abbreviations(text, 2))
    assert with_twin == python_rule(abbreviations.find_abbreviations)(text, 2)
    assert with_twin[0].short == "ZeRO" and with_twin[0].short_start == 36
    assert list(abbreviations.find_initialisms(text, set())) == python_rule(
        abbreviations.find_initialisms
    )(text, set())


def test_abbreviation_twins_refuse_text_that_is_not_plain() -> None:
    kg_native = core()
    text = "We use Zero Redundancy Optimizer (ZeRO) on α."
    assert kg_native.abbreviations_find_abbreviations(text) is None
    assert kg_native.abbreviations_find_reverse_abbreviations("ZeRO (Zero Redundancy) ε") is None
    initialisms = kg_native.abbreviations_find_initialisms
    assert initialisms("Sparse Pipeline Training SPT\x1c", set()) is None
    assert [a.short for a in abbreviations.find_abbreviations(text)] == ["ZeRO"]
