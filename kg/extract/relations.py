"""Relations between entities stated in one paper.

- ``extends``: a name derived from another in the same paper (X-Infinity, Xv2, X++,
  XX, X 2, X-Next), or "extends X" / "generalizing X" / "an extension of X";
- ``implemented_in``: "implemented in PyTorch", "built on MindSpore", "a JAX
  implementation of X", title "... in PyTorch";
- ``is_a``: "X, a Y" and "X is a Y" where Y is a generic concept, "Y such as X",
  "Y like X", "Y including X".

>>> derived_suffix("ZeRO-Infinity", "ZeRO"), derived_suffix("DiLoCoX", "DiLoCo")
(True, True)
>>> derived_suffix("LLaMA-2 70B", "LLaMA-2"), derived_suffix("GPT-3.5", "GPT-3")
(False, False)
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.state import DocState, RelationCue, ensure_extension, state_of
from kg.ontology import EntityType, Relation, Role

__all__ = ["derived_suffix", "find_relations", "EntityRelations"]

_DERIVED = re.compile(
    r"^(?:[-\s]?(?:X|XL|Infinity|Next|Plus|Pro|Offload|\+\+|v\d+(?:\.\d+)?)|\s\d{1,2}|"
    r"-[A-Z][a-z]+|[-\s]?(?:II|III|2|3|4)(?:\.\d)?)$"
)
_IMPL = re.compile(
    r"\b(?:implemented|written|built|developed|integrated|available|released|shipped|"
    r"open-sourced)\s(?:\w+\s)?(?:in|on|upon|into|with|atop|as\spart\sof)\s(?:the\s|top\sof\s)?$"
    r"|\bon\stop\sof\s$|\bpart\sof\s(?:the\s)?$",
    re.IGNORECASE,
)
_IMPL_OF = re.compile(r"^\s(?:implementation|version|port)\sof\s(?:the\s)?(?:\w+\s){0,3}$")
_EXTENDS_BEFORE = re.compile(
    r"\b(?:extend(?:s|ing)?|generaliz(?:es|ing)|generalis(?:es|ing)|an\sextension\sof|"
    r"a\sgeneralization\sof|a\svariant\sof|builds?\sup(?:on)?|improves?\sup(?:on)?)\s(?:the\s)?$",
    re.IGNORECASE,
)
_SUCH_AS = re.compile(r"^[\s,]*(?:such\sas|like|including|e\.g\.,?|especially|namely)\s")
_APPOS = re.compile(r"^\)?\s?(?:,|\sis|\sare)\s(?:a|an)\s((?:[\w\-]+\s){0,5})")


def derived_suffix(derived: str, base: str) -> bool:
    """True if ``derived`` is ``base`` plus a version or variant suffix (not a size)."""
    if len(base) < 2 or not derived.startswith(base) or derived == base:
        return False
    return bool(_DERIVED.match(derived[len(base) :]))


def _sent_mentions(state: DocState) -> dict[tuple[int, int], list[int]]:
    out: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, m in enumerate(state.mentions):
        out[state.sentence_of(m.start)].append(i)
    return out


def find_relations(text: str, state: DocState) -> list[RelationCue]:
    """All relation cues of a document (mentions are typed, roles assigned)."""
    ms = state.mentions
    out: list[RelationCue] = []
    proposed = {ms[c.mention].group for c in state.roles if c.role is Role.PROPOSES}
    first_of: dict[int, int] = {}
    for i, m in enumerate(ms):
        first_of.setdefault(m.group, i)
    # extends by name derivation, within the paper
    names = {m.group: (i, m) for i, m in enumerate(ms) if m.specific}
    for g1, (i1, m1) in names.items():
        for g2, (i2, m2) in names.items():
            if g1 != g2 and derived_suffix(m1.text, m2.text):
                out.append(
                    RelationCue(
                        i1,
                        Relation.EXTENDS,
                        i2,
                        "name_derivation",
                        0.75,
                        state.sentence_of(m1.start),
                    )
                )
    for sent, idxs in _sent_mentions(state).items():
        head = next((i for i in idxs if ms[i].group in proposed), None)
        if head is None and proposed:
            head = first_of.get(min(proposed))
        for i in idxs:
            m = ms[i]
            before = text[max(sent[0], m.start - 60) : m.start]
            after = text[m.end : min(sent[1], m.end + 80)]
            subject = next(
                (
                    j
                    for j in idxs
                    if j < i and ms[j].type is not EntityType.SYSTEM and ms[j].group != m.group
                ),
                head,
            )
            if m.type is EntityType.SYSTEM and _IMPL.search(before) and subject is not None:
                out.append(
                    RelationCue(
                        subject, Relation.IMPLEMENTED_IN, i, "implemented_in_cue", 0.8, sent
                    )
                )
            if m.type is EntityType.SYSTEM and _IMPL_OF.match(after):
                nxt = next((j for j in idxs if ms[j].start > m.end), None)
                if nxt is not None:
                    out.append(
                        RelationCue(
                            nxt, Relation.IMPLEMENTED_IN, i, "implementation_of", 0.75, sent
                        )
                    )
            if (
                m.type is EntityType.SYSTEM
                and sent[0] == 0
                and head is not None
                and re.search(r"\b(?:in|for|with)\s$", before)
                and ms[head].group != m.group
            ):
                out.append(
                    RelationCue(head, Relation.IMPLEMENTED_IN, i, "title_in_system", 0.6, sent)
                )
            if _EXTENDS_BEFORE.search(before) and head is not None and ms[head].group != m.group:
                out.append(RelationCue(head, Relation.EXTENDS, i, "extends_cue", 0.7, sent))
            # X, a Y  /  X is a Y  (Y a generic concept named within the appositive)
            ap = _APPOS.match(after)
            if ap and m.specific:
                limit = m.end + ap.end()
                for j in idxs:
                    y = ms[j]
                    if m.end < y.start <= limit and not y.specific and y.group != m.group:
                        out.append(RelationCue(i, Relation.IS_A, j, "appositive_is_a", 0.65, sent))
                        break
            # Y such as X, X2 and X3
            if not m.specific and _SUCH_AS.match(after):
                cue_end = m.end + _SUCH_AS.match(after).end()
                for j in idxs:
                    x = ms[j]
                    if x.start >= cue_end and x.start - cue_end < 60 and x.specific:
                        out.append(RelationCue(j, Relation.IS_A, i, "such_as_is_a", 0.65, sent))
    return out


@Language.factory("kg_relations")
class EntityRelations:
    """Fills ``doc._.kg.relations``."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        state.relations.extend(find_relations(doc.text, state))
        return doc
