"""Held mode: the compiled core keeps a document's whole state, from the first kg
component to the extraction (``native/src/held.rs``).

With the twins alone, every component still builds the Python objects of its stage
(mentions, abbreviations, cues) for the next one, which reads them back into Rust. In
held mode the sentence segmenter starts a held ``kg_native.NativeDoc`` in
``DocState.native`` and each later component advances it by one stage in Rust
(``advance``); the ``DocState``'s lists stay empty meanwhile. The Python objects are
made once, when something needs them (``materialize``): a component whose stage the
doc cannot take (it then runs its Python rule), or the end of the pipeline, unless the
caller assembles from the doc itself (``DocState.keep_native``, set by the
``Extractor``).

Held mode needs the compiled core, a plain text, a fresh state and the kg components
in one chain from the segmenter to the number reader (``native.DocChain``); otherwise
the components run as before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy

from kg.extract import native
from kg.extract.state import Abbreviation, DocState, Mention, NumberCue, RelationCue
from kg.models import Paper, PaperExtraction
from kg.ontology import EntityType, Relation

__all__ = ["HELD_STAGES", "start", "advance", "assemble", "materialize", "held", "not_held"]

log = logging.getLogger(__name__)

#: the ``kg_stage`` of each kg component, in pipeline order, from the segmenter on
HELD_STAGES = [-3, -2, -1, 1, 2, 3, 4, 5]

_TYPES: dict[str, EntityType] = {t.value: t for t in EntityType}
_RELATIONS: dict[str, Relation] = {r.value: r for r in Relation}


_off = False


@contextmanager
def not_held() -> Iterator[None]:
    """Within the block no state is held: the components run through their twins and
    Python objects, as without held mode (for comparing)."""
    global _off
    before, _off = _off, True
    try:
        yield
    finally:
        _off = before


def held(state: DocState) -> bool:
    """Whether ``state`` is held: its objects are in ``state.native``, not its lists."""
    doc: Any = state.native
    return doc is not None and bool(doc.held)


def start(
    chain: native.DocChain, component: object, state: DocState, token_starts: numpy.ndarray
) -> numpy.ndarray | None:
    """Start holding ``state`` at the segmenter ``component``: sets ``state.sentences``
    and returns the ``SENT_START`` array for the doc; None when held mode cannot run
    (then nothing is changed)."""
    core = native.core()
    if (
        core is None
        or _off
        or native.twin("held_start") is None
        or state.native is not None
        or state.mentions
        or state.abbreviations
        or state.roles
        or state.relations
        or state.numbers
        or state.proposed
        or not chain.whole(component)
    ):
        return None
    got = core.held_start(state.text, state.title_end, token_starts.tobytes())
    if got is None:
        return None
    doc, sentences, sent_starts = got
    state.sentences = sentences
    state.native = doc
    return numpy.frombuffer(sent_starts, dtype=numpy.uint64).reshape(-1, 1)


def advance(state: DocState, stage: str, *args: Any) -> bool:
    """Advance a held ``state`` by ``stage`` (``kg_native.held_<stage>``): True when
    done; else False, with the state made Python again (``materialize``) for the
    caller's Python rule. False for a state that is not held."""
    doc: Any = state.native
    if doc is None or not doc.held:
        return False
    core = native.core()
    if core is not None and not native.is_off() and getattr(core, "held_" + stage)(doc, *args):
        return True
    log.debug("held doc cannot take stage %s: the Python rules take over", stage)
    materialize(state)
    return False


def assemble(paper: Paper, state: DocState) -> PaperExtraction | None:
    """The extraction of ``paper`` assembled by the compiled core from ``state``'s held
    doc after the last stage (``assemble.assemble``'s twin), or None (the caller then
    materializes the state and assembles in Python). The doc is kept."""
    core = native.core()
    doc: Any = state.native
    if core is None or doc is None or not doc.held or native.is_off():
        return None
    out: PaperExtraction | None = core.held_assemble(doc, paper)
    return out


def materialize(state: DocState) -> None:
    """Build ``state``'s Python objects from its held doc, as the twins' paths build
    them, and drop the doc (a state that is not held is left as it is)."""
    from kg.extract.roles import _native_cue

    doc: Any = state.native
    if doc is None or not doc.held:
        return
    state.native = None
    core = native.core()
    exported = core.held_export(doc) if core is not None else None
    if exported is None:
        raise RuntimeError("a held NativeDoc without its compiled core")
    _stage, concepts, mentions, abbreviations, proposed, roles, relations, numbers = exported
    types = _TYPES
    state.mentions = [
        Mention(
            s,
            e,
            text,
            rule,
            conf,
            None if typ is None else types.get(typ) or EntityType(typ),
            specific,
            None if k is None else concepts[k],
            group,
            type_rule,
        )
        for s, e, text, rule, conf, typ, specific, k, group, type_rule in mentions
    ]
    state.abbreviations = [Abbreviation(*fields) for fields in abbreviations]
    state.proposed = proposed
    state.roles = [_native_cue(cue) for cue in roles]
    state.relations = [
        RelationCue(h, _RELATIONS[r], t, rule, c, sent) for h, r, t, rule, c, sent in relations
    ]
    state.numbers = [NumberCue(*cue) for cue in numbers]
