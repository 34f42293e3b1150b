"""``kg build``: read, extract, resolve, and write the embedded graph with its summary."""

from __future__ import annotations

import click

from kg.build import DEFAULT_OUT_DIR, build
from kg.cli._options import (
    extraction_progress,
    input_format_option,
    model_option,
    strict_option,
    vocab_option,
)
from kg.readers import ReadReport

__all__ = ["command"]


@click.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default=DEFAULT_OUT_DIR,
    show_default=True,
    help="Directory for graph.json, graph.graphml and summary.json.",
)
@input_format_option()
@vocab_option()
@model_option()
@strict_option()
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    out_dir: str,
    input_format: str | None,
    vocab_files: tuple[str, ...],
    model: str | None,
    strict: bool,
) -> None:
    """Build the knowledge graph of paper listings into DIR (default kg-out/).

    Reads INPUT (any format `kg papers` reads), extracts entities, roles and relations
    from every paper, merges the same entity across papers, and writes DIR/graph.json
    (networkx node-link), DIR/graph.graphml and DIR/summary.json. The summary is printed
    as a table on stdout; progress and reading problems go to stderr.

    \b
    Example:
      kg build examples/listing.txt
      kg build listings/*.txt -o my-graph --vocab my-terms.ttl
    """
    quiet = bool((ctx.obj or {}).get("quiet"))
    report = ReadReport()
    try:
        with extraction_progress(quiet) as progress:
            result = build(
                list(inputs),
                out_dir,
                input_format=input_format,
                vocab_files=vocab_files,
                model=model,
                progress=progress,
                report=report,
            )
    finally:
        if not quiet:
            click.echo(report.summary(), err=True)
    click.echo(result.summary.render(), nl=False)
    if not quiet:
        written = ", ".join(str(p) for p in result.files)
        total = sum(result.timings.values())
        click.echo(f"wrote {written} in {total:.1f}s", err=True)
    report.raise_for_problems(strict=strict)
