"""Typing of discovered entities from their name and their context.

Signals, each with a weight, are summed over all mentions of an entity; the heaviest
type wins and the runner-up (if close) becomes an ``alt_type``:

- the head noun of an appositive or a definition: "X, a library for ..." (System),
  "X: A Benchmark for ..." (Dataset), "X is a new optimizer" (Method);
- a type noun right after the name: "the X dataset", "X GPUs", "X framework" (not
  after a lower-case concept: "model parallel tools" are tools for a Method);
- the name's shape: hardware product lines ("A100", "TPU v4", "Ascend 910"), sizes
  ("7B" makes a Model), benchmark-like names ("X-bench", "X-1K");
- the verb or preposition before it: "implemented in X" (System), "evaluated on X"
  (Dataset), "a score of 71.5 on X" (Dataset), "models such as X" (Model).
- a type noun before it: "a motion planning library, X", "our system, named X";
- the head noun of the long form an abbreviation defines ("Message Passing Interface
  (MPI)": System), unless plural ("multi-agent systems (MAS)" names a class);
- a vocabulary model or dataset the name is a variant of ("Foo-XR" of a model "Foo"):
  discovery leaves it in ``Mention.type``, weighed once per entity.

Vocabulary mentions keep the vocabulary's type. Everything else defaults to Method.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.batching import BatchedComponent
from kg.extract.lexicon import TYPE_NOUNS
from kg.extract.state import DocState, Mention, ensure_extension, state_of
from kg.ontology import EntityType

__all__ = ["shape_type", "context_signals", "head_noun_type", "assign_types", "EntityTyper"]

H, M, D, S, T = (
    EntityType.HARDWARE,
    EntityType.MODEL,
    EntityType.DATASET,
    EntityType.SYSTEM,
    EntityType.METHOD,
)

_HARDWARE_SHAPE = re.compile(
    r"^(?:(?:NVIDIA|Nvidia|AMD|Intel|Huawei|Google|AWS|ARM|Arm)\s)?(?:[AHVBLTPK]\d{2,3}[A-Za-z]*|"
    r"Cortex-[AMR]\d+\w*|"
    r"(?:RTX|GTX|MI|Gaudi|DGX|HGX|Ascend|Kunlun|SN)[\s-]?\d\w*|"
    r"(?:Xeon|EPYC|Jetson|Trainium|Inferentia)(?:[\s-]\w+)?|x86(?:-64)?|RISC-V|Arm|ARM|aarch64|TPU(?:\s?v\d+\w*)?s?|[A-Z]PUs?|GPGPUs?|FPGAs?|ASICs?|NVLink|NVSwitch|"
    r"InfiniBand|RoCE|NVMe(?:\sSSDs?)?|SSDs?|HBM\d?e?|[SDV]?RAM|DDR\d?|"
    r"(?:(?:LP|G)?DDR\d*X?|HBM\d*[eE]?)\sS?DRAMs?|PCIe|SoCs?|NICs?|"
    r"p\d\w*\.\d+xlarge|Apple\sM\d\w*|M\d\s(?:Pro|Max|Ultra))$"
)
_SIZE = re.compile(r"(?:^|[\s\-_])\d+(?:\.\d+)?[BMT](?:-\w+)?$|-\d+(?:\.\d+)?[BM]\b")
_MODEL_FAMILY = re.compile(
    r"^(?:GPT|BERT|RoBERTa|T5|LLaMA|Llama|OPT|Qwen|DeepSeek|Mistral|Mixtral|Gemma|Phi|Falcon|"
    r"PaLM|Gemini|Claude|BLOOM|Vicuna|CLIP|Whisper|Chinchilla|Gopher|ResNet|ViT|Stable\s?"
    r"Diffusion|DALL-E|Grok|InternLM|Baichuan|ChatGLM|GLM|Pythia|StarCoder|CodeLlama|o1|o3)"
    r"(?:[-\s]?[\d.]+\w*|-\w+)*$"
)
_DATASET_SHAPE = re.compile(
    r"(?:[Bb]ench|BENCH|Eval|EVAL|Arena|QA|-\d+[Kk]$|^[A-Z]{3,}\d{2}$|MATH\d*$|AIME|"
    r"(?i:mnist|cifar|glue|coco|squad|imagenet|kinetics-\d+|mmlu|gsm8k|humaneval))"
)
_SYSTEM_SHAPE = re.compile(
    r"^(?:Py[A-Z]\w*|PyTorch\w*|TensorFlow|JAX|CUDA|MPI|NCCL|Triton|TensorRT\S*|DeepSpeed\S*|"
    r"Megatron\S*|vLLM|ONNX\S*|XLA|OpenMP|OpenCL|Kubernetes|Ray|Spark|Horovod|Colossal-?AI|"
    r"\w+-LM|\w+DB|\w+Serve|Hugging\s?Face\s\w+|Transformers\slibrary)$"
)
# Type nouns for typing only (not cues for finding names): an agent or a product is
# software someone runs ("a new multi-modal agent, Navi", "the Foo Recommend product"),
# so is an environment agents act in ("X, an open environment for web agents", "the X
# gym"), which the guideline's System (a simulator, a platform) covers.
_TYPING_NOUNS: dict[str, EntityType] = {
    **TYPE_NOUNS,
    **dict.fromkeys(["agent", "agents", "product", "products"], S),
    **dict.fromkeys(["environment", "environments", "gym", "sandbox"], S),
    # a programming abstraction or a named data structure is a piece of a library one
    # calls ("PyTorch's DTensor data structure", "the Zorb tensor abstraction")
    **dict.fromkeys(["abstraction", "abstractions"], S),
    # what code is written for, against or in: "the X ecosystem", "the X codebase", "a
    # plugin", "the X backend", "Python bindings"
    **dict.fromkeys(
        ["ecosystem", "codebase", "plugin", "plugins", "plug-in", "backend", "backends"], S
    ),
    # machines one runs code on, besides the lexicon's processors and devices
    **dict.fromkeys(
        [
            "board",
            "boards",
            "workstation",
            "workstations",
            "smartphone",
            "smartphones",
            "microcontroller",
            "microcontrollers",
        ],
        H,
    ),
}
# What a data set is a set of: "X, a set of 500 word problems"
_DATA_ITEMS = frozenset(
    [
        "problems",
        "questions",
        "tasks",
        "examples",
        "prompts",
        "images",
        "videos",
        "samples",
        "queries",
        "documents",
        "dialogues",
        "conversations",
        "puzzles",
        "exercises",
    ]
)
# Words after a name that end its noun phrase: a type noun after them is not its head
_LINK_WORDS = frozenset(
    [
        "for",
        "through",
        "with",
        "on",
        "in",
        "of",
        "to",
        "by",
        "and",
        "or",
        "via",
        "from",
        "is",
        "are",
        "was",
        "were",
        "as",
        "at",
        "than",
        "that",
        "which",
        "based",
        "using",
        "across",
    ]
)
# "the X model" names one trained network; "X models" (plural) is the class of models
# built on X, an architecture or technique ("Zorb models scale linearly"), no Model cue
_MODEL_AFTER = re.compile(r"\s(?:language\s|foundation\s|base\s)?model\b")
_HEAD_STOP = re.compile(
    r"\s(?:for|that|which|to|with|in|of|on|by|from|via|where|and|or|using|built|designed|"
    r"based|capable|achieving|enabling|featuring|allowing)\b|[,.;:()]"
)
_NOT_A_NOUN_PHRASE = re.compile(
    r"(?:towards?|on|for|when|how|why|what|beyond|through|via|with|from|to|in|at|by|about|"
    r"into|is|are|can|do|does|\w+ing)\b",
    re.IGNORECASE,
)
_NEXT_WORDS = re.compile(r"\s([A-Za-z\-]+)(?:\s([A-Za-z\-]+))?")
_APPOSITIVE = re.compile(
    r"^\)?\s*(?:,|:|\(|--?|—|\sis|\sare)\s*(?:(?:a|an|the|our|one|two|three|both)\b)?\s*(?=\S)"
)  # the article is a whole word: "X, allows ..." has none; a number or "both" follows a
# list: "X and Y, two serving engines"
_DETERMINERS = ("a", "an", "the", "our", "one", "two", "three", "both", ":")
# the type noun before a name: "a lightweight motion library, X", "our system, named X"
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:a|an|our)\s(?:[\w\-]+\s){0,8}([a-z\-]+),\s|"
    r"\b([a-z\-]+),?\s(?:called|named|dubbed|termed|coined)\s)$"
)
# a name right after its type noun, in a phrase an article or "our" opens: "our framework
# X", "a modular framework X", "the processor X" (the name stands in apposition to it)
_ARTICLES = frozenset(["a", "an", "the", "our"])
_MODIFIER = re.compile(r"[a-z\-]+")
# a preposition that opens its sentence: the noun phrase after it is a fronted adverbial
# ("On our H100 cluster, X trains ..."), not a phrase the next name stands in apposition to
_FRONTED = re.compile(
    r"(?:[.!?;:]\s|\n)\s*(?:on|in|at|with|for|from|across|under|using|over|via|through|by|"
    r"to|after|during|within|beyond|unlike|atop|inside)\s+$"
)
# words that make a "platform" a machine rather than software: "an embedded platform with
# eight cores", "RISC-V platforms", "a research platform running on an FPGA"
# (run only on the sentence of a "platform", so its leading ``\b`` costs little)
_HARDWARE_PLATFORM = re.compile(
    r"\b(?:processors?|chips?|cores?|socs?|boards?|fpgas?|microcontrollers?|mcus?|risc-?v\w*|"
    r"hardware|embedded|silicon|\d+-gpus?|gpu\splatforms?)\b"
)
# Names joined by "," and a final "and"/"or" share the plural head noun after the last
# one: "on X, Y and Z benchmarks", "X and Y accelerators"
_SHARED_HEAD = re.compile(
    r"(?:,\s[A-Z0-9][\w\-.+]*){0,6},?\s(?:and|or)\s[A-Z0-9][\w\-.+]*\s([A-Za-z\-]+s)\b"
)
# The words before a name that suggest its type: groups of (regex, type, weight, rule),
# each led by its literal cue words. They run on the lower-cased window ("Evaluated on X"
# starts a sentence as often as "evaluated on X" ends one), so they are written in lower
# case. Each regex ends at the name, so ``search`` tries every start in the window (slow);
# a group's regexes run only if one of its cue words (a word every match of them
# contains) is in the window.
_IMPLEMENTED_CUES = ("implement", "written", "built", "developed", "integrated")
_IMPLEMENTED_IN = re.compile(
    r"(?:implemented|written|built|developed|integrated)\s"
    r"(?:in|on|upon|into|with|atop)\s(?:the\s)?$"
)
# "we implement X in Y", "implemented X and its kernels into Y": what one writes a method
# in is software
_IMPLEMENT_X_IN = re.compile(r"implement(?:s|ed|ing)?\s(?:[\w\-.]+\s){1,4}?in(?:to)?\s(?:the\s)?$")
_PLUGIN_CUES = ("plug",)
_PLUGIN_FOR = re.compile(r"plug-?ins?\s(?:for|to|of|into)\s(?:the\s)?$")
_EVALUATED_CUES = (
    "evaluat",
    "experiment",
    "result",
    "benchmarked",
    "tested",
    "score",
    "accuracy",
    "performance",
)
_EVALUATED_ON = re.compile(
    r"(?:evaluated?|evaluation|experiments?|results?|benchmarked|tested|scores?|"
    r"accuracy|performance)\s(?:\w+\s){0,3}(?:on|across)\s(?:the\s)?(?:\w+\s)?$"
)
_SCORE_CUES = ("on",)
_SCORE_ON = re.compile(r"\d(?:\.\d+)?%?\son\s(?:the\s)?$")
_LIST_CUES = ("such", "like", "including", "e.g.")
_DATASET_LIST = re.compile(
    r"(?:datasets?|benchmarks?|corpora)\s(?:such\sas|like|including|e\.g\.,?)\s"
    r"(?:[\w\-.]+,?\s(?:and\s)?){0,6}$"
)
_MODEL_LIST = re.compile(
    r"(?:models?|llms?|families)\s(?:such\sas|like|including|e\.g\.,?)\s"
    r"(?:[\w\-.]+,?\s(?:and\s)?){0,6}$"
)
_SYSTEM_LIST = re.compile(
    r"(?:frameworks?|libraries|systems?|engines?)\s"
    r"(?:such\sas|like|including|e\.g\.,?)\s(?:[\w\-.]+,?\s(?:and\s)?){0,6}$"
)
_TRAINED_CUES = ("tun", "train", "distill", "prompt")
_TRAINED = re.compile(r"\b(?:fine-?tun\w+|pre-?train\w*|distill\w*|prompt\w*)\s(?:the\s)?$")
# (the patterns and cue words above are module-level names: the compiled twin of
# ``context_signals`` reads them by name, in this order)
_BEFORE: list[tuple[tuple[str, ...], list[tuple[re.Pattern[str], EntityType, float, str]]]] = [
    (
        _IMPLEMENTED_CUES,
        [
            (_IMPLEMENTED_IN, S, 2.0, "implemented_in_context"),
            (_IMPLEMENT_X_IN, S, 2.0, "implemented_in_context"),
        ],
    ),
    # "a plugin for X": what takes plugins is software
    (_PLUGIN_CUES, [(_PLUGIN_FOR, S, 2.0, "plugin_context")]),
    (_EVALUATED_CUES, [(_EVALUATED_ON, D, 1.5, "evaluated_on_context")]),
    # "an FID of 4.5 on X", "71.2% on X"
    (_SCORE_CUES, [(_SCORE_ON, D, 1.5, "score_on_context")]),
    (
        _LIST_CUES,
        [
            (_DATASET_LIST, D, 2.0, "dataset_list_context"),
            (_MODEL_LIST, M, 1.5, "model_list_context"),
            (_SYSTEM_LIST, S, 1.5, "system_list_context"),
        ],
    ),
    (_TRAINED_CUES, [(_TRAINED, M, 1.2, "trained_context")]),
]

# "on 8 X", "a single X": the count rule, checked after ``_BEFORE``. Every match ends in a
# number (a digit, then digits and commas) or a count word, followed by whitespace only.
_COUNT_BEFORE = re.compile(
    r"\b(?:\d[\d,]*|a\ssingle|single|one|two|four|eight|sixteen|multiple)\s$"
)
_COUNT_WORDS = ("single", "one", "two", "four", "eight", "sixteen", "multiple")


def _may_end_in_count(before: str) -> bool:
    """False if ``_COUNT_BEFORE`` cannot match ``before`` (a cheap test of its last word)."""
    last = before.rstrip()
    return last.rstrip(",")[-1:].isdecimal() or last.endswith(_COUNT_WORDS)


@lru_cache(maxsize=65536)
def shape_type(name: str) -> tuple[EntityType, float] | None:
    """The type a name's shape suggests, with a weight.

    >>> [str(shape_type(n)[0]) for n in ("A100", "Yi-34B", "SWE-bench", "CUDA-aware MPI")]
    ['Hardware', 'Model', 'Dataset', 'System']
    """
    if "-aware " in name:  # "CUDA-aware MPI": a variant of the system after it
        return shape_type(name.split("-aware ", 1)[1])
    if _HARDWARE_SHAPE.match(name):
        return H, 3.0
    if _SIZE.search(name):
        return M, 2.5
    if _DATASET_SHAPE.search(name):
        return D, 2.0
    if _MODEL_FAMILY.match(name):
        return M, 2.0
    if _SYSTEM_SHAPE.match(name):
        return S, 2.0
    return None


def head_noun_type(phrase: str) -> EntityType | None:
    """The type of a noun phrase by its head ("a lightweight library" -> System).

    >>> head_noun_type("a sparse multi-modal transformer architecture for images")
    <EntityType.METHOD: 'Method'>
    >>> head_noun_type("an open family of language models")
    <EntityType.MODEL: 'Model'>
    >>> head_noun_type("An Extensible and Dynamism-Aware Simulator for Serving")
    <EntityType.SYSTEM: 'System'>
    """
    stop = _HEAD_STOP.search(phrase)
    t = _np_head_type(phrase, stop)
    if t is None and stop is not None and stop.group() in (" and", " or"):
        # "a sparse and scalable architecture": the conjunction joins two modifiers,
        # the head comes after it
        return head_noun_type(phrase[: stop.start()] + phrase[stop.end() :])
    return t


def _participle(word: str) -> bool:
    """Whether a word after a head noun is a participle that follows it ("tailored",
    "running"); a capitalised "-ing" word is a title's head ("GPU Computing")."""
    return word.endswith(("ed", "ED")) or (word.endswith("ing") and word.islower())


