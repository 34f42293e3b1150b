"""Typed data contracts passed between the stages of kg.

read (``Paper``) → extract (``PaperExtraction`` of ``ExtractedEntity`` and
``ExtractedRelation``, each with ``Evidence``) → resolve into the graph (see
``docs/graph-model.md``) → load into Neo4j / export as RDF.

``PaperExtraction.to_dict()`` writes exactly the JSON format of the annotation
guideline (``shared/eval/GUIDELINE.md``), plus an ``evidence`` key on every entity and
relation; ``PaperExtraction.from_dict()`` reads it back.

>>> p = Paper(id="2101.00001", title="DeMo: Decoupled Momentum", abstract="We propose DeMo.")
>>> p.text
'DeMo: Decoupled Momentum\\n\\nWe propose DeMo.'
>>> p.abstract_offset
26
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Paper",
    "Evidence",
    "ExtractedEntity",
    "ExtractedRelation",
    "PaperExtraction",
    "TITLE_SEPARATOR",
]

#: Between title and abstract in ``Paper.text``; evidence offsets index that text.
TITLE_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper listing, normalised.

    ``id`` is the arXiv id when known, otherwise a slug of the normalised title.
    ``source`` is where it was read, as ``path:line``.
    """

    id: str
    title: str
    abstract: str
    source: str = ""
    arxiv_id: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None

    @property
    def text(self) -> str:
        """Title and abstract as one text; every evidence offset indexes this string."""
        return f"{self.title}{TITLE_SEPARATOR}{self.abstract}"

    @property
    def abstract_offset(self) -> int:
        """Offset of the abstract's first character in ``text``."""
        return len(self.title) + len(TITLE_SEPARATOR)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "abstract": self.abstract,
            "source": self.source,
            "arxiv_id": self.arxiv_id,
            "authors": list(self.authors),
            "categories": list(self.categories),
            "published": self.published,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Paper:
        return cls(
            id=str(d["id"]),
            title=str(d["title"]),
            abstract=str(d.get("abstract") or ""),
            source=str(d.get("source") or ""),
            arxiv_id=d.get("arxiv_id"),
            authors=tuple(d.get("authors") or ()),
            categories=tuple(d.get("categories") or ()),
            published=d.get("published"),
            url=d.get("url"),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a fact is believed: the sentence, where it is, which rule fired, how sure.

    ``start``/``end`` are the character offsets of ``sentence`` in ``Paper.text``
    (``Paper.text[start:end] == sentence``). Cross-paper facts (name derivation) have
    no sentence: ``sentence`` is empty and the offsets are 0.
    """

    sentence: str
    start: int
    end: int
    rule: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "confidence": round(self.confidence, 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(
            sentence=str(d.get("sentence") or ""),
            start=int(d.get("start") or 0),
            end=int(d.get("end") or 0),
            rule=str(d.get("rule") or ""),
            confidence=float(d.get("confidence") or 0.0),
        )


@dataclass(slots=True)
class ExtractedEntity:
    """An entity as one paper names it, with the roles the paper gives it.

    ``type`` and ``roles`` use the guideline's names (``Method``, ``evaluates_on``),
    the values of ``kg.ontology.EntityType`` and ``kg.ontology.Role``.
    ``evidence`` maps each role to the evidence for it.
    """

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    alt_types: list[str] = field(default_factory=list)
    specific: bool = True
    roles: list[str] = field(default_factory=list)
    count: int | None = None
    parameters: int | None = None
    vocab_id: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "alt_types": list(self.alt_types),
            "specific": self.specific,
            "roles": list(self.roles),
            "count": self.count,
            "parameters": self.parameters,
            "vocab_id": self.vocab_id,
            "evidence": [{"role": role, **ev.to_dict()} for role, ev in self.evidence.items()],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExtractedEntity:
        evidence = {
            e["role"]: Evidence.from_dict(e) for e in d.get("evidence") or [] if "role" in e
        }
        return cls(
            name=str(d["name"]),
            type=str(d["type"]),
            aliases=list(d.get("aliases") or []),
            alt_types=list(d.get("alt_types") or []),
            specific=bool(d.get("specific", True)),
            roles=list(d.get("roles") or []),
            count=d.get("count"),
            parameters=d.get("parameters"),
            vocab_id=d.get("vocab_id"),
            evidence=evidence,
        )


@dataclass(frozen=True, slots=True)
class ExtractedRelation:
    """An entity-to-entity fact stated in one paper (``extends``, ``implemented_in``, ``is_a``).

    ``head`` and ``tail`` are entity names as in ``ExtractedEntity.name``.
    """

    head: str
    type: str
    tail: str
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "head": self.head,
            "type": self.type,
            "tail": self.tail,
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExtractedRelation:
        return cls(
            head=str(d["head"]),
            type=str(d["type"]),
            tail=str(d["tail"]),
            evidence=Evidence.from_dict(d.get("evidence") or {}),
        )


@dataclass(slots=True)
class PaperExtraction:
    """Everything extracted from one paper: the guideline's unit of annotation."""

    paper: Paper
    entities: list[ExtractedEntity] = field(default_factory=list)
    relations: list[ExtractedRelation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The guideline's JSON object for this paper, with ``evidence`` keys and ``paper``."""
        return {
            "id": self.paper.id,
            "title": self.paper.title,
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
            "paper": self.paper.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PaperExtraction:
        paper_d = d.get("paper") or {"id": d["id"], "title": d.get("title", ""), "abstract": ""}
        return cls(
            paper=Paper.from_dict(paper_d),
            entities=[ExtractedEntity.from_dict(e) for e in d.get("entities") or []],
            relations=[ExtractedRelation.from_dict(r) for r in d.get("relations") or []],
        )
