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
from collections.abc import Callable, Iterable, Iterator
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

__all__ = [
    "Triple",
    "Stats",
    "iter_node_triples",
    "iter_triples",
    "void_triples",
    "DEFAULT_LICENSE",
]

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
_TITLE = kg_term("title")
_ABSTRACT = kg_term("abstract")
_ARXIV = kg_term("arxivId")
_PUBLISHED = kg_term("publicationDate")
_AUTHOR = kg_term("author")
_CATEGORY = kg_term("category")
_URL = kg_term("url")
_SOURCE = kg_term("source")
_NAME = kg_term("name")
_ALIAS = kg_term("alias")
_ALT_TYPE = kg_term("altType")
_SPECIFIC = kg_term("specific")
_SUPPORT = kg_term("support")
_VOCAB = kg_term("vocabConcept")
_PARAMETERS = kg_term("parameters")
#: graph edge type -> the ontology property of the fact
_FACT_PROPERTIES = {
    **{r.value: role_property(r.value) for r in Role},
    **{r.value: relation_property(r.value) for r in Relation},
}


@dataclass
class Stats:
    """Counts of what was written, for the VoID description."""

    triples: int = 0
    classes: set[str] = field(default_factory=set)
    properties: set[str] = field(default_factory=set)
    entities: int = 0


def _int(value: Any) -> Lit:
    return (str(int(value)), _T_INT)


def _decimal(value: Any) -> Lit:
    text = repr(round(float(value), 4))
    return (text if "e" not in text else f"{float(text):.4f}", _T_DEC)


def _paper_id(node: str) -> str:
    return node.split("/", 1)[1] if "/" in node else node


def _paper_triples(out: list[Triple], s: str, node: str, data: dict[str, Any]) -> None:
    add = out.append
    title = str(data.get("title") or data.get("name") or "")
    add((s, _IDENT, (_paper_id(node), None)))
    add((s, _TITLE, (title, None)))
    add((s, _LABEL, (title, None)))
    if data.get("abstract"):
        add((s, _ABSTRACT, (str(data["abstract"]), None)))
    if data.get("arxiv_id"):
        add((s, _ARXIV, (str(data["arxiv_id"]), None)))
    published = data.get("published")
    if published and _DATE.match(str(published)):
        add((s, _PUBLISHED, (str(published), _T_DATE)))
    for author in data.get("authors") or ():
        add((s, _AUTHOR, (str(author), None)))
    for category in data.get("categories") or ():
        add((s, _CATEGORY, (str(category), None)))
    if data.get("url"):
        add((s, _URL, (str(data["url"]), _T_URI)))
    if data.get("source"):
        add((s, _SOURCE, (str(data["source"]), None)))


def _entity_triples(out: list[Triple], s: str, data: dict[str, Any]) -> None:
    add = out.append
    name = (str(data.get("name") or ""), None)
    add((s, _NAME, name))
    add((s, _PREF, name))
    add((s, _LABEL, name))
    for alias in data.get("aliases") or ():
        add((s, _ALIAS, (str(alias), None)))
        add((s, _ALT, (str(alias), None)))
    for alt in data.get("alt_types") or ():
        add((s, _ALT_TYPE, class_iri(str(alt))))
    if data.get("specific") is not None:
        add((s, _SPECIFIC, ("true" if data["specific"] else "false", _T_BOOL)))
    if data.get("support") is not None:
        add((s, _SUPPORT, _int(data["support"])))
    if data.get("confidence") is not None:
        add((s, _CONFIDENCE, _decimal(data["confidence"])))
    if data.get("vocab_id"):
        add((s, _VOCAB, safe_iri(str(data["vocab_id"]))))
    if data.get("parameters") is not None:
        add((s, _PARAMETERS, _int(data["parameters"])))


