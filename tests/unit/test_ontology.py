"""ontology/kg.ttl and kg.ontology: the terms, their Neo4j and RDF names, alignments, syntax."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from kg.errors import OntologyError
from kg.ontology import (
    KG,
    KG_NS,
    PAPER,
    EntityType,
    Relation,
    Role,
    TermKind,
    iri,
    load_ontology,
    neo4j_label,
    neo4j_rel_type,
)
from kg.resources import ontology_dir

KGN = Namespace(KG_NS)
SCHEMA = Namespace("http://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
MLS = Namespace("http://www.w3.org/ns/mls#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
CITO = Namespace("http://purl.org/spar/cito/")

TTL_FILES = sorted(ontology_dir().rglob("*.ttl"))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


def _declared(graph: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        str(s)[len(KG_NS) :]
        for k in kinds
        for s in graph.subjects(RDF.type, k)
        if str(s).startswith(KG_NS)
    }


# ---- the enums and the namespace agree with kg.ttl


def test_enums_equal_the_sets_in_kg_ttl(graph: Graph) -> None:
    entity_classes = {str(s)[len(KG_NS) :] for s in graph.subjects(RDFS.subClassOf, KGN.Entity)}
    roles = {str(s)[len(KG_NS) :] for s in graph.subjects(RDFS.subPropertyOf, KGN.involves)}
    relations = {str(s)[len(KG_NS) :] for s in graph.subjects(RDFS.subPropertyOf, KGN.relatedTo)}
    assert {t.value for t in EntityType} == entity_classes
    assert {camel(r.value) for r in Role} == roles
    assert {camel(r.value) for r in Relation} == relations
    assert (KGN[PAPER], RDF.type, OWL.Class) in graph


def camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(p.capitalize() for p in rest)


def test_enums_equal_the_loaded_ontology() -> None:
    onto = load_ontology()
    assert set(onto.entity_classes) == {t.value for t in EntityType}
    assert set(onto.roles) == {r.value for r in Role}
    assert set(onto.relations) == {r.value for r in Relation}
    assert PAPER in onto.classes


def test_defined_namespace_lists_exactly_the_terms_of_kg_ttl(graph: Graph) -> None:
    in_code = set(KG.__annotations__)
    assert in_code == _declared(graph)
    for name in in_code:
        assert getattr(KG, name) == URIRef(KG_NS + name)


def test_defined_namespace_rejects_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        _ = KG.runsOnn


def test_every_term_has_a_label_and_a_one_line_definition(graph: Graph) -> None:
    for local in _declared(graph):
        term = KGN[local]
        labels = list(graph.objects(term, RDFS.label))
        comments = list(graph.objects(term, RDFS.comment))
        assert len(labels) == 1, local
        assert len(comments) == 1 and "\n" not in str(comments[0]), local


# ---- generated Neo4j and RDF names


def test_neo4j_names_follow_the_conventions() -> None:
    onto = load_ontology()
    assert onto.neo4j_labels == {n: n for n in [PAPER, *(t.value for t in EntityType)]}
    assert onto.neo4j_relationship_types == {
        "proposes": "PROPOSES",
        "uses": "USES",
        "evaluates_on": "EVALUATES_ON",
        "runs_on": "RUNS_ON",
        "compares_with": "COMPARES_WITH",
        "mentions": "MENTIONS",
        "extends": "EXTENDS",
        "implemented_in": "IMPLEMENTED_IN",
        "is_a": "IS_A",
    }
    assert neo4j_label(EntityType.HARDWARE) == "Hardware"
    assert neo4j_rel_type(Role.RUNS_ON) == "RUNS_ON"
    assert neo4j_rel_type(Relation.IS_A) == "IS_A"
    with pytest.raises(OntologyError):
        neo4j_rel_type("Method")
    with pytest.raises(OntologyError):
        neo4j_label("runs_on")


def test_rdf_terms_come_from_the_ontology() -> None:
    assert iri(Role.EVALUATES_ON) == KG.evaluatesOn
    assert iri(Relation.IMPLEMENTED_IN) == KG.implementedIn
    assert iri("Method") == KG.Method
    assert iri("runsOn") == KG.runsOn  # local names work too
    assert iri("published") == KG.publicationDate
    with pytest.raises(OntologyError, match="no ontology term"):
        iri("cites")


def test_graph_model_attribute_names_map_to_ontology_terms() -> None:
    """docs/graph-model.md attribute names are the JSON names of kg.ttl terms."""
    onto = load_ontology()
    paper = ["title", "abstract", "arxiv_id", "published", "url", "authors", "categories", "source"]
    entity = [
        "name",
        "aliases",
        "alt_types",
        "specific",
        "support",
        "confidence",
        "vocab_id",
        "parameters",
    ]
    edge = ["paper", "sentence", "start", "end", "rule", "confidence", "count"]
    for name in paper + entity + edge:
        assert onto.term(name).iri.startswith(KG_NS), name
    assert {t.name for t in onto.provenance_properties.values()} >= {
        "paper",
        "sentence",
        "start",
        "end",
        "rule",
        "count",
    }


NEW_TERMS = """
kg:cites a owl:ObjectProperty ;
    rdfs:label "cites"@en ;
    rdfs:comment "The paper cites the entity's paper."@en ;
    rdfs:subPropertyOf kg:involves ;
    rdfs:domain kg:Paper ;
    rdfs:range kg:Entity .