def _np_head_type(phrase: str, stop: re.Match[str] | None) -> EntityType | None:
    """The type of the head noun of ``phrase`` up to ``stop`` (``head_noun_type``)."""
    np = phrase[: stop.start()] if stop else phrase
    raw = np.split()[:8]
    words = [w.lower() for w in raw]
    while len(words) > 1 and words[-1] not in _TYPING_NOUNS and _participle(raw[len(words) - 1]):
        words.pop()  # "a system tailored for ...", "a platform running on ..."
    if not words:
        return None
    if (
        words[-1] in ("family", "series", "suite", "set")
        and stop
        and phrase[stop.start() :].startswith(" of")
    ):
        is_set = words[-1] == "set"
        rest = phrase[stop.end() :].split()
        words = [w.lower().strip(",.") for w in rest[:5]] or words
        if any(w.startswith("model") or w.startswith("llm") for w in words):
            return M
        if is_set:  # "a new set of 500 word problems" is data; "a set of techniques" is not
            return D if any(w in _DATA_ITEMS for w in words) else None
    head = words[-1]
    if head in ("model", "models"):
        return M if not any(w in ("architecture", "design") for w in words) else T
    t = _TYPING_NOUNS.get(head)
    if t is S and head.startswith("platform"):
        end = phrase.find(". ")
        return _platform_type(phrase[: end if end >= 0 else None].lower())
    return t


