"""Synthetic but realistic ML-systems papers, in every input format kg reads, at any scale.

Each paper recombines real-looking parts: a system name (sometimes a new version of an
earlier one: X -> X-Infinity, X++, Xv2), what it is and does, what it is implemented
in, the hardware and device count it runs on, the model and parameter count it trains,
the datasets it is evaluated on and the baselines it beats. Output is deterministic for
a seed and streams: generating 3M papers keeps memory flat.

Usage::

    python benchmarks/make_corpus.py 1000000 --format arxiv-json -o /tmp/snapshot.jsonl
    python benchmarks/make_corpus.py 50 --format hf-listing --seed 7

Library use (other benchmarks)::

    from benchmarks.make_corpus import generate_papers
    for paper in generate_papers(10_000, seed=1):
        paper["id"], paper["title"], paper["abstract"], paper["facts"]["hardware"]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, TextIO, TypeVar
from xml.sax.saxutils import escape

__all__ = ["generate_papers", "write_corpus", "FORMATS"]

T = TypeVar("T")

FORMATS = ("hf-listing", "arxiv-json", "arxiv-atom", "jsonl", "csv")

# --- vocabulary ------------------------------------------------------------------------

_PREFIXES = (
    "Flex", "Mega", "Hydra", "Turbo", "Deep", "Fast", "Mono", "Poly", "Ultra", "Hyper", "Nano",
    "Giga", "Tera", "Quant", "Spark", "Orbit", "Vortex", "Pipe", "Shard", "Tensor", "Graph",
    "Swift", "Lumen", "Atlas", "Nova", "Titan", "Aurora", "Comet", "Pulse", "Echo", "Prism",
    "Rapid", "Sparse", "Cascade", "Relay", "Vector", "Zephyr", "Kite", "Coral", "Quartz",
)  # fmt: skip
_SUFFIXES = (
    "Serve", "Train", "MoE", "Pipe", "Flow", "Shard", "Scale", "Mesh", "Opt", "Attn", "Cache",
    "Spec", "Fuse", "Comm", "Store", "Sched", "Kernel", "Infer", "Tune", "Pack", "Stream",
    "Gate", "Route", "Ring", "Grid",
)  # fmt: skip
_VERSIONS = ("-Infinity", "++", "v2", "-2", "-XL", "-Next", "-Lite", "-X", " 2", "v3")
_ADJECTIVES = (
    "Efficient", "Scalable", "Memory-Efficient", "Communication-Efficient", "Fault-Tolerant",
    "Adaptive", "Elastic", "Low-Latency", "High-Throughput", "Automatic", "Heterogeneity-Aware",
)  # fmt: skip
_TOPICS = (
    ("Pipeline Parallelism", "pipeline parallelism", "method"),
    ("Mixture-of-Experts Training", "expert parallelism", "training system"),
    ("LLM Serving", "continuous batching", "serving engine"),
    ("Distributed Optimization", "data parallelism", "optimizer"),
    ("Gradient Compression", "gradient compression", "communication library"),
    ("Activation Checkpointing", "activation checkpointing", "runtime"),
    ("KV Cache Management", "paged attention", "serving engine"),
    ("Speculative Decoding", "speculative decoding", "inference engine"),
    ("Tensor Parallelism", "tensor parallelism", "training framework"),
    ("Sequence Parallelism", "sequence parallelism", "training framework"),
    ("Quantized Training", "quantization", "library"),
    ("Offloaded Training", "offloading", "runtime"),
    ("Sharded Data Parallelism", "sharded data parallelism", "memory optimizer"),
)
_TARGETS = (
    "Large Language Models", "Trillion-Parameter Models", "Heterogeneous Clusters",
    "Long-Context Inference", "Multi-Tenant GPU Clusters", "Edge Devices",
    "Recommendation Models", "Vision Transformers", "Diffusion Models", "Sparse Models",
)  # fmt: skip
_TAILS = (
    "", "", "", " at Scale", " on Commodity Hardware", " in the Cloud", " without Model Changes",
    " across Thousands of Accelerators", " with Bounded Memory", " under Failures",
)  # fmt: skip
_FRAMEWORKS = ("PyTorch", "JAX", "TensorFlow", "MindSpore", "DeepSpeed", "Megatron-LM", "Triton")
_HARDWARE = (
    ("A100 GPUs", "A100"), ("H100 GPUs", "H100"), ("V100 GPUs", "V100"), ("TPU v4 chips", "TPU v4"),
    ("Ascend 910 NPUs", "Ascend 910"), ("MI250X GPUs", "MI250X"), ("TPU v5e chips", "TPU v5e"),
    ("Gaudi2 accelerators", "Gaudi2"), ("L40S GPUs", "L40S"),
)  # fmt: skip
_COUNTS = (8, 16, 32, 64, 128, 256, 384, 512, 1024, 2048, 3072, 4096, 6144, 12288)
_DATASETS = (
    "ImageNet", "GLUE", "SuperGLUE", "C4", "the Pile", "WikiText-103", "SQuAD", "COCO", "MMLU",
    "HumanEval", "GSM8K", "LibriSpeech", "ShareGPT", "LongBench", "Criteo", "MS MARCO",
)  # fmt: skip
_MODELS = (
    "GPT-3", "LLaMA-2", "OPT", "BLOOM", "T5", "BERT-Large", "ViT-H/14", "Mixtral", "Falcon",
    "GPT-NeoX", "PaLM", "Qwen",
)  # fmt: skip
_PARAMS = ("1.3B", "2.7B", "6.7B", "7B", "13B", "30B", "34B", "65B", "70B", "175B", "540B")
_BASELINES = (
    "ZeRO", "Megatron-LM", "GPipe", "PipeDream", "vLLM", "FasterTransformer", "DeepSpeed-MoE",
    "Tutel", "FSDP", "Alpa", "Orca", "TGI", "Horovod", "PowerSGD", "AdamW", "LAMB",
)  # fmt: skip
_MOTIVATIONS = (
    "Training {cls} with hundreds of billions of parameters requires memory and compute far "
    "beyond a single accelerator.",
    "As {cls} grow, the cost of {technique} dominates the end-to-end training time.",
    "Serving {cls} at high throughput is limited by memory bandwidth and by the size of the "
    "key-value cache.",
    "Existing systems for {technique} leave accelerators idle while they wait for communication.",
    "The memory wall makes {technique} the main bottleneck of scaling {cls} across clusters.",
)
_CLASSES = ("large language models", "foundation models", "Transformer models", "sparse models")
_MECHANISMS = (
    "partitions model states across devices and gathers them on demand",
    "overlaps communication with computation through a pipelined schedule",
    "adapts the parallelization plan to the cluster at run time",
    "compresses gradients to 4 bits with error feedback",
    "pages the key-value cache between device and host memory",
    "balances load across experts with a learned router",
    "recomputes activations selectively to trade compute for memory",
    "schedules micro-batches to shrink pipeline bubbles",
)
_FEATURES = (
    "NVMe offloading", "hierarchical partitioning", "quantized all-gather",
    "a topology-aware scheduler", "asynchronous checkpointing", "dynamic expert placement",
)  # fmt: skip
_RESULTS = (
    "matches the accuracy of full-precision training",
    "reaches state-of-the-art accuracy",
    "converges to the same loss as the baseline",
    "improves the average score by {gain} points",
)
_CLOSINGS = (
    "Code is available as open source.",
    "{name} is open source and used in production.",
    "We release {name} together with our benchmarks.",
    "",
)
_FIRST = (
    "Wei",
    "Ana",
    "Mei",
    "Tomas",
    "Kwame",
    "Lena",
    "Ravi",
    "Sofia",
    "Jun",
    "Omar",
    "Ines",
    "Yuki",
)
_LAST = (
    "Zhang",
    "Ruiz",
    "Lin",
    "Varga",
    "Osei",
    "Brandt",
    "Patel",
    "Rossi",
    "Kim",
    "Haddad",
    "Costa",
)
_CATEGORIES = ("cs.DC", "cs.LG", "cs.CL", "cs.AR", "cs.PF", "cs.AI")


# --- generation ------------------------------------------------------------------------


class _Dice:
    """Seeded choices on ``random.Random.random`` alone: 3x faster than ``choice``/``sample``."""

    __slots__ = ("random",)

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        pool = list(seq)
        for i in range(k):  # partial Fisher-Yates
            j = i + int(self.random() * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]


def _new_name(dice: _Dice) -> str:
    if dice.random() < 0.25:
        letters = "ABCDEFGHIJKLMNOPRSTUVWXZ"
        return "".join(dice.pick(letters) for _ in range(dice.between(3, 5)))
    return dice.pick(_PREFIXES) + dice.pick(_SUFFIXES)


def _arxiv_id(index: int) -> tuple[str, str]:
    """A unique arXiv-style id and its month (20,000 papers a month from Jan 2013)."""
    month_index, number = divmod(index, 20000)
    year, month = 2013 + month_index // 12, month_index % 12 + 1
    return f"{year % 100:02d}{month:02d}.{number + 1:05d}", f"{year:04d}-{month:02d}"


def generate_papers(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic papers, the same ones for the same seed.

    Each dict has ``id`` (arXiv style), ``title``, ``abstract``, ``authors``,
    ``categories``, ``published`` (ISO date) and ``facts``: what the text states
    (``system``, ``extends``, ``implemented_in``, ``hardware``, ``count``, ``model``,
    ``parameters``, ``datasets``, ``baselines``), for checking extraction at scale.
    """
    rng = _Dice(seed)
    recent: deque[str] = deque(maxlen=2000)  # earlier names that new versions can extend
    for index in range(n):
        base = rng.pick(recent) if recent and rng.random() < 0.15 else None
        name = base + rng.pick(_VERSIONS) if base else _new_name(rng)
        recent.append(name)
        topic, technique, kind = rng.pick(_TOPICS)
        framework = rng.pick(_FRAMEWORKS)
        hardware, hardware_name = rng.pick(_HARDWARE)
        count = rng.pick(_COUNTS)
        model, params = rng.pick(_MODELS), rng.pick(_PARAMS)
        datasets = rng.sample(_DATASETS, 2)
        baselines = rng.sample(_BASELINES, 2)
        speedup = f"{1.1 + 7.9 * rng.random():.1f}"
        cls = rng.pick(_CLASSES)

        title = (
            f"{name}: {rng.pick(_ADJECTIVES)} {topic} for {rng.pick(_TARGETS)}{rng.pick(_TAILS)}"
        )
        sentences = [rng.pick(_MOTIVATIONS).format(cls=cls, technique=technique)]
        if base:
            sentences.append(
                f"We present {name}, which extends {base} with {rng.pick(_FEATURES)} and "
                f"{rng.pick(_MECHANISMS)}."
            )
        else:
            sentences.append(f"We present {name}, a {kind} that {rng.pick(_MECHANISMS)}.")
        sentences.append(
            rng.pick(
                (
                    f"{name} is implemented in {framework}.",
                    f"We implement {name} on top of {framework}.",
                    f"{name} is built on {framework} and requires no changes to model code.",
                )
            )
        )
        count_text = f"{count:,}" if rng.random() < 0.5 else str(count)
        sentences.append(
            f"On {count_text} {hardware}, {name} trains {model} with {params} parameters "
            f"{speedup}x faster than {baselines[0]}."
        )
        result = rng.pick(_RESULTS).format(gain=f"{0.3 + 3.7 * rng.random():.1f}")
        sentences.append(f"On {datasets[0]} and {datasets[1]}, {name} {result}.")
        sentences.append(
            f"Compared with {baselines[1]}, it reduces memory by {rng.between(15, 80)}% "
            f"at the same throughput."
        )
        closing = rng.pick(_CLOSINGS).format(name=name)
        if closing:
            sentences.append(closing)

        arxiv_id, month = _arxiv_id(index)
        authors = [f"{rng.pick(_FIRST)} {rng.pick(_LAST)}" for _ in range(rng.between(1, 6))]
        yield {
            "id": arxiv_id,
            "title": title,
            "abstract": " ".join(sentences),
            "authors": authors,
            "categories": rng.sample(_CATEGORIES, rng.between(1, 3)),
            "published": f"{month}-{rng.between(1, 28):02d}",
            "facts": {
                "system": name,
                "extends": base,
                "implemented_in": framework,
                "hardware": hardware_name,
                "count": count,
                "model": model,
                "parameters": params,
                "datasets": datasets,
                "baselines": baselines,
            },
        }


