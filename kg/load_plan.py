# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""The rows ``kg load`` writes, planned from a graph without a server.

``plan_load`` turns the graph of ``kg build`` (``docs/graph-model.md``) into the rows
``cypher/load/*.cypher`` take: entity nodes, one group of rows per paper (written in one
transaction), and relations no paper states. ``derived_rows`` turns the named entities a
database holds into the lineage rows their names imply, as ``kg build`` derives them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import GraphError
from kg.graph import DERIVED_KEY, derived_edge_attrs, paper_node_id
from kg.lineage import derive_lineage
from kg.ontology import PAPER, EntityType, Relation, Role, load_ontology

__all__ = ["Row", "PaperGroup", "LoadPlan", "StoredEntity", "plan_load", "derived_rows"]

Row = dict[str, Any]

_PAPER_PREFIX = paper_node_id("")
_PAPER_PROPS = (
    "name",
    "title",
    "abstract",
    "arxiv_id",
    "published",
    "url",
    "authors",
    "categories",
    "source",
)
_ENTITY_PROPS = (
    "name",
    "type",
    "aliases",
    "alt_types",
    "specific",
    "support",
    "confidence",
    "vocab_id",
    "parameters",
)
_EDGE_PROPS = ("paper", "sentence", "start", "end", "rule", "confidence", "count")


@dataclass(slots=True)
class PaperGroup:
    """One paper's rows: written, with its old facts cleared, in one transaction."""

    paper: Row
    roles: list[Row]
    relations: list[Row]
    keep: Row

    @property
    def size(self) -> int:
        return 1 + len(self.roles) + len(self.relations)


@dataclass(slots=True)
class LoadPlan:
    """The rows ``cypher/load/*.cypher`` take, built from a graph without a server."""

    entities: list[Row]
    papers: list[PaperGroup]
    derived: list[Row]

    @property
    def total_rows(self) -> int:
        return len(self.entities) + sum(g.size for g in self.papers) + len(self.derived)

    @property
    def relationship_count(self) -> int:
        return sum(len(g.roles) + len(g.relations) for g in self.papers) + len(self.derived)


def _props(data: dict[str, Any], keys: Sequence[str]) -> Row:
    """The listed attributes with nulls left out (Neo4j stores no nulls)."""
    out: Row = {}
    for key in keys:
        value = data.get(key)
        if value is None:
            continue
        out[key] = list(value) if isinstance(value, list | tuple) else value
    return out


def plan_load(G: nx.MultiDiGraph) -> LoadPlan:
    """Turn a graph (``docs/graph-model.md``) into load rows.

    Raises:
        GraphError: a node or edge type the ontology does not know, or an edge that
            does not fit the model (a role edge not from a paper, say).
    """
    ontology = load_ontology()
    labels = {t.value: ontology.neo4j_label(t.value) for t in EntityType}
    rel_types = {r.value: ontology.neo4j_rel_type(r.value) for r in (*Role, *Relation)}
    roles = {r.value for r in Role}
    all_labels = sorted(set(labels.values()))

    entities: list[Row] = []
    papers: dict[str, PaperGroup] = {}
    for node, data in sorted(G.nodes(data=True), key=lambda nd: nd[0]):
        ntype = data.get("type")
        if ntype == PAPER:
            pid = node.removeprefix(_PAPER_PREFIX)
            props = {"id": pid, **_props(data, _PAPER_PROPS)}
            papers[node] = PaperGroup({"id": pid, "props": props}, [], [], {"id": pid})
        elif ntype in labels:
            label = labels[ntype]
            props = {"id": node, **_props(data, _ENTITY_PROPS)}
            names = [data.get("name") or "", *(data.get("aliases") or [])]
            props["names"] = sorted({str(n).lower() for n in names if n})
            entities.append(
                {
                    "id": node,
                    "label": label,
                    "stale_labels": [lb for lb in all_labels if lb != label],
                    "props": props,
                }
            )
        else:
            raise GraphError(
                f"node {node!r} has type {ntype!r}, which the ontology does not know: "
                "rebuild the graph with this version of kg (kg build)"
            )

    derived: list[Row] = []
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        etype = data.get("type")
        if etype not in rel_types:
            raise GraphError(
                f"edge {u} -> {v} ({key}) has type {etype!r}, which the ontology does not "
                "know: rebuild the graph with this version of kg (kg build)"
            )
        props = {"key": str(key), **_props(data, _EDGE_PROPS)}
        row = {"type": rel_types[etype], "key": str(key), "props": props}
        if u in papers:
            if etype not in roles or v in papers:
                raise GraphError(f"edge {u} -> {v} ({key}): a paper's edge must be a role")
            group = papers[u]
            group.roles.append({"src": group.paper["id"], "dst": v, **row})
            continue
        if etype in roles:
            raise GraphError(f"edge {u} -> {v} ({key}): role edges start at a paper")
        row = {"src": u, "dst": v, **row}
        stating = papers.get(paper_node_id(data["paper"])) if data.get("paper") else None
        (stating.relations if stating else derived).append(row)

    for group in papers.values():
        heads = sorted({r["src"] for r in group.relations})
        group.paper["props"]["relation_heads"] = heads
        group.keep["keep_roles"] = [f"{r['dst']}|{r['key']}" for r in group.roles]
        group.keep["keep_relations"] = [
            f"{r['src']}|{r['dst']}|{r['key']}" for r in group.relations
        ]
    return LoadPlan(entities, list(papers.values()), derived)


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """A named entity as the database holds it (``cypher/load/derivable-entities``)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    specific: bool = True


def derived_rows(
    entities: Sequence[StoredEntity],
    floor: float | None,
    graph_ids: Collection[str] = frozenset(),
) -> list[Row]:
    """``load/relations`` rows of the lineage the names of ``entities`` imply, with the
    confidence ``kg build`` gives it (below ``floor``, the lowest stated one).

    Links between two entities of ``graph_ids`` (the graph being loaded) are left out:
    that graph's own derived edges already hold what its build decided.
    """
    rel_type = load_ontology().neo4j_rel_type(Relation.EXTENDS.value)
    links = [
        link
        for link in derive_lineage(entities, ceiling=floor)
        if not (link.head in graph_ids and link.tail in graph_ids)
    ]
    return [
        {
            "src": link.head,
            "dst": link.tail,
            "type": rel_type,
            "key": DERIVED_KEY,
            "props": {
                "key": DERIVED_KEY,
                **_props(derived_edge_attrs(link.confidence), _EDGE_PROPS),
            },
        }
        for link in links
    ]
