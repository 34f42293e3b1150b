from types import SimpleNamespace

from kg.extract.discovery import (
    classified_classes,
    concept_phrases,
    coordinated_techniques,
    defined_names,
    group_mentions,
    listed_names,
    name_shaped,
    propagate,
    proposed_names,
    resolve_overlaps,
    title_name,
)
from kg.extract.state import Mention
from kg.models import Paper


def _texts(text, spans):
    return [text[s:e] for s, e, *_ in spans]


def test_title_name():
    for title, name in [
        ("FooNet: A Library for Things", "FooNet"),
        ("Bar Attention: Fast Decoding", "Bar Attention"),
        ("QuxLM -- A Python Toolkit", "QuxLM"),
    ]:
        s, e = title_name(title)
        assert title[s:e] == name
    assert title_name("Rethinking Things: A Study") is None
    assert title_name("Why deep learning works: a view") is None
    for idiom in ("ZorbNet Revisited", "ZorbBench Meets QuuxNet", "Sparsity Is All You Need"):
        assert title_name(f"{idiom}: A Study of Things") is None, idiom


def test_proposed_names():
    text = (
        "We propose ZetaOpt, a new optimizer. In this work we introduce a novel "
        "framework called Kestrel Serve. We present Mixture-of-Widgets (MoW), a design."
    )
    assert sorted(_texts(text, proposed_names(text))) == [
        "Kestrel Serve",
        "Mixture-of-Widgets",
        "ZetaOpt",
    ]


def test_name_shapes_versions_and_filters():
    text = "We compare FooNet-2 and BarLM++ with GPT-3 13B, TPU v4, 1-bit Zeta, 12X and 4k runs."
    found = _texts(text, name_shaped(text))
    assert "FooNet-2" in found and "BarLM++" in found and "GPT-3 13B" in found
    assert "1-bit Zeta" in found
    assert "12X" not in found and "4k" not in found


def test_listed_names_after_cues_not_in_title():
    text = "Kestrel Things\n\nOptimizers such as Zorblax and Quux are popular."
    found = _texts(text, listed_names(text, start=len("Kestrel Things")))
    assert found == ["Zorblax", "Quux"]


def test_the_abstracts_first_word_is_no_typed_name():
    text = "Kestrel Things\n\nStateful optimizers help. We also use Zorbic optimizers."
    found = _texts(text, listed_names(text, start=len("Kestrel Things")))
    assert set(found) == {"Zorbic"}  # after "use" and before a type noun


def test_concept_phrases_by_head_noun():
    text = (
        "We combine pipeline parallelism with efficient attention, speculative decoding "
        "and quantization, unlike deep learning."
    )
    found = _texts(text, concept_phrases(text))
    assert "pipeline parallelism" in found
    assert "speculative decoding" in found
    assert "quantization" in found
    assert "efficient attention" not in found
    assert not any("deep learning" in f for f in found)


def test_function_words_are_no_modifiers():
    text = (
        "Even though quantization helps, accuracy drops after fine-tuning, unlike widely "
        "used optimizers."
    )
    found = _texts(text, concept_phrases(text))
    assert "quantization" in found
    assert "fine-tuning" in found
    assert not any(f.split()[0] in ("though", "after", "used") for f in found), found


def test_everyday_attention_is_no_technique():
    text = (
        "Sparse models have gained significant attention. Little attention has been paid "
        "to kernels. We prune more attention heads and use attention everywhere."
    )
    found = _texts(text, concept_phrases(text))
    assert found.count("attention") == 2  # "more attention heads", "use attention"


def test_concept_phrases_in_texts_whose_lower_case_is_longer():
    # "İ" lowers to two characters; capitalised heads must still be found, at their offsets
    text = "Made in İzmir. Pipeline Parallelism helps."
    found = _texts(text, concept_phrases(text))
    assert "Pipeline Parallelism" in found


def test_resolve_overlaps_keeps_longest():
    ms = [Mention(0, 9, "DeepSpeed", "vocab", 0.95), Mention(0, 17, "DeepSpeed-FastGen", "x", 0.7)]
    assert [m.text for m in resolve_overlaps(ms)] == ["DeepSpeed-FastGen"]


def test_a_size_in_parentheses_is_no_abbreviation(extractor):
    from kg.models import Paper

    out = extractor.extract_one(
        Paper(
            id="x",
            title="A Study",
            abstract="We train models of 7, 13 and 70 billion parameters (7B, 13B and 70B).",
        )
    )
    assert not [e.name for e in out.entities if e.name[:1].isdigit()]


def test_capitalised_words_around_a_camelcase_name_are_part_of_it():
    text = (
        "Kestrel Things\n\nWe adopt Rapid ZorbFuse for batching. Our tool runs in the "
        "QuuxPay Suggest product, unlike Meta ZorbScale. Dual Optimizer Policy is unchanged."
    )
    found = _texts(text, listed_names(text, start=len("Kestrel Things")))
    assert "Rapid ZorbFuse" in found and "QuuxPay Suggest" in found
    assert "Meta ZorbScale" not in found  # an organisation before its product
    assert "Dual Optimizer Policy" not in found  # no CamelCase word, sentence start


def test_units_and_tasks_are_no_name_shapes():
    text = "It took 300 NPU-days of compute for text-to-4D synthesis with ZorbNet."
    found = _texts(text, name_shaped(text))
    assert "NPU" in found and "ZorbNet" in found
    assert not any("days" in f or "text-to" in f for f in found)


def test_verbs_and_the_everyday_attention_are_no_concept_modifiers():
    text = (
        "Zorb adjusts parallelism on the fly and can bypass backpropagation, despite "
        "considerable attention to its cost and general-purpose optimizers."
    )
    found = _texts(text, concept_phrases(text))
    assert "adjusts parallelism" not in found and "bypass backpropagation" not in found
    assert "backpropagation" in found
    assert not any("attention" in f for f in found)
    assert "general-purpose optimizers" not in found


