"""Relations between entities stated in one paper.

- ``extends``: a name derived from another in the same paper (X-Infinity, Xv2, X++,
  XX, X 2, X-Next), or "extends X" / "we adapt X" / "generalizing X" / "an extension of
  X" / "a novel variant of X" / "an improved version of X" / "built on top of X"; the
  subject is the mention right before the cue ("X, a variant of Y"), else the paper's
  own entity; a title naming the new method, then an existing one ("X: Y with Z");
- ``implemented_in``: "implemented in PyTorch", "we implement X in JAX", "we integrate
  X with DeepSpeed" (the verb's object X, else the paper's own entity), "built on
  MindSpore", "implemented within vLLM", "released as a PyTorch plugin", "a JAX
  implementation of X", "DeepSpeed's ZeRO", "PyTorch FSDP", "X, a JAX-based library",
  title "... in PyTorch", "M builds on PyTorch", "we extend DeepSpeed with M", "ZeRO in
  DeepSpeed", "DeepSpeed, which implements ZeRO", "S supports M"; the paper's main
  method in each system its own work only uses;
- ``is_a``: "X, a Y", "X, one of the Y", "X is a Y", "X, which is a Y", "X, the Y" and
  "X (a Y)" where Y is a generic concept, "a Y method called X", "a Y variant, dubbed X",
  "the Y method X", "Y such as X", "Y like X", "Y including X", "Y, in particular X",
  "Y methods (e.g., X1, X2)", "X and other Y", "a scalable (X) Y", "X is an example of
  a Y", "X is classified as a Y", "X1 and X2 are Ys".

>>> derived_suffix("ZeRO-Infinity", "ZeRO"), derived_suffix("DiLoCoX", "DiLoCo")
(True, True)
>>> derived_suffix("LLaMA-2 70B", "LLaMA-2"), derived_suffix("GPT-3.5", "GPT-3")
(False, False)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.normalize import find_all
from kg.extract.state import (
    DocState,
    Mention,
    RelationCue,
    ensure_extension,
    group_by_sentence,
    state_of,
)
from kg.ontology import EntityType, Relation, Role

__all__ = ["derived_suffix", "name_relation", "find_relations", "EntityRelations"]

_DERIVED = re.compile(
    r"^(?:[-\s]?(?:X|XL|Infinity|Next|Plus|Pro|Offload|Verified|Lite|Mini|Max|Ultra|Turbo|Flash|"
    r"\+\+|v\d+(?:\.\d+)?)|\s\d{1,2}|"
    r"-[A-Z][A-Za-z0-9]*|[-\s]?(?:II|III|2|3|4)(?:\.\d)?)$"
)
_MIXED_ACRONYM = re.compile(r"[A-Z][a-z]?[A-Z]+$")  # "MoE", "CoE": an acronym all the same
_SIZE_SUFFIX = re.compile(r"[-\s]?\d+(?:\.\d+)?[BMK]$")
# A family member named by its size ("ViT-B", "BERT-Large", "ViT-L/16"): the family in
# another size, no new version of it
_SIZE_NAME = re.compile(r"[-\s/](?:[BSLHT]|Base|Large|Small|Tiny|Huge|Medium)(?:/\d+)?$")
_IMPL = re.compile(
    r"\b(?:implemented|written|built|developed|integrated|incorporated|available|released|"
    r"shipped|open-sourced|merged|upstreamed|included|supported|ported)\s(?:\w+\s)?"
    r"(?:in|on|upon|into|to|with|within|atop|under|using|as\spart\sof)\s(?:the\s|top\sof\s)?$"
    r"|\bimplement(?:s|ing)?\s(?:[\w\-.+]+\s){1,3}(?:in|on|upon|atop|using|within)\s(?:the\s)?$"
    r"|\b(?:integrat|incorporat)(?:e|es|ing)\s(?:[\w\-.+]+\s){1,3}(?:in|into|with|within)\s(?:the\s)?$"
    r"|\bimplementations?\s(?:in|on|atop|using)\s(?:the\s)?$"
    r"|\bon\stop\sof\s$|\bpart\sof\s(?:the\s)?$",
    re.IGNORECASE,
)
# "X, a S-based library": between X and S, an appositive's opening ("X, a ", "X is an
# open-source "); used with fullmatch(text, pos, endpos)
_APPOS_OPEN = re.compile(r"\)?(?:,|\sis|\sare|\s\()\s(?:a|an)\s(?:[\w\-]+\s)?")
# "S's M": a system's own method or model
_IMPLEMENTED = (EntityType.METHOD, EntityType.MODEL)  # what a system can implement
_METHOD = EntityType.METHOD
# Right after a proposed system, a verb naming the technique it is built with
# ("S introduces a novel M", "S employs M"); used with match() on the text after S
_FEATURES = re.compile(
    r"\s(?:introduces|implements|incorporates|employs|integrates|features|adopts)\s"
    r"(?:(?:a|an|the)\s)?(?:(?:new|novel|simple|lightweight|efficient|custom)\s)?"
)
# Between a feature verb and a mention: the verb's object (no mention), then "with" and
# the means ("S implements the rescheduling with an efficient and scalable M")
_WITH_MEANS = re.compile(
    r"(?:[\w\-]+\s){1,3}(?:with|via|through|using)\s(?:(?:a|an|the)\s)?"
    r"(?:[\w\-]+(?:,|\sand)?\s){0,3}"
)
# "released as a PyTorch plugin", "available as a vLLM backend": the thing is shipped as
# a part of S; the opening before S, the part's noun after it (used with search/match)
_AS_A = re.compile(r"\bas\s(?:a|an)\s(?:[\w\-]+\s)?$")
_PART_NOUN = re.compile(
    r"(?:-based)?\s(?:plug-?ins?|extensions?|backends?|modules?|packages?|library|add-ons?|"
    r"operators?)\b"
)
_POSSESSIVE = re.compile(r"^['’]s\s(?:[\w\-]+\s){0,2}?(?=\S)")
# Between a system and the next mention: "a JAX implementation of X", also in Title Case
# ("A PyTorch Implementation of the X Optimizer"); used with match(text, pos, endpos).
_IMPL_OF = re.compile(
    r"\s(?:implementation|version|port)\sof\s(?:the\s)?(?:[\w\-]+\s){0,3}$", re.IGNORECASE
)
_EXTENDS_BEFORE = re.compile(
    r"\b(?:extend(?:s|ing)?|adapt(?:s|ing)?|generali[sz](?:es|ing)|upgrad(?:es|ing)|"
    r"(?:a|an)\s(?:[\w\-]+\s)?(?:extension|generali[sz]ation|variant|modification|"
    r"(?:improved|enhanced|extended|modified|generali[sz]ed|new)\sversion)\s(?:of|to)|"
    r"the\ssuccessor\s(?:of|to)|"
    r"(?:build(?:s|ing)?|built)\s(?:(?:up)?on|on\stop\sof|atop)|improves?\sup(?:on)?)\s"
    r"(?:the\s)?(?P<mods>(?:(?!of\s)[\w\-]+\s){0,2})$",  # not "built on the basis of X"
    re.IGNORECASE,
)
# A word every _EXTENDS_BEFORE match holds: found with str.find in the lowered text once
# per document, so that search (tried at every position, as it starts with \b) runs only
# before a mention whose 60 characters hold one. IGNORECASE also equates "İ", "ı" and
# "ſ" with "i" and "s", where lowering does not: a text holding one is searched anywhere.
_EXTENDS_WORDS = (
    "exten", "adapt", "generali", "upgrad", "variant", "modification", "version",
    "successor", "buil", "improve",
)  # fmt: skip
_FOLDED_APART = ("\u0130", "\u0131", "\u017f")
# Between a mention and the extends cue after it that makes the mention its subject:
# "X extends", "X, which extends", "X is a variant of", "X, a variant of".
_SUBJECT_GAP = re.compile(  # used with match(text, pos, endpos): no "^"
    r"\)?\s?(?:,\s)?(?:(?:which|that|is|are|was|were|has|have|been|be|can|will|also|further|"
    r"thus|directly|naturally|fully|efficiently)\s)*$"
)
_SUCH_AS = re.compile(
    r"^\)?[\s,]*(?:(?P<noun>variants?|methods?|techniques?|models?|systems?|frameworks?|"
    r"algorithms?|architectures?|approaches|optimizers?|schemes?|strategies|baselines?|"
    r"platforms?|processors?|families)(?:\s|(?P<comma>,)))?,?\s?"
    r"(?:(?P<named>such\sas|namely)|like|including|e\.g\.,?|especially|in\sparticular|"
    r"particularly)\s"
)
# "Y algorithms: X1, X2, and X3" (a colon opening a list of Y's members)
_COLON_LIST = re.compile(
    r"^s?(?:\s(?:variants?|methods?|techniques?|models?|systems?|frameworks?|algorithms?|"
    r"architectures?|approaches|optimizers?|schemes?|strategies|baselines?))?:\s"
)
_AND_OTHER = re.compile(r"^,?\s(?:and|or)\sother\s")  # "X (, X2) and other Y"
# "Y (X1, X2)", also after Y's class noun ("pruning techniques (e.g., X1, X2)")
_PAREN_LIST = re.compile(
    r"^s?(?:\s(?:variants?|methods?|techniques?|models?|frameworks?|algorithms?|"
    r"architectures?|approaches|optimizers?|schemes?|strategies))?\s?\((?=[^()]*,)"
)
# "such as tensor and pipeline parallelism": modifiers sharing the head of the list's
# last item; that item is a member all the same
_ELIDED_HEADS = re.compile(r"(?:[a-z][\w\-]*,?\s){1,2}(?:and|or)\s")
_LIST_GAP = re.compile(r"^(?:[\s,]|and|or|the|e\.g\.|\(|\))*$")
_NP_END = re.compile(
    r"(?:-based)?(?:\s(?:methods?|techniques?|approach|algorithms?|schemes?|variants?|strategy|"
    r"mechanisms?|architectures?|family|paradigm|frameworks?|models?|optimizers?|solvers?))?"
    r"\s*(?:[,.;:)]|\s(?:for|that|which|to|with|"
    r"and|in|on|by|based|where|designed|tailored|built|specifically|specially|explicitly)\b)"
)
# Before Y, a cue that the mention before it is a kind of Y: "X ... belonging to the Y
# family", "X is a special case of Y", "X can be viewed as an Y".
_BELONG = r"belong(?:s|ing)?\sto\s(?:the\s)?"
_KIND = (
    r"(?:a|an)\s(?:special\s|particular\s)?(?:case|kind|type|form|instance|member|example|"
    r"instantiation|subclass|subtype|class|category)\s"
    r"of\s(?:(?:the|a|an)\s)?"
)
_VIEW = r"(?:viewed|seen|regarded|understood|interpreted|classified|categori[sz]ed)\sas\s"
_KIND_OF = re.compile(  # "viewed as a special Y" too
    rf"\b(?:{_BELONG}|{_VIEW}(?:{_KIND}|(?:a|an|the)\s(?:special\s|particular\s)?)?|{_KIND})$",
    re.IGNORECASE,
)
_KIND_OF_ENDS = ("of ", "to ", "as ", "a ", "an ", "the ", "special ", "particular ")
_KIND_OF_REACH = 53  # no cue is longer: "interpreted as a particular instantiation of the "
# Between X and that cue: connectives, and at most one descriptive "a/an ..." phrase
# ("Shampoo is an online optimization algorithm belonging to ..."); used with match().
_KIND_GAP = re.compile(
    r"\)?\s?(?:,\s)?(?:(?:which|that|is|are|was|were|can|could|may|might|be|also|thus|then|"
    r"naturally|itself)\s)*(?:(?:a|an)\s(?:[\w\-]+,?\s){1,6})?$"
)
# "a novel Y method called X", "a Y variant, dubbed X", "a Y scheme, X,": a generic
# concept, a class noun or a naming verb, then the name of the kind of Y; used with
# match() on the text after Y (the article before Y is checked separately)
_KIND_NOUN = (
    r"(?:method|technique|approach|algorithm|scheme|variant|strategy|mechanism|"
    r"architecture|framework|model|optimizer|solver)"
)
_NAMED_KIND = re.compile(
    rf"(?:\s{_KIND_NOUN})?"
    r"(?:,\s(?=[A-Z])|,?\s(?:called|named|dubbed|termed|coined)(?:\sas)?\s)"
    rf"|\s{_KIND_NOUN}\s(?=[A-Z])"  # "the Y method X": the class noun, then the name
)
# Before Y in "the Y method X": the definite article too (one named member of Y)
_DEFINITE_BEFORE = re.compile(r"\bthe\s(?:[\w\-]+\s){0,2}$", re.IGNORECASE)
_APPOS_CLOSE = re.compile(r"\s?[,.;:()]|\s(?:which|that|to|for|with)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s(?:[\w\-]+,?\s){0,3}$", re.IGNORECASE)
_NP_BREAK = re.compile(r"\b(?:that|which|who|with|of|for|to|by|in|on|from|and|or)\b|[,;]")
# Coordinated adjectives before the appositive's head ("a simple yet effective Y", "a
# scalable and robust Y"): no break of the noun phrase (nouns, "a compiler and Y", are);
# an adjective by its suffix or a few plain ones; removed before _NP_BREAK is searched
_ADJ_COORD = re.compile(
    r"\b(?:[a-z][\w\-]*(?:ble|ive|al|ent|ant|ic|ous|ful|less|ed|ar|ary|ust|ile|ight)|simple|"
    r"fast|new|novel|easy|cheap|small|large|high|low|fine|clean)\s(?:and|yet|but)\s(?=[a-z])"
)
# A compound adjective ending a concept's modifier ("domain-specific", "token-level"):
# it states a property or scope of the concept, not a kind of it; of a named system too
# ("CUDA-aware MPI": MPI with CUDA support, no new version or kind); used with search()
_PROPERTY_MODIFIER = re.compile(
    r"-(?:specific|efficient|level|based|aware|friendly|oriented|intensive|centric)\s$",
    re.IGNORECASE,
)
# "X, a Y", "X (a Y)", "X is a Y", also "X, which is a Y", "X is also a Y" and "X, the
# standard Y" (a definite article naming the class's best-known member)
_APPOS = re.compile(
    r"^\)?\s?(?:,(?:\swhich\s(?:is|are))?|\sis|\sare|\s\()"
    r"(?:\s(?:also|essentially|itself|thus|now))?\s?"
    r"(?:a|an|the|one\sof\sthe|among\sthe)\s((?:[\w\-]+\s){0,5})"
)


def derived_suffix(derived: str, base: str) -> bool:
    """True if ``derived`` is ``base`` plus a version or variant suffix (not a size)."""
    if len(base) < 2 or not derived.startswith(base) or derived == base:
        return False
    suffix = derived[len(base) :]
    return bool(_DERIVED.match(suffix)) and not _SIZE_SUFFIX.match(suffix)


def name_relation(a: str, a_specific: bool, b: str, b_specific: bool) -> Relation | None:
    """The relation one name's form implies to another's, in the same paper.

    ``a`` derived from a named ``b`` by a version suffix, or a named prefix ("MicroAdam",
    "Adam") extends it; a named variant of a generic concept ("MoE-Z" of "MoE") is a kind
    of it, as the concept has no version to extend (a size, "BERT-Large", is neither); a
    modifier before a generic head ("sparse attention", "attention") or an acronym with
    one prefix letter ("SSWL", "SWL") makes ``a`` a kind of ``b``. A property modifier
    ("token-level X", "CUDA-aware S") makes neither.

    >>> name_relation("MicroAdam", True, "Adam", True)
    <Relation.EXTENDS: 'extends'>
    >>> name_relation("sparse attention", False, "attention", False)
    <Relation.IS_A: 'is_a'>
    >>> name_relation("GPT-3 13B", True, "GPT-3", True) is None
    True
    >>> name_relation("BERT-Large", True, "BERT", True) is None
    True
    >>> name_relation("Samba-CoE", True, "CoE", True)
    <Relation.IS_A: 'is_a'>
    >>> name_relation("MoE-Z", True, "MoE", False)
    <Relation.IS_A: 'is_a'>
    >>> name_relation("CUDA-aware MPI", True, "MPI", True) is None
    True
    """
    if a == b or len(b) < 2 or (b.isupper() and len(b) < 3):
        return None
    if a_specific and derived_suffix(a, b):  # a named variant of a concept is a kind of it
        if _SIZE_NAME.match(a, len(b)):
            return None
        return Relation.EXTENDS if b_specific else Relation.IS_A
    if a.endswith(b) and len(a) > len(b):
        prefix = a[: -len(b)]
        core = prefix.strip(" -")
        acronym = len(b) >= 3 and (b.isupper() or _MIXED_ACRONYM.match(b) is not None)
        letter = prefix.endswith("-") and core.isupper() and b_specific  # "C-AdamW"
        if not core or not (
            len(core) >= 2 or letter or acronym and (core.isupper() or core.isdigit())
        ):
            return None
        if _PROPERTY_MODIFIER.search(prefix):
            return None  # "token-level X", "CUDA-aware S" state a scope or support, no kind
        if prefix.endswith((" ", "-")):
            return Relation.IS_A if acronym or not b_specific else Relation.EXTENDS
        if a.isupper() and len(core) > 1:  # "TEMPI", "MPI": letters that merely coincide
            return None
        if b[0].isupper() and a_specific and (prefix[0].isupper() or prefix[0].isdigit()):
            return Relation.IS_A if acronym else Relation.EXTENDS
    return None


def _name_cues(state: DocState, sents: list[tuple[int, int]]) -> Iterator[RelationCue]:
    """Relations the names imply (derived versions, named heads), within the paper."""
    names: dict[tuple[int, str], tuple[int, Mention]] = {}
    for i, m in enumerate(state.mentions):
        names.setdefault((m.group, m.text), (i, m))
    texts = {t for _, t in names}
    # flat rows, and each name's candidates (texts inside it) picked by a comprehension:
    # most pairs share no text, and unpacking every pair in the loop cost twice as much
    rows = [(g, t, i, m) for (g, t), (i, m) in names.items()]
    done: set[tuple[int, int]] = set()
    for g1, t1, i1, m1 in rows:
        for g2, t2, i2, m2 in [r for r in rows if r[1] in t1]:
            if g1 == g2 or (g1, g2) in done:
                continue
            if m2.type is EntityType.SYSTEM and _prefixed_by_system(t1, t2):
                done.add((g1, g2))
                yield RelationCue(
                    i1, Relation.IMPLEMENTED_IN, i2, "name_system_prefix", 0.7, sents[i1]
                )
                continue
            rel = name_relation(t1, m1.specific, t2, m2.specific)
            if rel is Relation.EXTENDS and _joins_names(t1, t2, texts):
                continue
            if rel is Relation.IS_A and not m1.specific and not _named_apart(state, g2, t1, t2):
                continue
            if _branded(t1, t2, texts):
                continue
            if rel is Relation.IS_A and m1.specific and _procedure(state, g2):
                rel = Relation.EXTENDS
            if rel is not None and m2.type in _IMPLEMENTED and _software(state, g1):
                # "a framework GraphGPS" named after the method "GPS": the software ships it
                done.add((g1, g2))
                yield RelationCue(
                    i2, Relation.IMPLEMENTED_IN, i1, "name_software_of", 0.6, sents[i1]
                )
                continue
            if rel is not None:
                done.add((g1, g2))
                yield RelationCue(i1, rel, i2, f"name_{rel.value}", 0.7, sents[i1])


# Right before a name: a noun presenting it as software ("a modular framework X")
_SOFTWARE_BEFORE = re.compile(
    r"\b(?:framework|library|toolkit|toolbox|package|codebase|software)\s(?:called\s|named\s)?$",
    re.IGNORECASE,
)


def _software(state: DocState, group: int) -> bool:
    """True if the text presents the entity as software: "a framework X", "the library X"
    (a name after its software noun), so a method it is named after ships in it."""
    text = state.text
    return any(
        _SOFTWARE_BEFORE.search(text, max(0, x.start - 24), x.start) is not None
        for x in state.mentions
        if x.group == group
    )


def _procedure(state: DocState, group: int) -> bool:
    """True if the entity's long form ends in a gerund ("Supervised Fine-Tuning"): a
    procedure, which a named method modifying it extends ("Set Supervised Fine-Tuning"),
    unlike a class of artefacts ("Graph Neural Networks"), which it is a kind of."""
    return any(
        x.text.endswith("ing") and " " in x.text.replace("-", " ")
        for x in state.mentions
        if x.group == group
    )


def _named_apart(state: DocState, group: int, name: str, part: str) -> bool:
    """False if every mention of ``part``'s entity is the tail of ``name`` ("Layered
    gradient accumulation" split at a capital): the text never names the part on its own,
    so it is no second entity ("two entities only if the text names both separately")."""
    if len(name) <= len(part) or name[-len(part) :].lower() != part.lower():
        return True
    prefix = name[: -len(part)].lower()
    n, text = len(prefix), state.text
    return any(
        text[max(0, x.start - n) : x.start].lower() != prefix
        for x in state.mentions
        if x.group == group
    )


def _prefixed_by_system(name: str, system: str) -> bool:
    """ "PyTorch FSDP" for "PyTorch": a name led by a system's name, then a capitalised
    word, names a part the system ships (not a version: "PyTorch 2" is one)."""
    n = len(system)
    return (
        len(name) > n + 1
        and name[n] == " "
        and name.startswith(system)
        and name[n + 1].isupper()
        and not derived_suffix(name, system)
    )


def _joins_names(name: str, part: str, names: set[str]) -> bool:
    """ "A-B" or "A B" for part "A" (or "B") where the other part is a name of the paper
    too: the name joins two things ("TIR-VI" translation, a hybrid), no version of one."""
    n = len(part)
    if len(name) <= n + 1:
        return False
    if name.startswith(part) and name[n] in " -":
        return name[n + 1 :] in names
    return name.endswith(part) and name[-n - 1] in " -" and name[: -n - 1] in names


def _branded(name: str, part: str, names: set[str]) -> bool:
    """ "Brand-B" for "B" where another name of the paper starts with "Brand-" too
    ("Brand-A"): the brand prefixes a family's products, so "Brand-B" is B's full name
    (an alias), neither a version nor a kind of it."""
    n = len(name) - len(part)
    if n < 4 or not name.endswith(part) or name[n - 1] != "-":
        return False
    brand = name[:n]  # "Brand-", at least three letters: "C-X" is a variant's prefix
    return any(t != name and t.startswith(brand) and len(t) > n for t in names)


# "A, a commercial chip, and B": an item's appositive between two listed items
_APPOS_ITEM = re.compile(r",\san?\s[a-z][\w\- ]{0,40},\s(?:and|or)\s")


def _list_members(text: str, idxs: list[int], ms: list[Mention], start: int, group: int):
    """Mentions listed right after ``start`` ("A, B and C"), stopping at other words."""
    last = start
    for j in idxs:
        x = ms[j]
        if x.start < start or x.group == group:
            continue
        if (
            not _listed_next(text, last, x.start)
            and not (last == start and _ELIDED_HEADS.fullmatch(text, last, x.start))
            and not (last > start and _APPOS_ITEM.fullmatch(text, last, x.start))
        ):
            break
        yield j
        last = x.end


def _paren_items(
    text: str, idxs: list[int], ms: list[Mention], start: int, group: int, found: list[int]
) -> list[int]:
    """Mentions that make a whole item of the comma list in the parentheses opened right
    before ``start`` ("(A, b, C)" gives C too, past the unrecognised item "b")."""
    close = text.find(")", start)
    if close < 0:
        return []
    out: list[int] = []
    for j in idxs:
        x = ms[j]
        if x.start < start or x.end > close or x.group == group or j in found:
            continue
        if text[start : x.start].endswith(", ") and text[x.end : x.end + 1] in (",", ")"):
            out.append(j)
    return out


def _listed_before(text: str, idxs: list[int], ms: list[Mention], i: int) -> list[int]:
    """Mention ``i`` and those listed right before it ("A, B and C" for C)."""
    out = [i]
    first = ms[i].start
    for j in reversed(idxs):
        x = ms[j]
        if j >= i or x.end > first:
            continue
        if not _listed_next(text, x.end, first):
            break
        out.append(j)
        first = x.start
    return out


def _listed_next(text: str, end: int, start: int) -> bool:
    """True if what lies between ``end`` and ``start`` joins two items of one list."""
    return start - end <= 25 and _LIST_GAP.match(text[end:start]) is not None


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much
class _Sentence:
    """One sentence's mentions and what the relation rules read of the paper."""

    text: str
    ms: list[Mention]
    idxs: list[int]  # indices (into ``ms``) of the sentence's mentions, in order
    sent: tuple[int, int]
    proposed: set[int]  # groups of the entities the paper proposes
    head: int | None  # the sentence's proposed mention, else the paper's main one


