# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""The embedded graph: resolved extractions as one ``networkx.MultiDiGraph``.

The schema (node ids, attributes, edge types and keys) is ``docs/graph-model.md``;
the Neo4j loader, the embedded queries and the RDF export all read what
:func:`write_graph` writes, through :func:`read_graph`.

>>> from kg.models import Evidence, ExtractedEntity, Paper, PaperExtraction
>>> paper = Paper(id="2101.00001", title="ZeRO-X: more", abstract="We propose ZeRO-X.")
>>> ent = ExtractedEntity(name="ZeRO-X", type="Method", roles=["proposes"])
>>> G = build_graph([PaperExtraction(paper, [ent])])
>>> sorted(G.nodes), list(G.edges(keys=True))
(['entity/zero-x', 'paper/2101.00001'], [('paper/2101.00001', 'entity/zero-x', 'proposes')])
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from kg import __version__
from kg.errors import GraphError
from kg.lineage import DERIVATION_RULE, derive_lineage
from kg.models import Evidence, ExtractedEntity, Paper, PaperExtraction
from kg.ontology import PAPER, EntityType, Relation, Role
from kg.resolve import Resolution, resolve
from kg.vocab import VocabConcept

__all__ = [
    "build_graph",
    "write_graph",
    "read_graph",
    "paper_node_id",
    "GRAPH_JSON",
    "GRAPH_GRAPHML",
    "DERIVED_KEY",
    "derived_edge_attrs",
]

log = logging.getLogger(__name__)

GRAPH_JSON = "graph.json"
GRAPH_GRAPHML = "graph.graphml"
PAPER_PREFIX = "paper/"
#: Edge key of lineage derived from names (no paper states it).
DERIVED_KEY = f"{Relation.EXTENDS.value}|derived"
_ROLES = frozenset(r.value for r in Role)
_TYPES = frozenset(t.value for t in EntityType)
_RELATIONS = frozenset(r.value for r in Relation)


def paper_node_id(paper_id: str) -> str:
    """The node id of a paper: ``paper/<Paper.id>``."""
    return PAPER_PREFIX + paper_id


def _paper_attrs(p: Paper) -> dict[str, Any]:
    return {
        "name": p.title,
        "type": PAPER,
        "aliases": [],
        "title": p.title,
        "abstract": p.abstract,
        "arxiv_id": p.arxiv_id,
        "published": p.published,
        "url": p.url,
        "authors": list(p.authors),
        "categories": list(p.categories),
        "source": p.source or None,
    }


