# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""Export throughput (triples/s): kg's streaming N-Triples writer, pyoxigraph, rdflib.

One synthetic graph in the shape of ``docs/graph-model.md`` (papers with provenance on
every role edge, entities of every type, stated and derived lineage), exported in the
same run by:

* **kg nt**: ``kg.rdf.export.write(G, file, "nt")``: networkx graph -> N-Triples file,
  streaming (everything included: IRI minting, escaping, VoID).
* **kg turtle**: the same, as Turtle (``kg.rdf.turtle``, streaming too).
* **pyoxigraph dump**: the same triples already in a pyoxigraph ``Store`` (loading not
  timed), ``store.dump(file, RdfFormat.N_TRIPLES)`` (Rust only).
* **pyoxigraph serialize**: the same triples as ``pyoxigraph.Triple`` objects built from
  the graph, ``pyoxigraph.serialize(..., RdfFormat.N_TRIPLES)`` (graph -> file, as kg does).
* **rdflib turtle**: the same triples in an ``rdflib.Graph`` (building not timed),
  ``graph.serialize(file, format="turtle")``.

Run by hand: ``.venv/bin/python benchmarks/bench_export.py --papers 20000``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.ontology import PAPER, EntityType, Relation, Role
from kg.rdf.export import graph_triples, to_rdflib, write

ROLES = [r.value for r in Role]


def synthetic_graph(papers: int, entities: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of ``papers`` papers with 6 role edges each over ``entities`` entities."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph(
        kg_version="bench", created="2026-11-22T00:00:00+00:00", inputs=["synthetic"], papers=papers
    )
    types = list(EntityType)
    for e in range(entities):
        etype = types[e % len(types)]
        G.add_node(
            f"entity/e{e}",
            type=etype.value,
            name=f"Entity-{e}",
            aliases=[f"E{e}", f"entity {e} long form"],
            alt_types=[],
            specific=True,
            support=rnd.randint(1, 50),
            confidence=0.9,
            vocab_id=None,
            parameters=7_000_000_000 if etype is EntityType.MODEL else None,
        )
    for e in range(1, entities, 3):
        G.add_edge(
            f"entity/e{e}",
            f"entity/e{e - 1}",
            key=f"{Relation.EXTENDS.value}|derived",
            type=Relation.EXTENDS.value,
            paper=None,
            sentence="",
            start=0,
            end=0,
            rule="name_derivation",
            confidence=0.5,
        )
    for i in range(papers):
        pid = f"{2000 + i // 10000}.{i % 10000:05d}"
        node = f"paper/{pid}"
        title = f'Paper {i}: a "fast" system for training large models'
        G.add_node(
            node,
            type=PAPER,
            name=title,
            aliases=[],
            title=title,
            abstract="We propose a system. " * 20,
            arxiv_id=pid,
            published="2024-01-02",
            url=f"https://arxiv.org/abs/{pid}",
            authors=["A. B", "C. D"],
            categories=["cs.DC"],
            source=f"synthetic.txt:{i}",
        )
        for role in ROLES:
            target = f"entity/e{rnd.randrange(entities)}"
            sentence = f"In this paper we {role} Entity-{target[8:]} at scale."
            G.add_edge(
                node,
                target,
                key=role,
                type=role,
                paper=pid,
                sentence=sentence,
                start=100,
                end=100 + len(sentence),
                rule=f"{role}_rule",
                confidence=round(rnd.random(), 4),
                count=rnd.choice([8, 64, 512]) if role == Role.RUNS_ON.value else None,
            )
    return G


def _timed(label: str, fn) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    print(f"  {label}: {seconds:.2f} s", file=sys.stderr)
    return seconds


def _ox_term(t):  # type: ignore[no-untyped-def]
    if type(t) is str:
        return ox.NamedNode(t)
    value, datatype = t
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)


def _memory(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Peak Python allocation of a streaming N-Triples export (the graph excluded)."""
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        stats = write(G, out, "nt")
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "papers": args.papers,
                "triples": stats.triples,
                "seconds_under_tracemalloc": round(seconds, 1),
                "export_peak_mb": round(peak / 1e6, 1),
                "process_max_rss_mb": round(_max_rss_mb()),
            },
            indent=2,
        )
    )
    return 0


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--entities", type=int, default=5_000)
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="only kg's N-Triples export, to /dev/null, with its peak allocation",
    )
    args = parser.parse_args(argv)

    G = synthetic_graph(args.papers, args.entities)
    if args.memory_only:
        return _memory(G, args)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        nt = Path(tmp) / "kg.nt"

        def kg_nt() -> None:
            with open(nt, "w", encoding="utf-8") as out:
                write(G, out, "nt")

        seconds = _timed("kg nt", kg_nt)
        with open(nt, encoding="utf-8") as lines:
            triples = sum(1 for _ in lines)
        results["kg nt"] = triples / seconds

        def kg_turtle() -> None:
            with open(Path(tmp) / "kg.ttl", "w", encoding="utf-8") as out:
                write(G, out, "turtle")

        results["kg turtle"] = triples / _timed("kg turtle", kg_turtle)

        store = ox.Store()
        store.load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        assert len(store) == triples, (len(store), triples)
        seconds = _timed(
            "pyoxigraph dump",
            lambda: store.dump(
                str(Path(tmp) / "ox.nt"),
                format=ox.RdfFormat.N_TRIPLES,
                from_graph=ox.DefaultGraph(),
            ),
        )
        results["pyoxigraph dump"] = triples / seconds
        store = ox.Store()  # free the loaded copy before the next contender

        def ox_serialize() -> None:
            ox.serialize(
                (ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in graph_triples(G)),
                str(Path(tmp) / "ox2.nt"),
                format=ox.RdfFormat.N_TRIPLES,
            )

        seconds = _timed("pyoxigraph serialize", ox_serialize)
        results["pyoxigraph serialize"] = triples / seconds

        graph = to_rdflib(G)
        assert len(graph) == triples, (len(graph), triples)
        seconds = _timed(
            "rdflib turtle",
            lambda: graph.serialize(destination=str(Path(tmp) / "rdflib.ttl"), format="turtle"),
        )
        results["rdflib turtle"] = triples / seconds

    print(
        json.dumps(
            {
                "papers": args.papers,
                "entities": args.entities,
                "triples": triples,
                "triples_per_second": {k: round(v) for k, v in results.items()},
            },
            indent=2,
        )
    )
    kg = results["kg nt"]
    ok_ox = kg >= 0.5 * results["pyoxigraph dump"]
    ok_rdflib = kg >= 10 * results["rdflib turtle"]
    print(
        f"kg nt / pyoxigraph dump = {kg / results['pyoxigraph dump']:.2f} (target >= 0.5): "
        f"{'ok' if ok_ox else 'MISSED'}"
    )
    print(
        f"kg nt / rdflib turtle = {kg / results['rdflib turtle']:.1f} (target >= 10): "
        f"{'ok' if ok_rdflib else 'MISSED'}"
    )
    return 0 if ok_ox and ok_rdflib else 1


if __name__ == "__main__":
    sys.exit(main())
