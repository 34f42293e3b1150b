"""Property-based tests: random text and bytes thrown at every reader.

Whatever the input, a reader yields only well-formed Papers (non-empty id, title and
abstract) or records warnings: it never raises.
"""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.models import Paper
from kg.readers import INPUT_FORMATS, READERS, ReadReport, read_papers
from kg.readers.hf_listing import is_chrome, strip_glued_chrome
from kg.readers.normalize import clean_title, title_key, title_slug

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks a bit like each format, so the readers' deeper paths run too.
_fragments = st.sampled_from(
    [
        "\n", "\n\n", "Subscribe", "new", "Mar 12", "Title: Sub", "We propose X. It works.",
        '{"title": "T", "abstract": "A."}', '{"id": "2101.00001v2", "versions": []', "[1, 2]",
        "title,abstract\n", '"quoted, field",x\n', "\t", ",", ";", "<feed>", "<entry>",
        "</entry>", "<title>T</title>", "<summary>S.</summary>", "</feed>", "<id>", "&amp;",
        "<!DOCTYPE x [<!ENTITY a 'b'>]>", "$\\alpha$", "\x00", "\ufeff", "\r\n", "{", "}",
    ]
)  # fmt: skip
structured_text = st.lists(st.one_of(_fragments, st.text(max_size=40)), max_size=40).map("".join)


def _check(papers: list[Paper], report: ReadReport) -> None:
    for paper in papers:
        assert isinstance(paper, Paper)
        assert paper.id and paper.title.strip() and paper.abstract.strip()
        assert paper.title == paper.title.strip() and "\n" not in paper.title
    assert report.papers == len(papers)
    for warning in report.warnings:
        assert warning.reason


@SETTINGS
@given(text=structured_text)
def test_every_reader_on_random_text(text: str) -> None:
    for fmt, reader in READERS.items():
        report = ReadReport()
        newline = "" if fmt == "csv" else None
        stream = io.TextIOWrapper(
            io.BytesIO(text.encode("utf-8", "surrogatepass")), "utf-8", "replace", newline
        )
        papers = list(reader(stream, "random", report))
        report.papers = len(papers)
        _check(papers, report)


@SETTINGS
@given(data=st.binary(max_size=2000), fmt=st.sampled_from((None, *INPUT_FORMATS)))
def test_read_papers_on_random_bytes(
    tmp_path_factory: object, data: bytes, fmt: str | None
) -> None:
    path = Path(tmp_path_factory.mktemp("bytes")) / "input"  # type: ignore[attr-defined]
    path.write_bytes(data)
    report = ReadReport()
    papers = list(read_papers([path], input_format=fmt, report=report))
    _check(papers, report)
    # the only input that cannot be read at all: random bytes behind a gzip magic number
    assert all("cannot read" in e.reason for e in report.errors)


@SETTINGS
@given(text=structured_text, fmt=st.sampled_from((None, *INPUT_FORMATS)))
def test_read_papers_on_random_text_files(
    tmp_path_factory: object, text: str, fmt: str | None
) -> None:
    path = Path(tmp_path_factory.mktemp("text")) / "input.txt"  # type: ignore[attr-defined]
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    report = ReadReport()
    papers = list(read_papers([path, path], input_format=fmt, report=report))
    _check(papers, report)
    # reading the same file twice never adds papers: the second copy is all duplicates
    assert report.duplicates >= len(papers)


@SETTINGS
@given(title=st.text(max_size=120))
def test_title_normalisation_is_total_and_stable(title: str) -> None:
    cleaned = clean_title(title)
    assert clean_title(cleaned) == cleaned or "$" in title or "\\" in title
    slug = title_slug(title)
    assert len(slug) <= 60 and slug == slug.lower() and slug.isascii()
    assert not slug.startswith("-")
    assert title_key(title) == title_key(cleaned)


_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-",
    min_size=1,
    max_size=10,
)
_title = (
    st.lists(_word, min_size=1, max_size=12)
    .map(" ".join)
    .filter(lambda t: not is_chrome(t) and strip_glued_chrome(t) == t and title_key(t))
)
_sentence = st.lists(_word, min_size=3, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
_abstract = st.lists(_sentence, min_size=2, max_size=6).map(" ".join)
_chrome = st.sampled_from(
    ["new", "Subscribe", "Daily Papers", "Mar 12", "byAK and the research community"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(st.tuples(_title, _abstract), max_size=8, unique_by=lambda e: title_key(e[0])),
    blank_lines=st.booleans(),
    chrome=st.lists(_chrome, max_size=4),
)
def test_listing_round_trip(
    entries: list[tuple[str, str]], blank_lines: bool, chrome: list[str]
) -> None:
    """Any listing of well-formed entries, with or without blank lines, reads back exactly."""
    sep = "\n\n" if blank_lines else "\n"
    text = sep.join([*chrome, *(f"{t}{sep}{a}" for t, a in entries)]) + "\n"
    report = ReadReport()
    papers = list(READERS["hf-listing"](io.StringIO(text), "l.txt", report))
    assert [(p.title, p.abstract) for p in papers] == entries
    assert not report.warnings