def _provenance(paper_id: str | None, ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {
            "paper": paper_id,
            "sentence": "",
            "start": 0,
            "end": 0,
            "rule": "",
            "confidence": 0.5,
        }
    return {
        "paper": paper_id,
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "rule": ev.rule,
        "confidence": round(ev.confidence, 4),
    }


def _clean(extractions: Iterable[PaperExtraction]) -> list[PaperExtraction]:
    """One extraction per paper id (the first wins), entities of ontology types only."""
    seen: dict[str, PaperExtraction] = {}
    for ex in extractions:
        pid = ex.paper.id
        if pid in seen:
            log.info("paper %s extracted twice (%s); keeping the first", pid, ex.paper.source)
            continue
        bad = [e for e in ex.entities if e.type not in _TYPES]
        for e in bad:
            log.warning("paper %s: entity %r has unknown type %r; left out", pid, e.name, e.type)
        if bad:
            ex = PaperExtraction(
                ex.paper, [e for e in ex.entities if e.type in _TYPES], ex.relations
            )
        seen[pid] = ex
    return list(seen.values())


def build_graph(
    extractions: Iterable[PaperExtraction],
    *,
    inputs: Sequence[str | Path] = (),
    vocabulary: Iterable[VocabConcept] = (),
) -> nx.MultiDiGraph:
    """Resolve per-paper extractions into the graph of ``docs/graph-model.md``.

    Args:
        extractions: one extraction per paper.
        inputs: the input paths, recorded in ``G.graph["inputs"]``.
        vocabulary: known concepts, for entity resolution and node ids.

    Returns:
        Paper and entity nodes; role edges (paper → entity, keyed by role), stated
        relations (keyed ``<type>|<paper id>``) and derived lineage (``extends|derived``).
    """
    exs = sorted(_clean(extractions), key=lambda e: e.paper.id)
    res = resolve(exs, vocabulary)
    G: nx.MultiDiGraph = nx.MultiDiGraph()
    G.graph.update(
        kg_version=__version__,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        inputs=[str(p) for p in inputs],
        papers=len(exs),
    )
    for resolved in sorted(res.entities.values(), key=lambda e: e.id):
        G.add_node(resolved.id, **resolved.node_attrs())
    for ex in exs:
        G.add_node(paper_node_id(ex.paper.id), **_paper_attrs(ex.paper))
        for ent in ex.entities:
            _add_roles(G, res, ex.paper.id, ent)
    stated = [_add_relations(G, res, ex) for ex in exs]
    lowest = min((c for cs in stated for c in cs), default=None)
    for link in derive_lineage(res.entities.values(), ceiling=lowest):
        G.add_edge(link.head, link.tail, key=DERIVED_KEY, **derived_edge_attrs(link.confidence))
    return G


def derived_edge_attrs(confidence: float) -> dict[str, Any]:
    """The attributes of an ``extends`` edge read off the names (no paper states it)."""
    return {
        "type": Relation.EXTENDS.value,
        **_provenance(None, None),
        "rule": DERIVATION_RULE,
        "confidence": confidence,
    }


def _add_roles(G: nx.MultiDiGraph, res: Resolution, paper_id: str, ent: ExtractedEntity) -> None:
    node = res.lookup(paper_id, ent.name)
    if node is None:  # cannot happen: every mention is indexed
        raise AssertionError(f"unresolved entity {ent.name!r} of paper {paper_id}")
    src = paper_node_id(paper_id)
    for role in dict.fromkeys(ent.roles):
        if role not in _ROLES:
            log.warning("paper %s: unknown role %r of %s ignored", paper_id, role, ent.name)
            continue
        attrs = _provenance(paper_id, ent.evidence.get(role))
        attrs["count"] = ent.count if role == Role.RUNS_ON.value else None
        old = G.get_edge_data(src, node, key=role)
        if old is not None:  # two of the paper's names are one entity: one edge per role
            if old["confidence"] >= attrs["confidence"]:
                attrs = {**old}
            counts = [
                c
                for c in (old.get("count"), ent.count if role == Role.RUNS_ON.value else None)
                if c
            ]
            attrs["count"] = max(counts) if counts else None
        G.add_edge(
            src, node, key=role, type=role, **{k: v for k, v in attrs.items() if k != "type"}
        )


def _add_relations(G: nx.MultiDiGraph, res: Resolution, ex: PaperExtraction) -> list[float]:
    confidences = []
    pid = ex.paper.id
    for rel in ex.relations:
        if rel.type not in _RELATIONS:
            log.warning("paper %s: unknown relation %r ignored", pid, rel.type)
            continue
        head, tail = res.lookup(pid, rel.head), res.lookup(pid, rel.tail)
        if head is None or tail is None or head == tail:
            log.debug(
                "paper %s: relation %s %s %s not between two entities",
                pid,
                rel.head,
                rel.type,
                rel.tail,
            )
            continue
        key = f"{rel.type}|{pid}"
        attrs = _provenance(pid, rel.evidence)
        old = G.get_edge_data(head, tail, key=key)
        if old is not None and old["confidence"] >= attrs["confidence"]:
            continue
        G.add_edge(head, tail, key=key, type=rel.type, **attrs)
        confidences.append(attrs["confidence"])
    return confidences


# -- files ---------------------------------------------------------------------------


def write_graph(G: nx.MultiDiGraph, directory: str | Path) -> tuple[Path, Path]:
    """Write ``graph.json`` (node-link) and ``graph.graphml`` into ``directory``.

    GraphML has no lists and no nulls: list values are JSON-encoded strings and
    ``None`` values are left out.

    Returns:
        The two paths written.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    json_path, graphml_path = out / GRAPH_JSON, out / GRAPH_GRAPHML
    data = nx.node_link_data(G, edges="edges")
    tmp = json_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(json_path)
    _write_graphml(G, graphml_path)
    return json_path, graphml_path


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_value(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple | dict) else v


def _graphml_type(values: set[type]) -> str:
    if values == {bool}:
        return "boolean"
    if values == {int}:
        return "long"
    if values <= {int, float}:
        return "double"
    return "string"


def _xml_text(v: Any, gtype: str) -> str:
    if gtype == "boolean":
        return "true" if v else "false"
    if gtype != "string":
        return str(v)
    text = v if isinstance(v, str) else str(_graphml_value(v))
    return escape(_XML_INVALID.sub("", text)) if text else text


def _write_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    """Stream ``G`` as GraphML (networkx's writer builds the whole XML tree in memory).

    Lists are JSON-encoded strings, ``None`` values are left out, edge keys are edge ids
    (``nx.read_graphml(path, force_multigraph=True)`` reads them back as keys).
    """
    seen: dict[tuple[str, str], set[type]] = {}

    def scan(domain: str, attrs: dict[str, Any]) -> None:
        for k, v in attrs.items():
            if v is not None:
                seen.setdefault((domain, k), set()).add(
                    str if isinstance(v, list | tuple | dict) else type(v)
                )

    scan("graph", G.graph)
    for _, d in G.nodes(data=True):
        scan("node", d)
    for *_, d in G.edges(data=True):
        scan("edge", d)
    ids = {
        dk: (f"d{i}", _graphml_type(types))
        for i, (dk, types) in enumerate(sorted(seen.items(), key=lambda kv: kv[0]))
    }

    def data(domain: str, attrs: dict[str, Any]) -> str:
        out = []
        for k, v in attrs.items():
            if v is not None:
                kid, gtype = ids[(domain, k)]
                out.append(f'<data key="{kid}">{_xml_text(v, gtype)}</data>')
        return "".join(out)

    tmp = path.with_suffix(".graphml.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(_GRAPHML_HEAD)
        for (domain, name), (kid, gtype) in ids.items():
            attr = f"attr.name={quoteattr(name)} attr.type={quoteattr(gtype)}"
            f.write(f'<key id="{kid}" for="{domain}" {attr}/>\n')
        f.write(f'<graph edgedefault="directed">{data("graph", G.graph)}\n')
        for n, d in G.nodes(data=True):
            f.write(
                f"<node id={quoteattr(_XML_INVALID.sub('', str(n)))}>{data('node', d)}</node>\n"
            )
        for u, v, k, d in G.edges(keys=True, data=True):
            f.write(f"<edge source={quoteattr(u)} target={quoteattr(v)} id={quoteattr(str(k))}>")
            f.write(f"{data('edge', d)}</edge>\n")
        f.write("</graph>\n</graphml>\n")
    tmp.replace(path)


def read_graph(directory: str | Path) -> nx.MultiDiGraph:
    """Read the graph ``kg build`` wrote into ``directory``.

    Raises:
        GraphError: when ``directory`` holds no graph, or an unreadable one.
    """
    path = Path(directory) / GRAPH_JSON
    if not path.is_file():
        raise GraphError(f"no graph in {directory}: run `kg build INPUT...` first")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
        return cast(nx.MultiDiGraph, G)  # directed=True, multigraph=True
    except (ValueError, KeyError, TypeError) as exc:
        raise GraphError(f"{path}: not a kg graph ({exc}); run `kg build INPUT...` again") from exc
