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


def test_offsets_index_the_text():
    p = Paper(id="x", title="A title", abstract="One sentence. Two sentences.")
    for s, e in split_sentences(p.text, len(p.title)):
        assert p.text[s:e].strip() == p.text[s:e]
