"""Held mode (``kg/extract/held.py``, ``native/src/held.rs``): the compiled core keeps
the whole state from the segmenter on, and the state built from it is the Python
rules' state, at the end and after any stage."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.attrs import SENT_START  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import held, native
from kg.extract.pipeline import COMPONENTS, build_nlp
from kg.extract.state import DocState, attach_state, state_of
from tests.unit.extract.native_cases import _extractor, core, texts

FIELDS = (
    "text",
    "title_end",
    "sentences",
    "mentions",
    "abbreviations",
    "roles",
    "relations",
    "numbers",
    "proposed",
)


def _fields(state: DocState) -> dict[str, Any]:
    return {f: getattr(state, f) for f in FIELDS}


def _run(text: str, until: int = len(COMPONENTS)) -> tuple[Doc, DocState, list[bool]]:
    """The first ``until`` kg components run by hand on ``text`` (its state kept held
    at the end), the rest with every twin off; whether the state was held after each."""
    nlp = _extractor().nlp
    doc = nlp.make_doc(text)
    attach_state(doc, text, keep_native=True)
    was_held = []
    for k, (_, proc) in enumerate(nlp.pipeline):
        if k < until:
            doc = proc(doc)
        else:
            if k == until:
                held.materialize(state_of(doc))
            with native.python_only():
                doc = proc(doc)
        was_held.append(held.held(state_of(doc)))
    return doc, state_of(doc), was_held


def _reference(text: str) -> tuple[Doc, DocState]:
    nlp = _extractor().nlp
    with native.python_only():
        doc = nlp(text)
    return doc, state_of(doc)


def test_a_held_state_is_the_python_rules_state() -> None:
    core()
    n = 0
    for text in texts():
        doc, state, was_held = _run(text)
        assert was_held == [len(doc) > 0] * len(COMPONENTS), text[:60]  # no tokens: Python
        held.materialize(state)
        want_doc, want = _reference(text)
        assert _fields(state) == _fields(want), text[:60]
        assert (doc.to_array([SENT_START]) == want_doc.to_array([SENT_START])).all(), text[:60]
        n += 1
    assert n > 500


@pytest.mark.parametrize("until", range(1, len(COMPONENTS)))
def test_a_state_made_python_after_any_stage_is_the_python_rules_state(until: int) -> None:
    core()
    for text in texts()[::5]:
        doc, state, was_held = _run(text, until)
        assert was_held == [k < until and len(doc) > 0 for k in range(len(COMPONENTS))]
        assert _fields(state) == _fields(_reference(text)[1]), text[:60]


def test_the_pipeline_materializes_the_state_for_its_callers() -> None:
    core()
    nlp = build_nlp()
    for text in texts()[::7]:
        state = state_of(nlp(text))  # no keep_native: doc._.kg is whole
        assert state.native is None
        assert _fields(state) == _fields(_reference(text)[1]), text[:60]


def test_the_compiled_assembly_of_a_held_state_is_the_python_one() -> None:
    from kg.extract.assemble import assemble
    from kg.models import Paper

    core()
    n = 0
    for k, text in enumerate(texts()):
        title, _, abstract = text.partition("\n\n")
        paper = Paper(id=f"t{k}", title=title, abstract=abstract)
        _, state, was_held = _run(paper.text)
        got = held.assemble(paper, state)
        if not was_held[-1]:
            assert got is None
            continue
        assert got is not None and held.held(state)  # the doc is kept
        held.materialize(state)
        assert got == assemble(paper, state, state.text), text[:60]
        n += got is not None
    assert n > 500


def test_the_extractor_gives_the_same_extractions_held_or_not() -> None:
    from kg.models import Paper

    core()
    ex = _extractor()
    papers = []
    for k, text in enumerate(texts()[::3]):
        title, _, abstract = text.partition("\n\n")
        papers.append(Paper(id=f"t{k}", title=title, abstract=abstract))
    got = [x.to_dict() for x in ex.extract(papers)]
    with native.python_only():
        want = [x.to_dict() for x in ex.extract(papers)]
    assert got == want


@Language.component("test_held_watch")
def _watch(doc: Doc) -> Doc:
    _seen.append(held.held(state_of(doc)))
    return doc


_seen: list[bool] = []


def test_a_component_between_the_kg_components_means_no_held_state() -> None:
    core()
    nlp = build_nlp()
    nlp.add_pipe("test_held_watch", after="kg_vocab")
    text = texts()[1]
    _seen.clear()
    state = state_of(nlp(text))
    assert _seen == [False]
    assert _fields(state) == _fields(_reference(text)[1])
    nlp.remove_pipe("test_held_watch")
    nlp.add_pipe("test_held_watch", last=True)
    _seen.clear()
    doc = nlp.make_doc(text)
    attach_state(doc, text, keep_native=True)  # as the Extractor does
    state = state_of(nlp(doc))
    assert _seen == [False]  # a component after the kg ones finds a Python state
    assert _fields(state) == _fields(_reference(text)[1])


def test_a_disabled_kg_component_means_no_held_state() -> None:
    core()
    nlp = build_nlp()
    with nlp.select_pipes(disable=["kg_abbreviations"]):
        doc = nlp.make_doc(texts()[1])
        attach_state(doc, doc.text, keep_native=True)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
            assert not held.held(state_of(doc))


def test_a_vocabulary_without_its_twin_ends_the_held_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    core()
    nlp = build_nlp()
    monkeypatch.setattr(nlp.get_pipe("kg_vocab"), "_table", None)
    for text in texts()[::40]:
        doc = nlp.make_doc(text)
        attach_state(doc, text, keep_native=True)
        for name, proc in nlp.pipeline:
            doc = proc(doc)
            assert held.held(state_of(doc)) == (name == "kg_sentences" and len(doc) > 0)
        assert _fields(state_of(doc)) == _fields(_reference(text)[1]), text[:60]


def test_a_copied_held_state_is_the_same_state() -> None:
    from copy import copy, deepcopy

    core()
    nlp = _extractor().nlp
    text = texts()[1]
    doc = nlp.make_doc(text)
    attach_state(doc, text, keep_native=True)
    procs = [proc for _, proc in nlp.pipeline]
    for proc in procs[:4]:
        doc = proc(doc)
    state = state_of(doc)
    assert copy(state).native is state.native  # shallow: shared, as its lists would be
    dup = deepcopy(state)
    assert held.held(dup) and dup.native is not state.native
    held.materialize(dup)
    assert dup.mentions  # the copy holds the state, not an empty one
    assert held.held(state)
    for proc in procs[4:]:
        doc = proc(doc)
    assert held.held(state)
    held.materialize(state)
    assert _fields(state) == _fields(_reference(text)[1])


def test_a_text_that_is_not_plain_is_not_held() -> None:
    core()
    text = "Föo: a System\n\nWe propose Föo, which runs on 8 GPUs."
    _, state, was_held = _run(text)
    assert not any(was_held)
    assert _fields(state) == _fields(_reference(text)[1])


def test_not_held_turns_held_mode_off() -> None:
    core()
    with held.not_held():
        _, _, was_held = _run(texts()[1])
    assert not any(was_held)
