"""The domain vocabulary: SKOS concept schemes of known entities, from ``ontology/vocab/``.

Each concept has an entity class, a prefLabel, altLabels and broader links. The
extraction matcher and entity resolution read concepts as ``VocabConcept`` records.
Users add their own files (``--vocab FILE.ttl``) in the same format: a
``skos:Concept`` with ``skos:prefLabel``, optional ``skos:altLabel`` / ``skos:broader``,
``kg:specific`` (default true) and ``kg:entityType`` (or ``skos:inScheme`` a scheme that
has one). A concept defined again in a later file replaces the earlier definition.

Loading parses each Turtle file once with rdflib and caches its concepts twice: in
memory (per process) and as a pickle in the user cache directory (``$KG_CACHE_DIR``,
else ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg``), keyed by the file's path, size and
modification time, so ``kg extract`` pays the parse only for a file that changed.

>>> concepts = load_vocabulary()
>>> zero = next(c for c in concepts if c.slug == "zero")
>>> zero.type, zero.pref_label, zero.specific
('Method', 'ZeRO', True)
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.errors import OntologyError
from kg.ontology import KG_NS, EntityType
from kg.resources import ontology_dir

__all__ = ["VocabConcept", "load_vocabulary", "default_vocab_files", "normalise_label"]

log = logging.getLogger(__name__)

_CACHE_VERSION = 1
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_KG_ENTITY_TYPE = URIRef(KG_NS + "entityType")
_KG_SPECIFIC = URIRef(KG_NS + "specific")


@dataclass(frozen=True, slots=True)
class VocabConcept:
    """One known entity.

    ``id`` is the concept IRI; ``slug`` its local name (used for graph node ids);
    ``type`` an ``EntityType`` value; ``specific`` is False for generic concepts
    (pipeline parallelism, GPU) and True for named things (ZeRO, A100).
    ``broader`` holds the IRIs of the broader concepts.
    """

    id: str
    slug: str
    type: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    specific: bool = True


def normalise_label(label: str) -> str:
    """The key under which two labels count as the same name.

    Casefold, spell out ``+`` and ``#`` (so ``ZeRO`` and ``ZeRO++``, ``QuIP`` and
    ``QuIP#`` stay distinct), keep a decimal point between digits (``OPT-1.3B`` is not
    ``OPT-13B``), then keep only alphanumerics.

    >>> normalise_label("Megatron-LM") == normalise_label("megatron lm")
    True
    >>> normalise_label("ZeRO") == normalise_label("ZeRO++")
    False
    >>> normalise_label("OPT-1.3B") == normalise_label("OPT-13B")
    False
    """
    text = label.casefold().replace("+", "plus").replace("#", "sharp")
    text = _DECIMAL_POINT.sub("\x00", text)
    return "".join(ch for ch in text if ch.isalnum() or ch == "\x00").replace("\x00", ".")


def default_vocab_files() -> list[Path]:
    """The vocabulary files shipped in ``ontology/vocab/``, sorted by name."""
    return sorted((ontology_dir() / "vocab").glob("*.ttl"))


def load_vocabulary(extra: Iterable[Path] = ()) -> list[VocabConcept]:
    """Load the shipped vocabulary plus ``extra`` user files into concepts.

    Args:
        extra: user vocabulary files (Turtle), read after the shipped ones.

    Returns:
        The concepts, in file order then concept IRI order.

    Raises:
        OntologyError: a file is missing, is not valid Turtle, or holds a concept
            without a prefLabel or with an unknown entity type.
    """
    files = [*default_vocab_files(), *(Path(p) for p in extra)]
    key = []
    for path in files:
        try:
            st = path.stat()
        except OSError as exc:
            raise OntologyError(
                f"{path}: vocabulary file not found ({exc.strerror}); check the --vocab path"
            ) from exc
        key.append((str(path.resolve()), st.st_size, st.st_mtime_ns))
    return list(_load_cached(tuple(key)))


def _load_cached(key: tuple[tuple[str, int, int], ...]) -> tuple[VocabConcept, ...]:
    """Merge the files' concepts; a concept defined again in a later file wins."""
    by_id: dict[str, VocabConcept] = {}
    for file_key in key:
        for concept in _load_file(file_key):
            by_id.pop(concept.id, None)
            by_id[concept.id] = concept
    return tuple(by_id.values())


@lru_cache(maxsize=64)
def _load_file(file_key: tuple[str, int, int]) -> tuple[VocabConcept, ...]:
    """One file's concepts: from memory, else the pickle cache, else parsed (and cached)."""
    digest = hashlib.sha256(repr((_CACHE_VERSION, file_key)).encode()).hexdigest()[:24]
    cache_file = _cache_dir() / f"vocab-{digest}.pickle"
    try:
        with cache_file.open("rb") as fh:
            concepts = pickle.load(fh)
        log.debug("vocabulary: %d concepts from cache %s", len(concepts), cache_file)
        return concepts
    except Exception:  # missing, stale or foreign pickle: parse the file again
        pass
    concepts = tuple(_parse_file(Path(file_key[0])))
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(concepts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache_file)
    except OSError as exc:  # a read-only home must not break extraction
        log.debug("vocabulary cache not written (%s)", exc)
    log.info("vocabulary: parsed %d concepts from %s", len(concepts), file_key[0])
    return concepts


def _cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _boolean(node: object, default: bool) -> bool:
    """``true``/``false`` as an xsd:boolean or a plain literal; ``default`` if absent."""
    if not isinstance(node, Literal):
        return default
    value = node.toPython()
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1")


def _parse_file(path: Path) -> list[VocabConcept]:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several types; all mean a bad file
        raise OntologyError(
            f"{path}: not valid Turtle: {exc}; fix the file (rapper -i turtle -c {path})"
        ) from exc
    type_by_iri = {KG_NS + t.value: t.value for t in EntityType}
    scheme_type = {
        s: o
        for s, o in graph.subject_objects(_KG_ENTITY_TYPE)
        if (s, RDF.type, SKOS.Concept) not in graph
    }
    concepts = []
    for subject in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        iri = str(subject)
        if not isinstance(subject, URIRef):
            raise OntologyError(f"{path}: a skos:Concept is a blank node; give it an IRI")
        types = set(graph.objects(subject, _KG_ENTITY_TYPE))
        if not types:
            types = {
                scheme_type[s] for s in graph.objects(subject, SKOS.inScheme) if s in scheme_type
            }
        if len(types) != 1 or str(next(iter(types))) not in type_by_iri:
            raise OntologyError(
                f"{path}: concept <{iri}> needs exactly one kg:entityType among "
                f"{sorted(type_by_iri)} (found {sorted(map(str, types)) or 'none'})"
            )
        prefs = [o for o in graph.objects(subject, SKOS.prefLabel) if isinstance(o, Literal)]
        if len(prefs) != 1:
            raise OntologyError(
                f"{path}: concept <{iri}> needs exactly one skos:prefLabel (found {len(prefs)})"
            )
        specific = _boolean(graph.value(subject, _KG_SPECIFIC), default=True)
        pref = str(prefs[0])
        alts = sorted({str(o) for o in graph.objects(subject, SKOS.altLabel)} - {pref})
        concepts.append(
            VocabConcept(
                id=iri,
                slug=_local_name(iri),
                type=type_by_iri[str(next(iter(types)))],
                pref_label=pref,
                alt_labels=tuple(alts),
                broader=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.broader))),
                specific=specific,
            )
        )
    return concepts
