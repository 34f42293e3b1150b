"""Assemble a ``PaperExtraction`` from the mentions and cues of one processed Doc.

One entity per group of mentions: its name is the short form the paper defines, else
the form it uses most; every other form is an alias, and so is the vocabulary's
prefLabel of a matched concept when the text only uses another label. Roles come from the mentions'
cues (``mentions`` only where no other role applies; a proposed entity is only
``proposes``, except a dataset the paper releases, which it also uses or evaluates on);
counts only on ``runs_on``
hardware and parameters only on models.
"""

from __future__ import annotations

import re

from kg.extract.normalize import entity_key, is_non_entity
from kg.extract.roles import OWN_WORK_PRIOR
from kg.extract.state import DocState, Mention, RoleCue
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.ontology import EntityType, Relation, Role
from kg.vocab import VocabConcept

__all__ = ["assemble", "entity_name"]

_ROLE_ORDER = tuple(Role)
# Enum ``.value`` is a Python-level descriptor; these dicts read it once per member.
_ROLE_VALUE = {r: r.value for r in Role}
_TYPE_VALUE = {t: t.value for t in EntityType}
_RELATION_VALUE = {r: r.value for r in Relation}
_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Z0-9]+s$")


def _name_of(texts: list[str], forms: dict[str, None], short_forms: set[str]) -> str:
    """The most used defined short form among ``forms`` (the distinct ``texts``, in order
    of first use), else the most used form; on a tie, the first of them."""
    if len(forms) == 1:  # most groups: one surface form
        return texts[0]
    # max keeps the first of equal counts
    return max([t for t in forms if t in short_forms] or forms, key=texts.count)


def entity_name(mentions: list[Mention], short_forms: set[str]) -> str:
    """The name of an entity: a defined short form, else the most used surface form."""
    texts = [m.text for m in mentions]
    return _name_of(texts, dict.fromkeys(texts), short_forms)


def _best_cues(state: DocState) -> dict[int, dict[Role, RoleCue]]:
    """Per mention group, the most confident cue of each role (the first one on a tie)."""
    mentions = state.mentions
    best: dict[int, dict[Role, RoleCue]] = {}
    for cue in state.roles:
        g = mentions[cue.mention].group
        by_role = best.get(g)
        if by_role is None:
            best[g] = {cue.role: cue}
        else:
            prev = by_role.get(cue.role)
            if prev is None or cue.confidence > prev.confidence:
                by_role[cue.role] = cue
    return best


def _chosen_roles(by_role: dict[Role, RoleCue]) -> list[Role]:
    """The roles an entity gets, in ``Role`` order: ``proposes`` alone excludes the
    others, ``mentions`` only stands when nothing else does, and a ``uses`` that only
    comes from naming the entity as the established one ("popular models such as X")
    gives way to ``compares_with``."""
    if Role.PROPOSES in by_role:
        return [Role.PROPOSES]
    if len(by_role) == 1:
        return list(by_role)
    roles: list[Role] = [r for r in _ROLE_ORDER if r in by_role and r is not Role.MENTIONS]
    uses = by_role.get(Role.USES)
    if uses is not None and uses.rule == OWN_WORK_PRIOR and Role.COMPARES_WITH in by_role:
        roles.remove(Role.USES)
    return roles


def _runs_not_compared(roles: list[Role]) -> list[Role]:
    """Hardware the paper runs on is its testbed, not a competitor: a comparison cue
    nearby ("2x faster than on the CPU alone") compares the methods run on it."""
    return [r for r in roles if r is not Role.COMPARES_WITH]


_BENCHMARK = re.compile(r"bench|arena|evaluat|leaderboard", re.IGNORECASE)


def _own_dataset_role(forms: dict[str, None], title: str) -> Role:
    """The second role of a dataset the paper releases: a paper's own data is there to be
    used, a benchmark ("XBench", "a Benchmark for ...") to be evaluated on."""
    if _BENCHMARK.search(title) or any(_BENCHMARK.search(f) for f in forms):
        return Role.EVALUATES_ON
    return Role.USES


def _head_noun_groups(mentions: list[Mention], text: str) -> set[int]:
    """Groups of generic hardware ("GPU") every mention of which is the head noun right
    after a specific device ("NVIDIA A100 GPUs", "8 x H100 GPUs"), or its short form in
    parentheses after such a head: the phrase names one device, the specific one, and
    the word after it only says what kind it is."""
    hardware = EntityType.HARDWARE
    after_specific: set[int] = set()
    generic: list[Mention] = []
    for m in mentions:
        if m.type is hardware:
            if m.specific:
                after_specific.add(m.end + 1)
            else:
                generic.append(m)
    if not after_specific or not generic:
        return set()
    heads: dict[int, bool] = {}
    for m in sorted(generic, key=_start):
        head = m.start in after_specific
        if head and text.startswith(" (", m.end):
            # its short form in parentheses right after it: "Cortex-M4 microcontroller (MCU)"
            after_specific.add(m.end + 2)
        heads[m.group] = heads.get(m.group, True) and head
    return {g for g, only_heads in heads.items() if only_heads}


