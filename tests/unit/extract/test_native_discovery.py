"""Discovery's twins give the Python rules' output (``kg/extract/native.py``)."""

from __future__ import annotations

from kg.extract import discovery
from tests.unit.extract.native_cases import assert_same, core, python_rule, texts

# Names at the edges of the checks, written for these tests
NAMES = [
    "GPU-based",
    "FooNet.",
    "12X",
    "Hogwild! Inference",
    "RISCV-based Foo",
    "multi-GPU",
    "host-GPU",
    "Explainable AI",
    "Vertex AI",
    "MPI_Send",
    "Top-K",
    "Newton-Schulz",
    "Delayed",
    "4-bit GPTQ",
    "FooNet--BarNet",
    "A",
    "a",
    "",
    " ",
    "LLMs",
    "(FooNet)",
    "GPU hours",
]


def _tokens() -> list[tuple[str]]:
    words: set[str] = set(NAMES)
    for text in texts()[::2]:
        ws = text.split()
        words.update(ws)
        words.update(" ".join(ws[i : i + 2]) for i in range(len(ws)))
    return [(w,) for w in sorted(words)]


def test_clean_name_twin() -> None:
    kg_native = core()
    assert assert_same(discovery.clean_name, kg_native.discovery_clean_name, _tokens()) > 5000


def test_name_shaped_twin() -> None:
    kg_native = core()
    cases = [(t, s) for t in texts() for s in (0, len(t.split("\n\n")[0]))]
    cases += [(n, 0) for n in NAMES] + [("CUDA-aware MPI and MoE-aware Foo, MOEA/D.", 0)]
    cases += [("LPDDR5 SDRAM, HBM2e DRAM and 4-bit GPTQ; Llama 2 and Qwen 7B", 0)]
    n = assert_same(python_rule(discovery.name_shaped), kg_native.discovery_name_shaped, cases)
    assert n > 1000


def test_twins_leave_text_that_is_not_plain_to_python() -> None:
    kg_native = core()
    assert kg_native.discovery_name_shaped("The ε-FooNet and BarNet", 0) is None
    assert kg_native.discovery_clean_name("ε-FooNet") is None
