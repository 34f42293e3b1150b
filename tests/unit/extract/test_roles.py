import pytest

from kg.extract import Extractor
from kg.extract.vocab_loader import register_concepts
from kg.models import Paper
from kg.ontology import EntityType
from kg.vocab import VocabConcept


def _roles(extractor, title, abstract):
    out = extractor.extract_one(Paper(id="x", title=title, abstract=abstract))
    return {
        e.name.lower() if not e.specific else e.name: (e.type, tuple(e.roles), e.count)
        for e in out.entities
    }


def test_roles_from_cues(extractor):
    got = _roles(
        extractor,
        "Zorblax: Fast Training with Pipeline Parallelism",
        "Large models are hard to train. We propose Zorblax, built on PyTorch. "
        "Trained on 512 GPUs, Zorblax outperforms Adam on ImageNet.",
    )
    assert got["Zorblax"][1] == ("proposes",)
    assert got["PyTorch"][1] == ("uses",)
    assert got["gpu"] == ("Hardware", ("runs_on",), 512)
    assert got["Adam"][1] == ("compares_with",)
    assert got["ImageNet"][1] == ("evaluates_on",)
    assert got["pipeline parallelism"][1] == ("uses",)


def test_background_is_mentions(extractor):
    got = _roles(
        extractor,
        "A Note",
        "Mixture-of-Experts has been widely studied. Existing systems rely on Zorbnet.",
    )
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_comparison_and_not_used_cues(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax, which trains without Adam. Zorblax is on-par with QuuxNet-2 "
        "and comparable to ZetaNet-3.",
    )
    assert got["Adam"][1] == ("mentions",)
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert "proposes" not in got["ZetaNet-3"][1]


def test_more_proposal_cues(extractor):
    got = _roles(
        extractor,
        "A Study of Widgets",
        "We study widgets, and propose a new architecture, ZorbNet, for them. "
        "ZorbNet-Lite keeps accuracy. Our discovered family, QuuxNets, is small. "
        "It also uses Blorp-2, a novel optimizer.",
    )
    for name in ("ZorbNet", "ZorbNet-Lite", "QuuxNets", "Blorp-2"):
        assert got[name][1] == ("proposes",), name


def test_cues_ignore_case_in_texts_whose_lower_case_is_longer(extractor):
    # "İ" lowers to two characters; the cues must still be read in lower case
    for abstract in (
        "We propose Zorblax. Compared with QuuxNet-2, Zorblax is fast.",
        "We propose Zorblax for İzmir. Compared with QuuxNet-2, Zorblax is fast.",
    ):
        got = _roles(extractor, "Zorblax: Lean Training", abstract)
        assert got["QuuxNet-2"][1] == ("compares_with",), abstract


def test_compare_verb_with_an_object_between(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax and compare it to existing methods, namely Adam and QuuxNet-2.",
    )
    assert got["Adam"][1] == ("compares_with",)
    assert got["QuuxNet-2"][1] == ("compares_with",)


def test_numbered_variants_of_the_papers_own_name_are_its_own(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax in two variants. Zorblax-1 is small; Zorblax-2 is large.",
    )
    assert got["Zorblax-1"][1] == ("proposes",)
    assert got["Zorblax-2"][1] == ("proposes",)


def test_we_propose_a_novel_long_form(extractor):
    got = _roles(
        extractor,
        "A Study of Translation",
        "We propose a novel Zorbic Quux Learning (ZQL) framework. ZQL is fast.",
    )
    assert got["ZQL"][1] == ("proposes",)


def test_sentences_after_the_own_work_starts_describe_it(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Training is costly. We propose Zorblax, a scheduler for clusters. "
        "It combines pipeline parallelism with Adam. Existing tools rely on PyTorch.",
    )
    assert got["pipeline parallelism"][1] == ("uses",)
    assert got["Adam"][1] == ("uses",)
    assert got["PyTorch"][1] == ("mentions",)


def test_background_before_the_own_work_stays_mentions(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Mixture-of-Experts makes training costly. We propose Zorblax for clusters.",
    )
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_a_title_name_starting_in_lower_case_is_proposed(extractor):
    got = _roles(
        extractor,
        "cuZorb: Lean Training of Large Models",
        "Training is costly. The design of cuZorb keeps memory low on one GPU.",
    )
    assert got["cuZorb"][1] == ("proposes",)