# --- writers ---------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _wrap(text: str, words_per_line: int = 11) -> list[str]:
    words = text.split(" ")
    return [" ".join(words[i : i + words_per_line]) for i in range(0, len(words), words_per_line)]


def _rfc2822(date: str, index: int) -> str:
    year, month, day = (int(p) for p in date.split("-"))
    return f"{_DAYS[index % 7]}, {day} {_MONTHS[month - 1]} {year} 10:{index % 60:02d}:00 GMT"


def _write_hf_listing(papers: Iterator[dict[str, Any]], out: TextIO) -> None:
    out.write("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n")
    out.write("Daily Papers\n\nbyAK and the research community\n\n")
    for i, paper in enumerate(papers):
        if i % 50 == 0:
            month, day = int(paper["published"][5:7]), int(paper["published"][8:10])
            out.write(f"{_MONTHS[month - 1]} {day}\n\n")
        out.write(f"{paper['title']}\n\n{paper['abstract']}\n\n")


def _write_arxiv_json(papers: Iterator[dict[str, Any]], out: TextIO) -> None:
    for i, paper in enumerate(papers):
        authors = paper["authors"]
        names = ", ".join(authors[:-1]) + " and " + authors[-1] if len(authors) > 1 else authors[0]
        record = {
            "id": paper["id"],
            "submitter": authors[0],
            "authors": names,
            "title": "\n  ".join(_wrap(paper["title"], 9)),
            "comments": f"{8 + i % 20} pages, {2 + i % 9} figures",
            "journal-ref": None,
            "doi": None,
            "report-no": None,
            "categories": " ".join(paper["categories"]),
            "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
            "abstract": "  " + "\n".join(_wrap(paper["abstract"])) + "\n",
            "versions": [{"version": "v1", "created": _rfc2822(paper["published"], i)}],
            "update_date": paper["published"],
            "authors_parsed": [[a.split(" ")[-1], a.split(" ")[0], ""] for a in authors],
        }
        out.write(json.dumps(record))
        out.write("\n")


