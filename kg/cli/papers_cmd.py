"""``kg papers``: read listings and print the normalised, deduplicated papers as JSON Lines."""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

import click

from kg.cli._options import input_format_option, jsonl_output_option, strict_option
from kg.errors import InputError
from kg.readers import ReadReport, read_papers

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
@jsonl_output_option()
@input_format_option()
@strict_option()
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
    report.raise_for_problems(strict=strict)
