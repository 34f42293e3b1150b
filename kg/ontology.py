"""The ontology in code: the closed set of types and relations, from ``ontology/kg.ttl``.

``kg.ttl`` is the single source of truth. This module exposes its terms three ways:

* enums whose values are the names the annotation guideline and the JSON output use
  (``EntityType``, ``Role``, ``Relation``, plus ``PAPER``); a test checks them against
  ``kg.ttl``;
* :func:`load_ontology`, which reads ``kg.ttl`` with rdflib and *generates* every
  term's IRI, Neo4j name (labels are class local names, relationship types the
  UPPER_SNAKE of the property's local name), label and definition;
* ``KG``, an rdflib ``DefinedNamespace`` of every ``kg:`` term (checked by a test).

No other module spells a type or relation name as a string literal: use these.

>>> Role.EVALUATES_ON.value
'evaluates_on'
>>> EntityType("Hardware") is EntityType.HARDWARE
True
>>> neo4j_rel_type(Role.EVALUATES_ON)
'EVALUATES_ON'
>>> str(iri(Relation.IMPLEMENTED_IN))
'https://w3id.org/kg/ontology#implementedIn'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.errors import OntologyError
from kg.resources import ontology_dir

__all__ = [
    "EntityType",
    "Role",
    "Relation",
    "PAPER",
    "KG_NS",
    "KGV_NS",
    "DEFAULT_BASE_IRI",
    "KG",
    "TermKind",
    "Term",
    "Ontology",
    "default_ontology_file",
    "load_ontology",
    "neo4j_label",
    "neo4j_rel_type",
    "iri",
]

#: The ontology namespace (``kg:``).
KG_NS = "https://w3id.org/kg/ontology#"
#: The namespace of the vocabulary concepts (``kgv:``, ``ontology/vocab/``).
KGV_NS = "https://w3id.org/kg/vocab/"
#: Where instances live unless ``KG_BASE_IRI`` or an option says otherwise.
DEFAULT_BASE_IRI = "https://w3id.org/kg/resource/"

#: The class of papers (a Neo4j label, an RDF class, a graph node ``type``).
PAPER = "Paper"


class EntityType(StrEnum):
    """Entity classes (subclasses of ``kg:Entity``); values are class local names."""

    METHOD = "Method"
    SYSTEM = "System"
    HARDWARE = "Hardware"
    DATASET = "Dataset"
    MODEL = "Model"


class Role(StrEnum):
    """What a paper does with an entity (paper → entity properties)."""

    PROPOSES = "proposes"
    USES = "uses"
    EVALUATES_ON = "evaluates_on"
    RUNS_ON = "runs_on"
    COMPARES_WITH = "compares_with"
    MENTIONS = "mentions"


class Relation(StrEnum):
    """Entity → entity relations."""

    EXTENDS = "extends"
    IMPLEMENTED_IN = "implemented_in"
    IS_A = "is_a"


class KG(DefinedNamespace):
    """Every term of ``ontology/kg.ttl`` (a test checks this list against the file)."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Paper: URIRef
    Entity: URIRef
    Method: URIRef
    System: URIRef
    Hardware: URIRef
    Dataset: URIRef
    Model: URIRef
    Assertion: URIRef
    # paper -> entity roles
    involves: URIRef
    proposes: URIRef
    uses: URIRef
    evaluatesOn: URIRef  # noqa: N815 (RDF local name)
    runsOn: URIRef  # noqa: N815 (RDF local name)
    comparesWith: URIRef  # noqa: N815 (RDF local name)
    mentions: URIRef
    # entity -> entity relations
    relatedTo: URIRef  # noqa: N815 (RDF local name)
    extends: URIRef
    implementedIn: URIRef  # noqa: N815 (RDF local name)
    isA: URIRef  # noqa: N815 (RDF local name)
    # links
    vocabConcept: URIRef  # noqa: N815 (RDF local name)
    altType: URIRef  # noqa: N815 (RDF local name)
    # data properties
    title: URIRef
    abstract: URIRef
    arxivId: URIRef  # noqa: N815 (RDF local name)
    publicationDate: URIRef  # noqa: N815 (RDF local name)
    author: URIRef
    category: URIRef
    url: URIRef
    source: URIRef
    name: URIRef
    alias: URIRef
    specific: URIRef
    support: URIRef
    parameters: URIRef
    confidence: URIRef
    # provenance (qualified assertions)
    assertionSubject: URIRef  # noqa: N815 (RDF local name)
    assertionProperty: URIRef  # noqa: N815 (RDF local name)
    assertionObject: URIRef  # noqa: N815 (RDF local name)
    statedIn: URIRef  # noqa: N815 (RDF local name)
    evidenceSentence: URIRef  # noqa: N815 (RDF local name)
    startOffset: URIRef  # noqa: N815 (RDF local name)
    endOffset: URIRef  # noqa: N815 (RDF local name)
    extractionRule: URIRef  # noqa: N815 (RDF local name)
    count: URIRef
    # annotation properties
    jsonName: URIRef  # noqa: N815 (RDF local name)
    defaultBaseIRI: URIRef  # noqa: N815 (RDF local name)
    entityType: URIRef  # noqa: N815 (RDF local name)


