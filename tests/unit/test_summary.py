# ruff: noqa: N803, N806  (G and H are the networkx convention for graphs)
"""The summary of a built graph: counts, top entities, the table, summary.json."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.ontology import PAPER, EntityType, Relation, Role
from kg.summary import DERIVED_LABEL, Summary, read_summary, summarize, write_summary


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(3):
        G.add_node(f"paper/p{i}", type=PAPER, name=f"Paper {i}", aliases=[])
    ents = [
        ("entity/gpu", "GPU", EntityType.HARDWARE.value, 3, 0.99),
        ("entity/zero", "ZeRO", EntityType.METHOD.value, 2, 0.9),
        ("entity/zero-infinity", "ZeRO-Infinity", EntityType.SYSTEM.value, 1, 0.8),
        ("entity/deepspeed", "DeepSpeed", EntityType.SYSTEM.value, 2, 0.95),
    ]
    for node, name, etype, support, conf in ents:
        G.add_node(node, type=etype, name=name, aliases=[], support=support, confidence=conf)
    for i in range(3):
        G.add_edge(
            f"paper/p{i}",
            "entity/gpu",
            key=Role.RUNS_ON.value,
            type=Role.RUNS_ON.value,
            paper=f"p{i}",
        )
    G.add_edge(
        "paper/p0", "entity/zero", key=Role.PROPOSES.value, type=Role.PROPOSES.value, paper="p0"
    )
    G.add_edge("paper/p1", "entity/zero", key=Role.USES.value, type=Role.USES.value, paper="p1")
    G.add_edge(
        "entity/zero-infinity",
        "entity/zero",
        key="extends|p2",
        type=Relation.EXTENDS.value,
        paper="p2",
    )
    G.add_edge(
        "entity/zero-infinity",
        "entity/zero",
        key="extends|derived",
        type=Relation.EXTENDS.value,
        paper=None,
    )
    return G


def test_counts_per_type_and_edge_type() -> None:
    s = summarize(small_graph(), top=3)
    assert (s.papers, s.entities, s.edges) == (3, 4, 7)
    assert s.entity_types == {"Method": 1, "System": 2, "Hardware": 1}
    assert list(s.entity_types) == ["Method", "System", "Hardware"]  # ontology order
    assert s.edge_types == {"proposes": 1, "uses": 1, "runs_on": 3, "extends": 1, DERIVED_LABEL: 1}
    # top by support, then confidence
    assert [t.name for t in s.top] == ["GPU", "DeepSpeed", "ZeRO"]


def test_render_is_an_aligned_table() -> None:
    text = summarize(small_graph(), top=2).render()
    lines = text.splitlines()
    assert lines[0] == "3 papers, 4 entities, 7 edges"
    assert "entity type  count" in lines
    assert "System           2" in lines
    assert "extends (derived)      1" in lines
    top = lines[lines.index("top entities by support") + 1 :]
    assert top[0].split() == ["name", "type", "support", "confidence"]
    assert top[2].split() == ["GPU", "Hardware", "3", "0.9900"]
    assert len({len(line) for line in top[:2]}) == 1  # header and rule line up


def test_summary_json_round_trip(tmp_path: Path) -> None:
    s = summarize(small_graph())
    write_summary(s, tmp_path)
    assert read_summary(tmp_path) == s
    assert read_summary(tmp_path / "nowhere") is None
    assert Summary.from_dict({}).render().startswith("0 papers, 0 entities, 0 edges")
