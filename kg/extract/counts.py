"""Numbers that matter: device counts on hardware and parameter counts of models.

>>> parse_count("more than 12,000"), parse_count("a single"), parse_count("2048")
(12000, 1, 2048)
>>> parse_parameters("200 billion"), parse_parameters("12.7B"), parse_parameters("760M")
(200000000000, 12700000000, 760000000)
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.state import DocState, NumberCue, ensure_extension, state_of
from kg.ontology import EntityType

__all__ = ["parse_count", "parse_parameters", "find_numbers", "NumberReader"]

_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "a single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
    "thirty-two": 32,
    "sixty-four": 64,
    "hundreds": None,
    "thousands": None,
}
# the words that state a number (for the compiled twin, which reads module-level dicts)
_WORD_COUNTS = {w: n for w, n in _WORDS.items() if n is not None}
# The number words of two or more, as one alternation: the count regexes read the words
# ``_WORDS`` (and ``parse_count``) can turn into numbers.
_MANY = "|".join(w for w, n in _WORDS.items() if n is not None and n > 1)
_COUNT = re.compile(
    r"(?:(?:more\sthan|over|up\sto|about|around|nearly|approximately|~)\s)?"
    r"(?<![\w.])(\d+(?:\.\d+)?[kK]|\d{1,3}(?:,\d{3})+|\d+|a\ssingle|single|one|" + _MANY + r")"
    r"(?:\s?[x×]\s*|(?<=\d)-|\s+(?:\d+\s?GB\s)?((?:[A-Z][\w\-.]*\s){0,2}))$",
    re.IGNORECASE,
)  # a whole number (not the ".77" of "2.77x"), "10k"; "8x A100", "8×A100", "8-GPU nodes",
# "8 80GB A100s" (a memory size between), not "2x speedup"
_SCALE = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "million": 10**6,
    "b": 10**9,
    "billion": 10**9,
    "t": 10**12,
    "trillion": 10**12,
}
_PARAMS = re.compile(
    r"(\d+(?:\.\d+)?)[\s\-]?(billion|million|trillion|[BMT])\b"
    r"|(?<=[\-_\s])(\d+(?:\.\d+)?)([bm])\b"
)  # "12.7B", "200 billion"; lower case only as a name's own part: "Zorb-7b", "Quux-350m"
_PARAMS_PHRASE = re.compile(
    r"(\d+(?:\.\d+)?|(?<![\w-])(?:a|one))[\s\-]?(billion|million|trillion|[BMT])[\s\-]"
    r"(?:total\s)?(?:parameters?|params?)\b",
    re.IGNORECASE,
)
# "64 nodes with 8 GPUs each", "16 servers, each with 4 GPUs", "32 nodes of 8 GPUs": the
# devices per node, so the run uses nodes x devices (the number the guideline asks for)
_NODES_BEFORE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+|"
    + _MANY
    + r")\s(?:[\w\-]+\s)?(?:nodes|servers|machines|hosts)"
    r"(?:(?:,\s|\s)each\s(?:with|having|equipped\swith|containing|hosting)|\s(?:of|with))\s$",
    re.IGNORECASE,
)
_EACH_AFTER = re.compile(r"(?:[\s\-][\w\-]+){0,2}?\s(?:each|per\s(?:node|server|machine|host))\b")
# a size in brackets right after a model's name: "Zorb (13B)", "Zorb (2.7 billion)"
_SIZE_AFTER = re.compile(
    r"\s?\((\d+(?:\.\d+)?)\s?(?:billion|million|trillion|[BMT])"
    r"(?:[\s\-](?:parameters?|params?))?[),;]"
)
# "1,000 GPU-hours", "4000 TPU-days": compute time, not a device count
_TIME_UNIT_AFTER = re.compile(r"[\s\-](?:hours?|days?|weeks?|months?|years?)\b")
# a size right before a model's name: "the 175B Zorb", "a 7-billion-parameter Zorb"
_SIZE_BEFORE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)[\s\-]?(billion|million|trillion|[BMT])"
    r"(?:[\s\-](?:parameters?|params))?(?:\s(?:language\s)?(?:model|LLM))?[\s\-]$",
    re.IGNORECASE,
)  # also "our 7B model Zorb"
# a size in an apposition or a copula right after a model's name: "Zorb, a 7B model",
# "Zorb, an open 13B LLM", "Zorb is a 540B model" (not "a 2T-token corpus")
_SIZE_APPOSITION = re.compile(
    r"(?:,|\s(?:is|was))\s(?:a|an|the|our)\s(?:[a-z][\w\-]*\s)?"
    r"(\d+(?:\.\d+)?)[\s\-]?(billion|million|trillion|[BMT])\b(?![\s\-]tokens?\b)"
)


def parse_count(phrase: str) -> int | None:
    """The device count a phrase states ("more than 12,000" -> 12000)."""
    phrase = re.sub(
        r"^(?:more than|over|up to|about|around|nearly|approximately|~)\s",
        "",
        phrase.strip().lower(),
    )
    if phrase.replace(",", "").isdigit():
        return int(phrase.replace(",", ""))
    if phrase.endswith("k") and phrase[:-1].replace(".", "", 1).isdigit():  # "10k", "1.5k"
        return int(round(float(phrase[:-1]) * 1000))
    return _WORDS.get(phrase)


_NODE_WORDS = re.compile(r"nodes|servers|machines|hosts", re.IGNORECASE)


def _nodes_of(text: str, before: str, hardware_end: int) -> int:
    """How many nodes a per-node device count is for (1 if the text gives no nodes).

    "64 nodes of 8 GPUs" and "16 nodes, each with 8 GPUs" say so before the count;
    "64 nodes with 8 GPUs each" only with "each"/"per node" after the devices (without
    it "4 nodes with 32 GPUs" may well be 32 in all).
    """
    nb = _NODES_BEFORE.search(before)
    if nb is None:
        return 1
    said = nb.group().lower()
    if (
        said.rstrip().endswith("with")
        and "each" not in said
        and not _EACH_AFTER.match(text, hardware_end)
    ):
        return 1
    return parse_count(nb.group(1)) or 1


def parse_parameters(phrase: str) -> int | None:
    """A parameter count from "200 billion", "12.7B", "70B", "Zorb-7b" (None if no size)."""
    m = _PARAMS.search(phrase)
    if m:
        number, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return int(round(float(number) * _SCALE[scale.lower()]))
    m = _PARAMS_PHRASE.search(phrase)  # "a trillion parameters"
    if m:
        return _SCALE[m.group(2).lower()]
    return None


def find_numbers(text: str, state: DocState) -> list[NumberCue]:
    """Device counts for hardware mentions, parameter counts for model mentions."""
    fast = native.twin("counts_find_numbers")
    if fast is not None and text == state.text and state.native is not None:
        cues = native.doc_twin("counts_find_numbers_doc", state)
        state.native = None  # the last component that reads it
        if cues is not None:  # the same cues, compiled (kg/extract/native.py)
            return [NumberCue(*c) for c in cues]
    state.native = None
    if fast is not None:
        hardware, model = EntityType.HARDWARE, EntityType.MODEL
        mentions = [
            (i, m.start, m.end, m.text, m.type is hardware)
            for i, m in enumerate(state.mentions)
            if m.type is hardware or m.type is model
        ]
        cues = fast(text, state.title_end, state.sentences, mentions)
        if cues is not None:  # the same cues, compiled (kg/extract/native.py)
            return [NumberCue(*c) for c in cues]
    out: list[NumberCue] = []
    prev_end = -1
    for i, m in enumerate(state.mentions):
        if m.type is EntityType.HARDWARE and not _TIME_UNIT_AFTER.match(text, m.end):
            # the title states counts too ("Training Zorb in an Hour on 1,024 GPUs"); the
            # words before a mention stay within the title or within the abstract
            lo = 0 if m.start < state.title_end else state.title_end
            before = text[max(prev_end, m.start - 45, lo) : m.start]
            c = _COUNT.search(before)
            if c and not re.search(r"\d", c.group(2) or "") and "%" not in before[-3:]:
                n = parse_count(c.group(1))
                if n and _NODE_WORDS.search(before):
                    n *= _nodes_of(text, before[: c.start()], m.end)
                if n:
                    out.append(NumberCue(i, "count", n, "count_before_hardware"))
        elif m.type is EntityType.MODEL:
            n = parse_parameters(m.text)
            if n:
                out.append(NumberCue(i, "parameters", n, "size_in_name"))
                continue
            sb = _SIZE_BEFORE.search(text, max(0, m.start - 30), m.start)
            if sb:
                out.append(
                    NumberCue(
                        i, "parameters", parse_parameters(sb.group()) or 0, "size_before_name"
                    )
                )
                continue
            if text.startswith(" (", m.end) or text.startswith("(", m.end):
                sa = _SIZE_AFTER.match(text, m.end)
                if sa:
                    out.append(
                        NumberCue(
                            i, "parameters", parse_parameters(sa.group()) or 0, "size_after_name"
                        )
                    )
                    continue
            if text.startswith((", ", " is ", " was "), m.end):
                ap = _SIZE_APPOSITION.match(text, m.end)
                if ap:
                    out.append(
                        NumberCue(
                            i, "parameters", parse_parameters(ap.group()) or 0, "size_apposition"
                        )
                    )
                    continue
            sent = state.sentence_of(m.start)
            window = text[max(sent[0], m.start - 60) : min(sent[1], m.end + 80)]
            p = _PARAMS_PHRASE.search(window)
            if p:
                out.append(
                    NumberCue(
                        i, "parameters", parse_parameters(p.group(0)) or 0, "parameters_phrase"
                    )
                )
        prev_end = m.end if m.type is EntityType.HARDWARE else prev_end
    return [c for c in out if c.value]


@Language.factory("kg_numbers")
class NumberReader(BatchedComponent):
    """Fills ``doc._.kg.numbers``."""

    kg_stage = 5  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "numbers"):
            if not state.keep_native:  # the caller reads ``doc._.kg``: its objects
                held.materialize(state)
            return doc
        state.numbers.extend(find_numbers(state.text, state))
        return doc
