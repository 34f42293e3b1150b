"""On random graphs full of ties, every embedded query keeps the order docs/queries.md states."""

from __future__ import annotations

from itertools import pairwise

import pytest

from kg.queries.catalog import bind, get_query
from kg.queries.embedded import run_embedded
from tests.unit.queries.random_graph import query_cases, random_graph

ORDER = {
    "lineage": lambda r: (r["direction"], r["depth"], r["head"], r["relation"], r["tail"]),
    "entity": lambda r: (r["fact"], r["direction"], r["other"], r["paper"]),
    "papers-using": lambda r: (r["paper"], r["role"]),
    "hardware-scale": lambda r: (-r["count"], r["paper"]),
    "top": lambda r: (r["type"], -r["support"], r["name"]),
    "related": lambda r: (-r["papers"], r["name"]),
}


@pytest.mark.parametrize("seed", range(6))
def test_rows_are_ordered_lists_sorted_and_limits_kept(seed: int) -> None:
    G = random_graph(seed)  # noqa: N806
    for name, params in query_cases():
        bound = bind(get_query(name), params)
        rows = run_embedded(G, name, bound)
        for row in rows:
            for value in row.values():
                if isinstance(value, list):
                    assert value == sorted(set(value)), (name, params, row)
        if name in ORDER:
            keys = [ORDER[name](r) for r in rows]
            assert all(a <= b for a, b in pairwise(keys)), (name, params)
        if name in ("hardware-scale", "related"):
            assert len(rows) <= bound["limit"]
        if name == "top":
            per_type = [r["type"] for r in rows]
            assert all(per_type.count(t) <= bound["limit"] for t in per_type)
        if name == "compare":
            assert [r["aspect"] for r in rows] == [
                "name",
                "type",
                "aliases",
                "proposed_in",
                "used_in",
                "runs_on",
                "evaluated_on",
                "compared_in",
                "shared_neighbours",
                "distinct_neighbours",
            ]


def test_random_graphs_have_the_ties_they_are_for() -> None:
    G = random_graph(0)  # noqa: N806
    names = [d["name"].lower() for _, d in G.nodes(data=True) if d["type"] != "Paper"]
    assert len(names) > len(set(names)), "names repeat (case-insensitively)"
    rows = run_embedded(G, "related", {"name": "alpha", "limit": 100})
    assert len({r["papers"] for r in rows}) < len(rows), "papers counts tie"