def _start(m: Mention) -> int:
    """Sort key: where a mention starts."""
    return m.start


def _pref_label_alias(concept: VocabConcept, name: str, aliases: list[str]) -> bool:
    """Whether the concept's prefLabel is a name the text does not use (under any key)."""
    pref_key = entity_key(concept.pref_label)
    return entity_key(name) != pref_key and all(entity_key(f) != pref_key for f in aliases)


def assemble(paper: Paper, state: DocState, text: str) -> PaperExtraction:
    """Build the guideline-format extraction of ``paper`` from its ``DocState``."""
    mentions = state.mentions
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        ms = groups.get(m.group)
        if ms is None:
            groups[m.group] = [m]
        else:
            ms.append(m)
    short_forms = {a.short for a in state.abbreviations}
    cues_of = _best_cues(state)
    numbers_of: dict[tuple[int, str], list[int]] = {}
    for n in state.numbers:
        numbers_of.setdefault((mentions[n.mention].group, n.attribute), []).append(n.value)

    entities: list[ExtractedEntity] = []
    name_of: dict[int, str] = {}
    head_nouns = _head_noun_groups(mentions, text)
    for g, ms in groups.items():
        if g in head_nouns:
            continue
        texts = [m.text for m in ms]
        forms = dict.fromkeys(texts)  # distinct, in order of first use
        if all(map(is_non_entity, forms)):
            continue
        name = _name_of(texts, forms, short_forms)
        if _ACRONYM_PLURAL.match(name):  # "GPUs" -> name "GPU", alias "GPUs" (one of forms)
            name = name[:-1]
        aliases = [f for f in forms if f != name]
        etype = ms[0].type or EntityType.METHOD
        by_role = cues_of.get(g)
        roles = _chosen_roles(by_role) if by_role else []
        if etype is EntityType.HARDWARE and Role.RUNS_ON in roles:
            roles = _runs_not_compared(roles)
        elif by_role and etype is EntityType.DATASET and roles == [Role.PROPOSES]:
            own = by_role[Role.PROPOSES]
            extra = _own_dataset_role(forms, paper.title)
            by_role = {**by_role, extra: RoleCue(own.mention, extra, "own_dataset", 0.6)}
            roles = [r for r in _ROLE_ORDER if r is Role.PROPOSES or r is extra]
        evidence = {}
        for role in roles:
            cue = by_role[role]  # type: ignore[index]  # roles is empty when by_role is None
            start, end = state.sentence_of(mentions[cue.mention].start)
            evidence[_ROLE_VALUE[role]] = Evidence(
                text[start:end], start, end, cue.rule, cue.confidence
            )
        count = None
        if etype is EntityType.HARDWARE and Role.RUNS_ON in roles:
            counts = numbers_of.get((g, "count"))
            count = max(counts) if counts else None
        params = None
        if etype is EntityType.MODEL:
            ps = numbers_of.get((g, "parameters"))
            params = ps[0] if ps else None
        concept = None
        for m in ms:
            if m.concept is not None:
                concept = m.concept
                break
        if concept is not None and _pref_label_alias(concept, name, aliases):
            aliases.append(concept.pref_label)  # the vocabulary's name for what the text says
        entities.append(
            ExtractedEntity(  # positionally: keyword arguments cost twice as much here
                name,
                _TYPE_VALUE[etype],
                aliases,
                [],  # alt_types
                concept.specific if concept else any(m.specific for m in ms),
                [_ROLE_VALUE[r] for r in roles],
                count,
                params,  # parameters
                concept.id if concept else None,  # vocab_id
                evidence,
            )
        )
        name_of[g] = name

    relations: list[ExtractedRelation] = []
    seen_pairs: set[tuple[int, int]] = set()
    for r in sorted(state.relations, key=lambda r: -r.confidence):
        hg, tg = mentions[r.head].group, mentions[r.tail].group
        if hg == tg or hg not in name_of or tg not in name_of:
            continue
        head, tail = name_of[hg], name_of[tg]
        if (hg, tg) in seen_pairs or entity_key(head) == entity_key(tail):
            continue
        seen_pairs.add((hg, tg))  # one relation per ordered pair: the most confident
        start, end = r.sent
        relations.append(
            ExtractedRelation(
                head,
                _RELATION_VALUE[r.relation],
                tail,
                Evidence(text[start:end], start, end, r.rule, r.confidence),
            )
        )
    return PaperExtraction(paper=paper, entities=entities, relations=_reduce(relations))


def _reduce(relations: list[ExtractedRelation]) -> list[ExtractedRelation]:
    """Drop ``A r C`` where ``A r B`` and ``B r C`` hold (keep the direct parent only)."""
    if len(relations) < 3:  # a drop needs three distinct relations: A-B, B-C and A-C
        return relations
    pairs = {(r.head, r.type, r.tail) for r in relations}
    tails: dict[tuple[str, str], set[str]] = {}
    for h, t, tl in pairs:
        tails.setdefault((h, t), set()).add(tl)
    return [
        r
        for r in relations
        if not any((b, r.type, r.tail) in pairs for b in tails[(r.head, r.type)] if b != r.tail)
    ]
