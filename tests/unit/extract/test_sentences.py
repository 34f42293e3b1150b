import re

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX  # type: ignore[import-not-found]

from kg.extract import sentences
from kg.extract.sentences import split_sentences, title_end_of
from kg.models import Paper


def _sents(title: str, abstract: str) -> list[str]:
    text = Paper(id="x", title=title, abstract=abstract).text
    return [text[s:e] for s, e in split_sentences(text, title_end_of(text))]


def test_title_is_its_own_sentence():
    assert _sents("FooNet: Fast Things", "We build FooNet. It is fast.") == [
        "FooNet: Fast Things",
        "We build FooNet.",
        "It is fast.",
    ]


def test_no_split_after_abbreviations_decimals_and_urls():
    abstract = (
        "Optimizers (e.g. Adam) and others, i.e. many, work as in Smith et al. 2020 vs. "
        "baselines. Fig. 2 shows a 3.5x gain, see https://example.org/a.b for code. Done."
    )
    assert _sents("T", abstract)[1:] == [
        "Optimizers (e.g. Adam) and others, i.e. many, work as in Smith et al. 2020 vs. baselines.",
        "Fig. 2 shows a 3.5x gain, see https://example.org/a.b for code.",
        "Done.",
    ]


def test_splits_before_digits_and_brackets():
    assert _sents("T", "It runs fast. 128 GPUs are used! (We also test CPUs.)")[1:] == [
        "It runs fast.",
        "128 GPUs are used!",
        "(We also test CPUs.)",
    ]


def test_splits_after_a_unit_or_size_glued_to_a_number():
    abstract = (
        "We tune Zorb-13B. Then we serve 900 tokens/s. Quux-L. It costs $2.5M. "
        "As J. Doe and K. Roe (A. Poe, 2021) showed, it is fast."
    )
    assert _sents("T", abstract)[1:] == [
        "We tune Zorb-13B.",
        "Then we serve 900 tokens/s.",
        "Quux-L.",
        "It costs $2.5M.",
        "As J. Doe and K. Roe (A. Poe, 2021) showed, it is fast.",
    ]


def test_etc_before_a_capital_ends_the_sentence():
    abstract = "It serves chat, code, search, etc. Moreover, it is cheap (see logs, etc.)."
    assert _sents("T", abstract)[1:] == [
        "It serves chat, code, search, etc.",
        "Moreover, it is cheap (see logs, etc.).",
    ]


def test_no_split_after_references_to_parts_of_a_paper():
    abstract = "As Sect. 4 and Alg. 2 show, the bound (Thm. 1) holds; see App. C for more. Done."
    assert _sents("T", abstract)[1:] == [
        "As Sect. 4 and Alg. 2 show, the bound (Thm. 1) holds; see App. C for more.",
        "Done.",
    ]


def test_offsets_index_the_text():
    p = Paper(id="x", title="A title", abstract="One sentence. Two sentences.")
    for s, e in split_sentences(p.text, len(p.title)):
        assert p.text[s:e].strip() == p.text[s:e]


# --- the fast paths agree with straightforward references ---------------------------------


_PIECES = st.sampled_from(
    [
        "e.g.",
        "i.e.",
        "et al.",
        "Fig.",
        "U.S.",
        "J.",
        "abcdefghijklmnop.",
        "foo.bar.etc.",
        "vs.",
        "2.5",
        "GPUs.",
        "Done!",
        "Why?",
        "(A)",
        '"Q"',
        "[1]",
        "$x$",
        "ÄB.",
        "Ab.C.",
        "the",
        ".",
        "...",
        "etc.)",
        "13B.",
        "ops/s.",
        "-L.",
        "(J.",
        " ",
        "  ",
        "\n",
        "\t",
    ]
)


def _reference_boundaries(text: str, start: int) -> list[tuple[int, int]]:
    return [m.span(1) for m in sentences._BOUNDARY.finditer(text, start)]


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=30).map(" ".join), st.integers(0, 40))
def test_dot_only_boundary_agrees_where_no_bang_or_question(text, start):
    if "!" not in text and "?" not in text:
        assert [m.span(1) for m in sentences._DOT_BOUNDARY.finditer(text, start)] == (
            _reference_boundaries(text, start)
        )


def _reference_is_abbreviation(text: str, dot: int) -> bool:
    m = re.compile(r"([A-Za-z.]+)\.?$").search(text, max(0, dot - 12), dot + 1)
    word = m.group(1).lower().rstrip(".") if m else ""
    if word in sentences._NO_SPLIT_AFTER or word.split(".")[-1] in sentences._NO_SPLIT_AFTER:
        return True
    if len(word) == 1 or ("." in word and len(word) <= 5):  # an initial, if not glued on
        return m.start(1) == 0 or text[m.start(1) - 1] in " \t\n([{\"'~"
    return False


@settings(max_examples=300)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_is_abbreviation_agrees_with_regex_reference(text):
    for dot in (i for i, c in enumerate(text) if c == "."):
        assert sentences._is_abbreviation(text, dot) == _reference_is_abbreviation(text, dot)


def test_sent_start_array_marks_the_token_of_each_sentence_start():
    import spacy

    nlp = spacy.blank("en")
    text = "A Title\n\nWe run  fast. 128 GPUs are used! (We also test CPUs.)"
    doc = nlp(text)
    spans = split_sentences(text, title_end_of(text))
    arr = sentences.sent_start_array(doc.to_array(IDX), spans)
    starts = {s for s, _ in spans}
    expected = [1 if t.i == 0 or t.idx in starts else 2**64 - 1 for t in doc]
    assert arr.dtype.name == "uint64" and arr.shape == (len(doc), 1)
    assert arr[:, 0].tolist() == expected
