"""Load the vocabulary for the matcher, tolerating a tree where it is not shipped yet."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExtractionError, KGError
from kg.vocab import VocabConcept, load_vocabulary

__all__ = ["load_concepts", "register_concepts"]

log = logging.getLogger(__name__)

#: Concepts handed over in memory (tests, callers with their own lists), by key.
_REGISTERED: dict[str, list[VocabConcept]] = {}


def register_concepts(key: str, concepts: Iterable[VocabConcept]) -> str:
    """Make ``concepts`` loadable by the pipeline as the pseudo-file ``mem:KEY``."""
    _REGISTERED[key] = list(concepts)
    return f"mem:{key}"


def load_concepts(vocab_files: Iterable[str]) -> list[VocabConcept]:
    """The shipped vocabulary plus ``vocab_files`` (``mem:KEY`` names registered lists).

    Only ``mem:`` entries means: exactly those concepts, without the shipped files.
    """
    files = list(vocab_files)
    mem = [f for f in files if f.startswith("mem:")]
    paths = [Path(f) for f in files if not f.startswith("mem:")]
    concepts: list[VocabConcept] = []
    for key in mem:
        if key[4:] not in _REGISTERED:
            raise ExtractionError(f"no in-memory vocabulary registered as {key!r}")
        concepts.extend(_REGISTERED[key[4:]])
    if mem and not paths:
        return concepts
    for p in paths:
        if not p.is_file():
            raise ExtractionError(f"{p}: vocabulary file not found; pass an existing .ttl file")
    try:
        concepts.extend(load_vocabulary(paths))
    except NotImplementedError:
        log.warning("kg.vocab.load_vocabulary is not implemented yet: no vocabulary used")
    except KGError:
        raise
    except Exception as exc:  # rdflib parse errors and the like
        raise ExtractionError(f"cannot load the vocabulary: {exc}") from exc
    return concepts
