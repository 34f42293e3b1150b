"""Lineage derived from names across papers: positive and negative cases."""

from __future__ import annotations

from kg.lineage import DERIVED_CONFIDENCE, derive_lineage
from kg.ontology import EntityType
from kg.resolve import ResolvedEntity

M, S, H, D, MO = (t.value for t in EntityType)  # Method, System, Hardware, Dataset, Model


def _entity(
    eid: str, name: str, etype: str = M, specific: bool = True, aliases: tuple[str, ...] = ()
) -> ResolvedEntity:
    return ResolvedEntity(eid, name, etype, list(aliases), [], specific, 1, 0.5, None, None)


def test_derive_lineage_links_names_in_the_graph() -> None:
    ents = [
        _entity("entity/zero", "ZeRO", aliases=("Zero Redundancy Optimizer",)),
        _entity("entity/zero-infinity", "ZeRO-Infinity", S),
        _entity("entity/zero-plus-plus", "ZeRO++"),
        _entity("entity/diloco", "DiLoCo"),
        _entity("entity/dilocox", "DiLoCoX", S),
        _entity("entity/gpt-3", "GPT-3", MO),
        _entity("entity/gpt-3.5", "GPT-3.5", MO),
    ]
    links = derive_lineage(ents)
    assert [(x.head, x.tail) for x in links] == [
        ("entity/dilocox", "entity/diloco"),
        ("entity/zero-infinity", "entity/zero"),
        ("entity/zero-plus-plus", "entity/zero"),
    ]
    assert all(x.confidence == DERIVED_CONFIDENCE for x in links)
    assert all(x.confidence < 0.5 for x in derive_lineage(ents, ceiling=0.5))


def test_derive_lineage_avoids_junk() -> None:
    ents = [
        _entity("entity/a", "A"),  # too short to have derivatives
        _entity("entity/a-2", "A-2"),
        _entity("entity/pipeline", "pipeline"),  # a plain word
        _entity("entity/pipeline-x", "pipelineX"),
        _entity("entity/moe", "MoE", M, specific=False),  # a generic concept
        _entity("entity/moe-next", "MoE-Next"),
        _entity("entity/imagenet", "ImageNet", D),  # incompatible types
        _entity("entity/imagenet-2", "ImageNet-2", H),
        _entity("entity/cifar", "CIFAR", D),  # a numbered dataset is another dataset
        _entity("entity/cifar-100", "CIFAR-100", D),
        _entity("entity/llama", "LLaMA", MO),  # a sized member is not an extension
        _entity("entity/llama-7b", "LLaMA-7B", MO),
        _entity("entity/ape", "APE"),  # an acronym is spelled exactly: Ape-X is not APE's
        _entity("entity/ape-x", "Ape-X"),
    ]
    assert derive_lineage(ents) == []
    # a mixed-case name may differ in case ("Llama 2" of "LLaMA")
    ents += [_entity("entity/llama-2", "Llama 2", MO)]
    assert [(x.head, x.tail) for x in derive_lineage(ents)] == [("entity/llama-2", "entity/llama")]
