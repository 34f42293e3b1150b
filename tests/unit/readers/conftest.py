"""Shared helpers of the reader tests: the shipped test data and a one-call reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.models import Paper
from kg.readers import ReadReport, read_papers

DATA = Path(__file__).resolve().parents[2] / "data" / "readers"


def _read(*names: str | Path, input_format: str | None = None) -> tuple[list[Paper], ReadReport]:
    """Read shipped test files (names relative to tests/data/readers) or given paths."""
    report = ReadReport()
    paths = [n if isinstance(n, Path) else DATA / n for n in names]
    return list(read_papers(paths, input_format=input_format, report=report)), report


Read = Callable[..., tuple[list[Paper], ReadReport]]


@pytest.fixture
def read() -> Read:
    """``read(*names, input_format=None) -> (papers, report)`` over tests/data/readers."""
    return _read


@pytest.fixture
def data_dir() -> Path:
    return DATA