def find_relations(text: str, state: DocState) -> list[RelationCue]:
    """All relation cues of a document (mentions are typed, roles assigned)."""
    fast = native.twin("relations_find_relations")
    if (
        fast is not None
        and text == state.text
        and (
            (got := native.doc_twin("relations_find_relations_doc", state)) is not None
            or (got := fast(state)) is not None
        )
    ):
        # the same cues, compiled (kg/extract/native.py)
        return [RelationCue(h, Relation(r), t, rule, c, sent) for h, r, t, rule, c, sent in got]
    state.native = None
    ms = state.mentions
    sents = state.mention_sentences()
    out: list[RelationCue] = list(_name_cues(state, sents))
    proposed = {ms[c.mention].group for c in state.roles if c.role is Role.PROPOSES}
    first_of: dict[int, int] = {}
    for i, m in enumerate(ms):
        first_of.setdefault(m.group, i)
    main = first_of.get(min(proposed)) if proposed else None
    _proposed_parts(ms, sents, proposed, first_of, out)
    _used_system(state, sents, proposed, first_of, out)
    _title_kind(text, state.title_end, ms, proposed, out)
    _title_lineage(text, state.title_end, ms, proposed, out)
    words = _extends_words(state)
    for sent, idxs in group_by_sentence(sents).items():
        head = next((i for i in idxs if ms[i].group in proposed), main)
        cx = _Sentence(text, ms, idxs, sent, proposed, head)
        for i in idxs:
            m = ms[i]
            reach = max(sent[0], m.start - 60)
            before = text[reach : m.start]
            after = text[m.end : min(sent[1], m.end + 80)]
            if m.type is EntityType.SYSTEM:
                _implemented_in(cx, i, before, after, out)
            if words is None or words and _word_within(words, reach, m.start):
                _extends(cx, i, before, after, out)
            if m.specific and m.type is _METHOD and "with " in before[-6:]:
                _combines(cx, i, before, out)
            _is_a(cx, i, after, out)
            if not m.specific and after[:1] in (" ", ","):
                _named_kind(cx, i, before, after, out)
            if before.endswith(_KIND_OF_ENDS):  # every _kind_of cue ends in one of these
                _kind_of(cx, i, before, out)
    out = _stated_class_first(out, ms)
    return [c for c in out if _types_fit(c.relation, ms[c.head].type, ms[c.tail].type)]


