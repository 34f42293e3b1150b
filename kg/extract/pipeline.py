"""The extraction pipeline: ``build_nlp`` and the ``Extractor`` that runs it over papers.

>>> from kg.models import Paper
>>> ex = Extractor(vocab_files=())
>>> out = ex.extract_one(Paper(id="p", title="FooNet: A Library for Things",
...                            abstract="We run FooNet on 8 GPUs."))
>>> sorted((e.name, e.type, tuple(e.roles), e.count) for e in out.entities)
[('FooNet', 'System', ('proposes',), None), ('GPU', 'Hardware', ('runs_on',), 8)]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

from kg.errors import ExtractionError

# importing the component modules registers their factories
from kg.extract import (  # noqa: F401
    abbreviations,
    counts,
    discovery,
    entity_typing,
    held,
    relations,
    roles,
    sentences,
    vocab_matcher,
)
from kg.extract.assemble import assemble
from kg.extract.batching import BATCH_SIZE, batches
from kg.extract.state import DocState, attach_state, ensure_extension, state_of
from kg.models import Paper, PaperExtraction

__all__ = ["build_nlp", "Extractor", "COMPONENTS", "split_final_dots"]

log = logging.getLogger(__name__)

#: The kg components, in pipeline order.
COMPONENTS = (
    "kg_sentences",
    "kg_vocab",
    "kg_abbreviations",
    "kg_discovery",
    "kg_typing",
    "kg_roles",
    "kg_relations",
    "kg_numbers",
)


def build_nlp(vocab_files: Iterable[str | Path] = (), model: str | None = None) -> Language:
    """A spaCy pipeline with the kg components, on ``spacy.blank("en")`` or ``model``.

    Args:
        vocab_files: extra vocabulary ``.ttl`` files besides the shipped ones.
        model: name or path of an installed spaCy pipeline to start from.

    Raises:
        ExtractionError: if ``model`` cannot be loaded or the vocabulary is unreadable.
    """
    ensure_extension()
    if model:
        try:
            nlp = spacy.load(model, exclude=["parser", "senter", "ner", "lemmatizer"])
        except OSError as exc:
            raise ExtractionError(
                f"cannot load spaCy pipeline {model!r}: {exc}. Install it or omit --model."
            ) from exc
    else:
        nlp = spacy.blank("en")
    split_final_dots(nlp)
    for name in COMPONENTS:
        config = {"vocab_files": [str(f) for f in vocab_files]} if name == "kg_vocab" else {}
        nlp.add_pipe(name, config=config)
    return nlp


def split_final_dots(nlp: Language) -> None:
    """Split a sentence-final dot after a capital ("MoE." -> "MoE", "."), so names match."""
    suffixes = [*(nlp.Defaults.suffixes or ()), r"(?<=[A-Za-z0-9][A-Z])\."]
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


class Extractor:
    """Turns papers into ``PaperExtraction`` records with the kg pipeline."""

    def __init__(self, vocab_files: Iterable[str | Path] = (), model: str | None = None) -> None:
        self.nlp = build_nlp(vocab_files, model)

    def _doc(self, paper: Paper) -> Doc:
        """Tokenise ``paper.text`` and attach its state (so no component rebuilds the
        text); the state may stay held to the end (``assemble`` reads it)."""
        text = paper.text
        doc = self.nlp.make_doc(text)
        attach_state(doc, text, keep_native=True)
        return doc

    def extract(
        self, papers: Iterable[Paper], batch_size: int = BATCH_SIZE
    ) -> Iterator[PaperExtraction]:
        """Extract from a stream of papers, lazily, ``batch_size`` papers at a time, in
        their order. Each component runs over the whole batch before the next one starts
        (``kg/extract/batching.py``: its tables stay in the CPU caches). When every
        enabled component is a kg one, the extractor calls them itself, which skips
        ``nlp.pipe``'s generator per component and document; otherwise ``nlp.pipe``
        runs them, batched the same way."""
        procs = [proc for _, proc in self.nlp.pipeline]
        if all(hasattr(proc, "kg_stage") for proc in procs):
            for batch in batches(papers, batch_size):
                docs = [self._doc(paper) for paper in batch]
                for proc in procs:
                    docs = [proc(doc) for doc in docs]
                for paper, doc in zip(batch, docs, strict=True):
                    yield self.assemble(paper, state_of(doc))
            return
        pairs = ((self._doc(p), p) for p in papers)
        for doc, paper in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
            yield self.assemble(paper, state_of(doc))

    def extract_one(self, paper: Paper) -> PaperExtraction:
        """Extract from one paper."""
        return self.assemble(paper, state_of(self.nlp(self._doc(paper))))

    @staticmethod
    def assemble(paper: Paper, state: DocState) -> PaperExtraction:
        """The extraction of ``paper`` from its processed state, held or not
        (``kg/extract/held.py``)."""
        if state.native is not None and held.held(state):
            out = held.assemble(paper, state)
            if out is not None:
                return out
            held.materialize(state)
        return assemble(paper, state, state.text)