def test_a_heads_own_modifier_is_kept_even_if_a_stop_word():
    # "prompt" and "token" are stop modifiers in general, but the named kinds of tuning
    # and merging the lexicon lists for these heads
    text = "We compare prompt tuning with token merging and use tokens tuning rarely."
    found = _texts(text, concept_phrases(text))
    assert "prompt tuning" in found
    assert "token merging" in found
    assert "tokens tuning" not in found


def test_the_papers_own_name_replaces_a_shorter_name_inside_it():
    text = "Zap Engine: fast serving. We build Zap Engine, which beats Zap and pipeline Foo."
    ms = [
        Mention(0, 10, "Zap Engine", "title_name", 0.9),
        Mention(35, 38, "Zap", "vocab", 0.95),  # inside "Zap Engine": replaced
        Mention(59, 62, "Zap", "vocab", 0.95),  # on its own: kept
    ]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert out == [(0, "Zap Engine"), (35, "Zap Engine"), (59, "Zap")]


def test_the_papers_own_name_is_found_in_lower_case_too():
    text = "Zap Engine: fast serving. The Zap engine beats Zap, and zap engines."
    ms = [
        Mention(0, 10, "Zap Engine", "title_name", 0.9),
        Mention(30, 33, "Zap", "vocab", 0.95),  # inside "Zap engine": replaced
        Mention(47, 50, "Zap", "vocab", 0.95),  # on its own: kept
    ]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert out == [(0, "Zap Engine"), (30, "Zap engine"), (47, "Zap")]


def test_a_defined_long_form_is_found_in_title_case_too():
    text = "Faster ZoRB Sharding for Nets. We study ZoRB sharding (ZS) on ZoRB."
    ms = [
        Mention(40, 53, "ZoRB sharding", "abbreviation_long", 0.8),
        Mention(55, 57, "ZS", "abbreviation", 0.85),
        Mention(7, 11, "ZoRB", "vocab", 0.95),  # inside the title's "ZoRB Sharding"
    ]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert (7, "ZoRB Sharding") in out and (7, "ZoRB") not in out
    # a generic long form leaves a name inside it alone in another case
    ms[0].specific = False
    ms[0].text = ms[0].text.lower()
    out = [(m.start, m.text) for m in propagate(text.replace("ZoRB s", "zorb s"), ms)]
    assert (7, "ZoRB") in out


def test_a_generic_concept_inside_the_own_name_stays():
    text = "Wide Pipeline Parallelism: a study. Wide Pipeline Parallelism helps."
    ms = [
        Mention(0, 25, "Wide Pipeline Parallelism", "title_name", 0.9),
        Mention(41, 61, "Pipeline Parallelism", "vocab", 0.95, specific=False),
    ]
    out = [m.text for m in propagate(text, ms)]
    assert out == ["Wide Pipeline Parallelism", "Pipeline Parallelism"]


def test_capitalised_tasks_are_no_name_shapes():
    # a Title Case title writes the task "speech-to-2D" with a capital
    text = "Zorb: Fast Speech-to-2D Synthesis with Image-to-Video Hints on FooGPU"
    found = _texts(text, name_shaped(text))
    assert "FooGPU" in found
    assert not any("-to-" in f for f in found)


def test_a_based_on_prefix_is_no_part_of_the_name():
    text = (
        "We port the solver to two ARM-based Zorb platforms, compared to FPGA-accelerated FooLib."
    )
    found = _texts(text, listed_names(text))
    assert "Zorb" in found and "FooLib" in found
    assert not any("-based" in f or "-accelerated" in f for f in found), found


def test_a_device_in_a_cost_unit_is_no_hardware(extractor):
    from kg.models import Paper

    cost = Paper(
        id="p", title="Zorb", abstract="Training Zorb costs 900 GPU hours, or 40 TPU-days."
    )
    names = {e.name for e in extractor.extract_one(cost).entities}
    assert not names & {"GPU", "TPU"}, names
    run = Paper(id="q", title="Zorb", abstract="We train Zorb on 8 GPUs in 900 GPU hours.")
    assert "GPU" in {e.name for e in extractor.extract_one(run).entities}


def test_the_short_form_of_a_non_entity_is_none(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb",
        abstract="Foundation models (FMs) are costly. We serve FMs with ZorbNet on FM clusters.",
    )
    names = {e.name for e in extractor.extract_one(paper).entities}
    assert not names & {"FM", "FMs"}, names
    assert "ZorbNet" in names


def test_the_short_form_of_plain_content_is_no_entity(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb",
        abstract="From user questions (UQ) and table specifications (TS), ZorbNet writes SQL. "
        "Each UQ is checked against its TS.",
    )
    names = {e.name for e in extractor.extract_one(paper).entities}
    assert not names & {"UQ", "TS", "user questions", "table specifications"}, names
    assert "ZorbNet" in names


def test_the_own_name_with_a_concept_head_is_one_entity_with_its_name_part():
    ms = [
        Mention(0, 16, "ZORB Parallelism", "title_name", 0.9),
        Mention(40, 44, "ZORB", "name_shape", 0.7),
        Mention(60, 76, "QUUX Attention", "proposed_name", 0.85),
        Mention(90, 94, "QUUX", "vocab", 0.95, concept=SimpleNamespace(id="quux")),
    ]
    group_mentions(ms, [])
    assert ms[0].group == ms[1].group
    assert ms[2].group != ms[3].group  # a vocabulary name is another entity