def _extends_words(state: DocState) -> list[int] | None:
    """Where an ``_EXTENDS_WORDS`` word starts in the text, in order; None if the text
    holds a character lowering misses (every mention is then searched)."""
    text = state.text
    if any(c in text for c in _FOLDED_APART):
        return None
    low = state.lowered()
    return sorted(find_all(low, _EXTENDS_WORDS))


def _word_within(words: list[int], start: int, end: int) -> bool:
    """True if a word of ``words`` (sorted offsets) starts in ``[start, end)``."""
    k = bisect_left(words, start)
    return k < len(words) and words[k] < end


def _stated_class_first(cues: list[RelationCue], ms: list[Mention]) -> list[RelationCue]:
    """Drop an is_a a name's form implies ("PowerSGD", "SGD") for an entity whose class
    the text states ("PowerSGD: ... Gradient Compression"), and a name's extends where
    the text states is_a between the same pair: is_a is what the text says."""
    stated = {
        (ms[c.head].group, ms[c.tail].group)
        for c in cues
        if c.relation is Relation.IS_A and not c.rule.startswith("name_")
    }
    if not stated:
        return cues
    heads = {h for h, _ in stated}
    # "two Zorb platforms, namely ZorbLite": the text states the kind, so the name's
    # version suffix gives no second relation (extends) between the same pair
    return [
        c
        for c in cues
        if not (c.rule == "name_is_a" and ms[c.head].group in heads)
        and not (c.rule == "name_extends" and (ms[c.head].group, ms[c.tail].group) in stated)
    ]


