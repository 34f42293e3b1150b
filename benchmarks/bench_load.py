# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""Loading a synthetic 100k-paper graph into a real Neo4j: kg's batched loader against a
one-query-per-row loader, relationships per second for both, in the same run.

The graph: ``benchmarks.make_corpus.generate_papers`` (the synthetic papers of the
reader benchmarks) turned into extractions straight from each paper's known facts (no
spaCy: this measures loading, not extraction), then ``kg.graph.build_graph``, so the
graph has the real schema, ids and degrees (about 9 relationships per paper).

The naive loader sends one auto-committed query per node and per relationship (the same
MERGE and the same properties, constraints in place), over ``--naive-papers`` papers
into an empty database; its rate is extrapolated to the whole graph (stated in the
output). kg's loader is timed on that subset too and on the whole graph.

Usage (starts its own server with scripts/neo4j-local on free ports unless --uri)::

    python benchmarks/bench_load.py --papers 100000 --naive-papers 300
    NEO4J_PASSWORD=... python benchmarks/bench_load.py --uri bolt://127.0.0.1:7687
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx  # noqa: E402
from neo4j import Driver, GraphDatabase  # noqa: E402

from benchmarks.make_corpus import generate_papers  # noqa: E402
from kg.cypher import schema_statements  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.models import (  # noqa: E402
    Evidence,
    ExtractedEntity,
    ExtractedRelation,
    Paper,
    PaperExtraction,
)
from kg.neo4j_loader import load_with_driver, plan_load  # noqa: E402
from kg.ontology import EntityType, Relation, Role  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "neo4j-local"


# -- the synthetic graph ---------------------------------------------------------------


def _params(text: str) -> int:
    return int(float(text[:-1]) * 1e9)


def _extraction(p: dict[str, Any]) -> PaperExtraction:
    """A paper's known facts as an extraction, with its abstract sentences as evidence."""
    facts = p["facts"]
    sentences = p["abstract"].split(". ")

    def ev(word: str, confidence: float = 0.85) -> Evidence:
        sentence = next((s for s in sentences if word in s), sentences[0])
        start = p["abstract"].find(sentence)
        return Evidence(sentence, start, start + len(sentence), "synthetic", confidence)

    def ent(name: str, etype: EntityType, role: Role, **kw: Any) -> ExtractedEntity:
        return ExtractedEntity(
            name=name, type=etype.value, roles=[role.value], evidence={role.value: ev(name)}, **kw
        )

    system = facts["system"]
    entities = [
        ent(system, EntityType.SYSTEM, Role.PROPOSES),
        ent(facts["implemented_in"], EntityType.SYSTEM, Role.USES),
        ent(facts["hardware"], EntityType.HARDWARE, Role.RUNS_ON, count=facts["count"]),
        ent(facts["model"], EntityType.MODEL, Role.USES, parameters=_params(facts["parameters"])),
        *(ent(d, EntityType.DATASET, Role.EVALUATES_ON) for d in facts["datasets"]),
        *(ent(b, EntityType.SYSTEM, Role.COMPARES_WITH) for b in facts["baselines"]),
    ]
    relations = [
        ExtractedRelation(
            system, Relation.IMPLEMENTED_IN.value, facts["implemented_in"], ev("implement")
        )
    ]
    if facts["extends"]:
        entities.append(ent(facts["extends"], EntityType.SYSTEM, Role.MENTIONS))
        relations.append(
            ExtractedRelation(system, Relation.EXTENDS.value, facts["extends"], ev("extends"))
        )
    paper = Paper(
        id=p["id"],
        title=p["title"],
        abstract=p["abstract"],
        source=f"synthetic:{p['id']}",
        arxiv_id=p["id"],
        authors=tuple(p["authors"]),
        categories=tuple(p["categories"]),
        published=p["published"],
        url=f"https://arxiv.org/abs/{p['id']}",
    )
    return PaperExtraction(paper, entities, relations)


def synthetic_graph(papers: int, seed: int = 0) -> nx.MultiDiGraph:
    """The graph of ``papers`` synthetic papers (``docs/graph-model.md``)."""
    return build_graph([_extraction(p) for p in generate_papers(papers, seed)])


# -- the naive loader --------------------------------------------------------------------


