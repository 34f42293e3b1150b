"""Write extractions as JSON Lines (the guideline format plus ``evidence``), streaming."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from kg.extract.batching import BATCH_SIZE
from kg.extract.pipeline import Extractor
from kg.models import Paper

__all__ = ["ExtractSummary", "write_extractions"]

#: ``json.dumps(obj, ensure_ascii=False)`` without building a new encoder for every paper.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(slots=True)
class ExtractSummary:
    """Counts of one extraction run."""

    papers: int = 0
    entities: int = 0
    relations: int = 0
    types: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        per_type = ", ".join(f"{t} {n}" for t, n in sorted(self.types.items()))
        return (
            f"{self.papers} papers, {self.entities} entities ({per_type}), "
            f"{self.relations} relations"
        )


def write_extractions(
    papers: Iterable[Paper],
    out: TextIO,
    extractor: Extractor,
    batch_size: int = BATCH_SIZE,
    on_paper: Callable[[], None] | None = None,
) -> ExtractSummary:
    """Extract every paper and write one JSON object per line to ``out``."""
    summary = ExtractSummary()
    for extraction in extractor.extract(papers, batch_size=batch_size):
        out.write(_to_json(extraction.to_dict()))
        out.write("\n")
        summary.papers += 1
        summary.entities += len(extraction.entities)
        summary.relations += len(extraction.relations)
        summary.types.update(e.type for e in extraction.entities)
        if on_paper is not None:
            on_paper()
    return summary
