"""The named parts of a paper's own contribution ("X integrates A and B").

Abstracts present the pieces of what they propose in a few set ways; each cue is a
literal, looked for only where it occurs:

- a counted list after a proposal verb: "we introduce two key techniques: (1) A, ...
  (2) B", "integrating four strategies, namely a, b, c and d", "two new methods, a and b";
- "The first stage, Foo Bar, ...";
- what the proposed thing combines: "It combines A with B, C and D";
- "the foo bar caching technique, which we also present";
- instances of a renamed thing: "which we rename X, e.g. A and B";
- a lower-case coined name: "a method called co-folding".

A part is a short noun phrase (``_MAX_WORDS`` words at most): Title Case, or lower case
with a technical head ("solver", "scheduling", "quantization"). Vocabulary concepts are
not parts: the paper uses them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from operator import itemgetter

from kg.extract import native
from kg.extract.lexicon import SEED_CONCEPTS
from kg.extract.normalize import find_all, is_non_entity

__all__ = ["component_spans", "lower_phrase"]

Span = tuple[int, int]

_MAX_WORDS = 5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The heads of technique phrases, beside nominalisations ("caching", "quantization").
_HEADS = _words(
    """
    scheme schemes mechanism mechanisms technique techniques strategy strategies method
    algorithm policy policies process procedure solver solvers planner scheduler allocator
    optimizer optimizers estimator table tables layer layers cache kernel kernels encoding
    attention parallelism protocol heuristic heuristics loss objective regularizer operator
    tokens token embedding embeddings search pipeline
    """
)
_NOMINAL = re.compile(r"(?:tion|sion|ment|ing|ism)s?$")
_GENERIC_NOMINALS = ("training", "learning")  # nominalisations that are no head
# generic tails a name leaves out ("token-level finetuning mechanism")
_WEAK_TAIL = _words("scheme mechanism process procedure technique policy")
# words that open a phrase but are no part of its name
_LEAD = _words(
    """
    a an the our its their this these novel new simple efficient effective lightweight
    general generic principled fast faster practical powerful flexible robust improved
    proposed key main additional several two three four five both first second third
    """
)
# words that end a lower-case phrase
_STOP = _words(
    """
    that which who to for with in on of by from and or as is are was were be been can
    will via using where while at into through than so but not also then it its we our
    when whose whereby based
    """
)
_LOW_WORD = re.compile(r"[A-Za-z][A-Za-z0-9/]*(?:-[A-Za-z0-9/]+)*")
_TC_WORD = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
# Title Case: "Dual Optimizer Policy", "Overlap of Communication and Local Training" (an
# "and" only after an "of" it coordinates under)
_TITLE_RUN = re.compile(
    rf"{_TC_WORD}(?:\s(?:for\s)?{_TC_WORD})*"
    rf"(?:\sof\s{_TC_WORD}(?:\s(?:of\s|for\s)?{_TC_WORD})*(?:\sand\s{_TC_WORD}(?:\s{_TC_WORD})*)?)?"
)
_ARTICLE = re.compile(r"(?:a|an|the)\s")

_PROPOSAL_VERB = (
    r"(?:propos|introduc|present|develop|design|integrat|incorporat|combin|consist|compris|"
    r"featur|contain|devis)\w*"
)
# Each cue regex starts at its literal ("two", "he first", "It", "Our", ", which we",
# "e.g."): re skips quickly to it; the words before a cue are read in a short window.
_COUNTED = re.compile(
    r"(?:two|three|four|five|six|several)\s"
    r"(?:[\w\-]+\s){0,3}?(?:techniques|components|strategies|methods|mechanisms|modules|"
    r"stages|designs|innovations|optimizations|changes|schemes|algorithms|policies)"
    r"(?::\s|,\s(?:namely\s)?|\s(?:namely|including)\s|\s(?=\())"
)
_VERB_BEFORE = re.compile(rf"\b{_PROPOSAL_VERB}\s(?:[\w\-]+\s){{0,3}}$")
_COUNT_WORDS = (" two ", " three ", " four ", " five ", " six ", " several ")
_MARKER = re.compile(r"(?:\(|(?<!\w))(?:[1-6]|i{1,3}|iv|v|vi)\)\s")
_ORDINAL = re.compile(
    r"he\s(?:first|second|third|fourth|final|last)\s(?:stage|component|module|step|"
    r"phase|technique|part|mechanism|strategy|level),\s"
)
_OWN_SUBJECT = re.compile(
    r"(?:It|Our\s[\w\-]+)\s(?:\w+ly\s)?(?:combines|integrates|incorporates|"
    r"features|consists\sof|comprises|includes|contains)\s"
)
_WHICH_WE = re.compile(
    r",\swhich\swe\s(?:also\s)?(?:present|introduce|propose|develop|call|name|term)\b"
)
_CALLED_LOWER = re.compile(
    r"(?:called|named|dubbed|termed)\s([a-z][a-z0-9]*-[a-z][\w\-]*)(?=[\s,.;])"
)
_GENERIC_BEFORE = re.compile(r"\b(?:method|technique|mechanism|approach|strategy|scheme)$")
_EXAMPLES = re.compile(r"(?:e\.g\.,?|such\sas)\s")
_RENAMED_BEFORE = re.compile(r"\b(?:rename|call|name|dub|term)[sd]?\s[^.;,]{1,40}?,?\s\(?$")
_NAME_ITEM = re.compile(r"([A-Z][\w.+\-]*[\w+])(?:,\s(?:and\s)?|\sand\s)?")
_OWN = re.compile(r"\b(?:[Ww]e|[Oo]ur|this\s(?:paper|work)|It)\b")
# the literals of the cues (module-level, so the compiled twin reads the same ones)
_SUBJECT_LITERALS = ("It ", "Our ")
_BEFORE_SUBJECT = (". ", "; ", "\n\n")  # what comes before a sentence's subject
_CALLED_LITERALS = (" called ", " named ", " dubbed ", " termed ")
_EXAMPLE_LITERALS = ("e.g.", "such as")


def lower_phrase(text: str, start: int, end_limit: int) -> Span | None:
    """The lower-case technique phrase at ``start``: leading fluff words dropped, cut at
    the first function word, at least two words, a technical head, a weak generic tail
    dropped ("a novel line search scheme" -> "line search").

    >>> t = "a novel parallel line search scheme that plans"
    >>> s, e = lower_phrase(t, 0, len(t)); t[s:e]
    'parallel line search'
    >>> lower_phrase("a novel method for it", 0, 21) is None
    True
    """
    words: list[Span] = []
    pos = start
    while len(words) < _MAX_WORDS + 3:
        m = _LOW_WORD.match(text, pos, end_limit)
        if m is None:
            break
        w = m.group().lower()
        if w in _STOP or (m.group()[0].isupper() and not m.group().isupper()):
            break
        if words or w not in _LEAD:
            words.append(m.span())
        if m.end() >= end_limit or text[m.end()] != " ":
            break
        pos = m.end() + 1
    if len(words) > _MAX_WORDS:
        return None
    if len(words) >= 3 and text[words[-1][0] : words[-1][1]].lower() in _WEAK_TAIL:
        words.pop()
    if len(words) < 2 or not _technical(text[words[-1][0] : words[-1][1]]):
        return None
    s, e = words[0][0], words[-1][1]
    phrase = text[s:e]
    if is_non_entity(phrase) or phrase.lower() in SEED_CONCEPTS:
        return None
    return s, e


def _technical(head: str) -> bool:
    low = head.lower()
    return low in _HEADS or bool(_NOMINAL.search(low)) and low not in _GENERIC_NOMINALS


def _title_run(text: str, start: int, end_limit: int) -> Span | None:
    """A Title Case phrase of two to ``_MAX_WORDS`` words at ``start``."""
    m = _TITLE_RUN.match(text, start, end_limit)
    if m is None:
        return None
    n = len(m.group().split())
    if not 2 <= n <= _MAX_WORDS + 2 or is_non_entity(m.group()):
        return None
    return m.span()


def _skip_article(text: str, pos: int) -> int:
    m = _ARTICLE.match(text, pos)
    return m.end() if m else pos


def _item(text: str, pos: int, end: int, lower_ok: bool) -> Span | None:
    """One list item at ``pos``: Title Case, or (if ``lower_ok``) a lower-case phrase."""
    pos = _skip_article(text, pos)
    span = _title_run(text, pos, end)
    if span is None and lower_ok:
        span = lower_phrase(text, pos, end)
    return span


_SEP = re.compile(r",\s(?:and\s|or\s)?|\s(?:and|or|with)\s")


def _list_items(text: str, pos: int, end: int, lower_ok: bool = True) -> Iterator[Span]:
    """Items of "A, B, and C" (also "A with B") from ``pos``, up to six. Without
    ``lower_ok``, lower-case items (concepts the paper uses) are passed over."""
    for _ in range(6):
        span = _item(text, pos, end, lower_ok)
        if span is not None:
            yield span
        elif lower_ok or (span := _passed_over(text, _skip_article(text, pos), end)) is None:
            return
        sep = _SEP.match(text, span[1], end)
        if sep is None:
            return
        pos = sep.end()


def _passed_over(text: str, pos: int, end: int) -> Span | None:
    """The lower-case phrase of one to ``_MAX_WORDS`` words at ``pos``."""
    start, last = pos, None
    for _ in range(_MAX_WORDS):
        m = _LOW_WORD.match(text, pos, end)
        if m is None or m.group() in _STOP or not m.group().islower():
            break
        last = m.end()
        pos = last + 1
    return None if last is None else (start, last)


def _enumerated(text: str, pos: int, end: int) -> Iterator[Span]:
    """Items after "(1)", "(2)", ...: Title Case ones, and "a ..." ones (new things)."""
    for _ in range(6):
        m = _MARKER.search(text, pos, min(end, pos + 400))
        if m is None:
            return
        p = m.end()
        span = _title_run(text, p, end)
        if span is None and _ARTICLE.match(text, p) and not text.startswith("the", p):
            span = lower_phrase(text, p, end)
        if span is not None:
            yield span
        pos = p


def _own_sentence(text: str, sentences: list[Span], pos: int) -> bool:
    """The sentence holding ``pos`` is on the paper's own work ("we", "our", "It ...")."""
    i = bisect_right(sentences, pos, key=itemgetter(0))
    s0, s1 = sentences[i - 1] if i else (0, len(text))
    return _OWN.search(text, s0, s1) is not None


