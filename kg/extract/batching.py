"""Stage-major batches: each kg component runs over a batch of documents before the
next component starts.

Run document by document, each abstract passes through the tokenizer and eight
components, and each of them evicts the others' tables, compiled patterns and code from
the CPU caches: measured on the corpus, tokenising an abstract took about 0.14 ms
between components against 0.09 ms in a loop of its own. Run a stage over a batch, and
its working set stays warm across the batch (``docs/benchmarks.md``). This is spaCy's
own batch protocol: ``nlp.pipe`` calls a component's ``pipe(docs, batch_size=...)``
when it has one, and the ``Extractor`` batches the same way without ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from spacy.tokens import Doc

__all__ = ["BATCH_SIZE", "BatchedComponent", "batches"]

#: documents per batch: large enough that a stage's tables stay warm across the batch,
#: small enough that the batch's docs stay in the CPU's second-level cache
BATCH_SIZE = 256

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily.

    When reading ``items`` raises, the items read before it are yielded first (so a
    caller writes out what parsed), then the error is raised."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    it = iter(items)
    while True:
        batch: list[T] = []
        try:
            batch.extend(islice(it, size))
        except Exception:
            if batch:
                yield batch
            raise
        if batch:
            yield batch
        if len(batch) < size:
            return


class BatchedComponent:
    """A kg component's ``pipe``: the whole batch through ``__call__`` before any of it
    is yielded (``nlp.pipe`` chains the components' generators, so each one pulls its
    batch from the one before)."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError  # each component defines its own

    def pipe(self, stream: Iterable[Doc], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
        for batch in batches(stream, batch_size):
            yield from [self(doc) for doc in batch]
