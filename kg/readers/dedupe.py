"""Recognising the same paper read twice, in constant memory per paper.

Two records are the same paper when they have the same id, or the same title key
(``normalize.title_key``: case, punctuation, spacing and LaTeX ignored) unless both
carry different arXiv ids (arXiv has distinct papers with equal titles). A title-slug
id is cut to 60 characters, so two different titles can share it: there the title
decides, and the later paper's id gets a ``-2`` (``-3``, ...) suffix. Only 64-bit
hashes of ids and keys are kept, in open-addressing tables of 8-byte slots (no Python
object per entry): 24 to 48 bytes per paper, about 130 MB for the 2.5M papers of arXiv.

>>> from kg.models import Paper
>>> seen = Deduplicator()
>>> seen.admit(Paper(id="pangu-alpha-models", title="PanGu-α: Models", abstract="A.")).id
'pangu-alpha-models'
>>> seen.admit(Paper(id="x", title="PanGu-$α$: models", abstract="B.")) is None
True
"""

from __future__ import annotations

import itertools
import logging
from array import array
from dataclasses import replace

from kg.models import Paper
from kg.readers.normalize import title_key, title_slug

logger = logging.getLogger(__name__)

__all__ = ["Deduplicator", "HashSet"]


class HashSet:
    """A set of 64-bit integers in one ``array('q')`` with linear probing.

    A Python ``set`` of ints costs ~50 bytes an entry (object + slot); this costs 12-24.
    0 marks an empty slot, so 0 is stored as 1 (a harmless extra collision).

    >>> s = HashSet(4)
    >>> s.add(42); s.add(-7); s.add(0)
    >>> (42 in s, -7 in s, 0 in s, 5 in s, len(s))
    (True, True, True, False, 3)
    """

    __slots__ = ("_table", "_mask", "_size")

    def __init__(self, capacity: int = 1 << 14) -> None:
        size = 1 << max(3, (capacity - 1).bit_length())
        self._table = array("q", bytes(8 * size))
        self._mask = size - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        value = value or 1
        table, mask = self._table, self._mask
        i = value & mask
        while True:
            slot = table[i]
            if slot == value:
                return True
            if slot == 0:
                return False
            i = (i + 1) & mask

    def add(self, value: int) -> None:
        value = value or 1
        table, mask = self._table, self._mask
        i = value & mask
        while True:
            slot = table[i]
            if slot == value:
                return
            if slot == 0:
                table[i] = value
                self._size += 1
                if self._size * 3 > mask * 2:  # keep the load under 2/3
                    self._grow()
                return
            i = (i + 1) & mask

    def _grow(self) -> None:
        old = self._table
        size = (self._mask + 1) * 2
        self._table = array("q", bytes(8 * size))
        self._mask = size - 1
        self._size = 0
        for value in old:
            if value:
                self.add(value)


class Deduplicator:
    """Remembers the papers seen so far; ``is_duplicate`` also records the paper."""

    def __init__(self) -> None:
        self._ids = HashSet()
        self._titles = HashSet()  # every title seen
        self._titles_without_arxiv = HashSet()  # titles of papers without arXiv id

    def admit(self, paper: Paper) -> Paper | None:
        """Record ``paper`` and return it (re-ided if its slug id is taken), or None if seen."""
        key = title_key(paper.title)
        title_hash = hash(key) if key else None
        id_hash = hash(paper.id)
        if paper.arxiv_id:
            if id_hash in self._ids or (
                title_hash is not None and title_hash in self._titles_without_arxiv
            ):
                return None
        elif title_hash is not None and title_hash in self._titles:
            return None
        elif id_hash in self._ids:
            if paper.id != title_slug(paper.title):
                return None  # an id the input gave: the same paper
            paper = self._rename(paper)  # a truncated slug shared by two different titles
            id_hash = hash(paper.id)
        self._ids.add(id_hash)
        if title_hash is not None:
            self._titles.add(title_hash)
            if not paper.arxiv_id:
                self._titles_without_arxiv.add(title_hash)
        return paper

    def is_duplicate(self, paper: Paper) -> bool:
        """True if ``paper`` was seen (records it otherwise; ignores any re-id)."""
        return self.admit(paper) is None

    def _rename(self, paper: Paper) -> Paper:
        for n in itertools.count(2):
            candidate = f"{paper.id}-{n}"
            if hash(candidate) not in self._ids:
                logger.debug(
                    "%s: id %s is another title's; using %s", paper.source, paper.id, candidate
                )
                return replace(paper, id=candidate)
        raise AssertionError("unreachable")