def _sentence_end(text: str, sentences: list[Span], pos: int) -> int:
    i = bisect_right(sentences, pos, key=itemgetter(0))
    return sentences[i - 1][1] if i else len(text)


def component_spans(text: str, title_end: int, sentences: list[Span]) -> Iterator[Span]:
    """Spans of the parts a paper presents as its own (see the module docstring).

    ``sentences``: the (start, end) of each sentence, in order; the cues count only in
    sentences on the paper's own work.
    """
    fast = native.twin("components_component_spans")
    if fast is not None and (out := fast(text, title_end, sentences)) is not None:
        yield from out  # the same spans, compiled (kg/extract/native.py)
        return
    for c in find_all(text, _COUNT_WORDS, title_end):
        m = _COUNTED.match(text, c + 1)
        if (
            m is not None
            and _VERB_BEFORE.search(text, max(title_end, c - 60), c + 1)
            and _own_sentence(text, sentences, c)
        ):
            if text.startswith("(", m.end()) or _MARKER.match(text, m.end()):
                yield from _enumerated(text, m.end(), len(text))
            else:
                yield from _list_items(text, m.end(), _sentence_end(text, sentences, m.end()))
    for p in find_all(text, _SUBJECT_LITERALS, title_end):
        m = _OWN_SUBJECT.match(text, p)
        if m is not None and text[p - 2 : p] in _BEFORE_SUBJECT:  # a sentence's subject
            end = _sentence_end(text, sentences, m.end())
            yield from _list_items(text, m.end(), end, lower_ok=False)
    if "which we" in text:
        for m in _WHICH_WE.finditer(text, title_end):
            s0 = sentences[bisect_right(sentences, m.start(), key=itemgetter(0)) - 1][0]
            span = _phrase_before(text, max(s0, title_end), m.start())
            if span is not None:
                yield span
    if "he first " in text or "he second " in text:
        for m in _ORDINAL.finditer(text, title_end):
            if text[m.start() - 1] in "Tt" and _at_word_start(text, m.start() - 1):
                span = _title_run(text, m.end(), len(text))
                if span is not None and text.startswith(",", span[1]):
                    yield span
    for p in find_all(text, _CALLED_LITERALS, title_end):
        m = _CALLED_LOWER.match(text, p + 1)
        if m is not None and _GENERIC_BEFORE.search(text, max(title_end, p - 12), p):
            yield m.span(1)
    for p in find_all(text, _EXAMPLE_LITERALS, title_end):
        m = _EXAMPLES.match(text, p)
        if m is not None and _RENAMED_BEFORE.search(text, max(title_end, p - 60), p):
            yield from _names(text, m.end())


def _at_word_start(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def _names(text: str, pos: int) -> Iterator[Span]:
    """Names listed from ``pos``: "A, B and C"."""
    for _ in range(6):
        item = _NAME_ITEM.match(text, pos)
        if item is None:
            return
        yield item.span(1)
        if item.end() == item.end(1):
            return
        pos = item.end()


def _phrase_before(text: str, s0: int, end: int) -> Span | None:
    """The lower-case technique phrase ending at ``end`` ("the foo caching technique")."""
    words = text[s0:end].split(" ")[-(_MAX_WORDS + 1) :]
    k = len(words)
    while k > 0 and words[k - 1].lower() not in _STOP and words[k - 1].lower() not in _LEAD:
        k -= 1
    start = end - len(" ".join(words[k:]))
    return lower_phrase(text, start, end) if 0 < k < len(words) else None
