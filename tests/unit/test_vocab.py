"""ontology/vocab/ and kg.vocab: size, distinct labels, taxonomy, loader behaviour."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import kg.vocab
from kg.errors import OntologyError
from kg.ontology import KGV_NS, EntityType
from kg.vocab import (
    VocabConcept,
    _load_file,
    default_vocab_files,
    load_vocabulary,
    normalise_label,
)

ROOT = Path(__file__).resolve().parents[2]

#: minimum concepts per class (the total must be at least 800)
MINIMUM = {
    EntityType.METHOD: 250,
    EntityType.SYSTEM: 150,
    EntityType.HARDWARE: 150,
    EntityType.DATASET: 150,
    EntityType.MODEL: 200,
}


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the tests' pickles out of the user's cache directory."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-cache")))
        yield


@pytest.fixture(scope="module")
def concepts() -> list[VocabConcept]:
    return load_vocabulary()


@pytest.fixture(scope="module")
def by_slug(concepts: list[VocabConcept]) -> dict[str, VocabConcept]:
    return {c.slug: c for c in concepts}


# ---- size and distinctness


def test_concept_count_per_class(concepts: list[VocabConcept]) -> None:
    counts = Counter(c.type for c in concepts)
    print("concepts per class:", dict(counts), "total:", len(concepts))
    assert len(concepts) >= 800
    for entity_type, minimum in MINIMUM.items():
        assert counts[entity_type.value] >= minimum, (entity_type, counts)
    assert set(counts) == {t.value for t in EntityType}


def test_no_two_concepts_share_a_normalised_label(concepts: list[VocabConcept]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for c in concepts:
        for label in (c.pref_label, *c.alt_labels):
            owners[normalise_label(label)].add(c.slug)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert clashes == {}
    assert "" not in owners


def test_normalisation_keeps_versions_apart() -> None:
    assert normalise_label("ZeRO") != normalise_label("ZeRO++")
    assert normalise_label("QuIP") != normalise_label("QuIP#")
    assert normalise_label("OPT-1.3B") != normalise_label("OPT-13B")
    assert normalise_label("Llama 3.1 8B") == normalise_label("Llama-3.1-8B")
    assert normalise_label("TPU v4") == normalise_label("TPUv4") == normalise_label("tpu-v4")


def test_ids_and_slugs(concepts: list[VocabConcept]) -> None:
    assert len({c.id for c in concepts}) == len(concepts)
    for c in concepts:
        assert c.id == KGV_NS + c.slug
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.slug), c.slug
        assert c.pref_label and c.pref_label not in c.alt_labels


def test_every_broader_link_resolves(concepts: list[VocabConcept]) -> None:
    ids = {c.id for c in concepts}
    dangling = {(c.slug, b) for c in concepts for b in c.broader if b not in ids}
    assert dangling == set()


def test_taxonomy_has_no_cycles(concepts: list[VocabConcept]) -> None:
    broader = {c.id: c.broader for c in concepts}
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for parent in broader.get(node, ()):
            assert state.get(parent) != 1, f"cycle through {parent}"
            if parent not in state:
                visit(parent)
        state[node] = 2

    for c in concepts:
        if c.id not in state:
            visit(c.id)


def _ancestors(by_slug: dict[str, VocabConcept], slug: str) -> set[str]:
    seen: set[str] = set()
    todo = [slug]
    while todo:
        for b in by_slug[todo.pop()].broader:
            s = b[len(KGV_NS) :]
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


# ---- content: the examples the issue names


def test_taxonomy_examples_named_in_the_issue_are_direct_links(
    by_slug: dict[str, VocabConcept],
) -> None:
    def broader(slug: str) -> set[str]:
        return {b[len(KGV_NS) :] for b in by_slug[slug].broader}

    assert {"data-parallelism", "memory-optimization"} <= broader("zero")
    assert "gpu" in broader("a100")
    assert "pytorch" in broader("pytorch-fsdp")
    for chip in ("v100", "h100", "h200", "b200", "mi300x", "t4", "rtx-4090"):
        assert "gpu" in broader(chip), chip


def test_taxonomy_examples(by_slug: dict[str, VocabConcept]) -> None:
    assert {"data-parallelism", "memory-optimization"} <= _ancestors(by_slug, "zero")
    assert "gpu" in _ancestors(by_slug, "a100")
    assert "pytorch" in _ancestors(by_slug, "pytorch-fsdp")
    assert "zero" in _ancestors(by_slug, "zero-infinity")
    assert "tpu" in _ancestors(by_slug, "tpu-v4")
    assert "pipeline-parallelism" in _ancestors(by_slug, "gpipe")
    assert "adaptive-gradient-method" in _ancestors(by_slug, "adam")


@pytest.mark.parametrize(
    "slugs",
    [
        ("zero", "zero-infinity", "zero-plus-plus", "zero-offload"),
        ("tpu-v2", "tpu-v3", "tpu-v4", "tpu-v5e", "tpu-v5p"),
        ("gpt-3", "gpt-3-5", "gpt-4", "gpt-4o"),
        ("llama-2", "llama-2-7b", "llama-2-13b", "llama-2-70b"),
        ("flashattention", "flashattention-2", "flashattention-3"),
        ("a100", "h100", "h200", "b200", "gb200"),
    ],
)
def test_versions_are_distinct_concepts(by_slug: dict[str, VocabConcept], slugs) -> None:
    assert all(s in by_slug for s in slugs), [s for s in slugs if s not in by_slug]
    labels = [normalise_label(by_slug[s].pref_label) for s in slugs]
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("slug", "entity_type", "specific"),
    [
        ("zero", EntityType.METHOD, True),
        ("pipeline-parallelism", EntityType.METHOD, False),
        ("mixture-of-experts", EntityType.METHOD, False),
        ("transformer", EntityType.METHOD, False),
        ("quantization", EntityType.METHOD, False),
        ("lora", EntityType.METHOD, True),
        ("pytorch", EntityType.SYSTEM, True),
        ("deepspeed", EntityType.SYSTEM, True),
        ("nccl", EntityType.SYSTEM, True),
        ("gpu", EntityType.HARDWARE, False),
        ("a100", EntityType.HARDWARE, True),
        ("ascend-910", EntityType.HARDWARE, True),
        ("nvme-ssd", EntityType.HARDWARE, False),
        ("imagenet", EntityType.DATASET, True),
        ("swe-bench", EntityType.DATASET, True),
        ("gpt-3", EntityType.MODEL, True),
        ("resnet-50", EntityType.MODEL, True),
        ("resnet", EntityType.METHOD, True),
    ],
)
def test_concept_types_and_specificity(
    by_slug: dict[str, VocabConcept], slug: str, entity_type: EntityType, specific: bool
) -> None:
    assert by_slug[slug].type == entity_type.value
    assert by_slug[slug].specific is specific


def test_common_alt_labels(by_slug: dict[str, VocabConcept]) -> None:
    assert "Zero Redundancy Optimizer" in by_slug["zero"].alt_labels
    assert {"MoE", "mixture of experts"} <= set(by_slug["mixture-of-experts"].alt_labels)
    assert "GPUs" in by_slug["gpu"].alt_labels
    assert "Megatron LM" in by_slug["megatron-lm"].alt_labels  # hyphen variant
    assert "Low-Rank Adaptation" in by_slug["lora"].alt_labels


NOT_ENTITIES = [
    "deep learning",
    "machine learning",
    "artificial intelligence",
    "natural language processing",
    "computer vision",
    "neural network",
    "neural networks",
    "large language model",
    "large language models",
    "LLM",
    "LLMs",
    "foundation model",
    "foundation models",
    "vision-language model",
    "model",
    "framework",
    "algorithm",
    "baseline",
    "accuracy",
    "throughput",
    "latency",
    "FLOPs",
    "machine translation",
    "image segmentation",
    "text-to-speech",
    "HPC",
    "high-performance computing",
]


def test_generic_non_entities_are_not_in_the_vocabulary(concepts: list[VocabConcept]) -> None:
    labels = {normalise_label(lbl) for c in concepts for lbl in (c.pref_label, *c.alt_labels)}
    assert {w for w in NOT_ENTITIES if normalise_label(w) in labels} == set()


def test_each_file_holds_one_class() -> None:
    expected = {
        "methods": "Method",
        "systems": "System",
        "hardware": "Hardware",
        "datasets": "Dataset",
        "models": "Model",
    }
    assert {p.stem for p in default_vocab_files()} == set(expected)
    for path in default_vocab_files():
        text = path.read_text(encoding="utf-8")
        assert set(re.findall(r"kg:entityType kg:(\w+)", text)) == {expected[path.stem]}


def test_generated_files_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_vocab.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


# ---- the loader


USER_VOCAB = """
@prefix kg:   <https://w3id.org/kg/ontology#> .
@prefix kgv:  <https://w3id.org/kg/vocab/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex:   <https://example.org/vocab/> .

