"""Reading benchmark: ``kg papers`` over a synthetic arXiv metadata snapshot.

Writes N synthetic snapshot records (``make_corpus.py``, default 1,000,000) unless the
file already exists, then runs ``kg papers SNAPSHOT -o OUTPUT`` as a child process and
reports wall time, throughput (papers/s and input MB/s) and the child's peak RSS (from
``os.wait4``). The claim checked: memory stays bounded (peak RSS < 300 MB) however large
the snapshot is.

Usage::

    python benchmarks/bench_papers.py                      # 1M papers in /tmp/kg-bench
    python benchmarks/bench_papers.py --papers 100000 --keep
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.make_corpus import FORMATS, write_corpus  # noqa: E402

RSS_LIMIT_MB = 300


def _kg_command() -> list[str]:
    kg = Path(sys.executable).with_name("kg")
    return [str(kg)] if kg.exists() else [sys.executable, "-m", "kg"]


def run(papers: int, workdir: Path, seed: int, keep: bool, input_format: str) -> int:
    workdir.mkdir(parents=True, exist_ok=True)
    snapshot = workdir / f"corpus-{input_format}-{papers}-seed{seed}.dat"
    if not snapshot.exists():
        started = time.perf_counter()
        tmp = snapshot.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8", newline="" if input_format == "csv" else None) as out:
            write_corpus(papers, input_format, out, seed)
        tmp.rename(snapshot)
        took = time.perf_counter() - started
        print(f"generated {papers:,} papers ({input_format}) in {took:.1f} s", file=sys.stderr)
    size_mb = snapshot.stat().st_size / 1e6
    output = workdir / "papers.jsonl"
    command = [*_kg_command(), "papers", str(snapshot), "-o", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    print(f"command:    {' '.join(command)}")
    print(f"input:      {papers:,} papers, {size_mb:,.0f} MB ({input_format})")
    print(f"kg says:    {summary}")
    print(f"exit code:  {code}")
    print(f"wall time:  {elapsed:.1f} s")
    print(f"throughput: {papers / elapsed:,.0f} papers/s, {size_mb / elapsed:.1f} MB/s")
    print(f"peak RSS:   {peak_mb:.0f} MB (limit {RSS_LIMIT_MB} MB)")
    print(f"CPU time:   user {usage.ru_utime:.1f} s, system {usage.ru_stime:.1f} s")
    output.unlink(missing_ok=True)
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if code == 0 and peak_mb < RSS_LIMIT_MB else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=1_000_000)
    parser.add_argument("--format", default="arxiv-json", dest="input_format", choices=FORMATS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = parser.parse_args()
    sys.exit(run(args.papers, args.workdir, args.seed, args.keep, args.input_format))


if __name__ == "__main__":
    main()