def _platform_type(window: str) -> EntityType:
    """The type of a "platform" whose sentence (lower case, or as much of it as the
    caller has) is ``window``: a machine where it speaks of processors, chips, cores or
    boards ("an embedded platform with eight cores"), else software."""
    return H if _HARDWARE_PLATFORM.search(window) else S


def _sentence_window(text: str, start: int, end: int) -> str:
    """The lower-cased words around ``text[start:end]`` in its sentence (80 characters
    before it at most, 120 after)."""
    before = text[max(0, start - 80) : start]
    after = text[end : end + 120]
    cut = before.rfind(". ")
    stop = after.find(". ")
    return (before[cut + 2 :] + text[start:end] + (after[:stop] if stop >= 0 else after)).lower()


def _noun_type(noun: str, text: str, m: Mention) -> EntityType | None:
    """The type a type noun (lower case) gives the name ``m`` it is said of: a "platform"
    is a machine where its sentence speaks of processors, chips, cores or boards ("two
    RISC-V platforms", "the X platform with 64 cores"), else software."""
    t = _TYPING_NOUNS.get(noun)
    if t is S and noun.startswith("platform"):
        return _platform_type(_sentence_window(text, m.start, m.end))
    return t


def _noun_right_before(low: str) -> tuple[str, int] | None:
    """A type noun right before a name, in a phrase an article or "our" opens ("a modular
    framework X", "our serving system X", "the processor X"), and where that phrase
    starts in ``low`` (lower case, ending in whitespace). The words between are plain
    modifiers, no preposition ("our work on cluster X" names no cluster)."""
    last = low.rsplit(None, 1)
    if not last or last[-1] not in _TYPING_NOUNS:  # most names: no type noun before them
        return None
    words = low.split()
    pos = low.rfind(words[-1])
    for w in words[-2:-6:-1]:
        pos = low.rfind(w, 0, pos)  # the last word before ``pos`` is ``w``
        if w in _ARTICLES:
            return words[-1], pos
        if w in _LINK_WORDS or not _MODIFIER.fullmatch(w):
            return None
    return None