def test_a_title_name_may_open_with_a_common_capitalised_word():
    title = "Fast Zorb Buffers: Training Things on Phones"
    s, e = title_name(title)
    assert title[s:e] == "Fast Zorb Buffers"
    assert title_name("Deep Learning: A Survey of Things") is None
    assert title_name("Efficient Training: A Study") is None
    assert title_name("Deep Neural Networks: A Study") is None


def test_message_passing_and_deduplication_are_concepts():
    text = "Zorb replaces message passing in graph models and applies fuzzy deduplication."
    found = _texts(text, concept_phrases(text))
    assert "message passing" in found and "fuzzy deduplication" in found
    assert "passing" not in found  # a head that needs its modifier


def test_a_concept_head_before_a_thing_noun_is_its_modifier():
    text = (
        "Zorb keeps a hashed embedding table and a custom caching allocator, shares the "
        "attention cache, and reports the quantization error of weight quantization."
    )
    found = _texts(text, concept_phrases(text))
    assert "weight quantization" in found
    assert not any(f.endswith(("embedding", "caching", "attention")) for f in found), found
    assert found.count("quantization") == 0  # "quantization error": a measure of it


def test_a_vendor_before_a_product_is_part_of_its_name():
    from kg.extract.discovery import _vendor_products

    text = "Zorb beats the Arm Cortex-A9 and Intel chips."
    ms = [
        Mention(15, 18, "Arm", "vocab", 0.95),
        Mention(19, 28, "Cortex-A9", "name_shape", 0.7),
        Mention(33, 38, "Intel", "vocab", 0.95),  # no product after it
    ]
    assert [m.text for m in _vendor_products(text, ms)] == ["Arm Cortex-A9"]


def test_evaluative_compounds_are_no_concept_modifiers():
    text = "Zorb keeps low-latency sampling, large-scale pruning and block-sparse attention."
    found = _texts(text, concept_phrases(text))
    assert "block-sparse attention" in found
    assert "low-latency sampling" not in found and "large-scale pruning" not in found
    assert "pruning" in found  # a standalone head keeps its own name


def test_a_lower_case_word_before_a_device_is_no_part_of_its_name():
    text = "Zorb pages the shared host-GPU buffer and on-FPGA tables of post-LN layers."
    found = _texts(text, name_shaped(text))
    assert "GPU" in found and "FPGA" in found
    assert "post-LN" in found  # only devices lose the word before them


def test_a_wise_compound_names_the_kind_of_technique():
    text = "Zorb applies block-wise quantization and channel-wise pruning to weights."
    found = _texts(text, concept_phrases(text))
    assert "block-wise quantization" in found and "channel-wise pruning" in found


def test_a_level_compound_names_the_kind_of_technique():
    text = "Zorb mixes op-level parallelism with token-level pruning."
    found = _texts(text, concept_phrases(text))
    assert "op-level parallelism" in found and "token-level pruning" in found


def test_a_defined_long_form_replaces_a_shorter_name_inside_it():
    text = "Tiny Zap Net for Phones. We present the Tiny Zap Net (TZN), unlike Zap Net."
    ms = [
        Mention(5, 12, "Zap Net", "vocab", 0.95),  # inside the title's "Tiny Zap Net"
        Mention(40, 52, "Tiny Zap Net", "abbreviation_long", 0.8),
        Mention(67, 74, "Zap Net", "vocab", 0.95),
    ]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert out == [(0, "Tiny Zap Net"), (40, "Tiny Zap Net"), (67, "Zap Net")]


def test_a_two_author_eponym_is_a_name():
    text = "Iterative solvers such as Fisher-Zorbov and Newton are slow; Zorb is not."
    found = _texts(text, listed_names(text))
    assert "Fisher-Zorbov" in found
    assert "Newton" not in found  # a lone common capitalised word stays out


def test_an_enumerated_proposal_names_the_proposed_thing():
    text = "We (1) show that sums are scans and (2) we (ii) introduce Zorbel, a fast module."
    assert [text[s:e] for s, e in proposed_names(text)] == ["Zorbel"]


def test_a_vocabulary_name_wins_over_a_head_noun_phrase_across_it(tiny_vocab):
    from kg.extract import Extractor
    from kg.extract.vocab_loader import register_concepts
    from kg.models import Paper
    from kg.ontology import EntityType
    from kg.vocab import VocabConcept

    polyak = VocabConcept(
        "urn:x:pm", "polyak", EntityType.METHOD.value, "Polyak momentum", specific=False
    )
    x = Extractor(vocab_files=[register_concepts("tiny-polyak", [*tiny_vocab, polyak])])
    text = "Zorb trains with the Polyak momentum optimizer on GPUs."
    names = {e.name for e in x.extract_one(Paper(id="p", title="Zorb", abstract=text)).entities}
    assert "Polyak momentum" in names, names
    assert "momentum optimizer" not in names, names


def test_a_one_letter_variant_after_a_slash_is_part_of_the_name():
    text = "We compare ZAPS/E with NetX on CPU/GPU nodes and end with QRS/T"
    found = _texts(text, name_shaped(text))
    assert "ZAPS/E" in found and "QRS/T" in found, found
    assert "CPU" in found and "GPU" in found, found


def test_a_title_case_technique_inside_a_sentence_is_a_concept():
    text = (
        "Zorb\n\nWe cast routing as a Minimum Cost Matching problem. "
        "The Gradient Clipping Scheduling keeps it stable. Warmup Cosine Annealing helps, "
        "unlike Optical Flow Estimation "
        "tools for Video Segmentation or the Blue Team."
    )
    found = {text[s:e]: rule for s, e, rule, *_ in listed_names(text, 6)}
    assert found.get("Minimum Cost Matching") == "title_case_concept", found
    assert found.get("Gradient Clipping Scheduling") == "title_case_concept", found
    assert not any("Cosine" in f for f in found), found  # a sentence's first word: unclear
    assert "Optical Flow Estimation" in found, found
    assert "Video Segmentation" not in found and "Blue Team" not in found, found


