# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""A small hand-made graph in the shape ``kg build`` writes (docs/graph-model.md)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.ontology import PAPER, EntityType, Relation, Role


def _paper(G: nx.MultiDiGraph, pid: str, title: str, **extra: Any) -> str:
    node = f"paper/{pid}"
    G.add_node(
        node,
        type=PAPER,
        name=title,
        aliases=[],
        title=title,
        abstract=extra.get("abstract", f"Abstract of {title}."),
        arxiv_id=extra.get("arxiv_id", pid),
        published=extra.get("published", "2024-05-01"),
        url=extra.get("url", f"https://arxiv.org/abs/{pid}"),
        authors=extra.get("authors", ["A. Author", "B. Author"]),
        categories=extra.get("categories", ["cs.DC"]),
        source=f"listing.txt:{len(G)}",
    )
    return node


def _entity(G: nx.MultiDiGraph, slug: str, name: str, etype: EntityType, **extra: Any) -> str:
    node = f"entity/{slug}"
    G.add_node(
        node,
        type=etype.value,
        name=name,
        aliases=sorted(extra.get("aliases", [])),
        alt_types=extra.get("alt_types", []),
        specific=extra.get("specific", True),
        support=extra.get("support", 1),
        confidence=extra.get("confidence", 0.8),
        vocab_id=extra.get("vocab_id"),
        parameters=extra.get("parameters"),
    )
    return node


def _role(
    G: nx.MultiDiGraph,
    paper: str,
    ent: str,
    role: Role,
    count: int | None = None,
    sentence: str = "We use it.",
    rule: str = "role_verb",
    conf: float = 0.9,
) -> None:
    G.add_edge(
        paper,
        ent,
        key=role.value,
        type=role.value,
        paper=paper.split("/", 1)[1],
        sentence=sentence,
        start=10,
        end=10 + len(sentence),
        rule=rule,
        confidence=conf,
        count=count,
    )


def _rel(
    G: nx.MultiDiGraph,
    head: str,
    tail: str,
    rel: Relation,
    paper: str | None,
    rule: str = "extends_verb",
    conf: float = 0.85,
) -> None:
    key = f"{rel.value}|{paper or 'derived'}"
    G.add_edge(
        head,
        tail,
        key=key,
        type=rel.value,
        paper=paper,
        sentence="" if paper is None else f"{head} builds on {tail}.",
        start=0,
        end=0 if paper is None else 20,
        rule=rule if paper else "name_derivation",
        confidence=conf if paper else 0.5,
    )


def make_graph() -> nx.MultiDiGraph:
    """Papers, entities of every type, every role and relation, derived lineage, odd strings."""
    G = nx.MultiDiGraph(
        kg_version="0.1.0",
        created="2026-11-22T03:00:00+00:00",
        inputs=["listing-000.txt", "dir with space/listing-001.txt"],
        papers=4,
    )
    p1 = _paper(
        G, "1910.02054", "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models"
    )
    p2 = _paper(
        G,
        "2104.07857",
        'ZeRO-Infinity: Breaking the "GPU Memory Wall"',
        abstract="Line one.\nLine two with a tab\tand a backslash \\ and ünïcödé — 🚀.",
    )
    p3 = _paper(
        G, "2311.08105", "DiLoCo: Distributed Low-Communication Training", published="bad date"
    )
    p4 = _paper(G, "diloco-x-slug", "DiLoCoX", arxiv_id=None, url=None, authors=[], categories=[])
    zero = _entity(
        G,
        "zero",
        "ZeRO",
        EntityType.METHOD,
        aliases=["Zero Redundancy Optimizer"],
        support=3,
        vocab_id="https://w3id.org/kg/vocab/zero",
    )
    zinf = _entity(G, "zero-infinity", "ZeRO-Infinity", EntityType.SYSTEM, support=1)
    zpp = _entity(G, "zero++", "ZeRO++", EntityType.METHOD, support=1)
    dp = _entity(
        G, "data-parallelism", "data parallelism", EntityType.METHOD, specific=False, support=2
    )
    ds = _entity(
        G,
        "deepspeed",
        "DeepSpeed",
        EntityType.SYSTEM,
        support=2,
        aliases=["Deep Speed"],
        alt_types=["Method"],
    )
    a100 = _entity(G, "a100", "A100", EntityType.HARDWARE, support=3, aliases=["NVIDIA A100"])
    v100 = _entity(G, "v100", "V100", EntityType.HARDWARE, support=1)
    c4 = _entity(G, "c4", "C4", EntityType.DATASET, support=2)
    gpt = _entity(G, "gpt-3", "GPT-3", EntityType.MODEL, support=1, parameters=175_000_000_000)
    diloco = _entity(G, "diloco", "DiLoCo", EntityType.METHOD, support=2)
    dilocox = _entity(G, "dilocox", "DiLoCoX", EntityType.METHOD, support=1)
    odd = _entity(
        G, "weird slug/<x>", 'Odd "name" <x>', EntityType.SYSTEM, support=1, aliases=["odd\nalias"]
    )

    _role(G, p1, zero, Role.PROPOSES, sentence='We propose "ZeRO".')
    _role(G, p1, dp, Role.USES)
    _role(G, p1, ds, Role.USES)
    _role(G, p1, v100, Role.RUNS_ON, count=400)
    _role(G, p1, gpt, Role.MENTIONS)
    _role(G, p2, zinf, Role.PROPOSES)
    _role(G, p2, zero, Role.USES)
    _role(G, p2, a100, Role.RUNS_ON, count=512)
    _role(G, p2, ds, Role.USES)
    _role(G, p2, c4, Role.EVALUATES_ON)
    _role(G, p3, diloco, Role.PROPOSES)
    _role(G, p3, a100, Role.RUNS_ON, count=64)
    _role(G, p3, c4, Role.EVALUATES_ON)
    _role(G, p3, zero, Role.COMPARES_WITH)
    _role(G, p3, odd, Role.MENTIONS, sentence='Odd\ttext "quoted" \\ end')
    _role(G, p4, dilocox, Role.PROPOSES)
    _role(G, p4, diloco, Role.COMPARES_WITH)
    _role(G, p4, a100, Role.RUNS_ON, count=None)

    _rel(G, zinf, zero, Relation.EXTENDS, "2104.07857")
    _rel(G, zinf, zero, Relation.EXTENDS, None)  # derived from the names as well
    _rel(G, zpp, zero, Relation.EXTENDS, None)
    _rel(G, zero, dp, Relation.IS_A, "1910.02054", rule="is_a_pattern")
    _rel(G, zero, ds, Relation.IMPLEMENTED_IN, "1910.02054", rule="implemented_in")
    _rel(G, dilocox, diloco, Relation.EXTENDS, "diloco-x-slug")
    return G
