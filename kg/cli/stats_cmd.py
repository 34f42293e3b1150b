"""``kg stats``: print the summary of a built graph again."""

from __future__ import annotations

import click

from kg.build import DEFAULT_OUT_DIR
from kg.graph import read_graph
from kg.summary import read_summary, summarize

__all__ = ["command"]


@click.command("stats")
@click.argument(
    "directory", default=DEFAULT_OUT_DIR, metavar="[DIR]", type=click.Path(file_okay=False)
)
def command(directory: str) -> None:
    """Print the summary of the graph `kg build` wrote into DIR (default kg-out/).

    Counts per entity type and per edge type, and the entities most papers name.

    \b
    Example:
      kg stats
      kg stats my-graph
    """
    summary = read_summary(directory)
    if summary is None:  # an older build, or summary.json removed: recount the graph
        summary = summarize(read_graph(directory))
    click.echo(summary.render(), nl=False)