def test_a_hyphenated_classifier_leads_a_head_noun_term():
    text = "We add row-major tensor caching and low-latency tensor caching to Zorb."
    found = {(text[s:e], rule) for s, e, rule, *_ in concept_phrases(text)}
    assert ("row-major tensor caching", "head_noun_compound") in found, found
    assert ("tensor caching", "head_noun") in found, found
    assert not any(n.startswith("low-latency") for n, _ in found), found


def test_a_vocabulary_term_wins_over_a_compound_around_it(extractor):
    from kg.models import Paper

    # the paper names the term alone too (else the kind it names is the entity)
    text = "Zorb adds stage-wise pipeline parallelism to the trainer's pipeline parallelism."
    names = {
        e.name for e in extractor.extract_one(Paper(id="p", title="Zorb", abstract=text)).entities
    }
    assert "pipeline parallelism" in names, names


def test_a_lone_capitalised_participle_is_no_name():
    text = "Hence, we propose Staggered kappa-Pruning (SkP) and compare it with Tokenized."
    assert "Staggered" not in _texts(text, proposed_names(text))
    assert "Tokenized" not in _texts(text, listed_names(text))
    text = "We propose Indeed, a tool."  # "-eed" is no participle ending
    assert _texts(text, proposed_names(text)) == ["Indeed"]


def test_a_memory_standard_and_its_memory_kind_are_one_device():
    text = "Weights stay in LPDDR5 SDRAM, activations in HBM3 DRAMs and caches in SRAM."
    found = _texts(text, name_shaped(text))
    assert "LPDDR5 SDRAM" in found and "HBM3 DRAMs" in found
    assert "SRAM" in found


def test_a_name_before_a_plural_of_steps_names_a_scheme():
    text = "Zorb Things\n\nOur solver replaces Halvorsen iterations with Quist-Marr updates."
    found = _texts(text, listed_names(text, start=len("Zorb Things")))
    assert "Halvorsen iterations" in found and "Quist-Marr updates" in found
    text = "Zorb Things\n\nIt pairs a cosine scheduler with a Brevik-Lund sampler."
    found = _texts(text, listed_names(text, start=len("Zorb Things")))
    assert "Brevik-Lund sampler" in found
    text = "Zorb Things\n\nWe run Monte Carlo steps. Euler steps are cheap."
    found = _texts(text, listed_names(text, start=len("Zorb Things")))
    assert "Carlo steps" not in found and "Euler steps" not in found  # sentence start


def test_a_vocabulary_name_before_a_plural_of_steps_stays_itself(extractor):
    from kg.models import Paper

    out = extractor.extract_one(
        Paper(id="x", title="Zorb", abstract="Zorb smooths the Adam updates of each layer.")
    )
    names = {e.name for e in out.entities}
    assert "Adam" in names and "Adam updates" not in names, names


def test_a_platform_aware_system_is_one_name():
    text = "We build on ROCm-aware ZorbMPI and Locality-aware Parallel decoding."
    found = _texts(text, name_shaped(text))
    assert "ROCm-aware ZorbMPI" in found
    assert not any(f.startswith("Locality") for f in found), found
    text = "We compare with MoE-aware ZorbServe."  # no platform: a description
    assert "MoE-aware ZorbServe" not in _texts(text, name_shaped(text))


def test_a_named_communication_pattern_is_a_concept():
    text = "Zorb overlaps point-to-point communication, P2P communication and little communication."
    found = _texts(text, concept_phrases(text))
    assert "point-to-point communication" in found and "P2P communication" in found
    assert not any(f.endswith("communication") and f.startswith("little") for f in found)
    assert "communication" not in found  # not standalone


def test_a_model_modifier_adds_nothing_to_a_standalone_technique():
    text = "Zorb speeds up model finetuning and model pruning, unlike model parallelism."
    found = _texts(text, concept_phrases(text))
    assert "finetuning" in found and "pruning" in found
    assert "model finetuning" not in found and "model pruning" not in found
    assert "model parallelism" in found  # no technique without its modifier


def test_fine_tuning_listed_among_life_stages_is_no_technique(extractor):
    from kg.models import Paper

    staged = Paper(
        id="s",
        title="Zorb",
        abstract="We time pre-training, fine-tuning, and inference of Zorb; "
        "pretraining+finetuning takes a day.",
    )
    names = {e.name.lower() for e in extractor.extract_one(staged).entities}
    assert not names & {"fine-tuning", "finetuning"}, names
    used = Paper(id="u", title="Zorb", abstract="Zorb relies on fine-tuning with few labels.")
    assert "fine-tuning" in {e.name for e in extractor.extract_one(used).entities}


def test_fine_tuning_after_an_acronym_name_is_one_run(extractor):
    from kg.models import Paper

    run = Paper(
        id="r", title="Zorb", abstract="Zorb speeds up QUUX finetuning and WBX model finetuning."
    )
    names = {e.name.lower() for e in extractor.extract_one(run).entities}
    assert "finetuning" not in names, names
    generic = Paper(id="g", title="Zorb", abstract="Zorb speeds up LLM finetuning on GPUs.")
    assert "finetuning" in {e.name for e in extractor.extract_one(generic).entities}


def test_a_c_library_function_is_no_name():
    text = "Zorb intercepts ZMQ_Recv and ZMQ_Sendmsg calls of ZeroMQ, unlike FooLib_v2."
    found = _texts(text, name_shaped(text))
    assert "ZMQ_Recv" not in found and "ZMQ_Sendmsg" not in found
    assert "ZeroMQ" in found