def naive_load(driver: Driver, G: nx.MultiDiGraph, database: str = "neo4j") -> int:
    """One auto-committed query per node and per relationship; returns relationships."""
    plan = plan_load(G)
    q_entity = "MERGE (e:Entity {id: $id}) SET e = $props SET e:$($label)"
    q_paper = "MERGE (p:Paper {id: $id}) SET p = $props"
    q_role = (
        "MATCH (p:Paper {id: $src}) MATCH (e:Entity {id: $dst}) "
        "MERGE (p)-[r:$($type) {key: $key}]->(e) SET r = $props"
    )
    q_relation = (
        "MATCH (a:Entity {id: $src}) MATCH (b:Entity {id: $dst}) "
        "MERGE (a)-[r:$($type) {key: $key}]->(b) SET r = $props"
    )
    rels = 0
    with driver.session(database=database) as session:
        for row in plan.entities:
            session.run(q_entity, id=row["id"], props=row["props"], label=row["label"]).consume()
        for group in plan.papers:
            session.run(q_paper, id=group.paper["id"], props=group.paper["props"]).consume()
        for group in plan.papers:
            for q, rows in ((q_role, group.roles), (q_relation, group.relations)):
                for r in rows:
                    session.run(q, src=r["src"], dst=r["dst"], type=r["type"], key=r["key"],
                                props=r["props"]).consume()  # fmt: skip
                    rels += 1
        for r in plan.derived:
            session.run(q_relation, src=r["src"], dst=r["dst"], type=r["type"], key=r["key"],
                        props=r["props"]).consume()  # fmt: skip
            rels += 1
    return rels


# -- harness -----------------------------------------------------------------------------


def wipe(driver: Driver, database: str = "neo4j") -> None:
    with driver.session(database=database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        for statement in schema_statements():
            session.run(statement).consume()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def own_server() -> Iterator[tuple[str, str]]:
    """Start a throwaway server with scripts/neo4j-local; yield (uri, password)."""
    password = secrets.token_urlsafe(18)
    bolt, http = _free_port(), _free_port()
    with tempfile.TemporaryDirectory(prefix="kg-bench-neo4j-") as inst:
        env = {**os.environ, "NEO4J_PASSWORD": password}
        base = [sys.executable, str(SCRIPT)]
        subprocess.run([*base, "install"], check=True, env=env)
        subprocess.run(
            [*base, "start", "--instance", inst, "--bolt-port", str(bolt),
             "--http-port", str(http), "--heap", "2g", "--pagecache", "1g"],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            yield f"bolt://127.0.0.1:{bolt}", password
        finally:
            subprocess.run([*base, "stop", "--instance", inst], check=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=100_000)
    ap.add_argument("--naive-papers", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--uri", default=None, help="an existing server (NEO4J_PASSWORD in env)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    G = synthetic_graph(args.papers, args.seed)
    small = synthetic_graph(args.naive_papers, args.seed + 1)
    print(
        f"graph: {args.papers} papers, {G.number_of_nodes()} nodes, "
        f"{G.number_of_edges()} relationships (built in {time.perf_counter() - t0:.0f} s); "
        f"subset: {args.naive_papers} papers, {small.number_of_edges()} relationships",
        flush=True,
    )
    servers = own_server() if args.uri is None else iter([(args.uri, os.environ["NEO4J_PASSWORD"])])
    uri, password = next(servers)
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
            wipe(driver)
            t = time.perf_counter()
            rels = naive_load(driver, small)
            naive_rate = rels / (time.perf_counter() - t)
            print(f"naive, subset: {rels} relationships, {naive_rate:,.0f} rel/s", flush=True)

            wipe(driver)
            stats = load_with_driver(driver, small, uri=uri, batch_size=args.batch_size)
            print(f"kg, subset:    {stats.relationships} relationships, "
                  f"{stats.relationships_per_second:,.0f} rel/s", flush=True)  # fmt: skip

            wipe(driver)
            stats = load_with_driver(driver, G, uri=uri, batch_size=args.batch_size)
            kg_rate = stats.relationships_per_second
            print(
                f"kg, full:      {stats.relationships} relationships in {stats.seconds:.0f} s, "
                f"{kg_rate:,.0f} rel/s ({stats.transactions} transactions)",
                flush=True,
            )
            print(
                f"naive extrapolated to the full graph: {G.number_of_edges() / naive_rate:,.0f} s"
                f"; kg's loader is {kg_rate / naive_rate:.0f}x faster (full graph vs the naive "
                f"loader's rate on {args.naive_papers} papers)"
            )
    finally:
        next(servers, None)


if __name__ == "__main__":
    main()
