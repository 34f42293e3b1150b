"""Entity resolution: one node per real entity across papers.

Each paper's extraction names entities its own way (``MoE``, ``Mixture-of-Experts``,
``GPUs``). :func:`resolve` groups these mentions into entities with a union-find over
*match keys* of their surface forms (``kg.names``), guided by the vocabulary:

* mentions of the same vocabulary concept are one entity; two concepts never merge;
* mentions sharing a surface form (up to case, hyphens, spaces, Greek spelled out)
  merge unless their types clash strongly (a Dataset is never a Hardware);
* mentions sharing a form only up to a plural ``s`` (``GPUs``/``GPU``) merge only when
  their types agree (``Transformers`` the library is not ``Transformer``);
* an acronym two papers expand differently (``PEQA`` = two different long forms) is
  two entities.

Keys keep every digit, version marker, ``++`` and size suffix, so ``ZeRO`` and
``ZeRO-Infinity``, ``GPT-3`` and ``GPT-3.5``, ``TPU v3`` and ``TPU v4``, ``LLaMA-2 7B`` and
``LLaMA-2 70B`` stay apart. Mentions are processed in sorted order, so the result (and
every node id) is the same whatever the order of the input papers.

Each entity's ``name`` is the vocabulary's prefLabel, else the name its papers use
most; ``aliases`` every other surface form seen, and for a vocabulary concept every
label of it (its skos:prefLabel and altLabels); ``type`` the vote of its papers, each
weighted by its evidence confidence, the vocabulary's type counting
``VOCAB_TYPE_WEIGHT`` votes (the rest go to ``alt_types``); ``support`` the number of
papers; ``confidence`` ``1 - Π(1 - c_p)`` over those papers (``c_p`` the paper's best
evidence confidence), so it rises with support.

Lineage read off the names (``ZeRO-Infinity`` → ``ZeRO``) is ``kg.lineage``.

>>> from kg.models import Paper
>>> ex = lambda pid, *ents: PaperExtraction(Paper(id=pid, title="T", abstract=""), list(ents))
>>> res = resolve([ex("p1", ExtractedEntity("MoE", "Method", aliases=["Mixture-of-Experts"])),
...                ex("p2", ExtractedEntity("mixture of experts", "Method"))])
>>> [(e.id, e.name, e.aliases, e.support) for e in res.entities.values()]
[('entity/moe', 'MoE', ['Mixture-of-Experts', 'mixture of experts'], 2)]
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.models import ExtractedEntity, PaperExtraction
from kg.names import (
    derived_bases,
    iri_slug,
    join_tokens,
    loose_key,
    match_key,
    name_tokens,
    slugify,
)
from kg.ontology import EntityType
from kg.vocab import VocabConcept

__all__ = [
    "ResolvedEntity",
    "Resolution",
    "resolve",
    "ENTITY_PREFIX",
]

log = logging.getLogger(__name__)

ENTITY_PREFIX = "entity/"
#: Confidence of a mention whose extraction carries no evidence.
DEFAULT_MENTION_CONFIDENCE = 0.5
#: Votes the vocabulary's type gets against the papers' votes.
VOCAB_TYPE_WEIGHT = 3.0

_TYPE_ORDER = {t.value: i for i, t in enumerate(EntityType)}
#: Type pairs that may share a node (a concept one paper reads as a method and another
#: as a system). Any other pair of different types is a strong clash.
_COMPATIBLE = {
    frozenset({EntityType.METHOD.value, EntityType.MODEL.value}),
    frozenset({EntityType.METHOD.value, EntityType.SYSTEM.value}),
    frozenset({EntityType.SYSTEM.value, EntityType.MODEL.value}),
    frozenset({EntityType.SYSTEM.value, EntityType.HARDWARE.value}),
}


# -- results -------------------------------------------------------------------------


@dataclass(slots=True)
class ResolvedEntity:
    """One entity node: everything the papers said about it, merged."""

    id: str
    name: str
    type: str
    aliases: list[str]
    alt_types: list[str]
    specific: bool
    support: int
    confidence: float
    vocab_id: str | None
    parameters: int | None
    papers: list[str] = field(default_factory=list)

    def node_attrs(self) -> dict[str, object]:
        """Attributes of the graph node (``docs/graph-model.md``)."""
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "alt_types": list(self.alt_types),
            "specific": self.specific,
            "support": self.support,
            "confidence": self.confidence,
            "vocab_id": self.vocab_id,
            "parameters": self.parameters,
        }


@dataclass(slots=True)
class Resolution:
    """Resolved entities and where each paper's mention went."""

    entities: dict[str, ResolvedEntity]
    #: (paper id, surface form as the paper wrote it) -> entity id
    index: dict[tuple[str, str], str]
    #: (paper id, match key) -> entity id, for relation ends written a little differently
    key_index: dict[tuple[str, str], str]

    def lookup(self, paper_id: str, surface: str) -> str | None:
        """The entity id of a name as ``paper_id`` wrote it, or None."""
        found = self.index.get((paper_id, surface))
        return found or self.key_index.get((paper_id, match_key(surface)))


