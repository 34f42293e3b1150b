"""What happened while reading: counts, skipped entries by reason, and warnings.

Readers never raise on bad input; they record it here (and log it on stderr) and go
on with the next entry or file. The CLI turns the report into its summary line and
exit code.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from kg.errors import InputError

__all__ = ["InputWarning", "ReadReport", "EntryError"]

logger = logging.getLogger("kg.readers")

#: Warnings kept in memory (and logged) per report; later ones are only counted.
MAX_KEPT_WARNINGS = 1000
#: Warnings logged per input file before the rest of that file's are only counted.
MAX_LOGGED_PER_FILE = 20


@dataclass(frozen=True, slots=True)
class InputWarning:
    """One problem with the input: where (``path``, 1-based ``line``; 0 = whole file) and why."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.reason}"
            if self.line
            else f"{self.path}: {self.reason}"
        )


class EntryError(Exception):
    """Raised inside a reader for one entry that cannot become a paper; carries the reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class ReadReport:
    """Counts and problems of one ``read_papers`` run.

    Attributes:
        files: input files opened (or attempted).
        papers: unique papers yielded.
        duplicates: later copies of a paper already yielded (merged into it).
        skipped: entries (or whole files) not read, by reason.
        warnings: the first ``MAX_KEPT_WARNINGS`` problems, each with path and line.
        errors: inputs that could not be read at all (missing path, unreadable file).
    """

    files: int = 0
    papers: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[InputWarning] = field(default_factory=list)
    errors: list[InputWarning] = field(default_factory=list)
    _logged: Counter[str] = field(default_factory=Counter, repr=False)

    def warn(self, path: str, line: int, reason: str, *, skip: str | None = None) -> None:
        """Record (and log) a problem; ``skip`` also counts a skipped entry under that reason."""
        if skip is not None:
            self.skipped[skip] += 1
        warning = InputWarning(path, line, reason)
        if len(self.warnings) < MAX_KEPT_WARNINGS:
            self.warnings.append(warning)
        self._logged[path] += 1
        if self._logged[path] <= MAX_LOGGED_PER_FILE:
            logger.warning("%s", warning)
        elif self._logged[path] == MAX_LOGGED_PER_FILE + 1:
            logger.warning("%s: more warnings for this file are counted, not shown", path)

    def skip_entry(self, path: str, line: int, error: EntryError) -> None:
        """Record an entry that could not become a paper, counted under ``error.reason``."""
        self.warn(path, line, str(error), skip=error.reason)

    def fail(self, path: str, reason: str, detail: str = "") -> None:
        """Record an input that cannot be read at all; the run will end non-zero."""
        message = f"{reason}: {detail}" if detail else reason
        self.errors.append(InputWarning(path, 0, message))
        self.warn(path, 0, message, skip=reason)

    @property
    def ok(self) -> bool:
        """True when every input could be opened."""
        return not self.errors

    def raise_for_problems(self, *, strict: bool = False) -> None:
        """Raise ``InputError`` if an input could not be read, or (``strict``) on any warning."""
        if self.errors:
            failed = "; ".join(str(e) for e in self.errors[:5])
            raise InputError(f"{len(self.errors)} input(s) could not be read: {failed}")
        if strict and self.warnings:
            raise InputError(
                f"--strict: {sum(self.skipped.values())} entries skipped, "
                f"{len(self.warnings)} warning(s); first: {self.warnings[0]}"
            )

    def summary(self) -> str:
        """One line: papers, duplicates merged, entries skipped by reason, failed inputs."""
        line = (
            f"{_count(self.papers, 'paper')} from {_count(self.files, 'file')}, "
            f"{_count(self.duplicates, 'duplicate')} merged"
        )
        skipped = sum(self.skipped.values())
        if skipped:
            reasons = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common())
            line += f", {skipped} skipped ({reasons})"
        else:
            line += ", 0 skipped"
        if self.errors:
            line += f"; {len(self.errors)} input(s) could not be read"
        return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
