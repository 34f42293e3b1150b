"""Discovery of entities the vocabulary lacks.

Candidates come from: the paper's own name (title prefix "X: ...", "we propose X",
"called X"), the named parts of the paper's own work ("It combines A with B",
``components``), name-shaped words (CamelCase, acronyms, letters mixed with digits,
versions such as "v2", "++", "-X", "7B"), capitalised names in lists of examples and
before type nouns ("the X benchmark"), lower-case examples listed after a plural noun
of a kind of technique ("optimizations such as a and b"), and established generic
concepts found by their head nouns ("... parallelism", "... attention", "...
decoding", "... optimizer") or as adjectives ("tensor parallel strategies"). A generic
concept the paper only ever names as kinds of it ("op-level model parallelism") gives
way to the kinds.
Everything the guideline rules out (fields, generic words and model classes, tasks,
metrics, organisations) is filtered, also the acronyms of such things ("pre-trained
model (PTM)") and devices read as cost units ("GPU hours"). Overlaps are resolved
longest-first, then every other occurrence of a kept name is added (the paper's own
names replace shorter names inside them), and mentions are grouped into entities (also
"X" with "X mechanism", and "(S) head" with "S head").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.components import component_spans
from kg.extract.lexicon import (
    ATTENTION_IDIOM,
    CONCEPT_HEADS,
    HARDWARE_WORDS,
    NOT_NAMES,
    RESTRICTED_HEADS,
    SEED_CONCEPTS,
    STANDALONE_HEADS,
    STOP_MODIFIERS,
    TITLE_VERBS,
    TYPE_NOUNS,
    VENDORS,
)
from kg.extract.normalize import (
    entity_key,
    find_all,
    find_word,
    is_non_entity,
    lower_same_offsets,
    word_bounded,
)
from kg.extract.state import Abbreviation, DocState, Mention, ensure_extension, state_of
from kg.ontology import EntityType

__all__ = [
    "title_name",
    "clean_name",
    "proposed_names",
    "name_shaped",
    "concept_phrases",
    "listed_names",
    "resolve_overlaps",
    "propagate",
    "group_mentions",
    "discover",
    "EntityDiscovery",
]

# = "[A-Z0-9][\w.+\-/!]*[\w+!]|[A-Z]", written with a first character re can scan for
_NAME_WORD = r"[A-Z0-9](?:[\w.+\-/!]*[\w+!]|(?<=[A-Z]))"
_CAP_NAME = rf"(?:{_NAME_WORD})(?:\s(?:v\d[\w.]*|\d[\w.]*|[A-Z][\w.+\-]*[\w+]))*"
_TITLE_PREFIX = re.compile(r"^\s*([^:]{1,60}?)\s*(?::|\s--?\s|\s—\s)\s*\S")
_PROPOSE = re.compile(
    r"(?:We|we|paper|work|study|report|and)\s+(?:\(\w{1,3}\)\s+)?"  # "we (4) introduce"
    r"(?:\w+ly\s+|also\s+|further\s+|then\s+|first\s+)?"
    r"(?:propose|introduce|present|develop|design|build|release|describe|open-source|unveil)"
    # a second verb of making: "we design and implement X"
    r"[sd]?(?:\s+and\s+(?:implement(?:s|ed)?|buil[dt]s?|release[sd]?|open-source[sd]?))?"
    # "a new optimizer, X", "two techniques, X and Y": the names in apposition
    r"\s+(?:(?:a|an|the|two|three|four|several)\s+[^.;:()]{0,80}?"
    r"(?:,\s*|\s(?:called|named|dubbed|termed|coined)\s+)|"
    r"(?:our\s+)?(?:new\s+|novel\s+)?)"
    rf"(?!(?:A|An|The|Our|This|These|Two|Three|New|Novel)\b)({_CAP_NAME})"
)
# "we propose the Foo Bar solver": a Title Case name of two words or more before a
# lower-case head noun of a kind of work (a one-word one may be a known name: "a
# Transformer layer")
_PROPOSE_THE_NAMED = re.compile(
    r"[Ww]e\s+(?:propose|introduce|present|develop|design)[sd]?\s+"
    r"(?:the|a|an)\s+(?:new\s+|novel\s+)?"
    r"((?:[A-Z][a-z][\w\-]*)(?:\s[A-Z][a-z][\w\-]*)+)\s([a-z]+)\b"
)
_WORK_HEADS = frozenset([*TYPE_NOUNS, "solver", "solvers", "sampler", "planner", "model"])
_CALLED_WORDS = ("called", "named", "dubbed", "termed", "coined")
_CALLED = re.compile(rf"(?:{'|'.join(_CALLED_WORDS)})\s+({_CAP_NAME})")
# The writers naming their own work: "we call our method X", "which we call X", "we name
# it X"; the object is lower-case words only ("the resulting system"), so a capitalised
# word in it is never read as the name
_WE_CALL = re.compile(
    r"(?:we|We)\s+(?:call|name|term|dub)\s+"
    r"(?:(?:it|them|this|these|our|the)(?:\s+[a-z][a-z\-]*){0,3}\s+)?"
    rf"(?!(?:A|An|The|Our|This|These)\b)({_CAP_NAME})"
)
# "Our system, X, trains ...", "our framework X": a name in apposition to the writers'
# own work, which a type-like noun names (checked by ``_OWN_WORK_NOUN``)
_OUR_NAMED = re.compile(
    r"[Oo]ur\s+(?:(?:new|novel|proposed)\s+)?(?:[a-z][a-z\-]*\s+)?([a-z]+)"
    rf"(?:,\s+(?!(?:A|An|The|This|These|We)\b)({_CAP_NAME}),"  # "our system, X, runs"
    rf"|\s+(?!(?:A|An|The|This|These|We)\b)({_CAP_NAME})(?=,|\s[a-z]))"  # "our tool X is"
)
_OWN_WORK_NOUN = frozenset(
    [
        "system",
        "method",
        "framework",
        "approach",
        "algorithm",
        "technique",
        "tool",
        "library",
        "engine",
        "compiler",
        "scheduler",
        "optimizer",
        "architecture",
        "solution",
        "prototype",
        "implementation",
        "model",
        "runtime",
        "benchmark",
        "dataset",
        "platform",
        "design",
    ]
)
# words with an inner capital, two capitals, or letters next to digits; optional ++ / version
_NAME_TOKEN = re.compile(
    r"(?<![\w\-])([A-Za-z0-9][\w.+\-]*(?:\+\+|(?<=\w)))(?:\s(?:v\d[\w.]*|\d+(?:\.\d+)?[BMK]?\b))?"
)
_SHAPE_CHECK = re.compile(r"[a-z][A-Z]|[A-Z][A-Z]|[A-Za-z]\d|\d[A-Za-z]|^[A-Z][a-z]+-\d")
# The letter runs are possessive: a shorter run is followed by a letter, never by the
# space or hyphen after it, so re need not give letters back where no version follows
_CAP_VERSION = re.compile(
    r"([A-Z](?<![\w\-][A-Z])[a-z]++(?:[-\s][A-Z][a-z]++)?)\s"
    r"(v\d[\w.]*|\d+(?:\.\d+)?[BMK]|\d{1,4})\b(?![.,]\d)"
)
_NBIT = re.compile(r"\d(?<!\w\d)\d*-bit\s[A-Z][\w\-]*")  # = \b\d+..., digit-first: fast scan
# A memory standard before the memory kind it specifies names one device: "DDR DRAM",
# "LPDDR5 SDRAM", "HBM2e DRAM" (not a standard and a second device)
_STACKED_MEMORY = re.compile(r"(?<![\w\-])(?:(?:LP|G)?DDR\d*X?|HBM\d*[eE]?)\sS?DRAMs?(?![\w\-])")
# A platform (a device, a GPU programming model, a memory architecture) before "-aware"
# and a name-shaped system names a variant of the system built for the platform:
# "CUDA-aware MPI", "NUMA-aware BLAS"; other "-aware" words describe ("MoE-aware X")
_AWARE_VARIANT = re.compile(r"(?<![\w\-])([A-Z][\w]*)-aware\s([A-Z][\w+]*[\w+])(?![\w\-])")
_PLATFORMS = HARDWARE_WORDS | {"cuda", "rocm", "numa", "rdma", "opencl", "sycl", "gpudirect"}
_SIZE_ONLY = re.compile(r"^\d+(?:\.\d+)?[BMKTx×%]?$|^\d+(?:\.\d+)?(?:[kKMG]B|GHz|ms|s|D|d)$")


def _by_first_letter(alternatives: Iterable[str]) -> str:
    """``alt1|alt2|...`` regrouped by first letter (``a(?:lt1|lt2)|...``), order kept.

    The alternatives are patterns that start with a plain letter, so only those with one
    first letter can match at one position: the matches are the same, and re tries one
    group per position instead of every alternative.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items())


_LIST_CUE = re.compile(
    r"\b(?:such as|including|include|includes|like|e\.g\.,?|namely|[Cc]ompared (?:to|with)|"
    r"[Uu]nlike|"
    r"outperform(?:s|ing)?|than|versus|vs\.?|against|over|on|extends?|extending|generaliz\w+|"
    r"(?:based|built|implemented|builds)\s(?:on|upon|in)|atop|using)\s+"
)
_AFTER_LIST_CUE = re.compile(r"\W(?=(" + _LIST_CUE.pattern.removeprefix(r"\b") + "))")
_LIST_ITEM = re.compile(rf"({_CAP_NAME})(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?")
# A listed name that opens in lower case, with a capital inside ("vLLM", "cuDNN", "mT5"),
# and the separator after it: ``name_shaped`` finds the name itself, but the list goes
# on past it ("such as vLLM and Orca")
_LOWER_SHAPED_ITEM = re.compile(
    r"[a-z][a-z0-9]*[A-Z][\w.+\-]*[\w+](?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
)
# = ``_CAP_NAME`` where whitespace must follow: each word is its whole run of word
# characters (possessive, re gives none back), as no shorter end is followed by a space;
# re no longer backtracks through every word that turns out not to precede a type noun.
# No word character before the first (``_scan``'s ``\b``, checked after the first
# character so re still skips to capitals and digits): starts inside a word fail at once.
_CAP_NAME_BEFORE_SPACE = (
    r"(?:[A-Z0-9](?<!\w[A-Z0-9])(?:[\w.+\-/!]++(?<=[\w+!])|(?<=[A-Z])))"
    r"(?:\s(?:v\d[\w.]*+|\d[\w.]*+|[A-Z][\w.+\-]++(?<=[\w+])))*"
)
# The type nouns grouped by first letter: after each name re tries one group, not all of
# them (the lookahead holds if any noun does, whatever the order)
_BEFORE_TYPE_NOUN = re.compile(
    rf"({_CAP_NAME_BEFORE_SPACE})\s+"
    rf"(?=(?:{_by_first_letter(sorted(TYPE_NOUNS, key=len, reverse=True))})\b)"
)
# Programming languages: the guideline's Systems are software one installs or runs; a
# language before a type noun ("a Python package", "a C++ library") says what the code is
# written in, and the package is the entity
_PROGRAMMING_LANGUAGES = frozenset(
    ["Python", "Java", "JavaScript", "TypeScript", "Rust", "Go", "C", "C++", "C#", "Scala"]
    + ["Kotlin", "Haskell", "Fortran", "Lua", "Swift", "Ruby", "Perl", "OCaml", "Racket"]
)
_WORD = r"[A-Za-z][a-z0-9]*(?:-[A-Za-z0-9]+)*"
# Heads of established techniques beside the lexicon's ("message passing", "data
# deduplication", "weight orthogonalization"); like most heads, they need a modifier.
_MORE_HEADS = frozenset(["passing", "deduplication", "orthogonalization"])
_HEADS = sorted(CONCEPT_HEADS | set(RESTRICTED_HEADS) | _MORE_HEADS, key=len, reverse=True)
# Heads and seeds start after a non-word character, which is read with them (or at the
# text's start): re then tries only the few positions after spaces and punctuation, not
# every letter. A match ends in a letter, so the next one never needs its left neighbour.
_HEAD_ALTS = _by_first_letter([*_HEADS, "self-attention"])
_HEAD = re.compile(rf"[^\w\-]({_HEAD_ALTS})(?![\w\-])")
_HEAD_AT_START = re.compile(rf"({_HEAD_ALTS})(?![\w\-])")
_MOD_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")
_SEED_ALTS = _by_first_letter(
    re.escape(s).replace(r"\ ", r"[\s-]").replace(r"\-", r"[\s-]")
    for s in sorted(SEED_CONCEPTS, key=len, reverse=True)
)
_SEED = re.compile(rf"\W({_SEED_ALTS})s?\b")
_SEED_AT_START = re.compile(rf"({_SEED_ALTS})s?\b")
# Each seed opens with a literal word ("gradient", "mixture"), which ``str.find`` skips to
# faster than re tries the seeds after every non-word character
_SEED_FIRST_WORDS = frozenset(re.split(r"[\s-]", s, maxsplit=1)[0] for s in SEED_CONCEPTS)

