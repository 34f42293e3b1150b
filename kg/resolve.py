"""Entity resolution: one node per real entity across papers, and cross-paper lineage.

Each paper's extraction names entities its own way (``MoE``, ``Mixture-of-Experts``,
``GPUs``). :func:`resolve` groups these mentions into entities with a union-find over
*match keys* of their surface forms, guided by the vocabulary:

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
most; ``aliases`` every other surface form seen; ``type`` the vote of its papers, each
weighted by its evidence confidence, the vocabulary's type counting
``VOCAB_TYPE_WEIGHT`` votes (the rest go to ``alt_types``); ``support`` the number of
papers; ``confidence`` ``1 - Π(1 - c_p)`` over those papers (``c_p`` the paper's best
evidence confidence), so it rises with support.

:func:`derive_lineage` then links names derived from other names in the graph
(``ZeRO-Infinity`` → ``ZeRO``, ``DiLoCoX`` → ``DiLoCo``, ``ZeRO++`` → ``ZeRO``).

>>> match_key("Mixture-of-Experts") == match_key("mixture of experts")
True
>>> match_key("GPT-3") == match_key("GPT-3.5"), match_key("TPU v3") == match_key("TPUv3")
(False, True)
>>> slugify("ZeRO++"), slugify("PanGu-α"), slugify("GPT-3.5")
('zero-plus-plus', 'pangu-alpha', 'gpt-3.5')
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.models import ExtractedEntity, PaperExtraction
from kg.ontology import EntityType
from kg.vocab import VocabConcept

__all__ = [
    "ResolvedEntity",
    "Resolution",
    "DerivedLink",
    "resolve",
    "derive_lineage",
    "match_key",
    "loose_key",
    "slugify",
    "ENTITY_PREFIX",
    "DERIVATION_RULE",
    "DERIVED_CONFIDENCE",
]

log = logging.getLogger(__name__)

ENTITY_PREFIX = "entity/"
#: The evidence rule of lineage inferred from names alone.
DERIVATION_RULE = "name_derivation"
#: Confidence of a derived link, before it is capped below every stated link.
DERIVED_CONFIDENCE = 0.3
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

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "υ": "upsilon",
    "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[a-z]+|\+\+|\+")
_ARTICLES = {"the", "a", "an"}


# -- normalisation -------------------------------------------------------------------


def _clean(surface: str) -> str:
    text = unicodedata.normalize("NFKC", surface).casefold()
    text = "".join(_GREEK.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def _tokens(surface: str) -> tuple[str, ...]:
    """Lower-case word, number (``3.5``) and ``+``/``++`` tokens; letters and digits split."""
    toks = tuple(_TOKEN.findall(_clean(surface)))
    if len(toks) > 1 and toks[0] in _ARTICLES:
        toks = toks[1:]
    return toks


def _join(toks: Sequence[str]) -> str:
    # Adjacent numbers keep a space, so "LLaMA-2 7B" (2 7) differs from "LLaMA-27B" (27).
    out: list[str] = []
    for i, tok in enumerate(toks):
        if i and tok[0].isdigit() and toks[i - 1][0].isdigit():
            out.append(" ")
        out.append(tok)
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def match_key(surface: str) -> str:
    """The key under which two surface forms are the same name.

    Case, hyphens, spaces, punctuation and a leading article are ignored; Greek letters
    are spelled out; digits, decimals, version markers and ``+`` are kept.
    """
    return _join(_tokens(surface))


@lru_cache(maxsize=1 << 18)
def loose_key(surface: str) -> str:
    """``match_key`` with a final plural ``s`` removed (``GPUs`` → ``gpu``)."""
    toks = _tokens(surface)
    last_word = re.search(r"([^\W\d_]+)\W*$", surface)
    if toks and last_word and toks[-1].isalpha():
        word = last_word.group(1)
        acronym_plural = re.fullmatch(r"[A-Z]{2,}s", word) is not None
        word_plural = (
            word.endswith("s") and len(word) >= 4 and not word.lower().endswith(("ss", "us", "is"))
        )
        if acronym_plural or word_plural:
            toks = (*toks[:-1], toks[-1][:-1])
    return _join(toks)


def slugify(text: str) -> str:
    """A readable id segment: lower case, ``-`` between words, ``+`` as ``plus``."""
    text = _clean(text).replace("+", " plus ")
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", "-", text)
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-")
    return text or "entity"


def _iri_slug(concept_id: str) -> str:
    return slugify(re.split(r"[/#:]", concept_id.rstrip("/#"))[-1])


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


@dataclass(frozen=True, slots=True)
class DerivedLink:
    """``head`` (e.g. ZeRO-Infinity) extends ``tail`` (ZeRO), read off the names."""

    head: str
    tail: str
    pattern: str
    confidence: float


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
        toks = _tokens(alias)
        if len(toks) < 2 or name_key in toks or _join(toks) == name_key:
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
                slug=_iri_slug(entity.vocab_id),
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
                    tuple(t for t in _tokens(ent.name) if t[0].isdigit()),
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


# -- cross-paper lineage from names -------------------------------------------------

#: Suffix words that name a size, not a new version: a sized member is not an extension.
_SIZE_WORDS = {"xl", "xxl", "large", "base", "small", "tiny", "mini", "medium", "nano", "huge"}
#: Capitalised words too generic to be the X of a derivation.
_GENERIC = {"model", "framework", "system", "network", "method", "transformer", "attention"}
_DERIVATIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("plusplus", re.compile(r"^(?P<base>.+?)\s*\+\+$")),
    ("x_suffix", re.compile(r"^(?P<base>.*[a-z])-?X$")),
    ("version", re.compile(r"^(?P<base>.*[A-Za-z0-9])[-\s]?[vV]\d+(?:\.\d+)*$")),
    ("number", re.compile(r"^(?P<base>.*[A-Za-z])[-\s]\d+(?:\.\d+)*$")),
    ("number", re.compile(r"^(?P<base>.{2,}[a-z])\d+(?:\.\d+)*$")),
    ("word", re.compile(r"^(?P<base>.+)-(?P<word>[A-Z][A-Za-z0-9]*)$")),
    (
        "word",
        re.compile(
            r"^(?P<base>.+)\s(?P<word>Next|Infinity|Offload|Plus|Pro|Ultra|Turbo|Lite|Max|NG)$"
        ),
    ),
)
_DERIVABLE = {
    frozenset({EntityType.METHOD.value}),
    frozenset({EntityType.SYSTEM.value}),
    frozenset({EntityType.MODEL.value}),
    frozenset({EntityType.HARDWARE.value}),
    frozenset({EntityType.DATASET.value}),
    frozenset({EntityType.METHOD.value, EntityType.SYSTEM.value}),
}


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


@lru_cache(maxsize=1 << 16)
def derived_bases(surface: str) -> tuple[tuple[str, str], ...]:
    """The names ``surface`` may be derived from, as (pattern, base) pairs.

    >>> derived_bases("ZeRO-Infinity"), derived_bases("DiLoCoX")
    ((('word', 'ZeRO'),), (('x_suffix', 'DiLoCo'),))
    >>> derived_bases("LLaMA-2 7B"), derived_bases("BERT-Large")
    ((), ())
    """
    surface = surface.strip()
    found: list[tuple[str, str]] = []
    for pattern, rx in _DERIVATIONS:
        m = rx.match(surface)
        if not m:
            continue
        word = m.groupdict().get("word")
        if word and word.casefold() in _SIZE_WORDS:
            continue
        base = m.group("base").strip(" -")
        if base and (pattern, base) not in found:
            found.append((pattern, base))
    return tuple(found)


def derive_lineage(
    entities: Iterable[ResolvedEntity], *, ceiling: float | None = None
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
