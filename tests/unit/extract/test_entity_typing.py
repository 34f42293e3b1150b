import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import entity_typing
from kg.extract.entity_typing import context_signals, head_noun_type, shape_type
from kg.extract.state import Mention
from kg.ontology import EntityType as T


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A100", T.HARDWARE),
        ("TPU v4", T.HARDWARE),
        ("Ascend 910", T.HARDWARE),
        ("Zorb-7B", T.MODEL),
        ("FooBench", T.DATASET),
        ("PyFoo", T.SYSTEM),
        ("ROCm-aware PyFoo", T.SYSTEM),
    ],
)
def test_shape_type(name, expected):
    assert shape_type(name)[0] is expected


def test_shape_type_none_for_plain_names():
    assert shape_type("Zorblax") is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("lightweight library for distributed training", T.SYSTEM),
        ("large-scale benchmark of coding tasks", T.DATASET),
        ("novel optimizer that", T.METHOD),
        ("family of open language models", T.MODEL),
        ("nothing", None),
        ("Portable and Fault-Tolerant Runtime for Agents", T.SYSTEM),  # joined modifiers
        ("tiny or sparse corpus", T.DATASET),
        ("fast and accurate inference of text", None),
    ],
)
def test_head_noun_type(phrase, expected):
    assert head_noun_type(phrase) is expected


def _signals(text, name):
    s = text.index(name)
    return {t for t, _, _ in context_signals(text, Mention(s, s + len(name), name, "x", 0.5))}


def test_context_signals():
    assert T.SYSTEM in _signals("We present Zorb, a library for graphs.", "Zorb")
    assert T.DATASET in _signals("Results on the Quux dataset improve.", "Quux")
    assert T.SYSTEM in _signals("The method is implemented in Blorp.", "Blorp")
    assert T.HARDWARE in _signals("We train on 64 Zeta chips.", "Zeta")


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Evaluated on Quux, it wins.", "Quux", T.DATASET),
        ("Implemented in Blorp, it is fast.", "Blorp", T.SYSTEM),
        ("LLMs such as Zorb-Chat answer well.", "Zorb-Chat", T.MODEL),
        ("Fine-tuning Zorb-Chat is cheap.", "Zorb-Chat", T.MODEL),
        ("It reaches 71.5% on Quux and an FID of 3.2 on Blorp.", "Blorp", T.DATASET),
    ],
)
def test_context_cues_at_sentence_start(text, name, expected):
    assert expected in _signals(text, name)


def test_a_subtitle_that_is_no_noun_phrase_types_nothing():
    assert T.HARDWARE not in _signals("Zorb: Towards Training Across Clusters", "Zorb")
    assert T.HARDWARE not in _signals("Zorb: Scaling Training to GPU Clusters", "Zorb")
    assert T.HARDWARE in _signals("Zorb: A Cluster for Training", "Zorb")
    assert T.SYSTEM in _signals("Zorb, a training framework for LLMs.", "Zorb")


def test_context_cues_still_need_their_words():
    assert _signals("Zorb is evaluated. Quux is small.", "Quux") == set()


@pytest.mark.parametrize("name", ["SNAS", "MINDS", "MicroZorb", "SNOW"])
def test_product_prefixes_need_a_number(name):
    assert shape_type(name) is None or shape_type(name)[0] is not T.HARDWARE


@pytest.mark.parametrize(
    "name",
    [
        "MI250X",
        "SN40L",
        "x86",
        "RISC-V",
        "Xeon Max",
        "VRAM",
        "RAM",
        "FPU",
        "XPUs",
        "DPU",
        "Cortex-M7",
        "Arm Cortex-A55",
        "LPDDR5 SDRAM",
        "GDDR6 DRAM",
    ],
)
def test_hardware_product_lines(name):
    assert shape_type(name)[0] is T.HARDWARE


# --- the cue prefilters never hide a context match -----------------------------------------