def test_over_compares_only_after_a_gain_or_a_comparative(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax, which avoids over-smoothing in Adam and scales to over 512 GPUs. "
        "Zorblax gives a 3x speedup over QuuxNet-2 and is faster over ZetaNet-3.",
    )
    assert got["Adam"][1] == ("uses",)
    assert got["gpu"][1] == ("runs_on",)
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert "proposes" not in got["ZetaNet-3"][1]


def test_a_dataset_in_a_comparison_of_the_own_work_is_evaluated_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax outperforms Adam across many datasets including ImageNet.",
    )
    assert got["Adam"][1] == ("compares_with",)
    assert got["ImageNet"][1] == ("evaluates_on",)


def test_we_introduce_the_concept_of_a_named_thing(extractor):
    got = _roles(
        extractor,
        "A Study of Widgets",
        "We introduce the concept of zorbic quux kernels (ZQKs), which replace dense layers.",
    )
    assert got["ZQK"][1] == ("proposes",)


def test_superior_to_is_a_comparison(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax, which we show is superior to QuuxNet-2 in memory use.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)


def test_hardware_after_on_a_in_a_comparison_is_run_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax is 2x faster than QuuxNet-2 on a single GPU.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert got["gpu"] == ("Hardware", ("runs_on",), 1)


def test_what_the_baselines_are_built_on_is_not_the_competitor(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax outperforms strong baselines built on Quux-7B by 12%, "
        "and is 2x faster than Frobnet.",
    )
    assert got["Quux-7B"][1] == ("uses",)
    assert got["Frobnet"][1] == ("compares_with",)


def test_the_popular_one_in_own_work_is_compared_not_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax needs less memory than even the widely used trainer, "
        "Frobnet. We also show that popular trainers such as Frobnet waste bandwidth.",
    )
    assert got["Frobnet"][1] == ("compares_with",)


def test_the_popular_one_used_in_own_work_stays_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. We build Zorblax on the widely used Frobnet library.",
    )
    assert got["Frobnet"][1] == ("uses",)


def test_an_analogy_opener_only_mentions(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Analogous to virtual memory on CPUs, Zorblax pages widgets "
        "between devices, and it runs on a single GPU.",
    )
    assert got["CPU"][1] == ("mentions",)
    assert got["gpu"][1] == ("runs_on",)


def test_the_workload_after_a_comparison_is_used_not_compared(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax is 1.4x faster than Frobnet when training Quux-9B "
        "and Quux-30B, and it beats Blorp-2 on Quux-70B.",
    )
    assert got["Frobnet"][1] == ("compares_with",)
    assert got["Blorp-2"][1] == ("compares_with",)
    assert got["Quux-9B"][1] == ("uses",)
    assert got["Quux-30B"][1] == ("uses",)
    assert got["Quux-70B"][1] == ("uses",)


def test_hardware_after_compared_with_is_a_competitor(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Inference on Microcontrollers",
        "We propose Zorblax. We also give a comparison with the CPU of a phone, "
        "which Zorblax beats by 3x in energy.",
    )
    assert got["CPU"][1] == ("compares_with",)


