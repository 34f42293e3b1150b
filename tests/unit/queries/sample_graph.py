"""A small hand-made graph in the shape of docs/graph-model.md, for the canned-query tests.

Five papers about ZeRO and DiLoCo, with parallel relation edges (two papers state that
ZeRO-Infinity extends ZeRO), a derived lineage link, a two-step ``is_a`` chain, runs_on
edges with and without counts (including ties) and a ``compares_with`` edge. The
integration test loads the same graph into Neo4j, so it must stay loader-compatible.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.ontology import PAPER, EntityType, Relation, Role

M, S, H, D, MO = (
    EntityType.METHOD,
    EntityType.SYSTEM,
    EntityType.HARDWARE,
    EntityType.DATASET,
    EntityType.MODEL,
)

PAPERS = {
    "1910.02054": "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
    "2104.07857": "ZeRO-Infinity: Breaking the GPU Memory Wall",
    "2311.08105": "DiLoCo: Distributed Low-Communication Training of Language Models",
    "2506.21263": "DiLoCoX: A Low-Communication Large-Scale Training Framework",
    "2501.00001": "Scaling Notes on Sharded Optimizers",
}

ENTITIES: dict[str, tuple[str, EntityType, list[str]]] = {
    "zero": ("ZeRO", M, ["ZeRO optimizer", "Zero Redundancy Optimizer"]),
    "zero-infinity": ("ZeRO-Infinity", S, []),
    "zero-offload": ("ZeRO-Offload", S, []),
    "data-parallelism": ("Data Parallelism", M, ["DP"]),
    "parallelism": ("Parallelism", M, []),
    "deepspeed": ("DeepSpeed", S, []),
    "diloco": ("DiLoCo", M, ["Distributed Low-Communication"]),
    "dilocox": ("DiLoCoX", M, []),
    "v100": ("V100", H, ["NVIDIA V100"]),
    "a100": ("A100", H, []),
    "h100": ("H100", H, []),
    "a800": ("A800", H, []),
    "c4": ("C4", D, []),
    "gpt-3": ("GPT-3", MO, []),
}

# (paper, role, entity slug, count)
ROLES: list[tuple[str, Role, str, int | None]] = [
    ("1910.02054", Role.PROPOSES, "zero", None),
    ("1910.02054", Role.USES, "data-parallelism", None),
    ("1910.02054", Role.RUNS_ON, "v100", 400),
    ("1910.02054", Role.MENTIONS, "deepspeed", None),
    ("1910.02054", Role.EVALUATES_ON, "gpt-3", None),
    ("2104.07857", Role.PROPOSES, "zero-infinity", None),
    ("2104.07857", Role.USES, "zero", None),
    ("2104.07857", Role.RUNS_ON, "v100", 512),
    ("2104.07857", Role.RUNS_ON, "a100", None),
    ("2104.07857", Role.MENTIONS, "deepspeed", None),
    ("2311.08105", Role.PROPOSES, "diloco", None),
    ("2311.08105", Role.EVALUATES_ON, "c4", None),
    ("2311.08105", Role.RUNS_ON, "a100", None),
    ("2311.08105", Role.USES, "data-parallelism", None),
    ("2506.21263", Role.PROPOSES, "dilocox", None),
    ("2506.21263", Role.COMPARES_WITH, "diloco", None),
    ("2506.21263", Role.RUNS_ON, "a800", 160),
    ("2506.21263", Role.EVALUATES_ON, "c4", None),
    ("2506.21263", Role.USES, "zero", None),
    ("2501.00001", Role.USES, "zero", None),
    ("2501.00001", Role.USES, "diloco", None),
    ("2501.00001", Role.RUNS_ON, "h100", 512),
    ("2501.00001", Role.RUNS_ON, "a100", 512),
    ("2501.00001", Role.RUNS_ON, "v100", 8),
]

# (head, relation, tail, paper or None for derived, rule, confidence)
RELATIONS: list[tuple[str, Relation, str, str | None, str, float]] = [
    ("zero-infinity", Relation.EXTENDS, "zero", "2104.07857", "extends_verb", 0.9),
    ("zero-infinity", Relation.EXTENDS, "zero", "2501.00001", "builds_on", 0.8),
    ("zero-offload", Relation.EXTENDS, "zero", None, "name_derivation", 0.3),
    ("zero", Relation.IS_A, "data-parallelism", "1910.02054", "is_a_apposition", 0.7),
    ("data-parallelism", Relation.IS_A, "parallelism", "1910.02054", "is_a_apposition", 0.65),
    ("dilocox", Relation.EXTENDS, "diloco", "2506.21263", "extends_verb", 0.85),
    ("zero", Relation.IMPLEMENTED_IN, "deepspeed", "1910.02054", "implemented_in", 0.75),
]


def _sentence(paper: str, what: str) -> dict[str, Any]:
    return {"sentence": f"{what} ({paper}).", "start": 0, "end": len(what) + 14}


def sample_graph() -> nx.MultiDiGraph:
    """Return the hand-made graph (a fresh copy each call)."""
    G = nx.MultiDiGraph(kg_version="test", created="2026-01-01T00:00:00", inputs=[], papers=5)  # noqa: N806
    for pid, title in PAPERS.items():
        G.add_node(
            f"paper/{pid}",
            type=PAPER,
            name=title,
            aliases=[],
            title=title,
            abstract=f"Abstract of {title}.",
            arxiv_id=pid,
            published="2025-01-01",
            url=f"https://arxiv.org/abs/{pid}",
            authors=["A. Author"],
            categories=["cs.LG"],
            source=f"listing.txt:{list(PAPERS).index(pid) + 1}",
        )
    support = {slug: len({p for p, _, s, _ in ROLES if s == slug}) for slug in ENTITIES}
    for slug, (name, etype, aliases) in ENTITIES.items():
        G.add_node(
            f"entity/{slug}",
            type=etype.value,
            name=name,
            aliases=sorted(aliases),
            alt_types=[],
            specific=True,
            support=support[slug],
            confidence=round(min(1.0, 0.5 + 0.1 * support[slug]), 4),
            vocab_id=None,
            parameters=175_000_000_000 if slug == "gpt-3" else None,
        )
    for i, (pid, role, slug, count) in enumerate(ROLES):
        G.add_edge(
            f"paper/{pid}",
            f"entity/{slug}",
            key=role.value,
            type=role.value,
            paper=pid,
            **_sentence(pid, f"{ENTITIES[slug][0]} {role.value}"),
            rule=f"{role.value}_rule",
            confidence=round(0.5 + (i % 5) * 0.1 + 0.00004, 5),
            count=count,
        )
    for head, rel, tail, pid, rule, conf in RELATIONS:
        G.add_edge(
            f"entity/{head}",
            f"entity/{tail}",
            key=f"{rel.value}|{pid or 'derived'}",
            type=rel.value,
            paper=pid,
            **(
                _sentence(pid, f"{ENTITIES[head][0]} {rel.value} {ENTITIES[tail][0]}")
                if pid
                else {"sentence": "", "start": 0, "end": 0}
            ),
            rule=rule,
            confidence=conf,
        )
    return G