_THINGS = (EntityType.HARDWARE, EntityType.DATASET)


def _types_fit(relation: Relation, head: EntityType | None, tail: EntityType | None) -> bool:
    """A hardware or dataset entity is a kind or version only of its own type ("host-GPU"
    read as a method is no GPU); methods, models and systems mix ("ViT-B" extends "ViT").
    Software is what things are implemented in (the ontology's range of implemented_in),
    and a chip or a benchmark is no code ("Arena-X, a benchmark built on Windows" runs on
    it, the guideline's head of implemented_in is a method or model)."""
    if relation is Relation.IMPLEMENTED_IN:
        return tail is EntityType.SYSTEM and head not in _THINGS
    return head is tail or (head not in _THINGS and tail not in _THINGS)


def _proposed_parts(
    ms: list[Mention],
    sents: list[tuple[int, int]],
    proposed: set[int],
    first_of: dict[int, int],
    out: list[RelationCue],
) -> None:
    """A method or model the paper proposes ships as part of the system it proposes."""
    systems = [first_of[g] for g in proposed if ms[first_of[g]].type is EntityType.SYSTEM]
    if not 1 <= len(systems) <= 2:
        return
    for g in proposed:
        i = first_of[g]
        if ms[i].type in _IMPLEMENTED:
            for system in systems:
                out.append(
                    RelationCue(
                        i, Relation.IMPLEMENTED_IN, system, "proposed_part_of_system", 0.5, sents[i]
                    )
                )


