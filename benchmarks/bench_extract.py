"""Extraction throughput beside spaCy's tokenizer, and memory peak on a long stream.

Run by hand (one process, results in docs/benchmarks.md, section "Extraction"):

    .venv/bin/python benchmarks/bench_extract.py throughput --n 1830 --input corpus/*.txt
    .venv/bin/python benchmarks/bench_extract.py throughput --n 5000
    .venv/bin/python benchmarks/bench_extract.py memory --n 100000
    .venv/bin/python benchmarks/bench_extract.py components --n 915 --input corpus/*.txt
    .venv/bin/python benchmarks/bench_extract.py budget --n 1830 --input corpus/*.txt

``throughput`` times ``spacy.blank("en")`` tokenising the texts and the kg extractor
on the same texts in the same run (best of ``--repeat``), and prints both rates and
their ratio (kg must reach at least 1/4 of the tokenizer on real abstracts, the first
command; the synthetic papers are short and templated, so the tokenizer's cache answers
nearly every word and kg's fixed cost per document dominates). ``memory`` streams ``--n``
synthetic papers through ``Extractor.extract`` and prints the peak RSS. ``components``
times kg's tokenisation, each pipeline component and the assembly separately (ms per
abstract, best of ``--repeat``), to see where the time goes. ``budget`` times, in one
run, the tokenizer, kg's pipeline with every kg component disabled (tokenising and the
per-document state) and the assembly, and prints how many milliseconds per abstract the
components may take together for kg to reach 1/4 of the tokenizer.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from kg.extract import Extractor  # noqa: E402
from kg.extract.batching import BATCH_SIZE, batches  # noqa: E402
from kg.models import Paper  # noqa: E402


def synthetic_papers(n: int, seed: int = 0) -> Iterator[Paper]:
    """``n`` papers from ``benchmarks.make_corpus.generate_papers`` (deterministic)."""
    from benchmarks.make_corpus import generate_papers

    for d in generate_papers(n, seed=seed):
        yield Paper(id=d["id"], title=d["title"], abstract=d["abstract"])


def input_papers(paths: list[str], n: int) -> list[Paper]:
    """``n`` papers read from real listings, repeated as needed."""
    from kg.readers import read_papers

    base = list(read_papers(paths))
    return [base[i % len(base)] for i in range(n)]


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def throughput(
    n: int, repeat: int, batch_size: int, inputs: list[str] | None = None
) -> dict[str, float]:
    papers = input_papers(inputs, n) if inputs else list(synthetic_papers(n))
    texts = [p.text for p in papers]
    tokenizer = spacy.blank("en")
    extractor = Extractor()
    for _ in extractor.extract(papers[:50]):  # warm-up (vocab matcher built, caches)
        pass
    tok_best = kg_best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for _doc in tokenizer.pipe(texts, batch_size=batch_size):
            pass
        tok_best = min(tok_best, time.process_time() - t0)
        t0 = time.process_time()
        for _x in extractor.extract(papers, batch_size=batch_size):
            pass
        kg_best = min(kg_best, time.process_time() - t0)
    tok, kg = _rate(n, tok_best), _rate(n, kg_best)
    chars = sum(len(t) for t in texts) / n
    return {
        "papers": n,
        "mean_chars": round(chars),
        "tokenizer_per_s": round(tok, 1),
        "kg_per_s": round(kg, 1),
        "ratio": round(kg / tok, 3),
    }


def components(
    n: int, repeat: int, batch_size: int, inputs: list[str] | None = None
) -> dict[str, float]:
    """Milliseconds per abstract spent in tokenisation, each component and assembly."""
    papers = input_papers(inputs, n) if inputs else list(synthetic_papers(n))
    extractor = Extractor()
    for _ in extractor.extract(papers):  # warm-up: the tokenizer cache, lazy tables
        pass
    stages = ["tokenize", *extractor.nlp.pipe_names, "assemble"]
    best = dict.fromkeys(stages, float("inf"))
    clock = time.process_time
    # stage by stage over each batch, as ``Extractor.extract`` runs them
    for _ in range(repeat):
        spent = dict.fromkeys(stages, 0.0)
        for batch in batches(papers, batch_size):
            t0 = clock()
            docs = [extractor._doc(paper) for paper in batch]
            spent["tokenize"] += clock() - t0
            for name, component in extractor.nlp.pipeline:
                t0 = clock()
                docs = [component(doc) for doc in docs]
                spent[name] += clock() - t0
            t0 = clock()
            for paper, doc in zip(batch, docs, strict=True):
                extractor.assemble(paper, doc._.kg)
            spent["assemble"] += clock() - t0
        best = {k: min(best[k], spent[k]) for k in stages}
    result = {k: round(v / n * 1000, 3) for k, v in best.items()}
    return {"papers": n, **result, "total_ms": round(sum(result.values()), 3)}


def _best(run: Callable[[], object], repeat: int) -> float:
    """The least CPU seconds ``run`` took over ``repeat`` calls."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def _drain(items: Iterable[object]) -> None:
    """Consume ``items`` without keeping them (a list would add allocation to the time)."""
    for _ in items:
        pass


