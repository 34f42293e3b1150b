"""``kg extract``: papers in, one JSON line of entities, roles and relations per paper out."""

from __future__ import annotations

import sys

import click

from kg.errors import InputError

__all__ = ["command"]


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default="stdout",
    help="Write the JSON Lines here.",
)
@click.option(
    "--vocab",
    "vocab_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="An extra vocabulary file (SKOS Turtle); repeatable.",
)
@click.option(
    "--model",
    default=None,
    help="An installed spaCy pipeline to start from (default: spacy.blank('en')).",
)
@click.option(
    "--input-format", default=None, help="Read every input in this format instead of sniffing it."
)
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1))
@click.pass_context
def command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    vocab_files: tuple[str, ...],
    model: str | None,
    input_format: str | None,
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
    from kg.readers import INPUT_FORMATS, ReadReport, read_papers

    if input_format is not None and input_format not in INPUT_FORMATS:
        raise click.BadParameter(
            f"choose one of {', '.join(INPUT_FORMATS)}", param_hint="--input-format"
        )
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
    if not report.ok:
        failed = "; ".join(str(e) for e in report.errors[:5])
        raise InputError(f"{len(report.errors)} input(s) could not be read: {failed}")