ex:mine a skos:ConceptScheme ; kg:entityType kg:System .
ex:fancy-engine a skos:Concept ; skos:inScheme ex:mine ;
    skos:prefLabel "FancyEngine"@en ; skos:altLabel "Fancy Engine"@en ;
    skos:broader kgv:pytorch .
kgv:zero a skos:Concept ; kg:entityType kg:Method ; kg:specific true ;
    skos:prefLabel "ZeRO"@en ; skos:altLabel "ZeRO (ours)"@en .
"""


def test_specific_accepts_plain_literals(tmp_path: Path) -> None:
    extra = tmp_path / "plain.ttl"
    extra.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        '<https://example.org/g> a skos:Concept ; kg:entityType kg:Method ; kg:specific "false" ;'
        ' skos:prefLabel "generic thing"@en .\n'
    )
    loaded = {c.id: c for c in load_vocabulary([extra])}
    assert loaded["https://example.org/g"].specific is False


def test_extra_file_adds_and_overrides_concepts(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(USER_VOCAB)
    base = {c.id: c for c in load_vocabulary()}
    loaded = {c.id: c for c in load_vocabulary([extra])}
    assert len(loaded) == len(base) + 1
    fancy = loaded["https://example.org/vocab/fancy-engine"]
    assert (fancy.slug, fancy.type, fancy.specific) == ("fancy-engine", "System", True)
    assert fancy.alt_labels == ("Fancy Engine",)
    assert fancy.broader == (KGV_NS + "pytorch",)
    assert loaded[KGV_NS + "zero"].alt_labels == ("ZeRO (ours)",)


def test_missing_file_is_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="nope.ttl: vocabulary file not found"):
        load_vocabulary([tmp_path / "nope.ttl"])


def test_malformed_file_is_an_ontology_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> a skos:Concept ;\n")
    with pytest.raises(OntologyError, match="bad.ttl: not valid Turtle"):
        load_vocabulary([bad])


def test_concept_without_type_or_label_is_an_error(tmp_path: Path) -> None:
    untyped = tmp_path / "untyped.ttl"
    untyped.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/x> a skos:Concept ; skos:prefLabel "X"@en .\n'
    )
    with pytest.raises(OntologyError, match="untyped.ttl: concept <https://example.org/x>"):
        load_vocabulary([untyped])
    unlabelled = tmp_path / "unlabelled.ttl"
    unlabelled.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        "<https://example.org/y> a skos:Concept ; kg:entityType kg:Model .\n"
    )
    with pytest.raises(OntologyError, match="needs exactly one skos:prefLabel"):
        load_vocabulary([unlabelled])


def test_a_stale_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    _load_file.cache_clear()
    first = load_vocabulary()
    for pickled in (tmp_path / "cache").glob("vocab-*.pickle"):
        pickled.write_bytes(b"not a pickle")
    _load_file.cache_clear()
    assert load_vocabulary() == first


def test_loading_is_cached_on_disk_and_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the first load parses Turtle; later ones come from the pickle, then memory.

    (How fast that is, is measured in benchmarks/bench_vocab.py, not asserted here.)
    """
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    _load_file.cache_clear()
    first = load_vocabulary()  # parses the Turtle and writes the pickle
    assert list((tmp_path / "cache").glob("vocab-*.pickle"))

    def no_parsing(path: Path) -> list:
        raise AssertionError(f"{path} parsed again although its pickle is fresh")

    monkeypatch.setattr(kg.vocab, "_parse_file", no_parsing)
    _load_file.cache_clear()
    second = load_vocabulary()  # from the pickle
    assert _load_file.cache_info().misses > 0
    third = load_vocabulary()  # from memory
    assert _load_file.cache_info().hits > 0
    assert first == second == third


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    extra = tmp_path / "mine.ttl"
    extra.write_text(USER_VOCAB)
    assert any(c.pref_label == "FancyEngine" for c in load_vocabulary([extra]))
    extra.write_text(USER_VOCAB.replace("FancyEngine", "FancierEngine"))
    labels = {c.pref_label for c in load_vocabulary([extra])}
    assert "FancierEngine" in labels and "FancyEngine" not in labels


