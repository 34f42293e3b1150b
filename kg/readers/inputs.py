"""Opening inputs: paths or ``-`` (stdin), gzip transparently, with a peek at the head.

The head (the first ``HEAD_SIZE`` bytes) is read once for sniffing and then chained back
in front of the rest, so stdin and pipes work as well as files.
"""

from __future__ import annotations

import gzip
import io
import sys
from dataclasses import dataclass
from typing import BinaryIO

__all__ = ["OpenedInput", "open_input", "HEAD_SIZE", "STDIN"]

HEAD_SIZE = 64 * 1024
STDIN = "-"
_GZIP_MAGIC = b"\x1f\x8b"


class _PrefixedReader(io.RawIOBase):
    """A raw stream that returns ``prefix`` and then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            if self._stream is not sys.stdin.buffer:
                self._stream.close()
        finally:
            super().close()


def _read_head(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


@dataclass
class OpenedInput:
    """An opened input: its display name, its first bytes, and the whole byte stream."""

    name: str
    head: bytes
    stream: io.BufferedReader
    raw: BinaryIO

    def close(self) -> None:
        try:
            self.stream.close()
        finally:
            if self.raw is not sys.stdin.buffer:
                self.raw.close()


def open_input(path: str) -> OpenedInput:
    """Open ``path`` (or stdin for ``-``), decompressing gzip, and peek at its head.

    Raises:
        OSError: the path is missing, a directory, or unreadable.
    """
    if path == STDIN:
        raw: BinaryIO = sys.stdin.buffer
        name = "<stdin>"
    else:
        raw = open(path, "rb")  # noqa: SIM115 - closed by OpenedInput.close
        name = path
    try:
        magic = _read_head(raw, 2)
        stream: BinaryIO = io.BufferedReader(_PrefixedReader(magic, raw))
        if magic == _GZIP_MAGIC:
            stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
        head = _read_head(stream, HEAD_SIZE)
    except (OSError, EOFError) as exc:
        if raw is not sys.stdin.buffer:
            raw.close()
        raise OSError(f"cannot read: {exc}") from exc
    return OpenedInput(name, head, io.BufferedReader(_PrefixedReader(head, stream)), raw)