def _write_arxiv_atom(papers: Iterator[dict[str, Any]], out: TextIO) -> None:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<feed xmlns="http://www.w3.org/2005/Atom">\n')
    out.write('  <title type="html">ArXiv Query: search_query=cat:cs.DC</title>\n')
    for paper in papers:
        aid = paper["id"]
        authors = "".join(
            f"    <author><name>{escape(a)}</name></author>\n" for a in paper["authors"]
        )
        categories = "".join(
            f'    <category term="{c}" scheme="http://arxiv.org/schemas/atom"/>\n'
            for c in paper["categories"]
        )
        out.write(
            f"  <entry>\n    <id>http://arxiv.org/abs/{aid}v1</id>\n"
            f"    <published>{paper['published']}T10:00:00Z</published>\n"
            f"    <title>{escape(paper['title'])}</title>\n"
            f"    <summary>  {escape(chr(10).join(_wrap(paper['abstract'])))}\n</summary>\n"
            f"{authors}"
            f'    <link href="http://arxiv.org/abs/{aid}v1" rel="alternate" type="text/html"/>\n'
            f"{categories}  </entry>\n"
        )
    out.write("</feed>\n")


def _write_jsonl(papers: Iterator[dict[str, Any]], out: TextIO) -> None:
    for paper in papers:
        record = {
            k: paper[k] for k in ("id", "title", "abstract", "authors", "categories", "published")
        }
        out.write(json.dumps(record))
        out.write("\n")


def _write_csv(papers: Iterator[dict[str, Any]], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(["id", "title", "abstract", "authors", "categories", "published"])
    for p in papers:
        row = [
            p["id"],
            p["title"],
            p["abstract"],
            "; ".join(p["authors"]),
            " ".join(p["categories"]),
            p["published"],
        ]
        writer.writerow(row)


_WRITERS = {
    "hf-listing": _write_hf_listing,
    "arxiv-json": _write_arxiv_json,
    "arxiv-atom": _write_arxiv_atom,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}


def write_corpus(n: int, fmt: str, out: TextIO, seed: int = 0) -> None:
    """Write ``n`` synthetic papers to ``out`` in input format ``fmt`` (one of ``FORMATS``)."""
    _WRITERS[fmt](generate_papers(n, seed), out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of papers")
    parser.add_argument("--format", choices=FORMATS, default="arxiv-json")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    if args.output == "-":
        write_corpus(args.n, args.format, sys.stdout, args.seed)
    else:
        newline = "" if args.format == "csv" else None
        with open(args.output, "w", encoding="utf-8", newline=newline) as out:
            write_corpus(args.n, args.format, out, args.seed)


if __name__ == "__main__":
    main()
