"""Choosing the reader from content; the extension only breaks ties."""

from __future__ import annotations

import pytest

from kg.readers.sniff import is_binary, sniff_format


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (b'{"id": "2101.1", "title": "T", "abstract": "A", "versions": []}', "x.txt", "arxiv-json"),
        (b'{"id": "t", "title": "T", "abstract": "A", "categories": ["cs.LG"]}', "x", "jsonl"),
        (b'{"id": "t", "title": "T", "abstract": "A"}\n', "x.txt", "jsonl"),
        (b'[{"title": "T", "abstract": "A"}]', "x", "jsonl"),
        (b'{"title": "T", "abstract": "cut', "snap.jsonl", "jsonl"),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<feed xmlns="...">', "x.txt", "arxiv-atom"),
        (b"id,title,abstract\n1,T,A\n", "x.txt", "csv"),
        (b"Title\tAbstract\nT\tA\n", "x", "csv"),
        (b'"title";"abstract"\n', "x", "csv"),
        (b"name,summary\nT,A\n", "x.csv", "csv"),  # extension: csv reader reports the header
        (b"new\n\nSubscribe\n\nA Title\n\nAn abstract.\n", "x.csv", "hf-listing"),
        (b"A Title, With a Comma\nAn abstract. Two sentences.\n", "x", "hf-listing"),
        (b"Mixture-of-Transformers: A Sparse Architecture\n", "listing", "hf-listing"),
    ],
)  # fmt: skip
def test_sniff_format(head: bytes, name: str, fmt: str) -> None:
    assert sniff_format(head, name) == fmt


def test_csv_extension_only_decides_when_content_is_not_a_listing() -> None:
    # A title-less header in a .csv file still goes to the CSV reader (which explains).
    assert sniff_format(b"a,b\n1,2\n", "x.csv") == "csv"


@pytest.mark.parametrize(
    ("head", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (bytes(range(256)) * 4, True),
        ("Título: Ünïcode ok — α β γ\n".encode() * 50, False),
        (b"", False),
        (b"plain text\n", False),
    ],
)
def test_is_binary(head: bytes, binary: bool) -> None:
    assert is_binary(head) is binary