_FLUFF = re.compile(
    r"ly$|ible$|able$|ous$|ful$|-based$|-like$|-only$|^pre-?trained$|^non-|^open-source$"
    # evaluative compounds say how well, not which kind: "low-latency sampling"
    r"|^(?:low|high)-(?:latency|throughput|performance|cost|speed|quality)$|-(?:scale|efficient)$"
)

_AFFIX = re.compile(
    r"-(?:based|only|style|like|aware|free|capable|aided|level|wise|specific|centric|enabled|"
    r"compatible|powered|driven|scale|sized|oriented|inspired|related|efficient|series|"
    r"friendly|intensive|bound|optimized|accelerated|constrained|tuned|trained|"
    r"hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(
    r"(?:multi|single|non|cross|inter|intra|per|all)-(?=[A-Z])"
    r"|[a-z]+-(?=(?:[CGTN]PU|FPGA|ASIC)s?$)"  # "host-GPU memory": the device is the name
)

# _PROPOSE, _CALLED and _BEFORE_TYPE_NOUN leave out their leading "\b": an assertion
# first hides the pattern's first characters from re, which then tries every position of
# the text. ``_scan`` applies the left-out check to each match start instead.
_WORD_CHAR = re.compile(r"\w")


def _at_boundary(text: str, i: int) -> bool:
    """``\\b`` at offset ``i`` of ``text``."""
    before = i > 0 and _WORD_CHAR.match(text, i - 1) is not None
    return before != (i < len(text) and _WORD_CHAR.match(text, i) is not None)


def _scan(
    rx: re.Pattern[str], text: str, pos: int, ok: Callable[[str, int], bool]
) -> Iterator[re.Match[str]]:
    """``finditer`` of ``check + rx`` from ``pos``, where ``ok`` is the zero-width check."""
    m = rx.search(text, pos)
    while m is not None:
        if ok(text, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1
        m = rx.search(text, pos)


Candidate = tuple[int, int, str, float, bool]  # start, end, rule, confidence, specific


_URL = re.compile(r"https?://\S+|\b[\w.\-]+\.(?:com|org|io|ai|net|git)\b\S*")
_MAYBE_URL = re.compile(r"://|\.(?:com|org|io|ai|net|git)\b")
_URL_LITERALS = ("://", ".com", ".org", ".io", ".ai", ".net", ".git")
_ODD_SHAPE = re.compile(
    r"^\d|\.[a-z]{2,}$|^[a-z]+[0-9][a-z]|^[a-z][a-z]*(?:[AEIOU][a-z]+)+(?:-[a-zA-Z]+)?$"
    r"|^[A-Z][AEIOU][a-z]{5,}$|^[a-z]{4,}[A-Z][a-z]{3,}$|rightarrow|leftarrow|^[A-Z][a-z]+ly$"
    r"|^[A-Za-z][a-z]+-to-"
    # a C library's function: its prefix, "_", a capitalised verb ("MPI_Send", "MPI_Allreduce")
    r"|^[A-Z]{2,}_[A-Z][a-z]+$"
)


def _url_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_URL.finditer(text)``.

    Each match holds a ``_MAYBE_URL`` hit and no whitespace, so the scan starts after the
    last space before the first hit.
    """
    # every ``_MAYBE_URL`` match holds one of these literals: most texts hold none, and
    # ``str`` finds them faster than re scans for the alternatives
    if not any(lit in text for lit in _URL_LITERALS):
        return []
    hit = _MAYBE_URL.search(text)
    if hit is None:
        return []
    return [u.span() for u in _URL.finditer(text, text.rfind(" ", 0, hit.start()) + 1)]


def _ok_shape(name: str) -> bool:
    """Reject number-led tokens ("12X", "4k"), file names, markup-cased words, tasks
    ("text-to-3D") and library functions ("MPI_Send")."""
    return not _ODD_SHAPE.search(name) or bool(_NBIT.match(name))


# Two capitalised words joined by a hyphen name a method after its two authors
# ("Newton-Schulz", "Gauss-Seidel"), even if the first is a common capitalised word
_EPONYM_PAIR = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+$")
# A capitalised past participle alone ("we propose Delayed epsilon-Shrinking", "such as
# Distributed ..."): an English adjective that opens a longer name, never a name itself
_LONE_PARTICIPLE = re.compile(r"[A-Z][a-z]{2,}[^e]ed$")


# A field's acronym after adjectives names a kind of the field: "Non-Neural ML",
# "Explainable AI", "Generative AI" (a product puts a name there: "Vertex AI")
_FIELD_ACRONYMS = (" ML", " AI", " DL", " NLP", " HPC")
_ADJECTIVE = re.compile(r"^(?:Non-\w+|[A-Z][a-z]+(?:al|ive|ic|able|ible|ed|ous|ful))$")


def _field_kind(name: str) -> bool:
    """``name`` is adjectives before a field's acronym ("Non-Neural ML")."""
    words = name.split(" ")
    return len(words) > 1 and all(_ADJECTIVE.match(w) for w in words[:-1])


def _ok_name(name: str) -> bool:
    """A candidate name is not a stop word, a bare number or size, or a non-entity."""
    name = name.strip()
    if name.endswith(_FIELD_ACRONYMS) and _field_kind(name):
        return False
    if len(name) < 2 and not name.isupper() or name in NOT_NAMES or _SIZE_ONLY.match(name):
        return False
    if _LONE_PARTICIPLE.match(name):
        return False
    first = name.split()[0]
    lead = first.split("-")[0]
    if lead in ("Top", "Rank", "Pass") or lead in NOT_NAMES and not _EPONYM_PAIR.match(first):
        return False
    return not (first in NOT_NAMES and " " not in name) and not is_non_entity(name)


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing punctuation and a final ``NOT_NAMES`` word from a name span."""
    while end > start and text[end - 1] in ".,;:!?)'\"-" and text[start:end].count("(") == 0:
        if text[end - 1] == "!" and " " in text[start:end]:  # "Hogwild! Inference"
            break
        end -= 1
    m = _AFFIX.search(text, start, end)
    if m and m.end() == end:
        end = m.start()
    m = _PREFIX.match(text, start, end)
    if m:
        start = m.end()
    space = text.find(" ", start, end)
    if space > 0 and text[space - 1].isalpha():  # "RISCV-based Foo": Foo on RISCV
        m = _AFFIX.search(text, start, space)
        if m and m.end() == space:
            start = space + 1
    dash = text.find("--", start, end)
    if dash > start:
        end = dash
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[-1] in NOT_NAMES or words[-1].lower() in STOP_MODIFIERS):
        words.pop()
    return start, start + len(" ".join(words))


@lru_cache(maxsize=65536)
def clean_name(raw: str) -> tuple[int, int] | None:
    """The (start, end) of the name inside a raw candidate, or None if it is no name.

    >>> clean_name("GPU-based"), clean_name("FooNet."), clean_name("12X")
    ((0, 3), (0, 6), None)
    """
    s, e = _trim_name(raw, 0, len(raw))
    name = raw[s:e]
    if e <= s or not _ok_name(name) or not _ok_shape(name):
        return None
    return s, e


def title_name(title: str) -> tuple[int, int] | None:
    """The span of the name a title announces ("DeMo: Decoupled ..." -> "DeMo").

    >>> t = "DeMo: Decoupled Momentum Optimization"
    >>> s, e = title_name(t); t[s:e]
    'DeMo'
    >>> title_name("Scaling over Scaling: Exploring Test-Time Scaling") is None
    True
    >>> title_name("Adam Revisited: A Study") is None
    True
    """
    m = _TITLE_PREFIX.match(title)
    if not m:
        return None
    name = m.group(1)
    words = name.split()
    if len(words) > 4 or any(w[0].islower() for w in words if w[0].isalpha()):
        return None
    if len(words) > 1 and words[0].endswith("ing"):  # "Revisiting ResNets: ..."
        return None
    if any(w in TITLE_VERBS for w in words[1:]):  # "Adam Revisited: ...", "X Meets Y: ..."
        return None
    if not any(c.isupper() or c.isdigit() for c in name):
        return None
    # a title's name may open with a common capitalised word: "Deep Foo States: ..."
    if not _ok_name(name) and not (
        len(words) >= 3 and _ok_name(" ".join(words[1:])) and not is_non_entity(name)
    ):
        return None
    return m.start(1), m.end(1)


_PROPOSE_CUES = ("e propose", "e introduce", "e present", "e develop", "e design")


def _matches_at_cues(
    rx: re.Pattern[str], text: str, cues: tuple[str, ...], first: str
) -> list[re.Match[str]]:
    """Matches of ``rx`` starting one character (one of ``first``) before a literal cue
    ("ur " of "our"), at a word start: ``str.find`` skips to the cue, where a scan of
    ``rx`` would try every position (its first character is a class)."""
    out = []
    for i in find_all(text, cues, 1):
        # the character before the cue opens the match, no letter before it, and a
        # capital follows soon (every match holds a name)
        if (
            text[i - 1] in first
            and (i < 2 or not text[i - 2].isalnum())
            and not text[i : i + 60].islower()
            and (m := rx.match(text, i - 1)) is not None
        ):
            out.append(m)
    return out


def proposed_names(text: str) -> Iterator[tuple[int, int]]:
    """Spans of names after "we propose/introduce/present ..." and "called/named X"."""
    fast = native.twin("discovery_proposed_names")
    if fast is not None and (out := fast(text)) is not None:
        yield from out  # the same spans, compiled (kg/extract/native.py)
        return
    seen: set[tuple[int, int]] = set()
    called = any(w in text for w in _CALLED_WORDS)
    found: list[re.Match[str]] = []
    for rx in (_PROPOSE, _CALLED) if called else (_PROPOSE,):
        found += _scan(rx, text, 0, _at_boundary)
    if "e call" in text or "e name" in text or "e term" in text or "e dub" in text:
        found += _scan(_WE_CALL, text, 0, _at_boundary)
    found += _matches_at_cues(_OUR_NAMED, text, ("ur ",), "Oo")
    found += _matches_at_cues(_PROPOSE_THE_NAMED, text, _PROPOSE_CUES, "Ww")
    for m in found:
        rx = m.re
        if rx is _OUR_NAMED and m.group(1) not in _OWN_WORK_NOUN:
            continue
        if rx is _PROPOSE_THE_NAMED and m.group(2) not in _WORK_HEADS:
            continue
        g = 1 if rx is _PROPOSE_THE_NAMED else m.lastindex or 1
        spans = [(m.start(g), m.end(g))]
        if rx is _PROPOSE and _COUNTED.search(m.group()):
            spans += _counted_names(text, m.end(g))
        for s, e in spans:
            s, e = _trim_name(text, s, e)
            if e > s and _ok_name(text[s:e]) and (s, e) not in seen:
                seen.add((s, e))
                yield s, e


# "we propose two techniques, X and Y": a count announces a list, whose names are all
# the writers' own
_COUNTED = re.compile(r"\s(?:two|three|four|several)\s")
_LIST_SEP = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _counted_names(text: str, pos: int) -> list[tuple[int, int]]:
    """The capitalised names listed after the first one, which ends at ``pos``, up to
    the one after "and" (``proposed_names``)."""
    out: list[tuple[int, int]] = []
    for _ in range(4):
        sep = _LIST_SEP.match(text, pos)
        if sep is None:
            break
        m = _LIST_ITEM.match(text, sep.end())
        if m is None or not m.group(1)[0].isupper():
            break
        out.append((m.start(1), m.end(1)))
        if sep.group().rstrip().endswith(("and", "or")):
            break
        pos = m.end(1)
    return out


# Run on the reversed text: a letter pair ``_SHAPE_CHECK`` looks for, read backwards
# ("aB", "A1" -> "Ba", "1A"; "1a" -> "a1", anchored on its digit; "Foo-1" -> "1-ooF"), then
# the rest of its word back to where the word starts. Every shaped name has such a pair,
# and re skips quickly to the rare capitals and digits (a leading character class lets
# it). Group 1 is set when the word starts with a letter or digit after a character no
# ``_NAME_TOKEN`` match can hold (see ``_OUTSIDE_TOKENS``), or at the start of the text:
# then ``finditer`` surely matches there.
_SHAPE_PAIR_REVERSED = re.compile(
    r"[A-Z\d](?:(?=[A-Za-z])|(?<=[A-Za-z]\d)|(?<=\d)(?=-[a-z]+[A-Z]))[\w.+\-]*+"
    r"(?:(?<=[A-Za-z0-9])(?:(?=[^\w.+\-\s])|(?<![v\d])(?=\s)|\Z)()|)"
)
_WORD_START = re.compile(r"(?<![\w\-])[A-Za-z0-9]")  # where ``_NAME_TOKEN`` can start
# A character no ``_NAME_TOKEN`` match can hold (one holds whitespace only before a
# version or number): the plain scan passes it, so searching right after it finds what
# ``finditer`` finds.
_OUTSIDE_TOKENS = re.compile(r"[^\w.+\-\s]|\s(?![v\d])")


def _scan_to(text: str, p: int) -> re.Match[str] | None:
    """The match of ``_NAME_TOKEN.finditer(text)`` starting at ``p``, if there is one."""
    s = p
    while s > 0 and not _OUTSIDE_TOKENS.match(text, s - 1):
        s -= 1
    m = _NAME_TOKEN.search(text, max(s, 0))
    while m is not None and m.start() < p:
        m = _NAME_TOKEN.search(text, m.end())
    return m if m is not None and m.start() == p else None


def _shape_tokens(text: str) -> list[re.Match[str]]:
    """The matches of ``_NAME_TOKEN.finditer(text)`` that may be name-shaped (a superset).

    Only words with a letter pair of a shape are looked at, each found by a plain scan
    from the nearest position the scan surely passes (usually the word itself).
    """
    n = len(text)
    found: list[re.Match[str]] = []
    for pair in _SHAPE_PAIR_REVERSED.finditer(text[::-1]):
        start = n - pair.end()
        if pair.start(1) >= 0:
            found.append(_NAME_TOKEN.match(text, start))  # type: ignore[arg-type]
            continue
        words = _WORD_START.finditer(text, start, n - pair.start())
        found += reversed([m for w in words if (m := _scan_to(text, w.start())) is not None])
    found.reverse()
    return found


def _slash_letter(text: str, i: int) -> bool:
    """Whether ``text[i:]`` opens with "/" and one capital letter ending a word.

    A single letter after a slash cannot be a second name ("CPU/GPU" names two
    things), so it marks a variant of the name before it ("MOEA/D").
    """
    after = text[i + 2 : i + 3]
    return (
        text.startswith("/", i)
        and text[i + 1 : i + 2].isupper()
        and not (after.isalnum() or after and after in "/-_")
    )


def name_shaped(text: str, start: int = 0) -> Iterator[Candidate]:
    """CamelCase words, acronyms, letter-digit names, versions and "N-bit Name".

    "Capitalised word + number" names are only read from ``start`` (after the title).
    """
    fast = native.twin("discovery_name_shaped")
    if fast is not None and (out := fast(text, start)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    for m in _shape_tokens(text):
        w = m.group(1)
        if (w.isalpha() and w[1:].islower()) or not _SHAPE_CHECK.search(w):
            continue
        span = clean_name(m.group())
        if span is not None:
            end = m.start() + span[1]
            if end == m.end() and _slash_letter(text, end) and w.isupper():
                end += 2  # "MOEA/D": a one-letter variant mark, no second name
            yield m.start() + span[0], end, "name_shape", 0.7, True
    for m in _CAP_VERSION.finditer(text, start):
        if m.group(1).split()[0] not in NOT_NAMES and _ok_name(m.group(1)):
            yield m.start(), m.end(), "versioned_name", 0.65, True
    if "-aware " in text:
        for m in _AWARE_VARIANT.finditer(text):
            system = m.group(2)
            if (
                m.group(1).lower() in _PLATFORMS
                and _SHAPE_CHECK.search(system)
                and _ok_name(system)
            ):
                yield m.start(), m.end(), "name_shape", 0.7, True
    if "DRAM" in text:
        for m in _STACKED_MEMORY.finditer(text):
            yield m.start(), m.end(), "name_shape", 0.7, True
    if "-bit" not in text:
        return
    for m in _NBIT.finditer(text):
        yield m.start(), m.end(), "versioned_name", 0.7, True


def _list_cue_ends(text: str, start: int) -> Iterator[int]:
    """The ends of ``_LIST_CUE.finditer(text, start)``'s matches.

    A cue starts with a letter after a non-word character: ``_AFTER_LIST_CUE`` reads that
    character and looks at the cue, so re tries only positions after spaces and
    punctuation; cues inside an earlier cue ("on" in "based on") are skipped.
    """
    end = start
    m = _LIST_CUE.match(text, start)
    if m is not None:
        end = m.end()
        yield end
    for m in _AFTER_LIST_CUE.finditer(text, start):
        if m.start(1) >= end:
            end = m.end(1)
            yield end


# What precedes a sentence's first word, whose capital says nothing ("Stateful optimizers
# ..." opening the abstract, after the title's "\n\n").
_SENTENCE_BREAKS = (". ", "\n\n", "? ", "! ", ".\n")


# Capitalised words in a row inside a sentence, one of them CamelCase ("employs Dynamic
# SplitFuse", "the BytePlus Recommend product"): the words next to a CamelCase name are
# part of it. A run starts with its capital (re skips to capitals); ``_word_starts``
# checks the left boundary.
_TC_WORD = r"[A-Z][a-z][A-Za-z]*(?:-[A-Za-z]+)*"
_TITLE_CASE_RUN = re.compile(rf"{_TC_WORD}(?:\s{_TC_WORD})+(?![\w\-])")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")


def _word_starts(text: str, i: int) -> bool:
    """Offset ``i`` starts a word (no letter, digit, ``_`` or ``-`` before it)."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")


