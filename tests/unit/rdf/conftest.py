# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""Fixtures of the RDF tests: the hand-made graph of ``sample_graph``."""

from __future__ import annotations

import networkx as nx
import pytest

from tests.unit.rdf.sample_graph import make_graph


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return make_graph()