def _used_system(
    state: DocState,
    sents: list[tuple[int, int]],
    proposed: set[int],
    first_of: dict[int, int],
    out: list[RelationCue],
) -> None:
    """The paper's main method or model is built with each system its own work uses.

    A system the paper only uses (no comparison, no background mention) is one its own
    work "applies, builds on or is implemented with" (the guideline's ``uses``), and
    software the work is built with is what its method is implemented in ("we propose X
    ... our experiments use JAX"), even when no sentence names both."""
    if not proposed:
        return
    ms = state.mentions
    own = first_of[min(proposed)]
    if ms[own].type not in _IMPLEMENTED:
        return
    roles: dict[int, set[Role]] = {}
    for c in state.roles:
        roles.setdefault(ms[c.mention].group, set()).add(c.role)
    for g, rs in roles.items():
        u = first_of[g]
        if rs == {Role.USES} and ms[u].type is EntityType.SYSTEM:
            out.append(RelationCue(own, Relation.IMPLEMENTED_IN, u, "used_system", 0.4, sents[u]))


# A title "X: <description>": where the description's first phrase ends, unless it is an
# activity ("X: Scaling Up ...", "X: Towards ..."); trailing generic nouns it may end with.
_TITLE_SEP = re.compile(r"\s*(?::|\s--?\s|\s—\s)\s*(?:(?:A|An|The)\s)?")
_PHRASE_END = re.compile(
    r"\s(?:for|with|via|in|on|of|to|from|by|using|at|and|through|towards?|under)\s|[,:;?]",
    re.IGNORECASE,
)
_ACTIVITY = re.compile(r"(?:\w+ing|Towards?|On|When|Why|How|What|Beyond)\b")
_GENERIC_TAIL = re.compile(
    r"s?(?:\s(?:mechanisms?|frameworks?|methods?|approach|algorithms?|schemes?|techniques?|"
    r"architectures?))?$",
    re.IGNORECASE,
)


def _title_kind(
    text: str, title_end: int, ms: list[Mention], proposed: set[int], out: list[RelationCue]
) -> None:
    """ "PowerSGD: Practical Low-Rank Gradient Compression": the method the title names is
    a kind of the generic concept its description's first phrase ends in."""
    title = [i for i, m in enumerate(ms) if m.end <= title_end]
    if not title or ms[title[0]].group not in proposed or ms[title[0]].type is not _METHOD:
        return
    x = ms[title[0]]
    sep = _TITLE_SEP.match(text, x.end, title_end)
    if sep is None or _ACTIVITY.match(text, sep.end(), title_end):
        return
    end = _PHRASE_END.search(text, sep.end(), title_end)
    phrase_end = end.start() if end is not None else title_end
    for j in title[1:]:
        y = ms[j]
        if (
            y.end <= phrase_end
            and not y.specific
            and y.type is _METHOD
            and y.group != x.group
            and _GENERIC_TAIL.match(text, y.end, phrase_end)
        ):
            out.append(
                RelationCue(title[0], Relation.IS_A, j, "title_kind_is_a", 0.55, (0, title_end))
            )
            return


