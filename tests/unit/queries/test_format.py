"""Rows as table, JSON and CSV."""

from __future__ import annotations

import json

import pytest

from kg.queries.format import format_rows

ROWS = [
    {"name": "ZeRO", "papers": ["1910.02054", "2104.07857"], "count": None, "c": 0.9},
    {"name": "DiLoCo, v2", "papers": [], "count": 8, "c": 1.0},
]


def test_table() -> None:
    assert format_rows(ROWS).splitlines() == [
        "name        papers                  count  c",
        "----------  ----------------------  -----  ---",
        "ZeRO        1910.02054, 2104.07857         0.9",
        "DiLoCo, v2                          8      1.0",
    ]


def test_json_round_trips() -> None:
    assert json.loads(format_rows(ROWS, "json")) == ROWS
    assert format_rows([], "json") == "[]"


def test_csv_quotes_and_joins_lists_with_semicolons() -> None:
    assert format_rows(ROWS, "csv").splitlines() == [
        "name,papers,count,c",
        "ZeRO,1910.02054; 2104.07857,,0.9",
        '"DiLoCo, v2",,8,1.0',
    ]


def test_empty_and_unknown() -> None:
    assert format_rows([]) == ""
    with pytest.raises(ValueError, match="unknown format"):
        format_rows(ROWS, "xml")
