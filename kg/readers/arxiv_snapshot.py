"""The arXiv metadata snapshot: the JSON Lines bulk file, one record per line.

A record looks like (abridged)::

    {"id": "2104.12369", "submitter": "...", "authors": "Wei Zeng, Xiaozhe Ren and ...",
     "title": "PanGu-$\\\\alpha$: Large-scale Autoregressive Pretrained Chinese Language\\n
     Models with Auto-parallel Computation", "categories": "cs.CL cs.LG",
     "abstract": "  Large-scale Pretrained Language Models ...\\n...", "versions":
     [{"version": "v1", "created": "Mon, 26 Apr 2021 06:59:36 GMT"}],
     "update_date": "2021-04-27", "authors_parsed": [["Zeng", "Wei", ""], ...]}

Titles and abstracts carry hard line breaks plus indentation; both collapse. The file
is read line by line, so memory stays flat on the multi-GB snapshot.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from kg.models import Paper
from kg.readers.record import as_names, make_paper
from kg.readers.report import EntryError, ReadReport

__all__ = ["read_arxiv_snapshot", "arxiv_record_to_paper", "read_json_lines", "MALFORMED_JSON"]

MALFORMED_JSON = "malformed JSON"
NOT_AN_OBJECT = "not a JSON object"
_AUTHOR_SPLIT = re.compile(r",\s*|\s+and\s+")


def _authors(record: dict[str, Any]) -> tuple[str, ...]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for entry in parsed:
            if isinstance(entry, list) and entry:
                # [last, first, suffix]; the snapshot has no other shapes but be lenient
                parts = [str(p) for p in (entry[1:2] + entry[:1] + entry[2:3]) if p]
                name = " ".join(" ".join(parts).split())
                if name:
                    names.append(name)
        if names:
            return tuple(names)
    authors = record.get("authors")
    if isinstance(authors, str):
        return tuple(a for a in (" ".join(p.split()) for p in _AUTHOR_SPLIT.split(authors)) if a)
    return as_names(authors)


def _published(record: dict[str, Any]) -> Any:
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        created = versions[0].get("created")
        if isinstance(created, str):
            return created
    return record.get("update_date") or record.get("published")


def arxiv_record_to_paper(record: dict[str, Any], source: str) -> Paper:
    """A Paper from one snapshot record; raises ``EntryError`` when it has no title/abstract."""
    categories = record.get("categories")
    return make_paper(
        title=record.get("title"),
        abstract=record.get("abstract"),
        source=source,
        arxiv_id=record.get("id"),
        id=record.get("id"),
        authors=_authors(record),
        categories=tuple(categories.split())
        if isinstance(categories, str)
        else as_names(categories),
        published=_published(record),
        url=None,
    )


def read_json_lines(
    stream: TextIO, path: str, report: ReadReport
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, object)`` for each JSON object line; report the others."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"{exc.msg} (character {exc.pos + 1})"
            report.warn(path, number, f"{MALFORMED_JSON}: {detail}", skip=MALFORMED_JSON)
            continue
        except (ValueError, RecursionError) as exc:
            report.warn(path, number, f"{MALFORMED_JSON}: {exc}", skip=MALFORMED_JSON)
            continue
        if not isinstance(record, dict):
            report.warn(
                path, number, f"{NOT_AN_OBJECT}: {type(record).__name__}", skip=NOT_AN_OBJECT
            )
            continue
        yield number, record


def read_arxiv_snapshot(stream: TextIO, path: str, report: ReadReport) -> Iterator[Paper]:
    """Yield the papers of an arXiv metadata snapshot (JSON Lines)."""
    for number, record in read_json_lines(stream, path, report):
        try:
            yield arxiv_record_to_paper(record, f"{path}:{number}")
        except EntryError as exc:
            report.skip_entry(path, number, exc)
