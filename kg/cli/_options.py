"""Options and helpers shared by several commands, so each is spelled once."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from kg.readers import INPUT_FORMATS

__all__ = [
    "jsonl_output_option",
    "input_format_option",
    "vocab_option",
    "model_option",
    "strict_option",
    "param_option",
    "format_option",
    "extraction_progress",
]

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def jsonl_output_option() -> Decorator:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True),
        default="-",
        show_default="stdout",
        help="Write the JSON Lines here.",
    )


def input_format_option() -> Decorator:
    return click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        default=None,
        help="Read every input in this format instead of sniffing each one's content.",
    )


def vocab_option() -> Decorator:
    return click.option(
        "--vocab",
        "vocab_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="An extra vocabulary file (SKOS Turtle), beside the shipped one. Repeatable.",
    )


def model_option() -> Decorator:
    return click.option(
        "--model",
        default=None,
        help="An installed spaCy pipeline to build on (default: spacy.blank('en')).",
    )


def strict_option() -> Decorator:
    return click.option(
        "--strict",
        is_flag=True,
        help="Exit non-zero if any input entry was skipped or warned about.",
    )


def param_option() -> Decorator:
    return click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter (repeatable); see --list for each query's parameters.",
    )


def format_option(formats: tuple[str, ...] | list[str], help: str) -> Decorator:  # noqa: A002
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats),
        default="table",
        show_default=True,
        help=help,
    )


@contextmanager
def extraction_progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a bar on stderr (none when quiet)."""
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
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
