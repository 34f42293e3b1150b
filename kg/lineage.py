"""Lineage read off the names: ``ZeRO-Infinity`` extends ``ZeRO``, ``DiLoCoX`` extends ``DiLoCo``.

When the graph holds both X and a name derived from it (X-Infinity, X 2, Xv2, X++, XX,
X-Next), :func:`derive_lineage` records ``X' extends X`` with the rule
``name_derivation`` and a confidence below any link a sentence states. Both must be
named things of compatible types, and the base name distinctive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kg.names import derived_bases, match_key
from kg.ontology import EntityType

__all__ = [
    "DerivedLink",
    "NamedEntity",
    "derive_lineage",
    "DERIVATION_RULE",
    "DERIVED_CONFIDENCE",
]

#: The evidence rule of lineage inferred from names alone.
DERIVATION_RULE = "name_derivation"
#: Confidence of a derived link, before it is capped below every stated link.
DERIVED_CONFIDENCE = 0.3

#: Capitalised words too generic to be the X of a derivation.
_GENERIC = {"model", "framework", "system", "network", "method", "transformer", "attention"}
_DERIVABLE = {
    frozenset({EntityType.METHOD.value}),
    frozenset({EntityType.SYSTEM.value}),
    frozenset({EntityType.MODEL.value}),
    frozenset({EntityType.HARDWARE.value}),
    frozenset({EntityType.DATASET.value}),
    frozenset({EntityType.METHOD.value, EntityType.SYSTEM.value}),
}


class NamedEntity(Protocol):
    """What derivation reads of an entity: a resolved one (``kg.resolve``) or one stored
    in Neo4j (``kg.neo4j_loader``)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> Sequence[str]: ...

    @property
    def type(self) -> str: ...

    @property
    def specific(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class DerivedLink:
    """``head`` (e.g. ZeRO-Infinity) extends ``tail`` (ZeRO), read off the names."""

    head: str
    tail: str
    pattern: str
    confidence: float


def _base_ok(surface: str) -> bool:
    """Whether a surface form is distinctive enough to have derivatives."""
    key = match_key(surface)
    if sum(ch.isalpha() for ch in key) < 3 or key in _GENERIC:
        return False
    # a plain lower-case word ("pipeline") is not a name
    return any(ch.isupper() or ch.isdigit() for ch in surface)


def _same_spelling(base: str, owned: str) -> bool:
    """Whether ``base`` spells the name ``owned``: an acronym (``APE``) only exactly.

    ``Llama`` spells ``LLaMA``, but ``Ape`` (of ``Ape-X``) does not spell ``APE``.
    """
    return base == owned or not (owned.isupper() or base.isupper())


def derive_lineage(
    entities: Iterable[NamedEntity], *, ceiling: float | None = None
) -> list[DerivedLink]:
    """``X' extends X`` for every pair of entities whose names derive one from the other.

    Both must be named things (``specific``) of compatible types (same type, or a
    method and a system), the base name distinctive (three letters or more, not a plain
    word, an acronym spelled exactly), and sizes (``7B``, ``-XL``, ``-Large``) and
    numbered datasets (``CIFAR-100``) are not derivations.

    Args:
        entities: the resolved entities.
        ceiling: the lowest confidence of a link a sentence states; derived links get
            less than that (and at most ``DERIVED_CONFIDENCE``).

    Returns:
        The links, sorted by head then tail id.
    """
    ents = [e for e in entities if e.specific]
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for e in ents:
        for s in (e.name, *e.aliases):
            if _base_ok(s):
                owners[match_key(s)].add((e.id, s))
    by_id = {e.id: e for e in ents}
    conf = DERIVED_CONFIDENCE if ceiling is None else min(DERIVED_CONFIDENCE, ceiling / 2)
    conf = round(conf, 4)
    links: dict[tuple[str, str], DerivedLink] = {}
    for e in sorted(ents, key=lambda x: x.id):
        for s in (e.name, *e.aliases):
            for pattern, base in derived_bases(s):
                tails = {
                    eid
                    for eid, owned in owners.get(match_key(base), ())
                    if eid != e.id and _same_spelling(base, owned)
                }
                if len(tails) != 1:
                    continue  # no such entity, or an ambiguous base name
                tail = by_id[next(iter(tails))]
                if frozenset({e.type, tail.type}) not in _DERIVABLE:
                    continue
                if pattern == "number" and tail.type == EntityType.DATASET.value:
                    continue  # CIFAR-100, ImageNet-100: another dataset, not a new version
                links.setdefault((e.id, tail.id), DerivedLink(e.id, tail.id, pattern, conf))
    return [links[k] for k in sorted(links)]