# -- union-find over mentions -------------------------------------------------------


@dataclass(slots=True)
class _Mention:
    paper: str
    entity: ExtractedEntity
    concept: VocabConcept | None
    name_key: str
    long_forms: list[frozenset[str]]  # content-word sets of multi-word aliases
    version: tuple[str, ...]  # the numbers in the name: ("2", "7") for LLaMA-2 7B
    bases: frozenset[str]  # keys of the names this name derives from (ZeRO of ZeRO-Infinity)


@dataclass(slots=True)
class _Cluster:
    types: Counter[str]
    concept: str | None
    #: short-form key -> long forms the cluster's papers give it
    definitions: dict[str, list[frozenset[str]]]
    versions: set[tuple[str, ...]]
    names: set[str]
    bases: set[str]

    def dominant_type(self) -> str:
        return min(self.types.items(), key=lambda kv: (-kv[1], _TYPE_ORDER.get(kv[0], 99)))[0]


class _UnionFind:
    def __init__(self, mentions: Sequence[_Mention]) -> None:
        self.parent = list(range(len(mentions)))
        self.size = [1] * len(mentions)
        self.state = [
            _Cluster(
                types=Counter({m.entity.type: 1}),
                concept=m.concept.id if m.concept else None,
                definitions={m.name_key: list(m.long_forms)} if m.long_forms else {},
                versions={m.version} if m.version else set(),
                names={m.name_key},
                bases=set(m.bases),
            )
            for m in mentions
        ]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, *, same_type: bool, force: bool = False) -> bool:
        """Merge the clusters of ``i`` and ``j`` unless they clash (or ``force``)."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        sa, sb = self.state[a], self.state[b]
        if not force and _clash(sa, sb, same_type=same_type):
            return False
        if self.size[a] < self.size[b]:
            a, b, sa, sb = b, a, sb, sa
        self.parent[b] = a
        self.size[a] += self.size[b]
        sa.types.update(sb.types)
        sa.concept = sa.concept or sb.concept
        for k, forms in sb.definitions.items():
            sa.definitions.setdefault(k, []).extend(forms)
        sa.versions |= sb.versions
        sa.names |= sb.names
        sa.bases |= sb.bases
        return True


def _clash(a: _Cluster, b: _Cluster, *, same_type: bool) -> bool:
    if a.concept and b.concept and a.concept != b.concept:
        return True
    ta, tb = a.dominant_type(), b.dominant_type()
    if ta != tb and (same_type or frozenset({ta, tb}) not in _COMPATIBLE):
        return True
    # versions and sizes never merge (LLaMA-2 7B / LLaMA-2 70B / LLaMA-2 through a
    # shared alias), nor a name with one derived from it (ZeRO / ZeRO-Infinity)
    if a.versions and b.versions and a.versions.isdisjoint(b.versions):
        return True
    if a.bases & b.names or b.bases & a.names:
        return True
    # an acronym both clusters define must be defined alike
    for k in a.definitions.keys() & b.definitions.keys():
        da, db = a.definitions[k], b.definitions[k]
        if not any(_similar(x, y) for x in da for y in db):
            return True
    return False


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two long forms of one acronym agree when most of their words do."""
    if not a or not b:
        return True
    return len(a & b) / len(a | b) >= 0.5 or a <= b or b <= a