def test_hardware_as_a_measure_in_a_comparison_is_no_competitor(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Compared to QuuxNet-2, Zorblax cuts the GPU memory in half.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert got["gpu"][1] == ("runs_on",)


def test_hardware_the_paper_runs_on_is_not_also_compared(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We run Zorblax on a single GPU. Both beat the GPU of a laptop.",
    )
    assert got["gpu"][1] == ("runs_on",)


def test_datasets_listed_after_including_are_evaluated_on(extractor):
    got = _roles(
        extractor,
        "Notes on Lean Training",
        "Pruning is popular. Thus, QuuxNet-2 beats pruning on accuracy across three datasets "
        "including CIFAR-10 and ImageNet-1k.",
    )
    assert got["CIFAR-10"][1] == ("evaluates_on",)
    assert got["ImageNet-1k"][1] == ("evaluates_on",)


def test_hardware_as_a_cost_in_background_is_mentioned(extractor):
    got = _roles(
        extractor,
        "Notes on Lean Training",
        "Serving many adapters tends to inflate the GPU memory footprint of a server.",
    )
    assert got["gpu"][1] == ("mentions",)


def test_an_unknown_method_ending_the_title_after_via_is_proposed(extractor):
    got = _roles(
        extractor,
        "Faster Decoding of Long Prompts via Staggered Attention",
        "Decoding long prompts is slow. We show how to stagger the stages.",
    )
    assert got["staggered attention"][1] == ("proposes",)
    got = _roles(
        extractor,
        "Faster Decoding of Long Prompts with Pipeline Parallelism",
        "Decoding long prompts is slow. We show how to stagger the stages.",
    )
    assert got["pipeline parallelism"][1] == ("uses",)


def test_what_the_own_work_does_not_need_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax, which does not need any pipeline parallelism. "
        "Our trainer does not rely on Mixture-of-Experts either.",
    )
    assert got["pipeline parallelism"][1] == ("mentions",)
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_what_the_own_work_overcomes_is_compared(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "By removing the drawbacks of Mixture-of-Experts, Zorblax trains twice as fast.",
    )
    assert got["mixture-of-experts"][1] == ("compares_with",)
    got = _roles(
        extractor,
        "Notes on Lean Training",
        "Many note the drawbacks of Mixture-of-Experts.",
    )
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_a_released_dataset_is_also_used_or_evaluated_on(extractor):
    got = _roles(
        extractor,
        "ZorbBench: A Suite of Tasks for Code Agents",
        "We release ZorbBench, a dataset of 500 tasks.",
    )
    assert got["ZorbBench"][1] == ("proposes", "evaluates_on")
    got = _roles(
        extractor,
        "ZorbCorpus: Parallel Text for Ten Languages",
        "We release the ZorbCorpus dataset, 5M sentence pairs.",
    )
    assert got["ZorbCorpus"][1] == ("proposes", "uses")


def test_what_future_work_may_explore_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We train Zorblax with pipeline parallelism. Our code is public to facilitate "
        "further studies of Mixture-of-Experts.",
    )
    assert got["pipeline parallelism"][1] == ("uses",)
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_related_work_the_paper_places_itself_among_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We relate Zorblax to related systems (Mixture-of-Experts, QuuxNet-2) at the end.",
    )
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_what_the_papers_own_name_builds_on_is_used(extractor):
    got = _roles(
        extractor,
        "Turbo-Adam: Faster Optimization",
        "Adam has long been the default optimizer. We propose Turbo-Adam.",
    )
    assert got["Turbo-Adam"][1] == ("proposes",)
    assert got["Adam"][1] == ("uses",)


def test_a_dataset_named_right_after_training_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. We test it by training ImageNet classifiers with Zorblax, "
        "and report results on CIFAR-10.",
    )
    assert got["ImageNet"][1] == ("uses", "evaluates_on")
    assert got["CIFAR-10"][1] == ("evaluates_on",)


def test_a_dataset_the_paper_builds_its_own_from_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. We extend the WidgetBench benchmark with 500 harder tasks "
        "and report results on CIFAR-10.",
    )
    assert got["WidgetBench"][1] == ("uses",)
    assert got["CIFAR-10"][1] == ("evaluates_on",)


def test_a_dataset_the_paper_trains_on_is_used_and_evaluated_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We pre-train Zorblax on ImageNet and report its accuracy.",
    )
    assert got["ImageNet"][1] == ("uses", "evaluates_on")


def test_comparable_accuracy_to_is_a_comparison(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax reaches comparable accuracy to QuuxNet-2 at half the cost.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)


def test_this_method_namely_x_is_proposed(extractor):
    got = _roles(
        extractor,
        "Notes on Lean Decoding",
        "Decoding is slow. This method, namely staggered decoding (SDec), halves latency. "
        "Our approach, called QuuxNet-3, is faster still.",
    )
    assert got["SDec"][1] == ("proposes",)
    assert got["QuuxNet-3"][1] == ("proposes",)


def test_we_provide_a_modular_framework_x_is_proposed(extractor):
    got = _roles(
        extractor,
        "Notes on Lean Decoding",
        "Decoding is slow. We provide a modular decoding framework QuuxNet-3 that halves latency.",
    )
    assert got["QuuxNet-3"][1] == ("proposes",)


def test_improvements_on_a_domain_compare_nothing(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We report improvements on several settings, including pipeline parallelism. "
        "Zorblax also improves on Adam.",
    )
    assert got["pipeline parallelism"][1] == ("uses",)
    assert got["Adam"][1] == ("compares_with",)


