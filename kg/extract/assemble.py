"""Assemble a ``PaperExtraction`` from the mentions and cues of one processed Doc.

One entity per group of mentions: its name is the short form the paper defines, else
the form it uses most; every other form is an alias, and so is the vocabulary's
prefLabel of a matched concept when the text only uses another label. Roles come from the mentions'
cues (``mentions`` only where no other role applies); counts only on ``runs_on``
hardware and parameters only on models.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.extract.normalize import entity_key, is_non_entity
from kg.extract.state import DocState, Mention, RoleCue
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.ontology import EntityType, Role

__all__ = ["assemble", "entity_name"]

_ROLE_ORDER = list(Role)
_ACRONYM_PLURAL = re.compile(r"^[A-Z][A-Z0-9]+s$")


def entity_name(mentions: list[Mention], short_forms: set[str]) -> str:
    """The name of an entity: a defined short form, else the most used surface form."""
    texts = [m.text for m in mentions]
    shorts = [t for t in texts if t in short_forms]
    if shorts:
        return Counter(shorts).most_common(1)[0][0]
    counts = Counter(texts)
    return max(counts, key=lambda t: (counts[t], -texts.index(t)))


def _evidence(text: str, sent: tuple[int, int], rule: str, confidence: float) -> Evidence:
    return Evidence(text[sent[0] : sent[1]], sent[0], sent[1], rule, confidence)


def assemble(paper: Paper, state: DocState, text: str) -> PaperExtraction:
    """Build the guideline-format extraction of ``paper`` from its ``DocState``."""
    groups: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(state.mentions):
        groups[m.group].append(i)
    short_forms = {a.short for a in state.abbreviations}
    roles_of: dict[int, list] = defaultdict(list)
    for cue in state.roles:
        roles_of[state.mentions[cue.mention].group].append(cue)
    numbers_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    for n in state.numbers:
        numbers_of[(state.mentions[n.mention].group, n.attribute)].append(n.value)

    entities: list[ExtractedEntity] = []
    name_of: dict[int, str] = {}
    for g, idxs in groups.items():
        ms = [state.mentions[i] for i in idxs]
        if all(is_non_entity(m.text) for m in ms):
            continue
        name = entity_name(ms, short_forms)
        forms = [m.text for m in ms]
        if _ACRONYM_PLURAL.match(name):  # "GPUs" -> name "GPU", alias "GPUs"
            name = name[:-1]
            forms.append(name + "s")
        aliases: list[str] = []
        seen = {name}
        for form in forms:
            if form not in seen:
                seen.add(form)
                aliases.append(form)
        etype = ms[0].type or EntityType.METHOD
        cues = roles_of.get(g, [])
        by_role: dict[Role, RoleCue] = {}
        for cue in sorted(cues, key=lambda c: -c.confidence):
            by_role.setdefault(cue.role, cue)
        if Role.PROPOSES in by_role:
            by_role = {Role.PROPOSES: by_role[Role.PROPOSES]}
        elif len(by_role) > 1:
            by_role.pop(Role.MENTIONS, None)
        roles = sorted(by_role, key=_ROLE_ORDER.index)
        evidence = {}
        for role in roles:
            cue = by_role[role]
            sent = state.sentence_of(state.mentions[cue.mention].start)
            evidence[role.value] = _evidence(text, sent, cue.rule, cue.confidence)
        count = None
        if etype is EntityType.HARDWARE and Role.RUNS_ON in by_role:
            counts = numbers_of.get((g, "count"))
            count = max(counts) if counts else None
        params = None
        if etype is EntityType.MODEL:
            ps = numbers_of.get((g, "parameters"))
            params = ps[0] if ps else None
        concept = next((m.concept for m in ms if m.concept is not None), None)
        if concept is not None and entity_key(concept.pref_label) not in {
            entity_key(f) for f in (name, *aliases)
        }:
            aliases.append(concept.pref_label)  # the vocabulary's name for what the text says
        entities.append(
            ExtractedEntity(
                name=name,
                type=etype.value,
                aliases=aliases,
                alt_types=[],
                specific=concept.specific if concept else any(m.specific for m in ms),
                roles=[r.value for r in roles],
                count=count,
                parameters=params,
                vocab_id=concept.id if concept else None,
                evidence=evidence,
            )
        )
        name_of[g] = name

    relations: list[ExtractedRelation] = []
    seen_pairs: set[tuple[int, int]] = set()
    for r in sorted(state.relations, key=lambda r: -r.confidence):
        hg, tg = state.mentions[r.head].group, state.mentions[r.tail].group
        if hg == tg or hg not in name_of or tg not in name_of:
            continue
        key = (name_of[hg], r.relation.value, name_of[tg])
        if (hg, tg) in seen_pairs or entity_key(key[0]) == entity_key(key[2]):
            continue
        seen_pairs.add((hg, tg))  # one relation per ordered pair: the most confident
        relations.append(
            ExtractedRelation(
                key[0], r.relation.value, key[2], _evidence(text, r.sent, r.rule, r.confidence)
            )
        )
    return PaperExtraction(paper=paper, entities=entities, relations=_reduce(relations))


def _reduce(relations: list[ExtractedRelation]) -> list[ExtractedRelation]:
    """Drop ``A r C`` where ``A r B`` and ``B r C`` hold (keep the direct parent only)."""
    pairs = {(r.head, r.type, r.tail) for r in relations}
    tails: dict[tuple[str, str], set[str]] = defaultdict(set)
    for h, t, tl in pairs:
        tails[(h, t)].add(tl)
    return [
        r
        for r in relations
        if not any((b, r.type, r.tail) in pairs for b in tails[(r.head, r.type)] if b != r.tail)
    ]