_STOP = {"of", "and", "for", "the", "a", "an", "in", "on", "with", "to", "via", "by"}


def _long_forms(entity: ExtractedEntity, name_key: str) -> list[frozenset[str]]:
    """Content-word sets of the aliases that spell out the name (its definitions).

    ``Mixture-of-Experts`` defines ``MoE``; ``MoE models`` (a respelling that contains
    the name) and ``global self-attention`` (initials that do not fit) do not.
    """
    short = name_key.replace(" ", "")
    forms = []
    for alias in entity.aliases:
        toks = name_tokens(alias)
        if len(toks) < 2 or name_key in toks or join_tokens(toks) == name_key:
            continue
        letters = "".join(toks)
        if not short or letters[0] != short[0] or not _subsequence(short, letters):
            continue
        forms.append(frozenset(loose_key(t) for t in toks if t not in _STOP))
    return forms


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


class _VocabIndex:
    def __init__(self, vocabulary: Iterable[VocabConcept]) -> None:
        self.by_id: dict[str, VocabConcept] = {}
        strict: dict[str, set[str]] = defaultdict(set)
        loose: dict[str, set[str]] = defaultdict(set)
        for c in vocabulary:
            self.by_id[c.id] = c
            for label in (c.pref_label, *c.alt_labels):
                strict[match_key(label)].add(c.id)
                loose[loose_key(label)].add(c.id)
        # a label two concepts share identifies neither
        self.strict = {k: next(iter(v)) for k, v in strict.items() if len(v) == 1}
        self.loose = {k: next(iter(v)) for k, v in loose.items() if len(v) == 1}

    def concept_of(self, entity: ExtractedEntity) -> VocabConcept | None:
        if entity.vocab_id:
            return self.by_id.get(entity.vocab_id) or VocabConcept(
                id=entity.vocab_id,
                slug=iri_slug(entity.vocab_id),
                type=entity.type,
                pref_label=entity.name,
                specific=entity.specific,
            )
        cid = self.strict.get(match_key(entity.name))
        if cid is None:
            cid = self.loose.get(loose_key(entity.name))
            if cid is not None and self.by_id[cid].type != entity.type:
                cid = None
        if cid is None:
            found = {self.strict[k] for k in map(match_key, entity.aliases) if k in self.strict}
            cid = found.pop() if len(found) == 1 else None
        return self.by_id.get(cid) if cid else None


def _mention_confidence(entity: ExtractedEntity) -> float:
    confs = [ev.confidence for ev in entity.evidence.values()]
    return min(1.0, max(0.0, max(confs))) if confs else DEFAULT_MENTION_CONFIDENCE


# -- resolution ----------------------------------------------------------------------