def test_a_contrast_clause_ends_a_comparison(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax is faster than QuuxNet-2, while it runs with pipeline "
        "parallelism.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert got["pipeline parallelism"][1] == ("uses",)


def test_a_comparison_in_the_background_is_not_the_papers(extractor):
    got = _roles(
        extractor,
        "Notes on Lean Training",
        "Mixture-of-Experts trains faster than dense Adam runs. We propose Zorblax, "
        "which beats QuuxNet-2.",
    )
    assert got["Adam"][1] == ("mentions",)
    assert got["QuuxNet-2"][1] == ("compares_with",)


def test_using_x_in_the_motivation_is_background(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Large models run out of memory even when using pipeline parallelism. "
        "We propose Zorblax. It then trains the model using Adam.",
    )
    assert got["pipeline parallelism"][1] == ("mentions",)
    assert got["Adam"][1] == ("uses",)


def test_n_times_that_of_x_is_a_comparison(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We propose Zorblax. Zorblax reaches 2.5 times that of QuuxNet-2 in throughput.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)


def test_devices_counted_after_the_own_work_begins_are_run_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We describe Zorblax, a trainer for widgets. The final run took 4096 GPUs for a week.",
    )
    assert got["gpu"] == ("Hardware", ("runs_on",), 4096)


def test_devices_counted_in_a_hyphenated_cluster_are_run_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "We describe Zorblax, a trainer for widgets. Its largest job filled a 256-GPU pod.",
    )
    assert got["gpu"] == ("Hardware", ("runs_on",), 256)


def test_hardware_resources_as_a_constraint_are_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Where GPU hardware budgets are tight, we offload widgets to the host with Zorblax.",
    )
    assert got["gpu"][1] == ("mentions",)


def test_what_an_unlike_clause_relies_on_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Unlike convolution-based detectors used in older pipelines, which rely heavily on "
        "tuned schedules for Adam, Zorblax trains with PyTorch and a constant step.",
    )
    assert got["Adam"][1] == ("mentions",)
    assert got["PyTorch"][1] == ("uses",)


def test_a_generic_topic_named_again_without_background_words_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Mixture-of-Experts layers keep growing in size. Routing tokens between MoE "
        "experts costs memory. We propose Zorblax to cut it.",
    )
    assert got["mixture-of-experts"][1] == ("uses",)


def test_a_generic_topic_named_again_as_prior_work_stays_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Existing Mixture-of-Experts layers keep growing in size. Previous MoE routers "
        "drop tokens. We propose Zorblax to cut memory.",
    )
    assert got["mixture-of-experts"][1] == ("mentions",)


def test_a_novel_thing_in_a_proposal_sentence_is_proposed(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Zorblax introduces a novel QuuxCache to overlap widget transfers.",
    )
    assert got["QuuxCache"][1] == ("proposes",)


def test_a_novel_thing_built_on_another_does_not_propose_that_one(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Zorblax introduces a novel MoE router and a novel MoE-based cache for widgets.",
    )
    assert got["moe"][1] != ("proposes",)


def test_the_name_a_code_link_is_named_after_is_proposed(extractor):
    got = _roles(
        extractor,
        "Faster Widget Sampling",
        "We speed up widget sampling. QuuxSolve beats ZetaNet-3 on ImageNet. "
        "Code is at https://github.com/someone/QuuxSolve. See also "
        "https://github.com/someone/ZetaNet-3/tree/main.",
    )
    assert got["QuuxSolve"][1] == ("proposes",)
    assert "proposes" not in got["ZetaNet-3"][1]


def test_what_the_own_work_is_free_of_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: No-Adam Training of Widgets",
        "We propose Zorblax, a PyTorch-based and MoE-free trainer for widgets.",
    )
    assert got["Adam"][1] == ("mentions",)
    assert got["moe"][1] == ("mentions",)
    assert got["PyTorch"][1] == ("uses",)


def test_an_abbreviated_topic_taken_up_again_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Existing tensor parallelism (TP) schemes have been limited by bandwidth. "
        "As the TP degree grows, communication dominates the step time. "
        "We propose Zorblax to overlap it.",
    )
    assert got["TP"][1] == ("uses",)


def test_an_abbreviated_term_only_in_background_is_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Existing tensor parallelism (TP) schemes have been limited by bandwidth. "
        "Prior TP work has been slow. We propose Zorblax to overlap communication.",
    )
    assert got["TP"][1] == ("mentions",)


