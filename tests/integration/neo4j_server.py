"""A real Neo4j server for tests, run through ``scripts/neo4j-local`` (the script CI uses).

Each :class:`Neo4jServer` is one instance (own conf, data and logs directory, own
loopback ports, a random password) over the shared install cache
(``$KG_NEO4J_HOME`` or ``.neo4j/``). It can be started, stopped cleanly (SIGTERM),
killed (SIGKILL) and started again on the same data.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "neo4j-local"
START_TIMEOUT = 180.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerError(RuntimeError):
    """The script failed: the message carries its output (and the server's log tail)."""


@dataclass
class Neo4jServer:
    """One server instance; ``uri``/``user``/``password`` are what clients need."""

    instance: Path
    bolt_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18), repr=False)
    user: str = "neo4j"
    home: Path | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def env(self) -> dict[str, str]:
        """The ``NEO4J_*`` variables of ``kg load`` / ``kg query`` for this server."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": "neo4j",
        }

    def _script(self, command: str, *args: str, timeout: float) -> str:
        cmd = [sys.executable, str(SCRIPT), command, "--instance", str(self.instance), *args]
        if self.home is not None:
            cmd += ["--home", str(self.home)]
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise ServerError(
                f"`neo4j-local {command}` failed (exit {proc.returncode}):\n"
                f"{proc.stderr.strip()}\n{proc.stdout.strip()}"
            )
        return proc.stdout

    def install(self) -> None:
        """Resolve the jars if the cache lacks them (a no-op when installed)."""
        self._script("install", timeout=900)

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start and return once Bolt answers; raise with the log tail if it dies."""
        self._script(
            "start",
            "--bolt-port",
            str(self.bolt_port),
            "--http-port",
            str(self.http_port),
            "--timeout",
            str(timeout),
            timeout=timeout + 60,
        )

    def stop(self) -> None:
        """SIGTERM, the server's clean shutdown (SIGKILL after 60 s)."""
        self._script("stop", timeout=120)

    def kill(self) -> None:
        """SIGKILL: a crash, as far as the database can tell."""
        self._script("stop", "--kill", timeout=30)

    def running(self) -> bool:
        cmd = [sys.executable, str(SCRIPT), "status", "--instance", str(self.instance)]
        return subprocess.run(cmd, capture_output=True).returncode == 0

    def log_tail(self, lines: int = 40) -> str:
        log = self.instance / "logs" / "console.log"
        text = log.read_text(errors="replace") if log.is_file() else ""
        return "\n".join(text.splitlines()[-lines:])

    def driver(self, **config: Any) -> Driver:
        """A driver with this server's credentials (close it, or use ``with``)."""
        return GraphDatabase.driver(self.uri, auth=(self.user, self.password), **config)

    def wipe(self) -> None:
        """Delete every node and relationship of database ``neo4j`` (schema stays)."""
        with self.driver() as driver, driver.session(database="neo4j") as session:
            # CALL ... IN TRANSACTIONS needs an auto-commit transaction: session.run
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
            ).consume()


def dump(driver: Driver, database: str = "neo4j") -> tuple[list[str], list[str]]:
    """Every node and relationship as sorted JSON lines, for comparing whole graphs."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props",
        database_=database,
    )
    node_lines = sorted(
        json.dumps([sorted(r["labels"]), r["props"]], sort_keys=True, default=str) for r in nodes
    )
    rel_lines = sorted(
        json.dumps([r["a"], r["type"], r["b"], r["props"]], sort_keys=True, default=str)
        for r in rels
    )
    return node_lines, rel_lines


def counts(driver: Driver, database: str = "neo4j") -> tuple[int, int]:
    """(nodes, relationships) in the database."""
    records, _, _ = driver.execute_query(
        "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels",
        database_=database,
    )
    return int(records[0]["nodes"]), int(records[0]["rels"])
