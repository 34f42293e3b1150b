"""``kg papers``: read listings and print the normalised, deduplicated papers as JSON Lines."""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

import click

from kg.errors import InputError
from kg.readers import INPUT_FORMATS, ReadReport, read_papers

__all__ = ["command", "write_papers"]


def write_papers(
    inputs: list[str], out: TextIO, input_format: str | None, report: ReadReport
) -> None:
    """Write one JSON object per unique paper of ``inputs`` to ``out``."""
    write = out.write
    for paper in read_papers(inputs, input_format=input_format, report=report):
        write(json.dumps(paper.to_dict(), ensure_ascii=False))
        write("\n")


@click.command("papers")
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
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read every input in this format instead of sniffing each one's content.",
)
@click.option(
    "--strict", is_flag=True, help="Exit non-zero if any entry was skipped or warned about."
)
@click.pass_context
def command(
    ctx: click.Context, inputs: tuple[str, ...], output: str, input_format: str | None, strict: bool
) -> None:
    """Read paper listings and print the unique papers as JSON Lines.

    INPUT is a Hugging Face Daily Papers listing saved as text, an arXiv metadata
    snapshot (JSON Lines), an arXiv API Atom feed, or generic JSON Lines / CSV with
    title and abstract; `-` reads stdin. The format is sniffed from the content. A
    summary line goes to stderr: papers, duplicates merged, entries skipped by reason.

    \b
    Example:
      kg papers examples/listing.txt
      kg papers arxiv-metadata-oai-snapshot.json -o papers.jsonl
    """
    if output != "-" and any(
        path != "-"
        and os.path.exists(path)
        and os.path.exists(output)
        and os.path.samefile(path, output)
        for path in inputs
    ):
        raise InputError(
            f"-o {output} is also an input: writing would erase it; choose another file"
        )
    report = ReadReport()
    try:
        if output == "-":
            write_papers(list(inputs), sys.stdout, input_format, report)
            sys.stdout.flush()
        else:
            try:
                with open(output, "w", encoding="utf-8") as out:
                    write_papers(list(inputs), out, input_format, report)
            except OSError as exc:
                raise InputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    except BrokenPipeError:
        # The reader of stdout went away (`kg papers ... | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    quiet = bool((ctx.obj or {}).get("quiet"))
    if not quiet:
        click.echo(report.summary(), err=True)
    if not report.ok:
        failed = "; ".join(str(e) for e in report.errors[:5])
        raise InputError(f"{len(report.errors)} input(s) could not be read: {failed}")
    if strict and report.warnings:
        raise InputError(
            f"--strict: {sum(report.skipped.values())} entries skipped, "
            f"{len(report.warnings)} warning(s); first: {report.warnings[0]}"
        )
