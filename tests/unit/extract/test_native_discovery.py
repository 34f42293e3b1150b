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


# Lists, definitions and classes written for these tests
LISTS = [
    "Intro.\n\nWe compare against baselines such as Adam, Muon and AdamW, and use Zorb.",
    "Intro.\n\nWe use common tricks such as weight decay and label smoothing.",
    "Intro.\n\nWe propose elastic sharding and lazy gathering for training.",
    "Intro.\n\nIt beats existing gradient-based adaptive optimizers (e.g., Adafactor).",
    "Intro.\n\nOrthogonality-based optimizers, such as Muon, are surpassing prior X.",
    "Intro.\n\nZorbformer is a simple yet effective method. Picard iterations help.",
    "Intro.\n\nThe model employs Dynamic SplitFuse and a Maximum Likelihood Estimation step.",
    "Llumnix: Dynamic Scheduling for Serving\n\nWe build a dynamic scheduling policy.",
    "Intro.\n\nA Python package and the Foo library; Zorb updates the weights; Beta priors.",
    "Intro.\n\nMethods such as ours work; unlike Meta ZorbScale, it runs.",
    "Gradient Clipping Scheduling\n\nGradient Clipping Scheduling keeps it stable.",
    "x",
    "",
]


def test_list_and_phrase_twins() -> None:
    kg_native = core()
    cases = [(t, len(t.split("\n\n")[0])) for t in texts() + tuple(LISTS)]
    cases += [(t, 0) for t in LISTS]
    for name in (
        "listed_names",
        "defined_names",
        "coordinated_techniques",
        "classified_classes",
        "title_concepts",
    ):
        rule = python_rule(getattr(discovery, name))
        assert assert_same(rule, getattr(kg_native, f"discovery_{name}"), cases) > 600, name


def test_list_twins_fire_on_the_sentences_written_for_them() -> None:
    kg_native = core()
    rules = {
        c[2]
        for t in LISTS
        for f in (kg_native.discovery_listed_names, kg_native.discovery_defined_names)
        for c in f(t, len(t.split("\n\n")[0]))
    }
    assert {"listed_name", "listed_concept", "example_class", "defined_name"} <= rules


PROPOSALS = [
    "We propose FooNet, a new optimizer. We also introduce BarKV.",
    "In this paper we propose two techniques, FooNet and BarKV, and BazOpt.",
    "We call our method SpecFlow; the resulting system is named TurboServe.",
    "Our system, TurboServe, runs fast. Our tool Zorb is small.",
    "We propose the Foo Bar solver and we design the Baz Qux planner.",
    "we (4) introduce Quux. The paper presents A Thing.",
]


def test_proposed_names_twin() -> None:
    kg_native = core()
    cases = [(t,) for t in texts() + tuple(PROPOSALS)]
    rule = python_rule(discovery.proposed_names)
    assert assert_same(rule, kg_native.discovery_proposed_names, cases) > 600
    assert len(kg_native.discovery_proposed_names(PROPOSALS[1])) == 2  # up to "and"


def test_discover_twin_gives_the_python_mentions_names_and_abbreviations() -> None:
    from copy import deepcopy

    from kg.extract import native
    from tests.unit.extract.native_cases import states_before

    core()
    n = 0
    for state in states_before("kg_discovery"):
        py, nat = deepcopy(state), deepcopy(state)
        with native.python_only():
            want = discovery.discover(py.text, py)
        got = discovery.discover(nat.text, nat)
        assert got == want, state.text[:80]
        assert (nat.proposed, nat.abbreviations) == (py.proposed, py.abbreviations)
        n += 1
    assert n > 500