_WORDS = st.sampled_from(
    [
        "implemented in the",
        "written on",
        "evaluated on the",
        "Evaluated on",
        "Implemented in",
        "EXPERIMENTS ON",
        "results across",
        "experiments on",
        "datasets such as",
        "benchmarks like",
        "models including",
        "LLMs e.g.",
        "frameworks such as",
        "fine-tuning the",
        "pretrained",
        "distilled",
        "prompting",
        "8",
        "4.5",
        "71%",
        "on",
        "1,024",
        "٣",
        "a single",
        "one",
        "none",
        "sixteen",
        "multiple",
        ",",
        "and",
        "foo",
        "the",
        "\n",
        " ",
        "  ",
        "\t",
    ]
)


@settings(max_examples=1000)
@given(st.lists(_WORDS, max_size=16).map(lambda ws: "".join(w + " " for w in ws)[-80:]))
def test_cues_are_present_whenever_a_context_regex_matches(window):
    for w in (window, window.rstrip(" "), window + "\n"):
        low = w.lower()  # the context regexes run on the lower-cased window
        for cues, rules in entity_typing._BEFORE:
            if any(rx.search(low) for rx, *_ in rules):
                assert w[-1:].isspace()
                assert any(c in low for c in cues)
        if entity_typing._COUNT_BEFORE.search(w):
            assert w[-1:].isspace()
            assert entity_typing._may_end_in_count(w)


def test_appositive_article_is_a_whole_word():
    assert T.MODEL not in _signals("Our tool, Zorb, allows models to run.", "Zorb")


def test_participle_after_the_appositive_head():
    assert head_noun_type("a library tailored for robots") is T.SYSTEM
    assert T.SYSTEM in _signals("We present Zorb, a runtime optimized for phones.", "Zorb")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We ship a fast GPU accelerated planning library, Zorb, for robots.", T.SYSTEM),
        ("Our framework, named Zorb, runs agents.", T.SYSTEM),
        ("We build a new reasoning benchmark, Zorb, with 500 items.", T.DATASET),
        ("We present our serving framework Zorb that batches requests.", T.SYSTEM),
        ("We release our new benchmark Zorb with 500 items.", T.DATASET),
    ],
)
def test_type_noun_before_the_name(text, expected):
    assert expected in _signals(text, "Zorb")


@pytest.mark.parametrize(
    "text",
    [
        "We also build a new web-browsing agent, Zorb, that clicks buttons.",
        "It runs inside the Zorb product at scale.",
        "Zorb is an agent for spreadsheets.",
        "We release Zorb, an open environment where web agents shop.",
        "Agents are trained in the Zorb gym on many tasks.",
    ],
)
def test_agents_products_and_environments_are_software(text):
    assert T.SYSTEM in _signals(text, "Zorb")


def test_a_name_shaped_variant_of_a_vocabulary_model_is_a_model(tiny_vocab):
    from kg.extract import Extractor
    from kg.extract.vocab_loader import register_concepts
    from kg.models import Paper
    from kg.vocab import VocabConcept

    quill = VocabConcept("urn:x:quill", "quill", T.MODEL.value, "QuillNet")
    x = Extractor(vocab_files=[register_concepts("tiny-quill", [*tiny_vocab, quill])])
    text = (
        "Zorb is faster than QuillNet SelfTaught, QuillNet-XR and QuillNet-chat, "
        "and we search the QuillNet Space for cells."
    )
    paper = Paper(id="p", title="Zorb", abstract=text)
    types = {e.name: e.type for e in x.extract_one(paper).entities}
    assert types.get("QuillNet SelfTaught") == T.MODEL.value, types
    assert types.get("QuillNet-XR") == T.MODEL.value, types
    assert types.get("QuillNet-chat") == T.MODEL.value, types
    assert types.get("QuillNet Space", T.METHOD.value) != T.MODEL.value, types


def test_a_type_noun_after_a_preposition_is_no_head_of_the_name():
    assert T.MODEL not in _signals("We tune the FOQ planner through LLM feedback.", "FOQ")
    assert T.MODEL not in _signals("Agents in FOQ with LLM tools win.", "FOQ")
    assert T.SYSTEM in _signals("We ship Blorp data library code.", "Blorp")


