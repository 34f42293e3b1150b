"""``kg validate``: check an RDF export against ontology/shapes.ttl (SHACL, pySHACL)."""

from __future__ import annotations

import sys

import click

__all__ = ["command"]


@click.command(name="validate")
@click.argument("file", default="kg.ttl", type=click.Path(dir_okay=False))
@click.option(
    "--shapes",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="SHACL shapes file [default: ontology/shapes.ttl].",
)
@click.option(
    "--limit", type=int, default=50, show_default=True, help="Print at most this many violations."
)
def command(file: str, shapes: str | None, limit: int) -> None:
    """Validate the RDF export FILE (.ttl .nt .nq .trig .jsonld; default kg.ttl) with SHACL.

    Prints each violation (focus node, path, value, message) and exits with 1 when the
    export does not conform.

    \b
    Example:
      kg export --format turtle -o kg.ttl && kg validate kg.ttl
    """
    from pathlib import Path

    from kg.rdf.validate import validate_file

    report = validate_file(file, Path(shapes) if shapes else None)
    click.echo(report.text(limit))
    if not report.conforms:
        sys.exit(1)