#: the product lines, libraries, techniques, benchmarks and model families the issue names
_NAMED = """
v100 a100 h100 h200 b200 gb200 t4 l4 rtx-4090 mi100 mi210 mi250x mi300x tpu-v2 tpu-v3 tpu-v4
tpu-v5e tpu-v5p trillium ascend-910 ascend-910b intel-gaudi cerebras-wse graphcore-ipu
sambanova-rdu groq-lpu nvlink infiniband roce pcie nvme-ssd frontier summit aurora fugaku
perlmutter p4d-24xlarge
pytorch tensorflow jax mindspore paddlepaddle deepspeed megatron-lm pytorch-fsdp colossal-ai
horovod ray vllm tensorrt-llm sglang text-generation-inference llama-cpp nccl mpi cuda triton
xla tvm onnx-runtime hugging-face-transformers
zero zero-infinity zero-plus-plus pipeline-parallelism tensor-parallelism data-parallelism
sgd adam adamw lamb adafactor shampoo lion 1-bit-adam flashattention flashattention-2
flashattention-3 multi-query-attention grouped-query-attention linear-attention mamba rwkv
mixture-of-experts transformer resnet lora qlora gptq awq smoothquant speculative-decoding
beam-search ppo dpo grpo reinforcement-learning-from-human-feedback
imagenet coco glue superglue squad mmlu gsm8k math humaneval mbpp c4 the-pile wikitext-103
lambada hellaswag arc aime swe-bench librispeech
gpt-2 gpt-3 gpt-3-5 gpt-4 llama llama-2 llama-2-7b llama-2-70b llama-3 llama-3-8b mistral-7b
mixtral-8x7b qwen deepseek bert roberta t5 palm gemini falcon bloom opt chinchilla resnet-50
"""
NAMED_IN_THE_ISSUE = _NAMED.split()


def test_the_issues_examples_are_in_the_vocabulary(by_slug: dict[str, VocabConcept]) -> None:
    assert [s for s in NAMED_IN_THE_ISSUE if s not in by_slug] == []


def test_operating_systems_are_systems(by_slug: dict[str, VocabConcept]) -> None:
    for slug in ("linux", "android", "ios"):
        assert by_slug[slug].type == EntityType.SYSTEM.value
    # "windows" is a common noun ("context windows"), and matching ignores case
    assert "windows" not in by_slug