def test_the_head_noun_of_a_defined_long_form_types_the_name(extractor):
    from kg.models import Paper

    text = (
        "We present the Quorum Routing Library (QRL) and apply it to "
        "multi-hop ranking systems (MHRS) in Zorb."
    )
    paper = Paper(id="p", title="Zorb", abstract=text)
    types = {e.name: e.type for e in extractor.extract_one(paper).entities}
    assert types.get("QRL") == T.SYSTEM.value, types
    assert types.get("MHRS", T.METHOD.value) != T.SYSTEM.value, types  # a plural: a class


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("We test it on Frobix, Quaxa and Blimpo benchmarks.", "Frobix", T.DATASET),
        ("We test it on Frobix, Quaxa and Blimpo benchmarks.", "Quaxa", T.DATASET),
        ("It runs on Vexa and Tarn accelerators today.", "Vexa", T.HARDWARE),
        ("It is built atop Krell or Plum frameworks.", "Krell", T.SYSTEM),
    ],
)
def test_coordinated_names_share_the_plural_head_noun(text, name, expected):
    assert expected in _signals(text, name)


def test_a_singular_noun_after_the_last_name_is_no_shared_head():
    assert T.DATASET not in _signals("We use Frobix and Quaxa benchmark suites.", "Frobix")


def test_a_type_noun_after_a_lower_case_concept_is_what_it_serves():
    text = "Users need widget parallel tools and the Zorbix tools to train."
    concept = Mention(11, 26, "widget parallel", "head_noun", 0.6, specific=False)
    name = Mention(41, 47, "Zorbix", "name_shape", 0.7)
    assert entity_typing._context_type(text, [concept])[0] is T.METHOD
    assert entity_typing._context_type(text, [name])[0] is T.SYSTEM


def test_a_data_structure_or_abstraction_is_software():
    assert T.SYSTEM in _signals("Rows are sharded via the Zorbex data structure.", "Zorbex")
    assert T.SYSTEM in _signals("We build Quuxer, a tensor abstraction for meshes.", "Quuxer")
    assert T.SYSTEM not in _signals("The Zorbex structure stacks layers.", "Zorbex")


def test_a_fronted_phrase_before_the_comma_is_no_apposition():
    # "On our X cluster, Y ...": the phrase is where Y runs, not what Y is
    assert T.HARDWARE not in _signals("On our Zeta cluster, Zorb trains fast.", "Zorb")
    text = "Zorb is new. In a small serving framework, Quux wins."
    assert T.SYSTEM not in _signals(text, "Quux")
    assert T.HARDWARE not in _signals("On our Zeta cluster Zorb trains fast.", "Zorb")
    # mid-sentence, the noun phrase and the name are in apposition
    assert T.HARDWARE in _signals("We built a new cluster, Zorb, with 64 nodes.", "Zorb")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We propose a modular framework Zorb for graph learning.", T.SYSTEM),
        ("We build on an open-source library Zorb.", T.SYSTEM),
        ("Kernels are tuned for the processor Zorb.", T.HARDWARE),
    ],
)
def test_a_type_noun_right_before_the_name_after_an_article(text, expected):
    assert expected in _signals(text, "Zorb")


def test_a_type_noun_after_a_preposition_before_the_name_is_no_head():
    assert T.HARDWARE not in _signals("We report our work on cluster Zorb.", "Zorb")


@pytest.mark.parametrize(
    ("text", "expected", "other"),
    [
        ("Zorb is an embedded platform with eight processors.", T.HARDWARE, T.SYSTEM),
        ("It runs on the Zorb platform, which has 64 RISC-V cores.", T.HARDWARE, T.SYSTEM),
        ("Apps run on the Zorb platform in many datacenters.", T.SYSTEM, T.HARDWARE),
        ("Zorb, a research platform running on an FPGA, is slow.", T.HARDWARE, T.SYSTEM),
        ("Zorb is a platform for serving chat apps.", T.SYSTEM, T.HARDWARE),
        ("Apps are deployed on the Zorb platform. It has eight cores.", T.SYSTEM, T.HARDWARE),
    ],
)
def test_a_platform_is_hardware_where_its_sentence_speaks_of_chips(text, expected, other):
    signals = _signals(text, "Zorb")
    assert expected in signals
    assert other not in signals


def test_a_lower_case_participle_after_the_head_noun():
    assert head_noun_type("a research library running on phones") is T.SYSTEM
    assert head_noun_type("GPU Computing on Clusters") is None