# The last word of a Title Case technique name: "Maximum Likelihood Estimation",
# "Convex Optimization", "Score Distillation Sampling".
_NOMINAL_END = re.compile(r"(?:tion|ment|sis|ing|ance|ence)s?$")
# ... but a task is no entity: "Speech Recognition", "Image Segmentation"
_TASK_END = re.compile(
    r"(?:Recognition|Detection|Segmentation|Classification|Generation|Translation|"
    r"Answering|Retrieval|Understanding|Processing|Summarization|Captioning)s?$"
)


def _title_case_concept(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of a Title Case run inside a sentence that names a technique, or None.

    Writers capitalise a technique's name mid-sentence ("formulate it as a Maximum
    Likelihood Estimation problem"). A sentence's first word is capitalised anyway: a
    function word there ("The") is dropped, else the run is left alone. Two words at
    least; tasks, fields and other non-entities are filtered.
    """
    if text[s - 2 : s] in _SENTENCE_BREAKS or s == 0:
        space = text.find(" ", s, e)
        if text[s:space] not in NOT_NAMES:
            return None  # "Gradient Clipping Scheduling keeps ...": the name may start there
        s = space + 1
        if text.find(" ", s, e) < 0:
            return None
    span = clean_name(text[s:e])
    return (s, e) if span == (0, e - s) else None


# A person's name before a plural of steps, or before a sampler or solver, names a
# numerical scheme: "Picard iterations", "Langevin dynamics", "Euler steps", "Heun
# sampler"; the name alone is the person
_EPONYM_HEADS = (
    "iterations",
    "iteration",
    "updates",
    "steps",
    "dynamics",
    "sampler",
    "samplers",
    "solver",
    "solvers",
)
# The head is found first (a space and a literal word: re skips to the rare heads), then
# the capitalised name right before it
_EPONYM_HEAD = re.compile(rf" (?:{_by_first_letter(_EPONYM_HEADS)})(?![\w\-])")
_EPONYM_NAME = re.compile(r"(?<![\w\-])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?$")
_EPONYM_RULE = "eponym_scheme"
# "Zorb updates the weights", "Zorb steps through ...": the head is a verb, the name its
# subject
_VERB_OBJECT = re.compile(
    r" (?:the|a|an|its|their|each|every|all|only|both|this|these|those|them|it|through)\b"
)


def _eponym_schemes(text: str, start: int) -> Iterator[Candidate]:
    """ "Picard iterations" inside a sentence (a capitalised word there is a name), not
    after another capitalised word ("Monte Carlo steps")."""
    for h in _EPONYM_HEAD.finditer(text, start):
        n = _EPONYM_NAME.search(text, max(start, h.start() - 40), h.start())
        if n is None:
            continue
        s, name = n.start(), n.group()
        if text[s - 2 : s] in _SENTENCE_BREAKS or name in NOT_NAMES or not _ok_name(name):
            continue
        before = text[max(0, s - 30) : s].split()
        if before and before[-1][:1].isupper() or _VERB_OBJECT.match(text, h.end()):
            continue
        yield s, h.end(), _EPONYM_RULE, 0.6, True


# Nouns that make the capitalised word before them a distribution's name ("Beta
# densities", "Dirichlet priors"): a math object, no method or system
_MATH_OBJECT_AFTER = re.compile(
    r"\s(?:densit(?:y|ies)|distributions?|priors?|random\s+variables?|likelihoods?)\b"
)


# Verbs of use before what is used ("We use Frobnet as ...", "adopts Zorb"): frequent
# words, found with ``str.find`` rather than as alternatives of ``_LIST_CUE``, which re
# would try at every position
_USE_CUE = re.compile(r" (?:use[sd]?|employ(?:s|ed)?|adopt(?:s|ed)?|leverag(?:e|es|ed)) ")


def _use_cue_ends(text: str, start: int) -> Iterator[int]:
    """The offsets right after each verb of use from ``start`` on."""
    for m in _USE_CUE.finditer(text, start):
        yield m.end()


def listed_names(text: str, start: int = 0) -> Iterator[Candidate]:
    """Capitalised names in example lists ("such as Adam and Muon"), in runs of capitalised
    words around a CamelCase word ("employs Dynamic SplitFuse"), or before a type noun.

    Only from ``start`` on: a title's Title Case would make every word a name.
    """
    fast = native.twin("discovery_listed_names")
    if fast is not None and (out := fast(text, start)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    for pos in sorted({*_list_cue_ends(text, start), *_use_cue_ends(text, start)}):
        for _ in range(6):
            if (lower := _LOWER_SHAPED_ITEM.match(text, pos)) is not None:
                pos = lower.end()
                continue
            m = _LIST_ITEM.match(text, pos)
            if not m or not m.group(1)[0].isupper():
                break
            span = clean_name(m.group(1))
            s = m.start(1) + span[0] if span else 0
            first, space, _ = m.group(1).partition(" ")
            if space and is_non_entity(first):
                pass  # "unlike Meta ZorbScale": an organisation and its product
            elif _MATH_OBJECT_AFTER.match(text, m.end(1)):
                pass  # "using Beta densities": a distribution's name, a math object
            elif span is not None and text[s - 2 : s] not in _SENTENCE_BREAKS:
                yield s, m.start(1) + span[1], "listed_name", 0.55, True
            if m.end() == m.end(1):
                break
            pos = m.end()
    for m in _scan(_TITLE_CASE_RUN, text, start, _word_starts):
        s, e = m.span()
        first = m.group().split(" ", 1)[0]
        if (
            _INNER_CAPITAL.search(m.group())
            and text[s - 2 : s] not in _SENTENCE_BREAKS
            and first.lower() not in VENDORS
            and not is_non_entity(first)  # "Meta FairScale": an organisation and its product
            and clean_name(m.group()) == (0, e - s)
        ):
            yield s, e, "capitalised_run", 0.55, True
        elif _NOMINAL_END.search(m.group()) and not _TASK_END.search(m.group()):
            concept = _title_case_concept(text, s, e)
            if concept is not None:
                yield concept[0], e, "title_case_concept", 0.55, False
    for m in _scan(_BEFORE_TYPE_NOUN, text, start, _at_boundary):
        span = clean_name(m.group(1))
        s = m.start(1) + span[0] if span else 0
        if m.group(1) in _PROGRAMMING_LANGUAGES:
            continue  # "a Python package": the code's language, no system of its own
        if span is not None and text[s - 2 : s] not in _SENTENCE_BREAKS:
            yield s, m.start(1) + span[1], "typed_name", 0.6, True
    yield from _eponym_schemes(text, start)  # its head regex is cheaper than a gate
    if "such as" in text or " including " in text or "e.g." in text:
        yield from _listed_techniques(text, start)
        yield from _example_classes(text, start)


# "Zorbformer is a new architecture ...": a sentence whose subject is one capitalised word
# defined by "is a/an" and a noun of a kind of work defines a name; the words between
# are the noun's modifiers ("a simple yet effective method")
_DEFINING_NOUNS = _OWN_WORK_NOUN - {"design", "solution", "implementation", "prototype"}
_DEFINED_AS = re.compile(
    rf" is an? (?:[a-z][\w\-]*,? ){{0,4}}?({_by_first_letter(sorted(_DEFINING_NOUNS))})\b"
)
_DEFINED_SUBJECT = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$")


def defined_names(text: str, start: int) -> Iterator[Candidate]:
    """Capitalised one-word subjects of "X is a <kind of work>" sentences (see
    ``_DEFINED_AS``). Words ending like a common noun ("Optimization is a ubiquitous
    tool") name no coined thing."""
    fast = native.twin("discovery_defined_names")
    if fast is not None and (out := fast(text, start)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    for i in find_all(text, (" is a",), start):
        m = _DEFINED_AS.match(text, i)
        if m is not None:
            before = text[max(start, i - 40) : i].split()
            word = before[-1] if before else ""
            b = i - len(word)
            if (
                word
                and (b == 0 or text[b - 2 : b] in _SENTENCE_BREAKS)
                and _DEFINED_SUBJECT.match(word)
                and not _NOMINAL_END.search(word)
                and _ok_name(word)
            ):
                yield b, i, "defined_name", 0.55, True


# Plural nouns of kinds of technique: the examples a writer lists after them ("tricks such
# as weight decay and label smoothing") are techniques, also in lower case
_TECHNIQUE_CLASSES = frozenset(
    [
        "optimizations",
        "techniques",
        "methods",
        "strategies",
        "algorithms",
        "approaches",
        "schemes",
        "tricks",
        "heuristics",
    ]
)
_EXAMPLE_CUES = (" such as ", " including ", " e.g., ", " e.g. ")
# where a listed example's noun phrase ends: punctuation, a conjunction
_ITEM_SPLIT = re.compile(r"(,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")
_LIST_END = re.compile(r"[.;:()\[\]]")
_LOWER_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _listed_techniques(text: str, start: int) -> Iterator[Candidate]:
    """Lower-case examples after a plural noun of a kind of technique and "such as",
    "including" or "e.g." ("optimizations such as lazy paging and page pinning").

    The list runs to its last item, the one after "and"/"or" (a single example if there
    is none); each item is cut at its first function word ("pinning to save memory").
    One-word items are left to the head-noun rules: alone, a word is too often no
    technique ("methods such as ours").
    """
    for cue in _EXAMPLE_CUES:
        for i in find_all(text, (cue,), start):
            if _plain_class_before(text[max(start, i - 50) : i]):
                yield from _list_items(text, i + len(cue))


# Plural nouns of kinds of method whose named examples make the phrase a class: "gradient-
# based optimizers such as Adam", "memory-efficient optimizers (e.g., Adafactor)"
_CLASS_NOUNS = frozenset(
    ["optimizers", "methods", "techniques", "algorithms", "solvers", "strategies", "schemes"]
)
# Hyphenated words that grade rather than classify: "state-of-the-art methods such as X"
# names no class, nor "large-scale", "low-latency", "non-neural" or "open-source" ones;
# "inference-time strategies" says when they apply, not what kind they are
_GRADING_COMPOUND = re.compile(
    r"-(?:scale|like|only|art|known|used|quality|effective|purpose|shelf|called|time)$|"
    r"^(?:low|high|non|open|pre|well|so|widely)-"
)


def _example_classes(text: str, start: int) -> Iterator[Candidate]:
    """A class of method named by a compound classifier right before named examples
    ("Orthogonality-based optimizers, such as Muon", "memory-efficient optimizers (e.g.,
    Adafactor)"): the writer defines the kind the examples are (a Hearst pattern), so the
    "-based"/"-efficient" classifier, fluff before a bare head noun, names the class here.
    Only before a capitalised example: "methods such as ours" names no kind.
    """
    for cue in (" such as ", "e.g."):
        for i in find_all(text, (cue,), start):
            after = text[i + len(cue) : i + len(cue) + 3].lstrip(" ,")
            if after[:1].isupper():
                cand = _class_before(text, i)
                if cand is not None:
                    yield cand


# A class noun after a cue of rivalry: "surpassing existing learning-based solvers". A
# compound classifier before it names the kind of method the work is measured against,
# a baseline, as it does before examples
_CLASS_NOUN_AT = re.compile(
    r" (?:optimizers|methods|techniques|algorithms|solvers|strategies|schemes)(?![\w\-])"
)


# what a baseline class follows: "surpassing existing X", "faster than prior X"
_RIVAL_CUE = re.compile(
    r"(?:than|surpass\w*|outperform\w*|rival\w*|against|versus|vs\.|beat\w*)"
    r"(?: (?:existing|prior|previous|state-of-the-art|other|conventional|current|all))*"
    r" $"
)


_RIVAL_WORDS = (" than ", "surpass", "outperform", "rival", "against", "versus", " vs.", " beat")


def _classifying(word: str) -> bool:
    """A modifier that says which kind of technique: how it operates ("dynamic",
    "parallel") or a hyphenated classifier ("once-for-all"), not how good it is."""
    return word in _MODE_ADJECTIVES or "-" in word and not _FLUFF.search(word)


# A Title Case phrase of the title that the abstract writes again in lower case
# ("Llumnix: Dynamic Scheduling for ..." and "... a dynamic scheduling policy"): the
# capitals were the title's style only, the lower-case repeat shows a common concept the
# paper is about. It must end in a technique's head (a gerund or a concept head): tasks,
# fields, metrics ("Runtime Performance") are none. The shortest such phrase is taken: a
# title's longer runs open with its verbs and evaluative words ("Automate Distributed
# Training", "Faster Once-for-all Training"). That is safe only in a "Name: ..." title,
# where the paper's own work has its own name: a title that is all description ("Sparse
# Parallel Decoding for X") names the paper's own unnamed work with all its modifiers,
# of which the shortest phrase is a fragment.
def title_concepts(text: str, title_end: int) -> Iterator[Candidate]:
    """Lower-case abstract mentions of Title Case phrases of a "Name: ..." title (see
    above)."""
    fast = native.twin("discovery_title_concepts")
    if fast is not None and (out := fast(text, title_end)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    if ":" not in text[:title_end]:
        return
    for run in _TITLE_CASE_RUN.finditer(text, 0, title_end):
        if not _word_starts(text, run.start()) or _TASK_END.search(run.group()):
            continue
        words = run.group().lower().split(" ")
        if not (words[-1].endswith("ing") or words[-1] in CONCEPT_HEADS):
            continue  # "Runtime Performance", "Corpora Collection": no technique's head
        for k in range(2, len(words) + 1):  # the head with its nearest modifier first
            phrase = " ".join(words[-k:])
            if words[-k] in STOP_MODIFIERS and words[-k] not in _MODE_ADJECTIVES:
                break  # a longer phrase holds the stop word: "automate distributed ..."
            if is_non_entity(phrase) or not _classifying(words[-k]):
                continue
            i = find_word(text, phrase, title_end)
            if i >= 0:
                yield i, i + len(phrase), "title_concept", 0.6, False
                break


def classified_classes(text: str, start: int) -> Iterator[Candidate]:
    """A "<compound> [word] <class noun>" phrase after a cue of rivalry (see
    ``_CLASS_NOUN_AT``, ``_class_before``); texts without such a cue are skipped."""
    fast = native.twin("discovery_classified_classes")
    if fast is not None and (out := fast(text, start)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    if not any(cue in text for cue in _RIVAL_WORDS):
        return
    for m in _CLASS_NOUN_AT.finditer(text, start):
        if "-" in text[max(start, m.start() - 40) : m.start()]:
            cand = _class_before(text, m.end())
            if cand is not None and _RIVAL_CUE.search(text, max(start, cand[0] - 40), cand[0]):
                yield cand


def _class_before(text: str, i: int) -> Candidate | None:
    """The "<compound> [word] <class noun>" phrase ending right before offset ``i``
    (before a "," or a "(" that opens the examples), or None (``_example_classes``)."""
    end = len(text[:i].rstrip(" ,(").rstrip())
    words = text[max(0, end - 60) : end].split()
    if len(words) < 3 or words[-1] not in _CLASS_NOUNS:
        return None
    k = len(words) - 2
    if "-" not in words[k]:
        k -= 1  # one plain word between: "gradient-based adaptive optimizers"
        if words[k + 1] in STOP_MODIFIERS or not _LOWER_WORD.match(words[k + 1]):
            return None
    mod = words[k]
    low = mod.lower()
    if (
        "-" not in mod
        or not _MOD_WORD.match(mod)
        or (low in STOP_MODIFIERS and not low.endswith("-efficient"))
        or _GRADING_COMPOUND.search(low)
    ):
        return None
    phrase = " ".join(words[k:])
    s = end - len(phrase)
    if not text.startswith(phrase, s):
        return None  # the words are not one run of single spaces
    if not mod[1:].islower() or mod[0].isupper() and text[s - 2 : s] not in _SENTENCE_BREAKS:
        return None  # "GPU-based methods", "LLM-based agents": what they run on or use
    return s, end, "example_class", 0.55, False


def _plain_class_before(before: str) -> bool:
    """A plural noun of a kind of technique ends the clause before a list cue, within its
    last six words ("common tricks to curb overfitting, such as"), and no technique
    modifies it: "pruning techniques such as ..." lists kinds of pruning, which the
    relations read as such."""
    words = before.rstrip(",").split(" ")
    if "." in words[-1]:
        return False
    for k in range(len(words) - 1, max(0, len(words) - 7), -1):
        if words[k] in _TECHNIQUE_CLASSES:
            mod = words[k - 1].lower()
            return not _NOMINAL_END.search(mod) and mod not in CONCEPT_HEADS
    return False


def _list_items(text: str, pos: int) -> Iterator[Candidate]:
    """The lower-case items of an example list starting at ``pos`` (``_listed_techniques``).

    Items are read up to the one after "and"/"or"; a list without one has one item.
    """
    stop = _LIST_END.search(text, pos, pos + 160)
    segment = text[pos : stop.start() if stop else pos + 160]
    parts = _ITEM_SPLIT.split(segment)
    items: list[tuple[int, str]] = []
    offset = pos
    closed = False  # the item after "and"/"or" was read: the list is over
    for k, part in enumerate(parts):
        if k % 2:  # a separator
            closed = part.strip(", ") in ("and", "or") or part.rstrip().endswith(("and", "or"))
            offset += len(part)
            continue
        words = part.split(" ")
        n = next(
            (j for j, w in enumerate(words) if w in STOP_MODIFIERS or not _LOWER_WORD.match(w)),
            len(words),
        )
        if 0 < n <= 4:
            items.append((offset, " ".join(words[:n])))
        if closed or n < len(words) or n > 4:
            break
        offset += len(part)
    if not closed:
        items = items[:1]  # no "and"/"or": one example, then the clause goes on
    for p, phrase in items:
        if " " in phrase and not is_non_entity(phrase) and not phrase.endswith("ly"):
            yield p, p + len(phrase), "listed_concept", 0.55, False


# "we propose elastic sharding and lazy gathering": lower-case techniques coordinated as
# the object of a verb of proposing. One of them has a known head ("sharding"), the others
# a head of the same kind (a nominal: "-ing", "-tion"): coordinated phrases are alike, so
# they are the writers' techniques too, whose heads no list holds
_PROPOSE_OBJECT = re.compile(r"[sd]?\s+(?:(?:new|novel|two|three)\s+)?(?=[a-z])")


def coordinated_techniques(text: str, start: int) -> Iterator[Candidate]:
    """Lower-case techniques in an "X and Y" object of "we propose/introduce/...";
    see ``_PROPOSE_OBJECT``."""
    fast = native.twin("discovery_coordinated_techniques")
    if fast is not None and (out := fast(text, start)) is not None:
        yield from out  # the same candidates, compiled (kg/extract/native.py)
        return
    for cue in _PROPOSE_CUES:
        for i in find_all(text, (cue,), start):
            m = _PROPOSE_OBJECT.match(text, i + len(cue))
            if m is not None:
                items = list(_list_items(text, m.end()))
                heads = [text[s:e].rsplit(" ", 1)[-1] for s, e, *_ in items]
                if (
                    len(items) > 1
                    and any(h in CONCEPT_HEADS and h not in RESTRICTED_HEADS for h in heads)
                    and all(h in CONCEPT_HEADS or _NOMINAL_END.search(h) for h in heads)
                ):
                    for s, e, *_ in items:
                        yield s, e, "proposed_concept", 0.55, False


def _after_non_word(
    rx: re.Pattern[str], at_start: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``finditer`` of a pattern that starts after a non-word character or at offset 0.

    ``rx`` reads that character, ``at_start`` is the pattern without it; group 1 is the
    match proper. Matches end in a word character, so none starts right after another.
    """
    pos = 0
    m = at_start.match(text)
    if m is not None:
        pos = m.end()
        yield m
    yield from rx.finditer(text, pos)


def _seed_matches(low_text: str) -> Iterator[re.Match[str]]:
    """= ``_after_non_word(_SEED, _SEED_AT_START, low_text)``.

    A ``_SEED`` match starts one character before a seed's first word, so only those
    offsets are tried, in order, each from the end of the match before.
    """
    starts: set[int] = {i - 1 for i in find_all(low_text, _SEED_FIRST_WORDS, 1)}
    pos = 0
    m = _SEED_AT_START.match(low_text)
    if m is not None:
        pos = m.end()
        yield m
    for p in sorted(starts):
        if p >= pos and (m := _SEED.match(low_text, p)) is not None:
            pos = m.end()
            yield m


# nouns "attention" is the technique in front of: "more attention heads" stays
_ATTENTION_COMPOUND = re.compile(
    r"\s(?:heads?|layers?|maps?|weights?|scores?|modules?|blocks?|mechanisms?|kernels?|"
    r"patterns?|computations?|operations?|operators?|matri(?:x|ces)|sinks?|spans?|windows?)\b"
)


def _everyday_attention(low_text: str, start: int, end: int) -> bool:
    """True if "attention" at ``start`` is the everyday word ("gained significant
    attention", "little attention has been paid"), not the technique.

    >>> t = "it has gained significant attention. little attention heads"
    >>> _everyday_attention(t, 26, 35), _everyday_attention(t, 44, 53)
    (True, False)
    """
    before = low_text[max(0, start - 30) : start].split()[-2:]
    if not any(w in ATTENTION_IDIOM for w in before):
        return False
    return _ATTENTION_COMPOUND.match(low_text, end) is None


# Nouns after a concept head that make the head their modifier: "an embedding table",
# "a caching allocator", "the attention cache" name a thing, not the technique
_THING_AFTER = re.compile(
    r"\s(?:tables?|allocators?|caches?|states|buffers?|pools?|ratios?|errors?)\b"
)


def _compound_modifier(word: str) -> bool:
    """A hyphenated word that classifies the noun after it ("key-value", "3D-aware",
    "Query-Key"): part of the term it leads, unlike evaluative ones ("low-latency")."""
    return (
        "-" in word
        and _MOD_WORD.match(word) is not None
        and not _FLUFF.search(word.lower())
        and word.lower() not in STOP_MODIFIERS
        and not word.lower().endswith("ing")
    )


# Modifiers that name what a standalone technique is applied to, which every use of it
# has: "model pruning" is pruning, "model finetuning" is finetuning
_WHAT_IT_WORKS_ON = frozenset(["model", "models"])


# What a parallelism scheme divides: before "parallel" used as an adjective ("tensor
# parallel strategies", "model-parallel algorithms") they name the scheme itself
_PARALLEL_KINDS = frozenset(
    ["data", "model", "tensor", "pipeline", "expert", "sequence", "context"]
)


def _parallel_adjectives(text: str, low_text: str) -> Iterator[Candidate]:
    """ "tensor parallel", "model-parallel" before a noun: the adjective form of a
    parallelism scheme ("tensor parallelism") names the scheme; found from the literal
    word "parallel" (not "parallelism", "parallelize")."""
    for i in find_all(low_text, ("parallel ",), 1):
        sep = low_text[i - 1]
        if sep in " -":
            s = max(low_text.rfind(" ", 0, i - 1), low_text.rfind("(", 0, i - 1)) + 1
            if low_text[s : i - 1] in _PARALLEL_KINDS:
                yield s, i + 8, "head_noun", 0.6, False


def concept_phrases(text: str, low_text: str | None = None) -> Iterator[Candidate]:
    """Generic concepts by head noun ("pipeline parallelism"), plus the guideline's seeds.

    ``low_text``: ``lower_same_offsets(text)`` if the caller has it (``DocState.lowered``).
    """
    fast = native.twin("discovery_concept_phrases")
    if fast is not None and (out := fast(text)) is not None:
        yield from out  # same candidates, compiled (kg/extract/native.py)
        return
    if low_text is None:
        low_text = lower_same_offsets(text)
    kinds: set[int] = set()  # starts of "attention" after a modifier of its own
    for m in _after_non_word(_HEAD, _HEAD_AT_START, low_text):
        head = text[m.start(1) : m.end(1)]
        low = m.group(1).lower()
        start = m.start(1)
        mod = ""
        if start > 1 and text[start - 1] == " ":
            words = text[max(0, start - 40) : start].split()
            if words and _MOD_WORD.match(words[-1]):
                mod = words[-1]
        if mod:
            ml = mod.lower()
            at_start = start - len(mod) - 1 <= 0 or text[start - len(mod) - 3] in ".\n"
            if low == "attention" and ml in ATTENTION_IDIOM:
                continue  # "despite substantial attention to ...": the everyday word
            if ml in RESTRICTED_HEADS.get(low, ()):
                pass  # "prompt tuning", "token merging": the head's own modifiers win
            elif (
                ml in STOP_MODIFIERS
                or ml.endswith("ing")
                or _FLUFF.search(ml)
                or mod[0].isupper()
                and not head[0].isupper()
                and not at_start
            ):
                mod = ""
        allowed = RESTRICTED_HEADS.get(low)
        if allowed is not None and mod and mod.lower() not in allowed:
            mod = ""
        if mod.lower() in _WHAT_IT_WORKS_ON and low in STANDALONE_HEADS:
            mod = ""  # "model finetuning", "model pruning": the technique itself
        if not mod and low not in STANDALONE_HEADS:
            continue
        if not mod and low == "attention" and _everyday_attention(low_text, start, m.end()):
            continue
        phrase = f"{mod} {head}" if mod else head
        if is_non_entity(phrase) or _THING_AFTER.match(low_text, m.end()):
            continue
        s = start - len(mod) - 1 if mod else start
        if mod and allowed is None and len(words) > 1 and _compound_modifier(words[-2]):
            # "key-value tensor caching": a hyphenated classifier leads the term
            yield s - len(words[-2]) - 1, m.end(), "head_noun_compound", 0.6, False
        if mod and low == "attention":
            kinds.add(start)
        elif low.startswith("mechanism") and s in kinds:
            continue  # "global attention mechanism": the kind of attention is the name
        yield s, m.end(), "head_noun", 0.6, False
    if "parallel " in low_text:
        yield from _parallel_adjectives(text, low_text)
    for m in _seed_matches(low_text):
        if m.start(1) in kinds:
            continue  # the seed "attention mechanism" inside "global attention mechanism"
        yield m.start(1), m.end(), "seed_concept", 0.8, False


def resolve_overlaps(mentions: Iterable[Mention], size: int = 0) -> list[Mention]:
    """Keep non-overlapping mentions: longer first, then higher confidence."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.confidence, m.start))
    taken = bytearray(max([size, *(m.end for m in ordered)]) if ordered else size)
    kept: list[Mention] = []
    for m in ordered:
        if 1 in taken[m.start : m.end]:
            continue
        kept.append(m)
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(kept, key=lambda m: m.start)


# Rules that find the paper's own name: its other occurrences are the name even where a
# shorter name inside it was matched ("Foo Engine: ..." and a vocabulary "Foo").
_OWN_NAME_RULES = frozenset(["title_name", "proposed_name"])
# Names that replace shorter names inside their occurrences: the paper's own, and the
# long forms it defines ("Flexible Vision Transformer (FiT)")
_REPLACING_RULES = _OWN_NAME_RULES | {"abbreviation_long"}


def _inside_only(mentions: list[Mention], s: int, e: int) -> list[Mention] | None:
    """The mentions overlapping ``[s, e)``, or None if one of them is not a shorter name
    inside it (a generic concept inside stays: "Foo Pipeline Parallelism" is a kind of
    pipeline parallelism, the paper names both)."""
    inside = [m for m in mentions if m.start < e and s < m.end]
    if any(m.start < s or m.end > e or m.end - m.start == e - s or not m.specific for m in inside):
        return None
    return inside


_PLURAL_WORD = re.compile(r" [A-Za-z][a-z]+[^su]s$")
_SINGULAR_WORD = re.compile(r" [A-Za-z][a-z]+[^s]$")


def _other_number(name: str, specific: bool) -> str | None:
    """The singular of a name of words ending in a plural noun, or the plural of a
    generic one ending in a singular ("cautious optimizers" / "a cautious optimizer"): a
    concept named once in each number is one entity, found in both places. A name given
    in the plural names a kind, and one of it is the same kind; a proper name in the
    singular is one thing, and its plural ("zap engines") speaks of copies. Only names of
    several words: a one-word name may be a word of its own in the other number."""
    if " " not in name:
        return None
    if _PLURAL_WORD.search(name):
        return name[:-3] + "y" if name.endswith("ies") else name[:-1]
    if not specific and _SINGULAR_WORD.search(name):
        return name[:-1] + "ies" if name.endswith("y") and name[-2] not in "aeiou" else name + "s"
    return None


def _spellings(hay: str, name: str, specific: bool) -> Iterator[tuple[str, int]]:
    """Each occurrence in ``hay`` of ``name`` and of its other number (``_other_number``),
    with the form found, in order of the form, then of the offset."""
    other = _other_number(name, specific)
    for form in (name, other) if other else (name,):
        s = hay.find(form)
        while s >= 0:
            yield form, s
            s = hay.find(form, s + len(form))


def propagate(text: str, mentions: list[Mention], low_text: str | None = None) -> list[Mention]:
    """Add every other occurrence of a kept discovered name as a mention of its own.

    An occurrence of the paper's own name, or of a long form it defines, replaces the
    shorter specific names inside it: the longer name is the one the paper gives. Such
    a name of several words is found in any case: the abstract often lowers the
    generic word a title capitalises ("Zorb! Inference" in the title, "Zorb!
    inference" in the text), and a title capitalises the long form the abstract defines
    ("ZeRO Sharding" and "ZeRO sharding (ZS)"). A generic long form ("data sharding
    (DS)") is left to its exact case: a name inside another spelling of it stays the
    name ("Zorb Data Sharding" in a title names Zorb). ``low_text``:
    ``lower_same_offsets(text)``, if known.
    """
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    added: list[Mention] = []
    dropped: set[int] = set()
    for name in {m.text: m for m in mentions if m.rule != "vocab"}.values():
        n = name.text
        hay = text
        if name.rule in _REPLACING_RULES and " " in n and name.specific:
            if low_text is None:
                low_text = lower_same_offsets(text)
            hay, n = low_text, n.lower()
        for form, s in _spellings(hay, n, name.specific):
            e = s + len(form)
            if 1 not in taken[s:e]:
                if word_bounded(text, s, e):
                    taken[s:e] = b"\x01" * (e - s)
                    added.append(
                        Mention(
                            s,
                            e,
                            text[s:e],
                            name.rule,
                            name.confidence,
                            name.type,
                            name.specific,
                            name.concept,
                        )
                    )
            elif (
                name.rule in _REPLACING_RULES
                and word_bounded(text, s, e)
                and (inside := _inside_only(mentions, s, e)) is not None
            ):
                dropped.update(id(m) for m in inside)
                added.append(
                    Mention(s, e, text[s:e], name.rule, name.confidence, specific=name.specific)
                )
        if name.rule == "component" and n[:1].islower() and " " in n:
            _capitalised_parts(text, mentions, name, added, dropped)
    if not added:
        return mentions
    kept = [m for m in mentions if id(m) not in dropped] if dropped else mentions
    return sorted(kept + added, key=lambda m: m.start)


def _capitalised_parts(
    text: str, mentions: list[Mention], part: Mention, added: list[Mention], dropped: set[int]
) -> None:
    """Add the other occurrences of a lower-case named part of the paper's work
    ("layered gradient accumulation") where shorter concepts were matched inside it, or
    where it opens a title or a sentence with a capital: the same phrase, which replaces
    the concepts inside it there ("gradient accumulation" in "Layered gradient
    accumulation and modular pipeline parallelism: ...")."""
    for n in (part.text, part.text[0].upper() + part.text[1:]):
        s = text.find(n)
        while s >= 0:
            e = s + len(n)
            inside = [m for m in mentions if m.start < e and s < m.end]
            if (
                (inside if n is part.text else s == 0 or text[s - 2 : s] in _SENTENCE_BREAKS)
                and word_bounded(text, s, e)
                and all(s <= m.start and m.end <= e and m.end - m.start < e - s for m in inside)
            ):
                dropped.update(id(m) for m in inside)
                added.append(Mention(s, e, n, part.rule, part.confidence, specific=part.specific))
            s = text.find(n, e)


def _name_with_head(mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    """(X, "X Head") for the paper's own name "X Parallelism" whose name part X is also
    named alone: "SWARM parallelism" and "SWARM" are one method. A vocabulary name
    stays apart: "Hogwild! Inference" is an engine built on Hogwild!, not Hogwild!."""
    names = {m.text for m in mentions if m.specific and m.concept is None}
    for m in mentions:
        if m.rule not in _OWN_NAME_RULES or " " not in m.text:
            continue
        first, last = m.text.rsplit(" ", 1)
        if last.lower() in CONCEPT_HEADS and first in names and first != m.text:
            yield first, m.text


def _greek_initials(name: str) -> str:
    """``name`` with each Greek letter replaced by its Latin initial ("DεpS" -> "DepS").

    Writers spell a name with a Greek letter both ways, the letter's name ("DepsilonpS")
    and the Latin letter it looks like ("DEpS"); the key folds the first, this the second.
    """
    return "".join(
        unicodedata.name(c, "").rsplit(" ", 1)[-1][:1] if "GREEK" in unicodedata.name(c, "") else c
        for c in name
    )


def _inner_deletions(name: str) -> set[str]:
    """``name`` less one inner letter (not its first or last character)."""
    return {name[:i] + name[i + 1 :] for i in range(1, len(name) - 1) if name[i].isalpha()}


def _misspelt_own_names(mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    """(variant, own name) for a name one inner letter off the paper's own name of six
    characters or more: a typo in the abstract ("PatricStar" for "PatrickStar") names the
    paper's work, not a second system. A letter at either end may mark a variant ("Foo"
    and "Foos", "FooNet" and "FooNetX"), a digit a version: both are left apart."""
    own = {m.text for m in mentions if m.rule in _OWN_NAME_RULES and len(m.text) >= 6}
    if not own:
        return
    lengths = {len(n) for n in own}
    near = [
        m
        for m in mentions
        if (len(m.text) + 1 in lengths or len(m.text) - 1 in lengths) and m.specific
    ]
    if not near:
        return
    shorter = {v: n for n in own for v in _inner_deletions(n)}
    for m in near:
        t = m.text
        if t in shorter:
            yield t, shorter[t]
        else:
            hit = own & _inner_deletions(t)
            if hit:
                yield t, next(iter(hit))


# Size and edition marks after a family name ("T5-XXL", "BERT-Large"): a member of the
# family, whose mark alone names nothing
_SIZE_MARKS = frozenset(["XS", "XL", "XXL", "Base", "Large", "Small", "Tiny", "Mini", "Pro"])


def _prefixed_names(
    mentions: list[Mention], abbreviations: list[Abbreviation]
) -> Iterator[tuple[str, str]]:
    """(Y, X-Y) for a discovered name Y the paper also writes with a name before it and
    a hyphen ("DeepSpeed-MII" and "MII"): the prefix is the family or the maker, the two
    forms name one thing. Vocabulary names and size marks stay apart, and so do short
    forms the paper defines: "Composition of Experts (CoE)" is a technique, "Foo-CoE" one
    instance of it."""
    dashed = [m for m in mentions if "-" in m.text]
    if not dashed:
        return
    defined = {a.short for a in abbreviations}
    alone = {
        m.text
        for m in mentions
        if m.specific and m.concept is None and m.text[:1].isupper() and m.text not in defined
    }
    for m in dashed:
        prefix, _, name = m.text.partition("-")
        if (
            name in alone
            and name not in _SIZE_MARKS
            and len(name) >= 2
            and any(c.isupper() for c in prefix)
        ):
            yield name, m.text


# Generic nouns a technique's name may be followed by: "the attention mechanism", "the
# live migration process", "compression strategies" name the technique itself
_GENERIC_TAILS = frozenset(
    [
        "mechanism",
        "mechanisms",
        "method",
        "methods",
        "technique",
        "techniques",
        "strategy",
        "strategies",
        "scheme",
        "schemes",
        "process",
        "procedure",
        "module",
        "modules",
        "operation",
        "algorithm",
        "algorithms",
        "approach",
        "approaches",
    ]
)


def _generic_tailed(mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    """(X, "X mechanism") where the paper names the concept X alone too: "attention" and
    "the attention mechanism" are one entity, the generic noun adds nothing."""
    tailed = [
        (head, m.text)
        for m in mentions
        for head, space, tail in (m.text.rpartition(" "),)
        if space and tail.lower() in _GENERIC_TAILS
    ]
    if not tailed:
        return
    keys = {entity_key(m.text) for m in mentions}
    for head, name in tailed:
        short = entity_key(head)
        if short in keys:
            yield short, entity_key(name)


def _parenthesised_short_forms(text: str, mentions: list[Mention]) -> Iterator[tuple[str, str]]:
    """(S, "S head") for a short form in parentheses before a head noun, "peer-to-peer
    (P2P) communication", where the paper also writes "S head" ("P2P communication"):
    the parenthesis splits one concept, whose short form names it."""
    headed = {m.text for m in mentions if m.rule in _HEAD_RULES and " " in m.text}
    if not headed:
        return
    for m in mentions:
        if m.start > 0 and text[m.start - 1] == "(" and text.startswith(") ", m.end):
            e = text.find(" ", m.end + 2)
            word = text[m.end + 2 : e if e > 0 else len(text)].rstrip(".,;:")
            if f"{m.text} {word}" in headed:
                yield m.text, f"{m.text} {word}"


def group_mentions(
    mentions: list[Mention],
    abbreviations: list[Abbreviation],
    tied: Iterable[tuple[str, str]] = (),
) -> None:
    """Set ``Mention.group``: same concept, same key, or tied by an abbreviation (or by
    ``tied``, pairs of surface forms of one entity)."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    own = dashed = False
    for m in mentions:
        key = entity_key(m.text)
        if m.concept is not None:
            union(key, "concept:" + m.concept.id)
        if not m.text.isascii():
            union(key, entity_key(_greek_initials(m.text)))
        if key.endswith("parallel"):  # "tensor parallel" strategies: tensor parallelism
            union(key, key + "ism")
        own = own or m.rule in _OWN_NAME_RULES
        dashed = dashed or "-" in m.text
    for a in abbreviations:
        union(entity_key(a.short), entity_key(a.long))
    for one, other in tied:
        union(entity_key(one), entity_key(other))
    if own:
        for short, long in _name_with_head(mentions):
            union(entity_key(short), entity_key(long))
        for variant, name in _misspelt_own_names(mentions):
            union(entity_key(variant), entity_key(name))
    for short, long in _generic_tailed(mentions):
        union(short, long)
    if dashed:
        for short, long in _prefixed_names(mentions, abbreviations):
            union(entity_key(short), entity_key(long))
    roots: dict[str, int] = {}
    for m in mentions:
        m.group = roots.setdefault(find(entity_key(m.text)), len(roots))


# Vendor names as written ("NVIDIA", "Arm"): looked up as they are, no lower-casing
_VENDOR_FORMS = frozenset([*map(str.upper, VENDORS), *map(str.capitalize, VENDORS), "SambaNova"])


def _vendor_products(text: str, cands: list[Mention]) -> list[Mention]:
    """ "ARM Cortex-M4", "NVIDIA A100": a vendor's name before a name-shaped product is
    part of the product's name (the longer mention then wins the overlap)."""
    vendors = [m for m in cands if m.text in _VENDOR_FORMS and text.startswith(" ", m.end)]
    if not vendors:
        return []
    starts = {m.start: m for m in cands if m.rule == "name_shape"}
    out: list[Mention] = []
    for m in vendors:
        product = starts.get(m.end + 1)
        if product is not None:
            out.append(
                Mention(m.start, product.end, text[m.start : product.end], "name_shape", 0.7)
            )
    return out


# "1200 GPU hours", "GPU-days": a unit of cost (a metric), not the hardware of a run
_COST_UNIT = re.compile(r"[\s\-*](?:hours?|hrs|days?|years?)\b")


def _cost_unit(text: str, m: Mention) -> bool:
    """``m`` is a device read as part of a cost unit ("GPU hours")."""
    return (m.type is EntityType.HARDWARE or m.text.lower() in HARDWARE_WORDS) and (
        _COST_UNIT.match(text, m.end) is not None
    )


# Heads of lower-case phrases that name content, not a technique or a thing one runs:
# "natural language descriptions (NL)", "problem data (PD)"
_CONTENT_HEAD = re.compile(
    r"\s(?:data|descriptions?|formulations?|texts?|instructions?|questions?|answers?|"
    r"documents?|labels?|annotations?|statements?|specifications?)$"
)


# Generic plural nouns after a field: "machine learning systems (MLSys)", "deep learning
# models" name the field's artefacts as a class, no entity like the field itself
_CLASS_OF_FIELD = re.compile(r"\s(?:systems|models|applications|workloads|frameworks)$")


def _field_class(long: str) -> bool:
    """``long`` is a field followed by a generic plural ("machine learning systems")."""
    m = _CLASS_OF_FIELD.search(long)
    return m is not None and is_non_entity(long[: m.start()])


def _plain_content(long: str) -> bool:
    """``long`` is a lower-case phrase about content ("natural language descriptions")."""
    return long.islower() and _CONTENT_HEAD.search(long) is not None


_HEAD_RULES = frozenset(["head_noun", "head_noun_compound"])


def _crosses(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``(s, e)`` partly overlaps one of ``spans`` without holding it whole.

    A generic head-noun phrase cut across a vocabulary name ("momentum optimizer" in
    "Nesterov momentum optimizer") is a misparse: the name names the thing.
    """
    return any(s < ke and ks < e and not (s <= ks and ke <= e) for ks, ke in spans)


# A variant of a trained model or a dataset named after it ("Foo-7B NoisyStudent",
# "FooSet-100") is one too. Methods and systems are left out: "DeepSpeed-Ulysses" is a
# method built on a library, not a library.
_VARIANT_TYPES = frozenset([EntityType.MODEL, EntityType.DATASET])
# Nouns of things built around a model, not variants of it ("Foo Space", a search space
# of Foo-like networks; "Foo backbone"), besides type nouns and concept heads
_BUILT_AROUND = frozenset(
    [
        "space",
        "spaces",
        "style",
        "backbone",
        "backbones",
        "encoder",
        "decoder",
        "features",
        "embeddings",
        "outputs",
        "variants",
        "blocks",
        "cells",
    ]
)


def _inherit_variant_types(text: str, vocab: list[Mention], kept: list[Mention]) -> None:
    """Type hint: a discovered name that opens with a vocabulary model or dataset name,
    then a space or hyphen and a word, gets that type as ``Mention.type`` (typing weighs
    it). A type noun, concept head or a noun of a thing built around the model after it
    ("Foo Space", "Foo attention") names something else."""
    heads = {
        m.start: m
        for m in vocab
        if m.type in _VARIANT_TYPES and m.end < len(text) and text[m.end] in " -"
    }
    if not heads:
        return
    for m in kept:
        head = heads.get(m.start)
        if m.concept is None and head is not None and head.end < m.end:
            tail = text[head.end + 1 : m.end].split(" ", 1)[0]
            low = tail.lower()
            if (
                _SHAPE_CHECK.search(tail)
                or tail[:1].isdigit()
                or (
                    tail[:1].isalpha()
                    and low not in TYPE_NOUNS
                    and low not in CONCEPT_HEADS
                    and low not in _BUILT_AROUND
                )
            ):
                m.type = head.type  # "-RS", "-100", "NoisyStudent", "-chat"


# A stage of a model's life listed with the others ("pre-training, fine-tuning, and
# inference", "pretraining+finetuning") names an activity, not a technique
_STAGES = frozenset(["fine-tuning", "finetuning"])
_STAGE = r"(?:pre-?training|post-?training|training|inference|serving|deployment)"
_STAGE_BEFORE = re.compile(rf"{_STAGE}(?:,|\s*[+/]|\s+and|\s+or),?\s*(?:and\s+|or\s+)?$")
_STAGE_AFTER = re.compile(rf"(?:,|\s*[+/]|\s+and|\s+or)\s*(?:and\s+|or\s+)?{_STAGE}\b")


# A name before the stage says what is fine-tuned or on what ("GLUE finetuning", "PEFT
# model finetuning"): one run of the stage, an activity like the listed ones
_NAME_BEFORE_STAGE = re.compile(
    r"(?<![.!?\n] )(?<![.!?\n])\b([A-Za-z0-9\-]*[A-Z][\w\-]*)\s(?:models?\s)?$"
)


def _after_a_name(text: str, m: Mention) -> bool:
    """A name, not a generic class ("LLM fine-tuning" is the technique), precedes ``m``."""
    n = _NAME_BEFORE_STAGE.search(text, max(0, m.start - 40), m.start)
    return n is not None and n.group(1).isupper() and not is_non_entity(n.group(1))


# Modifiers coordinated before one shared head ("tensor, pipeline, and data
# parallelism", "data and tensor parallelism"): each names its own concept, the head
# written once (right-node ellipsis). Matched at the end of the text before the last one.
_ELIDED_MODS = re.compile(
    r"(?:^|[\s(])((?:[a-z0-9][a-z0-9]*(?:-[a-z0-9]+)*,\s){0,3}[a-z0-9][a-z0-9]*(?:-[a-z0-9]+)*)"
    r",?\s(?:and|or)\s$"
)


# What a list of coordinated modifiers follows: a preposition, an article or a verb of
# use ("of data and tensor parallelism", "combines tensor, pipeline and data ...")
_LIST_OPENER = re.compile(
    r"(?:^|\s)(?:of|with|in|on|for|via|by|both|the|between|using|uses?|used|combin\w+|"
    r"including|as|like|from|across|to|apply|applies|applying|employ\w*|support\w*)\s$",
    re.IGNORECASE,
)


_ACTION_NOUN = re.compile(r"(?:tion|sion|ment|sis)$")  # a head of its own, no modifier


def _elided_heads(text: str, kept: list[Mention]) -> list[Mention]:
    """Mentions of the concepts whose head is elided before a "<modifier> <head>" one
    (see ``_ELIDED_MODS``): each spans its modifier and is named "<modifier> <head>".
    A modifier must be one the head takes on its own ("data" for "parallelism", no stop
    word, no "-ing" or evaluative word), as ``concept_phrases`` asks."""
    out: list[Mention] = []
    taken = {(m.start, m.end) for m in kept}
    for m in kept:
        mod, space, head = m.text.partition(" ")
        if not space or " " in head or head not in CONCEPT_HEADS or not m.text.islower():
            continue
        suffix = mod.rpartition("-")[2] if "-" in mod else None
        if m.concept is None and m.rule != "seed_concept" and suffix is None:
            continue  # only siblings of an established concept: "tensor parallelism"
        window = text[max(0, m.start - 60) : m.start]
        if " or " not in window and " and " not in window:
            continue
        before = _ELIDED_MODS.search(text, max(0, m.start - 60), m.start)
        if before is None or not _LIST_OPENER.search(
            text, max(0, before.start() - 12), before.start() + 1
        ):
            continue  # "we scale and ...", "cuts memory, and ...": no list of modifiers
        allowed = RESTRICTED_HEADS.get(head)
        words = before.group(1).split(", ")
        # where every modifier has the head's modifier's own form ("4-bit and 8-bit
        # quantization", "layer-wise and block-wise pruning") no other reading of the list
        # is left: siblings even of a concept no vocabulary holds. Else only siblings of an
        # established concept, and no digit-led word ("2 and data parallelism")
        same_form = all("-" in w and w.rpartition("-")[2] == suffix for w in words)
        established = m.concept is not None or m.rule == "seed_concept"
        if not same_form and (not established or any(w[0].isdigit() for w in words)):
            continue
        pos = before.start(1)
        for w in words:
            s, e = pos, pos + len(w)
            pos = e + 2
            if (
                w in STOP_MODIFIERS
                or _ACTION_NOUN.search(w)  # "parallelization and graph pruning": a noun
                or w in CONCEPT_HEADS
                or _FLUFF.search(w)
                or allowed is not None
                and w not in allowed
                or (s, e) in taken
                or any(k.start < e and s < k.end for k in kept)
                or is_non_entity(f"{w} {head}")  # "machine and deep learning": fields
            ):
                continue
            out.append(Mention(s, e, f"{w} {head}", "elided_head", 0.55, specific=False))
    return out


def _drop_listed_stages(text: str, low: str, kept: list[Mention]) -> list[Mention]:
    """Drop a bare "fine-tuning" entity all of whose mentions list it among the stages of a
    model's life or follow a name. ``low``: the lower-cased text, at the same offsets."""
    stages = [m for m in kept if m.rule == "head_noun" and m.text.lower() in _STAGES]
    if not stages:
        return kept
    listed = {
        id(m)
        for m in stages
        if _STAGE_BEFORE.search(low, max(0, m.start - 40), m.start)
        or _STAGE_AFTER.match(low, m.end)
        or _after_a_name(text, m)
    }
    if not listed:
        return kept
    named = {entity_key(m.text) for m in stages if id(m) not in listed}  # used elsewhere
    drop = {id(m) for m in stages if id(m) in listed or entity_key(m.text) not in named}
    return [m for m in kept if id(m) not in drop]


# Generic nouns a vocabulary concept may end in ("attention mechanism"), which add
# nothing to a kind of it written before them
_GENERIC_TAIL = re.compile(r" mechanisms?$")


def _generic_tail(text: str, s: int, e: int, vocab: list[Mention]) -> Mention | None:
    """The vocabulary mention a head-noun phrase ``[s, e)`` crosses only by a generic tail:
    "global attention" in "global attention mechanism" against a vocabulary "attention
    mechanism" names the kind of attention, the vocabulary phrase adds "mechanism"."""
    for m in vocab:
        if s < m.start < e < m.end and _GENERIC_TAIL.fullmatch(text, e, m.end):
            return m
    return None


# A plain capitalised title word heading a noun phrase an indefinite article opens, "An
# Open-Source Gymnasium for ...": a Title Case common noun, even where the vocabulary
# has a product of that name (a name takes no "a": "a PyTorch library" is a library)
_INDEFINITE_NP = re.compile(r"(?:^|[\s:])(?:A|An|a|an)\s(?:[A-Z][\w\-]*\s){0,3}$")
_NP_END = re.compile(r"\s(?:for|of|with|to|in|on|via|that|which)\b|\s*[:,.;]|\s*$")


def _common_noun(text: str, m: Mention) -> bool:
    """Vocabulary mention ``m`` is a plain word heading an "a/an" noun phrase."""
    return (
        m.text.isalpha()
        and m.text[1:].islower()
        and _NP_END.match(text, m.end) is not None
        and _INDEFINITE_NP.search(text, max(0, m.start - 60), m.start) is not None
    )


# A word before a generic concept that says which kind of it is meant: another
# technique's word ("optimizer model parallelism", "caching search") or a compound
# classifier ("op-level", "3D-aware", "token-wise"); adjectives are too often evaluative
_KIND_WORD = re.compile(r"[a-z][a-z0-9]*|[A-Za-z0-9]+(?:-[a-z0-9]+)+")
_KIND_SUFFIXES = ("-level", "-aware", "-wise", "-grained")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
# Classifying adjectives: they say how a technique operates ("adaptive layer
# normalization", "asynchronous pipeline parallelism"), not how good it is
_MODE_ADJECTIVES = frozenset(
    [
        "adaptive",
        "dynamic",
        "asynchronous",
        "synchronous",
        "hierarchical",
        "sparse",
        "structured",
        "unstructured",
        "stochastic",
        "deterministic",
        "decentralized",
        "iterative",
        "incremental",
        "progressive",
        "recursive",
        "parallel",
    ]
)


def _kind_modifier(text: str, m: Mention) -> int | None:
    """The start of the classifier right before ``m`` ("op-level" before "model
    parallelism"), or None. Where a type noun follows ("an asynchronous pipeline
    parallelism framework") the word before may modify that noun: left alone."""
    if m.start < 2 or text[m.start - 1] != " ":
        return None
    nxt = _NEXT_WORD.match(text, m.end)
    if nxt is not None and nxt.group(1).lower() in TYPE_NOUNS:
        return None
    s = max(text.rfind(" ", 0, m.start - 1), text.rfind("\n", 0, m.start - 1)) + 1
    w = text[s : m.start - 1]
    if w in CONCEPT_HEADS or w in _MODE_ADJECTIVES or "-" in w and w.endswith(_KIND_SUFFIXES):
        return s if _KIND_WORD.fullmatch(w) else None
    return None


def _concept_key(m: Mention) -> str:
    """What makes mentions one concept: the vocabulary concept, else the name's key."""
    return "concept:" + m.concept.id if m.concept is not None else entity_key(m.text)


# A classifier coordinated before another one with the concept written once
# ("synchronous and asynchronous pipeline parallelism", "layer-level or op-level model
# parallelism"): each names a kind of the concept. Matched at the end of the text before
# the second classifier.
_SIBLING_KIND = re.compile(r"(?:^|\s)([a-z][a-z0-9]*(?:-[a-z0-9]+)*),?\s(?:and|or)\s$")


def _same_kind_class(word: str, other: str) -> bool:
    """``word`` classifies as ``other`` does: both say how a technique operates, or both
    are "-level"/"-wise"/... compounds of the same suffix."""
    if other in _MODE_ADJECTIVES:
        return word in _MODE_ADJECTIVES
    suffix = other[other.rfind("-") :] if "-" in other else None
    return suffix in _KIND_SUFFIXES and word.endswith(suffix) and "-" in word


def _only_kinds(text: str, kept: list[Mention]) -> list[Mention]:
    """Widen a generic concept to the kinds of it the paper names, where the paper never
    names the concept alone: "op-level model parallelism" and "optimizer model
    parallelism" (without a bare "model parallelism") are the entities, the concept
    inside them is not. A classifier that is part of another mention is none."""
    starts: dict[int, int] = {}
    for m in kept:
        if not m.specific and " " in m.text:
            s = _kind_modifier(text, m)
            if s is not None and not any(o.start < m.start - 1 and s < o.end for o in kept):
                starts[id(m)] = s
    if not starts:
        return kept
    bare = {_concept_key(m) for m in kept if id(m) not in starts}
    out = []
    for m in kept:
        s = starts.get(id(m))
        if s is None or _concept_key(m) in bare:
            out.append(m)
            continue
        sib = _SIBLING_KIND.search(text, max(0, s - 40), s)
        if (
            sib is not None
            and _same_kind_class(sib.group(1), text[s : m.start - 1])
            and not any(o.start < sib.end(1) and sib.start(1) < o.end for o in kept)
        ):
            name = f"{sib.group(1)} {m.text}"  # the shared concept is written once
            out.append(Mention(sib.start(1), sib.end(1), name, "elided_head", 0.55, m.type, False))
        out.append(
            Mention(s, m.end, text[s : m.end], "head_noun_compound", m.confidence, m.type, False)
        )
    return out


# A generic concept named only as what the work does without ("requires no
# hyperparameter tuning", "without additional fine-tuning", "to avoid recomputation",
# "with minimal hyperparameter tuning") is no technique the paper uses, proposes or
# compares with. A bare "no X" / "without X" is left alone: it often contrasts the
# paper's own setting with X ("with and without pipeline parallelism"), which it studies.
_NEGATED_BEFORE = re.compile(
    r"(?:\brequir\w*\sno|\bwithout\s(?:any|additional|extra|further)|\bavoid\w*"
    r"|\bminimal)\s$"
)


def _drop_negated(text: str, kept: list[Mention]) -> list[Mention]:
    """Drop the generic concepts all of whose mentions follow a negation (see above)."""
    negated: dict[str, bool] = {}
    for m in kept:
        if m.specific:
            continue
        key = _concept_key(m)
        if negated.get(key, True):
            w = text[max(0, m.start - 30) : m.start]
            neg = ("no " in w or "out " in w or "avoid" in w or "minimal " in w) and (
                _NEGATED_BEFORE.search(w) is not None
            )
            negated[key] = neg
    if not any(negated.values()):
        return kept
    return [m for m in kept if m.specific or not negated.get(_concept_key(m), False)]


def discover(text: str, state: DocState) -> list[Mention]:
    """All mentions of ``text``: vocabulary ones kept, discovered ones added, grouped."""
    state.native = None
    fast = native.twin("discovery_discover_doc")
    if fast is not None and (got := fast(state)) is not None:
        out, doc = got
        kept = _from_twin(state, out)  # the same mentions, compiled
        if doc is not None and doc.seal(state, 1, kept):
            state.native = doc  # the later twins read the state from it
        return kept
    title = text[: state.title_end]
    if " A" in title or " a" in title:  # Title Case: the title's words all look like names
        state.mentions = [
            m for m in state.mentions if m.start >= state.title_end or not _common_noun(text, m)
        ]
    cands: list[Mention] = list(state.mentions)
    tn = title_name(title)
    if tn:
        cands.append(Mention(tn[0], tn[1], title[tn[0] : tn[1]], "title_name", 0.9))
        state.proposed.append(tn)
    for s, e in proposed_names(text):
        cands.append(Mention(s, e, text[s:e], "proposed_name", 0.85))
        state.proposed.append((s, e))
    known = [(m.start, m.end) for m in state.mentions]  # vocabulary concepts: used, not own
    for s, e in component_spans(text, state.title_end, state.sentences):
        if not any(ks <= s and e <= ke for ks, ke in known):
            cands.append(Mention(s, e, text[s:e], "component", 0.85, specific=text[s].isupper()))
            state.proposed.append((s, e))
    abbr_ok = []
    generic: set[str] = set()  # short forms of non-entities: "pre-trained model (PTM)"
    for a in state.abbreviations:
        plain = _plain_content(a.long) or _field_class(a.long)
        if (plain or is_non_entity(a.long)) and not is_non_entity(a.short):
            generic.update((a.short, a.short + "s", a.short.removesuffix("s")))
        if (
            plain
            or is_non_entity(a.short)
            or is_non_entity(a.long)
            or a.short in NOT_NAMES
            or _SIZE_ONLY.match(a.short)  # "70 billion parameters (7B ...)"
        ):
            continue
        abbr_ok.append(a)
        cands.append(Mention(a.short_start, a.short_end, a.short, "abbreviation", 0.85))
        cands.append(
            Mention(
                a.long_start,
                a.long_end,
                a.long,
                "abbreviation_long",
                0.8,
                specific=any(c.isupper() for c in a.long[1:]),
            )
        )
    urls = _url_spans(text)
    outdone: set[int] = set()
    own = [text[ps:pe] for ps, pe in state.proposed]  # the paper's own names
    for gen in (
        name_shaped(text, state.title_end),
        listed_names(text, state.title_end),
        concept_phrases(text, state.lowered()),  # lowered once per doc, roles reuse it
        defined_names(text, state.title_end),
        coordinated_techniques(text, state.title_end),
        classified_classes(text, state.title_end),
        title_concepts(text, state.title_end),
    ):
        for s, e, rule, conf, specific in gen:
            if urls and any(s < ue and us < e for us, ue in urls):
                continue
            if rule in _HEAD_RULES and _crosses(s, e, known):
                tail = _generic_tail(text, s, e, state.mentions)
                if tail is None:
                    continue  # "the Nesterov momentum optimizer": the vocabulary concept wins
                outdone.add(id(tail))  # "global attention mechanism": the kind wins
            if rule == "head_noun_compound" and any(s < ks < ke == e for ks, ke in known):
                continue  # "in-place knowledge distillation": the vocabulary concept wins
            if rule == _EPONYM_RULE and (
                any(ks == s for ks, _ in known) or text[s : text.find(" ", s)] in own
            ):
                continue  # "Adam updates", "Zorb updates": a known name, not a scheme
            cands.append(Mention(s, e, text[s:e], rule, conf, specific=specific))
            if rule == "proposed_concept":
                state.proposed.append((s, e))  # the writers' own techniques
    if generic:
        cands = [m for m in cands if m.text not in generic or m.concept is not None]
    if outdone:
        cands = [m for m in cands if id(m) not in outdone]
    cands += _vendor_products(text, cands)
    kept = propagate(text, resolve_overlaps(cands, len(text)), state.lowered())
    if " and " in text or " or " in text:
        kept = sorted(kept + _elided_heads(text, kept), key=lambda m: m.start)
    kept = _drop_listed_stages(text, state.lowered(), kept)
    kept = _only_kinds(text, kept)
    if "without" in text or "avoid" in text or "minimal" in text or "requir" in text:
        kept = _drop_negated(text, kept)
    _inherit_variant_types(text, state.mentions, kept)
    if "hour" in text or "day" in text or "hrs" in text or "year" in text:
        kept = [m for m in kept if not _cost_unit(text, m)]
    tied = list(_parenthesised_short_forms(text, kept)) if "(" in text else []
    group_mentions(kept, abbr_ok, tied)
    state.abbreviations = abbr_ok
    return kept


_Twin = tuple[
    list[tuple[int, int, str, str, float, str | None, bool, int | None, int, int | None]],
    list[tuple[int, int]],
    list[int],
]


def _from_twin(state: DocState, out: _Twin) -> list[Mention]:
    """Apply the output ``kg_native.discovery_discover_doc`` returned as ``discover`` would: the
    kept mentions (the vocabulary ones the same objects, their group set), the paper's
    own names, and the abbreviations kept."""
    kept, proposed, abbr_ok = out
    vocab = state.mentions
    mentions = []
    for s, e, text, rule, conf, typ, specific, concept, group, source in kept:
        if source is not None:
            m = vocab[source]
            m.group = group
            if typ is not None:
                m.type = EntityType(typ)
        else:
            m = Mention(
                s,
                e,
                text,
                rule,
                conf,
                EntityType(typ) if typ is not None else None,
                specific,
                vocab[concept].concept if concept is not None else None,
                group,
            )
        mentions.append(m)
    state.proposed = proposed
    state.abbreviations = [state.abbreviations[i] for i in abbr_ok]
    return mentions


@Language.factory("kg_discovery")
class EntityDiscovery(BatchedComponent):
    """Replaces ``doc._.kg.mentions`` with vocabulary plus discovered mentions, grouped."""

    kg_stage = 1  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name
        self._chain = native.DocChain(nlp)

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "discover"):
            return doc
        state.mentions = discover(state.text, state)
        self._chain.check(self, state)  # no other component between the kg ones
        return doc
