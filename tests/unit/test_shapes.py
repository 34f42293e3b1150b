"""ontology/shapes.ttl with pySHACL: a valid instance graph conforms, broken ones do not.

Each ``tests/data/shapes/broken/*.ru`` is a SPARQL Update that breaks the valid graph
in one way; its first line, ``# expect: <message>``, is the sh:message the shapes must
report for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import SH

from kg.resources import ontology_dir

DATA = Path(__file__).resolve().parent.parent / "data" / "shapes"
BROKEN = sorted((DATA / "broken").glob("*.ru"))
KG = Namespace("https://w3id.org/kg/ontology#")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _valid() -> Graph:
    return Graph().parse(DATA / "valid.ttl", format="turtle")


def _messages(report: Graph) -> set[str]:
    return {str(m) for m in report.objects(None, SH.resultMessage)}


def test_valid_graph_conforms(shapes: Graph) -> None:
    conforms, _, text = validate(_valid(), shacl_graph=shapes)
    assert conforms, text


def test_valid_graph_conforms_with_the_ontology_and_rdfs_inference(shapes: Graph) -> None:
    data = _valid()
    data += Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, inference="rdfs")
    assert conforms, text


def test_there_are_several_broken_cases() -> None:
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("case", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_graph_is_rejected_with_the_expected_message(shapes: Graph, case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# expect: "), f"{case.name}: first line must be '# expect: ...'"
    expected = first.removeprefix("# expect: ").strip()
    data = _valid()
    before = len(data)
    data.update(text)
    assert len(data) != before or "DELETE" in text, f"{case.name} changed nothing"
    conforms, report, report_text = validate(data, shacl_graph=shapes)
    assert not conforms, f"{case.name}: the broken graph conforms"
    assert expected in _messages(report), report_text


def test_every_shape_message_is_exercised_by_a_broken_case(shapes: Graph) -> None:
    """No constraint message in shapes.ttl is left without a failing example."""
    expected = {p.read_text(encoding="utf-8").splitlines()[0][len("# expect: ") :] for p in BROKEN}
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    untested = messages - expected
    # constraints on optional values whose breakage is a plain datatype mismatch
    optional = {m for m in messages if m.startswith(("a paper has at most", "kg:alias", "an "))}
    optional |= {
        m for m in messages if m.startswith(("kg:support", "kg:parameters is", "kg:count is"))
    }
    optional |= {"a node with assertionSubject/Property/Object is a kg:Assertion"}
    assert untested <= optional, sorted(untested - optional)
