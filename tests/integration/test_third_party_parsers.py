# ruff: noqa: N802, N803, N806  (G is the networkx convention for a graph)
"""Third-party RDF parsers accept every export: raptor's ``rapper`` and Apache Jena's ``riot``.

CI installs the Debian packages ``raptor2-utils`` and ``libapache-jena-java`` (see
``.ci/run``); when they are missing these tests FAIL with the apt command to run.

Debian's Jena 4.5 jars relocate the bundled Xerces classes to ``xerces.*`` but leave
their message bundles under ``org/apache/jena/ext/xerces``; without the bundles Jena
fails to initialise XSD datatypes. The fixture copies them to where the classes look
(a small jar in a temp dir) and puts it first on the class path.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from kg.rdf.export import FORMATS, write
from tests.unit.rdf.sample_graph import make_graph

JAVA_DIR = Path("/usr/share/java")
#: Jena and the runtime dependencies Debian's libapache-jena-java pulls in
JENA_JARS = [
    "jena-arq",
    "jena-base",
    "jena-cmds",
    "jena-core",
    "jena-iri",
    "jena-shacl",
    "jena-shex",
    "jena-dboe-base",
    "jena-dboe-index",
    "jena-dboe-storage",
    "jena-dboe-trans-data",
    "jena-dboe-transaction",
    "jena-rdfconnection",
    "jena-tdb",
    "jena-tdb2",
    "slf4j-api",
    "slf4j-simple",
    "jcl-over-slf4j",
    "guava",
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "httpclient",
    "httpclient-cache",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jakarta.json-api",
    "jsonld-java",
    "protobuf",
    "titanium-json-ld",
    "thrift",
]
EXTENSIONS = {"nt": "nt", "nquads": "nq", "trig": "trig", "turtle": "ttl", "jsonld": "jsonld"}
RAPPER_SYNTAX = {"nt": "ntriples", "nquads": "nquads", "trig": "trig", "turtle": "turtle"}
# Jena's default JSON-LD 1.1 parser (titanium) needs a jakarta.json implementation that
# Debian does not ship; its JSON-LD 1.0 parser (jsonld-java) reads our output.
JENA_SYNTAX = {
    "nt": "N-Triples",
    "nquads": "N-Quads",
    "trig": "TriG",
    "turtle": "Turtle",
    "jsonld": "JSONLD10",
}


def _graph_with_many_shapes() -> nx.MultiDiGraph:
    return make_graph()


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("exports")
    G = _graph_with_many_shapes()
    files = {}
    for fmt in FORMATS:
        out = io.StringIO()
        write(G, out, fmt)
        path = directory / f"kg.{EXTENSIONS[fmt]}"
        path.write_text(out.getvalue(), encoding="utf-8")
        files[fmt] = path
    return files


@pytest.fixture(scope="module")
def jena_classpath(tmp_path_factory: pytest.TempPathFactory) -> str:
    missing = [j for j in JENA_JARS if not (JAVA_DIR / f"{j}.jar").is_file()]
    if missing or shutil.which("java") is None:
        pytest.fail(
            f"Apache Jena is not installed (missing {', '.join(missing) or 'java'}): "
            "apt-get install -y libapache-jena-java default-jre-headless"
        )
    fix = tmp_path_factory.mktemp("jena") / "xerces-messages.jar"
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as core, zipfile.ZipFile(fix, "w") as out:
        for name in core.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and name.endswith(".properties"):
                out.writestr(name.removeprefix("org/apache/jena/ext/"), core.read(name))
    return ":".join([str(fix), *(str(JAVA_DIR / f"{j}.jar") for j in JENA_JARS)])


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_accepts_the_export(exports: dict[str, Path], fmt: str) -> None:
    if shutil.which("rapper") is None:
        pytest.fail("rapper is not installed: apt-get install -y raptor2-utils")
    result = _run(["rapper", "-i", RAPPER_SYNTAX[fmt], "-c", str(exports[fmt])])
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower() and "warning" not in result.stderr.lower(), (
        result.stderr
    )
    count = int(result.stderr.split("returned ")[1].split()[0])
    assert count > 300


def test_rapper_rejects_broken_ntriples(tmp_path: Path) -> None:
    """The check is real: a broken file makes rapper fail."""
    if shutil.which("rapper") is None:
        pytest.fail("rapper is not installed: apt-get install -y raptor2-utils")
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://a/s> <http://a/p> "unterminated .\n', encoding="utf-8")
    assert _run(["rapper", "-i", "ntriples", "-c", str(bad)]).returncode != 0


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_jena_riot_loads_the_export(
    exports: dict[str, Path], jena_classpath: str, fmt: str
) -> None:
    result = _run(
        [
            "java",
            "-cp",
            jena_classpath,
            "riotcmd.riot",
            "--strict",
            "--check",
            f"--syntax={JENA_SYNTAX[fmt]}",
            "--count",
            str(exports[fmt]),
        ]
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARN" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    counted = re.search(r"(?:Triples|Quads) = (\d+)", result.stdout + result.stderr)
    assert counted is not None, result.stdout + result.stderr
    assert int(counted.group(1)) > 300


def test_jena_riot_rejects_a_broken_file(tmp_path: Path, jena_classpath: str) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a/s> <http://a/p> <not an iri> .\n", encoding="utf-8")
    result = _run(["java", "-cp", jena_classpath, "riotcmd.riot", "--validate", str(bad)])
    assert result.returncode != 0
