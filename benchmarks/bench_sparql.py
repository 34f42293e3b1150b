"""Time of the ranking SPARQL queries (``top``, ``related``, ``hardware-scale``).

One seeded random graph (``tests/unit/queries/random_graph.py``: repeated names, tied
supports and counts) with ``--papers`` papers and ``--entities`` entities is exported
into an in-memory pyoxigraph store (not timed); each query then runs once with its
default parameters (``related`` on the name "Alpha"). Prints seconds and row counts
as JSON lines.

Run by hand: ``.venv/bin/python benchmarks/bench_sparql.py --papers 20000 --entities 20000``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.rdf.sparql import load_store, run_canned  # noqa: E402
from tests.unit.queries.random_graph import random_graph  # noqa: E402

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("top", {}),
    ("related", {"name": "Alpha"}),
    ("hardware-scale", {}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    store = load_store(random_graph(args.seed, papers=args.papers, entities=args.entities))
    for name, params in QUERIES:
        t0 = time.perf_counter()
        rows = run_canned(store, name, params)
        seconds = time.perf_counter() - t0
        out = {"query": name, "papers": args.papers, "entities": args.entities}
        print(json.dumps({**out, "seconds": round(seconds, 3), "rows": len(rows)}))


if __name__ == "__main__":
    main()
