"""The catalogue of canned queries: their files, descriptions and typed parameters.

Each canned query is one ``cypher/<name>.cypher`` file whose header comment starts with
``// <name>: <what it answers>`` and declares its parameters, one per line::

    // @param name: string
    // @param limit: int = 10

``kg query NAME --param key=value`` passes strings; :func:`bind` converts them to the
declared types, fills defaults, and rejects missing or unknown parameters.

>>> spec = get_query("top")
>>> [(p.name, p.type, p.default) for p in spec.params]
[('type', 'string', ''), ('limit', 'int', 10)]
>>> bind(spec, parse_param_args(["limit=3"]))
{'type': '', 'limit': 3}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.cypher import cypher_path
from kg.errors import QueryError

__all__ = [
    "CANNED",
    "Param",
    "QuerySpec",
    "list_queries",
    "get_query",
    "parse_header",
    "parse_param_args",
    "bind",
]

#: The canned queries, in the order ``kg query --list`` shows them.
CANNED = ("lineage", "compare", "entity", "papers-using", "hardware-scale", "top", "related")

_TYPES: dict[str, type] = {"string": str, "int": int, "float": float, "bool": bool}
_PARAM = re.compile(r"^//\s*@param\s+(\w+)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*$")
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter; ``default`` is ``None`` when the parameter is required."""

    name: str
    type: str
    default: Any = None
    required: bool = True

    def convert(self, raw: str) -> Any:
        """Convert a ``--param`` string to this parameter's type."""
        try:
            if self.type == "bool":
                if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(raw)
                return raw.lower() in ("true", "1", "yes")
            return _TYPES[self.type](raw)
        except ValueError:
            raise QueryError(
                f"--param {self.name}={raw}: {self.name} must be a {self.type}"
            ) from None


@dataclass(frozen=True, slots=True)
class QuerySpec:
    """A canned query: its name, one-paragraph description, parameters and Cypher text."""

    name: str
    description: str
    params: tuple[Param, ...]
    path: Path
    text: str

    def usage(self) -> str:
        """``name`` then its parameters, e.g. ``top [type=""] [limit=10]``."""
        return usage(self.name, self.params)


def usage(name: str, params: tuple[Param, ...]) -> str:
    """A canned query's usage line, the same for its Cypher and SPARQL versions."""
    parts = [
        f"{p.name}=<{p.type}>" if p.required else f"[{p.name}={json.dumps(p.default)}]"
        for p in params
    ]
    return " ".join([name, *parts])


def _parse_default(path: Path, line: int, ptype: str, literal: str) -> Any:
    try:
        value = json.loads(literal) if ptype != "string" or literal.startswith('"') else literal
        return _TYPES[ptype](value)
    except (ValueError, TypeError):
        raise QueryError(
            f"{path}:{line}: default {literal!r} is not a {ptype}; fix the @param line"
        ) from None


def parse_header(path: Path, text: str) -> tuple[str, tuple[Param, ...]]:
    """Read the description and ``@param`` lines of a ``.cypher`` file's header comment.

    The description is the text after ``<name>:`` on the first line and the comment lines
    that follow it up to the first empty comment line.
    """
    description: list[str] = []
    params: list[Param] = []
    in_description = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        if match := _PARAM.match(stripped):
            name, ptype, literal = match.groups()
            if ptype not in _TYPES:
                raise QueryError(
                    f"{path}:{number}: unknown parameter type {ptype!r}; "
                    f"use one of {', '.join(_TYPES)}"
                )
            if literal is None:
                params.append(Param(name, ptype))
            else:
                default = _parse_default(path, number, ptype, literal)
                params.append(Param(name, ptype, default, required=False))
            in_description = False
        elif in_description and body:
            description.append(body.split(":", 1)[1].strip() if not description else body)
        else:
            in_description = False
    return " ".join(description), tuple(params)


@cache
def _load(name: str) -> QuerySpec:
    path = cypher_path(name)
    text = path.read_text(encoding="utf-8")
    description, params = parse_header(path, text)
    return QuerySpec(name, description, params, path, text)


def list_queries() -> list[QuerySpec]:
    """Every canned query, in catalogue order."""
    return [_load(name) for name in CANNED]


def get_query(name: str) -> QuerySpec:
    """The canned query ``name``; an unknown name raises a QueryError listing the known ones."""
    if name not in CANNED:
        raise QueryError(
            f"unknown query {name!r}; known queries: {', '.join(CANNED)} (see kg query --list)"
        )
    return _load(name)


def parse_param_args(args: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["key=value", ...]`` (from ``--param``) -> ``{"key": "value"}``."""
    out: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {arg!r}: write it as key=value, e.g. --param name=ZeRO")
        out[key.strip()] = value
    return out


def bind(spec: QuerySpec, raw: dict[str, Any]) -> dict[str, Any]:
    """Typed parameters for ``spec``: strings converted, defaults filled, all declared.

    Values that are not strings (from Python callers) are taken as they are.
    """
    known = {p.name for p in spec.params}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise QueryError(
            f"query {spec.name!r} has no parameter {', '.join(unknown)}; "
            f"usage: kg query {spec.usage()}"
        )
    bound: dict[str, Any] = {}
    for p in spec.params:
        value = raw.get(p.name, _MISSING)
        if value is _MISSING:
            if p.required:
                raise QueryError(
                    f"query {spec.name!r} needs --param {p.name}=<{p.type}>; "
                    f"usage: kg query {spec.usage()}"
                )
            value = p.default
        elif isinstance(value, str):
            value = p.convert(value)
        if p.type == "int" and isinstance(value, int) and value < 0:
            raise QueryError(f"--param {p.name}={value}: {p.name} must be 0 or more")
        bound[p.name] = value
    return bound
