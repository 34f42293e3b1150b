"""Stage-major batches: ``batches``, the components' ``pipe`` and ``Extractor.extract``."""

from __future__ import annotations

import pytest
import spacy

from kg.extract import COMPONENTS
from kg.extract.batching import BatchedComponent, batches
from kg.models import Paper


def test_batches_cuts_a_stream_lazily_into_lists():
    consumed: list[int] = []

    def stream():
        for i in range(7):
            consumed.append(i)
            yield i

    it = batches(stream(), 3)
    assert next(it) == [0, 1, 2]
    assert consumed == [0, 1, 2]  # nothing read past the first batch
    assert list(it) == [[3, 4, 5], [6]]
    assert list(batches([], 3)) == []


def test_batches_refuses_a_size_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        next(batches([1], 0))


class _Recorder(BatchedComponent):
    def __init__(self, name: str, log: list[tuple[str, str]]) -> None:
        self.name = name
        self.log = log

    def __call__(self, doc):
        self.log.append((self.name, doc.text))
        return doc


def test_chained_pipes_run_each_stage_over_the_whole_batch_first():
    nlp = spacy.blank("en")
    log: list[tuple[str, str]] = []
    first, second = _Recorder("a", log), _Recorder("b", log)
    docs = (nlp.make_doc(t) for t in ["x", "y", "z"])
    out = [d.text for d in second.pipe(first.pipe(docs, batch_size=2), batch_size=2)]
    assert out == ["x", "y", "z"]
    assert log == [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y"), ("a", "z"), ("b", "z")]


def test_every_kg_component_batches(extractor):
    for name in COMPONENTS:
        assert isinstance(extractor.nlp.get_pipe(name), BatchedComponent), name


def _papers(n: int) -> list[Paper]:
    return [
        Paper(
            id=str(i),
            title=f"Zorb{i}: A Library for Sharded Training",
            abstract=f"We propose Zorb{i}, built on PyTorch. It runs on {8 * (i + 1)} GPUs "
            "and outperforms Adam with Mixture-of-Experts (MoE).",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 256])
def test_extract_gives_the_same_extractions_at_any_batch_size(extractor, batch_size):
    papers = _papers(5)
    one_by_one = [extractor.extract_one(p).to_dict() for p in papers]
    batched = [x.to_dict() for x in extractor.extract(iter(papers), batch_size=batch_size)]
    assert batched == one_by_one
    assert [x["id"] for x in batched] == [p.id for p in papers]


def test_nlp_pipe_batches_give_the_same_states_as_single_calls(extractor):
    from kg.extract.state import state_of

    papers = _papers(4)
    texts = [p.text for p in papers]
    nlp = extractor.nlp
    piped = [state_of(doc) for doc in nlp.pipe(texts, batch_size=3)]
    single = [state_of(nlp(t)) for t in texts]
    assert [s.mentions for s in piped] == [s.mentions for s in single]
    assert [s.roles for s in piped] == [s.roles for s in single]
    assert [s.relations for s in piped] == [s.relations for s in single]
    assert any(s.roles for s in piped)


def test_batches_yields_what_was_read_before_an_error_then_raises():
    def stream():
        yield from range(5)
        raise OSError("disk gone")

    it = batches(stream(), 3)
    assert next(it) == [0, 1, 2]
    assert next(it) == [3, 4]
    with pytest.raises(OSError, match="disk gone"):
        next(it)


def test_extract_writes_the_papers_read_before_a_failing_reader(extractor):
    papers = _papers(3)

    def reader():
        yield from papers
        raise OSError("second file unreadable")

    got = []
    with pytest.raises(OSError, match="unreadable"):
        for x in extractor.extract(reader(), batch_size=256):
            got.append(x.paper.id)
    assert got == [p.id for p in papers]