kg:trainedOn a owl:ObjectProperty ;
    rdfs:label "trained on"@en ;
    rdfs:comment "The model was trained on the dataset."@en ;
    rdfs:subPropertyOf kg:relatedTo .

kg:Benchmark a owl:Class ;
    rdfs:label "Benchmark"@en ;
    rdfs:comment "An evaluation suite."@en ;
    rdfs:subClassOf kg:Entity .
"""


def test_adding_a_property_to_kg_ttl_makes_it_appear_in_neo4j_and_rdf(tmp_path: Path) -> None:
    copy = tmp_path / "kg.ttl"
    copy.write_text((ontology_dir() / "kg.ttl").read_text() + NEW_TERMS)
    onto = load_ontology(copy)
    assert onto.neo4j_relationship_types["cites"] == "CITES"
    assert onto.rdf_terms["cites"] == URIRef(KG_NS + "cites")
    assert onto.roles["cites"].kind is TermKind.ROLE
    assert onto.neo4j_relationship_types["trained_on"] == "TRAINED_ON"
    assert onto.rdf_terms["trained_on"] == URIRef(KG_NS + "trainedOn")
    assert "trained_on" in onto.relations
    assert onto.neo4j_labels["Benchmark"] == "Benchmark"
    assert onto.iri("Benchmark") == URIRef(KG_NS + "Benchmark")
    # the shipped ontology is untouched
    assert "cites" not in load_ontology().roles


def test_a_term_without_label_is_an_error(tmp_path: Path) -> None:
    copy = tmp_path / "kg.ttl"
    copy.write_text(
        (ontology_dir() / "kg.ttl").read_text()
        + "\nkg:cites a owl:ObjectProperty ; rdfs:subPropertyOf kg:involves .\n"
    )
    with pytest.raises(OntologyError, match="kg:cites needs an rdfs:label"):
        load_ontology(copy)


def test_missing_and_malformed_files_raise_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="nope.ttl"):
        load_ontology(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg/ontology#> .\nkg:Paper a \n")
    with pytest.raises(OntologyError, match="bad.ttl: not valid Turtle"):
        load_ontology(bad)


# ---- instance IRIs


def test_base_iri_default_env_and_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    onto = load_ontology()
    assert onto.base_iri == "https://w3id.org/kg/resource/"
    assert onto.paper_iri("2101.00001") == URIRef("https://w3id.org/kg/resource/paper/2101.00001")
    assert onto.entity_iri("zero") == URIRef("https://w3id.org/kg/resource/entity/zero")
    assert onto.assertion_iri("ab12").endswith("/assertion/ab12")
    monkeypatch.setenv("KG_BASE_IRI", "https://example.org/kg/")
    assert load_ontology().entity_iri("a100") == URIRef("https://example.org/kg/entity/a100")
    assert load_ontology(base_iri="urn:x:").base_iri == "urn:x:"
    assert load_ontology(base_iri="https://example.org/g").base_iri == "https://example.org/g/"
    with pytest.raises(OntologyError, match="must be absolute"):
        load_ontology(base_iri="not-an-iri/")


# ---- alignments with the vocabularies linked-data users know


@pytest.mark.parametrize(
    ("term", "axiom", "target"),
    [
        (KGN.Paper, RDFS.subClassOf, SCHEMA.ScholarlyArticle),
        (KGN.Paper, RDFS.subClassOf, FABIO.ResearchPaper),
        (KGN.Method, RDFS.subClassOf, MLS.Algorithm),
        (KGN.System, RDFS.subClassOf, SCHEMA.SoftwareApplication),
        (KGN.System, RDFS.subClassOf, MLS.Implementation),
        (KGN.Dataset, RDFS.subClassOf, SCHEMA.Dataset),
        (KGN.Dataset, RDFS.subClassOf, DCAT.Dataset),
        (KGN.Model, RDFS.subClassOf, MLS.Model),
        (KGN.Assertion, RDFS.subClassOf, PROV.Entity),
        (KGN.extends, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KGN.statedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KGN.isA, RDFS.subPropertyOf, SKOS.broader),
        (KGN.name, RDFS.subPropertyOf, SKOS.prefLabel),
        (KGN.alias, RDFS.subPropertyOf, SKOS.altLabel),
        (KGN.title, RDFS.subPropertyOf, DCTERMS.title),
        (KGN.involves, RDFS.subPropertyOf, DCTERMS.references),
        (KGN.uses, RDFS.subPropertyOf, CITO.cites),
        (KGN.comparesWith, RDFS.subPropertyOf, CITO.cites),
        (KGN.extends, RDFS.subPropertyOf, CITO.extends),
    ],
)
def test_alignment_axioms(graph: Graph, term: URIRef, axiom: URIRef, target: URIRef) -> None:
    assert (term, axiom, target) in graph


def test_role_ranges(graph: Graph) -> None:
    assert (KGN.runsOn, RDFS.range, KGN.Hardware) in graph
    assert (KGN.evaluatesOn, RDFS.range, KGN.Dataset) in graph
    assert (KGN.implementedIn, RDFS.range, KGN.System) in graph


# ---- syntax: every .ttl parses in rapper (no error, no warning) and in rdflib


def test_there_are_ttl_files() -> None:
    names = {p.name for p in TTL_FILES}
    assert {
        "kg.ttl",
        "shapes.ttl",
        "methods.ttl",
        "systems.ttl",
        "hardware.ttl",
        "datasets.ttl",
        "models.ttl",
    } <= names


@pytest.mark.parametrize("path", TTL_FILES, ids=[p.name for p in TTL_FILES])
def test_rapper_parses_without_error_or_warning(path: Path) -> None:
    rapper = shutil.which("rapper")
    assert rapper, "rapper not found: apt-get install raptor2-utils"
    proc = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr.lower(), proc.stderr
    assert "error" not in proc.stderr.lower(), proc.stderr
    assert "Parsing returned" in proc.stderr


@pytest.mark.parametrize("path", TTL_FILES, ids=[p.name for p in TTL_FILES])
def test_rdflib_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 100


# ---- the README and diagram are generated from the ontology


def test_diagram_and_readme_tables_are_generated_and_current() -> None:
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, str(root / "scripts" / "ontology_diagram.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    readme = (ontology_dir() / "README.md").read_text(encoding="utf-8")
    mermaid = (ontology_dir() / "diagram.mmd").read_text(encoding="utf-8")
    assert f"```mermaid\n{mermaid}```" in readme
    for term in load_ontology().terms.values():
        assert f"`kg:{term.local_name}`" in readme, term.local_name
    assert (ontology_dir() / "diagram.svg").read_text().lstrip().startswith("<?xml")


README_QUERIES = re.findall(
    r"```sparql\n(.*?)```", (ontology_dir() / "README.md").read_text(encoding="utf-8"), re.S
)


@pytest.fixture(scope="module")
def example_store() -> Graph:
    """The SHACL example graph plus the ontology and the vocabulary."""
    data = Graph().parse(Path(__file__).resolve().parent.parent / "data" / "shapes" / "valid.ttl")
    data.parse(ontology_dir() / "kg.ttl")
    for path in sorted((ontology_dir() / "vocab").glob("*.ttl")):
        data.parse(path)
    return data


def test_readme_has_example_queries() -> None:
    assert len(README_QUERIES) >= 5


@pytest.mark.parametrize("query", README_QUERIES, ids=[f"q{i}" for i in range(len(README_QUERIES))])
def test_readme_queries_run_and_return_rows(example_store: Graph, query: str) -> None:
    rows = list(example_store.query(query))
    assert rows, query
