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

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.normalize import find_word
from kg.extract.state import Abbreviation, ensure_extension, state_of

__all__ = [
    "best_long_form",
    "initials_long_form",
    "blend_long_form",
    "find_abbreviations",
    "find_reverse_abbreviations",
    "AbbreviationDetector",
]

# "(SHORT)"; a literal first character scans fast. ``_paren_start`` adds the original
# pattern's left context, ``(?<=\S) ?\(``: a non-space, then at most one space.
# A citation or example may follow the short form: "(ZeRO; Rajbhandari et al., 2020)".
_PAREN = re.compile(r"\(([^()]{1,16}(?:[,;]\s[^()]{1,60})?)\)")
_SHORT_END = re.compile(r"[,;]\s")
# What follows the first item when the parenthesis lists peers, not a short form and its
# citation: "optimizers (Adam, AdaGrad)", "(Adam, AdaGrad and Lion)" name examples.
_MORE_NAMES = re.compile(r"(?:,\s(?:and\s|or\s)?|,?\s(?:and|or)\s)[A-Z][\w\-.+]*")
_METRIC_HEADS = frozenset(
    ["rate", "score", "error", "accuracy", "ratio", "latency", "time", "cost", "metric"]
)
# The end of the last clause stop in a window: greedy ``.*`` backs off from the end to the
# last place a stop matches, which is where the last ``finditer`` match of the stops ends.
_LAST_SENT_STOP = re.compile(r".*(?:[.;:!?]\s|\(|\)|\n)", re.DOTALL)


# a model size ("7B", "1.3B", "350M"): the parenthesis gives a size, not a short form
_SIZE = re.compile(r"\d+(?:\.\d+)?[KMBT]")


