"""Turning the fields one input entry has into a normalised ``Paper``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from kg.models import Paper
from kg.readers.normalize import clean_text, clean_title, parse_arxiv_id, parse_date, title_slug
from kg.readers.report import EntryError

__all__ = ["make_paper", "as_names"]

#: Skip reasons (the keys of ``ReadReport.skipped``).
NO_TITLE = "no title"
NO_ABSTRACT = "no abstract"


def as_names(value: Any, separators: tuple[str, ...] = (";", ",")) -> tuple[str, ...]:
    """A tuple of clean names from a list or a delimited string (first separator present)."""
    if value is None:
        return ()
    if isinstance(value, str):
        for sep in separators:
            if sep in value:
                return tuple(n for n in (clean_text(p) for p in value.split(sep)) if n)
        value = [value]
    if isinstance(value, Iterable):
        return tuple(n for n in (clean_text(str(v)) for v in value if v is not None) if n)
    return ()


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = clean_text(str(value))
    return text or None


def make_paper(
    *,
    title: Any,
    abstract: Any,
    source: str,
    id: Any = None,  # noqa: A002 - the field's name
    arxiv_id: Any = None,
    authors: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    published: Any = None,
    url: Any = None,
) -> Paper:
    """Build a normalised Paper, or raise ``EntryError`` saying why the entry is unusable.

    The id is the arXiv id (without version) when known, else the given ``id``, else the
    title slug. The arXiv id is looked for in ``arxiv_id``, then ``id``, then ``url``.
    """
    title_text = clean_title(title) if isinstance(title, str) else ""
    if not title_text:
        raise EntryError(NO_TITLE)
    abstract_text = clean_text(abstract) if isinstance(abstract, str) else ""
    if not abstract_text:
        raise EntryError(NO_ABSTRACT, repr(title_text[:80]))
    given_id = _opt_str(id)
    url_text = _opt_str(url)
    arxiv = (
        parse_arxiv_id(_opt_str(arxiv_id))
        or parse_arxiv_id(given_id)
        or (parse_arxiv_id(url_text) if url_text and "arxiv" in url_text.lower() else None)
    )
    paper_id = arxiv or given_id or title_slug(title_text)
    if not paper_id:
        # A title of only punctuation or symbols has an empty slug: keep it by hashing.
        paper_id = "untitled-" + hashlib.sha1(title_text.encode()).hexdigest()[:12]
    published_text = parse_date(published) if isinstance(published, str) else None
    if url_text is None and arxiv:
        url_text = f"https://arxiv.org/abs/{arxiv}"
    return Paper(
        id=paper_id,
        title=title_text,
        abstract=abstract_text,
        source=source,
        arxiv_id=arxiv,
        authors=authors,
        categories=categories,
        published=published_text,
        url=url_text,
    )
