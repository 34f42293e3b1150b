"""Find known entities (``kg.vocab`` concepts) in a Doc with spaCy's PhraseMatcher.

Matching is on lower-cased tokens, tolerant of hyphen/space variants
("Mixture-of-Experts", "mixture of experts") and plural forms ("GPUs"). Where matches
overlap, the longest wins. A single-word label that the vocabulary writes with capitals
("Adam") does not match an all-lower-case word ("adam"), so named things are not found
in ordinary prose; a generic concept's word ("Transformer", "Ethernet", not an acronym)
is no name and matches in lower case too ("transformer-based models"). A title of
capitalised ordinary words led by "The" ("The Stack") matches only with its capitals (or
in all capitals, any case for "The", and in its hyphen, space and plural variants): "the
stack" is not the data set The Stack. A name spelt with inner capitals ("ZeRO") does not
match a capitalised ordinary word leading a lower-case compound ("Zero-shot" at the start
of a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, cast

from spacy.attrs import IDX  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.state import Mention, ensure_extension, state_of
from kg.ontology import EntityType
from kg.vocab import VocabConcept

__all__ = [
    "label_variants",
    "joined_variants",
    "device_plurals",
    "ordinary_compound",
    "VocabMatcher",
    "build_phrase_matcher",
]

RULE = "vocab"


def label_variants(label: str) -> set[str]:
    """Surface variants of a vocabulary label: hyphen/space swaps and plural forms.

    >>> sorted(label_variants("Mixture-of-Experts"))
    ['Mixture of Experts', 'Mixture-of-Experts']
    >>> sorted(label_variants("pipeline parallelism"))[:2]
    ['pipeline parallelism', 'pipeline parallelisms']
    >>> "GPUs" in label_variants("GPU")
    True
    """
    label = " ".join(label.split())
    if not label:
        return set()
    forms = {label, label.replace("-", " "), label.replace(" ", "-")}
    plurals = set()
    for f in forms:
        last = re.split(r"[ -]", f)[-1]
        if not last or not last[-1].isalpha() or last.endswith("s"):
            continue
        if last.isupper():
            plurals.add(f + "s")
        elif f.endswith("y") and f[-2:-1] not in ("a", "e", "i", "o", "u"):
            plurals.add(f[:-1] + "ies")
        elif f.endswith(("sh", "ch", "x")):
            plurals.add(f + "es")
        else:
            plurals.add(f + "s")
    return forms | plurals


# The space or hyphen before a version number that writers also leave out: "TPU v3" as
# "TPUv3", "GPT-3" as "GPT3" (not before a size, "OPT 13B", nor before a letter: "Deep
# Q-Network" is no "DeepQ-Network").
_VERSION_GAP = re.compile(r"(?<=[A-Za-z])[ -](?=v?\d+(?:\.\d+)*(?:[ -]|$))")


def joined_variants(label: str) -> set[str]:
    """The surface variants of ``label`` written without the gap before its versions.

    >>> sorted(joined_variants("Cloud TPU v3"))
    ['Cloud TPUv3', 'Cloud-TPUv3']
    >>> "GPT3" in joined_variants("GPT-3"), joined_variants("OPT 13B")
    (True, set())
    """
    if not _VERSION_GAP.search(label):
        return set()
    return label_variants(_VERSION_GAP.sub("", label))


def device_plurals(forms: set[str]) -> set[str]:
    """Plurals of device names that end in a number: "A100s", "RTX 4090s" (devices are
    counted, "1,024 A100s"; ``label_variants`` forms no plural after a digit).

    >>> sorted(device_plurals({"A100", "TPU v4", "GPU"}))
    ['A100s', 'TPU v4s']
    """
    return {f + "s" for f in forms if f[-1:].isdigit()}


def _needs_case(label: str) -> bool:
    """A one-word label with capitals is a name: do not match it in lower case."""
    return " " not in label and "-" not in label and label != label.lower()


def _word_label(label: str) -> bool:
    """True if ``label`` reads as a word (three lower-case letters or more), not an
    acronym: a generic concept's word ("Transformer", "LayerNorm") is written in lower
    case as often ("transformer-based"), but its acronym in lower case is another word
    ("pp", percentage points, is no "PP").

    >>> [_word_label(x) for x in ("Transformer", "LayerNorm", "PP", "GPUs", "NVMe")]
    [True, True, False, False, False]
    """
    return sum(c.islower() for c in label) >= 3


_TITLE_WORD = re.compile(r"[A-Z][a-z]+|of|the|and|in|for|on|a|an|to")


def needs_exact_case(label: str) -> bool:
    """True if ``label`` only names its concept when written with its own capitals.

    That is a title of capitalised ordinary words led by "The" ("The Stack"), which in
    lower case is ordinary prose ("the stack"). Other Title Case labels ("Direct
    Preference Optimization") are often written in lower case for the same thing.

    >>> [needs_exact_case(x) for x in ("The Stack", "The Foo Set", "Thestack", "Adam")]
    [True, True, False, False]
    """
    words = re.split(r"[ -]", label)
    return len(words) > 1 and words[0] == "The" and all(_TITLE_WORD.fullmatch(w) for w in words)


def written_as(surface: str, forms: frozenset[str]) -> bool:
    """True if ``surface`` is one of ``forms``, word for word as written or in capitals.

    The first word ("The") may be in any case: "trained on the Pile" names the Pile.

    >>> forms = frozenset({"The Stack"})
    >>> [written_as(s, forms) for s in ("The Stack", "the STACK", "the stack", "The stack")]
    [True, True, False, False]
    """
    words = re.split(r"([ -])", " ".join(surface.split()))
    for form in forms:
        fwords = re.split(r"([ -])", form)
        if len(fwords) == len(words) and all(
            w == f or (w == f.upper() and w != w.lower()) or (i == 0 and w.lower() == f.lower())
            for i, (w, f) in enumerate(zip(words, fwords, strict=True))
        ):
            return True
    return False


# "-shot", "-knowledge": a lower-case word after a hyphen, but not a name's usual affixes
_COMPOUND_TAIL = re.compile(
    r"-(?!(?:based|like|style|compatible|powered|enabled|native|specific|friendly|only|"
    r"aware|optimized|accelerated|trained|tuned|scale|sized|level|wise)\b)[a-z]"
)


def ordinary_compound(surface: str, concept: VocabConcept, text: str, end: int) -> bool:
    """True if ``surface`` is a capitalised ordinary word leading a lower-case compound
    ("Zero-shot", "Zero-knowledge", at the start of a sentence) while the vocabulary
    spells the name with inner capitals ("ZeRO"): then it is not the name.

    >>> from kg.vocab import VocabConcept
    >>> zero = VocabConcept("urn:x:zero", "zero", "Method", "ZeRO")
    >>> t = "Zero-shot ZeRO-based Zero-Offload"
    >>> [ordinary_compound("Zero", zero, t, e) for e in (4, 14, 25)]
    [True, False, False]
    """
    if not surface[1:].islower() or _COMPOUND_TAIL.match(text, end) is None:
        return False
    low = surface.lower()
    return any(
        label.lower() == low and label[1:] != label[1:].lower()
        for label in (concept.pref_label, *concept.alt_labels)
    )


def device_cluster(surface: str, concept: VocabConcept) -> bool:
    """True for a generic cluster named by its devices ("GPU cluster", "TPU clusters"):
    the mention is the devices themselves, so the shorter device match is taken instead
    ("on a 32 GPU cluster" runs on 32 GPUs).

    >>> from kg.vocab import VocabConcept
    >>> cluster = VocabConcept("urn:x:gc", "gpu-cluster", "Hardware", "GPU cluster", specific=False)
    >>> device_cluster("GPU clusters", cluster), device_cluster("GPU", cluster)
    (True, False)
    """
    return (
        not concept.specific
        and concept.type == "Hardware"
        and surface.lower().endswith(("cluster", "clusters"))
    )


def build_phrase_matcher(
    nlp: Language,
    concepts: Iterable[VocabConcept],
    record: list[tuple[int, list[str]]] | None = None,
) -> tuple[PhraseMatcher, list[VocabConcept], dict[str, bool | frozenset[str]]]:
    """A PhraseMatcher whose match ids index ``concepts``; plus which forms need case.

    The case table maps a lower-cased form to True (refuse it in all lower case), False
    (any case), or the set of the only spellings it matches in (``needs_exact_case``).
    ``record`` receives every pattern added, as (concept index, its tokens' lower forms),
    in order (for the compiled twin).
    """
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    # Tokenise patterns with a copy of the tokenizer: thousands of pattern strings in the
    # pipeline tokenizer's cache make every later document several times slower to tokenise.
    tokenize = Tokenizer(nlp.vocab).from_bytes(cast(Tokenizer, nlp.tokenizer).to_bytes())
    concept_list = list(concepts)
    case_sensitive: dict[str, bool | frozenset[str]] = {}
    seen: set[str] = set()
    for i, concept in enumerate(concept_list):
        patterns = []
        for label in (concept.pref_label, *concept.alt_labels):
            exact = needs_exact_case(label)
            for form in label_variants(label):
                low = form.lower()
                if low in seen:
                    continue
                seen.add(low)
                if exact:
                    case_sensitive[low] = frozenset(
                        f for f in label_variants(label) if f.lower() == low
                    )
                else:
                    case_sensitive[low] = (
                        (concept.specific or not _word_label(label))
                        and _needs_case(label)
                        and form.lower() != form
                    )
                patterns.append(tokenize(form))
        if patterns:
            matcher.add(str(i), patterns)
            if record is not None:
                record.extend((i, [t.lower_ for t in p]) for p in patterns)
    # after every written label, so that no joined form or device plural takes another
    # concept's label
    for i, concept in enumerate(concept_list):
        patterns = []
        device = concept.type == "Hardware"
        for label in (concept.pref_label, *concept.alt_labels):
            if needs_exact_case(label):
                continue
            forms = joined_variants(label)
            if device:
                forms |= device_plurals(label_variants(label) | forms)
            for form in forms:
                low = form.lower()
                if low in seen:
                    continue
                seen.add(low)
                case_sensitive[low] = concept.specific and _needs_case(form) and low != form
                patterns.append(tokenize(form))
        if patterns:
            matcher.add(str(i), patterns)
            if record is not None:
                record.extend((i, [t.lower_ for t in p]) for p in patterns)
    return matcher, concept_list, case_sensitive


def _longest_first(match: tuple[int, int, int]) -> tuple[int, int]:
    """Sort key of a ``(match_id, start, end)`` match: longest first, then leftmost."""
    return match[1] - match[2], match[1]


#: ``EntityType(value)`` without the enum call (a vocabulary type is a type's value).
_TYPES: dict[str, EntityType] = {t.value: t for t in EntityType}


def _vocab_mention(s: int, e: int, surface: str, concept: VocabConcept) -> Mention:
    """The mention of ``concept`` at ``[s, e)``."""
    # positional (2.5x faster than keywords; test_vocab_matcher pins Mention's field order):
    # start, end, text, rule, confidence, type, specific, concept, group, type_rule
    return Mention(
        s,
        e,
        surface,
        RULE,
        0.95,
        _TYPES.get(concept.type) or EntityType(concept.type),
        concept.specific,
        concept,
        -1,
        RULE,
    )


def find_vocab_mentions(
    doc: Doc,
    matcher: PhraseMatcher,
    concepts: list[VocabConcept],
    case: dict[str, bool | frozenset[str]],
    text: str | None = None,
) -> Iterator[Mention]:
    """Non-overlapping vocabulary mentions of ``doc``, longest first."""
    matches = matcher(doc)
    if not matches:
        return
    text = doc.text if text is None else text
    taken = bytearray(len(doc))
    strings = doc.vocab.strings
    for match_id, start, end in sorted(matches, key=_longest_first):
        if 1 in taken[start:end]:
            continue
        concept = concepts[int(strings[match_id])]
        if end - start > 1 and device_cluster(
            text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])], concept
        ):
            continue  # the device match inside it is taken instead
        taken[start:end] = b"\x01" * (end - start)
        first = doc[start]
        last = first if end - start == 1 else doc[end - 1]
        s = first.idx
        e = last.idx + len(last)
        surface = text[s:e]
        low = surface.lower()
        rule = case.get(low)
        if isinstance(rule, frozenset):
            if not written_as(surface, rule):
                continue
        elif rule and (
            surface == low
            or text[e : e + 1] == "-"
            and ordinary_compound(surface, concept, text, e)
        ):
            continue
        yield _vocab_mention(s, e, surface, concept)


def _spellings(forms: frozenset[str]) -> list[list[tuple[str, str, str]]]:
    """``written_as``'s forms split into words, each with its upper and lower case."""
    return [[(w, w.upper(), w.lower()) for w in re.split(r"([ -])", f)] for f in sorted(forms)]


def vocab_twin(
    patterns: list[tuple[int, list[str]]],
    concepts: list[VocabConcept],
    case: dict[str, bool | frozenset[str]],
) -> Any | None:
    """The compiled twin of ``find_vocab_mentions`` with this matcher, or None (no
    compiled core, or a vocabulary it cannot take: one token sequence of two concepts)."""
    core = native.core()
    if core is None or not hasattr(core, "VocabTwin"):
        return None
    infos = [
        (
            not c.specific and c.type == "Hardware",
            [lab.lower() for lab in (c.pref_label, *c.alt_labels) if lab[1:] != lab[1:].lower()],
        )
        for c in concepts
    ]
    flags = [(k, v) for k, v in case.items() if isinstance(v, bool)]
    forms = [(k, _spellings(v)) for k, v in case.items() if isinstance(v, frozenset)]
    try:
        return core.VocabTwin(patterns, infos, flags, forms)
    except ValueError:
        return None


def twin_mentions(
    found: list[tuple[int, int, int]], concepts: list[VocabConcept], text: str
) -> Iterator[Mention]:
    """The mentions of the twin's (start, end, concept index) triples."""
    for s, e, k in found:
        yield _vocab_mention(s, e, text[s:e], concepts[k])


@Language.factory("kg_vocab", default_config={"vocab_files": []})
class VocabMatcher(BatchedComponent):
    """Adds a ``Mention`` for every vocabulary concept found in the doc."""

    def __init__(self, nlp: Language, name: str, vocab_files: list[str]) -> None:
        from kg.extract.vocab_loader import load_concepts

        ensure_extension()
        self.name = name
        patterns: list[tuple[int, list[str]]] = []
        self.matcher, self.concepts, self.case = build_phrase_matcher(
            nlp, load_concepts(vocab_files), patterns
        )
        self.twin = vocab_twin(patterns, self.concepts, self.case)
        # the concepts as the held mode reads them (``kg/extract/held.py``)
        self._table = None if self.twin is None else native.core().ConceptTable(self.concepts)  # type: ignore[union-attr]

    kg_stage = -2  # its place among the kg components (``native.DocChain``)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None:
            if self._table is not None and held.advance(state, "vocab", self.twin, self._table):
                return doc
            held.materialize(state)  # no compiled vocabulary: the Python matcher runs
        text = state.text
        if self.twin is not None and len(doc) and native.twin("VocabTwin") is not None:
            found = self.twin.find(text, doc.to_array(IDX).tobytes())
            if found is not None:
                state.mentions.extend(twin_mentions(found, self.concepts, text))
                return doc
        state.mentions.extend(
            find_vocab_mentions(doc, self.matcher, self.concepts, self.case, text)
        )
        return doc
