"""docker-compose.yml offers what the README promises Docker users.

No Docker engine runs where these tests run, so the file is checked as data: Neo4j 5
Community with APOC on 7474/7687 (loopback), credentials only from the environment, a
healthcheck for `docker compose up -d --wait`, a data volume, and the Oxigraph endpoint.
"""

from __future__ import annotations

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def _services() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]


def test_neo4j_is_5_community_with_apoc_on_both_ports() -> None:
    neo4j = _services()["neo4j"]
    assert neo4j["image"].startswith("neo4j:5.") and neo4j["image"].endswith("-community")
    assert "apoc" in neo4j["environment"]["NEO4J_PLUGINS"]
    ports = " ".join(neo4j["ports"])
    assert ":7474" in ports and ":7687" in ports
    assert all(p.startswith("127.0.0.1:") for p in neo4j["ports"])


def test_credentials_come_from_the_environment_only() -> None:
    auth = _services()["neo4j"]["environment"]["NEO4J_AUTH"]
    assert "${NEO4J_PASSWORD" in auth and "${NEO4J_USER" in auth
    assert ":?" in auth, "an unset NEO4J_PASSWORD must stop compose, not fall back to a default"


def test_healthcheck_and_volume_make_up_wait_and_restarts_work() -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    neo4j = compose["services"]["neo4j"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    data_volume = neo4j["volumes"][0].split(":")[0]
    assert data_volume in compose["volumes"]


def test_oxigraph_serves_sparql_on_loopback() -> None:
    oxigraph = _services()["oxigraph"]
    assert "oxigraph" in oxigraph["image"]
    assert oxigraph["ports"][0].startswith("127.0.0.1:")
