"""Generic JSON Lines and CSV: one paper per record with ``title`` and ``abstract``.

Column and key names are matched case-insensitively. Besides ``title`` and ``abstract``
(or ``summary``), a record may have ``id``, ``arxiv_id``, ``authors`` and ``categories``
(lists, or strings delimited by ``;`` or ``,``), ``published`` (or ``date``) and ``url``.
A given ``id`` is kept unless an arXiv id is known. ``kg papers`` output reads back in.
A JSON Lines record that has arXiv snapshot keys is read as a snapshot record.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

from kg.models import Paper
from kg.readers.arxiv_snapshot import arxiv_record_to_paper, read_json_lines
from kg.readers.record import as_names, make_paper
from kg.readers.report import EntryError, ReadReport
from kg.readers.sniff import ARXIV_KEYS

__all__ = ["read_jsonl", "read_csv", "record_to_paper"]

_ALIASES = {
    "title": ("title", "name", "paper_title"),
    "abstract": ("abstract", "summary", "paper_abstract"),
    "id": ("id", "paper_id"),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid"),
    "authors": ("authors", "author"),
    "categories": ("categories", "category", "tags"),
    "published": ("published", "date", "published_date", "publication_date", "update_date"),
    "url": ("url", "link", "pdf_url"),
}
MALFORMED_CSV = "malformed CSV row"
NO_TITLE_COLUMN = "no title column"
NO_ABSTRACT_COLUMN = "no abstract column"

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _field(record: Mapping[str, Any], name: str) -> Any:
    for key in _ALIASES[name]:
        if key in record:
            return record[key]
    return None


def record_to_paper(record: Mapping[str, Any], source: str) -> Paper:
    """A Paper from a generic record whose keys are lower-case; raises ``EntryError``."""
    return make_paper(
        title=_field(record, "title"),
        abstract=_field(record, "abstract"),
        source=source,
        id=_field(record, "id"),
        arxiv_id=_field(record, "arxiv_id"),
        authors=as_names(_field(record, "authors")),
        categories=as_names(_field(record, "categories"), separators=(";", ",", " ")),
        published=_field(record, "published"),
        url=_field(record, "url"),
    )


def read_jsonl(stream: TextIO, path: str, report: ReadReport) -> Iterator[Paper]:
    """Yield the papers of a generic JSON Lines file (a JSON array of objects also works)."""
    first = stream.read(1)
    while first and first in " \t\r\n\ufeff":
        first = stream.read(1)
    if first == "[":
        yield from _read_json_array(first + stream.read(), path, report)
        return
    lines = _chain_first(first, stream)
    for number, record in read_json_lines(lines, path, report):  # type: ignore[arg-type]
        lowered = {str(k).lower(): v for k, v in record.items()}
        source = f"{path}:{number}"
        try:
            if ARXIV_KEYS & lowered.keys():
                yield arxiv_record_to_paper(lowered, source)
            else:
                yield record_to_paper(lowered, source)
        except EntryError as exc:
            report.skip_entry(path, number, exc)


def _chain_first(first: str, stream: TextIO) -> Iterator[str]:
    """The lines of ``stream`` with ``first`` (already read) put back in front."""
    line = first + stream.readline() if first else ""
    if line:
        yield line
    yield from stream


def _read_json_array(text: str, path: str, report: ReadReport) -> Iterator[Paper]:
    # Whitespace skipped before "[" was only leading space, so line numbers are not exact.
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        report.warn(
            path, getattr(exc, "lineno", 0), f"malformed JSON: {exc}", skip="malformed JSON"
        )
        return
    if not isinstance(data, list):
        report.warn(path, 1, "not a JSON array of objects", skip="not a JSON object")
        return
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            report.warn(path, 0, f"item {index} is not a JSON object", skip="not a JSON object")
            continue
        try:
            yield record_to_paper(
                {str(k).lower(): v for k, v in record.items()}, f"{path}:#{index}"
            )
        except EntryError as exc:
            report.warn(path, 0, f"item {index}: {exc}", skip=exc.reason)


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(stream: TextIO, path: str, report: ReadReport) -> Iterator[Paper]:
    """Yield the papers of a CSV/TSV file with a header row naming a ``title`` column."""
    header_line = stream.readline()
    header_number = 1
    while header_line and not header_line.strip():
        header_line = stream.readline()
        header_number += 1
    if not header_line:
        report.warn(path, 0, "empty file", skip="empty file")
        return
    delimiter = _delimiter(header_line)
    try:
        header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
    except (csv.Error, StopIteration) as exc:
        report.warn(path, header_number, f"unreadable header: {exc}", skip=MALFORMED_CSV)
        return
    if not any(h in _ALIASES["title"] for h in header):
        columns = ", ".join(h for h in header if h)[:200] or "none"
        report.warn(
            path,
            header_number,
            f"{NO_TITLE_COLUMN} (columns: {columns}); name the title column 'title'",
            skip=NO_TITLE_COLUMN,
        )
        return
    if not any(h in _ALIASES["abstract"] for h in header):
        report.warn(
            path,
            header_number,
            f"{NO_ABSTRACT_COLUMN}; name the abstract column 'abstract'",
            skip=NO_ABSTRACT_COLUMN,
        )
        return
    reader = csv.reader(stream, delimiter=delimiter)
    line = header_number  # reader.line_num counts the lines after the header
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = header_number + reader.line_num
            report.warn(path, start, f"{MALFORMED_CSV}: {exc}", skip=MALFORMED_CSV)
            continue
        line = header_number + reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            report.warn(path, start, f"{len(row)} fields, header has {len(header)}: extra ignored")
        record = {h: v for h, v in zip(header, row, strict=False) if h}
        try:
            yield record_to_paper(record, f"{path}:{start}")
        except EntryError as exc:
            report.skip_entry(path, start, exc)
