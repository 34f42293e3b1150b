"""Reading paper listings from every source users have into clean, unique ``Paper``s.

.. code-block:: python

    from kg.readers import ReadReport, read_papers

    report = ReadReport()
    for paper in read_papers(["listing.txt", "arxiv-snapshot.json"], report=report):
        print(paper.id, paper.title)
    print(report.summary())  # "183 papers from 3 files, 16 duplicates merged, 0 skipped"

Formats (``INPUT_FORMATS``): ``hf-listing`` (Hugging Face Daily Papers page saved as
text), ``arxiv-json`` (arXiv metadata snapshot), ``arxiv-atom`` (arXiv API feed),
``jsonl`` and ``csv`` (generic records with ``title`` and ``abstract``). Each input's
format is sniffed from its content unless ``input_format`` says. Gzip is read
transparently; ``-`` is stdin.

Bad input never raises: problems go to the report (and the log) with path, line and
reason, and reading goes on. Everything streams; the only state kept across inputs is a
set of 64-bit hashes of the ids and titles already seen.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kg.errors import InputError
from kg.models import Paper
from kg.readers.arxiv_atom import read_arxiv_atom
from kg.readers.arxiv_snapshot import read_arxiv_snapshot
from kg.readers.dedupe import Deduplicator
from kg.readers.hf_listing import read_hf_listing
from kg.readers.inputs import open_input
from kg.readers.report import InputWarning, ReadReport
from kg.readers.sniff import INPUT_FORMATS, is_binary, sniff_format
from kg.readers.tabular import read_csv, read_jsonl

__all__ = [
    "read_papers",
    "read_file",
    "ReadReport",
    "InputWarning",
    "INPUT_FORMATS",
    "READERS",
    "Deduplicator",
]

logger = logging.getLogger(__name__)

Reader = Callable[[TextIO, str, ReadReport], Iterator[Paper]]

#: format name -> reader(text stream, path, report) yielding Papers (not deduplicated).
READERS: dict[str, Reader] = {
    "hf-listing": read_hf_listing,
    "arxiv-json": read_arxiv_snapshot,
    "arxiv-atom": read_arxiv_atom,
    "jsonl": read_jsonl,
    "csv": read_csv,
}
assert set(READERS) == set(INPUT_FORMATS)

MISSING_PATH = "missing path"
UNREADABLE = "unreadable file"
BINARY = "binary file"
EMPTY = "empty file"
READ_ERROR = "read error"


def read_file(path: str, input_format: str | None, report: ReadReport) -> Iterator[Paper]:
    """Yield every paper of one input, duplicates included; problems go to ``report``."""
    report.files += 1
    if path != "-" and not os.path.exists(path):
        report.fail(path, MISSING_PATH, "no such file or directory; check the path")
        return
    if os.path.isdir(path):
        report.fail(path, UNREADABLE, "is a directory; pass the files in it (e.g. DIR/*.txt)")
        return
    try:
        opened = open_input(path)
    except OSError as exc:
        report.fail(path, UNREADABLE, str(exc))
        return
    name = opened.name
    try:
        if not opened.head.strip(b" \t\r\n\f\v"):
            report.warn(name, 0, EMPTY, skip=EMPTY)
            return
        if input_format is None and is_binary(opened.head):
            reason = f"{BINARY}: not text; pass a listing, JSON Lines, CSV or Atom file"
            report.warn(name, 0, reason, skip=BINARY)
            return
        fmt = input_format or sniff_format(opened.head, name)
        logger.info("%s: reading as %s", name, fmt)
        newline = "" if fmt == "csv" else None
        text = io.TextIOWrapper(
            opened.stream, encoding="utf-8-sig", errors="replace", newline=newline
        )
        yield from READERS[fmt](text, name, report)
    except (OSError, EOFError, UnicodeError) as exc:
        # A file that breaks mid-way (truncated gzip, I/O error): keep what was read.
        report.warn(name, 0, f"{READ_ERROR}: {exc}; papers before it are kept", skip=READ_ERROR)
    finally:
        with contextlib.suppress(OSError):
            opened.close()


def read_papers(
    paths: str | Path | Iterable[str | Path],
    input_format: str | None = None,
    report: ReadReport | None = None,
) -> Iterator[Paper]:
    """Yield the unique papers of all inputs, in input order.

    The same paper read twice (same id, or same title up to case, punctuation and LaTeX)
    yields once: the first copy is kept, later copies are counted in
    ``report.duplicates``. Two records with different arXiv ids stay distinct even with
    equal titles, and so do two different titles whose 60-character slug ids agree (the
    later one's id gets a ``-2`` suffix).

    Args:
        paths: files (or ``-`` for stdin), read in order.
        input_format: one of ``INPUT_FORMATS`` to skip sniffing; ``None`` sniffs each input.
        report: receives counts and problems; a fresh one if omitted.

    Raises:
        InputError: ``input_format`` is not a known format (nothing is read).
    """
    if input_format is not None and input_format not in READERS:
        raise InputError(
            f"unknown input format {input_format!r}; use one of: {', '.join(INPUT_FORMATS)}"
        )
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = report if report is not None else ReadReport()
    seen = Deduplicator()
    for path in paths:
        for paper in read_file(os.fspath(path), input_format, report):
            admitted = seen.admit(paper)
            if admitted is None:
                report.duplicates += 1
                logger.debug("%s: duplicate of an earlier paper: %s", paper.source, paper.title)
                continue
            report.papers += 1
            yield admitted
