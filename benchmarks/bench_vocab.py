"""Loading benchmark: the ontology and the vocabulary, cold and cached.

Each measurement runs in a fresh child process (so nothing is cached in memory) with
its own ``KG_CACHE_DIR``:

* ``vocab cold``: ``load_vocabulary()`` with an empty cache dir (rdflib parses every
  ``ontology/vocab/*.ttl`` and writes the pickles);
* ``vocab cached``: the same in a new process, reading the pickles;
* ``vocab in-memory``: a second call in that process;
* ``ontology``: ``load_ontology()`` (parses ``kg.ttl``), then a second, cached call.

The claim checked: with a warm cache, loading the vocabulary costs well under a second.

Usage::

    python benchmarks/bench_vocab.py            # 5 repetitions, median reported
    python benchmarks/bench_vocab.py --runs 9
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import json, time
t0 = time.perf_counter()
from kg.vocab import load_vocabulary
from kg.ontology import load_ontology
t1 = time.perf_counter()
concepts = load_vocabulary()
t2 = time.perf_counter()
load_vocabulary()
t3 = time.perf_counter()
load_ontology()
t4 = time.perf_counter()
load_ontology()
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "vocab": t2 - t1, "vocab_again": t3 - t2,
                  "ontology": t4 - t3, "ontology_again": t5 - t4, "concepts": len(concepts)}))
"""


def _child(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "KG_CACHE_DIR": cache_dir}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, cached = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache_dir:
            cold.append(_child(cache_dir))
            cached.append(_child(cache_dir))

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows) * 1000

    print(f"concepts: {int(cold[0]['concepts'])}, runs: {args.runs} (median, ms)")
    print(f"vocab cold (parse + write cache): {med(cold, 'vocab'):8.1f}")
    print(f"vocab cached (new process):       {med(cached, 'vocab'):8.1f}")
    print(f"vocab in-memory (second call):    {med(cached, 'vocab_again'):8.3f}")
    print(f"ontology first load:              {med(cached, 'ontology'):8.1f}")
    print(f"ontology in-memory:               {med(cached, 'ontology_again'):8.3f}")
    print(f"import kg.vocab + kg.ontology:    {med(cached, 'import'):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
