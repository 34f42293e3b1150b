import spacy

from kg.extract.pipeline import split_final_dots
from kg.extract.vocab_matcher import build_phrase_matcher, find_vocab_mentions, label_variants


def _find(text, concepts):
    nlp = spacy.blank("en")
    split_final_dots(nlp)
    matcher, cs, case = build_phrase_matcher(nlp, concepts)
    return [(m.text, m.concept.slug) for m in find_vocab_mentions(nlp(text), matcher, cs, case)]


def test_variants_cover_hyphens_spaces_and_plurals():
    assert {"Mixture of Experts", "Mixture-of-Experts"} <= label_variants("Mixture-of-Experts")
    assert "GPUs" in label_variants("GPU")
    assert "pipeline parallelisms" in label_variants("pipeline parallelism")


def test_case_and_hyphen_tolerant(tiny_vocab):
    found = _find("We combine a mixture-of-experts with Mixture of Experts and MoE.", tiny_vocab)
    assert found == [
        ("mixture-of-experts", "moe"),
        ("Mixture of Experts", "moe"),
        ("MoE", "moe"),
    ]


def test_plural_and_lowercase_multiword(tiny_vocab):
    found = _find("Pipeline Parallelism on 8 GPUs.", tiny_vocab)
    assert found == [("Pipeline Parallelism", "pipeline-parallelism"), ("GPUs", "gpu")]


def test_capitalised_single_word_names_need_case(tiny_vocab):
    assert _find("we adam the pytorch thing", tiny_vocab) == []
    assert _find("Adam in PyTorch", tiny_vocab) == [("Adam", "adam"), ("PyTorch", "pytorch")]


def test_longest_match_wins(tiny_vocab):
    from kg.vocab import VocabConcept

    concepts = [
        *tiny_vocab,
        VocabConcept("urn:x:ippd", "ipp", "Method", "interleaved pipeline parallelism"),
    ]
    assert _find("We use interleaved pipeline parallelism.", concepts) == [
        ("interleaved pipeline parallelism", "ipp")
    ]