def resolve(
    extractions: Iterable[PaperExtraction], vocabulary: Iterable[VocabConcept] = ()
) -> Resolution:
    """Merge the entities of all papers into one entity per real thing.

    Args:
        extractions: one extraction per paper (papers with the same id are one paper).
        vocabulary: the known concepts; same concept means same node.

    Returns:
        The entities by node id, and the index from each paper's names to node ids.
    """
    vocab = _VocabIndex(vocabulary)
    mentions: list[_Mention] = []
    for ex in extractions:
        for ent in ex.entities:
            key = match_key(ent.name)
            mentions.append(
                _Mention(
                    ex.paper.id,
                    ent,
                    vocab.concept_of(ent),
                    key,
                    _long_forms(ent, key),
                    tuple(t for t in name_tokens(ent.name) if t[0].isdigit()),
                    frozenset(match_key(b) for _, b in derived_bases(ent.name)),
                )
            )
    mentions.sort(key=lambda m: (m.paper, m.name_key, m.entity.name, m.entity.type))
    uf = _UnionFind(mentions)

    by_concept: dict[str, list[int]] = defaultdict(list)
    by_key: dict[str, list[int]] = defaultdict(list)
    by_loose: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.concept:
            by_concept[m.concept.id].append(i)
        surfaces = [m.entity.name, *m.entity.aliases]
        for k in sorted({match_key(s) for s in surfaces} - {""}):
            by_key[k].append(i)
        for k in sorted({loose_key(s) for s in surfaces} - {""}):
            by_loose[k].append(i)
    for members in by_concept.values():  # the vocabulary is authoritative
        for j in members[1:]:
            uf.union(members[0], j, same_type=False, force=True)
    for groups, same_type in ((by_key, False), (by_loose, True)):
        for key in sorted(groups):
            members = groups[key]
            for j in members[1:]:
                uf.union(members[0], j, same_type=same_type)

    clusters: dict[int, list[_Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        clusters[uf.find(i)].append(m)
    return _assemble([clusters[r] for r in sorted(clusters)], vocab)


def _assemble(groups: Sequence[list[_Mention]], vocab: _VocabIndex) -> Resolution:
    drafts = [_draft(g) for g in groups]
    # Concepts first, then by support: the best claim to a slug gets it unsuffixed.
    drafts.sort(key=lambda d: (d[0].vocab_id is None, -d[0].support, d[0].name, d[0].type))
    entities: dict[str, ResolvedEntity] = {}
    index: dict[tuple[str, str], str] = {}
    key_index: dict[tuple[str, str], str] = {}
    for ent, mentions, slug in drafts:
        node_id = ENTITY_PREFIX + slug
        if node_id in entities:
            node_id = f"{ENTITY_PREFIX}{slug}-{ent.type.lower()}"
            n = 2
            while node_id in entities:
                node_id = f"{ENTITY_PREFIX}{slug}-{ent.type.lower()}-{n}"
                n += 1
        ent.id = node_id
        entities[node_id] = ent
        for m in mentions:
            for s in (m.entity.name, *m.entity.aliases):
                index.setdefault((m.paper, s), node_id)
                key_index.setdefault((m.paper, match_key(s)), node_id)
    return Resolution(entities=entities, index=index, key_index=key_index)


def _draft(mentions: list[_Mention]) -> tuple[ResolvedEntity, list[_Mention], str]:
    concept = next((m.concept for m in mentions if m.concept), None)
    papers = sorted({m.paper for m in mentions})

    votes: dict[str, float] = defaultdict(float)  # each paper's reading, weighted by its confidence
    for m in mentions:
        votes[m.entity.type] += _mention_confidence(m.entity)
    if concept:
        votes[concept.type] += VOCAB_TYPE_WEIGHT
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], _TYPE_ORDER.get(kv[0], 99), kv[0]))
    etype = ranked[0][0]
    alt = {t for t, _ in ranked[1:]} | {t for m in mentions for t in m.entity.alt_types}
    alt.discard(etype)

    name_counts = Counter(m.entity.name for m in mentions)
    name = (
        concept.pref_label
        if concept and concept.pref_label
        # most used; then singular, then cased ("CIFAR-10" over "cifar10"), then shortest
        else min(
            name_counts,
            key=lambda s: (-name_counts[s], loose_key(s) != match_key(s), s.islower(), len(s), s),
        )
    )
    surfaces = {s for m in mentions for s in (m.entity.name, *m.entity.aliases)}
    if concept:  # the names the vocabulary knows it by, whether or not a paper used them
        surfaces.update((concept.pref_label, *concept.alt_labels))
    aliases = sorted(s for s in surfaces - {name} if s.strip())

    if concept:
        specific = concept.specific
    else:
        yes = sum(1 for m in mentions if m.entity.specific)
        specific = yes * 2 >= len(mentions)

    per_paper: dict[str, float] = {}
    for m in mentions:
        per_paper[m.paper] = max(per_paper.get(m.paper, 0.0), _mention_confidence(m.entity))
    confidence = round(1.0 - math.prod(1.0 - c for c in per_paper.values()), 4)

    parameters = None
    if etype == EntityType.MODEL.value:
        counts = Counter(m.entity.parameters for m in mentions if m.entity.parameters)
        if counts:
            parameters = int(max(counts, key=lambda p: (counts[p], p)))

    slug = concept.slug if concept and concept.slug else slugify(name)
    ent = ResolvedEntity(
        id="",
        name=name,
        type=etype,
        aliases=aliases,
        alt_types=sorted(alt, key=lambda t: (_TYPE_ORDER.get(t, 99), t)),
        specific=specific,
        support=len(papers),
        confidence=confidence,
        vocab_id=concept.id if concept else None,
        parameters=parameters,
        papers=papers,
    )
    return ent, mentions, slug