def test_a_kind_of_attention_wins_over_the_generic_attention_mechanism(tiny_vocab):
    from kg.extract import Extractor
    from kg.extract.vocab_loader import register_concepts
    from kg.models import Paper
    from kg.ontology import EntityType
    from kg.vocab import VocabConcept

    text = "Zorb mixes a strided attention mechanism with plain layers."
    found = _texts(text, concept_phrases(text))
    assert "strided attention" in found and "attention mechanism" not in found, found
    am = VocabConcept(
        "urn:x:am", "am", EntityType.METHOD.value, "attention mechanism", specific=False
    )
    x = Extractor(vocab_files=[register_concepts("tiny-am", [*tiny_vocab, am])])
    names = {e.name for e in x.extract_one(Paper(id="p", title="Zorb", abstract=text)).entities}
    assert "strided attention" in names and "attention mechanism" not in names, names
    text = "Zorb keeps the attention mechanism of its teacher."
    names = {e.name for e in x.extract_one(Paper(id="q", title="Zorb", abstract=text)).entities}
    assert "attention mechanism" in names, names


def test_a_name_before_a_verb_updates_is_no_scheme():
    text = "Zorb Things\n\nIn each round, Halvorsen updates the weights of every layer."
    found = _texts(text, listed_names(text, start=len("Zorb Things")))
    assert "Halvorsen updates" not in found, found


def test_the_papers_own_name_before_updates_stays_itself(extractor):
    from kg.models import Paper

    p = Paper(
        id="x", title="Halvorsen: Fast Things", abstract="We see that Halvorsen updates are small."
    )
    names = {e.name for e in extractor.extract_one(p).entities}
    assert "Halvorsen" in names and "Halvorsen updates" not in names, names


def test_the_writers_naming_their_own_work():
    text = (
        "We design and implement Zorblax, a widget trainer. Our scheduler, Quillo, runs "
        "jobs, and our library Brimset is small. We call the resulting method Tandrel, "
        "which we call Vorp. In our system, Ray schedules jobs. We call for more work."
    )
    assert sorted(_texts(text, proposed_names(text))) == [
        "Brimset",
        "Quillo",
        "Tandrel",
        "Vorp",
        "Zorblax",
    ]
    assert list(proposed_names("Our results, Table 2 shows, are good.")) == []


def test_names_after_comparison_and_use_cues():
    text = "Widgets\n\nCompared to Frobnet, it is fast. Unlike Zorbo, it is exact. We use Quix."
    found = _texts(text, listed_names(text, start=len("Widgets")))
    assert found == ["Frobnet", "Zorbo", "Quix"]


def test_a_greek_letter_name_and_its_latin_look_alike_are_one_entity():
    mentions = [
        Mention(0, 4, "DεpS", "title_name", 0.9),
        Mention(10, 14, "DEpS", "name_shape", 0.7),
    ]
    group_mentions(mentions, [])
    assert mentions[0].group == mentions[1].group


def test_a_one_letter_typo_of_the_own_name_is_the_own_name():
    mentions = [
        Mention(0, 11, "KestrelStar", "title_name", 0.9),
        Mention(20, 30, "KestrlStar", "name_shape", 0.7),
        Mention(40, 52, "KestrelStars", "name_shape", 0.7),  # a plural: grouped by key anyway
        Mention(60, 71, "KestrelStor", "name_shape", 0.7),  # a letter changed: another name
        Mention(80, 92, "KestrelStarX", "name_shape", 0.7),  # a letter at the end: a variant
    ]
    group_mentions(mentions, [])
    groups = [m.group for m in mentions]
    assert groups[0] == groups[1] == groups[2]
    assert groups[3] != groups[0] and groups[4] != groups[0]


def test_a_name_and_its_maker_prefixed_form_are_one_entity():
    from kg.extract.state import Abbreviation

    mentions = [
        Mention(0, 11, "QuuxSys-MAX", "name_shape", 0.7),
        Mention(20, 23, "MAX", "name_shape", 0.7),
        Mention(30, 38, "Zorb-XXL", "name_shape", 0.7),
        Mention(40, 43, "XXL", "name_shape", 0.7),  # a size mark
        Mention(50, 58, "Quux-CoW", "name_shape", 0.7),
        Mention(60, 63, "CoW", "abbreviation", 0.85),  # a defined technique
    ]
    cow = Abbreviation(60, 63, 64, 80, "CoW", "Composition of Widgets")
    group_mentions(mentions, [cow])
    g = [m.group for m in mentions]
    assert g[0] == g[1] and g[2] != g[3] and g[4] != g[5]


def test_orthogonalization_with_a_modifier_is_a_concept():
    text = "Zorb applies weight orthogonalization. Orthogonalization alone is costly."
    found = _texts(text, concept_phrases(text))
    assert found == ["weight orthogonalization"]


def test_the_proposed_title_case_name_before_a_head_noun():
    text = (
        "We propose the Quill Widget Folding solver for ODEs. We introduce a "
        "Mixture-of-Experts layer. We present the Big Data problem."
    )
    assert _texts(text, proposed_names(text)) == ["Quill Widget Folding"]


def test_a_vocabulary_word_heading_an_indefinite_noun_phrase_is_a_common_noun():
    from kg.extract.discovery import _common_noun

    text = (
        "Zorb: An Open Toolbox for Widgets\n\n"
        "We run Toolbox, an Adam variant and a PyTorch library."
    )
    spans = {"Toolbox": [text.find("Toolbox"), text.rfind("Toolbox")]}
    first, second = (Mention(s, s + 7, "Toolbox", "vocab", 1.0) for s in spans["Toolbox"])
    assert _common_noun(text, first)  # "An Open Toolbox for ..."
    assert not _common_noun(text, second)  # "run Toolbox, ...": the name
    for name in ("Adam", "PyTorch"):
        s = text.find(name)
        assert not _common_noun(text, Mention(s, s + len(name), name, "vocab", 1.0)), name


