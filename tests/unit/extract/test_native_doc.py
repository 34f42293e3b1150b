"""The state kept in Rust across a document's components (``kg_native.NativeDoc``,
``native.doc_twin``): read only while valid, and the same output as the Python rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from copy import deepcopy
from typing import Any

import pytest

from kg.extract import held, native
from kg.extract.state import DocState, RoleCue, state_of
from kg.models import Paper
from kg.ontology import Role
from tests.unit.extract.native_cases import _extractor, core, texts


@pytest.fixture(autouse=True)
def _not_held() -> Iterator[None]:
    """These tests are about the ``NativeDoc`` of the twins' path, which runs when a
    state is not held (held mode: ``test_held.py``)."""
    with held.not_held():
        yield


Step = tuple[str, str]  # (component, how: "twin", "python" or "skip")
Change = Callable[[DocState], None]


def _summary(state: DocState) -> tuple[Any, ...]:
    ms = [
        (m.start, m.end, m.text, m.rule, m.type, m.type_rule, m.group, m.specific)
        for m in state.mentions
    ]
    return ms, list(state.roles), list(state.relations), list(state.numbers)


def _run(
    text: str,
    how: dict[str, str] | None = None,
    order: list[str] | None = None,
    changes: dict[str, Change] | None = None,
) -> tuple[tuple[Any, ...], list[int | None]]:
    """The pipeline run by hand on ``text``: each component through its twins, in
    Python (``how[name] == "python"``) or not at all ("skip"), in ``order``, with
    ``changes[name]`` applied to the state after component ``name``; the final state's
    summary and the stage of its ``NativeDoc`` after each component run."""
    ex = _extractor()
    procs = dict(ex.nlp.pipeline)
    title, _, abstract = text.partition("\n\n")
    doc = ex._doc(Paper(id="t", title=title, abstract=abstract))
    stages: list[int | None] = []
    for name in order or list(procs):
        mode = (how or {}).get(name, "twin")
        if mode == "skip":
            continue
        if mode == "python":
            with native.python_only():
                doc = procs[name](doc)
        else:
            doc = procs[name](doc)
        state = state_of(doc)
        if changes and name in changes:
            changes[name](state)
        stages.append(None if state.native is None else state.native.stage)  # type: ignore[attr-defined]
    return _summary(state_of(doc)), stages


def _python(text: str, **kw: Any) -> tuple[Any, ...]:
    """``_run`` with every twin off: the reference."""
    with native.python_only():
        return _run(text, **kw)[0]


def _texts() -> tuple[str, ...]:
    return texts()[::3]


def test_the_doc_is_read_through_the_components_in_order() -> None:
    core()
    read_through = 0
    for text in _texts():
        got, stages = _run(text)
        assert got == _python(text), text[:60]
        # sentences, vocabulary, abbreviations; discovery to relations; numbers drops it
        if stages == [None, None, None, 1, 2, 3, 4, None]:
            read_through += 1
        else:
            assert all(s is None for s in stages), (stages, text[:60])
    assert read_through > 0.9 * len(_texts())


def test_a_component_run_in_python_ends_the_doc() -> None:
    core()
    later = ["kg_typing", "kg_roles", "kg_relations", "kg_numbers"]
    for k, name in enumerate(later):
        how = {name: "python"}
        for text in _texts()[::2]:
            got, stages = _run(text, how=how)
            assert got == _python(text, how=how), (name, text[:60])
            assert all(s is None for s in stages[4 + k :]), (name, stages)


def test_a_component_skipped_or_moved_does_not_read_a_doc_of_another_stage() -> None:
    core()
    names = [n for n, _ in _extractor().nlp.pipeline]
    moved = [*names[:4], "kg_roles", "kg_typing", *names[6:]]
    for text in _texts()[::2]:
        for skipped, after in (("kg_typing", 4), ("kg_roles", 5)):
            how = {skipped: "skip"}
            got, stages = _run(text, how=how)
            assert got == _python(text, how=how), (skipped, text[:60])
            assert all(s is None for s in stages[after:]), (skipped, stages)
        got, stages = _run(text, order=moved)
        assert got == _python(text, order=moved), text[:60]
        assert all(s is None for s in stages[4:]), stages


def _drop_last_mention(state: DocState) -> None:
    if state.mentions:
        state.mentions.pop()
        state.roles = [c for c in state.roles if c.mention < len(state.mentions)]


def _new_mentions_list(state: DocState) -> None:
    state.mentions = list(state.mentions)


def _one_more_role(state: DocState) -> None:
    if state.mentions:
        state.roles.append(RoleCue(0, Role.USES, "user", 0.5))


def _new_sentences(state: DocState) -> None:
    state.sentences = [(0, len(state.text))]


def test_a_state_changed_between_components_is_read_from_python() -> None:
    core()
    changes: list[dict[str, Change]] = [
        {"kg_discovery": _drop_last_mention},
        {"kg_typing": _new_mentions_list},
        {"kg_typing": _one_more_role},
        {"kg_roles": _drop_last_mention},
        {"kg_roles": _new_sentences},
        {"kg_relations": _one_more_role},
    ]
    for text in _texts()[::2]:
        if not _python(text)[0]:
            continue  # no mentions: the changes change nothing
        for change in changes:
            got, stages = _run(text, changes=change)
            assert got == _python(text, changes=change), (change, text[:60])
            after = list(_extractor().nlp.pipe_names).index(next(iter(change)))
            assert all(s is None for s in stages[after + 1 :]), (change, stages)


def test_a_copied_state_has_no_valid_doc() -> None:
    core()
    ex = _extractor()
    text = texts()[0]
    title, _, abstract = text.partition("\n\n")
    doc = ex._doc(Paper(id="t", title=title, abstract=abstract))
    for name, proc in ex.nlp.pipeline:
        doc = proc(doc)
        if name == "kg_discovery":
            break
    state = state_of(doc)
    nd: Any = state.native
    assert nd is not None and nd.stage == 1 and nd.valid(state, 1)
    copy = deepcopy(state)
    assert copy.native is not None and copy.native.stage == 0  # type: ignore[attr-defined]
    assert not copy.native.valid(copy, 1)  # type: ignore[attr-defined]
    assert not nd.valid(state, 2)  # another stage


def test_a_component_between_the_kg_components_ends_the_doc(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A component added between two kg components may change the mentions in place:
    the kg components read the Python state."""
    from spacy.language import Language

    from kg.extract.pipeline import build_nlp
    from kg.ontology import EntityType

    core()
    read: list[str] = []
    doc_twin = native.doc_twin

    def counted(name: str, state: Any, *args: Any) -> Any:
        out = doc_twin(name, state, *args)
        if out is not None:
            read.append(name)
        return out

    monkeypatch.setattr(native, "doc_twin", counted)

    @Language.component("test_native_doc_retype")
    def retype(doc: Any) -> Any:
        for m in state_of(doc).mentions:
            m.type = EntityType.HARDWARE  # in place: the lists stay the same
        return doc

    nlp = build_nlp()
    nlp.add_pipe("test_native_doc_retype", after="kg_typing")
    some = _texts()[::4]
    for text in some:
        with native.python_only():
            want = _summary(state_of(nlp(text)))
        assert _summary(state_of(nlp(text))) == want, text[:60]
    assert not read
    nlp.remove_pipe("test_native_doc_retype")
    for text in some:
        state = state_of(nlp(text))
        with native.python_only():
            assert _summary(state) == _summary(state_of(nlp(text))), text[:60]
    assert read.count("roles_assign_roles_doc") > 0.9 * len(some)
    assert read.count("counts_find_numbers_doc") > 0.9 * len(some)
