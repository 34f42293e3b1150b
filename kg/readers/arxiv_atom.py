"""The arXiv API's Atom feed (``export.arxiv.org/api/query`` responses).

Each ``<entry>`` has ``<id>`` (the abs URL with version), ``<title>``, ``<summary>``,
``<published>``, ``<author><name>``, ``<category term=...>`` and ``<link>``s. The feed is
parsed incrementally (``XMLPullParser`` fed line by line) and every finished entry is
cleared, so memory stays flat on large feeds; the line an entry starts on is its source.
API error entries (id ``.../api/errors#...``) are skipped with their message. Malformed XML
ends the file with a warning at the line of the error; entries before it are kept.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import TextIO, cast

from kg.models import Paper
from kg.readers.record import make_paper
from kg.readers.report import EntryError, ReadReport

__all__ = ["read_arxiv_atom"]

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
MALFORMED_XML = "malformed XML"
API_ERROR = "API error entry"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(entry: ET.Element, name: str) -> str | None:
    for child in entry:
        if _local(child.tag) == name:
            return "".join(child.itertext())
    return None


def _entry_to_paper(entry: ET.Element, source: str) -> Paper:
    entry_id = _child_text(entry, "id") or ""
    if "/api/errors" in entry_id:
        message = " ".join((_child_text(entry, "summary") or "").split())
        raise EntryError(API_ERROR, message[:200])
    authors = []
    categories = []
    url = None
    arxiv_id = None
    for child in entry:
        name = _local(child.tag)
        if name == "author":
            author = _child_text(child, "name")
            if author and author.strip():
                authors.append(" ".join(author.split()))
        elif name == "category":
            term = child.get("term")
            if term and term.strip() and term.strip() not in categories:
                categories.append(term.strip())
        elif name == "link" and child.get("rel", "alternate") == "alternate" and url is None:
            url = child.get("href")
        elif name == "id" and child.tag == f"{ARXIV}id":
            arxiv_id = child.text
    return make_paper(
        title=_child_text(entry, "title"),
        abstract=_child_text(entry, "summary"),
        source=source,
        id=entry_id,
        arxiv_id=arxiv_id,
        authors=tuple(authors),
        categories=tuple(categories),
        published=_child_text(entry, "published") or _child_text(entry, "updated"),
        url=url,
    )


def read_arxiv_atom(stream: TextIO, path: str, report: ReadReport) -> Iterator[Paper]:
    """Yield the papers of an arXiv Atom feed, one per ``<entry>``."""
    parser: ET.XMLPullParser = ET.XMLPullParser(events=("start", "end"))
    depth = 0
    entry_line = 0
    number = 0
    root: ET.Element | None = None
    try:
        for number, line in enumerate(stream, start=1):  # noqa: B007 - used after the loop
            parser.feed(line)
            for event_item in parser.read_events():
                event, element = cast(tuple[str, ET.Element], event_item)  # start/end events
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root = element
                    elif depth == 2 and _local(element.tag) == "entry":
                        entry_line = number
                    continue
                depth -= 1
                if depth == 1 and _local(element.tag) == "entry":
                    try:
                        yield _entry_to_paper(element, f"{path}:{entry_line}")
                    except EntryError as exc:
                        report.skip_entry(path, entry_line, exc)
                    if root is not None:
                        root.remove(element)
                    element.clear()
        parser.close()
    except ET.ParseError as exc:
        position: tuple[int, int] | None = getattr(exc, "position", None)
        report.warn(
            path,
            position[0] if position else number,
            f"{MALFORMED_XML}: {exc}; entries before it are kept",
            skip=MALFORMED_XML,
        )