def test_the_short_form_of_a_fields_class_is_no_entity(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb",
        abstract="Users need expertise in machine learning systems (MLSys). "
        "Without MLSys skills, ZorbNet trains Widget Ranking Models (WRMs).",
    )
    names = {e.name for e in extractor.extract_one(paper).entities}
    assert not names & {"MLSys", "machine learning systems"}, names
    assert "WRM" in names or "WRMs" in names, names


def test_adjectives_before_a_fields_acronym_name_no_thing():
    text = "Widgets\n\nWe run Non-Neural ML kernels and Explainable AI tools on Vertex AI."
    found = _texts(text, [*name_shaped(text), *listed_names(text, start=len("Widgets"))])
    assert "Non-Neural ML" not in found and "Explainable AI" not in found
    assert "Vertex AI" in found


def test_a_distributions_name_is_no_listed_name():
    text = "Widgets\n\nWe fit weights using Zeta densities, and model noise using Quux."
    found = _texts(text, listed_names(text, start=len("Widgets")))
    assert found == ["Quux"]


def test_a_name_before_operating_system_is_a_typed_name():
    text = "Widgets\n\nAgents act in the Zorbix operating system and on Quix operating systems."
    found = _texts(text, listed_names(text, start=len("Widgets")))
    assert "Zorbix" in found and "Quix" in found


def test_a_parallelism_kind_before_parallel_names_the_scheme(extractor):
    text = "We shard the weights with tensor parallel layouts and try model-parallel tricks."
    found = _texts(text, concept_phrases(text))
    assert "tensor parallel" in found and "model-parallel" in found
    plain = "We run the parallel parts in parallel on four parallel workers."
    assert not any("parallel" in f for f in _texts(plain, concept_phrases(plain)))
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb",
        abstract="Zorb uses tensor parallelism. Its tensor parallel kernels overlap I/O.",
    )
    names = [e.name for e in extractor.extract_one(paper).entities if "tensor" in e.name]
    assert len(names) == 1, names  # the adjective and the noun: one scheme


def test_a_lower_case_named_part_replaces_concepts_inside_its_title_occurrence(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Folded pipeline parallelism and lazy widget caching for big nets",
        abstract="We introduce two new methods, folded pipeline parallelism and lazy "
        "widget caching, which halve the step time.",
    )
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert "folded pipeline parallelism" in names, names
    assert "pipeline parallelism" not in names, names


def test_a_concept_and_the_concept_with_a_generic_noun_are_one_entity():
    ms = [
        Mention(0, 13, "lazy swapping", "head_noun", 0.6, specific=False),
        Mention(30, 53, "lazy swapping mechanism", "component", 0.85, specific=False),
        Mention(70, 90, "widget strategies", "head_noun", 0.6, specific=False),
    ]
    group_mentions(ms, [])
    assert ms[0].group == ms[1].group
    assert ms[2].group not in (ms[0].group,)  # "widget" is never named alone


def test_lower_case_examples_after_a_kind_of_technique_are_concepts():
    text = (
        "Widgets\n\nWe add optimizations such as lazy paging and page pinning to save memory. "
        "Common tricks to curb overfitting, such as label smoothing, fail here. "
        "Cities such as north york and old town stay. Methods such as ours win."
    )
    found = _texts(text, listed_names(text, start=len("Widgets")))
    assert {"lazy paging", "page pinning", "label smoothing"} <= set(found), found
    assert not {"north york", "old town", "ours"} & set(found), found
    assert not any("save" in f or "fail" in f for f in found), found


def test_kinds_of_a_concept_never_named_alone_are_the_entities(extractor):
    from kg.models import Paper

    kinds = Paper(
        id="p",
        title="Zorb",
        abstract="Zorb mixes layer-wise pipeline parallelism with caching pipeline "
        "parallelism on 8 GPUs.",
    )
    names = {e.name.lower() for e in extractor.extract_one(kinds).entities}
    assert {"layer-wise pipeline parallelism", "caching pipeline parallelism"} <= names, names
    assert "pipeline parallelism" not in names, names
    alone = Paper(
        id="q",
        title="Zorb",
        abstract="Zorb mixes layer-wise pipeline parallelism with plain pipeline parallelism.",
    )
    names = {e.name.lower() for e in extractor.extract_one(alone).entities}
    assert "pipeline parallelism" in names, names


def test_a_classifier_led_by_a_digit_names_a_kind_too(extractor):
    from kg.models import Paper

    paper = Paper(id="p", title="Zorb", abstract="Zorb beats 2D-aware diffusion models.")
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert any(n.startswith("2d-aware diffusion model") for n in names), names


def test_a_short_form_in_parentheses_before_a_head_names_the_headed_concept():
    from kg.extract.discovery import _parenthesised_short_forms

    text = "It relies on point-to-point (ZQ2) communication; ZQ2 communication is slow."
    ms = [
        Mention(29, 32, "ZQ2", "name_shape", 0.7),
        Mention(49, 66, "ZQ2 communication", "head_noun", 0.6, specific=False),
    ]
    assert text[29:32] == "ZQ2" and text[49:66] == "ZQ2 communication"
    tied = list(_parenthesised_short_forms(text, ms))
    assert tied == [("ZQ2", "ZQ2 communication")]
    group_mentions(ms, [], tied)
    assert ms[0].group == ms[1].group


