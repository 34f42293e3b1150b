"""RDF terms of the export: the ontology's namespace, standard vocabularies, IRI minting.

Instance IRIs hang off a configurable base (``--base-iri`` / ``KG_BASE_IRI``, default
``https://w3id.org/kg/resource/``). The graph's node ids already are IRI paths
(``paper/<id>``, ``entity/<slug>``, see ``docs/graph-model.md``), so the same paper and
entity get the same IRI in every run. Assertion IRIs are a hash of the fact and the
paper stating it. Characters that are not allowed in an IRI are percent-encoded.

Terms are plain strings (IRIs, without angle brackets) and :data:`Lit` tuples
(literals), so the streaming writers never pay for rdflib objects.

>>> node_iri("https://w3id.org/kg/resource/", "entity/deep speed")
'https://w3id.org/kg/resource/entity/deep%20speed'
>>> role_property("evaluates_on") == KG + "evaluatesOn"
True
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import quote

from kg.ontology import DEFAULT_BASE_IRI, KG_NS, KGV_NS
from kg.ontology import KG as _KG_TERMS

__all__ = [
    "KG",
    "kg_term",
    "KGV",
    "RDF_TYPE",
    "RDFS",
    "SKOS",
    "XSD",
    "DCTERMS",
    "VOID",
    "PREFIXES",
    "DEFAULT_BASE_IRI",
    "Lit",
    "base_iri",
    "node_iri",
    "safe_iri",
    "assertion_iri",
    "dataset_iri",
    "graph_iri",
    "camel",
    "role_property",
    "relation_property",
    "class_iri",
]

#: the ontology namespace (``ontology/kg.ttl``)
KG = KG_NS
#: the namespace of the SKOS vocabulary concepts (``ontology/vocab/``)
KGV = KGV_NS
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
PROV = "http://www.w3.org/ns/prov#"

#: prefixes used by the Turtle / TriG / JSON-LD serialisations and the SPARQL files
PREFIXES: dict[str, str] = {
    "kg": KG,
    "kgv": KGV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "void": VOID,
    "prov": PROV,
}


# Percent-encode everything but unreserved characters, sub-delims, ":", "@" and "/".
_PATH_SAFE = "/-._~!$&'()*+,;=:@"
# For IRIs that are already IRIs (vocabulary ids): keep the delimiters and escapes.
_IRI_SAFE = _PATH_SAFE + "?#[]%"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


#: A literal: (lexical form, datatype IRI or ``None`` for xsd:string). A plain tuple,
#: as the streaming writer makes millions of them.
Lit = tuple[str, str | None]


def base_iri(base: str | None = None) -> str:
    """The base IRI to mint instances under: ``base``, else ``$KG_BASE_IRI``, else the default.

    The result always ends with ``/``, ``#`` or ``:`` so that ``paper/<id>`` can be appended.
    """
    value = base or os.environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI
    if not _SCHEME.match(value):
        from kg.errors import ExportError

        raise ExportError(
            f"base IRI {value!r} is not absolute; pass e.g. --base-iri https://example.org/kg/"
        )
    return value if value.endswith(("/", "#", ":")) else value + "/"


def node_iri(base: str, node_id: str) -> str:
    """IRI of a graph node (``paper/<id>`` or ``entity/<slug>``) under ``base``."""
    return base + quote(node_id, safe=_PATH_SAFE)


def safe_iri(iri: str) -> str:
    """An IRI from the data (e.g. a vocabulary concept id) with illegal characters encoded."""
    return quote(iri, safe=_IRI_SAFE)


def assertion_iri(base: str, subject: str, prop: str, obj: str, paper: str | None) -> str:
    """Stable IRI of the assertion of fact ``subject prop obj`` stated in ``paper``."""
    key = "\x1f".join((subject, prop, obj, paper or ""))
    return f"{base}assertion/{hashlib.sha1(key.encode('utf-8')).hexdigest()}"


def dataset_iri(base: str) -> str:
    """IRI of the dataset (the subject of the VoID description)."""
    return base + "dataset"


def graph_iri(base: str) -> str:
    """Name of the graph holding the data in N-Quads / TriG (the VoID sits in the default graph)."""
    return base + "graph"


def camel(name: str) -> str:
    """``evaluates_on`` -> ``evaluatesOn`` (guideline name -> ontology local name)."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def kg_term(local_name: str) -> str:
    """IRI of an ontology term; raises if ``ontology/kg.ttl`` does not declare it."""
    return str(_KG_TERMS[local_name])


def role_property(role: str) -> str:
    """The ontology property of a paper role (a ``kg.ontology.Role`` value)."""
    return kg_term(camel(role))


def relation_property(relation: str) -> str:
    """The ontology property of an entity relation (a ``kg.ontology.Relation`` value)."""
    return kg_term(camel(relation))


def class_iri(type_name: str) -> str:
    """The ontology class of a node ``type`` (``Paper`` or an ``EntityType`` value)."""
    return kg_term(type_name)