def test_more_ways_of_putting_forward_the_own_work(extractor):
    cases = {
        "We introduce a lean solution, namely the ZorbNet.": "ZorbNet",
        "This article presents ZorbNet for sparse training.": "ZorbNet",
        "We thus propose ZorbNet to speed up sparse training.": "ZorbNet",
        "We propose and evaluate ZorbNet, a lean trainer.": "ZorbNet",
        "We propose ZorbNet and QuuxNet, two lean trainers.": "QuuxNet",
        "In this work, ZorbNet is proposed to cut memory.": "ZorbNet",
        "On four tasks, the proposed ZorbNet cuts memory by half.": "ZorbNet",
        "ZorbNet, our new trainer, cuts memory by half.": "ZorbNet",
    }
    for abstract, name in cases.items():
        got = _roles(extractor, "Lean Training", "Training is slow. " + abstract)
        assert got[name][1] == ("proposes",), abstract


def test_a_subject_after_a_fronted_phrase_is_not_an_apposition(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "We propose ZorbNet. When combined with schedules like QuuxNet-2, our approach "
        "balances memory. BlorpNet was proposed by others to cut memory.",
    )
    assert "proposes" not in got["QuuxNet-2"][1]
    assert "proposes" not in got["BlorpNet"][1]


def test_a_that_clause_after_a_comparison_starts_anew(extractor):
    got = _roles(
        extractor,
        "Revisiting Widgets",
        "We find that tuning matters more than layout, and further, that the resulting "
        "QuuxNets match larger models.",
    )
    assert "compares_with" not in got["QuuxNets"][1]


def test_settings_listed_after_a_colon_are_no_competitors(extractor):
    got = _roles(
        extractor,
        "ZorbNet: Lean Sequence Models",
        "We propose ZorbNet. ZorbNet is comparable to QuuxNet-2 on ten datasets across "
        "three settings: reinforcement learning, forecasting and classification. ZorbNet "
        "outperforms two baselines: BlorpNet and QuuxNet-3.",
    )
    assert got["QuuxNet-2"][1] == ("compares_with",)
    assert "compares_with" not in got["reinforcement learning"][1]
    assert got["BlorpNet"][1] == ("compares_with",)


def test_a_parenthesis_that_likens_the_work_only_mentions(extractor):
    got = _roles(
        extractor,
        "ZorbNet: Lean Sequence Models",
        "We propose ZorbNet, a module that can be trained in parallel (like QuuxNet-2) "
        "and uses BlorpNet for its updates.",
    )
    assert got["QuuxNet-2"][1] == ("mentions",)
    assert got["BlorpNet"][1] == ("uses",)


def test_the_product_a_system_is_shipped_in_is_mentioned(extractor):
    got = _roles(
        extractor,
        "ZorbServe: Real-Time Serving",
        "We present ZorbServe, built on PyTorch. ZorbServe has been deployed in the "
        "QuuxCloud product of our company.",
    )
    assert got["PyTorch"][1] == ("uses",)
    assert got["QuuxCloud"][1] == ("mentions",)


def test_what_the_own_work_does_away_with_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "ZorbNet: Lean Training",
        "We propose ZorbNet, which uses BlorpNet-2 and lets us bypass backpropagation. "
        "ZorbNet also eliminates the need for QuuxNet-3 and avoids costly QuuxNet-4 calls.",
    )
    assert got["BlorpNet-2"][1] == ("uses",)
    assert got["backpropagation"][1] == ("mentions",)
    assert got["QuuxNet-3"][1] == ("mentions",)
    assert got["QuuxNet-4"][1] == ("mentions",)


def test_a_known_kind_called_novel_at_the_end_of_its_phrase_is_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Kernels",
        "We propose LeanKern. We provide an evaluation of training with a novel "
        "pipeline parallelism inspired by LeanKern, and a novel MoE router.",
    )
    assert got["pipeline parallelism"][1] == ("proposes",)
    assert "proposes" not in got["moe"][1]


def test_prior_work_put_forward_in_the_present_tense_is_not_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Recently, QuuxNet-5 is proposed to cut memory. We propose ZorbNet, which is faster.",
    )
    assert "proposes" not in got["QuuxNet-5"][1]
    assert got["ZorbNet"][1] == ("proposes",)


@pytest.fixture(scope="module")
def device_extractor(tiny_vocab):
    """The tiny vocabulary plus one specific device, "ZX9"."""
    zx9 = VocabConcept("urn:x:zx9", "zx9", EntityType.HARDWARE.value, "ZX9")
    return Extractor(vocab_files=[register_concepts("tiny-zx9", [*tiny_vocab, zx9])])


