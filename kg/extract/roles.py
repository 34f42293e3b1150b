"""Paper roles: what the paper does with each entity, from cues around its mentions.

- ``proposes``: the title's name, "we propose/introduce/present X", "our X";
- ``compares_with``: after "outperforms", "compared to", "faster than", "vs.", "matches";
- ``runs_on``: hardware in the paper's own runs ("on 2048 Ascend 910", "a single GPU");
- ``evaluates_on``: datasets the paper reports results on ("on ImageNet", "evaluated on");
- ``uses``: in a sentence about the paper's own work ("we", "our", the proposed name),
  or after "based on", "using", "built on", "implemented in", "we adopt";
- ``mentions``: everything else (background, motivation).
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.relations import derived_suffix
from kg.extract.state import DocState, Mention, RoleCue, ensure_extension, state_of
from kg.ontology import EntityType, Role

__all__ = ["proposed_groups", "is_own_work", "mention_role", "assign_roles", "PaperRoles"]

_PROPOSE_RULES = frozenset({"title_name", "proposed_name"})
_OUR = re.compile(r"\bour\s(?:\w+\s){0,2}$", re.IGNORECASE)
_PROPOSE_BEFORE = re.compile(
    r"\b(?:we|paper|work|and)\s(?:\w+ly\s)?(?:propose|introduce|present|develop|design|build|"
    r"release|unveil)[sd]?\s(?:[^.;]{0,60}?(?:called|named|dubbed|termed)\s|"
    r"(?:a|an)\s[^.;:()]{0,60}?,\s)?(?:\w+\s){0,1}$",
    re.IGNORECASE,
)
_OUR_NAME = re.compile(r"\b[Oo]ur\s(?:(?:new|proposed|novel)\s|[\w\s-]{0,40},\s)?$")
_NOVEL_APPOSITIVE = re.compile(r"^\)?,\s(?:a|an)\s(?:novel|new)\b")
_PROPOSE_VERB = re.compile(r"\b(?:propose|introduce|present|develop|design|build|release|unveil)")
_OWN = re.compile(
    r"\b(?:we|our|us|this\s(?:paper|work|study|report)|the\sproposed|in\sthis)\b", re.IGNORECASE
)
_BACKGROUND = re.compile(
    r"\b(?:existing|prior|previous|traditional|conventional|recent(?:ly)?|popular|"
    r"state-of-the-art|has\sbeen|have\sbeen|has\sshown|have\sshown|widely)\b",
    re.IGNORECASE,
)
_COMPARE = re.compile(
    r"\b(?:outperform\w*|compared\s(?:to|with|against)|comparison\s(?:to|with)|than|versus|"
    r"vs\.?|against|surpass\w*|beat\w*|match(?:es|ing)?|relative\sto|over|competitive\swith|"
    r"on[\s-]par\swith|baselines?|rivals?|exceed\w*|improv\w+\s(?:up)?on|"
    r"(?:comparable|competitive|similar)\s(?:to|with))\b",
    re.IGNORECASE,
)
_COMPARE_LOW = re.compile(_COMPARE.pattern)
_USE_STRONG = re.compile(
    r"\b(?:based\son|using|built\s(?:on|upon|with|atop)|implemented\s(?:in|on|with)|adopt\w*|"
    r"employ\w*|leverag\w*|on\stop\sof)\s(?:the\s)?(?:\S+\s)?$",
    re.IGNORECASE,
)
_RUN_BEFORE = re.compile(
    r"\b(?:on|using|with|across|to|in|per|over|onto)\s(?:up\sto\s|more\sthan\s|over\s)?"
    r"(?:[\w,.\-]+\s){0,3}$",
    re.IGNORECASE,
)


_NOT_USED = re.compile(
    r"\b(?:without|instead\sof|replac\w+|rather\sthan|unlike|inspired\sby|success\sof|"
    r"popularity\sof|beyond)\b[^.;:]*$",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|our|We|Our)\b")
_ON_BEFORE = re.compile(r"\b(?:on|across|using|with)\s(?:the\s)?(?:[\d,]+\s)?(?:\S+\s)?$")


def proposed_groups(state: DocState, text: str) -> set[int]:
    """Groups of the entities the paper proposes (title name, "we propose X", "our X")."""
    spans = state.proposed
    out = {m.group for m in state.mentions if m.rule in _PROPOSE_RULES}
    short_of = {(a.long_start, a.long_end): a.short for a in state.abbreviations}
    cue_sents = {
        state.sentence_of(c.start())
        for c in _PROPOSE_VERB.finditer(state.lowered(), state.title_end)
    }
    for m in state.mentions:
        if any(s < m.end and m.start < e for s, e in spans):
            out.add(m.group)
            continue
        sent = state.sentence_of(m.start)
        if m.specific and (
            _OUR_NAME.search(text, max(sent[0], m.start - 50), m.start)
            or _NOVEL_APPOSITIVE.match(text[m.end : m.end + 20])
        ):
            out.add(m.group)
            continue
        if sent not in cue_sents:
            continue
        before = text[max(sent[0], m.start - 90) : m.start]
        if (
            _PROPOSE_BEFORE.search(before)
            and (m.specific or (m.start, m.end) in short_of)
            and m.type is not EntityType.HARDWARE
        ):
            out.add(m.group)
    # variants the paper derives from its own names (X-ID, X-OOD, X++) are its own too
    own_names = {m.text for m in state.mentions if m.group in out and m.specific}
    for m in state.mentions:
        if m.group not in out and m.specific and any(derived_suffix(m.text, n) for n in own_names):
            out.add(m.group)
    return out


def is_own_work(sentence: str, has_proposed: bool) -> bool:
    """True if a sentence is about the paper's own work, not background."""
    return has_proposed or bool(_OWN.search(sentence))


