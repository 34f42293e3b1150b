"""Name keys and the lists of what is not an entity (GUIDELINE "What is not").

``entity_key`` folds a surface form the way mentions of one entity are grouped in a
paper: case, punctuation and a final plural ``s`` do not matter; version marks do.

>>> entity_key("Mixture-of-Experts") == entity_key("mixture of experts")
True
>>> entity_key("GPUs") == entity_key("GPU")
True
>>> entity_key("ZeRO++") == entity_key("ZeRO"), entity_key("OPT-1.3B") == entity_key("OPT-13B")
(False, False)
>>> is_non_entity("large language models"), is_non_entity("pipeline parallelism")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = [
    "entity_key",
    "is_non_entity",
    "NON_ENTITY_KEYS",
    "singular",
    "lower_same_offsets",
    "word_bounded",
    "find_all",
    "find_word",
]

_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "μ": "mu",
    "λ": "lambda",
    "π": "pi",
    "σ": "sigma",
    "θ": "theta",
}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: Marks that tell versions apart (ZeRO / ZeRO++, QuIP / QuIP#, OPT-1.3B / OPT-13B) are
#: spelled out before punctuation is dropped, so they never share a key.
_VERSION_MARKS = (
    (re.compile(r"\+"), " plus "),
    (re.compile(r"#"), " sharp "),
    (re.compile(r"(?<=\d)\.(?=\d)"), " point "),
)
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2}s$")


def word_bounded(text: str, s: int, e: int) -> bool:
    """True if ``text[s:e]`` has no word character or hyphen on either side: a whole
    name, not part of a longer word or hyphenated compound.

    >>> word_bounded("use EPD now", 4, 7), word_bounded("EPD-2", 0, 3)
    (True, False)
    """
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < len(text) else " "
    return not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-")


def find_all(text: str, literals: Iterable[str], start: int = 0) -> Iterator[int]:
    """Every offset from ``start`` where one of ``literals`` occurs, literal by literal
    (``str.find``: the rules look for a cue's literal before running any regex there).

    >>> list(find_all("a such as b, such as c", (" such as ",)))
    [1, 11]
    """
    for lit in literals:
        p = text.find(lit, start)
        while p >= 0:
            yield p
            p = text.find(lit, p + 1)


def find_word(text: str, word: str, start: int = 0) -> int:
    """The first offset of ``word`` in ``text`` from ``start`` where it stands as a whole
    word (``word_bounded``), or -1.

    >>> find_word("EPD-2 and EPD", "EPD")
    10
    """
    i = text.find(word, start)
    while i >= 0 and not word_bounded(text, i, i + len(word)):
        i = text.find(word, i + 1)
    return i


def lower_same_offsets(text: str) -> str:
    """``text.lower()`` with every character at its offset.

    A few characters lower to two ("İ" -> "i̇"), which would shift every later offset;
    those are kept as they are, every other character is lowered.

    >>> lower_same_offsets("İstanbul Outperforms"), lower_same_offsets("Adam")
    ('İstanbul outperforms', 'adam')
    """
    low = text.lower()  # lowering never shortens: equal length means equal offsets
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


@lru_cache(maxsize=65536)
def entity_key(name: str) -> str:
    """Fold a surface form to a grouping key (case, punctuation, LaTeX, final plural)."""
    if _ACRONYM_PLURAL.search(name):
        name = name[:-1]
    s = unicodedata.normalize("NFKC", name).lower().replace("$", "").replace("\\", "")
    for g, latin in _GREEK.items():
        s = s.replace(g, latin)
    for mark, spelled in _VERSION_MARKS:
        s = mark.sub(spelled, s)
    words = _NON_ALNUM.sub(" ", s).split()
    if words:
        last = words[-1]
        if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")):
            words[-1] = last[:-1]
    return "".join(words)


def singular(word: str) -> str:
    """A crude singular of an English plural noun phrase's last word."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


# Research fields, generic words, generic model classes, tasks, metrics, organisations,
# number formats and units: never entities (GUIDELINE "What is an entity, and what is not").
_NON_ENTITIES = """
deep learning|machine learning|artificial intelligence|ai|ml|nlp|natural language processing|
computer vision|cv|hpc|information retrieval|automl|automatic machine learning|
automated machine learning|high performance computing|high-performance computing|data science|
representation learning|statistical learning|generative ai|genai|agi|
model|models|learning|training|inference|framework|approach|baseline|network|algorithm|method|system|architecture|
technique|strategy|scheme|mechanism|pipeline|module|layer|design|paradigm|optimizer|
large language model|large language models|llm|llms|lm|lms|language model|language models|
foundation model|foundation models|neural network|neural networks|dnn|dnns|
deep neural network|deep neural networks|vision-language model|vision-language models|
vlm|vlms|mllm|mllms|multimodal large language model|multimodal large language models|
multi-modal large language models|large multimodal models|lmm|lmms|slm|slms|
small language models|large models|pretrained models|pre-trained models|plm|plms|
large reasoning models|lrm|lrms|generative models|ann|anns|
text-to-speech|tts|asr|automatic speech recognition|speech recognition|machine translation|mt|
image segmentation|question answering|qa|image generation|video generation|code generation|
text generation|image classification|object detection|
accuracy|throughput|latency|flops|flop|tflops|pflops|gflops|mfu|ttft|tpot|slo|slos|bleu|fid|
psnr|ssim|perplexity|ppl|rouge|auc|f1|top-1|sota|state-of-the-art|
nvidia|google|meta|microsoft|openai|deepmind|huawei|alibaba|amazon|aws|intel|amd|baidu|
tencent|bytedance|anthropic|apple|ibm|ieee|acm|arxiv|github|hugging face|huggingface|
fp8|fp16|fp32|fp64|bf16|bfloat16|int8|int4|int2|tf32|mxfp4|
io|i/o|os|api|apis|sdk|ui|gui|url|id|ids|iot|us|uk|eu|usa|ii|iii|iv|faq|pdf|html|json|
cpu-gpu|e2e|t2i|t2v|i2v|ti2v|t2a|vqa|ocr|nlu|nlg|ir|oom|vr|usd|cider|fad|ndcg|map|mrr|is|
fvd|lpips|clip-score|ood|pde|pdes|sat|ip|mflops|gflop|petaflop|petaflops|exaflops|pflop|
tops|mips|iops|qps|rps|sla|slas|gpu-hours|gpu-hour|wer|cer|word error rate|
character error rate|nfe|nfes|number of function evaluations|mae|mse|rmse|ar|nar|dl|
rl-based|sgd-based|kv|gb|tb|mb|kb|ghz|mhz|gbps|tbps|ms|hz|
ode|odes|ordinary differential equation|ordinary differential equations|sde|sdes|
xml|csv|yaml|fp|floating point|floating-point|
"""
NON_ENTITY_KEYS = frozenset(
    entity_key(w) for w in _NON_ENTITIES.replace("\n", "").split("|") if w.strip()
)


def is_non_entity(name: str) -> bool:
    """True for forms the guideline rules out (fields, generic words, tasks, metrics, orgs)."""
    return entity_key(name) in NON_ENTITY_KEYS