class TermKind(StrEnum):
    """What part of the model a term is."""

    CLASS = "class"
    ROLE = "role"
    RELATION = "relation"
    PROVENANCE = "provenance"
    DATA = "data"
    LINK = "link"
    ANNOTATION = "annotation"


@dataclass(frozen=True, slots=True)
class Term:
    """One ontology term with every name the layers of kg use for it.

    ``name`` is the guideline / JSON / networkx name (``evaluates_on``, ``Method``,
    ``arxiv_id``); ``neo4j`` the Neo4j label (classes), relationship type (object
    properties) or property key (data properties).
    """

    name: str
    local_name: str
    iri: URIRef
    kind: TermKind
    neo4j: str
    label: str
    definition: str
    domain: URIRef | None = None
    range: URIRef | None = None
    parents: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Ontology:
    """The terms of one ``kg.ttl``, grouped by kind, plus the instance base IRI."""

    path: Path
    base_iri: str
    terms: dict[str, Term] = field(repr=False)

    def _kind(self, *kinds: TermKind) -> dict[str, Term]:
        return {n: t for n, t in self.terms.items() if t.kind in kinds}

    @property
    def classes(self) -> dict[str, Term]:
        """Every class: ``Paper``, ``Entity``, the entity classes, ``Assertion``."""
        return self._kind(TermKind.CLASS)

    @property
    def entity_classes(self) -> dict[str, Term]:
        """The direct subclasses of ``kg:Entity`` (``Method`` … ``Model``)."""
        entity = URIRef(KG_NS + "Entity")
        return {n: t for n, t in self.classes.items() if entity in t.parents}

    @property
    def roles(self) -> dict[str, Term]:
        """Paper → entity properties (direct sub-properties of ``kg:involves``)."""
        return self._kind(TermKind.ROLE)

    @property
    def relations(self) -> dict[str, Term]:
        """Entity → entity properties (direct sub-properties of ``kg:relatedTo``)."""
        return self._kind(TermKind.RELATION)

    @property
    def data_properties(self) -> dict[str, Term]:
        """Datatype properties of papers and entities (not of assertions)."""
        return self._kind(TermKind.DATA)

    @property
    def provenance_properties(self) -> dict[str, Term]:
        """Properties of ``kg:Assertion`` nodes (the provenance of a fact)."""
        return self._kind(TermKind.PROVENANCE)

    @property
    def neo4j_labels(self) -> dict[str, str]:
        """Node type name → Neo4j label, for ``Paper`` and the entity classes."""
        names = [PAPER, *self.entity_classes]
        return {n: self.terms[n].neo4j for n in names if n in self.terms}

    @property
    def neo4j_relationship_types(self) -> dict[str, str]:
        """Role and relation name → Neo4j relationship type (``runs_on`` → ``RUNS_ON``)."""
        return {n: t.neo4j for n, t in self._kind(TermKind.ROLE, TermKind.RELATION).items()}

    @property
    def rdf_terms(self) -> dict[str, URIRef]:
        """Every term name → its IRI."""
        return {n: t.iri for n, t in self.terms.items()}

    def term(self, name: str) -> Term:
        """The term called ``name`` (a guideline/JSON name or an ontology local name)."""
        found = self.terms.get(str(name))
        if found is None:
            found = next((t for t in self.terms.values() if t.local_name == str(name)), None)
        if found is None:
            raise OntologyError(f"{self.path}: no ontology term named {name!r}")
        return found

    def iri(self, name: str) -> URIRef:
        """The IRI of the term called ``name``."""
        return self.term(name).iri

    def neo4j_label(self, name: str) -> str:
        """The Neo4j label of a class (``Method`` → ``Method``)."""
        term = self.term(name)
        if term.kind is not TermKind.CLASS:
            raise OntologyError(f"{name!r} is a {term.kind}, not a class: it has no Neo4j label")
        return term.neo4j

    def neo4j_rel_type(self, name: str) -> str:
        """The Neo4j relationship type of a role or relation (``is_a`` → ``IS_A``)."""
        term = self.term(name)
        if term.kind not in (TermKind.ROLE, TermKind.RELATION, TermKind.LINK):
            raise OntologyError(f"{name!r} is a {term.kind}, not a relationship type")
        return term.neo4j

    def paper_iri(self, paper_id: str) -> URIRef:
        """``<base>paper/<id>``."""
        return URIRef(f"{self.base_iri}paper/{paper_id}")

    def entity_iri(self, slug: str) -> URIRef:
        """``<base>entity/<slug>``."""
        return URIRef(f"{self.base_iri}entity/{slug}")

    def assertion_iri(self, digest: str) -> URIRef:
        """``<base>assertion/<hash>``."""
        return URIRef(f"{self.base_iri}assertion/{digest}")


def default_ontology_file() -> Path:
    """The shipped ``ontology/kg.ttl``."""
    return ontology_dir() / "kg.ttl"


