# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""Load rows planned from a graph, without a server (``kg.load_plan``)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg import load_plan
from kg.errors import GraphError
from kg.graph import DERIVED_KEY, build_graph, paper_node_id
from kg.load_plan import plan_load
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.ontology import PAPER, EntityType, Relation, Role, load_ontology

EV = Evidence(sentence="s.", start=0, end=2, rule="test", confidence=0.8)


def test_plan_rows_follow_the_graph_and_the_ontology(one_paper_graph: nx.MultiDiGraph) -> None:
    G = one_paper_graph
    plan = plan_load(G)
    ontology = load_ontology()

    entities = {row["id"]: row for row in plan.entities}
    assert set(entities) == {n for n, t in G.nodes(data="type") if t != PAPER}
    zero = entities["entity/zero"]
    assert zero["label"] == ontology.neo4j_label(EntityType.METHOD.value)
    assert zero["label"] not in zero["stale_labels"]
    assert set(zero["stale_labels"]) | {zero["label"]} == {
        ontology.neo4j_label(t.value) for t in EntityType
    }
    assert zero["props"]["names"] == ["zero", "zero redundancy optimizer"]
    assert zero["props"]["support"] == 1
    assert None not in zero["props"].values()  # nulls are left out

    (group,) = plan.papers
    assert group.paper["id"] == "2101.00001"
    assert group.paper["props"]["authors"] == ["A B"]
    assert group.paper["props"]["relation_heads"] == ["entity/zero"]
    types = {r["dst"]: r["type"] for r in group.roles}
    assert types["entity/a100"] == ontology.neo4j_rel_type(Role.RUNS_ON.value)
    (runs_on,) = [r for r in group.roles if r["dst"] == "entity/a100"]
    assert runs_on["props"]["count"] == 512 and runs_on["props"]["paper"] == "2101.00001"
    (implemented,) = group.relations
    assert implemented["type"] == ontology.neo4j_rel_type(Relation.IMPLEMENTED_IN.value)
    assert implemented["key"] == f"{Relation.IMPLEMENTED_IN.value}|2101.00001"
    assert sorted(group.keep["keep_roles"]) == sorted(f"{r['dst']}|{r['key']}" for r in group.roles)
    assert group.keep["keep_relations"] == [f"entity/zero|entity/deepspeed|{implemented['key']}"]
    assert plan.relationship_count == G.number_of_edges()
    assert plan.total_rows == G.number_of_nodes() + G.number_of_edges()


def test_derived_lineage_is_planned_apart_from_any_paper(
    one_paper_graph: nx.MultiDiGraph,
) -> None:
    G = one_paper_graph
    G.add_edge(
        "entity/deepspeed",
        "entity/zero",
        key=DERIVED_KEY,
        type=Relation.EXTENDS.value,
        paper=None,
        sentence="",
        start=0,
        end=0,
        rule="name_derivation",
        confidence=0.3,
    )
    plan = plan_load(G)
    (derived,) = plan.derived
    assert derived["key"] == DERIVED_KEY and "paper" not in derived["props"]
    assert all(r["key"] != DERIVED_KEY for g in plan.papers for r in g.relations)


def test_derived_rows_from_stored_entities_equal_the_built_graphs() -> None:
    def ent(name: str, role: Role) -> ExtractedEntity:
        return ExtractedEntity(
            name=name, type=EntityType.METHOD.value, roles=[role.value], evidence={role.value: EV}
        )

    paper = Paper(id="2101.00002", title="ZeRO-Infinity", abstract="...")
    rel = ExtractedRelation("ZeRO-Infinity", Relation.IS_A.value, "offloading", EV)
    G = build_graph(
        [
            PaperExtraction(
                paper,
                [ent("ZeRO-Infinity", Role.PROPOSES), ent("ZeRO", Role.USES)]
                + [ent("offloading", Role.USES)],
                [rel],
            )
        ]
    )
    stored = [
        load_plan.StoredEntity(n, d["name"], tuple(d["aliases"]), d["type"])
        for n, d in G.nodes(data=True)
        if d["type"] != PAPER and d["specific"]
    ]
    (planned,) = plan_load(G).derived
    assert load_plan.derived_rows(stored, EV.confidence) == [planned]
    assert planned["src"] == "entity/zero-infinity" and planned["dst"] == "entity/zero"
    # a link within the graph being loaded is that graph's own derived edge
    assert load_plan.derived_rows(stored, EV.confidence, {"entity/zero-infinity"}) == [planned]
    assert load_plan.derived_rows(stored, EV.confidence, set(G.nodes)) == []
    # below half the lowest stated confidence; the default when no paper states one
    assert load_plan.derived_rows(stored, 0.4)[0]["props"]["confidence"] == 0.2
    assert load_plan.derived_rows(stored, None)[0]["props"]["confidence"] == 0.3


@pytest.mark.parametrize(
    ("node_type", "edge_type"), [("Gadget", None), (None, "loves")], ids=["node", "edge"]
)
def test_types_the_ontology_does_not_know_are_graph_errors(
    one_paper_graph: nx.MultiDiGraph, node_type: str | None, edge_type: str | None
) -> None:
    G = one_paper_graph
    if node_type:
        G.add_node("entity/gadget", name="gadget", type=node_type, aliases=[])
    if edge_type:
        G.add_edge(paper_node_id("2101.00001"), "entity/zero", key=edge_type, type=edge_type)
    with pytest.raises(GraphError, match="ontology does not know"):
        plan_load(G)


def test_a_role_edge_must_start_at_a_paper(one_paper_graph: nx.MultiDiGraph) -> None:
    G = one_paper_graph
    G.add_edge("entity/zero", "entity/a100", key="uses", type=Role.USES.value)
    with pytest.raises(GraphError, match="role edges start at a paper"):
        plan_load(G)