def test_our_known_device_is_the_testbed_not_a_proposal(device_extractor):
    got = _roles(
        device_extractor,
        "ZorbNet: Lean Training",
        "We propose ZorbNet. On our ZX9 cluster, ZorbNet cuts iteration time by 30%.",
    )
    assert got["ZorbNet"][1] == ("proposes",)
    assert got["ZX9"][1] == ("runs_on",)


def test_past_tense_and_other_creation_verbs_propose(extractor):
    got = _roles(
        extractor,
        "Lean Training at Scale",
        "We developed ZorbNet for lean training. We further devised BlorpSched, which "
        "overlaps compute and communication, and we created QuuxSet, a set of 10k prompts.",
    )
    for name in ("ZorbNet", "BlorpSched", "QuuxSet"):
        assert "proposes" in got[name][1], name


def test_a_model_named_after_the_own_work_without_a_cue_is_mentioned(extractor):
    got = _roles(
        extractor,
        "ZorbNet: Lean Optimizers",
        "We propose ZorbNet, a lean optimizer. Chat models like Quux-7B answer questions "
        "fluently. It combines Adam with pipeline parallelism.",
    )
    assert got["Quux-7B"][:2] == ("Model", ("mentions",))
    assert got["Adam"][1] == ("uses",)


def test_a_known_tool_naming_our_implementation_is_used_not_proposed(extractor):
    for sentence in (
        "Our PyTorch implementation of ZorbNet trains 2x faster.",
        "We release PyTorch kernels for ZorbNet.",
        "We present PyTorch-compatible operators for ZorbNet.",
    ):
        got = _roles(extractor, "ZorbNet: Lean Training", "We propose ZorbNet. " + sentence)
        assert got["ZorbNet"][1] == ("proposes",), sentence
        assert got["PyTorch"][1] == ("uses",), sentence


def test_examples_of_a_class_the_work_is_compared_with_are_compared_with(extractor):
    got = _roles(
        extractor,
        "ZorbServe: Fast Serving",
        "Existing serving systems such as QuuxServe and BlorpServe batch requests per "
        "iteration. We propose ZorbServe. ZorbServe achieves 2x higher throughput than "
        "existing serving systems.",
    )
    assert got["QuuxServe"][1] == ("compares_with",)
    assert got["BlorpServe"][1] == ("compares_with",)


def test_examples_of_a_class_not_compared_with_stay_mentioned(extractor):
    got = _roles(
        extractor,
        "ZorbServe: Fast Serving",
        "Existing serving systems such as QuuxServe batch requests per iteration. We "
        "propose ZorbServe. ZorbServe achieves 2x higher throughput than existing "
        "training methods.",
    )
    assert got["QuuxServe"][1] == ("mentions",)


def test_a_name_inside_an_unlike_phrase_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "ZorbNet: One-Pass Synthesis",
        "We propose ZorbNet. ZorbNet needs a single forward pass, unlike methods that "
        "require iterative refinement or sampling such as QuuxDiff-2. ZorbNet uses "
        "Adam, as does the full pipeline parallelism of QuuxNet-4, unlike others.",
    )
    assert got["QuuxDiff-2"][1] == ("mentions",)
    assert got["Adam"][1] == ("uses",)


def test_equatives_and_reaching_a_rival_compare(extractor):
    for sentence in (
        "ZorbNet achieves the same accuracy as Adam with half the memory.",
        "ZorbNet reaches the accuracy of Adam in half the steps.",
        "ZorbNet closes the gap with Adam on long runs.",
        "ZorbNet delivers a 2x speedup with respect to Adam.",
    ):
        got = _roles(extractor, "ZorbNet: Lean Training", "We propose ZorbNet. " + sentence)
        assert got["Adam"][1] == ("compares_with",), sentence


def test_a_fronted_phrase_with_our_is_no_apposition(extractor):
    # "In our experiments, X ..." puts X after a fronted phrase, not after "our <noun>,":
    # X is whatever the sentence makes of it, not the paper's own system.
    got = _roles(
        extractor,
        "Zorblax: Lean Training of Large Models",
        "We propose Zorblax, a memory planner. In our experiments, DeepSpeed runs out of "
        "memory at 13B parameters while Zorblax trains 40B.",
    )
    assert "proposes" not in got["DeepSpeed"][1]
    assert got["Zorblax"][1] == ("proposes",)
    # the apposition it must not block: "our new trainer, X"
    got = _roles(
        extractor,
        "Fast Training",
        "We study memory. In this paper we present our new trainer, QuuxTrain, which "
        "halves memory.",
    )
    assert got["QuuxTrain"][1] == ("proposes",)


