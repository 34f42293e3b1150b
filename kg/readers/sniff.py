"""Choosing a reader from an input's first bytes; the file extension is only a tie-breaker.

>>> sniff_format(b'{"id": "0704.0001", "title": "T", "abstract": "A", "versions": []}', "x")
'arxiv-json'
>>> sniff_format(b"title,abstract\\nT,A\\n", "papers.txt")
'csv'
>>> sniff_format(b"Subscribe\\n\\nDeMo: Decoupled Momentum\\n", "listing")
'hf-listing'
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import PurePath

__all__ = ["INPUT_FORMATS", "sniff_format", "is_binary"]

#: Every input format, in the order ``--input-format`` lists them.
INPUT_FORMATS: tuple[str, ...] = ("hf-listing", "arxiv-json", "arxiv-atom", "jsonl", "csv")

#: Keys only the arXiv metadata snapshot has (beside id/title/abstract/categories).
ARXIV_KEYS = frozenset({"versions", "update_date", "authors_parsed", "submitter"})
_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xml": "arxiv-atom",
    ".atom": "arxiv-atom",
    ".txt": "hf-listing",
}
_TITLE_COLUMN = re.compile(r"^\s*\"?\s*title\s*\"?\s*$", re.IGNORECASE)


def is_binary(head: bytes) -> bool:
    """True for content that is not text: NUL bytes, or mostly invalid UTF-8/control bytes."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    sample = head[:8192].decode("utf-8", errors="replace")
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f\v"))
    return bad > max(8, len(sample) // 10)


def _extension_format(name: str) -> str | None:
    suffixes = [s.lower() for s in PurePath(name).suffixes if s.lower() != ".gz"]
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def _looks_like_csv_header(line: str) -> bool:
    for delimiter in (",", "\t", ";", "|"):
        if delimiter in line:
            try:
                fields = next(csv.reader([line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            if len(fields) >= 2 and any(_TITLE_COLUMN.match(f) for f in fields):
                return True
    return False


def sniff_format(head: bytes, name: str) -> str:
    """The input format of text content starting with ``head`` (file named ``name``).

    JSON objects: the arXiv snapshot when a record has snapshot-only keys, else generic
    JSON Lines. XML: the arXiv Atom feed. Text whose first line is a delimited header with
    a ``title`` column: CSV. Otherwise the extension decides, and plain text is a Hugging
    Face Daily Papers listing.
    """
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    by_extension = _extension_format(name)
    if text.startswith("<"):
        return "arxiv-atom"
    if text.startswith("{") or text.startswith("["):
        first = text.split("\n", 1)[0].strip()
        try:
            record = json.loads(first)
        except ValueError:
            record = None
        if isinstance(record, list) and record and isinstance(record[0], dict):
            record = record[0]
        if isinstance(record, dict):
            return "arxiv-json" if ARXIV_KEYS & record.keys() else "jsonl"
        if by_extension in ("jsonl", "arxiv-json"):
            return by_extension
        if '"abstract"' in text[:4096] and '"versions"' in text[:4096]:
            return "arxiv-json"
        return "jsonl"
    first_line = text.split("\n", 1)[0]
    if _looks_like_csv_header(first_line):
        return "csv"
    if by_extension == "csv" and not any(d in first_line for d in ",\t;|"):
        return "hf-listing"  # one column is no CSV: a listing saved under a .csv name
    return by_extension or "hf-listing"
