# ruff: noqa: N803, N806  (G is the networkx convention for a graph)
"""`kg build` on the whole shared corpus of real listings: lineage derived from names
crosses papers, and aliases merge into one node.

No sentence of the corpus states "ZeRO-Infinity extends ZeRO" or "DiLoCoX extends
DiLoCo" (ZeRO-Infinity and ZeRO, DiLoCoX and DiLoCo never share a paper): both links
must come from name derivation. The corpus lives beside the checkout
(``../shared/corpus``; ``KG_CORPUS_DIR`` overrides).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import DERIVED_KEY, read_graph
from kg.lineage import DERIVATION_RULE
from kg.ontology import PAPER, Relation

CORPUS = Path(
    os.environ.get("KG_CORPUS_DIR", Path(__file__).resolve().parents[3] / "shared" / "corpus")
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    files = sorted(CORPUS.glob("*.txt"))
    assert files, f"no corpus listings in {CORPUS}; set KG_CORPUS_DIR"
    out = tmp_path_factory.mktemp("corpus") / "kg-out"
    t0 = time.perf_counter()
    result = CliRunner().invoke(cli, ["build", *map(str, files), "-o", str(out)])
    elapsed = time.perf_counter() - t0
    assert result.exit_code == 0, result.output
    print(f"\nkg build of {len(files)} corpus files: {elapsed:.1f}s\n{result.stdout}")
    return read_graph(out)


def node(G: nx.MultiDiGraph, name: str) -> str:
    """The one entity node named ``name`` (or with that alias), case-insensitively."""
    want = name.casefold()
    found = [
        n
        for n, d in G.nodes(data=True)
        if d["type"] != PAPER and want in {s.casefold() for s in [d["name"], *d["aliases"]]}
    ]
    assert len(found) == 1, f"{name}: {[(n, G.nodes[n]['name']) for n in found]}"
    return found[0]


def test_all_papers_are_in_the_graph(graph: nx.MultiDiGraph) -> None:
    assert graph.graph["papers"] == 183
    assert sum(1 for _, d in graph.nodes(data=True) if d["type"] == PAPER) == 183


@pytest.mark.parametrize(("derived", "base"), [("ZeRO-Infinity", "ZeRO"), ("DiLoCoX", "DiLoCo")])
def test_lineage_is_derived_from_names_across_papers(
    graph: nx.MultiDiGraph, derived: str, base: str
) -> None:
    head, tail = node(graph, derived), node(graph, base)
    assert head != tail  # a version never merges with its base
    edges = graph.get_edge_data(head, tail) or {}
    assert DERIVED_KEY in edges, f"no derived {derived} extends {base}; edges: {edges}"
    e = edges[DERIVED_KEY]
    assert e["type"] == Relation.EXTENDS.value
    assert e["rule"] == DERIVATION_RULE
    assert e["paper"] is None and e["sentence"] == ""
    # no sentence states the link, and a derived link is weaker than any stated one
    assert set(edges) == {DERIVED_KEY}
    stated = [
        d["confidence"]
        for *_, d in graph.edges(data=True)
        if d["type"] in set(Relation) and d["paper"]
    ]
    assert all(e["confidence"] < c for c in stated)
    # both ends are named by papers
    assert graph.nodes[head]["support"] >= 1 and graph.nodes[tail]["support"] >= 1


def test_mixture_of_experts_is_one_node_with_its_aliases(graph: nx.MultiDiGraph) -> None:
    moe = node(graph, "Mixture-of-Experts")
    assert moe == node(graph, "MoE") == node(graph, "mixture of experts")
    d = graph.nodes[moe]
    forms = {d["name"], *d["aliases"]}
    assert "MoE" in forms and "Mixture-of-Experts" in forms
    assert "MoE" in d["aliases"] and "mixture of experts" in d["aliases"]
    assert d["support"] >= 10  # one node for every paper naming it, whatever the spelling


def test_every_node_and_edge_follows_the_graph_model(graph: nx.MultiDiGraph) -> None:
    for n, d in graph.nodes(data=True):
        assert {"name", "type", "aliases"} <= set(d), n
        assert n.startswith("paper/" if d["type"] == PAPER else "entity/"), n
    for u, v, k, d in graph.edges(keys=True, data=True):
        assert {"type", "paper", "sentence", "start", "end", "rule", "confidence"} <= set(d), (
            u,
            v,
            k,
        )
        assert 0.0 <= d["confidence"] <= 1.0
        if d["paper"]:  # the offsets index the paper's title + "\n\n" + abstract
            p = graph.nodes[f"paper/{d['paper']}"]
            assert f"{p['title']}\n\n{p['abstract']}"[d["start"] : d["end"]] == d["sentence"], (
                u,
                v,
                k,
            )
