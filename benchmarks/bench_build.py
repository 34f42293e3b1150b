"""Build benchmark: ``kg build`` end to end (read, extract, resolve, write) as a child process.

Builds either the given listing files or N synthetic papers (``make_corpus.py``, JSON
Lines), and reports wall time, the time of each stage (from ``kg -v build``'s log),
papers per second, graph size and the child's peak RSS (``os.wait4``).

Usage::

    python benchmarks/bench_build.py ../shared/corpus/*.txt     # the shared corpus
    python benchmarks/bench_build.py --papers 2000               # synthetic papers
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import write_corpus  # noqa: E402


def _kg_command() -> list[str]:
    kg = Path(sys.executable).with_name("kg")
    return [str(kg)] if kg.exists() else [sys.executable, "-m", "kg"]


def run(inputs: list[str], out_dir: Path) -> int:
    command = [*_kg_command(), "-v", "build", *inputs, "-o", str(out_dir)]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    stderr = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(stderr, file=sys.stderr)
        return code
    stages = re.search(r"built (\d+) nodes, (\d+) edges into .* \((.*)\)", stderr)
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    papers = summary["papers"]
    shown = " ".join(inputs) if len(inputs) <= 4 else f"{inputs[0]} ... ({len(inputs)} files)"
    print(f"command:    kg build {shown} -o {out_dir}")
    print(f"papers:     {papers:,}; entities {summary['entities']:,}; edges {summary['edges']:,}")
    print(f"wall:       {elapsed:.1f} s ({papers / elapsed:.1f} papers/s end to end)")
    if stages:
        print(f"stages:     {stages.group(3)}")
    print(f"peak RSS:   {usage.ru_maxrss / 1024:.0f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "inputs", nargs="*", help="listing files to build (default: synthetic papers)"
    )
    parser.add_argument(
        "--papers", type=int, default=2000, help="synthetic papers when no inputs are given"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-build-") as tmp:
        inputs = list(args.inputs)
        if not inputs:
            corpus = Path(tmp) / f"synthetic-{args.papers}.jsonl"
            with open(corpus, "w", encoding="utf-8") as out:
                write_corpus(args.papers, "jsonl", out, args.seed)
            inputs = [str(corpus)]
        return run(inputs, Path(tmp) / "kg-out")


if __name__ == "__main__":
    raise SystemExit(main())
