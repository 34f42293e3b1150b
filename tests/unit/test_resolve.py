"""Entity resolution across papers, on hand-made extractions."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.models import Evidence, ExtractedEntity, Paper, PaperExtraction
from kg.ontology import EntityType
from kg.resolve import ResolvedEntity, resolve
from kg.vocab import VocabConcept

M, S, H, D, MO = (t.value for t in EntityType)  # Method, System, Hardware, Dataset, Model


def ent(
    name: str, etype: str = M, *aliases: str, conf: float = 0.8, **kw: object
) -> ExtractedEntity:
    ev = Evidence(sentence=f"We use {name}.", start=0, end=10, rule="test", confidence=conf)
    return ExtractedEntity(
        name=name, type=etype, aliases=list(aliases), roles=["uses"], evidence={"uses": ev}, **kw
    )  # type: ignore[arg-type]


def paper(pid: str, *entities: ExtractedEntity) -> PaperExtraction:
    return PaperExtraction(Paper(id=pid, title=f"Paper {pid}", abstract="..."), list(entities))


def by_name(res_entities: dict[str, ResolvedEntity], name: str) -> ResolvedEntity:
    found = [e for e in res_entities.values() if e.name == name or name in e.aliases]
    assert len(found) == 1, f"{name}: {[e.name for e in found]}"
    return found[0]


# -- merging -------------------------------------------------------------------------


def test_aliases_merge_across_papers_through_abbreviations() -> None:
    res = resolve(
        [
            paper("p1", ent("MoE", M, "Mixture-of-Experts")),
            paper("p2", ent("Mixture of Experts", M)),
            paper("p3", ent("mixture of experts", M)),
            paper("p4", ent("ZeRO", M, "Zero Redundancy Optimizer")),
            paper("p5", ent("Zero Redundancy Optimizer", M)),
            paper("p6", ent("GPUs", H)),
            paper("p7", ent("GPU", H)),
        ]
    )
    moe = by_name(res.entities, "MoE")
    assert moe.name == "MoE"  # the short form the papers use most
    assert set(moe.aliases) == {"Mixture-of-Experts", "Mixture of Experts", "mixture of experts"}
    assert moe.support == 3
    assert moe.id == "entity/moe"
    zero = by_name(res.entities, "Zero Redundancy Optimizer")
    assert zero.name == "ZeRO" and zero.support == 2
    gpu = by_name(res.entities, "GPU")
    assert gpu.support == 2 and gpu.aliases == ["GPUs"]
    assert len(res.entities) == 3
    assert res.lookup("p5", "Zero Redundancy Optimizer") == zero.id
    assert res.lookup("p1", "mixture-of-experts") == moe.id  # by key, as a relation may spell it


def test_versions_and_siblings_never_merge() -> None:
    names = [
        "ZeRO",
        "ZeRO-Infinity",
        "ZeRO++",
        "GPT-3",
        "GPT-3.5",
        "TPU v3",
        "TPU v4",
        "LLaMA-2 7B",
        "LLaMA-2 70B",
    ]
    types = [M, M, M, MO, MO, H, H, MO, MO]
    res = resolve(
        [paper(f"p{i}", ent(n, t)) for i, (n, t) in enumerate(zip(names, types, strict=True))]
    )
    assert sorted(e.name for e in res.entities.values()) == sorted(names)
    assert len({e.id for e in res.entities.values()}) == len(names)


def test_vocabulary_concept_merges_and_names_the_node() -> None:
    vocab = [
        VocabConcept(
            id="https://w3id.org/kg/vocab/mixture-of-experts",
            slug="mixture-of-experts",
            type=M,
            pref_label="Mixture-of-Experts",
            alt_labels=("MoE", "mixture of experts", "Sparse MoE"),
            specific=False,
        ),
        VocabConcept(id="https://w3id.org/kg/vocab/zero", slug="zero", type=M, pref_label="ZeRO"),
        VocabConcept(
            id="https://w3id.org/kg/vocab/zero-infinity",
            slug="zero-infinity",
            type=S,
            pref_label="ZeRO-Infinity",
        ),
    ]
    res = resolve(
        [
            paper("p1", ent("MoE", M)),  # found by its vocabulary label
            paper(
                "p2", ent("Sparse MoE", M, vocab_id="https://w3id.org/kg/vocab/mixture-of-experts")
            ),
            paper("p3", ent("ZeRO", S)),
            paper("p4", ent("ZeRO-Infinity", S, "ZeRO")),  # a bad alias cannot merge two concepts
        ],
        vocab,
    )
    moe = res.entities["entity/mixture-of-experts"]
    assert moe.name == "Mixture-of-Experts"
    # the forms seen and every label the vocabulary gives the concept, "mixture of
    # experts" too though no paper wrote it
    assert moe.aliases == ["MoE", "Sparse MoE", "mixture of experts"]
    assert moe.vocab_id == "https://w3id.org/kg/vocab/mixture-of-experts"
    assert moe.specific is False and moe.support == 2
    zero = res.entities["entity/zero"]
    assert zero.type == M and zero.alt_types == [S]  # the vocabulary outvotes one paper
    assert res.entities["entity/zero-infinity"].support == 1


def test_an_acronym_defined_differently_is_two_entities() -> None:
    res = resolve(
        [
            paper("p1", ent("PEQA", M, "Parameter-Efficient and Quantization-aware Adaptation")),
            paper("p2", ent("PEQA", S, "Parallel Elastic Query Accelerator")),
            paper("p3", ent("PEQA", M, "parameter-efficient quantization-aware adaptation")),
        ]
    )
    assert len(res.entities) == 2
    supports = sorted(e.support for e in res.entities.values())
    assert supports == [1, 2]
    assert res.lookup("p1", "PEQA") == res.lookup("p3", "PEQA") != res.lookup("p2", "PEQA")
    assert sorted(res.entities) == ["entity/peqa", "entity/peqa-system"]


def test_respellings_and_loose_aliases_are_no_conflicting_definitions() -> None:
    res = resolve(
        [
            paper("p1", ent("MoE", M, "MoE models")),  # contains the name: no definition
            paper("p2", ent("MoE", M, "Mixture-of-Experts")),
            paper("p3", ent("MoE", M, "sparse gating")),  # initials do not fit: no definition
        ]
    )
    (moe,) = res.entities.values()
    assert moe.support == 3


def test_strongly_different_types_stay_apart() -> None:
    res = resolve([paper("p1", ent("Pile", D)), paper("p2", ent("PILE", H))])
    assert len(res.entities) == 2
    # a plural merge needs equal types: the Transformers library is not the architecture
    res = resolve([paper("p1", ent("Transformer", M)), paper("p2", ent("Transformers", S))])
    assert len(res.entities) == 2
    # compatible readings of one name merge, the minority type becomes an alt type
    res = resolve([paper(f"p{i}", ent("DeepSpeed", t)) for i, t in enumerate([S, S, M])])
    (ds,) = res.entities.values()
    assert (ds.type, ds.alt_types, ds.support) == (S, [M], 3)


def test_ids_do_not_depend_on_input_order() -> None:
    papers = [
        paper(
            "p1",
            ent("PEQA", M, "Parameter-Efficient and Quantization-aware Adaptation"),
            ent("GPUs", H),
        ),
        paper("p2", ent("PEQA", S, "Parallel Elastic Query Accelerator"), ent("GPU", H)),
        paper("p3", ent("PEQA", M), ent("MoE", M, "Mixture of Experts")),
        paper("p4", ent("Mixture-of-Experts", M), ent("Pile", D), ent("PILE", H)),
    ]
    expected = None
    for order in itertools.permutations(papers):
        res = resolve(list(order))
        got = {
            (pid, name): res.lookup(pid, name)
            for pid, name in [
                ("p1", "PEQA"),
                ("p2", "PEQA"),
                ("p3", "PEQA"),
                ("p1", "GPUs"),
                ("p4", "Mixture-of-Experts"),
                ("p4", "Pile"),
                ("p4", "PILE"),
            ]
        }
        got_nodes = {i: (e.name, e.aliases, e.support) for i, e in res.entities.items()}
        if expected is None:
            expected = (got, got_nodes)
        assert (got, got_nodes) == expected


def test_support_and_confidence_rise_with_papers() -> None:
    res = resolve([paper("p1", ent("DiLoCo", M, conf=0.6))])
    one = next(iter(res.entities.values()))
    res = resolve(
        [paper("p1", ent("DiLoCo", M, conf=0.6)), paper("p2", ent("DiLoCo", M, conf=0.5))]
    )
    two = next(iter(res.entities.values()))
    assert (one.support, two.support) == (1, 2)
    assert one.confidence == pytest.approx(0.6)
    assert two.confidence == pytest.approx(1 - 0.4 * 0.5)
    # the same paper naming it twice is still one paper
    res = resolve([paper("p1", ent("DiLoCo", M, conf=0.6), ent("Diloco", M, conf=0.7))])
    (same,) = res.entities.values()
    assert same.support == 1 and same.confidence == pytest.approx(0.7)


def test_model_parameters_are_the_most_stated_count() -> None:
    res = resolve(
        [
            paper("p1", ent("PanGu-α", MO, parameters=200_000_000_000)),
            paper("p2", ent("PanGu-alpha", MO, parameters=200_000_000_000)),
            paper("p3", ent("PanGu-α", MO, parameters=13_000_000_000)),
            paper("p4", ent("ZeRO", M, parameters=5)),
        ]
    )
    assert by_name(res.entities, "PanGu-α").parameters == 200_000_000_000
    assert by_name(res.entities, "ZeRO").parameters is None  # Models only


def test_type_vote_is_weighted_by_confidence() -> None:
    res = resolve(
        [
            paper("p1", ent("Mamba", MO, conf=0.9)),
            paper("p2", ent("Mamba", M, conf=0.3)),
            paper("p3", ent("Mamba", M, conf=0.3)),
        ]
    )
    (mamba,) = res.entities.values()
    assert (mamba.type, mamba.alt_types) == (MO, [M])


def test_a_shared_family_alias_does_not_merge_versions_or_sizes() -> None:
    res = resolve(
        [
            paper("p1", ent("LLaMA-2 7B", MO, "LLaMA-2")),
            paper("p2", ent("LLaMA-2 70B", MO, "LLaMA-2")),
            paper("p3", ent("LLaMA-2", MO)),
            paper("p4", ent("ZeRO-Infinity", S, "ZeRO")),  # a bad alias: ZeRO is its base
            paper("p5", ent("ZeRO", M)),
        ]
    )
    names = sorted(e.name for e in res.entities.values())
    assert names == ["LLaMA-2", "LLaMA-2 70B", "LLaMA-2 7B", "ZeRO", "ZeRO-Infinity"]
    # the same version still merges however it is spelled
    res = resolve([paper("p1", ent("GPT-3", MO)), paper("p2", ent("GPT3", MO, "GPT-3"))])
    assert len(res.entities) == 1


# -- properties ----------------------------------------------------------------------

_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=8
)


@given(
    st.lists(st.tuples(_word, st.sampled_from([M, S, H, D, MO])), min_size=1, max_size=8),
    st.randoms(),
)
def test_resolution_is_independent_of_input_order(
    names: list[tuple[str, str]], rnd: object
) -> None:
    papers = [paper(f"p{i}", ent(n, t)) for i, (n, t) in enumerate(names)]
    shuffled = list(papers)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = resolve(papers), resolve(shuffled)
    assert {k: (e.name, e.aliases, e.type, e.support) for k, e in a.entities.items()} == {
        k: (e.name, e.aliases, e.type, e.support) for k, e in b.entities.items()
    }
    assert a.index == b.index
