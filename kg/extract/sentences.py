"""Sentence segmentation for a title plus an abstract.

The title is its own sentence. The abstract is split after ``.``, ``!`` or ``?``
(plus closing quotes or brackets) when whitespace and a capital letter, digit or
opening bracket follow, except after abbreviations ("e.g.", "i.e.", "et al.", "vs.",
"Fig.", "Eq.", ...). Decimals and URLs never split because no space follows the dot.

>>> text = "DeMo: Momentum\\n\\nWe use e.g. Adam et al. We run on 2.5 GPUs. Done."
>>> [text[s:e] for s, e in split_sentences(text, title_end=14)]
['DeMo: Momentum', 'We use e.g. Adam et al. We run on 2.5 GPUs.', 'Done.']
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

import numpy
from spacy.attrs import IDX, SENT_START  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.state import attach_state, ensure_extension, state_of
from kg.models import TITLE_SEPARATOR

__all__ = ["split_sentences", "SentenceSegmenter"]

_BOUNDARY = re.compile(r"[.!?][\"')\]]*(\s+)(?=[\"'(\[]?[A-Z0-9\\$])")
# ``_BOUNDARY`` for texts without "!" or "?": a literal first character scans much faster.
_DOT_BOUNDARY = re.compile(r"\.[\"')\]]*(\s+)(?=[\"'(\[]?[A-Z0-9\\$])")
# Words whose final dot does not end a sentence (lower-cased, without the dot).
_NO_SPLIT_AFTER = frozenset(
    [
        "e.g",
        "i.e",
        "et",
        "al",
        "vs",
        "v",
        "cf",
        "fig",
        "figs",
        "eq",
        "eqs",
        "sec",
        "secs",
        "tab",
        "ref",
        "refs",
        "approx",
        "resp",
        "no",
        "nos",
        "dr",
        "prof",
        "mr",
        "ms",
        "st",
        "incl",
        "viz",
        "ca",
        "al",
        # references to parts of a paper: "(Sect. 5)", "Alg. 1", "Thm. 2", "App. B"
        "sect",
        "alg",
        "algs",
        "thm",
        "lem",
        "prop",
        "def",
        "cor",
        "app",
        "appx",
        "ch",
        "chap",
        "ver",
    ]
)
_WORD_CHARS = string.ascii_letters + "."
# the same characters as a set, for the compiled twin (``kg/extract/native.py``)
_WORD_CHAR_SET = frozenset(_WORD_CHARS)
_NOT_START = 2**64 - 1  # SENT_START -1, as the uint64 that ``Doc.from_array`` takes


# What may precede an initial or a dotted abbreviation ("J. Smith", "(U.S."): not a digit,
# hyphen or slash, which make the letters a unit or a name's end ("66B.", "7000 queries/s.")
_BEFORE_INITIAL = frozenset(" \t\n([{\"'~")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the ``.`` at ``dot`` closes an abbreviation such as "e.g." or "et al."."""
    # the run of letters and dots ending at the dot, at most 12 characters long
    tail = text[max(0, dot - 12) : dot]
    word = tail[len(tail.rstrip(_WORD_CHARS)) :]
    kind = _abbreviation_kind(word)
    if kind != _INITIAL:
        return kind == _LISTED
    before = dot - len(word) - 1
    return before < 0 or text[before] in _BEFORE_INITIAL


_NONE, _LISTED, _INITIAL = 0, 1, 2


@lru_cache(maxsize=8192)
def _abbreviation_kind(word: str) -> int:
    """Whether a dot after ``word`` (letters and dots) may not end a sentence: ``_LISTED``
    for a known abbreviation, ``_INITIAL`` for an initial ("J.") or a dotted abbreviation
    ("U.S."), which depend on what precedes them, else ``_NONE``."""
    word = word.lower().rstrip(".")
    if word in _NO_SPLIT_AFTER or word.split(".")[-1] in _NO_SPLIT_AFTER:
        return _LISTED
    # single capital initial ("J. Smith") or a dotted abbreviation ("U.S.")
    return _INITIAL if len(word) == 1 or ("." in word and len(word) <= 5) else _NONE


def split_sentences(text: str, title_end: int) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; ``text[:title_end]`` is the title.

    Args:
        text: ``Paper.text`` (title, blank line, abstract).
        title_end: offset where the title ends.

    Returns:
        ``(start, end)`` pairs, in order, without surrounding whitespace.
    """
    fast = native.twin("sentences_split_sentences")
    if fast is not None and (out := fast(text, title_end)) is not None:
        return out  # the same spans, compiled (kg/extract/native.py)
    spans: list[tuple[int, int]] = []
    if title_end > 0:
        spans.append((0, title_end))
    start = title_end
    while start < len(text) and text[start].isspace():
        start += 1
    boundary = _BOUNDARY if "!" in text or "?" in text else _DOT_BOUNDARY
    for m in boundary.finditer(text, start):
        dot = m.start()
        if text[dot] == "." and _is_abbreviation(text, dot):
            continue
        end, next_start = m.span(1)
        if end > start:
            spans.append((start, end))
        start = next_start
    end = len(text.rstrip())
    if end > start:
        spans.append((start, end))
    return spans


def title_end_of(text: str) -> int:
    """Where the title ends in ``Paper.text`` (the whole text if there is no abstract)."""
    i = text.find(TITLE_SEPARATOR)
    return len(text) if i < 0 else i


@Language.factory("kg_sentences")
class SentenceSegmenter(BatchedComponent):
    """Sets ``is_sent_start`` on tokens and ``doc._.kg.sentences``."""

    kg_stage = -3  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extension()
        self._chain = native.DocChain(nlp, held.HELD_STAGES, last=True)

    def __call__(self, doc: Doc) -> Doc:
        # ``state_of`` reads ``user_data``: each ``doc._`` access builds an object
        state = state_of(doc)
        if not state.text:
            state = attach_state(doc, doc.text)
        text = state.text
        state.title_end = title_end_of(text)
        if len(doc):
            starts = doc.to_array(IDX)
            sent_starts = held.start(self._chain, self, state, starts)
            if sent_starts is not None:  # the compiled core holds the state from here on
                doc.from_array([SENT_START], sent_starts)  # type: ignore[arg-type]
                return doc
        state.sentences = split_sentences(text, state.title_end)
        if len(doc):
            doc.from_array([SENT_START], sent_start_array(starts, state.sentences))  # type: ignore[arg-type]
        return doc


def sent_start_array(
    token_starts: numpy.ndarray, sentences: list[tuple[int, int]]
) -> numpy.ndarray:
    """``SENT_START`` values for a doc whose tokens start at ``token_starts``
    (``doc.to_array(IDX)``): 1 where a sentence starts, -1 elsewhere."""
    # one searchsorted over the token offsets: converting them to a list for bisect cost
    # more than the few numpy calls
    values = numpy.full((len(token_starts), 1), _NOT_START, dtype=numpy.uint64)
    values[0] = 1
    # the token holding each sentence start: the last token starting at or before it (the
    # first token starts at 0, so there is one)
    values[token_starts.searchsorted([s for s, _ in sentences], side="right") - 1] = 1
    return values