def test_fronted_phrase_and_named_framework_in_a_paper(extractor):
    from kg.models import Paper

    text = (
        "On our Zeta cluster, ZorbLax trains models. We release a modular framework "
        "GraphQuib for graph learning."
    )
    types = {
        e.name: e.type
        for e in extractor.extract_one(Paper(id="p", title="Z", abstract=text)).entities
    }
    assert types.get("ZorbLax") == T.METHOD.value, types
    assert types.get("GraphQuib") == T.SYSTEM.value, types


@pytest.mark.parametrize(
    "text",
    [
        "We implement our method in Blorp and test it.",
        "They implemented the kernels and planner into Blorp.",
        "We ship it as a plugin for Blorp.",
        "It is an extension to the Blorp ecosystem.",
        "The Blorp backend runs it.",
    ],
)
def test_what_code_is_written_in_or_for_is_software(text):
    assert T.SYSTEM in _signals(text, "Blorp")


def test_implementing_something_in_needs_the_in():
    assert T.SYSTEM not in _signals("We implement our method and Blorp wins.", "Blorp")


def test_a_set_of_problems_is_data_a_set_of_techniques_is_not():
    assert head_noun_type("a new set of 500 word problems for grade school") is T.DATASET
    assert head_noun_type("a set of questions") is T.DATASET
    assert head_noun_type("a set of techniques for pruning") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We beat Quux and Zorb, two popular serving engines.", T.SYSTEM),
        ("We use Quux and Zorb, both open benchmarks of math problems.", T.DATASET),
    ],
)
def test_a_list_of_names_in_apposition_to_a_counted_noun(text, expected):
    assert expected in _signals(text, "Zorb")


def test_boards_and_workstations_are_machines():
    assert T.HARDWARE in _signals("We measure power on a Zorb development board.", "Zorb")
    assert T.HARDWARE in _signals("Zorb, a desktop workstation, trains it.", "Zorb")


def test_a_title_subtitle_defines_a_vocabulary_homonym(extractor):
    from kg.models import Paper

    # "ImageNet" is a dataset in the vocabulary, but this paper defines its own ImageNet
    paper = Paper(
        id="p",
        title="Faster Training with ImageNet: A Communication Scheduling Approach",
        abstract="ImageNet reorders messages. It beats Adam on the Quux dataset.",
    )
    types = {e.name: e.type for e in extractor.extract_one(paper).entities}
    assert types.get("ImageNet") == T.METHOD.value, types
    paper = Paper(id="q", title="Training on ImageNet", abstract="We use ImageNet.")
    types = {e.name: e.type for e in extractor.extract_one(paper).entities}
    assert types.get("ImageNet") == T.DATASET.value, types


def test_a_title_subtitle_types_a_vocabulary_homonym_as_the_papers_own(extractor):
    """ "ImageNet: A Scalable Serving Library" names the paper's own software, whatever the
    vocabulary says; with no abstract (raw text, no separator) the title is the text."""
    from kg.extract.state import state_of
    from kg.models import Paper

    got = extractor.extract_one(
        Paper(id="p", title="ImageNet: A Scalable Serving Library", abstract="It serves.")
    )
    assert {e.name: e.type for e in got.entities}["ImageNet"] == "System"
    state = state_of(extractor.nlp("ImageNet: A Scalable Serving Library"))
    assert [(m.text, m.type, m.type_rule) for m in state.mentions] == [
        ("ImageNet", T.SYSTEM, "title_definition")
    ]


def test_a_trusted_execution_environment_is_hardware(extractor):
    from kg.models import Paper

    text = (
        "We protect the weights with secure execution environments (SEEs) and "
        "run the Quorum Routing Library (QRL) in them."
    )
    paper = Paper(id="p", title="Zorb", abstract=text)
    types = {e.name: e.type for e in extractor.extract_one(paper).entities}
    assert types.get("SEE") == T.HARDWARE.value, types


def test_a_plural_models_after_a_name_is_no_model_cue():
    # "X models": models built on the architecture X; "the X model": one trained network
    assert T.MODEL not in _signals("Zorblax models scale linearly with length.", "Zorblax")
    assert T.MODEL in _signals("We fine-tune the Zorblax model on text.", "Zorblax")
