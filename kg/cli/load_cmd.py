"""``kg load``: write a built graph (or listings, built on the fly) into Neo4j."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from kg.cli._neo4j_options import neo4j_options, settings_from_options
from kg.cli._options import extraction_progress
from kg.errors import InputError

__all__ = ["command"]


def _graph_of(sources: tuple[str, ...], quiet: bool) -> Any:
    """The graph to load: DIR's graph.json, or INPUT listings built in memory."""
    from kg.graph import GRAPH_JSON, read_graph

    paths = [Path(s) for s in sources] or [Path("kg-out")]
    dirs = [p for p in paths if p.is_dir()]
    if dirs and len(paths) > 1:
        raise InputError(
            f"{dirs[0]} is a directory: give one built graph DIR, or listing files only"
        )
    if dirs:
        if not (dirs[0] / GRAPH_JSON).is_file():
            raise InputError(f"{dirs[0]} holds no {GRAPH_JSON}: run `kg build INPUT... -o DIR`")
        return read_graph(dirs[0])
    missing = [p for p in paths if not p.exists()]
    if missing:
        hint = " (no kg-out/: run `kg build INPUT...` first)" if not sources else ""
        raise InputError(f"{missing[0]}: no such file or directory{hint}")

    from kg.build import build

    with (
        tempfile.TemporaryDirectory(prefix="kg-load-") as tmp,
        extraction_progress(quiet) as progress,
    ):
        result = build([str(p) for p in paths], tmp, progress=progress)
    return result.graph


@click.command(name="load")
@click.argument("sources", nargs=-1, metavar="[DIR | INPUT...]")
@neo4j_options()
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Rows (nodes + relationships) per transaction, about.",
)
@click.pass_context
def command(
    ctx: click.Context,
    sources: tuple[str, ...],
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
    batch_size: int,
) -> None:
    """Load a built graph into Neo4j: DIR from `kg build` (default kg-out/), or INPUT
    listings, which are read, extracted and built in memory first.

    Creates the constraints and indexes, then writes in batched transactions.
    Loading is idempotent (the same graph twice changes nothing) and incremental
    (new papers are added; a paper extracted again replaces its own facts). Progress
    goes to stderr, the summary of what was created to stdout.

    \b
    Example:
      docker compose up -d --wait          # or: scripts/neo4j-local start
      export NEO4J_PASSWORD=...            # the server's password
      kg build examples/listing.txt && kg load
      kg load more-listings.txt --uri bolt://127.0.0.1:7687
    """
    from kg.neo4j_loader import load_graph

    quiet = bool((ctx.obj or {}).get("quiet"))
    graph = _graph_of(sources, quiet)
    settings = settings_from_options(uri, user, password, database)

    bar: Any = None
    last = 0

    def progress(done: int, total: int) -> None:
        nonlocal bar, last
        if quiet:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="loading", file=sys.stderr)
            bar.__enter__()
        bar.update(done - last)
        last = done

    try:
        stats = load_graph(graph, settings, batch_size=batch_size, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(stats.render())