def _valid_short_form(sf: str) -> bool:
    if not 2 <= len(sf) <= 10 or " " in sf or "+" in sf.rstrip("+"):
        return False
    if not sf[0].isalnum() or not any(c.isalpha() for c in sf):
        return False
    if sf[0].isdigit() and _SIZE.fullmatch(sf):
        return False
    return not sf.islower()


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest suffix of ``candidate`` that the characters of ``short`` spell out."""
    # lower-case the candidate once where that keeps its offsets (ASCII), else char by char
    low = candidate.lower() if candidate.isascii() else None
    s = len(short) - 1
    i = len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        # the first character of ``short`` must start a word of the candidate
        if low is not None:
            i = low.rfind(c, 0, i + 1)
            while s == 0 and i > 0 and candidate[i - 1].isalnum():
                i = low.rfind(c, 0, i)
        else:
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


_FUNCTION_WORDS = frozenset(["of", "and", "the", "for", "to", "in", "on", "with", "a", "an", "via"])


def initials_long_form(short: str, candidate: str) -> str | None:
    """The last words of ``candidate`` whose initials spell the capitals of ``short``.

    Schwartz–Hearst may take a short form's letter from inside a word and so stop one
    word short ("Set Supervised Fine-Tuning (SSFT)": the second S read in "superviSed");
    when the words' initials spell the short form's capitals exactly, they are the long
    form. Hyphenated parts count as words and function words are skipped.

    >>> initials_long_form("SSFT", "our method, Set Supervised Fine-Tuning")
    'Set Supervised Fine-Tuning'
    >>> initials_long_form("MoE", "sparse Mixture-of-Experts")
    'Mixture-of-Experts'
    >>> initials_long_form("DeMo", "we propose Decoupled Momentum")
    'Decoupled Momentum'
    >>> initials_long_form("SSFT", "Supervised Fine-Tuning") is None
    True
    """
    capitals = [c for c in short if c.isupper()]
    if len(capitals) < 2:
        return None
    words = candidate.split()
    initials: list[str] = []
    for k in range(1, min(len(words), len(capitals)) + 1):
        parts = [p for p in words[-k].split("-") if p and p.lower() not in _FUNCTION_WORDS]
        if not parts or not parts[0][0].isalpha():
            return None
        initials[:0] = [p[0].upper() for p in parts]
        if len(initials) > len(capitals):
            return None
        if initials == capitals:
            return " ".join(words[-k:])
    return None


_BLEND_PART = re.compile(r"[A-Z][a-z]*")


def blend_long_form(short: str, candidate: str) -> str | None:
    """The last words of ``candidate`` that a CamelCase blend of their openings names.

    A short form may join the first syllables of its words instead of their initials
    ("parallel scaling (ParScale)", "decoupled momentum (DeMo)"); Schwartz–Hearst fails
    when a part ends in a letter its word lacks ("Scale" of "scaling"). Each capitalised
    part, less a final silent "e", opens its word, whatever the words' case.

    >>> blend_long_form("ParScale", "we propose parallel scaling")
    'parallel scaling'
    >>> blend_long_form("ParScale", "we propose parallel training") is None
    True
    """
    parts = _BLEND_PART.findall(short)
    if len(parts) < 2 or "".join(parts) != short:
        return None
    words = candidate.split()
    if len(words) < len(parts):
        return None
    tail = words[-len(parts) :]
    for part, word in zip(parts, tail, strict=True):
        stem = part.lower()
        if len(stem) > 2:
            stem = stem.removesuffix("e")
        if not word.lower().startswith(stem):
            return None
    return " ".join(tail)


def _paren_start(text: str, paren: int) -> int:
    """Where ``(?<=\\S) ?`` before the ``(`` at ``paren`` starts its match; -1 if it cannot.

    LaTeX's non-breaking space "~" counts as the space: "language models~(LLMs)".
    """
    if paren >= 2 and text[paren - 1] in " ~" and not text[paren - 2].isspace():
        return paren - 1
    if paren >= 1 and not text[paren - 1].isspace():
        return paren
    return -1


def _lists_names(inner: str, sf: str) -> bool:
    """The parenthesis ``inner`` is a list of names that ``sf`` only opens.

    >>> _lists_names("Adam, AdaGrad", "Adam"), _lists_names("ZeRO; Doe et al., 2020", "ZeRO")
    (True, False)
    """
    pos = inner.find(sf) + len(sf)
    if pos == len(inner):
        return False
    while pos < len(inner):
        m = _MORE_NAMES.match(inner, pos)
        if m is None:
            return False
        pos = m.end()
    return True


def find_abbreviations(text: str, offset: int = 0) -> Iterator[Abbreviation]:
    """Every ``long form (SHORT)`` pair in ``text``; offsets shifted by ``offset``."""
    fast = native.twin("abbreviations_find_abbreviations")
    if fast is not None and (out := fast(text, offset)) is not None:
        for fields in out:  # the same pairs, compiled (kg/extract/native.py)
            yield Abbreviation(*fields)
        return
    if "(" not in text:
        return
    for m in _PAREN.finditer(text):
        before_end = _paren_start(text, m.start())
        if before_end < 0:
            continue
        inner = m.group(1)
        sf = _SHORT_END.split(inner, maxsplit=1)[0].strip()
        if sf.startswith(("or ", "i.e. ", "aka ")):  # "random features (or RFs)"
            sf = sf.split(" ", 1)[1].lstrip()
        if not _valid_short_form(sf) or _lists_names(inner, sf):
            continue
        # the candidate: the words before the parenthesis, within the clause
        lo = max(0, before_end - 160)
        window = text[lo:before_end]
        stop = _LAST_SENT_STOP.match(window)
        if stop:
            lo += stop.end()
            window = text[lo:before_end]
        comma = window.rfind(", ")
        if comma >= 0:
            lo += comma + 2
            window = text[lo:before_end]
        words = window.split()
        max_words = min(len(sf) + 5, 2 * len(sf))
        candidate = " ".join(words[-max_words:])
        long = best_long_form(sf, candidate) or blend_long_form(sf, candidate)
        if long is None:
            continue
        wider = initials_long_form(sf, candidate)
        if wider is not None and len(wider) > len(long) and wider.endswith(long):
            long = wider
        long_words = long.split()
        if long_words[-1].lower().rstrip("s") in _METRIC_HEADS:
            continue
        # a non-space precedes ``before_end`` (see ``_paren_start``): the long form ends there
        long_end = before_end
        long_start = text.rfind(long_words[0], lo, long_end)
        if long_start < 0 or text[long_start:long_end].split() != long_words:
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


# "SHORT (Long Form Words)": the reverse pattern of the algorithm, a short form followed by
# its long form in parentheses ("SAIL-VL (ScAlable ... Data Curation)").
_LONG_PAREN = re.compile(r"\(([^()]{6,160})\)")
_SHORT_BEFORE = re.compile(r"(?<![^\s(\[\"'])[^\s(\[\"']+$")


def _capitals_in_name(short: str, long: str) -> bool:
    """``long`` is a Title Case expansion whose capitals the name ``short`` holds in order.

    A coined name after its expansion need not spell every letter of it: "Zorblax
    (Zero-Overhead Real-time Batch Loader)" holds Z, O, R, B, L in order. Every word but
    a function word is capitalised, the first capital is the name's first letter, and
    there are two capitals at least.

    >>> _capitals_in_name("Zorblax", "Zero-Overhead Real-time Batch Loader")
    True
    >>> _capitals_in_name("Zorblax", "Smith and Jones"), _capitals_in_name("Zorb", "Zero overhead")
    (False, False)
    """
    capitals: list[str] = []
    for word in long.split():
        if word.lower() in _FUNCTION_WORDS:
            continue
        if not word[0].isupper():
            return False
        capitals += [p[0].lower() for p in word.split("-") if p[:1].isupper()]
    name = short.lower()
    if len(capitals) < 2 or capitals[0] != name[0]:
        return False
    pos = 0
    for c in capitals:
        pos = name.find(c, pos) + 1
        if pos == 0:
            return False
    return True


def find_reverse_abbreviations(text: str, offset: int = 0) -> Iterator[Abbreviation]:
    """Every ``SHORT (long form)`` pair in ``text``: the parenthesis holds two words or
    more, spelling the short form's characters in order from its first word on; the
    short form is the word right before it.

    >>> [(a.short, a.long) for a in find_reverse_abbreviations("We use DeMo (Decoupled Momentum).")]
    [('DeMo', 'Decoupled Momentum')]
    """
    fast = native.twin("abbreviations_find_reverse_abbreviations")
    if fast is not None and (out := fast(text, offset)) is not None:
        for fields in out:  # the same pairs, compiled (kg/extract/native.py)
            yield Abbreviation(*fields)
        return
    if "(" not in text:
        return
    for m in _LONG_PAREN.finditer(text):
        inner = m.group(1)
        long = inner.strip()
        words = long.split()
        if len(words) < 2 or not long[0].isalpha() or "\\" in long or "{" in long:
            continue  # also no LaTeX markup (a "\\textbf{L}" inside)
        before_end = _paren_start(text, m.start())
        if before_end < 0:
            continue
        sm = _SHORT_BEFORE.search(text, max(0, before_end - 20), before_end)
        if sm is None:
            continue
        sf = sm.group()
        if not _valid_short_form(sf) or len(words) > min(len(sf) + 5, 2 * len(sf)):
            continue
        found = best_long_form(sf, long)
        # the whole parenthesis spells the short form, or its capitals are in the name
        if found != long and not _capitals_in_name(sf, long):
            continue
        long_start = m.start(1) + inner.index(long)
        yield Abbreviation(
            short_start=offset + sm.start(),
            short_end=offset + sm.end(),
            long_start=offset + long_start,
            long_end=offset + long_start + len(long),
            short=sf,
            long=long,
        )


# Starts on a capital before its look-behind so that the regex engine can skip ahead to
# the next capital instead of trying the look-behind at every position (3x faster).
_CAPITAL_NAME = re.compile(
    r"[A-Z](?<![\w\-][A-Z])[a-z]+ (?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?![\w\-])"
)


def find_initialisms(text: str, defined: set[str], offset: int = 0) -> Iterator[Abbreviation]:
    """Short forms used without a parenthesis: an all-capital word of 3-5 letters,
    not defined elsewhere, whose letters are the initials of a run of as many
    capitalised words in the same text ("the Sparse Pipeline Training method ...
    SPT is faster"). Authors often define the short form in a LaTeX macro or in
    the body only; the abstract still uses both, and they name one thing.

    The capitalised runs are rare (about one an abstract), so each run's initials are
    looked up in the text rather than every all-capital word being collected first.

    >>> [(a.short, a.long) for a in find_initialisms(
    ...     "We propose the Sparse Pipeline Training method. SPT is fast.", set())]
    [('SPT', 'Sparse Pipeline Training')]
    """
    fast = native.twin("abbreviations_find_initialisms")
    if fast is not None and (out := fast(text, defined, offset)) is not None:
        for fields in out:  # the same pairs, compiled (kg/extract/native.py)
            yield Abbreviation(*fields)
        return
    seen: set[str] = set()
    for m in _CAPITAL_NAME.finditer(text):
        words = m.group().split()
        for n in range(3, min(5, len(words)) + 1):
            for i in range(len(words) - n + 1):
                sf = "".join(w[0] for w in words[i : i + n])
                if sf in seen or sf in defined:
                    continue
                at = find_word(text, sf)
                if at < 0:
                    continue
                seen.add(sf)
                long = " ".join(words[i : i + n])
                long_start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                yield Abbreviation(
                    short_start=offset + at,
                    short_end=offset + at + n,
                    long_start=offset + long_start,
                    long_end=offset + long_start + len(long),
                    short=sf,
                    long=long,
                )


@Language.factory("kg_abbreviations")
class AbbreviationDetector(BatchedComponent):
    """Fills ``doc._.kg.abbreviations`` with the Schwartz–Hearst pairs of the doc."""

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    kg_stage = -1  # its place among the kg components (``native.DocChain``)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "abbreviations"):
            return doc
        state.abbreviations.extend(find_abbreviations(state.text))
        state.abbreviations.extend(find_reverse_abbreviations(state.text))
        defined = {a.short for a in state.abbreviations}
        state.abbreviations.extend(find_initialisms(state.text, defined))
        return doc
