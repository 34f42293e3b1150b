"""Fixtures shared by the unit tests of the package's top-level modules."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.ontology import EntityType, Relation, Role

EV = Evidence(sentence="s.", start=0, end=2, rule="test", confidence=0.8)


@pytest.fixture
def one_paper_graph() -> nx.MultiDiGraph:
    """One paper proposing ZeRO, implemented in DeepSpeed, run on 512 A100s."""
    zero = ExtractedEntity(
        name="ZeRO",
        type=EntityType.METHOD.value,
        aliases=["Zero Redundancy Optimizer"],
        roles=[Role.PROPOSES.value],
        evidence={Role.PROPOSES.value: EV},
    )
    ds = ExtractedEntity(name="DeepSpeed", type=EntityType.SYSTEM.value, roles=[Role.USES.value])
    gpu = ExtractedEntity(
        name="A100", type=EntityType.HARDWARE.value, roles=[Role.RUNS_ON.value], count=512
    )
    rel = ExtractedRelation("ZeRO", Relation.IMPLEMENTED_IN.value, "DeepSpeed", EV)
    paper = Paper(id="2101.00001", title="ZeRO", abstract="We propose ZeRO.", authors=("A B",))
    return build_graph([PaperExtraction(paper, [zero, ds, gpu], [rel])])
