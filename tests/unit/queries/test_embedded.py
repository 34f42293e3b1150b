"""The embedded (networkx) backend returns exactly the rows of docs/queries.md."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.queries.embedded import QUERIES, resolve, run_embedded
from tests.unit.queries.sample_graph import PAPERS, sample_graph

G = sample_graph()


def _link(direction, depth, head, relation, tail, papers, rules):
    return {
        "direction": direction,
        "depth": depth,
        "head": head,
        "relation": relation,
        "tail": tail,
        "papers": papers,
        "rules": rules,
    }


ZI_EXTENDS = ["2104.07857", "2501.00001"], ["builds_on", "extends_verb"]


@pytest.mark.parametrize("name", ["ZeRO", "zero", "Zero Redundancy Optimizer", "ZERO OPTIMIZER"])
def test_names_resolve_through_aliases_case_insensitively(name: str) -> None:
    assert resolve(G, name) == ["entity/zero"]


def test_papers_are_never_resolved() -> None:
    assert resolve(G, PAPERS["1910.02054"]) == []


def test_lineage_of_zero() -> None:
    assert run_embedded(G, "lineage", {"name": "Zero Redundancy Optimizer"}) == [
        _link(
            "ancestor", 1, "ZeRO", "is_a", "Data Parallelism", ["1910.02054"], ["is_a_apposition"]
        ),
        _link(
            "ancestor",
            2,
            "Data Parallelism",
            "is_a",
            "Parallelism",
            ["1910.02054"],
            ["is_a_apposition"],
        ),
        _link("descendant", 1, "ZeRO-Infinity", "extends", "ZeRO", *ZI_EXTENDS),
        _link("descendant", 1, "ZeRO-Offload", "extends", "ZeRO", [], ["name_derivation"]),
    ]


def test_lineage_max_depth_cuts_deeper_links() -> None:
    rows = run_embedded(G, "lineage", {"name": "ZeRO", "max_depth": 1})
    assert [(r["direction"], r["depth"], r["head"]) for r in rows] == [
        ("ancestor", 1, "ZeRO"),
        ("descendant", 1, "ZeRO-Infinity"),
        ("descendant", 1, "ZeRO-Offload"),
    ]
    assert run_embedded(G, "lineage", {"name": "ZeRO", "max_depth": 0}) == []


def test_lineage_from_the_middle_of_a_chain() -> None:
    assert run_embedded(G, "lineage", {"name": "dp"}) == [
        _link(
            "ancestor",
            1,
            "Data Parallelism",
            "is_a",
            "Parallelism",
            ["1910.02054"],
            ["is_a_apposition"],
        ),
        _link(
            "descendant", 1, "ZeRO", "is_a", "Data Parallelism", ["1910.02054"], ["is_a_apposition"]
        ),
        _link("descendant", 2, "ZeRO-Infinity", "extends", "ZeRO", *ZI_EXTENDS),
        _link("descendant", 2, "ZeRO-Offload", "extends", "ZeRO", [], ["name_derivation"]),
    ]


def test_lineage_of_an_unknown_name_is_empty() -> None:
    assert run_embedded(G, "lineage", {"name": "no such thing"}) == []


def test_compare_diloco_and_dilocox() -> None:
    rows = run_embedded(G, "compare", {"a": "DiLoCo", "b": "diloCoX"})
    assert rows == [
        {"aspect": "name", "a": ["DiLoCo"], "b": ["DiLoCoX"]},
        {"aspect": "type", "a": ["Method"], "b": ["Method"]},
        {"aspect": "aliases", "a": ["Distributed Low-Communication"], "b": []},
        {"aspect": "proposed_in", "a": ["2311.08105"], "b": ["2506.21263"]},
        {"aspect": "used_in", "a": ["2501.00001"], "b": []},
        {"aspect": "runs_on", "a": ["A100 x512", "H100 x512", "V100 x8"], "b": ["A800 x160"]},
        {"aspect": "evaluated_on", "a": ["C4"], "b": ["C4"]},
        {"aspect": "compared_in", "a": ["2506.21263"], "b": ["2506.21263"]},
        {"aspect": "shared_neighbours", "a": ["A800", "C4", "ZeRO"], "b": ["A800", "C4", "ZeRO"]},
        {
            "aspect": "distinct_neighbours",
            "a": ["A100", "Data Parallelism", "H100", "V100"],
            "b": [],
        },
    ]


def test_compare_zero_and_zero_infinity() -> None:
    rows = run_embedded(G, "compare", {"a": "zero redundancy optimizer", "b": "ZeRO-Infinity"})
    assert rows == [
        {"aspect": "name", "a": ["ZeRO"], "b": ["ZeRO-Infinity"]},
        {"aspect": "type", "a": ["Method"], "b": ["System"]},
        {"aspect": "aliases", "a": ["ZeRO optimizer", "Zero Redundancy Optimizer"], "b": []},
        {"aspect": "proposed_in", "a": ["1910.02054"], "b": ["2104.07857"]},
        {"aspect": "used_in", "a": ["2104.07857", "2501.00001", "2506.21263"], "b": []},
        {
            "aspect": "runs_on",
            "a": ["A100 x512", "A800 x160", "H100 x512", "V100 x512"],
            "b": ["A100", "V100 x512"],
        },
        {"aspect": "evaluated_on", "a": ["C4", "GPT-3"], "b": []},
        {"aspect": "compared_in", "a": [], "b": []},
        {
            "aspect": "shared_neighbours",
            "a": ["A100", "DeepSpeed", "V100"],
            "b": ["A100", "DeepSpeed", "V100"],
        },
        {
            "aspect": "distinct_neighbours",
            "a": ["A800", "C4", "Data Parallelism", "DiLoCo", "DiLoCoX", "GPT-3", "H100"],
            "b": [],
        },
    ]


def test_compare_with_an_unknown_name_leaves_its_column_empty() -> None:
    rows = run_embedded(G, "compare", {"a": "C4", "b": "nothing"})
    assert [r["aspect"] for r in rows][:2] == ["name", "type"]
    assert all(r["b"] == [] for r in rows)
    assert rows[0]["a"] == ["C4"]
    assert rows[-1] == {
        "aspect": "distinct_neighbours",
        "a": ["A100", "A800", "Data Parallelism", "DiLoCo", "DiLoCoX", "ZeRO"],
        "b": [],
    }


def _fact(fact, direction, other, paper, sentence, rule, confidence):
    return {
        "entity": "ZeRO",
        "type": "Method",
        "support": 4,
        "aliases": ["ZeRO optimizer", "Zero Redundancy Optimizer"],
        "fact": fact,
        "direction": direction,
        "other": other,
        "paper": paper,
        "sentence": sentence,
        "rule": rule,
        "confidence": confidence,
    }


def test_entity_zero() -> None:
    assert run_embedded(G, "entity", {"name": "ZeRO"}) == [
        _fact(
            "extends",
            "in",
            "ZeRO-Infinity",
            "2104.07857",
            "ZeRO-Infinity extends ZeRO (2104.07857).",
            "extends_verb",
            0.9,
        ),
        _fact(
            "extends",
            "in",
            "ZeRO-Infinity",
            "2501.00001",
            "ZeRO-Infinity extends ZeRO (2501.00001).",
            "builds_on",
            0.8,
        ),
        _fact("extends", "in", "ZeRO-Offload", "", "", "name_derivation", 0.3),
        _fact(
            "implemented_in",
            "out",
            "DeepSpeed",
            "1910.02054",
            "ZeRO implemented_in DeepSpeed (1910.02054).",
            "implemented_in",
            0.75,
        ),
        _fact(
            "is_a",
            "out",
            "Data Parallelism",
            "1910.02054",
            "ZeRO is_a Data Parallelism (1910.02054).",
            "is_a_apposition",
            0.7,
        ),
        _fact(
            "proposes",
            "in",
            "1910.02054",
            "1910.02054",
            "ZeRO proposes (1910.02054).",
            "proposes_rule",
            0.5,
        ),
        _fact(
            "uses", "in", "2104.07857", "2104.07857", "ZeRO uses (2104.07857).", "uses_rule", 0.6
        ),
        _fact(
            "uses", "in", "2501.00001", "2501.00001", "ZeRO uses (2501.00001).", "uses_rule", 0.9
        ),
        _fact(
            "uses", "in", "2506.21263", "2506.21263", "ZeRO uses (2506.21263).", "uses_rule", 0.8
        ),
    ]


def test_entity_confidence_is_rounded_to_4_places() -> None:
    raw = {d["confidence"] for _, _, d in G.edges(data=True)}
    assert 0.50004 in raw
    assert {r["confidence"] for r in run_embedded(G, "entity", {"name": "V100"})} <= {
        0.5,
        0.6,
        0.7,
        0.8,
        0.9,
    }


def test_papers_using_hardware_by_alias() -> None:
    expected = [
        {"paper": "1910.02054", "title": PAPERS["1910.02054"], "role": "runs_on", "count": 400},
        {"paper": "2104.07857", "title": PAPERS["2104.07857"], "role": "runs_on", "count": 512},
        {"paper": "2501.00001", "title": PAPERS["2501.00001"], "role": "runs_on", "count": 8},
    ]
    assert run_embedded(G, "papers-using", {"name": "NVIDIA V100"}) == expected


def test_papers_using_leaves_out_proposing_and_comparing_papers() -> None:
    assert run_embedded(G, "papers-using", {"name": "DiLoCo"}) == [
        {"paper": "2501.00001", "title": PAPERS["2501.00001"], "role": "uses", "count": None},
    ]
    assert [(r["paper"], r["role"]) for r in run_embedded(G, "papers-using", {"name": "C4"})] == [
        ("2311.08105", "evaluates_on"),
        ("2506.21263", "evaluates_on"),
    ]


def test_hardware_scale() -> None:
    def row(pid, hardware, count, proposes):
        return {
            "paper": pid,
            "title": PAPERS[pid],
            "hardware": hardware,
            "count": count,
            "proposes": proposes,
        }

    assert run_embedded(G, "hardware-scale", {}) == [
        row("2104.07857", "V100", 512, ["ZeRO-Infinity"]),
        row("2501.00001", "A100", 512, []),
        row("1910.02054", "V100", 400, ["ZeRO"]),
        row("2506.21263", "A800", 160, ["DiLoCoX"]),
    ]
    assert [r["paper"] for r in run_embedded(G, "hardware-scale", {"limit": 2})] == [
        "2104.07857",
        "2501.00001",
    ]


def test_top_all_types() -> None:
    assert run_embedded(G, "top", {"limit": 2}) == [
        {"type": "Dataset", "name": "C4", "support": 2},
        {"type": "Hardware", "name": "A100", "support": 3},
        {"type": "Hardware", "name": "V100", "support": 3},
        {"type": "Method", "name": "ZeRO", "support": 4},
        {"type": "Method", "name": "DiLoCo", "support": 3},
        {"type": "Model", "name": "GPT-3", "support": 1},
        {"type": "System", "name": "DeepSpeed", "support": 2},
        {"type": "System", "name": "ZeRO-Infinity", "support": 1},
    ]
    assert len(run_embedded(G, "top", {})) == 14


def test_top_one_type_case_insensitively() -> None:
    assert run_embedded(G, "top", {"type": "hardware"}) == [
        {"type": "Hardware", "name": "A100", "support": 3},
        {"type": "Hardware", "name": "V100", "support": 3},
        {"type": "Hardware", "name": "A800", "support": 1},
        {"type": "Hardware", "name": "H100", "support": 1},
    ]
    assert run_embedded(G, "top", {"type": "Nonsense"}) == []


def test_related() -> None:
    rows = run_embedded(G, "related", {"name": "ZeRO"})
    assert [(r["name"], r["type"], r["papers"]) for r in rows] == [
        ("V100", "Hardware", 3),
        ("A100", "Hardware", 2),
        ("DeepSpeed", "System", 2),
        ("DiLoCo", "Method", 2),
        ("A800", "Hardware", 1),
        ("C4", "Dataset", 1),
        ("Data Parallelism", "Method", 1),
        ("DiLoCoX", "Method", 1),
        ("GPT-3", "Model", 1),
        ("H100", "Hardware", 1),
    ]
    assert [r["name"] for r in run_embedded(G, "related", {"name": "zero", "limit": 3})] == [
        "V100",
        "A100",
        "DeepSpeed",
    ]


def test_every_query_is_fully_ordered_and_lists_sorted() -> None:
    for name, params in [("lineage", {"name": "ZeRO"}), ("entity", {"name": "ZeRO"}), ("top", {})]:
        for row in run_embedded(G, name, params):
            for value in row.values():
                if isinstance(value, list):
                    assert value == sorted(set(value))


def test_unknown_query_names_the_known_ones() -> None:
    with pytest.raises(QueryError, match="unknown query 'nope'.*compare.*lineage"):
        run_embedded(G, "nope", {})


def test_missing_and_unknown_parameters_are_errors() -> None:
    with pytest.raises(QueryError, match="needs --param name"):
        run_embedded(G, "lineage", {})
    with pytest.raises(QueryError, match="no parameter depth"):
        run_embedded(G, "lineage", {"name": "ZeRO", "depth": 3})
    with pytest.raises(QueryError, match="limit must be 0 or more"):
        run_embedded(G, "top", {"limit": -1})


def test_the_catalogue_of_embedded_queries() -> None:
    assert sorted(QUERIES) == [
        "compare",
        "entity",
        "hardware-scale",
        "lineage",
        "papers-using",
        "related",
        "top",
    ]
