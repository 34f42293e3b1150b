# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""The canned queries over the networkx graph of ``kg build`` (the embedded backend).

Each function takes the graph (``docs/graph-model.md``) and the query's parameters and
returns the rows ``docs/queries.md`` specifies: a list of dicts whose cells are strings,
integers, floats (rounded to 4 places), ``None`` or sorted, de-duplicated lists of
strings, fully ordered. ``cypher/<name>.cypher`` and ``ontology/sparql/<name>.rq``
return the same rows on the same graph.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("entity/zero", type="Method", name="ZeRO", aliases=["Zero Redundancy Optimizer"])
>>> G.add_node("entity/zero-infinity", type="System", name="ZeRO-Infinity", aliases=[])
>>> _ = G.add_edge("entity/zero-infinity", "entity/zero", key="extends|2104.07857",
...                type="extends", paper="2104.07857", rule="extends_verb", confidence=0.9)
>>> [(r["direction"], r["head"], r["tail"]) for r in lineage(G, "zero redundancy optimizer")]
[('descendant', 'ZeRO-Infinity', 'ZeRO')]
"""

from __future__ import annotations

import inspect
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.ontology import PAPER, Relation, Role

__all__ = [
    "QUERIES",
    "run_embedded",
    "resolve",
    "lineage",
    "compare",
    "entity",
    "papers_using",
    "hardware_scale",
    "top",
    "related",
]

Row = dict[str, Any]

_ROLES = frozenset(r.value for r in Role)
_LINEAGE = frozenset({Relation.EXTENDS.value, Relation.IS_A.value})
_PAPER_PREFIX = "paper/"
_USING_ROLES = (Role.USES.value, Role.RUNS_ON.value, Role.EVALUATES_ON.value)


# -- graph helpers -------------------------------------------------------------------


def _is_paper(G: nx.MultiDiGraph, node: str) -> bool:
    return bool(G.nodes[node].get("type") == PAPER)


def _entities(G: nx.MultiDiGraph) -> Iterable[str]:
    return (n for n, d in G.nodes(data=True) if d.get("type") != PAPER)


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name") or "")


def _paper_id(node: str) -> str:
    """``paper/<Paper.id>`` -> ``Paper.id``."""
    return node[len(_PAPER_PREFIX) :] if node.startswith(_PAPER_PREFIX) else node


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


def _sorted(values: Iterable[Any]) -> list[str]:
    return sorted({str(v) for v in values if v is not None})


def resolve(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Entity node ids whose name or an alias equals ``name`` case-insensitively."""
    key = name.lower()
    found = []
    for node in _entities(G):
        data = G.nodes[node]
        if str(data.get("name") or "").lower() == key or any(
            str(a).lower() == key for a in data.get("aliases") or []
        ):
            found.append(node)
    return sorted(found)