def _fronted(before: str, at_text_start: bool) -> bool:
    """Whether ``before`` (lower case) ends in a preposition that opens its sentence: the
    noun phrase after it is a fronted adverbial, not one the next name is in apposition
    to ("On our H100 cluster, X trains")."""
    return _FRONTED.search(("\n" if at_text_start else "") + before[-40:]) is not None


# how a window ends before a name its type noun is said of: "a library, X", "named X"
_NAMING_ENDINGS = (", ", "called ", "named ", "dubbed ", "termed ", "coined ")


def context_signals(text: str, m: Mention) -> list[tuple[EntityType, float, str]]:
    """Type signals from the words around one mention."""
    out: list[tuple[EntityType, float, str]] = []
    after = text[m.end : m.end + 120]
    app = _APPOSITIVE.match(after)
    if app and app.group().rstrip().endswith(_DETERMINERS):
        phrase = after[app.end() :]
        # "X: Towards Training Across Clusters", "X: Scaling ...": a subtitle that is no
        # noun phrase says nothing of what X is
        if not (app.group().rstrip().endswith(":") and _NOT_A_NOUN_PHRASE.match(phrase)):
            t = head_noun_type(phrase)
            if t is not None:
                out.append((t, 3.0, "appositive_head"))
    if m.text[:1].isupper() and _MODEL_AFTER.match(after):
        out.append((M, 1.2, "model_noun_after"))
    if after[:1] == "," or after.startswith((" and ", " or ")):
        shared = _SHARED_HEAD.match(after)
        t = _noun_type(shared.group(1).lower(), text, m) if shared else None
        if t is not None:
            out.append((t, 2.0, "shared_type_noun"))  # "X, Y and Z benchmarks"
    nxt = _NEXT_WORDS.match(after)
    if nxt and nxt.group(1) == "data" and (nxt.group(2) or "").startswith("structure"):
        out.append((S, 2.0, "type_noun_after"))  # "the X data structure": see _TYPING_NOUNS
    elif nxt:
        for i, w in enumerate(nxt.groups()):
            t = _noun_type((w or "").lower(), text, m)
            if t is not None and not (t is H and m.type is not None and m.type is not H):
                out.append((t, 2.5 - i, "type_noun_after"))
                break
            if w in _LINK_WORDS:
                break  # "X through LLM training": the noun after it is no head of X
    before = text[max(0, m.start - 80) : m.start]
    if not before[-1:].isspace():  # every context regex ends in whitespace
        return out
    low = before.lower()
    for cues, rules in _BEFORE:
        for cue in cues:
            if cue in low:
                out.extend((t, w, rule) for rx, t, w, rule in rules if rx.search(low))
                break
    at_text_start = m.start <= 80
    if low.endswith(_NAMING_ENDINGS):
        nb = _NOUN_BEFORE.search(low)
        if nb and not (nb.group(1) and _fronted(low[: nb.start()], at_text_start)):
            t = _noun_type(nb.group(1) or nb.group(2), text, m)
            if t is not None:
                out.append((t, 2.0, "noun_before"))
    else:
        rb = _noun_right_before(low)
        if rb is not None and not _fronted(low[: rb[1]], at_text_start):
            out.append((_noun_type(rb[0], text, m) or T, 2.0, "noun_before"))
    if _may_end_in_count(before) and _COUNT_BEFORE.search(before):
        out.append((H, 0.8, "count_context"))
    return out


