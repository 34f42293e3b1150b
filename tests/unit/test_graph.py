# ruff: noqa: N803, N806  (G and H are the networkx convention for graphs)
"""The embedded graph: schema of docs/graph-model.md, and the write/read round trip."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import GraphError
from kg.graph import DERIVED_KEY, build_graph, read_graph, write_graph
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.ontology import PAPER, EntityType, Relation, Role

M, S, H = EntityType.METHOD.value, EntityType.SYSTEM.value, EntityType.HARDWARE.value


def ev(sentence: str, rule: str = "test", conf: float = 0.8, start: int = 0) -> Evidence:
    return Evidence(
        sentence=sentence, start=start, end=start + len(sentence), rule=rule, confidence=conf
    )


def make_extractions() -> list[PaperExtraction]:
    p1 = Paper(
        id="2104.07857",
        title="ZeRO-Infinity: Breaking the GPU Memory Wall",
        abstract="We present ZeRO-Infinity. It runs on 512 GPUs.",
        source="listing.txt:3",
        arxiv_id="2104.07857",
        authors=("A. Author", "B. Author"),
        published="2021-04-16",
    )
    s1 = "We present ZeRO-Infinity."
    s2 = "It runs on 512 GPUs."
    zi = ExtractedEntity(
        name="ZeRO-Infinity",
        type=S,
        roles=[Role.PROPOSES.value],
        evidence={Role.PROPOSES.value: ev(s1, "we_present", 0.9)},
    )
    gpus = ExtractedEntity(
        name="GPUs",
        type=H,
        specific=False,
        roles=[Role.RUNS_ON.value],
        count=512,
        evidence={Role.RUNS_ON.value: ev(s2, "runs_on", 0.8)},
    )
    p2 = Paper(
        id="zero-memory-optimizations",
        title="ZeRO: Memory Optimizations",
        abstract="We develop the Zero Redundancy Optimizer (ZeRO) in PyTorch on GPUs.",
    )
    s3 = p2.abstract
    zero = ExtractedEntity(
        name="ZeRO",
        type=M,
        aliases=["Zero Redundancy Optimizer"],
        roles=[Role.PROPOSES.value],
        evidence={Role.PROPOSES.value: ev(s3, "title_prefix", 0.95)},
    )
    torch = ExtractedEntity(
        name="PyTorch",
        type=S,
        roles=[Role.USES.value],
        evidence={Role.USES.value: ev(s3, "built_on", 0.7)},
    )
    gpu = ExtractedEntity(
        name="GPU", type=H, specific=False, roles=[Role.RUNS_ON.value], evidence={}
    )
    gpus2 = ExtractedEntity(
        name="GPUs",
        type=H,
        specific=False,
        roles=[Role.RUNS_ON.value],
        count=8,
        evidence={Role.RUNS_ON.value: ev(s3, "runs_on", 0.6)},
    )
    rel = ExtractedRelation(
        head="ZeRO",
        type=Relation.IMPLEMENTED_IN.value,
        tail="PyTorch",
        evidence=ev(s3, "implemented_in", 0.7),
    )
    return [
        PaperExtraction(p1, [zi, gpus]),
        PaperExtraction(p2, [zero, torch, gpu, gpus2], [rel]),
    ]


def test_nodes_and_edges_follow_the_graph_model() -> None:
    G = build_graph(make_extractions(), inputs=["listing.txt"])
    assert G.graph["papers"] == 2 and G.graph["inputs"] == ["listing.txt"]
    assert {"kg_version", "created"} <= set(G.graph)

    paper = G.nodes["paper/2104.07857"]
    assert paper["type"] == PAPER and paper["name"] == paper["title"] and paper["aliases"] == []
    assert paper["authors"] == ["A. Author", "B. Author"] and paper["source"] == "listing.txt:3"
    assert G.nodes["paper/zero-memory-optimizations"]["arxiv_id"] is None

    for node, d in G.nodes(data=True):
        assert {"name", "type", "aliases"} <= set(d), node
        if d["type"] != PAPER:
            assert node.startswith("entity/")
            assert {
                "alt_types",
                "specific",
                "support",
                "confidence",
                "vocab_id",
                "parameters",
            } <= set(d)

    gpu = G.nodes["entity/gpus"]
    assert gpu["support"] == 2 and gpu["aliases"] == ["GPU"]

    # role edges: keyed by role, one per role per entity even if the paper names it twice
    edges = G.get_edge_data("paper/zero-memory-optimizations", "entity/gpus")
    assert list(edges) == [Role.RUNS_ON.value]
    assert (
        edges[Role.RUNS_ON.value]["count"] == 8 and edges[Role.RUNS_ON.value]["rule"] == "runs_on"
    )
    e = G.edges["paper/2104.07857", "entity/zero-infinity", Role.PROPOSES.value]
    assert e["type"] == Role.PROPOSES.value and e["paper"] == "2104.07857" and e["count"] is None
    assert e["sentence"] == "We present ZeRO-Infinity." and e["confidence"] == 0.9
    assert (e["start"], e["end"]) == (0, 25)

    # a stated relation, keyed <type>|<paper id>
    rel = G.edges[
        "entity/zero",
        "entity/pytorch",
        f"{Relation.IMPLEMENTED_IN.value}|zero-memory-optimizations",
    ]
    assert (
        rel["type"] == Relation.IMPLEMENTED_IN.value and rel["paper"] == "zero-memory-optimizations"
    )

    # derived lineage: ZeRO-Infinity extends ZeRO, no paper, no sentence, low confidence
    d = G.edges["entity/zero-infinity", "entity/zero", DERIVED_KEY]
    assert d["type"] == Relation.EXTENDS.value and d["rule"] == "name_derivation"
    assert d["paper"] is None and d["sentence"] == ""
    assert d["confidence"] < rel["confidence"]


def test_the_graph_does_not_depend_on_input_order() -> None:
    a = build_graph(make_extractions())
    b = build_graph(list(reversed(make_extractions())))
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))


def _same(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True)) == sorted(H.edges(keys=True, data=True))
    assert G.graph == H.graph


def test_node_link_round_trip(tmp_path: Path) -> None:
    G = build_graph(make_extractions(), inputs=["listing.txt"])
    json_path, _ = write_graph(G, tmp_path / "out")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert "edges" in data and "nodes" in data
    H = read_graph(tmp_path / "out")
    assert isinstance(H, nx.MultiDiGraph)
    _same(G, H)


def test_graphml_round_trip_decodes_to_the_same_graph(tmp_path: Path) -> None:
    G = build_graph(make_extractions(), inputs=["listing.txt"])
    _, graphml = write_graph(G, tmp_path)
    H = nx.read_graphml(graphml, force_multigraph=True)
    assert sorted(H.nodes) == sorted(G.nodes)
    gpu = H.nodes["entity/gpus"]
    assert json.loads(gpu["aliases"]) == ["GPU"]  # lists are JSON-encoded
    assert "vocab_id" not in gpu  # None is left out
    paper = H.nodes["paper/2104.07857"]
    assert json.loads(paper["authors"]) == ["A. Author", "B. Author"]
    assert "arxiv_id" not in H.nodes["paper/zero-memory-optimizations"]
    # decode: every attribute comes back, lists as lists
    for node, d in G.nodes(data=True):
        back = {
            k: (json.loads(v) if isinstance(G.nodes[node].get(k), list) else v)
            for k, v in H.nodes[node].items()
        }
        assert back == {k: v for k, v in d.items() if v is not None}, node
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    derived = H.edges["entity/zero-infinity", "entity/zero", DERIVED_KEY]
    assert "paper" not in derived and derived["rule"] == "name_derivation"


def test_read_graph_without_a_graph_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"no graph in .*: run `kg build INPUT\.\.\.` first"):
        read_graph(tmp_path)
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphError, match="not a kg graph"):
        read_graph(tmp_path)


def test_relations_between_unknown_names_or_to_itself_are_dropped() -> None:
    p = Paper(id="p1", title="T", abstract="A")
    ents = [
        ExtractedEntity(name="MoE", type=M, aliases=["Mixture-of-Experts"], roles=[Role.USES.value])
    ]
    rels = [
        ExtractedRelation("MoE", Relation.IS_A.value, "Mixture of Experts", ev("s")),  # same entity
        ExtractedRelation("MoE", Relation.EXTENDS.value, "Nothing", ev("s")),  # not an entity
    ]
    G = build_graph([PaperExtraction(p, ents, rels)])
    assert [k for *_, k in G.edges(keys=True)] == [Role.USES.value]


def test_entities_of_unknown_types_are_left_out() -> None:
    p = Paper(id="p1", title="T", abstract="A")
    ents = [
        ExtractedEntity(name="ZeRO", type=M, roles=[Role.USES.value]),
        ExtractedEntity(name="Alice", type="Person", roles=[Role.USES.value]),
    ]
    G = build_graph([PaperExtraction(p, ents)])
    assert sorted(G.nodes) == ["entity/zero", "paper/p1"]