def test_a_classifying_adjective_names_a_kind_an_evaluative_one_does_not(extractor):
    from kg.models import Paper

    for adjective in ("asynchronous", "parallel"):
        abstract = f"Zorb runs {adjective} pipeline parallelism."
        mode = Paper(id="p", title="Zorb", abstract=abstract)
        names = {e.name.lower() for e in extractor.extract_one(mode).entities}
        assert f"{adjective} pipeline parallelism" in names, names
    good = Paper(id="q", title="Zorb", abstract="Zorb runs superb pipeline parallelism.")
    names = {e.name.lower() for e in extractor.extract_one(good).entities}
    assert "pipeline parallelism" in names, names


def test_no_kind_is_read_where_the_concept_modifies_a_type_noun(extractor):
    from kg.models import Paper

    paper = Paper(id="p", title="Zorb", abstract="Zorb is a dynamic pipeline parallelism library.")
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert "dynamic pipeline parallelism" not in names, names


def test_a_compound_class_before_named_examples_is_a_concept():
    text = (
        "Zorb Things\n\nGradient-based optimizers, such as Zorb, train nets. "
        "Some sparsity-aware solvers (e.g., Quux) help. State-of-the-art methods such as "
        "Blip fail, and decode-time strategies such as Flob too. Hybrid-parallel schemes "
        "such as ours differ. Many GPU-based solvers (e.g., Zap) and Quux-based methods "
        "such as Zip are old."
    )
    found = {text[s:e]: r for s, e, r, *_ in listed_names(text, start=len("Zorb Things"))}
    assert found.get("Gradient-based optimizers") == "example_class"
    assert found.get("sparsity-aware solvers") == "example_class"
    rules = {t for t, r in found.items() if r == "example_class"}
    assert rules == {"Gradient-based optimizers", "sparsity-aware solvers"}


def test_listed_names_go_on_past_a_lower_case_initial_name():
    # a list may open with a name in lower case ("vLLM"): the names after it are listed too
    text = "We compare with engines such as zorbLM and Quillon, unlike cuFoo, Brindle or Tamsk."
    found = _texts(text, listed_names(text))
    assert "Quillon" in found
    assert "Brindle" in found and "Tamsk" in found


def test_proposed_names_in_a_counted_list():
    # "two techniques, X and Y": the count announces a list of the writers' own names
    text = "We propose three techniques, Quuxformer, BlorpNorm and Zindle, to train faster."
    assert _texts(text, proposed_names(text)) == ["Quuxformer", "BlorpNorm", "Zindle"]
    text = "We introduce two methods, Pellow and Gristle. We compare with Tamsk."
    assert _texts(text, proposed_names(text)) == ["Pellow", "Gristle"]


def test_extractor_proposes_each_name_of_a_counted_list(extractor):
    text = "We propose two techniques, Quuxformer and BlorpNorm, to speed up training."
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    roles = {e.name: e.roles for e in out.entities}
    assert "proposes" in roles["Quuxformer"] and "proposes" in roles["BlorpNorm"]


def test_defined_names_subject_of_is_a_kind_of_work():
    text = (
        "Zindle is a simple yet effective method for pruning. Optimization is a ubiquitous "
        "modeling tool. This is a new method. We show that Tamsk is a framework."
    )
    assert _texts(text, defined_names(text, 0)) == ["Zindle"]


def test_extractor_finds_a_defined_name_opening_the_abstract(extractor):
    text = "Quuxformer is a new architecture for long sequences."
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    assert "Quuxformer" in [e.name for e in out.entities]


def test_coordinated_techniques_after_a_verb_of_proposing():
    text = "We introduce activation offloading, elastic sharding, and lazy gathering."
    found = _texts(text, coordinated_techniques(text, 0))
    assert "lazy gathering" in found and "elastic sharding" in found
    # no known technique head among them: results, not techniques
    text = "We present extensive experiments and theoretical analysis."
    assert _texts(text, coordinated_techniques(text, 0)) == []


def test_extractor_proposes_a_coordinated_technique(extractor):
    text = "We propose elastic sharding and lazy gathering to reduce memory."
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    roles = {e.name: e.roles for e in out.entities}
    assert "proposes" in roles.get("lazy gathering", [])


def test_classified_classes_after_a_cue_of_rivalry():
    text = (
        "Zorb runs faster than existing learning-based solvers and outperforms "
        "neuro-symbolic methods. It relies on gradient-based methods. It beats "
        "state-of-the-art methods."
    )
    found = _texts(text, classified_classes(text, 0))
    assert found == ["learning-based solvers", "neuro-symbolic methods"]


def test_extractor_finds_a_class_baseline(extractor):
    text = "Our solver is faster than existing learning-based solvers."
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    assert "learning-based solvers" in [e.name for e in out.entities]


def test_a_plural_name_is_found_in_the_singular_too():
    text = "Wary Samplers: fast steps. We build a wary sampler; wary samplers skip steps."
    ms = [Mention(0, 12, "Wary Samplers", "title_name", 0.9)]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert (38, "wary sampler") in out and (52, "wary samplers") in out


def test_a_generic_singular_concept_is_found_in_the_plural_too():
    text = "We use a gated merger here; two gated mergers help."
    ms = [Mention(9, 21, "gated merger", "head_noun", 0.6, specific=False)]
    out = [(m.start, m.text) for m in propagate(text, ms)]
    assert out == [(9, "gated merger"), (32, "gated mergers")]
    ms = [Mention(9, 21, "gated merger", "head_noun", 0.6, specific=True)]  # a proper name
    assert [m.start for m in propagate(text, ms)] == [9]


def test_extractor_groups_a_title_plural_with_its_singular(extractor):
    text = "We introduce a cautious optimizer. Cautious optimizers converge faster than Adam."
    title = "Cautious Optimizers: Training with One Line"
    out = extractor.extract_one(Paper(id="p", title=title, abstract=text))
    names = {e.name: e.aliases for e in out.entities}
    assert "cautious optimizer" in names["Cautious Optimizers"]


