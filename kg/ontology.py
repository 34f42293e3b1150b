"""The ontology in code: the closed set of types and relations, from ``ontology/kg.ttl``.

``kg.ttl`` is the single source of truth. This module exposes its terms as enums whose
values are the names the annotation guideline and the JSON output use, and (once the
ontology issue lands) loads ``kg.ttl`` with rdflib to derive the Neo4j labels and
relationship types and the RDF terms. A test checks the enums against ``kg.ttl``.

No other module spells a type or relation name as a string literal: use these.

>>> Role.EVALUATES_ON.value
'evaluates_on'
>>> EntityType("Hardware") is EntityType.HARDWARE
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EntityType", "Role", "Relation", "PAPER", "KG_NS"]

#: The ontology namespace (``kg:``).
KG_NS = "https://w3id.org/kg/ontology#"

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