def mention_role(
    text: str,
    m: Mention,
    sent: tuple[int, int],
    own: bool,
    is_title: bool,
    compare_ends: list[int] | None = None,
) -> tuple[Role, str, float]:
    """The role cue of one mention that is not of a proposed entity.

    ``compare_ends``: where comparison cues end in ``text`` (found once per sentence).
    """
    if compare_ends is None:
        compare_ends = [c.end() for c in _COMPARE.finditer(text, sent[0], sent[1])]
    lo = max(sent[0], m.start - 90)
    near = text[lo : m.start]
    t = m.type
    if t is EntityType.DATASET and _ON_BEFORE.search(near):
        return Role.EVALUATES_ON, "dataset_on", 0.75
    if t is EntityType.HARDWARE and _ON_BEFORE.search(near) and own:
        return Role.RUNS_ON, "hardware_on", 0.75
    cmp = next((e for e in compare_ends if lo <= e <= m.start), None)
    if cmp is not None and not _WE.search(text, cmp, m.start):
        return Role.COMPARES_WITH, "compare_cue", 0.7
    if t is EntityType.HARDWARE:
        if own or is_title or _RUN_BEFORE.search(near[-40:]):
            return Role.RUNS_ON, "hardware_on", 0.7
        return Role.MENTIONS, "background", 0.5
    if t is EntityType.DATASET:
        if own or is_title or re.search(r"\b(?:on|across)\s(?:the\s)?\S*\s?$", near):
            return Role.EVALUATES_ON, "dataset_on", 0.7
        return Role.MENTIONS, "background", 0.5
    if _NOT_USED.search(near[-50:]):
        return Role.MENTIONS, "not_used_cue", 0.6
    if is_title:
        return Role.USES, "title_use", 0.6
    if own:
        return Role.USES, "own_work_use", 0.6
    if _USE_STRONG.search(near[-40:]) and not _BACKGROUND.search(text, sent[0], m.start):
        return Role.USES, "use_cue", 0.55
    return Role.MENTIONS, "background", 0.5


def assign_roles(text: str, state: DocState) -> None:
    """Fill ``state.roles`` with one cue per mention."""
    proposed = proposed_groups(state, text)
    low = state.lowered()
    by_sent: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, m in enumerate(state.mentions):
        by_sent[state.sentence_of(m.start)].append(i)
    for sent, idxs in by_sent.items():
        sentence = text[sent[0] : sent[1]]
        has_proposed = any(state.mentions[i].group in proposed for i in idxs)
        own = is_own_work(sentence, has_proposed)
        is_title = sent[0] == 0 and sent[1] <= state.title_end
        compare_ends = [c.end() for c in _COMPARE_LOW.finditer(low, sent[0], sent[1])]
        for i in idxs:
            m = state.mentions[i]
            if m.group in proposed:
                if m.rule in _PROPOSE_RULES or _OUR.search(text[max(0, m.start - 30) : m.start]):
                    state.roles.append(RoleCue(i, Role.PROPOSES, m.rule, 0.9))
                else:
                    state.roles.append(RoleCue(i, Role.PROPOSES, "proposed_entity", 0.8))
                continue
            role, rule, conf = mention_role(text, m, sent, own, is_title, compare_ends)
            state.roles.append(RoleCue(i, role, rule, conf))


@Language.factory("kg_roles")
class PaperRoles:
    """Fills ``doc._.kg.roles``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        assign_roles(state_of(doc).text, state_of(doc))
        return doc