# In a title, before a named method: a preposition naming what the work targets or runs
# on ("X: Low-Rank Adaptation for Y", "X: ... in Y"), not its lineage; used with search()
_TITLE_TARGET = re.compile(r"\b(?:in|on|from|for)\s", re.IGNORECASE)


def _title_lineage(
    text: str, title_end: int, ms: list[Mention], proposed: set[int], out: list[RelationCue]
) -> None:
    """ "X: Accelerating Y with Z", "X: Unleashing the Power of Y", "X: Y with Z": a title
    that names the paper's new method X, then an existing named method Y, presents X as
    a new version or variant of Y (the guideline's extends), unless Y is what the work
    is for ("X: Faster Pruning for Y"). Only a method's: a title "Accelerating LLaMA
    Inference" names a model the work serves, no version of it."""
    if len(ms) < 2 or ms[1].end > title_end or ms[0].group not in proposed:
        return
    x, y = ms[0], ms[1]
    if x.type is not _METHOD or not x.specific or y.type is not _METHOD or not y.specific:
        return
    if y.group == x.group or y.group in proposed:
        return  # "X: Y and Z" naming two new methods of the paper: parts, no lineage
    sep = _TITLE_SEP.match(text, x.end, title_end)
    if sep is None or _TITLE_TARGET.search(text, sep.end(), y.start):
        return
    out.append(RelationCue(0, Relation.EXTENDS, 1, "title_lineage", 0.55, (0, title_end)))


# In the first sentence, right before a system: the title's "... in S" (of the paper's
# own work); after a system, the verbs by which any system ships a technique; before a
# system, what makes the method right before it one the system ships
_TITLE_IN_SYSTEM = re.compile(r"\b(?:in|for|with)\s$")
_SHIPS_AFTER = (" implements ", " supports ", ", which implements ")
_IN_BEFORE = ("in ", "within ", "in the ", "within the ")


def _implemented_in(cx: _Sentence, i: int, before: str, after: str, out: list[RelationCue]) -> None:
    """Cues that system ``i`` implements a method or model: "implemented in S", "an S
    implementation of X", title "X ... in S", "S's X", "X, a S-based library"."""
    ms, idxs, sent, m = cx.ms, cx.idxs, cx.sent, cx.ms[i]
    imp = _IMPL.search(before)
    if imp is not None:
        subject = next(
            (
                j
                for j in reversed(idxs)
                if j < i and ms[j].group in cx.proposed and ms[j].group != m.group
            ),
            next((j for j in reversed(idxs) if j < i and ms[j].type in _IMPLEMENTED), cx.head),
        )
        cue_start = m.start - len(before) + imp.start()
        adjacent = _adjacent_subject(cx.text, idxs, ms, i, cue_start, None)
        subjects = [subject] if adjacent is None else _listed_before(cx.text, idxs, ms, adjacent)
        # "implement X in S", "integrate X into S": the verb's object X, inside the cue
        obj = next((j for j in idxs if cue_start <= ms[j].start and j < i), None)
        if obj is not None and ms[obj].type in _IMPLEMENTED and ms[obj].group != m.group:
            subjects = [obj]
        for subject in subjects:  # "X and Y are implemented in S": each of them
            if subject is not None and ms[subject].group != m.group:
                out.append(
                    RelationCue(
                        subject, Relation.IMPLEMENTED_IN, i, "implemented_in_cue", 0.8, sent
                    )
                )
    if "of" in after:
        nxt = next((j for j in idxs if ms[j].start > m.end), None)
        if nxt is not None and _IMPL_OF.match(cx.text, m.end, ms[nxt].start):
            out.append(
                RelationCue(nxt, Relation.IMPLEMENTED_IN, i, "implementation_of", 0.75, sent)
            )
    head = cx.head
    if (
        sent[0] == 0
        and head is not None
        and ms[head].group != m.group
        and _TITLE_IN_SYSTEM.search(before)
    ):
        out.append(RelationCue(head, Relation.IMPLEMENTED_IN, i, "title_in_system", 0.6, sent))
    # "released as a S plugin": the literal "as " first, then the regexes
    if "as " in before[-20:] and _AS_A.search(before) and _PART_NOUN.match(after):
        cue_start = m.start - len(before) + before.rfind("as ")
        subject = _adjacent_subject(cx.text, idxs, ms, i, cue_start, cx.head)
        if subject is not None and ms[subject].group != m.group:
            out.append(
                RelationCue(subject, Relation.IMPLEMENTED_IN, i, "shipped_as_part", 0.7, sent)
            )
    if after.startswith("-based "):  # "X, a S-based framework": X is built on S
        x = next((j for j in reversed(idxs) if j < i), None)
        if x is not None and _APPOS_OPEN.fullmatch(cx.text, ms[x].end, m.start):
            out.append(RelationCue(x, Relation.IMPLEMENTED_IN, i, "based_on_system", 0.75, sent))
    if m.group in cx.proposed and after.startswith(" "):
        _system_features(cx, i, after, out)
    elif after.startswith(_SHIPS_AFTER):
        _system_features(cx, i, after, out, _SHIPS)
    if sent[0] > 0 and before.endswith(_IN_BEFORE):
        _method_in_system(cx, i, before, out)
    own = _POSSESSIVE.match(after)  # S's M: the system's own method or model
    if own is not None:
        at = m.end + own.end()
        for j in idxs:
            if ms[j].start == at and ms[j].type in _IMPLEMENTED:
                out.append(
                    RelationCue(j, Relation.IMPLEMENTED_IN, i, "possessive_system", 0.7, sent)
                )


# Between a method and a system right after it: "ZeRO in DeepSpeed", "the M within the
# S framework"; used with fullmatch(text, pos, endpos)
_IN_SYSTEM = re.compile(r"\)?\s(?:in|within)\s(?:the\s)?")


def _method_in_system(cx: _Sentence, i: int, before: str, out: list[RelationCue]) -> None:
    """ "ZeRO in DeepSpeed", "tensor parallelism within Megatron-LM": a method named
    right before "in S" is the one that software ships (a model "in S" is one it serves
    or trains: "we serve LLaMA in vLLM"). Not in the title, whose "... in S" is the
    paper's own work's (``title_in_system``)."""
    ms, m = cx.ms, cx.ms[i]
    if i == 0:
        return
    x = ms[i - 1]
    if x.type is _METHOD and x.group != m.group and _IN_SYSTEM.fullmatch(cx.text, x.end, m.start):
        out.append(
            RelationCue(i - 1, Relation.IMPLEMENTED_IN, i, "method_in_system", 0.55, cx.sent)
        )


