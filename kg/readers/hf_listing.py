"""Hugging Face Daily Papers listings, as saved from the web page as text.

The saved page is a title line followed by an abstract line, entry after entry, with
quirks the real files show:

* page chrome: "new", "Get trending papers in your email inbox!", "Subscribe",
  "Daily Papers", "byAK and the research community", dates ("Mar 12"), vote counts;
* chrome glued to the first title ("SubscribePanGu-$α$: ...");
* entries separated by blank lines, or not;
* a title whose abstract is missing (the next non-chrome line is another title);
* the same paper listed twice (handled by the caller's dedupe).

A line is an abstract when it reads like prose (long, or ending a sentence); otherwise it
is a title. A second prose line after an abstract continues that abstract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from kg.models import Paper
from kg.readers.record import NO_ABSTRACT, make_paper
from kg.readers.report import EntryError, ReadReport

__all__ = ["read_hf_listing", "is_chrome", "strip_glued_chrome", "looks_like_abstract"]

#: Whole lines of page chrome (compared case-insensitively, surrounding space ignored).
CHROME_LINES = frozenset(
    s.casefold()
    for s in (
        "new",
        "Get trending papers in your email inbox!",
        "Get trending papers in your email inbox once a day!",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "Trending Papers",
        "Upvote",
        "Submit",
        "Previous",
        "Next",
        "Today",
        "Yesterday",
        "Search",
        "View all",
    )
)
#: Chrome that the saved page can glue to the front of the next title, longest first.
GLUED_CHROME = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
)
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CHROME_PATTERNS = re.compile(
    rf"^(?:{_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"  # Mar 12 / March 12, 2024
    rf"|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"  # 12 Mar 2024
    r"|\d{4}-\d{2}-\d{2}"  # 2024-03-12
    r"|[\d.,]+k?"  # vote and comment counts
    r"|[·•]?\s*\d+\s+authors?"  # "· 12 authors"
    r"|Submitted by\s+\S+"
    r"|Published on\s+.{1,40})$",
    re.IGNORECASE,
)
#: A title longer than this is taken for prose.
MAX_TITLE_LENGTH = 300
_SENTENCE_END = re.compile(r"[.!](?:\s|$)")


def is_chrome(line: str) -> bool:
    """True for a line of page chrome (not a title, not an abstract)."""
    text = line.strip()
    return text.casefold() in CHROME_LINES or bool(_CHROME_PATTERNS.match(text))


def strip_glued_chrome(line: str) -> str:
    """Remove chrome glued to the front of a title ("SubscribePanGu" -> "PanGu").

    Only strips chrome glued on (no space) where the next character cannot continue a
    word: "Subscribers ..." and "Subscribe to ..." stay.
    """
    text = line.strip()
    changed = True
    while changed:
        changed = False
        for chrome in GLUED_CHROME:
            if text[: len(chrome)].casefold() == chrome.casefold() and len(text) > len(chrome):
                rest = text[len(chrome) :]
                if not (rest[0].islower() or rest[0].isspace()):
                    text = rest.strip()
                    changed = True
                    break
    return text


def looks_like_abstract(line: str) -> bool:
    """True for prose: longer than any title, or several sentences, or one ending in '.'."""
    if len(line) > MAX_TITLE_LENGTH:
        return True
    sentences = len(_SENTENCE_END.findall(line))
    if sentences >= 2:
        return True
    # One sentence ending in a full stop with a verb-like length reads as prose; titles
    # almost never end in '.' ("et al." and abbreviations aside).
    return line.endswith(".") and len(line.split()) >= 8


def _ends_sentence(line: str) -> bool:
    return line.endswith((".", "!")) and len(line.split()) >= 3


def read_hf_listing(stream: TextIO, path: str, report: ReadReport) -> Iterator[Paper]:
    """Yield the papers of a Daily Papers listing; report titles without abstract.

    Args:
        stream: the listing as text.
        path: its name, for ``source`` and warnings.
        report: where skipped entries and warnings go.
    """
    title: str | None = None
    title_line = 0
    abstract_parts: list[str] = []

    def finish() -> Iterator[Paper]:
        if title is None:
            return
        if not abstract_parts:
            report.skip_entry(path, title_line, EntryError(NO_ABSTRACT, repr(title[:80])))
            return
        try:
            yield make_paper(
                title=title, abstract=" ".join(abstract_parts), source=f"{path}:{title_line}"
            )
        except EntryError as exc:
            report.skip_entry(path, title_line, exc)

    for number, raw in enumerate(stream, start=1):
        line = raw.strip()
        if not line or is_chrome(line):
            continue
        line = strip_glued_chrome(line)
        if not line or is_chrome(line):
            continue
        # Right after a title, a short line ending a sentence is a (short) abstract too.
        if looks_like_abstract(line) or (
            title is not None and not abstract_parts and _ends_sentence(line)
        ):
            if title is None:
                report.warn(path, number, "text without a title before it", skip="no title")
                continue
            abstract_parts.append(line)
            continue
        yield from finish()
        title, title_line, abstract_parts = line, number, []
    yield from finish()
