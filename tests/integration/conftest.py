"""Fixtures for integration tests: a real Neo4j, started by ``scripts/neo4j-local``.

Tests that use them are marked ``@pytest.mark.neo4j``. They are never skipped: when the
server cannot be installed or started, the fixture errors with the script's message and
the server's log tail.

* ``neo4j_server`` (session): one server on free loopback ports with a random password
  that starts with "-";
  ``.uri``, ``.user``, ``.password``, ``.http_url``, ``.env`` and ``.driver()``.
* ``neo4j_empty``: the session server with database ``neo4j`` emptied first.
* ``neo4j_throwaway``: a factory of extra servers (own data directory, own ports) that
  can be killed with SIGKILL and started again on the same data; all are stopped at
  the end of the test.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator

import pytest
from neo4j_server import Neo4jServer


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    # A password that starts with "-" (as 1 in 64 random ones do) must reach neo4j-admin
    # as its argument, not as an option: every run checks that.
    server = Neo4jServer(
        tmp_path_factory.mktemp("neo4j-session"), password="-" + secrets.token_urlsafe(18)
    )
    server.install()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def neo4j_empty(neo4j_server: Neo4jServer) -> Neo4jServer:
    neo4j_server.wipe()
    return neo4j_server


@pytest.fixture
def neo4j_throwaway(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[], Neo4jServer]]:
    servers: list[Neo4jServer] = []

    def make() -> Neo4jServer:
        server = Neo4jServer(tmp_path_factory.mktemp("neo4j-throwaway"))
        server.install()
        servers.append(server)
        return server

    try:
        yield make
    finally:
        for server in servers:
            server.stop()  # a no-op when it is not running
