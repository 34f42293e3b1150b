# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""`kg load` against a real Neo4j: the corpus graph, twice, incrementally, through a
crash, and the three connection errors.

The server comes from ``scripts/neo4j-local`` (fixtures in ``conftest.py``); nothing here
is mocked.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from neo4j_server import Neo4jServer, counts, dump, free_port

from kg.build import build
from kg.cli import cli
from kg.errors import LoaderError
from kg.graph import build_graph, paper_node_id, read_graph, write_graph
from kg.models import Evidence, ExtractedEntity, ExtractedRelation, Paper, PaperExtraction
from kg.neo4j_loader import Neo4jSettings, load_graph
from kg.ontology import PAPER, EntityType, Relation, Role, load_ontology

pytestmark = pytest.mark.neo4j

CORPUS = Path(
    os.environ.get("KG_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus")
)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph `kg build` makes of the shared corpus of real listings."""
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"no corpus listings in {CORPUS}; set KG_CORPUS_DIR"
    out = tmp_path_factory.mktemp("corpus-graph")
    build([str(f) for f in files], out)
    return out


def kg_load(server: Neo4jServer, *args: str, **env: str) -> Result:
    return CliRunner().invoke(cli, ["-q", "load", *args], env={**server.env, **env})


def settings(server: Neo4jServer, **extra: float) -> Neo4jSettings:
    return Neo4jSettings(uri=server.uri, user=server.user, password=server.password, **extra)


# -- the corpus ----------------------------------------------------------------------


def test_load_corpus_writes_every_node_and_edge_with_ontology_labels(
    neo4j_empty: Neo4jServer, corpus_dir: Path
) -> None:
    G = read_graph(corpus_dir)
    result = kg_load(neo4j_empty, str(corpus_dir))
    assert result.exit_code == 0, result.output
    n_papers = sum(1 for _, t in G.nodes(data="type") if t == PAPER)
    assert f"Loaded {n_papers} papers" in result.stdout
    assert f"Created {G.number_of_nodes()} nodes and {G.number_of_edges()} relationships" in (
        result.stdout
    )
    ontology = load_ontology()
    with neo4j_empty.driver() as driver:
        assert counts(driver) == (G.number_of_nodes(), G.number_of_edges())
        records, _, _ = driver.execute_query(
            "MATCH (e:Entity) RETURN e.id AS id, labels(e) AS labels, e.support AS support, "
            "e.names AS names, e.confidence AS confidence"
        )
        assert len(records) == G.number_of_nodes() - n_papers
        for r in records:
            node = G.nodes[r["id"]]
            assert sorted(r["labels"]) == sorted(["Entity", ontology.neo4j_label(node["type"])])
            assert r["support"] == node["support"]  # recounted from the loaded papers
            assert abs(r["confidence"] - node["confidence"]) <= 1e-4  # recomputed too
            assert node["name"].lower() in r["names"]
        rels, _, _ = driver.execute_query(
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, r.key AS key, "
            "r.paper AS paper, r.sentence AS sentence, r.rule AS rule, "
            "r.confidence AS confidence, r.count AS count"
        )
        loaded = {}
        for r in rels:
            src = r["a"] if r["a"].startswith("entity/") else paper_node_id(r["a"])
            loaded[(src, r["b"], r["key"])] = r
        assert set(loaded) == set(G.edges(keys=True))
        for u, v, k, d in G.edges(keys=True, data=True):
            r = loaded[(u, v, k)]
            assert r["type"] == ontology.neo4j_rel_type(d["type"])
            assert (r["paper"], r["rule"], r["confidence"], r["count"]) == (
                d["paper"],
                d["rule"],
                d["confidence"],
                d.get("count"),
            )
            assert r["sentence"] == d["sentence"]
        constraints, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
            "RETURN labelsOrTypes[0] AS label, properties[0] AS prop, type"
        )
        unique = {(c["label"], c["prop"]) for c in constraints if c["type"] == "UNIQUENESS"}
        assert {("Paper", "id"), ("Entity", "id")} <= unique


def test_name_or_alias_finds_the_entity_through_the_fulltext_index(
    neo4j_empty: Neo4jServer, corpus_dir: Path
) -> None:
    G = read_graph(corpus_dir)
    node, data = next(
        (n, d)
        for n, d in sorted(G.nodes(data=True))
        if d.get("aliases")
        and all(re.fullmatch(r"[\w .-]+", x) for x in [d["name"], *d["aliases"]])
    )
    assert kg_load(neo4j_empty, str(corpus_dir)).exit_code == 0
    with neo4j_empty.driver() as driver:
        for name in (data["name"], data["aliases"][0]):
            records, _, _ = driver.execute_query(
                "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node "
                "RETURN node.id AS id",
                q=f'"{name.lower()}"',
            )
            assert node in [r["id"] for r in records]


def test_loading_twice_leaves_identical_counts_and_creates_nothing(
    neo4j_empty: Neo4jServer, corpus_dir: Path
) -> None:
    first = kg_load(neo4j_empty, str(corpus_dir))
    assert first.exit_code == 0, first.output
    with neo4j_empty.driver() as driver:
        before_counts, before = counts(driver), dump(driver)
        second = kg_load(neo4j_empty, str(corpus_dir), "--batch-size", "300")
        assert second.exit_code == 0, second.output
        assert counts(driver) == before_counts
        assert dump(driver) == before
    assert "Created 0 nodes and 0 relationships; deleted 0 nodes and 0 relationships" in (
        second.stdout
    )


def test_listing_inputs_are_built_in_memory_and_load_like_their_built_dir(
    neo4j_empty: Neo4jServer, corpus_dir: Path
) -> None:
    files = sorted(str(f) for f in CORPUS.glob("*.txt"))
    result = kg_load(neo4j_empty, *files)
    assert result.exit_code == 0, result.output
    with neo4j_empty.driver() as driver:
        from_inputs = dump(driver)
        neo4j_empty.wipe()
        assert kg_load(neo4j_empty, str(corpus_dir)).exit_code == 0
        assert dump(driver) == from_inputs


# -- incremental ---------------------------------------------------------------------


def _ev(sentence: str) -> Evidence:
    return Evidence(sentence=sentence, start=0, end=len(sentence), rule="test", confidence=0.9)


def _ent(name: str, etype: EntityType, role: Role, count: int | None = None) -> ExtractedEntity:
    return ExtractedEntity(
        name=name,
        type=etype.value,
        roles=[role.value],
        count=count,
        evidence={role.value: _ev(f"{name} {role.value}.")},
    )


def _paper(
    pid: str, entities: list[ExtractedEntity], relations: list[tuple[str, Relation, str]]
) -> PaperExtraction:
    paper = Paper(id=pid, title=f"Paper {pid}", abstract="...")
    rels = [ExtractedRelation(h, r.value, t, _ev(f"{h} {r.value} {t}.")) for h, r, t in relations]
    return PaperExtraction(paper, entities, rels)


M, S, H, D = EntityType.METHOD, EntityType.SYSTEM, EntityType.HARDWARE, EntityType.DATASET
PAPER_A = _paper(
    "2101.00001",
    [
        _ent("ZeRO", M, Role.PROPOSES),
        _ent("DeepSpeed", S, Role.USES),
        _ent("PyTorch", S, Role.USES),
        _ent("A100", H, Role.RUNS_ON, 400),
    ],
    [("ZeRO", Relation.IMPLEMENTED_IN, "DeepSpeed")],
)
PAPER_B_OLD = _paper(
    "2101.00002",
    [
        _ent("GPipe", M, Role.PROPOSES),
        _ent("PyTorch", S, Role.USES),
        _ent("C4", D, Role.EVALUATES_ON),
        _ent("Megatron-LM", S, Role.MENTIONS),
    ],
    [("GPipe", Relation.EXTENDS, "Megatron-LM")],
)
PAPER_B_NEW = _paper(  # the same paper extracted again: other facts
    "2101.00002",
    [
        _ent("GPipe", M, Role.PROPOSES),
        _ent("PyTorch", S, Role.USES),
        _ent("TPU v4", H, Role.RUNS_ON, 2048),
    ],
    [("GPipe", Relation.IMPLEMENTED_IN, "PyTorch")],
)
PAPER_C = _paper(  # names ZeRO-Infinity, whose base ZeRO only the first load holds
    "2101.00003",
    [
        _ent("Pathways", S, Role.PROPOSES),
        _ent("TPU v4", H, Role.RUNS_ON, 6144),
        _ent("GPipe", M, Role.COMPARES_WITH),
        _ent("ZeRO-Infinity", M, Role.COMPARES_WITH),
    ],
    [],
)


def _summary(driver: object) -> tuple[list[tuple], list[str]]:
    """Nodes as (id, labels, support, confidence) and the full relationship dump."""
    records, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, n.support AS support, "
        "n.confidence AS confidence"
    )
    nodes = sorted(
        (r["id"], tuple(sorted(r["labels"])), r["support"], r["confidence"]) for r in records
    )
    return nodes, dump(driver)[1]  # type: ignore[arg-type]


def test_incremental_load_adds_papers_and_replaces_a_reextracted_papers_facts_only(
    neo4j_empty: Neo4jServer, tmp_path: Path
) -> None:
    first, second, clean = tmp_path / "first", tmp_path / "second", tmp_path / "clean"
    write_graph(build_graph([PAPER_A, PAPER_B_OLD]), first)
    write_graph(build_graph([PAPER_B_NEW, PAPER_C]), second)
    write_graph(build_graph([PAPER_A, PAPER_B_NEW, PAPER_C]), clean)

    assert kg_load(neo4j_empty, str(first)).exit_code == 0
    with neo4j_empty.driver() as driver:
        facts_of_a = [line for line in dump(driver)[1] if '"2101.00001"' in line]
        assert facts_of_a
        result = kg_load(neo4j_empty, str(second))
        assert result.exit_code == 0, result.output
        # B's old role edges to C4 and Megatron-LM and its old `extends` are gone, and so
        # are C4 and Megatron-LM (no paper names them any more).
        assert "deleted 2 nodes and 3 relationships" in result.stdout
        incremental = _summary(driver)
        assert [line for line in dump(driver)[1] if '"2101.00001"' in line] == facts_of_a
        # lineage read off names loaded in two runs
        derived = driver.execute_query(
            "MATCH (a:Entity)-[r:EXTENDS {rule: 'name_derivation'}]->(b:Entity) "
            "RETURN a.id AS head, b.id AS tail"
        ).records
        assert [(r["head"], r["tail"]) for r in derived] == [
            ("entity/zero-infinity", "entity/zero")
        ]
        ids = {n[0] for n in incremental[0]}
        assert {"entity/c4", "entity/megatron-lm"}.isdisjoint(ids)
        assert "2101.00003" in ids

        neo4j_empty.wipe()
        assert kg_load(neo4j_empty, str(clean)).exit_code == 0
        assert _summary(driver) == incremental


def test_a_dropped_name_takes_its_derived_lineage_along(
    neo4j_empty: Neo4jServer, tmp_path: Path
) -> None:
    named = _paper("2101.00004", [_ent("ZeRO", M, Role.USES), _ent("ZeRO++", M, Role.USES)], [])
    dropped = _paper("2101.00004", [_ent("ZeRO", M, Role.USES)], [])
    first, second = tmp_path / "first", tmp_path / "second"
    write_graph(build_graph([PAPER_A, named]), first)
    write_graph(build_graph([dropped]), second)
    assert kg_load(neo4j_empty, str(first)).exit_code == 0
    with neo4j_empty.driver() as driver:
        query = "MATCH (n:Entity {id: 'entity/zero-plus-plus'}) RETURN count(n) AS n"
        assert driver.execute_query(query).records[0]["n"] == 1
        result = kg_load(neo4j_empty, str(second))
        assert result.exit_code == 0, result.output
        incremental = _summary(driver)
        assert driver.execute_query(query).records[0]["n"] == 0
        neo4j_empty.wipe()
        write_graph(build_graph([PAPER_A, dropped]), tmp_path / "clean")
        assert kg_load(neo4j_empty, str(tmp_path / "clean")).exit_code == 0
        assert _summary(driver) == incremental


# -- a crash in the middle of a load -------------------------------------------------


def _replicate(G: nx.MultiDiGraph, copies: int) -> nx.MultiDiGraph:
    """``copies`` renamed copies of every paper (and its facts), sharing the entities."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d["type"] != PAPER)
    papers = [(n, d) for n, d in G.nodes(data=True) if d["type"] == PAPER]
    for i in range(copies):
        for node, data in papers:
            H.add_node(f"{node}~{i}", **data)
        for u, v, k, d in G.edges(keys=True, data=True):
            if d.get("paper") is None:
                H.add_edge(u, v, key=k, **d)
                continue
            pid = f"{d['paper']}~{i}"
            src = f"{u}~{i}" if u in G and G.nodes[u]["type"] == PAPER else u
            key = k if src != u else f"{d['type']}|{pid}"
            H.add_edge(src, v, key=key, **{**d, "paper": pid})
    return H


