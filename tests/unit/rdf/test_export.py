# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""RDF export: round trips, stable IRIs, the modelling, VoID, bounded memory, the CLI."""

from __future__ import annotations

import io
import json
import tracemalloc

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, VOID, XSD

from kg.ontology import PAPER, EntityType, Role
from kg.rdf.export import FORMATS, escape_string, to_rdflib, write
from kg.rdf.terms import DEFAULT_BASE_IRI, graph_iri

KG = Namespace("https://w3id.org/kg/ontology#")
R = Namespace(DEFAULT_BASE_IRI)


def _export(G: nx.MultiDiGraph, fmt: str, **kw: object) -> str:
    out = io.StringIO()
    write(G, out, fmt, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def _parse(text: str, fmt: str) -> Graph:
    """Parse an export back; quads formats are flattened to the union of their graphs."""
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=text, format=FORMATS[fmt])
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=text, format=FORMATS[fmt])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_is_isomorphic_to_the_graph_in_memory(graph: nx.MultiDiGraph, fmt: str) -> None:
    expected = to_rdflib(graph)
    parsed = _parse(_export(graph, fmt), fmt)
    assert len(parsed) == len(expected) > 300
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quads_put_data_in_the_named_graph_and_void_in_the_default(
    graph: nx.MultiDiGraph, fmt: str
) -> None:
    ds = Dataset()
    ds.parse(data=_export(graph, fmt), format=FORMATS[fmt])
    named = ds.graph(URIRef(graph_iri(DEFAULT_BASE_IRI)))
    assert (R["entity/zero"], RDF.type, KG.Method) in named
    assert (R["dataset"], RDF.type, VOID.Dataset) not in named
    assert (R["dataset"], RDF.type, VOID.Dataset) in ds.default_graph


def test_export_is_byte_identical_across_runs(graph: nx.MultiDiGraph) -> None:
    assert _export(graph, "nt") == _export(graph, "nt")
    from tests.unit.rdf.sample_graph import make_graph

    assert _export(make_graph(), "nt") == _export(graph, "nt")


