"""``kg build``: read listings, extract, resolve, and write the graph and its summary.

.. code-block:: python

    from kg.build import build

    result = build(["listing.txt"], "kg-out")
    print(result.summary.render())   # the table `kg build` prints
    print(result.report.summary())   # what reading found

The output directory gets ``graph.json`` (node-link), ``graph.graphml`` and
``summary.json``; ``docs/graph-model.md`` describes the graph.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GraphError, InputError, KGError, OntologyError
from kg.graph import build_graph, write_graph
from kg.models import Paper, PaperExtraction
from kg.readers import ReadReport, read_papers
from kg.summary import Summary, summarize, write_summary
from kg.vocab import VocabConcept, load_vocabulary

__all__ = ["build", "BuildResult", "DEFAULT_OUT_DIR"]

log = logging.getLogger(__name__)

DEFAULT_OUT_DIR = "kg-out"

#: progress(done, total): called after each paper is extracted.
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class BuildResult:
    """What a build produced and how long each stage took (seconds)."""

    graph: nx.MultiDiGraph
    summary: Summary
    report: ReadReport
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path = DEFAULT_OUT_DIR,
    *,
    input_format: str | None = None,
    vocab_files: Iterable[str | Path] = (),
    model: str | None = None,
    progress: Progress | None = None,
    report: ReadReport | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` into ``out_dir``.

    Args:
        inputs: listing files (any format ``kg papers`` reads).
        out_dir: where ``graph.json``, ``graph.graphml`` and ``summary.json`` go.
        input_format: skip format sniffing (see ``kg.readers.INPUT_FORMATS``).
        vocab_files: extra vocabulary ``.ttl`` files, beside the shipped ones.
        model: an installed spaCy pipeline to build on instead of ``spacy.blank("en")``.
        progress: called with (papers done, papers total) after each paper.
        report: collects reading problems (a fresh one if omitted).

    Returns:
        The graph, its summary, the reading report, the files written and timings.

    Raises:
        InputError: when no paper could be read from ``inputs``.
        KGError: when the vocabulary or the extraction pipeline cannot be loaded.
    """
    report = report if report is not None else ReadReport()
    vocab_paths = [str(p) for p in vocab_files]
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    papers: list[Paper] = list(read_papers([str(p) for p in inputs], input_format, report=report))
    timings["read"] = time.perf_counter() - t0
    log.info("%s", report.summary())
    if not papers:
        problems = "; ".join(list(dict.fromkeys(map(str, [*report.errors, *report.warnings])))[:3])
        where = problems or ", ".join(str(p) for p in inputs) or "no input"
        raise InputError(f"no papers read ({where}); check the paths and --input-format")

    t0 = time.perf_counter()
    stamp = tuple((p, os.stat(p).st_mtime_ns if os.path.exists(p) else 0) for p in vocab_paths)
    extractor, vocabulary = _pipeline(stamp, model)
    timings["load"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    extractions: list[PaperExtraction] = []
    for ex in extractor.extract(papers):
        extractions.append(ex)
        if progress is not None:
            progress(len(extractions), len(papers))
    timings["extract"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    graph = build_graph(extractions, inputs=[str(p) for p in inputs], vocabulary=vocabulary)
    timings["resolve"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    summary = summarize(graph)
    try:
        files = [*write_graph(graph, out_dir), write_summary(summary, out_dir)]
    except OSError as exc:
        raise GraphError(
            f"cannot write the graph into {out_dir}: {exc.strerror or exc}; pick another -o DIR"
        ) from exc
    timings["write"] = time.perf_counter() - t0
    log.info(
        "built %d nodes, %d edges into %s (%s)",
        graph.number_of_nodes(),
        graph.number_of_edges(),
        out_dir,
        ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()),
    )
    return BuildResult(graph, summary, report, Path(out_dir), files, timings)


@lru_cache(maxsize=2)
def _pipeline(
    vocab: tuple[tuple[str, int], ...], model: str | None
) -> tuple[Any, list[VocabConcept]]:
    """The extractor and the concepts for resolution, kept for the next build in this process.

    ``vocab`` pairs each extra vocabulary file with its modification time, so an edited
    file gives a fresh pipeline.
    """
    from kg.extract import Extractor  # spaCy is imported only when building

    files = [p for p, _ in vocab]
    return Extractor(vocab_files=tuple(files), model=model), _vocabulary(files)


def _vocabulary(vocab_files: list[str]) -> list[VocabConcept]:
    """The concepts the extractor matches with (shipped plus ``vocab_files``), for resolution."""
    try:
        return load_vocabulary([Path(p) for p in vocab_files])
    except KGError:
        raise
    except Exception as exc:  # rdflib parse errors and the like
        raise OntologyError(f"cannot load the vocabulary: {exc}") from exc
