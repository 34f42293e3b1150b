"""The domain vocabulary: SKOS concept schemes of known entities, from ``ontology/vocab/``.

Each concept has an entity class, a prefLabel, altLabels and broader links. The
extraction matcher and entity resolution read concepts as ``VocabConcept`` records.
Users add their own files (``--vocab FILE.ttl``) in the same format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["VocabConcept", "load_vocabulary", "default_vocab_files"]


@dataclass(frozen=True, slots=True)
class VocabConcept:
    """One known entity.

    ``id`` is the concept IRI; ``slug`` its local name (used for graph node ids);
    ``type`` an ``EntityType`` value; ``specific`` is False for generic concepts
    (pipeline parallelism, GPU) and True for named things (ZeRO, A100).
    """

    id: str
    slug: str
    type: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    specific: bool = True


def default_vocab_files() -> list[Path]:
    """The vocabulary files shipped in ``ontology/vocab/``."""
    raise NotImplementedError  # implemented by the ontology issue


def load_vocabulary(extra: Iterable[Path] = ()) -> list[VocabConcept]:
    """Load the shipped vocabulary plus ``extra`` user files into concepts."""
    raise NotImplementedError  # implemented by the ontology issue