# the members by value, for the twin's values (``EntityType(value)`` is slower)
_MEMBERS: dict[str | None, EntityType] = {t.value: t for t in EntityType}


def assign_types(text: str, state: DocState) -> None:
    """Give every mention of an entity the entity's type (vocabulary type wins)."""
    fast = native.twin("entity_typing_assign_types")
    if fast is not None and text == state.text:
        if native.doc_twin("entity_typing_assign_types_doc", state, _MEMBERS):
            return  # the same types, set by the compiled core from its copy of the state
        if (out := fast(state)) is not None:
            # the same types, compiled (kg/extract/native.py)
            members = _MEMBERS
            for m, (value, rule) in zip(state.mentions, out, strict=True):
                m.type = members.get(value)  # None stays None
                m.type_rule = rule
            return
    state.native = None
    groups: dict[int, list[Mention]] = defaultdict(list)
    for m in state.mentions:
        groups[m.group].append(m)
    title_end = state.title_end
    for mentions in groups.values():
        for m in mentions:
            if m.concept is not None:
                t, rule = m.type, "vocab"
                break
        else:
            t, rule = _context_type(text, mentions)
        if rule == "vocab" and mentions[0].start < title_end:
            own = _title_definition(text, mentions[0], title_end)
            if own is not None:
                t, rule = own, "title_definition"
        for m in mentions:
            m.type = t
            m.type_rule = rule