# After any system (not only the paper's own): a verb stating it ships the technique
# ("DeepSpeed implements ZeRO", "S, which implements M", "S supports M"); a system the
# paper only uses "adopts" or "employs" what others may ship too
_SHIPS = re.compile(
    r",?\s(?:which\s)?(?:implements|supports)\s(?:(?:a|an|the)\s)?"
    r"(?:(?:new|novel|simple|lightweight|efficient|custom)\s)?"
)


def _system_features(
    cx: _Sentence, i: int, after: str, out: list[RelationCue], verbs: re.Pattern[str] = _FEATURES
) -> None:
    """ "S introduces a novel M", "S employs M": the proposed system's own technique;
    "DeepSpeed implements ZeRO": any system's (``verbs`` is then ``_SHIPS``)."""
    cue = verbs.match(after)
    if cue is None:
        return
    at = cx.ms[i].end + cue.end()
    for j in cx.idxs:
        y = cx.ms[j]
        if y.start < at:
            continue
        # "S implements X with an efficient M": the verb's object, or the means it names
        if y.start != at and not _WITH_MEANS.fullmatch(cx.text, at, y.start):
            return
        # any system "supports" a model it can run: only a method is what it ships
        kinds = _IMPLEMENTED if verbs is _FEATURES else (_METHOD,)
        if y.type in kinds and y.group != cx.ms[i].group:
            out.append(RelationCue(j, Relation.IMPLEMENTED_IN, i, "system_features", 0.6, cx.sent))
        return


# Right after a system that a cue extends: "with" and the part added to it ("we extend
# S with a new M"); used with match() on the text after the system
_WITH_PART = re.compile(r"\swith\s(?:(?:a|an|the|our)\s)?(?:(?:new|novel|custom)\s)?")


def _extends(cx: _Sentence, i: int, before: str, after: str, out: list[RelationCue]) -> None:
    """ "extends X", "a variant of X", ...: the mention next to the cue, else the paper's
    own entity, extends X. A method or model that "builds on" or "extends" software is
    built with it (the guideline's implemented_in), no version of it; so is the part
    "we extend S with" adds."""
    ext = _EXTENDS_BEFORE.search(before)
    if ext is None:
        return
    m = cx.ms[i]
    if ext.group("mods") and not m.specific:
        return  # "generalizing few-shot X": the object is a kind of X the mention misses
    cue_start = m.start - len(before) + ext.start()
    if i > 0 and cx.ms[i - 1].end > cue_start:
        return  # "builds on X Y": the cue's object is X, the mention right after it
    subject = _adjacent_subject(cx.text, cx.idxs, cx.ms, i, cue_start, cx.head)
    if m.type is EntityType.SYSTEM:
        built = _built_with(cx, i, ext.group(0), after, subject)
        if built is not None:
            if cx.ms[built].group != m.group:
                out.append(
                    RelationCue(built, Relation.IMPLEMENTED_IN, i, "built_on_system", 0.7, cx.sent)
                )
            return
    if subject is not None and cx.ms[subject].group != m.group:
        out.append(RelationCue(subject, Relation.EXTENDS, i, "extends_cue", 0.7, cx.sent))


def _built_with(cx: _Sentence, i: int, cue: str, after: str, subject: int | None) -> int | None:
    """The method or model built with system ``i`` that an extends cue names: "M builds
    on S", "M is built on top of S" (the cue's subject), "we extend S with M" (the part
    added); None where the cue states a version of the software ("X extends S")."""
    ms, m = cx.ms, cx.ms[i]
    verb = cue[:5].lower()
    if verb == "exten":
        part = _WITH_PART.match(after) if after.startswith(" with ") else None
        if part is None or i + 1 >= len(ms) or ms[i + 1].start != m.end + part.end():
            return None
        subject = i + 1
    elif verb not in ("build", "built"):
        return None
    return subject if subject is not None and ms[subject].type in _IMPLEMENTED else None


# "X integrates <a part of Y> with Z", "X combines Y with Z": X is built from named
# methods, each of which it extends; used with search() on the text before Z
_COMBINES = re.compile(
    r"\b(?:integrat|combin|unif|marri)(?:es|ing|ied|ies)\s(?:[\w\-]+\s){0,6}with\s$",
    re.IGNORECASE,
)


# "X, a new optimizer that integrates": an appositive, then the relative pronoun
_RELATIVE_GAP = re.compile(r",\s(?:a|an|the)\s(?:[\w\-]+\s){0,4}(?:that|which)\s")


def _combines(cx: _Sentence, i: int, before: str, out: list[RelationCue]) -> None:
    """ "X, a new optimizer that integrates the technique in Y with Z": the paper's own
    method X extends the named methods it is built from (Y and Z)."""
    cue = _COMBINES.search(before)
    head = cx.head
    if cue is None or head is None or cx.ms[head].group not in cx.proposed:
        return
    ms = cx.ms
    if ms[head].type not in _IMPLEMENTED or not ms[head].specific:
        return
    cue_start = ms[i].start - len(before) + cue.start()
    x = next((j for j in reversed(cx.idxs) if ms[j].end <= cue_start), None)
    if x is None or ms[x].group != ms[head].group:
        return  # the cue's subject is the paper's entity, named right before it
    if not (
        _SUBJECT_GAP.match(cx.text, ms[x].end, cue_start)
        or _RELATIVE_GAP.fullmatch(cx.text, ms[x].end, cue_start)
    ):
        return
    parts = [j for j in cx.idxs if cue_start <= ms[j].start < ms[i].start] + [i]
    for j in parts:
        if ms[j].specific and ms[j].type is _METHOD and ms[j].group != ms[head].group:
            out.append(RelationCue(head, Relation.EXTENDS, j, "combines_extends", 0.6, cx.sent))