def test_kill_9_in_the_middle_of_a_load_then_loading_again_equals_a_clean_load(
    neo4j_empty: Neo4jServer,
    neo4j_throwaway: Callable[[], Neo4jServer],
    corpus_dir: Path,
) -> None:
    G = _replicate(read_graph(corpus_dir), 8)
    assert load_graph(G, settings(neo4j_empty)).relationships == (G.number_of_edges())
    with neo4j_empty.driver() as driver:
        clean = dump(driver)

    server = neo4j_throwaway()
    server.start()
    quarter = threading.Event()
    outcome: list[BaseException | None] = []

    def progress(done: int, total: int) -> None:
        if done >= total // 4:
            quarter.set()

    def run() -> None:
        try:
            load_graph(G, settings(server, retry_seconds=3.0), batch_size=400, progress=progress)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001  (handed to the test thread)
            outcome.append(exc)

    loader = threading.Thread(target=run)
    loader.start()
    assert quarter.wait(120), "the load never reached a quarter"
    server.kill()
    loader.join(120)
    assert not loader.is_alive()
    assert isinstance(outcome[0], LoaderError), outcome
    assert "run kg load again" in str(outcome[0])

    server.start()  # recovery on the same data
    with server.driver() as driver:
        partial = counts(driver)
        assert 0 < partial[1] < len(clean[1]), "the kill did not land in the middle"
        again = load_graph(G, settings(server))
        assert again.relationships == G.number_of_edges()
        assert dump(driver) == clean


# -- errors --------------------------------------------------------------------------


def _one_line_error(result: Result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def test_wrong_password_is_a_one_line_error(neo4j_server: Neo4jServer, corpus_dir: Path) -> None:
    result = kg_load(neo4j_server, str(corpus_dir), NEO4J_PASSWORD="not-the-password")
    line = _one_line_error(result)
    assert "refused the credentials for user 'neo4j'" in line
    assert "NEO4J_PASSWORD" in line


def test_unreachable_host_is_a_one_line_error(neo4j_server: Neo4jServer, corpus_dir: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    line = _one_line_error(kg_load(neo4j_server, str(corpus_dir), "--uri", uri))
    assert f"cannot reach Neo4j at {uri}" in line
    assert "NEO4J_URI" in line


def test_unknown_database_is_a_one_line_error(neo4j_server: Neo4jServer, corpus_dir: Path) -> None:
    line = _one_line_error(kg_load(neo4j_server, str(corpus_dir), "--database", "nosuchdb"))
    assert "has no database 'nosuchdb'" in line
    assert "NEO4J_DATABASE" in line
