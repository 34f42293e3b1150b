"""What the pipeline components share on a ``Doc``: mentions, abbreviations, cues.

Every component reads and extends one ``DocState`` stored in ``doc._.kg``; the
assembly step turns it into a ``PaperExtraction``. Offsets are character offsets in
``doc.text`` (which is ``Paper.text``: title, a blank line, the abstract).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter

from kg.extract.normalize import lower_same_offsets
from kg.ontology import EntityType, Relation, Role
from kg.vocab import VocabConcept

__all__ = [
    "Mention",
    "Abbreviation",
    "RoleCue",
    "RelationCue",
    "NumberCue",
    "DocState",
    "state_of",
    "attach_state",
    "ensure_extension",
    "group_by_sentence",
]

_start = itemgetter(0)


@dataclass(slots=True)
class Mention:
    """One occurrence of a (candidate) entity in the text."""

    start: int
    end: int
    text: str
    rule: str
    confidence: float
    type: EntityType | None = None
    specific: bool = True
    concept: VocabConcept | None = None
    group: int = -1  # filled by grouping: mentions of one entity share a group
    type_rule: str = ""


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form defined beside its long form: ``long (short)``."""

    short_start: int
    short_end: int
    long_start: int
    long_end: int
    short: str
    long: str


@dataclass(frozen=True, slots=True)
class RoleCue:
    """A role the paper gives to the entity of mention ``mention``."""

    mention: int
    role: Role
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class RelationCue:
    """A relation between the entities of two mentions, stated in sentence ``sent``."""

    head: int
    relation: Relation
    tail: int
    rule: str
    confidence: float
    sent: tuple[int, int]


@dataclass(frozen=True, slots=True)
class NumberCue:
    """A device count or parameter count read for the entity of ``mention``."""

    mention: int
    attribute: str  # "count" or "parameters"
    value: int
    rule: str


@dataclass(slots=True)
class DocState:
    """Everything the components found in one document."""

    text: str = ""  # doc.text, computed once (spaCy rebuilds it on every access)
    title_end: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    roles: list[RoleCue] = field(default_factory=list)
    relations: list[RelationCue] = field(default_factory=list)
    numbers: list[NumberCue] = field(default_factory=list)
    proposed: list[tuple[int, int]] = field(default_factory=list)  # spans of own names
    _lower: str = ""
    #: the compiled core's copy of this state (``kg_native.NativeDoc``), made by the
    #: discovery twin and read by the later components' twins while it is valid
    #: (``kg/extract/native.py``, ``doc_twin``); None when there is none
    native: object | None = field(default=None, compare=False, repr=False)
    #: the caller assembles the extraction from a held ``native`` (``kg/extract/held.py``),
    #: so the last component leaves it held; else it builds the state's objects
    keep_native: bool = field(default=False, compare=False, repr=False)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding character ``offset``."""
        sentences = self.sentences
        if not sentences:
            return 0, self.title_end
        i = bisect_right(sentences, offset, key=_start)  # sentences starting at or before
        return sentences[i - 1] if i else sentences[0]

    def mention_sentences(self) -> list[tuple[int, int]]:
        """``sentence_of(m.start)`` for every mention, in order (the starts listed once)."""
        sentences = self.sentences
        if not sentences:
            return [(0, self.title_end)] * len(self.mentions)
        starts = [s for s, _ in sentences]
        return [sentences[max(bisect_right(starts, m.start) - 1, 0)] for m in self.mentions]

    def lowered(self) -> str:
        """``text`` lower-cased with its offsets kept (``lower_same_offsets``), once."""
        if not self._lower:
            self._lower = lower_same_offsets(self.text)
        return self._lower

    def types(self) -> set[EntityType]:
        return {m.type for m in self.mentions if m.type is not None}


def group_by_sentence(sents: list[tuple[int, int]]) -> dict[tuple[int, int], list[int]]:
    """Mention indices by sentence (sentences in order of first use), given the sentence
    of each mention (``DocState.mention_sentences``)."""
    out: dict[tuple[int, int], list[int]] = {}
    for i, sent in enumerate(sents):
        idxs = out.get(sent)
        if idxs is None:
            out[sent] = [i]
        else:
            idxs.append(i)
    return out


#: Where spaCy keeps the value of ``doc._.kg``: ``doc.user_data[("._.", name, None, None)]``
#: (``spacy.tokens.underscore.Underscore._get_key``). Every ``doc._`` access builds a new
#: ``Underscore`` object (microseconds, several times per document), so the state is read and
#: written through ``user_data`` directly; ``doc._.kg`` sees the same value.
_STATE_KEY = ("._.", "kg", None, None)


def ensure_extension() -> None:
    """Register ``Doc._.kg`` (idempotent)."""
    from spacy.tokens import Doc

    if not Doc.has_extension("kg"):
        Doc.set_extension("kg", default=None)


def state_of(doc) -> DocState:  # noqa: ANN001 - spaCy Doc
    """The ``DocState`` of ``doc`` (``doc._.kg``), created if an earlier component did not."""
    state = doc.user_data.get(_STATE_KEY)
    if state is None:
        state = attach_state(doc, doc.text)
    return state


def attach_state(doc, text: str, keep_native: bool = False) -> DocState:  # noqa: ANN001
    """Set ``doc._.kg`` to a new ``DocState`` of ``text`` (which must be ``doc.text``);
    ``keep_native``: see ``DocState.keep_native``."""
    state = DocState(text=text, keep_native=keep_native)
    doc.user_data[_STATE_KEY] = state
    return state
