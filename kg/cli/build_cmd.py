"""``kg build``: read, extract, resolve, and write the embedded graph with its summary."""

from __future__ import annotations

import sys
from typing import Any

import click

from kg.build import DEFAULT_OUT_DIR, build
from kg.errors import InputError
from kg.readers import INPUT_FORMATS, ReadReport

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
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read every input in this format instead of sniffing each one's content.",
)
@click.option(
    "--vocab",
    "vocab_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="An extra vocabulary file (SKOS Turtle), beside the shipped one. Repeatable.",
)
@click.option(
    "--model",
    default=None,
    help="An installed spaCy pipeline to build on (default: spacy.blank('en')).",
)
@click.option(
    "--strict", is_flag=True, help="Exit non-zero if any input entry was skipped or warned about."
)
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
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if quiet:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
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
        if bar is not None:
            bar.__exit__(None, None, None)
        if not quiet:
            click.echo(report.summary(), err=True)
    click.echo(result.summary.render(), nl=False)
    if not quiet:
        written = ", ".join(str(p) for p in result.files)
        total = sum(result.timings.values())
        click.echo(f"wrote {written} in {total:.1f}s", err=True)
    if not report.ok:
        failed = "; ".join(str(e) for e in report.errors[:5])
        raise InputError(f"{len(report.errors)} input(s) could not be read: {failed}")
    if strict and report.warnings:
        raise InputError(
            f"--strict: {sum(report.skipped.values())} entries skipped, "
            f"{len(report.warnings)} warning(s); first: {report.warnings[0]}"
        )
