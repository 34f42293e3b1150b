"""Seeded random graphs in the shape of docs/graph-model.md, made to provoke ties.

Names repeat across entities (also differing only in case), aliases are shared, device
counts repeat, supports tie: every ordering rule and tie-break of docs/queries.md gets
exercised. Used by the unit tests (invariants) and by the Neo4j integration test
(Cypher rows == embedded rows).
"""

from __future__ import annotations

import random

import networkx as nx

from kg.ontology import PAPER, EntityType, Relation, Role

NAMES = ["Alpha", "alpha", "Beta", "Gamma", "Delta-X", "Delta", "Ωmega", "Zeta 2", "eta"]
ALIASES = ["A", "B-1", "Common", "gamma", "Delta", "zz"]
COUNTS = [None, None, 8, 16, 512, 512]


def random_graph(seed: int, papers: int = 24, entities: int = 30) -> nx.MultiDiGraph:
    """A graph with ``papers`` papers and ``entities`` entities, the same for a seed."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph(kg_version="test", created="2026-01-01T00:00:00", inputs=[])  # noqa: N806
    pids = [f"{2400 + i // 10}.{i:05d}" if i % 3 else f"paper-slug-{i}" for i in range(papers)]
    for pid in pids:
        title = f"{rnd.choice(NAMES)} study {pid}"
        G.add_node(f"paper/{pid}", type=PAPER, name=title, aliases=[], title=title)
    types = list(EntityType)
    ents = [f"entity/e{i:02d}" for i in range(entities)]
    for node in ents:
        G.add_node(
            node,
            type=rnd.choice(types).value,
            name=rnd.choice(NAMES),
            aliases=sorted(set(rnd.sample(ALIASES, rnd.randint(0, 2)))),
        )
    for pid in pids:
        for ent in rnd.sample(ents, rnd.randint(1, 6)):
            for role in rnd.sample(list(Role), rnd.randint(1, 2)):
                hardware = G.nodes[ent]["type"] == EntityType.HARDWARE.value
                if role is Role.RUNS_ON and not hardware:
                    continue
                G.add_edge(
                    f"paper/{pid}",
                    ent,
                    key=role.value,
                    type=role.value,
                    paper=pid,
                    sentence=f"{pid} {role.value} {G.nodes[ent]['name']}.",
                    start=0,
                    end=10,
                    rule=rnd.choice(["r1", "r2"]),
                    confidence=round(rnd.random(), 5),
                    count=rnd.choice(COUNTS) if role is Role.RUNS_ON else None,
                )
        for _ in range(rnd.randint(0, 2)):
            head, tail = rnd.sample(ents, 2)
            rel = rnd.choice(list(Relation))
            G.add_edge(
                head,
                tail,
                key=f"{rel.value}|{pid}",
                type=rel.value,
                paper=pid,
                sentence=f"{pid}: a relation.",
                start=0,
                end=5,
                rule=rnd.choice(["x_verb", "y_apposition"]),
                confidence=round(rnd.random(), 5),
            )
    for _ in range(entities // 6):
        head, tail = rnd.sample(ents, 2)
        G.add_edge(
            head,
            tail,
            key="extends|derived",
            type=Relation.EXTENDS.value,
            paper=None,
            sentence="",
            start=0,
            end=0,
            rule="name_derivation",
            confidence=0.1,
        )
    for node in ents:
        G.nodes[node]["support"] = len(
            {u for u, _ in G.in_edges(node) if G.nodes[u]["type"] == PAPER}
        )
    G.graph["papers"] = len(pids)
    return G


def query_cases() -> list[tuple[str, dict[str, object]]]:
    """Parameter choices for every canned query on a random graph."""
    cases: list[tuple[str, dict[str, object]]] = []
    for name in [*NAMES, "common", "DELTA", "nobody"]:
        cases += [
            ("lineage", {"name": name}),
            ("lineage", {"name": name, "max_depth": 1}),
            ("entity", {"name": name}),
            ("papers-using", {"name": name}),
            ("related", {"name": name}),
            ("related", {"name": name, "limit": 2}),
        ]
    pairs = [("Alpha", "Beta"), ("alpha", "Gamma"), ("Delta", "Delta-X"), ("common", "eta")]
    cases += [("compare", {"a": a, "b": b}) for a, b in pairs]
    cases += [
        ("hardware-scale", {}),
        ("hardware-scale", {"limit": 3}),
        ("hardware-scale", {"limit": 0}),
    ]
    cases += [("top", {}), ("top", {"limit": 1}), ("top", {"type": "method", "limit": 3})]
    cases += [("top", {"type": "Hardware"}), ("top", {"limit": 0})]
    return cases