def test_extractor_finds_concepts_whose_head_is_elided(extractor):
    text = "Zorb combines expert, sequence, and pipeline parallelism on one GPU."
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    names = [e.name for e in out.entities]
    assert "expert parallelism" in names and "sequence parallelism" in names
    # a verb before "and" is no modifier; nor a noun ending a clause before ", and"
    text = (
        "We scale and pipeline parallelism helps. It cuts memory, and pipeline parallelism helps."
    )
    out = extractor.extract_one(Paper(id="p", title="A study of things", abstract=text))
    assert [e.name for e in out.entities] == ["pipeline parallelism"]


def test_a_title_case_phrase_the_abstract_repeats_in_lower_case_is_a_concept():
    from kg.extract.discovery import title_concepts

    def found(title, abstract):
        text = f"{title}\n\n{abstract}"
        return [text[s:e] for s, e, *_ in title_concepts(text, len(title))]

    # a classifying modifier ("dynamic", a hyphenated classifier) and a technique's head
    assert found(
        "Zorb: Dynamic Batching for Fast Serving", "Zorb uses dynamic batching of requests."
    ) == ["dynamic batching"]
    assert found(
        "Zorb: Quicker Layer-Dropping Training", "We speed up layer-dropping training."
    ) == ["layer-dropping training"]
    # "parallel" is a stop modifier elsewhere but classifies a technique's mode
    assert found("Zorb: Agentic Parallel Probing", "Classic parallel probing is slow.") == [
        "parallel probing"
    ]
    # no lower-case repeat, an evaluative modifier, a metric or a task: nothing
    assert found("Zorb: Dynamic Batching", "Zorb batches requests.") == []
    assert found("Zorb: Efficient Batching", "Zorb brings efficient batching.") == []
    assert found("Zorb: Dynamic Performance", "It has dynamic performance.") == []
    assert found("Zorb: Sparse Image Segmentation", "We do sparse image segmentation.") == []
    # a title that is all description names the paper's own work in full
    assert found("Dynamic Batching for Serving", "We show dynamic batching of requests.") == []


def test_a_title_concept_becomes_an_entity(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb: Dynamic Rerouting for Model Serving",
        abstract="Zorb is a serving engine. Its dynamic rerouting policy cuts latency.",
    )
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert "dynamic rerouting" in names, names


def test_coordinated_modifiers_of_one_form_share_the_head(extractor):
    from kg.models import Paper

    # "row-wise and column-wise pruning": the head is written once, each modifier of the
    # same form names its own technique, though no vocabulary holds either
    paper = Paper(id="p", title="Zorb", abstract="Zorb applies row-wise and column-wise pruning.")
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert {"row-wise pruning", "column-wise pruning"} <= names, names
    # a digit is a classifier only in a list of its own form
    other = Paper(id="q", title="Zorb", abstract="Zorb uses 2 and tensor parallelism.")
    names = {e.name.lower() for e in extractor.extract_one(other).entities}
    assert "2 parallelism" not in names, names


def test_coordinated_kinds_of_a_concept_are_both_kinds(extractor):
    from kg.models import Paper

    for abstract, kinds in [
        (
            "Zorb mixes synchronous and asynchronous pipeline parallelism.",
            {"synchronous pipeline parallelism", "asynchronous pipeline parallelism"},
        ),
        (
            "Zorb mixes op-level or layer-level pipeline parallelism.",
            {"op-level pipeline parallelism", "layer-level pipeline parallelism"},
        ),
    ]:
        paper = Paper(id="p", title="Zorb", abstract=abstract)
        names = {e.name.lower() for e in extractor.extract_one(paper).entities}
        assert kinds <= names, names
    # an evaluative word before the "and" is no kind
    plain = Paper(
        id="q", title="Zorb", abstract="Zorb is fast and asynchronous pipeline parallelism wins."
    )
    names = {e.name.lower() for e in extractor.extract_one(plain).entities}
    assert "fast pipeline parallelism" not in names, names


def test_a_programming_language_before_a_type_noun_is_no_system(extractor):
    from kg.models import Paper

    paper = Paper(
        id="p",
        title="Zorb: Things",
        abstract="Zorb is a Python package with a Rust library inside, built on QuuxLib.",
    )
    names = {e.name for e in extractor.extract_one(paper).entities}
    assert "Python" not in names and "Rust" not in names, names
    assert "Zorb" in names, names


def test_a_learning_regime_before_training_names_a_technique():
    text = (
        "Zorb relies on online training and continual pretraining, while offline training "
        "and careful training are plain steps."
    )
    found = _texts(text, concept_phrases(text))
    assert "online training" in found and "continual pretraining" in found, found
    assert not any("offline" in f or "careful" in f for f in found), found


def test_a_concept_named_only_as_what_the_work_does_without_is_none(extractor):
    from kg.models import Paper

    for abstract in (
        "Zorb needs minimal pipeline parallelism and requires no Mixture-of-Experts.",
        "Zorb runs without any pipeline parallelism to avoid Mixture-of-Experts.",
    ):
        paper = Paper(id="p", title="Zorb", abstract=abstract)
        names = {e.name.lower() for e in extractor.extract_one(paper).entities}
        assert "pipeline parallelism" not in names and "mixture-of-experts" not in names, names
    # a negated named entity stays, and so does a concept also named as such
    paper = Paper(
        id="q",
        title="Zorb",
        abstract="Zorb avoids Adam and pipeline parallelism's bubbles without any "
        "pipeline parallelism tuning. Pipeline parallelism is common.",
    )
    names = {e.name.lower() for e in extractor.extract_one(paper).entities}
    assert "adam" in names and "pipeline parallelism" in names, names