def test_a_link_data_travels_over_is_no_rival(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Gradient Exchange",
        "We propose Zorblax. Zorblax gives higher throughput on GPUs connected over "
        "NVLink. It cuts traffic by 3x: fewer gradients are sent over InfiniBand. "
        "Zorblax gives a 2x speedup over NCCL.",
    )
    assert "compares_with" not in got["NVLink"][1]
    assert "compares_with" not in got["InfiniBand"][1]
    assert got["NCCL"][1] == ("compares_with",)


def test_than_before_a_quantity_or_an_alternative_compares_nothing(extractor):
    got = _roles(
        extractor,
        "Zorblax: Fast Training",
        "We propose Zorblax. Models with more than 100B parameters, such as GPT-3, need "
        "many GPUs. Zorblax shards state rather than PyTorch tensors. Zorblax is faster "
        "than DeepSpeed.",
    )
    assert "compares_with" not in got["GPT-3"][1]
    assert "compares_with" not in got["PyTorch"][1]
    assert got["DeepSpeed"][1] == ("compares_with",)


def test_data_after_a_test_verb_that_follows_training_is_only_evaluated_on(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Models",
        "We propose Zorblax, a language model. Zorblax is trained on C4 and evaluated on "
        "WikiText-103.",
    )
    assert "uses" in got["C4"][1]
    assert got["WikiText-103"][1] == ("evaluates_on",)


def test_rivaling_and_rivaled_compare(extractor):
    for verb in ("rivaling", "rivalling", "rivaled"):
        got = _roles(
            extractor,
            "Zorblax: Lean Training",
            f"We propose Zorblax. Zorblax reaches a throughput {verb} DeepSpeed on 8 GPUs.",
        )
        assert got["DeepSpeed"][1] == ("compares_with",), verb


def test_a_new_name_defined_as_a_kind_of_work_is_proposed(extractor):
    cases = {
        "ZorbFlow is a simple method that halves activation memory.": "ZorbFlow",
        "QuaxPipe is the first system to overlap all collectives.": "QuaxPipe",
        "QuaxPipe addresses this problem by overlapping collectives.": "QuaxPipe",
        "ZorbFlow tackles these memory bottlenecks with sharding.": "ZorbFlow",
    }
    for abstract, name in cases.items():
        got = _roles(extractor, "Lean Training", "Training is slow. " + abstract)
        assert got[name][1] == ("proposes",), abstract


def test_a_known_name_defined_as_a_kind_of_work_is_not_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Training is slow. PyTorch is a library that offers eager execution. Recently, "
        "QuaxPipe is a system that overlaps collectives.",
    )
    assert "proposes" not in got["PyTorch"][1]
    assert "proposes" not in got["QuaxPipe"][1]


def test_lists_parentheses_and_design_of_in_proposal_sentences(extractor):
    cases = {
        "We introduce two techniques: ZorbFlow and QuaxPipe.": "QuaxPipe",
        "We present the design and implementation of ZorbFlow, a lean trainer.": "ZorbFlow",
        "We propose a novel activation-sharding method (ZorbFlow) that halves memory.": (
            "ZorbFlow"
        ),
    }
    for abstract, name in cases.items():
        got = _roles(extractor, "Lean Training", "Training is slow. " + abstract)
        assert got[name][1] == ("proposes",), abstract


def test_a_parenthesis_after_a_prepositional_phrase_is_not_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Training is slow. We propose a trainer based on Low-Rank Adaptation (LoRA).",
    )
    assert "proposes" not in got["LoRA"][1]


def test_names_the_writers_give_and_parts_they_list_are_proposed(extractor):
    cases = {
        "We shard activations with a technique we refer to as ZorbFlow.": "ZorbFlow",
        "We present BlorpNet, which consists of two novel components: ZorbFlow and "
        "QuaxPipe.": "QuaxPipe",
        "Our trainer has three parts: ZorbFlow, QuaxPipe and a cache.": "ZorbFlow",
    }
    for abstract, name in cases.items():
        got = _roles(extractor, "Lean Training", "Training is slow. " + abstract)
        assert got[name][1] == ("proposes",), abstract