_SUBTITLE_OPENERS = (": A ", ": An ")


def _title_definition(text: str, m: Mention, title_end: int) -> EntityType | None:
    """The type a title's subtitle defines its name as ("... with C4: A Communication-
    Driven Approach"): the paper's own thing, which a vocabulary homonym does not type."""
    if not text.startswith(_SUBTITLE_OPENERS, m.end) or m.end > title_end:
        return None
    return head_noun_type(text[m.end + 2 : title_end])


# Long forms of a processor's isolated execution area ("trusted execution environment",
# "secure execution environments"): hardware, whatever the word "environment" says alone
_ENCLAVE_ENDINGS = ("execution environment", "execution environments", "enclave", "enclaves")


def _context_type(text: str, mentions: list[Mention]) -> tuple[EntityType, str]:
    """The heaviest type the signals of ``mentions`` sum to, and its first rule."""
    score: dict[EntityType, float] = {T: 0.5}
    rules: dict[EntityType, str] = {T: "default_method"}
    hinted: set[EntityType] = set()
    for m in mentions:
        sig = shape_type(m.text)
        signals = context_signals(text, m)
        if m.rule == "abbreviation_long" and " " in m.text:
            # "Message Passing Interface (MPI)": the long form's own head noun; a plural
            # one names a class ("multi-agent systems (MAS)"), not what the name is
            last = m.text.rsplit(" ", 1)[1].lower()
            lt = _noun_type(last, text, m)
            if lt is not None and not (last.endswith("s") and _TYPING_NOUNS.get(last[:-1])):
                signals.append((lt, 1.5, "long_form_head"))
            elif m.text.lower().endswith(_ENCLAVE_ENDINGS):
                # "trusted execution environments (TEEs)": an isolated region of a
                # processor, hardware, though an "environment" is otherwise software
                signals.append((H, 2.0, "long_form_head"))
        if sig:
            signals.append((sig[0], sig[1], "name_shape"))
        if m.type is not None and m.type not in hinted:
            # discovery's hint, once per entity: a variant of a vocabulary model/dataset
            hinted.add(m.type)
            signals.append((m.type, 1.0, "vocab_variant"))
        lower = m.text.islower()
        for st, w, rule in signals:
            if st is M and lower:  # trained models have names
                continue
            if lower and rule == "type_noun_after" and st is not T:
                continue  # "model parallel tools": what a concept serves, not what it is
            score[st] = score.get(st, 0.0) + w
            rules.setdefault(st, rule)
    t = max(score, key=score.__getitem__)
    return t, rules[t]


@Language.factory("kg_typing")
class EntityTyper(BatchedComponent):
    """Sets ``Mention.type`` on every mention in ``doc._.kg``."""

    kg_stage = 2  # its place among the kg components (``native.DocChain``)

    def __init__(self, nlp: Language, name: str) -> None:
        ensure_extension()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        state = state_of(doc)
        if state.native is not None and held.advance(state, "types"):
            return doc
        assign_types(state.text, state)
        return doc