def _assertion(
    out: list[Triple],
    base: str,
    s: str,
    p: str,
    o: str,
    edge: dict[str, Any],
    paper_iri: str | None,
) -> None:
    a = assertion_iri(base, s, p, o, paper_iri)
    get = edge.get
    sentence, rule, confidence, count = (
        get("sentence"),
        get("rule"),
        get("confidence"),
        get("count"),
    )
    out += ((a, RDF_TYPE, _ASSERTION), (a, _A_SUBJ, s), (a, _A_PROP, p), (a, _A_OBJ, o))
    if paper_iri:
        out.append((a, _STATED_IN, paper_iri))
    if sentence:
        out += (
            (a, _SENTENCE, (str(sentence), None)),
            (a, _START, (str(int(get("start") or 0)), _T_INT)),
            (a, _END, (str(int(get("end") or 0)), _T_INT)),
        )
    if rule:
        out.append((a, _RULE, (str(rule), None)))
    if confidence is not None:
        out.append((a, _CONFIDENCE, _decimal(confidence)))
    if count is not None:
        out.append((a, _COUNT, (str(int(count)), _T_INT)))


def iter_node_triples(
    G: nx.MultiDiGraph, base: str, stats: Stats | None = None
) -> Iterator[list[Triple]]:
    """Yield the triples of ``G`` node by node: a node, its out-edges and their assertions.

    Args:
        G: the graph of ``kg build`` (``docs/graph-model.md``).
        base: the base IRI (see :func:`kg.rdf.terms.base_iri`).
        stats: filled with class and entity counts when given.

    Yields:
        Lists of ``(subject, predicate, object)``; IRIs are ``str``, literals
        ``(lexical form, datatype IRI or None)`` tuples (:data:`kg.rdf.terms.Lit`).
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
        out: list[Triple] = []
        s = iri(node)
        node_type = str(data.get("type") or "")
        out.append((s, RDF_TYPE, class_iri(node_type)))
        if node_type == PAPER:
            _paper_triples(out, s, node, data)
        else:
            _entity_triples(out, s, data)
        facts = 0
        for target, keyed in G.adj[node].items():
            if len(keyed) == 1:  # the common case: one edge, one fact
                (edge,) = keyed.values()
                edge_type = str(edge.get("type"))
                facts += _edge_triples(out, base, s, iri(target), edge_type, [edge], iri)
                continue
            by_type: dict[str, list[dict[str, Any]]] = {}
            for edge in keyed.values():
                by_type.setdefault(str(edge.get("type")), []).append(edge)
            for edge_type, edges in by_type.items():
                facts += _edge_triples(out, base, s, iri(target), edge_type, edges, iri)
        if stats is not None:
            stats.classes.add(class_iri(node_type))
            stats.entities += 1 + facts
            if facts:
                stats.classes.add(_ASSERTION)
        yield out


def iter_triples(G: nx.MultiDiGraph, base: str, stats: Stats | None = None) -> Iterator[Triple]:
    """Yield the RDF triples of graph ``G`` one by one (see :func:`iter_node_triples`)."""
    for block in iter_node_triples(G, base, stats):
        yield from block


def _edge_triples(
    out: list[Triple],
    base: str,
    s: str,
    o: str,
    edge_type: str,
    edges: list[dict[str, Any]],
    iri: Callable[[str], str],
) -> int:
    """Append one fact and the assertion of each edge stating it; return the assertions."""
    p = _FACT_PROPERTIES.get(edge_type)
    if p is None:
        log.warning("edge type %r is not in the ontology; left out of the export", edge_type)
        return 0
    out.append((s, p, o))
    for edge in edges:
        paper = edge.get("paper")
        _assertion(out, base, s, p, o, edge, iri(f"paper/{paper}") if paper else None)
    return len(edges)


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
    yield ds, DCTERMS + "title", ("kg: a knowledge graph of ML-systems research papers", None)
    yield ds, VOID + "triples", _int(stats.triples)
    yield ds, VOID + "entities", _int(stats.entities)
    yield ds, VOID + "classes", _int(len(stats.classes))
    yield ds, VOID + "properties", _int(len(stats.properties))
    yield ds, VOID + "uriSpace", (base, None)
    yield ds, VOID + "vocabulary", KG.rstrip("#")
    yield ds, DCTERMS + "license", safe_iri(license_iri)
    yield ds, DCTERMS + "created", (_datetime(created), _T_DATETIME)
    for path in sorted(set(inputs)):
        yield ds, DCTERMS + "source", (str(path), None)
    if version:
        yield ds, DCTERMS + "hasVersion", (version, None)


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
