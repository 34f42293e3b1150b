"""``kg export``: the graph of ``kg build`` as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD)."""

from __future__ import annotations

import click

from kg.graph import read_graph
from kg.rdf.export import FORMATS, export
from kg.rdf.mapping import DEFAULT_LICENSE


@click.command("export")
@click.argument("directory", default="kg-out", type=click.Path(file_okay=False))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="turtle",
    show_default=True,
    help="RDF syntax; nt, nquads and trig stream in bounded memory.",
)
@click.option("-o", "--output", default="-", show_default=True, help="Output file; - for stdout.")
@click.option(
    "--base-iri",
    envvar="KG_BASE_IRI",
    default=None,
    help="Base of instance IRIs [env KG_BASE_IRI; default https://w3id.org/kg/resource/].",
)
@click.option(
    "--license",
    "license_iri",
    default=DEFAULT_LICENSE,
    show_default=True,
    help="Licence IRI stated in the VoID description.",
)
def command(directory: str, fmt: str, output: str, base_iri: str | None, license_iri: str) -> None:
    """Export the graph in DIRECTORY (default kg-out/) as RDF typed by ontology/kg.ttl.

    Instances, labels, relation facts and their provenance (kg:Assertion), then a VoID
    description of the dataset. IRIs are stable across runs.

    \b
    Example:
      kg export kg-out --format nt -o kg.nt
      kg export --format turtle -o - | rapper -i turtle -c -
    """
    export(read_graph(directory), output, fmt, base=base_iri, license_iri=license_iri)