def budget(n: int, repeat: int, inputs: list[str] | None = None) -> dict[str, float]:
    """Milliseconds per abstract: what the 1/4 bar leaves for the kg components."""
    from kg.extract.state import state_of

    papers = input_papers(inputs, n) if inputs else list(synthetic_papers(n))
    texts = [p.text for p in papers]
    tokenizer = spacy.blank("en")
    extractor = Extractor()
    nlp = extractor.nlp
    done = [
        (p, state_of(doc))
        for doc, p in nlp.pipe(((extractor._doc(p), p) for p in papers), as_tuples=True)
    ]

    def bare_pipeline() -> None:
        with nlp.select_pipes(disable=nlp.pipe_names):
            _drain(nlp.pipe(((extractor._doc(p), p) for p in papers), as_tuples=True))

    ms = {
        "tokenizer": _best(lambda: _drain(tokenizer.pipe(texts)), repeat),
        "pipeline_without_components": _best(bare_pipeline, repeat),
        "assemble": _best(lambda: _drain(extractor.assemble(p, s) for p, s in done), repeat),
        "kg": _best(lambda: _drain(extractor.extract(papers)), repeat),
    }
    ms = {k: v / n * 1000 for k, v in ms.items()}
    allowed = 4 * ms["tokenizer"] - ms["pipeline_without_components"] - ms["assemble"]
    spent = ms["kg"] - ms["pipeline_without_components"] - ms["assemble"]
    return {
        "papers": n,
        **{f"{k}_ms": round(v, 3) for k, v in ms.items()},
        "components_ms": round(spent, 3),
        "components_allowed_ms": round(allowed, 3),
        "components_speedup_needed": round(spent / allowed, 2) if allowed > 0 else float("inf"),
    }


def memory(n: int, batch_size: int) -> dict[str, float]:
    extractor = Extractor()
    t0 = time.process_time()
    entities = 0
    done = 0
    for x in extractor.extract(synthetic_papers(n), batch_size=batch_size):
        entities += len(x.entities)
        done += 1
    seconds = time.process_time() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "papers": done,
        "entities": entities,
        "seconds": round(seconds, 1),
        "kg_per_s": round(_rate(done, seconds), 1),
        "peak_rss_mb": round(peak_mb, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["throughput", "memory", "components", "budget"])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    ap.add_argument("--input", nargs="*", help="real listings instead of synthetic papers")
    a = ap.parse_args()
    if a.mode == "throughput":
        result = throughput(a.n, a.repeat, a.batch_size, a.input)
    elif a.mode == "components":
        result = components(a.n, a.repeat, a.batch_size, a.input)
    elif a.mode == "budget":
        result = budget(a.n, a.repeat, a.input)
    else:
        result = memory(a.n, a.batch_size)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
