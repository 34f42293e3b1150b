"""``kg extract``: papers in, one JSON line of entities, roles and relations per paper out."""

from __future__ import annotations

import sys

import click

from kg.cli._options import (
    input_format_option,
    jsonl_output_option,
    model_option,
    strict_option,
    vocab_option,
)
from kg.errors import InputError
from kg.extract.batching import BATCH_SIZE

__all__ = ["command"]


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@jsonl_output_option()
@vocab_option()
@model_option()
@input_format_option()
@strict_option()
@click.option(
    "--batch-size",
    default=BATCH_SIZE,
    show_default=True,
    type=click.IntRange(1),
    help="Papers per batch: each pipeline stage runs over a whole batch.",
)
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    vocab_files: tuple[str, ...],
    model: str | None,
    input_format: str | None,
    strict: bool,
    batch_size: int,
) -> None:
    """Extract typed entities, paper roles and relations, with evidence, from papers.

    Writes one JSON object per paper in the annotation guideline's format, each entity
    and relation with its evidence (sentence, offsets, rule, confidence). A progress
    bar and a summary go to stderr.

    \b
    Example:
      kg extract examples/listing.txt -o extractions.jsonl
      kg extract papers.jsonl --vocab my-terms.ttl -o out.jsonl
    """
    from kg.extract import Extractor
    from kg.extract.jsonl import write_extractions
    from kg.readers import ReadReport, read_papers

    quiet = bool((ctx.obj or {}).get("quiet"))
    report = ReadReport()
    extractor = Extractor(vocab_files=vocab_files, model=model)
    papers = read_papers(list(inputs), input_format=input_format, report=report)
    try:
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    try:
        with click.progressbar(
            papers,
            label="extracting",
            file=sys.stderr,
            hidden=quiet,
            show_pos=True,
            show_percent=False,
        ) as bar:
            summary = write_extractions(bar, out, extractor, batch_size)
    finally:
        if out is not sys.stdout:
            out.close()
    if not quiet:
        click.echo(report.summary(), err=True)
        click.echo(f"extracted: {summary.line()}", err=True)
    report.raise_for_problems(strict=strict)