def _is_a(cx: _Sentence, i: int, after: str, out: list[RelationCue]) -> None:
    """ "X, a Y", "X is a Y", "X (a Y)"; "Y such as X, X2"; "X, X2 and other Y"."""
    text, ms, idxs, sent, m = cx.text, cx.ms, cx.idxs, cx.sent, cx.ms[i]
    # "Mamba SSMs": a method's name right before its generic class (mentions are in text
    # order and never overlap, so the next one is ``i + 1``)
    # "a scalable (Zorb) graph transformer": an acronym the words before it define, then
    # their head; the phrase names a kind of that head
    gap = 1 if after[:1] == " " else 2 if after[:2] == ") " else 0
    if m.type is _METHOD and m.specific and gap and i + 1 < len(ms):
        y = ms[i + 1]
        if y.start == m.end + gap and not y.specific and y.type is _METHOD and y.group != m.group:
            out.append(RelationCue(i, Relation.IS_A, i + 1, "name_before_class", 0.6, sent))
    ap = _APPOS.match(after)  # Y: a generic concept heading the appositive
    if ap:
        limit = m.end + ap.end()
        for j in idxs:
            y = ms[j]
            if (
                m.end < y.start <= limit
                and not y.specific
                and y.group != m.group
                and _NP_END.match(text, y.end)
                and not _NP_BREAK.search(_ADJ_COORD.sub("", text[m.end + ap.start(1) : y.start]))
            ):
                out.append(RelationCue(i, Relation.IS_A, j, "appositive_is_a", 0.65, sent))
                break
    elif after.startswith(" are "):
        _plural_kind(cx, i, after, out)
    # also "Y (X1, X2, X3)" and "Y: X1, X2, X3"; a named Y with its class noun too
    # ("EMO algorithms: X1, X2")
    cue = _SUCH_AS.match(after) or ("(" in after[:16] and _PAREN_LIST.match(after)) or None
    colon = _COLON_LIST.match(after) if cue is None and ":" in after[:16] else None
    if colon is not None and (not m.specific or colon.end() > 3):
        cue = colon
    # a named Y with its class noun ("two X platforms, namely A and B") also lists kinds
    named = cue is not None and cue.re is _SUCH_AS and _named_class(cue, m)
    if cue is not None and cue.re is _SUCH_AS and cue.group("comma") and not named:
        cue = None  # "data parallel training strategies, such as": the Y may be cut short
    if cue and (not m.specific or cue is colon or named):
        members = list(_list_members(text, idxs, ms, m.end + cue.end(), m.group))
        if after[cue.end() - 1 : cue.end()] == "(":
            members += _paren_items(text, idxs, ms, m.end + cue.end(), m.group, members)
        for j in members:
            out.append(RelationCue(j, Relation.IS_A, i, "such_as_is_a", 0.65, sent))
    other = _AND_OTHER.match(after) if "other" in after[:12] else None
    if other is not None:
        k = next((j for j in idxs if ms[j].start >= m.end + other.end()), None)
        if (
            k is not None
            and not ms[k].specific
            and ms[k].group != m.group
            and not _NP_BREAK.search(text, m.end + other.end(), ms[k].start)
            and ms[k].start - m.end - other.end() <= 30
        ):
            for j in _listed_before(text, idxs, ms, i):
                out.append(RelationCue(j, Relation.IS_A, k, "and_other_is_a", 0.65, sent))


def _named_class(cue: re.Match[str], m: Mention) -> bool:
    """True for a named Y, its class noun, then a cue that lists all or typical members
    ("two X platforms, namely A and B"): those members are kinds of Y. "X algorithms,
    including A" is left out: the list often strays from Y (fine-tuning under RL)."""
    return m.specific and cue.group("noun") is not None and cue.group("named") is not None


# "X1 and X2 are (both) Y methods": the copula, then a bare plural's modifiers
_ARE_BARE = re.compile(r"\sare\s(?:both\s|all\s|also\s)?((?:[\w\-]+\s){0,3})")


def _plural_kind(cx: _Sentence, i: int, after: str, out: list[RelationCue]) -> None:
    """ "GPipe and PipeDream are pipeline parallelism schemes": each listed name before
    a bare plural "are Y" is a kind of the generic concept Y."""
    text, ms, m = cx.text, cx.ms, cx.ms[i]
    if i == 0 or not _listed_next(text, ms[i - 1].end, m.start):
        return  # a single subject: "X is a Y" is the appositive's
    cue = _ARE_BARE.match(after)
    if cue is None:
        return
    listed = _listed_before(text, cx.idxs, ms, i)
    limit = m.end + cue.end()
    y = next((j for j in cx.idxs if j > i), None)
    if y is None or not m.end < ms[y].start <= limit or ms[y].specific:
        return
    if _NP_BREAK.search(text, m.end + cue.start(1), ms[y].start) or not _NP_END.match(
        text, ms[y].end
    ):
        return
    for j in listed:
        if ms[j].specific and ms[j].group != ms[y].group:
            out.append(RelationCue(j, Relation.IS_A, y, "plural_kind_is_a", 0.6, cx.sent))


def _named_kind(cx: _Sentence, i: int, before: str, after: str, out: list[RelationCue]) -> None:
    """ "we propose a novel Y method called X", "a Y variant, dubbed X", "the Y method X":
    X, named right after the generic concept Y that an article opens, is a kind of Y."""
    cue = _NAMED_KIND.match(after)
    if cue is None or not cue.group(0).strip(" ,") and "," not in cue.group(0):
        return
    ms, m = cx.ms, cx.ms[i]
    if i + 1 >= len(ms) or ms[i + 1].start != m.end + cue.end():
        return
    x = ms[i + 1]
    if not x.specific or x.group == m.group:
        return
    if not _ARTICLE_BEFORE.search(before) and not (
        cue.group(0)[-1] == " " and _DEFINITE_BEFORE.search(before)
    ):
        return
    if cue.group(0).startswith(",") and not _APPOS_CLOSE.match(cx.text, x.end):
        return  # "a Y, X and Z": a list, not a name
    out.append(RelationCue(i + 1, Relation.IS_A, i, "named_kind_is_a", 0.6, cx.sent))


def _kind_of(cx: _Sentence, i: int, before: str, out: list[RelationCue]) -> None:
    """ "X belongs to the Y family", "X is a special case of Y", "X can be viewed as a Y":
    the mention right before the cue, of Y's type, is a kind of Y. Every cue ends in one
    of ``_KIND_OF_ENDS``, right before Y: the caller tests that first (hot path)."""
    reach = max(0, len(before) - _KIND_OF_REACH)
    tail = before[reach:]
    if " of " not in tail and " as " not in tail and "belong" not in tail:
        return  # each cue holds one of these
    kind = _KIND_OF.search(before, reach)
    if kind is None:
        return
    ms, m = cx.ms, cx.ms[i]
    cue_start = m.start - len(before) + kind.start()
    for j in reversed(cx.idxs):
        if j >= i or ms[j].end > cue_start:
            continue
        x = ms[j]
        if x.group != m.group and x.type is m.type and _KIND_GAP.match(cx.text, x.end, cue_start):
            out.append(RelationCue(j, Relation.IS_A, i, "kind_of_is_a", 0.6, cx.sent))
        return


def _adjacent_subject(
    text: str, idxs: list[int], ms: list[Mention], i: int, cue_start: int, default: int | None
) -> int | None:
    """The mention right before a cue that is its subject ("X, a variant of", "X is
    implemented in"), else ``default``."""
    for j in reversed(idxs):
        if j >= i or ms[j].end > cue_start:
            continue
        return j if _SUBJECT_GAP.match(text, ms[j].end, cue_start) else default
    return default


@Language.factory("kg_relations")
class EntityRelations(BatchedComponent):
    """Fills ``doc._.kg.relations``."""

    kg_stage = 4  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "relations"):
            return doc
        state.relations.extend(find_relations(state.text, state))
        return doc