def _role_edges(G: nx.MultiDiGraph, node: str) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(paper node, role, edge data) of every role edge pointing at ``node``."""
    for paper, _, data in G.in_edges(node, data=True):
        if data.get("type") in _ROLES and _is_paper(G, paper):
            yield paper, str(data["type"]), data


def _papers_with(G: nx.MultiDiGraph, nodes: Iterable[str], roles: Iterable[str]) -> set[str]:
    wanted = set(roles)
    return {p for n in nodes for p, role, _ in _role_edges(G, n) if role in wanted}


def _paper_entities(G: nx.MultiDiGraph, paper: str) -> set[str]:
    return {
        e
        for _, e, data in G.out_edges(paper, data=True)
        if data.get("type") in _ROLES and not _is_paper(G, e)
    }


def _neighbours(G: nx.MultiDiGraph, nodes: set[str]) -> dict[str, set[str]]:
    """Entities sharing a paper with any of ``nodes`` (themselves excluded) -> the papers."""
    found: dict[str, set[str]] = defaultdict(set)
    for paper in _papers_with(G, nodes, _ROLES):
        for other in _paper_entities(G, paper) - nodes:
            found[other].add(paper)
    return found


# -- the queries -------------------------------------------------------------------


def _distances(G: nx.MultiDiGraph, sources: list[str], forward: bool) -> dict[str, int]:
    """Shortest distance from ``sources`` along extends / is_a, forward or backward."""
    dist = {s: 0 for s in sources}
    frontier = list(sources)
    while frontier:
        nxt = []
        for node in frontier:
            edges = G.out_edges(node, data=True) if forward else G.in_edges(node, data=True)
            for u, v, data in edges:
                if data.get("type") not in _LINEAGE:
                    continue
                other = v if forward else u
                if other not in dist:
                    dist[other] = dist[node] + 1
                    nxt.append(other)
        frontier = nxt
    return dist


def lineage(G: nx.MultiDiGraph, name: str, max_depth: int = 5) -> list[Row]:
    """Ancestors and descendants of an entity along ``extends`` and ``is_a``."""
    sources = resolve(G, name)
    rows = []
    for direction, forward in (("ancestor", True), ("descendant", False)):
        dist = _distances(G, sources, forward)
        links: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for node, d in dist.items():
            if d + 1 > max_depth:
                continue
            edges = G.out_edges(node, data=True) if forward else G.in_edges(node, data=True)
            for head, tail, data in edges:
                if data.get("type") in _LINEAGE:
                    links[(head, str(data["type"]), tail)].append(data)
        for (head, relation, tail), datas in links.items():
            rows.append(
                {
                    "direction": direction,
                    "depth": dist[head if forward else tail] + 1,
                    "head": _name(G, head),
                    "relation": relation,
                    "tail": _name(G, tail),
                    "papers": _sorted(d.get("paper") for d in datas),
                    "rules": _sorted(d.get("rule") for d in datas),
                }
            )
    rows.sort(key=lambda r: tuple(r.values()))
    return rows


def _hardware(G: nx.MultiDiGraph, papers: set[str]) -> list[str]:
    """Hardware the papers run on, as ``"<name> x<max count>"`` or ``"<name>"``."""
    counts: dict[str, list[int]] = defaultdict(list)
    for paper in papers:
        for _, hw, data in G.out_edges(paper, data=True):
            if data.get("type") == Role.RUNS_ON.value:
                stated = counts[_name(G, hw)]
                if data.get("count") is not None:
                    stated.append(int(data["count"]))
    return sorted(f"{name} x{max(c)}" if c else name for name, c in counts.items())


def _evaluated_on(G: nx.MultiDiGraph, papers: set[str]) -> list[str]:
    return _sorted(
        _name(G, ds)
        for paper in papers
        for _, ds, data in G.out_edges(paper, data=True)
        if data.get("type") == Role.EVALUATES_ON.value
    )


def compare(G: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    """Two entities side by side: one row per aspect with columns ``aspect``, ``a``, ``b``."""
    sides = [set(resolve(G, a)), set(resolve(G, b))]
    both = sides[0] | sides[1]
    neighbours = [set(_neighbours(G, s)) - both for s in sides]
    shared = _sorted(_name(G, n) for n in neighbours[0] & neighbours[1])
    comparing = _papers_with(G, both, [Role.COMPARES_WITH.value])
    naming_both = _papers_with(G, sides[0], _ROLES) & _papers_with(G, sides[1], _ROLES)
    compared = _sorted(_paper_id(p) for p in naming_both & comparing)
    values: dict[str, list[list[str]]] = defaultdict(list)
    for i, nodes in enumerate(sides):
        data = [G.nodes[n] for n in nodes]
        working = _papers_with(G, nodes, [Role.PROPOSES.value, Role.USES.value])
        values["name"].append(_sorted(d.get("name") for d in data))
        values["type"].append(_sorted(d.get("type") for d in data))
        values["aliases"].append(_sorted(a for d in data for a in d.get("aliases") or []))
        values["proposed_in"].append(
            _sorted(_paper_id(p) for p in _papers_with(G, nodes, [Role.PROPOSES.value]))
        )
        values["used_in"].append(
            _sorted(_paper_id(p) for p in _papers_with(G, nodes, [Role.USES.value]))
        )
        values["runs_on"].append(_hardware(G, working))
        values["evaluated_on"].append(_evaluated_on(G, working))
        values["compared_in"].append(compared)
        values["shared_neighbours"].append(shared)
        values["distinct_neighbours"].append(
            _sorted(_name(G, n) for n in neighbours[i] - neighbours[1 - i])
        )
    return [{"aspect": aspect, "a": ab[0], "b": ab[1]} for aspect, ab in values.items()]


def entity(G: nx.MultiDiGraph, name: str) -> list[Row]:
    """Everything about one entity: one row per edge touching it."""
    rows = []
    for node in resolve(G, name):
        data = G.nodes[node]
        base = {
            "entity": _name(G, node),
            "type": data.get("type"),
            "support": data.get("support"),
            "aliases": _sorted(data.get("aliases") or []),
        }
        edges = [("in", u, e) for u, _, e in G.in_edges(node, data=True)]
        edges += [("out", v, e) for _, v, e in G.out_edges(node, data=True)]
        for direction, other, edge in edges:
            fact = str(edge.get("type"))
            if _is_paper(G, other):
                other_name = paper = _paper_id(other)
            else:
                other_name, paper = _name(G, other), edge.get("paper") or ""
            rows.append(
                {
                    **base,
                    "fact": fact,
                    "direction": direction,
                    "other": other_name,
                    "paper": paper,
                    "sentence": edge.get("sentence") or "",
                    "rule": edge.get("rule") or "",
                    "confidence": _round(edge.get("confidence")),
                }
            )
    return _ordered(rows, ("fact", "direction", "other", "paper"))


def papers_using(G: nx.MultiDiGraph, name: str) -> list[Row]:
    """Papers that use, run on or evaluate on an entity."""
    rows = {
        (_paper_id(paper), role, data.get("count") if role == Role.RUNS_ON.value else None): paper
        for node in resolve(G, name)
        for paper, role, data in _role_edges(G, node)
        if role in _USING_ROLES
    }
    ordered = sorted(rows, key=lambda k: (k[0], k[1], k[2] is None, k[2] or 0))
    return [
        {
            "paper": pid,
            "title": G.nodes[rows[(pid, role, count)]].get("title"),
            "role": role,
            "count": count,
        }
        for pid, role, count in ordered
    ]


def hardware_scale(G: nx.MultiDiGraph, limit: int = 20) -> list[Row]:
    """Papers by the largest device count they run on."""
    _check_limit(limit)
    rows: list[Row] = []
    for paper, data in G.nodes(data=True):
        if data.get("type") != PAPER:
            continue
        runs = [
            (int(e["count"]), _name(G, hw))
            for _, hw, e in G.out_edges(paper, data=True)
            if e.get("type") == Role.RUNS_ON.value and e.get("count") is not None
        ]
        if not runs:
            continue
        count = max(c for c, _ in runs)
        proposes = _sorted(
            _name(G, e)
            for _, e, d in G.out_edges(paper, data=True)
            if d.get("type") == Role.PROPOSES.value
        )
        rows.append(
            {
                "paper": _paper_id(paper),
                "title": data.get("title"),
                "hardware": min(n for c, n in runs if c == count),
                "count": count,
                "proposes": proposes,
            }
        )
    rows.sort(key=lambda r: (-r["count"], r["paper"]))
    return rows[:limit]


def top(G: nx.MultiDiGraph, type: str = "", limit: int = 10) -> list[Row]:
    """Most supported entities per type (all types when ``type`` is empty)."""
    _check_limit(limit)
    by_type: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for node in _entities(G):
        data = G.nodes[node]
        etype = str(data.get("type"))
        if type and etype.lower() != type.lower():
            continue
        by_type[etype].append((int(data.get("support") or 0), _name(G, node)))
    rows = []
    for etype in sorted(by_type):
        ranked = sorted(by_type[etype], key=lambda sn: (-sn[0], sn[1]))[:limit]
        rows += [{"type": etype, "name": name, "support": s} for s, name in ranked]
    return rows


def related(G: nx.MultiDiGraph, name: str, limit: int = 10) -> list[Row]:
    """Entities most often co-occurring (in the same paper) with one entity."""
    _check_limit(limit)
    found = _neighbours(G, set(resolve(G, name)))
    rows: list[Row] = [
        {"name": _name(G, n), "type": G.nodes[n].get("type"), "papers": len(papers)}
        for n, papers in found.items()
    ]
    rows.sort(key=lambda r: (-r["papers"], r["name"], str(r["type"])))
    return rows[:limit]


def _ordered(rows: list[Row], first: tuple[str, ...]) -> list[Row]:
    """Sort by the ``first`` columns, then the remaining columns left to right; nulls last."""
    if not rows:
        return rows
    order = [*first, *(c for c in rows[0] if c not in first)]
    return sorted(
        rows, key=lambda r: tuple((r[c] is None, 0 if r[c] is None else r[c]) for c in order)
    )


def _check_limit(limit: int) -> None:
    if limit < 0:
        raise QueryError(f"limit must be 0 or more, got {limit}")


#: canned query name -> embedded implementation
QUERIES: dict[str, Callable[..., list[Row]]] = {
    "lineage": lineage,
    "compare": compare,
    "entity": entity,
    "papers-using": papers_using,
    "hardware-scale": hardware_scale,
    "top": top,
    "related": related,
}


def run_embedded(G: nx.MultiDiGraph, name: str, params: dict[str, Any] | None = None) -> list[Row]:
    """Run canned query ``name`` on the networkx graph ``G`` with typed ``params``.

    Missing parameters take the function's defaults; a missing required one or an
    unknown one raises :class:`~kg.errors.QueryError`.
    """
    func = QUERIES.get(name)
    if func is None:
        raise QueryError(f"unknown query {name!r}; known queries: {', '.join(sorted(QUERIES))}")
    params = dict(params or {})
    declared = list(inspect.signature(func).parameters.values())[1:]
    unknown = sorted(set(params) - {p.name for p in declared})
    if unknown:
        raise QueryError(
            f"query {name!r} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(p.name for p in declared)}"
        )
    for p in declared:
        if p.name not in params and p.default is inspect.Parameter.empty:
            raise QueryError(f"query {name!r} needs --param {p.name}=...")
    return func(G, **params)