def test_base_iri_option_and_environment(
    graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _export(graph, "nt", base="http://example.org/kg")
    assert "<http://example.org/kg/entity/zero> " in text
    monkeypatch.setenv("KG_BASE_IRI", "urn:x-kg:")
    assert "<urn:x-kg:paper/1910.02054> " in _export(graph, "nt")


def test_illegal_iri_characters_are_percent_encoded(graph: nx.MultiDiGraph) -> None:
    g = _parse(_export(graph, "nt"), "nt")
    odd = URIRef(DEFAULT_BASE_IRI + "entity/weird%20slug/%3Cx%3E")
    assert (odd, KG.name, Literal('Odd "name" <x>')) in g
    assert (odd, SKOS.altLabel, Literal("odd\nalias")) in g


def test_modelling_types_labels_facts_and_provenance(graph: nx.MultiDiGraph) -> None:
    g = _parse(_export(graph, "turtle"), "turtle")
    zero, zinf, paper2 = R["entity/zero"], R["entity/zero-infinity"], R["paper/2104.07857"]
    assert (zero, RDF.type, KG[EntityType.METHOD.value]) in g
    assert (paper2, RDF.type, KG[PAPER]) in g
    assert (zero, SKOS.prefLabel, Literal("ZeRO")) in g
    assert (zero, SKOS.altLabel, Literal("Zero Redundancy Optimizer")) in g
    assert (zero, KG.vocabConcept, URIRef("https://w3id.org/kg/vocab/zero")) in g
    assert (R["entity/gpt-3"], KG.parameters, Literal(175_000_000_000)) in g
    assert (paper2, KG.runsOn, R["entity/a100"]) in g
    assert (zinf, KG.extends, zero) in g
    assert (paper2, KG.publicationDate, Literal("2024-05-01", datatype=XSD.date)) in g
    # the bad date of 2311.08105 is left out rather than exported as an invalid xsd:date
    assert not list(g.objects(R["paper/2311.08105"], KG.publicationDate))

    runs = [
        a
        for a in g.subjects(KG.assertionProperty, KG.runsOn)
        if (a, KG.assertionSubject, paper2) in g
    ]
    assert len(runs) == 1
    a = runs[0]
    assert (a, RDF.type, KG.Assertion) in g
    assert (a, KG.statedIn, paper2) in g
    assert (a, KG["count"], Literal(512)) in g
    assert (a, KG.confidence, Literal("0.9", datatype=XSD.decimal)) in g

    extends = [
        a
        for a in g.subjects(KG.assertionObject, zero)
        if (a, KG.assertionSubject, zinf) in g and (a, KG.assertionProperty, KG.extends) in g
    ]
    assert len(extends) == 2  # stated in 2104.07857 and derived from the names
    derived = [a for a in extends if not list(g.objects(a, KG.statedIn))]
    assert len(derived) == 1
    assert (derived[0], KG.extractionRule, Literal("name_derivation")) in g
    assert not any(isinstance(n, BNode) for t in g for n in t)


def test_void_description_counts_what_was_exported(graph: nx.MultiDiGraph) -> None:
    g = _parse(_export(graph, "nt"), "nt")
    ds = R["dataset"]
    void = set(g.triples((ds, None, None)))
    data = len(g) - len(void)
    assert g.value(ds, VOID.triples).toPython() == data
    classes = {o for s, o in g.subject_objects(RDF.type) if s != ds}
    assert g.value(ds, VOID.classes).toPython() == len(classes) == 7  # Paper, Assertion, 5 types
    props = {p for s, p, _ in g if s != ds}
    assert g.value(ds, VOID.properties).toPython() == len(props)
    dcterms = Namespace("http://purl.org/dc/terms/")
    assert g.value(ds, dcterms.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(g.value(ds, dcterms.created)).startswith("2026-11-22T03:00:00")
    assert {str(o) for o in g.objects(ds, dcterms.source)} == {
        "listing-000.txt",
        "dir with space/listing-001.txt",
    }


def test_escape_string_follows_the_ntriples_grammar() -> None:
    assert escape_string('a"b\\c\nd\re\tf\x00g\x7f') == 'a\\"b\\\\c\\nd\\re\\tf\\u0000g\\u007F'
    assert escape_string("plain ünïcödé 🚀") == "plain ünïcödé 🚀"
    assert escape_string("lone \ud800 surrogate") == "lone \ufffd surrogate"


def _synthetic(papers: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for e in range(200):
        G.add_node(
            f"entity/e{e}",
            type=EntityType.METHOD.value,
            name=f"E{e}",
            aliases=[f"e-{e}"],
            support=e,
        )
    for i in range(papers):
        p = f"paper/{i}"
        G.add_node(p, type=PAPER, name=f"T{i}", title=f"T{i}", abstract="x" * 200, aliases=[])
        for k in range(5):
            G.add_edge(
                p,
                f"entity/e{(i * 7 + k) % 200}",
                key=Role.USES.value,
                type=Role.USES.value,
                paper=str(i),
                sentence="We use it " * 5,
                start=0,
                end=50,
                rule="r",
                confidence=0.5,
            )
    return G


class _Sink(io.TextIOBase):
    def __init__(self) -> None:
        self.chars = 0

    def write(self, s: str) -> int:
        self.chars += len(s)
        return len(s)


@pytest.mark.parametrize("fmt", ["nt", "nquads", "trig", "turtle"])
def test_streaming_export_memory_does_not_grow_with_the_graph(fmt: str) -> None:
    peaks = []
    for papers in (500, 2_000):
        G = _synthetic(papers)
        sink = _Sink()
        tracemalloc.start()
        write(G, sink, fmt)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert sink.chars > papers * 1000
    # 4x the output (tens of MB) while the writer's own peak stays flat and small
    assert peaks[1] < 4_000_000
    assert peaks[1] < 1.5 * peaks[0] + 500_000


def test_cli_export_writes_each_format(graph: nx.MultiDiGraph, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kg.cli import cli

    monkeypatch.setattr("kg.cli.export_cmd.read_graph", lambda path: graph)
    for fmt in FORMATS:
        out = tmp_path / f"kg.{fmt}"
        result = CliRunner().invoke(cli, ["export", str(tmp_path), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert isomorphic(_parse(out.read_text(encoding="utf-8"), fmt), to_rdflib(graph))
    result = CliRunner().invoke(cli, ["export", str(tmp_path), "--format", "jsonld", "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)


def test_cli_export_of_a_missing_directory_is_one_line_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kg.cli import cli

    result = CliRunner().invoke(cli, ["export", str(tmp_path / "nope"), "-o", "-"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "nope" in result.output


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, alias=_TEXT, sentence=_TEXT, slug=_TEXT)
def test_any_text_survives_the_ntriples_and_turtle_writers(
    name: str, alias: str, sentence: str, slug: str
) -> None:
    G = nx.MultiDiGraph(created="2026-11-22T03:00:00+00:00")  # else VoID says "now", twice
    G.add_node(f"entity/{slug}", type=EntityType.SYSTEM.value, name=name, aliases=[alias])
    G.add_node("paper/p", type=PAPER, name="T", title="T", aliases=[])
    G.add_edge(
        "paper/p",
        f"entity/{slug}",
        key="uses",
        type=Role.USES.value,
        paper="p",
        sentence=sentence,
        start=0,
        end=len(sentence),
        rule="r",
        confidence=0.5,
    )
    text = _export(G, "nt")
    g = _parse(text, "nt")
    assert isomorphic(g, to_rdflib(G))
    assert isomorphic(_parse(_export(G, "turtle"), "turtle"), g)
    entity = next(g.subjects(KG.name, None))
    assert str(g.value(entity, KG.name)) == name
    assert str(g.value(entity, KG.alias)) == alias
    assert {str(o) for o in g.objects(None, KG.evidenceSentence)} == {sentence}
    import pyoxigraph as ox

    assert len(list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))) == len(g)