def load_ontology(path: Path | str | None = None, base_iri: str | None = None) -> Ontology:
    """Read ``kg.ttl`` (the shipped one by default) into an :class:`Ontology`.

    Results are cached per file (path and modification time) and base IRI.

    Args:
        path: an ontology file in the ``kg.ttl`` conventions.
        base_iri: instance base IRI; default ``$KG_BASE_IRI``, else the ontology's
            ``kg:defaultBaseIRI``, else ``https://w3id.org/kg/resource/``; a ``/``
            is appended unless it ends with ``/``, ``#`` or ``:``.

    Raises:
        OntologyError: the file is missing, not Turtle, or breaks the conventions.
    """
    file = Path(path) if path is not None else default_ontology_file()
    try:
        mtime = file.stat().st_mtime_ns
    except OSError as exc:
        raise OntologyError(f"{file}: ontology file not found ({exc.strerror})") from exc
    base = base_iri or os.environ.get("KG_BASE_IRI") or None
    return _load(str(file.resolve()), mtime, base)


@lru_cache(maxsize=16)
def _load(path: str, mtime: int, base_iri: str | None) -> Ontology:
    file = Path(path)
    graph = Graph()
    try:
        graph.parse(file, format="turtle")
    except Exception as exc:  # rdflib raises several types; all mean a bad file
        raise OntologyError(f"{file}: not valid Turtle: {exc}") from exc
    terms: dict[str, Term] = {}
    for subject in sorted(_declared_terms(graph)):
        term = _make_term(graph, subject, file)
        if term.name in terms:
            raise OntologyError(
                f"{file}: terms <{terms[term.name].iri}> and <{term.iri}> share the name "
                f"{term.name!r}; give one a distinct kg:jsonName"
            )
        terms[term.name] = term
    ontology_base = next(
        (str(o) for o in graph.objects(None, URIRef(KG_NS + "defaultBaseIRI"))), None
    )
    base = base_iri or ontology_base or DEFAULT_BASE_IRI
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", base):
        raise OntologyError(f"base IRI {base!r} must be absolute, e.g. https://example.org/kg/")
    if not base.endswith(("/", "#", ":")):
        base += "/"
    return Ontology(path=file, base_iri=base, terms=terms)


_DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _declared_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for kind in _DECLARATIONS
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def _snake(local: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", local).lower()


def _make_term(graph: Graph, subject: URIRef, file: Path) -> Term:
    local = str(subject)[len(KG_NS) :]
    types = set(graph.objects(subject, RDF.type))
    label = graph.value(subject, RDFS.label)
    definition = graph.value(subject, RDFS.comment) or graph.value(subject, SKOS.definition)
    if not isinstance(label, Literal) or not isinstance(definition, Literal):
        raise OntologyError(f"{file}: kg:{local} needs an rdfs:label and an rdfs:comment")
    json_name = graph.value(subject, URIRef(KG_NS + "jsonName"))
    domain = graph.value(subject, RDFS.domain)
    parents: tuple[URIRef, ...]
    if OWL.Class in types:
        kind = TermKind.CLASS
        parents = tuple(
            sorted(o for o in graph.objects(subject, RDFS.subClassOf) if isinstance(o, URIRef))
        )
        name = local
        neo4j = local
    else:
        parents = tuple(
            sorted(o for o in graph.objects(subject, RDFS.subPropertyOf) if isinstance(o, URIRef))
        )
        name = str(json_name) if json_name is not None else _snake(local)
        if URIRef(KG_NS + "involves") in parents:
            kind = TermKind.ROLE
        elif URIRef(KG_NS + "relatedTo") in parents:
            kind = TermKind.RELATION
        elif domain == URIRef(KG_NS + "Assertion"):
            kind = TermKind.PROVENANCE
        elif OWL.DatatypeProperty in types:
            kind = TermKind.DATA
        elif OWL.ObjectProperty in types:
            kind = TermKind.LINK
        else:
            kind = TermKind.ANNOTATION
        is_relationship = kind in (TermKind.ROLE, TermKind.RELATION, TermKind.LINK)
        neo4j = _snake(local).upper() if is_relationship else name
    rng = graph.value(subject, RDFS.range)
    return Term(
        name=name,
        local_name=local,
        iri=subject,
        kind=kind,
        neo4j=neo4j,
        label=str(label),
        definition=str(definition),
        domain=domain if isinstance(domain, URIRef) else None,
        range=rng if isinstance(rng, URIRef) else None,
        parents=parents,
    )


def neo4j_label(name: str) -> str:
    """The Neo4j label of a class in the shipped ontology (``Hardware`` → ``Hardware``)."""
    return load_ontology().neo4j_label(name)


def neo4j_rel_type(name: str) -> str:
    """The Neo4j relationship type of a role or relation (``runs_on`` → ``RUNS_ON``)."""
    return load_ontology().neo4j_rel_type(name)


def iri(name: str) -> URIRef:
    """The IRI of a term of the shipped ontology (``evaluates_on`` → ``kg:evaluatesOn``)."""
    return load_ontology().iri(name)
