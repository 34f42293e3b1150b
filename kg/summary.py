# ruff: noqa: N803  (G is the networkx convention for a graph)
"""What a built graph holds: counts per entity type and per edge type, top entities.

``kg build`` writes the summary as ``summary.json`` beside the graph and prints it as
a table; ``kg stats`` prints it again.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(papers=1)
>>> G.add_node("paper/p1", type="Paper", name="A paper")
>>> G.add_node("entity/gpu", type="Hardware", name="GPU", support=1, confidence=0.9)
>>> _ = G.add_edge("paper/p1", "entity/gpu", key="runs_on", type="runs_on", count=8)
>>> s = summarize(G)
>>> s.entity_types, s.edge_types
({'Hardware': 1}, {'runs_on': 1})
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.ontology import PAPER, EntityType, Relation, Role

__all__ = ["Summary", "TopEntity", "summarize", "write_summary", "read_summary", "SUMMARY_JSON"]

SUMMARY_JSON = "summary.json"
#: The label under which derived lineage is counted apart from stated ``extends``.
DERIVED_LABEL = f"{Relation.EXTENDS.value} (derived)"
_ORDER = [
    *(t.value for t in EntityType),
    *(r.value for r in Role),
    *(r.value for r in Relation),
    DERIVED_LABEL,
]


@dataclass(frozen=True, slots=True)
class TopEntity:
    """One row of the top-entities table."""

    id: str
    name: str
    type: str
    support: int
    confidence: float


@dataclass(slots=True)
class Summary:
    """Counts of a graph, JSON-serialisable."""

    papers: int = 0
    entities: int = 0
    edges: int = 0
    entity_types: dict[str, int] = field(default_factory=dict)
    edge_types: dict[str, int] = field(default_factory=dict)
    top: list[TopEntity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Summary:
        return cls(
            papers=int(d.get("papers", 0)),
            entities=int(d.get("entities", 0)),
            edges=int(d.get("edges", 0)),
            entity_types=dict(d.get("entity_types") or {}),
            edge_types=dict(d.get("edge_types") or {}),
            top=[TopEntity(**row) for row in d.get("top") or []],
        )

    def render(self) -> str:
        """The summary as plain-text tables."""
        parts = [f"{self.papers} papers, {self.entities} entities, {self.edges} edges", ""]
        parts += _table(["entity type", "count"], [[k, v] for k, v in self.entity_types.items()])
        parts.append("")
        parts += _table(["edge type", "count"], [[k, v] for k, v in self.edge_types.items()])
        parts.append("")
        parts.append("top entities by support")
        parts += _table(
            ["name", "type", "support", "confidence"],
            [[t.name, t.type, t.support, f"{t.confidence:.4f}"] for t in self.top],
        )
        return "\n".join(parts) + "\n"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [header, *([str(c) for c in r] for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i and _is_number(c) else c.ljust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()

    return [line(cells[0]), "  ".join("-" * w for w in widths), *(line(r) for r in cells[1:])]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _ordered(counts: Counter[str]) -> dict[str, int]:
    rank = {k: i for i, k in enumerate(_ORDER)}
    return {k: counts[k] for k in sorted(counts, key=lambda k: (rank.get(k, len(rank)), k))}


def summarize(G: nx.MultiDiGraph, *, top: int = 15) -> Summary:
    """Count the nodes and edges of a graph built by ``kg build``.

    Args:
        G: the graph (``docs/graph-model.md``).
        top: how many entities to list by support.
    """
    entity_types: Counter[str] = Counter()
    papers = 0
    for _, d in G.nodes(data=True):
        if d.get("type") == PAPER:
            papers += 1
        else:
            entity_types[str(d.get("type"))] += 1
    edge_types: Counter[str] = Counter()
    for _, _, d in G.edges(data=True):
        derived = d.get("type") == Relation.EXTENDS.value and d.get("paper") is None
        edge_types[DERIVED_LABEL if derived else str(d.get("type"))] += 1
    ranked = sorted(
        ((n, d) for n, d in G.nodes(data=True) if d.get("type") != PAPER),
        key=lambda nd: (
            -int(nd[1].get("support") or 0),
            -float(nd[1].get("confidence") or 0),
            str(nd[1].get("name")),
            nd[0],
        ),
    )
    return Summary(
        papers=papers,
        entities=sum(entity_types.values()),
        edges=G.number_of_edges(),
        entity_types=_ordered(entity_types),
        edge_types=_ordered(edge_types),
        top=[
            TopEntity(
                id=n,
                name=str(d.get("name")),
                type=str(d.get("type")),
                support=int(d.get("support") or 0),
                confidence=round(float(d.get("confidence") or 0.0), 4),
            )
            for n, d in ranked[:top]
        ],
    )


def write_summary(summary: Summary, directory: str | Path) -> Path:
    """Write ``summary.json`` into ``directory``."""
    path = Path(directory) / SUMMARY_JSON
    path.write_text(
        json.dumps(summary.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def read_summary(directory: str | Path) -> Summary | None:
    """The ``summary.json`` of ``directory``, or None when there is none."""
    path = Path(directory) / SUMMARY_JSON
    if not path.is_file():
        return None
    try:
        return Summary.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError, KeyError):
        return None
