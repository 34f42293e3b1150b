import spacy

from kg.extract.pipeline import split_final_dots
from kg.extract.vocab_matcher import build_phrase_matcher, find_vocab_mentions, label_variants
from tests.unit.extract.conftest import TINY


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


def test_a_generic_concept_matches_in_lower_case():
    from kg.vocab import VocabConcept

    arch = VocabConcept(
        "urn:x:zf", "zorbformer", "Method", "Zorbformer", ("Zorbformers",), specific=False
    )
    named = VocabConcept("urn:x:quux", "quux", "Model", "Quux")
    found = _find("Many zorbformer-based models and zorbformers; quux is a word.", [arch, named])
    assert found == [("zorbformer", "zorbformer"), ("zorbformers", "zorbformer")]
    assert _find("Quux beats a Zorbformer.", [arch, named]) == [
        ("Quux", "quux"),
        ("Zorbformer", "zorbformer"),
    ]
    # a generic concept's acronym stays case-sensitive: "pp" is percentage points
    zp = VocabConcept("urn:x:zp", "zorb-parallelism", "Method", "ZP", specific=False)
    assert _find("It gains 3 zp and uses ZP.", [zp]) == [("ZP", "zorb-parallelism")]


def test_inner_capital_names_skip_ordinary_compounds():
    from kg.vocab import VocabConcept

    zero = VocabConcept("urn:x:zero", "zero", "Method", "ZeRO")
    assert _find("Zero-shot transfer works. Zero-knowledge proofs too.", [zero]) == []
    found = _find("We use ZeRO, Zero-based sharding and Zero.", [zero])
    assert found == [("ZeRO", "zero"), ("Zero", "zero"), ("Zero", "zero")]
    # a name without inner capitals keeps its lower-case compounds ("Adam-mini")
    assert _find("Adam-mini is small.", TINY) == [("Adam", "adam")]


def test_longest_match_wins(tiny_vocab):
    from kg.vocab import VocabConcept

    concepts = [
        *tiny_vocab,
        VocabConcept("urn:x:ippd", "ipp", "Method", "interleaved pipeline parallelism"),
    ]
    assert _find("We use interleaved pipeline parallelism.", concepts) == [
        ("interleaved pipeline parallelism", "ipp")
    ]


def test_the_led_title_labels_need_their_capitals():
    from kg.extract.vocab_matcher import needs_exact_case
    from kg.vocab import VocabConcept

    heap = VocabConcept("urn:x:heap", "the-heap", "Dataset", "The Heap", ("The Heaps",))
    assert needs_exact_case("The Heap") and not needs_exact_case("pipeline parallelism")
    assert not needs_exact_case("Mixture-of-Experts") and not needs_exact_case("ImageNet")
    assert _find("We push tensors onto the heap of free blocks.", [heap]) == []
    assert _find("The heap grows as we allocate.", [heap]) == []
    assert _find("Models trained on The Heap and the HEAP.", [heap]) == [
        ("The Heap", "the-heap"),
        ("the HEAP", "the-heap"),
    ]
    # the other labels keep matching in any case but all-lower single words
    found = _find("imagenet is not matched, IMAGENET and Mixture Of Experts are.", TINY)
    assert sorted(found) == [("IMAGENET", "imagenet"), ("Mixture Of Experts", "moe")]


def test_mention_field_order_for_positional_construction():
    import dataclasses

    from kg.extract.state import Mention

    # find_vocab_mentions builds Mentions positionally in its hot loop
    assert [f.name for f in dataclasses.fields(Mention)][:10] == [
        "start",
        "end",
        "text",
        "rule",
        "confidence",
        "type",
        "specific",
        "concept",
        "group",
        "type_rule",
    ]


def test_a_generic_device_cluster_is_its_devices():
    from kg.vocab import VocabConcept

    gpu = VocabConcept("urn:x:gpu", "gpu", "Hardware", "GPU", specific=False)
    cluster = VocabConcept(
        "urn:x:gc", "gpu-cluster", "Hardware", "GPU cluster", ("GPU clusters",), specific=False
    )
    atlas = VocabConcept("urn:x:atlas", "atlas-900", "Hardware", "Atlas 900 AI cluster")
    found = _find("We train on a 64 GPU cluster and on GPU clusters.", [gpu, cluster])
    assert found == [("GPU", "gpu"), ("GPU", "gpu")]
    # a named cluster stays one mention
    assert _find("It ran on the Atlas 900 AI cluster.", [atlas]) == [
        ("Atlas 900 AI cluster", "atlas-900")
    ]


def test_a_version_may_be_written_without_its_gap():
    from kg.vocab import VocabConcept

    npu = VocabConcept("urn:x:zn", "zorb-npu-v2", "Hardware", "Zorb NPU v2", ("ZNPU-2",))
    deep_q = VocabConcept("urn:x:dq", "dq", "Method", "Deep Q-Zorb")
    quux = VocabConcept("urn:x:q7", "quux-7b", "Model", "Quux 7B")
    text = "We run Zorb NPUv2 chips, ZNPU2 boards and Zorb NPU v2; DeepQ-Zorb and Quux7B are not."
    found = _find(text, [npu, deep_q, quux])  # longest first
    assert sorted(found) == [
        ("ZNPU2", "zorb-npu-v2"),
        ("Zorb NPU v2", "zorb-npu-v2"),
        ("Zorb NPUv2", "zorb-npu-v2"),
    ]
    # a joined form is a name: not in lower case
    assert _find("a znpu2 board", [npu]) == []


def test_a_joined_form_never_takes_another_concepts_label():
    from kg.vocab import VocabConcept

    first = VocabConcept("urn:x:a", "zorb-3", "Model", "Zorb-3")
    other = VocabConcept("urn:x:b", "zorb3", "System", "Zorb3")
    assert sorted(_find("We use Zorb3 and Zorb-3.", [first, other])) == [
        ("Zorb-3", "zorb-3"),
        ("Zorb3", "zorb3"),
    ]


def test_devices_named_by_a_number_have_plurals():
    from kg.vocab import VocabConcept

    zx = VocabConcept("urn:x:zx", "zx-900", "Hardware", "ZX 900")
    q5 = VocabConcept("urn:x:q5", "quux-5", "Model", "Quux-5")
    found = _find("We train on 64 ZX 900s and 8 ZX900s; Quux-5s are no devices.", [zx, q5])
    assert sorted(found) == [("ZX 900s", "zx-900"), ("ZX900s", "zx-900")]