def test_parts_listed_in_a_background_sentence_are_not_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Training is slow. Existing trainers have two parts: ZorbFlow and QuaxPipe. "
        "We propose BlorpNet.",
    )
    assert "proposes" not in got["ZorbFlow"][1]


def test_enumerations_and_own_subjects_in_proposal_sentences(extractor):
    cases = {
        "We propose (1) ZorbFlow, which overlaps communication, and (2) QuaxPipe, which "
        "reuses activations.": "QuaxPipe",
        "Our framework introduces two techniques, ZorbFlow and QuaxPipe.": "QuaxPipe",
        "We propose BlorpNet. It introduces QuaxPipe, which overlaps communication.": ("QuaxPipe"),
    }
    for abstract, name in cases.items():
        got = _roles(extractor, "Lean Training", "Training is slow. " + abstract)
        assert got[name][1] == ("proposes",), abstract


def test_it_introduces_in_prior_work_is_not_a_proposal(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Existing trainers are slow; it introduces QuaxPipe to overlap communication. "
        "We propose BlorpNet.",
    )
    assert "proposes" not in got["QuaxPipe"][1]


def test_a_new_name_opening_a_sentence_on_this_paper_is_proposed(extractor):
    for opener in ("In this work, ", "In this paper, ", "Here, "):
        got = _roles(
            extractor,
            "Lean Training",
            "Training is slow. " + opener + "ZorbFlow shards activations across GPUs.",
        )
        assert got["ZorbFlow"][1] == ("proposes",), opener


def test_a_known_name_opening_a_sentence_on_this_paper_is_not_proposed(extractor):
    got = _roles(
        extractor,
        "Lean Training",
        "Training is slow. In this paper, PyTorch runs our sharded trainer.",
    )
    assert "proposes" not in got["PyTorch"][1]


def test_a_named_tool_the_background_keeps_naming_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Megatron-LM shards each layer across GPUs. Sharding in Megatron-LM needs fast "
        "links. We propose Zorblax to cut its traffic.",
    )
    assert got["Megatron-LM"][1] == ("uses",)


def test_a_named_tool_named_again_as_prior_work_stays_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Existing systems like Megatron-LM shard each layer. Previous Megatron-LM "
        "releases need fast links. We propose Zorblax to cut traffic.",
    )
    assert got["Megatron-LM"][1] == ("mentions",)


def test_a_claim_about_the_field_after_the_own_work_only_mentions(extractor):
    for sentence in (
        "However, QuaxPipe stalls on long sequences.",
        "Schedulers such as QuaxPipe typically stall on long sequences.",
        "QuaxPipe suffers from stalls on long sequences.",
    ):
        got = _roles(
            extractor,
            "Zorblax: Lean Training",
            "Training is slow. We propose Zorblax to cut memory. " + sentence,
        )
        assert got["QuaxPipe"][1] == ("mentions",), sentence


def test_a_clause_building_on_recent_work_before_we_is_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Training is slow. Building on recent advances in FlashAttention, we propose Zorblax.",
    )
    assert got["FlashAttention"][1] == ("uses",)


def test_a_prior_work_clause_before_we_only_mentions(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Recent work speeds up attention with FlashAttention, but we find that it wastes "
        "memory. While existing trainers use QuaxPipe, we cut memory. Based on the popular "
        "BlorpNet, we build Zorblax.",
    )
    assert got["FlashAttention"][1] == ("mentions",)
    assert got["QuaxPipe"][1] == ("mentions",)
    assert got["BlorpNet"][1] == ("uses",)


def test_recent_things_the_own_work_goes_on_to_name_are_used(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Training is slow. We propose Zorblax to cut memory. It shards recent optimizers "
        "such as QuaxPipe and state-of-the-art schedulers like BlorpNet. Existing "
        "systems such as ZetaFlow replicate weights.",
    )
    assert got["QuaxPipe"][1] == ("uses",)
    assert got["BlorpNet"][1] == ("uses",)
    assert got["ZetaFlow"][1] == ("mentions",)


def test_what_the_own_work_is_contrasted_with_is_only_mentioned(extractor):
    got = _roles(
        extractor,
        "Zorblax: Lean Training",
        "Training is slow. In contrast to QuaxPipe, which replicates weights, we shard "
        "them. As opposed to BlorpNet, our Zorblax keeps no copies. Motivated by "
        "FlashAttention, we tile the kernel.",
    )
    for name in ("QuaxPipe", "BlorpNet", "FlashAttention"):
        assert got[name][1] == ("mentions",), name
