"""Print query rows as an aligned text table, JSON or CSV.

>>> print(format_rows([{"name": "ZeRO", "papers": ["1910.02054", "2104.07857"], "n": None}]))
name  papers                  n
----  ----------------------  -
ZeRO  1910.02054, 2104.07857
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

__all__ = ["FORMATS", "format_rows", "cell_text"]

FORMATS = ("table", "json", "csv")


def cell_text(value: Any, list_separator: str = ", ") -> str:
    """A cell as text: lists joined, ``None`` empty, floats as Python prints them."""
    if value is None:
        return ""
    if isinstance(value, list):
        return list_separator.join(cell_text(v) for v in value)
    return str(value)


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    cells = [[cell_text(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [columns, ["-" * w for w in widths], *cells]
    return "\n".join(
        "  ".join(text.ljust(w) for text, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell_text(row.get(c), "; ") for c in columns] for row in rows)
    return out.getvalue().rstrip("\n")


def format_rows(rows: list[dict[str, Any]], fmt: str = "table") -> str:
    """Render ``rows`` (no trailing newline). Tables and CSV take columns from the first row.

    An empty result is ``[]`` in JSON and empty text otherwise.
    """
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not rows:
        return ""
    columns = list(rows[0])
    return _table(rows, columns) if fmt == "table" else _csv(rows, columns)
