# ruff: noqa: N803  (G is the networkx convention for a graph argument)
"""The graph of ``kg build`` as RDF triples, typed by the ontology, with provenance.

:func:`iter_triples` walks the networkx graph (``docs/graph-model.md``) once and yields
``(subject, predicate, object)`` terms (see :mod:`kg.rdf.terms`), never holding more
than one node's triples at a time. Every fact ``S P O`` is asserted directly and
described by a ``kg:Assertion`` (PROV-O style qualified relation, ``ontology/kg.ttl``):
subject, property, object, the paper stating it (``kg:statedIn``; absent for derived
lineage), the evidence sentence and its offsets, the extraction rule, a confidence and,
on runs-on facts, the device count.

:func:`void_triples` describes the dataset afterwards (VoID), from the counts
:class:`Stats` gathered while the triples streamed by.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from kg.ontology import PAPER, Relation, Role
from kg.rdf.terms import (
    DCTERMS,
    KG,
    RDF_TYPE,
    RDFS,
    SKOS,
    VOID,
    XSD,
    Lit,
    assertion_iri,
    class_iri,
    dataset_iri,
    kg_term,
    node_iri,
    relation_property,
    role_property,
    safe_iri,
)

__all__ = ["Triple", "Stats", "iter_triples", "void_triples", "DEFAULT_LICENSE"]

log = logging.getLogger(__name__)

Term = str | Lit
Triple = tuple[str, str, Term]

DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

_ROLES = frozenset(r.value for r in Role)
_RELATIONS = frozenset(r.value for r in Relation)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# predicates
_LABEL = RDFS + "label"
_PREF = SKOS + "prefLabel"
_ALT = SKOS + "altLabel"
_IDENT = DCTERMS + "identifier"
_T_INT = XSD + "integer"
_T_DEC = XSD + "decimal"
_T_BOOL = XSD + "boolean"
_T_DATE = XSD + "date"
_T_URI = XSD + "anyURI"
_T_DATETIME = XSD + "dateTime"
_ASSERTION = kg_term("Assertion")
_A_SUBJ = kg_term("assertionSubject")
_A_PROP = kg_term("assertionProperty")
_A_OBJ = kg_term("assertionObject")
_STATED_IN = kg_term("statedIn")
_SENTENCE = kg_term("evidenceSentence")
_START = kg_term("startOffset")
_END = kg_term("endOffset")
_RULE = kg_term("extractionRule")
_CONFIDENCE = kg_term("confidence")
_COUNT = kg_term("count")


@dataclass
class Stats:
    """Counts of what was written, for the VoID description."""

    triples: int = 0
    classes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)
    entities: int = 0


def _int(value: Any) -> Lit:
    return Lit(str(int(value)), _T_INT)


def _decimal(value: Any) -> Lit:
    text = repr(round(float(value), 4))
    return Lit(text if "e" not in text else f"{float(text):.4f}", _T_DEC)


def _paper_id(node: str) -> str:
    return node.split("/", 1)[1] if "/" in node else node


def _paper_triples(s: str, node: str, data: dict[str, Any]) -> Iterator[Triple]:
    title = str(data.get("title") or data.get("name") or "")
    yield s, _IDENT, Lit(_paper_id(node))
    yield s, kg_term("title"), Lit(title)
    yield s, _LABEL, Lit(title)
    if data.get("abstract"):
        yield s, kg_term("abstract"), Lit(str(data["abstract"]))
    if data.get("arxiv_id"):
        yield s, kg_term("arxivId"), Lit(str(data["arxiv_id"]))
    published = data.get("published")
    if published and _DATE.match(str(published)):
        yield s, kg_term("publicationDate"), Lit(str(published), _T_DATE)
    for author in data.get("authors") or ():
        yield s, kg_term("author"), Lit(str(author))
    for category in data.get("categories") or ():
        yield s, kg_term("category"), Lit(str(category))
    if data.get("url"):
        yield s, kg_term("url"), Lit(str(data["url"]), _T_URI)
    if data.get("source"):
        yield s, kg_term("source"), Lit(str(data["source"]))


def _entity_triples(s: str, data: dict[str, Any]) -> Iterator[Triple]:
    name = str(data.get("name") or "")
    yield s, kg_term("name"), Lit(name)
    yield s, _PREF, Lit(name)
    yield s, _LABEL, Lit(name)
    for alias in data.get("aliases") or ():
        yield s, kg_term("alias"), Lit(str(alias))
        yield s, _ALT, Lit(str(alias))
    for alt in data.get("alt_types") or ():
        yield s, kg_term("altType"), class_iri(str(alt))
    if data.get("specific") is not None:
        yield s, kg_term("specific"), Lit("true" if data["specific"] else "false", _T_BOOL)
    if data.get("support") is not None:
        yield s, kg_term("support"), _int(data["support"])
    if data.get("confidence") is not None:
        yield s, _CONFIDENCE, _decimal(data["confidence"])
    if data.get("vocab_id"):
        yield s, kg_term("vocabConcept"), safe_iri(str(data["vocab_id"]))
    if data.get("parameters") is not None:
        yield s, kg_term("parameters"), _int(data["parameters"])


def _assertion(base: str, s: str, p: str, o: str, edge: dict[str, Any]) -> Iterator[Triple]:
    paper = edge.get("paper")
    paper_iri = node_iri(base, f"paper/{paper}") if paper else None
    a = assertion_iri(base, s, p, o, paper_iri)
    yield a, RDF_TYPE, _ASSERTION
    yield a, _A_SUBJ, s
    yield a, _A_PROP, p
    yield a, _A_OBJ, o
    if paper_iri:
        yield a, _STATED_IN, paper_iri
    if edge.get("sentence"):
        yield a, _SENTENCE, Lit(str(edge["sentence"]))
        yield a, _START, _int(edge.get("start") or 0)
        yield a, _END, _int(edge.get("end") or 0)
    if edge.get("rule"):
        yield a, _RULE, Lit(str(edge["rule"]))
    if edge.get("confidence") is not None:
        yield a, _CONFIDENCE, _decimal(edge["confidence"])
    if edge.get("count") is not None:
        yield a, _COUNT, _int(edge["count"])


def iter_triples(G: nx.MultiDiGraph, base: str, stats: Stats | None = None) -> Iterator[Triple]:
    """Yield the RDF triples of graph ``G`` with instance IRIs under ``base``.

    Args:
        G: the graph of ``kg build`` (``docs/graph-model.md``).
        base: the base IRI (see :func:`kg.rdf.terms.base_iri`).
        stats: filled with triple, class and property counts when given.

    Yields:
        ``(subject, predicate, object)``; IRIs are ``str``, literals :class:`Lit`.
    """
    iris: dict[str, str] = {}

    def iri(node: str) -> str:
        found = iris.get(node)
        if found is None:
            if len(iris) >= 65536:  # a cache, not a copy of the graph: memory stays bounded
                iris.clear()
            found = iris[node] = node_iri(base, node)
        return found

    for node, data in G.nodes(data=True):
        s = iri(node)
        node_type = str(data.get("type") or "")
        yield s, RDF_TYPE, class_iri(node_type)
        if stats is not None:
            stats.classes.add(class_iri(node_type))
            stats.entities += 1
        if node_type == PAPER:
            yield from _paper_triples(s, node, data)
        else:
            yield from _entity_triples(s, data)
        for _, target, edges in _grouped_out_edges(G, node):
            yield from _edge_triples(base, s, iri(target), edges)
            if stats is not None:
                stats.classes.add(_ASSERTION)
                stats.entities += len(edges)


def _grouped_out_edges(
    G: nx.MultiDiGraph, node: str
) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """Out-edges of ``node`` grouped by (target, type): parallel edges are one fact."""
    for target, keyed in G.adj[node].items():
        by_type: dict[str, list[dict[str, Any]]] = {}
        for edge in keyed.values():
            by_type.setdefault(str(edge.get("type")), []).append(edge)
        for edge_type, edges in by_type.items():
            yield edge_type, target, edges


def _edge_triples(base: str, s: str, o: str, edges: list[dict[str, Any]]) -> Iterator[Triple]:
    edge_type = str(edges[0].get("type"))
    if edge_type in _ROLES:
        p = role_property(edge_type)
    elif edge_type in _RELATIONS:
        p = relation_property(edge_type)
    else:
        log.warning("edge type %r is not in the ontology; left out of the export", edge_type)
        return
    yield s, p, o
    for edge in edges:
        yield from _assertion(base, s, p, o, edge)


def void_triples(
    base: str,
    stats: Stats,
    *,
    created: str | None = None,
    inputs: Iterable[str] = (),
    license_iri: str = DEFAULT_LICENSE,
    version: str | None = None,
) -> Iterator[Triple]:
    """The VoID description of the exported dataset (counts exclude these triples)."""
    ds = dataset_iri(base)
    yield ds, RDF_TYPE, VOID + "Dataset"
    yield ds, DCTERMS + "title", Lit("kg: a knowledge graph of ML-systems research papers")
    yield ds, VOID + "triples", _int(stats.triples)
    yield ds, VOID + "entities", _int(stats.entities)
    yield ds, VOID + "classes", _int(len(stats.classes))
    yield ds, VOID + "properties", _int(len(stats.properties))
    yield ds, VOID + "uriSpace", Lit(base)
    yield ds, VOID + "vocabulary", KG.rstrip("#")
    yield ds, DCTERMS + "license", safe_iri(license_iri)
    yield ds, DCTERMS + "created", Lit(_datetime(created), _T_DATETIME)
    for path in sorted(set(inputs)):
        yield ds, DCTERMS + "source", Lit(str(path))
    if version:
        yield ds, DCTERMS + "hasVersion", Lit(version)


def _datetime(value: str | None) -> str:
    """An xsd:dateTime lexical form for ``value`` (ISO 8601), or now (UTC)."""
    if value:
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            log.warning("graph 'created' %r is not ISO 8601; using the current time", value)
        else:
            return parsed.isoformat()
    return datetime.now(UTC).replace(microsecond=0).isoformat()
