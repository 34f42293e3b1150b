"""Abbreviation detection: the Schwartz–Hearst algorithm (PSB 2003).

A short form in parentheses right after its long form, "Decoupled Momentum (DeMo)",
ties the two surface forms to one entity. ``best_long_form`` is the algorithm's core:
match the short form's characters right to left inside the candidate long form, the
first one at the start of a word.

>>> best_long_form("DeMo", "we propose Decoupled Momentum")
'Decoupled Momentum'
>>> best_long_form("MoE", "sparse Mixture-of-Experts")
'Mixture-of-Experts'
>>> [(a.short, a.long) for a in find_abbreviations("We use Zero Redundancy Optimizer (ZeRO).")]
[('ZeRO', 'Zero Redundancy Optimizer')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.state import Abbreviation, ensure_extension, state_of

__all__ = ["best_long_form", "find_abbreviations", "AbbreviationDetector"]

_PAREN = re.compile(r"(?<=\S) ?\(([^()]{1,16})\)")
_METRIC_HEADS = frozenset(
    ["rate", "score", "error", "accuracy", "ratio", "latency", "time", "cost", "metric"]
)
_SENT_STOP = re.compile(r"[.;:!?]\s|\(|\)|\n")


def _valid_short_form(sf: str) -> bool:
    if not 2 <= len(sf) <= 10 or " " in sf or "+" in sf.rstrip("+"):
        return False
    if not sf[0].isalnum() or not any(c.isalpha() for c in sf):
        return False
    return not sf.islower()


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest suffix of ``candidate`` that the characters of ``short`` spell out."""
    s = len(short) - 1
    i = len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (
            candidate[i].lower() != c or (s == 0 and i > 0 and candidate[i - 1].isalnum())
        ):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = candidate.rfind(" ", 0, i + 1) + 1
    long = candidate[start:].strip()
    if not long or len(long) <= len(short) or short in long.split():
        return None
    if len(long.split()) > min(len(short) + 5, 2 * len(short)):
        return None
    return long


def find_abbreviations(text: str, offset: int = 0) -> Iterator[Abbreviation]:
    """Every ``long form (SHORT)`` pair in ``text``; offsets shifted by ``offset``."""
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        sf = re.split(r"[,;]\s", inner, maxsplit=1)[0].strip()
        if not _valid_short_form(sf):
            continue
        before_end = m.start()
        # the candidate: the words before the parenthesis, within the clause
        lo = max(0, before_end - 160)
        window = text[lo:before_end]
        stops = list(_SENT_STOP.finditer(window))
        if stops:
            lo += stops[-1].end()
            window = text[lo:before_end]
        comma = window.rfind(", ")
        if comma >= 0:
            lo += comma + 2
            window = text[lo:before_end]
        words = window.split()
        max_words = min(len(sf) + 5, 2 * len(sf))
        candidate = " ".join(words[-max_words:])
        long = best_long_form(sf, candidate)
        if long is None or long.split()[-1].lower().rstrip("s") in _METRIC_HEADS:
            continue
        long_end = len(text[:before_end].rstrip())
        long_start = text.rfind(long.split()[0], lo, long_end)
        if long_start < 0 or text[long_start:long_end].split() != long.split():
            continue
        s_start = m.start(1) + inner.index(sf)
        yield Abbreviation(
            short_start=offset + s_start,
            short_end=offset + s_start + len(sf),
            long_start=offset + long_start,
            long_end=offset + long_end,
            short=sf,
            long=text[long_start:long_end],
        )


@Language.factory("kg_abbreviations")
class AbbreviationDetector:
    """Fills ``doc._.kg.abbreviations`` with the Schwartz–Hearst pairs of the doc."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state_of(doc).abbreviations.extend(find_abbreviations(state_of(doc).text))
        return doc
