"""Texts and checks for the compiled twins (``kg/extract/native.py``).

A twin must give its Python rule's output on every plain text. The texts: the
example listing, 400 synthetic papers (``benchmarks/make_corpus.py``, seeded), the
sentences below (written here to reach the rules), and the shared corpus when it is
beside the checkout (``KG_CORPUS_DIR`` overrides).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.extract import native

ROOT = Path(__file__).resolve().parents[3]

SENTENCES = [
    "DeMo: Decoupled Momentum Optimization\n\nWe propose DeMo, a new optimizer.",
    "We introduce two techniques, FooNet and BarKV, built on PyTorch and vLLM.",
    "Our system, TurboServe, runs on 2048 Ascend 910 NPUs and 8 A100 GPUs.",
    "ZeRO-Infinity extends ZeRO; QuIP# and OPT-1.3B differ from OPT-13B.",
    "Methods such as pipeline parallelism, tensor parallelism and ring attention help.",
    "We call our method SpecFlow. It outperforms Medusa and EAGLE-2 on MT-Bench.",
    "GPUs, TPU v4 and CUDA-aware MPI; LPDDR5 SDRAM and HBM2e DRAM; 4-bit GPTQ.",
    "Large language models (LLMs) and Mixture-of-Experts (MoE) layers are trained.",
    "In this work, X-Former is a simple method that scales to 70B parameters.",
    "Unlike Adam, the Nesterov momentum optimizer needs no hyperparameter tuning.",
    "The Foo Bar solver, namely GAP8 and PULP-OPEN, is implemented in MindSpore.",
    "$\\alpha$-scaling and 1.5x speedups over FlashAttention-2 at 12.7B scale.",
    "",
    "a",
    "A",
    "(",
    "We propose",
    "MPI_Send, gpt2, mT5, cuDNN, MOEA/D, Hogwild! Inference, RISCV-based Foo.",
]


@cache
def texts() -> tuple[str, ...]:
    """Plain texts (title, blank line, abstract) to compare twins on."""
    from benchmarks.make_corpus import generate_papers
    from kg.readers import read_papers

    out = list(SENTENCES)
    listings = [ROOT / "examples" / "listing.txt"]
    corpus = Path(os.environ.get("KG_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    if corpus.is_dir():
        listings += sorted(corpus.glob("*.txt"))
    for p in read_papers([str(p) for p in listings]):
        out.append(f"{p.title}\n\n{p.abstract}")
    for d in generate_papers(400, seed=7):
        out.append(f"{d['title']}\n\n{d['abstract']}")
    return tuple(t for t in out if native.plain(t))


def core() -> ModuleType:
    """The compiled core; a test of a twin fails without it, unless the Python rules
    alone were asked for (``KG_NATIVE=0``)."""
    if os.environ.get("KG_NATIVE", "").strip() == "0":
        pytest.skip("KG_NATIVE=0 asks for the pure-Python rules")
    mod = native.core()
    assert mod is not None, "kg_native is not installed: run `pip install ./native`"
    return mod


def assert_same(
    python: Callable[..., Any], twin: Callable[..., Any], cases: Iterable[tuple[Any, ...]]
) -> int:
    """``twin(*args) == python(*args)`` for every case (outputs compared as lists when
    they are iterators); returns how many cases were compared."""
    n = 0
    for args in cases:
        want = python(*args)
        got = twin(*args)
        if isinstance(want, Iterator):
            want = list(want)
            got = None if got is None else list(got)
        assert got == want, f"twin differs on {args!r}: {got!r} != {want!r}"
        n += 1
    return n


def python_rule(rule: Callable[..., Any]) -> Callable[..., Any]:
    """``rule`` run with every twin off (the Python reference), iterators listed."""

    def run(*args: Any) -> Any:
        with native.python_only():
            out = rule(*args)
            return list(out) if isinstance(out, Iterator) else out

    return run


@cache
def _extractor() -> Any:
    from kg.extract import Extractor

    return Extractor()


def states_before(component: str, step: int = 1) -> list[Any]:
    """The ``DocState`` of every ``step``-th text of ``texts()`` (as a paper), as it is
    right before pipeline component ``component`` runs (the components before it run
    with their twins off: the Python reference)."""
    from copy import deepcopy

    from kg.extract.state import state_of
    from kg.models import Paper

    ex = _extractor()
    names = [name for name, _ in ex.nlp.pipeline]
    assert component in names, f"no component {component}: {names}"
    out = []
    with native.python_only():
        for k, text in enumerate(texts()[::step]):
            title, _, abstract = text.partition("\n\n")
            doc = ex._doc(Paper(id=f"t{k}", title=title, abstract=abstract))
            for name, proc in ex.nlp.pipeline:
                if name == component:
                    break
                doc = proc(doc)
            out.append(deepcopy(state_of(doc)))
    return out
